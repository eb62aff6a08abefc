"""Reading text files the way authors save them: UTF-8, with or without BOM, any line endings."""

from __future__ import annotations

from pathlib import Path

from ..errors import Problem, ToolkitError


def read_text(path: Path, display: str | None = None) -> str:
    """Return the file's text with a byte-order mark removed and line endings made '\\n'."""
    file = display or str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ToolkitError(
            Problem(
                file,
                None,
                "This file does not exist.",
                "Run toolkit from the project folder, or name the file with --source/--settings.",
            )
        ) from None
    except IsADirectoryError:
        raise ToolkitError(
            Problem(file, None, "This is a folder, not a file.", "Name the file itself.")
        ) from None
    except OSError as error:
        raise ToolkitError(
            Problem(file, None, f"This file cannot be read ({error.strerror}).")
        ) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ToolkitError(
            Problem(
                file,
                line,
                "This line has characters that are not UTF-8 text.",
                "Save the file as UTF-8 (in most editors: Save As, Encoding: UTF-8).",
            )
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


BOM = b"\xef\xbb\xbf"


def saved_as(text: str, original: bytes) -> bytes:
    """`text` (as read_text gives it) as bytes saved the way `original` was: with its byte-order
    mark and its Windows line endings, if it had them, so that rewriting a file changes only
    the lines that changed."""
    if b"\r\n" in original:
        text = text.replace("\n", "\r\n")
    return (BOM if original.startswith(BOM) else b"") + text.encode("utf-8")
