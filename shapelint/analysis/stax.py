"""``jax.example_libraries.stax`` layers and the ``optimizers`` triples, followed as values.

A stax layer is a pair of functions: ``init_fun(rng, input_shape)`` returns
``(output_shape, params)`` and ``apply_fun(params, inputs)`` the output. The analysis keeps
the layer (a ``StaxLayer``: ``Dense(out_dim)``, the elementwise activations, ``Flatten``,
``Identity``, ``serial(*layers)``) behind both functions, so ``init_fun`` makes the
parameters with the shapes the real one draws (``Dense``: ``W`` ``(input_shape[-1], out_dim)``,
``b`` ``(out_dim,)``; a ``serial``'s list of its layers' ones) and ``apply_fun`` runs the
real computation on the parameters it is given (``jnp.dot(inputs, W) + b``), so a kernel
initialised for another input width fails as ``jnp.dot`` does. ``Conv(out_chan,
filter_shape, strides, padding)`` is ``lax.conv_general_dilated`` on NHWC inputs and an HWIO
kernel (``"VALID"``: ``ceil((size - k + 1) / s)``, at least 0; ``"SAME"``: ``ceil(size /
s)``), whose input channels must be the kernel's; ``MaxPool``/``AvgPool``/``SumPool`` slide a
window the same way over the inner dims. Any other stax layer (or option, such as explicit
padding pairs) is opaque: its output shape and parameters are unknown, and so is what
follows from them.

``optimizers.adam(...)`` (and the other optimizers) return ``(init, update, get_params)``:
the state ``init(params)`` makes holds the parameters, ``get_params`` gives them back, and
``update(i, grads, state)`` keeps them when the gradients have their shapes (otherwise the
parameters are unknown). Arguments the model does not read make the result unknown.
"""

from __future__ import annotations

import libcst as cst

from shapelint.analysis import convert
from shapelint.analysis.events import OpFailed
from shapelint.analysis.machine import Machine
from shapelint.analysis.values import (
    UNKNOWN,
    Constant,
    DictValue,
    IntValue,
    ModuleRef,
    OptimizerState,
    StaxFunction,
    StaxLayer,
    Tensor,
    TupleValue,
    Value,
)
from shapelint.shapes import algebra
from shapelint.shapes.shape import UNKNOWN_DIM, UNKNOWN_SHAPE, Dim, Shape

STAX = ("jax.example_libraries.stax.", "jax.experimental.stax.")
OPTIMIZERS = ("jax.example_libraries.optimizers.", "jax.experimental.optimizers.")

# the layers stax defines as ready pairs: ``elementwise(fun)`` ones keep the shape
_ELEMENTWISE = frozenset(
    "Tanh Relu Exp LogSoftmax Softmax Softplus Sigmoid Elu LeakyRelu Selu Gelu Identity".split()
)
_READY = _ELEMENTWISE | {"Flatten"}
# the optimizers made by ``@optimizer``: each returns (init, update, get_params)
_OPTIMIZERS = frozenset(
    "sgd momentum nesterov adagrad rmsprop rmsprop_momentum adam adamax sm3".split()
)
_OPAQUE = StaxLayer("opaque")
_POOLS = frozenset({"MaxPool", "AvgPool", "SumPool"})


def _name(qualname: str, prefixes: tuple[str, ...]) -> str | None:
    for prefix in prefixes:
        if qualname.startswith(prefix):
            return qualname[len(prefix) :]
    return None


def _pair(layer: StaxLayer) -> Value:
    return TupleValue((StaxFunction("init", layer), StaxFunction("apply", layer)))


def as_layer(value: Value) -> StaxLayer | None:
    """The stax layer a value is: an ``(init_fun, apply_fun)`` pair, or a ready one
    (``stax.Relu``) named by its module path."""
    if isinstance(value, ModuleRef):
        name = _name(value.qualname, STAX)
        return StaxLayer(name) if name in _READY else None
    if isinstance(value, TupleValue) and len(value.items) == 2:
        init, apply = value.items
        if (
            isinstance(init, StaxFunction)
            and isinstance(apply, StaxFunction)
            and (init.role, apply.role) == ("init", "apply")
            and init.layer is not None
            and init.layer == apply.layer
        ):
            return init.layer
    return None


