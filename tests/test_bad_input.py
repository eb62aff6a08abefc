"""The catalogue of bad input: each gives one clear message naming the file, the line and what to
do, exit code 1, no traceback, and leaves the outputs of the last good build exactly as they were.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

import picture_samples as samples
from conftest import Project


@dataclass(frozen=True)
class Case:
    file: str  # "source" or "settings"
    change: Callable[[str], str]
    marker: str  # text on the line the message must name ("" = the message names no line)
    says: str  # words the message must contain
    files: tuple[tuple[str, bytes | str], ...] = ()  # (name, bytes) beside the changed file


def picture(name: str, data: bytes | str, says: str) -> Case:
    """The text shows the picture `name` (holding `data`)."""
    return Case("source", append(f"![A picture]({name})"), f"]({name})", says, ((name, data),))


def logo(lines: str, says: str, files: tuple[tuple[str, bytes | str], ...] = ()) -> Case:
    """The settings give the logo `lines` (under `logo:`); the message names the first line."""
    text = "logo:\n" + lines
    return Case("settings", append(text), lines.splitlines()[0].strip(), says, files)


XXE = samples.svg(
    "<text>&secret;</text>",
    head='<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY secret SYSTEM "file:///etc/passwd">]>',
)
FILE_REFERENCE = samples.svg('<image href="file:///etc/passwd" width="10" height="10"/>')
PNG = samples.raster("png")  # 40 × 20 pixels
SHARP_PNG = samples.raster("png", (400, 200))  # 169 pixels to the inch on the large print cover


def replace(old: str, new: str) -> Callable[[str], str]:
    def change(text: str) -> str:
        assert old in text, old
        return text.replace(old, new, 1)

    return change


def append(extra: str) -> Callable[[str], str]:
    return lambda text: text.rstrip("\n") + "\n\n" + extra + "\n"


CASES: dict[str, Case] = {
    "malformed YAML in settings": Case(
        "settings",
        replace("committee: Democracy", "committee: [Democracy"),
        "[Democracy",
        "not valid YAML",
    ),
    "malformed YAML in the header": Case(
        "source", replace("title: Social", "title: [Social"), "[Social", "not valid YAML"
    ),
    "unknown settings key": Case(
        "settings",
        replace("brand_colour:", "brand_color:"),
        "brand_color:",
        "Did you mean 'brand_colour'?",
    ),
    "unknown header key": Case(
        "source",
        replace("short_title:", "short_tittle:"),
        "short_tittle:",
        "Did you mean 'short_title'?",
    ),
    "wrong type": Case(
        "settings",
        replace("    card: true", "    card: maybe"),
        "card: maybe",
        "should be true or false",
    ),
    "impossible date": Case(
        "settings", replace("date: 2024-04-15", "date: 2024-02-30"), "2024-02-30", "real date"
    ),
    "unquoted version": Case(
        "source", replace('version: "1.0"', "version: 1.0"), "version: 1.0", "in quotes"
    ),
    "unknown status": Case(
        "source",
        replace("status: draft", "status: final"),
        "status: final",
        "draft, adopted, superseded",
    ),
    "colour too light to read": Case(
        "settings",
        replace('brand_colour: "#005a70"', 'brand_colour: "#ffdd00"'),
        "#ffdd00",
        "too light",
    ),
    "email that is not an email": Case(
        "settings",
        replace('email: "TODO: monitoring', 'email: "monitoring'),
        "monitoring officer",
        "does not look right",
    ),
    "two contacts with one id": Case(
        "settings",
        replace("id: democratic-services", "id: monitoring-officer"),
        "- id: monitoring-officer\n    name: Democratic",
        "Two contacts have the id",
    ),
    "heading level skipped": Case(
        "source",
        replace("## Who it is for", "### Who it is for"),
        "### Who it is for",
        "Heading level skipped",
    ),
    "two headings with the same anchor": Case(
        "source",
        replace("# Document control", "# Staying safe"),
        "# Staying safe\n\n::: ver",
        "same anchor",
    ),
    "broken internal link": Case(
        "source",
        replace("(#staying-safe)", "(#stayin-safe)"),
        "#stayin-safe",
        "does not match any heading",
    ),
    "image without alt text": Case(
        "source",
        replace("![The council logo, a teal rectangle]", "![]"),
        "images/logo.png",
        "no alternative text",
    ),
    "missing image": Case(
        "source",
        replace("images/logo.png", "images/logo-old.png"),
        "logo-old.png",
        "does not exist",
    ),
    "image outside the project": Case(
        "source",
        replace("images/logo.png", "../../etc/passwd"),
        "etc/passwd",
        "outside the content folder",
    ),
    "remote image": Case(
        "source",
        replace("images/logo.png", "https://example.com/logo.png"),
        "example.com",
        "not in the project",
    ),
    "raw HTML inline": Case(
        "source",
        replace("use social media safely", "use <span>social</span> media safely"),
        "<span>",
        "Raw HTML",
    ),
    "raw HTML block, such as a stylesheet": Case(
        "source",
        append('<link rel="stylesheet" href="https://example.com/x.css">'),
        "<link",
        "Raw HTML",
    ),
    "unknown box": Case(
        "source", replace("::: warning", "::: warn"), "::: warn", "Did you mean 'warning'?"
    ),
    "box never closed": Case(
        "source", append("::: info\nNot finished"), "::: info\nNot finished", "never closed"
    ),
    "empty card box": Case(
        "source", replace("Keep this card with you.\n", ""), "::: card", "empty"
    ),
    "unknown card side": Case(
        "source", replace("{card=front}", "{card=middle}"), "card=middle", "Unknown card side"
    ),
    "unknown setting in the text": Case(
        "source",
        replace("{{ council.phone }}", "{{ council.telephone }}"),
        "council.telephone",
        "Did you mean {{ council.phone }}?",
    ),
    "unknown contact": Case(
        "source",
        replace("contact monitoring-officer police", "contact monitoring police"),
        "contact monitoring police",
        "No contact 'monitoring'",
    ),
    "steps without numbers": Case(
        "source",
        replace("1. If you are in immediate danger", "- If you are in immediate danger"),
        "::: steps",
        "one numbered list",
    ),
    "heading inside a box": Case(
        "source",
        replace("Never share exempt information.", "## Exempt\n\nNever share."),
        "## Exempt",
        "cannot go inside a box",
    ),
    "link that cannot work in print": Case(
        "source",
        replace("(#staying-safe)", "(javascript:alert(1))"),
        "javascript:",
        "cannot work in a printed",
    ),
    "vague link text": Case(
        "source",
        replace("[Staying safe]", "[click here]"),
        "click here",
        "does not say where the link goes",
    ),
    "web address as plain text": Case(
        "source",
        append("Find services at {{ council.website }}."),
        "Find services at",
        "is written as plain text",
    ),
    "history out of order": Case(
        "source",
        replace(
            "history:\n",
            'history:\n  - version: "0.9"\n    date: 2025-01-01\n    summary: Later date\n',
        ),
        '  - version: "1.0"',
        "is before that of",
    ),
    "character the print font cannot show": Case(
        "source",
        replace("Never share exempt information.", "Never share exempt 😀 information."),
        "😀",
        "not in the print font",
    ),
    "empty source": Case("source", lambda text: "", "", "empty"),
    "header never closed": Case(
        "source", lambda text: text.replace("---\n\n# About", "\n# About", 1), "", "no closing"
    ),
    # Pictures: each is read and checked when the source is loaded, before anything is made.
    "SVG declaring an external entity": picture("images/xxe.svg", XXE, "declares"),
    "SVG pointing at a file on the computer": picture(
        "images/file.svg", FILE_REFERENCE, "refers to a file on this computer"
    ),
    "damaged PNG": picture(
        "images/damaged.png", PNG[:33] + b"\x00" * 64, "is damaged: its PNG data cannot be"
    ),
    "truncated PNG": picture(
        "images/truncated.png", PNG[: len(PNG) // 2], "the file ends before the picture does"
    ),
    "damaged WebP": picture(
        "images/damaged.webp",
        samples.raster("webp")[:30] + b"\x00" * 40,
        "is damaged: its WebP data",
    ),
    "30,000 × 30,000 PNG": picture("images/huge.png", samples.huge_png(), "30,000 × 30,000 pixels"),
    "zero-size picture": picture("images/empty.png", b"", "is empty (0 bytes)"),
    "wrong extension": picture("images/photo.jpg", PNG, "is really a PNG file"),
    "picture in an unsupported format": picture(
        "images/scan.tiff", b"II*\x00" + b"\x00" * 64, "is a TIFF file"
    ),
    # The council's logo, in the settings
    "logo file missing": logo(
        "  file: no-such-logo.svg\n  alt: The council",
        "does not exist. Check the file name, or save the logo beside the settings file.",
    ),
    "logo without alternative text": logo(
        "  file: logo.png\n", "no alternative text", (("logo.png", SHARP_PNG),)
    ),
    "logo with too few pixels to print sharp": logo(
        "  file: logo.png\n  alt: The council",
        "would have 17 pixels to the inch",
        (("logo.png", PNG),),
    ),
    "logo that is not a picture": logo(
        "  file: logo.svg\n  alt: The council",
        "is an XML document that is not a picture",
        (("logo.svg", "<svg"),),
    ),
    "hostile SVG logo": logo(
        "  file: logo.svg\n  alt: The council", "declares", (("logo.svg", XXE),)
    ),
    "logo given as a web address": logo(
        "  file: https://example.com/logo.svg\n  alt: The council", "beside the settings file"
    ),
}


def digest_folder(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.fixture
def built(mini: Project, toolkit) -> Project:
    assert toolkit("build", "appendix", "--quiet", *mini.args("--out", str(mini.out))).code == 0
    return mini


def line_of(text: str, marker: str) -> int:
    index = text.index(marker)
    return text[:index].count("\n") + 1


@pytest.mark.parametrize("name", CASES)
def test_bad_input(built: Project, toolkit, name: str) -> None:
    case = CASES[name]
    file = built.source if case.file == "source" else built.settings
    file.write_text(case.change(file.read_text(encoding="utf-8")), encoding="utf-8")
    for name, data in case.files:
        samples.write(file.parent, name, data)
    before = digest_folder(built.out)
    where = (
        f"{file}:{line_of(file.read_text(encoding='utf-8'), case.marker)}: "
        if case.marker
        else f"{file}:"
    )

    # `check` finds what `build` finds, and a build stops before it changes anything.
    for command in (["check"], ["build", "--out", str(built.out)]):
        result = toolkit(command[0], *built.args(*command[1:]))
        assert result.code == 1, (command, result)
        assert result.out == ""
        lines = result.err.strip().splitlines()
        assert len(lines) == 1, (command, lines)
        [message] = lines
        assert message.startswith(where), (command, message)
        assert case.says in message, (command, message)
        assert "Traceback" not in result.err
    assert digest_folder(built.out) == before


def test_the_catalogue_is_long_enough() -> None:
    assert len(CASES) >= 25


def test_non_utf8_settings(built: Project, toolkit) -> None:
    text = built.settings.read_bytes().replace(
        b"Democracy and", "Democr\xe0cy and".encode("latin-1"), 1
    )
    built.settings.write_bytes(text)
    before = digest_folder(built.out)
    result = toolkit("build", *built.args("--out", str(built.out)))
    assert result.code == 1
    line = text[: text.index(b"Democr\xe0cy")].count(b"\n") + 1
    assert result.err.startswith(f"{built.settings}:{line}: ")
    assert "UTF-8" in result.err
    assert digest_folder(built.out) == before


def test_missing_settings_file(built: Project, toolkit) -> None:
    result = toolkit(
        "build", "--source", str(built.source), "--settings", str(built.root / "nope.yml")
    )
    assert result.code == 1
    assert f"{built.root / 'nope.yml'}: This file does not exist." in result.err


def test_bad_meeting_date_on_the_command_line(built: Project, toolkit) -> None:
    result = toolkit("build", "--meeting", "14/04/2025", *built.args("--out", str(built.out)))
    assert result.code == 1
    assert "Write the meeting date as YYYY-MM-DD" in result.err


def test_windows_line_endings_and_byte_order_mark_work(built: Project, toolkit) -> None:
    for file in (built.source, built.settings):
        text = file.read_text(encoding="utf-8").replace("\n", "\r\n")
        file.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert toolkit("build", "appendix", *built.args("--out", str(built.out))).code == 0
