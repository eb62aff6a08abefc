"""A small declarative schema for YAML settings and front matter, with messages people can act on.

Each field type checks one value and returns it cleaned (or None after reporting a problem), so a
check reports every problem in a file at once, each with its line.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..errors import Collector
from ..model.values import contrast_ratio, is_placeholder

if TYPE_CHECKING:  # yaml itself is not needed to check a value
    from .yamlfile import Path


@dataclass
class Where:
    """Where a value sits: the file, the key path, and the line map of that file."""

    file: str
    lines: dict[Path, int]
    problems: Collector
    path: Path = ()

    def child(self, key: str | int) -> Where:
        return Where(self.file, self.lines, self.problems, (*self.path, key))

    @property
    def line(self) -> int | None:
        path = self.path
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path)

    @property
    def name(self) -> str:
        parts: list[str] = []
        for key in self.path:
            if isinstance(key, int):
                parts.append(f"[{key + 1}]")
            else:
                parts.append(("." if parts else "") + key)
        return "".join(parts) or "the file"

    def report(self, message: str, fix: str = "") -> None:
        self.problems.add(self.file, self.line, message, fix)


class Field:
    """Base of all field types."""

    expected = "a value"

    def check(self, value: Any, where: Where) -> Any:
        raise NotImplementedError


class Text(Field):
    expected = "text"

    def __init__(self, pattern: str | None = None, hint: str = "") -> None:
        self.pattern = re.compile(pattern) if pattern else None
        self.hint = hint

    def check(self, value: Any, where: Where) -> str | None:
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            where.report(f"'{where.name}' should be {self.expected}.", self.hint)
            return None
        text = str(value).strip()
        if not text:
            where.report(f"'{where.name}' is empty.", "Give it a value, or delete the line.")
            return None
        if self.pattern and not is_placeholder(text) and not self.pattern.fullmatch(text):
            where.report(f"'{where.name}' does not look right: {text!r}.", self.hint)
            return None
        return text


class Url(Text):
    expected = "a web address"

    def __init__(self) -> None:
        super().__init__(r"https?://[^\s/$.?#][^\s]*", "Write the full address, starting https://.")


class Email(Text):
    expected = "an email address"

    def __init__(self) -> None:
        super().__init__(r"[^@\s]+@[^@\s]+\.[^@\s]+", "Write it as name@example.gov.uk.")


class Colour(Text):
    expected = "a colour"

    def __init__(self) -> None:
        super().__init__(r"#[0-9a-fA-F]{6}", 'Write it as # and six hex digits, e.g. "#005a70".')

    def check(self, value: Any, where: Where) -> str | None:
        colour = super().check(value, where)
        if colour and not is_placeholder(colour):
            ratio = contrast_ratio(colour, "#ffffff")
            if ratio < 4.5:
                where.report(
                    f"'{where.name}' {colour} is too light to read on white "
                    f"(contrast {ratio:.1f}:1, at least 4.5:1 is needed).",
                    "Choose a darker shade.",
                )
                return None
        return colour


class Version(Field):
    expected = 'a version number such as "1.0"'

    def check(self, value: Any, where: Where) -> str | None:
        if isinstance(value, float | int) and not isinstance(value, bool):
            where.report(
                f"'{where.name}' must be in quotes, e.g. \"{value}\".",
                "Unquoted, 1.10 would be read as the number 1.1.",
            )
            return None
        if not isinstance(value, str) or not re.fullmatch(r"\d+(\.\d+)*", value.strip()):
            where.report(f"'{where.name}' should be {self.expected}, not {value!r}.")
            return None
        return value.strip()


class Date(Field):
    expected = "a date written as YYYY-MM-DD"

    def check(self, value: Any, where: Where) -> dt.date | None:
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                pass
        where.report(
            f"'{where.name}' should be a real date written as YYYY-MM-DD, not {value!r}.",
            "For example 2025-04-14.",
        )
        return None


class Flag(Field):
    expected = "true or false"

    def check(self, value: Any, where: Where) -> bool | None:
        if isinstance(value, bool):
            return value
        where.report(f"'{where.name}' should be true or false, not {value!r}.")
        return None


class Number(Field):
    def __init__(self, low: int, high: int) -> None:
        self.low, self.high = low, high
        self.expected = f"a whole number from {low} to {high}"

    def check(self, value: Any, where: Where) -> int | None:
        if (
            isinstance(value, int)
            and not isinstance(value, bool)
            and self.low <= value <= self.high
        ):
            return value
        where.report(f"'{where.name}' should be {self.expected}, not {value!r}.")
        return None


class Choice(Field):
    def __init__(self, *choices: str) -> None:
        self.choices = choices
        self.expected = "one of " + ", ".join(choices)

    def check(self, value: Any, where: Where) -> str | None:
        if isinstance(value, str) and value.strip() in self.choices:
            return value.strip()
        where.report(f"'{where.name}' should be {self.expected}, not {value!r}.")
        return None


class ListOf(Field):
    def __init__(self, item: Field) -> None:
        self.item = item
        self.expected = "a list"

    def check(self, value: Any, where: Where) -> list[Any] | None:
        if not isinstance(value, list):
            where.report(f"'{where.name}' should be a list (lines starting with '- ').")
            return None
        return [self.item.check(item, where.child(i)) for i, item in enumerate(value)]


@dataclass
class Mapping(Field):
    """A mapping with known keys; unknown keys are reported with the nearest valid key."""

    fields: dict[str, Field]
    required: tuple[str, ...] = ()
    expected: str = field(default="a group of settings")

    def check(self, value: Any, where: Where) -> dict[str, Any] | None:
        if value is None:
            value = {}
        if not isinstance(value, dict):
            where.report(f"'{where.name}' should be a group of 'key: value' lines.")
            return None
        result: dict[str, Any] = {}
        for key, item in value.items():
            key = str(key)
            spec = self.fields.get(key)
            if spec is None:
                close = difflib.get_close_matches(key, self.fields, n=1, cutoff=0.6)
                hint = (
                    f"Did you mean '{close[0]}'?"
                    if close
                    else "Valid keys here: " + ", ".join(self.fields) + "."
                )
                where.child(key).report(f"Unknown setting '{_join(where.path, key)}'.", hint)
                continue
            if item is None:
                where.child(key).report(
                    f"'{_join(where.path, key)}' has no value.", "Give it a value, or delete it."
                )
                continue
            result[key] = spec.check(item, where.child(key))
        for key in self.required:
            if key not in value:
                where.report(
                    f"'{_join(where.path, key)}' is missing.",
                    f"Add '{key}:' ({self.fields[key].expected}).",
                )
        return result


def _join(path: Path, key: str) -> str:
    named = [str(p) if not isinstance(p, int) else f"[{p + 1}]" for p in path]
    return ".".join([*named, key]).replace(".[", "[")


def given(clean: dict, **names: str) -> dict[str, Any]:
    """The values a file gives, renamed to their model fields (field=key), for a model object
    to be made from: what the file leaves out takes the model's default, stated only there."""
    return {name: clean[key] for name, key in names.items() if key in clean}
