"""Read content/ (the Markdown source and its settings), validate it, and build the Document.

Every problem found is reported at once, each with its file, line and what to do.
"""

from __future__ import annotations

import difflib
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from .. import model as m
from ..errors import Collector, Problem
from ..model.values import Meeting, Placeholder, Settings
from .frontmatter import blank_header, parse_meta, split_front_matter
from .inputs import Sources
from .settings import address_names, load_meeting, load_settings
from .sourcefile import read_text
from .variables import Use, substitute

MAX_HEADING_LEVEL = 3


@dataclass(frozen=True)
class Loaded:
    document: m.Document
    text: str  # the source as read: no byte-order mark, every line ending '\n'
    header_lines: int  # the front matter's lines, with its fences
    uses: list[Use] = field(default_factory=list)
    # What was taken out of a picture that is still shown (an SVG's scripts, links, animation).
    warnings: tuple[Problem, ...] = ()
    # Files read outside the content folder, with their SHA-256 (see publish/output.py: Notes).
    also_read: tuple[tuple[str, str], ...] = ()

    def placeholders_in_use(self) -> list[tuple[Placeholder, list[int]]]:
        """Placeholders (TODO: values) and the lines of the text that use each one."""
        found = []
        for placeholder in self.document.settings.placeholders():
            lines = {u.line for u in self.uses if u.name == placeholder.name}
            if placeholder.name.startswith("contacts."):
                contact_id = placeholder.name.split(".")[1]
                lines |= {
                    block.line
                    for block in m.walk_blocks(self.document.blocks)
                    if isinstance(block, m.ContactBlock)
                    and any(c.id == contact_id for c in block.contacts)
                }
            found.append((placeholder, sorted(lines)))
        return found


def source_fingerprint(sources: Sources) -> str:
    """What a built file records of the source and settings it was built from."""
    digest = hashlib.sha256()
    for path in (sources.source, sources.settings):
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()[:16]


def display_path(path: Path) -> str:
    """A path as the user would type it: relative to the current folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def load(sources: Sources) -> Loaded:
    """Read, validate and parse everything; raise ToolkitError with every problem found."""
    file = display_path(sources.source)
    text = read_text(sources.source, file)
    settings = load_settings(sources.settings, display_path(sources.settings))
    meeting = settings.meeting
    if sources.meeting_file:
        meeting = load_meeting(sources.meeting_file, meeting)
    meeting = Meeting(
        appendix=sources.appendix or meeting.appendix,
        committee=sources.committee or meeting.committee or settings.committee,
        date=sources.meeting_date or meeting.date,
    )

    header, header_lines = split_front_matter(text, file)
    meta = parse_meta(header, file)

    from .parse import Parser  # markdown-it: only when the source is really read

    problems = Collector()
    # Keep line numbers true: read the body as if the header's lines were blank.
    body = blank_header(text, header_lines)
    variables = settings.variables()
    padded, uses = substitute(body, variables, file, 1, problems, address_names(variables))
    parser = Parser(padded.split("\n"), file, sources.source.parent, settings, meta, problems)
    blocks = parser.document(padded)
    document = m.Document(
        meta, settings, blocks, meeting, file, source_fingerprint(sources), parser.pictures
    )
    check_structure(document, parser.internal_links, problems)
    check_printable(document, problems)
    problems.raise_if_any()
    logo_warnings = settings.logo.picture.warnings if settings.logo else ()
    warnings = (*logo_warnings, *parser.warnings)
    return Loaded(document, text, header_lines, uses, warnings, also_read(sources, settings))


def also_read(sources: Sources, settings: Settings) -> tuple[tuple[str, str], ...]:
    """The files read outside the content folder, with their SHA-256: a logo beside settings
    kept elsewhere (the content folder and the settings file are in every build's key)."""
    if settings.logo is None:
        return ()
    logo = (sources.settings.parent / settings.logo.file).resolve()
    if logo.is_relative_to(sources.source.parent.resolve()):
        return ()
    return ((str(logo), hashlib.sha256(logo.read_bytes()).hexdigest()),)


def check_structure(
    document: m.Document, internal_links: list[tuple[str, int]], problems: Collector
) -> None:
    """Whole-document rules: heading order, unique anchors, internal links that resolve."""
    file = document.source
    previous = 0
    anchors: dict[str, int] = {}
    for heading in document.headings():
        if previous == 0 and heading.level != 1:
            problems.add(
                file,
                heading.line,
                "The first heading must be a main section ('# ...').",
                "Change it to start with a single '#'.",
            )
        elif heading.level > previous + 1:
            problems.add(
                file,
                heading.line,
                f"Heading level skipped: a level-{heading.level} heading follows a "
                f"level-{previous} heading.",
                f"Use {'#' * (previous + 1)} here, or add the missing level above it.",
            )
        if heading.level > MAX_HEADING_LEVEL:
            problems.add(
                file,
                heading.line,
                "Headings can go three levels deep at most ('###').",
                "Use a bold sentence or a list instead.",
            )
        if heading.anchor in anchors:
            problems.add(
                file,
                heading.line,
                f"Two headings have the same anchor '#{heading.anchor}' "
                f"(the other is on line {anchors[heading.anchor]}).",
                "Reword one of the headings so that each is unique.",
            )
        anchors.setdefault(heading.anchor, heading.line)
        previous = heading.level
    if previous == 0:
        problems.add(
            file, None, "The toolkit has no headings.", "Start each section with '# Heading'."
        )
    for target, line in internal_links:
        if target not in anchors:
            problems.add(
                file,
                line,
                f"The link '#{target}' does not match any heading.",
                _nearest_anchor(target, anchors),
            )


def check_printable(document: m.Document, problems: Collector) -> None:
    """Characters the PDFs' font cannot show would print as empty boxes: name them and their line.

    The model is checked, not the Markdown, so characters written as entities (&#3334;) count too.
    """
    from ..pdf.fonts import FAMILY, missing_characters

    reported: set[str] = set()
    for block in m.walk_blocks(document.blocks):
        for character in missing_characters(" ".join(m.own_texts(block))):
            if character in reported:
                continue
            reported.add(character)
            problems.add(
                document.source,
                getattr(block, "line", None),
                f"The character '{character}' (U+{ord(character):04X}) is not in the print font "
                f"({FAMILY}), so the PDFs cannot show it.",
                "Use another character, or say it in words.",
            )


def _nearest_anchor(target: str, anchors: dict[str, int]) -> str:
    close = difflib.get_close_matches(target, anchors, n=1)
    if close:
        return f"Did you mean '#{close[0]}'?"
    return "Link to a heading's anchor: its words in lower case joined by hyphens."
