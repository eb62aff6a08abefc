"""The file around the text: document properties, and a zip that is the same on every build.

Dates come from the document (its `date`), or from SOURCE_DATE_EPOCH when that is set, never from
the clock, so building the same source twice gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from docx.document import Document as WordDocument
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part

from ... import model as m
from ...dates import long_date
from ...model.stamps import NOT_APPROVED, SOURCE_PROPERTY, source_date
from . import oxml

EARLIEST_ZIP_TIME = dt.datetime(1980, 1, 1, tzinfo=dt.UTC)
# Parts of python-docx's blank document that describe that blank document, not ours.
LEFTOVER_PACKAGE_PARTS = (RT.THUMBNAIL,)
STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
LEFTOVER_DOCUMENT_PARTS = (STYLES_WITH_EFFECTS, RT.CUSTOM_XML)


def build_time(document: m.Document) -> dt.datetime:
    return source_date(document.meta)


def set_properties(word: WordDocument, document: m.Document, when: dt.datetime) -> None:
    """Title, subject, author, keywords, language and version: what File > Info shows."""
    meta, council = document.meta, document.settings.council.name
    core = word.core_properties
    core.title = meta.title
    core.subject = meta.subtitle
    core.author = council
    core.last_modified_by = council
    core.keywords = ", ".join(meta.keywords)
    core.language = meta.language
    core.version = meta.version
    core.content_status = meta.status.capitalize()
    core.comments = f"Version {meta.version} ({meta.status}) of {meta.date.isoformat()}"
    core.revision = 1
    created = dt.datetime.combine(meta.date, dt.time(0, 0), dt.UTC)
    core.created = created.replace(tzinfo=None)
    core.modified = when.replace(tzinfo=None)


def tidy_package(
    word: WordDocument, document: m.Document, extra: dict[str, str] | None = None
) -> None:
    """Drop the blank document's thumbnail and leftovers; write our own app properties, and
    the custom properties: the version stamps and any `extra`."""
    package = word.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype in (*LEFTOVER_PACKAGE_PARTS, RT.EXTENDED_PROPERTIES):
            del package.rels[rel_id]
    for rel_id, rel in list(word.part.rels.items()):
        if rel.reltype in LEFTOVER_DOCUMENT_PARTS:
            del word.part.rels[rel_id]
    app = Part(
        PackURI("/docProps/app.xml"),
        CT.OFC_EXTENDED_PROPERTIES,
        oxml.app_properties(document.settings.council.name),
        package,
    )
    package.relate_to(app, RT.EXTENDED_PROPERTIES)
    custom = Part(
        PackURI("/docProps/custom.xml"),
        CT.OFC_CUSTOM_PROPERTIES,
        oxml.custom_properties(version_properties(document) | (extra or {})),
        package,
    )
    package.relate_to(custom, RT.CUSTOM_PROPERTIES)


def version_properties(document: m.Document) -> dict[str, str]:
    """The version stamps as custom properties (File > Properties > Custom in Word), and the
    source they were built from (so that `toolkit review` can tell a file built from an older
    source)."""
    meta = document.meta
    return {
        "Version": meta.version,
        "Status": meta.status,
        "Approved": long_date(meta.adoption.date) if meta.adoption else NOT_APPROVED,
        "Approved by": meta.adoption.by if meta.adoption else "",
        "Review due": long_date(meta.review_due),
        SOURCE_PROPERTY: document.fingerprint,
    }


def reproducible_zip(data: bytes, when: dt.datetime) -> bytes:
    """The same package with every entry stamped `when`, so two builds are byte-identical."""
    stamp = max(when, EARLIEST_ZIP_TIME).timetuple()[:6]
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            entry = zipfile.ZipInfo(item.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 0
            entry.external_attr = 0
            target.writestr(entry, source.read(item.filename))
    return out.getvalue()
