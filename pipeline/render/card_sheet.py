"""Format `card-sheet`: pocket cards on A4 to print at home or in an office and cut out.

Page 1 has the fronts, page 2 the backs. Long-edge duplex turns the sheet over about its vertical
axis, so a point at x on the front lands at (sheet width - x) on the back: each back sits in the
mirror-image slot of its front. A card turned sideways to fit more on the sheet is turned the
other way on the back, so that the cut card, turned over left to right, reads upright.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import model as m
from ..pdf.engine import document_pictures, html_to_pdf
from ..rendered import Rendered
from .card import STYLESHEETS, fit_check, page_context, prepare
from .card_content import CardSize
from .templates import render_template

SHEET_WIDTH, SHEET_HEIGHT = 210.0, 297.0  # A4 portrait, mm
MARGIN = 12.0  # around the cards: what printers cannot reach, plus room for the crop marks
NOTE_BAND = 24.0  # at the top of the sheet, for how to print it
NOTE_TOP = 6.0
MARK_GAP, MARK_LENGTH = 2.0, 5.0  # outside the cards; card-sheet.css draws marks 5 mm long


@dataclass(frozen=True)
class Slot:
    """Where one card sits on the sheet: its turned-in-place box starts at (left, top)."""

    x: float  # the card's outline on the sheet, as placed (after any turn)
    y: float
    width: float
    height: float
    rotation: int  # degrees clockwise: 0, 90 or -90

    @property
    def left(self) -> float:
        # The unturned box is turned about its top-left corner; place it so the outline is right.
        return round(self.x + (self.width if self.rotation == 90 else 0), 3)

    @property
    def top(self) -> float:
        return round(self.y + (self.height if self.rotation == -90 else 0), 3)


@dataclass(frozen=True)
class Mark:
    kind: str  # "mark-v" (a vertical line) or "mark-h"
    x: float
    y: float


@dataclass(frozen=True)
class Sheet:
    fronts: tuple[Slot, ...]  # in reading order: rows from the top, left to right
    backs: tuple[Slot, ...]  # backs[i] is the back of fronts[i]
    marks: tuple[Mark, ...]

    @property
    def count(self) -> int:
        return len(self.fronts)


def _grid(width: float, height: float) -> tuple[int, int]:
    """How many cards of this outline fit across and down the printable area."""
    across = int((SHEET_WIDTH - 2 * MARGIN) // width)
    down = int((SHEET_HEIGHT - NOTE_BAND - MARGIN) // height)
    return across, down


def sheet_layout(size: CardSize) -> Sheet:
    """The most cards of this size that fit on A4, upright or turned, and their backs."""
    upright = _grid(size.width, size.height)
    turned = _grid(size.height, size.width)
    rotation = -90 if turned[0] * turned[1] > upright[0] * upright[1] else 0
    width, height = (size.height, size.width) if rotation else (size.width, size.height)
    across, down = turned if rotation else upright
    if across * down == 0:
        raise ValueError(f"a {size.name} card does not fit on A4")
    # Centred across the sheet, so that the mirrored grid on the back is the same grid.
    left = (SHEET_WIDTH - across * width) / 2
    top = NOTE_BAND + (SHEET_HEIGHT - NOTE_BAND - MARGIN - down * height) / 2
    fronts = tuple(
        Slot(left + col * width, top + row * height, width, height, rotation)
        for row in range(down)
        for col in range(across)
    )
    backs = tuple(
        Slot(SHEET_WIDTH - s.x - s.width, s.y, s.width, s.height, -s.rotation) for s in fronts
    )
    cuts_x = [left + col * width for col in range(across + 1)]
    cuts_y = [top + row * height for row in range(down + 1)]
    return Sheet(fronts, backs, _marks(cuts_x, cuts_y))


def _marks(cuts_x: list[float], cuts_y: list[float]) -> tuple[Mark, ...]:
    """Crop marks in line with every cut, outside the block of cards."""
    above, below = cuts_y[0] - MARK_GAP - MARK_LENGTH, cuts_y[-1] + MARK_GAP
    before, after = cuts_x[0] - MARK_GAP - MARK_LENGTH, cuts_x[-1] + MARK_GAP
    vertical = [Mark("mark-v", x, y) for x in cuts_x for y in (above, below)]
    horizontal = [Mark("mark-h", x, y) for y in cuts_y for x in (before, after)]
    return tuple(
        Mark(mark.kind, round(mark.x, 3), round(mark.y, 3)) for mark in vertical + horizontal
    )


def render(document: m.Document) -> Rendered:
    card = prepare(document)
    sheet = sheet_layout(card.size)
    html = render_template(
        "card-sheet.html.j2",
        **page_context(document, card),
        sheet=sheet,
        pages=[(card.front, sheet.fronts), (card.back, sheet.backs)],
        note={"left": MARGIN, "top": NOTE_TOP, "width": SHEET_WIDTH - 2 * MARGIN},
    )
    return html_to_pdf(
        html,
        [*STYLESHEETS, "card-sheet.css"],
        label="card-sheet",
        pictures=document_pictures(document),
        check_layout=fit_check(document, card),
    )
