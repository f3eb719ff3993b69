"""`make import FILE=…` and `make export FILE=…`: the catalog as a spreadsheet.

Import reads `.xlsx` (a sheet of SMEs and a sheet of products) or `.csv`
(one file per kind) in the template of docs/spreadsheet.md, and writes or
updates the YAML files: only the fields whose cells differ from the file are
changed, fields the sheet has no column for are kept, comments stay, and no
file is ever deleted. Every row is checked by the catalog's validator before
anything is written; a row with an error is reported as
`<file>:<sheet>:<row>:<column>: error: …` (`<file>:<row>:<column>: …` for
CSV) and not imported, the others are. `--dry-run` shows the changes and
writes nothing.

Export writes the catalog into the same template, so that importing an
export changes nothing.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import difflib
import io
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from sadewa import loader, lookup, sheet, slugs, yamledit, yamlfile
from sadewa.config import SettingError, reference_date
from sadewa.problems import display_path
from sadewa.sheet import CellError, CertificateColumn, Column, Sheet

HELP_SHEET = "help"


class SheetError(Exception):
    """A file that cannot be read as a sheet at all."""
CSV_SUFFIX = {sheet.SMES.kind: "-smes.csv", sheet.PRODUCTS.kind: "-products.csv"}


# -- problems, as the spreadsheet shows them --------------------------------------------------


@dataclass(frozen=True, order=True)
class SheetProblem:
    where: str  # "file.xlsx:products" or "file.csv"
    row: int
    column: str
    severity: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}:{self.row}:{self.column}: {self.severity}: {self.message}"


# -- reading ----------------------------------------------------------------------------------


@dataclass
class Table:
    """The rows of one sheet: row number as the sheet shows it → header → cell."""

    where: str
    kind: Sheet
    headers: list[str]
    rows: list[tuple[int, dict[str, Any]]]
    problems: list[SheetProblem] = field(default_factory=list)


def _header(value: Any) -> str:
    return "_".join(str(value or "").strip().lower().replace("-", " ").split())


def _table(where: str, grid: list[tuple[int, list[Any]]]) -> Table | None:
    """A table from (row number, cells) pairs; None when it is not ours (a help sheet)."""
    filled = [(number, cells) for number, cells in grid if any(_filled(c) for c in cells)]
    if not filled:
        return None
    header_row, header_cells = filled[0]
    headers = [_header(c) for c in header_cells]
    kind = sheet.sheet_for(headers)
    if kind is None:
        return None
    table = Table(where, kind, headers, [])
    known = kind.headers
    seen: set[str] = set()
    for header in headers:
        if not header:
            continue
        if header in seen:
            table.problems.append(SheetProblem(where, header_row, header, "error", f"column `{header}` appears twice; keep one"))
        elif header not in known:
            close = difflib.get_close_matches(header, known, n=1, cutoff=0.6)
            hint = f"; did you mean `{close[0]}`?" if close else "; see docs/spreadsheet.md for the columns"
            table.problems.append(SheetProblem(where, header_row, header, "error", f"unknown column `{header}`, not imported{hint}"))
        seen.add(header)
    for number, cells in filled[1:]:
        row = {h: c for h, c in zip(headers, cells) if h in known and h}
        table.rows.append((number, row))
    return table


def _filled(value: Any) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def read_xlsx(path: Path) -> list[Table]:
    try:
        book = openpyxl.load_workbook(path, data_only=True)
    except (OSError, KeyError, ValueError, openpyxl.utils.exceptions.InvalidFileException) as exc:
        raise SheetError(f"{path} cannot be read as an .xlsx workbook ({exc})")
    tables = []
    for ws in book.worksheets:
        grid = [[cell.value for cell in row] for row in ws.iter_rows()]
        # A merged cell holds its value in its first cell only: staff mean it for all.
        for merged in ws.merged_cells.ranges:
            value = grid[merged.min_row - 1][merged.min_col - 1]
            for r in range(merged.min_row - 1, merged.max_row):
                for c in range(merged.min_col - 1, merged.max_col):
                    grid[r][c] = value
        table = _table(f"{path.name}:{ws.title}", [(i + 1, cells) for i, cells in enumerate(grid)])
        if table is not None:
            tables.append(table)
    return tables


def read_csv(path: Path) -> list[Table]:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")  # Excel's "CSV" on Windows
    first = text.split("\n", 1)[0]
    # Excel writes `;` between cells where the comma is the decimal sign (Indonesia).
    delimiter = max((",", ";", "\t"), key=first.count)
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    table = _table(path.name, [(i + 1, cells) for i, cells in enumerate(rows)])
    if table is None:
        raise SheetError(f"{path} has no `sme` or `product` column in its first row; see docs/spreadsheet.md")
    return [table]


def read(path: Path) -> list[Table]:
    if not path.is_file():
        raise SheetError(f"{path} does not exist")
    if path.suffix.lower() == ".xlsx":
        return read_xlsx(path)
    if path.suffix.lower() == ".csv":
        return read_csv(path)
    raise SheetError(f"{path}: expected an .xlsx or .csv file")


# -- one row, planned ---------------------------------------------------------------------------


@dataclass
class Row:
    table: Table
    number: int
    cells: dict[str, Any]
    path: Path | None = None  # the YAML file this row writes
    new: bool = False
    text: str | None = None  # the file's new content
    changes: list[tuple[str, Any, Any]] = field(default_factory=list)  # header, old, new
    own: list[SheetProblem] = field(default_factory=list)  # of the row and its file alone
    catalog: list[SheetProblem] = field(default_factory=list)  # of the catalog with this row in it

    @property
    def problems(self) -> list[SheetProblem]:
        return self.own + self.catalog

    @property
    def failed(self) -> bool:
        return any(p.severity == "error" for p in self.problems)

    def problem(self, column: str, message: str, severity: str = "error", *, catalog: bool = False) -> None:
        found = SheetProblem(self.table.where, self.number, column, severity, message)
        (self.catalog if catalog else self.own).append(found)


def _set_certificate(doc: CommentedMap, column: CertificateColumn, value: Any) -> None:
    certs = doc.get("certifications")
    cert = next((c for c in certs or () if isinstance(c, dict) and c.get("type") == column.cert_type), None)
    name = column.path[-1]
    order = yamledit.field_order(sheet.PRODUCTS.model, ("certifications",))
    if value is None:
        if cert is not None:
            cert.pop(name, None)
            if set(cert) <= {"type"}:
                certs.remove(cert)
            if not certs:
                doc.pop("certifications")
        return
    if certs is None:
        certs = CommentedSeq()
        yamledit.put(doc, "certifications", certs, list(sheet.PRODUCTS.model.model_fields))
    if cert is None:
        cert = CommentedMap(type=column.cert_type)
        certs.append(cert)
    yamledit.put(cert, name, yamledit.to_yaml(value), order)


def assign(doc: CommentedMap, kind: Sheet, column: Column, value: Any) -> None:
    if isinstance(column, CertificateColumn):
        _set_certificate(doc, column, value)
    else:
        yamledit.set_path(doc, kind.model, column.path, value)


def column_at(kind: Sheet, loc: tuple, data: Any) -> str:
    """The header of the column holding ``loc`` (a place in a file's data)."""
    loc = tuple(loc)
    if loc[:1] == ("certifications",) and len(loc) >= 2 and isinstance(loc[1], int):
        certs = data.get("certifications") if isinstance(data, dict) else None
        cert = certs[loc[1]] if isinstance(certs, list) and loc[1] < len(certs) else None
        cert_type = cert.get("type") if isinstance(cert, dict) else None
        if cert_type:
            return f"{cert_type}_{loc[2] if len(loc) > 2 and loc[2] != 'type' else 'number'}"
    names = tuple(p for p in loc if isinstance(p, str))
    plain = [c for c in kind.columns if not isinstance(c, CertificateColumn)]
    holding = [c for c in plain if names[: len(c.path)] == c.path]  # the column of the field, or of its group
    if holding:
        return max(holding, key=lambda c: len(c.path)).header
    inside = [c for c in plain if names and c.path[: len(names)] == names]  # a group: its first column
    return inside[0].header if inside else kind.keys[-1]


# -- the import ------------------------------------------------------------------------------


class Import:
    def __init__(self, root: Path, today: dt.date):
        self.root = root
        self.today = today
        self.rows: list[Row] = []
        self.smes = {p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith(("_", "."))}
        self.new_smes: dict[str, Row] = {}  # SME folders this import creates
        self._names: dict[tuple, dict[str, Path]] = {}  # (folder, kind) → name → file
        try:  # names staff use for regions and categories (an unreadable list is the validator's to report)
            self.names = {"region": lookup.regions(root), "category": lookup.categories(root)}
        except lookup.CatalogListError:
            self.names = {}

    # -- planning -------------------------------------------------------------------

    def _existing_by_name(self, folder: Path, kind: Sheet, name: str | None) -> Path | None:
        """A file of ``kind`` whose name is ``name``: a row without its key
        (slug) is the same thing as before when its name is (re-import)."""
        if not name:
            return None
        key = (folder, kind.kind)
        if key not in self._names:
            if kind is sheet.SMES:
                paths, name_path = [folder / slug / loader.SME_FILE for slug in sorted(self.smes)], ("name",)
            else:
                paths, name_path = sorted(p for p in folder.glob("*.yaml") if p.name != loader.SME_FILE), ("name", "id")
            self._names[key] = {}
            for path in paths:
                doc, _ = yamlfile.read(path) if path.is_file() else (None, None)
                found = sheet.normal(sheet.value_at(doc.data, name_path)) if doc is not None else None
                if isinstance(found, str):
                    self._names[key].setdefault(found, path)
        return self._names[key].get(sheet.normal(name))

    def locate(self, row: Row) -> None:
        """Which file the row writes (or that it cannot be placed)."""
        kind = row.table.kind
        sme_cell = sheet.normal(str(row.cells.get(sheet.SME_KEY) or ""))
        if kind is sheet.SMES:
            name = sheet.normal(str(row.cells.get("name") or ""))
            if sme_cell:
                slug = sme_cell
            else:
                found = self._existing_by_name(self.root, kind, name)
                if found is not None:
                    row.path = found
                    return
                if not name:
                    row.problem("name", "a new SME needs a name (or give its folder in `sme`)")
                    return
                slug = slugs.unique(slugs.slugify(name, "ukm"), self.smes)
            if not self._valid_slug(row, sheet.SME_KEY, slug):
                return
            row.path = self.root / slug / loader.SME_FILE
            row.new = not row.path.is_file()
            if row.new:
                self.new_smes[slug] = row
            self.smes.add(slug)
            return
        if not sme_cell:
            row.problem(sheet.SME_KEY, "give the SME's folder name (its slug) for this product")
            return
        if sme_cell not in self.smes:
            row.problem(sheet.SME_KEY, loader.unknown("sme", sme_cell, {s: s for s in self.smes}, "the catalog or the SME sheet"))
            return
        folder = self.root / sme_cell
        product_cell = sheet.normal(str(row.cells.get(sheet.PRODUCT_KEY) or ""))
        name = sheet.normal(str(row.cells.get("name_id") or ""))
        if product_cell:
            if not self._valid_slug(row, sheet.PRODUCT_KEY, product_cell):
                return
            row.path = folder / f"{product_cell}.yaml"
        else:
            row.path = self._existing_by_name(folder, kind, name)
            if row.path is None:
                if not name:
                    row.problem("name_id", "a new product needs a name (or give its file name in `product`)")
                    return
                taken = {p.stem for p in folder.glob("*.yaml")} | {r.path.stem for r in self.rows if r.path and r.path.parent == folder}
                row.path = folder / f"{slugs.unique(slugs.slugify(name, 'produk'), taken)}.yaml"
        row.new = not row.path.is_file()

    def _valid_slug(self, row: Row, column: str, slug: str) -> bool:
        if slugs.unique(slug, ()) != slug:
            row.problem(column, f"`{slug}` is not a valid slug; expected {loader.schema.SLUG_EXPECTED}, and not one of {', '.join(loader.schema.RESERVED_SLUGS)}")
            return False
        return True

    def plan(self, row: Row) -> None:
        """The row's new file content, changing only the cells that differ."""
        kind = row.table.kind
        current = {}
        doc = CommentedMap()
        if not row.new:
            parsed, _ = yamlfile.read(row.path)
            current = parsed.data if parsed is not None and isinstance(parsed.data, dict) else {}
            doc = yamledit.load(row.path)
        for header in row.table.headers:
            column = kind.column(header)
            if column is None or header not in row.cells:
                continue
            try:
                cell = column.read(row.cells[header])
            except CellError as exc:
                row.problem(header, f"`{header}`: {exc}")
                continue
            for warning in cell.warnings:
                row.problem(header, f"`{header}`: {warning}", "warning")
            old = column.get(current)
            if cell.value is None:
                continue  # an empty cell says nothing: the file keeps its value
            if cell.value is sheet.REMOVE:
                if column.required:
                    row.problem(header, f"`{header}` cannot be removed: every {'SME' if kind is sheet.SMES else 'product'} needs it")
                    continue
                cell.value = None
            if header in self.names and isinstance(cell.value, str):
                cell.value = lookup.resolve(cell.value, self.names[header]) or cell.value  # `Banyumas` → banyumas
            if not sheet.same(old, cell.value):
                assign(doc, kind, column, sheet.normal(cell.value))
                row.changes.append((header, old, cell.value))
        if row.new and kind is sheet.PRODUCTS and doc.get("added") is None:
            assign(doc, kind, kind.column("added"), self.today)
            row.changes.append(("added", None, self.today))
        if row.changes:
            row.text = yamledit.dump(doc)  # checked even when a cell failed: every problem of the row at once

    # -- checking -------------------------------------------------------------------

    def check_files(self, work: Path, rows: list[Row]) -> None:
        """Each written file alone, with the loader's rules and messages."""
        for row in rows:
            target = work / row.path.relative_to(self.root)
            _replace(target, row.text)
            doc, errors = yamlfile.read(target)
            for error in errors:
                row.problem(self.column_of(row, doc, (error.line, error.col)), error.message)
            if doc is None:
                continue
            _, problems = loader.validate(doc, row.table.kind.model)
            for loc, message in problems:
                row.problem(column_at(row.table.kind, loc, doc.data), message)
            for header, _old, new in row.changes:
                written = row.table.kind.column(header).get(doc.data)
                if not row.failed and not sheet.same(written, new):
                    row.problem(header, f"`{header}` would be written as `{written}` instead of `{new}`; please report this")

    def column_of(self, row: Row, doc, position: tuple[int, int]) -> str:
        if doc is not None:
            found = [loc for loc, mark in doc.marks.items() if mark == position]
            if found:
                return column_at(row.table.kind, max(found, key=len), doc.data)
        return row.table.kind.keys[-1]

    def check_catalog(self, work: Path, rows: list[Row], before: set) -> list[str]:
        """The rules across files (regions, categories, images, aliases…) on
        the catalog with these rows in it. Returns problems the import caused
        in files it did not write."""
        by_file = {display_path(work / r.path.relative_to(self.root), work.parent): r for r in rows}
        folders: dict[str, list[Row]] = {}
        for r in rows:
            folders.setdefault(display_path(work / r.path.parent.relative_to(self.root), work.parent) + "/", []).append(r)
        _, problems = loader.load(work, self.today)
        elsewhere = []
        for problem in problems.sorted():
            if problem.path in by_file:
                row = by_file[problem.path]
                doc, _ = yamlfile.read(work / row.path.relative_to(self.root))
                row.problem(self.column_of(row, doc, (problem.line, problem.col)), problem.message, problem.severity, catalog=True)
            elif problem.path in folders:
                for row in folders[problem.path]:
                    row.problem(row.table.kind.keys[0], problem.message, problem.severity, catalog=True)
            elif problem.severity == "error" and (problem.path, problem.message) not in before:
                elsewhere.append(str(problem))
        return elsewhere

    def run(self, tables: list[Table]) -> tuple[list[Row], list[str]]:
        # SMEs first: a product row may belong to an SME of the same import.
        for table in sorted(tables, key=lambda t: t.kind is sheet.PRODUCTS):
            for number, cells in table.rows:
                row = Row(table, number, cells)
                self.rows.append(row)
                self.locate(row)
        seen: dict[Path, Row] = {}
        for row in self.rows:
            if row.path is None:
                continue
            if row.path in seen:
                first = seen[row.path]
                row.problem(row.table.kind.keys[-1], f"the same {'SME' if row.table.kind is sheet.SMES else 'product'} as row {first.number}; merge the two rows")
                continue
            seen[row.path] = row
            self.plan(row)
        _, before_problems = loader.load(self.root, self.today)
        before = {(p.path, p.message) for p in before_problems.errors}
        elsewhere: list[str] = []
        with tempfile.TemporaryDirectory(prefix="sadewa-import-") as tmp:
            work = Path(tmp) / self.root.name
            _link_copy(self.root, work)
            pending = [r for r in self.rows if r.text is not None]
            self.check_files(work, pending)
            while True:
                for row in pending:
                    if row.failed:
                        _restore(self.root, work, row.path)
                pending = [r for r in pending if not r.failed]
                for row in pending:  # checked again on each pass
                    row.catalog = []
                    owner = self.new_smes.get(row.path.parent.name) if row.table.kind is sheet.PRODUCTS else None
                    if owner is not None and owner.failed:
                        row.problem(sheet.SME_KEY, f"its SME `{row.path.parent.name}` ({owner.table.where} row {owner.number}) has errors, so this product was not imported either", catalog=True)
                        _restore(self.root, work, row.path)
                pending = [r for r in pending if not r.failed]
                elsewhere = self.check_catalog(work, pending, before)
                if not any(r.failed for r in pending):
                    break
        return self.rows, elsewhere


def _replace(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)  # a new file: never writes through a hard link


def _restore(root: Path, work: Path, path: Path) -> None:
    target = work / path.relative_to(root)
    if path.is_file():
        shutil.copyfile(path, target)
    else:
        target.unlink(missing_ok=True)
        if target.parent.is_dir() and not any(target.parent.iterdir()):
            target.parent.rmdir()


def _link_copy(source: Path, target: Path) -> None:
    """A copy to check against: data files copied, images hard-linked."""
    def copy(src: str, dst: str) -> None:
        if src.endswith(".yaml"):
            shutil.copyfile(src, dst)
        else:
            try:
                os.link(src, dst)
            except OSError:
                shutil.copyfile(src, dst)
    shutil.copytree(source, target, copy_function=copy, symlinks=True)


def _shown(value: Any) -> str:
    if value is None:
        return "(empty)"
    text = str(value).strip().replace("\n", " ")
    return text if len(text) <= 60 else text[:57] + "…"


def run_import(root: Path, files: list[Path], today: dt.date, dry_run: bool) -> int:
    tables = [t for path in files for t in read(path)]
    if not tables:
        print("error: no sheet with an `sme` or `product` column found; see docs/spreadsheet.md", file=sys.stderr)
        return 1
    table_problems = [p for t in tables for p in t.problems]
    rows, elsewhere = Import(root, today).run(tables)
    problems = sorted(table_problems + [p for r in rows for p in r.problems])
    for problem in problems:
        print(problem)
    for line in elsewhere:
        print(line)
    good = [r for r in rows if not r.failed and r.path is not None]
    if elsewhere:
        print(f"nothing was written: the import would break {len(elsewhere)} other file(s) (above)", file=sys.stderr)
        return 1
    counts = {"new": 0, "changed": 0, "unchanged": 0}
    verb = "would write" if dry_run else "wrote"
    for row in good:
        shown = display_path(row.path, root.parent)
        if row.text is None:
            counts["unchanged"] += 1
            continue
        counts["new" if row.new else "changed"] += 1
        print(f"{verb} {shown} ({'new' if row.new else 'changed'}; {row.table.where} row {row.number})")
        for header, old, new in row.changes:
            print(f"  {header}: {_shown(old)} → {_shown(new)}")
        if not dry_run:
            _replace(row.path, row.text)
    failed = sum(1 for r in rows if r.failed)
    summary = f"{counts['new']} new, {counts['changed']} changed, {counts['unchanged']} unchanged"
    if failed:
        summary += f"; {failed} row(s) with errors not imported"
    if dry_run:
        summary += " (dry run: nothing written)"
    print(summary)
    return 1 if failed or any(p.severity == "error" for p in table_problems) else 0


# -- the export -----------------------------------------------------------------------------


def catalog_rows(root: Path) -> dict[str, list[list[Any]]]:
    """Every SME and product as rows of cells, in the template's columns."""
    out: dict[str, list[list[Any]]] = {sheet.SMES.kind: [], sheet.PRODUCTS.kind: []}
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(("_", "."))):
        for path in [folder / loader.SME_FILE] + sorted(p for p in folder.glob("*.yaml") if p.name != loader.SME_FILE):
            doc, errors = yamlfile.read(path) if path.is_file() else (None, [])
            if doc is None or not isinstance(doc.data, dict):
                print(f"warning: {display_path(path, root.parent)} is not readable and was left out; run `make validate`", file=sys.stderr)
                continue
            kind = sheet.SMES if path.name == loader.SME_FILE else sheet.PRODUCTS
            keys = [folder.name] if kind is sheet.SMES else [folder.name, path.stem]
            out[kind.kind].append(keys + [c.cell(c.get(doc.data)) for c in kind.columns])
    return out


