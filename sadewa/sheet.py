"""The spreadsheet template: one column per field of ``schema.py``, flattened.

Columns are derived from the schema, so a field added there appears in the
template, the export and the import at once:

- bilingual text ``name`` → ``name_id``, ``name_en``;
- a group ``price`` → ``price_idr``, ``price_on_request``;
- certifications → three columns per certificate type: ``halal_number``,
  ``halal_issuer``, ``halal_valid_until`` (one certificate of each type per
  row);
- a list → one cell, items separated by ``;`` (``tags``, ``images``,
  ``dimensions_cm``); a list of groups (``marketplaces``, ``training``)
  → one cell, items separated by ``;`` and their parts by ``|``:
  ``Tokopedia | https://…; Shopee | https://…``.

Each row also has its key: ``sme`` (the folder) and, on the products sheet,
``product`` (the file name); empty for a new row, whose slug is made from
its name.

Cells are read as staff meant them: text is trimmed; a phone number typed
as a number gets its leading 0 back (with a warning); a code typed as a
number (HS code, certificate number) is refused, since digits may be lost;
dates may be date cells, ``2025-03-14``, ``14/03/2025`` or ``14 Maret 2025``;
``Rp 850.000`` is 850000; ``12,5`` is 12.5; ya/yes/true/1 is true.
"""

from __future__ import annotations

import datetime as dt
import re
import typing
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel

from . import schema
from .typeinfo import is_model, strip_optional

LIST_SEPARATOR = ";"
PART_SEPARATOR = "|"
SME_KEY = "sme"
PRODUCT_KEY = "product"

# Columns whose number cells lost a leading zero, and how to restore it.
PHONE_FIELDS = {("contact", "whatsapp"), ("contact", "phone")}

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("januari", "january", "jan"), ("februari", "february", "feb", "pebruari"),
            ("maret", "march", "mar"), ("april", "apr"), ("mei", "may"), ("juni", "june", "jun"),
            ("juli", "july", "jul"), ("agustus", "august", "agu", "agt", "aug"),
            ("september", "sep", "sept"), ("oktober", "october", "okt", "oct"),
            ("november", "nov", "nop", "nopember"), ("desember", "december", "des", "dec"),
        ],
        start=1,
    )
    for name in names
}
_TRUE = {"true", "ya", "yes", "y", "1", "x", "benar", "✓", "v"}
_FALSE = {"false", "tidak", "no", "n", "0", "salah"}
REMOVE_MARK = "-"  # a cell of just this removes the field; an empty cell keeps it


class _Remove:
    def __repr__(self) -> str:
        return "REMOVE"


REMOVE = _Remove()  # what a cell of REMOVE_MARK means
# Excel counts days from 1899-12-30; a bare number in a date column is such a day.
_EXCEL_EPOCH = dt.date(1899, 12, 30)


class CellError(ValueError):
    """The cell cannot be read as the column's type; the message says why."""


@dataclass
class Cell:
    """What one cell meant, and what staff should hear about it."""

    value: Any
    warnings: list[str] = field(default_factory=list)


# -- the shape of a field ---------------------------------------------------------------


def _scalar_type(annotation: Any) -> type:
    annotation = strip_optional(annotation)
    if typing.get_origin(annotation) is Literal:
        return str
    return annotation


# -- reading and writing one value ---------------------------------------------------------


def _clean_text(value: Any) -> str:
    return str(value).replace("\r\n", "\n").replace("\u00a0", " ").strip()


def read_scalar(kind: type, raw: Any, path: tuple) -> Cell:
    """A cell's value (from openpyxl or csv) as the field's type."""
    if raw is None or (isinstance(raw, str) and not _clean_text(raw)):
        return Cell(None)
    if kind is str:
        return _read_text(raw, path)
    if kind is bool:
        if isinstance(raw, bool):
            return Cell(raw)
        word = _clean_text(raw).casefold()
        if word in _TRUE:
            return Cell(True)
        if word in _FALSE:
            return Cell(False)
        raise CellError(f"`{raw}` is not yes or no; write true or false")
    if kind is int:
        return Cell(_read_number(raw, whole=True))
    if kind is float:
        return Cell(_read_number(raw, whole=False))
    if kind is dt.date:
        return Cell(read_date(raw))
    raise TypeError(f"no cell reader for {kind}")


