"""Pictures: every picture file read and checked once, and what each output embeds from it.

`read_picture(path, shown_as, file, line, missing_fix=…)` gives a `Picture` or raises
ToolkitError whose Problems name the source file and line, say what is wrong in words and what
to do (for a missing file, the caller's `missing_fix`: it knows where such a picture is kept).
It reads PNG, JPEG, GIF, WebP and SVG; anything else, a file whose name says another format
than its content, an empty, damaged or oversized file is refused (limits.py, raster.py,
reading.py).

SVG is the format of most council logos and the one that can carry danger (entities that read
files, references to other files and addresses, scripts). It is parsed without entities or
network and rebuilt from an allow-list (svg_sanitise.py): what needs something outside the
picture, or would take too long to draw, is refused; what only runs or moves (scripts, event
attributes, animation, links) is removed and reported as a warning; editing data is dropped.
The outputs only ever get the sanitised SVG, or a PNG drawn from it (svg_render.py).

Only the standard library, pipeline.errors and third-party libraries are imported here (Pillow,
lxml, tinycss2, resvg-py), each inside the function that needs it. The Word writer puts the SVG
beside its PNG (pipeline/render/docx/oxml/pictures.py).
"""

from __future__ import annotations

from .limits import DEFAULT_LIMITS, Limits
from .picture import Embedded, Picture, PrintSize, WordPicture
from .reading import read_picture

__all__ = [
    "DEFAULT_LIMITS",
    "Embedded",
    "Limits",
    "Picture",
    "PrintSize",
    "WordPicture",
    "read_picture",
]
