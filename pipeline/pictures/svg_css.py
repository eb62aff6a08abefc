"""References to other files inside an SVG's CSS: its <style> elements, style="" attributes and
presentation attributes (fill="url(…)").

CSS is read with tinycss2 (the tokenizer WeasyPrint uses), as a browser would read it, so an
escaped `\\75 rl(` or an upper-case `URL(` is found as surely as a plain `url(`. Only references
to a part of the same picture (`url(#gradient)`) are allowed. The text is also searched for
`url(` as plain characters, so that a renderer whose parser differs from CSS's (resvg, or
WeasyPrint's own SVG code) finds nothing tinycss2 would have passed over.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

# CSS functions that load a picture or font from an address.
_LOADING_FUNCTIONS = {"url", "src", "image", "image-set", "-webkit-image-set", "cross-fade"}


_PLAIN_URL = re.compile(r"""url\(\s*['"]?\s*([^'")\s]*)""", re.IGNORECASE)


def _plain(css: str, found: list[str]) -> list[str]:
    """`found`, and every url( target in the plain text that is not `#part` and not in it."""
    for address in _PLAIN_URL.findall(css):
        if not address.startswith("#") and address not in found:
            found.append(address or "an empty address")
    return found


def outside_references_in_sheet(css: str) -> list[str]:
    """Each address outside the picture that a style sheet would load, in the order written."""
    return _plain(css, _in_sheet(css))


def _in_sheet(css: str) -> list[str]:
    import tinycss2

    found: list[str] = []
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if rule.type == "at-rule" and rule.lower_at_keyword == "import":
            found.append(_first_address(rule.prelude) or "another style sheet")
            continue
        if rule.type == "at-rule" and rule.lower_at_keyword == "font-face":
            found.extend(_addresses(rule.content, fragments=True) or ["a font from another file"])
            continue
        found.extend(_addresses(getattr(rule, "prelude", None)))
        found.extend(_addresses(getattr(rule, "content", None)))
    return found


def outside_references_in_declarations(css: str) -> list[str]:
    """As above, for the declarations of a style="" attribute."""
    import tinycss2

    return _plain(css, _addresses(tinycss2.parse_blocks_contents(css)))


def outside_references_in_value(value: str) -> list[str]:
    """As above, for one presentation attribute's value (fill, filter, clip-path, …)."""
    if "url" not in value.lower() and "\\" not in value and "(" not in value:
        return []  # nothing that could load anything; the common case, decided quickly
    import tinycss2

    return _plain(value, _addresses(tinycss2.parse_component_value_list(value)))


def _addresses(nodes: Iterable[Any] | None, fragments: bool = False) -> list[str]:
    """Addresses loaded by url(), src() or image functions; `#part` ones only if `fragments`."""
    found = []
    for node in _walk(nodes):
        if node.type == "url":
            address = node.value.strip()
        elif node.type == "function" and node.lower_name in _LOADING_FUNCTIONS:
            address = _first_address(node.arguments) or node.serialize()
        else:
            continue
        if fragments or not address.startswith("#"):
            found.append(address)
    return found


def _first_address(nodes: Iterable[Any] | None) -> str | None:
    for node in _walk(nodes):
        if node.type in ("url", "string"):
            return node.value.strip()
    return None


def _walk(nodes: Iterable[Any] | None) -> Iterator[Any]:
    """Every node inside the nodes, depth first, without recursion (nesting can be deep)."""
    stack = list(reversed(list(nodes or ())))
    while stack:
        node = stack.pop()
        yield node
        for attribute in ("value", "arguments", "content", "prelude"):  # reversed reading order
            children = getattr(node, attribute, None)
            if isinstance(children, list):
                stack.extend(reversed(children))
