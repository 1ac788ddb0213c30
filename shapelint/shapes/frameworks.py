"""Shape rules whose semantics differ from NumPy's: torch, TensorFlow and Keras.

NumPy judges the rules in ``algebra.py``; these rules have no NumPy twin, so each one is
pinned by data recorded from the real framework (``tests/data/*.json``, replayed by
``tests/shapes/test_framework_records.py``). Every function is pure: Shapes and op arguments
in, a Shape out, or ``ShapeError`` when the call can never succeed. Symbolic, unknown and
variadic inputs give a sound answer (unknown where unknown) and never a false error: a rule
raises only when a dim is *provably* wrong (``Dim.equals`` is False) or a rank is provably
out of range.
"""

from __future__ import annotations

from collections.abc import Sequence

from shapelint.shapes.algebra import broadcast
from shapelint.shapes.shape import UNKNOWN_DIM, UNKNOWN_SHAPE, Dim, Shape, ShapeError

DimArg = Dim | int | None  # an op argument: a known int, a Dim, or None for "not known"
SizeArg = DimArg | Sequence[DimArg]  # kernel_size=3 or kernel_size=(3, 1)
PadArg = SizeArg | str  # padding=1, (1, 0), "same", "valid", "causal"


# -- small helpers -----------------------------------------------------------------------------


def _dim(value: DimArg) -> Dim:
    return Dim.coerce(value)


def _differ(a: Dim, b: Dim) -> bool:
    return a.equals(b) is False


def _pick(a: Dim, b: Dim) -> Dim:
    """The more informative of two dims the framework requires to be equal."""
    for d in (a, b):
        if d.is_known:
            return d
    return a if not a.is_unknown else b


def _rank_range(x: Shape) -> tuple[int, int | None]:
    """(lowest possible rank, highest possible rank or None)."""
    return (len(x.dims), None) if x.variadic else (len(x.dims), len(x.dims))


def _can_have_rank(x: Shape, ranks: Sequence[int]) -> bool:
    low, high = _rank_range(x)
    return any(r >= low and (high is None or r <= high) for r in ranks)


def _require_ranks(x: Shape, ranks: Sequence[int], what: str) -> None:
    if not _can_have_rank(x, ranks):
        wanted = " or ".join(f"{r}-D" for r in ranks)
        raise ShapeError(f"{what} needs a {wanted} tensor, got {x}")


def _require_min_rank(x: Shape, low: int, what: str) -> None:
    if not x.variadic and len(x.dims) < low:
        raise ShapeError(f"{what} needs a tensor of rank >= {low}, got {x}")


def _fixed_rank(x: Shape, ranks: Sequence[int]) -> int | None:
    """The rank of ``x`` if it is known, or the only one of ``ranks`` it could have."""
    if x.rank is not None:
        return x.rank
    possible = [r for r in ranks if r >= len(x.dims)]
    return possible[0] if len(possible) == 1 else None


def _tuple(value: SizeArg, n: int, name: str) -> tuple[Dim, ...]:
    if isinstance(value, Dim | int) or value is None:
        return (_dim(value),) * n
    items = tuple(_dim(v) for v in value)
    if len(items) == 1:
        return items * n
    if len(items) != n:
        raise ShapeError(f"{name} needs {n} values, got {len(items)}")
    return items


def _batch_part(x: Shape, core: int) -> Shape:
    """The dims before the last ``core`` ones (all of them unknown-length if variadic)."""
    return Shape(x.dims[: max(len(x.dims) - core, 0)], x.variadic)


def _with_last(x: Shape, last: Dim) -> Shape:
    return Shape(x.dims[:-1] + (last,), x.variadic)


def _inner(left: Shape, right: Shape, a: Dim, b: Dim, sep: str = "@") -> None:
    if _differ(a, b):
        raise ShapeError(f"inner dimensions differ: {left} {sep} {right} ({a} vs {b})")


# -- torch matrix products -----------------------------------------------------------------


def mm(a: Shape, b: Shape) -> Shape:
    """``torch.mm``: exactly 2-D operands, no broadcasting."""
    for x in (a, b):
        if not _can_have_rank(x, (2,)):
            raise ShapeError(f"`mm` needs 2-D tensors, got {x}")
    _inner(a, b, a[-1], b[-2])
    return Shape((a[-2], b[-1]))


def bmm(a: Shape, b: Shape) -> Shape:
    """``torch.bmm``: exactly 3-D operands with equal batch sizes (no broadcasting)."""
    for x in (a, b):
        if not _can_have_rank(x, (3,)):
            raise ShapeError(f"`bmm` needs 3-D tensors, got {x}")
    if _differ(a[-3], b[-3]):
        raise ShapeError(f"`bmm` batch sizes differ: {a} and {b}")
    _inner(a, b, a[-1], b[-2])
    return Shape((_pick(a[-3], b[-3]), a[-2], b[-1]))


