"""Crafted packages, each validly signed with the unit's own real key: refused with a code, the Board unchanged.

Every variant is a real DB15 package rebuilt with one change and re-signed (tag manifest and all), so
the signature holds and only the Board's schema, label, boundary and trust checks stand in the way.
"""

from __future__ import annotations

import copy
import hashlib
import random
import sqlite3
from collections import Counter
from pathlib import Path

import pytest
from forge import DROP, documents, dumped, forge, read_bag, unit_key

from chilinh_desktop.core.clock import FixedClock
from chilinh_desktop.core.store import Store
from chilinh_desktop.demo.build import DEMO_TODAY
from chilinh_desktop.ops.importing import REFUSED, import_packages
from chilinh_desktop.resources import forms_dir

# One pytest-xdist worker runs the whole module: its module fixture is built once, not once per worker.
pytestmark = pytest.mark.xdist_group("test_crafted_packages")


def _unit(change):
    def build(unit_doc, officials, foreign):
        doc = copy.deepcopy(unit_doc)
        change(doc, foreign)
        return {"unit.json": dumped(doc)}
    return build


def _official(change):
    def build(unit_doc, officials, foreign):
        name, doc = next(iter(officials.items()))
        doc = copy.deepcopy(doc)
        change(doc, foreign)
        return {name: dumped(doc)}
    return build


def _raw(data: bytes):
    return lambda unit_doc, officials, foreign: {"unit.json": data}


def _set(path: str, value):
    """A change setting the field at a dotted path (list indexes as numbers)."""
    def change(doc, foreign):
        *parents, last = path.split(".")
        for part in parents:
            doc = doc[int(part)] if isinstance(doc, list) else doc[part]
        if value is DROP:
            del doc[last]
        else:
            doc[last] = value
    return change


def _first_item(unit_doc) -> str:
    return next(iter(unit_doc["dossier"]["items"]))


def _item_change(field, value):
    def change(doc, foreign):
        doc["dossier"]["items"][_first_item(doc)][field] = value
    return change


def _foreign_cadre(unit_doc, officials, foreign):
    # A DB14 cadre rated KHTNV slipped into DB15's package (the issue's case).
    _name, doc = next(iter(officials.items()))
    doc = copy.deepcopy(doc)
    doc["official"].update(id=foreign["official_id"], full_name=foreign["name"])
    doc["dossier"]["id"] = "forged-dossier"
    doc["ratings"] = {"steps": {"self": {"level": "KHTNV", "score": None, "criteria": {}, "by": "x",
                                         "at": "2023-11-28", "justification": None, "peer_group": None}},
                      "disciplines": [], "targets": None, "not_rated": None}
    unit = copy.deepcopy(unit_doc)
    unit["officials"].append(foreign["official_id"])
    return {"unit.json": dumped(unit), f"officials/{foreign['official_id']}.json": dumped(doc)}


def _foreign_collective(unit_doc, officials, foreign):
    unit = copy.deepcopy(unit_doc)
    unit["unit"]["id"] = foreign["unit_id"]
    return {"unit.json": dumped(unit)}


def _extra_empty_official(unit_doc, officials, foreign):
    return {"officials/zzzz.json": b"{}"}


def _listed_without_file(unit_doc, officials, foreign):
    unit = copy.deepcopy(unit_doc)
    unit["officials"].append("khong-co-tep")
    return {"unit.json": dumped(unit)}


def _dropped_official(unit_doc, officials, foreign):
    return {next(iter(officials)): DROP}


def _deep(unit_doc, officials, foreign):
    return {"unit.json": b"[" * 200_000 + b"]" * 200_000}


def _deep_field(unit_doc, officials, foreign):
    unit = copy.deepcopy(unit_doc)
    unit["dossier"]["items"][_first_item(unit)]["answers"] = {"x": "DEEP"}
    text = dumped(unit).replace(b'"DEEP"', b"[" * 5000 + b"]" * 5000)
    return {"unit.json": text}


def _renamed_official(unit_doc, officials, foreign):
    name, doc = next(iter(officials.items()))
    return {name: DROP, "officials/someone-else.json": dumped(doc)}


