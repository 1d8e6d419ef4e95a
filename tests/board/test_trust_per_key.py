"""Trust is per key: one new key per unit per batch, one unit per key, and only the fingerprints a person accepted."""

from __future__ import annotations

import sqlite3
import uuid

import pytest
from forge import documents, dumped, forge, unit_key

from chilinh_desktop.core.clock import FixedClock
from chilinh_desktop.core.errors import ChilinhError
from chilinh_desktop.core.keys_store import record_unit_key
from chilinh_desktop.core.store import Store
from chilinh_desktop.demo.build import DEMO_TODAY
from chilinh_desktop.ops.importing import commit_import, import_packages, plan_import
from chilinh_desktop.package import keys


def _keys(db) -> dict[str, tuple[str, str]]:
    with sqlite3.connect(db) as conn:
        return {code: (fp, origin) for code, fp, origin in conn.execute(
            "SELECT u.code, k.fingerprint, k.origin FROM unit_keys k JOIN units u ON u.id = k.unit_id "
            "WHERE u.code IN ('DB14', 'DB15')")}


def _received(db) -> list[tuple[str, str]]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT unit_code, signer_fingerprint FROM received_packages ORDER BY id").fetchall()


def _store(db):
    return Store.open(db, clock=FixedClock(DEMO_TODAY))


def _impostor(exchange, tmp_path, key=None, name="impostor.zip"):
    """DB15's package re-signed by another key (a second installation, or a forger)."""
    key = key or keys.generate_signing_key()
    return forge(exchange["package"], tmp_path / name, key, info={"Package-Id": str(uuid.uuid4())}), key


def _as_db14(exchange, tmp_path, key, name="db14.zip"):
    """A package for DB14 (no cadres) signed with `key`."""
    with sqlite3.connect(exchange["folder"] / "board.sqlite3") as conn:
        unit_id, db14_name = conn.execute("SELECT id, name FROM units WHERE code = 'DB14'").fetchone()
    unit_doc, officials = documents(exchange["package"])
    unit_doc["unit"].update(id=unit_id, code="DB14", name=db14_name)
    unit_doc["officials"] = []
    unit_doc["dossier"] = None
    unit_doc["ratings"]["commendations"] = []  # DB15's proposals are about DB15's cadres: not DB14's to send
    files = {"unit.json": dumped(unit_doc), **dict.fromkeys(officials)}
    info = {"Package-Id": str(uuid.uuid4()), "Unit-Code": "DB14", "Unit-Name": db14_name}
    return forge(exchange["package"], tmp_path / name, key, files=files, info=info)


def test_two_new_keys_for_one_unit_trust_neither(demo_path, package, exchange, tmp_path):
    before = _keys(demo_path)
    other, _key = _impostor(exchange, tmp_path)
    with _store(demo_path) as store:
        outcomes = import_packages(store, [package, other], trust_new=True)
    assert [o.status for o in outcomes] == ["refused", "refused"]
    assert {o.code for o in outcomes} == {"package.key_ambiguous"}
    assert _keys(demo_path) == before and _received(demo_path) == []


def test_a_known_key_wins_over_a_new_one_in_the_same_batch(demo_path, package, exchange, tmp_path):
    with _store(demo_path) as store:
        import_packages(store, [package], trust_new=True)
    real = _keys(demo_path)["DB15"]
    other, _key = _impostor(exchange, tmp_path)
    with _store(demo_path) as store:
        outcome = import_packages(store, [other], trust_new=True)[0]
    assert (outcome.status, outcome.code) == ("refused", "sig.wrong_key")
    assert _keys(demo_path)["DB15"] == real


def test_one_key_is_never_recorded_for_two_units(demo_path, package, exchange, tmp_path):
    db15_key = unit_key(exchange["unit_db"])
    db14 = _as_db14(exchange, tmp_path, db15_key)
    # In one batch: the same new key for DB15 and DB14 is trusted for neither.
    with _store(demo_path) as store:
        outcomes = import_packages(store, [package, db14], trust_new=True)
    assert [(o.status, o.code) for o in outcomes] == [("refused", "package.key_shared")] * 2
    # In two batches: DB15 first (its key recorded), then DB14 signed by DB15's key is refused.
    with _store(demo_path) as store:
        assert import_packages(store, [package], trust_new=True)[0].status == "imported"
        outcome = import_packages(store, [db14], trust_new=True)[0]
    assert (outcome.status, outcome.code) == ("refused", "package.key_taken")
    keys_now = _keys(demo_path)
    assert keys_now["DB14"][1] == "demo" and keys_now["DB15"][1] == "package"
    assert _received(demo_path) == [("DB15", keys_now["DB15"][0])]


