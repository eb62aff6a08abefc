"""The `toolkit` command's arguments: every command, its options and its examples."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

EXAMPLES_MAIN = """\
examples:
  toolkit check                      check content/toolkit.md and content/settings.yml
  toolkit build                      build every format into output/
  toolkit build appendix --appendix B --meeting 2025-04-14
                                     the PDF appendix for a particular agenda
  toolkit preview                    see the web page as you edit, at http://127.0.0.1:8000/
"""

EXAMPLES_BUILD = """\
examples:
  toolkit build
  toolkit build appendix --out agenda-pack/ --quiet
  toolkit build appendix --appendix B --meeting 2025-04-14 --committee "Audit Committee"
  toolkit build --meeting-file meetings/2025-04-14.yml
  toolkit build --settings content/examples/riverside-settings.yml --out output/riverside
"""

EXAMPLES_STATUS = """\
examples:
  toolkit status
  toolkit status --today 2025-04-01
"""

EXAMPLES_RELEASE = """\
examples:
  toolkit release 1.1 --date 2025-04-14 --approved-by "Democracy and Standards Committee" \\
      --summary "Annual review: updated police contacts and the section on elections"
  toolkit release 2.0 --date 2026-04-13 --approved-by "Full Council" --minute "C/26/14" \\
      --summary "Rewritten after the new Code of Conduct"
"""

EXAMPLES_VERIFY = """\
examples:
  toolkit verify                     check every release
  toolkit verify 1.0                 check one release
  toolkit verify 1.0 --rebuild       and rebuild it from its source snapshot
"""

EXAMPLES_COMPARE = """\
examples:
  toolkit compare 1.0 1.1            what changed from release 1.0 to release 1.1
  toolkit compare 1.1 content/toolkit.md --out review/
                                     the draft against the last release
"""

EXAMPLES_REVIEW = """\
examples:
  toolkit review legal.docx chair.docx
                                     what the reviewers changed and commented, line by line
  toolkit review legal.docx chair.docx --apply
                                     write every change that can be applied into the source
  toolkit review *.docx --apply --reviewer "Legal team" --skip 4,7
                                     only the legal team's changes, except changes 4 and 7
"""

EXAMPLES_PREVIEW = """\
examples:
  toolkit preview                    serve the web page at http://127.0.0.1:8000/
  toolkit preview --port 8080
  toolkit preview --settings content/examples/riverside-settings.yml
"""

EXAMPLES_CHECK = """\
examples:
  toolkit check
  toolkit check --source drafts/toolkit.md --settings content/settings.yml
