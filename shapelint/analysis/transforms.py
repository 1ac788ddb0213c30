"""Functions passed around and JAX transforms: the wrapped function is run, not skipped.

``functools.partial`` binds arguments ahead; ``jax.jit`` (``static_argnums`` only marks
arguments as static) runs the function as is; ``jax.grad`` runs it and returns arrays
shaped like the differentiated arguments; ``jax.value_and_grad`` returns both (``has_aux``:
the function returns ``(value, aux)``); ``jax.vmap`` runs it on one example (each mapped
argument without its ``in_axes`` dim) and puts the mapped dim back at ``out_axes``.
``lax.scan`` runs its body on the carry and one slice of ``xs`` and stacks the outputs;
``lax.fori_loop`` and ``lax.while_loop`` run their body on the carry. What the options
cannot be read from makes the result unknown, never guessed.
"""

from __future__ import annotations

from collections.abc import Sequence

import libcst as cst

from shapelint.analysis import convert
from shapelint.analysis.events import OpFailed
from shapelint.analysis.machine import Machine
from shapelint.analysis.values import (
    UNKNOWN,
    Constant,
    DictValue,
    IntValue,
    Tensor,
    TupleValue,
    Value,
    Wrapped,
    join_values,
)
from shapelint.shapes.shape import UNKNOWN_DIM, UNKNOWN_SHAPE, Dim, Shape

# canonical name -> kind of the wrapper it makes from its first argument
WRAPPERS = {
    "functools.partial": "partial",
    "jax.jit": "jit",
    "jax.pmap": "vmap",
    "jax.checkpoint": "jit",
    "jax.remat": "jit",
    "jax.grad": "grad",
    "jax.value_and_grad": "value_and_grad",
    "jax.vmap": "vmap",
    "equinox.filter_jit": "jit",
    "equinox.filter_vmap": "vmap",
    "flax.linen.jit": "jit",
}
# the options a transform also takes by position, after the function (its real signature)
_GRAD_OPTIONS = ("argnums", "has_aux", "holomorphic", "allow_int", "reduce_axes")
POSITIONAL_OPTIONS = {
    "jax.grad": _GRAD_OPTIONS,
    "jax.value_and_grad": _GRAD_OPTIONS,
    "jax.vmap": ("in_axes", "out_axes", "axis_name", "axis_size", "spmd_axis_name", "sum_match"),
}
LOOPS = frozenset({"jax.lax.scan", "jax.lax.fori_loop", "jax.lax.while_loop"})
_NOT_MAPPED = object()


