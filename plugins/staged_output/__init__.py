"""Atomic, incremental output: pages are written to a staging folder, every
internal link is checked, and only then does ``output/`` change — file by
file, only where the content changed. A failed build leaves ``output/`` as it
was."""

from pelican import signals

from .presence import start as start_looking
from .writer import BrokenLinks, FollowStepFailed, StagedWriter  # noqa: F401  (the plugin's API)


def _writer(_pelican):
    return StagedWriter


def register() -> None:
    signals.initialized.connect(start_looking)
    signals.get_writer.connect(_writer)
    signals.finalized.connect(StagedWriter.finish_current)