def write_xlsx(path: Path, rows: dict[str, list[list[Any]]]) -> None:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for kind in sheet.SHEETS:
        ws = book.create_sheet(kind.kind)
        ws.append(kind.headers)
        for row in rows.get(kind.kind, []):
            ws.append(row)
        columns = [None] * len(kind.keys) + list(kind.columns)
        for index, column in enumerate(columns, start=1):
            letter = get_column_letter(index)
            ws.column_dimensions[letter].width = max(12, min(40, len(kind.headers[index - 1]) + 4))
            number_format = "@"  # text: 0812… keeps its 0
            if column is not None and column.kind is dt.date and not column.many:
                number_format = "yyyy-mm-dd"
            elif column is not None and column.kind in (int, float, bool) and not column.many:
                number_format = "General"
            for (cell,) in ws.iter_rows(min_col=index, max_col=index, min_row=2, max_row=max(ws.max_row, 2)):
                cell.number_format = number_format
            ws.cell(1, index).font = Font(bold=True)
        ws.freeze_panes = "A2"
    help_sheet = book.create_sheet(HELP_SHEET)
    help_sheet.append(["sheet", "column", "what to write"])
    for kind in sheet.SHEETS:
        for header, note in column_notes(kind):
            help_sheet.append([kind.kind, header, note])
    help_sheet.column_dimensions["B"].width = 28
    help_sheet.column_dimensions["C"].width = 100
    for row in help_sheet.iter_rows(min_row=2):
        row[2].alignment = Alignment(wrap_text=True)
    book.properties.creator = "Sadewa catalog"
    book.properties.created = book.properties.modified = dt.datetime(2000, 1, 1)
    book.save(path)


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def csv_paths(path: Path) -> dict[str, Path]:
    stem = path.name[: -len(path.suffix)] if path.suffix else path.name
    return {kind: path.with_name(stem + suffix) for kind, suffix in CSV_SUFFIX.items()}


