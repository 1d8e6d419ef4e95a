"""Reading a verified package's label and documents at the Board, and holding the unit to its own records.

Everything here is read-only and raises a coded error (PackageError or DocumentError) for a
malformed or overreaching package, never anything else:
- the label (bag-info.txt): a UUID Package-Id, an Exported-At that is ISO 8601 with a zone, not
  before the cycle's year and not more than a day ahead of this computer's clock;
- the payload: only the names a unit's package is made of, unit.json and every officials/<id>.json
  read through their typed schema (core/package_documents.py), the list of cadres matching the files;
- the unit boundary: the collective is the Board's record of the signing unit, every cadre is one
  the Board's registry lists for that unit, and every commendation proposal is about the unit itself
  or one of those cadres;
- the unit's powers: a package records only what the unit's role may decide. Decisions on
  breakthrough tasks travel only when the Board made the unit leadership the approver.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid

from chilinh_desktop.core.attachments import content_type
from chilinh_desktop.core.definitions import SHIPPED
from chilinh_desktop.core.errors import ChilinhError, ValidationError
from chilinh_desktop.core.input_rules import shown, text_limits, tree_problem
from chilinh_desktop.core.package_documents import OfficialDocument, UnitDocument, parse_json
from chilinh_desktop.core.store import Store
from chilinh_desktop.i18n import _
from chilinh_desktop.package import bagit
from chilinh_desktop.package.errors import package_error

FUTURE_SLACK = dt.timedelta(days=1)
_OFFICIAL_FILE = re.compile(r"officials/([A-Za-z0-9][A-Za-z0-9._-]*)\.json")
# Where a document holds paragraphs (a form's answers, notes): long texts; every other string is a line.
_LONG_KEYS = frozenset({"answers", "achievement", "note", "justification", "exempt_reason", "task", "not_rated",
                        "residence_exempt_reason"})
_PAYLOAD = re.compile(r"unit\.json|summary\.xlsx|officials/[^/]+\.json|forms/[^/]+\.pdf|scans/[^/]+"
                      r"|confidential/[^/]+\.age")


def read_label(info: dict[str, str]) -> tuple[str, str, str, str]:
    """(unit code, cycle id, package id, exported at text) from bag-info, each non-empty; the id a UUID."""
    values = []
    for label in ("Unit-Code", "Cycle-Id", "Package-Id", "Exported-At"):
        text = (info.get(label) or "").strip()
        if not text:
            raise package_error("package.info_invalid", label=label, detail=_("empty"))
        values.append(text)
    try:
        uuid.UUID(values[2])
    except ValueError:
        raise package_error("package.info_invalid", label="Package-Id", detail=values[2][:40]) from None
    return values[0], values[1], values[2], values[3]


def exported_moment(text: str) -> dt.datetime | None:
    """An Exported-At as an aware UTC datetime, or None when it is not ISO 8601 with a zone."""
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    if moment.tzinfo is None or moment.utcoffset() is None:
        return None
    return moment.astimezone(dt.UTC)


def check_exported_at(text: str, cycle_year: int, now: dt.datetime) -> dt.datetime:
    """The export moment, refused when malformed, before the cycle's year or over a day in the future."""
    moment = exported_moment(text)
    if moment is None:
        raise package_error("package.exported_at_invalid", value=text[:40])
    start = dt.datetime(cycle_year, 1, 1, tzinfo=dt.UTC)
    if moment < start:
        raise package_error("package.exported_at_early", value=text, start=start.date().isoformat())
    if now.tzinfo is None:
        now = now.replace(tzinfo=dt.UTC)
    if moment > now + FUTURE_SLACK:
        raise package_error("package.exported_at_future", value=text, now=now.isoformat())
    return moment


