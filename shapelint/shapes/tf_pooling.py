"""TensorFlow's ``tf.nn`` pooling functions: ``max_pool1d/2d/3d``, ``avg_pool1d/2d/3d`` and
the rank-generic ``max_pool``/``avg_pool``.

As TensorFlow 2.21 does (each case run on the CPU): the input has exactly
``ndim + 2`` dims; ``ksize`` and ``strides`` take 1, ``ndim`` or ``ndim + 2`` values (the
last form may not pool over the batch, nor over the channels except alone: depthwise max
pooling of a 3-D or 4-D input, run on the CPU); ``padding`` is "VALID" or "SAME" in
capitals. "SAME" gives ``ceil(n / s)``, "VALID" ``ceil((n - k + 1) / s)``. A window larger
than the input fails for max pooling (eagerly or in a graph); average pooling returns an
empty axis eagerly when the window is one larger than the input (a graph rejects it), and
fails beyond that, so only a negative size is claimed for it.
"""

from __future__ import annotations

from collections.abc import Sequence

from shapelint.shapes.shape import UNKNOWN_DIM, UNKNOWN_SHAPE, Dim, Shape, ShapeError

SizeArg = int | Dim | Sequence[int | Dim]


def _sizes(value: SizeArg, ndim: int, channels_last: bool, name: str) -> tuple[Dim, ...]:
    """The spatial entries of ``ksize``/``strides``."""
    if isinstance(value, int | Dim):
        return (Dim.coerce(value),) * ndim
    items = tuple(Dim.coerce(v) for v in value)
    if len(items) == 1:
        return items * ndim
    if len(items) == ndim + 2:
        outer = (items[0], items[-1]) if channels_last else (items[0], items[1])
        if any(d.is_one() is False for d in outer):
            shown = ", ".join(str(d) for d in items)
            raise ShapeError(f"{name} ({shown}) pools over the batch or channel dim")
        return items[1:-1] if channels_last else items[2:]
    if len(items) != ndim:
        raise ShapeError(f"{name} needs 1, {ndim} or {ndim + 2} values, got {len(items)}")
    return items


def _depthwise(
    x: Shape, ndim: int, ksize: SizeArg, strides: SizeArg, channels_last: bool, kind: str
) -> Shape | None:
    """Depthwise max pooling (TensorFlow on the CPU, channels last, 3-D or 4-D input): a
    window over the channels only, ``ksize=(1, 1, 1, k)``, whose depth stride must equal
    it and divide the channels; the spatial strides are then not used. None when the
    window is not of that form."""
    if kind != "max" or not channels_last or ndim > 2 or isinstance(ksize, int | Dim):
        return None
    window = tuple(Dim.coerce(v) for v in ksize)
    if len(window) != ndim + 2 or window[-1].is_one() is not False:
        return None
    if any(d.is_one() is not True for d in window[:-1]):
        return None  # pooling over the batch, or over depth and space at once: it raises
    if isinstance(strides, int | Dim) or len(strides) != ndim + 2:
        raise ShapeError(f"depthwise max pooling needs strides of {ndim + 2} values")
    depth, stride = window[-1], Dim.coerce(strides[-1])
    if depth.equals(stride) is False:
        raise ShapeError(f"depthwise max pooling needs the depth stride {stride} to be {depth}")
    if x.variadic:
        return UNKNOWN_SHAPE
    channels = x.dims[-1]
    if channels.value is not None and depth.value is not None:
        if channels.value % depth.value:
            raise ShapeError(f"the depth window {depth} does not divide the {channels} channels")
        return Shape((*x.dims[:-1], Dim.of(channels.value // depth.value)))
    return Shape((*x.dims[:-1], UNKNOWN_DIM))


def tf_pool(
    x: Shape,
    *,
    ndim: int | None,
    ksize: SizeArg,
    strides: SizeArg,
    padding: str,
    data_format: str | None = None,
    kind: str = "max",
) -> Shape:
    """``tf.nn.{max,avg}_pool{ndim}d(x, ksize, strides, padding, data_format)``;
    ``ndim=None`` is ``tf.nn.max_pool``/``avg_pool``, whose input rank decides it."""
    what = f"`tf.nn.{kind}_pool{f'{ndim}d' if ndim else ''}`"
    if ndim is None:
        if x.variadic:
            return UNKNOWN_SHAPE
        if len(x.dims) not in (3, 4, 5):
            raise ShapeError(f"{what} needs a 3-D, 4-D or 5-D tensor, got {x}")
        ndim = len(x.dims) - 2
    if not x.variadic and len(x.dims) != ndim + 2:
        raise ShapeError(f"{what} needs a {ndim + 2}-D tensor, got {x}")
    if x.variadic and len(x.dims) > ndim + 2:
        raise ShapeError(f"{what} needs a {ndim + 2}-D tensor, got {x}")
    if padding not in ("VALID", "SAME"):
        raise ShapeError(f"{what} padding must be 'VALID' or 'SAME', got {padding!r}")
    channels_last = data_format is None or data_format.endswith("C")
    depthwise = _depthwise(x, ndim, ksize, strides, channels_last, kind)
    if depthwise is not None:
        return depthwise
    kernel = _sizes(ksize, ndim, channels_last, "ksize")
    stride = _sizes(strides, ndim, channels_last, "strides")
    if x.variadic:  # the rank can only be ndim + 2
        x = Shape((UNKNOWN_DIM,) * (ndim + 2 - len(x.dims)) + x.dims)
    spatial = x.dims[1:-1] if channels_last else x.dims[2:]
    out = []
    for n, k, s in zip(spatial, kernel, stride, strict=True):
        if padding == "SAME":
            out.append((n + s - 1) // s)
            continue
        span = (n - k + 1).value
        if span is not None and (span < 0 or (span == 0 and kind == "max")):
            raise ShapeError(f"{what} window {k} is larger than the input size {n} in {x}")
        out.append((n - k + s) // s)
    if channels_last:
        return Shape((x.dims[0], *out, x.dims[-1]))
    return Shape((x.dims[0], x.dims[1], *out))
