"""The one Jinja environment: templates from layouts/, strict about undefined names, autoescaped."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import jinja2

from markupsafe import Markup

from ..dates import long_date
from ..layouts import LAYOUTS
from ..model.values import is_placeholder


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
