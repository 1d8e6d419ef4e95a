"""Loading form definitions from forms/: schema check, then the rules a schema cannot say.

Every error names the file and the field (path and id) it is about, so the person
who edits a definition knows exactly where to look.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from chilinh_desktop.core.cycles import Cycle, ItemKind
from chilinh_desktop.core.definitions import Definitions, not_opened, parse_toml
from chilinh_desktop.core.errors import DefinitionError, NotFoundError
from chilinh_desktop.formspec.context import KNOWN_SOURCES, placeholders_in
from chilinh_desktop.formspec.model import Field, FormSpec, Migration, Move, Option, Section, Signature
from chilinh_desktop.formspec.schema import check
from chilinh_desktop.i18n import _
from chilinh_desktop.resources import forms_dir

# What an attachment kind accepts; the same types core.attachments recognises from the bytes.
ATTACHMENT_TYPES = ("application/pdf", "image/jpeg", "image/png", "image/tiff")
# forms/<id>-<version>.toml, e.g. 02B-2023.1.toml; cycles/ and scales/ hold other kinds of file.
FORM_FILE = re.compile(r"^(?P<id>[A-Za-z0-9][A-Za-z0-9-]*)-(?P<version>[0-9]{4}\.[0-9]+)\.toml$")


def _fail(source: str, problems: list[tuple[str, str]]) -> DefinitionError:
    lines = [_("{file}, {field}: {problem}", file=source, field=where, problem=problem) for where, problem in problems]
    return DefinitionError("\n".join(lines))


def shipped_form_files() -> list[Path]:
    """Every form definition file under forms/ shipped with the program, by name."""
    return sorted(p for p in forms_dir().glob("*.toml") if FORM_FILE.match(p.name))


def form_names(definitions: Definitions) -> list[str]:
    """Every form definition in force (shipped, or stored from a kit), by file name."""
    return [name for name in definitions.names() if FORM_FILE.match(name)]


def load_form_file(path: Path) -> FormSpec:
    """Read, check and normalise one form definition file."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise not_opened(path.name, exc) from exc
    return parse_form_bytes(data, path.name)


def parse_form_bytes(data: bytes, source: str) -> FormSpec:
    """Decode, check and normalise the bytes of a form definition file named `source`."""
    return parse_form(parse_toml(data, source), source)


def parse_form(raw: dict[str, Any], source: str) -> FormSpec:
    """Build a FormSpec from a decoded definition, or fail naming every problem."""
    problems = check(raw)
    if problems:
        raise _fail(source, problems)
    match = FORM_FILE.match(source)
    if match and (match["id"], match["version"]) != (raw["id"], raw["version"]):
        raise _fail(source, [("id", _("the file name must be {name}", name=f"{raw['id']}-{raw['version']}.toml"))])
    sections = tuple(_section(row) for row in raw["sections"])
    header = raw["header"]
    form = FormSpec(
        id=raw["id"], version=raw["version"], name=raw["name"], scope=raw["scope"], title=raw["title"],
        header_style=header["style"], header_left=tuple(header["left"]), sections=sections,
        template=raw.get("template", ""), note=raw.get("note", ""), subtitle=tuple(raw.get("subtitle", ())),
        intro=raw.get("intro", ""),
        place_field=header.get("place_field"), date_field=header.get("date_field"), source=source,
        number_field=header.get("number_field"), document_type=header.get("document_type"),
        recipients=tuple(header.get("recipients", ())), recipients_field=header.get("recipients_field"),
        migrations=tuple(Migration(m["from"], tuple(Move(x["from"], x["to"], x["label"]) for x in m["moves"]),
                                   {d["from"]: d["reason"] for d in m.get("drops", ())})
                         for m in raw.get("migrations", ())),
    )
    problems = _semantic_problems(form)
    if problems:
        raise _fail(source, problems)
    return form


def _field(row: dict[str, Any]) -> Field:
    return Field(
        id=row["id"], type=row["type"], label=row["label"], help=row.get("help", ""),
        required=row.get("required", False), required_unless=row.get("required_unless"),
        options=tuple(Option(o["id"], o["label"]) for o in row.get("options", ())),
        minimum=row.get("minimum"), maximum=row.get("maximum"), integer=row.get("integer", False),
        max_length=row.get("max_length"), source=row.get("source"),
        columns=tuple(_field(c) for c in row.get("columns", ())),
        min_rows=row.get("min_rows", 0), max_rows=row.get("max_rows"), widths=tuple(row.get("widths", ())),
        display=row.get("display", ""), blank_rows=tuple(tuple(r.items()) for r in row.get("blank_rows", ())),
    )


def _section(row: dict[str, Any]) -> Section:
    return Section(
        heading=row.get("heading", ""), text=row.get("text", ""),
        fields=tuple(_field(f) for f in row.get("fields", ())),
        signatures=tuple(Signature(s["title"], s.get("role", ""), s.get("note", ""), s.get("name", ""),
                                   s.get("position", "right")) for s in row.get("signatures", ())),
    )


