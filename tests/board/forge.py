"""A forger's kit for the Board's tests: rebuild a real package with changes, re-signed with a real key.

The result is a well-formed, validly signed BagIt bag (manifests, Payload-Oxum and tag manifest all
recomputed), so only what the Board does beyond the signature stands between it and the file. A
sealed package (package/sealed.py) is opened with the demo Board's key and the forgery sealed again
to it, signed inside and out: the forger has everything a unit has.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path

from chilinh_desktop.core.store import Store
from chilinh_desktop.package import agecrypt, keys, sealed, sshsig
from chilinh_desktop.package.keyring import board_identity, board_recipient, signing_key

_DECLARATION = b"BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"
DROP = None
BOARD_DB: Path | None = None  # the demo Board's data file (its age keys); set by the `exchange` fixture
_SEALED = "data/" + sealed.SEALED_NAME


def unit_key(db: Path):
    """The unit installation's own signing key (the demo unit has no passphrase)."""
    with Store.open(db) as store:
        return signing_key(store)


def _board_keys():
    assert BOARD_DB is not None, "a sealed package needs the Board's keys: use the exchange fixture"
    with Store.open(BOARD_DB) as store:
        return board_identity(store), board_recipient(store).public


def _read(data: bytes) -> tuple[dict[str, bytes], dict[str, str], bool]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        payload = {n[len("data/"):]: archive.read(n) for n in archive.namelist() if n.startswith("data/")}
        info_text = archive.read("bag-info.txt").decode("utf-8")
    info = dict(line.split(": ", 1) for line in info_text.splitlines() if line)
    if sealed.is_sealed(info):
        inner = agecrypt.decrypt(payload[sealed.SEALED_NAME], _board_keys()[0])
        payload, info, _ = _read(inner)
        return payload, info, True
    for computed in ("Bagging-Date", "Payload-Oxum"):
        info.pop(computed, None)
    return payload, info, False


def read_bag(package: Path) -> tuple[dict[str, bytes], dict[str, str]]:
    """(payload by name under data/, bag-info labels without the computed ones) of a package, unsealed."""
    payload, info, _sealed = _read(Path(package).read_bytes())
    return payload, info


def is_sealed(package: Path) -> bool:
    """Whether the package is sealed to the Board."""
    with zipfile.ZipFile(package) as archive:
        return _SEALED in archive.namelist()


def _bag(payload: dict[str, bytes], labels: dict[str, str], key) -> bytes:
    manifest = "".join(f"{hashlib.sha256(data).hexdigest()}  data/{name}\n" for name, data in payload.items())
    octets = sum(len(data) for data in payload.values())
    bag_info = "".join(f"{label}: {value}\n" for label, value in
                       [*labels.items(), ("Bagging-Date", "2023-12-01"), ("Payload-Oxum", f"{octets}.{len(payload)}")])
    tags = {"bagit.txt": _DECLARATION, "bag-info.txt": bag_info.encode("utf-8"), "manifest-sha256.txt":
            manifest.encode("utf-8")}
    tagmanifest = "".join(f"{hashlib.sha256(data).hexdigest()}  {name}\n" for name, data in tags.items()).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in tags.items():
            archive.writestr(name, data)
        for name, data in payload.items():
            archive.writestr(f"data/{name}", data)
        archive.writestr("tagmanifest-sha256.txt", tagmanifest)
        archive.writestr("tagmanifest-sha256.txt.sig", sshsig.sign(tagmanifest, key))
    return buffer.getvalue()


def forge(package: Path, target: Path, key, *, files: dict[str, bytes | None] | None = None,
          info: dict[str, str] | None = None, seal: bool | None = None) -> Path:
    """Write `target`: `package` with payload files replaced/added (None drops one) and labels changed, re-signed.

    Sealed to the Board again when the original was (or when `seal` says so), signed inside and out."""
    payload, labels, was_sealed = _read(Path(package).read_bytes())
    for name, data in (files or {}).items():
        if data is None:
            payload.pop(name, None)
        else:
            payload[name] = data
    labels["Signer-Fingerprint"] = keys.fingerprint(key)
    labels.update(info or {})
    data = _bag(payload, labels, key)
    if was_sealed if seal is None else seal:
        envelope = dict(sealed.seal(data, _board_keys()[1]))
        data = _bag(envelope, {**labels, sealed.SEALED_LABEL: sealed.SEALED_VALUE}, key)
    Path(target).write_bytes(data)
    return Path(target)


def documents(package: Path) -> tuple[dict, dict[str, dict]]:
    """unit.json and the cadre documents by file name, as plain JSON to tamper with."""
    payload, _info = read_bag(package)
    officials = {n: json.loads(d) for n, d in payload.items() if n.startswith("officials/")}
    return json.loads(payload["unit.json"]), officials


def dumped(value) -> bytes:
    """JSON bytes as a forger would write them."""
    return json.dumps(value, ensure_ascii=False).encode("utf-8")
