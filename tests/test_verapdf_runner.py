"""The veraPDF harness must tell a PDF/UA-1 compliant PDF from a non-compliant one."""

from __future__ import annotations

import base64
import os
from pathlib import Path

import pytest
import weasyprint

import verapdf_runner

# A 1x1 PNG, so the figure below needs no network or fixture file.
PNG = base64.b64encode(
    bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de"
        "0000000c4944415408d763f8cfc000000301010018dd8db00000000049454e44ae426082"
    )
).decode()


def _page(alt: str | None) -> str:
    alt_attr = "" if alt is None else f' alt="{alt}"'
    return (
        "<!doctype html><html lang=en-GB><head><title>veraPDF check</title></head><body>"
        "<h1>Heading</h1><p>Some body text.</p>"
        f'<img src="data:image/png;base64,{PNG}"{alt_attr} style="width:2cm">'
        "</body></html>"
    )


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, verapdf_runner.Report]:
    ok, reason = verapdf_runner.available()
    if not ok:
        if os.environ.get("CI"):
            pytest.fail(f"veraPDF harness unavailable in CI: {reason}")
        pytest.skip(f"veraPDF harness unavailable: {reason}")

    tmp = tmp_path_factory.mktemp("verapdf")
    pdfs: dict[str, Path] = {"good": tmp / "good.pdf", "no_alt": tmp / "no_alt.pdf"}
    for name, alt in (("good", "A red square"), ("no_alt", None)):
        weasyprint.HTML(string=_page(alt)).write_pdf(pdfs[name], pdf_variant="pdf/ua-1")
    # One JVM start for both files.
    results = verapdf_runner.validate(list(pdfs.values()), flavour="ua1")
    return {name: results[path] for name, path in pdfs.items()}


def test_compliant_ua1_pdf_passes(reports: dict[str, verapdf_runner.Report]) -> None:
    report = reports["good"]
    assert report.error is None, report.summary()
    assert report.compliant, report.summary()
    assert report.failures == []


def test_figure_without_alt_fails_ua1(reports: dict[str, verapdf_runner.Report]) -> None:
    report = reports["no_alt"]
    assert report.error is None, report.summary()
    assert not report.compliant, report.summary()
    # ISO 14289-1 7.3: Figure tags shall include alternative text.
    assert "7.3-1" in report.rules, report.summary()
