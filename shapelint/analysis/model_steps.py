"""``model.fit(x, y)`` on a Keras model that defines its own ``train_step``.

Keras runs the step once per batch with ``data`` the batch's ``(x, y)`` (or
``(x, y, sample_weight)``), each array with the batch axis unknown: it is traced with
``None`` there, and the last batch is smaller. So a shape bug inside a custom ``train_step``
(or ``test_step`` for ``evaluate``) shows with the shapes the caller passed. Run with the
JAX backend the step takes ``(state, data)`` instead; a step whose parameters are not
``(self, data)`` is not run. A keyword of ``fit``/``evaluate`` not known to leave the
batches as they are (``class_weight`` adds sample weights, an unknown one may do anything)
leaves the step unanalysed, as does an input that is not an array (a dataset, a generator).
"""

from __future__ import annotations

import libcst as cst

from shapelint.analysis.machine import Machine
from shapelint.analysis.values import INPUT, FunctionRef, Instance, Tensor, TupleValue, Value
from shapelint.shapes.shape import UNKNOWN_DIM, Shape

STEPS = {"fit": "train_step", "evaluate": "test_step"}
MODEL_STEPS = frozenset(STEPS)
# keywords of ``fit``/``evaluate`` that only choose which batches run, how often, or what
# is printed: the step sees batches of the same arrays whatever their values
BATCH_NEUTRAL = frozenset(
    {
        "batch_size",
        "epochs",
        "verbose",
        "callbacks",
        "validation_split",
        "validation_data",
        "shuffle",
        "initial_epoch",
        "steps_per_epoch",
        "validation_steps",
        "validation_batch_size",
        "validation_freq",
        "steps",
        "return_dict",
        "max_queue_size",
        "workers",
        "use_multiprocessing",
    }
)
ARRAY_ROLES = ("x", "y", "sample_weight")


def batch_of(value: Value) -> Tensor | None:
    """One batch of an array given to ``fit``: its first axis becomes unknown."""
    if not isinstance(value, Tensor) or value.shape.rank in (None, 0):
        return None
    dims = (UNKNOWN_DIM, *value.shape.dims[1:])
    return Tensor(Shape(dims, value.shape.variadic), "keras", origin=INPUT)


def _step_data(positional: list[Value], keywords: dict[str, Value]) -> TupleValue | None:
    if len(positional) > len(ARRAY_ROLES) or set(keywords) - BATCH_NEUTRAL - set(ARRAY_ROLES):
        return None
    arrays = dict(zip(ARRAY_ROLES, positional))
    for role in ARRAY_ROLES:
        if role in keywords:
            if role in arrays:
                return None
            arrays[role] = keywords[role]
    if "x" not in arrays or "y" not in arrays:
        return None
    batches = [batch_of(arrays[role]) for role in ARRAY_ROLES if role in arrays]
    if any(batch is None for batch in batches):
        return None
    return TupleValue(tuple(batch for batch in batches if batch is not None))


def run_custom_step(
    machine: Machine,
    instance: Instance,
    name: str,
    positional: list[Value],
    keywords: dict[str, Value],
    node: cst.Call,
) -> None:
    """Analyse the model's own step for this ``fit``/``evaluate`` call, when it has one
    and the call's batches are known."""
    step_name = STEPS.get(name)
    if step_name is None:
        return
    if not any(base.startswith("keras.") for base in machine.class_bases(instance.class_key)):
        return
    step = machine.class_lookup(instance.class_key, step_name)
    if not isinstance(step, FunctionRef) or not _takes_one_argument(machine, step):
        return
    data = _step_data(positional, keywords)
    if data is not None:
        machine.call_function(FunctionRef(step.key, instance), [data], {}, node)


def _takes_one_argument(machine: Machine, step: FunctionRef) -> bool:
    params = machine.functions[step.key].node.params
    plain = [*params.posonly_params, *params.params]
    return (
        len(plain) == 2
        and not params.kwonly_params
        and isinstance(params.star_arg, cst.MaybeSentinel)
        and params.star_kwarg is None
    )
