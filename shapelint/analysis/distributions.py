"""``torch.distributions``: distribution objects built from parameter tensors.

Why: policy-gradient and variational code draws from a distribution and weighs its
log-probabilities; without a model the shape is lost at ``dist.sample()`` and
``dist.log_prob(action)``, which is where a ``(batch,)`` log-probability meets a
``(batch, 1)`` advantage.

A distribution has a ``batch_shape`` and an ``event_shape``, read off its parameters by
one of a few *layouts* (``FAMILIES`` says which layout each class follows):

- ``elementwise``: every parameter broadcasts (``Normal(loc, scale)``, ``Bernoulli(probs)``);
  the batch is their broadcast, the event ``()``;
- ``categorical``: one of ``probs``/``logits``, its last axis the categories: the batch is
  the rest, the event ``()`` (``Categorical``);
- ``last_axis``: the same parameter, its last axis the event (``OneHotCategorical``,
  ``Multinomial``, ``Dirichlet``);
- ``mvn``: ``loc`` (…, k) and one matrix (…, k, k): the batch is the broadcast of what
  precedes them, the event ``(k,)`` (``MultivariateNormal``).

``Independent(base, n)`` moves the base's last ``n`` batch axes into its event. Then, as in
torch, ``sample(sample_shape)`` is ``sample_shape + batch + event``, ``log_prob(value)`` the
broadcast of ``value`` without its event axes against the batch, ``entropy()`` the batch,
``mean``/``variance``/``stddev``/``mode`` ``batch + event``, ``expand(batch_shape)`` a new
batch, and ``kl_divergence(p, q)`` of two of one class and shape the batch. An argument the
model does not read (``validate_args``, an unknown keyword, a sample shape that is not a
tuple of ints) makes the result unknown.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from shapelint.analysis import convert, dtypes
from shapelint.analysis.values import (
    DRAWN,
    UNKNOWN,
    BoundMethod,
    Constant,
    IntValue,
    ShapeValue,
    Tensor,
    Value,
    derived_origin,
)
from shapelint.shapes.algebra import broadcast
from shapelint.shapes.shape import Dim, Shape, ShapeError

PREFIX = "torch.distributions."


@dataclass(frozen=True)
class Family:
    """How one distribution class is built: ``params`` in positional order, ``one_of`` the
    parameters of which exactly one is given (``probs``/``logits``), ``optional`` those
    with a default, ``ints`` those that must be a Python int and do not broadcast
    (``Multinomial``'s ``total_count``), and ``sample_kind`` the element kind of a draw."""

    layout: str
    params: tuple[str, ...]
    one_of: tuple[str, ...] = ()
    optional: frozenset[str] = frozenset()
    ints: frozenset[str] = frozenset()
    sample_kind: str | None = None


_PROBS = ("probs", "logits")
_MATRICES = ("covariance_matrix", "precision_matrix", "scale_tril")


def _elementwise(*params: str, optional: str = "") -> Family:
    return Family("elementwise", params, optional=frozenset(optional.split()))


def _binary(*params: str, optional: str = "") -> Family:
    """A family of ``probs``/``logits`` (after ``params``) whose parameters broadcast."""
    return Family("elementwise", (*params, *_PROBS), _PROBS, frozenset(optional.split()))


FAMILIES: dict[str, Family] = {
    "Normal": _elementwise("loc", "scale"),
    "Laplace": _elementwise("loc", "scale"),
    "Cauchy": _elementwise("loc", "scale"),
    "Gumbel": _elementwise("loc", "scale"),
    "LogNormal": _elementwise("loc", "scale"),
    "HalfNormal": _elementwise("scale"),
    "HalfCauchy": _elementwise("scale"),
    "Uniform": _elementwise("low", "high"),
    "Beta": _elementwise("concentration1", "concentration0"),
    "Kumaraswamy": _elementwise("concentration1", "concentration0"),
    "Gamma": _elementwise("concentration", "rate"),
    "InverseGamma": _elementwise("concentration", "rate"),
    "Chi2": _elementwise("df"),
    "Exponential": _elementwise("rate"),
    "Poisson": _elementwise("rate"),
    "StudentT": _elementwise("df", "loc", "scale", optional="loc scale"),
    "Weibull": _elementwise("scale", "concentration"),
    "Pareto": _elementwise("scale", "alpha"),
    "FisherSnedecor": _elementwise("df1", "df2"),
    "VonMises": _elementwise("loc", "concentration"),
    "Bernoulli": _binary(),
    "Geometric": _binary(),
    "ContinuousBernoulli": _binary(),
    "Binomial": _binary("total_count", optional="total_count"),
    "NegativeBinomial": _binary("total_count"),
    "Categorical": Family("categorical", _PROBS, _PROBS, sample_kind=dtypes.INT),
    "OneHotCategorical": Family("last_axis", _PROBS, _PROBS),
    "Multinomial": Family(
        "last_axis",
        ("total_count", *_PROBS),
        _PROBS,
        frozenset({"total_count"}),
        frozenset({"total_count"}),
    ),
    "Dirichlet": Family("last_axis", ("concentration",)),
    "MultivariateNormal": Family("mvn", ("loc", *_MATRICES), _MATRICES),
}

# the event-free methods whose result broadcasts their value against the batch
_VALUE_METHODS = frozenset({"log_prob", "cdf", "icdf"})
# what a distribution's methods and attributes give, beyond its parameters
_BATCH_METHODS = frozenset({"entropy", "perplexity"})
_SAMPLERS = frozenset({"sample", "rsample"})
_MOMENTS = frozenset({"mean", "mode", "variance", "stddev"})


@dataclass(frozen=True, slots=True)
class Distribution(Value):
    """A ``torch.distributions`` object: its class, batch and event shapes, the shapes of
    the parameters it exposes as attributes (``probs``, ``loc``…), the origin of its
    parameters' values, and the element kind of a draw. Holds no tensor identities, so two
    loop iterations that build the same distribution join to it."""

    family: str
    batch: Shape
    event: Shape
    attributes: tuple[tuple[str, Shape], ...] = ()
    origin: str | None = None
    sample_kind: str | None = None


def family_of(qualname: str) -> str | None:
    """The class a dotted name calls (``torch.distributions.Normal`` or its module's
    ``torch.distributions.normal.Normal``), or None."""
    if not qualname.startswith(PREFIX):
        return None
    parts = qualname[len(PREFIX) :].split(".")
    if len(parts) > 2 or (parts[-1] not in FAMILIES and parts[-1] not in _BUILDERS):
        return None
    return parts[-1]


def _concat(*shapes: Shape) -> Shape:
    """Shapes joined end to end; a shape of unknown rank hides everything before it."""
    dims: list[Dim] = []
    variadic = False
    for shape in shapes:
        if shape.variadic:
            dims, variadic = [], True
        dims.extend(shape.dims)
    return Shape(tuple(dims), variadic)


def _drop_last(shape: Shape, count: int) -> Shape | None:
    """``shape`` without its last ``count`` axes, or None when it has fewer."""
    if shape.min_rank < count:
        return Shape((), True) if shape.variadic else None
    return Shape(shape.dims[: len(shape.dims) - count], shape.variadic)


def _last(shape: Shape, count: int) -> Shape | None:
    if shape.min_rank < count:
        return None
    return Shape(shape.dims[len(shape.dims) - count :])


# what a layout reads off the parameters: batch, event, and each exposed parameter's shape
Built = tuple[Shape, Shape, dict[str, Shape]]


def _layout_elementwise(family: Family, shapes: Mapping[str, Shape]) -> Built | None:
    batch = broadcast(*shapes.values())
    exposed = (n for n in (*family.params, *family.one_of) if n not in family.ints)
    return batch, Shape(()), {name: batch for name in exposed}


def _layout_categorical(family: Family, shapes: Mapping[str, Shape]) -> Built | None:
    (param,) = shapes.values()
    batch = _drop_last(param, 1)
    if batch is None:
        return None  # a 0-d probs raises
    return batch, Shape(()), {name: param for name in family.one_of}


def _layout_last_axis(family: Family, shapes: Mapping[str, Shape]) -> Built | None:
    (param,) = shapes.values()
    batch, event = _drop_last(param, 1), _last(param, 1)
    if batch is None or event is None:
        return None
    names = family.one_of or family.params
    return batch, event, {name: param for name in names}


def _layout_mvn(family: Family, shapes: Mapping[str, Shape]) -> Built | None:
    loc = shapes["loc"]
    name, matrix = next((n, s) for n, s in shapes.items() if n != "loc")
    loc_batch, event, matrix_batch = _drop_last(loc, 1), _last(loc, 1), _drop_last(matrix, 2)
    if loc_batch is None or event is None or matrix_batch is None:
        return None
    size = event.dims[0]
    if any(size.equals(d) is False for d in matrix.dims[-2:]):
        return None  # torch builds it, but every draw and density fails
    batch = broadcast(loc_batch, matrix_batch)
    full = _concat(batch, event)
    return batch, event, {"loc": full, name: _concat(full, event)}


LAYOUTS: dict[str, Callable[[Family, Mapping[str, Shape]], Built | None]] = {
    "elementwise": _layout_elementwise,
    "categorical": _layout_categorical,
    "last_axis": _layout_last_axis,
    "mvn": _layout_mvn,
}


def _bind(
    names: tuple[str, ...], positional: list[Value], keywords: Mapping[str, Value]
) -> dict[str, Value] | None:
    """The arguments by parameter name, or None when one is not a parameter (or given
    twice)."""
    if len(positional) > len(names):
        return None
    given = dict(zip(names, positional, strict=False))
    for key, value in keywords.items():
        if key not in names or key in given:
            return None
        given[key] = value
    return given


def _parameter_shape(value: Value) -> Shape | None:
    """A parameter's shape: a torch tensor's, ``()`` for a Python number."""
    if isinstance(value, Tensor):
        return value.shape if value.framework in ("torch", "unknown") else None
    if isinstance(value, IntValue) or (
        isinstance(value, Constant) and type(value.value) in (float, bool)
    ):
        return Shape(())
    return None


def construct(name: str, positional: list[Value], keywords: Mapping[str, Value]) -> Value:
    """``torch.distributions.<name>(...)``: the distribution, or unknown when an argument is
    not understood or the call provably fails."""
    if name in _BUILDERS:
        return _BUILDERS[name](positional, keywords)
    family = FAMILIES[name]
    given = _bind(family.params, positional, keywords)
    if given is None:
        return UNKNOWN
    given = {k: v for k, v in given.items() if not (k in family.one_of and convert.is_none(v))}
    chosen = [n for n in family.one_of if n in given]
    required = set(family.params) - set(family.one_of) - family.optional
    if (family.one_of and len(chosen) != 1) or not required <= set(given):
        return UNKNOWN
    shapes: dict[str, Shape] = {}
    for param, value in given.items():
        if param in family.ints:
            if not isinstance(value, IntValue):
                return UNKNOWN
            continue
        shape = _parameter_shape(value)
        if shape is None or (family.layout != "elementwise" and not isinstance(value, Tensor)):
            return UNKNOWN
        shapes[param] = shape
    try:
        built = LAYOUTS[family.layout](family, shapes)
    except ShapeError:
        return UNKNOWN  # the parameters do not broadcast: the constructor raises
    if built is None:
        return UNKNOWN
    batch, event, exposed = built
    return Distribution(
        name,
        batch,
        event,
        tuple(exposed.items()),
        derived_origin(*given.values()),
        family.sample_kind,
    )


def _independent(positional: list[Value], keywords: Mapping[str, Value]) -> Value:
    """``Independent(base, n)``: the base's last ``n`` batch axes become event axes."""
    given = _bind(("base_distribution", "reinterpreted_batch_ndims"), positional, keywords)
    if given is None or len(given) != 2:
        return UNKNOWN
    base, count = given["base_distribution"], convert.as_int(given["reinterpreted_batch_ndims"])
    if not isinstance(base, Distribution) or count is None or count < 0:
        return UNKNOWN
    batch, moved = _drop_last(base.batch, count), _last(base.batch, count)
    if batch is None or moved is None:
        return UNKNOWN
    return Distribution(
        f"Independent({base.family})",
        batch,
        _concat(moved, base.event),
        (),
        base.origin,
        base.sample_kind,
    )


def _kl_divergence(positional: list[Value], keywords: Mapping[str, Value]) -> Value:
    """``kl_divergence(p, q)``: one divergence per batch entry. Only two distributions of
    one class with provably the same batch and event shapes are modelled (torch registers
    few pairs across classes, and some that differ in batch shape fail)."""
    given = _bind(("p", "q"), positional, keywords)
    if given is None or len(given) != 2:
        return UNKNOWN
    p, q = given["p"], given["q"]
    if not isinstance(p, Distribution) or not isinstance(q, Distribution):
        return UNKNOWN
    same = p.batch.equals(q.batch) is True and p.event.equals(q.event) is True
    if p.family != q.family or not same:
        return UNKNOWN
    return _tensor(
        p.batch, derived_origin(_tensor(Shape(()), p.origin), _tensor(Shape(()), q.origin))
    )


_BUILDERS: dict[str, Callable[[list[Value], Mapping[str, Value]], Value]] = {
    "Independent": _independent,
    "kl_divergence": _kl_divergence,
}


def attribute(dist: Distribution, name: str) -> Value:
    """``dist.<name>``: a method, a shape, a moment or an exposed parameter."""
    if name in _SAMPLERS or name in _BATCH_METHODS or name in _VALUE_METHODS or name == "expand":
        return BoundMethod(dist, name)
    if name == "batch_shape":
        return ShapeValue(dist.batch)
    if name == "event_shape":
        return ShapeValue(dist.event)
    if name in _MOMENTS:
        return _tensor(_concat(dist.batch, dist.event), dist.origin)
    shape = dict(dist.attributes).get(name)
    return _tensor(shape, dist.origin) if shape is not None else UNKNOWN


def _tensor(shape: Shape, origin: str | None, kind: str | None = None) -> Tensor:
    return Tensor(shape, "torch", origin=origin, dtype=kind)


def method(
    dist: Distribution, name: str, positional: list[Value], keywords: Mapping[str, Value]
) -> Value:
    """``dist.<name>(...)`` for the methods ``attribute`` binds."""
    if name in _SAMPLERS:
        given = _bind(("sample_shape",), positional, keywords)
        if given is None:
            return UNKNOWN
        written = given.get("sample_shape")
        # torch.Size(n) of an int raises: only a sequence of ints is a sample shape
        drawn = Shape(()) if written is None else None
        if written is not None and not isinstance(written, IntValue):
            drawn = convert.as_shape(written)
        if drawn is None:
            return UNKNOWN
        return _tensor(_concat(drawn, dist.batch, dist.event), DRAWN, dist.sample_kind)
    if name == "expand":
        given = _bind(("batch_shape",), positional, keywords)
        written = given.get("batch_shape") if given is not None else None
        return _expand(dist, convert.as_shape(written)) if written is not None else UNKNOWN
    if name in _BATCH_METHODS:
        return _tensor(dist.batch, dist.origin) if not positional and not keywords else UNKNOWN
    given = _bind(("value",), positional, keywords)
    value = given.get("value") if given is not None else None
    if not isinstance(value, Tensor) or value.framework not in ("torch", "unknown"):
        return UNKNOWN
    if name != "log_prob" and dist.event.rank != 0:
        return UNKNOWN
    return _density(dist, value)


def _expand(dist: Distribution, batch: Shape | None) -> Value:
    """``dist.expand(batch_shape)``: the parameters broadcast to a new batch (which the old
    one must broadcast to); each exposed parameter keeps what follows its batch axes."""
    old = dist.batch
    if batch is None or batch.variadic or old.variadic:
        return UNKNOWN
    if any(d.value is not None and d.value < 0 for d in batch.dims):
        return UNKNOWN
    try:
        grown = broadcast(old, batch)
    except ShapeError:
        return UNKNOWN
    if grown.equals(batch) is not True:
        return UNKNOWN
    exposed = tuple(
        (name, _concat(batch, Shape(shape.dims[len(old.dims) :])))
        for name, shape in dist.attributes
        if not shape.variadic
    )
    return Distribution(dist.family, batch, dist.event, exposed, dist.origin, dist.sample_kind)


def _density(dist: Distribution, value: Tensor) -> Value:
    """``log_prob(value)``: ``value``'s trailing axes must be the event (torch validates
    it), the rest broadcasts against the batch."""
    count = dist.event.rank
    if count is None:
        return UNKNOWN
    rest, trailing = _drop_last(value.shape, count), _last(value.shape, count)
    if rest is None or (trailing is not None and trailing.equals(dist.event) is False):
        return UNKNOWN
    try:
        shape = broadcast(rest, dist.batch)
    except ShapeError:
        return UNKNOWN
    origin = derived_origin(value, _tensor(Shape(()), dist.origin))
    return _tensor(shape, origin)
