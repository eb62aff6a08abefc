"""The plain values the document holds: the council's settings, its contacts, a clerk's meeting,
the placeholders still to fill in, anchors for headings, and colour contrast. Nothing here reads
a file: pipeline/read/ makes these from content/settings.yml."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, fields

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
    file: str = ""
    lines: tuple[tuple[str, int], ...] = ()
    # The names of the values that are web addresses, sorted: a set's order (and so its repr,
    # which the build's fingerprints read) would change from one run to the next.
    addresses: tuple[str, ...] = ()

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
