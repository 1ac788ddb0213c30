"""The bug suite's helpers live in bench/bugs (beside the cases and records they read)."""

import sys
from pathlib import Path

BUGS = Path(__file__).resolve().parents[2] / "bench" / "bugs"
if str(BUGS) not in sys.path:
    sys.path.insert(0, str(BUGS))
