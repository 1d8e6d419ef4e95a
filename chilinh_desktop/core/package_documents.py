"""The structured documents of a submission package, typed and versioned: unit.json and officials/<id>.json.

One place says what a package document is. The unit's writer builds these objects and calls
`to_json`; every reader (the Board's import, its reports, receipts, a rewritten slip) goes through
`from_json`, which checks every field's type and refuses an unknown or missing `format` or
`version` with a coded `DocumentError` naming the file and the field. Nothing read from a package
is used before it passed here, so a malformed document is refused instead of breaking a report.

Versions: 1 (unit.json only carries format/version; cadre documents carry neither) is still read;
2 (written now) puts `format` and `version` in every document. Core layer (no package imports), so
the Board's reports in core/ read the same types.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from chilinh_desktop.core.document_fields import DocumentError, Fields, invalid, parse_json
from chilinh_desktop.core.ratings import COUNT_KINDS
from chilinh_desktop.core.requirements import ItemState, Need
from chilinh_desktop.core.rulesets import STEPS
from chilinh_desktop.i18n import _

__all__ = ["DocumentError", "MeetingRecord", "OfficialDocument", "TaskDecisionRecord", "UnitDocument",
           "UnitRatings", "dump", "parse_json", "stored_documents", "stored_text"]

UNIT_FORMAT, OFFICIAL_FORMAT = "chilinh-unit", "chilinh-official"
VERSION = 2
READABLE_VERSIONS = (1, 2)
_NEEDS = tuple(n.value for n in Need)  # listed once: a province Board reads ~70,000 items
_STATES = tuple(s.value for s in ItemState)


def _check_header(fields: Fields, expected_format: str) -> int:
    present, found = fields.lookup("format", True)
    if not present or found != expected_format:
        raise DocumentError(
            _("The package's data file {name} is not a {expected} document (format: {found}). Nothing was "
              "written. Ask the unit to export the package again with the current program.",
              name=fields.name, expected=expected_format, found=repr(found)[:40] if present else _("none")),
            code="package.document_format", name=fields.name, where="format")
    present, version = fields.lookup("version", True)
    if not present or isinstance(version, bool) or version not in READABLE_VERSIONS:
        raise DocumentError(
            _("The package's data file {name} has version {found}, which this program cannot read (it reads "
              "{known}). Nothing was written. Update the program, or ask the unit to export with the same version.",
              name=fields.name, found=repr(version)[:20] if present else _("none"),
              known=", ".join(map(str, READABLE_VERSIONS))),
            code="package.document_version", name=fields.name, where="version")
    return int(version)


# -- ratings -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StepRecord:
    """One rating step of a subject, as it travels."""

    level: str
    score: float | None
    criteria: dict[str, str]
    by: str
    at: str  # ISO date
    justification: str | None
    peer_group: str | None

    @classmethod
    def read(cls, f: Fields) -> StepRecord:
        criteria = {}
        for key, value in f.items("criteria", optional=True):
            if not isinstance(value, str):
                raise invalid(f.name, f.path(f"criteria.{key}"), _("text"), value)
            criteria[key] = value
        return cls(f.nonempty("level"), f.number("score", optional=True), criteria, f.text("by"), f.day("at"),
                   f.text("justification", optional=True, nullable=True),
                   f.text("peer_group", optional=True, nullable=True))

    def to_json(self) -> dict[str, Any]:
        return {"level": self.level, "score": self.score, "criteria": self.criteria, "by": self.by, "at": self.at,
                "justification": self.justification, "peer_group": self.peer_group}


@dataclass(frozen=True)
class DisciplineRecord:
    """A disciplinary measure of the cycle's year."""

    date: str
    form: str
    self_remedied: bool
    note: str
    kind: str = ""  # e.g. a corruption or negative case; absent in packages made before it travelled

    @classmethod
    def read(cls, f: Fields) -> DisciplineRecord:
        return cls(f.day("date"), f.text("form"), f.flag("self_remedied", optional=True, default=False),
                   f.text("note", optional=True, nullable=True) or "",
                   f.text("kind", optional=True, nullable=True) or "")

    def to_json(self) -> dict[str, Any]:
        return {"date": self.date, "form": self.form, "self_remedied": self.self_remedied, "note": self.note,
                "kind": self.kind}


