"""`toolkit review`: reviewers' tracked changes and comments in Word, back into the Markdown.

The reviewed files are our own DOCX with changes made as Word records them (tests/word_review.py)
or made in LibreOffice with Track Changes on (tests/libreoffice_edit.py). After `--apply`, the
Word file built from the new source must read exactly as the reviewed file with every change
accepted, read by a walk of the XML that shares nothing with the code under test.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import hypothesis
import hypothesis.strategies as st
import pytest

import libreoffice
from conftest import FIXTURES, ROOT, Project, make_project, require_tool
from word_review import W, WordEdit, accepted_paragraphs, body_paragraphs, text_of

DOCX = "social-media-toolkit.docx"


def build_docx(project: Project, toolkit, out: str = "built") -> Path:
    result = toolkit("build", "docx", "--quiet", "--out", str(project.root / out), *project.args())
    assert result.code == 0, result.err
    return project.root / out / DOCX


def reviewed(project: Project, built: Path, name: str, edits) -> Path:
    word = WordEdit.open(built)
    edits(word)
    path = project.root / name
    word.save(path)
    return path


def review(project: Project, toolkit, *files: Path, apply: bool = False, extra=()):
    args = ["review", *map(str, files), "--report", str(project.root / "report.md")]
    return toolkit(*args, *(["--apply"] if apply else []), *extra, *project.args())


def assert_applied_as_accepted(project: Project, toolkit, reviewed_file: Path) -> None:
    """The Word file built from the new source reads as the reviewed one with all accepted."""
    rebuilt = build_docx(project, toolkit, "rebuilt")
    assert body_paragraphs(rebuilt) == accepted_paragraphs(reviewed_file)


# ---- nothing to do ------------------------------------------------------------------------


def test_our_own_file_reports_nothing_and_applies_nothing(mini: Project, toolkit) -> None:
    built = build_docx(mini, toolkit)
    before = mini.source.read_bytes()
    result = review(mini, toolkit, built, apply=True)
    assert result.code == 0, result.err
    assert "No tracked changes and no comments" in result.out
    assert mini.source.read_bytes() == before


def test_a_libreoffice_round_trip_reports_nothing(mini: Project, toolkit, tmp_path: Path) -> None:
    built = build_docx(mini, toolkit)
    result = libreoffice.convert(built, "docx:MS Word 2007 XML", tmp_path)
    assert result.returncode == 0, result.stderr
    before = mini.source.read_bytes()
    result = review(mini, toolkit, tmp_path / DOCX, apply=True)
    assert result.code == 0, result.err
    assert "No tracked changes and no comments" in result.out
    assert mini.source.read_bytes() == before


# ---- changes in place ---------------------------------------------------------------------


def test_words_change_in_place_keeping_settings_links_and_bold(mini: Project, toolkit) -> None:
    built = build_docx(mini, toolkit)

    def edits(word: WordEdit) -> None:
        word.replace("This toolkit helps", "helps councillors", "helps every councillor", "Legal")
        word.replace("Read it online", "or see", "and read", "Legal")
        word.replace("You are responsible", "everything you", "all that you", "Legal")
        word.insert("Every councillor", "Every councillor", " and alderman", "Legal")
        word.replace("Use the three dots on the post", "three dots", "menu", "Legal")

    file = reviewed(mini, built, "legal.docx", edits)
    source = mini.source.read_text(encoding="utf-8")
    result = review(mini, toolkit, file, apply=True)
    assert result.code == 0, result.err
    assert "Applied 5 change(s)" in result.out
    after = mini.source.read_text(encoding="utf-8")
    assert (
        "This toolkit helps every councillor at {{ council.name }} use social media safely. "
        "Call {{ council.phone }}." in after
    )
    assert (
        "Read it online at [the online toolkit]({{ toolkit_url }}) and read [Staying safe]" in after
    )
    assert "You are responsible for all that you *share* and **post**." in after
    assert "- Every councillor and alderman\n" in after
    assert "| Facebook | Use the menu on the post, then **Report post** |" in after
    changed = [(a, b) for a, b in zip(source.split("\n"), after.split("\n"), strict=True) if a != b]
    assert len(changed) == 5  # only the lines of what changed; every other byte is kept
    assert_applied_as_accepted(mini, toolkit, file)


def test_new_and_deleted_paragraphs_items_and_rows(mini: Project, toolkit) -> None:
    built = build_docx(mini, toolkit)

    def edits(word: WordEdit) -> None:
        word.new_paragraph_after("Read it online", "A new paragraph from the chair.", "Chair")
        word.delete_paragraph("Co-opted members", "Chair")
        word.new_paragraph_after("Officers who support", "Members of the public", "Chair")
        word.delete_row("Facebook", "Chair")
        word.new_row_after("Use the three dots, then", ["Instagram", "Tap the dots"], "Chair")

    file = reviewed(mini, built, "chair.docx", edits)
    result = review(mini, toolkit, file, apply=True)
    assert result.code == 0, result.err
    after = mini.source.read_text(encoding="utf-8")
    assert "\n\nA new paragraph from the chair.\n\n" in after
    assert "Co-opted members" not in after
    assert "- Officers who support councillors\n- Members of the public\n" in after
    assert "| Facebook |" not in after
    assert "| X | Use the three dots, then *Report post* |\n| Instagram | Tap the dots |" in after
    assert_applied_as_accepted(mini, toolkit, file)


def test_a_source_saved_with_a_byte_order_mark_reviews_as_without(tmp_path: Path, toolkit) -> None:
    """Editors on Windows may save UTF-8 with a byte-order mark and Windows line endings:
    `toolkit check` reads them, so `toolkit review` must too, placing and applying every change
    as in the file without, and writing the file back as it was saved."""

    def edits(word: WordEdit) -> None:
        word.replace("This toolkit helps", "helps councillors", "helps every councillor", "Legal")
        word.new_paragraph_after("Read it online", "A new paragraph from the chair.", "Legal")
        word.comment("You are responsible", "share", "Say what sharing means.", "Legal")

    results = []
    for name, mark, ending in (
        ("plain", b"", b"\n"),
        ("marked", b"\xef\xbb\xbf", b"\n"),
        ("windows", b"\xef\xbb\xbf", b"\r\n"),
    ):
        project = make_project(tmp_path / name, FIXTURES / "mini" / "toolkit.md")
        project.source.write_bytes(mark + project.source.read_bytes().replace(b"\n", ending))
        file = reviewed(project, build_docx(project, toolkit), "legal.docx", edits)
        result = review(project, toolkit, file, apply=True)
        assert result.code == 0, result.err
        assert "Applied 2 change(s)" in result.out
        report = (project.root / "report.md").read_text(encoding="utf-8")
        saved = project.source.read_bytes()
        assert saved.startswith(mark) and saved.count(b"\n") == saved.count(ending)
        after = saved.decode("utf-8-sig").replace("\r\n", "\n")
        results.append([text.replace(str(project.root), "ROOT") for text in (result.out, report)])
        results[-1].append(after)
    assert results[1] == results[0] == results[2]
    assert "A new paragraph from the chair." in results[0][2]


# ---- what is reported, not applied -----------------------------------------------------------


def test_settings_text_is_reported_with_its_settings_line(mini: Project, toolkit) -> None:
    built = build_docx(mini, toolkit)

    def edits(word: WordEdit) -> None:
        word.replace("This toolkit helps", "North Northamptonshire", "North Northants", "Legal")
        word.replace("Telephone: 101", "101", "999", "Legal")

    file = reviewed(mini, built, "legal.docx", edits)
    before = mini.source.read_bytes()
    result = review(mini, toolkit, file, apply=True)
    assert result.code == 0, result.err
    settings = mini.settings.read_text(encoding="utf-8").split("\n")
    name_line = next(i for i, t in enumerate(settings, 1) if "name: North Northamptonshire" in t)
    assert f"settings.yml:{name_line}" in result.out
    assert "the setting council.name" in result.out
    assert "the setting contacts.police.phone" in result.out
    assert mini.source.read_bytes() == before  # never rewritten in the Markdown


def test_generated_parts_and_formatting_are_reported(mini: Project, toolkit) -> None:
    built = build_docx(mini, toolkit)

    def edits(word: WordEdit) -> None:
        word.replace("Version history", "Version history", "History", "Comms")  # its caption
        word.replace("Key point:", "Key point", "Main point", "Comms")  # a box's label
        word.replace("About this toolkit", "About", "On", "Comms")  # the contents' entry

    file = reviewed(mini, built, "comms.docx", edits)
    result = review(mini, toolkit, file)
    assert result.code == 0, result.err
    assert result.out.count("made by the layout") == 3
    assert "can be applied" not in result.out


def test_pictures_formatting_and_headers_are_reported(mini: Project, toolkit) -> None:
    built = build_docx(mini, toolkit)

    def edits(word: WordEdit) -> None:
        word.delete_picture("Comms")
        word.reformat("Never share exempt", "Comms")
        word.change_header(" (for review)", "Comms")

    file = reviewed(mini, built, "comms.docx", edits)
    before = mini.source.read_bytes()
    result = review(mini, toolkit, file, apply=True)
    assert result.code == 0, result.err
    assert "a change to a picture: change the picture by hand" in result.out
    assert "a change of formatting only" in result.out
    assert "Comms changed the header" in result.out
    assert "Comms changed the header" in (mini.root / "report.md").read_text(encoding="utf-8")
    assert "Nothing was applied" in result.out
    assert mini.source.read_bytes() == before


def test_moved_words_are_a_deletion_and_an_insertion(mini: Project, toolkit) -> None:
    built = build_docx(mini, toolkit)
    file = reviewed(
        mini,
        built,
        "moved.docx",
        lambda w: w.move(
            "Keep evidence", " with dates and links", "Do not reply", "reply", "Legal"
        ),
    )
    result = review(mini, toolkit, file, apply=True)
    assert result.code == 0, result.err
    after = mini.source.read_text(encoding="utf-8")
    assert "2. Do not reply with dates and links.\n3. Keep evidence: screenshots.\n" in after
    assert_applied_as_accepted(mini, toolkit, file)


def test_comments_are_reported_with_their_lines(mini: Project, toolkit) -> None:
    built = build_docx(mini, toolkit)

    def edits(word: WordEdit) -> None:
        word.comment("Never share exempt", "exempt information", "Define exempt.", "Legal")
        word.comment("Co-opted members", "Co-opted", "Are they covered?", "Chair")
        word.comment("Staying safe", "Staying", "On the contents?", "Chair")  # its entry

    file = reviewed(mini, built, "notes.docx", edits)
    result = review(mini, toolkit, file)
    assert result.code == 0, result.err
    lines = mini.source.read_text(encoding="utf-8").split("\n")
    exempt = next(i for i, t in enumerate(lines, 1) if "Never share exempt" in t)
    coopted = next(i for i, t in enumerate(lines, 1) if "Co-opted members" in t)
    assert f"Comment by Legal ({file})" in result.out
    assert f"toolkit.md:{exempt}:\n  “Define exempt.”" in result.out
    assert f"toolkit.md:{coopted}:\n  “Are they covered?”" in result.out
    assert "words made by the layout:\n  “On the contents?”" in result.out
    report = (mini.root / "report.md").read_text(encoding="utf-8")
    assert "“Define exempt.”" in report and "## Comments" in report


# ---- several reviewers, older sources -------------------------------------------------------


def test_two_reviewers_merge_and_their_conflict_is_not_applied(mini: Project, toolkit) -> None:
    built = build_docx(mini, toolkit)
    legal = reviewed(
        mini,
        built,
        "legal.docx",
        lambda w: (
            w.replace("Never share exempt", "Never share", "Do not share", "Legal"),
            w.replace("Officers who support", "Officers", "Staff", "Legal"),
        ),
    )
    chair = reviewed(
        mini,
        built,
        "chair.docx",
        lambda w: (
            w.replace("Never share exempt", "Never share", "Never disclose", "Chair"),
            w.replace("Every councillor", "Every", "Each", "Chair"),
        ),
    )
    result = review(mini, toolkit, legal, chair, apply=True)
    assert result.code == 0, result.err
    assert result.out.count("conflict with change") == 2
    after = mini.source.read_text(encoding="utf-8")
    assert "Never share exempt information." in after  # neither version of the conflict
    assert "- Staff who support councillors" in after and "- Each councillor" in after
    items = _report_items(mini.root / "report.md")
    assert len(items) == 4  # one to tick for each change, with its details as a list inside
    conflicts = [i for i in items if any(d.startswith("conflict with change") for d in i[1])]
    assert len(conflicts) == 2
    assert all(re.search(r"`\S+toolkit\.md:\d+`", i[0]) for i in items)  # the place, as code
    assert {d for i in conflicts for d in i[1] if d.startswith("after")} == {
        "after: “Do not share”",
        "after: “Never disclose”",
    }


def _report_items(report: Path) -> list[tuple[str, list[str]]]:
    """The report file's changes as Markdown reads them: each top-level item's first line and
    the items of the list inside it."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").parse(report.read_text(encoding="utf-8"))
    items, depth = [], 0
    for token in tokens:
        depth += token.nesting if token.type.startswith(("bullet_list", "list_item")) else 0
        if token.type == "inline" and token.content.startswith("[ ] **"):
            items.append((token.content, []))
        elif token.type == "inline" and depth == 4 and items:
            items[-1][1].append(" ".join(token.content.split()))
    return items