def _missing_form(unit_doc, officials, foreign):
    unit = copy.deepcopy(unit_doc)
    unit["dossier"]["items"][_first_item(unit)]["file"] = "forms/khong-co.pdf"
    return {"unit.json": dumped(unit)}


def _task_decision(unit_doc, officials, foreign):
    # The unit approves its own breakthrough task while the Board is the approver (the default).
    unit = copy.deepcopy(unit_doc)
    official_id = unit["officials"][0]
    unit["task_decisions"] = [{"official_id": official_id, "task_no": 1, "task": "Chuyển đổi số",
                               "decision": "approved", "note": "", "decided_by": "Bí thư",
                               "decided_at": "2023-11-30T08:00:00+07:00"}]
    return {"unit.json": dumped(unit)}


def _proposal_about(subject):
    def build(unit_doc, officials, foreign):
        unit = copy.deepcopy(unit_doc)
        who = subject(unit, foreign)
        unit["ratings"]["commendations"].append({"name": foreign["name"], "kind": "dang_vien", "level": "HTXSNV",
                                                 "achievement": "", "subject": who})
        return {"unit.json": dumped(unit)}
    return build


def _long_proposal_name(unit_doc, officials, foreign):
    unit = copy.deepcopy(unit_doc)
    unit["ratings"]["commendations"].append({"name": "x" * 1001, "kind": "dang_vien", "level": "HTXSNV",
                                             "achievement": "", "subject": None})
    return {"unit.json": dumped(unit)}


def _noise(length: int) -> str:
    # Letters in no pattern, so the file is not refused as a ZIP bomb before its text is judged.
    return "".join(random.Random(length).choices("aăâbcdđeêghiklmnoôơpqrstuưvxy ", k=length))


def _huge_name(unit_doc, officials, foreign):
    # 2,000,000 characters, a right-to-left override and a bell: the name a form field would refuse.
    name, doc = next(iter(officials.items()))
    doc = copy.deepcopy(doc)
    doc["official"]["full_name"] = "Nguyễn \u202e\a" + _noise(2_000_000)
    return {name: dumped(doc)}


def _control_name(unit_doc, officials, foreign):
    name, doc = next(iter(officials.items()))
    doc = copy.deepcopy(doc)
    doc["official"]["full_name"] = "Nguyễn Văn \u202eA\x1b[2J"
    return {name: dumped(doc)}


def _huge_answer(unit_doc, officials, foreign):
    name, doc = next(iter(officials.items()))
    doc = copy.deepcopy(doc)
    item = next(i for i in doc["dossier"]["items"].values() if i.get("answers"))
    key = next(iter(item["answers"]))
    item["answers"][key] = _noise(3_000_000)
    return {name: dumped(doc)}


def _too_many_rows(unit_doc, officials, foreign):
    name, doc = next(iter(officials.items()))
    doc = copy.deepcopy(doc)
    item = next(i for i in doc["dossier"]["items"].values() if i.get("answers"))
    item["answers"]["bang"] = [{"a": "1"}] * 100_000
    return {name: dumped(doc)}


def _scan(data: bytes, name: str = "scans/scan.pdf"):
    return lambda unit_doc, officials, foreign: {name: data}


