"""Helpers for the Board tests (a plain module: conftest files are not importable)."""

from __future__ import annotations

import json
from pathlib import Path

from chilinh_desktop.cli import main

UNIT = "DB15"  # a demo unit with items still missing at the Board's demo: filled from the kit instead
SIGNED_UNIT = "DB01"  # signed off by the demo build: the demo Board can export it with the demo key


def run(capsys, *argv: str) -> tuple[int, str, str]:
    """Run the CLI; return (exit code, stdout, stderr)."""
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def run_json(capsys, *argv: str):
    """Run the CLI with --json and return (exit code, parsed stdout)."""
    code, out, err = run(capsys, *argv, "--json")
    assert out.strip(), err
    return code, json.loads(out)


def unit_package(capsys, kit: Path, folder: Path, code: str = UNIT, *, name: str = "unit") -> tuple[Path, Path]:
    """A unit installation made from the kit, signed off and exported into `folder`: (db, package)."""
    db = folder / f"{name}.sqlite3"
    out = folder / f"{name}-usb"
    out.mkdir()
    assert run(capsys, "demo", "--role", "unit", "--unit", code, "--kit", str(kit), "--db", str(db))[0] == 0
    # The demo unit's ratings carry warnings (quota, collective above its organisation): acknowledged.
    assert run(capsys, "signoff", "--db", str(db), "--unit", code, "--by", "Bí thư", "--acknowledge-warnings")[0] == 0
    status, result = run_json(capsys, "export", "--db", str(db), "--unit", code, "--out", str(out))
    assert status == 0, result
    return db, Path(result["path"])


PRIORITY = ("decision", "proposal", "self")


def package_documents(package: Path) -> tuple[dict, list[dict]]:
    """unit.json and every officials/*.json of a package, read from the ZIP (unsealed with the demo Board's key)."""
    from forge import read_bag

    payload, _info = read_bag(package)
    unit_doc = json.loads(payload["unit.json"])
    officials = [json.loads(data) for name, data in payload.items()
                 if name.startswith("officials/") and name.endswith(".json")]
    return unit_doc, officials


def package_levels(package: Path) -> dict[str, str | None]:
    """Each subject's furthest rating step in a package (None: no step, or not rated), recounted by hand."""
    unit_doc, officials = package_documents(package)
    records = {"unit": unit_doc["ratings"]["organisation"], "collective": unit_doc["ratings"]["collective"]}
    records.update({f"official:{doc['official']['id']}": doc["ratings"] for doc in officials})
    levels = {}
    for key, record in records.items():
        step = next((s for s in PRIORITY if s in record["steps"]), None)
        levels[key] = None if record["not_rated"] or step is None else record["steps"][step]["level"]
    return levels