@dataclass(frozen=True)
class TargetsRecord:
    """Targets met and exceeded (percent), main targets met, force majeure, tasks behind, shortcomings fixed."""

    met_pct: float
    exceeded_pct: float = 0.0
    main_met: bool | None = None
    force_majeure: bool = False
    behind_pct: float | None = None
    shortcomings_fixed: bool | None = None

    @classmethod
    def read(cls, f: Fields) -> TargetsRecord:
        return cls(f.number("met_pct"), f.number("exceeded_pct", optional=True, default=0.0),
                   f.flag("main_met", optional=True), bool(f.flag("force_majeure", optional=True, default=False)),
                   f.number("behind_pct", optional=True), f.flag("shortcomings_fixed", optional=True))

    def to_json(self) -> dict[str, Any]:
        return {"met_pct": self.met_pct, "exceeded_pct": self.exceeded_pct, "main_met": self.main_met,
                "force_majeure": self.force_majeure, "behind_pct": self.behind_pct,
                "shortcomings_fixed": self.shortcomings_fixed}


@dataclass(frozen=True)
class ConclusionRecord:
    """A conclusion of the competent level about the subject this cycle (kết luận)."""

    kind: str
    date: str
    note: str

    @classmethod
    def read(cls, f: Fields) -> ConclusionRecord:
        return cls(f.nonempty("kind"), f.day("date"), f.text("note", optional=True, nullable=True) or "")

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "date": self.date, "note": self.note}


@dataclass(frozen=True)
class RatingRecord:
    """One subject's rating record: steps, disciplines, targets, and why not rated."""

    steps: dict[str, StepRecord] = field(default_factory=dict)
    disciplines: list[DisciplineRecord] = field(default_factory=list)
    targets: TargetsRecord | None = None
    not_rated: str | None = None
    conclusions: list[ConclusionRecord] = field(default_factory=list)

    @classmethod
    def read(cls, f: Fields | None) -> RatingRecord:
        if f is None:
            return cls()
        steps = {}
        for step, value in f.items("steps", optional=True):
            if step not in STEPS:
                raise invalid(f.name, f.path(f"steps.{step}"), _("one of {values}", values=", ".join(STEPS)), step)
            steps[step] = StepRecord.read(Fields(value, f.name, f.path(f"steps.{step}")))
        disciplines = [DisciplineRecord.read(Fields(value, f.name, f.path(f"disciplines[{n}]")))
                       for n, value in enumerate(f.array("disciplines", optional=True))]
        t = f.obj("targets", optional=True, nullable=True)
        targets = None if t is None else TargetsRecord.read(t)
        conclusions = [ConclusionRecord.read(Fields(value, f.name, f.path(f"conclusions[{n}]")))
                       for n, value in enumerate(f.array("conclusions", optional=True))]
        return cls(steps, disciplines, targets, f.text("not_rated", optional=True, nullable=True), conclusions)

    @classmethod
    def from_json(cls, value: Any, name: str = "ratings") -> RatingRecord:
        """A record as rating_records.subject_record writes it."""
        return cls.read(Fields(value, name))

    def to_json(self) -> dict[str, Any]:
        return {"steps": {k: v.to_json() for k, v in sorted(self.steps.items())},
                "disciplines": [d.to_json() for d in self.disciplines],
                "targets": None if self.targets is None else self.targets.to_json(),
                "not_rated": self.not_rated, "conclusions": [c.to_json() for c in self.conclusions]}


@dataclass(frozen=True)
class Commendation:
    """A commendation proposal of the unit."""

    name: str
    kind: str
    level: str
    achievement: str
    subject: str | None

    @classmethod
    def read(cls, f: Fields) -> Commendation:
        return cls(f.text("name"), f.text("kind"), f.text("level"),
                   f.text("achievement", optional=True, nullable=True) or "",
                   f.text("subject", optional=True, nullable=True))

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "kind": self.kind, "level": self.level, "achievement": self.achievement,
                "subject": self.subject}


