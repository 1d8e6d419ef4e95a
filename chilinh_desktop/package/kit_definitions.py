"""The definition files a cycle kit carries (forms, scales, rule set): gathered, checked, compared.

In the kit they sit under forms/ with the same relative paths as in the program's forms/
folder, so the unit stores them under those paths and its loaders prefer them.
"""

from __future__ import annotations

import re

from chilinh_desktop.core.cycles import Cycle
from chilinh_desktop.core.definitions import differs_from_shipped
from chilinh_desktop.core.errors import ChilinhError, DefinitionError
from chilinh_desktop.core.rulesets import parse_rule_set_bytes, rule_set_path
from chilinh_desktop.formspec import form_for_item
from chilinh_desktop.formspec.loader import FORM_FILE, form_version_for, parse_form_bytes
from chilinh_desktop.formspec.scales import parse_scales_bytes, scales_path
from chilinh_desktop.i18n import _

KIT_FOLDER = "forms/"


class KitError(ChilinhError):
    """A kit that cannot be made or must not be used (here, below kit.py, so both modules raise it)."""

    code = "kit"

_SCALES = re.compile(r"^scales/(?P<id>[A-Za-z0-9][A-Za-z0-9._-]*)\.toml$")
_RULES = re.compile(r"^rules/(?P<id>[A-Za-z0-9][A-Za-z0-9._-]*)\.toml$")


def cycle_definitions(cycle: Cycle) -> dict[str, bytes]:
    """The definitions in force that the cycle uses, by path relative to forms/ (for the kit)."""
    paths = {form_for_item(cycle, item).source for item in cycle.items if item.kind == "form"}
    paths.add(scales_path(cycle.scales_id))
    if cycle.rules:
        paths.add(rule_set_path(cycle.rules))
    try:
        return {path: cycle.definitions.read(path) for path in sorted(paths)}
    except OSError as exc:
        raise KitError(_("The cycle kit cannot be made: the definition {name} of the cycle cannot be read ({error}). "
                         "No kit was written.", name=exc.filename or "", error=exc.strerror or str(exc)),
                       code="kit.missing_definition") from exc


def check_definitions(definitions: dict[str, bytes], cycle: Cycle, kit_name: str) -> dict[str, bytes]:
    """The kit's definitions this program knows, each checked, or a KitError naming what is wrong or missing."""
    # Only the three kinds the loaders read are kept: any other file would never be used.
    known = {path: data for path, data in definitions.items()
             if FORM_FILE.match(path) or _SCALES.match(path) or _RULES.match(path)}
    for path, data in sorted(known.items()):
        try:
            if (match := _SCALES.match(path)) is not None:
                parse_scales_bytes(data, match["id"])
            elif _RULES.match(path):
                parse_rule_set_bytes(data, path.removeprefix("rules/"))
            else:
                parse_form_bytes(data, path)
        except DefinitionError as exc:
            raise KitError(_("The cycle kit {path} carries a broken definition: {error} Nothing was changed. "
                                 "Ask the Organisation Board for a corrected kit.", path=kit_name, error=str(exc)),
                           code="kit.bad_definition") from exc
    missing = _missing(known, cycle)
    if missing:
        raise KitError(_("The cycle kit {path} lacks definitions its cycle needs: {names}. Nothing was changed. "
                             "Ask the Organisation Board for a complete kit made with the current program.",
                         path=kit_name, names=", ".join(missing)), code="kit.missing_definition")
    return known


def _missing(known: dict[str, bytes], cycle: Cycle) -> list[str]:
    forms = {(m["id"], m["version"]) for path in known if (m := FORM_FILE.match(path))}
    missing = []
    for item in cycle.items:
        if item.kind != "form" or item.form is None:
            continue
        version = form_version_for(cycle, item.form)
        if version is not None and (item.form, version) not in forms:
            missing.append(f"{item.form}-{version}.toml")
        elif version is None and not any(form_id == item.form for form_id, _v in forms):
            missing.append(f"{item.form}-*.toml")
    needed = [scales_path(cycle.scales_id)] + ([rule_set_path(cycle.rules)] if cycle.rules else [])
    return sorted(set(missing + [path for path in needed if path not in known]))


def differing_names(definitions: dict[str, bytes]) -> list[str]:
    """The kit's definitions that are not byte for byte the program's own files."""
    return sorted(path for path, data in definitions.items() if differs_from_shipped(path, data))