def test_a_file_built_from_an_older_source(mini: Project, toolkit) -> None:
    """As a three-way merge: a change to words the source has changed since the file was built
    is a conflict; a change to words it has not changed applies, even in the same paragraph."""
    built = build_docx(mini, toolkit)
    mini.edit("Never share exempt information.", "Never post exempt information.")
    file = reviewed(
        mini,
        built,
        "old.docx",
        lambda w: (
            w.replace("Never share exempt", "share", "disclose", "Legal"),
            w.replace("Never disclose exempt", "information", "details", "Legal"),
            w.replace("Officers who support", "Officers", "Staff", "Legal"),
        ),
    )
    result = review(mini, toolkit, file, apply=True)
    assert result.code == 0, result.err
    assert "built from an older source" in result.out
    assert result.out.count("the source has changed here since the file was built") == 1
    after = mini.source.read_text(encoding="utf-8")
    assert "Never post exempt details." in after
    assert "- Staff who support councillors" in after


def test_choosing_reviewers_and_leaving_changes_out(mini: Project, toolkit) -> None:
    built = build_docx(mini, toolkit)
    file = reviewed(
        mini,
        built,
        "both.docx",
        lambda w: (
            w.replace("Every councillor", "Every", "Each", "Legal"),
            w.replace("Officers who support", "Officers", "Staff", "Legal"),
            w.replace("Never share exempt", "Never", "Do not ever", "Chair"),
        ),
    )
    result = review(mini, toolkit, file, apply=True, extra=("--reviewer", "Legal", "--skip", "2"))
    assert result.code == 0, result.err
    after = mini.source.read_text(encoding="utf-8")
    assert "- Each councillor" in after
    assert "- Officers who support" in after  # change 2 left out
    assert "Never share exempt" in after  # not the chair's
    assert result.out.count("left out") == 2


