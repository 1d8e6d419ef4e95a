"""The embedded demo: a fictional city (Thành phố Minh Giang) with units, cadres and dossiers."""

from chilinh_desktop.demo.build import DEMO_TODAY, build_demo, create_demo_file

__all__ = ["DEMO_TODAY", "build_demo", "create_demo_file"]
