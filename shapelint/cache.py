"""The content cache: a file whose bytes, path and settings are unchanged is not analysed again.

Why it is shaped this way:

- What is cached is the analysis before any selection: every rule's findings, before
  ``noqa``, ``select``, ``ignore`` and ``per-file-ignores`` are applied (the CLI applies them
  after). Changing the selection is a warm run.
- The key is the sha256 of everything that analysis depends on: the file's bytes, its path
  (findings carry it), the analysis settings (budgets, prefilter), shapelint's version and a
  fingerprint of shapelint's own sources (so a development checkout whose analysis changed
  without a version bump never serves stale findings).
- Entries live in one folder per file path: storing a file's new entry removes the ones it
  supersedes, and a run that walked a whole project removes entries it did not use
  (``prune``), so the cache does not grow with every edit.
- One small JSON entry per key, written to a temporary file and moved into place with
  ``os.replace``: a reader sees a whole entry or none, so concurrent runs and a run killed
  midway can only leave missing entries (recomputed) or stray temporaries (never read).
- An entry holds its own key and is validated field by field when read: a corrupt, truncated
  or foreign entry is a miss, never trusted.
- Reading the cache needs only hashlib and json: a fully warm run never imports libcst.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from shapelint.config import Config
from shapelint.diagnostics import CellLocation, Diagnostic, Position, Related, Severity

CACHE_DIR_NAME = ".shapelint_cache"
FORMAT = 3  # bump when the entry layout changes
MARKER = "# Automatically created by shapelint."  # first line of the cache's .gitignore
STRAY_AGE = 3600.0  # seconds after which a temporary file is surely abandoned
_PACKAGE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Cache:
    """Entries under ``root``, valid for one salt (version, sources fingerprint, config)."""

    root: Path
    salt: str
    used: set[str] = field(default_factory=set, compare=False)  # keys this run read or wrote

    def key(self, path: str, content: bytes) -> str:
        """By absolute path: ``a.py`` and ``./a.py``, the CLI and the flake8 plugin, share
        an entry (findings are re-attached to the path as spelled when read)."""
        digest = hashlib.sha256(self.salt.encode())
        digest.update(b"\0" + _absolute(path) + b"\0")
        digest.update(content)
        return digest.hexdigest()

    def load(self, path: str, content: bytes) -> list[Diagnostic] | None:
        """The cached findings for this file's bytes, or None on a miss or a bad entry."""
        key = self.key(path, content)
        try:
            with open(self._entry(path, key), "rb") as handle:
                data = json.loads(handle.read())
        except (OSError, ValueError):
            return None
        found = _decode(data, key, path)
        if found is not None:
            self.used.add(key)
        return found

    def store(self, path: str, content: bytes, diagnostics: list[Diagnostic]) -> None:
        """Write the entry atomically; a cache that cannot be written is silently skipped."""
        key = self.key(path, content)
        entry = self._entry(path, key)
        rows = [_encode(d) for d in diagnostics]
        payload = json.dumps({"format": FORMAT, "key": key, "diagnostics": rows})
        try:
            entry.parent.mkdir(parents=True, exist_ok=True)
            fd, temporary = tempfile.mkstemp(prefix=".tmp-", dir=entry.parent)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as handle:
                    handle.write(payload)
                os.replace(temporary, entry)
            except BaseException:
                _remove(temporary)
                raise
        except OSError:
            return
        self.used.add(key)
        for sibling in _listing(entry.parent):
            if sibling.endswith(".json") and sibling != entry.name:
                _remove(str(entry.parent / sibling))  # an older version of this file

    def prune(self) -> int:
        """Remove every entry this run did not use, and abandoned temporaries; the count.

        Call it only after a run that saw every file of the project (a walk of its root):
        a run over a few files (pre-commit) must not throw away the others' entries."""
        removed = 0
        entries = self.root / "entries"
        now = time.time()
        for folder in _listing(entries):
            for name in _listing(entries / folder):
                path = entries / folder / name
                if name.startswith(".tmp-"):
                    try:
                        stale = now - path.stat().st_mtime > STRAY_AGE
                    except OSError:
                        continue
                    if stale:
                        _remove(str(path))
                elif name.removesuffix(".json") not in self.used:
                    _remove(str(path))
                    removed += 1
            try:
                (entries / folder).rmdir()  # only when empty
            except OSError:
                pass
        return removed

    def _entry(self, path: str, key: str) -> Path:
        folder = hashlib.sha256(_absolute(path)).hexdigest()[:16]
        return self.root / "entries" / folder / f"{key}.json"