def test_the_store_itself_refuses_a_key_for_a_second_unit(demo_path):
    with _store(demo_path) as store:
        db14, db15 = (store.db.execute("SELECT id FROM units WHERE code = ?", [c]).fetchone()[0]
                      for c in ("DB14", "DB15"))
        record_unit_key(store, db15, "SHA256:abc", "ssh-ed25519 AAAA", origin="package")
        with pytest.raises(ChilinhError) as refused:
            record_unit_key(store, db14, "SHA256:abc", "ssh-ed25519 AAAA", origin="package")
    assert refused.value.code == "package.key_taken"


def test_only_the_accepted_fingerprints_are_imported(demo_path, package, exchange, tmp_path):
    db14 = _as_db14(exchange, tmp_path, keys.generate_signing_key())
    with _store(demo_path) as store:
        plan = plan_import(store, [package, db14])
        shown = {o.unit_code: o.fingerprint for o in plan.new_keys}
        assert set(shown) == {"DB14", "DB15"}
        # The clerk accepts DB15's fingerprint only (as the window's confirmation does).
        outcomes = commit_import(store, plan, {shown["DB15"]})
    assert [(o.unit_code, o.status) for o in outcomes] == [("DB15", "imported"), ("DB14", "waiting")]
    assert outcomes[1].code == "package.key_not_accepted"
    assert _keys(demo_path)["DB14"][1] == "demo"
    assert _received(demo_path) == [("DB15", shown["DB15"])]


def test_a_fingerprint_accepted_for_one_unit_does_not_open_another(demo_path, package, exchange, tmp_path):
    key = keys.generate_signing_key()
    db14 = _as_db14(exchange, tmp_path, key)
    with _store(demo_path) as store:
        plan = plan_import(store, [db14])
        # Accepting some other fingerprint (DB15's, say) does not let DB14's package in.
        outcome = commit_import(store, plan, {unit_key_fp(exchange)})[0]
    assert outcome.status == "waiting" and _received(demo_path) == []


def unit_key_fp(exchange) -> str:
    return keys.fingerprint(unit_key(exchange["unit_db"]))


def test_a_key_recorded_between_check_and_import_is_respected(demo_path, package, exchange, tmp_path):
    with _store(demo_path) as store:
        plan = plan_import(store, [package])
        fp = plan.new_keys[0].fingerprint
        unit_id = plan.outcomes[0].unit_id
        # Meanwhile someone records another key for the unit by hand.
        record_unit_key(store, unit_id, "SHA256:other", "ssh-ed25519 AAAA", origin="manual")
        outcome = commit_import(store, plan, {fp})[0]
    assert (outcome.status, outcome.code) == ("refused", "package.key_changed")
    assert _received(demo_path) == []


def _dump_hash(db) -> str:
    import hashlib

    with sqlite3.connect(db) as conn:
        return hashlib.sha256("\n".join(conn.iterdump()).encode("utf-8")).hexdigest()


def test_a_key_seen_in_a_package_refused_for_its_date_still_counts(demo_path, package, exchange, tmp_path):
    # Issue #25, item 5: the real DB15 package refused for its Exported-At beside an intruder's DB15 package.
    # The intruder's key must not become DB15's key; the real unit's later package still imports.
    real_key = unit_key(exchange["unit_db"])
    future = forge(exchange["package"], tmp_path / "future.zip", real_key,
                   info={"Package-Id": str(uuid.uuid4()), "Exported-At": "2024-12-05T09:00:00+07:00"})
    intruder, _key = _impostor(exchange, tmp_path)
    before, keys_before = _dump_hash(demo_path), _keys(demo_path)
    for batch in ([intruder, future], [future, intruder]):
        with _store(demo_path) as store:
            outcomes = import_packages(store, batch, trust_new=True)
        codes = {o.path.name: o.code for o in outcomes}
        assert codes == {"future.zip": "package.exported_at_future", "impostor.zip": "package.key_ambiguous"}
        assert all(o.status == "refused" for o in outcomes)
        assert _dump_hash(demo_path) == before and _keys(demo_path) == keys_before
    with _store(demo_path) as store:
        outcome = import_packages(store, [package], trust_new=True)[0]
    assert outcome.status == "imported"
    assert _keys(demo_path)["DB15"] == (keys.fingerprint(real_key), "package")