def construct(qualname: str, positional: list[Value], keywords: dict[str, Value]) -> Value | None:
    """What calling a stax or optimizers function returns; None for other names."""
    name = _name(qualname, STAX)
    if name is not None:
        return _constructor(name, positional, keywords)
    name = _name(qualname, OPTIMIZERS)
    if name in _OPTIMIZERS:
        roles = ("opt_init", "opt_update", "get_params")
        return TupleValue(tuple(StaxFunction(role) for role in roles))
    return None


def _constructor(name: str, positional: list[Value], keywords: dict[str, Value]) -> Value:
    if name == "serial":
        layers = [as_layer(v) for v in positional]
        if keywords or any(layer is None for layer in layers):
            return _pair(_OPAQUE)
        return _pair(StaxLayer("serial", layers=tuple(x for x in layers if x is not None)))
    if name == "Dense":
        # Dense(out_dim, W_init, b_init): the initialisers draw the shapes they are asked
        args = dict(zip(("out_dim", "W_init", "b_init"), positional))
        if len(positional) > 3 or any(
            k in args or k not in ("out_dim", "W_init", "b_init") for k in keywords
        ):
            return _pair(_OPAQUE)
        args.update(keywords)
        width = args.get("out_dim")
        dim = width.dim if isinstance(width, IntValue) else UNKNOWN_DIM
        return _pair(StaxLayer("Dense", _size(dim)))
    if name == "Conv":
        return _pair(_windowed("Conv", ("out_chan", "filter_shape"), positional, keywords))
    if name in _POOLS:
        return _pair(_windowed(name, ("window_shape",), positional, keywords))
    if name[:1].isupper():
        return _pair(_OPAQUE)  # another layer constructor (BatchNorm, Dropout...)
    return UNKNOWN


def _windowed(
    kind: str, leading: tuple[str, ...], positional: list[Value], keywords: dict[str, Value]
) -> StaxLayer:
    """``Conv(out_chan, filter_shape, strides, padding, W_init, b_init)`` and
    ``MaxPool(window_shape, strides, padding, spec)``: a layer when every option is read."""
    trailing = ("W_init", "b_init") if kind == "Conv" else ("spec",)
    names = (*leading, "strides", "padding", *trailing)
    args = dict(zip(names, positional))
    if len(positional) > len(names) or any(k in args or k not in names for k in keywords):
        return _OPAQUE
    args.update(keywords)
    window = _ints(args.get(leading[-1]))
    given = args.get("strides")
    default = given is None or convert.is_none(given)
    strides = None if default else _ints(given)
    padding = args.get("padding", Constant("VALID"))
    spec = args.get("spec")
    if (
        window is None
        or (kind == "Conv" and len(window) != 2)  # Conv is NHWC with an HWIO kernel
        or (strides is None and not default)
        or (strides is not None and len(strides) != len(window))
        or not (isinstance(padding, Constant) and padding.value in ("VALID", "SAME"))
        or (spec is not None and not convert.is_none(spec))
    ):
        return _OPAQUE
    width = args.get("out_chan")
    dim = _size(width.dim) if isinstance(width, IntValue) else UNKNOWN_DIM
    return StaxLayer(
        kind, dim, window=window, strides=strides or (1,) * len(window), padding=padding.value
    )


def _ints(value: Value | None) -> tuple[int, ...] | None:
    """A tuple of known positive ints."""
    if not isinstance(value, TupleValue):
        return None
    items = [convert.as_int(item) for item in value.items]
    if not items or any(i is None or i <= 0 for i in items):
        return None
    return tuple(i for i in items if i is not None)