def mv(a: Shape, v: Shape) -> Shape:
    """``torch.mv``: a 2-D matrix times a 1-D vector."""
    _require_ranks(a, (2,), "`mv` matrix")
    _require_ranks(v, (1,), "`mv` vector")
    _inner(a, v, a[-1], v[-1])
    return Shape((a[-2],))


def torch_t(a: Shape) -> Shape:
    """``Tensor.t()``: swaps the two dims of a matrix; 0-D and 1-D come back unchanged."""
    if len(a.dims) > 2:
        raise ShapeError(f"`.t()` needs a tensor with at most 2 dims, got {a}")
    if a.variadic:
        return Shape((a.dims[1], a.dims[0])) if len(a.dims) == 2 else UNKNOWN_SHAPE
    return Shape(a.dims[::-1])


# -- torch linear layers -------------------------------------------------------------------


def linear(x: Shape, in_features: DimArg, out_features: DimArg) -> Shape:
    """``nn.Linear(in, out)``: (…, in) -> (…, out); a 1-D input is one sample."""
    _require_min_rank(x, 1, "`nn.Linear`")
    expected = _dim(in_features)
    if x.dims and _differ(x[-1], expected):
        raise ShapeError(f"nn.Linear(in_features={expected}) expects last dim {expected}, got {x}")
    if not x.dims:
        return Shape((_dim(out_features),), True)
    return _with_last(x, _dim(out_features))


def f_linear(x: Shape, weight: Shape, bias: Shape | None = None) -> Shape:
    """``F.linear(x, weight, bias)``: weight (out, in) gives (…, out); weight (in,) gives (…)."""
    _require_min_rank(x, 1, "`F.linear` input")
    if len(weight.dims) > 2:
        raise ShapeError(f"`F.linear` needs a 1-D or 2-D weight, got {weight}")
    _require_min_rank(weight, 1, "`F.linear` weight")
    if weight.dims:
        _inner(x, weight, x[-1], weight[-1], "@ weight.T with weight")
    if weight.variadic:
        if len(weight.dims) == 2 or (weight.dims and bias is not None):  # then it is 2-D
            return _with_last(x, weight[-2]) if x.dims else Shape((weight[-2],), True)
        return UNKNOWN_SHAPE
    if len(weight.dims) == 1:
        if bias is not None:
            raise ShapeError(f"`F.linear` with a 1-D weight {weight} cannot take a bias")
        return Shape(x.dims[:-1], x.variadic)
    out = weight[-2]
    if bias is not None:
        if len(bias.dims) > 1 or bias.variadic:
            return UNKNOWN_SHAPE
        if bias.dims and bias[-1].is_one() is False and _differ(bias[-1], out):
            raise ShapeError(f"`F.linear` bias {bias} does not match {out} output features")
    return _with_last(x, out) if x.dims else Shape((out,), True)


def bilinear(x1: Shape, x2: Shape, in1: DimArg, in2: DimArg, out: DimArg) -> Shape:
    """``nn.Bilinear(in1, in2, out)``: (…, in1) and (…, in2) with the same (…) -> (…, out)."""
    _require_min_rank(x1, 1, "`nn.Bilinear` input1")
    _require_min_rank(x2, 1, "`nn.Bilinear` input2")
    for x, expected, name in ((x1, _dim(in1), "in1_features"), (x2, _dim(in2), "in2_features")):
        if x.dims and _differ(x[-1], expected):
            raise ShapeError(f"nn.Bilinear({name}={expected}) expects last dim {expected}, got {x}")
    lead = _same_dims(
        Shape(x1.dims[:-1], x1.variadic),
        Shape(x2.dims[:-1], x2.variadic),
        f"`nn.Bilinear` batch dims differ: {x1} and {x2}",
    )
    return Shape(lead.dims + (_dim(out),), lead.variadic)


def _same_dims(a: Shape, b: Shape, reason: str) -> Shape:
    """Two shapes that must be identical (same rank, equal dims), merged."""
    if a.rank is not None and b.rank is not None and a.rank != b.rank:
        raise ShapeError(reason)
    fixed = a if a.rank is not None else b if b.rank is not None else None
    other = b if fixed is a else a
    if fixed is not None and len(other.dims) > len(fixed.dims):
        raise ShapeError(reason)
    n = min(len(a.dims), len(b.dims))
    tail = []
    for x, y in zip(a.dims[len(a.dims) - n :], b.dims[len(b.dims) - n :], strict=True):
        if _differ(x, y):
            raise ShapeError(reason)
        tail.append(_pick(x, y))
    if fixed is None:
        longer = a if len(a.dims) >= len(b.dims) else b
        return Shape(longer.dims[: len(longer.dims) - n] + tuple(tail), True)
    return Shape(fixed.dims[: len(fixed.dims) - n] + tuple(tail))


