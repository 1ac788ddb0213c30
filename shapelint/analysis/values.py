"""Immutable abstract values the interpreter computes with.

Everything the interpreter cannot model is ``UNKNOWN``: it propagates silently and never
produces a finding. Tensors carry, besides their shape, the facts the suspicious-pattern
rules need: whether the value is a learned weight, whether it was drawn with the shape of
another tensor, and whether its last shape change showed broadcasting intent.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field, replace
from typing import Any, Final

from shapelint.shapes.shape import UNKNOWN_DIM, UNKNOWN_SHAPE, Dim, Shape, join, join_dims

_lineage = itertools.count(1)


def new_lineage() -> int:
    return next(_lineage)


class Value:
    """Base of all abstract values."""

    __slots__ = ()


@dataclass(frozen=True, slots=True)
class Unknown(Value):
    pass


UNKNOWN = Unknown()


@dataclass(frozen=True, slots=True)
class Draw:
    """Where a tensor that copied another's shape was drawn: ``at``, the call that made it
    (``nn.Parameter(torch.randn_like(x))`` as a whole, where a finding about the copy
    belongs); ``call``, the draw itself; ``shape``, the shape it was drawn with (a later
    view, ``w.t()``, has another); ``sized``, the function that draws the same way from
    explicit sizes, spelled as the code can call it (``torch.randn`` for
    ``torch.randn_like``), or None when there is none to offer; ``filled``, a copy filled
    with one value (``np.full_like(x, 0.1)``) rather than drawn at random."""

    at: Any
    call: Any
    shape: Shape
    sized: str | None = None
    filled: bool = False


@dataclass(frozen=True, slots=True)
class Tensor(Value):
    """An array of some framework.

    ``lineage`` survives view-like ops (transpose, reshape, view), so a weight made with
    ``randn_like(x)`` stays related to ``x.t()``. ``like`` is the lineage of the tensor whose
    shape a random tensor copied, and ``drawn`` where it was drawn (``Draw``). ``intent`` is
    set by ops that show broadcasting is meant (``None`` indexing, ``unsqueeze``,
    ``reshape``, ``keepdims=True``). ``origin`` is where the values come from (``INPUT``,
    ``DRAWN``, ``LEARNED``, ``CONSTANT``, or None when unknown), so a rule can tell
    activations from a mask built out of parameters. ``dtype`` is the kind of its elements
    (``dtypes``: int, bool, float, or None when unknown); a change of shape forgets it
    unless ``keep_dtype`` says the elements are only rearranged. ``kept`` is the shape a
    ``keepdims=True`` reduction reduced from: its intent covers only meeting those sizes
    (``intends``); None leaves the intent whole.
    """

    shape: Shape
    framework: str = "numpy"
    weight: bool = False
    like: int | None = None
    intent: bool = False
    label: str | None = None
    lineage: int = field(default_factory=new_lineage)
    drawn: Draw | None = None
    origin: str | None = None
    dtype: str | None = None
    kept: Shape | None = None

    def intends(self, other: Shape) -> bool:
        """Whether the ops that made this tensor showed that its broadcast against a tensor
        of shape ``other`` is meant. ``None`` indexing, ``unsqueeze`` or ``reshape`` say so
        whatever it meets; ``keepdims=True`` only that its kept singleton axes meet the sizes
        they were reduced from (``x - x.max(-1, keepdim=True)``): a kept axis stretched to a
        size provably other than its own, such as the batch of a (batch,) vector meeting the
        (batch, 1) max over actions, was not what the reduction kept it for."""
        if not self.intent:
            return False
        kept = self.kept
        if kept is None or self.shape.variadic or kept.rank != self.shape.rank:
            return True
        for own, source, met in zip(
            reversed(self.shape.dims), reversed(kept.dims), reversed(other.dims), strict=False
        ):
            if own.is_one() is True and source.is_one() is False and met.is_one() is False:
                if met.equals(source) is False:
                    return False
        return True

    def with_shape(
        self,
        shape: Shape,
        *,
        intent: bool = False,
        keep_lineage: bool = True,
        keep_dtype: bool = False,
    ) -> Tensor:
        return replace(
            self,
            shape=shape,
            dtype=self.dtype if keep_dtype else None,
            intent=intent,
            lineage=self.lineage if keep_lineage else new_lineage(),
            label=self.label if keep_lineage else None,
            like=self.like if keep_lineage else None,
            drawn=self.drawn if keep_lineage else None,
            weight=self.weight if keep_lineage else False,
            kept=None,
        )


# Where a tensor's values come from. INPUT: what a function, a module's forward/call or a
# Keras model is given (activations); DRAWN: a random draw (sample data, noise or an
# initial value); LEARNED: a parameter, or computed from parameters and constants only;
# CONSTANT: made by a deterministic constructor (``eye``, ``ones``) or a scalar; WRITTEN:
# an array literal, whose every element the author chose (a table of coefficients), kept
# apart from CONSTANT because a filled buffer is often data to come and a literal never is;
# GRID: evenly spaced values (``arange``, ``linspace``), laid out to index or tabulate.
# Anything else is unknown (None).
INPUT = "input"
DRAWN = "drawn"
LEARNED = "learned"
CONSTANT = "constant"
WRITTEN = "written"
GRID = "grid"  # evenly spaced values a constructor lays out (``arange``, ``linspace``)
FIXED = (CONSTANT, WRITTEN, GRID)
_PRECEDENCE = (INPUT, DRAWN, None, LEARNED, WRITTEN, CONSTANT, GRID)


def derived_origin(*values: Value) -> str | None:
    """The origin of a value computed from ``values``: the first of input, drawn, unknown,
    learned, constant that any tensor among them has (activations stay activations
    whatever they are scaled by; a value is learned only when nothing unknown went in)."""
    origins = {v.origin for v in _tensors(values)}
    if not origins:
        return None
    return next(origin for origin in _PRECEDENCE if origin in origins)


def _tensors(values: tuple[Value, ...]) -> list[Tensor]:
    found: list[Tensor] = []
    for value in values:
        if isinstance(value, Tensor):
            found.append(value)
        elif isinstance(value, TupleValue):
            found.extend(_tensors(value.items))
        elif isinstance(value, ListOf):
            found.extend(_tensors((value.item,)))
    return found


def with_origin(value: Value, origin: str | None) -> Value:
    """A tensor given ``origin`` (other values unchanged)."""
    if isinstance(value, Tensor) and value.origin != origin:
        return replace(value, origin=origin)
    return value


@dataclass(frozen=True, slots=True)
class ShapedObject(Value):
    """A value of unknown kind whose ``.shape`` is known (it was read or asserted).

    Not an array: a scipy.sparse matrix, a DataFrame or any object with a ``shape`` has one
    too, and their attributes, methods and operators are not NumPy's (a sparse matrix's
    ``.data`` is 1-D, its ``*`` is a matrix product). Only the shape is a fact.
    """

    shape: Shape


@dataclass(frozen=True, slots=True)
class IntValue(Value):
    """An integer whose value may be symbolic (``x.shape[0]``) or unknown."""

    dim: Dim


@dataclass(frozen=True, slots=True)
class Constant(Value):
    """A literal that is not an int: str, float, bool, None, Ellipsis."""

    value: Any


class SomeFloat(float):
    """A float whose value is not followed (what float arithmetic gives): equal only to
    itself, so it never passes for the literal it happens to hold."""

    def __eq__(self, other: object) -> bool:
        return other is self

    def __ne__(self, other: object) -> bool:
        return other is not self

    def __hash__(self) -> int:
        return id(self)


SOME_FLOAT: Final = Constant(SomeFloat())


class ComputedFloat(SomeFloat):
    """A float Python computes from known numbers (``np.log2(48) - np.log2(4)``). It keeps
    its value for the sizes made from it (``int(...)``), but like "some float" it decides
    no comparison. ``approximate``: a function IEEE 754 does not require to be correctly
    rounded (``log2``, ``**``) went into it, so another libm may differ in the last bit."""

    approximate: bool

    def __new__(cls, value: float, approximate: bool) -> ComputedFloat:
        made = super().__new__(cls, value)
        made.approximate = approximate
        return made


def exact_number(value: Value) -> float | None:
    """The number a literal int or float (not "some float") holds."""
    if isinstance(value, IntValue):
        known = value.dim.value
        return float(known) if known is not None else None
    if isinstance(value, Constant) and type(value.value) in (int, float):
        return float(value.value)
    return None


@dataclass(frozen=True, slots=True)
class TupleValue(Value):
    """A tuple or list literal, or a shape (``x.shape`` is a tuple of IntValues)."""

    items: tuple[Value, ...]
    is_list: bool = False


@dataclass(frozen=True, slots=True)
class DictValue(Value):
    """A dict whose keys are all known constants (``{"d": 16}``, ``dict(d=16)``), in order."""

    items: tuple[tuple[Any, Value], ...]

    def get(self, key: Any) -> Value | None:
        for name, value in self.items:
            if name == key:
                return value
        return None

    def with_item(self, key: Any, value: Value) -> DictValue:
        if self.get(key) is None:
            return DictValue((*self.items, (key, value)))
        return DictValue(tuple((k, value if k == key else v) for k, v in self.items))


@dataclass(frozen=True, slots=True)
class ShapeValue(Value):
    """``x.shape`` / ``x.size()``: a tuple of dims, possibly of unknown length; ``of`` is the
    lineage of the tensor it is the whole shape of (a slice or sum of shapes has none)."""

    shape: Shape
    of: int | None = None


@dataclass(frozen=True, slots=True)
class ListOf(Value):
    """A list whose items all look like ``item`` (a comprehension): each item is at most
    ``item`` (its known dims are every item's); ``length`` is known when the list was built
    from an iterable of known length (``[f(t) for t in angles]``), else unknown."""

    item: Value
    length: Dim = UNKNOWN_DIM


@dataclass(frozen=True, slots=True)
class Splat(Value):
    """``*value`` in a call's positional arguments, when its length is unknown."""

    value: Value


@dataclass(frozen=True, slots=True)
class SliceValue(Value):
    start: Value
    stop: Value
    step: Value


@dataclass(frozen=True, slots=True)
class ModuleRef(Value):
    """A module or an attribute path inside one, by canonical dotted name."""

    qualname: str


@dataclass(frozen=True, slots=True)
class Layer(Value):
    """A framework layer object: its kind and literal constructor arguments."""

    kind: str
    params: tuple[tuple[str, Value], ...]
    framework: str
    display: str = ""  # the constructor call as written, for messages

    def param(self, name: str, default: Value = UNKNOWN) -> Value:
        for key, value in self.params:
            if key == name:
                return value
        return default

    def unbuilt(self) -> Layer:
        """The layer before its first call: the width it was built on forgotten."""
        params = tuple((k, v) for k, v in self.params if k != BUILT_WIDTH)
        return Layer(self.kind, params, self.framework, self.display)


# the input width a Keras layer was built on by its first call, kept among its parameters
BUILT_WIDTH = "built width"


@dataclass(frozen=True, slots=True)
class BoundMethod(Value):
    """``obj.name`` for an object whose methods the models know (tensor or layer)."""

    receiver: Value
    name: str


@dataclass(frozen=True, slots=True)
class FunctionRef(Value):
    """A function defined in the analysed file."""

    key: int  # index into the interpreter's function table
    bound_self: Value | None = None


@dataclass(frozen=True, slots=True)
class Wrapped(Value):
    """A callable made from another: ``functools.partial(f, ...)`` (``kind`` "partial") or a
    JAX transform (``jit``, ``grad``, ``value_and_grad``, ``vmap``), with the arguments the
    wrapper was made with."""

    kind: str
    function: Value
    args: tuple[Value, ...] = ()
    keywords: tuple[tuple[str, Value], ...] = ()

    def option(self, name: str) -> Value | None:
        return next((v for k, v in self.keywords if k == name), None)


@dataclass(frozen=True, slots=True)
class StaxLayer(Value):
    """A layer of ``jax.example_libraries.stax`` (see ``analysis.stax``): its kind, the
    constructor arguments its shapes read (``Dense``'s and ``Conv``'s width, a window) and,
    for ``serial``, its layers."""

    kind: str
    width: Dim = UNKNOWN_DIM
    layers: tuple[StaxLayer, ...] = ()
    # a convolution's or pooling's window, strides and padding ("VALID" or "SAME")
    window: tuple[int, ...] = ()
    strides: tuple[int, ...] = ()
    padding: str = ""


@dataclass(frozen=True, slots=True)
class StaxFunction(Value):
    """One of the functions stax and its ``optimizers`` hand out: a layer's ``init_fun`` or
    ``apply_fun`` (``layer`` set), or an optimizer's ``init``/``update``/``get_params``."""

    role: str
    layer: StaxLayer | None = None


@dataclass(frozen=True, slots=True)
class OptimizerState(Value):
    """What an ``optimizers`` triple's ``init(params)`` returns: it holds ``params``."""

    params: Value


@dataclass(frozen=True, slots=True)
class AtIndexer(Value):
    """JAX's ``x.at`` (``indexed`` False) and ``x.at[idx]`` (True): its methods return an
    array shaped like ``x``."""

    tensor: Tensor
    indexed: bool = False


@dataclass(frozen=True, slots=True)
class ClassRef(Value):
    key: int


@dataclass(frozen=True, slots=True)
class Instance(Value):
    """An instance of a class defined in the file; attributes live in the interpreter."""

    class_key: int
    ident: int


def join_values(a: Value, b: Value) -> Value:
    """What is known on both paths."""
    if a == b:
        return a
    if isinstance(a, Tensor) and isinstance(b, Tensor):
        same = a.lineage == b.lineage
        return Tensor(
            shape=join(a.shape, b.shape),
            framework=a.framework if a.framework == b.framework else "unknown",
            weight=a.weight and b.weight,
            like=a.like if a.like == b.like else None,
            intent=a.intent or b.intent,
            label=a.label if a.label == b.label else None,
            lineage=a.lineage if same else new_lineage(),
            drawn=a.drawn if a.drawn == b.drawn else None,
            origin=a.origin if a.origin == b.origin else None,
            dtype=a.dtype if a.dtype == b.dtype else None,
            kept=a.kept if a.kept == b.kept else None,
        )
    if isinstance(a, IntValue) and isinstance(b, IntValue):
        return IntValue(join_dims(a.dim, b.dim))
    if _is_float(a) and _is_float(b):
        return SOME_FLOAT  # different floats: a float all the same
    if isinstance(a, Layer) and isinstance(b, Layer) and a.unbuilt() == b.unbuilt():
        return a.unbuilt()  # built on one path (or on different widths): no width is known
    if isinstance(a, TupleValue) and isinstance(b, TupleValue) and len(a.items) == len(b.items):
        return TupleValue(tuple(join_values(x, y) for x, y in zip(a.items, b.items)), a.is_list)
    if isinstance(a, OptimizerState) and isinstance(b, OptimizerState):
        return OptimizerState(join_values(a.params, b.params))
    if isinstance(a, ShapeValue) and isinstance(b, ShapeValue):
        return ShapeValue(join(a.shape, b.shape), a.of if a.of == b.of else None)
    if isinstance(a, (ShapedObject, Tensor)) and isinstance(b, (ShapedObject, Tensor)):
        return ShapedObject(join(a.shape, b.shape))  # an array on one path only: kind unknown
    if _is_list(a) and _is_list(b):
        # lists of different lengths, or of unknown length: a list of the items' join
        pool = [*_list_items(a), *_list_items(b)]
        if not pool:
            return TupleValue((), True)
        item = pool[0]
        for other in pool[1:]:
            item = join_values(item, other)
        if item is UNKNOWN:
            return UNKNOWN
        if isinstance(a, ListOf) and isinstance(b, ListOf) and a.length == b.length:
            return ListOf(item, a.length)  # built to one length on both paths
        return ListOf(item)
    if (
        isinstance(a, DictValue)
        and isinstance(b, DictValue)
        and [k for k, _ in a.items] == [k for k, _ in b.items]
    ):
        return DictValue(tuple((k, join_values(v, w)) for (k, v), (_, w) in zip(a.items, b.items)))
    return UNKNOWN


def _is_list(value: Value) -> bool:
    return isinstance(value, ListOf) or isinstance(value, TupleValue) and value.is_list


def _list_items(value: Value) -> tuple[Value, ...]:
    return (value.item,) if isinstance(value, ListOf) else value.items  # type: ignore[attr-defined]


def unknown_tensor(framework: str = "unknown") -> Tensor:
    return Tensor(UNKNOWN_SHAPE, framework)


@dataclass(frozen=True, slots=True)
class SuperRef(Value):
    """``super()`` inside a method: attribute lookup starts after ``class_key``."""

    instance: Instance
    class_key: int


def signature_of(value: Value) -> Any:
    """A hashable summary for memoising calls: shapes and facts, not identities."""
    if isinstance(value, Tensor):
        return (
            "T",
            value.shape,
            value.framework,
            value.weight,
            value.intent,
            value.like is not None,
            value.origin,
            value.dtype,
            value.kept,
        )
    if isinstance(value, TupleValue):
        return ("tuple", tuple(signature_of(v) for v in value.items))
    if isinstance(value, Instance):
        return ("instance", value.ident)
    if isinstance(value, ListOf):
        return ("list", signature_of(value.item), value.length)
    if isinstance(value, DictValue):
        return ("dict", tuple((k, signature_of(v)) for k, v in value.items))
    if isinstance(value, OptimizerState):
        return ("optimizer state", signature_of(value.params))
    try:
        hash(value)
    except TypeError:
        return ("unhashable", id(value))
    return value


def _is_float(value: Value) -> bool:
    return isinstance(value, Constant) and isinstance(value.value, float)
