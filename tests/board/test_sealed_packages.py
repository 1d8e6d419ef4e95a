"""Nothing readable on a lost USB stick: the package is sealed to the Board; old packages still import."""

from __future__ import annotations

import hashlib
import sqlite3
import uuid
import zipfile

from forge import _bag, _board_keys, documents, forge, read_bag, unit_key

from chilinh_desktop.core.clock import FixedClock
from chilinh_desktop.core.store import Store
from chilinh_desktop.demo.build import DEMO_TODAY
from chilinh_desktop.ops.importing import import_packages
from chilinh_desktop.package import keys, sealed


def _dump(db) -> str:
    with sqlite3.connect(db) as conn:
        return hashlib.sha256("\n".join(conn.iterdump()).encode("utf-8")).hexdigest()


def _import(db, path):
    with Store.open(db, clock=FixedClock(DEMO_TODAY)) as store:
        return import_packages(store, [path], trust_new=True)[0]


def test_the_exported_package_shows_nothing_but_labels_and_signature(exchange):
    with zipfile.ZipFile(exchange["package"]) as archive:
        payload = [n for n in archive.namelist() if n.startswith("data/")]
        assert payload == ["data/" + sealed.SEALED_NAME]
        text = b"".join(archive.read(n) for n in archive.namelist())
    _unit_doc, officials = documents(exchange["package"])  # opened with the Board's key
    names = [doc["official"]["full_name"].encode() for doc in officials.values()]
    assert names and not [name for name in names if name in text] and b"chilinh-official" not in text


def test_an_old_unsealed_package_still_imports(demo_path, exchange, tmp_path):
    # The format before sealing: the inner package itself, signed by the unit.
    old = forge(exchange["package"], tmp_path / "old.zip", unit_key(exchange["unit_db"]), seal=False)
    with zipfile.ZipFile(old) as archive:
        assert "data/unit.json" in archive.namelist()
    assert _import(demo_path, old).status == "imported"


def test_a_sealed_package_whose_inner_package_disagrees_is_refused(demo_path, exchange, tmp_path):
    key = unit_key(exchange["unit_db"])
    before = _dump(demo_path)
    payload, labels = read_bag(exchange["package"])
    recipient = _board_keys()[1]
    cases = {}
    # The envelope says another export moment than the inner package it carries.
    inner = _bag(payload, labels, key)
    outer_labels = {**labels, "Exported-At": "2023-12-05T10:00:00+07:00", sealed.SEALED_LABEL: sealed.SEALED_VALUE}
    cases["labels differ"] = _bag(dict(sealed.seal(inner, recipient)), outer_labels, key)
    # The inner package signed by another key than the envelope.
    other = keys.generate_signing_key()
    inner = _bag(payload, {**labels, "Signer-Fingerprint": keys.fingerprint(other)}, other)
    cases["inner signed by another key"] = _bag(dict(sealed.seal(inner, recipient)),
                                                {**labels, sealed.SEALED_LABEL: sealed.SEALED_VALUE}, key)
    # Sealed to a key that is not the Board's.
    import pyrage

    stranger = pyrage.x25519.Identity.generate().to_public()
    cases["sealed to a stranger"] = _bag(dict(sealed.seal(_bag(payload, labels, key), str(stranger))),
                                         {**labels, sealed.SEALED_LABEL: sealed.SEALED_VALUE}, key)
    codes = {}
    for label, data in cases.items():
        path = tmp_path / f"{uuid.uuid4()}.zip"
        path.write_bytes(data)
        outcome = _import(demo_path, path)
        codes[label] = (outcome.status, outcome.code)
    assert codes == {"labels differ": ("refused", "package.sealed_mismatch"),
                     "inner signed by another key": ("refused", "package.sealed_mismatch"),
                     "sealed to a stranger": ("refused", "age.wrong_identity")}
    assert _dump(demo_path) == before
