"""docs/data-reference.md, generated from ``schema.py`` like the JSON Schemas.

``python -m sadewa.reference`` rewrites it; a test fails when it is stale.
"""

from __future__ import annotations

import sys
import typing
from pathlib import Path

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from . import schema
from .messages import _unwrap

FILES = [
    ("products/<sme-slug>/sme.yaml", schema.SmeFile),
    ("products/<sme-slug>/<product-slug>.yaml", schema.ProductFile),
    ("products/_collections/<slug>.yaml", schema.CollectionFile),
    ("products/_categories.yaml (a list of)", schema.Category),
    ("products/_regions.yaml (a list of)", schema.Region),
]

INTRO = """# Data reference

Generated from `sadewa/schema.py` by `make schema`; do not edit by hand.
The contract is `../shared/SPEC.md` §1. Staff: see the
[panduan staf](panduan-staf.md) for a walk-through in Bahasa Indonesia.

Text in quotes stays text: write phone numbers, HS codes and certificate
numbers in quotes (`whatsapp: "0812-2700-1234"`, `hs_code: "6206.30"`).
Dates are written `2025-03-14` without quotes. A whole number (a price in
rupiah, a quantity, a weight) is below 10¹⁵ and a number (a price in US
dollars, a size) below 10¹²: anything larger is a typo, and an error.
"""


def _type(annotation) -> str:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        base, *meta = typing.get_args(annotation)
        for item in meta:
            if isinstance(item, FieldInfo) and item.json_schema_extra and "errorMessage" in item.json_schema_extra:
                return item.json_schema_extra["errorMessage"]
        return _type(base)
    if origin is list:
        return f"list of {_type(typing.get_args(annotation)[0])}"
    if origin in (typing.Union, __import__("types").UnionType):
        return " or ".join(_type(a) for a in typing.get_args(annotation) if a is not type(None))
    if origin is typing.Literal:
        return " \\| ".join(f"`{a}`" for a in typing.get_args(annotation))
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return f"group: {annotation.__name__}"
    return {str: "text", int: "whole number", float: "number", bool: "true/false"}.get(annotation, getattr(annotation, "__name__", str(annotation)))


def _rows(model: type[BaseModel], prefix: str = "") -> list[str]:
    rows = []
    for name, info in model.model_fields.items():
        required = "required" if info.is_required() else "optional"
        note = info.description or ""
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        kind = extra.get("errorMessage") or _type(info.annotation)
        rows.append(f"| `{prefix}{name}` | {kind} | {required} | {note} |")
        inner = _unwrap(info.annotation)
        if isinstance(inner, type) and issubclass(inner, BaseModel) and inner not in (schema.Text, schema.FullText):
            rows += _rows(inner, f"{prefix}{name}.")
    return rows


def render() -> str:
    parts = [INTRO]
    for title, model in FILES:
        parts.append(f"\n## `{title}`\n")
        if model.__doc__ and model.__doc__.strip() and not model.__doc__.startswith("`"):
            parts.append(model.__doc__.strip() + "\n")
        parts.append("| field | value | | notes |\n| --- | --- | --- | --- |")
        parts.extend(_rows(model))
    parts.append("\nBilingual text (`Text`) is a group `{id: …, en: …}`: `id` required, `en` optional.\n")
    return "\n".join(parts)


def write(root: Path) -> Path:
    path = root / "docs" / "data-reference.md"
    path.write_text(render(), encoding="utf-8")
    return path


if __name__ == "__main__":
    print(f"wrote {write(Path(sys.argv[1] if len(sys.argv) > 1 else '.'))}")
