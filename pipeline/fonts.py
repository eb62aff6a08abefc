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
