"""{{ name }} in the text: filled in from the settings before the Markdown is parsed.

Values are Markdown-escaped, so a setting can never change the document's structure, and filling
them in never changes line numbers (values are one line).

A web address belongs in a link whose words say where it goes, `[the council's website](
{{ council.website }})`, so that it can be followed in every format and the print formats show
it after the words. Written as plain text it is reported. While it is still a placeholder, the
link's address becomes `todo:NAME`, which the parser shows as the words and the placeholder.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection
from dataclasses import dataclass

from ..errors import Collector
from .schema import is_placeholder

VARIABLE = re.compile(r"\{\{\s*([A-Za-z0-9_.-]*)\s*\}\}")
_ESCAPE = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~&])")
PLACEHOLDER_LINK = "todo:"  # the address of a link whose setting is still a placeholder


@dataclass(frozen=True)
class Use:
    """A place where the text uses a setting."""

    name: str
    line: int


def substitute(
    text: str,
    values: dict[str, str],
    file: str,
    first_line: int,
    problems: Collector,
    addresses: Collection[str] = (),
) -> tuple[str, list[Use]]:
    """Fill in every {{ name }}; report unknown names with the line and the nearest name, and
    a web address (a name in `addresses`) written as plain text."""
    uses: list[Use] = []
    out_lines: list[str] = []
    for offset, line in enumerate(text.split("\n")):
        number = first_line + offset

        def fill(match: re.Match[str], number: int = number, line: str = line) -> str:
            name = match.group(1)
            if name not in values:
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
            uses.append(Use(name, number))
            value = values[name]
            if name in addresses:
                part = _link_part(out_lines, line[: match.start()])
                if part == "":
                    problems.add(
                        file,
                        number,
                        f"The web address {{{{ {name} }}}} is written as plain text.",
                        "Make it a link whose words say where it goes: "
                        f"[words that say where it goes]({{{{ {name} }}}}).",
                    )
                elif part == "address" and is_placeholder(value):
                    return f"<{PLACEHOLDER_LINK}{name}>"
            return _ESCAPE.sub(r"\\\1", value)

        out_lines.append(VARIABLE.sub(fill, line))
    return "\n".join(out_lines), uses


def _link_part(lines_before: list[str], line_before: str) -> str:
    """Where text after `line_before` stands: in a link's "words", its "address", or ""."""
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
    return "address" if address else "words" if depth else ""
