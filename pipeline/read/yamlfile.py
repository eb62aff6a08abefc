"""YAML loading that remembers the line of every key, so problems can name their line."""

from __future__ import annotations

from typing import Any

import yaml

from ..errors import Problem, ToolkitError

Path = tuple[str | int, ...]


class _Loader(yaml.SafeLoader):
    """Leaves dates as text, so that an impossible date gets a message, not a crash."""


_Loader.add_constructor(
    "tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node)
)


def load_yaml(text: str, file: str, first_line: int = 1) -> tuple[Any, dict[Path, int]]:
    """Parse YAML text; return the data and a map from key path to 1-based line number.

    `first_line` is the line of the file on which `text` starts (front matter starts on line 2).
    """
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        # The context mark is where the broken construct starts (an unclosed bracket or
        # quote); the problem mark is where the reader gave up, often lines later.
        mark = error.context_mark or error.problem_mark
        line = first_line + mark.line if mark else first_line
        problem = (error.problem or "it could not be read").rstrip(".")
        if error.problem_mark and error.context_mark:
            noticed = first_line + error.problem_mark.line
            if noticed != line:
                problem += f", noticed on line {noticed}"
        raise ToolkitError(
            Problem(
                file,
                line,
                f"This is not valid YAML ({problem}).",
                "Check the indentation, and put text that contains ':' or '#' in quotes.",
            )
        ) from None
    except yaml.YAMLError as error:  # rare: errors without a position
        raise ToolkitError(
            Problem(file, first_line, f"This is not valid YAML ({error}).")
        ) from None
    finally:
        loader.dispose()
    lines: dict[Path, int] = {}
    if node is not None:
        _record_lines(node, (), lines, file, first_line)
    return data, lines


def _record_lines(
    node: yaml.Node, path: Path, lines: dict[Path, int], file: str, first_line: int
) -> None:
    lines[path] = first_line + node.start_mark.line
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            line = first_line + key_node.start_mark.line
            if key in seen:
                raise ToolkitError(
                    Problem(
                        file,
                        line,
                        f"'{key}' is given twice (first on line {seen[key]}).",
                        "Delete one of them.",
                    )
                )
            seen[key] = line
            _record_lines(value_node, (*path, key), lines, file, first_line)
            lines[(*path, key)] = line
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _record_lines(item, (*path, index), lines, file, first_line)
