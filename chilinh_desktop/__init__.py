"""chilinh_desktop: the annual review dossier cycle (hồ sơ kiểm điểm) for party offices, offline."""

from importlib import metadata as _metadata

try:
    __version__ = _metadata.version("chilinh-desktop")
except _metadata.PackageNotFoundError:  # running from a checkout or a frozen build
    __version__ = "0.1.0"
