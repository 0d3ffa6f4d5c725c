from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture
def shared() -> Path:
    """The shared benchmark folder beside the project; tests that need it skip where it is absent."""
    if not (SHARED / "bench").is_dir():
        pytest.skip("../shared is not beside the project")
    return SHARED
