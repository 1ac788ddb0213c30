"""Generated and mutated programs through ``lint_source`` and the flake8 plugin: nothing may
escape, and every result must be a list of well-formed diagnostics.

The crash boundary turns any exception into an SHP900 "internal error", so a crash shows up
here as that message (or as RecursionError's "nesting too deep"), not as an exception: both
fail these tests. Sources come from hypothesmith (grammar-based text and libcst node trees),
pysource-codegen (larger random programs, when installed) and mutated copies of
``examples/*.py`` (numbers changed, dims swapped, tokens dropped or swapped, lines cut).

CI runs a bounded number of examples per strategy; ``SHAPELINT_FUZZ_EXAMPLES=20000`` runs
that many for every strategy instead (a long, one-off run), and ``SHAPELINT_FUZZ_LOG=FILE``
appends each failing source with its traceback to FILE (JSON lines) and goes on, so one long
run collects every crash instead of stopping at the first (FILE.count counts the programs).
"""

from __future__ import annotations

import io
import json
import os
import tokenize
import traceback
from pathlib import Path

import hypothesmith
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shapelint.checks import REGISTRY
from shapelint.config import Config
from shapelint.diagnostics import Diagnostic, Severity
from shapelint.engine import lint_source
from shapelint.flake8_plugin import Plugin

EXAMPLES_DIR = Path(__file__).resolve().parents[2] / "examples"
EXAMPLES = sorted(EXAMPLES_DIR.glob("*.py"))
CODES = {rule.code for rule in REGISTRY}
CRASH_MESSAGES = ("internal error", "nesting too deep")
LONG_RUN = int(os.environ.get("SHAPELINT_FUZZ_EXAMPLES", "0"))
CRASH_LOG = os.environ.get("SHAPELINT_FUZZ_LOG")
# Names pysource-codegen and the mutations use, bound to arrays so the analysis has shapes.
HEADER = """\
import numpy as np
import torch
import torch.nn as nn
name_0 = np.zeros((3, 4))
name_1 = torch.randn(4, 5)
name_2 = np.ones((5,))
name_3 = torch.zeros(2, 3, 4)
name_4 = nn.Linear(4, 8)
name_5 = np.arange(12).reshape(3, 4)
"""
CONFIG = Config(select=("ALL",), prefilter=False)
PATH = "fuzz.py"


def fuzz_settings(ci_examples: int) -> settings:
    return settings(
        max_examples=LONG_RUN or ci_examples,
        deadline=None,
        derandomize=not LONG_RUN,  # CI is reproducible; a long run explores
        suppress_health_check=list(HealthCheck),
        database=None,
    )


def assert_well_formed(diagnostics: object, source: str) -> None:
    """A list of Diagnostics for PATH with registered codes, 1-based positions, end >= start,
    and no trace of a crash caught by the boundary."""
    assert isinstance(diagnostics, list)
    for diag in diagnostics:
        assert isinstance(diag, Diagnostic)
        assert diag.path == PATH
        assert diag.code in CODES, diag
        assert isinstance(diag.severity, Severity)
        assert diag.message and isinstance(diag.message, str)
        assert diag.start.line >= 1 and diag.start.column >= 1, diag
        assert diag.end >= diag.start, diag
        assert not any(crash in diag.message for crash in CRASH_MESSAGES), (diag, source)


def assert_flake8_well_formed(source: str) -> None:
    """The plugin class as flake8 drives it: 1-based rows, 0-based columns, "SHPnnn message"."""
    lines = io.StringIO(source).readlines()
    results = list(Plugin(None, lines, PATH).run())
    for row, column, text, kind in results:
        assert kind is Plugin
        assert isinstance(row, int) and row >= 1
        assert isinstance(column, int) and column >= 0
        code, _, message = text.partition(" ")
        assert code in CODES and message, text
        assert not any(crash in message for crash in CRASH_MESSAGES), (text, source)


def check(source: str) -> None:
    if CRASH_LOG:  # one byte per program: a long run's count survives a timeout
        with open(CRASH_LOG + ".count", "a", encoding="utf-8") as count:
            count.write(".")
    try:
        assert_well_formed(lint_source(source, PATH, CONFIG), source)
        assert_flake8_well_formed(source)
    except AssertionError:
        if not CRASH_LOG:
            raise
        with open(CRASH_LOG, "a", encoding="utf-8") as log:
            log.write(json.dumps({"source": source, "error": traceback.format_exc()}) + "\n")