def embedding(indices: Shape, num: DimArg, dim: DimArg) -> Shape:
    """``nn.Embedding(num, dim)``: any index shape gains a trailing ``dim``."""
    return Shape(indices.dims + (_dim(dim),), indices.variadic)


# -- TensorFlow and Keras products ---------------------------------------------------------


def tf_matmul(
    a: Shape,
    b: Shape,
    transpose_a: bool = False,
    transpose_b: bool = False,
    adjoint_a: bool = False,
    adjoint_b: bool = False,
) -> Shape:
    """``tf.matmul``: rank >= 2 both; the flags swap the last two dims; batch dims
    broadcast (TF2's BatchMatMulV2)."""
    if transpose_a and adjoint_a:
        raise ShapeError("`tf.matmul`: only one of transpose_a and adjoint_a can be True")
    if transpose_b and adjoint_b:
        raise ShapeError("`tf.matmul`: only one of transpose_b and adjoint_b can be True")
    for x in (a, b):
        _require_min_rank(x, 2, "`tf.matmul`")
    rows, inner_a = (a[-1], a[-2]) if transpose_a or adjoint_a else (a[-2], a[-1])
    inner_b, cols = (b[-1], b[-2]) if transpose_b or adjoint_b else (b[-2], b[-1])
    _inner(a, b, inner_a, inner_b)
    try:
        batch = broadcast(_batch_part(a, 2), _batch_part(b, 2))
    except ShapeError:
        raise ShapeError(f"`tf.matmul`: batch dimensions of {a} and {b} do not broadcast") from None
    return Shape(batch.dims + (rows, cols), batch.variadic)


def keras_dot(a: Shape, b: Shape) -> Shape:
    """Keras 2 ``K.dot``: the result is ``a[:-1] + b[:-2] + b[-1:]`` (like ``numpy.dot``:
    batch dims of a high-rank ``b`` are multiplied out, not batched). Two operands of rank
    <= 2 go through ``tf.matmul``, which rejects a 1-D operand; a 1-D ``b`` always fails."""
    _require_min_rank(b, 2, "`K.dot` right operand")
    _require_min_rank(a, 1, "`K.dot` left operand")
    if a.rank == 1 and b.rank is not None and b.rank <= 2:
        raise ShapeError(f"`K.dot` of rank <= 2 operands needs two matrices, got {a} and {b}")
    _inner(a, b, a[-1], b[-2], "·")
    if b.variadic:
        return Shape(b.dims[:-2] + b.dims[-1:], True)
    return Shape(a.dims[:-1] + b.dims[:-2] + b.dims[-1:], a.variadic)


def _axes_pair(axes: int | Sequence[int] | None) -> tuple[int, int] | None:
    if axes is None:
        return None
    if isinstance(axes, int):
        return axes, axes
    items = tuple(axes)
    if len(items) != 2 or not all(isinstance(v, int) for v in items):
        raise ShapeError(f"axes must be an int or a pair of ints, got {axes!r}")
    return items[0], items[1]


def keras_batch_dot(a: Shape, b: Shape, axes: int | Sequence[int] | None = None) -> Shape:
    """Keras 2 ``K.batch_dot``: dim 0 is the batch (equal on both sides); ``axes`` name
    the contracted dims (default: last of ``a``; last of ``b`` if it is 2-D, else its
    second-to-last). The result is the batch, then ``a``'s and ``b``'s remaining dims;
    two 2-D inputs give (batch, 1)."""
    pair = _axes_pair(axes)
    for x in (a, b):
        _require_min_rank(x, 2, "`batch_dot`")
    if a.variadic or b.variadic:
        return UNKNOWN_SHAPE  # without both ranks the batch dim and the axes cannot be placed
    ra, rb = len(a.dims), len(b.dims)
    if pair is None:
        pair = (ra - 1, rb - 1 if rb == 2 else rb - 2)
    ax = pair[0] + ra if pair[0] < 0 else pair[0]
    ay = pair[1] + rb if pair[1] < 0 else pair[1]
    if ax < 0 or ay < 0:
        return UNKNOWN_SHAPE  # Keras indexes on with Python's wrap-around; not modelled
    if _differ(a.dims[0], b.dims[0]):
        raise ShapeError(f"`batch_dot` batch sizes differ: {a} and {b}")
    if ax == 0 or ay == 0:
        raise ShapeError(f"`batch_dot` cannot contract the batch axis 0 (axes={list(pair)})")
    if not (0 < ax < ra and 0 < ay < rb):
        raise ShapeError(f"`batch_dot` axes {list(pair)} are out of range for {a} and {b}")
    if _differ(a.dims[ax], b.dims[ay]):
        raise ShapeError(
            f"`batch_dot` contracted dims differ: {a} axis {ax} vs {b} axis {ay} "
            f"({a.dims[ax]} vs {b.dims[ay]})"
        )
    rest_a = a.dims[1:ax] + a.dims[ax + 1 :]
    rest_b = b.dims[1:ay] + b.dims[ay + 1 :]
    batch = _pick(a.dims[0], b.dims[0])
    if ra == 2 and rb == 2:
        return Shape((batch, Dim.of(1)))
    return Shape((batch,) + rest_a + rest_b)