"""


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs) -> None:  # help keeps the examples' line breaks
        kwargs.setdefault("formatter_class", argparse.RawDescriptionHelpFormatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> None:  # usage errors: exit 2, no traceback
        self.print_usage(sys.stderr)
        print(f"toolkit: {message}", file=sys.stderr)
        raise SystemExit(2)


def _add_sources(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--source",
        type=Path,
        default=Path("content/toolkit.md"),
        help="the Markdown source (default: content/toolkit.md)",
    )
    parser.add_argument(
        "--settings",
        type=Path,
        default=None,
        help="the council's settings (default: settings.yml beside the source)",
    )


def _add_meeting(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("for a particular agenda (the source is not changed)")
    group.add_argument("--appendix", metavar="LABEL", help="the appendix label, e.g. B")
    group.add_argument("--meeting", metavar="YYYY-MM-DD", help="the meeting date")
    group.add_argument("--committee", metavar="NAME", help="the committee the paper goes to")
    group.add_argument(
        "--meeting-file",
        type=Path,
        metavar="FILE",
        help="a YAML file with appendix, committee and date for one meeting",
    )


def _add_releases(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--releases",
        type=Path,
        default=Path("releases"),
        help="the folder of releases (default: releases/)",
    )


def make_parser() -> argparse.ArgumentParser:
    from ..formats import FORMATS, REDLINES

    parser = _Parser(
        prog="toolkit",
        description="Publish the Social Media Toolkit for Councillors from one Markdown source.",
        epilog=EXAMPLES_MAIN,
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    build = commands.add_parser(
        "build",
        help="build outputs from the source",
        description="Build the outputs. With no FORMAT, builds every format.",
        epilog="formats:\n"
        + "".join(f"  {f.name:<12} {f.description}\n" for f in FORMATS.values())
        + "\n"
        + EXAMPLES_BUILD,
    )
    build.add_argument(
        "formats", nargs="*", metavar="FORMAT", help="formats to build (default: all)"
    )
    build.add_argument(
        "--out", type=Path, default=Path("output"), help="output folder (default: output/)"
    )
    _add_sources(build)
    _add_meeting(build)
    build.add_argument("--quiet", "-q", action="store_true", help="print nothing but problems")
    build.add_argument(
        "--jobs",
        "-j",
        type=int,
        default=None,
        metavar="N",
        help="formats rendered at once (default: the number of CPU cores)",
    )

    status = commands.add_parser(
        "status",
        help="show the version, status and when the next review is due",
        description="Show the current version and status, its approval, and the review date.",
        epilog=EXAMPLES_STATUS,
    )
    _add_sources(status)
    _add_releases(status)
    status.add_argument("--today", metavar="YYYY-MM-DD", help="count days from this date")

    release = commands.add_parser(
        "release",
        help="adopt a version: record it, build every format and store the release",
        description="Adopt a version after the committee approves it: set the status to "
        "adopted, record it in the version history, build every format and store the source, "
        "the outputs and their checksums under releases/VERSION/. Never overwrites a release.",
        epilog=EXAMPLES_RELEASE,
    )
    release.add_argument("version", metavar="VERSION", help="the new version, e.g. 1.1")
    release.add_argument(
        "--date", required=True, metavar="YYYY-MM-DD", help="the date the committee approved it"
    )
    release.add_argument(
        "--approved-by",
        required=True,
        metavar="BODY",
        help="who approved it, e.g. the committee's name",
    )
    release.add_argument("--summary", required=True, help="what changed in this version")
    release.add_argument("--minute", default="", help="the minute reference (optional)")
    _add_sources(release)
    _add_releases(release)
    release.add_argument("--quiet", "-q", action="store_true", help="print nothing but problems")

    verify = commands.add_parser(
        "verify",
        help="check that released files are unchanged",
        description="Check every file of a release (or of all releases) against its recorded "
        "SHA-256 checksums. With --rebuild, also rebuild the outputs from the release's source "
        "snapshot and check that they come out identical.",
        epilog=EXAMPLES_VERIFY,
    )
    verify.add_argument("version", nargs="?", metavar="VERSION", help="a release (default: all)")
    verify.add_argument("--rebuild", action="store_true", help="also rebuild and compare")
    _add_releases(verify)

    compare = commands.add_parser(
        "compare",
        help="show what changed between two versions (Word tracked changes and a PDF)",
        description="Compare two versions of the toolkit and write redline-docx (the new "
        "version with every change as a Word tracked change) and redline-pdf (a tagged PDF "
        "with insertions underlined and deletions struck through). OLD and NEW are release "
        "versions or paths of toolkit.md files (with settings.yml beside them).",
        epilog=EXAMPLES_COMPARE,
    )
    compare.add_argument("old", metavar="OLD", help="the earlier version (or toolkit.md)")
    compare.add_argument("new", metavar="NEW", help="the later version (or toolkit.md)")
    compare.add_argument(
        "--out", type=Path, default=Path("output"), help="where to write (default: output/)"
    )
    compare.add_argument(
        "--format",
        action="append",
        choices=list(REDLINES),
        dest="formats",
        help="only this output (may be repeated; default: both)",
    )
    _add_releases(compare)

    review = commands.add_parser(
        "review",
        help="bring reviewers' tracked changes and comments in Word back into the source",
        description="Read Word files that reviewers sent back (the docx format or a redline, "
        "edited with track changes on, in Word or LibreOffice) and report every tracked "
        "insertion, deletion and comment with the line of content/toolkit.md (or of the "
        "settings) it touches, and whether it can be applied as it stands. With --apply, write "
        "the changes that can be applied into the source, touching only the lines they change. "
        "Two reviewers who change the same words differently are a conflict: neither change "
        "is applied. The report is also written as a Markdown file to work through.",
        epilog=EXAMPLES_REVIEW,
    )
    review.add_argument("files", nargs="+", type=Path, metavar="FILE.docx", help="reviewed files")
    review.add_argument("--apply", action="store_true", help="write the changes into the source")
    review.add_argument(
        "--reviewer",
        action="append",
        default=[],
        metavar="NAME",
        help="with --apply: only this reviewer's changes (may be repeated)",
    )
    review.add_argument(
        "--skip",
        default="",
        metavar="N,N",
        help="with --apply: leave out these changes, by their numbers in the report",
    )
    review.add_argument(
        "--report",
        type=Path,
        default=Path("output/review-report.md"),
        help="where to write the report (default: output/review-report.md)",
    )
    _add_sources(review)

    preview = commands.add_parser(
        "preview",
        help="serve the web page on this computer; it updates as you edit",
        description="Serve the web page (format html) at http://127.0.0.1:PORT/, on this "
        "computer only. When the content, the settings or the layouts change, the page is "
        "rebuilt and every open copy reloads. A problem shows in the terminal and on the page, "
        "above the last good version. Nothing is written to the output folder.",
        epilog=EXAMPLES_PREVIEW,
    )
    preview.add_argument(
        "--port", type=int, default=8000, help="the port to serve on (default: 8000; 0: any free)"
    )
    _add_sources(preview)

    check = commands.add_parser(
        "check",
        help="check the source and settings; writes nothing",
        description="Check the source and settings and report every problem. Writes nothing.",
        epilog=EXAMPLES_CHECK,
    )
    _add_sources(check)
    _add_meeting(check)
    return parser
