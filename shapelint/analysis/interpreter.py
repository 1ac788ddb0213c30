"""The abstract interpreter: runs a module's statements over abstract values.

Scopes are dicts on a stack; module code runs first, function bodies are analysed when they
are called with known arguments (bounded depth, memoised per argument shapes) and once more
on their own afterwards, with what their annotations declare. Branches run on copies of the
scope and join per dimension; loops iterate to a bounded fixed point with events muted, then
run once more to report. Whatever is not modelled evaluates to ``UNKNOWN``.
"""

from __future__ import annotations

import libcst as cst

from shapelint.analysis import declarations
from shapelint.analysis.calls import Calls
from shapelint.analysis.classes import Classes
from shapelint.analysis.events import Event
from shapelint.analysis.expressions import Expressions
from shapelint.analysis.loops import Loops
from shapelint.analysis.machine import CallSite
from shapelint.analysis.statements import Statements


class Interpreter(Statements, Loops, Expressions, Calls, Classes):
    """One module's abstract interpreter: the node families composed over ``Machine``."""

    def run(self) -> list[Event]:
        self.unstable_globals = declarations.global_names(self.module)
        self.changed_attributes = declarations.attributes_changed_later(self.module)
        self.nonlocal_names = declarations.global_names(self.module, nonlocal_only=True)
        self.exec_block(self.module.body)
        for key in range(len(self.functions)):
            if key not in self.analysed:
                self.analyse_standalone(key)
        return self.events


def analyse(module: cst.Module, text: str = "") -> list[Event]:
    """Every event the module's code produces."""
    return Interpreter(module).run()


def analyse_with_sites(
    module: cst.Module, *, keras_version: int | None = None
) -> list[tuple[Event, tuple[CallSite, ...]]]:
    """Every event with the calls of user functions it was found under, outermost first
    (empty for module-level code and a function analysed on its own). ``keras_version`` is
    the project's Keras (the ``keras-version`` setting), else the module's imports tell."""
    interpreter = Interpreter(module, keras_version=keras_version)
    events = interpreter.run()
    return list(zip(events, interpreter.event_sites, strict=True))
