"""What goes on the pocket card: the boxes marked for each side and the key contacts.

Pure selection from the document model; the layouts in pipeline/render/card*.py draw it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .. import model as m
from ..model.values import Contact

CardBox = m.Callout | m.ContactBlock


@dataclass(frozen=True)
class CardSize:
    name: str  # as said to the author, e.g. in messages
    width: float  # mm, portrait as cut
    height: float


CARD_SIZES = {
    "a6": CardSize("A6", 105, 148),
    "a7": CardSize("A7", 74, 105),
    "business": CardSize("business card", 85, 55),
}


@dataclass(frozen=True)
class CardContent:
    front: tuple[CardBox, ...]
    back: tuple[CardBox, ...]
    contacts: tuple[Contact, ...]  # key contacts from the settings not already in a card box

    @property
    def has_marked_boxes(self) -> bool:
        return bool(self.front or self.back)

    def side(self, name: str) -> tuple[CardBox, ...]:
        return self.front if name == "front" else self.back

    def first_line(self, side: str) -> int | None:
        """The source line of the first box on a side, for messages."""
        boxes = self.side(side)
        return boxes[0].line if boxes else None


def card_content(document: m.Document) -> CardContent:
    marked = tuple(_marked(document.blocks))
    shown = {c.id for box in marked if isinstance(box, m.ContactBlock) for c in box.contacts}
    return CardContent(
        front=tuple(box for box in marked if box.card == "front"),
        back=tuple(box for box in marked if box.card == "back"),
        contacts=tuple(c for c in document.settings.contacts if c.card and c.id not in shown),
    )


def _marked(blocks: tuple[m.Block, ...] | tuple[m.ListItem, ...]) -> Iterator[CardBox]:
    """Boxes marked for the card, in document order; a marked box is taken whole."""
    for block in blocks:
        if isinstance(block, m.Callout | m.ContactBlock) and block.card:
            yield block
        elif isinstance(block, m.BulletList | m.OrderedList):
            yield from _marked(block.items)
        elif isinstance(block, m.ListItem | m.Quote | m.Callout | m.ContactBlock):
            yield from _marked(block.children)
