"""installer.nsi does what the README says; makensis compiles it without warnings (when installed)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NSI = (ROOT / "installer.nsi").read_text(encoding="utf-8-sig")
CODE = "\n".join(line.split(";", 1)[0] if not line.lstrip().startswith(("LangString", "!define")) else line
                 for line in NSI.splitlines())


def _section(name: str) -> str:
    match = re.search(rf'^Section "{re.escape(name)}".*?^SectionEnd', CODE, re.S | re.M)
    assert match, name
    return match.group(0)


def test_utf8_with_bom_and_unicode():
    assert (ROOT / "installer.nsi").read_bytes().startswith(b"\xef\xbb\xbf")
    assert re.search(r"^Unicode true$", CODE, re.M)


def test_modern_ui_vietnamese_first_then_english():
    assert '!include "MUI2.nsh"' in CODE
    languages = re.findall(r'^!insertmacro MUI_LANGUAGE "(\w+)"', CODE, re.M)
    assert languages == ["Vietnamese", "English"]
    assert "StrCpy $LANGUAGE ${LANG_VIETNAMESE}" in CODE


def test_per_user_without_administrator_rights():
    assert re.search(r"^RequestExecutionLevel user$", CODE, re.M)
    assert re.search(r'^InstallDir "\$LOCALAPPDATA\\Programs\\\$\{APP_ID\}"$', CODE, re.M)
    assert '!define APP_ID "chilinh"' in CODE
    assert "HKLM" not in CODE and "$PROGRAMFILES" not in CODE and "SetShellVarContext all" not in CODE


def test_version_and_paths_come_from_defines():
    for name in ("VERSION", "DIST_DIR"):
        assert re.search(rf"!ifndef {name}\s+!error", CODE), name
    assert 'File "${DIST_DIR}\\${EXE_NAME}"' in CODE and 'File /r "${DIST_DIR}\\_internal"' in CODE
    assert 'WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"' in CODE


def test_add_remove_programs_entry_for_this_user():
    assert r'!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_ID}"' in CODE
    for value in ("DisplayName", "DisplayVersion", "Publisher", "UninstallString", "InstallLocation", "DisplayIcon"):
        assert f'WriteRegStr HKCU "${{UNINST_KEY}}" "{value}"' in CODE, value
    assert 'WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize"' in CODE
    assert 'DeleteRegKey HKCU "${UNINST_KEY}"' in _section("Uninstall")


def test_shortcuts_start_menu_and_optional_desktop():
    program = CODE[CODE.index('Section "!$(SecProgramName)"'):]
    assert 'CreateShortcut "$SMPROGRAMS\\${SHORTCUT}"' in program.split("SectionEnd")[0]
    desktop = CODE[CODE.index('Section "$(SecDesktopName)"'):].split("SectionEnd")[0]
    assert 'CreateShortcut "$DESKTOP\\${SHORTCUT}"' in desktop
    assert "SectionIn RO" not in desktop
    assert "!insertmacro MUI_PAGE_COMPONENTS" in CODE


def test_upgrade_replaces_only_program_files_in_place():
    assert 'InstallDirRegKey HKCU "${UNINST_KEY}" "InstallLocation"' in CODE
    assert "SkipDirectoryWhenUpgrading" in CODE
    program = CODE[CODE.index('Section "!$(SecProgramName)"'):].split("SectionEnd")[0]
    assert re.findall(r"RMDir /r \"([^\"]+)\"", program) == ["$INSTDIR\\_internal"]
    assert "DATA_DIR" not in program and "SETTINGS_KEY" not in program


def test_uninstall_keeps_data_unless_the_user_says_yes():
    uninstall = _section("Uninstall")
    assert 'RMDir /r "$INSTDIR"' not in uninstall  # only the files the setup put there
    box = re.search(r"MessageBox (\S+) \"\$\(MsgRemoveData\)\" /SD \$\{SILENT_DATA_ANSWER\} IDYES (\w+)", uninstall)
    assert box, "the uninstaller must ask about the data"
    assert "MB_YESNO" in box.group(1) and "MB_DEFBUTTON2" in box.group(1)  # default button: No (keep)
    assert re.search(r"!define SILENT_DATA_ANSWER IDNO\b", CODE)
    removal = uninstall[uninstall.index(f"{box.group(2)}:"):]
    assert 'RMDir /r "${DATA_DIR}"' in removal and 'DeleteRegKey HKCU "${SETTINGS_KEY}"' in removal
    before = uninstall[:uninstall.index("MessageBox")]
    assert "DATA_DIR" not in before and "SETTINGS_KEY" not in before
    assert r'!define DATA_DIR "$LOCALAPPDATA\chilinh"' in CODE
    assert r'!define SETTINGS_KEY "Software\chilinh"' in CODE  # QSettings("chilinh", "chilinh")


def test_both_languages_have_every_message():
    names = re.findall(r"^LangString (\w+) \$\{LANG_(\w+)\}", CODE, re.M)
    by_name: dict[str, set[str]] = {}
    for name, language in names:
        by_name.setdefault(name, set()).add(language)
    assert by_name and all(langs == {"VIETNAMESE", "ENGLISH"} for langs in by_name.values()), by_name


@pytest.mark.skipif(shutil.which("makensis") is None, reason="makensis (NSIS) is not installed")
def test_makensis_compiles_without_warnings(tmp_path: Path):
    dist = tmp_path / "Bản dựng" / "chilinh"
    (dist / "_internal" / "forms").mkdir(parents=True)
    (dist / "chilinh.exe").write_bytes(b"MZ placeholder")
    (dist / "_internal" / "forms" / "cycle.toml").write_text("x = 1\n", encoding="utf-8")
    out = tmp_path / "chilinh-9.8.7-setup.exe"
    result = subprocess.run(
        ["makensis", "-WX", "-V2", "-INPUTCHARSET", "UTF8", "-DVERSION=9.8.7", f"-DDIST_DIR={dist}",
         "-DCOMPRESSOR=zlib", f"-DOUT_FILE={out}", str(ROOT / "installer.nsi")],
        capture_output=True, text=True, timeout=300, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "warning" not in (result.stdout + result.stderr).lower()
    assert out.read_bytes()[:2] == b"MZ"


@pytest.mark.skipif(shutil.which("makensis") is None, reason="makensis (NSIS) is not installed")
def test_makensis_refuses_a_build_without_version(tmp_path: Path):
    result = subprocess.run(["makensis", "-V1", f"-DDIST_DIR={tmp_path}", str(ROOT / "installer.nsi")],
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode != 0
    assert "VERSION" in result.stdout + result.stderr