@dataclass(frozen=True)
class UnitRatings:
    """The ratings section of unit.json."""

    organisation: RatingRecord
    collective: RatingRecord
    classification_counts: dict[str, dict[str, int]]
    commendations: list[Commendation]

    @classmethod
    def read(cls, f: Fields) -> UnitRatings:
        counts: dict[str, dict[str, int]] = {}
        for kind, levels in f.items("classification_counts", optional=True):
            if kind not in COUNT_KINDS:
                raise invalid(f.name, f.path(f"classification_counts.{kind}"),
                               _("one of {values}", values=", ".join(COUNT_KINDS)), kind)
            inner = Fields(levels, f.name, f.path(f"classification_counts.{kind}"))
            for level, n in inner.value.items():
                if isinstance(n, bool) or not isinstance(n, int) or n < 0:
                    raise invalid(f.name, inner.path(level), _("a count"), n)
            counts[kind] = dict(inner.value)
        commendations = [Commendation.read(Fields(value, f.name, f.path(f"commendations[{n}]")))
                         for n, value in enumerate(f.array("commendations", optional=True))]
        return cls(RatingRecord.read(f.obj("organisation", optional=True, nullable=True)),
                   RatingRecord.read(f.obj("collective", optional=True, nullable=True)), counts, commendations)

    @classmethod
    def from_json(cls, value: Any, name: str = "ratings") -> UnitRatings:
        """The section as rating_records.unit_ratings writes it."""
        return cls.read(Fields(value, name))

    def to_json(self) -> dict[str, Any]:
        return {"organisation": self.organisation.to_json(), "collective": self.collective.to_json(),
                "classification_counts": self.classification_counts,
                "commendations": [c.to_json() for c in self.commendations]}


# -- dossiers ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FileRecord:
    """One attached file of an item of several: its payload name, content hash and the name it was chosen under."""

    file: str
    sha256: str
    name: str
    plain_sha256: str | None = None  # set when the file travels encrypted

    @classmethod
    def read(cls, f: Fields) -> FileRecord:
        return cls(f.text("file"), f.text("sha256"), f.text("name"), f.text("plain_sha256", optional=True,
                                                                             nullable=True))

    def to_json(self) -> dict[str, Any]:
        data = {"file": self.file, "sha256": self.sha256, "name": self.name}
        if self.plain_sha256 is not None:
            data["plain_sha256"] = self.plain_sha256
        return data


@dataclass(frozen=True)
class ItemRecord:
    """One item of a dossier: what was owed, its state, and the file that carries it."""

    kind: str
    need: str
    state: str
    exempt_reason: str | None
    confidential: bool | None = None
    file: str | None = None
    form_id: str | None = None
    form_version: str | None = None
    answers: dict[str, Any] | None = None
    attachment_sha256: str | None = None
    attachment_name: str | None = None
    plain_sha256: str | None = None  # a confidential file's content before encryption (version 2)
    # An item of several files lists them all, in order, the first being `file` too; older packages and
    # items of one file leave it out.
    files: tuple[FileRecord, ...] | None = None

    @property
    def all_files(self) -> tuple[FileRecord, ...]:
        """Every attached file of the item, in order (one for a package of a single-file item)."""
        if self.files:
            return self.files
        if self.file is not None and self.attachment_sha256 is not None:
            return (FileRecord(self.file, self.attachment_sha256, self.attachment_name or "", self.plain_sha256),)
        return ()

    @property
    def payload_files(self) -> tuple[str, ...]:
        """The payload names this item carries (its form's PDF, or each attached file)."""
        names = [f.file for f in self.files or ()]
        if self.file is not None and self.file not in names:
            names.insert(0, self.file)
        return tuple(names)

    @classmethod
    def read(cls, f: Fields, kind: str) -> ItemRecord:
        record = cls(f.text("kind"), f.choice("need", _NEEDS), f.choice("state", _STATES),
                     f.text("exempt_reason", optional=True, nullable=True),
                     f.flag("confidential", optional=True), f.text("file", optional=True, nullable=True),
                     f.text("form_id", optional=True, nullable=True),
                     f.text("form_version", optional=True, nullable=True), f.raw_object("answers"),
                     f.text("attachment_sha256", optional=True, nullable=True),
                     f.text("attachment_name", optional=True, nullable=True),
                     f.text("plain_sha256", optional=True, nullable=True),
                     tuple(FileRecord.read(Fields(value, f.name, f.path(f"files.{n}")))
                           for n, value in enumerate(f.array("files", optional=True))) or None)
        if record.kind != kind:
            raise invalid(f.name, f.path("kind"), repr(kind), record.kind)
        return record

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"kind": self.kind, "need": self.need, "state": self.state,
                                "exempt_reason": self.exempt_reason}
        for key in ("confidential", "file", "form_id", "form_version", "answers", "attachment_sha256",
                    "attachment_name", "plain_sha256"):
            if getattr(self, key) is not None:
                data[key] = getattr(self, key)
        if self.files:
            data["files"] = [f.to_json() for f in self.files]
        return data


