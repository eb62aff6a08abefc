"""{{ name }} in the text: filled in from the settings before the Markdown is parsed.

Values are Markdown-escaped, so a setting can never change the document's structure, and filling
them in never changes line numbers (values are one line). A web address used in running text
becomes a link to itself, shown without https://, so that it can be followed in every format;
inside a link's words or address it stays text.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from .errors import Collector

VARIABLE = re.compile(r"\{\{\s*([A-Za-z0-9_.-]*)\s*\}\}")
_ESCAPE = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~&])")
WEB_ADDRESS = re.compile(r"https?://[^\s<>]+")


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
    out_lines: list[str] = []
    for offset, line in enumerate(text.split("\n")):
        number = first_line + offset

        def fill(match: re.Match[str], number: int = number, line: str = line) -> str:
            name = match.group(1)
            if name in values:
                uses.append(Use(name, number))
                value = values[name]
                if WEB_ADDRESS.fullmatch(value) and not _in_link(out_lines, line[: match.start()]):
                    # shown as people write it: without https://
                    shown = _ESCAPE.sub(r"\\\1", re.sub(r"^https?://", "", value).rstrip("/"))
                    return f"[{shown}](<{value}>)"
                return _ESCAPE.sub(r"\\\1", value)
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


def _in_link(lines_before: list[str], line_before: str) -> bool:
    """Whether text after `line_before` (in its paragraph) is inside a link's words or address."""
    paragraph: list[str] = []
    for earlier in reversed(lines_before):
        if not earlier.strip():
            break
        paragraph.insert(0, earlier)
    text = re.sub(r"\\.", "", "\n".join([*paragraph, line_before]))  # escaped characters
    depth, address = 0, False
    for index, char in enumerate(text):
        if address:
            address = char != ")"
        elif char == "[":
            depth += 1
        elif char == "]" and depth:
            depth -= 1
            address = text[index + 1 : index + 2] == "("
    return depth > 0 or address
