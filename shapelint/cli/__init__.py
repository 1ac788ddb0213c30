"""The command line: ``shapelint check``, ``rule``, ``shapes`` and ``clean``.

Everything a user can get wrong (an unknown code, a bad config key, a missing file for
``shapes``) ends in one line on stderr and exit 2; findings exit 1; a clean run exits 0;
Ctrl-C exits 130 with one line. The work itself is the engine's and the renderers'; this
package only wires them together. Importing it loads nothing heavy, so ``--version`` never
imports numpy or libcst.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from shapelint.cli.errors import EXIT_ERROR, EXIT_INTERRUPTED, UsageError
from shapelint.config import ConfigError
from shapelint.version import __version__


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``shapelint`` console script; returns the exit code."""
    from shapelint.cli.parser import build

    parser = build(__version__)
    args = parser.parse_args(argv)
    try:
        if args.command == "check":
            from shapelint.cli.check import check

            return check(args)
        if args.command == "rule":
            from shapelint.cli.commands import rule

            return rule(args)
        if args.command == "shapes":
            from shapelint.cli.shapes import shapes

            return shapes(args)
        if args.command == "clean":
            from shapelint.cli.commands import clean

            return clean(args)
        if args.command == "server":
            from shapelint.server import main as serve

            return serve()
        parser.print_help(sys.stderr)
        return EXIT_ERROR
    except (ConfigError, UsageError) as exc:
        print(f"shapelint: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        _interrupted()
        _leave_if_threads_remain()
        return EXIT_INTERRUPTED
    except Exception as exc:  # the run's own crash boundary: one line, exit 2
        print(f"shapelint: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_ERROR


def _interrupted() -> None:
    """One line, on a fresh line (a progress bar may be drawn)."""
    try:
        sys.stderr.write("\r\x1b[K" if sys.stderr.isatty() else "")
        sys.stderr.write("shapelint: interrupted\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


def _leave_if_threads_remain() -> None:
    """Exit at once when an analysis thread is still inside native code after Ctrl-C: the
    interpreter's shutdown would wait on it or abort (SIGABRT, a core dump) when it next
    asks for the GIL. Cache entries are written whole (a rename), so none is left torn."""
    import os
    import threading

    if any(t.is_alive() for t in threading.enumerate() if t is not threading.main_thread()):
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(EXIT_INTERRUPTED)


__all__ = ["main"]
