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
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
PDF_FORMATS = ("appendix", "large-print", "card", "card-sheet", "card-print")
# As on a user's machine: Python keeps the compiled modules after the first run.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"} | {
    "PYTHONPATH": str(ROOT)
}


def toolkit(
    *args: str, out: Path, source: Path, jobs: int | None = None, said: list[str] | None = None
) -> float:
    """Wall time of one `toolkit build` in a fresh process; raises if it fails. With `said`,
    the build reports what it did (one line per format) into that list."""
    command = [
        sys.executable,
        "-m",
        "pipeline.cli",
        "build",
        *args,
        *(() if said is not None else ("--quiet",)),
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
    done = subprocess.run(command, check=True, cwd=ROOT, env=ENV, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if said is not None:
        said[:] = done.stdout.splitlines()
    return seconds


def median(runs: int, measure: Callable[[], float]) -> float:
    return statistics.median(measure() for _ in range(runs))


def paired(runs: int, ours: Callable[[], float], theirs: Callable[[], float]) -> tuple[float, ...]:
    """The two in turn, `runs` times each: (median ours, median theirs, median of the ratios).
    Taking the ratio pair by pair keeps it true while other work speeds or slows the machine."""
    pairs = [(ours(), theirs()) for _ in range(runs)]
    return (
        statistics.median(a for a, _ in pairs),
        statistics.median(b for _, b in pairs),
        statistics.median(a / b for a, b in pairs),
    )


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


def pandoc_html(source: Path, out: Path) -> Path:
    """pandoc's standalone HTML page of the source: the unstyled text, as the floor's input."""
    pandoc = shutil.which("pandoc")
    assert pandoc, "pandoc is not installed (Debian package pandoc)"
    out.mkdir(parents=True, exist_ok=True)
    html = out / "toolkit.html"
    command = [pandoc, str(source), "-s", "--self-contained", "-o", str(html)]
    subprocess.run([*command, "--metadata", "lang=en-GB"], check=True, stderr=subprocess.DEVNULL)
    return html


WEASYPRINT_SCRIPT = (
    "import sys, weasyprint\n"
    "html = weasyprint.HTML(filename=sys.argv[1])\n"
    "for target in sys.argv[2:]:\n"
    "    html.write_pdf(target, pdf_variant='pdf/ua-1')\n"
)


def pandoc_route(source: Path, out: Path, pdfs: tuple[str, ...] = PDF_FORMATS) -> float:
    """pandoc for Word and HTML, and WeasyPrint on pandoc's HTML for each PDF we make (or only
    for the ones named, without Word)."""
    started = time.perf_counter()
    if pdfs == PDF_FORMATS:
        pandoc = shutil.which("pandoc")
        assert pandoc, "pandoc is not installed (Debian package pandoc)"
        out.mkdir(parents=True, exist_ok=True)
        subprocess.run([pandoc, str(source), "-s", "-o", str(out / "toolkit.docx")], check=True)
    html = pandoc_html(source, out)
    targets = [str(out / f"{name}.pdf") for name in pdfs]
    subprocess.run([sys.executable, "-c", WEASYPRINT_SCRIPT, str(html), *targets], check=True)
    return time.perf_counter() - started


def typst_route(source: Path, out: Path) -> tuple[float, int] | str:
    """pandoc (from the pypandoc-binary wheel) writes Typst, Typst writes PDF/UA-1, in a fresh
    process: (seconds, pages), or why it cannot run here."""
    try:
        import pypandoc
        import typst  # noqa: F401  (only checked here; compiled in the child process)
    except ImportError as error:
        return f"not installed ({error.name}); `nox -s bench` installs typst and pypandoc-binary"
    out.mkdir(parents=True, exist_ok=True)
    script = (
        "import subprocess, sys, typst\n"
        "pandoc, source, typ, pdf = sys.argv[1:]\n"
        # pandoc 3.9's Typst template writes a YAML keyword list unquoted: leave keywords out
        "subprocess.run([pandoc, source, '-s', '-t', 'typst', '-M', 'keywords=',"
        " '--metadata', 'lang=en-GB', '-o', typ], check=True)\n"
        "typst.compile(typ, output=pdf, pdf_standards='ua-1')\n"
    )
    pdf = out / "toolkit-typst.pdf"
    started = time.perf_counter()
    command = [sys.executable, "-c", script, pypandoc.get_pandoc_path(), str(source)]
    subprocess.run([*command, str(out / "toolkit.typ"), str(pdf)], check=True)
    seconds = time.perf_counter() - started
    import pikepdf

    with pikepdf.open(pdf) as opened:
        return seconds, len(opened.pages)


def bare_weasyprint(source: Path, runs: int = 5) -> dict[str, tuple[float, float]]:
    """(our render, bare WeasyPrint on our final HTML) seconds for each PDF format, in-process."""
    sys.path.insert(0, str(ROOT))
    import weasyprint

    from pipeline.pdf import engine as pdf
    from pipeline.publish.build import render_one
    from pipeline.read.source import Sources, load

    document = load(Sources(source, source.parent / "settings.yml")).document
    captured: dict[str, tuple] = {}
    original = pdf.html_to_pdf

    def capture(html, stylesheets, label, *args, **kwargs):
        captured["last"] = (html, stylesheets, kwargs.get("pictures") or {})
        return original(html, stylesheets, label, *args, **kwargs)

    results = {}
    for name in PDF_FORMATS:
        render_one(name, document)  # warm: imports, fonts
        # Every renderer reaches WeasyPrint through html_to_pdf: listen there for the final HTML.
        modules = [
            m
            for k, m in sys.modules.items()
            if k.startswith("pipeline.render") and hasattr(m, "html_to_pdf")
        ]
        for module in modules:
            module.html_to_pdf = capture
        captured.clear()
        render_one(name, document)
        for module in modules:
            module.html_to_pdf = original
        html, stylesheets, pictures = captured["last"]
        sheets = [weasyprint.CSS(filename=str(pdf.LAYOUTS / s)) for s in stylesheets]

        embedded = {url: picture.for_pdf() for url, picture in pictures.items()}
        fetcher = pdf._fetcher_class()(pdf.allowed_roots(), embedded)
        # Turn about, so that a burst of other work on the machine slows both alike.
        ours, bare = [], []
        for _ in range(runs):
            ours.append(render_one(name, document)[1])
            bare.append(_bare_render(html, sheets, fetcher))
        results[name] = (statistics.median(ours), statistics.median(bare))
    return results


def revised_source(source: Path, scratch: Path) -> Path:
    """A copy of the content with the kind of edits an annual review makes, for the redline."""
    folder = scratch / "content-revised"
    shutil.copytree(source.parent, folder)
    revised = folder / source.name
    text = revised.read_text(encoding="utf-8")
    text = text.replace("Social media is a good way", "Social media is a fine way", 1)
    text = text.replace(
        "# Training and induction",
        "# Artificial intelligence and fake images\n\nTools can now make fake pictures of real "
        "people. If you see a fake of yourself, keep a copy and report it.\n\n"
        "# Training and induction",
        1,
    )
    revised.write_text(text, encoding="utf-8")
    return revised


@dataclass(frozen=True)
class PerPage:
    seconds: float  # median of the runs, in this process
    pages: int
    costs: str = ""  # the three largest costs in a profile of one run

    @property
    def ms_per_page(self) -> float:
        return 1000 * self.seconds / self.pages


def per_page(source: Path, scratch: Path, runs: int) -> tuple[PerPage, dict[str, PerPage]]:
    """Each PDF format made in this process (its HTML, layout and finishing) and the floor,
    WeasyPrint laying out pandoc's unstyled HTML of the same source as PDF/UA-1, in turn."""
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import weasyprint
    from costs import largest, profile_costs

    from pipeline.compare.diff import diff_documents
    from pipeline.pdf.finish import finish
    from pipeline.publish.build import render_one
    from pipeline.read.source import Sources, load
    from pipeline.render import redline_pdf

    document = load(Sources(source, source.parent / "settings.yml")).document
    revised = revised_source(source, scratch)
    new = load(Sources(revised, revised.parent / "settings.yml")).document
    comparison = diff_documents(document, new)
    makers: dict[str, Callable[[], object]] = {
        name: lambda name=name: render_one(name, document)[0] for name in PDF_FORMATS
    }
    makers["redline-pdf"] = lambda: finish(redline_pdf.render(comparison), new.meta)
    html = pandoc_html(source, scratch / "floor")

    def floor() -> int:
        laid_out = weasyprint.HTML(filename=str(html)).render(pdf_variant="pdf/ua-1")
        laid_out.write_pdf(pdf_variant="pdf/ua-1")
        return len(laid_out.pages)

    pages = {name: make().pages for name, make in makers.items()}  # warm: imports, fonts
    pages["floor"] = floor()
    times: dict[str, list[float]] = {name: [] for name in pages}
    for _ in range(runs):  # in turn, so that other work on the machine slows each alike
        for name, make in [*makers.items(), ("floor", floor)]:
            started = time.perf_counter()
            make()
            times[name].append(time.perf_counter() - started)
    results = {}
    for name, make in makers.items():
        total, costs = profile_costs(make)
        results[name] = PerPage(statistics.median(times[name]), pages[name], largest(costs, total))
    total, costs = profile_costs(floor)
    return PerPage(
        statistics.median(times["floor"]), pages["floor"], largest(costs, total)
    ), results


def _bare_render(html: str, sheets: list, fetcher: object) -> float:
    import weasyprint

    from pipeline.pdf.engine import CONTENT_URL

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
    targets: list[tuple[str, str, bool]] = []  # (target, measured, met)
    pdf_rows: list[tuple[str, ...]] = []  # the per-page table

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

        said: list[str] = []

        def one_sentence() -> float:
            text = source.read_text(encoding="utf-8")
            source.write_text(
                text.replace("Social media is a good way", "Social media is a fine way", 1)
                if "a good way" in text
                else text.replace("Social media is a fine way", "Social media is a good way", 1),
                encoding="utf-8",
            )
            return toolkit(out=warm, source=source, said=said)

        edit = median(args.runs, one_sentence)
        report("rebuild after a one-sentence edit", edit, "of a cold full build", edit / full)
        kept = sorted(re.findall(r"\] ([\w-]+): unchanged", "\n".join(said)))
        targets.append(
            (
                "one-sentence edit renders only the formats that show it",
                f"kept: {', '.join(kept) or 'none'}",
                kept == ["card", "card-print", "card-sheet"],
            )
        )
        targets.append(("no-op rebuild ≤ 0.30 s", f"{noop:.2f} s", noop <= 0.30))

        pandoc = median(
            args.runs, lambda: pandoc_route(source, scratch / f"pandoc-{next(counter)}")
        )
        report("pandoc route (pandoc + WeasyPrint per PDF)", pandoc)
        ours, theirs, ratio = paired(
            args.runs, cold, lambda: pandoc_route(source, scratch / f"pandoc-{next(counter)}")
        )
        report("  our full build vs the pandoc route (in turn)", ours, "target ≤ 0.60×", ratio)
        targets.append(
            ("full cold build ≤ 0.60× of the pandoc route", f"{ratio:.2f}×", ratio <= 0.60)
        )
        ours, theirs, ratio = paired(
            max(args.runs, 5),
            lambda: cold("appendix", jobs=1),
            lambda: pandoc_route(source, scratch / f"pandoc-{next(counter)}", ("appendix",)),
        )
        report("pandoc → HTML → WeasyPrint PDF/UA-1, one PDF (cold)", theirs)
        report("  appendix alone vs that (in turn)", ours, "target ≤ 1.00×", ratio)
        targets.append(
            (
                "appendix alone, cold ≤ 1.0× of pandoc → HTML → WeasyPrint PDF/UA-1",
                f"{ratio:.2f}× ({ours:.2f} s against {theirs:.2f} s)",
                ratio <= 1.0,
            )
        )

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

        floor, formats = per_page(source, scratch, max(args.runs, 5))
        for name, result in formats.items():
            times_floor = result.ms_per_page / floor.ms_per_page
            pdf_rows.append(
                (
                    name,
                    str(result.pages),
                    f"{result.ms_per_page:.0f}",
                    f"{times_floor:.2f}×",
                    result.costs,
                )
            )
            print(f"{name:<14} {result.ms_per_page:5.0f} ms/page  {times_floor:.2f}× floor")
            if name in ("appendix", "large-print"):
                targets.append(
                    (
                        f"{name}: per page ≤ 1.5× of the unstyled floor",
                        f"{times_floor:.2f}× ({result.ms_per_page:.0f} against "
                        f"{floor.ms_per_page:.0f} ms)",
                        times_floor <= 1.5,
                    )
                )
        pdf_rows.append(
            (
                "floor: pandoc's HTML, WeasyPrint PDF/UA-1",
                str(floor.pages),
                f"{floor.ms_per_page:.0f}",
                "1.00×",
                floor.costs,
            )
        )
        typst = typst_route(source, scratch / "typst")
        if isinstance(typst, str):
            pdf_rows.append(("reference: pandoc → Typst → PDF/UA-1", "", "", "", typst))
        else:
            seconds, pages = typst
            pdf_rows.append(
                (
                    "reference: pandoc → Typst → PDF/UA-1 (cold, with start-up)",
                    str(pages),
                    f"{1000 * seconds / pages:.0f}",
                    f"{1000 * seconds / pages / floor.ms_per_page:.2f}×",
                    f"{seconds:.2f} s for the whole file, start-up included",
                )
            )

    write_report(args.write, rows, pdf_rows, targets)
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
  with pikepdf (`pipeline/pdf/finish.py`: artifacts, link descriptions, the tidied structure
  tree, PDF/A-2a, the version stamp); the fit check of the card and the contents page numbers
  use the same single layout (no second pass). The two run in turn, five times each, and their
  medians are compared; on a machine busy with other work the ratios still move by several
  per cent from one run of the benchmark to the next.
- **The pandoc route**: pandoc writes the Word file and a standalone HTML page, and WeasyPrint
  lays out that one unstyled page once for each of the five PDFs. It produces fewer and shorter
  pages than our outputs (no 67-page large-print edition at 18 pt, no card layouts, no contents
  with page numbers, no printed addresses after links). The ratios against it are taken run by
  run, ours and the route in turn. Our build uses both cores and the route one, so when other
  work on the machine takes a core our build loses more than the route does: the ratio rises
  with the machine's load (0.56× to 0.59× with the machine otherwise idle, 1.03× in a run
  while a test suite ran beside it).
- **Source ×5 and ×20** (a target of an earlier round, shown for the record): each format alone
  grows about in step with the source. The whole build grows faster than ×1 because the ×1
  build spreads over both cores while a big build waits for its longest format, the large
  print, on one core; the quicker the ×1 build gets, the higher this ratio (13× when ×1 took
  5.4 s, 21 to 22× now that it takes 3.7 to 3.9 s, for a ×20 time of 72 to 83 s). Reaching
  ×21 reliably would mean splitting one format's layout across cores, which WeasyPrint cannot
  do.
- **Per page against the floor**: the floor is what WeasyPrint needs for the same words with no
  styles at all. The large print is close to it (18 pt text fills its pages with fewer, longer
  lines). The appendix is not within 1.5×. Its profile (`benchmarks/costs.py`, and cProfile on
  `FORMATS["appendix"].render`) shows where the rest goes:
  - **Table widths, about a fifth of its layout.** WeasyPrint's automatic table layout measures
    the narrowest width of every cell by breaking its text at every opportunity. The legal
    references' cells print each law's address after its name, and an address may break after
    any character, so each address is broken character by character: the 30 such cells take
    three quarters of that time. Measured on the appendix alone (median of 4 renders in one
    process): 1.73 s as built; 1.38 s if addresses broke only where their text allows (after a
    slash), and 1.48 s with a fixed table layout (columns set by the page, not the text).
    Neither is taken: an address with no slash (a long domain name) in a narrow column would
    then push its table off the page, and fixed columns gave every table equal columns and the
    appendix a 35th page. What would reach 1.5×: addresses that break at their slashes only,
    with a width check that falls back to breaking anywhere, or column widths the toolkit sets
    from each table's text; both are changes of layout to design and look at, not hot spots.
  - What else it has above the floor is what its readers use: the running headers and footers
    (about 6%), the contents page with its leader dots and page numbers, the boxes' borders and
    backgrounds, and the finishing step (3%).
  The cards cost more per page because each card is two pages of dense layout whose fixed costs
  (stylesheets, fonts, the PDF) are not spread over many pages. "Text shaping and line breaking"
  is Pango measuring and breaking lines; "styles" includes the values WeasyPrint computes for
  each box as layout asks for them.
- **What was removed** (see the issue's closing note): the card's column flex box, which made
  WeasyPrint lay each side out three or four times (each card format now renders in 35 to 45%
  of the time); auto widths on running headers and footers, which made WeasyPrint measure both
  boxes of a side again on every page (large print 7% faster); one leader piece of text per dot
  on the appendix's contents page (now one per spaced dot, 9% faster); a link's words that could
  break after any character (only the printed address can now: the appendix 5 to 8% faster);
  and, before these, table cells that could break after any character (half the appendix's
  layout time).
- **The three card formats** do not share one layout: WeasyPrint has no public way to place a
  laid-out card in another document, and drawing the card's pages into the sheet as PDF forms
  would paint tagged content more than once, which PDF/UA-1 does not allow. What they could
  share in one process (the card's content and HTML, the QR code, the parsed stylesheets) was
  measured at less than 5% of their time, within the noise, and is not worth the coupling.
- **The Typst route** (pandoc 3 from the `pypandoc-binary` wheel writes Typst markup, the
  `typst` wheel writes PDF/UA-1; veraPDF finds it PDF/UA-1 compliant) is a reference a user
  could pick instead, timed cold as one fresh process. It lays out different pages (Typst's own
  serif font at 11 pt, 22 pages), with none of our styling, contents or finishing.
- **Appendix alone against pandoc → HTML → WeasyPrint**: not met. In one cold process our
  appendix pays what the route pays (Python, importing WeasyPrint, about 0.5 s) plus reading and
  checking the source (markdown-it, YAML, the print font's characters: about 0.2 s with their
  imports), a styled layout about 1.6 to 1.7 times as long per page as the unstyled one (the
  table above, and "Per page against the floor" for why), and the finishing step (about
  0.1 s). Starting the render process before the source is read, so that it loads WeasyPrint
  meanwhile, was measured and gained nothing: reading the source is short next to loading
  WeasyPrint. What would reach 1.0×: a build process kept warm between builds (as `toolkit
  preview` is for the web page), so that start-up and imports are paid once, or a faster
  engine; a cold build of the styled appendix cannot get under the unstyled route's time with
  WeasyPrint as it is.
"""


def write_report(
    path: Path,
    rows: list[tuple[str, str, str]],
    pdf_rows: list[tuple[str, ...]],
    targets: list[tuple[str, str, bool]],
) -> None:
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
        "## Each PDF, per page, against the unstyled floor",
        "",
        "Made in one process, one after another, several times (the median); the floor is "
        "WeasyPrint laying out pandoc's standalone HTML of the same source (no styles, no "
        "contents page numbers, no finishing) as PDF/UA-1. The costs are shares of one "
        "profiled run (`benchmarks/costs.py`).",
        "",
        "| PDF | Pages | ms per page | Compared with the floor | Three largest costs |",
        "|---|---|---|---|---|",
        *("| " + " | ".join(row) + " |" for row in pdf_rows),
        "",
        "## Targets",
        "",
        "| Target | Measured | Met |",
        "|---|---|---|",
        *(f"| {name} | {measured} | {'yes' if met else 'no'} |" for name, measured, met in targets),
        "",
        NOTES,
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {path}")


if __name__ == "__main__":
    sys.exit(main())
