"""One application of a layer to its inputs (``LayerCall``) and the readers of its
constructor arguments that every layer family shares.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from shapelint.analysis import convert
from shapelint.analysis.binder import UNREADABLE, Arguments
from shapelint.analysis.events import OpFailed
from shapelint.analysis.opcall import Emitter
from shapelint.analysis.values import (
    DRAWN,
    INPUT,
    UNKNOWN,
    Constant,
    Layer,
    Tensor,
    Value,
)
from shapelint.shapes.shape import UNKNOWN_DIM, UNKNOWN_SHAPE, Shape, ShapeError


class LayerCall(Arguments):
    """One application of a layer to its inputs."""

    def __init__(
        self,
        emitter: Emitter,
        node: Any,
        layer: Layer,
        inputs: list[Value],
        keywords: dict[str, Value],
    ):
        self.emitter = emitter
        self.node = node
        self.layer = layer
        self.inputs = inputs
        self.keywords = keywords

    def param(self, name: str) -> Value | None:
        value = self.layer.param(name, default=MISSING)
        return None if value is MISSING else value

    def input(self, index: int = 0) -> Tensor | None:
        """The tensor fed in; a layer's input is a tensor even when nothing else is known."""
        if index >= len(self.inputs):
            return None
        value = self.inputs[index]
        if value is UNKNOWN:
            return Tensor(UNKNOWN_SHAPE, self.layer.framework)
        return convert.literal_tensor(value, self.layer.framework)

    def tensor(self, shape: Shape | None) -> Tensor:
        base = self.input()
        framework = base.framework if base is not None else self.layer.framework
        # a layer's output on activations (or drawn samples) is of the same kind; on anything
        # else its own weights mix in: unknown
        origin = base.origin if base is not None and base.origin in (INPUT, DRAWN) else None
        return Tensor(shape if shape is not None else UNKNOWN_SHAPE, framework, origin=origin)

    def run(self, rule: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        try:
            return rule(*args, **kwargs)
        except ShapeError as error:
            operands = tuple(a for a in args if isinstance(a, Shape))
            self.emitter.emit(
                OpFailed(self.node, self.layer.display or self.layer.kind, error.reason, operands)
            )
            return None


MISSING = Constant("<missing>")


def refuse(reason: str) -> None:
    raise ShapeError(reason)


def unknown_size(size: Any) -> Any:
    """A kernel size, stride or padding as the rules take it, an unreadable one as an unknown
    size: the rest of the layer (its rank, its in-channels) is still checked."""
    return UNKNOWN_DIM if size is UNREADABLE else size
