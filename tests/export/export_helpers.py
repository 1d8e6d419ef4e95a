"""Helpers shared by the export tests (a plain module: conftest files are not importable)."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

from chilinh_desktop.cli import main

SIGNED_UNIT = "DB01"  # every dossier of this demo unit is signed off by the demo build
COMPLETE_UNIT = "DB08"  # complete but not signed off
DRAFT_UNIT = "DB15"  # items still missing


def run_json(capsys, *argv: str) -> tuple[int, dict]:
    """Run the CLI with --json and return (exit code, parsed stdout)."""
    code = main([*argv, "--json"])
    out = capsys.readouterr().out
    return code, json.loads(out) if out.strip() else {}


def file_hash(path: Path) -> str:
    """SHA-256 of a file, to show it did not change."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def rewrite_zip(source: Path, target: Path, *, replace: dict[str, bytes] | None = None,
                drop: set[str] = frozenset(), add: list[tuple[str | zipfile.ZipInfo, bytes]] = ()) -> Path:
    """Copy a package ZIP entry by entry, changing, dropping or adding entries (a forger's tools)."""
    replace = replace or {}
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            if info.filename in drop:
                continue
            new.writestr(info, replace.get(info.filename, old.read(info)))
        for name, data in add:
            new.writestr(name, data)
    return target


def unsealed(package: Path, board_db: Path) -> zipfile.ZipFile:
    """The inner package of a sealed one, opened with the Board's keys in `board_db` (the demo's: no passphrase)."""
    import io

    from chilinh_desktop.core.store import Store
    from chilinh_desktop.package import sealed
    from chilinh_desktop.package.keyring import board_identity

    with Store.open(board_db) as store:
        identity = board_identity(store)
    data = sealed.unseal(sealed.sealed_bytes(Path(package)), identity)
    return zipfile.ZipFile(io.BytesIO(data))
