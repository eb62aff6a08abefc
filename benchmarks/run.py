"""The benchmark behind `nox -s bench`: build times, rebuilds, scaling, memory, the pandoc route.

Every figure is the median of several runs on this machine, in one session, and is printed with its
ratio to what it is compared with. The results and the command are written to docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
PDF_FORMATS = ("appendix", "large-print", "card", "card-sheet", "card-print")
# As on a user's machine: Python keeps the compiled modules after the first run.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"} | {
    "PYTHONPATH": str(ROOT)
}


def toolkit(*args: str, out: Path, source: Path, jobs: int | None = None) -> float:
    """Wall time of one `toolkit build` in a fresh process; raises if it fails."""
    command = [
        sys.executable,
        "-m",
        "pipeline.cli",
        "build",
        *args,
        "--quiet",
        "--out",
        str(out),
        "--source",
        str(source),
        "--settings",
        str(source.parent / "settings.yml"),
    ]
    if jobs:
        command += ["--jobs", str(jobs)]
    started = time.perf_counter()
    subprocess.run(command, check=True, cwd=ROOT, env=ENV)
    return time.perf_counter() - started


def median(runs: int, measure: Callable[[], float]) -> float:
    return statistics.median(measure() for _ in range(runs))


def copy_content(scratch: Path, repeat: int = 1) -> Path:
    """content/ copied, with the source's body repeated `repeat` times (headings kept unique)."""
    folder = scratch / f"content-x{repeat}"
    shutil.copytree(CONTENT, folder)
    source = folder / "toolkit.md"
    if repeat > 1:
        text = source.read_text(encoding="utf-8")
        header, body = text.split("\n---\n", 1)
        parts = [body]
        # The copies keep headings unique and leave the pocket card to the first copy.
        plain = re.sub(r" ?\{card=(front|back)\}", "", body)
        plain = re.sub(r"^::: card\b.*?^:::$", "", plain, flags=re.M | re.S)
        for copy in range(2, repeat + 1):
            parts.append(re.sub(r"^(#+ .*)$", rf"\1 (copy {copy})", plain, flags=re.M))
        source.write_text(header + "\n---\n" + "\n".join(parts), encoding="utf-8")
    return source


def peak_memory_mib() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def pandoc_route(source: Path, out: Path) -> float:
    """pandoc for Word and HTML, and WeasyPrint on pandoc's HTML for each PDF we make."""
    started = time.perf_counter()
    pandoc = shutil.which("pandoc")
    assert pandoc, "pandoc is not installed (Debian package pandoc)"
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run([pandoc, str(source), "-s", "-o", str(out / "toolkit.docx")], check=True)
    subprocess.run(
        [
            pandoc,
            str(source),
            "-s",
            "--self-contained",
            "-o",
            str(out / "toolkit.html"),
            "--metadata",
            "lang=en-GB",
        ],
        check=True,
    )
    script = (
        "import sys, weasyprint\n"
        "html = weasyprint.HTML(filename=sys.argv[1])\n"
        "for target in sys.argv[2:]:\n"
        "    html.write_pdf(target, pdf_variant='pdf/ua-1')\n"
    )
    subprocess.run(
        [
            sys.executable,
            "-c",
            script,
            str(out / "toolkit.html"),
            *(str(out / f"{name}.pdf") for name in PDF_FORMATS),
        ],
        check=True,
    )
    return time.perf_counter() - started


def bare_weasyprint(source: Path, runs: int = 5) -> dict[str, tuple[float, float]]:
    """(our render, bare WeasyPrint on our final HTML) seconds for each PDF format, in-process."""
    sys.path.insert(0, str(ROOT))
    import weasyprint

    from pipeline.build import render_one
    from pipeline.render import pdf
    from pipeline.source import Sources, load

    document = load(Sources(source, source.parent / "settings.yml")).document
    captured: dict[str, tuple] = {}
    original = pdf.html_to_pdf

    def capture(html, stylesheets, content_dir, label, *args, **kwargs):
        captured["last"] = (html, stylesheets, content_dir)
        return original(html, stylesheets, content_dir, label, *args, **kwargs)

    results = {}
    for name in PDF_FORMATS:
        render_one(name, document, source.parent)  # warm: imports, fonts
        # Every renderer reaches WeasyPrint through html_to_pdf: listen there for the final HTML.
        modules = [
            m
            for k, m in sys.modules.items()
            if k.startswith("pipeline.render") and hasattr(m, "html_to_pdf")
        ]
        for module in modules:
            module.html_to_pdf = capture
        captured.clear()
        render_one(name, document, source.parent)
        for module in modules:
            module.html_to_pdf = original
        html, stylesheets, content_dir = captured["last"]
        sheets = [weasyprint.CSS(filename=str(pdf.LAYOUTS / s)) for s in stylesheets]

        fetcher = pdf._fetcher_class()(pdf.allowed_roots(content_dir), content_dir)
        # Turn about, so that a burst of other work on the machine slows both alike.
        ours, bare = [], []
        for _ in range(runs):
            ours.append(render_one(name, document, source.parent)[1])
            bare.append(_bare_render(html, sheets, fetcher))
        results[name] = (statistics.median(ours), statistics.median(bare))
    return results


