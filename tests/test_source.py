"""Parsing content/toolkit.md into the model, and every way the source can be wrong."""

from __future__ import annotations

import pytest

from pipeline import model as m
from pipeline.errors import ToolkitError
from pipeline.read.source import Sources, load

from conftest import Project


def loaded(project: Project) -> m.Document:
    return load(Sources(project.source, project.settings)).document


def problems(project: Project) -> list[str]:
    with pytest.raises(ToolkitError) as caught:
        loaded(project)
    return [str(p) for p in caught.value.problems]


def line_of(project: Project, needle: str) -> int:
    lines = project.source.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


def only_problem(project: Project) -> str:
    found = problems(project)
    assert len(found) == 1, found
    return found[0]


# ---- the model ------------------------------------------------------------------------------


def test_front_matter_becomes_metadata(mini: Project) -> None:
    meta = loaded(mini).meta
    assert meta.title == "Social Media Toolkit for Councillors"
    assert meta.short_title == "Social Media Toolkit"
    assert meta.language == "en-GB"
    assert (meta.version, meta.status) == ("1.0", "draft")
    assert [h.version for h in meta.history] == ["1.0"]


def test_boxes_keep_kind_title_and_card_side(mini: Project) -> None:
    boxes = [b for b in m.walk_blocks(loaded(mini).blocks) if isinstance(b, m.Callout)]
    found = {(b.kind, b.title, b.card) for b in boxes}
    assert ("key-point", "Think before you post", "") in found
    assert ("steps", "If you are abused online", "front") in found
    assert ("do", "", "back") in found
    assert ("dont", "", "back") in found
    assert ("card", "", "back") in found
    steps = next(b for b in boxes if b.kind == "steps")
    assert isinstance(steps.children[0], m.OrderedList)
    assert len(steps.children[0].items) == 3


def test_contact_blocks_carry_the_contacts_from_settings(mini: Project) -> None:
    block = next(b for b in loaded(mini).blocks if isinstance(b, m.ContactBlock))
    assert [c.id for c in block.contacts] == ["monitoring-officer", "police"]
    assert block.contacts[1].phone == "101"


def test_tables_lists_and_history(mini: Project) -> None:
    blocks = list(m.walk_blocks(loaded(mini).blocks))
    table = next(b for b in blocks if isinstance(b, m.Table))
    assert [m.plain_text(c.children) for c in table.header] == ["Platform", "How to report"]
    assert len(table.rows) == 2
    nested = next(b for b in blocks if isinstance(b, m.BulletList) and len(b.items) == 3)
    assert isinstance(nested.items[1].children[1], m.BulletList)
    history = next(b for b in blocks if isinstance(b, m.VersionHistory))
    assert history.entries[0].approved_by == "Democracy and Standards Committee"


def test_settings_fill_the_text_and_cannot_inject_markdown(mini: Project) -> None:
    text = mini.settings.read_text(encoding="utf-8").replace(
        "name: North Northamptonshire Council", 'name: "*Star* [Council](http://x.example)"', 1
    )
    mini.settings.write_text(text, encoding="utf-8")
    first = loaded(mini).blocks[1]
    assert isinstance(first, m.Paragraph)
    assert "*Star* [Council](http://x.example)" in m.plain_text(first.children)
    assert not any(isinstance(n, m.Link | m.Emphasis) for n in first.children[:1])


def test_a_web_address_setting_is_a_link_with_words(mini: Project) -> None:
    mini.edit(
        "Call {{ council.phone }}.",
        "See [our website]({{ council.website }}) or [the online toolkit]({{ toolkit_url }}).",
    )
    paragraph = loaded(mini).blocks[1]
    assert isinstance(paragraph, m.Paragraph)
    links = [n for n in m.walk_inlines(paragraph.children) if isinstance(n, m.Link)]
    assert (links[0].href, m.plain_text(links[0].children)) == (
        "https://www.northnorthants.gov.uk",
        "our website",
    )
    # a placeholder cannot be followed: its words, then the placeholder, as text
    text = m.plain_text(paragraph.children)
    assert "or the online toolkit (TODO: web address of the online toolkit)." in text
    assert all(link.href.startswith(("https:", "#")) for link in links)


