"""The interpreter's records of what a module defines, and the per-call frame.

Below both the interpreter and ``declarations``, so that either can read them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import libcst as cst

from shapelint.analysis.store import Snapshot
from shapelint.analysis.values import Value
from shapelint.shapes.shape import Dim

# methods whose attribute writes describe the instance (run when it is built)
INIT_METHODS = frozenset({"__init__", "build", "setup", "__post_init__"})


@dataclass
class FunctionInfo:
    node: cst.FunctionDef
    closure: list[dict[str, Value]]
    defaults: dict[str, Value]
    class_key: int | None
    safe: bool  # undecorated, or decorated with a shape-preserving decorator


@dataclass
class ClassInfo:
    node: cst.ClassDef
    bases: list[Value]
    namespace: dict[str, Value]
    unstable: frozenset[str]  # attributes assigned outside the init methods


@dataclass
class Frame:
    """Per-call state: where returns go, dim-name bindings, the method's class and self."""

    returns: list[Value] = field(default_factory=list)
    bindings: dict[str, Dim] = field(default_factory=dict)
    class_key: int | None = None
    self_value: Value | None = None
    return_pattern: Any = None
    loop_exits: list[list[Snapshot]] = field(default_factory=list)  # at each ``continue``
    loop_breaks: list[list[Snapshot]] = field(default_factory=list)  # at each ``break``
    loop_bases: list[int] = field(default_factory=list)
    # how many undecided branches (an ``if`` on an unknown test, a loop that may not run,
    # an ``except``) the current statement is inside, and whether the path here depends on
    # one (a branch before it that returned or raised, or a call made from inside one): an
    # assert there may state what that path implies, so it is not proven to fail
    undecided: int = 0
    conditional: bool = False

    @property
    def on_a_sure_path(self) -> bool:
        return not self.undecided and not self.conditional