def _read_text(raw: Any, path: tuple) -> Cell:
    if isinstance(raw, bool):
        raise CellError(f"`{raw}` is a yes/no cell; write the text instead")
    if isinstance(raw, (dt.datetime, dt.date)):
        raise CellError("this is a date cell; format the column as Text and type the value again")
    if isinstance(raw, float) and not raw.is_integer():
        raise CellError(f"this is a number cell ({raw:g}), which may have lost digits; format the column as Text and type the value again")
    if isinstance(raw, (int, float)):
        digits = str(int(raw))
        if path[-2:] in PHONE_FIELDS or path in PHONE_FIELDS:
            restored = digits if digits.startswith("62") else "0" + digits
            return Cell(restored, [f"a number cell: read as {restored} (leading 0 restored); format the column as Text"])
        raise CellError(f"this is a number cell ({digits}); a leading 0 may have been lost: format the column as Text and type the value again")
    text = _clean_text(raw)
    if (path[-2:] in PHONE_FIELDS or path in PHONE_FIELDS) and re.fullmatch(r"[1-57-9]\d{7,13}", text):
        # Saved from a number cell: the 0 that starts every Indonesian number is gone.
        restored = "0" + text
        return Cell(restored, [f"`{text}` lost its leading 0; read as {restored}"])
    return Cell(text)


def _read_number(raw: Any, *, whole: bool) -> int | float | str:
    if isinstance(raw, bool):
        raise CellError(f"`{raw}` is a yes/no cell; write a number")
    if isinstance(raw, (int, float)):
        number = raw
    else:
        text = re.sub(r"^(?:rp|idr|us\$|usd|\$)\s*", "", _clean_text(raw), flags=re.I).replace(" ", "")
        if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", text) and whole:
            text = text.replace(".", "")  # 850.000: Indonesian thousands
        elif re.fullmatch(r"\d{1,3}(?:,\d{3})+", text):
            text = text.replace(",", "")  # 850,000
        elif re.fullmatch(r"\d+,\d+", text):
            text = text.replace(",", ".")  # 12,5: Indonesian decimal comma
        try:
            number = float(text) if re.fullmatch(r"[-+]?\d*\.\d+|[-+]?\d+\.?", text) else None
        except ValueError:
            number = None
        if number is None:
            return _clean_text(raw)  # the validator says what was expected
    if whole:
        return int(number) if float(number).is_integer() else float(number)
    return int(number) if isinstance(number, int) else float(number)


def read_date(raw: Any) -> dt.date:
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if isinstance(raw, (int, float)) and not isinstance(raw, bool) and 1 <= raw < 2958466:
        return _EXCEL_EPOCH + dt.timedelta(days=int(raw))
    text = _clean_text(raw).casefold()
    try:
        if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", text):
            year, month, day = map(int, text.split("-"))
            return dt.date(year, month, day)
        match = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text)
        if match:  # Indonesian order: day, month, year
            return dt.date(int(match[3]), int(match[2]), int(match[1]))
        match = re.fullmatch(r"(\d{1,2})\s+([a-z]+)\.?\s+(\d{4})", text)
        if match and match[2] in _MONTHS:
            return dt.date(int(match[3]), _MONTHS[match[2]], int(match[1]))
    except ValueError:
        raise CellError(f"`{raw}` is not a real calendar date") from None
    raise CellError(f"`{raw}` is not a date; write it as 2025-03-14 or 14/03/2025")


def write_scalar(value: Any) -> Any:
    """A value as a cell (a number stays a number, a date a date, text text)."""
    if isinstance(value, str):
        return value.strip()
    return value


def normal(value: Any) -> Any:
    """A value as the catalog means it: text trimmed, empty text, lists and
    groups absent, and an absent yes/no the same as "no" (every yes/no field
    defaults to false)."""
    if isinstance(value, str):
        return _clean_text(value) or None
    if isinstance(value, list):
        return [normal(v) for v in value] or None
    if isinstance(value, dict):
        return {k: normal(v) for k, v in value.items() if normal(v) is not None} or None
    if value is False:
        return None
    return value


def same(a: Any, b: Any) -> bool:
    a, b = normal(a), normal(b)
    return a == b and isinstance(a, bool) == isinstance(b, bool)


# -- columns --------------------------------------------------------------------------------


def value_at(data: Any, path: tuple) -> Any:
    """The value at ``path`` (keys) in a file's data, None when absent."""
    for part in path:
        if not isinstance(data, dict) or part not in data:
            return None
        data = data[part]
    return data