def test_a_web_address_written_as_plain_text(mini: Project) -> None:
    mini.edit("Call {{ council.phone }}.", "Find services at {{ council.website }}.")
    line = line_of(mini, "Find services at")
    assert only_problem(mini) == (
        f"{mini.source}:{line}: The web address {{{{ council.website }}}} is written as plain "
        "text. Make it a link whose words say where it goes: "
        "[words that say where it goes]({{ council.website }})."
    )


def test_byte_order_mark_and_windows_line_endings_work(mini: Project) -> None:
    text = mini.source.read_text(encoding="utf-8")
    mini.source.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    document = loaded(mini)
    assert document.meta.title == "Social Media Toolkit for Councillors"
    assert sum(1 for _ in document.headings()) == 4


# ---- bad input: one message each, with file, line and what to do --------------------------


def test_heading_level_skipped(mini: Project) -> None:
    mini.edit("## Who it is for", "### Who it is for")
    message = only_problem(mini)
    assert f"toolkit.md:{line_of(mini, '### Who it is for')}: Heading level skipped" in message
    assert "Use ## here" in message


def test_two_headings_with_the_same_anchor(mini: Project) -> None:
    mini.edit("# Document control", "# Staying safe!")
    message = only_problem(mini)
    assert "same anchor '#staying-safe'" in message
    assert f"line {line_of(mini, '# Staying safe')}" in message


def test_broken_internal_link(mini: Project) -> None:
    mini.edit("(#staying-safe)", "(#staying-saf)")
    message = only_problem(mini)
    assert "'#staying-saf' does not match any heading" in message
    assert "Did you mean '#staying-safe'?" in message


def test_image_without_alt_text(mini: Project) -> None:
    mini.edit("![The council logo, a teal rectangle]", "![]")
    message = only_problem(mini)
    assert f"toolkit.md:{line_of(mini, 'images/logo.png')}:" in message
    assert "no alternative text" in message


def test_missing_image(mini: Project) -> None:
    mini.edit("images/logo.png", "images/logo-2024.png")
    assert "'images/logo-2024.png' does not exist" in only_problem(mini)


@pytest.mark.parametrize(
    ("src", "expected"),
    [
        ("../../secret.png", "outside the content folder"),
        ("/etc/passwd", "outside the content folder"),
        ("https://example.com/logo.png", "is not in the project"),
        ("file:///etc/passwd", "is not in the project"),
    ],
)
def test_images_outside_the_project_are_refused(mini: Project, src: str, expected: str) -> None:
    mini.edit("images/logo.png", src)
    assert expected in only_problem(mini)


def test_raw_html_is_refused(mini: Project) -> None:
    mini.edit("This toolkit helps", "This <b>toolkit</b> helps")
    [message] = problems(mini)  # one message for <b> and </b> on one line
    assert "Raw HTML (<b>)" in message and f":{line_of(mini, '<b>')}:" in message


def test_raw_html_block_is_refused(mini: Project) -> None:
    mini.append('\n<div class="x">Hello</div>\n')
    assert "Raw HTML is not allowed" in only_problem(mini)


def test_unknown_box_suggests_the_nearest(mini: Project) -> None:
    mini.edit("::: warning", "::: warnin")
    message = only_problem(mini)
    assert "Unknown box 'warnin'" in message and "Did you mean 'warning'?" in message


def test_unclosed_box(mini: Project) -> None:
    text = mini.source.read_text(encoding="utf-8").rstrip("\n") + "\n\n::: info\nUnfinished\n"
    mini.source.write_text(text, encoding="utf-8")
    message = only_problem(mini)
    assert "'info' box is never closed" in message
    assert f":{line_of(mini, '::: info') if False else len(text.splitlines()) - 1}:" in message


