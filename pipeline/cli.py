"""The `toolkit` command: parse arguments, call the pipeline, turn problems into messages.

Exit codes: 0 success, 1 a problem in the content or settings, 2 wrong usage.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .errors import ToolkitError, UsageError

EXAMPLES_MAIN = """\
examples:
  toolkit check                      check content/toolkit.md and content/settings.yml
  toolkit build                      build every format into output/
  toolkit build appendix --appendix B --meeting 2025-04-14
                                     the PDF appendix for a particular agenda
"""

EXAMPLES_BUILD = """\
examples:
  toolkit build
  toolkit build appendix --out agenda-pack/ --quiet
  toolkit build appendix --appendix B --meeting 2025-04-14 --committee "Audit Committee"
  toolkit build --meeting-file meetings/2025-04-14.yml
  toolkit build --settings content/examples/riverside-settings.yml --out output/riverside
"""

EXAMPLES_CHECK = """\
examples:
  toolkit check
  toolkit check --source drafts/toolkit.md --settings content/settings.yml
"""


class _Parser(argparse.ArgumentParser):
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


def make_parser() -> argparse.ArgumentParser:
    from .formats import FORMATS

    parser = _Parser(
        prog="toolkit",
        description="Publish the Social Media Toolkit for Councillors from one Markdown source.",
        epilog=EXAMPLES_MAIN,
        formatter_class=argparse.RawDescriptionHelpFormatter,
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
        formatter_class=argparse.RawDescriptionHelpFormatter,
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

    check = commands.add_parser(
        "check",
        help="check the source and settings; writes nothing",
        description="Check the source and settings and report every problem. Writes nothing.",
        epilog=EXAMPLES_CHECK,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_sources(check)
    _add_meeting(check)
    return parser


def _sources(args: argparse.Namespace):
    from .settings import parse_meeting_date
    from .source import Sources

    settings = args.settings or args.source.parent / "settings.yml"
    return Sources(
        source=args.source,
        settings=settings,
        appendix=args.appendix,
        committee=args.committee,
        meeting_date=parse_meeting_date(args.meeting) if args.meeting else None,
        meeting_file=args.meeting_file,
    )


def run_build(args: argparse.Namespace) -> int:
    from .build import build
    from .formats import select
    from .progress import Progress

    formats = select(args.formats)
    progress = Progress(quiet=args.quiet)
    result = build(_sources(args), formats, args.out, progress)
    for output in result.outputs:
        progress.say(f"wrote {args.out / output.path}")
    progress.say(f"wrote {args.out / 'manifest.json'} ({progress.elapsed():.1f} s in all)")
    return 0


def run_check(args: argparse.Namespace) -> int:
    from .source import load

    loaded = load(_sources(args))
    document = loaded.document
    print(
        f"{document.source}: {document.meta.title}, version {document.meta.version} "
        f"({document.meta.status}): no errors."
    )
    _print_readability(document)
    placeholders = loaded.placeholders_in_use()
    if placeholders:
        print(f"\n{len(placeholders)} placeholder(s) still to fill in before release:")
        for placeholder, lines in placeholders:
            used = f"; used on line(s) {', '.join(map(str, lines))}" if lines else ""
            print(
                f"  {placeholder.file}:{placeholder.line}: "
                f"{placeholder.name} = {placeholder.value!r}{used}"
            )
    return 0


def _print_readability(document) -> None:
    from .readability import by_section, overall

    scores = by_section(document)
    print("\nReadability (Flesch reading ease: 60 or more is plain English):")
    print(f"  {'ease':>5}  {'words':>5}  {'words/sentence':>14}  section")
    for score in [*scores, overall(scores)]:
        print(
            f"  {score.reading_ease:5.0f}  {score.words:5d}  {score.words_per_sentence:14.1f}  "
            f"{score.section}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    try:
        return {"build": run_build, "check": run_check}[args.command](args)
    except ToolkitError as error:
        count = len(error.problems)
        for problem in error.problems:
            print(problem, file=sys.stderr)
        if count > 1:
            print(f"{count} problems found; nothing was written.", file=sys.stderr)
        return 1
    except UsageError as error:
        print(f"toolkit: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # e.g. `toolkit check | head`: the reader has gone; stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except KeyboardInterrupt:
        print("toolkit: stopped; outputs from the last good build are unchanged.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
