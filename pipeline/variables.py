"""{{ name }} in the text: filled in from the settings before the Markdown is parsed.

Values are Markdown-escaped, so a setting can never change the document's structure, and filling
them in never changes line numbers (values are one line).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from .errors import Collector

VARIABLE = re.compile(r"\{\{\s*([A-Za-z0-9_.-]*)\s*\}\}")
_ESCAPE = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~&])")


@dataclass(frozen=True)
class Use:
    """A place where the text uses a setting."""

    name: str
    line: int


def substitute(
    text: str, values: dict[str, str], file: str, first_line: int, problems: Collector
) -> tuple[str, list[Use]]:
    """Fill in every {{ name }}; report unknown names with the line and the nearest name."""
    uses: list[Use] = []
    out_lines = []
    for offset, line in enumerate(text.split("\n")):
        number = first_line + offset

        def fill(match: re.Match[str], number: int = number) -> str:
            name = match.group(1)
            if name in values:
                uses.append(Use(name, number))
                return _ESCAPE.sub(r"\\\1", values[name])
            close = difflib.get_close_matches(name, values, n=1, cutoff=0.6)
            problems.add(
                file,
                number,
                f"Unknown setting {{{{ {name} }}}}.",
                f"Did you mean {{{{ {close[0]} }}}}?"
                if close
                else "See content/settings.yml for the names you can use.",
            )
            return match.group(0)

        out_lines.append(VARIABLE.sub(fill, line))
    return "\n".join(out_lines), uses