@dataclass(frozen=True)
class Column:
    """One column: its header, where its value lives in the file, and its type."""

    header: str
    path: tuple  # keys in the YAML data
    kind: type  # str, int, float, bool, dt.date
    many: bool = False  # a list of values in one cell
    parts: tuple = ()  # a list of groups: the group's fields, in cell order
    note: str = ""
    required: bool = False  # the file must have it (an empty cell keeps it)

    def get(self, data: Any) -> Any:
        """The column's value in a file's data (None when absent)."""
        return value_at(data, self.path)

    def cell(self, value: Any) -> Any:
        """The value as a cell."""
        if value is None:
            return None
        if self.parts:
            return f"{LIST_SEPARATOR} ".join(
                f" {PART_SEPARATOR} ".join("" if item.get(p) is None else str(item.get(p)) for p, _ in self.parts)
                for item in value if isinstance(item, dict)
            ) or None
        if self.many:
            return f"{LIST_SEPARATOR} ".join(_text_of(v) for v in value) or None
        return write_scalar(value)

    def read(self, raw: Any) -> Cell:
        """A cell as the column's value: None for an empty cell, REMOVE for
        ``-`` (raises CellError)."""
        if isinstance(raw, str) and raw.strip() == REMOVE_MARK:
            return Cell(REMOVE)
        if not self.many:
            return read_scalar(self.kind, raw, self.path)
        if raw is None or not _clean_text(raw):
            return Cell(None)
        if isinstance(raw, (int, float)) and not isinstance(raw, bool):
            raw = _text_of(raw)
        items = [item.strip() for item in re.split(rf"[{LIST_SEPARATOR}\n]", _clean_text(raw)) if item.strip()]
        cell = Cell([])
        for item in items:
            if self.parts:
                pieces = [p.strip() for p in item.split(PART_SEPARATOR)]
                if len(pieces) != len(self.parts):
                    names = f" {PART_SEPARATOR} ".join(p for p, _ in self.parts)
                    raise CellError(f"`{item}` should be {len(self.parts)} parts: {names}")
                group = {}
                for (name, kind), piece in zip(self.parts, pieces):
                    part = read_scalar(kind, piece, self.path + (name,))
                    cell.warnings += part.warnings
                    if part.value is not None:
                        group[name] = part.value
                cell.value.append(group)
            else:
                part = read_scalar(self.kind, item, self.path)
                cell.warnings += part.warnings
                cell.value.append(part.value)
        return cell


def _text_of(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


@dataclass(frozen=True)
class CertificateColumn(Column):
    """A field of the certificate of one type (``halal_number``)."""

    cert_type: str = ""

    def get(self, data: Any) -> Any:
        return value_at(certificate(data, self.cert_type), self.path[1:])


def certificate(data: Any, cert_type: str) -> dict | None:
    """The first certificate of ``cert_type`` in a file's data."""
    for cert in value_at(data, ("certifications",)) or ():
        if isinstance(cert, dict) and cert.get("type") == cert_type:
            return cert
    return None


def columns_of(model: type[BaseModel], prefix: tuple = (), required: bool = True) -> list[Column]:
    """The columns of a file kind, in the schema's field order."""
    found: list[Column] = []
    for name, info in model.model_fields.items():
        path = prefix + (name,)
        header = "_".join(path)
        annotation = strip_optional(info.annotation)
        note = info.description or ""
        needed = required and info.is_required()
        if annotation in (schema.Text, schema.FullText):
            found += [Column(f"{header}_{lang}", path + (lang,), str, note=f"{note}, in {label}" if note else f"in {label}",
                             required=needed and annotation.model_fields[lang].is_required())
                      for lang, label in (("id", "Bahasa Indonesia"), ("en", "English"))]
        elif is_model(annotation):
            found += columns_of(annotation, path, needed)
        elif typing.get_origin(annotation) is list:
            item = strip_optional(typing.get_args(annotation)[0])
            if item is schema.Certification:
                found += _certificate_columns()
            elif is_model(item):
                parts = tuple((n, _scalar_type(f.annotation)) for n, f in item.model_fields.items())
                found.append(Column(header, path, dict, many=True, parts=parts, note=note))
            else:
                found.append(Column(header, path, _scalar_type(item), many=True, note=note))
        else:
            found.append(Column(header, path, _scalar_type(annotation), note=note, required=needed))
    return found


def _certificate_columns() -> list[Column]:
    return [
        CertificateColumn(f"{cert_type}_{name}", ("certifications", name), _scalar_type(info.annotation),
                          note=info.description or "", cert_type=cert_type)
        for cert_type in schema.CERTIFICATE_TYPES
        for name, info in schema.Certification.model_fields.items()
        if name != "type"
    ]


@dataclass(frozen=True)
class Sheet:
    """One kind of row: SMEs or products."""

    kind: str  # "smes" or "products"
    model: type[BaseModel]
    keys: tuple[str, ...]
    columns: tuple[Column, ...]

    def column(self, header: str) -> Column | None:
        return next((c for c in self.columns if c.header == header), None)

    @property
    def headers(self) -> list[str]:
        return list(self.keys) + [c.header for c in self.columns]


SMES = Sheet("smes", schema.SmeFile, (SME_KEY,), tuple(columns_of(schema.SmeFile)))
PRODUCTS = Sheet("products", schema.ProductFile, (SME_KEY, PRODUCT_KEY), tuple(columns_of(schema.ProductFile)))
SHEETS = (SMES, PRODUCTS)


def sheet_for(headers: list[str]) -> Sheet | None:
    """Which kind a header row is: a ``product`` column makes a products
    sheet, an ``sme`` column alone an SME sheet; anything else is not ours."""
    if PRODUCT_KEY in headers:
        return PRODUCTS
    if SME_KEY in headers:
        return SMES
    return None
