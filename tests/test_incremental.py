"""Rebuilds do only the work that changed: nothing for a no-op, only what an edit affects."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tomllib

from pipeline.formats import FORMATS
from pipeline.publish.build import build
from pipeline.publish.fingerprint import LIBRARIES
from pipeline.publish.progress import Progress
from pipeline.read.source import Sources

from conftest import ROOT, Project

# One format of each kind keeps these tests quick: a whole-document PDF, Word, and a card.
CHOSEN = ("appendix", "docx", "card")
CARD_FORMATS = {name for name in CHOSEN if FORMATS[name].scope == "card"}


def rebuild(project: Project) -> list[str]:
    sources = Sources(project.source, project.settings)
    result = build(sources, [FORMATS[n] for n in CHOSEN], project.out, Progress(quiet=True), jobs=1)
    return sorted(result.rendered)


# Dependencies that never change an output: the preview's file watcher, and the hyphenation
# dictionary that `toolkit check` counts syllables with (print layouts hyphenate by hand only).
NO_OUTPUT = {"watchfiles", "pyphen"}


def test_every_library_that_makes_outputs_is_in_their_fingerprint() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    needed = {re.split(r"[<>=!~ \[]", dep, maxsplit=1)[0] for dep in project["dependencies"]}
    assert needed - NO_OUTPUT <= set(LIBRARIES)  # with some of their own, such as pydyf


def test_a_no_op_rebuild_renders_nothing_and_imports_no_renderer(mini: Project) -> None:
    """Nor the parser, the model, YAML or the process pool: it only compares fingerprints."""
    assert rebuild(mini) == sorted(CHOSEN)
    script = (
        "import sys; from pipeline.cli import main; "
        f"code = main(['build', *{list(CHOSEN)!r}, '--quiet', '--out', {str(mini.out)!r}, "
        f"'--source', {str(mini.source)!r}, '--settings', {str(mini.settings)!r}]); "
        "heavy = [m for m in ('weasyprint', 'docx', 'lxml', 'pikepdf', 'markdown_it', "
        "'yaml', 'jinja2', 'pipeline.model', 'pipeline.read.source', 'concurrent.futures.process') "
        "if m in sys.modules]; print(code, heavy)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert result.stdout.strip() == "0 []"


def test_an_edit_outside_the_card_leaves_the_card_alone(mini: Project) -> None:
    rebuild(mini)
    mini.edit("Never share exempt information.", "Never share confidential papers.")
    assert rebuild(mini) == sorted(set(CHOSEN) - CARD_FORMATS)


def test_an_edit_to_a_card_step_rebuilds_the_card_too(mini: Project) -> None:
    rebuild(mini)
    mini.edit("2. Do not reply.", "2. Do not answer.")
    assert rebuild(mini) == sorted(CHOSEN)


def test_a_settings_change_rebuilds_everything(mini: Project) -> None:
    rebuild(mini)
    mini.edit('phone: "101"', 'phone: "102"', mini.settings)
    assert rebuild(mini) == sorted(CHOSEN)


def test_a_damaged_output_is_rebuilt(mini: Project) -> None:
    rebuild(mini)
    manifest = json.loads((mini.out / "manifest.json").read_text())
    entry = next(e for e in manifest["outputs"] if e["format"] == "appendix")
    (mini.out / entry["path"]).write_bytes(b"damaged")
    assert rebuild(mini) == ["appendix"]


def test_rebuilt_and_kept_outputs_match_a_clean_build(mini: Project) -> None:
    rebuild(mini)
    mini.edit("Never share exempt information.", "Never share confidential papers.")
    rebuild(mini)
    kept = json.loads((mini.out / "manifest.json").read_text())["outputs"]
    fresh = mini.root / "fresh"
    build(Sources(mini.source, mini.settings), [FORMATS[n] for n in CHOSEN], fresh, Progress())
    clean = json.loads((fresh / "manifest.json").read_text())["outputs"]
    assert [(e["format"], e["sha256"]) for e in kept] == [(e["format"], e["sha256"]) for e in clean]


def test_a_changed_image_in_a_table_cell_rebuilds(mini: Project) -> None:
    images = mini.source.parent / "images"
    (images / "cell.png").write_bytes((images / "logo.png").read_bytes())  # only in the table
    mini.append(
        "\n| Logo | Meaning |\n|---|---|\n| ![The council logo](images/cell.png) | Ours |\n"
    )
    rebuild(mini)
    cell = images / "cell.png"
    cell.write_bytes(cell.read_bytes() + b"\0")  # same picture, other bytes
    assert "appendix" in rebuild(mini)


def test_fingerprints_are_the_same_in_every_process(mini: Project) -> None:
    """A fingerprint may not read anything that changes from run to run, such as a set's order
    (Python orders sets of text differently in each process)."""
    script = (
        "from pathlib import Path; from pipeline.formats import FORMATS; "
        "from pipeline.publish.fingerprint import fingerprint; "
        "from pipeline.read.source import Sources, load; "
        f"d = load(Sources(Path({str(mini.source)!r}), Path({str(mini.settings)!r}))).document; "
        f"print([fingerprint(FORMATS[n], d) for n in {CHOSEN!r}])"
    )
    printed = {
        subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONPATH": str(ROOT), "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(printed) == 1, printed
