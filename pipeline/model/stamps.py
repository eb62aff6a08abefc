"""What every output says of its version: the DRAFT mark, a first page's status note, and the
date written into files (never the clock)."""

from __future__ import annotations

import datetime as dt
import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from . import Meta

STAMP_LABELS = {"draft": "DRAFT", "superseded": "SUPERSEDED"}


def status_note(meta: Meta, committee: str) -> tuple[str, str]:
    """What a first page says about a version that is not the adopted one: (lead, rest), or
    ("", "") for an adopted version. The lead is shown in bold."""
    if meta.status == "draft":
        return "Draft", (
            f"for consideration by the {committee}. This version has not been adopted."
        )
    if meta.status == "superseded":
        return "Superseded.", "A newer version of this toolkit has been adopted."
    return "", ""


def source_date(meta: Meta) -> dt.datetime:
    """The date written into outputs: SOURCE_DATE_EPOCH if set, else the version's date.

    Never the clock: the same source gives the same bytes on any day and machine.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
    return dt.datetime(meta.date.year, meta.date.month, meta.date.day, tzinfo=dt.UTC)
