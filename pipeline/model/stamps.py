"""What every output says of its version, in one place: the DRAFT mark, a first page's status
note and facts (version, status, approval, the next review), the card's line, the date
written into files (never the clock), and the Word properties that name the source.

The first pages list the same facts, some with fewer (the large print and the web page leave
out the council and committee their cover already names) and under their own labels: FACTS
says which, so that a change of wording is made here once.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..dates import long_date

if TYPE_CHECKING:
    from . import Document, Meta

STAMP_LABELS = {"draft": "DRAFT", "superseded": "SUPERSEDED"}
NOT_APPROVED = "not yet approved"
# The custom properties of a Word file that `toolkit review` reads: the source it was built from,
# and in a redline, who its own tracked changes are by (they are the comparison, not a review)
SOURCE_PROPERTY = "Source fingerprint"
REDLINE_AUTHOR_PROPERTY = "Changes by"


@dataclass(frozen=True)
class Facts:
    """Which facts a first page lists, and what it calls them (None: not listed)."""

    council: str | None = "Council"
    committee: str | None = "Committee"
    meeting: str | None = None  # the meeting date, on a committee paper
    status: str | None = "Status"  # None: the status is given after the version, "1.0 (draft)"
    approved: str = "Approved"
    approval: str = (
        "date"  # "date": 15 April 2024 by the Committee; "body": Committee, 15 April 2024
    )
    minute: bool = True
    review: str = "Next review due"
    published: str | None = None  # the council, as publisher


FACTS = {
    "appendix": Facts(meeting="Meeting date"),
    "word": Facts(review="Review due"),
    "large-print": Facts(
        council=None, committee=None, status=None, minute=False, review="Next review due by"
    ),
    "web": Facts(
        council=None,
        committee=None,
        status=None,
        approved="Approved by",
        approval="body",
        minute=False,
        review="Next review due by",
        published="Published by",
    ),
}


@dataclass(frozen=True)
class Fact:
    label: str
    value: str


def stamp_label(meta: Meta) -> str:
    """The mark every page of a version not in force carries: DRAFT or SUPERSEDED ("" when
    adopted)."""
    return STAMP_LABELS.get(meta.status, "")


def facts(document: Document, page: str) -> dict[str, Fact]:
    """A first page's facts, in order, by name (council, committee, meeting, version, status,
    date, approved, review, published): see FACTS. A fact the page does not list is absent."""
    meta, shown = document.meta, FACTS[page]
    found: dict[str, tuple[str | None, str]] = {
        "council": (shown.council, document.settings.council.name),
        "committee": (shown.committee, document.meeting.committee),
        "meeting": (shown.meeting, long_date(document.meeting.date)),
        "version": ("Version", meta.version if shown.status else f"{meta.version} ({meta.status})"),
        "status": (shown.status, meta.status.capitalize()),
        "date": ("Date of this version", long_date(meta.date)),
        "approved": (
            shown.approved,
            approval(meta, shown.approval, shown.minute) if meta.adoption else "",
        ),
        "review": (shown.review, long_date(meta.review_due)),
        "published": (shown.published, document.settings.council.name),
    }
    return {name: Fact(label, value) for name, (label, value) in found.items() if label and value}


def approval(meta: Meta, form: str = "date", minute: bool = True) -> str:
    """Who approved this version and when: "15 April 2024 by the Democracy and Standards
    Committee (minute DSC/24/7)", or, in the form "body", "Democracy and Standards Committee,
    15 April 2024"; NOT_APPROVED for a version not adopted."""
    adoption = meta.adoption
    if adoption is None:
        return NOT_APPROVED
    if form == "body":
        return f"{adoption.by}, {long_date(adoption.date)}"
    note = f" (minute {adoption.minute})" if minute and adoption.minute else ""
    return f"{long_date(adoption.date)} by the {adoption.by}{note}"


def card_line(meta: Meta) -> str:
    """The card's small print: "Version 1.0, adopted 15 April 2024. Review due 15 April 2025."
    ("Version 1.1 (draft)." while it is not adopted)."""
    adopted = f", adopted {long_date(meta.adoption.date)}" if meta.adoption else f" ({meta.status})"
    return f"Version {meta.version}{adopted}. Review due {long_date(meta.review_due)}."


def web_stamp(meta: Meta) -> tuple[str, str]:
    """The web page's heading stamp: the version with its date, and the next review."""
    return (
        f"Version {meta.version}, {long_date(meta.date)}.",
        f"Next review due by {long_date(meta.review_due)}.",
    )


def status_note(meta: Meta, committee: str) -> tuple[str, str]:
    """What a first page says about a version that is not the adopted one: (lead, rest), or
    ("", "") for an adopted version. The lead is shown in bold."""
    if meta.status == "draft":
        return "Draft", (
            f"for consideration by the {committee}. This version has not been adopted."
        )
    if meta.status == "superseded":
        return "Superseded.", "A newer version of this toolkit has been adopted."
    return "", ""


def source_date(meta: Meta) -> dt.datetime:
    """The date written into outputs: SOURCE_DATE_EPOCH if set, else the version's date.

    Never the clock: the same source gives the same bytes on any day and machine.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
    return dt.datetime(meta.date.year, meta.date.month, meta.date.day, tzinfo=dt.UTC)
