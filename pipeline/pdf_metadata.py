"""The toolkit's version in every PDF's metadata (document info and XMP), added after rendering.

WeasyPrint writes the title, subject and keywords; the version goes into the XMP property
xmpMM:VersionID (a standard property, so archival profiles accept it) and the info key /Version.
Nothing time-dependent is added, so the output stays reproducible.
"""

from __future__ import annotations

import io

from . import model as m


def stamp_version(data: bytes, meta: m.Meta) -> bytes:
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
            xmp["xmpMM:VersionID"] = meta.version
        pdf.docinfo["/Version"] = meta.version
        pdf.docinfo["/Status"] = meta.status
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True)
    return out.getvalue()
