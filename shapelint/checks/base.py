"""The Rule base class: one rule per module, documented by its docstring.

A rule reads interpreter events and yields findings. Its docstring is its documentation page
(What it does / Why is this bad? / Example / Use instead / Known problems) and its VALID and
INVALID snippets run as tests named after it; an INVALID snippet marks each expected finding
with a trailing ``# SHPnnn: col`` comment on the finding's line.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, ClassVar

from shapelint.diagnostics import Severity
from shapelint.fixes import Rewrite


@dataclass(frozen=True, slots=True)
class Finding:
    """A rule's verdict on a node, with the fix it offers, if any.

    ``completes``: the finding only adds its fix to an earlier finding of the same code on
    the same node (a later event may know what the first did not, such as the operands'
    framework); on its own it reports nothing. ``sites``: the calls of user functions the
    event was found under, outermost first (the engine fills them in). ``related``: other
    places the finding names, each with what it is (a weight reported where it is made
    names the product that uses it).
    """

    node: Any
    code: str
    message: str
    fix: Rewrite | None = None
    completes: bool = False
    sites: tuple[Any, ...] = ()
    related: tuple[tuple[Any, str], ...] = ()


class Rule:
    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity]
    status: ClassVar[str] = "stable"  # "stable" or "preview" (runs only when selected)
    summary: ClassVar[str]  # one line: what fires it
    events: ClassVar[tuple[type, ...]] = ()
    VALID: ClassVar[tuple[str, ...]] = ()
    INVALID: ClassVar[tuple[str, ...]] = ()

    def check(self, event: Any) -> Iterator[Finding]:
        return iter(())

    def finding(self, node: Any, message: str, fix: Rewrite | None = None) -> Finding:
        return Finding(node, self.code, message, fix)
