"""Where a render's time goes: a cProfile run split into a few costs that add up to the whole.

Each function's own time (not counting what it calls) goes to the cost its file belongs to; the
time of a built-in (a C function such as zlib's compress or a Pango call) goes to the costs of
its callers, in proportion. The costs are named by what they do, so that the three largest say
where to look: text shaping and line breaking, box layout, styles, drawing, PDF writing, ...
"""

from __future__ import annotations

import cProfile
import pstats
from collections import Counter
from collections.abc import Callable

# (cost, path fragments of the files it holds), first match wins
COSTS = (
    ("text shaping and line breaking (Pango)", ("weasyprint/text/", "cffi/")),
    ("margin boxes (running headers, footers)", ("weasyprint/layout/page.py",)),
    ("table widths", ("weasyprint/layout/table.py", "weasyprint/layout/preferred.py")),
    ("box layout", ("weasyprint/layout/",)),
    ("styles: stylesheets and cascade", ("weasyprint/css/", "cssselect2/", "tinycss2/")),
    (
        "boxes: HTML parsing, building and copying boxes",
        ("weasyprint/__init__", "weasyprint/html", "formatting_structure/", "tinyhtml5", "webenc"),
    ),
    ("drawing the pages", ("weasyprint/draw/", "weasyprint/stacking", "weasyprint/matrix")),
    ("PDF tags (structure tree)", ("weasyprint/pdf/tags", "pipeline/pdf/hooks")),
    (
        "PDF writing and fonts",
        ("weasyprint/pdf/", "pydyf/", "fontTools/", "weasyprint/document", "weasyprint/anchors"),
    ),
    ("finishing (artifacts, structure tree, PDF/A-2a)", ("pipeline/pdf/", "pikepdf/")),
    ("making the HTML (templates, model)", ("pipeline/", "jinja2/", "markupsafe/")),
)
OTHER = "other"


def cost_of(path: str) -> str:
    for name, fragments in COSTS:
        if any(fragment in path for fragment in fragments):
            return name
    return OTHER


def profile_costs(work: Callable[[], object]) -> tuple[float, Counter[str]]:
    """Run `work` under cProfile: (total seconds, seconds per cost)."""
    profiler = cProfile.Profile()
    profiler.enable()
    work()
    profiler.disable()
    stats = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    costs: Counter[str] = Counter()
    for (path, _line, _name), (_cc, _nc, own, _cum, callers) in stats.items():
        if not path.startswith("~"):  # a Python function: its own file
            costs[cost_of(path)] += own
            continue
        # A built-in: shared among its callers by the time each spent in it.
        spent = sum(caller[2] for caller in callers.values()) or 1.0
        for (caller_path, _l, _n), caller in callers.items():
            costs[cost_of(caller_path)] += own * caller[2] / spent
        if not callers:
            costs[OTHER] += own
    return sum(costs.values()), costs


def largest(costs: Counter[str], total: float, count: int = 3) -> str:
    """The largest costs as "name 31%; name 22%; name 12%"."""
    return "; ".join(
        f"{name} {100 * seconds / total:.0f}%" for name, seconds in costs.most_common(count)
    )
