import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

# The tests write patterns of their own (generated rule files among them) to declutter's cache:
# a folder of their own, not the user's, whose later runs would read them all at start-up.
if not os.environ.get("DECLUTTER_CACHE"):
    _CACHE = tempfile.mkdtemp(prefix="declutter-tests-cache-")
    os.environ["DECLUTTER_CACHE"] = _CACHE
    atexit.register(shutil.rmtree, _CACHE, True)

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture
def shared() -> Path:
    """The shared benchmark folder beside the project; tests that need it skip where it is absent."""
    if not (SHARED / "bench").is_dir():
        pytest.skip("../shared is not beside the project")
    return SHARED