class DocumentReader:
    """Collects, while a bag is verified (bagit.verify_bag's `wanted`/`visit`), what reading its documents
    needs: each JSON document's bytes and each scan's verdict, so no payload file is read twice."""

    def __init__(self) -> None:
        self.texts: dict[str, bytes] = {}
        self.scan_error: ChilinhError | None = None

    @staticmethod
    def wanted(name: str) -> bool:
        """The payload files (relative to data/) the checks read: the JSON documents and the scans."""
        return name.endswith(".json") or name.startswith("scans/")

    def visit(self, name: str, data: bytes) -> None:
        """Keep a document's bytes; check a scan at once and keep only the first refusal."""
        if name.startswith("scans/"):
            if self.scan_error is None:
                try:
                    _check_scan(name, data)
                except ChilinhError as exc:
                    self.scan_error = exc
        else:
            self.texts[name] = data

    def documents(self, payload_names) -> tuple[UnitDocument, list[OfficialDocument]]:
        """unit.json and officials/*.json through their schema; other payload names refused."""
        names = set(payload_names)
        for name in sorted(names):
            if not _PAYLOAD.fullmatch(name):
                raise package_error("package.unexpected_file", name=name)
        if self.scan_error is not None:
            raise self.scan_error
        if "unit.json" not in names:
            raise package_error("bag.file_missing", name=bagit.PAYLOAD_DIR + "unit.json")
        unit_doc = UnitDocument.from_json(_checked_text(parse_json(self.texts["unit.json"], "unit.json"),
                                                        "unit.json"))
        officials = []
        for name in sorted(names):
            match = _OFFICIAL_FILE.fullmatch(name)
            if name.startswith("officials/") and match is None:
                raise package_error("package.unexpected_file", name=name)
            if match is None:
                continue
            doc = OfficialDocument.from_json(_checked_text(parse_json(self.texts[name], name), name), name,
                                             unit_doc.version)
            if doc.official.id != match.group(1):
                raise package_error("package.officials_mismatch", detail=f"{name}: {doc.official.id}")
            officials.append(doc)
        listed, carried = set(unit_doc.officials), {doc.official.id for doc in officials}
        if listed != carried:
            detail = ", ".join(sorted(listed ^ carried))[:200]
            raise package_error("package.officials_mismatch", detail=detail)
        dossiers = [doc.dossier for doc in officials] + ([unit_doc.dossier] if unit_doc.dossier else [])
        for dossier in dossiers:
            for item in dossier.items.values():
                for file in item.payload_files:
                    if file not in names:
                        raise package_error("bag.file_missing", name=bagit.PAYLOAD_DIR + file)
        return unit_doc, officials


def _check_scan(name: str, data: bytes) -> None:
    # The rule the unit's own attach applies (core/attachments.py): a whole PDF, PNG, JPEG or TIFF, nothing else.
    try:
        content_type(data)
    except ValidationError as exc:
        raise package_error("package.scan_refused", name=name, detail=exc.message) from None


def _checked_text(value, name: str):
    # The limits and character rules of forms/limits.toml, as `form set` applies them (core/input_rules.py).
    found = tree_problem(value, text_limits(SHIPPED), _LONG_KEYS)
    if found is not None:
        raise package_error("package.text_refused", name=name, field=shown(found[0])[:80], problem=found[1])
    return value


def check_boundary(store: Store, unit_id: str, unit_code: str, unit_doc: UnitDocument,
                   officials: list[OfficialDocument]) -> None:
    """Refuse a package carrying any record that is not the signing unit's own (as the Board's registry has it)."""
    if unit_doc.unit.id != unit_id or unit_doc.unit.code != unit_code:
        raise package_error("package.foreign_record", unit=unit_code,
                            record=f"unit.json: {unit_doc.unit.code} ({unit_doc.unit.id})")
    own = {row[0] for row in store.db.execute("SELECT id FROM officials WHERE unit_id = ?", [unit_id])}
    for doc in officials:
        official = doc.official
        if official.id not in own or official.unit_id != unit_id or official.unit_code != unit_code:
            raise package_error("package.foreign_record", unit=unit_code,
                                record=f"officials/{official.id}.json ({official.full_name}, {official.unit_code})")
    for n, proposal in enumerate(unit_doc.ratings.commendations if unit_doc.ratings else []):
        subject = proposal.subject
        if subject is None or subject in (f"unit:{unit_id}", f"collective:{unit_id}"):
            continue
        kind, _sep, official_id = subject.partition(":")
        if kind != "official" or official_id not in own:
            raise package_error("package.foreign_record", unit=unit_code,
                                record=f"unit.json: ratings.commendations[{n}] ({proposal.name[:80]}, {subject[:80]})")
    # A dossier the Board also knows (the demo, a roll-up) must be the same subject's.
    subjects = {doc.dossier.id: doc.official.id for doc in officials}
    if unit_doc.dossier is not None:
        subjects[unit_doc.dossier.id] = None
    ids = list(subjects)
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        for dossier_id, owner_unit, official_id in store.db.execute(
                f"SELECT id, unit_id, official_id FROM dossiers WHERE id IN ({','.join('?' * len(chunk))})", chunk):
            if owner_unit != unit_id or official_id != subjects[dossier_id]:
                raise package_error("package.foreign_record", unit=unit_code, record=f"dossier {dossier_id}")


def check_powers(store: Store, cycle_id: str, unit_code: str, unit_doc: UnitDocument) -> None:
    """Refuse a package recording a decision that is not the unit's to take (task approvals at a Board approver)."""
    from chilinh_desktop.core.cycles import get_cycle
    from chilinh_desktop.core.tasks import approver

    if unit_doc.task_decisions and approver(store, get_cycle(store, cycle_id)) != "unit":
        raise package_error("package.not_permitted", unit=unit_code, count=len(unit_doc.task_decisions))