def _semantic_problems(form: FormSpec) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []
    seen: dict[str, str] = {}
    for s, section in enumerate(form.sections, 1):
        for f, fld in enumerate(section.fields, 1):
            where = f"sections[{s}].fields[{f}] ({fld.id})"
            if fld.id in seen:
                problems.append((where + ".id", _("the id {id} is used twice", id=fld.id)))
            seen[fld.id] = fld.type
            problems += _field_problems(fld, where)
            columns = [c.id for c in fld.columns]
            for c, column in enumerate(fld.columns, 1):
                if columns.count(column.id) > 1:
                    problems.append((f"{where}.columns[{c}].id", _("the id {id} is used twice", id=column.id)))
                problems += _field_problems(column, f"{where}.columns[{c}] ({column.id})")
            if fld.widths and len(fld.widths) != len(fld.columns):
                problems.append((where + ".widths", _("needs one width per column")))
            for r, blank in enumerate(fld.blank_rows, 1):
                if {column for column, _value in blank} - set(columns):
                    problems.append((f"{where}.blank_rows[{r}]", _("names no column of this table")))
    for s, section in enumerate(form.sections, 1):
        for f, fld in enumerate(section.fields, 1):
            if fld.required_unless and seen.get(fld.required_unless) != "boolean":
                problems.append((f"sections[{s}].fields[{f}] ({fld.id}).required_unless",
                                 _("must name a boolean field of this form")))
    for key, wanted in (("place_field", ("text",)), ("date_field", ("date",)), ("number_field", ("text",)),
                        ("recipients_field", ("longtext",))):
        name = getattr(form, key)
        if name is not None and seen.get(name) not in wanted:
            problems.append((f"header.{key}", _("no field {id} of type {type}", id=name, type=wanted[0])))
    for m, migration in enumerate(form.migrations, 1):
        for n, move in enumerate(migration.moves, 1):
            if seen.get(move.target) != "longtext":
                problems.append((f"migrations[{m}].moves[{n}].to", _("must name a longtext field of this form")))
    texts = [("header.left", line) for line in form.header_left] + [("title", form.title), ("intro", form.intro)]
    texts += [("header.recipients", line) for line in form.recipients]
    texts += [("subtitle", line) for line in form.subtitle]
    for s, section in enumerate(form.sections, 1):
        texts += [(f"sections[{s}].heading", section.heading), (f"sections[{s}].text", section.text)]
        for n, sig in enumerate(section.signatures, 1):
            texts += [(f"sections[{s}].signatures[{n}]", getattr(sig, k)) for k in ("title", "role", "name")]
    for where, text in texts:
        for name in placeholders_in(text):
            if name not in KNOWN_SOURCES and name not in seen:
                problems.append((where, _("unknown placeholder {{{name}}}", name=name)))
    return problems


def _field_problems(fld: Field, where: str) -> list[tuple[str, str]]:
    problems = []
    if fld.options and fld.type != "choice":
        problems.append((where + ".options", _("only a choice field has options")))
    ids = [o.id for o in fld.options]
    if len(set(ids)) != len(ids):
        problems.append((where + ".options", _("two options have the same id")))
    if fld.source is not None and fld.source not in KNOWN_SOURCES:
        problems.append((where + ".source", _("unknown record value {name}", name=fld.source)))
    if fld.display and fld.type != "level":
        problems.append((where + ".display", _("only a level field is printed as boxes")))
    if fld.max_rows is not None and fld.max_rows < fld.min_rows:
        problems.append((where + ".max_rows", _("is smaller than min_rows")))
    return problems


def _forms_by_key(definitions: Definitions) -> dict[tuple[str, str], str]:
    return definitions.memo(("forms",), lambda: {(m["id"], m["version"]): name for name in form_names(definitions)
                                                 if (m := FORM_FILE.match(name))})


def load_form(form_id: str, version: str | None = None, *, definitions: Definitions) -> FormSpec:
    """The form in force with this id (and version; the newest when not given) among `definitions`."""
    return definitions.memo(("form", form_id, version), lambda: _load_form(definitions, form_id, version))


def _load_form(definitions: Definitions, form_id: str, version: str | None) -> FormSpec:
    by_key = _forms_by_key(definitions)
    versions = sorted((v for (i, v) in by_key if i == form_id), key=_version_key)
    if not versions or (version is not None and version not in versions):
        raise NotFoundError(_("There is no form {id} (version {version}).", id=form_id, version=version or "*"),
                            code="form.unknown")
    name = by_key[(form_id, version or versions[-1])]
    return parse_form(definitions.toml(name), name)


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def form_version_for(cycle: Cycle, form_id: str) -> str | None:
    """The version the cycle puts in force ([forms] table of its file), if it says."""
    version = cycle.raw.get("forms", {}).get(form_id)
    return version if isinstance(version, str) else None


def form_for_item(cycle: Cycle, item: ItemKind) -> FormSpec:
    """The form in force for a dossier item of the cycle."""
    if item.form is None:
        raise NotFoundError(_("The item {item} is an attached file, not a form.", item=item.name),
                            code="form.attachment")
    return load_form(item.form, form_version_for(cycle, item.form), definitions=cycle.definitions)


def cycle_forms(cycle: Cycle) -> list[tuple[ItemKind, FormSpec | None]]:
    """Every item of the cycle with its form (None for attachment kinds), in dossier order."""
    return [(item, form_for_item(cycle, item) if item.kind == "form" else None) for item in cycle.items]


def item_for_form(cycle: Cycle, form_id: str) -> ItemKind:
    """The dossier item of the cycle that is filled with this form."""
    for item in cycle.items:
        if item.form == form_id:
            return item
    known = ", ".join(i.form for i in cycle.items if i.form)
    raise NotFoundError(_("The cycle {cycle} has no form {id}. Forms: {known}.", cycle=cycle.id, id=form_id,
                          known=known), code="form.unknown")
