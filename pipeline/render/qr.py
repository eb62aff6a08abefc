"""The QR code that opens the online toolkit: an SVG data: URL, or none while the address is
still a placeholder."""

from __future__ import annotations

from ..model.values import is_placeholder


def qr_data_url(url: str, dark: str | None = None) -> str:
    """The code for `url`, its dark modules in `dark` (segno's black when None)."""
    if not url or is_placeholder(url):
        return ""
    import segno

    colours = {"dark": dark} if dark else {}
    return segno.make(url, error="m", micro=False).svg_data_uri(border=4, omitsize=True, **colours)
