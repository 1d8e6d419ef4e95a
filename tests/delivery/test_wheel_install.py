"""Installed the way users install it: a wheel built from the checkout, in a fresh virtual environment.

The wheel must carry forms/ and resources/ (chilinh_desktop/_shipped); the program installed from it
runs the demo, prints every form of a unit and exports a signed package from outside the checkout.
The new environment reuses the test environment's dependencies through a plain path entry (no
download of PySide6 again); the project itself comes only from the wheel, which the test checks.
"""

from __future__ import annotations

import os
import site
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

# One pytest-xdist worker runs the whole module: its module fixture is built once, not once per worker.
pytestmark = pytest.mark.xdist_group("test_wheel_install")

ROOT = Path(__file__).resolve().parents[2]


def _run(args: list, cwd: Path, env: dict) -> subprocess.CompletedProcess:
    result = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True,
                            encoding="utf-8", timeout=600)
    assert result.returncode == 0, f"{args}\nstdout: {result.stdout}\nstderr: {result.stderr}"
    return result


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    # With build isolation, as `pip install .` builds it (setuptools from the index or pip's cache).
    built = _run([sys.executable, ROOT / "scripts" / "build-wheel.py", out], cwd=out, env=dict(os.environ))
    return Path(built.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory) -> Path:
    """A fresh virtual environment holding the wheel; its bin/ folder."""
    env_dir = tmp_path_factory.mktemp("Môi trường mới") / "venv"
    venv.create(env_dir, with_pip=False)
    bin_dir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / ("python.exe" if os.name == "nt" else "python")
    purelib = Path(_run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                        cwd=env_dir, env=dict(os.environ)).stdout.strip())
    # Dependencies from this environment, appended after the new environment's own site-packages.
    deps = [p for p in site.getsitepackages() if Path(p).is_dir()]
    (purelib / "_test_dependencies.pth").write_text("\n".join(deps) + "\n", encoding="utf-8")
    _run([sys.executable, "-m", "pip", "--python", python, "install", "-q", "--disable-pip-version-check",
          "--no-deps", wheel], cwd=env_dir, env=dict(os.environ))
    return bin_dir


def test_the_wheel_carries_forms_and_resources(wheel: Path):
    names = zipfile.ZipFile(wheel).namelist()
    shipped = {n.split("/", 3)[2] for n in names if n.startswith("chilinh_desktop/_shipped/")}
    assert shipped == {"forms", "resources"}
    for folder in ("forms", "resources"):
        for source in (ROOT / folder).rglob("*"):
            rel = source.relative_to(ROOT).as_posix()
            if source.is_file() and "pending" not in source.parts and source.suffix != ".mo":
                assert f"chilinh_desktop/_shipped/{rel}" in names, rel
    assert not any("/pending/" in n or n.endswith(".mo") for n in names)


def test_installed_program_runs_demo_print_all_and_export(installed: Path, tmp_path: Path):
    work = tmp_path / "Hồ sơ 2023"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env.update(HOME=str(tmp_path / "home"), XDG_DATA_HOME=str(tmp_path / "data"),
               XDG_CONFIG_HOME=str(tmp_path / "config"), CHILINH_LANG="vi", PYTHONIOENCODING="utf-8")
    python = installed / ("python.exe" if os.name == "nt" else "python")
    chilinh = installed / ("chilinh.exe" if os.name == "nt" else "chilinh")

    where = _run([python, "-c", "import chilinh_desktop.resources as r; print(r.__file__); print(r.install_root())"],
                 cwd=work, env=env).stdout.splitlines()
    assert Path(where[0]).is_relative_to(installed.parent), where
    assert Path(where[1]).parts[-2:] == ("chilinh_desktop", "_shipped"), where
    assert not Path(where[0]).is_relative_to(ROOT)

    board, unit = work / "ban tổ chức.sqlite3", work / "đơn vị.sqlite3"
    _run([chilinh, "demo", "--db", board], cwd=work, env=env)
    _run([chilinh, "kit", "export", "--db", board, "--unit", "DB15", "--out", work / "kit.zip"], cwd=work, env=env)
    _run([chilinh, "demo", "--role", "unit", "--unit", "DB15", "--kit", work / "kit.zip", "--db", unit],
         cwd=work, env=env)

    printed = _run([chilinh, "print-all", "--db", unit, "--unit", "DB15", "--out", work / "In", "--jobs", "2"],
                   cwd=work, env=env)
    pdfs = sorted((work / "In").glob("*.pdf"))
    assert pdfs, printed.stdout
    assert all(len(PdfReader(p).pages) >= 1 for p in pdfs)

    _run([chilinh, "signoff", "--db", unit, "--unit", "DB15", "--by", "Nguyễn Văn A", "--acknowledge-warnings"],
         cwd=work, env=env)
    (work / "USB").mkdir()
    _run([chilinh, "export", "--db", unit, "--unit", "DB15", "--out", work / "USB"], cwd=work, env=env)
    (package,) = (work / "USB").glob("DB15-*.zip")
    verified = _run([chilinh, "verify", package], cwd=work, env=env)
    assert "DB15" in verified.stdout