def test_an_apply_that_would_break_the_source_changes_nothing(mini: Project, toolkit) -> None:
    built = build_docx(mini, toolkit)
    file = reviewed(
        mini,
        built,
        "breaks.docx",
        lambda w: (
            w.delete_paragraph("Never share exempt", "Legal"),  # the warning box's only text
            w.replace("Every councillor", "Every", "Each", "Legal"),
        ),
    )
    before = mini.source.read_bytes()
    result = review(mini, toolkit, file, apply=True)
    assert result.code == 1
    assert "The 'warning' box is empty" in result.err
    assert "nothing was changed" in result.err
    assert "Traceback" not in result.err
    assert mini.source.read_bytes() == before


def test_a_redline_from_compare_is_a_valid_input(mini: Project, toolkit) -> None:
    old = make_project(mini.root / "old", mini.source)
    mini.edit("Never share exempt information.", "Never share exempt or confidential information.")
    result = toolkit(
        "compare", str(old.source), str(mini.source), "--out", str(mini.root / "compared"),
        "--format", "redline-docx",
    )  # fmt: skip
    assert result.code == 0, result.err
    redline = mini.root / "compared" / "social-media-toolkit-redline.docx"
    file = reviewed(
        mini, redline, "redline-reviewed.docx",
        lambda w: w.replace("Officers who support", "Officers", "Staff", "Legal"),
    )  # fmt: skip
    result = review(mini, toolkit, file, apply=True)
    assert result.code == 0, result.err
    assert "Monitoring Officer" not in result.out  # the comparison's own changes are the text
    after = mini.source.read_text(encoding="utf-8")
    assert "- Staff who support councillors" in after
    assert "Never share exempt or confidential information." in after