@dataclass(frozen=True)
class DossierRecord:
    """A dossier as it left the unit: its sign-off and its items by kind."""

    id: str
    state: str
    signed_off_by: str | None
    signed_off_at: str | None
    snapshot_sha256: str | None
    items: dict[str, ItemRecord]

    @classmethod
    def read(cls, f: Fields) -> DossierRecord:
        items = {kind: ItemRecord.read(Fields(value, f.name, f.path(f"items.{kind}")), kind)
                 for kind, value in f.items("items")}
        return cls(f.nonempty("id"), f.text("state"), f.text("signed_off_by", nullable=True),
                   f.text("signed_off_at", nullable=True), f.text("snapshot_sha256", nullable=True), items)

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "state": self.state, "signed_off_by": self.signed_off_by,
                "signed_off_at": self.signed_off_at, "snapshot_sha256": self.snapshot_sha256,
                "items": {kind: item.to_json() for kind, item in self.items.items()}}


# -- the unit's review meeting --------------------------------------------------------------------------


@dataclass(frozen=True)
class MeetingRecord:
    """What the unit says about its review meeting beyond the minutes: its year-end summary date (issue 18).

    The meeting's date, time and place travel in the minutes' own answers, never a second copy.
    """

    summary_date: str | None  # ISO date of the unit's year-end summary (hội nghị tổng kết), if known

    @classmethod
    def read(cls, f: Fields) -> MeetingRecord:
        return cls(f.day("summary_date", nullable=True))

    def to_json(self) -> dict[str, Any]:
        return {"summary_date": self.summary_date}


@dataclass(frozen=True)
class TaskDecisionRecord:
    """A decision the unit leadership took on a cadre's breakthrough task (when the kit made it the approver)."""

    official_id: str
    task_no: int
    task: str
    decision: str
    note: str
    decided_by: str
    decided_at: str

    @classmethod
    def read(cls, f: Fields) -> TaskDecisionRecord:
        number = f.number("task_no")
        if number != int(number) or number < 1:
            raise invalid(f.name, f.path("task_no"), _("a task number"), number)
        return cls(f.nonempty("official_id"), int(number), f.text("task"),
                   f.choice("decision", ["approved", "returned"]), f.text("note"), f.text("decided_by"),
                   f.text("decided_at"))

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


# -- the two documents ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class UnitRecord:
    """The unit a package comes from, as it describes itself."""

    id: str
    code: str
    name: str
    type: str
    grassroots: bool

    @classmethod
    def read(cls, f: Fields) -> UnitRecord:
        return cls(f.nonempty("id"), f.nonempty("code"), f.nonempty("name"), f.text("type"), f.flag("grassroots"))

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "code": self.code, "name": self.name, "type": self.type, "grassroots": self.grassroots}


@dataclass(frozen=True)
class OfficialRecord:
    """A cadre's details, as the unit keeps them."""

    id: str
    full_name: str
    birth_date: str | None
    gender: str | None
    party_post: str
    government_post: str
    mass_org_post: str
    workplace: str
    party_cell: str
    unit_id: str
    unit_code: str
    tier: str
    deputy_head_or_above: bool
    residence_exempt_reason: str | None
    asset_declaration_required: bool
    active: bool

    @classmethod
    def read(cls, f: Fields) -> OfficialRecord:
        return cls(f.nonempty("id"), f.nonempty("full_name"), f.day("birth_date", nullable=True),
                   f.text("gender", nullable=True), f.text("party_post"), f.text("government_post"),
                   f.text("mass_org_post"), f.text("workplace"), f.text("party_cell"), f.nonempty("unit_id"),
                   f.nonempty("unit_code"), f.text("tier"), f.flag("deputy_head_or_above"),
                   f.text("residence_exempt_reason", nullable=True), f.flag("asset_declaration_required"),
                   f.flag("active"))

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class OfficialDocument:
    """officials/<id>.json: a cadre, their dossier, their rating record."""

    official: OfficialRecord
    dossier: DossierRecord
    ratings: RatingRecord | None

    @classmethod
    def from_json(cls, value: Any, name: str, unit_version: int = VERSION) -> OfficialDocument:
        """Read and check one cadre document; `unit_version` 1 means an older package without a header here."""
        f = Fields(value, name)
        if unit_version >= 2 or "format" in f.value or "version" in f.value:
            _check_header(f, OFFICIAL_FORMAT)
        official = OfficialRecord.read(f.obj("official"))  # type: ignore[arg-type]
        ratings = f.obj("ratings", optional=True, nullable=True)
        return cls(official, DossierRecord.read(f.obj("dossier")),  # type: ignore[arg-type]
                   None if ratings is None else RatingRecord.read(ratings))

    def to_json(self) -> dict[str, Any]:
        return {"format": OFFICIAL_FORMAT, "version": VERSION, "official": self.official.to_json(),
                "dossier": self.dossier.to_json(), "ratings": None if self.ratings is None else self.ratings.to_json()}


