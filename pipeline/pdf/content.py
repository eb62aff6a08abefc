"""Retagging marked content in a page's content stream, as bytes.

The stream keeps every operator that draws, byte for byte: only the operands of BDC change, so
that a marked-content sequence becomes an artifact or gets a new MCID.
"""

from __future__ import annotations

import re

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)

# WeasyPrint's content streams (pydyf) use a small part of the syntax, one operator with its
# operands to a line: numbers, names, hex strings, and a dictionary only as `<</MCID n>>` on the
# line before BDC. In that part these patterns are exact, so the stream is edited as bytes:
# parsing every operator of the 53-page large print would cost ten times as much. A stream with
# anything else (literal strings, comments, inline images) is refused rather than guessed at.
MARKS = re.compile(
    rb"^(?:/\w+\n<<\s*/MCID (?P<mcid>\d+)\s*>>\nBDC"
    rb"|(?P<numbers>[-+\d. ]+) (?P<op>cm|Tm)"
    rb"|(?P<q>[qQ])"
    rb"|(?P<emc>EMC))$",
    re.MULTILINE,
)


# What each kind of artifact is written as: (type, subtype). A pagination artifact's subtype,
# Header or Footer, is found from where its text sits.
ARTIFACTS = {
    "Layout": ("Layout", None),
    "Pagination": ("Pagination", None),
    "Repeated": ("Pagination", None),  # a table's header row drawn again on a later page
}


def outside_subset(data: bytes) -> bool:
    return b"(" in data or b"%" in data or b"\nBI\n" in data or data.startswith(b"BI\n")


def retag_content(
    data: bytes, kinds: dict[int, str], renumber: dict[int, int], middle: float
) -> bytes:
    """The stream with MCIDs in `kinds` made artifacts (see ARTIFACTS) and the others renumbered.

    A page margin's content ("Pagination") is a /Header or /Footer artifact by whether its
    first text sits above or below `middle`, in default user space; everything that draws is
    left byte for byte.
    """
    if outside_subset(data):
        raise ValueError("the page's content stream has syntax this step does not edit")
    pieces: list[bytes] = []
    last = 0
    ctm, saved = IDENTITY, []
    pending: int | None = None  # the piece of a pagination artifact awaiting its position
    found: list[int] = []
    for match in MARKS.finditer(data):
        if match["q"]:
            if match["q"] == b"q":
                saved.append(ctm)
            elif saved:
                ctm = saved.pop()
        elif match["op"] == b"cm":
            ctm = multiply(matrix(match["numbers"]), ctm)
        elif match["op"]:  # Tm: the first text of a pending artifact says where it is
            if pending:
                y = transform(ctm, *matrix(match["numbers"])[4:])[1]
                pieces[pending] = artifact_bdc("Pagination", "Header" if y > middle else "Footer")
                pending = None
        elif match["emc"]:
            pending = None
        else:
            mcid = int(match["mcid"])
            if mcid not in kinds and mcid not in renumber:
                raise ValueError(f"MCID {mcid} is not in the page's parent tree entry")
            found.append(mcid)
            if renumber.get(mcid) == mcid:
                continue  # kept with its number: nothing to edit
            pieces.append(data[last : match.start()])
            last = match.end()
            if mcid in kinds:
                pending = len(pieces) if kinds[mcid] == "Pagination" else None
                pieces.append(artifact_bdc(*ARTIFACTS[kinds[mcid]]))
            else:
                at, end = match.span("mcid")
                pieces.append(data[match.start() : at] + b"%d" % renumber[mcid] + data[end:last])
    pieces.append(data[last:])
    if sorted(found) != sorted([*kinds, *renumber]):
        raise ValueError("the page's marked content does not match its parent tree entry")
    return b"".join(pieces)


def matrix(numbers: bytes) -> Matrix:
    values = tuple(float(v) for v in numbers.split())
    if len(values) != 6:
        raise ValueError("a cm or Tm operator without six operands")
    return values  # type: ignore[return-value]


def artifact_bdc(kind: str, subtype: str | None) -> bytes:
    extra = f" /Subtype /{subtype}" if subtype else ""
    return f"/Artifact <</Type /{kind}{extra}>> BDC".encode()


def multiply(a: Matrix, b: Matrix) -> Matrix:
    return (
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    )


def transform(ctm: Matrix, x: float, y: float) -> tuple[float, float]:
    return (ctm[0] * x + ctm[2] * y + ctm[4], ctm[1] * x + ctm[3] * y + ctm[5])