# ---- bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (lambda p: p.write_bytes(b"%PDF-1.7 not a Word file"), "not a Word document"),
        (lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512), "password"),
        (lambda p: _damaged(p), "damaged"),
        (lambda p: _not_ours(p), "was not made by the toolkit"),
        (lambda p: None, "cannot be read"),
    ],
    ids=["pdf", "password-protected", "damaged", "not-ours", "missing"],
)
def test_bad_files_get_a_message_and_change_nothing(mini: Project, toolkit, make, says) -> None:
    path = mini.root / "bad.docx"
    make(path)
    before = mini.source.read_bytes()
    result = review(mini, toolkit, path, apply=True)
    assert result.code == 1
    assert says in result.err and str(path) in result.err
    assert "Traceback" not in result.err
    assert mini.source.read_bytes() == before


def _damaged(path: Path) -> None:
    data = (ROOT / "tests" / "fixtures" / "mini" / "toolkit.md").read_bytes()
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("word/document.xml", data[:200])


def _not_ours(path: Path) -> None:
    from docx import Document

    word = Document()
    word.add_paragraph("Somebody else's document.")
    word.save(path)


# ---- as a monitoring officer would, with LibreOffice -----------------------------------------


def _python_with_uno() -> str:
    """Debian's Python, which has LibreOffice's UNO bridge (python3-uno, in .ci/system-packages);
    in CI its absence fails the test instead of skipping it."""
    python = shutil.which("python3", path="/usr/bin")
    if python and subprocess.run([python, "-c", "import uno"], capture_output=True).returncode == 0:
        return python
    message = "LibreOffice's Python bridge is missing: apt-get install python3-uno"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def test_the_review_loop_through_libreoffice(tmp_path: Path, toolkit) -> None:
    require_tool("soffice")
    python = _python_with_uno()
    project = make_project(tmp_path, ROOT / "content" / "toolkit.md")
    built = build_docx(project, toolkit)
    edits = [
        {"author": "Legal Team", "do": "replace", "old": "reach the people you serve",
         "new": "reach the residents you serve"},
        {"author": "Legal Team", "do": "paragraph after", "after": "hear what residents think",
         "new": "Think first, post second."},
        {"author": "Group Leader", "do": "delete paragraph", "containing": "It covers posting"},
    ]  # fmt: skip
    plan = tmp_path / "edits.json"
    plan.write_text(json.dumps(edits), encoding="utf-8")
    file = tmp_path / "reviewed.docx"
    subprocess.run(
        [python, str(ROOT / "tests" / "libreoffice_edit.py"), str(built), str(file), str(plan)],
        check=True,
        capture_output=True,
    )
    result = review(project, toolkit, file, apply=True)
    assert result.code == 0, result.err
    assert "Applied 3 change(s)" in result.out
    assert_applied_as_accepted(project, toolkit, file)
    assert toolkit("check", *project.args()).code == 0
    compared = toolkit(
        "compare", str(ROOT / "content" / "toolkit.md"), str(project.source),
        "--out", str(tmp_path / "compared"),
    )  # fmt: skip
    assert compared.code == 0, compared.err
    assert "insertion" in compared.out and "deletion" in compared.out


