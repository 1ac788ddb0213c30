"""Keras objects that run the user's own code: a ``Lambda(fn)`` layer called on its inputs
runs ``fn`` on them, and a ``keras.losses.Loss`` subclass a model was compiled with runs its
``call`` on each batch's targets and outputs.

Both Kerases (tf.keras 2 and Keras 3) call the function when the layer is called on
symbolic ``Input`` tensors, with the inputs exactly as given (a list of tensors stays a
list) and the layer's ``arguments`` dict as keywords; the output's shape is whatever the
function returns, its batch axis ``None`` like the inputs'. So the interpreter runs the
function as it runs any call, and a shape bug inside the lambda shows at the layer's call.

What is not followed gives an unknown tensor: ``output_shape=`` (Keras 3 then builds the
symbolic output from it without the function, tf.keras ignores it), ``arguments`` that are
not a literal dict, keywords at the call (``mask``/``training``), and a function that takes
``mask`` or ``training`` (Keras passes them on, with values not modelled here).

A ``Loss`` instance given to ``compile(loss=...)`` is called by ``fit``/``evaluate`` as
``loss(y_true, y_pred)`` on each batch of the targets and of the model's outputs, both traced
with the batch axis ``None``. Keras 3 passes the targets as given; tf.keras first gives 1-d
targets of a 2-d output a trailing axis (``compile_utils.match_dtype_and_rank``), so that
pair, where the two differ, is not followed. ``Loss.__call__`` runs ``call``
and then applies the loss's ``reduction``, which this does not follow: calling a ``Loss``
subclass gives a tensor of unknown shape.
"""

from __future__ import annotations

import libcst as cst

from shapelint.analysis import binder, convert
from shapelint.analysis.machine import Machine
from shapelint.analysis.model_steps import batch_of
from shapelint.analysis.values import (
    UNKNOWN,
    DictValue,
    FunctionRef,
    Instance,
    Layer,
    ModuleRef,
    Tensor,
    TupleValue,
    Value,
    Wrapped,
)
from shapelint.shapes.shape import UNKNOWN_SHAPE

# the layer kinds whose call the interpreter runs (``run_layer``) instead of a shape rule
INTERPRETED = frozenset({"keras_lambda"})

# the Keras base classes of a user's loss (``keras.Loss`` is Keras 3's name for it)
LOSS_BASES = frozenset({"keras.losses.Loss", "keras.Loss"})

# the parameters of its function that a Lambda layer fills itself
_PASSED_BY_KERAS = frozenset({"mask", "training"})


def run_layer(
    machine: Machine,
    node: cst.Call,
    layer: Layer,
    positional: list[Value],
    keywords: dict[str, Value],
) -> Value:
    """The output of ``layer(*positional, **keywords)`` for a kind in ``INTERPRETED``."""
    if len(positional) != 1:
        return UNKNOWN
    unknown = Tensor(UNKNOWN_SHAPE, layer.framework)
    written = dict(layer.params)
    function = written.get("function")
    keywords_of_fn = _arguments(written.get("arguments"))
    output_shape = written.get("output_shape")
    if (
        not binder.understood(layer)
        or keywords
        or keywords_of_fn is None
        or (output_shape is not None and not convert.is_none(output_shape))
        or not _followed(machine, function)
    ):
        return unknown
    assert function is not None
    result = machine.call(node, function, [positional[0]], keywords_of_fn, [], False)
    if isinstance(result, Tensor):
        return result
    if isinstance(result, TupleValue) and all(isinstance(i, Tensor) for i in result.items):
        return result
    return unknown


def _arguments(value: Value | None) -> dict[str, Value] | None:
    """``arguments=``: the keywords each call of the function gets; None when unreadable."""
    if value is None or convert.is_none(value):
        return {}
    if isinstance(value, DictValue) and all(isinstance(k, str) for k, _ in value.items):
        return {str(k): v for k, v in value.items}
    return None


def _followed(machine: Machine, function: Value | None) -> bool:
    """Whether the function is one the interpreter runs and Keras calls with the inputs
    alone: a function of the file (not one taking ``mask``/``training``), a partial of one,
    or a framework function."""
    if isinstance(function, Wrapped):
        return function.kind == "partial" and _followed(machine, function.function)
    if isinstance(function, ModuleRef):
        return True
    if not isinstance(function, FunctionRef) or function.key >= len(machine.functions):
        return False
    params = machine.functions[function.key].node.params
    names = {p.name.value for p in (*params.posonly_params, *params.params, *params.kwonly_params)}
    return not names & _PASSED_BY_KERAS


def is_keras_loss(machine: Machine, value: Value) -> bool:
    """Whether ``value`` is an instance of a class of the file derived from Keras' ``Loss``."""
    return isinstance(value, Instance) and bool(machine.class_bases(value.class_key) & LOSS_BASES)


def run_compiled_loss(
    machine: Machine, node: cst.Call, loss: Value | None, outputs: Value, target: Value
) -> None:
    """``fit``/``evaluate`` of a model compiled with an instance of a user's ``Loss``: its
    ``call`` on one batch of the targets and of the model's outputs."""
    if loss is None or not is_keras_loss(machine, loss):
        return
    assert isinstance(loss, Instance)
    y_true, y_pred = batch_of(target), batch_of(outputs)
    if y_true is None or y_pred is None or y_true.shape.variadic or y_pred.shape.variadic:
        return
    ranks = (len(y_true.shape.dims), len(y_pred.shape.dims))
    if ranks == (1, 2) and machine.keras_version != 3:
        return  # tf.keras expands the targets, Keras 3 does not
    if not isinstance(machine.class_lookup(loss.class_key, "call"), FunctionRef):
        return
    machine.call_instance(loss, [y_true, y_pred], {}, node, [])