class Transforms(Machine):
    def make_wrapper(
        self, qualname: str, positional: list[Value], keywords: dict[str, Value]
    ) -> Value:
        """The callable ``qualname(fun, ...)`` makes; the options a transform takes by
        position become the keywords they are (``jax.grad(f, 1)`` is ``argnums=1``)."""
        if not positional:
            return UNKNOWN
        function, rest = positional[0], positional[1:]
        names = POSITIONAL_OPTIONS.get(qualname, ())
        if rest and len(rest) <= len(names):
            named = dict(zip(names, rest))
            if any(name in keywords for name in named):
                return UNKNOWN  # the same option twice: a TypeError
            keywords, rest = {**named, **keywords}, []
        return Wrapped(WRAPPERS[qualname], function, tuple(rest), tuple(keywords.items()))

    def invoke(
        self, node: cst.CSTNode, callee: Value, positional: list[Value], keywords: dict[str, Value]
    ) -> Value:
        """Call whatever ``callee`` is, as the program would."""
        return self.call(node, callee, positional, keywords, [], False)  # type: ignore[arg-type]

    def call_wrapped(
        self,
        node: cst.CSTNode,
        wrapped: Wrapped,
        positional: list[Value],
        keywords: dict[str, Value],
    ) -> Value:
        if wrapped.kind == "partial":
            merged = {**dict(wrapped.keywords), **keywords}
            return self.invoke(node, wrapped.function, [*wrapped.args, *positional], merged)
        if wrapped.args:
            return UNKNOWN  # a transform's options are keywords; positional ones are not read
        if wrapped.kind == "jit":
            return self.invoke(node, wrapped.function, positional, keywords)
        if wrapped.kind in ("grad", "value_and_grad"):
            return self.differentiate(node, wrapped, positional, keywords)
        if wrapped.kind == "vmap":
            return self.vmap(node, wrapped, positional, keywords)
        return UNKNOWN

    def differentiate(
        self,
        node: cst.CSTNode,
        wrapped: Wrapped,
        positional: list[Value],
        keywords: dict[str, Value],
    ) -> Value:
        known = {"argnums", "has_aux"}
        if any(name not in known for name, _ in wrapped.keywords):
            self.invoke(node, wrapped.function, positional, keywords)
            return UNKNOWN
        argnums = wrapped.option("argnums") or IntValue(Dim.of(0))
        has_aux = wrapped.option("has_aux") or Constant(False)
        aux = has_aux.value if isinstance(has_aux, Constant) else None
        result = self.invoke(node, wrapped.function, positional, keywords)
        if not isinstance(aux, bool):
            return UNKNOWN
        grads = _gradients(argnums, positional)
        value: Value = result
        aux_value: Value = UNKNOWN
        if aux:
            if not (isinstance(result, TupleValue) and len(result.items) == 2):
                return UNKNOWN
            value, aux_value = result.items
        if not aux and isinstance(result, TupleValue):
            reason = (
                f"{wrapped.kind} needs a scalar output; the function returns a tuple of "
                f"{len(result.items)} (has_aux=True takes (output, aux))"
            )
            self.emit(OpFailed(node, wrapped.kind, reason, ()))
            return UNKNOWN
        if isinstance(value, Tensor) and value.shape.rank not in (None, 0):
            # "Gradient only defined for scalar-output functions"
            reason = f"{wrapped.kind} needs a scalar output; the function returns {value.shape}"
            self.emit(OpFailed(node, wrapped.kind, reason, (value.shape,)))
            return UNKNOWN
        if wrapped.kind == "grad":
            return TupleValue((grads, aux_value)) if aux else grads
        outputs = TupleValue((value, aux_value)) if aux else value
        return TupleValue((outputs, grads))

    def vmap(
        self,
        node: cst.CSTNode,
        wrapped: Wrapped,
        positional: list[Value],
        keywords: dict[str, Value],
    ) -> Value:
        if any(k not in ("in_axes", "out_axes") for k, _ in wrapped.keywords):
            self.invoke(node, wrapped.function, [UNKNOWN] * len(positional), {})
            return UNKNOWN
        axes = _in_axes(wrapped.option("in_axes"), len(positional))
        out_axes = wrapped.option("out_axes")
        if axes is None:
            self.invoke(node, wrapped.function, [UNKNOWN] * len(positional), {})
            return UNKNOWN
        # keyword arguments are always mapped over their leading axis (``in_axes`` names
        # only the positional ones)
        pairs = [*zip(positional, axes), *((value, 0) for value in keywords.values())]
        sizes: list[tuple[Dim, Shape]] = []
        examples: list[Value] = []
        for value, axis in pairs:
            if axis is _NOT_MAPPED:
                examples.append(value)
                continue
            example, size = _unmapped(value, axis)  # type: ignore[arg-type]
            examples.append(example)
            if size is not None and isinstance(value, Tensor):
                sizes.append((size, value.shape))
        known = [(s, shape) for s, shape in sizes if s.value is not None]
        if len({s.value for s, _ in known}) > 1:
            self.emit(
                OpFailed(
                    node,
                    "vmap",
                    "vmap got inconsistent sizes for the mapped axes: "
                    + ", ".join(f"{s} in {shape}" for s, shape in known),
                    tuple(shape for _, shape in known),
                )
            )
            return UNKNOWN
        size = known[0][0] if known else (sizes[0][0] if sizes else UNKNOWN_DIM)
        mapped_keywords = dict(zip(keywords, examples[len(positional) :], strict=True))
        result = self.invoke(node, wrapped.function, examples[: len(positional)], mapped_keywords)
        return _mapped(result, size, out_axes if out_axes is not None else IntValue(Dim.of(0)))

    def call_loop(
        self, node: cst.CSTNode, qualname: str, positional: list[Value], keywords: dict[str, Value]
    ) -> Value:
        """``lax.scan(f, init, xs)``, ``lax.fori_loop(lo, hi, body, init)``,
        ``lax.while_loop(cond, body, init)``: the body run once on the carry."""
        names = {
            "jax.lax.scan": ("f", "init", "xs", "length"),
            "jax.lax.fori_loop": ("lower", "upper", "body_fun", "init_val"),
            "jax.lax.while_loop": ("cond_fun", "body_fun", "init_val"),
        }[qualname]
        args = dict(zip(names, positional))
        if len(positional) > len(names) or any(k not in names for k in keywords):
            return UNKNOWN
        args.update(keywords)
        if qualname == "jax.lax.fori_loop":
            carry = args.get("init_val", UNKNOWN)
            out = self.invoke(
                node, args.get("body_fun", UNKNOWN), [IntValue(UNKNOWN_DIM), carry], {}
            )
            return self.checked_carry(node, "fori_loop", carry, out)
        if qualname == "jax.lax.while_loop":
            carry = args.get("init_val", UNKNOWN)
            self.invoke(node, args.get("cond_fun", UNKNOWN), [carry], {})
            out = self.invoke(node, args.get("body_fun", UNKNOWN), [carry], {})
            return self.checked_carry(node, "while_loop", carry, out)
        carry = args.get("init", UNKNOWN)
        xs = args.get("xs", Constant(None))
        example, steps = _unmapped(xs, 0) if not _is_none(xs) else (Constant(None), None)
        length = args.get("length")
        if steps is None and isinstance(length, IntValue):
            steps = length.dim
        out = self.invoke(node, args.get("f", UNKNOWN), [carry, example], {})
        if not (isinstance(out, TupleValue) and len(out.items) == 2):
            return UNKNOWN
        final, ys = out.items
        stacked = _mapped(ys, steps or UNKNOWN_DIM, IntValue(Dim.of(0)))
        return TupleValue((self.checked_carry(node, "scan", carry, final), stacked))

    def checked_carry(self, node: cst.CSTNode, loop: str, initial: Value, after: Value) -> Value:
        """The carry after the loop. JAX traces the body once on the initial carry and
        raises when what it returns has another shape ("scan body function carry input and
        carry output must have equal types"), so one traced step proves the mismatch."""
        mismatch = _carry_mismatch(initial, after)
        if mismatch is None:
            return _carry(initial, after)
        before, returned = mismatch
        reason = (
            f"the {loop} body must return its carry with the shapes it was given: "
            f"carry input {before}, carry output {returned}"
        )
        self.emit(OpFailed(node, loop, reason, (before, returned)))
        return UNKNOWN


