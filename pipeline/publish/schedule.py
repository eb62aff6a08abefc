"""When the committee next reviews the toolkit, seen from a given day.

Kept apart from the model: the overdue warning after a build with nothing to do reads only the
build's stamp, and loads no model.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..model import Meta


@dataclass(frozen=True)
class Review:
    due: dt.date
    days_left: int  # negative when overdue

    @property
    def overdue(self) -> bool:
        return self.days_left < 0

    def describe(self) -> str:
        if self.days_left > 0:
            return f"in {self.days_left} days"
        if self.days_left == 0:
            return "today"
        return f"overdue by {-self.days_left} days"


def review(meta: Meta, today: dt.date) -> Review:
    return Review(meta.review_due, (meta.review_due - today).days)
