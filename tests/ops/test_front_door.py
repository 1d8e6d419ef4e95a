"""What ops/ re-exports for the front ends (plain types, helpers): every name resolves, importing loads nothing."""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RE_EXPORTS = ["chilinh_desktop.ops.types", "chilinh_desktop.ops.display", "chilinh_desktop.ops.files",
              "chilinh_desktop.ops.forms"]


@pytest.mark.parametrize("name", RE_EXPORTS)
def test_every_re_exported_name_resolves(name):
    module = importlib.import_module(name)
    unresolved = []
    for attribute in module.__all__:
        try:
            getattr(module, attribute)
        except AttributeError:
            unresolved.append(attribute)
    assert unresolved == [], f"{name} names what its home module no longer has"


@pytest.mark.parametrize("name", RE_EXPORTS)
def test_a_name_not_re_exported_is_refused(name):
    with pytest.raises(AttributeError):
        importlib.import_module(name).NoSuchThing  # noqa: B018 - the lookup is the test


def test_importing_the_re_exports_loads_no_layer_below():
    code = ("import sys\n" + "".join(f"import {name}\n" for name in RE_EXPORTS)
            + "print(','.join(sorted(m for m in sys.modules if m.startswith(('chilinh_desktop.core',"
              " 'chilinh_desktop.formspec', 'chilinh_desktop.render', 'chilinh_desktop.package')))))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert result.stdout.strip() == ""


def test_a_type_is_the_one_its_home_module_defines():
    from chilinh_desktop.core.requirements import ItemState
    from chilinh_desktop.ops.types import ItemState as re_exported

    assert re_exported is ItemState
