"""The YAML header of content/toolkit.md: title, language, version, status and history."""

from __future__ import annotations

from ..errors import Collector, Problem, ToolkitError
from ..model import Approval, HistoryEntry, Meta
from ..model.stamps import NOT_APPROVED
from ..model.versions import history_problems
from .schema import Choice, Date, ListOf, Mapping, Number, Text, Version, Where, given
from .yamlfile import load_yaml

STATUSES = ("draft", "adopted", "superseded")

# What the version history shows as the approver of a draft's own entry, which names none:
# the committee has not approved it yet (`toolkit release` records who did), in the words the
# first pages use.
NOT_YET_APPROVED = NOT_APPROVED.capitalize()

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


def blank_header(text: str, header_lines: int) -> str:
    """The text with the header's lines left empty, so that the body keeps its line numbers."""
    return "\n" * header_lines + "\n".join(text.split("\n")[header_lines:])


def parse_meta(yaml_text: str, file: str) -> Meta:
    data, lines = load_yaml(yaml_text, file, first_line=2)
    problems = Collector()
    clean = FRONT_MATTER.check(data, Where(file, lines, problems))
    problems.raise_if_any()
    assert clean is not None
    meta = _meta(clean)
    for index, message, fix in history_problems(meta):
        key = ("history", index) if index is not None else ("status",)
        problems.add(file, lines.get(key), message, fix)
    problems.raise_if_any()
    return meta


def _meta(clean: dict) -> Meta:
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
        **given(clean, review_interval_months="review_interval_months"),
        history=tuple(
            HistoryEntry(h["version"], h["date"], _approver(h, clean), h["summary"])
            for h in clean.get("history") or ()
        ),
    )


def _approver(entry: dict, clean: dict) -> str:
    """Who approved a version in the history: as the entry says; for the document's own entry
    that names none, the `approved:` body (a version adopted by editing its header), or, in a
    draft, that it is not approved yet."""
    if entry.get("approved_by"):
        return entry["approved_by"]
    if entry["version"] != clean["version"]:
        return ""
    if clean.get("approved"):
        return clean["approved"]["by"]
    return NOT_YET_APPROVED if clean["status"] == "draft" else ""


def _yaml_text(value: str) -> str:
    """A YAML scalar that always reads back as this exact text."""
    import json

    plain = value and value.strip() == value and value[0].isalnum()
    if plain and not any(c in value for c in ":#{}[],&*!|>'\"%@`") and not _looks_typed(value):
        return value
    return json.dumps(value, ensure_ascii=False)


def _looks_typed(value: str) -> bool:
    lowered = value.lower()
    if lowered in {"yes", "no", "true", "false", "on", "off", "null", "~"}:
        return True
    try:
        float(value)
    except ValueError:
        return False
    return True


def front_matter_text(meta: Meta) -> str:
    """The header for `meta`, in the order authors see in docs/authoring.md."""
    lines = ["---", f"title: {_yaml_text(meta.title)}"]
    if meta.short_title != meta.title:
        lines.append(f"short_title: {_yaml_text(meta.short_title)}")
    if meta.subtitle:
        lines.append(f"subtitle: {_yaml_text(meta.subtitle)}")
    lines += [
        f"language: {meta.language}",
        f'version: "{meta.version}"',
        f"status: {meta.status}",
        f"date: {meta.date.isoformat()}",
    ]
    if meta.approved:
        lines += [
            "approved:",
            f"  by: {_yaml_text(meta.approved.by)}",
            f"  date: {meta.approved.date.isoformat()}",
        ]
        if meta.approved.minute:
            lines.append(f"  minute: {_yaml_text(meta.approved.minute)}")
    lines.append(f"review_interval_months: {meta.review_interval_months}")
    if meta.keywords:
        lines.append("keywords: [" + ", ".join(_yaml_text(k) for k in meta.keywords) + "]")
    if meta.history:
        lines.append("history:")
        for entry in meta.history:
            lines += [f'  - version: "{entry.version}"', f"    date: {entry.date.isoformat()}"]
            if entry.approved_by and entry.approved_by != NOT_YET_APPROVED:
                lines.append(f"    approved_by: {_yaml_text(entry.approved_by)}")
            lines.append(f"    summary: {_yaml_text(entry.summary)}")
    lines.append("---")
    return "\n".join(lines) + "\n"
