"""Format `html`: the interactive toolkit, one self-contained web page.

Styles, script, pictures (the checked ones the document holds, an SVG sanitised), the council's
logo and the QR code are all inside the file, and its Content-Security-Policy allows no request
at all, so it works opened from disk or from an email attachment. Everything
is readable without script; the script adds collapsible sections, a search filter and
checklists whose ticks are remembered (progressive enhancement).
"""

from __future__ import annotations

import base64
import hashlib
import mimetypes
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from markupsafe import Markup, escape

from .. import model as m
from ..formats import FORMATS
from ..layouts import LAYOUTS
from ..model.stamps import facts, web_stamp
from ..rendered import Rendered
from .contents import contents, other_formats_note
from .html_body import HtmlOptions, HtmlWriter
from .logo import PlacedLogo, placed_logo
from .qr import qr_data_url
from .templates import render_template

if TYPE_CHECKING:
    from ..pictures import Picture

# The account-security checklist is the first list under this heading. Its ticks are
# remembered on the reader's device, so they survive a reload.
ACCOUNT_SECURITY_ANCHOR = "keeping-your-accounts-secure"

TableBlock = m.Table | m.VersionHistory


class Download(NamedTuple):
    format: str
    filename: str
    label: str
    detail: str

    @property
    def mime(self) -> str:
        return mimetypes.guess_type(self.filename)[0] or "application/octet-stream"


# The other formats, as they sit beside the web page in the output folder (from the registry).
DOWNLOADS = tuple(
    Download(b.name, b.filename, b.download.label, b.download.kind)
    for b in FORMATS.values()
    if b.download is not None
)


@dataclass(frozen=True)
class Checklist:
    """A list shown with a tick box per item; `remember` keeps the ticks on the device."""

    id: str
    hint: str
    remember: bool


@dataclass(frozen=True)
class PageSection:
    """A main section: its heading, the blocks before its first sub-heading, its sub-sections."""

    heading: m.Heading
    intro: tuple[m.Block, ...]
    parts: tuple[tuple[m.Block, ...], ...]  # each starts with its sub-heading


@dataclass(frozen=True)
class PageExtras:
    """Script and style added to the page by the preview server (none in the published file)."""

    script: str = ""
    style: str = ""
    connect: bool = False  # allow the page to talk to the server that sent it


@dataclass
class _Ids:
    used: set[str] = field(default_factory=set)

    def unique(self, wanted: str) -> str:
        candidate, number = wanted, 1
        while candidate in self.used:
            number += 1
            candidate = f"{wanted}-{number}"
        self.used.add(candidate)
        return candidate


# ---- the model, grouped into sections and checklists ----------------------------------------


def split_sections(blocks: tuple[m.Block, ...]) -> tuple[tuple[m.Block, ...], list[PageSection]]:
    """The blocks before the first main heading, and the main sections with their parts."""
    lead: list[m.Block] = []
    groups: list[list[m.Block]] = []
    for block in blocks:
        if isinstance(block, m.Heading) and block.level == 1:
            groups.append([block])
        elif groups:
            groups[-1].append(block)
        else:
            lead.append(block)
    return tuple(lead), [_section(group) for group in groups]


def _section(group: list[m.Block]) -> PageSection:
    heading, rest = group[0], group[1:]
    assert isinstance(heading, m.Heading)
    intro: list[m.Block] = []
    parts: list[list[m.Block]] = []
    for block in rest:
        if isinstance(block, m.Heading) and block.level == 2:
            parts.append([block])
        elif parts:
            parts[-1].append(block)
        else:
            intro.append(block)
    return PageSection(heading, tuple(intro), tuple(tuple(part) for part in parts))


def account_security_list(blocks: tuple[m.Block, ...]) -> m.BulletList | m.OrderedList | None:
    """The first list after the account-security heading and before the next heading."""
    found = False
    for block in blocks:
        if isinstance(block, m.Heading):
            if found:
                return None
            found = block.anchor == ACCOUNT_SECURITY_ANCHOR
        elif found and isinstance(block, m.BulletList | m.OrderedList):
            return block
    return None


def steps_callouts(blocks: tuple[m.Block, ...]) -> list[m.Callout]:
    return [b for b in m.walk_blocks(blocks) if isinstance(b, m.Callout) and b.kind == "steps"]


