"""Setting an installation up (cài đặt ban đầu), and changing its settings.

The first start of the window and the `demo` / `kit import` commands call these functions, so a
unit office, a Board, the demo city and a unit made from a kit come out the same whichever front
end made them. Each returns a typed result saying what was set up and what the person should read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING

from chilinh_desktop.core.errors import NotFoundError, StoreError, ValidationError
from chilinh_desktop.core.settings import Settings, load_settings, save_settings
from chilinh_desktop.core.store import Store, build_new_file
from chilinh_desktop.core.text import clean_line
from chilinh_desktop.core.units import get_unit
from chilinh_desktop.i18n import _
from chilinh_desktop.ops import changes
from chilinh_desktop.ops.queries import InstallationSize, installation_size

if TYPE_CHECKING:
    from chilinh_desktop.package.kit import KitSetup

ROLES = ("demo", "unit", "board", "kit")  # kit: a unit office set up from the Board's cycle kit

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class Installation:
    """What kind of installation to set up, and the unit's identity (from the first-run dialog)."""

    role: str
    code: str = ""
    name: str = ""
    unit_type: str = ""
    kit: str = ""  # the kit file, for role "kit"


@dataclass(frozen=True)
class SetupResult:
    """What setting an installation up made."""

    role: str
    unit_code: str
    unit_name: str
    size: InstallationSize
    board_fingerprint: str = ""  # the Board's key, when set up from a kit: to compare with the dispatch
    warnings: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()  # for information: nothing to act on
    kit: KitSetup | None = None  # the kit import's own account (cadres, dossiers, this unit's key), from a kit

    @property
    def changes(self) -> frozenset[str]:
        """A new installation: the tree, the settings and the definitions in use."""
        return frozenset({changes.TREE, changes.SETTINGS, changes.DEFINITIONS, changes.CONTENT})

    @property
    def messages(self) -> list[str]:
        """What the person should read: warnings first, then notes."""
        return [*self.warnings, *self.notes]


@dataclass(frozen=True)
class SettingsChange:
    """Which settings an update changed (empty when nothing differed)."""

    settings: Settings
    changed: tuple[str, ...]

    @property
    def changes(self) -> frozenset[str]:
        """The settings key, when anything changed."""
        return frozenset({changes.SETTINGS}) if self.changed else frozenset()


@dataclass(frozen=True)
class KitSigner:
    """Who signed a cycle kit, for the person to compare with the fingerprint printed in the Board's dispatch."""

    board_name: str
    fingerprint: str


def kit_signer(kit_path: Path) -> KitSigner:
    """Read and verify a kit; say who signed it (a KitError when it is damaged or not a kit)."""
    from chilinh_desktop.package.kit import read_kit

    kit = read_kit(Path(kit_path))
    return KitSigner(kit.board_name, kit.fingerprint)


def check_installation(choice: Installation) -> Installation:
    """The choice with its code normalised, or a ValidationError saying what is missing."""
    if choice.role not in ROLES:
        raise ValidationError(_("Unknown kind of installation: {role}.", role=choice.role), [("role", choice.role)])
    if choice.role == "demo":
        return Installation("demo")
    code, name = choice.code.strip().upper(), choice.name.strip()
    if choice.role == "kit":
        if not code or not choice.kit.strip():
            raise ValidationError(_("Choose the kit file and enter the unit's code."), [("code", code)])
        return Installation("kit", code, kit=choice.kit.strip())
    if not code or not name:
        raise ValidationError(_("Enter the code and the name of the unit."), [("code", code), ("name", name)])
    return Installation(choice.role, code, name, choice.unit_type)


def set_up_installation(store: Store, choice: Installation, *, actor: str = "setup",
                        progress: Progress | None = None) -> SetupResult:
    """Set an empty data file up as the chosen kind of installation."""
    choice = check_installation(choice)
    if choice.role == "demo":
        return set_up_demo(store, progress=progress)
    if choice.role == "kit":
        return set_up_from_kit(store, Path(choice.kit), choice.code, actor=actor)
    return set_up_office(store, choice, actor=actor)


