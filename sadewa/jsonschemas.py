"""JSON Schemas for editors, derived from ``schema.py`` (never edited by hand).

``python -m sadewa.jsonschemas`` rewrites ``schema/``; a test fails when the
files there are out of date.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from pydantic import TypeAdapter

from . import schema

DIALECT = "https://json-schema.org/draft/2020-12/schema"

# file name in schema/ → (what it checks, the model, the globs it applies to)
SCHEMAS = {
    "sme.schema.json": ("An SME: products/<sme-slug>/sme.yaml", schema.SmeFile, ["products/*/sme.yaml"]),
    "product.schema.json": (
        "A product: products/<sme-slug>/<product-slug>.yaml",
        schema.ProductFile,
        # Leading "!" excludes (yaml-language-server 1.19+, vscode-yaml 1.20+).
        ["products/*/*.yaml", "!products/*/sme.yaml", "!products/_collections/*.yaml"],
    ),
    "collection.schema.json": ("A collection: products/_collections/<slug>.yaml", schema.CollectionFile, ["products/_collections/*.yaml"]),
    "categories.schema.json": ("products/_categories.yaml", list[schema.Category], ["products/_categories.yaml"]),
    "regions.schema.json": ("products/_regions.yaml", list[schema.Region], ["products/_regions.yaml"]),
}


def build(name: str) -> dict:
    title, model, _ = SCHEMAS[name]
    generated = TypeAdapter(model).json_schema()
    return {"$schema": DIALECT, "$id": name, "title": title, **{k: v for k, v in generated.items() if k != "title"}}


def render(name: str) -> str:
    return json.dumps(build(name), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def vscode_settings() -> str:
    mapping = {f"./schema/{name}": globs for name, (_, _, globs) in SCHEMAS.items()}
    return json.dumps({"yaml.schemas": mapping, "yaml.customTags": [], "yaml.format.enable": False}, indent=2) + "\n"


def write(root: Path) -> list[Path]:
    written = []
    for name in SCHEMAS:
        path = root / "schema" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render(name), encoding="utf-8")
        written.append(path)
    settings = root / ".vscode" / "settings.json"
    settings.parent.mkdir(exist_ok=True)
    settings.write_text(vscode_settings(), encoding="utf-8")
    return written + [settings]


if __name__ == "__main__":
    for path in write(Path(sys.argv[1] if len(sys.argv) > 1 else ".")):
        print(f"wrote {path}")