DOC = "package.document_invalid"
VARIANTS = {
    "unit.json = []": (_raw(b"[]"), DOC),
    "unit.json = {}": (_raw(b"{}"), "package.document_format"),
    "unit.json = text": (_raw(b'"DB15"'), DOC),
    "unit.json = null": (_raw(b"null"), DOC),
    "unit.json not JSON": (_raw(b'{"format": "chilinh-unit",'), "package.document_not_json"),
    "unit.json not UTF-8": (_raw(b'{"format": "\xff\xfe"}'), "package.document_not_json"),
    "unit.json NaN": (_raw(b'{"format": "chilinh-unit", "version": NaN}'), "package.document_not_json"),
    "unit.json nested 200,000 deep": (_deep, "package.document_not_json"),
    "answers nested 5,000 deep": (_deep_field, "package.document_not_json"),
    "format missing": (_unit(_set("format", DROP)), "package.document_format"),
    "format other": (_unit(_set("format", "chilinh-kit")), "package.document_format"),
    "version missing": (_unit(_set("version", DROP)), "package.document_version"),
    "version 3": (_unit(_set("version", 3)), "package.document_version"),
    "version as text": (_unit(_set("version", "2")), "package.document_version"),
    "version true": (_unit(_set("version", True)), "package.document_version"),
    "unit is a string": (_unit(_set("unit", "DB15")), DOC),
    "unit name is an object": (_unit(_set("unit.name", {"vi": "x"})), DOC),
    "unit code empty": (_unit(_set("unit.code", "")), DOC),
    "grassroots as text": (_unit(_set("unit.grassroots", "có")), DOC),
    "cycle_id a number": (_unit(_set("cycle_id", 2023)), DOC),
    "officials a string": (_unit(_set("officials", "abc")), DOC),
    "officials holds a number": (_unit(_set("officials", [1])), DOC),
    "dossier items a list": (_unit(_set("dossier.items", [])), DOC),
    "item state unknown": (_unit(_item_change("state", "xong")), DOC),
    "item need a number": (_unit(_item_change("need", 3)), DOC),
    "item kind differs from key": (_unit(_item_change("kind", "other")), DOC),
    "item answers a list": (_unit(_item_change("answers", [1, 2])), DOC),
    "unknown rating step": (_unit(_set("ratings.organisation.steps", {"tu_xep": {}})), DOC),
    "negative count": (_unit(_set("ratings.classification_counts", {"members": {"HTTNV": -1}})), DOC),
    "unknown count kind": (_unit(_set("ratings.classification_counts", {"staff": {"HTTNV": 1}})), DOC),
    "commendation name a number": (_unit(_set("ratings.commendations", [{"name": 1, "kind": "a", "level": "b"}])),
                                   DOC),
    "rating date not ISO": (_unit(_set("ratings.organisation.steps", {"self": {
        "level": "HTTNV", "criteria": {}, "by": "x", "at": "28/11/2023"}})), DOC),
    "cadre document {}": (_official(lambda doc, f: doc.clear()), "package.document_format"),
    "cadre version 9": (_official(_set("version", 9)), "package.document_version"),
    "cadre full_name an object": (_official(_set("official.full_name", {"a": 1})), DOC),
    "cadre birth date 31/02": (_official(_set("official.birth_date", "1980-02-31")), DOC),
    "cadre active as 1": (_official(_set("official.active", 1)), DOC),
    "cadre dossier missing": (_official(_set("dossier", DROP)), DOC),
    "cadre rating level empty": (_official(_set("ratings.steps", {"self": {
        "level": "", "criteria": {}, "by": "x", "at": "2023-11-28"}})), DOC),
    "extra officials/zzzz.json = {}": (_extra_empty_official, "package.document_format"),
    "cadre listed without a file": (_listed_without_file, "package.officials_mismatch"),
    "cadre file without listing": (_dropped_official, "package.officials_mismatch"),
    "cadre file under another name": (_renamed_official, "package.officials_mismatch"),
    "item names a missing file": (_missing_form, "bag.file_missing"),
    "unexpected payload file": (lambda u, o, f: {"evil.json": b"{}"}, "package.unexpected_file"),
    "DB14 cadre in DB15's package": (_foreign_cadre, "package.foreign_record"),
    "DB14's collective in DB15's package": (_foreign_collective, "package.foreign_record"),
    "cadre says unit DB14": (_official(lambda doc, f: doc["official"].update(unit_code="DB14")),
                             "package.foreign_record"),
    # Round two (issue #25): powers, proposals, limits and scans.
    "unit approves its own task": (_task_decision, "package.not_permitted"),
    "proposal for a DB14 cadre": (_proposal_about(lambda u, f: f"official:{f['official_id']}"),
                                  "package.foreign_record"),
    "proposal for DB14's organisation": (_proposal_about(lambda u, f: f"unit:{f['unit_id']}"),
                                         "package.foreign_record"),
    "proposal for an unknown subject": (_proposal_about(lambda u, f: "official:khong-co"), "package.foreign_record"),
    "proposal name over 1,000 characters": (_long_proposal_name, "package.text_refused"),
    "2,000,000-character name with U+202E and BEL": (_huge_name, "package.text_refused"),
    "name with U+202E and an ANSI escape": (_control_name, "package.text_refused"),
    "3,000,000-character answer": (_huge_answer, "package.text_refused"),
    "table of 100,000 rows": (_too_many_rows, "package.text_refused"),
    "EXE in scans/": (_scan(b"MZ\x90\x00" + b"\x00" * 400), "package.scan_refused"),
    "script named scan.pdf": (_scan(b"#!/bin/sh\nrm -rf ~\n"), "package.scan_refused"),
    "PDF cut short in scans/": (_scan(b"%PDF-1.4\n1 0 obj\n<<>>\n"), "package.scan_refused"),
}
LABELS = {
    "Package-Id empty": ({"Package-Id": ""}, "package.info_invalid"),
    "Package-Id not a UUID": ({"Package-Id": "zzzz"}, "package.info_invalid"),
    "Exported-At zzzz": ({"Exported-At": "zzzz"}, "package.exported_at_invalid"),
    "Exported-At without a zone": ({"Exported-At": "2023-12-05T09:00:00"}, "package.exported_at_invalid"),
    "Exported-At before the cycle": ({"Exported-At": "2019-12-05T09:00:00+00:00"}, "package.exported_at_early"),
    "Exported-At next year": ({"Exported-At": "2024-12-05T09:00:00+07:00"}, "package.exported_at_future"),
    "Cycle-Id of another cycle": ({"Cycle-Id": "2099"}, "package.unknown_cycle"),
}