def slug(text: str) -> str:
    words = "".join(c if c.isalnum() else " " for c in text.lower()).split()
    return "-".join(words) or "checklist"


def find_checklists(blocks: tuple[m.Block, ...], ids: _Ids) -> dict[int, Checklist]:
    """Checklists keyed by the id() of their list: every steps box, and account security."""
    found: dict[int, Checklist] = {}
    for callout in steps_callouts(blocks):
        steps = next((b for b in callout.children if isinstance(b, m.OrderedList)), None)
        if steps is not None:
            name = ids.unique(slug(callout.title or "steps"))
            found[id(steps)] = Checklist(name, "", remember=False)
    security = account_security_list(blocks)
    if security is not None:
        name = ids.unique(f"{ACCOUNT_SECURITY_ANCHOR}-checklist")
        hint = "Tick each one when you have done it."
        found[id(security)] = Checklist(name, hint, remember=True)
    return found


# ---- writing the page's HTML ----------------------------------------------------------------


class PageWriter(HtmlWriter):
    """The shared HTML writer, plus checklists, embedded pictures and scrollable tables."""

    def __init__(
        self, checklists: dict[int, Checklist], pictures: Mapping[str, Picture], ids: _Ids
    ) -> None:
        super().__init__(
            HtmlOptions(heading_offset=1, print_urls=False, boxes_as_notes=True, phone_links=True),
            pictures,
        )
        self.checklists = checklists
        self.ids = ids
        self.blocks[m.BulletList] = self.bullet_list
        self.blocks[m.OrderedList] = self.ordered_list_or_checklist
        self.blocks[m.Table] = self.scrollable(super().table, _table_name)
        self.blocks[m.VersionHistory] = self.scrollable(
            super().version_history, lambda _: "Version history"
        )
        self.inline_writers[m.Image] = self.image

    def bullet_list(self, block: m.BulletList) -> str:
        if id(block) in self.checklists:
            return self.checklist(block, "ul")
        return f"<ul>{self.items(block.items)}</ul>"

    def ordered_list_or_checklist(self, block: m.OrderedList) -> str:
        if id(block) in self.checklists:
            return self.checklist(block, "ol")
        return self.ordered_list(block)

    def checklist(self, block: m.BulletList | m.OrderedList, tag: str) -> str:
        checklist = self.checklists[id(block)]
        start = f' start="{block.start}"' if isinstance(block, m.OrderedList) else ""
        role = ' role="list"' if tag == "ul" else ""  # list-style: none hides it from Safari
        items = "".join(self.check_item(checklist, item) for item in block.items)
        remember = " data-remember" if checklist.remember else ""
        hint = f'<p class="checklist-hint">{escape(checklist.hint)}</p>' if checklist.hint else ""
        return (
            f'<div class="checklist" id="{checklist.id}" data-checklist="{checklist.id}"'
            f'{remember}>{hint}<{tag} class="check-items"{start}{role}>{items}</{tag}></div>'
        )

    def check_item(self, checklist: Checklist, item: m.ListItem) -> str:
        children = item.children
        labelled = bool(children) and isinstance(children[0], m.Paragraph)
        text = " ".join(m.plain_text(_item_inlines(item)).split())
        key = hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]  # ticks follow the words
        box_id = self.ids.unique(f"{checklist.id}-{key}")
        name = "" if labelled else f' aria-label="{escape(text or "Done")}"'
        box = (
            f'<input type="checkbox" class="check-box" id="{box_id}" data-item="{key}"'
            f' autocomplete="off"{name}>'
        )
        if labelled:
            label = f'<label for="{box_id}">{self.inlines(children[0].children)}</label>'
            return f'<li class="check-item">{box}{label}{self.render(children[1:])}</li>'
        return f'<li class="check-item">{box}{self.render(children)}</li>'

    def scrollable(
        self, write: Callable[[TableBlock], str], name_of: Callable[[TableBlock], str]
    ) -> Callable[[TableBlock], str]:
        """Wrap a table so that a narrow screen scrolls the table, not the page."""

        def wrapped(block: TableBlock) -> str:
            name = escape(name_of(block))
            return (
                f'<div class="table-scroll" role="region" aria-label="{name}" tabindex="0">'
                f"{write(block)}</div>"
            )

        return wrapped

    def image(self, node: m.Image) -> str:
        """The picture in the page, at its natural size (CSS makes it no wider than the text)."""
        picture = self.picture(node.src)
        return (
            f'<img src="{picture.for_web().data_url()}" alt="{escape(node.alt)}" '
            f'width="{round(picture.width_px)}" height="{round(picture.height_px)}">'
        )


