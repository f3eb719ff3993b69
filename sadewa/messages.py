"""Pydantic's validation errors turned into sentences for office staff."""

from __future__ import annotations

import difflib
import re
import types
import typing
from typing import Any

from pydantic import BaseModel

from .schema import EXPECTED_BY_PATTERN, RuleError
from .yamlfile import Document


def field_name(loc: tuple) -> str:
    """``('certifications', 0, 'number')`` → ``certifications.number``."""
    name = ".".join(str(part) for part in loc if isinstance(part, str))
    if name:
        return name
    return f"list item {loc[-1] + 1}" if loc and isinstance(loc[-1], int) else "this file"


def _limit(value) -> str:
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, dict):
        return "a group of fields"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    return type(value).__name__.replace("str", "text").replace("date", "a date")


def _unwrap(annotation: Any) -> Any:
    """The model class inside ``X | None``, ``list[X]`` or ``Annotated[X, …]``."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType, list):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0]
        else:
            return annotation


def _model_at(model: Any, loc: tuple) -> Any:
    model = _unwrap(model)
    for part in loc:
        if isinstance(part, str):
            if not (isinstance(model, type) and issubclass(model, BaseModel)) or part not in model.model_fields:
                return None
            model = _unwrap(model.model_fields[part].annotation)
    return model


def explain(error: dict, model: Any, doc: Document) -> tuple[tuple, str]:
    """The location path and message for one pydantic error."""
    loc = tuple(error["loc"])
    kind = error["type"]
    ctx = error.get("ctx") or {}
    name = field_name(loc)
    value = error.get("input")
    raw = doc.raw.get(loc)
    shown = raw if raw is not None else value

    if kind == "missing":
        return loc, f"missing required field `{name}`"
    if kind == "extra_forbidden":
        parent = _model_at(model, loc[:-1])
        known = sorted(parent.model_fields) if parent is not None else []
        close = difflib.get_close_matches(str(loc[-1]), known, n=1, cutoff=0.6)
        hint = f"; did you mean `{close[0]}`?" if close else (f"; allowed here: {', '.join(known)}" if known else "")
        return loc, f"unknown field `{name}`{hint}"
    if kind == "value_error" and isinstance(ctx.get("error"), RuleError):
        rule = ctx["error"]
        return loc + rule.at, str(rule)
    if kind == "value_error":
        return loc, f"`{name}`: {ctx.get('error', error['msg'])}"
    if kind == "string_type":
        if isinstance(value, (int, float, bool)) or raw is not None:
            example = f'- "{shown}"' if isinstance(loc[-1], int) else f'{loc[-1]}: "{shown}"'
            return loc, f"`{name}` must be text: YAML read `{shown}` as {_kind(value)}, so put it in quotes: {example}"
        return loc, f"`{name}` must be text, not {_kind(value)}"
    if kind == "string_pattern_mismatch":
        expected = EXPECTED_BY_PATTERN.get(ctx.get("pattern", ""), f"text matching {ctx.get('pattern')}")
        return loc, f"`{name}` is `{value}`; expected {expected}"
    if kind == "string_too_short":
        return loc, f"`{name}` must not be empty"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return loc, f"`{name}` must be a whole number without quotes or dots, not `{shown}`"
    if kind in ("float_type", "float_parsing"):
        return loc, f"`{name}` must be a number without quotes, not `{shown}`"
    if kind == "bool_type":
        return loc, f"`{name}` must be true or false, not `{shown}`"
    if kind in ("date_type", "date_parsing", "date_from_datetime_parsing"):
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return loc, f"`{name}` is a date in quotes; remove the quotes: {loc[-1]}: {value}"
        return loc, f"`{name}` must be a date written as YYYY-MM-DD, not `{shown}`"
    if kind in ("greater_than", "greater_than_equal", "less_than_equal", "less_than"):
        bound = {"greater_than": "greater than", "greater_than_equal": "at least", "less_than_equal": "at most", "less_than": "less than"}[kind]
        limit = _limit(ctx.get("gt", ctx.get("ge", ctx.get("le", ctx.get("lt")))))
        return loc, f"`{name}` must be {bound} {limit}, not `{shown}`"
    if kind == "literal_error":
        return loc, f"`{name}` is `{shown}`; expected one of {ctx.get('expected')}"
    if kind in ("list_type", "tuple_type"):
        return loc, f"`{name}` must be a list (lines starting with `- `), not {_kind(value)}"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return loc, f"`{name}` must be a group of fields (key: value lines), not {_kind(value)}"
    if kind == "too_short":
        return loc, f"`{name}` needs at least {ctx.get('min_length')} item(s), has {ctx.get('actual_length')}"
    if kind == "too_long":
        return loc, f"`{name}` may have at most {ctx.get('max_length')} items, has {ctx.get('actual_length')}"
    return loc, f"`{name}`: {error['msg']}"