def keras_dot_layer(
    a: Shape, b: Shape, axes: int | Sequence[int] | None, normalize: bool = False
) -> Shape:
    """``keras.layers.Dot(axes)`` / ``keras.layers.dot``: shapes include the batch dim and
    ``axes`` count it (axis 1 is the first feature axis; negative axes wrap per input).
    ``normalize`` only rescales, so it never changes the shape."""
    del normalize
    pair = _axes_pair(axes)
    if pair is None or a.variadic or b.variadic:
        return UNKNOWN_SHAPE
    ra, rb = len(a.dims), len(b.dims)
    wrapped = (
        pair[0] % ra if pair[0] < 0 and ra else pair[0],
        pair[1] % rb if pair[1] < 0 and rb else pair[1],
    )
    if not (wrapped[0] < ra and wrapped[1] < rb):
        raise ShapeError(f"`Dot` axes {list(pair)} are out of range for {a} and {b}")
    return keras_batch_dot(a, b, wrapped)


def dense(x: Shape, units: DimArg, *, min_rank: int = 2) -> Shape:
    """Keras ``Dense(units)`` (and torch ``LazyLinear`` with ``min_rank=1``): (…, f) ->
    (…, units). Keras requires the batch dim, so a 1-D input is an error there."""
    _require_min_rank(x, min_rank, "`Dense`")
    if not x.dims:
        return Shape((_dim(units),), True)
    return _with_last(x, _dim(units))


# -- convolution and pooling ---------------------------------------------------------------


def conv_output_size(
    size: DimArg,
    kernel: DimArg,
    stride: DimArg = 1,
    padding: DimArg = 0,
    dilation: DimArg = 1,
    ceil_mode: bool = False,
) -> Dim:
    """One spatial output size of a torch convolution or pooling window:
    ``(size + 2*padding - dilation*(kernel-1) - 1) / stride + 1``, floored (or ceiled, with
    torch's rule that the last window must start inside the input or left padding).
    Symbolic sizes stay symbolic where the division is exact; otherwise unknown. Raises
    when the output is provably empty."""
    n, k, s, p, d = (_dim(v) for v in (size, kernel, stride, padding, dilation))
    effective = d * (k - 1) + 1
    padded = n + 2 * p
    span = padded - effective
    if ceil_mode:
        out = (span + s - 1) // s + 1
        if s.value != 1:
            overshoot = ((out - 1) * s - (n + p)).value
            if overshoot is None:
                out = UNKNOWN_DIM
            elif overshoot >= 0:
                out = out - 1
    else:
        out = span // s + 1
    _require_positive(out, padded, effective)
    return out


def _require_positive(out: Dim, padded: Dim, effective: Dim) -> None:
    if out.value is not None and out.value < 1:
        short = (padded - effective).value
        if short is not None and short < 0:
            raise ShapeError(f"kernel {effective} is larger than the padded input {padded}")
        raise ShapeError(f"output size would be {out} (padded input {padded}, kernel {effective})")


def _keras_output_size(
    size: Dim, kernel: Dim, stride: Dim, padding: str, dilation: Dim, empty_ok: bool
) -> Dim:
    """Keras: "same" and "causal" give ceil(size / stride); "valid" gives
    ceil((size - dilated kernel + 1) / stride). TensorFlow returns an empty axis for an
    output size of 0 and raises for a negative one; Keras 3 convolutions also raise for 0."""
    if padding in ("same", "causal"):
        return (size + stride - 1) // stride
    effective = dilation * (kernel - 1) + 1
    out = (size - effective + stride) // stride
    if out.value is not None and out.value < (0 if empty_ok else 1):
        raise ShapeError(f"kernel {effective} is larger than the input {size}")
    return out


def _layout(x: Shape, ndim: int, channels_last: bool) -> tuple[Shape, Dim, tuple[Dim, ...]]:
    """Split ``x`` into (leading batch dims, channel dim, spatial dims)."""
    core = ndim + 1
    if channels_last:
        spatial = tuple(x[i] for i in range(-core, -1))
        channels = x[-1]
    else:
        spatial = tuple(x[i] for i in range(-ndim, 0))
        channels = x[-core]
    return _batch_part(x, core), channels, spatial


def _assemble(batch: Shape, channels: Dim, spatial: Sequence[Dim], channels_last: bool) -> Shape:
    core = (*spatial, channels) if channels_last else (channels, *spatial)
    return Shape(batch.dims + tuple(core), batch.variadic)