@pytest.fixture(scope="module")
def crafted(exchange, tmp_path_factory, demo_db_file):
    """Every variant built once: {label: (path, expected code)}, plus the board's foreign records."""
    folder = tmp_path_factory.mktemp("crafted")
    key = unit_key(exchange["unit_db"])
    with sqlite3.connect(demo_db_file) as conn:
        official_id, name, unit_id = conn.execute(
            "SELECT o.id, o.full_name, u.id FROM officials o JOIN units u ON u.id = o.unit_id "
            "WHERE u.code = 'DB14' ORDER BY o.id LIMIT 1").fetchone()
    foreign = {"official_id": official_id, "name": name, "unit_id": unit_id}
    unit_doc, officials = documents(exchange["package"])
    result = {}
    for n, (label, (build, code)) in enumerate(VARIANTS.items()):
        path = forge(exchange["package"], folder / f"v{n:02d}.zip", key, files=build(unit_doc, officials, foreign))
        result[label] = (path, code)
    for n, (label, (info, code)) in enumerate(LABELS.items()):
        result[label] = (forge(exchange["package"], folder / f"l{n:02d}.zip", key, info=info), code)
    return result


def _dump_hash(db: Path) -> str:
    with sqlite3.connect(db) as conn:
        return hashlib.sha256("\n".join(conn.iterdump()).encode("utf-8")).hexdigest()


def test_every_crafted_variant_is_refused_with_its_code_and_changes_nothing(demo_path, package, crafted):
    assert len(crafted) >= 30
    with Store.open(demo_path, clock=FixedClock(DEMO_TODAY)) as store:
        # The unit's real package first: its key is on record, so only the crafting is judged below.
        assert import_packages(store, [package], trust_new=True)[0].status == "imported"
    before = _dump_hash(demo_path)
    refused = {}
    with Store.open(demo_path, clock=FixedClock(DEMO_TODAY)) as store:
        for label, (path, code) in crafted.items():
            changes = store.db.conn.total_changes
            outcome = import_packages(store, [path], trust_new=True)[0]
            assert store.db.conn.total_changes == changes, label
            refused[label] = (outcome.status, outcome.code, code)
            assert outcome.status == REFUSED and outcome.reasons, label
    wrong = {label: got for label, got in refused.items() if got[1] != got[2]}
    assert not wrong
    assert _dump_hash(demo_path) == before
    per_class = Counter(_class(code) for _path, code in crafted.values())
    print(f"\ncrafted packages: {len(crafted)} tried, {len(refused)} refused, 0 imported, data file unchanged; "
          + ", ".join(f"{name} {n}" for name, n in sorted(per_class.items())))


