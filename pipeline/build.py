"""A build: read -> parse -> render every format -> write every format.

Everything is rendered in memory before anything is written, so a build that fails leaves the
outputs of the last good build exactly as they were.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .formats import Format, Rendered
from .output import Output, write_outputs
from .pdf_metadata import stamp_version
from .progress import Progress
from .source import Loaded, Sources, load


@dataclass(frozen=True)
class BuildResult:
    loaded: Loaded
    outputs: list[Output]
    out_dir: Path


def build(
    sources: Sources, formats: list[Format], out_dir: Path, progress: Progress
) -> BuildResult:
    loaded = load(sources)
    document = loaded.document
    content_dir = sources.source.parent
    rendered: list[tuple[Format, Rendered]] = []
    for index, fmt in enumerate(formats, start=1):
        progress.start(fmt.name, index, len(formats))
        result = fmt.render(document, content_dir)
        if result.data.startswith(b"%PDF-"):
            result = Rendered(stamp_version(result.data, document.meta), result.pages)
        rendered.append((fmt, result))
        pages = f", {result.pages} pages" if result.pages else ""
        progress.done(fmt.name, index, len(formats), f"{_size(len(result.data))}{pages}")
    outputs = write_outputs(
        out_dir,
        document.meta.version,
        [(fmt.name, fmt.filename, r.data, r.pages) for fmt, r in rendered],
    )
    return BuildResult(loaded, outputs, out_dir)


def _size(count: int) -> str:
    return f"{count / 1024:.0f} KB" if count < 1024 * 1024 else f"{count / 1048576:.1f} MB"
