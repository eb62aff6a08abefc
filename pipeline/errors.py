"""Problems in the user's input, reported as `file:line: message` with what to do."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the content or settings, with where it is and how to fix it."""

    file: str
    line: int | None
    message: str
    fix: str = ""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        text = f"{where}: {self.message}"
        return f"{text} {self.fix}" if self.fix else text


class ToolkitError(Exception):
    """One or more problems in the content or settings (exit code 1)."""

    def __init__(self, problems: Problem | list[Problem]):
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self):  # so a problem found in a worker process reaches the user intact
        return (type(self), (self.problems,))


class UsageError(Exception):
    """The command was called wrongly (exit code 2)."""


class Collector:
    """Gathers problems so that a check can report all of them at once."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, file: str, line: int | None, message: str, fix: str = "") -> None:
        self.problems.append(Problem(file, line, message, fix))

    def extend(self, problems: list[Problem]) -> None:
        self.problems.extend(problems)

    def raise_if_any(self) -> None:
        if self.problems:
            raise ToolkitError(self.problems)
