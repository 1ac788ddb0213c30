"""``shapelint server``: a Language Server over stdio, built on pygls.

pygls is the optional ``server`` extra (``pip install 'shapelint[server]'``), so the linter
itself keeps its two run-time dependencies; without it the command says how to get it.
"""

from __future__ import annotations

import sys

MISSING = "`shapelint server` needs pygls: pip install 'shapelint[server]'"


def main() -> int:
    """Serve one editor over stdin/stdout until it exits; 2 when pygls is missing."""
    try:
        import pygls  # noqa: F401
    except ImportError:
        print(f"shapelint: error: {MISSING}", file=sys.stderr)
        return 2
    from shapelint.server.app import build

    build().start_io()
    return 0
