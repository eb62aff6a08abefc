"""`toolkit compare OLD NEW`: what changed between two versions, as a Word redline and a PDF.

OLD and NEW are each a release version (its source snapshot under the releases folder) or the
path of a toolkit.md file (with its settings.yml beside it).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import Problem, ToolkitError
from ..read.source import Sources, display_path, load
from .release import released_versions


@dataclass(frozen=True)
class Side:
    label: str  # as the user gave it
    sources: Sources


def resolve(given: str, releases: Path) -> Side:
    """A release version, or the path of a toolkit.md file."""
    path = Path(given)
    if path.suffix == ".md" or path.is_file():
        if not path.is_file():
            raise ToolkitError(
                Problem(
                    given,
                    None,
                    "There is no such source file.",
                    "Give the path of a toolkit.md file, or a release version such as 1.0.",
                )
            )
        return Side(given, Sources(path, path.parent / "settings.yml"))
    versions = released_versions(releases)
    if given not in versions:
        known = ", ".join(versions) or "none yet"
        raise ToolkitError(
            Problem(
                display_path(releases),
                None,
                f"There is no release {given}.",
                f"Releases: {known}. Give a released version, or the path of a toolkit.md file.",
            )
        )
    folder = releases / given / "source"
    return Side(given, Sources(folder / "toolkit.md", folder / "settings.yml"))


def compare_versions(
    old: str, new: str, releases: Path, out: Path, formats: list[str] | None = None
):
    """Load, compare and write the redlines; return the comparison and the outputs written."""
    from ..compare.diff import diff_documents
    from ..formats import REDLINES
    from .output import Stamp, write_outputs

    a, b = resolve(old, releases), resolve(new, releases)
    if a.sources.source.resolve() == b.sources.source.resolve() or old == new:
        raise ToolkitError(
            Problem(
                old,
                None,
                f"'{old}' and '{new}' are the same version, so there is nothing to compare.",
                "Give two different versions, e.g. `toolkit compare 1.0 1.1`.",
            )
        )
    old_doc, new_doc = load(a.sources).document, load(b.sources).document
    comparison = diff_documents(old_doc, new_doc)
    files = []
    for name in formats or list(REDLINES):
        builder = REDLINES[name]
        rendered = builder.make(comparison, new_doc.meta)
        files.append((name, builder.filename, rendered.data, rendered.pages, ""))
    key = f"compare {old_doc.meta.version} {new_doc.meta.version}"
    written = write_outputs(out, Stamp.of(new_doc.meta), key, files)
    return comparison, written
