"""`toolkit review`: read the reviewed Word files, place every change in the source, merge the
reviewers, and (when asked) write the changes into content/toolkit.md.

The current source is loaded and rendered to Word again in memory; each reviewed file is read
and compared with it paragraph by paragraph (see placing.py). A file must say which source it
was built from (the custom property Source fingerprint, written by every Word output of the
toolkit); one built from an older source still has its changes applied where the text has not
changed since. A redline from `toolkit compare` names the author of its own tracked changes:
those are the comparison, already in the source, and count as its text.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Problem, ToolkitError
from ..model.stamps import REDLINE_AUTHOR_PROPERTY, SOURCE_PROPERTY
from ..read.inputs import Sources
from .merge import Outcome, applied_text, choose, number_changes
from .wordml import Comment, Revision, WordFile, read_word_file


@dataclass
class FileNote:
    name: str
    built_from: str  # "this source", or what is known of the older one
    comments: list[tuple[Comment, int, str]] = field(default_factory=list)  # (comment, line, on)
    outside: list[tuple[str, Revision]] = field(default_factory=list)  # headers and footers


@dataclass
class Review:
    source: str  # the source file, as shown in messages
    version: str
    files: list[FileNote]
    outcomes: list[Outcome]
    settings_file: str


def review(paths: list[Path], sources: Sources) -> tuple[Review, str]:
    """The review of `paths` against the source; and the source's text as it is now."""
    from ..read.source import load
    from ..render.docx import write_word
    from ..render.docx.writer import bookmark_names
    from .changes import read_changes
    from .origins import fresh_paragraphs
    from .placing import Placer
    from .sourcemap import SourceFile, SourceMap

    loaded = load(sources)
    document, text = loaded.document, loaded.text
    source = SourceFile(text, loaded.header_lines)
    sourcemap = SourceMap(source, document.settings.variables())
    bookmarks = bookmark_names(document)
    words = [read_word_file(path) for path in paths]
    fresh: dict[bool, list] = {}
    notes, per_file = [], []
    for path, word in zip(paths, words, strict=True):
        _check_ours(word)
        redline_author = word.properties.get(REDLINE_AUTHOR_PROPERTY, "")
        redline = bool(redline_author)
        if redline not in fresh:  # a redline shows the boxes that are only on the card too
            origins: dict = {}
            built = write_word(document, redline, origins)
            fresh[redline] = fresh_paragraphs(built, origins)
        reading = read_changes(word, lambda r, who=redline_author: bool(who) and r.author == who)
        placer = Placer(reading, fresh[redline], sourcemap, document, bookmarks)
        placed = placer.place_all()
        per_file.append((str(path), placed))
        note = FileNote(str(path), _built_from(word, document.fingerprint))
        for comment_id, paragraph, position in reading.comments:
            comment = word.comments.get(comment_id)
            if comment is not None:
                note.comments.append((comment, *placer.comment_place(paragraph, position)))
        note.outside = word.outside_body
        notes.append(note)
    outcomes = number_changes(per_file)
    found = Review(document.source, document.meta.version, notes, outcomes, document.settings.file)
    return found, text


def apply(review_: Review, text: str, sources: Sources, reviewers: list[str], skipped: set[int]):
    """Write the chosen changes into the source, if the result reads without a problem."""
    from ..publish.output import write_atomic
    from ..read.source import load
    from ..read.sourcefile import saved_as

    chosen = choose(review_.outcomes, reviewers, skipped)
    if not chosen:
        return chosen
    new_text = applied_text(text, chosen)
    with tempfile.TemporaryDirectory() as folder:
        trial = Path(folder) / "content"
        shutil.copytree(sources.source.parent, trial)
        (trial / sources.source.name).write_text(new_text, encoding="utf-8")
        try:
            load(Sources(trial / sources.source.name, sources.settings))
        except ToolkitError as error:
            problems = [Problem(review_.source, p.line, p.message, p.fix) for p in error.problems]
            raise ToolkitError(
                [
                    *problems,
                    Problem(
                        review_.source,
                        None,
                        "With these changes the toolkit would not read, so nothing was changed.",
                        "Leave out the change(s) at the lines above with --skip, or make them "
                        "by hand.",
                    ),
                ]
            ) from None
    write_atomic(sources.source, saved_as(new_text, sources.source.read_bytes()))
    for outcome in chosen:
        outcome.status = "applied"
    return chosen


def _check_ours(word: WordFile) -> None:
    if SOURCE_PROPERTY not in word.properties:
        raise ToolkitError(
            Problem(
                word.name,
                None,
                "This Word file was not made by the toolkit (it does not say which source it "
                "was built from).",
                "Send reviewers the file `toolkit build docx` makes (or the redline from "
                "`toolkit compare`), and review the copies they send back.",
            )
        )


def _built_from(word: WordFile, fingerprint: str) -> str:
    if word.properties.get(SOURCE_PROPERTY) == fingerprint:
        return "this source"
    version = word.properties.get("Version", "")
    status = word.properties.get("Status", "")
    described = f"version {version} ({status})" if version else "another source"
    return (
        f"an older source, {described}: its changes are applied where the text has not "
        "changed since, and are conflicts where it has"
    )
