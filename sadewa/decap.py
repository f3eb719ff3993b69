"""The Decap CMS configuration (``/admin/config.yml``), derived from ``schema.py``.

Every form field of the web editor comes from the same pydantic models as the
validator: required or not, the widget from the type, the allowed values,
the patterns with the sentence staff read when a value does not fit, the
hints from the field descriptions. What Decap cannot check (rules across
fields, images on disk) the pull request's validation does.

Collections (Decap has no collection of "a folder per SME"):

- ``ukm``: one entry per SME folder, its ``sme.yaml``;
- ``ukm-baru``: where a new SME is created (``products/<slug>/sme.yaml``); it
  lists nothing itself, the new SME appears under ``ukm`` after the next build;
- ``produk-<sme>``: per SME, its products, created in its folder. Decap lists
  every ``.yaml`` file of the folder; the filter keeps the files without a
  ``region`` field, which leaves out ``sme.yaml`` (every SME has a region,
  no product has one).

Uploaded images go into the SME's ``images/`` and are written as
``images/<file>``, the path relative to the SME folder that the files use.
"""

from __future__ import annotations

import datetime as dt
import json
import types
import typing
from collections import Counter
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from . import loader, schema, yamlfile
from .typeinfo import is_model, strip_optional

IMAGE_FOLDER = loader.IMAGES_DIR
NEW_SME_FILTER = {"field": "status", "value": "(a new SME)"}  # matches no file: the collection only creates
LOCAL_SERVER = "http://127.0.0.1:8081/api/v1"
NOT_BLANK = r"\S"  # the pattern of schema.Line
SLUG_SETTINGS = {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"}


def _constraints(info: FieldInfo | None, annotation: Any) -> dict:
    """Pattern, error sentence and bounds of a field, from its metadata."""
    found: dict[str, Any] = {}
    metadata = [info, *info.metadata] if info is not None else []
    if typing.get_origin(annotation) is typing.Annotated:
        metadata += list(typing.get_args(annotation)[1:])
    for item in metadata:
        extra = getattr(item, "json_schema_extra", None)
        if isinstance(extra, dict) and "errorMessage" in extra:
            found["message"] = extra["errorMessage"]
        for meta in getattr(item, "metadata", [item]):
            for name in ("pattern", "gt", "ge", "lt", "le"):
                value = getattr(meta, name, None)
                if value is not None:
                    found[name] = value
    if found.get("pattern") == NOT_BLANK:
        del found["pattern"]  # `required` says it better
    return found


def _inner(annotation: Any) -> Any:
    """``X`` of ``X | None`` keeping ``Annotated`` (which holds the constraints)."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        return next(a for a in typing.get_args(annotation) if a is not type(None))
    return annotation


def widget(name: str, label: str, annotation: Any, info: FieldInfo | None = None, *, required: bool = True) -> dict:
    """One Decap field for a schema field."""
    annotation = _inner(annotation)
    base = strip_optional(annotation)
    field: dict[str, Any] = {"name": name, "label": label, "required": required}
    if info is not None and info.description:
        field["hint"] = info.description
    limits = _constraints(info, annotation)
    if base in (schema.Text, schema.FullText):
        markdown = name in schema.MARKDOWN_FIELDS
        field["widget"] = "object"
        field["collapsed"] = False
        field["fields"] = [
            {"name": "id", "label": "Bahasa Indonesia", "widget": "markdown" if markdown else "string", "required": True},
            {"name": "en", "label": "English", "widget": "markdown" if markdown else "string",
             "required": base is schema.FullText},
        ]
        if not required:
            _optional(field["fields"])
        if markdown:
            for sub in field["fields"]:
                sub.update(buttons=["bold", "italic", "link", "bulleted-list", "numbered-list"], editor_components=[], modes=["rich_text", "raw"])
        return field
    if is_model(base):
        field["widget"] = "object"
        field["fields"] = fields_of(base)
        if not required:
            _optional(field["fields"])
        return field
    if typing.get_origin(base) is list:
        item = _inner(typing.get_args(base)[0])
        item_base = strip_optional(item)
        field["widget"] = "list"
        if is_model(item_base):
            field["fields"] = fields_of(item_base)
            field["summary"] = "{{fields." + next(iter(item_base.model_fields)) + "}}"
        elif item_base is str and "image" in _constraints(None, item).get("message", ""):
            field["field"] = {"name": "image", "label": "Image", "widget": "image", "choose_url": False}
        elif item_base is str:
            item_limits = _constraints(None, item)
            if "pattern" in item_limits:
                field["field"] = {"name": name, "label": label, "widget": "string",
                                  "pattern": [item_limits["pattern"], item_limits.get("message", "")]}
        else:
            field["field"] = widget(name, label, item)
        return field
    if typing.get_origin(base) is Literal:
        field["widget"] = "select"
        field["options"] = list(typing.get_args(base))
        if info is not None and isinstance(info.default, str):
            field["default"] = info.default
            field["required"] = False
        return field
    if base is bool:
        field.update(widget="boolean", default=bool(info.default) if info is not None else False)
        field["required"] = False
        return field
    if base in (int, float):
        field.update(widget="number", value_type="int" if base is int else "float")
        low = limits.get("ge", limits.get("gt"))
        if low is not None:
            field["min"] = low + (1 if base is int and "gt" in limits and "ge" not in limits else 0)
        return field
    if base is dt.date:
        field.update(widget="datetime", format="YYYY-MM-DD", date_format="YYYY-MM-DD", time_format=False, picker_utc=True)
        return field
    if "image" in limits.get("message", ""):
        field.update(widget="image", choose_url=False)
        return field
    field["widget"] = "string"
    if "pattern" in limits:
        field["pattern"] = [limits["pattern"], limits.get("message", "")]
    return field


def _optional(fields: list[dict]) -> None:
    """Inside an optional group nothing is required by the form: Decap checks
    the fields of a group that was never opened too, and would refuse to
    save. The pull request's validation still requires them (an export block
    without `moq` is an error there)."""
    for field in fields:
        field["required"] = False
        _optional(field.get("fields", []))


def fields_of(model: type[BaseModel]) -> list[dict]:
    return [
        widget(name, name.replace("_", " "), info.annotation, info, required=info.is_required())
        for name, info in model.model_fields.items()
    ]


def _sme_names(root: Path) -> list[tuple[str, str]]:
    """(slug, name) of every SME folder, by slug."""
    found = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(("_", "."))):
        doc, _ = yamlfile.read(folder / loader.SME_FILE) if (folder / loader.SME_FILE).is_file() else (None, None)
        name = doc.data.get("name") if doc is not None and isinstance(doc.data, dict) else None
        found.append((folder.name, name if isinstance(name, str) else folder.name))
    return found


def config(root: Path, folder: str, *, repo: str, branch: str, site_url: str, auth_url: str | None = None,
           smes: list[tuple[str, str]] | None = None) -> dict:
    """The whole config.yml. ``folder`` is the catalog's path in the repository;
    ``smes``, (slug, name) of every SME by slug, when a build has loaded them
    (else each sme.yaml under ``root`` is read)."""
    sme_fields = fields_of(schema.SmeFile)
    product_fields = fields_of(schema.ProductFile)
    for field in product_fields:
        if field["name"] == "added":
            field["default"] = "{{now}}"  # the day the product is first listed
    media = {"media_folder": IMAGE_FOLDER, "public_folder": IMAGE_FOLDER}
    if smes is None:
        smes = _sme_names(root)
    backend: dict[str, Any] = {"name": "github", "repo": repo, "branch": branch,
                               "commit_messages": {"create": "Add {{collection}} “{{slug}}”", "update": "Update {{collection}} “{{slug}}”",
                                                   "delete": "Delete {{collection}} “{{slug}}”", "uploadMedia": "Upload “{{path}}”",
                                                   "deleteMedia": "Delete “{{path}}”"}}
    if auth_url:
        backend["base_url"] = auth_url
    collections: list[dict] = [
        {
            "name": "ukm", "label": "UKM", "label_singular": "UKM",
            "description": "Data UKM (sme.yaml). UKM baru: koleksi “UKM baru”.",
            "format": "yaml", "delete": False,
            "files": [
                {"name": slug, "label": name, "file": f"{folder}/{slug}/{loader.SME_FILE}", **media, "fields": sme_fields}
                for slug, name in smes
            ],
        },
        {
            "name": "ukm-baru", "label": "UKM baru", "label_singular": "UKM baru",
            "description": "Membuat folder UKM baru; setelah digabung, UKM muncul di “UKM”.",
            "folder": folder, "path": "{{slug}}/" + loader.SME_FILE.removesuffix(".yaml"),
            "extension": "yaml", "format": "yaml", "create": True, "delete": False,
            "identifier_field": "name", "slug": "{{slug}}", "filter": NEW_SME_FILTER,
            **media, "fields": sme_fields,
        },
    ]
    for slug, name in smes:
        collections.append({
            "name": f"produk-{slug}", "label": f"Produk: {name}", "label_singular": f"Produk {name}",
            "folder": f"{folder}/{slug}", "extension": "yaml", "format": "yaml",
            "create": True, "delete": False,  # retire with status: discontinued, never delete
            "identifier_field": "name.id", "slug": "{{slug}}", "summary": "{{name.id}}",
            "filter": {"field": "region"},  # no value: keeps the files without `region`, i.e. not sme.yaml
            "sortable_fields": ["name.id", "category", "status"],
            **media, "fields": product_fields,
        })
    return {
        "backend": backend,
        "publish_mode": "editorial_workflow",  # every edit becomes a pull request
        "local_backend": {"url": LOCAL_SERVER},
        "site_url": site_url, "display_url": site_url,
        # Uploads outside any SME (the Media page): kept out of the catalog folder.
        "media_folder": "content/uploads", "public_folder": "/uploads",
        "slug": SLUG_SETTINGS,
        "collections": collections,
    }


def render(data: dict) -> str:
    """The config as YAML. It is written in JSON's syntax, which is YAML too:
    PyYAML's emitter takes seconds per thousand SMEs, json a few milliseconds.
    A list used more than once (the fields of every SME's collection) is
    written once with a YAML anchor and named elsewhere by an alias (Decap
    parses its config with no limit on aliases): at 2,000 SMEs, 1.7 MB
    instead of 30 MB written out in full."""
    header = "# Generated from sadewa/schema.py and the SMEs' folders by the admin plugin; do not edit.\n"
    uses: Counter[int] = Counter()
    _count_lists(data, uses)
    anchored: list[list] = []
    text = json.dumps(_with_aliases(data, uses, {}, anchored), ensure_ascii=False, indent=1)
    for number, value in enumerate(anchored):
        text = text.replace(json.dumps(f"{_PLACEHOLDER}anchor {number}"), f"&shared{number} " + json.dumps(value, ensure_ascii=False, indent=1), 1)
        text = text.replace(json.dumps(f"{_PLACEHOLDER}alias {number}"), f"*shared{number}")
    return header + text + "\n"


_PLACEHOLDER = "\0"  # starts what stands for a shared list until it is written; no value of the config does


def _count_lists(value: Any, uses: Counter[int]) -> None:
    """How many times each list object appears in ``value`` (the lists
    inside one counted once, however often it appears)."""
    if isinstance(value, dict):
        for item in value.values():
            _count_lists(item, uses)
    elif isinstance(value, list):
        uses[id(value)] += 1
        if uses[id(value)] == 1:
            for item in value:
                _count_lists(item, uses)


def _with_aliases(value: Any, uses: Counter[int], names: dict[int, int], anchored: list[list]) -> Any:
    """``value`` with each list used more than once replaced by a
    placeholder: the anchor where it first appears, an alias after."""
    if isinstance(value, dict):
        return {key: _with_aliases(item, uses, names, anchored) for key, item in value.items()}
    if isinstance(value, list):
        if uses[id(value)] < 2:
            return [_with_aliases(item, uses, names, anchored) for item in value]
        if id(value) in names:
            return f"{_PLACEHOLDER}alias {names[id(value)]}"
        names[id(value)] = len(anchored)
        anchored.append(value)
        return f"{_PLACEHOLDER}anchor {names[id(value)]}"
    return value