def _slid(size: Dim, window: int, stride: int, padding: str) -> Dim:
    """A dim after a window slides over it: lax's "VALID" and "SAME" paddings."""
    n = size.value
    if n is None or n < 0:
        return UNKNOWN_DIM
    if padding == "SAME":
        return Dim.of(-(-n // stride))
    return Dim.of(max(0, -(-(n - window + 1) // stride)))


def _slide(layer: StaxLayer, dims: tuple[Dim, ...], kernel: tuple[int, ...]) -> tuple[Dim, ...]:
    """The inner (spatial) dims of NHWC ``dims`` after the layer's window."""
    inner = dims[1:-1]
    return tuple(
        _slid(d, k, s, layer.padding) for d, k, s in zip(inner, kernel, layer.strides, strict=True)
    )


def _size(dim: Dim) -> Dim:
    """A size as a layer can use it: a negative one (the ``-1`` batch) is no size."""
    return UNKNOWN_DIM if dim.value is not None and dim.value < 0 else dim


class Stax(Machine):
    def call_stax(
        self,
        node: cst.CSTNode,
        fn: StaxFunction,
        positional: list[Value],
        keywords: dict[str, Value],
    ) -> Value:
        if fn.role == "opt_init":
            return (
                OptimizerState(positional[0]) if len(positional) == 1 and not keywords else UNKNOWN
            )
        if fn.role == "get_params":
            state = positional[0] if len(positional) == 1 and not keywords else UNKNOWN
            return state.params if isinstance(state, OptimizerState) else UNKNOWN
        if fn.role == "opt_update":
            if len(positional) != 3 or keywords:
                return UNKNOWN
            _, grads, state = positional
            if not isinstance(state, OptimizerState):
                return UNKNOWN
            return state if _same_shapes(grads, state.params) else OptimizerState(UNKNOWN)
        if fn.layer is None:
            return UNKNOWN
        if fn.role == "init":
            args = dict(zip(("rng", "input_shape"), positional))
            if len(positional) > 2 or any(
                k not in ("rng", "input_shape") or k in args for k in keywords
            ):
                return UNKNOWN
            args.update(keywords)
            shape = convert.as_shape(args.get("input_shape"))
            if shape is None or shape.variadic:
                return TupleValue((UNKNOWN, UNKNOWN))
            out, params = _init(fn.layer, shape.dims)
            items = TupleValue(tuple(IntValue(d) for d in out)) if out is not None else UNKNOWN
            return TupleValue((items, params))
        args = dict(zip(("params", "inputs"), positional))
        if len(positional) > 2 or any(k in args for k in keywords if k in ("params", "inputs")):
            return UNKNOWN
        args.update(keywords)
        if any(k not in ("params", "inputs", "rng") for k in args):
            return UNKNOWN  # mode=... and the like are read by layers this model does not know
        return self._apply(node, fn.layer, args.get("params", UNKNOWN), args.get("inputs", UNKNOWN))

    def _apply(self, node: cst.CSTNode, layer: StaxLayer, params: Value, inputs: Value) -> Value:
        if not isinstance(inputs, Tensor):
            return UNKNOWN
        if layer.kind in _ELEMENTWISE:
            return Tensor(inputs.shape, "jax")
        if layer.kind == "Flatten":
            shape = inputs.shape
            if shape.variadic or not shape.dims:
                return Tensor(UNKNOWN_SHAPE, "jax")
            rest = algebra.numel(Shape(shape.dims[1:]))
            return Tensor(Shape((shape.dims[0], rest)), "jax")
        if layer.kind == "Dense":
            if not (isinstance(params, TupleValue) and len(params.items) == 2):
                return Tensor(UNKNOWN_SHAPE, "jax")
            weight, bias = params.items
            product = self.call(node, ModuleRef("jax.numpy.dot"), [inputs, weight], {}, [], False)  # type: ignore[arg-type]
            if not isinstance(product, Tensor):
                return Tensor(UNKNOWN_SHAPE, "jax")
            return self.binary(node, "+", product, bias)
        if layer.kind in _POOLS:
            shape = inputs.shape
            if shape.variadic or len(shape.dims) != len(layer.window) + 2:
                return Tensor(UNKNOWN_SHAPE, "jax")
            inner = _slide(layer, shape.dims, layer.window)
            return Tensor(Shape((shape.dims[0], *inner, shape.dims[-1])), "jax")
        if layer.kind == "Conv":
            return self._convolve(node, layer, params, inputs)
        if layer.kind == "serial":
            if not (isinstance(params, TupleValue) and len(params.items) == len(layer.layers)):
                return Tensor(UNKNOWN_SHAPE, "jax")
            value: Value = inputs
            for child, child_params in zip(layer.layers, params.items, strict=True):
                value = self._apply(node, child, child_params, value)
            return value
        return Tensor(UNKNOWN_SHAPE, "jax")

    def _convolve(
        self, node: cst.CSTNode, layer: StaxLayer, params: Value, inputs: Tensor
    ) -> Value:
        """``lax.conv_general_dilated(inputs, W, strides, padding)`` (NHWC, HWIO) ``+ b``."""
        if not (isinstance(params, TupleValue) and len(params.items) == 2):
            return Tensor(UNKNOWN_SHAPE, "jax")
        weight, bias = params.items
        shape = inputs.shape
        if not isinstance(weight, Tensor) or weight.shape.variadic or shape.variadic:
            return Tensor(UNKNOWN_SHAPE, "jax")
        kernel = weight.shape.dims
        if len(kernel) != len(layer.window) + 2:
            return Tensor(UNKNOWN_SHAPE, "jax")
        reason = None
        if len(shape.dims) != len(kernel):
            reason = (
                f"convolution requires lhs and rhs ndim to be equal, got {len(shape.dims)} "
                f"and {len(kernel)}"
            )
        elif shape.dims[-1].equals(kernel[-2]) is False:
            reason = (
                "conv_general_dilated lhs feature dimension size must equal the rhs input "
                f"feature dimension size, but {shape.dims[-1]} != {kernel[-2]}"
            )
        if reason is not None:
            self.emit(OpFailed(node, "conv_general_dilated", reason, (shape, weight.shape)))
            return Tensor(UNKNOWN_SHAPE, "jax")
        sizes = tuple(k.value for k in kernel[:-2])
        if any(k is None for k in sizes):
            return Tensor(UNKNOWN_SHAPE, "jax")
        inner = _slide(layer, shape.dims, tuple(k for k in sizes if k is not None))
        out = Tensor(Shape((shape.dims[0], *inner, kernel[-1])), "jax")
        return self.binary(node, "+", out, bias)


def _init(layer: StaxLayer, dims: tuple[Dim, ...]) -> tuple[tuple[Dim, ...] | None, Value]:
    """The output shape and the parameters ``layer``'s ``init_fun`` makes for inputs of
    ``dims`` (None and ``UNKNOWN`` where they cannot be known)."""
    if layer.kind in _ELEMENTWISE:
        return dims, TupleValue(())
    if layer.kind == "Flatten":
        if not dims or any(_size(d) != d for d in dims[1:]):
            return None, TupleValue(())
        return (dims[0], algebra.numel(Shape(dims[1:]))), TupleValue(())
    if layer.kind == "Dense":
        if not dims:
            return None, UNKNOWN  # input_shape[-1] of () raises
        weight = Tensor(Shape((_size(dims[-1]), layer.width)), "jax")
        bias = Tensor(Shape((layer.width,)), "jax")
        return dims[:-1] + (layer.width,), TupleValue((weight, bias))
    if layer.kind == "Conv" or layer.kind in _POOLS:
        if len(dims) != len(layer.window) + 2:
            return None, UNKNOWN
        inner = _slide(layer, dims, layer.window)
        if layer.kind in _POOLS:
            batch = dims[0] if _size(dims[0]) == dims[0] else UNKNOWN_DIM
            return (batch, *inner, dims[-1]), TupleValue(())
        kernel = Tensor(Shape((*map(Dim.of, layer.window), _size(dims[-1]), layer.width)), "jax")
        bias = Tensor(Shape((*(Dim.of(1),) * (len(dims) - 1), layer.width)), "jax")
        return (dims[0], *inner, layer.width), TupleValue((kernel, bias))
    if layer.kind == "serial":
        params: list[Value] = []
        current: tuple[Dim, ...] | None = dims
        for child in layer.layers:
            if current is None:
                params.append(UNKNOWN)
                continue
            current, made = _init(child, current)
            params.append(made)
        return current, TupleValue(tuple(params), is_list=True)
    return None, UNKNOWN


def _same_shapes(a: Value, b: Value) -> bool:
    """Whether two parameter trees provably hold arrays of the same shapes."""
    if isinstance(a, Tensor) and isinstance(b, Tensor):
        return a.shape.equals(b.shape) is True
    if isinstance(a, TupleValue) and isinstance(b, TupleValue):
        return len(a.items) == len(b.items) and all(
            _same_shapes(x, y) for x, y in zip(a.items, b.items, strict=True)
        )
    if isinstance(a, DictValue) and isinstance(b, DictValue):
        keys = [k for k, _ in a.items]
        return keys == [k for k, _ in b.items] and all(
            _same_shapes(x, y) for (_, x), (_, y) in zip(a.items, b.items, strict=True)
        )
    return False
