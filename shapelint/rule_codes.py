"""Every published rule code and what a selector matches: below both ``config`` (which
validates selectors) and ``checks`` (whose registry must list exactly these codes, in order;
a test holds the two together). A code, once published, is never reused."""

from __future__ import annotations

NAMES: dict[str, str] = {
    "SHP001": "shape-mismatch",
    "SHP002": "elementwise-not-matmul",
    "SHP003": "weight-like-input",
    "SHP004": "high-rank-dot",
    "SHP005": "declared-shape-mismatch",
    "SHP006": "implicit-broadcast",
    "SHP100": "invalid-shape-annotation",
    "SHP900": "analysis-failed",
    "SHP901": "unused-noqa",
}
CODES: tuple[str, ...] = tuple(NAMES)


def matches(selector: str, code: str) -> bool:
    """A selector is a code or a prefix of codes ("SHP", "SHP00", "ALL")."""
    return selector == "ALL" or code.startswith(selector.upper())


def canonical_selector(selector: str) -> str:
    """A rule name (``shape-mismatch``) as its code; codes, prefixes and ``ALL`` unchanged
    (upper-cased)."""
    for code, name in NAMES.items():
        if selector.lower() == name:
            return code
    return selector if selector == "ALL" else selector.upper()


def unknown_selectors(selectors: tuple[str, ...] | list[str]) -> list[str]:
    """The selectors that name no rule code."""
    return [s for s in selectors if not any(matches(s, code) for code in CODES)]
