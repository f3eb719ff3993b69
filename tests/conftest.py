import datetime as dt
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
TODAY = dt.date(2026, 11, 28)


@pytest.fixture
def catalog_copy(tmp_path: Path) -> Path:
    """A writable copy of the small valid catalog; returns its products/ folder."""
    shutil.copytree(FIXTURES / "catalog", tmp_path, dirs_exist_ok=True)
    return tmp_path / "products"
