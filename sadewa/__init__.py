"""Sadewa catalog: the data model, its validation and the tools around it.

The Pelican plugins in ``plugins/`` and the commands in ``scripts/`` both
build on this package; nothing here depends on Pelican.
"""
