"""Any Markdown goes through every format without a crash: it builds, or it gets a clear message.

The examples of the CommonMark specification are each parsed alone; those that pass the checks are
joined into one document (each under its own heading) and rendered in every format, and their words
must appear in the outputs. Random Markdown from hypothesis does the same for the fast formats.
"""

from __future__ import annotations

import dataclasses
import io
import re
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline import model as m
from pipeline.errors import ToolkitError
from pipeline.formats import FORMATS
from pipeline.read.source import Sources, load

from commonmark_spec import examples
from conftest import FIXTURES, ROOT

HEADER = (FIXTURES / "mini" / "toolkit.md").read_text(encoding="utf-8").split("\n---\n")[
    0
] + "\n---\n"
SETTINGS = ROOT / "content" / "settings.yml"


def parse(folder: Path, markdown: str) -> m.Document | ToolkitError:
    source = folder / "toolkit.md"
    source.write_text(HEADER + "\n# Example\n\n" + markdown, encoding="utf-8")
    try:
        return load(Sources(source, SETTINGS)).document
    except ToolkitError as error:
        return error


def renamed(node: object, prefix: str) -> object:
    """A copy of a model subtree whose anchors (and links to them) start with `prefix`."""
    if isinstance(node, tuple):
        return tuple(renamed(item, prefix) for item in node)
    if isinstance(node, m.Heading):
        return dataclasses.replace(
            node, anchor=prefix + node.anchor, children=renamed(node.children, prefix)
        )
    if isinstance(node, m.Link) and node.href.startswith("#"):
        return m.Link("#" + prefix + node.href[1:], renamed(node.children, prefix))
    if dataclasses.is_dataclass(node) and not isinstance(node, type):
        changes = {
            f.name: renamed(getattr(node, f.name), prefix)
            for f in dataclasses.fields(node)
            if isinstance(getattr(node, f.name), tuple)
        }
        return dataclasses.replace(node, **changes) if changes else node
    return node


@pytest.fixture(scope="module")
def spec_results(tmp_path_factory: pytest.TempPathFactory) -> list[m.Document | ToolkitError]:
    folder = tmp_path_factory.mktemp("spec")
    return [parse(folder, markdown) for markdown in examples()]


def test_every_spec_example_parses_or_gets_a_message(spec_results: list) -> None:
    assert len(spec_results) == 652
    refused = [r for r in spec_results if isinstance(r, ToolkitError)]
    accepted = [r for r in spec_results if isinstance(r, m.Document)]
    assert len(refused) + len(accepted) == 652
    assert len(accepted) > 300  # most of the spec is ordinary Markdown
    for error in refused:
        for problem in error.problems:
            assert problem.file.endswith("toolkit.md") or problem.file.endswith("settings.yml")
            assert problem.message


@pytest.fixture(scope="module")
def spec_document(spec_results: list) -> m.Document:
    documents = [r for r in spec_results if isinstance(r, m.Document)]
    mini = load(Sources(FIXTURES / "mini" / "toolkit.md", SETTINGS)).document
    blocks: tuple[m.Block, ...] = ()
    for number, document in enumerate(documents):
        blocks += renamed(document.blocks, f"e{number}-")
    card = tuple(b for b in mini.blocks if getattr(b, "card", ""))
    return dataclasses.replace(mini, blocks=blocks + card)


def words(document: m.Document) -> list[str]:
    found = []
    for block in m.walk_blocks(document.blocks):
        if isinstance(block, m.Paragraph):
            text = " ".join(m.plain_text(block.children).split())
            if re.fullmatch(r"[A-Za-z ]{3,}", text):
                found.append(text)
    return found


@pytest.mark.parametrize("name", list(FORMATS))
def test_the_spec_examples_render_in_every_format(
    spec_document: m.Document, name: str, tmp_path: Path
) -> None:
    try:
        result = FORMATS[name].render(spec_document)
    except ToolkitError as error:  # a card that is too full is a message, not a crash
        assert name.startswith("card") and "too full" in str(error)
        return
    assert result.data
    if name == "docx":
        text = " ".join(p.text for p in docx.Document(io.BytesIO(result.data)).paragraphs)
        text += " ".join(
            c.text
            for t in docx.Document(io.BytesIO(result.data)).tables
            for r in t.rows
            for c in r.cells
        )
        missing = [w for w in words(spec_document) if w not in " ".join(text.split())]
        assert not missing, missing[:5]


MARKDOWN_PIECES = st.sampled_from(
    [
        "# Heading\n",
        "## Sub heading\n",
        "Plain words here.\n",
        "**bold** and *soft*\n",
        "- item\n",
        "  - nested item\n",
        "1. first\n",
        "2. second\n",
        "> quoted\n",
        "| a | b |\n|---|---|\n| 1 | 2 |\n",
        "| ragged |\n|---|---|\n| 1 | 2 | 3 |\n",
        "::: warning\nTake care.\n:::\n",
        "::: do Title {card=back}\n- yes\n:::\n",
        "[a link to the council](https://www.example.gov.uk)\n",
        "`code`\n",
        "\n",
        "A very long word: " + "x" * 300 + "\n",
        "https://www.example.gov.uk/" + "a" * 200 + "\n",
        "Ünïcödé — “quotes” ‘single’ €\n",
        "***\n",
        "    indented code\n",
        "line with trailing spaces  \nnext\n",
        "\\<not html>\n",
    ]
)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(MARKDOWN_PIECES, min_size=1, max_size=25))
def test_random_markdown_builds_or_gets_a_message(tmp_path: Path, pieces: list[str]) -> None:
    result = parse(tmp_path, "\n".join(pieces))
    if isinstance(result, ToolkitError):
        assert all(p.message for p in result.problems)
        return
    data = FORMATS["docx"].render(result).data
    text = " ".join(" ".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs).split())
    for word in words(result):
        assert word in text
