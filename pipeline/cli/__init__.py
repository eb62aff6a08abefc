"""The `toolkit` command: parse arguments, call the pipeline, turn problems into messages.

Exit codes: 0 success, 1 a problem in the content or settings, 2 wrong usage. The arguments are
in parser.py, what each command does in commands.py.
"""

from __future__ import annotations

import os
import sys

from ..errors import ToolkitError, UsageError
from . import commands
from .parser import make_parser


def main(argv: list[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    try:
        runners = {
            "build": commands.run_build,
            "check": commands.run_check,
            "status": commands.run_status,
            "release": commands.run_release,
            "verify": commands.run_verify,
            "compare": commands.run_compare,
            "preview": commands.run_preview,
            "review": commands.run_review,
        }
        return runners[args.command](args)
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
