"""Re-exports loaded on first use: the front ends import plain types and helpers from ops/ without ops/
loading every lower module (and its libraries) at start-up."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from typing import Any


def lazy_getattr(module: str, homes: dict[str, str]) -> Callable[[str], Any]:
    """A module `__getattr__` that loads each name of `homes` from its home module when first asked for."""

    def __getattr__(name: str) -> Any:
        home = homes.get(name)
        if home is None:
            raise AttributeError(f"module {module!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(home), name)
        setattr(sys.modules[module], name, value)  # later lookups find it without this function
        return value

    return __getattr__
