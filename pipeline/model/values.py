"""The plain values the document holds: the council's settings, its contacts and logo, a clerk's
meeting, the placeholders still to fill in, anchors for headings, and colour contrast. Nothing
here reads a file: pipeline/read/ makes these from content/settings.yml."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # a plain value: the picture's checked bytes, format and size
    from ..pictures import Picture

PLACEHOLDER = "TODO:"


def is_placeholder(text: str) -> bool:
    return text.startswith(PLACEHOLDER)


@dataclass(frozen=True)
class Contact:
    id: str
    name: str
    role: str = ""
    phone: str = ""
    email: str = ""
    web: str = ""
    card: bool = False


@dataclass(frozen=True)
class Council:
    name: str
    short_name: str
    website: str = ""
    phone: str = ""


@dataclass(frozen=True)
class Links:
    """Web addresses of the council's own documents that the text points to."""

    code_of_conduct: str = ""
    complaints: str = ""
    recording_protocol: str = ""


@dataclass(frozen=True)
class Arrangements:
    """Local arrangements that differ from council to council, each written as full sentences,
    so that one council's way of working is never stated in the text as every council's."""

    removal_requests: str = ""  # who asks platforms to take down offensive posts, if anyone
    training: str = ""  # the training the council offers and who runs it
    updates: str = ""  # how councillors hear about a new version of the toolkit


@dataclass(frozen=True)
class LogoSize:
    """How large the logo is shown in one place: this high, unless that would make it wider than
    `max_width` (a wide logo), when it is that wide instead. Millimetres."""

    height: float
    max_width: float

    def of(self, ratio: float) -> tuple[float, float]:
        """(width, height) in mm of a logo whose width is `ratio` times its height."""
        width = min(self.height * ratio, self.max_width)
        return width, width / ratio


MM_PER_CSS_PIXEL = 25.4 / 96

# Where the logo is shown, and how large: sizes a council's communications team expects of its
# logo on a document's first page (the council's name is written beside it as text).
LOGO_SIZES = {
    "appendix": LogoSize(20, 60),  # the appendix's first page, top left
    "word": LogoSize(20, 60),  # the Word document's first page
    "large-print": LogoSize(30, 90),  # the large print cover
    "card-a6": LogoSize(10, 35),  # the front of the card, beside its title
    "card-a7": LogoSize(8, 28),
    "card-business": LogoSize(8, 28),
    "web": LogoSize(48 * MM_PER_CSS_PIXEL, 192 * MM_PER_CSS_PIXEL),  # the page's header: 48px
    "web-wide": LogoSize(56 * MM_PER_CSS_PIXEL, 192 * MM_PER_CSS_PIXEL),  # from 768px wide
}
# A photo or scan printed with fewer pixels to the inch than this looks blurred.
SHARP_PRINT_DPI = 150


@dataclass(frozen=True)
class Logo:
    """The council's logo: its file as the settings name it, what it shows in words (the
    council's name), and the checked picture. The picture is not in the repr: fingerprints hash
    its bytes themselves."""

    file: str
    alt: str
    picture: Picture = field(repr=False, compare=False)

    def size(self, place: str) -> tuple[float, float]:
        """(width, height) in mm where it is shown in `place` (a key of LOGO_SIZES)."""
        return LOGO_SIZES[place].of(self.picture.ratio)


# The card's size in words, for the text ({{ card.size }}); the sizes are those of card.CARD_SIZES.
CARD_SIZE_WORDS = {
    "a6": "A6 size (105 × 148 mm)",
    "a7": "A7 size (74 × 105 mm)",
    "business": "business-card size (85 × 55 mm)",
}


@dataclass(frozen=True)
class Meeting:
    """What a clerk sets per agenda: the appendix label, the committee and the meeting date."""

    appendix: str = "A"
    committee: str = ""
    date: dt.date | None = None


@dataclass(frozen=True)
class Placeholder:
    """A setting whose value still starts with TODO:."""

    name: str
    value: str
    file: str
    line: int | None


@dataclass(frozen=True)
class Settings:
    council: Council
    committee: str
    toolkit_url: str
    brand_colour: str
    meeting: Meeting
    contacts: tuple[Contact, ...]
    card_size: str = "a6"  # the pocket card's size: a6, a7 or business
    links: Links = Links()
    arrangements: Arrangements = Arrangements()
    logo: Logo | None = None
    file: str = ""
    lines: tuple[tuple[str, int], ...] = ()

    def contact(self, contact_id: str) -> Contact | None:
        return next((c for c in self.contacts if c.id == contact_id), None)

    def variables(self) -> dict[str, str]:
        """Every value the text may use as {{ name }}, by its dotted name."""
        values = {
            "council.name": self.council.name,
            "council.short_name": self.council.short_name,
            "council.website": self.council.website,
            "council.phone": self.council.phone,
            "committee": self.committee,
            "toolkit_url": self.toolkit_url,
            "card.size": CARD_SIZE_WORDS[self.card_size],
        }
        for group in ("links", "arrangements"):
            values.update(_group_values(group, getattr(self, group)))
        for contact in self.contacts:
            for key in ("name", "role", "phone", "email", "web"):
                values[f"contacts.{contact.id}.{key}"] = getattr(contact, key)
        return values

    def line_of(self, name: str) -> int | None:
        return dict(self.lines).get(name)

    def placeholders(self) -> list[Placeholder]:
        return [
            Placeholder(name, value, self.file, self.line_of(name))
            for name, value in self.variables().items()
            if is_placeholder(value)
        ]


def _group_values(group: str, values: Links | Arrangements) -> dict[str, str]:
    return {f"{group}.{f.name}": getattr(values, f.name) for f in fields(values)}


def slugify(text: str) -> str:
    """A heading's anchor: lower case, words joined by hyphens ('Staying safe': staying-safe)."""
    text = text.lower().replace("’", "").replace("'", "")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "section"


def relative_luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(a: str, b: str) -> float:
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)
