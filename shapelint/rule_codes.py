"""Every published rule code and what a selector matches: below both ``config`` (which
validates selectors) and ``checks`` (whose registry must list exactly these codes, in order;
a test holds the two together). A code, once published, is never reused."""

from __future__ import annotations

CODES: tuple[str, ...] = (
    "SHP001",
    "SHP002",
    "SHP003",
    "SHP004",
    "SHP005",
    "SHP006",
    "SHP100",
    "SHP900",
    "SHP901",
)

# Each code's rule name, so that selectors may name rules (a test holds it equal to the registry)
NAMES: dict[str, str] = {
    "shape-mismatch": "SHP001",
    "elementwise-not-matmul": "SHP002",
    "weight-like-input": "SHP003",
    "high-rank-dot": "SHP004",
    "declared-shape-mismatch": "SHP005",
    "implicit-broadcast": "SHP006",
    "invalid-shape-annotation": "SHP100",
    "analysis-failed": "SHP900",
    "unused-noqa": "SHP901",
}


def matches(selector: str, code: str) -> bool:
    """A selector is a code or a prefix of codes ("SHP", "SHP00", "ALL")."""
    return selector == "ALL" or code.startswith(selector.upper())


def unknown_selectors(selectors: tuple[str, ...] | list[str]) -> list[str]:
    """The selectors that name no rule code."""
    return [s for s in selectors if not any(matches(s, code) for code in CODES)]
