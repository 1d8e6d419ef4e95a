"""chilinh_desktop: the annual review dossier cycle (hồ sơ kiểm điểm) for party offices, offline."""

from __future__ import annotations


def __getattr__(name: str) -> str:
    # importlib.metadata costs ~30 ms at start-up; only --version and About ask for the version.
    if name == "__version__":
        from importlib import metadata

        try:
            version = metadata.version("chilinh-desktop")
        except metadata.PackageNotFoundError:  # running from a checkout or a frozen build
            version = "0.1.0"
        globals()["__version__"] = version
        return version
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