@dataclass(frozen=True)
class UnitDocument:
    """unit.json: the unit, its cycle, its collective dossier, its cadres' ids and its ratings."""

    cycle_id: str
    unit: UnitRecord
    dossier: DossierRecord | None
    officials: list[str]
    ratings: UnitRatings | None
    version: int = VERSION
    meeting: MeetingRecord | None = None  # absent in packages made before meetings travelled
    task_decisions: list[TaskDecisionRecord] = field(default_factory=list)  # optional, like `meeting`

    @classmethod
    def from_json(cls, value: Any, name: str = "unit.json") -> UnitDocument:
        """Read and check unit.json."""
        f = Fields(value, name)
        version = _check_header(f, UNIT_FORMAT)
        officials = f.array("officials")
        for n, official_id in enumerate(officials):
            if not isinstance(official_id, str) or not official_id:
                raise invalid(name, f"officials[{n}]", _("a cadre id"), official_id)
        if len(set(officials)) != len(officials):
            raise invalid(name, "officials", _("distinct cadre ids"), _("a repeated id"))
        dossier = f.obj("dossier", nullable=True)
        ratings = f.obj("ratings", optional=True, nullable=True)
        meeting = f.obj("meeting", optional=True, nullable=True)
        return cls(f.nonempty("cycle_id"), UnitRecord.read(f.obj("unit")),  # type: ignore[arg-type]
                   None if dossier is None else DossierRecord.read(dossier), list(officials),
                   None if ratings is None else UnitRatings.read(ratings), version,
                   None if meeting is None else MeetingRecord.read(meeting),
                   [TaskDecisionRecord.read(Fields(value, name, f"task_decisions[{n}]"))
                    for n, value in enumerate(f.array("task_decisions", optional=True))])

    def to_json(self) -> dict[str, Any]:
        data = {"format": UNIT_FORMAT, "version": self.version, "cycle_id": self.cycle_id, "unit": self.unit.to_json(),
                "dossier": None if self.dossier is None else self.dossier.to_json(), "officials": self.officials,
                "ratings": None if self.ratings is None else self.ratings.to_json()}
        if self.meeting is not None:  # written only when known, so the document reads as before otherwise
            data["meeting"] = self.meeting.to_json()
        if self.task_decisions:
            data["task_decisions"] = [d.to_json() for d in self.task_decisions]
        return data


def dump(document: UnitDocument | OfficialDocument) -> bytes:
    """A document as the package carries it (UTF-8, sorted keys, indented)."""
    return json.dumps(document.to_json(), ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8")


def stored_documents(unit_text: str, officials_text: str, name: str) -> tuple[UnitDocument, list[OfficialDocument]]:
    """The documents the Board stored for a received package (checked again: the columns hold plain JSON).

    Parsed on every call: the Board's views read them through core.board_cache, which keeps them per open
    data file by package id. The documents are frozen; the list returned is the caller's own.
    """
    unit_doc, officials = _parse_stored(unit_text, officials_text, name)
    return unit_doc, list(officials)


def _parse_stored(unit_text: str, officials_text: str, name: str
                  ) -> tuple[UnitDocument, tuple[OfficialDocument, ...]]:
    unit_doc = UnitDocument.from_json(parse_json(unit_text, name), name)
    officials = parse_json(officials_text, name)
    if not isinstance(officials, list):
        raise invalid(name, "officials", _("a list"), officials)
    return unit_doc, tuple(OfficialDocument.from_json(doc, name, unit_doc.version) for doc in officials)


def stored_text(unit_doc: UnitDocument, officials: list[OfficialDocument]) -> tuple[str, str]:
    """The JSON columns the Board keeps for a received package."""
    return (json.dumps(unit_doc.to_json(), ensure_ascii=False, sort_keys=True),
            json.dumps([doc.to_json() for doc in officials], ensure_ascii=False, sort_keys=True))
