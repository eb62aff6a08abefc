"""Format `card`: the pocket card, front and back, one page each (PDF/UA-1 and PDF/A-2a).

Also the parts every card format shares: the HTML of each side, and the fit check. A side that
is too full fails the build, naming the side and roughly how much to cut; it is measured on the
one layout the PDF is then written from.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from .. import model as m
from ..errors import Problem, ToolkitError
from ..model.stamps import card_line, stamp_label
from ..model.values import is_placeholder
from ..pdf.engine import document_pictures, html_to_pdf
from ..pdf.fonts import font_face_css
from ..pdf.hooks import page_boxes
from ..rendered import Rendered
from .card_content import CARD_SIZES, CardContent, CardSize, card_content
from .html_body import HtmlOptions, HtmlWriter
from .logo import PX_PER_MM, placed_logo
from .qr import qr_data_url
from .templates import render_template

SIDES = {"front": "Front of the card", "back": "Back of the card"}
STYLESHEETS = ["print.css", "card.css"]
TOLERANCE_PX = 0.5


class PlainLinkWriter(HtmlWriter):
    """Links as plain text with their address: for a print-shop file, which has no links."""

    def link(self, node: m.Link) -> str:
        text = self.inlines(node.children)
        shown = node.href.removeprefix("mailto:").removeprefix("tel:")
        if node.external and shown != m.plain_text(node.children):
            return f'{text} <span class="url">({Markup.escape(shown)})</span>'
        return str(text)

    def _address(self, address: str, scheme: str) -> str:
        if is_placeholder(address):
            return super()._address(address, scheme)
        return str(Markup.escape(address))


@dataclass(frozen=True)
class Card:
    """Everything a card layout needs: the content, the size and the HTML of each side."""

    content: CardContent
    size_key: str
    front: Markup
    back: Markup

    @property
    def size(self) -> CardSize:
        return CARD_SIZES[self.size_key]


def prepare(document: m.Document, links: bool = True) -> Card:
    """Select the card's content and write the HTML of both sides; fail if nothing is marked."""
    content = card_content(document)
    if not content.has_marked_boxes:
        raise ToolkitError(
            Problem(
                document.source,
                None,
                "Nothing in the text is marked for the pocket card.",
                "Add {card=front} or {card=back} at the end of a box's first line "
                "(see docs/authoring.md).",
            )
        )
    options = HtmlOptions(heading_offset=2)
    writer = (HtmlWriter if links else PlainLinkWriter)(options, document.pictures)
    sides = {side: side_html(document, content, side, writer, links) for side in ("front", "back")}
    return Card(content, document.settings.card_size, sides["front"], sides["back"])


def side_html(
    document: m.Document, content: CardContent, side: str, writer: HtmlWriter, links: bool
) -> Markup:
    boxes = Markup("\n").join(_box_html(box, writer) for box in content.side(side))
    return Markup(
        render_template(
            "card-side.html.j2",
            side=side,
            side_label=SIDES[side],
            meta=document.meta,
            settings=document.settings,
            logo=placed_logo(document, f"card-{document.settings.card_size}"),
            boxes=boxes,
            contacts=content.contacts,
            qr=qr_data_url(document.settings.toolkit_url),
            links=links,
            stamp=stamp_label(document.meta),
            card_line=card_line(document.meta),
        )
    )


def _box_html(box: m.Callout | m.ContactBlock, writer: HtmlWriter) -> Markup:
    # A card-only box without a title is just text: its label ("Pocket card") says nothing here.
    if isinstance(box, m.Callout) and box.kind == "card" and not box.title:
        return Markup(f'<div class="card-note">{writer.render(box.children)}</div>')
    return writer.render((box,))


def page_context(document: m.Document, card: Card) -> dict[str, Any]:
    return {
        "meta": document.meta,
        "settings": document.settings,
        "size": card.size,
        "size_key": card.size_key,
        "font_css": font_face_css(),
        "front": card.front,
        "back": card.back,
    }


# ---- the fit check ----------------------------------------------------------------------------


def fit_check(document: m.Document, card: Card) -> Callable[[Any], None]:
    """A check of the laid-out document: every side's content fits inside its safe area."""

    def check(layout: Any) -> None:
        overflow: dict[str, float] = {}
        line_px = 0.0
        for side, box, content in _sides(layout):
            overflow[side] = max(overflow.get(side, 0.0), _overflow_px(content))
            line_px = line_px or _line_height_px(box)
        problems = [
            _too_full(document, card, side, overflow[side], line_px)
            for side in SIDES
            if overflow.get(side, 0.0) > TOLERANCE_PX
        ]
        if problems:
            raise ToolkitError(problems)
        if set(overflow) != set(SIDES):
            raise AssertionError("the card layout lost a side")

    return check


def _sides(layout: Any) -> Iterator[tuple[str, Any, Any]]:
    """(side name, side box, content box) for every side placed on any page."""
    for page in page_boxes(layout):
        for box in page.descendants(placeholders=True):
            side = _attribute(box, "data-side")
            if side and box.element_tag == "section":
                yield side, box, _child(box, "side-content")


def _child(box: Any, name: str) -> Any:
    """The first box below `box` whose element has the class `name`."""
    return next(b for b in box.descendants(placeholders=True) if _attribute(b, "class") == name)


def _attribute(box: Any, name: str) -> str:
    element = getattr(box, "element", None)
    return (element.get(name) or "") if element is not None else ""


def _overflow_px(content: Any) -> float:
    """How far the main part runs into the foot, which sits at the bottom of the safe area."""
    main, foot = _child(content, "side-main"), _child(content, "card-foot")
    return main.position_y + main.margin_height() - foot.position_y


def _line_height_px(box: Any) -> float:
    font_size, value = box.style["font_size"], box.style["line_height"]
    if isinstance(value, int | float):
        return value * font_size
    return 1.2 * font_size if value == "normal" else value.value


def _too_full(
    document: m.Document, card: Card, side: str, overflow_px: float, line_px: float
) -> Problem:
    mm = overflow_px / PX_PER_MM
    lines = max(1, math.ceil(overflow_px / line_px))
    larger = [
        s for s in CARD_SIZES.values() if s.width * s.height > card.size.width * card.size.height
    ]
    fix = f"Shorten the boxes marked {{card={side}}}"
    if side == "back" and card.content.contacts:
        fix += " (or mark fewer contacts card: true in the settings)"
    fix += (
        ", or choose a larger card size." if larger else f"; {card.size.name} is the largest size."
    )
    return Problem(
        document.source,
        card.content.first_line(side),
        f"The {side} of the card is too full by about {lines} "
        f"line{'s' if lines != 1 else ''} ({max(1, round(mm))} mm).",
        fix,
    )


def render(document: m.Document) -> Rendered:
    card = prepare(document)
    return html_to_pdf(
        render_template("card.html.j2", **page_context(document, card)),
        STYLESHEETS,
        label="card",
        pictures=document_pictures(document),
        check_layout=fit_check(document, card),
    )
