"""Version numbers, the version history's rules, and the 12-month review."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the review warning after a build with nothing to do needs no model
    from . import model as m

STAMP_LABELS = {"draft": "DRAFT", "superseded": "SUPERSEDED"}
# The Word files' custom properties for `toolkit review`: the source a file was built from, and
# in a redline, who its own tracked changes are by (they are the comparison, not a review)
SOURCE_PROPERTY = "Source fingerprint"
REDLINE_AUTHOR_PROPERTY = "Changes by"


def status_note(meta: m.Meta, committee: str) -> tuple[str, str]:
    """What a first page says about a version that is not the adopted one: (lead, rest), or
    ("", "") for an adopted version. The lead is shown in bold."""
    if meta.status == "draft":
        return "Draft", (
            f"for consideration by the {committee}. This version has not been adopted."
        )
    if meta.status == "superseded":
        return "Superseded.", "A newer version of this toolkit has been adopted."
    return "", ""


def parse_version(text: str) -> tuple[int, ...]:
    """'1.10' -> (1, 10); versions compare as numbers, so 1.10 comes after 1.9."""
    return tuple(int(part) for part in text.split("."))


def next_versions(current: str) -> str:
    """Suggestions for the version after `current`, for messages."""
    parts = parse_version(current)
    minor = ".".join(map(str, (*parts[:-1], parts[-1] + 1))) if len(parts) > 1 else f"{parts[0]}.1"
    return f"{minor} or {parts[0] + 1}.0"


def history_problems(meta: m.Meta) -> list[tuple[int | None, str, str]]:
    """(history index or None, message, fix) for every rule the version data breaks."""
    found: list[tuple[int | None, str, str]] = []
    current = parse_version(meta.version)
    for index in range(1, len(meta.history)):
        before, entry = meta.history[index - 1], meta.history[index]
        if parse_version(entry.version) <= parse_version(before.version):
            found.append(
                (
                    index,
                    f"Version {entry.version} does not come after {before.version}.",
                    "List the history oldest first, each version higher than the one before.",
                )
            )
        if entry.date < before.date:
            found.append(
                (
                    index,
                    f"The date of version {entry.version} is before that of {before.version}.",
                    "Check the dates: the history is listed oldest first.",
                )
            )
    for index, entry in enumerate(meta.history):
        if parse_version(entry.version) > current:
            found.append(
                (
                    index,
                    f"The history has version {entry.version}, newer than this version "
                    f"({meta.version}).",
                    "Correct 'version' in the header, or the history.",
                )
            )
    if meta.status != "draft":
        if meta.approved is None:
            found.append(
                (
                    None,
                    f"An {meta.status} version needs 'approved' (by and date).",
                    "Add 'approved:' with 'by:' and 'date:', or set 'status: draft'.",
                )
            )
        if not meta.history or meta.history[-1].version != meta.version:
            found.append(
                (
                    None,
                    f"The history's last entry must be this version ({meta.version}).",
                    "Add it to 'history', or use `toolkit release`, which records it for you.",
                )
            )
    return found


def source_date(meta: m.Meta) -> dt.datetime:
    """The date written into outputs: SOURCE_DATE_EPOCH if set, else the version's date.

    Never the clock: the same source gives the same bytes on any day and machine.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
    return dt.datetime(meta.date.year, meta.date.month, meta.date.day, tzinfo=dt.UTC)


@dataclass(frozen=True)
class Review:
    due: dt.date
    days_left: int  # negative when overdue

    @property
    def overdue(self) -> bool:
        return self.days_left < 0

    def describe(self) -> str:
        if self.days_left > 0:
            return f"in {self.days_left} days"
        if self.days_left == 0:
            return "today"
        return f"overdue by {-self.days_left} days"


def review(meta: m.Meta, today: dt.date) -> Review:
    return Review(meta.review_due, (meta.review_due - today).days)