def _check_input_rank(x: Shape, ndim: int, what: str, style: str) -> None:
    """torch: unbatched or batched; Keras 3: batched; tf-keras: any number of batch dims."""
    if style == "keras":
        _require_min_rank(x, ndim + 2, what)
    elif style == "keras3":
        _require_ranks(x, (ndim + 2,), what)
    else:
        _require_ranks(x, (ndim + 1, ndim + 2), what)


def _check_channels(channels: Dim, in_channels: DimArg, x: Shape) -> None:
    expected = _dim(in_channels)
    if _differ(channels, expected):
        raise ShapeError(f"expected {expected} input channels, got {channels} in {x}")


def _check_groups(in_channels: DimArg, out_channels: DimArg, groups: DimArg) -> None:
    g = _dim(groups).value
    if not g or g == 1:
        return
    for name, value in (("in_channels", in_channels), ("out_channels", out_channels)):
        v = _dim(value).value
        if v is not None and v % g:
            raise ShapeError(f"{name}={v} is not divisible by groups={g}")


def _torch_padding(
    padding: PadArg,
    ndim: int,
    kernel: tuple[Dim, ...],
    dilation: tuple[Dim, ...],
    stride: tuple[Dim, ...],
) -> tuple[tuple[Dim, Dim], ...]:
    """(left, right) padding per spatial dim; "same" pads the dilated kernel's extent, the
    extra one on the right."""
    if isinstance(padding, str):
        if padding == "valid":
            return ((Dim.of(0), Dim.of(0)),) * ndim
        if padding != "same":
            raise ShapeError(f"padding must be an int, a tuple, 'same' or 'valid', got {padding!r}")
        if any(s.value is not None and s.value != 1 for s in stride):
            raise ShapeError("padding='same' is not supported for strided convolutions")
        sides = []
        for k, d in zip(kernel, dilation, strict=True):
            total = d * (k - 1)
            left = total // 2
            sides.append((left, total - left))
        return tuple(sides)
    return tuple((p, p) for p in _tuple(padding, ndim, "padding"))


def _check_padding_mode(
    mode: str, pads: Sequence[tuple[Dim, Dim]], spatial: Sequence[Dim], x: Shape
) -> None:
    """torch pads with ``reflect`` only by less than the input size, ``circular`` by at
    most the input size; ``zeros`` and ``replicate`` by anything."""
    for (left, right), n in zip(pads, spatial, strict=True):
        for p in (left, right):
            room = (n - p).value
            if room is None:
                continue
            if mode == "reflect" and room <= 0:
                raise ShapeError(
                    f"reflect padding {p} must be smaller than the input size {n} in {x}"
                )
            if mode == "circular" and room < 0:
                raise ShapeError(f"circular padding {p} is larger than the input size {n} in {x}")


def conv(
    x: Shape,
    *,
    ndim: int,
    out_channels: DimArg,
    kernel_size: SizeArg,
    stride: SizeArg = 1,
    padding: PadArg = "valid",
    dilation: SizeArg = 1,
    in_channels: DimArg = None,
    groups: DimArg = 1,
    channels_last: bool = False,
    padding_mode: str = "zeros",
    style: str | None = None,
) -> Shape:
    """An N-d convolution layer. ``style="torch"`` (``ConvNd``): input (C, *spatial) or
    (N, C, *spatial), padding an int, tuple, "same" (stride 1 only) or "valid" (the default
    of both frameworks, the same as 0).
    ``style="keras"`` (``ConvND`` of tf-keras, or of a Keras whose generation is not known)
    and ``"keras3"``: a batch dim is required (tf-keras also takes more leading batch dims,
    Keras 3 does not), padding "valid", "same" or "causal", strides > 1 cannot be combined
    with a dilation > 1, and an empty output axis is an error only in Keras 3.
    ``in_channels=None`` (Keras builds on the first call) skips the channel check.
    ``style=None`` reads a channels-last layout, "causal" padding or a strided "same" as
    Keras (torch has none of them), anything else as torch."""
    kernel = _tuple(kernel_size, ndim, "kernel_size")
    strides = _tuple(stride, ndim, "stride")
    dilations = _tuple(dilation, ndim, "dilation")
    if style is None:
        strided_same = padding == "same" and any((s.value or 1) > 1 for s in strides)
        style = "keras" if channels_last or padding == "causal" or strided_same else "torch"
    keras = style != "torch"
    what = f"`Conv{ndim}{'D' if keras else 'd'}`"
    _check_input_rank(x, ndim, what, style)
    _check_groups(in_channels, out_channels, groups)
    batch, channels, spatial = _layout(x, ndim, channels_last)
    _check_channels(channels, in_channels, x)
    if keras:
        padding = padding.lower() if isinstance(padding, str) else padding  # as Keras does
        if not isinstance(padding, str) or padding not in ("valid", "same", "causal"):
            raise ShapeError(f"Keras padding must be 'valid', 'same' or 'causal', got {padding!r}")
        if any((s.value or 1) > 1 for s in strides) and any((d.value or 1) > 1 for d in dilations):
            raise ShapeError("Keras convolutions cannot combine strides > 1 with dilation_rate > 1")
        out = [
            _keras_output_size(n, k, s, padding, d, empty_ok=style != "keras3")
            for n, k, s, d in zip(spatial, kernel, strides, dilations, strict=True)
        ]
        return _assemble(batch, _dim(out_channels), out, channels_last)
    pads = _torch_padding(padding, ndim, kernel, dilations, strides)
    if padding_mode != "zeros":
        _check_padding_mode(padding_mode, pads, spatial, x)
    if padding == "same":
        return _assemble(batch, _dim(out_channels), spatial, channels_last)
    out = [
        conv_output_size(n, k, s, left, d)
        for n, k, s, (left, _), d in zip(spatial, kernel, strides, pads, dilations, strict=True)
    ]
    return _assemble(batch, _dim(out_channels), out, channels_last)


