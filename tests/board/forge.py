"""A forger's kit for the Board's tests: rebuild a real package with changes, re-signed with a real key.

The result is a well-formed, validly signed BagIt bag (manifests, Payload-Oxum and tag manifest all
recomputed), so only what the Board does beyond the signature stands between it and the file.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

from chilinh_desktop.core.store import Store
from chilinh_desktop.package import keys, sshsig
from chilinh_desktop.package.keyring import signing_key

_DECLARATION = b"BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"
DROP = None


def unit_key(db: Path):
    """The unit installation's own signing key (the demo unit has no passphrase)."""
    with Store.open(db) as store:
        return signing_key(store)


def read_bag(package: Path) -> tuple[dict[str, bytes], dict[str, str]]:
    """(payload by name under data/, bag-info labels without the computed ones) of a package."""
    with zipfile.ZipFile(package) as archive:
        payload = {n[len("data/"):]: archive.read(n) for n in archive.namelist() if n.startswith("data/")}
        info_text = archive.read("bag-info.txt").decode("utf-8")
    info = dict(line.split(": ", 1) for line in info_text.splitlines() if line)
    for computed in ("Bagging-Date", "Payload-Oxum"):
        info.pop(computed, None)
    return payload, info


def forge(package: Path, target: Path, key, *, files: dict[str, bytes | None] | None = None,
          info: dict[str, str] | None = None) -> Path:
    """Write `target`: `package` with payload files replaced/added (None drops one) and labels changed, re-signed."""
    payload, labels = read_bag(package)
    for name, data in (files or {}).items():
        if data is None:
            payload.pop(name, None)
        else:
            payload[name] = data
    labels["Signer-Fingerprint"] = keys.fingerprint(key)
    labels.update(info or {})
    manifest = "".join(f"{hashlib.sha256(data).hexdigest()}  data/{name}\n" for name, data in payload.items())
    octets = sum(len(data) for data in payload.values())
    bag_info = "".join(f"{label}: {value}\n" for label, value in
                       [*labels.items(), ("Bagging-Date", "2023-12-01"), ("Payload-Oxum", f"{octets}.{len(payload)}")])
    tags = {"bagit.txt": _DECLARATION, "bag-info.txt": bag_info.encode("utf-8"), "manifest-sha256.txt":
            manifest.encode("utf-8")}
    tagmanifest = "".join(f"{hashlib.sha256(data).hexdigest()}  {name}\n" for name, data in tags.items()).encode()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in tags.items():
            archive.writestr(name, data)
        for name, data in payload.items():
            archive.writestr(f"data/{name}", data)
        archive.writestr("tagmanifest-sha256.txt", tagmanifest)
        archive.writestr("tagmanifest-sha256.txt.sig", sshsig.sign(tagmanifest, key))
    return target


def documents(package: Path) -> tuple[dict, dict[str, dict]]:
    """unit.json and the cadre documents by file name, as plain JSON to tamper with."""
    payload, _info = read_bag(package)
    officials = {n: json.loads(d) for n, d in payload.items() if n.startswith("officials/")}
    return json.loads(payload["unit.json"]), officials


def dumped(value) -> bytes:
    """JSON bytes as a forger would write them."""
    return json.dumps(value, ensure_ascii=False).encode("utf-8")
