"""Branch-local state by undo journal.

A branch used to run on a copy of the whole scope, which made every ``if`` cost as much as
the number of names in scope: quadratic on long modules. Instead every write to a scope or
an instance's attributes goes through ``Store.write``, which records the old value in the
innermost open journal. Closing a journal returns what the region wrote and undoes it, so
joining branches touches only the names they assigned.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from shapelint.analysis.values import UNKNOWN, Tensor, Value, join_values, signature_of
from shapelint.shapes.shape import UNKNOWN_SHAPE


class _Missing:
    """A name that is not bound."""


MISSING: Final = _Missing()

Slot = tuple[dict[str, Value], str]
Snapshot = dict[tuple[int, str], tuple[dict[str, Value], str, "Value | _Missing"]]


class Journal:
    __slots__ = ("old",)

    def __init__(self) -> None:
        self.old: Snapshot = {}


class Store:
    def __init__(self) -> None:
        self.journals: list[Journal] = []
        self._birth: dict[int, int] = {}

    # -- writes ------------------------------------------------------------------------
    def adopt(self, target: dict[str, Value]) -> None:
        """``target`` was created just now: the open regions need not undo its writes."""
        self._birth[id(target)] = len(self.journals)

    def forget(self, target: dict[str, Value]) -> None:
        self._birth.pop(id(target), None)

    def write(self, target: dict[str, Value], name: str, value: Value | _Missing) -> None:
        if self.journals and self._birth.get(id(target), -1) < len(self.journals):
            old = self.journals[-1].old
            key = (id(target), name)
            if key not in old:
                old[key] = (target, name, target.get(name, MISSING))
        if isinstance(value, _Missing):
            target.pop(name, None)
        else:
            target[name] = value

    # -- regions -------------------------------------------------------------------------
    def begin(self) -> Journal:
        journal = Journal()
        self.journals.append(journal)
        return journal

    def end(self, journal: Journal) -> Snapshot:
        """Close the region: what it wrote, as it stands now; then undo it."""
        assert self.journals and self.journals[-1] is journal
        self.journals.pop()
        written = self.snapshot([journal])
        for target, name, old in reversed(list(journal.old.values())):
            if isinstance(old, _Missing):
                target.pop(name, None)
            else:
                target[name] = old
        return written

    @staticmethod
    def snapshot(journals: Iterable[Journal]) -> Snapshot:
        """The current values of everything the given regions wrote."""
        out: Snapshot = {}
        for journal in journals:
            for key, (target, name, _) in journal.old.items():
                out[key] = (target, name, target.get(name, MISSING))
        return out

    # -- joins ---------------------------------------------------------------------------
    @staticmethod
    def join(outcomes: list[Snapshot]) -> Snapshot:
        """Per name, what holds on every path; a path that did not write a name left it as
        it is now."""
        slots: dict[tuple[int, str], Slot] = {}
        for outcome in outcomes:
            for key, (target, name, _) in outcome.items():
                slots[key] = (target, name)
        joined: Snapshot = {}
        for key, (target, name) in slots.items():
            values = [o[key][2] if key in o else target.get(name, MISSING) for o in outcomes]
            joined[key] = (target, name, _join_all(values))
        return joined

    def merge(self, outcomes: list[Snapshot]) -> None:
        """Make the join of the outcomes the current state."""
        for target, name, value in self.join(outcomes).values():
            self.write(target, name, value)

    @staticmethod
    def same(a: Snapshot, b: Snapshot) -> bool:
        if a.keys() != b.keys():
            return False
        return all(_signature(a[k][2]) == _signature(b[k][2]) for k in a)

    @staticmethod
    def widen(head: Snapshot) -> Snapshot:
        """After the iteration bound: whatever the loop still changes loses its shape."""
        out: Snapshot = {}
        for key, (target, name, value) in head.items():
            if isinstance(value, Tensor):
                out[key] = (target, name, Tensor(UNKNOWN_SHAPE, value.framework))
            else:
                out[key] = (target, name, UNKNOWN)
        return out


def _signature(value: Value | _Missing) -> object:
    return MISSING if isinstance(value, _Missing) else signature_of(value)


def _join_all(values: list[Value | _Missing]) -> Value | _Missing:
    if all(isinstance(v, _Missing) for v in values):
        return MISSING
    if any(isinstance(v, _Missing) for v in values):
        return UNKNOWN  # bound on some paths only
    result = values[0]
    assert not isinstance(result, _Missing)
    for other in values[1:]:
        assert not isinstance(other, _Missing)
        result = join_values(result, other)
    return result