def _item_inlines(item: m.ListItem) -> tuple[m.Inline, ...]:
    return next((b.children for b in item.children if isinstance(b, m.Paragraph)), ())


def _table_name(block: m.Table) -> str:
    headers = ", ".join(m.plain_text(cell.children) for cell in block.header)
    return f"Table: {headers}"


# ---- the page --------------------------------------------------------------------------------


def csp_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def content_security_policy(styles: list[str], scripts: list[str], connect: bool) -> str:
    """No request to any address: only this page's own style and script, and inline images."""
    return "; ".join(
        [
            "default-src 'none'",
            f"style-src {' '.join(csp_hash(s) for s in styles)}",
            f"script-src {' '.join(csp_hash(s) for s in scripts)}",
            "img-src data:",
            "connect-src 'self'" if connect else "connect-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )


def render_sections(sections: list[PageSection], writer: PageWriter) -> list[dict[str, object]]:
    return [
        {
            "anchor": section.heading.anchor,
            "heading": writer.render((section.heading,)),
            "intro": writer.render(section.intro),
            "parts": [writer.render(part) for part in section.parts],
        }
        for section in sections
    ]


def urgent_links(document: m.Document, checklists: dict[int, Checklist]) -> list[dict[str, str]]:
    """The steps that are also on the card's front: the page offers them before anything else."""
    links = []
    for callout in steps_callouts(document.blocks):
        steps = next((b for b in callout.children if isinstance(b, m.OrderedList)), None)
        if callout.card == "front" and steps is not None and id(steps) in checklists:
            text = callout.title or "What to do"
            links.append({"href": f"#{checklists[id(steps)].id}", "text": text})
    return links


def header_logo(document: m.Document) -> tuple[PlacedLogo | None, str]:
    """The logo in the page's header, embedded, and its size as CSS (larger on wider screens)."""
    logo = document.settings.logo
    if logo is None:
        return None, ""
    src = logo.picture.for_web().data_url()
    narrow, wide = placed_logo(document, "web", src), placed_logo(document, "web-wide", src)
    assert narrow is not None and wide is not None
    css = (
        f".brand-logo {{ width: {narrow.width_px}px; height: {narrow.height_px}px; }}\n"
        f"@media (min-width: 48em) {{ .brand-logo {{ width: {wide.width_px}px; "
        f"height: {wide.height_px}px; }} }}\n"
    )
    return wide, css


def page_html(document: m.Document, extras: PageExtras = PageExtras()) -> str:
    ids = _Ids({h.anchor for h in document.headings()})
    checklists = find_checklists(document.blocks, ids)
    writer = PageWriter(checklists, document.pictures, ids)
    lead, sections = split_sections(document.blocks)
    brand = f":root {{ --brand: {document.settings.brand_colour}; }}\n"
    logo, logo_css = header_logo(document)
    css = (LAYOUTS / "html.css").read_text(encoding="utf-8") + brand + logo_css + extras.style
    js = (LAYOUTS / "html.js").read_text(encoding="utf-8")
    scripts = [js, extras.script] if extras.script else [js]
    return render_template(
        "html.html.j2",
        meta=document.meta,
        settings=document.settings,
        logo=logo,
        csp=content_security_policy([css], scripts, extras.connect),
        css=Markup(css),
        scripts=[Markup(s) for s in scripts],
        lead=writer.render(lead),
        sections=render_sections(sections, writer),
        contents=contents(document, depth=1),
        urgent=urgent_links(document, checklists),
        downloads=list(DOWNLOADS),
        facts=facts(document, "web"),
        stamp=web_stamp(document.meta),
        qr=qr_data_url(document.settings.toolkit_url, dark="#0b0c0c"),
        other_formats=other_formats_note(document),
    )


def render(document: m.Document) -> Rendered:
    return Rendered(page_html(document).encode("utf-8"))
