"""Format `card-print`: the pocket card for a print shop, one side per page.

Each page is the card's trim size plus a 10 mm area around it: the first 3 mm is the bleed
(the PDF's BleedBox), and the crop marks sit beyond it, 5 to 10 mm outside the trim, so a cut
that is slightly off never shows them. The TrimBox is the card itself. Links are printed as text:
a file for a printing press has no use for them.
"""

from __future__ import annotations

from .. import model as m
from ..pdf.engine import document_pictures, html_to_pdf
from ..pdf.hooks import bleed_box_finisher
from ..rendered import Rendered
from .card import STYLESHEETS, fit_check, page_context, prepare
from .templates import render_template

BLEED_MM = 3.0


def render(document: m.Document) -> Rendered:
    card = prepare(document, links=False)
    return html_to_pdf(
        render_template("card.html.j2", **page_context(document, card)),
        [*STYLESHEETS, "card-print.css"],
        label="card-print",
        pictures=document_pictures(document),
        check_layout=fit_check(document, card),
        finisher=bleed_box_finisher(BLEED_MM),
    )