def _is_none(value: Value) -> bool:
    return isinstance(value, Constant) and value.value is None


def _carry_leaf(value: Value) -> Shape | None:
    """The shape of one leaf of a carry: an array's, or ``()`` for a Python number."""
    tensor = convert.literal_tensor(value, "jax")
    if tensor is None or isinstance(value, TupleValue):
        return None
    return tensor.shape


def _carry_mismatch(initial: Value, after: Value) -> tuple[Shape, Shape] | None:
    """The first pair of carry leaves, matched by position, whose shapes provably differ."""
    if isinstance(initial, TupleValue) and isinstance(after, TupleValue):
        if len(initial.items) != len(after.items):
            return None  # a structure mismatch: another error, not a shape's
        for before, returned in zip(initial.items, after.items, strict=True):
            found = _carry_mismatch(before, returned)
            if found is not None:
                return found
        return None
    before_shape, after_shape = _carry_leaf(initial), _carry_leaf(after)
    if before_shape is None or after_shape is None:
        return None
    return (before_shape, after_shape) if before_shape.equals(after_shape) is False else None


def _carry(initial: Value, after: Value) -> Value:
    """A loop carry keeps its shape (JAX requires it), so the join of both is sound."""
    return join_values(initial, after) if after is not UNKNOWN else UNKNOWN


