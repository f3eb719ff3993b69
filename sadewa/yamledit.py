"""Editing catalog files in place: change some fields, keep everything else.

ruamel.yaml's round-trip mode keeps comments, key order and quoting of what
is not touched. New keys go where the schema lists them, so files keep the
order staff know. What is written is read back with ``yamlfile`` (the
loader's own reader) by the caller, so a value that YAML would read
differently never slips through.
"""

from __future__ import annotations

import io
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

from .typeinfo import is_model, strip_optional

FLOW_LIST_WIDTH = 70  # shorter lists of plain values are written on one line: [a, b]


def _yaml() -> YAML:
    yaml = YAML()  # round-trip, YAML 1.2
    yaml.preserve_quotes = True
    yaml.width = 4096  # never fold long text onto new lines
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def load(path: Path) -> CommentedMap:
    with path.open(encoding="utf-8") as handle:
        data = _yaml().load(handle)
    return data if isinstance(data, CommentedMap) else CommentedMap()


def dump(data: CommentedMap) -> str:
    out = io.StringIO()
    _yaml().dump(data, out)
    return out.getvalue()


def field_order(model: Any, path: tuple) -> list[str]:
    """The schema's field order at ``path`` inside ``model`` (list indexes skipped)."""
    for part in path:
        if isinstance(part, int):
            continue
        annotation = strip_optional(model.model_fields[part].annotation)
        if typing.get_origin(annotation) is list:
            annotation = strip_optional(typing.get_args(annotation)[0])
        model = annotation
    return list(model.model_fields) if is_model(model) else []


def to_yaml(value: Any) -> Any:
    """A plain value as ruamel nodes in the catalog's house style."""
    if isinstance(value, str):
        return LiteralScalarString(value.rstrip("\n") + "\n") if "\n" in value else value
    if isinstance(value, dict):
        mapping = CommentedMap()
        for key, item in value.items():
            mapping[key] = to_yaml(item)
        return mapping
    if isinstance(value, list):
        seq = CommentedSeq(to_yaml(v) for v in value)
        if all(isinstance(v, (str, int, float)) for v in value) and len(", ".join(map(str, value))) <= FLOW_LIST_WIDTH:
            seq.fa.set_flow_style()
        return seq
    return value


def put(mapping: CommentedMap, key: str, value: Any, order: list[str]) -> None:
    """Set ``key``, placing a new key after the keys the schema lists before it."""
    if key in mapping:
        mapping[key] = value
        return
    rank = order.index(key) if key in order else len(order)
    position = sum(1 for existing in mapping if existing in order and order.index(existing) < rank)
    mapping.insert(position, key, value)


def set_path(root: CommentedMap, model: type[BaseModel], path: tuple, value: Any) -> None:
    """Set (or, for None, remove) the value at ``path``, creating or removing
    the groups around it."""
    parents = [root]
    for depth, key in enumerate(path[:-1]):
        current = parents[-1]
        child = current.get(key)
        if not isinstance(child, dict):
            if value is None:
                return
            child = CommentedMap()
            put(current, key, child, field_order(model, path[:depth]))
        parents.append(child)
    leaf = parents[-1]
    if value is None:
        leaf.pop(path[-1], None)
    else:
        put(leaf, path[-1], to_yaml(value), field_order(model, path[:-1]))
    # A group left empty goes too (a price without fields is no price).
    for depth in range(len(path) - 1, 0, -1):
        if not parents[depth]:
            parents[depth - 1].pop(path[depth - 1], None)
