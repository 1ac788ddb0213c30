"""One op call as the kinds see it (``Call``: arguments by role, the framework, where to
report), binding a call's arguments to roles, and the helpers every kind family shares.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from shapelint.analysis import convert
from shapelint.analysis.binder import Arguments
from shapelint.analysis.events import Event, OpFailed
from shapelint.analysis.frameworks.spec import Op
from shapelint.analysis.values import (
    UNKNOWN,
    Tensor,
    Value,
)
from shapelint.shapes import algebra, family_rules
from shapelint.shapes.shape import UNKNOWN_DIM, UNKNOWN_SHAPE, Dim, Shape, ShapeError


class Emitter(Protocol):
    keras_version: int | None  # which Keras the module runs under; None: not known

    def emit(self, event: Event) -> None: ...


@dataclass
class Call(Arguments):
    """One call of a modelled API: who, where, and its arguments bound to roles."""

    emitter: Emitter
    node: Any
    display: str  # how the user wrote the callee, for messages
    qualname: str  # canonical name, e.g. "numpy.dot"
    spec: Op
    framework: str
    args: dict[str, Value] = field(default_factory=dict)
    varargs: list[Value] | None = None
    copied: int | None = None  # the tensor whose whole shape was splatted as the sizes

    def get(self, role: str) -> Value | None:
        return self.args.get(role)

    def param(self, name: str) -> Value | None:
        return self.args.get(name)

    def opt(self, name: str, default: Any = None) -> Any:
        return self.spec.opts.get(name, default)

    def fail(
        self,
        error: ShapeError,
        operands: tuple[Shape, ...],
        judge: tuple[str, tuple[Any, ...]] | None = None,
    ) -> None:
        self.emitter.emit(OpFailed(self.node, self.display, error.reason, operands, judge))

    def tensor(self, shape: Shape, **facts: Any) -> Tensor:
        return Tensor(shape, self.result_framework(), **facts)

    def result_framework(self) -> str:
        """The library of the result: a conversion's own (``opts["framework"]``), else the
        library of the function or method. A NumPy function given another library's array
        may return either kind (ufuncs wrap torch tensors back, most others do not), so its
        result is an array of unknown library."""
        if self.spec.opts.get("framework"):
            return str(self.spec.opts["framework"])
        inputs = [v for v in (*self.args.values(), *(self.varargs or ())) if isinstance(v, Tensor)]
        if self.framework == "numpy" and any(t.framework != "numpy" for t in inputs):
            return "unknown"
        if self.framework:
            return self.framework
        return inputs[0].framework if inputs else "unknown"

    @property
    def family(self) -> str:
        """Whose shape rules this call follows (``shapes.family_rules``): Keras 2's backend
        and Keras 3's ops have their own, a tensor method those of its framework's tensors
        (Keras tensors are TensorFlow's), anything else NumPy's."""
        return rule_family(self.qualname, self.framework)

    def unknown(self) -> Value:
        """Unknown result: still a tensor when a tensor went in, so its methods resolve."""
        has_tensor = any(isinstance(v, Tensor) for v in self.args.values()) or any(
            isinstance(v, Tensor) for v in self.varargs or ()
        )
        return self.tensor(UNKNOWN_SHAPE) if has_tensor or self.framework else UNKNOWN


def rule_family(qualname: str, framework: str) -> str:
    """The family of rules (``shapes.family_rules.FAMILIES``) a call of ``qualname`` made in
    ``framework`` follows."""
    if qualname.startswith("keras.backend."):
        return "tf_keras"
    if qualname.startswith("keras.ops."):
        return "keras3"
    if framework == "keras":
        return "tensorflow"
    return framework if framework in family_rules.FAMILIES else "numpy"


def family_rule(call: Call, name: str) -> tuple[Callable[..., Any], str | None]:
    """The rule ``name`` of the call's family, and the NumPy judge to confirm a failure with
    (only for NumPy's own rule: a framework's rule is judged by its recorded grids)."""
    found = family_rules.rule(name, call.family)
    assert found is not None, name
    return found, None if family_rules.is_own(name, call.family) else name


def input_tensor(call: Call, role: str = "x") -> Tensor | None:
    value = call.get(role)
    return convert.literal_tensor(value, call.result_framework()) if value is not None else None


def run_rule(
    call: Call,
    rule: Callable[..., Shape],
    *args: Any,
    judge: str | None = None,
    operands: tuple[Shape, ...] = (),
) -> Shape | None:
    try:
        return rule(*args)
    except ShapeError as error:
        call.fail(
            error,
            operands or tuple(a for a in args if isinstance(a, Shape)),
            (judge, args) if judge else None,
        )
        return None


def dims_arg(values: list[Value] | None, single: Value | None) -> Shape | None:
    if values is not None:
        return convert.varargs_shape(values)
    if single is not None:
        return convert.as_shape(single)
    return None


def newshape(shape: Shape) -> list[Dim | int]:
    return [d.value if d.value is not None else d for d in shape.dims]


def unknown_at(shape: Shape, axis: int) -> Shape | None:
    """``shape`` with the dim at ``axis`` unknown (a list of unknown length joined there)."""
    try:
        position = algebra.normalise_axis(axis, len(shape.dims))
    except ShapeError:
        return None
    dims = list(shape.dims)
    dims[position] = UNKNOWN_DIM
    return Shape(tuple(dims), shape.variadic)


def run_keywords(call: Call, rule: Callable[..., Shape], x: Shape, **kwargs: Any) -> Shape | None:
    try:
        return rule(x, **kwargs)
    except ShapeError as error:
        call.fail(error, (x,))
        return None