def write_csv(path: Path, rows: dict[str, list[list[Any]]]) -> list[Path]:
    written = []
    for kind in sheet.SHEETS:
        target = csv_paths(path)[kind.kind]
        with target.open("w", encoding="utf-8-sig", newline="") as handle:  # the BOM tells Excel it is UTF-8
            out = csv.writer(handle)
            out.writerow(kind.headers)
            for row in rows.get(kind.kind, []):
                out.writerow([_csv_value(v) for v in row])
        written.append(target)
    return written


def run_export(root: Path, target: Path) -> int:
    rows = catalog_rows(root)
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.suffix.lower() == ".xlsx":
        write_xlsx(target, rows)
        written = [target]
    elif target.suffix.lower() == ".csv":
        written = write_csv(target, rows)
    else:
        print(f"error: {target}: expected a name ending in .xlsx or .csv", file=sys.stderr)
        return 2
    n_smes, n_products = len(rows[sheet.SMES.kind]), len(rows[sheet.PRODUCTS.kind])
    print(f"wrote {', '.join(map(str, written))}: {n_smes} SMEs, {n_products} products")
    return 0


# -- the template and its documentation ----------------------------------------------------------


KEY_NOTES = {
    sheet.SME_KEY: "the SME's folder name (slug); empty for a new SME: made from `name`",
    sheet.PRODUCT_KEY: "the product's file name (slug); empty for a new product: made from `name_id`",
}


