"""A build: read -> parse -> render every format -> write every format.

- Outputs whose inputs have not changed since the last build (same fingerprint, file intact) are
  kept as they are: not rendered again, and the rendering libraries are not even imported.
- The others are rendered in parallel, one process per format, up to the number of CPU cores.
- Everything is rendered in memory before anything is written, so a build that fails leaves the
  outputs of the last good build exactly as they were.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..formats import FORMATS, Builder, Rendered
from .fingerprint import fingerprints, sources_key
from .output import Notes, Output, Stamp, reusable_outputs, unchanged_build, write_outputs
from .progress import Progress

if TYPE_CHECKING:  # a build with nothing to do loads neither the model nor the pool
    from .. import model as m
    from ..read.inputs import Sources


@dataclass(frozen=True)
class BuildResult:
    stamp: Stamp  # the version built, for the review warning
    outputs: list[Output]  # every output of this build, rendered or kept
    rendered: list[str]  # the formats rendered this time
    out_dir: Path
    warnings: tuple[str, ...] = ()  # what was taken out of a picture still shown


def default_jobs() -> int:
    return max(1, int(os.environ.get("TOOLKIT_JOBS", 0)) or os.cpu_count() or 1)


def build(
    sources: Sources,
    formats: list[Builder],
    out_dir: Path,
    progress: Progress,
    jobs: int | None = None,
) -> BuildResult:
    key = sources_key(sources, formats)
    unchanged = unchanged_build(out_dir, key, [f.name for f in formats])
    if unchanged is not None:  # nothing read has changed: not even parsing is needed
        outputs = unchanged.outputs
        for index, output in enumerate(outputs, start=1):
            progress.done(output.format, index, len(outputs), "unchanged", seconds=0.0)
        return BuildResult(unchanged.stamp, outputs, [], out_dir, unchanged.notes.warnings)

    from ..read.source import load

    loaded = load(sources)
    document = loaded.document
    notes = Notes(tuple(map(str, loaded.warnings)), loaded.also_read)
    stamp = Stamp.of(document.meta)
    inputs = fingerprints(formats, document)
    kept = reusable_outputs(out_dir, stamp.version, inputs)
    todo = [fmt for fmt in formats if fmt.name not in kept]
    total = len(formats)
    for index, fmt in enumerate(f for f in formats if f.name in kept):
        progress.done(fmt.name, index + 1, total, "unchanged", seconds=0.0)

    progress.rendering([fmt.name for fmt in todo])
    rendered: dict[str, Rendered] = {}
    finished = len(kept)
    for name, result, seconds in _render_all(todo, document, jobs or default_jobs()):
        finished += 1
        rendered[name] = result
        pages = f", {result.pages} pages" if result.pages else ""
        progress.done(name, finished, total, f"{_size(len(result.data))}{pages}", seconds)

    written = write_outputs(
        out_dir,
        stamp,
        key,
        [
            (
                fmt.name,
                fmt.filename,
                rendered[fmt.name].data,
                rendered[fmt.name].pages,
                inputs[fmt.name],
            )
            for fmt in todo
        ],
        notes,
    )
    by_format = {o.format: o for o in written} | kept
    outputs = [by_format[fmt.name] for fmt in formats]
    return BuildResult(stamp, outputs, [fmt.name for fmt in todo], out_dir, notes.warnings)


def render_one(name: str, document: m.Document) -> tuple[Rendered, float]:
    """Make one format as its registry entry says (a PDF is finished too)."""
    started = time.perf_counter()
    result = FORMATS[name].make(document, document.meta)
    return result, time.perf_counter() - started


def _render_all(todo: list[Builder], document: m.Document, jobs: int):
    """(name, Rendered, seconds) for each format, in the order they finish."""
    if jobs <= 1 or len(todo) <= 1:
        for fmt in todo:
            yield (fmt.name, *render_one(fmt.name, document))
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    # fork: workers start at once with the model already in memory; nothing to pickle but results
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(
        max_workers=min(jobs, len(todo)),
        mp_context=context,
        initializer=_exit_with_parent,
        initargs=(os.getpid(),),
    ) as pool:
        futures = {pool.submit(render_one, fmt.name, document): fmt.name for fmt in todo}
        for future in as_completed(futures):
            yield (futures[future], *future.result())


def _exit_with_parent(parent: int) -> None:
    """In a render worker: end when the build that started it ends. A build killed outright
    (SIGKILL, a closed terminal) cannot stop its workers, which would otherwise wait for work
    for ever."""
    import threading

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.2)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def _size(count: int) -> str:
    return f"{count / 1024:.0f} KB" if count < 1024 * 1024 else f"{count / 1048576:.1f} MB"
