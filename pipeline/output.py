"""The only code that writes to the output folder.

Every file is written to a temporary file beside it and renamed into place, so a reader (or a
build that is interrupted) only ever sees the old file or the complete new one. A lock stops two
builds writing one folder at once. The manifest lists every output with its checksum.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import json
import os
import tempfile
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from .errors import Problem, ToolkitError

MANIFEST = "manifest.json"
LOCK = ".toolkit.lock"


@dataclass(frozen=True)
class Output:
    format: str
    path: str  # relative to the output folder
    sha256: str
    bytes: int
    pages: int | None = None

    def as_json(self) -> dict:
        entry = asdict(self)
        if self.pages is None:
            del entry["pages"]
        return entry


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _cannot_write(folder: Path, error: OSError) -> ToolkitError:
    reason = error.strerror or str(error)
    return ToolkitError(
        Problem(
            str(folder),
            None,
            f"Cannot write to this folder ({reason}).",
            "Choose another folder with --out, or ask for write access to it.",
        )
    )


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that `path` is always either the old or the new file."""
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temp, 0o644)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise


@contextlib.contextmanager
def locked(folder: Path) -> Iterator[None]:
    """Hold the output folder's lock; fail clearly if another build holds it."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        lock = open(folder / LOCK, "a+b")  # noqa: SIM115 - held for the whole block
    except OSError as error:
        raise _cannot_write(folder, error) from None
    try:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            if error.errno in (errno.EAGAIN, errno.EACCES):
                raise ToolkitError(
                    Problem(
                        str(folder),
                        None,
                        "Another build is writing to this folder.",
                        "Wait for it to finish, then build again.",
                    )
                ) from None
            raise
        yield
    finally:
        lock.close()


def read_manifest(folder: Path) -> dict:
    try:
        return json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def write_outputs(
    folder: Path, version: str, files: list[tuple[str, str, bytes, int | None]]
) -> list[Output]:
    """Write (format, file name, data, pages) items and the manifest; return what was written.

    Entries for formats not built this time stay in the manifest while their files are intact
    and of the same version.
    """
    written = [
        Output(fmt, name, sha256(data), len(data), pages) for fmt, name, data, pages in files
    ]
    with locked(folder):
        try:
            _remove_stale_temporaries(folder)
            for (_, name, data, _), _output in zip(files, written, strict=True):
                write_atomic(folder / name, data)
            previous = read_manifest(folder)
            same_version = previous.get("version") == version
            kept = [
                entry
                for entry in (previous.get("outputs", []) if same_version else [])
                if entry.get("format") not in {o.format for o in written} and _intact(folder, entry)
            ]
            manifest = {
                "version": version,
                "outputs": sorted(
                    [*kept, *(o.as_json() for o in written)], key=lambda e: e["format"]
                ),
            }
            text = json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"
            write_atomic(folder / MANIFEST, text.encode("utf-8"))
        except OSError as error:
            raise _cannot_write(folder, error) from None
    return written


def _remove_stale_temporaries(folder: Path) -> None:
    """Temporary files left by a build that was killed; safe to remove while we hold the lock."""
    for temp in folder.glob(".*.tmp"):
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()


def _intact(folder: Path, entry: dict) -> bool:
    try:
        return sha256((folder / entry["path"]).read_bytes()) == entry.get("sha256")
    except (OSError, KeyError, TypeError):
        return False