def set_up_office(store: Store, choice: Installation, *, actor: str = "setup") -> SetupResult:
    """A unit office or a Board with its own unit at the top of the tree, under the newest shipped cycle."""
    from chilinh_desktop.core.cycles import install_cycle, load_cycle_file, shipped_cycle_files
    from chilinh_desktop.core.units import add_unit

    choice = check_installation(choice)
    if choice.role not in ("unit", "board"):
        raise ValidationError(_("Unknown kind of installation: {role}.", role=choice.role), [("role", choice.role)])
    cycle = load_cycle_file(shipped_cycle_files()[-1])
    with store.atomic():
        install_cycle(store, cycle, actor=actor)
        add_unit(store, code=choice.code, name=choice.name, type=choice.unit_type, parent_code=None,
                 valid_from=dt.date(cycle.year, 1, 1), actor=actor)
        settings = load_settings(store).changed(role=choice.role, unit_code=choice.code, unit_name=choice.name)
        save_settings(store, settings)
        store.audit(actor, "installation.setup", f"unit:{choice.code}", role=choice.role, cycle=cycle.id)
    return SetupResult(choice.role, choice.code, choice.name, installation_size(store))


def set_up_from_kit(store: Store, kit_path: Path, unit_code: str, *, passphrase: str | None = None,
                    actor: str = "kit") -> SetupResult:
    """A unit office set up from the Board's signed cycle kit (the kit brings the tree, cadres and forms)."""
    from chilinh_desktop.package.kit import import_kit, read_kit

    setup = import_kit(store, read_kit(Path(kit_path)), unit_code, passphrase=passphrase, actor=actor)
    return SetupResult("unit", setup.unit_code, setup.unit_name, installation_size(store), setup.fingerprint,
                       tuple(setup.warnings), tuple(setup.notes), setup)


# Units whose packages have already reached the demo Board when the window first opens it (not DB15: the
# README's exchange walk-through brings that one by hand).
DEMO_ARRIVALS = ("DB01", "DB04", "DB07", "DB12", "DB16", "PNV", "PTP", "BTG", "MTTQ")


def set_up_demo(store: Store, *, seed: int = 2023, progress: Progress | None = None,
                arrivals: tuple[str, ...] = ()) -> SetupResult:
    """The demo city (fictional, playing the Board) in an empty data file, with the packages of `arrivals` received."""
    from chilinh_desktop.demo import build_demo

    build_demo(store, seed=seed, progress=progress)
    if arrivals:
        add_demo_arrivals(store, arrivals, seed=seed, progress=progress)
    settings = load_settings(store)
    return SetupResult("demo", settings.unit_code, _unit_name(store, settings), installation_size(store))


def add_demo_arrivals(board: Store, codes: tuple[str, ...], *, seed: int = 2023,
                      progress: Progress | None = None) -> list[str]:
    """The demo Board's first arrivals, made as real ones are: each unit set up from the Board's kit in its own
    installation, its dossiers filled, signed off and exported; the packages then imported, keys trusted.

    A unit whose sign-off the rules refuse is left out (it has not sent yet). Returns the codes imported.
    """
    import tempfile

    from chilinh_desktop.core.cycles import get_cycle
    from chilinh_desktop.demo.unit_install import build_unit_from_kit
    from chilinh_desktop.ops.exchange import export_kit, export_unit, import_packages
    from chilinh_desktop.ops.session import clock_for
    from chilinh_desktop.ops.signoff import SignOffRefused, sign_off

    report = progress or (lambda step, done, total: None)
    with tempfile.TemporaryDirectory(prefix="chilinh-demo-") as folder:
        work = Path(folder)
        usb = work / "usb"
        usb.mkdir()
        for done, code in enumerate(codes):
            report("demo.arrivals", done, len(codes))
            kit = export_kit(board, work / f"{code}-kit.zip", unit_code=code)
            with Store.open(work / f"{code}.sqlite3") as unit:
                build_unit_from_kit(unit, kit.path, code, seed=seed)
                unit.clock = clock_for(unit)
                cycle = get_cycle(unit)
                try:
                    sign_off(unit, cycle, code, by=_demo_signer(unit, code), acknowledge=True)
                except SignOffRefused:
                    continue
                export_unit(unit, cycle, code, usb, actor="demo")
        imported = import_packages(board, [usb], trust_new=True, actor="demo")
    return [o.unit_code for o in imported.outcomes if o.status == "imported"]


