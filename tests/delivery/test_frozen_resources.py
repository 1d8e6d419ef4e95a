"""forms/ and resources/ are found the same way from a checkout and from a frozen (PyInstaller) build."""

from __future__ import annotations

import shutil
import sys
import tomllib
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from chilinh_desktop import i18n, resources
from chilinh_desktop.core.cycles import load_cycle_file, shipped_cycle_files

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def fresh_lookup():
    """Forget cached locations and catalogs before and after the test."""
    resources.install_root.cache_clear()
    i18n._catalog.cache_clear()
    yield
    resources.install_root.cache_clear()
    i18n._catalog.cache_clear()


@pytest.fixture
def frozen_bundle(tmp_path: Path, monkeypatch, fresh_lookup) -> Path:
    """A folder laid out like dist/chilinh/_internal: forms/, resources/ with compiled .mo only (as chilinh.spec)."""
    bundle = tmp_path / "Chương trình" / "_internal"
    shutil.copytree(ROOT / "forms", bundle / "forms")
    translations = bundle / "resources" / "translations"
    translations.mkdir(parents=True)
    for po in (ROOT / "resources" / "translations").glob("*.po"):
        with po.open("rb") as fh:
            catalog = read_po(fh, locale=po.stem)
        with (translations / f"{po.stem}.mo").open("wb") as fh:
            write_mo(fh, catalog)
    monkeypatch.setattr(sys, "_MEIPASS", str(bundle), raising=False)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    return bundle


def test_checkout_finds_its_own_folders(fresh_lookup):
    assert resources.install_root() == ROOT
    assert resources.forms_dir() == ROOT / "forms"
    assert (resources.resources_dir() / "translations" / "vi.po").is_file()
    assert any(p.stem == "2023" for p in shipped_cycle_files())


def test_frozen_build_finds_the_bundled_folders(frozen_bundle):
    assert resources.install_root() == frozen_bundle
    assert resources.forms_dir() == frozen_bundle / "forms"
    assert resources.resources_dir() == frozen_bundle / "resources"
    cycles = shipped_cycle_files()
    assert cycles and all(frozen_bundle in p.parents for p in cycles)
    load_cycle_file(next(p for p in cycles if p.stem == "2023"))


def test_frozen_build_speaks_vietnamese_from_compiled_catalogs(frozen_bundle):
    assert not list((frozen_bundle / "resources").rglob("*.po"))
    i18n.set_language("vi")
    assert i18n._("Review dossiers") == "Hồ sơ kiểm điểm"
    i18n.set_language("en")
    assert i18n._("Review dossiers") == "Review dossiers"


SPEC = (ROOT / "chilinh.spec").read_text(encoding="utf-8")


def test_spec_bundles_forms_resources_and_compiled_translations():
    assert '(str(ROOT / "forms"), "forms")' in SPEC
    assert "*resource_files()" in SPEC and '(ROOT / "resources").rglob("*")' in SPEC
    assert "*compiled_translations()" in SPEC and "write_mo(" in SPEC
    assert '"resources/translations"' in SPEC


def test_spec_is_a_windowed_one_folder_build_with_version_and_icon():
    assert "console=False" in SPEC
    assert "exclude_binaries=True" in SPEC and "COLLECT(" in SPEC  # one folder, not one file
    assert 'tomllib.loads((ROOT / "pyproject.toml")' in SPEC and 'copy_metadata("chilinh-desktop")' in SPEC
    assert 'ROOT / "packaging" / "chilinh.ico"' in SPEC


def test_icon_is_a_small_valid_ico():
    icon = (ROOT / "packaging" / "chilinh.ico").read_bytes()
    assert len(icon) < 50_000
    reserved, kind, count = int.from_bytes(icon[0:2], "little"), int.from_bytes(icon[2:4], "little"), icon[4]
    assert (reserved, kind) == (0, 1) and count >= 4
    sizes = {icon[6 + 16 * n] or 256 for n in range(count)}
    assert {16, 32, 48, 256} <= sizes


def test_version_comes_from_pyproject():
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    assert version.count(".") == 2 and all(part.isdigit() for part in version.split("."))