# -- generated programs -----------------------------------------------------------------
@fuzz_settings(ci_examples=60)
@given(hypothesmith.from_grammar())
def test_grammar_programs(source: str) -> None:
    check(source)
    check(HEADER + source)


@fuzz_settings(ci_examples=40)
@given(hypothesmith.from_node())
def test_node_programs(source: str) -> None:
    check(HEADER + source)


@fuzz_settings(ci_examples=6)
@given(st.integers(min_value=0, max_value=2**32 - 1))
def test_pysource_codegen_programs(seed: int) -> None:
    codegen = pytest.importorskip("pysource_codegen")
    source = codegen.generate(seed, node_limit=300, depth_limit=6)
    check(HEADER + source)


# -- mutated examples -------------------------------------------------------------------
def tokens_of(source: str) -> list[tokenize.TokenInfo]:
    return list(tokenize.generate_tokens(io.StringIO(source).readline))


def offsets(source: str) -> list[int]:
    """Index of each line's first character, for turning token positions into offsets."""
    starts, total = [0], 0
    for line in source.splitlines(keepends=True):
        total += len(line)
        starts.append(total)
    return starts


def span(source: str, token: tokenize.TokenInfo) -> tuple[int, int]:
    starts = offsets(source)
    return starts[token.start[0] - 1] + token.start[1], starts[token.end[0] - 1] + token.end[1]


@st.composite
def mutated_examples(draw: st.DrawFn) -> str:
    """One example file with one to three edits at token level."""
    source = draw(st.sampled_from(EXAMPLES)).read_text(encoding="utf-8")
    for _ in range(draw(st.integers(1, 3))):
        source = draw(mutation(source))
    return source


def mutation(source: str) -> st.SearchStrategy[str]:
    try:
        tokens = [t for t in tokens_of(source) if t.string.strip()]
    except (tokenize.TokenError, SyntaxError):
        tokens = []
    if not tokens:
        return st.just(source)
    numbers = [t for t in tokens if t.type == tokenize.NUMBER]
    pick = st.sampled_from(tokens)
    edits = [
        pick.map(lambda t: drop(source, t)),
        st.tuples(pick, pick).map(lambda pair: swap(source, *pair)),
        st.integers(0, len(source)).map(lambda cut: source[:cut]),
        st.integers(0, source.count("\n")).map(lambda n: drop_line(source, n)),
    ]
    if numbers:
        values = st.sampled_from(["0", "-1", "1", "2", "7", "10**9", "2**62", "-3", "0.5"])
        edits.append(st.tuples(st.sampled_from(numbers), values).map(lambda p: replace(source, *p)))
        edits.append(
            st.tuples(st.sampled_from(numbers), st.sampled_from(numbers)).map(
                lambda pair: swap(source, *pair)
            )
        )
    return st.one_of(edits)


def drop(source: str, token: tokenize.TokenInfo) -> str:
    start, end = span(source, token)
    return source[:start] + source[end:]


def replace(source: str, token: tokenize.TokenInfo, text: str) -> str:
    start, end = span(source, token)
    return source[:start] + text + source[end:]


def swap(source: str, first: tokenize.TokenInfo, second: tokenize.TokenInfo) -> str:
    (a, b), (c, d) = sorted([span(source, first), span(source, second)])
    if c < b:  # the same token twice
        return source
    return source[:a] + source[c:d] + source[b:c] + source[a:b] + source[d:]


def drop_line(source: str, number: int) -> str:
    lines = source.splitlines(keepends=True)
    return "".join(lines[:number] + lines[number + 1 :])


def test_unmutated_examples() -> None:
    assert len(EXAMPLES) >= 8
    for path in EXAMPLES:
        check(path.read_text(encoding="utf-8"))


@fuzz_settings(ci_examples=150)
@given(mutated_examples())
def test_mutated_examples(source: str) -> None:
    check(source)


def test_mutations_change_the_source() -> None:
    source = "x = np.zeros((3, 4))\n"
    tokens = [t for t in tokens_of(source) if t.string.strip()]
    three = next(t for t in tokens if t.string == "3")
    four = next(t for t in tokens if t.string == "4")
    assert swap(source, three, four) == "x = np.zeros((4, 3))\n"
    assert drop(source, three) == "x = np.zeros((, 4))\n"
    assert replace(source, four, "10**9") == "x = np.zeros((3, 10**9))\n"
    assert drop_line("a\nb\nc\n", 1) == "a\nc\n"
