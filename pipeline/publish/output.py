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

from ..errors import Problem, ToolkitError

MANIFEST = "manifest.json"
LOCK = ".toolkit.lock"


@dataclass(frozen=True)
class Output:
    format: str
    path: str  # relative to the output folder
    sha256: str
    bytes: int
    pages: int | None = None
    inputs: str = ""  # the fingerprint of what it was built from (see fingerprint.py)

    def as_json(self) -> dict:
        entry = asdict(self)
        if self.pages is None:
            del entry["pages"]
        return entry

    @classmethod
    def from_json(cls, entry: dict) -> Output:
        return cls(
            entry["format"],
            entry["path"],
            entry["sha256"],
            entry["bytes"],
            entry.get("pages"),
            entry.get("inputs", ""),
        )


@dataclass(frozen=True)
class Stamp:
    """The version a manifest's outputs carry, and when its review is due."""

    version: str
    status: str
    review_due: str  # YYYY-MM-DD

    @classmethod
    def of(cls, meta) -> Stamp:
        return cls(meta.version, meta.status, meta.review_due.isoformat())


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


@dataclass(frozen=True)
class Notes:
    """What a build records besides its outputs, so that a build with nothing to do can say it
    again and check it: the warnings it gave, and the files it read outside the content folder
    (a logo beside settings kept elsewhere), by path, with their SHA-256."""

    warnings: tuple[str, ...] = ()
    also_read: tuple[tuple[str, str], ...] = ()

    def as_json(self) -> dict:
        """The manifest's entries for these notes (none when there is nothing to note)."""
        entries = {"warnings": list(self.warnings), "also_read": dict(self.also_read)}
        return {name: value for name, value in entries.items() if value}

    @classmethod
    def from_json(cls, manifest: dict) -> Notes:
        also_read = manifest.get("also_read") or {}
        return cls(tuple(manifest.get("warnings") or ()), tuple(sorted(also_read.items())))


@dataclass(frozen=True)
class LastBuild:
    stamp: Stamp
    outputs: list[Output]
    notes: Notes


def unchanged_build(folder: Path, key: str, formats: list[str]) -> LastBuild | None:
    """The last build's outputs, if it read exactly the same inputs and its files are intact."""
    manifest = read_manifest(folder)
    if manifest.get("sources") != key:
        return None
    entries = {e.get("format"): e for e in manifest.get("outputs", [])}
    if not all(name in entries and _intact(folder, entries[name]) for name in formats):
        return None
    try:
        stamp = Stamp(manifest["version"], manifest["status"], manifest["review_due"])
        notes = Notes.from_json(manifest)
    except (KeyError, AttributeError, TypeError):
        return None
    if not all(_same_file(Path(path), digest) for path, digest in notes.also_read):
        return None
    return LastBuild(stamp, [Output.from_json(entries[name]) for name in formats], notes)


def reusable_outputs(folder: Path, version: str, inputs: dict[str, str]) -> dict[str, Output]:
    """Outputs already in `folder` that were built from exactly these inputs and are intact."""
    manifest = read_manifest(folder)
    if manifest.get("version") != version:
        return {}
    found = {}
    for entry in manifest.get("outputs", []):
        name = entry.get("format")
        if name in inputs and entry.get("inputs") == inputs[name] and _intact(folder, entry):
            found[name] = Output.from_json(entry)
    return found


def write_outputs(
    folder: Path,
    stamp: Stamp,
    sources: str,
    files: list[tuple[str, str, bytes, int | None, str]],
    notes: Notes = Notes(),
) -> list[Output]:
    """Write (format, file name, data, pages, inputs) items and the manifest; return them.

    Entries for formats not built this time stay in the manifest while their files are intact
    and of the same version.
    """
    written = [
        Output(fmt, name, sha256(data), len(data), pages, inputs)
        for fmt, name, data, pages, inputs in files
    ]
    with locked(folder):
        try:
            _remove_stale_temporaries(folder)
            for _, name, data, _, _ in files:
                write_atomic(folder / name, data)
            previous = read_manifest(folder)
            same_version = previous.get("version") == stamp.version
            kept = [
                entry
                for entry in (previous.get("outputs", []) if same_version else [])
                if entry.get("format") not in {o.format for o in written} and _intact(folder, entry)
            ]
            manifest = {
                "version": stamp.version,
                "status": stamp.status,
                "review_due": stamp.review_due,
                "sources": sources,
                **notes.as_json(),
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


def _same_file(path: Path, digest: str | None) -> bool:
    try:
        return sha256(path.read_bytes()) == digest
    except OSError:
        return False


def _intact(folder: Path, entry: dict) -> bool:
    try:
        return _same_file(folder / entry["path"], entry.get("sha256"))
    except (KeyError, TypeError):  # a manifest entry not as we write them
        return False
