"""The rule each framework gives a NumPy-named op, for the interpreter's kinds.

A kind models one op for every library (``concat`` is ``np.concatenate``, ``torch.cat``,
``tf.concat``, ``keras.ops.concatenate``, ``K.concatenate``...), but each framework is its
own judge: the kind asks ``rule(name, family)`` for the framework's rule and falls back to
NumPy's only when the framework has none of its own. The grids recorded from the real
frameworks (``tests/data/grids/``) are replayed against these same functions
(``op_rules.RULES`` is built from them), so what is linted is what was checked.

A *family* is the set of rules a call follows: ``numpy``, ``torch``, ``tensorflow``,
``jax``, ``keras3`` (``keras.ops`` on TensorFlow) or ``tf_keras`` (``keras.backend``).
Each entry of ``FAMILY_RULES`` keeps the NumPy rule's own arguments, so a kind calls
whichever it gets the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

from shapelint.shapes import algebra, framework_ops
from shapelint.shapes import frameworks as fw
from shapelint.shapes import numpy_family as nf
from shapelint.shapes import tf_family_ops as tfo
from shapelint.shapes.shape import Shape, ShapeError

Axes = int | Sequence[int] | None
ReduceRule = Callable[[Shape, Axes, bool], Shape]

FAMILIES = ("numpy", "torch", "tensorflow", "jax", "keras3", "tf_keras")

# rule name -> family -> the family's rule, with the arguments of NumPy's (the default)
FAMILY_RULES: dict[str, dict[str, Callable[..., Any]]] = {
    # (shapes, axis)
    "concatenate": {
        "torch": framework_ops.torch_cat,
        "tensorflow": framework_ops.tf_concat,
        "keras3": framework_ops.tf_concat,
        "tf_keras": tfo.keras_backend_concat,
    },
    # (shapes)
    "hstack": {"torch": framework_ops.torch_hstack, "keras3": tfo.keras3_hstack},
    "vstack": {"torch": framework_ops.torch_vstack, "keras3": tfo.keras3_vstack},
    # (subscripts, *operands)
    "einsum": {
        "torch": framework_ops.torch_einsum,
        "jax": tfo.jax_einsum,
        "tensorflow": tfo.tf_einsum,
        "keras3": tfo.keras3_einsum,
    },
    # (x1, x2): Keras 3's ``ops.add`` on TensorFlow adds a matching 1-D bias without broadcasting
    "add": {"keras3": tfo.keras3_add},
    # (a, b, axes)
    "tensordot": {
        "torch": framework_ops.torch_tensordot,
        "tensorflow": tfo.tf_tensordot,
        "keras3": tfo.tf_tensordot,
    },
    # (a, newshape)
    "reshape": {
        "tensorflow": framework_ops.tf_reshape,
        "keras3": framework_ops.tf_reshape,
        "tf_keras": framework_ops.tf_reshape,
    },
    # (a, axis)
    "squeeze": {
        "torch": framework_ops.torch_squeeze,
        "tensorflow": tfo.squeeze,
        "keras3": tfo.squeeze,
        "tf_keras": tfo.squeeze,
        "jax": tfo.jax_squeeze,
    },
    # (a, source, destination)
    "moveaxis": {
        "jax": tfo.transposing_moveaxis,
        "keras3": partial(tfo.transposing_moveaxis, unchanged_when_same=True),
    },
    # (x, weight, bias)
    "linear": {"torch": framework_ops.torch_linear},
    # (a): the ``.T`` and ``.mT`` attributes
    "T": {"torch": framework_ops.torch_T},
    "mT": {"torch": framework_ops.torch_mT},
    # (a, sizes): ``Tensor.expand`` and ``torch.broadcast_to``
    "expand": {"torch": framework_ops.torch_expand},
    # (a, sizes): ``Tensor.repeat``
    "repeat": {"torch": framework_ops.torch_repeat},
    # (a, start, end)
    "flatten": {"torch": fw.torch_flatten},
}

# the NumPy rules the kinds fall back to
NUMPY_RULES: dict[str, Callable[..., Any]] = {
    "concatenate": algebra.concatenate,
    "hstack": nf.hstack,
    "vstack": nf.vstack,
    "column_stack": nf.column_stack,
    "dstack": nf.dstack,
    "einsum": algebra.einsum,
    "tensordot": algebra.tensordot,
    "reshape": algebra.reshape,
    "squeeze": algebra.squeeze,
    "moveaxis": nf.moveaxis,
    "T": algebra.reverse_dims,
    "mT": algebra.matrix_transpose,
    "flatten": algebra.flatten,
}


def rule(name: str, family: str) -> Callable[..., Any] | None:
    """The rule ``family`` gives ``name``; NumPy's when the family has none of its own (None
    when neither has one: the kind keeps its own)."""
    return FAMILY_RULES.get(name, {}).get(family) or NUMPY_RULES.get(name)


def is_own(name: str, family: str) -> bool:
    """Whether ``family`` has a rule of its own for ``name`` (then NumPy cannot judge it)."""
    return family in FAMILY_RULES.get(name, {})


# reductions without an identity: over an empty dim they fail where the family checks it
NO_IDENTITY = frozenset(
    (
        "max min amax amin argmax argmin nanmax nanmin nanargmax nanargmin reduce_max reduce_min"
    ).split()
)


def reduction(family: str, name: str) -> ReduceRule | None:
    """The rule of the reduction ``name`` (the API's last dotted part) in ``family``; None for
    NumPy's own (``algebra.reduce``)."""
    identity = name not in NO_IDENTITY
    if family == "torch":
        if name in ("argmax", "argmin"):
            return _torch_arg_reduce
        return partial(framework_ops.torch_reduce, identity=identity)
    if family == "tensorflow" and name in ("argmax", "argmin"):
        return _tf_arg_reduce
    if family == "keras3" and name in ("max", "min"):
        return tfo.keras3_max
    if family in ("tensorflow", "tf_keras"):
        # TensorFlow's reduce_max of an empty dim gives -inf, no error
        return partial(tfo.reduce, identity=True)
    if family in ("jax", "keras3"):
        return partial(tfo.reduce, identity=identity)
    return None


def _torch_arg_reduce(a: Shape, axis: Axes, keepdims: bool) -> Shape:
    if axis is not None and not isinstance(axis, int):
        raise ShapeError(f"torch.argmax takes one dim, got {axis}")
    return framework_ops.torch_argmax(a, axis, keepdims)


def _tf_arg_reduce(a: Shape, axis: Axes, keepdims: bool) -> Shape:
    if axis is not None and not isinstance(axis, int):
        raise ShapeError(f"tf.argmax takes one axis, got {axis}")
    return tfo.tf_argmax(a, axis)