def conv_transpose(
    x: Shape,
    *,
    ndim: int,
    out_channels: DimArg,
    kernel_size: SizeArg,
    stride: SizeArg = 1,
    padding: SizeArg = 0,
    output_padding: SizeArg = 0,
    dilation: SizeArg = 1,
    in_channels: DimArg = None,
    channels_last: bool = False,
) -> Shape:
    """torch ``ConvTransposeNd``: ``(size-1)*stride - 2*padding + dilation*(kernel-1)
    + output_padding + 1``; output_padding must be smaller than the stride or the dilation."""
    what = f"`ConvTranspose{ndim}d`"
    _require_ranks(x, (ndim + 1, ndim + 2), what)
    kernel = _tuple(kernel_size, ndim, "kernel_size")
    strides = _tuple(stride, ndim, "stride")
    pads = _tuple(padding, ndim, "padding")
    extra = _tuple(output_padding, ndim, "output_padding")
    dilations = _tuple(dilation, ndim, "dilation")
    for op, s, d in zip(extra, strides, dilations, strict=True):
        if (
            op.value is not None
            and s.value is not None
            and d.value is not None
            and op.value >= max(s.value, d.value)
        ):
            raise ShapeError(
                f"output_padding {op} must be smaller than the stride {s} or the dilation {d}"
            )
    batch, channels, spatial = _layout(x, ndim, channels_last)
    _check_channels(channels, in_channels, x)
    out = []
    for n, k, s, p, op, d in zip(spatial, kernel, strides, pads, extra, dilations, strict=True):
        size = (n - 1) * s - 2 * p + d * (k - 1) + op + 1
        if size.value is not None and size.value < 1:
            raise ShapeError(f"{what} output size would be {size} for input {x}")
        out.append(size)
    return _assemble(batch, _dim(out_channels), out, channels_last)