def open_cache(cache_dir: str | os.PathLike[str], config: Config) -> Cache | None:
    """The cache in ``cache_dir`` (by convention ``<project root>/.shapelint_cache``).

    The directory is created with a ``.gitignore`` of ``*`` in it, so it never shows up in
    ``git status`` wherever it lands. None when it cannot be created: the run goes on uncached.
    """
    root = Path(cache_dir)
    try:
        root.mkdir(parents=True, exist_ok=True)
        ignore = root / ".gitignore"
        if not ignore.exists():
            ignore.write_text(f"{MARKER}\n*\n", encoding="utf-8")
    except OSError:
        return None
    return Cache(root, salt(config))


def salt(config: Config) -> str:
    """Everything besides the file that the analysis depends on, as one stable string (the
    selection is not part of it: it is applied to the cached analysis)."""
    from shapelint import __version__

    settings = json.dumps(dataclasses.asdict(config.analysis()), sort_keys=True, default=str)
    sources = sources_fingerprint()
    return f"shapelint {__version__} format {FORMAT} sources {sources} config {settings}"


def sources_fingerprint() -> str:
    """sha256 over shapelint's own ``.py`` files: a changed analysis invalidates every entry."""
    digest = hashlib.sha256()
    for source in sorted(_PACKAGE.rglob("*.py")):
        digest.update(source.relative_to(_PACKAGE).as_posix().encode() + b"\0")
        try:
            digest.update(source.read_bytes())
        except OSError:
            continue
    return digest.hexdigest()


def _encode(diag: Diagnostic) -> list[Any]:
    start, end = diag.start, diag.end
    severity = diag.severity.value
    row = [start.line, start.column, end.line, end.column, diag.code, diag.message, severity]
    extras = _encode_extras(diag)
    return [*row, extras] if extras else row


def _encode_extras(diag: Diagnostic) -> dict[str, Any]:
    """A notebook cell, a fix and related places, when the finding has them (the row's
    optional 8th item)."""
    extras: dict[str, Any] = {}
    if diag.cell is not None:
        where = diag.cell
        extras["cell"] = [where.cell, *_pair(where.file_start), *_pair(where.file_end)]
    if diag.fix is not None:
        from shapelint.fixes import to_data

        extras["fix"] = to_data(diag.fix)
    if diag.related:
        extras["related"] = [
            [*_pair(r.start), *_pair(r.end), r.message, r.cell] for r in diag.related
        ]
    return extras


def _pair(position: Position) -> tuple[int, int]:
    return position.line, position.column


def _decode_extras(extras: Any) -> dict[str, Any] | None:
    """The keyword arguments the extras give a Diagnostic; None when they are malformed."""
    if not isinstance(extras, dict):
        return None
    out: dict[str, Any] = {}
    cell = extras.get("cell")
    if cell is not None:
        if not (isinstance(cell, list) and len(cell) == 5 and all(type(n) is int for n in cell)):
            return None
        out["cell"] = CellLocation(cell[0], Position(cell[1], cell[2]), Position(cell[3], cell[4]))
    if extras.get("fix") is not None:
        from shapelint.fixes import from_data

        out["fix"] = from_data(extras["fix"])
        if out["fix"] is None:
            return None
    related = extras.get("related", [])
    if not isinstance(related, list) or not all(_is_related(r) for r in related):
        return None
    if related:
        out["related"] = tuple(
            Related(Position(r[0], r[1]), Position(r[2], r[3]), r[4], r[5]) for r in related
        )
    return out


def _is_related(row: Any) -> bool:
    return (
        isinstance(row, list)
        and len(row) == 6
        and all(type(n) is int for n in row[:4])
        and isinstance(row[4], str)
        and (row[5] is None or type(row[5]) is int)
    )


def _decode(data: Any, key: str, path: str) -> list[Diagnostic] | None:
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("key") != key:
        return None
    rows = data.get("diagnostics")
    if not isinstance(rows, list):
        return None
    out: list[Diagnostic] = []
    for row in rows:
        if not (isinstance(row, list) and len(row) in (7, 8)):
            return None
        extras = _decode_extras(row[7] if len(row) == 8 else {})
        if extras is None:
            return None
        *numbers, code, message, severity = row[:7]
        if not all(type(n) is int and n >= 0 for n in numbers):
            return None
        if not (isinstance(code, str) and isinstance(message, str) and severity in _SEVERITIES):
            return None
        start, end = Position(numbers[0], numbers[1]), Position(numbers[2], numbers[3])
        out.append(Diagnostic(path, start, end, code, message, Severity(severity), **extras))
    return out


_SEVERITIES = frozenset(s.value for s in Severity)


def _absolute(path: str) -> bytes:
    return os.path.abspath(path).encode("utf-8", "surrogateescape")


def _listing(directory: Path) -> list[str]:
    try:
        return os.listdir(directory)
    except OSError:
        return []


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        return
