"""What each `toolkit` command does: read its arguments, call the pipeline, say what happened.

The pipeline's modules are imported inside each command, so that `toolkit --help` and a build
with nothing to do load only what they need.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from ..dates import long_date
from ..errors import Problem, ToolkitError, UsageError


def _sources(args: argparse.Namespace):
    from ..read.inputs import Sources

    settings = args.settings or args.source.parent / "settings.yml"
    return Sources(
        source=args.source,
        settings=settings,
        appendix=getattr(args, "appendix", None),
        committee=getattr(args, "committee", None),
        meeting_date=_meeting_date(args.meeting) if getattr(args, "meeting", None) else None,
        meeting_file=getattr(args, "meeting_file", None),
    )


def _meeting_date(text: str) -> dt.date:
    from ..read.settings import parse_meeting_date

    return parse_meeting_date(text)


def run_build(args: argparse.Namespace) -> int:
    from ..formats import select
    from ..publish.build import build
    from ..publish.progress import Progress

    formats = select(args.formats)
    progress = Progress(quiet=args.quiet)
    result = build(_sources(args), formats, args.out, progress, jobs=args.jobs)
    _warn(result.warnings)
    _warn_if_review_overdue(result.stamp)
    for output in result.outputs:
        if output.format in result.rendered:
            progress.say(f"wrote {args.out / output.path}")
    progress.say(f"wrote {args.out / 'manifest.json'} ({progress.elapsed():.1f} s in all)")
    return 0


def _date(text: str, option: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ToolkitError(
            Problem(option, None, f"{text!r} is not a date.", "Write it as YYYY-MM-DD.")
        ) from None


def run_status(args: argparse.Namespace) -> int:
    from ..model.stamps import approval
    from ..publish.release import released_versions
    from ..publish.schedule import review
    from ..read.source import load

    meta = load(_sources(args)).document.meta
    today = _date(args.today, "--today") if args.today else dt.date.today()
    due = review(meta, today)
    print(meta.title)
    print(f"  Version:     {meta.version} ({meta.status})")
    print(f"  Approved:    {approval(meta)}")
    print(f"  Review due:  {long_date(due.due)} ({due.describe()})")
    print(f"  Releases:    {', '.join(released_versions(args.releases)) or 'none yet'}")
    return 0


def run_release(args: argparse.Namespace) -> int:
    from ..publish.progress import Progress
    from ..publish.release import Adoption, release

    approval = Adoption(
        version=args.version,
        date=_date(args.date, "--date"),
        approved_by=args.approved_by,
        summary=args.summary,
        minute=args.minute,
    )
    progress = Progress(quiet=args.quiet)
    folder = release(_sources(args), approval, args.releases, progress)
    progress.say(f"released version {args.version} in {folder}")
    progress.say(f"updated {args.source}: status adopted, version {args.version}")
    progress.say("Commit both to git so the release is kept: see README, 'Annual review'.")
    return 0


def run_verify(args: argparse.Namespace) -> int:
    from ..publish.progress import Progress
    from ..publish.release import rebuild_differences, release_folder, verify

    failed = False
    for folder in release_folder(args.releases, args.version):
        differences = verify(folder)
        if args.rebuild and not differences:
            differences = rebuild_differences(folder, Progress(quiet=True))
        for difference in differences:
            print(f"{folder / difference.path}: {difference.problem}", file=sys.stderr)
        failed |= bool(differences)
        if not differences:
            rebuilt = " and rebuilds identically" if args.rebuild else ""
            print(f"{folder}: every file matches the release record{rebuilt}.")
    return 1 if failed else 0


def run_compare(args: argparse.Namespace) -> int:
    from ..publish.redlines import compare_versions
    from ..render.redline_summary import counted

    comparison, written = compare_versions(
        args.old, args.new, args.releases, args.out, args.formats
    )
    old, new = comparison.old.meta.version, comparison.new.meta.version
    if comparison.changed:
        print(
            f"Version {new} compared with version {old}: "
            f"{counted(comparison.insertions, 'insertion')}, "
            f"{counted(comparison.deletions, 'deletion')}."
        )
    else:
        print(f"No changes: versions {old} and {new} have the same text.")
    for output in written:
        print(f"  {args.out / output.path}")
    return 0


def run_review(args: argparse.Namespace) -> int:
    from ..publish.output import write_atomic
    from ..review.report import report_lines, report_markdown
    from ..review.session import apply, review

    skipped = _numbers(args.skip)
    sources = _sources(args)
    found, text = review(args.files, sources)
    if args.apply:
        chosen = apply(found, text, sources, args.reviewer, skipped)
    for line in report_lines(found):
        print(line)
    args.report.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(args.report, report_markdown(found).encode("utf-8"))
    print(f"\nReport written to {args.report}")
    if args.apply:
        print(
            f"Applied {len(chosen)} change(s) to {found.source}."
            if chosen
            else "Nothing was applied: no change could be applied as it stands."
        )
    return 0


def _numbers(text: str) -> set[int]:
    try:
        return {int(part) for part in text.replace(" ", "").split(",") if part}
    except ValueError:
        raise UsageError(
            f"--skip {text!r}: give the numbers of changes from the report, e.g. --skip 4,7"
        ) from None


def _warn(warnings) -> None:
    """What was taken out of a picture that is still shown: the build goes on."""
    for warning in warnings:
        print(f"Warning: {warning}", file=sys.stderr)


def _warn_if_review_overdue(stamp) -> None:
    from ..publish.schedule import Review

    due = dt.date.fromisoformat(stamp.review_due)
    review = Review(due, (due - dt.date.today()).days)
    if stamp.status == "adopted" and review.overdue:
        print(
            f"Warning: the annual review of version {stamp.version} was due on "
            f"{long_date(due)} ({review.describe()}). See README, 'Annual review'.",
            file=sys.stderr,
        )


def run_preview(args: argparse.Namespace) -> int:
    from ..preview import serve

    return serve(_sources(args), args.port)


def run_check(args: argparse.Namespace) -> int:
    from ..read.source import load

    loaded = load(_sources(args))
    document = loaded.document
    _warn(loaded.warnings)
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
    from ..read.readability import by_section, overall

    scores = by_section(document)
    print("\nReadability (Flesch reading ease: 60 or more is plain English):")
    print(f"  {'ease':>5}  {'words':>5}  {'words/sentence':>14}  section")
    for score in [*scores, overall(scores)]:
        print(
            f"  {score.reading_ease:5.0f}  {score.words:5d}  {score.words_per_sentence:14.1f}  "
            f"{score.section}"
        )
