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
)


def matches(selector: str, code: str) -> bool:
    """A selector is a code or a prefix of codes ("SHP", "SHP00", "ALL")."""
    return selector == "ALL" or code.startswith(selector.upper())


def unknown_selectors(selectors: tuple[str, ...] | list[str]) -> list[str]:
    """The selectors that name no rule code."""
    return [s for s in selectors if not any(matches(s, code) for code in CODES)]
