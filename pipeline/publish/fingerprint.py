"""What an output depends on, as one digest: when it is unchanged, the output need not be rebuilt.

An output depends on the code and layouts that make it, the versions of the libraries that render
it, and the part of the document it shows: the whole document for most formats, only the
card-marked boxes, contacts and stamps for the pocket card. Reading these costs a few
milliseconds, and imports none of the rendering libraries.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
from functools import cache, lru_cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from ..formats import Builder
from ..layouts import LAYOUTS

if TYPE_CHECKING:  # a build with nothing to do never loads the model
    from .. import model as m
    from ..read.inputs import Sources

PACKAGE = Path(__file__).resolve().parents[1]  # pipeline/
# Every library whose version can change an output: a build renders again when one changes, and
# a release records their versions.
LIBRARIES = (
    "markdown-it-py",
    "mdit-py-plugins",
    "pyyaml",
    "jinja2",
    "weasyprint",
    "pydyf",
    "pikepdf",
    "python-docx",
    "segno",
    "font-source-sans-pro",
    "pillow",
    "lxml",
    "tinycss2",
    "resvg-py",
)


@cache
def tools_digest() -> str:
    """The pipeline's code, the layouts, and the rendering libraries' versions."""
    digest = hashlib.sha256()
    for folder in (PACKAGE, LAYOUTS):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix != ".pyc":
                digest.update(str(path.relative_to(folder)).encode())
                digest.update(path.read_bytes())
    for library in LIBRARIES:
        try:
            digest.update(f"{library}={metadata.version(library)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{library}=none".encode())
    return digest.hexdigest()


def sources_key(sources: Sources, formats: list[Builder]) -> str:
    """Every byte a build reads, and what it was asked for: equal keys mean equal outputs."""
    digest = hashlib.sha256(tools_digest().encode())
    content = sources.source.parent
    # Names relative to the content folder: the same content gives the same key anywhere.
    for path in sorted(content.rglob("*")):
        if path.is_file() and not path.name.startswith("."):
            digest.update(str(path.relative_to(content)).encode())
            digest.update(path.read_bytes())
    for path in (sources.source, sources.settings, sources.meeting_file):
        if path is not None and path.is_file():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    digest.update(repr((sources.appendix, sources.committee, sources.meeting_date)).encode())
    digest.update(os.environ.get("SOURCE_DATE_EPOCH", "").encode())
    digest.update(",".join(f.name for f in formats).encode())
    return digest.hexdigest()


def shown(fmt: Builder, document: m.Document) -> object:
    """The part of the document an output shows, without where its files happen to be."""
    settings = dataclasses.replace(document.settings, file="", lines=())
    if fmt.scope == "card":
        from ..render.card_content import card_content

        return (document.meta, settings, card_content(document))
    return dataclasses.replace(document, source="", settings=settings)


def fingerprints(formats: list[Builder], document: m.Document) -> dict[str, str]:
    """For each format, the digest of what it shows of `document`, with the bytes of the
    pictures (those of the text, checked when the source was read, and the council's logo),
    hashed once for all the formats."""
    pictures = _pictures_digest(document)
    return {fmt.name: _fingerprint(fmt, document, pictures) for fmt in formats}


def fingerprint(fmt: Builder, document: m.Document) -> str:
    """The digest of what `fmt` shows of `document` (see `fingerprints`)."""
    return fingerprints([fmt], document)[fmt.name]


def _fingerprint(fmt: Builder, document: m.Document, pictures: str) -> str:
    digest = hashlib.sha256(tools_digest().encode())
    digest.update(fmt.name.encode())
    digest.update(_digest_of(shown(fmt, document)).encode())
    digest.update(os.environ.get("SOURCE_DATE_EPOCH", "").encode())
    digest.update(pictures.encode())
    return digest.hexdigest()


def _pictures_digest(document: m.Document) -> str:
    # Every picture the text shows is in document.pictures: an Image node is made only for a
    # picture that was read and accepted.
    digest = hashlib.sha256()
    for name, picture in sorted(document.pictures.items()):
        digest.update(name.encode())
        digest.update(picture.data)
    logo = document.settings.logo
    if logo is not None:
        digest.update(b"logo")
        digest.update(logo.picture.data)
    return digest.hexdigest()


@lru_cache(maxsize=8)
def _digest_of(value: object) -> str:
    """sha256 of repr(value), once per value: most formats show the same whole document."""
    return hashlib.sha256(repr(value).encode()).hexdigest()
