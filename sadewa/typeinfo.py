"""Reading the schema's type annotations: what a field holds."""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel


def strip_optional(annotation: Any) -> Any:
    """``X`` of ``X | None`` and of ``Annotated[X, …]``."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
        else:
            return annotation


def is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)
