"""The up-to-date check reads the settings without Pelican, and reads them
as Pelican does."""

from __future__ import annotations

import pytest
from pelican.settings import read_settings

from sadewa.uptodate import CHECKED_SETTINGS, settings_for_check

from ..conftest import ROOT

OVERRIDES = [
    {},
    {"CACHE_PATH": "/tmp/elsewhere", "OUTPUT_PATH": "/tmp/elsewhere/stage", "SADEWA_OUTPUT": "/tmp/out"},
    {"CACHE_PATH": "build-cache", "OUTPUT_PATH": "build-cache/stage", "SADEWA_PRODUCTS": "tests/fixtures/catalog"},
]


@pytest.mark.parametrize("override", OVERRIDES, ids=["as-written", "absolute", "relative"])
@pytest.mark.parametrize("name", ["pelicanconf.py", "publishconf.py"])
def test_the_checked_settings_are_pelicans(name, override, monkeypatch):
    monkeypatch.chdir(ROOT)
    path = str(ROOT / name)
    ours = settings_for_check(path, dict(override))
    pelicans = read_settings(path, override=dict(override))
    assert {key: ours[key] for key in CHECKED_SETTINGS} == {key: pelicans[key] for key in CHECKED_SETTINGS}


def test_a_setting_left_to_pelicans_defaults_is_read_by_pelican(tmp_path):
    settings = tmp_path / "settings.py"
    settings.write_text('PATH = "content"\nTHEME = "theme"\nPLUGIN_PATHS = ["plugins"]\nSADEWA_PRODUCTS = "products"\nSADEWA_OUTPUT = "output"\n')
    assert settings_for_check(str(settings), {}) is None  # no CACHE_PATH: Pelican's default applies
    assert settings_for_check(str(settings), {"CACHE_PATH": "cache"})["CACHE_PATH"] == str(tmp_path / "cache")
