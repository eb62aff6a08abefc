"""Which SVG elements a picture may hold, and which are taken out.

An allow-list: elements that draw, define what is drawn, or describe it. Anything else in the
SVG namespace is removed (and reported); elements of drawing programs' own namespaces are
editing data no renderer shows, and are removed without a word.
"""

from __future__ import annotations

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
XML = "http://www.w3.org/XML/1998/namespace"

_FILTER_PRIMITIVES = {
    "feBlend",
    "feColorMatrix",
    "feComponentTransfer",
    "feComposite",
    "feConvolveMatrix",
    "feDiffuseLighting",
    "feDisplacementMap",
    "feDistantLight",
    "feDropShadow",
    "feFlood",
    "feFuncA",
    "feFuncB",
    "feFuncG",
    "feFuncR",
    "feGaussianBlur",
    "feImage",
    "feMerge",
    "feMergeNode",
    "feOffset",
    "fePointLight",
    "feSpecularLighting",
    "feSpotLight",
    "feTile",
    "feTurbulence",
}

ALLOWED = {
    "svg",
    "g",
    "defs",
    "symbol",
    "use",
    "switch",
    "title",
    "desc",
    "style",
    "path",
    "rect",
    "circle",
    "ellipse",
    "line",
    "polyline",
    "polygon",
    "text",
    "tspan",
    "textPath",
    "image",
    "linearGradient",
    "radialGradient",
    "stop",
    "pattern",
    "clipPath",
    "mask",
    "marker",
    "filter",
    *_FILTER_PRIMITIVES,
}

# Removed without a word: they change nothing on the page.
SILENTLY_REMOVED = {"metadata", "view", "cursor"}

# Removed and reported: what they did cannot happen in a printed or embedded picture.
SCRIPTS = {"script", "handler", "listener"}
ANIMATIONS = {"animate", "animateColor", "animateMotion", "animateTransform", "set", "discard"}

# Refused: the picture needs something no output can give it, or would take too long to draw.
HTML_INSIDE = {"foreignObject"}
SLOW_FILTERS = {"feMorphology"}  # its work grows with the radius times the pixels

# Namespaces of drawing programs' editing data (Inkscape, Sodipodi, Adobe, Sketch, Serif, RDF
# metadata): elements and attributes in them are dropped silently.
EDITOR_NAMESPACES = (
    "http://www.inkscape.org/namespaces/inkscape",
    "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
    "http://inkscape.sourceforge.net/DTD/sodipodi-0.dtd",
    "http://ns.adobe.com/",
    "http://www.bohemiancoding.com/sketch/ns",
    "http://www.serif.com/",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "http://purl.org/dc/",
    "http://creativecommons.org/ns#",
    "http://web.resource.org/cc/",
)

# Elements whose link may point at a picture embedded as a data: URL.
MAY_EMBED_PICTURE = {"image", "feImage"}

# Filter settings whose work grows with a number the file chooses: refused above these.
MAX_TURBULENCE_OCTAVES = 10
MAX_CONVOLVE_ORDER = 5
