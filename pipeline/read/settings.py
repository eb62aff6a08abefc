"""Reading the council's settings (content/settings.yml) and a clerk's per-meeting details into
the model's values (pipeline/model/values.py): the schema, and every problem with its line."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import fields, replace
from pathlib import Path

from ..errors import Collector, Problem, ToolkitError
from ..model.values import (
    CARD_SIZE_WORDS,
    Arrangements,
    Contact,
    Council,
    Links,
    Meeting,
    Settings,
)
from .logo import LOGO, read_logo
from .schema import (
    Choice,
    Colour,
    Date,
    Email,
    Field,
    Flag,
    ListOf,
    Mapping,
    Text,
    Url,
    Where,
    given,
)
from .sourcefile import read_text
from .yamlfile import load_yaml


def _all_required(spec: Field, names: tuple[str, ...]) -> Mapping:
    return Mapping({name: spec for name in names}, required=names)


LINK_NAMES = tuple(f.name for f in fields(Links))
ARRANGEMENT_NAMES = tuple(f.name for f in fields(Arrangements))

CONTACT = Mapping(
    {
        "id": Text(r"[a-z0-9]+(-[a-z0-9]+)*", "Use lower-case letters, digits and hyphens."),
        "name": Text(),
        "role": Text(),
        "phone": Text(r"[0-9 +()-]{3,}", "Write digits and spaces only, e.g. 0300 126 3000."),
        "email": Email(),
        "web": Url(),
        "card": Flag(),
    },
    required=("id", "name"),
)

SETTINGS = Mapping(
    {
        "council": Mapping(
            {"name": Text(), "short_name": Text(), "website": Url(), "phone": Text()},
            required=("name",),
        ),
        "committee": Text(),
        "toolkit_url": Url(),
        "brand_colour": Colour(),
        "meeting": Mapping({"appendix": Text(), "committee": Text(), "date": Date()}),
        "contacts": ListOf(CONTACT),
        "card": Mapping({"size": Choice(*CARD_SIZE_WORDS)}),
        "links": _all_required(Url(), LINK_NAMES),
        "arrangements": _all_required(Text(), ARRANGEMENT_NAMES),
        "logo": LOGO,
    },
    required=("council", "committee", "toolkit_url", "contacts", "links", "arrangements"),
)

MEETING = Mapping({"appendix": Text(), "committee": Text(), "date": Date()})


def load_settings(path: Path, display: str | None = None) -> Settings:
    """Read and validate a settings file; raise ToolkitError listing every problem."""
    file = display or str(path)
    data, lines = load_yaml(read_text(path, file), file)
    problems = Collector()
    clean = SETTINGS.check(data, Where(file, lines, problems))
    if clean is not None:
        _check_contacts(clean.get("contacts") or [], Where(file, lines, problems, ("contacts",)))
    logo = read_logo((clean or {}).get("logo"), path, Where(file, lines, problems, ("logo",)))
    problems.raise_if_any()
    assert clean is not None
    council = clean["council"]
    meeting = clean.get("meeting") or {}
    contacts = tuple(Contact(**c) for c in clean["contacts"])
    settings = Settings(
        council=Council(
            name=council["name"],
            short_name=council.get("short_name", council["name"]),
            **given(council, website="website", phone="phone"),
        ),
        committee=clean["committee"],
        toolkit_url=clean["toolkit_url"],
        brand_colour=clean.get("brand_colour", "#005a70"),
        meeting=Meeting(
            committee=meeting.get("committee", clean["committee"]),
            **given(meeting, appendix="appendix", date="date"),
        ),
        contacts=contacts,
        **given(clean.get("card") or {}, card_size="size"),
        links=Links(**(clean.get("links") or {})),
        arrangements=Arrangements(**(clean.get("arrangements") or {})),
        logo=logo,
        file=file,
    )
    return replace(settings, lines=tuple(_variable_lines(settings, lines)))


def address_names(names: Iterable[str]) -> frozenset[str]:
    """The setting names among `names` that hold web addresses, as the schema says."""
    return frozenset(name for name in names if isinstance(_kind(name), Url))


def _check_contacts(contacts: list[dict | None], where: Where) -> None:
    seen: set[str] = set()
    for index, contact in enumerate(contacts):
        if not contact or "id" not in contact:
            continue
        if contact["id"] in seen:
            where.child(index).child("id").report(
                f"Two contacts have the id '{contact['id']}'.", "Give each contact its own id."
            )
        seen.add(contact["id"])


def _kind(name: str) -> object:
    """The kind of value a dotted setting name holds, from the schema."""
    parts = name.split(".")
    if parts[0] == "contacts":
        return CONTACT.fields.get(parts[-1])
    spec: object = SETTINGS
    for part in parts:
        spec = spec.fields.get(part) if isinstance(spec, Mapping) else None
    return spec


def _variable_lines(settings: Settings, lines: dict) -> list[tuple[str, int]]:
    result = []
    for name in settings.variables():
        parts = name.split(".")
        if parts[0] == "contacts":
            index = next(i for i, c in enumerate(settings.contacts) if c.id == parts[1])
            key: tuple = ("contacts", index, parts[2])
        else:
            key = tuple(parts)
        if key in lines:
            result.append((name, lines[key]))
    return result


def load_meeting(path: Path, base: Meeting) -> Meeting:
    """Read a clerk's per-meeting file (appendix, committee, date) over the defaults."""
    file = str(path)
    data, lines = load_yaml(read_text(path, file), file)
    problems = Collector()
    clean = MEETING.check(data, Where(file, lines, problems))
    problems.raise_if_any()
    assert clean is not None
    return replace(base, **clean)


def parse_meeting_date(text: str) -> dt.date:
    """A date given on the command line (--meeting)."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ToolkitError(
            Problem(
                "--meeting",
                None,
                f"{text!r} is not a date.",
                "Write the meeting date as YYYY-MM-DD, e.g. --meeting 2025-04-14.",
            )
        ) from None