# ---- random reviews ----------------------------------------------------------------------------

WORD = re.compile(r"[A-Za-z]{4,}")


@pytest.fixture(scope="module")
def real_built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real toolkit's Word file, built once."""
    from pipeline.cli import main

    folder = tmp_path_factory.mktemp("real")
    project = make_project(folder, ROOT / "content" / "toolkit.md")
    assert main(["build", "docx", "--quiet", "--out", str(folder / "built"), *project.args()]) == 0
    return folder / "built" / DOCX


def _editable(word: WordEdit, body: str, edited: list) -> list[str]:
    """Paragraphs of the text itself (not the cover, contents, captions, labels or settings),
    not edited yet: their opening words, which the source's text has."""
    started, found = False, []
    for paragraph in word.paragraphs():
        style = paragraph.find(f"{W}pPr/{W}pStyle")
        name = style.get(f"{W}val") if style is not None else ""
        started = started or name == "Heading1"
        if name == "Caption" or any(paragraph is e for e in edited):
            continue
        opening = text_of(paragraph)[:30]
        labelled = any(  # a box's title or a contact's name: words the layout or settings give
            style.get(f"{W}val") == "Label" for style in paragraph.iter(f"{W}rStyle")
        )
        details = opening.startswith(("Telephone:", "Email:", "Web:"))  # a contact's, settings
        if (
            started
            and len(opening) >= 12
            and _plain(opening) in body
            and "TODO" not in opening
            and not labelled
            and not details
        ):
            found.append(opening)
    return found


