"""The YAML header of content/toolkit.md: title, language, version, status and history."""

from __future__ import annotations

from .errors import Collector, Problem, ToolkitError
from .model import Approval, HistoryEntry, Meta
from .schema import Choice, Date, ListOf, Mapping, Number, Text, Version, Where
from .yamlfile import load_yaml

STATUSES = ("draft", "adopted", "superseded")

FRONT_MATTER = Mapping(
    {
        "title": Text(),
        "short_title": Text(),
        "subtitle": Text(),
        "language": Text(r"[a-z]{2,3}(-[A-Z]{2})?", "Use a language tag such as en-GB."),
        "version": Version(),
        "status": Choice(*STATUSES),
        "date": Date(),
        "keywords": ListOf(Text()),
        "approved": Mapping(
            {"by": Text(), "date": Date(), "minute": Text()}, required=("by", "date")
        ),
        "review_interval_months": Number(1, 60),
        "history": ListOf(
            Mapping(
                {"version": Version(), "date": Date(), "approved_by": Text(), "summary": Text()},
                required=("version", "date", "summary"),
            )
        ),
    },
    required=("title", "version", "status", "date"),
)


def split_front_matter(text: str, file: str) -> tuple[str, int]:
    """Return the header's YAML text and the number of lines it takes (with its fences)."""
    lines = text.split("\n")
    if not text.strip():
        raise ToolkitError(
            Problem(
                file, 1, "The toolkit source is empty.", "Restore the file from git or a backup."
            )
        )
    if lines[0].strip() != "---":
        raise ToolkitError(
            Problem(
                file,
                1,
                "The file must start with a header between two '---' lines.",
                "Add the header (title, version, status, date) described in docs/authoring.md.",
            )
        )
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            return "\n".join(lines[1:index]), index + 1
    raise ToolkitError(
        Problem(file, 1, "The header has no closing '---' line.", "Add '---' after the header.")
    )


def parse_meta(yaml_text: str, file: str) -> Meta:
    data, lines = load_yaml(yaml_text, file, first_line=2)
    problems = Collector()
    clean = FRONT_MATTER.check(data, Where(file, lines, problems))
    problems.raise_if_any()
    assert clean is not None
    approved = clean.get("approved")
    return Meta(
        title=clean["title"],
        short_title=clean.get("short_title", clean["title"]),
        subtitle=clean.get("subtitle", ""),
        language=clean.get("language", "en-GB"),
        version=clean["version"],
        status=clean["status"],
        date=clean["date"],
        keywords=tuple(clean.get("keywords") or ()),
        approved=Approval(approved["by"], approved["date"], approved.get("minute", ""))
        if approved
        else None,
        review_interval_months=clean.get("review_interval_months", 12),
        history=tuple(
            HistoryEntry(h["version"], h["date"], h.get("approved_by", ""), h["summary"])
            for h in clean.get("history") or ()
        ),
    )
