"""Print settings kept in the data file: page margins and the preferred font family.

The defaults are data (forms/print.toml: the margins of Hướng dẫn 36-HD/VPTW); a setting of the
installation overrides them.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.units import mm

from chilinh_desktop.core.definitions import Definitions
from chilinh_desktop.core.errors import DefinitionError, ValidationError
from chilinh_desktop.core.settings import load_settings
from chilinh_desktop.core.store import Store
from chilinh_desktop.i18n import _

MARGINS_SETTING = "print.margins"
FONT_SETTING = "print.font"
PRINT_FILE = "print.toml"


def default_margins(definitions: Definitions) -> tuple[float, float, float, float]:
    """Top, bottom, left, right in mm, as forms/print.toml sets them (the party committee handbook's)."""
    def load() -> tuple[float, float, float, float]:
        raw = definitions.toml(PRINT_FILE)
        try:
            values = tuple(float(v) for v in raw["margins_mm"])
        except (KeyError, TypeError, ValueError) as exc:
            raise DefinitionError(_("{file}: cannot read the print defaults: {error}", file=PRINT_FILE,
                                    error=exc)) from exc
        if len(values) != 4 or not all(5 <= v <= 60 for v in values):
            raise DefinitionError(_("{file}: cannot read the print defaults: {error}", file=PRINT_FILE,
                                    error="margins_mm"))
        return values  # type: ignore[return-value]

    return definitions.memo(("print", "margins"), load)


@dataclass(frozen=True)
class PrintSettings:
    """Margins in mm (top, bottom, left, right) and the font family to try first."""

    # Always given: the data file's setting, else its definitions' print.toml (print_settings()).
    margins_mm: tuple[float, float, float, float]
    font: str | None = None

    @property
    def margins_pt(self) -> tuple[float, float, float, float]:
        """The margins in PDF points."""
        return tuple(m * mm for m in self.margins_mm)  # type: ignore[return-value]


def parse_margins(text: str) -> tuple[float, float, float, float]:
    """'20,20,30,15' (top, bottom, left, right in mm) → numbers; a Vietnamese error otherwise."""
    try:
        values = tuple(float(part.strip().replace("mm", "")) for part in text.split(","))
    except ValueError:
        values = ()
    if len(values) != 4 or not all(5 <= v <= 60 for v in values):
        raise ValidationError(
            _("The setting {key} must be four numbers of millimetres between 5 and 60 (top, bottom, left, "
              "right), for example 20,20,30,15.", key=MARGINS_SETTING),
            [(MARGINS_SETTING, text)],
        )
    return values  # type: ignore[return-value]


def print_settings(store: Store) -> PrintSettings:
    """The print settings stored in the data file, defaults where none are set."""
    stored = load_settings(store)
    return PrintSettings(
        margins_mm=parse_margins(stored.print_margins) if stored.print_margins else default_margins(store.definitions),
        font=stored.print_font or None,
    )