def _plain(text: str) -> str:
    return text.translate(str.maketrans("“”‘’–", "\"\"''-"))


@hypothesis.settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[hypothesis.HealthCheck.function_scoped_fixture],
    phases=[hypothesis.Phase.explicit, hypothesis.Phase.reuse, hypothesis.Phase.generate],
)
@hypothesis.given(data=st.data())
def test_random_tracked_changes_apply_as_accepted(
    real_built: Path, tmp_path_factory: pytest.TempPathFactory, toolkit, data
) -> None:
    project = make_project(tmp_path_factory.mktemp("random"), ROOT / "content" / "toolkit.md")
    source = project.source.read_text(encoding="utf-8")
    body = _plain(source.split("\n---\n", 1)[1])
    word = WordEdit.open(real_built, last=True)
    edited: list = []
    candidates = _editable(word, body, edited)
    from_settings = set(WORD.findall(project.settings.read_text(encoding="utf-8")))
    needles: list[str] = []
    for number in range(data.draw(st.integers(1, 4), label="edits")):
        opening = data.draw(st.sampled_from(candidates), label=f"paragraph {number}")
        edited.append(word.paragraph(opening))
        words = [
            w
            for w in WORD.findall(text_of(word.paragraph(opening)))
            if w in body and w not in from_settings
        ]
        hypothesis.assume(words)
        target = data.draw(st.sampled_from(words), label="word")
        row = next(word.paragraph(opening).iterancestors(f"{W}tr"), None)
        body_row = row is not None and row.getparent().index(row) > row.getparent().index(
            row.getparent().find(f"{W}tr")
        )
        whole = ["new row", "delete row"] if body_row else ["new paragraph", "delete paragraph"]
        kinds = ["replace", "delete", "insert"] + (whole if row is None or body_row else [])
        kind = data.draw(st.sampled_from(kinds), label="kind")
        author = data.draw(st.sampled_from(["Legal", "Chair"]), label="reviewer")
        if kind == "replace":
            word.replace(opening, target, f"{target}ed", author)
            needles.append(f"{target}ed")
        elif kind == "delete":
            word.replace(opening, f"{target} ", "", author) if f"{target} " in text_of(
                word.paragraph(opening)
            ) else word.replace(opening, target, "", author)
            needles.append(target)
        elif kind == "insert":
            word.insert(opening, target, " reviewed", author)
            needles.append("reviewed")
        elif kind == "new paragraph":
            word.new_paragraph_after(opening, "A paragraph a reviewer added.", author)
            needles.append("A paragraph a reviewer added.")
        elif kind == "delete paragraph":
            needles.append(opening[:12])
            word.delete_paragraph(opening, author)
        elif kind == "new row":
            cells = len(list(row.iterchildren(f"{W}tc")))  # type: ignore[union-attr]
            word.new_row_after(opening, ["Added cell"] * cells, author)
            needles.append("Added cell")
        else:
            needles.append(opening[:12])
            word.delete_row(opening, author)
        candidates = _editable(word, body, edited)
    reviewed_file = project.root / "reviewed.docx"
    word.save(reviewed_file)
    result = review(project, toolkit, reviewed_file, apply=True)
    hypothesis.assume("would not read" not in result.err)  # e.g. a box left with no text
    assert result.code == 0, result.err + result.out
    assert "cannot be applied" not in result.out, result.out
    assert_applied_as_accepted(project, toolkit, reviewed_file)
    assert toolkit("check", *project.args()).code == 0
    after = project.source.read_text(encoding="utf-8")
    old, new = source.split("\n"), after.split("\n")
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new).get_opcodes():
        if op == "equal":
            continue
        changed = "\n".join(old[i1:i2] + new[j1:j2])
        assert not changed.strip() or any(_plain(n) in changed for n in needles), (
            f"lines {i1 + 1}-{i2} changed, but no edit was there:\n{changed}"
        )
