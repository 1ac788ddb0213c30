"""How a finding's path is shown: relative to the project root when it lies inside it.

Kept pure (no file-system access) so that renderers stay golden-testable.
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import quote

from shapelint.diagnostics import Diagnostic, Related

RULES_URL = "https://github.com/shapelint/shapelint/blob/main/rules/{code}.md"


# every line break str.splitlines knows, with the spaces around it
_BREAK = re.compile(r"\s*(?:\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029])\s*")


def one_line(message: str) -> str:
    """A message on one line: each line break becomes a space. Every renderer applies it, so
    no message (a quoted expression, an exception's text) can break a format's lines."""
    return _BREAK.sub(" ", message).strip()


def rule_url(code: str) -> str:
    return RULES_URL.format(code=code)


def location(diagnostic: Diagnostic, root: str) -> str:
    """``path:line:col``, or ``path:cell N:line:col`` in a notebook (lines count in the cell)."""
    shown = display_path(diagnostic.path, root)
    cell = f"cell {diagnostic.cell.cell}:" if diagnostic.cell is not None else ""
    return f"{shown}:{cell}{diagnostic.start.line}:{diagnostic.start.column}"


def related_location(diagnostic: Diagnostic, related: Related, root: str) -> str:
    """Where a related place is, in the finding's file (``path:line:col``, or with its cell)."""
    shown = display_path(diagnostic.path, root)
    cell = f"cell {related.cell}:" if related.cell is not None else ""
    return f"{shown}:{cell}{related.start.line}:{related.start.column}"


def chain_suffix(diagnostic: Diagnostic) -> str:
    """The call chain for a one-line message (flake8's): `` (called with (4, 100) at
    line 10:5)``, outermost call first; empty when the finding has none."""
    if not diagnostic.related:
        return ""
    places = "; ".join(
        f"{one_line(r.message)} at {'cell ' + str(r.cell) + ' ' if r.cell is not None else ''}"
        f"line {r.start.line}:{r.start.column}"
        for r in diagnostic.related
    )
    return f" ({places})"


def display_path(path: str, root: str) -> str:
    """``path`` relative to ``root`` with forward slashes if it is inside; otherwise unchanged."""
    normal = posixpath.normpath(path.replace("\\", "/")) if path else path
    if not posixpath.isabs(normal):
        return normal[2:] if normal.startswith("./") else normal
    base = posixpath.normpath(root.replace("\\", "/"))
    if normal == base or not normal.startswith(base.rstrip("/") + "/"):
        return normal
    return posixpath.relpath(normal, base)


def file_uri(path: str) -> str:
    """A file: URI for an absolute POSIX path (directories keep their trailing slash)."""
    return "file://" + quote(path.replace("\\", "/"))


def uri_path(path: str) -> str:
    """A relative path as a URI reference (percent-encoded, forward slashes)."""
    return quote(path.replace("\\", "/"))
