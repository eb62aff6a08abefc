"""The PDF typeface comes from a pinned Python package, so every machine embeds the same font."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from markupsafe import Markup

FAMILY = "Source Sans Pro"
FACES = {  # (weight, style): file name in the font package
    (400, "normal"): "SourceSansPro-Regular.ttf",
    (600, "normal"): "SourceSansPro-Semibold.ttf",
    (700, "normal"): "SourceSansPro-Bold.ttf",
    (400, "italic"): "SourceSansPro-It.ttf",
}


@cache
def font_dir() -> Path:
    import font_source_sans_pro

    return Path(font_source_sans_pro.__file__).resolve().parent / "files"


def font_face_css() -> Markup:
    """@font-face rules that point at the packaged font files."""
    rules = []
    for (weight, style), name in FACES.items():
        url = (font_dir() / name).as_uri()
        rules.append(
            f'@font-face {{ font-family: "{FAMILY}"; src: url("{url}"); '
            f"font-weight: {weight}; font-style: {style}; }}"
        )
    return Markup("\n".join(rules))


# Every character below this is in the font (Basic Latin to Latin Extended-B), so most texts
# never need the font file opened to be checked.
_SURELY_COVERED = 0x0250


@cache
def _covered() -> frozenset[int]:
    from fontTools.ttLib import TTFont

    with TTFont(font_dir() / FACES[(400, "normal")], lazy=True) as font:
        return frozenset(font.getBestCmap())


def missing_characters(text: str) -> list[str]:
    """Characters of `text` the print font cannot show, in order of first use."""
    unusual = [c for c in dict.fromkeys(text) if ord(c) >= _SURELY_COVERED and not c.isspace()]
    if not unusual:
        return []
    covered = _covered()
    return [c for c in unusual if ord(c) not in covered]