def _gradients(argnums: Value, positional: Sequence[Value]) -> Value:
    """Arrays shaped like the differentiated arguments (a tuple for a tuple of argnums)."""
    if isinstance(argnums, IntValue) and argnums.dim.value is not None:
        index = argnums.dim.value
        return _like(positional[index]) if -len(positional) <= index < len(positional) else UNKNOWN
    if isinstance(argnums, TupleValue):
        return TupleValue(tuple(_gradients(item, positional) for item in argnums.items))
    return UNKNOWN


def _like(value: Value) -> Value:
    """The gradient of ``value``: the same structure, each array a new one of its shape."""
    if isinstance(value, Tensor):
        return Tensor(value.shape, value.framework)
    if isinstance(value, TupleValue):
        return TupleValue(tuple(_like(item) for item in value.items), value.is_list)
    if isinstance(value, DictValue):
        return DictValue(tuple((k, _like(v)) for k, v in value.items))
    return UNKNOWN


def _in_axes(value: Value | None, count: int) -> list[object] | None:
    """The mapped axis of each argument (``_NOT_MAPPED`` for None); None when unreadable."""
    if value is None:
        return [0] * count
    single = _axis(value)
    if single is not None:
        return [single] * count
    if isinstance(value, TupleValue) and len(value.items) == count:
        axes = [_axis(item) for item in value.items]
        return axes if all(a is not None for a in axes) else None
    return None


def _axis(value: Value) -> object | None:
    if isinstance(value, Constant) and value.value is None:
        return _NOT_MAPPED
    if isinstance(value, IntValue) and value.dim.value is not None:
        return value.dim.value
    return None


def _unmapped(value: Value, axis: int) -> tuple[Value, Dim | None]:
    """One example of a mapped argument, and the mapped size."""
    if isinstance(value, Tensor):
        shape = value.shape
        if shape.variadic:
            return Tensor(UNKNOWN_SHAPE, value.framework), None
        rank = len(shape.dims)
        index = axis + rank if axis < 0 else axis
        if not 0 <= index < rank:
            return Tensor(UNKNOWN_SHAPE, value.framework), None
        dims = shape.dims[:index] + shape.dims[index + 1 :]
        return value.with_shape(Shape(dims), keep_lineage=False), shape.dims[index]
    if isinstance(value, TupleValue):
        parts = [_unmapped(item, axis) for item in value.items]
        size = next((s for _, s in parts if s is not None), None)
        return TupleValue(tuple(p for p, _ in parts), value.is_list), size
    return UNKNOWN, None


def _mapped(value: Value, size: Dim, out_axes: Value) -> Value:
    """``value`` computed per example, with the mapped dim put back at ``out_axes``."""
    axis = _axis(out_axes)
    if isinstance(value, TupleValue):
        if isinstance(out_axes, TupleValue) and len(out_axes.items) == len(value.items):
            parts = zip(value.items, out_axes.items)
            return TupleValue(tuple(_mapped(v, size, a) for v, a in parts), value.is_list)
        if axis is None:
            return UNKNOWN
        return TupleValue(tuple(_mapped(v, size, out_axes) for v in value.items), value.is_list)
    if axis is _NOT_MAPPED:
        return value
    if not isinstance(value, Tensor) or not isinstance(axis, int):
        return UNKNOWN
    shape = value.shape
    if shape.variadic:
        return Tensor(UNKNOWN_SHAPE, value.framework)
    rank = len(shape.dims) + 1
    index = axis + rank if axis < 0 else axis
    if not 0 <= index < rank:
        return Tensor(UNKNOWN_SHAPE, value.framework)
    dims = shape.dims[:index] + (size,) + shape.dims[index:]
    return value.with_shape(Shape(dims), keep_lineage=False)
