"""Every PDF the project produces meets PDF/UA-1 and PDF/A-2a (veraPDF) and our Matterhorn checks,
and looks exactly as it did before the finishing step.

The PDFs are the session's `built_outputs` (conftest.py): each PDF format of the real content as
it is (a draft) and of the real content adopted, with a council whose web address is real (QR
codes, live links on the card), and the redline PDF of an annual review of the real content.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pikepdf
import pytest

from pipeline.formats import FORMATS

import verapdf_runner
from conftest import BuiltOutputs, require_tool
from matterhorn import check

PDF_FORMATS = [name for name, fmt in FORMATS.items() if fmt.filename.endswith(".pdf")]
OUTPUTS = [f"{variant}/{name}" for variant in ("draft", "adopted") for name in PDF_FORMATS]
OUTPUTS.append("redline/redline-pdf")
FLAVOURS = {"ua1": "PDF/UA-1", "2a": "PDF/A-2a"}


@dataclass(frozen=True)
class Built:
    raw: Path  # as WeasyPrint wrote it
    finished: Path  # as published


@pytest.fixture(scope="module")
def built(built_outputs: BuiltOutputs) -> dict[str, Built]:
    found = {}
    for output in OUTPUTS:
        variant, name = output.split("/")
        found[output] = Built(built_outputs.raw(variant, name), built_outputs.pdf(variant, name))
    return found


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
