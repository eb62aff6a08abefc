"""Where layouts/ is: the Jinja templates, stylesheets and Word styling every renderer uses.

A module of its own, so that a build with nothing to do can fingerprint the layouts without
loading the templates or the model."""

from __future__ import annotations

from pathlib import Path


def _layouts() -> Path:
    """layouts/ beside the package (a checkout or an editable install), else in the project
    folder the command runs from."""
    beside = Path(__file__).resolve().parents[1] / "layouts"
    return beside if beside.is_dir() else Path.cwd().resolve() / "layouts"


LAYOUTS = _layouts()
