"""Reading one YAML data file safely, keeping where every value came from.

PyYAML reads YAML 1.1, where ``0271234567`` is octal, ``1.500`` is 1.5,
``12:30`` is 750 and ``yes`` is True. We compose the node tree with libyaml
and build the values ourselves under YAML 1.2's core rules (plus plain
``YYYY-MM-DD`` dates), so nothing is silently changed; a number written where
text belongs is then reported by the validator with its source text.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

MAX_BYTES = 1024 * 1024

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_INT = re.compile(r"^[-+]?[0-9]+$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")

_STR, _SEQ, _MAP = "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"
_TAG_INT, _TAG_FLOAT = "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"
_TAG_BOOL, _TAG_NULL = "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null"
_TAG_DATE = "tag:yaml.org,2002:timestamp"
_PLAIN = "tag:sadewa:plain"  # an untagged plain scalar, typed by _plain_tag
MAX_DEPTH = 32  # catalog files nest four levels; deeper is a mistake or an attack


class _Core12Loader(_Loader):
    """libyaml's parser with no implicit types: ``_Builder`` types plain
    scalars itself by YAML 1.2's core rules (faster than PyYAML's resolver)."""

    def resolve(self, kind, value, implicit):
        if kind is yaml.ScalarNode:
            return _PLAIN if implicit[0] else _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP


_Core12Loader.yaml_implicit_resolvers = {}

_PLAIN_TYPES = [(_TAG_NULL, _NULL), (_TAG_BOOL, _BOOL), (_TAG_INT, _INT), (_TAG_FLOAT, _FLOAT), (_TAG_DATE, _DATE)]


def _plain_tag(text: str) -> str:
    if text and (text[0] in "-+.0123456789~nNtTfF") or not text:
        for tag, regexp in _PLAIN_TYPES:
            if regexp.match(text):
                return tag
    return _STR


Path_ = tuple  # a location inside a document: keys and list indexes


@dataclass
class Document:
    """A parsed file: plain Python data plus the source position of each part."""

    data: Any
    marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    # Source text of plain scalars that YAML read as a number, bool or date.
    raw: dict[Path_, str] = field(default_factory=dict)
    digest: str = ""  # of the file's bytes: the version of what it says

    def locate(self, path: Path_) -> tuple[int, int]:
        """Line and column of ``path``, or of its nearest ancestor that exists."""
        path = tuple(path)
        while path:
            if path in self.marks:
                return self.marks[path]
            path = path[:-1]
        return self.marks.get((), (1, 1))


@dataclass(frozen=True)
class FileError:
    line: int
    col: int
    message: str


class _Builder:
    def __init__(self) -> None:
        self.doc = Document(None)
        self.errors: list[FileError] = []
        self._seen: set[int] = set()

    @staticmethod
    def _pos(node) -> tuple[int, int]:
        return node.start_mark.line + 1, node.start_mark.column + 1

    def build(self, node, path: Path_) -> Any:
        if len(path) > MAX_DEPTH:
            line, col = self._pos(node)
            self.errors.append(FileError(line, col, f"values are nested more than {MAX_DEPTH} levels deep; catalog files need at most four"))
            return None
        if id(node) in self._seen:
            line, col = self.doc.locate(path)
            self.errors.append(FileError(line, col, "YAML anchors and aliases (& and *) are not allowed in catalog files; write the value out"))
            return None
        self._seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ:
                return self._bad_tag(node)
            items = []
            for index, item in enumerate(node.value):
                self.doc.marks[path + (index,)] = self._pos(item)
                items.append(self.build(item, path + (index,)))
            return items
        return self._scalar(node, path)

    def _mapping(self, node, path: Path_) -> dict:
        if node.tag != _MAP:
            return self._bad_tag(node)
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            line, col = self._pos(key_node)
            if not isinstance(key_node, yaml.ScalarNode):
                self.errors.append(FileError(line, col, "a field name must be plain text"))
                continue
            key = key_node.value
            if key in result:
                self.errors.append(FileError(line, col, f"field `{key}` appears twice; keep only one"))
                continue
            self.doc.marks[path + (key,)] = (line, col)
            result[key] = self.build(value_node, path + (key,))
        return result

    def _scalar(self, node, path: Path_) -> Any:
        text, tag = node.value, node.tag
        if tag == _PLAIN:
            tag = _plain_tag(text)
        if tag == _STR:
            return text
        if tag == _TAG_NULL:
            return None
        self.doc.raw[path] = text
        if tag == _TAG_BOOL:
            return text.lower() == "true"
        if tag == _TAG_INT:
            return int(text)
        if tag == _TAG_FLOAT:
            return float(text)
        if tag == _TAG_DATE:
            try:
                return dt.date.fromisoformat(text)
            except ValueError:
                line, col = self.doc.locate(path)
                name = ".".join(str(p) for p in path if isinstance(p, str)) or "value"
                self.errors.append(FileError(line, col, f"`{name}` is `{text}`, which is not a real calendar date (expected YYYY-MM-DD)"))
                return None
        return self._bad_tag(node)

    def _bad_tag(self, node) -> None:
        line, col = self._pos(node)
        self.errors.append(FileError(line, col, f"YAML tag `{node.tag}` is not allowed; write plain values"))
        return None


def _decode(data: bytes) -> tuple[str | None, FileError | None]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        return None, FileError(line, col, f"file is not UTF-8 text (byte 0x{data[exc.start]:02x}); save it as UTF-8")
    return text.removeprefix("\ufeff"), None


def _too_deep(text: str) -> FileError | None:
    """Reject deep nesting before composing: libyaml's composer recurses, and
    a few hundred thousand brackets would crash it."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return None
    depth = 0
    for event in yaml.parse(text, Loader=_Core12Loader):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                mark = event.start_mark
                return FileError(mark.line + 1, mark.column + 1, f"values are nested more than {MAX_DEPTH} levels deep; catalog files need at most four")
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
    return None


def _syntax_error(exc: yaml.MarkedYAMLError, text: str) -> FileError:
    mark = exc.problem_mark or exc.context_mark
    # An unclosed quote or bracket is found at the end of the file; where it
    # was opened is what staff need to see.
    if exc.context_mark is not None and (mark is None or mark.index >= len(text.rstrip())):
        mark = exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    detail = " ".join(part.split("\n")[0].strip() for part in (exc.context, exc.problem) if part)
    return FileError(line, col, f"not valid YAML: {detail} (check the indentation, and quote text that contains ': ' or starts with a symbol)")


def read(path: Path) -> tuple[Document | None, list[FileError]]:
    """Parse ``path``; return the document (None if unusable) and its problems."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return None, [FileError(1, 1, f"file is {size:,} bytes; catalog files may be at most 1 MiB")]
        data = path.read_bytes()
    except OSError as exc:
        return None, [FileError(1, 1, f"cannot read file: {exc.strerror}")]
    text, error = _decode(data)
    if error:
        return None, [error]
    try:
        too_deep = _too_deep(text)
        if too_deep:
            return None, [too_deep]
        node = yaml.compose(text, Loader=_Core12Loader)
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_error(exc, text)]
    except yaml.YAMLError as exc:
        return None, [FileError(1, 1, f"not valid YAML: {exc}")]
    if node is None:
        return None, [FileError(1, 1, "file is empty")]
    builder = _Builder()
    builder.doc.marks[()] = (1, 1)
    builder.doc.data = builder.build(node, ())
    builder.doc.digest = hashlib.blake2b(data, digest_size=12).hexdigest()
    return builder.doc, builder.errors
