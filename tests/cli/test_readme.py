"""The README's CLI reference is generated from the parser and must match it."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_readme_cli_reference_is_up_to_date():
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "readme_cli.py"), "--check"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_readme_names_the_two_setup_commands_and_they_exist():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for script in ("scripts/start-demo.sh", "scripts/test.sh"):
        assert f"bash {script}" in readme
        assert (ROOT / script).is_file()
    assert "scripts/test.sh" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
