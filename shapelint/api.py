"""The Python API: the same findings as ``shapelint check``, for scripts and other tools.

Each function runs the analysis and then applies ``# noqa`` comments and the selection in
``config`` exactly as the command line does (``per-file-ignores`` are matched relative to
``root``, by default the working directory). None of them raises on bad input: a file that
cannot be analysed gives one SHP900.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from shapelint.config import Config
from shapelint.diagnostics import Diagnostic


def lint_source(
    text: str,
    path: str = "<stdin>",
    config: Config | None = None,
    *,
    root: str | os.PathLike[str] | None = None,
) -> list[Diagnostic]:
    """The findings for one file's source; ``path`` is the name they carry."""
    from shapelint import engine
    from shapelint.runner import Target, finish

    config = config or Config()
    raw = engine.lint_document(text, path, config.analysis(), noqa=False)
    return finish(raw, Target(path, config, _root(root)), text)


def lint_bytes(
    data: bytes,
    path: str = "<stdin>",
    config: Config | None = None,
    *,
    root: str | os.PathLike[str] | None = None,
) -> list[Diagnostic]:
    """The findings for a file's bytes: undecodable bytes give the SHP900 a file would."""
    from shapelint import engine
    from shapelint.runner import Target, finish

    config = config or Config()
    try:
        text = engine.decode(data)
    except (SyntaxError, UnicodeDecodeError, LookupError):
        raw = engine.lint_bytes(data, path, config.analysis())
        return finish(raw, Target(path, config, _root(root)), "")
    return lint_source(text, path, config, root=root)


def lint_file(
    path: str, config: Config | None = None, *, root: str | os.PathLike[str] | None = None
) -> list[Diagnostic]:
    """The findings for one file on disk."""
    from shapelint.runner import lint_paths as run

    return run([path], config or Config(), jobs=1, root=_root(root))


def lint_paths(
    files: Sequence[str],
    config: Config | None = None,
    *,
    jobs: int | None = None,
    cache_dir: str | None = None,
    root: str | os.PathLike[str] | None = None,
) -> list[Diagnostic]:
    """The findings for many files (not directories: see ``shapelint.discover.discover``),
    in a process pool when worth it; ``cache_dir`` enables the content cache there."""
    from shapelint.runner import lint_paths as run

    return run(files, config or Config(), jobs=jobs, cache_dir=cache_dir, root=_root(root))


def _root(root: str | os.PathLike[str] | None) -> str | None:
    return None if root is None else os.fspath(root)
