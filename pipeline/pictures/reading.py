"""read_picture: the one place a picture file is read, checked and turned into a Picture."""

from __future__ import annotations

from pathlib import Path

from ..errors import Problem, ToolkitError
from .findings import Refused, RefusedMany, Removed, as_problem
from .kinds import NAMES, USABLE, USUAL_EXTENSION, described, kind_of_name, sniff
from .limits import DEFAULT_LIMITS, Limits
from .picture import Picture
from .raster import CSS_DPI, inspect

REDO = "Save the picture again, or copy it again from where it came from."
USE_USABLE = "Save it as PNG or JPEG (or SVG for a logo or diagram), and link to that file."


def read_picture(
    path: Path,
    shown_as: str,
    file: str,
    line: int | None,
    limits: Limits = DEFAULT_LIMITS,
    *,
    missing_fix: str,
) -> Picture:
    """Read and check the picture at `path`, which `file` uses at `line` as `shown_as`.

    `missing_fix` says what to do when there is no file at `path` (where such a picture is kept).

    Raises ToolkitError with one Problem per thing wrong (`file:line: The image '…' …`); never
    any other exception for anything the file holds. What was removed from an SVG is in the
    Picture's `warnings`.
    """

    def problem(found: Refused | Removed) -> Problem:
        return as_problem(found, file, line, shown_as)

    try:
        data = _read(path, limits, missing_fix)
        kind = _usable_kind(data, shown_as)
        if kind == "svg":
            from .svg_sanitise import sanitise

            svg = sanitise(data, limits)
            warnings = tuple(problem(r) for r in svg.removed)
            return Picture(
                shown_as,
                file,
                line,
                "svg",
                svg.data,
                svg.size.width,
                svg.size.height,
                warnings=warnings,
            )
        facts = inspect(data, kind, limits)
        width, height = facts.pixels
        scale = CSS_DPI / facts.dpi
        return Picture(shown_as, file, line, kind, data, width * scale, height * scale, facts)
    except Refused as refused:
        raise ToolkitError(problem(refused)) from None
    except RefusedMany as refused:
        raise ToolkitError([problem(r) for r in refused.refusals]) from None


def _read(path: Path, limits: Limits, missing_fix: str) -> bytes:
    try:
        if not path.is_file():
            what = "is a folder, not a file" if path.is_dir() else "does not exist"
            raise Refused(f"{what}.", missing_fix)
        size = path.stat().st_size
        if size > limits.max_bytes:
            raise _too_large(size, limits)
        with path.open("rb") as stream:
            data = stream.read(limits.max_bytes + 1)  # the file may have grown since
    except OSError as error:
        raise Refused(
            f"cannot be read ({error.strerror or error}).",
            "Check that the file is not open in another program and that you may read it.",
        ) from None
    if len(data) > limits.max_bytes:
        raise _too_large(len(data), limits)
    if not data:
        raise Refused("is empty (0 bytes).", REDO)
    return data


def _too_large(size: int, limits: Limits) -> Refused:
    return Refused(
        f"is larger than the {_bytes(limits.max_bytes, exact=True)} a picture may be "
        f"(it is {_bytes(size)}).",
        "Save it smaller: as JPEG for a photo, at most 2,000 pixels across.",
    )


def _bytes(size: int, exact: bool = False) -> str:
    """10 MB, 10.4 MB, 350 KB, 50 bytes: in the unit a person would use."""
    for unit, scale in (("MB", 1024 * 1024), ("KB", 1024)):
        if size >= scale:
            value = size / scale
            return f"{value:.0f} {unit}" if exact and value.is_integer() else f"{value:.1f} {unit}"
    return f"{size} bytes"


def _usable_kind(data: bytes, shown_as: str) -> str:
    """The format to read the picture as: its content's, when its name agrees."""
    content = sniff(data)
    named = kind_of_name(shown_as)
    suffix = Path(shown_as).suffix
    if content in USABLE and content == named:
        return content
    if content in USABLE:
        better = Path(shown_as).with_suffix(USUAL_EXTENSION[content]).name
        name_says = f"its name ends in {suffix}" if suffix else "its name has no extension"
        fix = f"Rename it to {better} and change the link to it"
        fix += f", or save it again as {NAMES[named]}." if named else "."
        raise Refused(f"is really {described(content)}, but {name_says}.", fix)
    if content is None and named is not None:
        raise Refused(
            f"is not {described(named)}: its content is not in any picture format the toolkit "
            "knows (the file may be damaged).",
            REDO,
        )
    if content is None:
        raise Refused(f"is {described(None)}.", USE_USABLE)
    raise Refused(f"is {described(content)}, which not every output can show.", USE_USABLE)