def _class(code: str) -> str:
    """The class of hostile input a variant belongs to, for the README's figures."""
    if code.startswith("package.document") or code == DOC:
        return "schema"
    if code in ("package.foreign_record", "package.officials_mismatch", "package.unexpected_file", "bag.file_missing"):
        return "boundary"
    return {"package.not_permitted": "powers", "package.text_refused": "limits",
            "package.scan_refused": "scans"}.get(code, "label")


def test_a_crafted_batch_never_stops_the_good_package(demo_path, package, crafted, tmp_path, capsys):
    from board_helpers import run_json

    folder = package.parent
    for label, (path, _code) in crafted.items():
        (folder / f"{hashlib.sha1(label.encode()).hexdigest()[:8]}.zip").write_bytes(path.read_bytes())
    code, outcome = run_json(capsys, "import", "--db", str(demo_path), str(folder), "--trust-new")
    statuses = [row["status"] for row in outcome]
    assert code == 2 and statuses.count("imported") == 1 and statuses.count("refused") == len(crafted)
    assert all(row["code"] for row in outcome if row["status"] == "refused")


def test_the_forger_itself_makes_packages_the_board_takes(demo_path, exchange, tmp_path):
    # Without a change, a re-signed copy is accepted: the refusals above are about the changes alone.
    copy_path = forge(exchange["package"], tmp_path / "same.zip", unit_key(exchange["unit_db"]),
                      info={"Package-Id": "3f0d8a9e-0000-4000-8000-000000000001"})
    payload, _ = read_bag(copy_path)
    assert "unit.json" in payload
    with Store.open(demo_path, clock=FixedClock(DEMO_TODAY)) as store:
        assert import_packages(store, [copy_path], trust_new=True)[0].status == "imported"


def test_verify_reads_the_documents_of_an_unsealed_package_too(exchange, tmp_path, capsys):
    from board_helpers import run_json

    # A package made before sealing (old format): verify reads its documents, as before.
    path = forge(exchange["package"], tmp_path / "old.zip", unit_key(exchange["unit_db"]),
                 files={"unit.json": b"[]"}, seal=False)
    status, report = run_json(capsys, "verify", str(path))
    assert status == 2 and not report["ok"] and [e["code"] for e in report["errors"]] == [DOC]


def test_verify_checks_a_sealed_package_without_the_boards_key(exchange, crafted, capsys):
    from board_helpers import run_json

    # Signature, manifests and labels only: the sealed documents are the Board's to read (and refuse) at import.
    status, report = run_json(capsys, "verify", str(exchange["package"]))
    assert status == 0 and report["ok"] and report["sealed"] is True
    path, _code = crafted["unit.json = []"]
    status, report = run_json(capsys, "verify", str(path))
    assert status == 0 and report["sealed"] is True
    import zipfile

    tampered = path.with_name("tampered.zip")  # a label changed after signing: the signature no longer holds
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(tampered, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            target.writestr(name, data.replace(b"Unit-Code: DB15", b"Unit-Code: DB14") if name == "bag-info.txt"
                            else data)
    status, report = run_json(capsys, "verify", str(tampered))
    assert status == 2 and not report["ok"]


def test_the_boards_own_limits_hold_the_packages_texts(demo_path, package):
    # A Board whose forms/limits.toml (from its own definitions) allows shorter lines than the program's
    # refuses a package whose names are longer: every way in passes the installation's rules, not the shipped.
    from chilinh_desktop.core.definitions import store_definitions

    strict = (forms_dir() / "limits.toml").read_text(encoding="utf-8").replace("text = 1000", "text = 8")
    assert "text = 8" in strict
    with Store.open(demo_path, clock=FixedClock(DEMO_TODAY)) as store:
        with store.atomic():
            store_definitions(store, {"limits.toml": strict.encode("utf-8")}, "strict-limits")
        outcome = import_packages(store, [package], trust_new=True)[0]
    assert outcome.status == REFUSED and outcome.code == "package.text_refused", outcome.reasons
