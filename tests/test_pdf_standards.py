"""Every PDF the project produces meets PDF/UA-1 and PDF/A-2a (veraPDF) and our Matterhorn checks,
and looks exactly as it did before the finishing step.

Built once for the module: each PDF format of the real content as it is (a draft) and of the
real content adopted, with a council whose web address is real (QR codes, live links on the
card), and the redline PDF of an annual review of the real content.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pikepdf
import pytest

from pipeline import pdf_finish
from pipeline.compare import compare_versions
from pipeline.formats import FORMATS
from pipeline.source import Sources, load

import verapdf_runner
from annual_review import annual_review
from conftest import ADOPTED_HEADER, ROOT, make_project, require_tool
from matterhorn import check

RIVERSIDE = ROOT / "content" / "examples" / "riverside-settings.yml"
PDF_FORMATS = [name for name, fmt in FORMATS.items() if fmt.filename.endswith(".pdf")]
OUTPUTS = [f"{variant}/{name}" for variant in ("draft", "adopted") for name in PDF_FORMATS]
OUTPUTS.append("redline/redline-pdf")
FLAVOURS = {"ua1": "PDF/UA-1", "2a": "PDF/A-2a"}


@dataclass(frozen=True)
class Built:
    raw: Path  # as WeasyPrint wrote it
    finished: Path  # as published


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Built]:
    tmp = tmp_path_factory.mktemp("standards")
    adopted = make_project(tmp / "adopted", ROOT / "content" / "toolkit.md")
    adopted.edit("status: draft\ndate: 2024-04-15", ADOPTED_HEADER)
    sources = {
        "draft": Sources(ROOT / "content" / "toolkit.md", ROOT / "content" / "settings.yml"),
        "adopted": Sources(adopted.source, RIVERSIDE),
    }
    out: dict[str, Built] = {}
    for variant, source in sources.items():
        document = load(source).document
        for name in PDF_FORMATS:
            raw = FORMATS[name].render(document, source.source.parent)
            finished = pdf_finish.finish(raw, document.meta)
            out[f"{variant}/{name}"] = _write(tmp / variant, name, raw.data, finished.data)
    out["redline/redline-pdf"] = _redline(tmp / "redline")
    return out


def _write(folder: Path, name: str, raw: bytes, finished: bytes) -> Built:
    folder.mkdir(parents=True, exist_ok=True)
    paths = Built(folder / f"{name}-raw.pdf", folder / f"{name}.pdf")
    paths.raw.write_bytes(raw)
    paths.finished.write_bytes(finished)
    return paths


def _redline(folder: Path) -> Built:
    """The redline of an annual review of the real content (insertions, deletions, a removed
    table row, a new section, a changed contact), written by `toolkit compare` itself."""
    old, new = annual_review(folder)
    seen: list[tuple[bytes, bytes]] = []
    original = pdf_finish.finish

    def finish(rendered, meta):
        result = original(rendered, meta)
        seen.append((rendered.data, result.data))
        return result

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pdf_finish, "finish", finish)
        compare_versions(
            str(old.source),
            str(new.source),
            folder / "releases",
            folder / "out",
            formats=["redline-pdf"],
        )
    ((raw, finished),) = seen
    assert (folder / "out" / "social-media-toolkit-redline.pdf").read_bytes() == finished
    return _write(folder, "redline-pdf", raw, finished)


@pytest.fixture(scope="module")
def verapdf(built: dict[str, Built]) -> dict[str, dict[Path, verapdf_runner.Report]]:
    """veraPDF's reports for every finished PDF: one JVM, each file parsed once and checked
    against both profiles in one pass."""
    ok, reason = verapdf_runner.available()
    if not ok:
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    paths = [b.finished for b in built.values()]
    return verapdf_runner.validate_profiles(paths, tuple(FLAVOURS))


@pytest.mark.parametrize("output", OUTPUTS)
def test_our_matterhorn_checks_find_nothing(built: dict[str, Built], output: str) -> None:
    with pikepdf.open(built[output].finished) as pdf:
        findings = check(pdf)
    assert findings == [], "\n".join(map(str, findings))


@pytest.mark.parametrize("flavour", sorted(FLAVOURS))
@pytest.mark.parametrize("output", OUTPUTS)
def test_verapdf_finds_the_pdf_compliant(
    built: dict[str, Built], verapdf: dict, output: str, flavour: str
) -> None:
    report = verapdf[flavour][built[output].finished]
    assert report.compliant, f"{output}: {report.summary()}"


@pytest.mark.parametrize("output", OUTPUTS)
def test_every_pdf_declares_both_standards(built: dict[str, Built], output: str) -> None:
    with pikepdf.open(built[output].finished) as pdf:
        xmp = pdf.open_metadata()
        assert xmp["pdfuaid:part"] == "1"
        assert (xmp["pdfaid:part"], xmp["pdfaid:conformance"]) == ("2", "A")
        assert pdf.pdf_version == "1.7"


@pytest.mark.parametrize("output", OUTPUTS)
def test_finishing_changes_no_pixel(built: dict[str, Built], output: str, tmp_path: Path) -> None:
    before = _pixels(built[output].raw, tmp_path / "before")
    after = _pixels(built[output].finished, tmp_path / "after")
    assert len(before) == len(after)
    changed = [number for number, (a, b) in enumerate(zip(before, after, strict=True), 1) if a != b]
    assert changed == [], f"{output}: pages {changed} look different"


def _pixels(pdf: Path, stem: Path, dpi: int = 30) -> list[bytes]:
    """Every page as raw pixels (PPM) at a low resolution."""
    subprocess.run([require_tool("pdftoppm"), "-r", str(dpi), str(pdf), str(stem)], check=True)
    return [page.read_bytes() for page in sorted(stem.parent.glob(f"{stem.name}-*.ppm"))]
