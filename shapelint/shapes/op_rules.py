"""Which core rule judges each framework op, keyed ``"<framework>:<op>"``.

The grids recorded from the real frameworks (``tests/data/grids/``) are replayed against
these rules, and the one-off large run of ``scripts/record_frameworks.py --grids --check``
uses them too. An entry takes the recorded case's arguments (framework-neutral names:
``axis``, ``keepdims``, ``shape``, ``perm``, ``subscripts`` ...) and input shapes, and
returns the result shape (a list of shapes for ``split``) or raises ``ShapeError``.
Each framework gets its own rule where it differs from NumPy (``framework_ops``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from shapelint.shapes import algebra, einops_pattern, family_rules, framework_ops
from shapelint.shapes import frameworks as fw
from shapelint.shapes import numpy_family as nf
from shapelint.shapes import tf_family_ops as tfo
from shapelint.shapes.shape import Dim, Shape, ShapeError

Rule = Callable[[dict[str, Any], list[Shape]], Any]


def _axes(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def _tensordot_axes(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_axes(v) for v in value)
    return value


def _binary(a: dict[str, Any], x: list[Shape]) -> Shape:
    return algebra.broadcast(*x)


def _reduce(a: dict[str, Any], x: list[Shape]) -> Shape:
    return algebra.reduce(x[0], _axes(a.get("axis")), bool(a.get("keepdims", False)))


def _torch_reduce(identity: bool) -> Rule:
    def rule(a: dict[str, Any], x: list[Shape]) -> Shape:
        axis = _axes(a.get("axis"))
        keepdims = bool(a.get("keepdims", False))
        return framework_ops.torch_reduce(x[0], axis, keepdims, identity=identity)

    return rule


def _arg_reduce(a: dict[str, Any], x: list[Shape]) -> Shape:
    return algebra.reduce(x[0], a.get("axis"), bool(a.get("keepdims", False)))


def _tf_reduce(identity: bool) -> Rule:
    def rule(a: dict[str, Any], x: list[Shape]) -> Shape:
        axis = _axes(a.get("axis"))
        return tfo.reduce(x[0], axis, bool(a.get("keepdims", False)), identity=identity)

    return rule


def _reshape(a: dict[str, Any], x: list[Shape]) -> Shape:
    return algebra.reshape(x[0], a["shape"])


def _permute(a: dict[str, Any], x: list[Shape]) -> Shape:
    return algebra.permute(x[0], _axes(a.get("perm")))


def _swap(a: dict[str, Any], x: list[Shape]) -> Shape:
    return algebra.swapaxes(x[0], a["i"], a["j"])


def _torch_swap(a: dict[str, Any], x: list[Shape]) -> Shape:
    """torch counts a 0-d tensor as rank 1 for ``transpose(0, -1)``."""
    if x[0].rank == 0:
        algebra.normalise_axis(a["i"], 1)
        algebra.normalise_axis(a["j"], 1)
        return x[0]
    return algebra.swapaxes(x[0], a["i"], a["j"])


def _squeeze(strict: bool) -> Rule:
    def rule(a: dict[str, Any], x: list[Shape]) -> Shape:
        return algebra.squeeze(x[0], _axes(a.get("axis")), strict=strict)

    return rule


def _expand_dims(a: dict[str, Any], x: list[Shape]) -> Shape:
    return algebra.expand_dims(x[0], _axes(a["axis"]))


def _join(rule: Callable[..., Shape]) -> Rule:
    def impl(a: dict[str, Any], x: list[Shape]) -> Shape:
        return rule(x, a.get("axis", 0))

    return impl


def _stackers(rule: Callable[[Sequence[Shape]], Shape]) -> Rule:
    return lambda a, x: rule(x)


def _einsum(rule: Callable[..., Shape]) -> Rule:
    return lambda a, x: rule(a["subscripts"], *x)


def _tensordot(rule: Callable[..., Shape]) -> Rule:
    return lambda a, x: rule(x[0], x[1], _tensordot_axes(a.get("axes", 2)))


def _flatten(a: dict[str, Any], x: list[Shape]) -> Shape:
    return fw.torch_flatten(x[0], a.get("start", 0), a.get("end", -1))


def _linear(a: dict[str, Any], x: list[Shape]) -> Shape:
    return framework_ops.torch_linear(x[0], x[1], x[2] if len(x) > 2 else None)


def _broadcast_to(a: dict[str, Any], x: list[Shape]) -> Shape:
    return nf.broadcast_to(x[0], Shape.of(*a["shape"]))


def _torch_broadcast_to(a: dict[str, Any], x: list[Shape]) -> Shape:
    return framework_ops.torch_expand(x[0], a["shape"])


def _torch_expand_call(a: dict[str, Any], x: list[Shape]) -> Shape:
    """``x.expand(*sizes)`` with no sizes is a call error."""
    if not a["shape"]:
        raise ShapeError("`expand` needs a size")
    return framework_ops.torch_expand(x[0], a["shape"])


def _split(exact: bool) -> Rule:
    def rule(a: dict[str, Any], x: list[Shape]) -> list[Shape] | None:
        return nf.split(x[0], _axes(a["sections"]), a.get("axis", 0), exact=exact)

    return rule


def _einops(mode: str) -> Rule:
    def rule(a: dict[str, Any], x: list[Shape]) -> Shape:
        lengths = {k: Dim.of(v) for k, v in a.get("lengths", {}).items()}
        return einops_pattern.apply(mode, x[0], a["pattern"], lengths)

    return rule


def _reverse_last2(a: dict[str, Any], x: list[Shape]) -> Shape:
    return algebra.matrix_transpose(x[0])


_NUMPY_LIKE: dict[str, Rule] = {
    "add": _binary,
    "multiply": _binary,
    "maximum": _binary,
    "where": lambda a, x: nf.where(*x),
    "matmul": lambda a, x: algebra.matmul(*x),
    "dot": lambda a, x: algebra.dot(*x),
    "vdot": lambda a, x: nf.vdot(*x),
    "outer": lambda a, x: nf.outer(*x),
    "tensordot": _tensordot(algebra.tensordot),
    "einsum": _einsum(algebra.einsum),
    "reshape": _reshape,
    "transpose": _permute,
    "swapaxes": _swap,
    "moveaxis": lambda a, x: nf.moveaxis(x[0], _axes(a["source"]), _axes(a["destination"])),
    "squeeze": _squeeze(strict=True),
    "expand_dims": _expand_dims,
    "concatenate": _join(algebra.concatenate),
    "stack": _join(algebra.stack),
    "hstack": _stackers(nf.hstack),
    "vstack": _stackers(nf.vstack),
    "ravel": lambda a, x: nf.ravel(x[0]),
    "atleast_2d": lambda a, x: nf.atleast_2d(x[0]),
    "broadcast_to": _broadcast_to,
    "sum": _reduce,
    "mean": _reduce,
    "max": _reduce,
    "argmax": _arg_reduce,
    "split": _split(exact=True),
    "tile": lambda a, x: nf.tile(x[0], _axes(a["reps"])),
    "repeat": lambda a, x: nf.repeat(x[0], a["repeats"], a.get("axis")),
}

# jax.numpy and keras.ops (on TensorFlow): NumPy's names, with their own rules where the
# grids show they differ
_NON_NUMPY_COMMON: dict[str, Rule] = {
    "squeeze": lambda a, x: tfo.squeeze(x[0], _axes(a.get("axis"))),
    "sum": _tf_reduce(identity=True),
    "mean": _tf_reduce(identity=True),
    "max": _tf_reduce(identity=False),
    "argmax": lambda a, x: tfo.reduce(
        x[0], a.get("axis"), bool(a.get("keepdims", False)), identity=False
    ),
}
_JAX: dict[str, Rule] = {
    "squeeze": lambda a, x: tfo.jax_squeeze(x[0], _axes(a.get("axis"))),
    "moveaxis": lambda a, x: tfo.transposing_moveaxis(
        x[0], _axes(a["source"]), _axes(a["destination"])
    ),
    "einsum": _einsum(tfo.jax_einsum),
    "split": lambda a, x: tfo.jax_split(x[0], _axes(a["sections"]), a.get("axis", 0)),
}
_KERAS3: dict[str, Rule] = {
    "max": lambda a, x: tfo.keras3_max(x[0], _axes(a.get("axis")), bool(a.get("keepdims"))),
    "moveaxis": lambda a, x: tfo.transposing_moveaxis(
        x[0], _axes(a["source"]), _axes(a["destination"]), unchanged_when_same=True
    ),
    "add": lambda a, x: tfo.keras3_add(*x),
    "einsum": _einsum(tfo.keras3_einsum),
    "tensordot": _tensordot(tfo.tf_tensordot),
    "reshape": lambda a, x: framework_ops.tf_reshape(x[0], a["shape"]),
    "concatenate": _join(framework_ops.tf_concat),
    "hstack": _stackers(tfo.keras3_hstack),
    "vstack": _stackers(tfo.keras3_vstack),
}

RULES: dict[str, Rule] = {}
for _name, _rule in {**_NUMPY_LIKE, **_NON_NUMPY_COMMON, **_JAX}.items():
    RULES[f"jax:jax.numpy.{_name}"] = _rule
for _name, _rule in {**_NUMPY_LIKE, **_NON_NUMPY_COMMON, **_KERAS3}.items():
    RULES[f"keras3:keras.ops.{_name}"] = _rule
RULES.update(
    {
        "torch:torch.add": _binary,
        "torch:torch.mul": _binary,
        "torch:torch.maximum": _binary,
        "torch:torch.eq": _binary,
        "torch:torch.where": lambda a, x: nf.where(*x),
        "torch:torch.matmul": lambda a, x: algebra.matmul(*x),
        "torch:torch.mm": lambda a, x: fw.mm(*x),
        "torch:torch.bmm": lambda a, x: fw.bmm(*x),
        "torch:torch.mv": lambda a, x: fw.mv(*x),
        "torch:torch.dot": lambda a, x: framework_ops.torch_dot(*x),
        "torch:torch.outer": lambda a, x: framework_ops.torch_outer(*x),
        "torch:torch.tensordot": _tensordot(framework_ops.torch_tensordot),
        "torch:torch.einsum": _einsum(framework_ops.torch_einsum),
        "torch:torch.reshape": _reshape,
        "torch:torch.Tensor.view": _reshape,
        "torch:torch.permute": _permute,
        "torch:torch.transpose": _torch_swap,
        "torch:torch.Tensor.t": lambda a, x: fw.torch_t(x[0]),
        "torch:torch.Tensor.T": lambda a, x: framework_ops.torch_T(x[0]),
        "torch:torch.Tensor.mT": lambda a, x: framework_ops.torch_mT(x[0]),
        "torch:torch.squeeze": lambda a, x: framework_ops.torch_squeeze(x[0], _axes(a.get("axis"))),
        "torch:torch.unsqueeze": lambda a, x: framework_ops.torch_unsqueeze(x[0], a["axis"]),
        "torch:torch.flatten": _flatten,
        "torch:torch.cat": _join(framework_ops.torch_cat),
        "torch:torch.stack": _join(algebra.stack),
        "torch:torch.hstack": _stackers(framework_ops.torch_hstack),
        "torch:torch.vstack": _stackers(framework_ops.torch_vstack),
        "torch:torch.broadcast_to": _torch_broadcast_to,
        "torch:torch.Tensor.expand": _torch_expand_call,
        "torch:torch.Tensor.repeat": lambda a, x: framework_ops.torch_repeat(x[0], a["reps"]),
        "torch:torch.sum": _torch_reduce(identity=True),
        "torch:torch.mean": _torch_reduce(identity=True),
        "torch:torch.amax": _torch_reduce(identity=False),
        "torch:torch.argmax": lambda a, x: framework_ops.torch_argmax(
            x[0], a.get("axis"), bool(a.get("keepdims", False))
        ),
        "torch:torch.nn.functional.linear": _linear,
        "tensorflow:tensorflow.add": _binary,
        "tensorflow:tensorflow.multiply": _binary,
        "tensorflow:tensorflow.maximum": _binary,
        "tensorflow:tensorflow.where": lambda a, x: nf.where(*x),
        "tensorflow:tensorflow.tensordot": _tensordot(tfo.tf_tensordot),
        "tensorflow:tensorflow.einsum": _einsum(tfo.tf_einsum),
        "tensorflow:tensorflow.reshape": lambda a, x: framework_ops.tf_reshape(x[0], a["shape"]),
        "tensorflow:tensorflow.transpose": _permute,
        "tensorflow:tensorflow.squeeze": lambda a, x: tfo.squeeze(x[0], _axes(a.get("axis"))),
        "tensorflow:tensorflow.expand_dims": _expand_dims,
        "tensorflow:tensorflow.concat": _join(framework_ops.tf_concat),
        "tensorflow:tensorflow.stack": _join(algebra.stack),
        "tensorflow:tensorflow.broadcast_to": _broadcast_to,
        "tensorflow:tensorflow.reduce_sum": _tf_reduce(identity=True),
        "tensorflow:tensorflow.reduce_mean": _tf_reduce(identity=True),
        "tensorflow:tensorflow.argmax": lambda a, x: tfo.tf_argmax(x[0], a.get("axis")),
        "tensorflow:tensorflow.linalg.matrix_transpose": _reverse_last2,
        "tf_keras:keras.backend.reshape": lambda a, x: framework_ops.tf_reshape(x[0], a["shape"]),
        "tf_keras:keras.backend.permute_dimensions": _permute,
        "tf_keras:keras.backend.expand_dims": _expand_dims,
        "tf_keras:keras.backend.squeeze": lambda a, x: tfo.squeeze(x[0], a["axis"]),
        "tf_keras:keras.backend.concatenate": _join(tfo.keras_backend_concat),
        "tf_keras:keras.backend.stack": _join(algebra.stack),
        "tf_keras:keras.backend.flatten": lambda a, x: nf.ravel(x[0]),
        "tf_keras:keras.backend.batch_flatten": lambda a, x: tfo.batch_flatten(x[0]),
        "tf_keras:keras.backend.sum": _tf_reduce(identity=True),
        "tf_keras:keras.backend.maximum": _binary,
        "einops:einops.rearrange": _einops("rearrange"),
        "einops:einops.reduce": _einops("reduce"),
        "einops:einops.repeat": _einops("repeat"),
    }
)


# the grid ops whose rule is their family's (``family_rules``): rebound here, so the grids
# replay the very functions the interpreter's kinds call
_REDUCTIONS = frozenset("sum mean max amax argmax reduce_sum reduce_mean".split())
_ADAPTERS: dict[
    str, tuple[str, Callable[[Callable[..., Any], dict[str, Any], list[Shape]], Any]]
] = {
    "add": ("add", lambda r, a, x: r(*x)),
    "cat": ("concatenate", lambda r, a, x: r(x, a.get("axis", 0))),
    "concat": ("concatenate", lambda r, a, x: r(x, a.get("axis", 0))),
    "concatenate": ("concatenate", lambda r, a, x: r(x, a.get("axis", 0))),
    "hstack": ("hstack", lambda r, a, x: r(x)),
    "vstack": ("vstack", lambda r, a, x: r(x)),
    "einsum": ("einsum", lambda r, a, x: r(a["subscripts"], *x)),
    "tensordot": ("tensordot", lambda r, a, x: r(x[0], x[1], _tensordot_axes(a.get("axes", 2)))),
    "reshape": ("reshape", lambda r, a, x: r(x[0], a["shape"])),
    "view": ("reshape", lambda r, a, x: r(x[0], a["shape"])),
    "squeeze": ("squeeze", lambda r, a, x: r(x[0], _axes(a.get("axis")))),
    "moveaxis": (
        "moveaxis",
        lambda r, a, x: r(x[0], _axes(a["source"]), _axes(a["destination"])),
    ),
    "linear": ("linear", lambda r, a, x: r(x[0], x[1], x[2] if len(x) > 2 else None)),
    "T": ("T", lambda r, a, x: r(x[0])),
    "mT": ("mT", lambda r, a, x: r(x[0])),
    "broadcast_to": ("expand", lambda r, a, x: r(x[0], a["shape"])),
    "flatten": ("flatten", lambda r, a, x: r(x[0], a.get("start", 0), a.get("end", -1))),
}


def _family_reduce(reduce_rule: Callable[..., Shape]) -> Rule:
    return lambda a, x: reduce_rule(x[0], _axes(a.get("axis")), bool(a.get("keepdims", False)))


def _family_rule(name: str, adapt: Callable[..., Any], family: str) -> Rule:
    found = family_rules.rule(name, family)
    assert found is not None
    return lambda a, x: adapt(found, a, x)


for _key in list(RULES):
    _family, _op = _key.split(":", 1)
    _short = _op.rsplit(".", 1)[-1]
    _reduction = family_rules.reduction(_family, _short) if _short in _REDUCTIONS else None
    if _reduction is not None:
        RULES[_key] = _family_reduce(_reduction)
    elif _short in _ADAPTERS and family_rules.is_own(_ADAPTERS[_short][0], _family):
        RULES[_key] = _family_rule(*_ADAPTERS[_short], _family)


def judge(framework: str, op: str, args: dict[str, Any], inputs: list[Shape]) -> Any:
    """The core's answer for one recorded case: a shape (or list of shapes), or the string
    ``"error"`` when the rule proves the call fails."""
    try:
        return RULES[f"{framework}:{op}"](args, inputs)
    except ShapeError:
        return "error"


def _instance(got: Shape, real: list[int]) -> bool:
    """Whether ``real`` is one of the shapes ``got`` stands for (known dims must match)."""
    if got.variadic:
        if len(got.dims) > len(real):
            return False
        real = real[len(real) - len(got.dims) :]
    elif len(got.dims) != len(real):
        return False
    return all(d.value is None or d.value == r for d, r in zip(got.dims, real, strict=True))


def verdict(got: Any, real: Any) -> str:
    """How the core's answer ``got`` (from ``judge``) compares with a framework's recorded
    ``real`` one (a list of ints, a list of such lists for ``split``, None when it raised):
    ``"agree"``, ``"undecided"`` (a sound but less known shape), or what is wrong."""
    if got == "error":
        return "agree" if real is None else "false error"
    if got is None:
        return "undecided"
    pieces = got if isinstance(got, list) else [got]
    if real is None:
        return "undecided" if any(not p.is_concrete for p in pieces) else "missed error"
    reals = real if isinstance(got, list) else [real]
    if len(pieces) != len(reals):
        return "wrong number of pieces"
    if all(p.is_concrete and p.concrete() == tuple(r) for p, r in zip(pieces, reals, strict=True)):
        return "agree"
    if all(_instance(p, r) for p, r in zip(pieces, reals, strict=True)):
        return "undecided"
    return "wrong shape"