def test_steps_box_needs_a_numbered_list(mini: Project) -> None:
    mini.edit("1. If you are in immediate danger", "- If you are in immediate danger")
    assert "must contain one numbered list" in only_problem(mini)


def test_unknown_card_side(mini: Project) -> None:
    mini.edit("{card=front}", "{card=top}")
    assert "Unknown card side 'top'" in only_problem(mini)


def test_unknown_contact_in_contact_box(mini: Project) -> None:
    mini.edit("::: contact monitoring-officer police", "::: contact monitoring-oficer police")
    message = only_problem(mini)
    assert "No contact 'monitoring-oficer'" in message
    assert "Did you mean 'monitoring-officer'?" in message


def test_unknown_setting_in_text(mini: Project) -> None:
    mini.edit("{{ council.phone }}", "{{ council.fone }}")
    message = only_problem(mini)
    assert (
        f"toolkit.md:{line_of(mini, 'council.fone')}: Unknown setting {{{{ council.fone }}}}"
        in message
    )
    assert "Did you mean {{ council.phone }}?" in message


def test_vague_link_text(mini: Project) -> None:
    mini.edit("[Local Government Association's Debate Not Hate campaign]", "[click here]")
    assert "does not say where the link goes" in only_problem(mini)


def test_version_must_be_quoted(mini: Project) -> None:
    mini.edit('version: "1.0"', "version: 1.0")
    message = only_problem(mini)
    assert "toolkit.md:6:" in message and "must be in quotes" in message


def test_bad_status_and_date_in_header(mini: Project) -> None:
    mini.edit("status: draft", "status: final")
    mini.edit("date: 2024-04-15", "date: 2024-04-31")
    found = problems(mini)
    assert any("toolkit.md:7:" in p and "draft, adopted, superseded" in p for p in found)
    assert any("toolkit.md:8:" in p and "real date" in p for p in found)


def test_empty_source(mini: Project) -> None:
    mini.source.write_text("", encoding="utf-8")
    assert "toolkit.md:1: The toolkit source is empty." in only_problem(mini)


def test_source_that_is_not_utf8(mini: Project) -> None:
    data = mini.source.read_bytes().replace(b"Staying safe", "Stayin\xe9 safe".encode("latin-1"))
    mini.source.write_bytes(data)
    message = only_problem(mini)
    assert f"toolkit.md:{line_of_bytes(data, b'Stayin')}:" in message
    assert "not UTF-8" in message


def line_of_bytes(data: bytes, needle: bytes) -> int:
    return data[: data.index(needle)].count(b"\n") + 1


def test_missing_header(mini: Project) -> None:
    mini.source.write_text("# Just a heading\n", encoding="utf-8")
    assert "must start with a header" in only_problem(mini)


def test_words_in_another_language(mini: Project) -> None:
    mini.append("\nSay [Croeso i bawb]{lang=cy} to everyone. A [note] in {braces} stays text.\n")
    paragraph = loaded(mini).blocks[-1]
    assert paragraph.children == (
        m.Text("Say "),
        m.Language("cy", (m.Text("Croeso i bawb"),)),
        m.Text(" to everyone. A [note] in {braces} stays text."),
    )


@pytest.mark.parametrize(
    ("span", "expected"),
    [
        ("[Croeso]{lang=Welsh}", "'Welsh' is not a language code. Use a code such as cy"),
        ("[Croeso]{.welsh}", "Only a language can be given in {...}"),
        ("[Croeso]{lang=cy colour=red}", "Only a language can be given in {...}"),
    ],
)
def test_a_language_span_says_what_is_wrong(mini: Project, span: str, expected: str) -> None:
    mini.append(f"\nSay {span} to everyone.\n")
    problem = only_problem(mini)
    assert f"toolkit.md:{line_of(mini, span)}:" in problem and expected in problem