def column_notes(kind: Sheet) -> list[tuple[str, str]]:
    notes = [(key, KEY_NOTES[key] if not (kind is sheet.PRODUCTS and key == sheet.SME_KEY) else "the folder name (slug) of the product's SME") for key in kind.keys]
    for column in kind.columns:
        notes.append((column.header, _describe(column)))
    return notes


def _describe(column: Column) -> str:
    if column.parts:
        what = f"items separated by `{sheet.LIST_SEPARATOR}`, each `" + f" {sheet.PART_SEPARATOR} ".join(p for p, _ in column.parts) + "`"
    else:
        what = {str: "text", int: "whole number", float: "number", bool: "yes or no", dt.date: "date (2025-03-14 or 14/03/2025)"}[column.kind]
        if column.many:
            what = f"list of {what}, separated by `{sheet.LIST_SEPARATOR}`"
    if isinstance(column, CertificateColumn):  # the schema's notes speak of YAML; say what the cell is
        part = {"valid_until": "last day of validity"}.get(column.path[-1], column.path[-1])
        return f"{what}: the {part} of the `{column.cert_type}` certificate"
    if column.header == "added":
        what += "; for a new product, empty: the day of the import"
    elif column.required:
        what += "; required"
    return f"{what}{': ' + column.note if column.note else ''}"


