"""The one Jinja environment: templates from layouts/, strict about undefined names, autoescaped."""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import jinja2

from markupsafe import Markup

from ..read.schema import is_placeholder


def _layouts() -> Path:
    """layouts/ beside the package (a checkout or an editable install), else in the project
    folder the command runs from."""
    beside = Path(__file__).resolve().parents[2] / "layouts"
    return beside if beside.is_dir() else Path.cwd().resolve() / "layouts"


LAYOUTS = _layouts()


def long_date(value: dt.date | None) -> str:
    """15 April 2024: the form GOV.UK style uses."""
    return f"{value.day} {value:%B %Y}" if value else ""


def css_string(value: str) -> Markup:
    """A value as a CSS string literal, safe inside a <style> element."""
    escaped = (
        value.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", " ")
        .replace("<", "\\3C ")
        .replace(">", "\\3E ")
    )
    return Markup(f'"{escaped}"')


@cache
def environment() -> jinja2.Environment:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(LAYOUTS),
        autoescape=jinja2.select_autoescape(["html", "j2"], default_for_string=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["long_date"] = long_date
    env.filters["css_string"] = css_string
    env.tests["placeholder"] = is_placeholder
    return env


def render_template(name: str, **context: object) -> str:
    return environment().get_template(name).render(**context)