def _demo_signer(store: Store, unit_code: str) -> str:
    """Who signs a demo unit off: the first cadre of its list (its head), else the unit's name."""
    from chilinh_desktop.core.officials import list_officials

    unit = get_unit(store, unit_code)
    cadres = [o for o in list_officials(store) if o.unit_id == unit.id]
    return cadres[0].full_name if cadres else unit.name


def set_up_demo_unit(store: Store, kit_path: Path, unit_code: str, *, seed: int = 2023) -> SetupResult:
    """A demo unit office: set up from a kit as a real one would be, then its dossiers filled with demo content."""
    from chilinh_desktop.demo.unit_install import build_unit_from_kit

    setup = build_unit_from_kit(store, Path(kit_path), unit_code, seed=seed)
    return SetupResult("unit", setup.unit_code, setup.unit_name, installation_size(store), setup.fingerprint,
                       tuple(setup.warnings), tuple(setup.notes), setup)


def fresh_data_file(path: Path, *, replace: bool = False) -> Path:
    """Make sure `path` can receive a new installation: refuse an existing one unless told to replace it."""
    if path.exists() and path.stat().st_size > 0 and not replace:
        raise StoreError(
            _("The file {path} already exists. Use --force to replace it, or choose another --db.", path=path),
            code="store.exists",
        )
    return path


def create_demo(path: Path, *, seed: int = 2023, replace: bool = False, unit_code: str | None = None,
                kit: Path | None = None, progress: Progress | None = None,
                arrivals: tuple[str, ...] = ()) -> SetupResult:
    """Create a demo data file: the whole city (with the packages of `arrivals` already received), or (with a
    unit code and its kit) one unit office.

    Built under a temporary name and renamed at the end (core.store.build_new_file): a stopped
    build leaves no half city, and a replaced file stays until the new one is whole.
    """
    if (unit_code is not None or kit is not None) and (not unit_code or not kit):
        raise ValidationError(_("--role unit needs --unit CODE and --kit FILE."), [("unit", unit_code or "")])
    fresh_data_file(path, replace=replace)
    if unit_code and kit:
        return build_new_file(path, lambda store: set_up_demo_unit(store, kit, unit_code, seed=seed))
    return build_new_file(path, lambda store: set_up_demo(store, seed=seed, progress=progress, arrivals=arrivals))


def update_settings(store: Store, new: Settings, actor: str) -> SettingsChange:
    """Store the installation's settings after checking them; the change is audited in the same transaction."""
    new = _normalised(new)
    if new.print_margins:
        from chilinh_desktop.render.settings import parse_margins

        parse_margins(new.print_margins)  # a ValidationError names the setting and the expected form
    if new.unit_code:
        try:
            get_unit(store, new.unit_code)
        except NotFoundError:
            raise ValidationError(
                _("There is no unit with the code {code} in this installation's tree. Nothing was changed; "
                  "enter the code of a unit of the tree.", code=new.unit_code),
                [("unit_code", new.unit_code)],
            ) from None
    with store.atomic():
        changed = save_settings(store, new)
        if changed:
            store.audit(actor, "settings.change", "settings", keys=changed)
    return SettingsChange(new, tuple(changed))


def _normalised(settings: Settings) -> Settings:
    values = {f.name: clean_line(str(getattr(settings, f.name))) for f in fields(Settings)}
    values["unit_code"] = values["unit_code"].upper()
    return Settings(**values)


def _unit_name(store: Store, settings: Settings) -> str:
    if settings.unit_name:
        return settings.unit_name
    try:
        return get_unit(store, settings.unit_code).name if settings.unit_code else ""
    except NotFoundError:
        return ""


@dataclass(frozen=True)
class Restored:
    """A data file replaced by a checked backup; `kept` is where the previous file was kept (None: there was none)."""

    path: Path
    kept: Path | None


def restore_data_file(backup: Path | str, db_path: Path | str | None = None, *, force: bool = False) -> Restored:
    """Replace the data file (the per-user one by default) with a backup, checked before anything is replaced."""
    from chilinh_desktop.core.store import default_db_path, restore

    path = Path(db_path) if db_path is not None else default_db_path()
    return Restored(path, restore(backup, path, force=force))


def stored_settings(store: Store) -> Settings:
    """The settings of this installation as stored in the data file (the unit, the signer, print margins...)."""
    return load_settings(store)