def pool(
    x: Shape,
    *,
    ndim: int,
    kernel_size: SizeArg,
    stride: SizeArg | None = None,
    padding: PadArg | None = None,
    dilation: SizeArg = 1,
    ceil_mode: bool = False,
    channels_last: bool = False,
    kind: str = "max",
    style: str | None = None,
) -> Shape:
    """Max or average pooling (``kind`` "max" or "avg"). ``style="torch"``
    (``MaxPoolNd``/``AvgPoolNd``): input (C, *spatial) or (N, C, *spatial), stride
    defaults to the kernel, padding at most half the kernel. ``style="keras"`` or
    ``"keras3"`` (``MaxPoolingND``/``AveragePoolingND``): exactly (N, *spatial, C) with
    ``channels_last``, padding "valid" or "same"; an empty output axis is not an error.
    ``padding=None`` is the framework's default: 0, or "valid". ``style=None`` reads a
    channels-last layout or a string padding as Keras (torch has neither), else torch."""
    if style is None:
        style = "keras" if channels_last or isinstance(padding, str) else "torch"
    kernel = _tuple(kernel_size, ndim, "kernel_size")
    strides = _tuple(stride if stride is not None else kernel, ndim, "stride")
    dilations = _tuple(dilation, ndim, "dilation")
    if style != "torch":
        padding = "valid" if padding is None else padding
        padding = padding.lower() if isinstance(padding, str) else padding
        _require_ranks(x, (ndim + 2,), f"`Pooling{ndim}D`")
        if not isinstance(padding, str) or padding not in ("valid", "same"):
            raise ShapeError(f"Keras pooling padding must be 'valid' or 'same', got {padding!r}")
        batch, channels, spatial = _layout(x, ndim, channels_last)
        out = [
            _keras_output_size(n, k, s, padding, Dim.of(1), empty_ok=True)
            for n, k, s in zip(spatial, kernel, strides, strict=True)
        ]
        return _assemble(batch, channels, out, channels_last)
    if isinstance(padding, str):
        raise ShapeError(f"torch pooling padding must be an int or a tuple, got {padding!r}")
    what = f"`{'Max' if kind == 'max' else 'Avg'}Pool{ndim}d`"
    _require_ranks(x, (ndim + 1, ndim + 2), what)
    pads = _tuple(0 if padding is None else padding, ndim, "padding")
    for p, k in zip(pads, kernel, strict=True):
        half = (k // 2).value  # max pooling also checks the dilated kernel, a weaker bound
        if p.value is not None and half is not None and p.value > half:
            raise ShapeError(f"{what} padding {p} is more than half the kernel {k}")
    batch, channels, spatial = _layout(x, ndim, channels_last)
    out = [
        conv_output_size(n, k, s, p, d, ceil_mode)
        for n, k, s, p, d in zip(spatial, kernel, strides, pads, dilations, strict=True)
    ]
    return _assemble(batch, channels, out, channels_last)


def adaptive_pool(x: Shape, *, ndim: int, output_size: SizeArg, kind: str = "avg") -> Shape:
    """torch ``AdaptiveAvgPoolNd``/``AdaptiveMaxPoolNd`` (``kind`` "avg"/"max"): the spatial
    dims become ``output_size`` (``None`` in a tuple keeps that input size). Input
    (C, *spatial) or (N, C, *spatial); but 2-D and 3-D average pooling to all-ones is a mean
    over the last dims that accepts any rank >= ndim."""
    if isinstance(output_size, Dim | int) or output_size is None:
        sizes: tuple[DimArg, ...] = (output_size,) * ndim
    else:
        sizes = tuple(output_size)
        if len(sizes) != ndim:
            raise ShapeError(f"output_size needs {ndim} values, got {len(sizes)}")
    ones = [_dim(size).is_one() for size in sizes]
    if kind == "avg" and ndim >= 2 and False not in ones:  # the mean may apply
        _require_min_rank(x, ndim, f"`AdaptiveAvgPool{ndim}d`")
        tuple_of_ones = all(ones) and not isinstance(output_size, Dim | int)
        if x.rank == ndim and tuple_of_ones:
            raise ShapeError(f"`AdaptiveAvgPool{ndim}d` needs a batch or channel dim, got {x}")
    else:
        _require_ranks(x, (ndim + 1, ndim + 2), f"`AdaptivePool{ndim}d`")
    spatial = [x[i - ndim] if size is None else _dim(size) for i, size in enumerate(sizes)]
    return Shape(_batch_part(x, ndim).dims + tuple(spatial), x.variadic)


# -- flatten ------------------------------------------------------------------------------------


def keras_flatten(x: Shape) -> Shape:
    """Keras ``Flatten``: (batch, *rest) -> (batch, prod(rest)); a 1-D input gives (batch, 1)."""
    _require_min_rank(x, 1, "`Flatten`")
    if x.variadic:
        return Shape((UNKNOWN_DIM, UNKNOWN_DIM))
    return Shape((x.dims[0], Shape(x.dims[1:]).numel()))


def torch_flatten(x: Shape, start_dim: int = 1, end_dim: int = -1) -> Shape:
    """``nn.Flatten(start_dim, end_dim)`` / ``torch.flatten``: dims start..end become their
    product (a 0-D input counts as rank 1 for the dim range and gives (1,))."""
    if x.variadic:
        return _flatten_variadic(x, start_dim, end_dim)
    rank = max(len(x.dims), 1)
    start, end = (_normalise_dim(d, rank, x) for d in (start_dim, end_dim))
    if start > end:
        raise ShapeError(f"flatten start_dim {start_dim} comes after end_dim {end_dim} for {x}")
    if not x.dims:
        return Shape((Dim.of(1),))
    merged = Shape(x.dims[start : end + 1]).numel()
    return Shape(x.dims[:start] + (merged,) + x.dims[end + 1 :])


def _normalise_dim(d: int, rank: int, x: Shape) -> int:
    if not -rank <= d < rank:
        raise ShapeError(f"dim {d} is out of range for {x}")
    return d + rank if d < 0 else d


def _flatten_variadic(x: Shape, start_dim: int, end_dim: int) -> Shape:
    """Sound answers for an unknown rank: both ends counted from the same side, or a
    positive start with a negative end (leading dims unknown, trailing dims kept)."""
    n = len(x.dims)
    if start_dim < 0 and end_dim < 0:
        if start_dim > end_dim:
            raise ShapeError(f"flatten start_dim {start_dim} comes after end_dim {end_dim} for {x}")
        if -start_dim > n:  # the merged dims reach into the unknown prefix
            return (
                Shape((UNKNOWN_DIM,) + x.dims[n + end_dim + 1 :], True)
                if -end_dim - 1 <= n
                else UNKNOWN_SHAPE
            )
        first, stop = n + start_dim, n + end_dim + 1
        merged = Shape(x.dims[first:stop]).numel()
        return Shape(x.dims[:first] + (merged,) + x.dims[stop:], True)
    if start_dim >= 0 and end_dim < 0 and -end_dim - 1 <= n and n + end_dim >= 0:
        tail = x.dims[n + end_dim + 1 :]
        return Shape((UNKNOWN_DIM,) * (start_dim + 1) + tail)
    return UNKNOWN_SHAPE


# -- recurrent and attention --------------------------------------------------------------------


def rnn(
    x: Shape,
    *,
    hidden_size: DimArg,
    input_size: DimArg = None,
    batch_first: bool = False,
    bidirectional: bool = False,
    num_layers: int = 1,
    proj_size: int = 0,
) -> tuple[Shape, Shape]:
    """torch ``RNN``/``LSTM``/``GRU``: input (L, H_in), (L, N, H_in) or, batch first,
    (N, L, H_in). Returns (output, h_n): output (…, D*H_out) and h_n (D*num_layers, [N,]
    H_out), where D is 2 when bidirectional and H_out is ``proj_size`` or ``hidden_size``.
    h_n is never batch first."""
    what = "`RNN`"
    _require_ranks(x, (2, 3), what)
    expected = _dim(input_size)
    if x.dims and _differ(x[-1], expected):
        raise ShapeError(f"{what} expects input_size {expected} as the last dim, got {x}")
    directions = 2 if bidirectional else 1
    h_out = Dim.of(proj_size) if proj_size else _dim(hidden_size)
    output = Shape(x.dims[:-1] + (directions * h_out,), x.variadic) if x.dims else UNKNOWN_SHAPE
    layers = Dim.of(directions * num_layers)
    rank = _fixed_rank(x, (2, 3))
    if rank == 2:
        return output, Shape((layers, h_out))
    if rank == 3:
        return output, Shape((layers, x[-3] if batch_first else x[-2], h_out))
    return output, Shape((h_out,), True)  # (layers, h_out) or (layers, N, h_out)


def keras_rnn(x: Shape, units: DimArg, return_sequences: bool = False) -> Shape:
    """Keras ``LSTM``/``GRU``/``SimpleRNN``: exactly (batch, time, features) -> (batch, units),
    or (batch, time, units) with ``return_sequences``."""
    _require_ranks(x, (3,), "Keras recurrent layer")
    if return_sequences:
        return Shape((x[-3], x[-2], _dim(units)))
    return Shape((x[-3], _dim(units)))


def multihead_attention(
    q: Shape,
    k: Shape,
    v: Shape,
    *,
    embed_dim: DimArg,
    batch_first: bool = False,
    num_heads: DimArg = None,
    kdim: DimArg = None,
    vdim: DimArg = None,
) -> Shape:
    """torch ``nn.MultiheadAttention``: query (L, [N,] E), key (S, [N,] kdim) and value
    (S, [N,] vdim) with the same leading dims (kdim and vdim default to E); the output has
    the query's shape."""
    e = _dim(embed_dim)
    heads = _dim(num_heads)
    if e.value is not None and heads.value and e.value % heads.value:
        raise ShapeError(f"embed_dim {e} is not divisible by num_heads {heads}")
    _require_ranks(q, (2, 3), "`MultiheadAttention` query")
    rank = _fixed_rank(q, (2, 3))
    for name, t in (("key", k), ("value", v)):
        if rank is not None and not _can_have_rank(t, (rank,)):
            raise ShapeError(f"`MultiheadAttention` {name} {t} must have the query's rank {rank}")
    checks = (
        ("query", q, e, "embed_dim"),
        ("key", k, e if kdim is None else _dim(kdim), "kdim"),
        ("value", v, e if vdim is None else _dim(vdim), "vdim"),
    )
    for name, t, expected, what in checks:
        if t.dims and _differ(t[-1], expected):
            raise ShapeError(
                f"`MultiheadAttention` expects {what} {expected} as the {name}'s last dim, got {t}"
            )
    if k.dims and v.dims:
        _same_dims(
            Shape(k.dims[:-1], k.variadic),
            Shape(v.dims[:-1], v.variadic),
            f"`MultiheadAttention` key {k} and value {v} differ in their leading dims",
        )
    if rank == 3:
        batch_axis = -3 if batch_first else -2
        if _differ(q[batch_axis], k[batch_axis]):
            raise ShapeError(f"`MultiheadAttention` batch sizes differ: query {q}, key {k}")
    return _with_last(q, e) if q.dims else Shape((e,), True)
