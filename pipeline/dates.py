"""How the toolkit writes a date: 15 April 2024, the form GOV.UK style uses."""

from __future__ import annotations

import datetime as dt


def long_date(value: dt.date | None) -> str:
    return f"{value.day} {value:%B %Y}" if value else ""