DOC_INTRO = """# Spreadsheet template

Generated from `sadewa/schema.py` by `make schema`; do not edit by hand.
Staff: the [panduan staf](panduan-staf.md) explains import and export in
Bahasa Indonesia.

`make import FILE=…` reads SMEs and products from a spreadsheet and writes
the YAML files of `products/`; `make export FILE=…` writes the catalog into
the same template. The empty templates are beside this file:

- [`spreadsheet-template.xlsx`](spreadsheet-template.xlsx): a sheet `smes`,
  a sheet `products` and a sheet `help` (the tables below);
- [`spreadsheet-template-smes.csv`](spreadsheet-template-smes.csv) and
  [`spreadsheet-template-products.csv`](spreadsheet-template-products.csv):
  one CSV file per kind.

## How a sheet is read

- **Which kind**: a sheet (or CSV file) whose first row has a `product`
  column is a products sheet; one with an `sme` column but no `product`
  column is an SME sheet. Other sheets (like `help`) are ignored, so sheet
  and file names are free. The header is the first non-empty row; columns
  may be in any order and may be left out.
- **Which file**: `sme` is the SME's folder and `product` the product's file
  name. Left empty, the row is matched by its name (`name`, `name_id`) to an
  existing SME or product of that SME, or else is new and gets a slug made
  from its name. A new product's `added` is the day of the import.
- **Only what changed**: a cell that means the same as the file leaves the
  file alone; a changed cell changes that field only; a column the sheet
  does not have keeps the field as it is; comments and order in the file
  stay. An empty cell says nothing and keeps the file's value, so a sheet
  with a column for some rows never erases it from the others; to remove a
  field, write `-` in its cell (required fields cannot be removed). No file
  is ever deleted: retire a product with `status` = `discontinued`.
- **As staff meant it**: text is trimmed (spaces, non-breaking spaces); a
  merged cell counts for every row it covers; dates may be date cells,
  `2025-03-14`, `14/03/2025` (day first), `14-03-2025` or `14 Maret 2025`;
  `Rp 850.000` and `850.000` are 850000 in whole-number columns; `12,5` is
  12.5; yes/no cells accept ya, yes, true, 1 and tidak, no, false, 0.
- **Phone numbers and codes stay text**: format these columns as Text (the
  templates do). A WhatsApp or phone number typed into a number cell lost
  its leading 0: the import puts it back (`81227001234` → `081227001234`;
  `6281…` stays) and warns. An HS code or certificate number in a number
  cell is an error, because digits may already be lost (`6206.30` →
  `6206.3`): type it again in a Text cell.
- **CSV files**: UTF-8 (Excel's "CSV UTF-8") or Windows-1252; the separator
  (`,` or `;`, as Indonesian Excel writes) is read from the header line.
  `make export FILE=catalog.csv` writes `catalog-smes.csv` and
  `catalog-products.csv`.
- **Errors**: every row is checked by the same validator as
  `make validate`, before anything is written. A row with an error is not
  imported; the others are. Each problem names the file, the sheet (xlsx),
  the row as the spreadsheet shows it (the header is row 1) and the column:

  ```
  katalog.xlsx:products:7:price_idr: error: `price.idr` must be a whole number without quotes or dots, not `sembilan puluh ribu`
  produk.csv:4:contact_whatsapp: warning: `contact_whatsapp`: a number cell: read as 081227001234 (leading 0 restored); format the column as Text
  ```

  `DRY_RUN=1` prints what would change, field by field, and writes nothing.
"""