def _bare_render(html: str, sheets: list, fetcher: object) -> float:
    import weasyprint

    from pipeline.render.pdf import CONTENT_URL

    started = time.perf_counter()
    document = weasyprint.HTML(string=html, base_url=CONTENT_URL, url_fetcher=fetcher)
    document.write_pdf(stylesheets=sheets, pdf_variant="pdf/ua-1")
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (median)")
    parser.add_argument("--write", type=Path, default=ROOT / "docs" / "benchmarks.md")
    args = parser.parse_args()
    rows: list[tuple[str, str, str]] = []

    def report(name: str, seconds: float, versus: str = "", ratio: float | None = None) -> None:
        shown = f"{ratio:.2f}× {versus}" if ratio is not None else versus
        rows.append((name, f"{seconds:.2f} s", shown))
        print(f"{name:<48} {seconds:7.2f} s   {shown}", flush=True)

    with tempfile.TemporaryDirectory() as scratch_name:
        scratch = Path(scratch_name)
        source = copy_content(scratch)
        counter = iter(range(10_000))

        def cold(*formats: str, jobs: int | None = None, src: Path = source) -> float:
            return toolkit(*formats, out=scratch / f"out-{next(counter)}", source=src, jobs=jobs)

        full = median(args.runs, cold)
        report("cold full build, every format (parallel)", full)
        serial = median(args.runs, lambda: cold(jobs=1))
        report(
            "cold full build, one format at a time", serial, "of the parallel build", serial / full
        )
        from pipeline.formats import FORMATS

        for name in FORMATS:
            seconds = median(args.runs, lambda name=name: cold(name, jobs=1))
            report(f"  {name} alone (cold, with start-up)", seconds)

        warm = scratch / "warm"
        toolkit(out=warm, source=source)
        noop = median(max(args.runs, 5), lambda: toolkit(out=warm, source=source))
        report("no-op rebuild (nothing changed)", noop, "target ≤ 0.30 s")

        def one_sentence() -> float:
            text = source.read_text(encoding="utf-8")
            source.write_text(
                text.replace("Social media is a good way", "Social media is a fine way", 1)
                if "a good way" in text
                else text.replace("Social media is a fine way", "Social media is a good way", 1),
                encoding="utf-8",
            )
            return toolkit(out=warm, source=source)

        edit = median(args.runs, one_sentence)
        report("rebuild after a one-sentence edit", edit, "of a cold full build", edit / full)

        pandoc = median(
            args.runs, lambda: pandoc_route(source, scratch / f"pandoc-{next(counter)}")
        )
        report("pandoc route (pandoc + WeasyPrint per PDF)", pandoc)
        report("  our full build vs the pandoc route", full, "target ≤ 0.60×", full / pandoc)

        before = peak_memory_mib()
        for repeat in (5, 20):
            big = copy_content(scratch, repeat)
            seconds = median(1 if repeat == 20 else args.runs, lambda big=big: cold(src=big))
            report(
                f"cold full build, source ×{repeat}",
                seconds,
                "of ×1 (target ≤ ×21 for ×20)",
                seconds / full,
            )
        print(
            f"peak memory of one build process (×20 source): {peak_memory_mib():.0f} MiB "
            f"(before the big builds: {before:.0f} MiB); target < 1024 MiB"
        )
        rows.append(
            (
                "peak memory, one build process (×20)",
                f"{peak_memory_mib():.0f} MiB",
                "target < 1024 MiB",
            )
        )

        for name, (ours, bare) in bare_weasyprint(source, max(args.runs, 5)).items():
            report(
                f"  {name}: our render vs bare WeasyPrint on our HTML",
                ours,
                f"of {bare:.2f} s (target ≤ 1.10×)",
                ours / bare,
            )

    write_report(args.write, rows)
    return 0


NOTES = """\
## Reading the figures

- **No-op rebuild**: nothing is parsed or rendered when every input (content folder, settings,
  meeting options, code, layouts, library versions) is byte-for-byte unchanged and every output is
  intact; none of WeasyPrint, python-docx, lxml or markdown-it is imported.
- **One-sentence edit**: only the outputs that show the edited text are rendered again. The
  benchmark edits the first paragraph, which every whole-document format shows, so only the three
  card formats are kept; an edit to a card-marked box re-renders the cards as well.
- **Parallel**: formats render in separate processes, up to one per core.
- **Each PDF against bare WeasyPrint**: our time includes making the HTML and finishing the PDF
  with pikepdf (`pipeline/pdf_finish.py`: artifacts, link descriptions, the tidied structure
  tree, PDF/A-2a, the version stamp); the fit check of the card and the contents page numbers
  use the same single layout (no second pass). The two run in turn, five times each, and their
  medians are compared; on a machine busy with other work the ratios still move by several
  per cent from one run of the benchmark to the next.
- **The pandoc route**: pandoc writes the Word file and a standalone HTML page, and WeasyPrint
  lays out that one unstyled page once for each of the five PDFs. It produces fewer and shorter
  pages than our outputs (no 53-page large-print edition at 18 pt, no card layouts, no contents
  with page numbers). Most of our time is WeasyPrint laying out the appendix and the large-print
  edition; see the issue notes for where the 0.60× target stands.
"""


def write_report(path: Path, rows: list[tuple[str, str, str]]) -> None:
    lines = [
        "# Benchmarks",
        "",
        "Measured with `nox -s bench` (which runs `python benchmarks/run.py`) on "
        f"{dt.date.today().isoformat()}, {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}. Each time is the median of several runs of a fresh "
        "`toolkit build` process, start-up included.",
        "",
        "| What | Time | Compared |",
        "|---|---|---|",
        *(f"| {name.strip()} | {time_} | {versus} |" for name, time_, versus in rows),
        "",
        NOTES,
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {path}")


if __name__ == "__main__":
    sys.exit(main())
