"""Version 1.0 of the real toolkit, as adopted, and a 1.1 draft with the kind of changes an
annual review makes: words, a list item, a table row and cell, a new section, and a settings
contact."""

from __future__ import annotations

from pathlib import Path

from conftest import ADOPTED_HEADER, ROOT, Project, make_project

# The real toolkit is the draft of 1.0; adopting it records the approver in its history entry,
# as `toolkit release` does.
APPROVED_ENTRY = (
    "    date: 2024-04-15\n    summary:",
    "    date: 2024-04-15\n    approved_by: Democracy and Standards Committee\n    summary:",
)

# (file, old text, new text): the kind of changes a review makes, in the text and the settings
REVIEW_EDITS = (
    ("toolkit.md", 'version: "1.0"', 'version: "1.1"'),
    ("toolkit.md", "date: 2024-04-15\nreview", "date: 2025-03-20\nreview"),
    ("toolkit.md", "published, about five weeks before", "published, five weeks before"),
    (
        "toolkit.md",
        "- You can still campaign on your own accounts.",
        "- Take care with polls and surveys: they can look like council consultations.\n"
        "- You can still campaign on your own accounts.",
    ),
    (
        "toolkit.md",
        '| Nextdoor | Tap the three dots on the post or comment, then "Report". |\n',
        "",
    ),
    ("toolkit.md", "| X (formerly Twitter) |", "| X |"),
    (
        "toolkit.md",
        "# Training and induction",
        "# Artificial intelligence and fake images\n\nTools can now make fake pictures, video "
        "and sound of real people. If you see a fake of yourself, keep a copy and report it.\n\n"
        "# Training and induction",
    ),
    (
        "settings.yml",
        "suspicious messages\n",
        "suspicious messages\n    phone: 0300 126 1234\n",
    ),
)


def annual_review(folder: Path) -> tuple[Project, Project]:
    """Two copies of the real content under `folder`: "old" adopted as 1.0, "new" edited."""
    old = make_project(folder / "old", ROOT / "content" / "toolkit.md")
    new = make_project(folder / "new", ROOT / "content" / "toolkit.md")
    old.edit(*APPROVED_ENTRY)
    old.edit("status: draft\ndate: 2024-04-15", ADOPTED_HEADER)
    new.edit(*APPROVED_ENTRY)
    for name, before, after in REVIEW_EDITS:
        new.edit(before, after, new.root / "content" / name)
    return old, new