def render_doc() -> str:
    parts = [DOC_INTRO]
    for kind, title in ((sheet.SMES, "Sheet `smes`: one row per SME"), (sheet.PRODUCTS, "Sheet `products`: one row per product")):
        parts.append(f"\n## {title}\n\n| column | what to write |\n| --- | --- |")
        for header, note in column_notes(kind):
            escaped = note.replace("|", "\\|")  # a | inside a Markdown table cell
            parts.append(f"| `{header}` | {escaped} |")
    parts.append(
        "\nCertificates: one set of three columns per certificate type; a row holds at most one"
        " certificate of each type (a file with two of the same type keeps the second as it is).\n"
    )
    return "\n".join(parts)


def write_template(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    xlsx = folder / "spreadsheet-template.xlsx"
    write_xlsx(xlsx, {})
    written = [xlsx] + write_csv(folder / "spreadsheet-template.csv", {})
    doc = folder / "spreadsheet.md"
    doc.write_text(render_doc(), encoding="utf-8")
    return written + [doc]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--products", type=Path, default=Path("products"), help="the catalog folder")
    commands = parser.add_subparsers(dest="command", required=True)
    importing = commands.add_parser("import", help="write or update YAML files from .xlsx or .csv files")
    importing.add_argument("files", nargs="+", type=Path)
    importing.add_argument("--dry-run", action="store_true", help="show what would change; write nothing")
    exporting = commands.add_parser("export", help="write the catalog to an .xlsx file (or two .csv files)")
    exporting.add_argument("file", type=Path)
    template = commands.add_parser("template", help="write the empty templates and docs/spreadsheet.md")
    template.add_argument("folder", type=Path, nargs="?", default=Path("docs"))
    args = parser.parse_args(argv)
    if args.command == "template":
        for path in write_template(args.folder):
            print(f"wrote {path}")
        return 0
    if not args.products.is_dir():
        print(f"error: {args.products} is not a catalog folder", file=sys.stderr)
        return 2
    if args.command == "export":
        return run_export(args.products, args.file)
    try:
        today = reference_date()
    except SettingError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        return run_import(args.products, args.files, today, args.dry_run)
    except SheetError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
