"""Errors are data: every rule that fails becomes a Problem, reported all at once."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    path: str
    line: int
    col: int
    severity: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.severity}: {self.message}"

    def github_annotation(self) -> str:
        # Workflow commands need %, CR and LF escaped in the message.
        text = self.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::{self.severity} file={self.path},line={self.line},col={self.col}::{text}"


@dataclass
class Problems:
    """Collects problems for one run; paths are shown relative to ``root_label``."""

    items: list[Problem] = field(default_factory=list)

    def add(self, path: str, line: int, col: int, severity: str, message: str) -> None:
        self.items.append(Problem(path, max(line, 1), max(col, 1), severity, message))

    def error(self, path: str, message: str, line: int = 1, col: int = 1) -> None:
        self.add(path, line, col, ERROR, message)

    def warning(self, path: str, message: str, line: int = 1, col: int = 1) -> None:
        self.add(path, line, col, WARNING, message)

    def extend(self, other: "Problems") -> None:
        self.items.extend(other.items)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity == WARNING]

    def sorted(self) -> list[Problem]:
        return sorted(set(self.items))


def report(problems: Problems, stream, *, github: bool | None = None) -> None:
    """Print every problem, then a one-line summary.

    Under GitHub Actions each problem is also a workflow annotation and the
    whole list goes to the step summary.
    """
    if github is None:
        github = os.environ.get("GITHUB_ACTIONS") == "true"
    rows = problems.sorted()
    for problem in rows:
        print(problem.github_annotation() if github else str(problem), file=stream)
    n_err, n_warn = len(problems.errors), len(problems.warnings)
    summary = f"{n_err} error(s), {n_warn} warning(s)"
    print(summary, file=stream)
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if github and summary_file:
        with open(summary_file, "a", encoding="utf-8") as out:
            out.write(f"### Catalog validation: {summary}\n\n")
            if rows:
                out.write("```\n" + "\n".join(str(p) for p in rows) + "\n```\n")


def display_path(path: Path, base: Path) -> str:
    """A path as staff see it in the repository, e.g. ``products/x/sme.yaml``."""
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()
