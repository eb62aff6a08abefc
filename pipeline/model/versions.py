"""Version numbers and the version history's rules."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from . import Meta


def parse_version(text: str) -> tuple[int, ...]:
    """'1.10' -> (1, 10); versions compare as numbers, so 1.10 comes after 1.9."""
    return tuple(int(part) for part in text.split("."))


def next_versions(current: str) -> str:
    """Suggestions for the version after `current`, for messages."""
    parts = parse_version(current)
    minor = ".".join(map(str, (*parts[:-1], parts[-1] + 1))) if len(parts) > 1 else f"{parts[0]}.1"
    return f"{minor} or {parts[0] + 1}.0"


def history_problems(meta: Meta) -> list[tuple[int | None, str, str]]:
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
