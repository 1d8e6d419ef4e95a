"""Regenerate the CLI reference in README.md from the parser itself (never retyped).

    python scripts/readme_cli.py          # rewrite the block between the markers
    python scripts/readme_cli.py --check  # exit 1 if README.md is out of date
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from chilinh_desktop.cli import build_parser  # noqa: E402
from chilinh_desktop.i18n import set_language  # noqa: E402

BEGIN = "<!-- cli-help:begin -->"
END = "<!-- cli-help:end -->"


def cli_reference() -> str:
    """`chilinh --help` and every command's help, in Vietnamese, as Markdown."""
    # argparse wraps to the terminal's width; fix it so every machine writes the same text.
    os.environ["COLUMNS"] = "100"
    set_language("vi")
    parser = build_parser()
    parts = ["```text", "$ chilinh --help", _clean(parser.format_help()), "```"]
    subparsers = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    for name, sub in subparsers.choices.items():
        parts += ["", "```text", f"$ chilinh {name} --help", _clean(sub.format_help()), "```"]
    return "\n".join(parts)


def _clean(text: str) -> str:
    return text.replace("main.py", "chilinh").rstrip()


def render(readme: str) -> str:
    head, rest = readme.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{BEGIN}\n{cli_reference()}\n{END}{tail}"


if __name__ == "__main__":
    path = ROOT / "README.md"
    current = path.read_text(encoding="utf-8")
    wanted = render(current)
    if "--check" in sys.argv:
        if current != wanted:
            print("README.md: the CLI reference is out of date; run python scripts/readme_cli.py")
            sys.exit(1)
        sys.exit(0)
    path.write_text(wanted, encoding="utf-8")
