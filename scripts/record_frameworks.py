"""Record how the real frameworks shape their outputs, so the linter's rules can be pinned.

shapelint never imports a framework at lint time, so its framework rules (``mm``, conv output
sizes, Keras ``batch_dot`` ...) are only as good as our reading of each framework. This script
settles that reading by experiment: it runs each op on zero tensors over a grid of cases,
including cases that must fail, and writes what happened to ``tests/data/<framework>.json``.
The tests replay those files without any framework installed.

Run with an interpreter that has the frameworks (each framework runs in its own process,
because TensorFlow and PyTorch are slow to import and best kept apart)::

    python scripts/record_frameworks.py            # every installed framework
    python scripts/record_frameworks.py torch      # one of: torch tensorflow tf_keras keras3

A framework that is not installed is skipped with a message.
"""

from __future__ import annotations

import importlib.util
import itertools
import json
import os
import random
import subprocess
import sys
import time
import warnings
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

OUT_DIR = Path(__file__).resolve().parent.parent / "tests" / "data"
GENERATOR = "scripts/record_frameworks.py"

# framework name -> (module that must be importable, generator of cases)
FRAMEWORKS = ("torch", "tensorflow", "tf_keras", "keras3")
REQUIRES = {"torch": "torch", "tensorflow": "tensorflow", "tf_keras": "tf_keras", "keras3": "keras"}

Case = tuple[str, dict[str, Any], list[list[int]], Callable[..., Any]]


# -- shared helpers ----------------------------------------------------------------------


def sample(rng: random.Random, n: int, **choices: Sequence[Any]) -> Iterator[dict[str, Any]]:
    """``n`` distinct random picks from the product of ``choices`` (deterministic per seed)."""
    keys = list(choices)
    space = list(itertools.product(*(choices[k] for k in keys)))
    rng.shuffle(space)
    for combo in space[:n]:
        yield dict(zip(keys, combo, strict=True))


def jsonable(value: Any) -> Any:
    if isinstance(value, tuple | list):
        return [jsonable(v) for v in value]
    return value


def pairs(shapes: Sequence[tuple[int, ...]]) -> Iterator[tuple[tuple[int, ...], tuple[int, ...]]]:
    return itertools.product(shapes, shapes)


def run_cases(
    cases: Iterator[Case], zeros: Callable[[list[int]], Any], shape_of: Callable[[Any], list[int]]
) -> list[dict[str, Any]]:
    """Run every case; a case's function gets zero tensors of its input shapes."""
    records = []
    for op, args, inputs, fn in cases:
        record: dict[str, Any] = {"op": op, "args": jsonable(args), "inputs": inputs}
        try:
            result = fn(*[zeros(s) for s in inputs])
        except Exception as exc:  # the framework refusing is the datum we record
            first = (str(exc).strip().splitlines() or [""])[0]
            record.update(output=None, error=True, message=f"{type(exc).__name__}: {first}"[:160])
        else:
            if isinstance(result, tuple):
                output: Any = [shape_of(r) for r in result]
            else:
                output = shape_of(result)
            record.update(output=output, error=False)
        records.append(record)
    return records


# -- torch ---------------------------------------------------------------------------------


def torch_cases() -> Iterator[Case]:
    import torch
    from torch import nn
    from torch.nn import functional as F

    rng = random.Random(0)
    vectors, matrices = [(3,), (4,), (1,)], [(2, 3), (3, 4), (4, 3), (3, 3), (1, 3), (3, 1)]
    batches = [(2, 3, 4), (2, 4, 5), (1, 4, 5), (2, 4, 3), (3, 3, 4), (2, 3, 3)]
    odd = [(), (3,), (2, 3), (2, 3, 4), (2, 2, 3, 4)]
    for a, b in itertools.chain(pairs(matrices), pairs(odd)):
        yield "torch.mm", {}, [list(a), list(b)], torch.mm
    for a, b in itertools.chain(pairs(batches), pairs(odd)):
        yield "torch.bmm", {}, [list(a), list(b)], torch.bmm
    for a, b in itertools.chain(itertools.product(matrices, vectors), pairs(odd)):
        yield "torch.mv", {}, [list(a), list(b)], torch.mv
    small = [(), (3,), (4,), (2, 3), (3, 4), (4, 3), (2, 3, 4), (2, 4, 5), (1, 4, 5), (3, 3, 4)]
    for a, b in pairs(small):
        yield "torch.matmul", {}, [list(a), list(b)], torch.matmul
    more = [(5, 1, 3, 4), (2, 4, 5), (1, 4, 5), (4, 5), (5,), (7, 1, 5, 2)]
    for a, b in pairs(more):
        yield "torch.matmul", {}, [list(a), list(b)], torch.matmul
    for s in [(), (3,), (2, 3), (2, 3, 4), (1, 1, 1)]:
        yield "torch.Tensor.t", {}, [list(s)], lambda x: x.t()

    # F.linear(x, weight, bias)
    biases: list[tuple[int, ...] | None] = [None, (6,), (1,), (5,)]
    for x, w, bias in itertools.product(
        [(4,), (2, 4), (3, 2, 4), (2, 5), ()], [(6, 4), (4,), (6, 5), (1, 4), (2, 3, 4)], biases
    ):
        inputs = [list(x), list(w)] + ([list(bias)] if bias is not None else [])
        yield "torch.nn.functional.linear", {"bias": bias is not None}, inputs, F.linear

    for in_f, out_f in [(4, 6), (5, 2)]:
        for x in [(), (4,), (5,), (2, 4), (2, 5), (3, 2, 4), (3, 2, 5), (1, 4, 1)]:
            yield (
                "torch.nn.Linear",
                {"in_features": in_f, "out_features": out_f},
                [list(x)],
                lambda t, i=in_f, o=out_f: nn.Linear(i, o)(t),
            )

    for x1, x2 in itertools.product(
        [(3,), (2, 3), (4, 3), (2, 5, 3), (2, 4)], [(4,), (2, 4), (1, 4), (2, 5, 4), (2, 3)]
    ):
        yield (
            "torch.nn.Bilinear",
            {"in1_features": 3, "in2_features": 4, "out_features": 6},
            [list(x1), list(x2)],
            lambda a, b: nn.Bilinear(3, 4, 6)(a, b),
        )

    yield from torch_conv_cases(rng)
    yield from torch_pool_cases(rng)

    for out_size in [1, 3, (2, 3), (None, 2), (4, None)]:
        for x in [(2, 3, 5, 6), (3, 5, 6), (5, 6), (2, 3, 2, 2)]:
            yield (
                "torch.nn.AdaptiveAvgPool2d",
                {"output_size": out_size},
                [list(x)],
                lambda t, o=out_size: nn.AdaptiveAvgPool2d(o)(t),
            )
    for out_size in [1, (1, 1), 2, (2, 3)]:
        for x in [(5,), (5, 6), (2, 3, 4, 5, 6), (1, 2, 3, 4, 5, 6)]:
            yield (
                "torch.nn.AdaptiveAvgPool2d",
                {"output_size": out_size},
                [list(x)],
                lambda t, o=out_size: nn.AdaptiveAvgPool2d(o)(t),
            )
        for x in [(5, 6), (3, 5, 6), (2, 3, 5, 6), (2, 3, 4, 5, 6)]:
            yield (
                "torch.nn.AdaptiveMaxPool2d",
                {"output_size": out_size},
                [list(x)],
                lambda t, o=out_size: nn.AdaptiveMaxPool2d(o)(t),
            )
    for out_size in [1, (1, 1, 1), (2, 1, 3)]:
        for x in [(5, 6), (5, 6, 7), (2, 5, 6, 7), (2, 3, 4, 5, 6), (1, 2, 3, 4, 5, 6)]:
            yield (
                "torch.nn.AdaptiveAvgPool3d",
                {"output_size": out_size},
                [list(x)],
                lambda t, o=out_size: nn.AdaptiveAvgPool3d(o)(t),
            )
    for out_size in [1, 4]:
        for x in [(2, 3, 5), (3, 5), (5,), (2, 3, 4, 5)]:
            yield (
                "torch.nn.AdaptiveAvgPool1d",
                {"output_size": out_size},
                [list(x)],
                lambda t, o=out_size: nn.AdaptiveAvgPool1d(o)(t),
            )

    for start, end in [(1, -1), (0, -1), (2, -1), (1, 2), (0, 1), (-2, -1), (2, 1)]:
        for x in [(), (3,), (2, 3), (2, 3, 4), (2, 3, 4, 5)]:
            yield (
                "torch.nn.Flatten",
                {"start_dim": start, "end_dim": end},
                [list(x)],
                lambda t, s=start, e=end: nn.Flatten(s, e)(t),
            )

    for x in [(), (3,), (2, 3), (2, 3, 4)]:
        yield (
            "torch.nn.Embedding",
            {"num_embeddings": 10, "embedding_dim": 7},
            [list(x)],
            lambda t: nn.Embedding(10, 7)(t.long()),
        )

    yield from torch_rnn_cases(rng)
    yield from torch_mha_cases(rng)
    yield from torch_piece_cases()
    yield from torch_clamp_cases()
    yield from torch_interpolate_cases()
    yield from torch_loss_cases()


def torch_piece_cases() -> Iterator[Case]:
    """``gather`` (index shapes that fit, overhang, differ in rank, are empty or 0-d) and
    ``chunk``/``split`` (sizes that divide, leave a remainder, exceed the dim, are 0)."""
    import torch

    for x, dim, index in itertools.product(
        [(), (3,), (3, 4), (2, 3, 4), (0, 4)],
        [0, 1, -1, 2],
        [(), (1,), (3,), (3, 1), (2, 7), (4, 1), (0,), (0, 5), (2, 3, 1), (2, 4, 4)],
    ):
        yield (
            "torch.gather",
            {"dim": dim},
            [list(x), list(index)],
            lambda t, i, d=dim: torch.gather(t, d, i.long()),
        )
    for x, chunks, dim in itertools.product(
        [(), (5,), (2,), (0,), (6,), (3, 5), (2, 0, 3)], [0, 1, 2, 3, 4, 7], [0, 1, -1]
    ):
        yield (
            "torch.chunk",
            {"chunks": chunks, "dim": dim},
            [list(x)],
            lambda t, c=chunks, d=dim: torch.chunk(t, c, d),
        )
    sections: list[int | list[int]] = [-1, 0, 1, 2, 3, 7, [2, 3], [2, 2], [5], [], [-1, 6], [0, 5]]
    for x, size, dim in itertools.product([(), (5,), (0,), (3, 5), (5, 2)], sections, [0, 1, -1]):
        yield (
            "torch.split",
            {"sections": size, "dim": dim},
            [list(x)],
            lambda t, s=size, d=dim: torch.split(t, s, d),
        )


def torch_clamp_cases() -> Iterator[Case]:
    """``clamp`` with number bounds, tensor bounds that broadcast (growing the input or
    not) and tensor bounds that do not fit."""
    import torch

    bounds: list[tuple[int, ...] | float | None] = [None, 0.5, (), (3,), (2, 3), (2, 1), (4,)]
    for x, low, high in itertools.product([(3,), (2, 3), ()], bounds, bounds):
        tensors = [b for b in (low, high) if isinstance(b, tuple)]
        yield (
            "torch.clamp",
            {
                "min": low if not isinstance(low, tuple) else "tensor",
                "max": high if not isinstance(high, tuple) else "tensor",
            },
            [list(x)] + [list(b) for b in tensors],
            lambda t, *rest, lo=low, hi=high: torch.clamp(
                t,
                rest[0] if isinstance(lo, tuple) else lo,
                rest[-1] if isinstance(hi, tuple) else hi,
            ),
        )


def torch_interpolate_cases() -> Iterator[Case]:
    """``F.interpolate`` over input ranks, modes, sizes and scale factors (one per spatial
    dim or shared, whole and fractional), options that a mode refuses, and sizes that fall
    to 0; ``nn.Upsample``, the same rule as a layer."""
    from torch import nn
    from torch.nn import functional as F

    modes = ["nearest", "nearest-exact", "area", "linear", "bilinear", "bicubic", "trilinear"]
    resizes: list[dict[str, Any]] = [
        {"size": 4},
        {"size": [3, 5]},
        {"size": [2, 3, 4]},
        {"size": [6]},
        {"scale_factor": 2},
        {"scale_factor": 0.5},
        {"scale_factor": 1.7},
        {"scale_factor": [2, 0.5]},
        {"scale_factor": 0.1},
        {},
        {"size": 4, "scale_factor": 2},
    ]
    for x, mode, resize in itertools.product(
        [(2, 3), (2, 3, 5), (1, 2, 5, 7), (1, 2, 3, 4, 5), (1, 1, 1, 1, 1, 1)], modes, resizes
    ):
        yield (
            "torch.nn.functional.interpolate",
            {"mode": mode, **resize},
            [list(x)],
            lambda t, m=mode, r=resize: F.interpolate(t, mode=m, **r),
        )
    for x, mode, resize in itertools.product(
        [(2, 3, 5), (1, 2, 5, 7), (1, 2, 3, 4, 5)],
        ["nearest", "linear", "bilinear", "trilinear"],
        [{"size": 4}, {"size": [3, 5]}, {"scale_factor": 2}, {"scale_factor": 0.5}, {}],
    ):
        yield (
            "torch.nn.Upsample",
            {"mode": mode, **resize},
            [list(x)],
            lambda t, m=mode, r=resize: nn.Upsample(mode=m, **r)(t),
        )
    options: list[dict[str, Any]] = [
        {"align_corners": True},
        {"align_corners": False},
        {"antialias": True},
        {"antialias": False},
        {"recompute_scale_factor": True},
        {"recompute_scale_factor": False},
    ]
    for mode, option, resize in itertools.product(
        ["nearest", "bilinear", "bicubic", "area"], options, [{"size": 3}, {"scale_factor": 1.5}]
    ):
        yield (
            "torch.nn.functional.interpolate",
            {"mode": mode, **resize, **option},
            [[1, 2, 5, 7]],
            lambda t, m=mode, r={**resize, **option}: F.interpolate(t, mode=m, **r),
        )


def torch_loss_cases() -> Iterator[Case]:
    """The functional losses with each ``reduction``: 'none' keeps one loss per element
    (per sample for the class losses), 'mean' and 'sum' give a 0-d loss."""
    from torch.nn import functional as F

    reductions = ["none", "mean", "sum", "average"]
    pointwise = {"mse_loss": F.mse_loss, "l1_loss": F.l1_loss, "smooth_l1_loss": F.smooth_l1_loss}
    for (name, fn), reduction, (x, y) in itertools.product(
        pointwise.items(), reductions, [((4, 3), (4, 3)), ((4,), (4, 1)), ((2, 3), (3,))]
    ):
        yield (
            f"torch.nn.functional.{name}",
            {"reduction": reduction},
            [list(x), list(y)],
            lambda a, b, f=fn, r=reduction: f(a, b, reduction=r),
        )
    same = {
        "binary_cross_entropy": F.binary_cross_entropy,
        "binary_cross_entropy_with_logits": F.binary_cross_entropy_with_logits,
    }
    for (name, fn), reduction, (x, y) in itertools.product(
        same.items(), reductions, [((4, 3), (4, 3)), ((4,), (4,)), ((4, 1), (4,))]
    ):
        yield (
            f"torch.nn.functional.{name}",
            {"reduction": reduction},
            [list(x), list(y)],
            lambda a, b, f=fn, r=reduction: f(a.sigmoid(), b, reduction=r),
        )
    classes = {"cross_entropy": F.cross_entropy, "nll_loss": F.nll_loss}
    for (name, fn), reduction, (x, y) in itertools.product(
        classes.items(),
        reductions,
        [((4, 5), (4,)), ((5,), ()), ((2, 5, 3, 3), (2, 3, 3)), ((4, 5), (4, 5)), ((4, 5), (3,))],
    ):
        probabilities = len(x) == len(y)
        yield (
            f"torch.nn.functional.{name}",
            {"reduction": reduction},
            [list(x), list(y)],
            lambda a, b, f=fn, r=reduction, p=probabilities: f(
                a, b if p else b.long(), reduction=r
            ),
        )


def torch_conv_cases(rng: random.Random) -> Iterator[Case]:
    from torch import nn

    layers = {1: nn.Conv1d, 2: nn.Conv2d, 3: nn.Conv3d}
    counts = {1: 120, 2: 260, 3: 50}
    spatial: dict[int, list[Any]] = {
        1: [(7,), (3,), (1,), (10,)],
        2: [(7, 7), (3, 5), (1, 1), (4, 6), (9, 4)],
        3: [(5, 5, 5), (3, 4, 2), (1, 2, 3)],
    }
    kernels: dict[int, list[Any]] = {
        1: [1, 2, 3, 5],
        2: [1, 2, 3, 5, (3, 1), (2, 4)],
        3: [1, 3, (1, 2, 3)],
    }
    strides: dict[int, list[Any]] = {1: [1, 2, 3], 2: [1, 2, (2, 1)], 3: [1, 2]}
    paddings = {
        1: [0, 1, 2, "same", "valid"],
        2: [0, 1, (1, 0), "same", "valid"],
        3: [0, 1, "same", "valid"],
    }
    dilations: dict[int, list[Any]] = {1: [1, 2], 2: [1, 2, (1, 2)], 3: [1, 2]}
    for nd in (1, 2, 3):
        for c in sample(
            rng,
            counts[nd],
            kernel_size=kernels[nd],
            stride=strides[nd],
            padding=paddings[nd],
            dilation=dilations[nd],
            spatial=spatial[nd],
            channels=[
                (4, 6, 1, 4),
                (4, 6, 2, 4),
                (3, 4, 1, 3),
                (3, 4, 1, 1),
                (4, 4, 2, 3),
                (4, 6, 2, 4),
                (4, 8, 4, 4),
            ],
            batch=[None, 2],
            padding_mode=["zeros"] * 4 + ["reflect", "circular", "replicate"],
        ):
            in_ch, out_ch, groups, x_ch = c.pop("channels")
            sp, batch = c.pop("spatial"), c.pop("batch")
            args = dict(in_channels=in_ch, out_channels=out_ch, groups=groups, **c)
            x = ([batch] if batch else []) + [x_ch, *sp]
            yield f"torch.nn.Conv{nd}d", args, [x], lambda t, a=args, L=layers[nd]: L(**a)(t)

    for c in sample(
        rng,
        150,
        kernel_size=[1, 2, 3, (3, 2)],
        stride=[1, 2, 3, (2, 1)],
        padding=[0, 1, 2, (1, 0)],
        output_padding=[0, 1, 2, (1, 0)],
        dilation=[1, 2],
        spatial=[(4, 4), (1, 1), (3, 5)],
        channels=[(3, 5, 3), (3, 5, 2)],
        batch=[None, 2],
    ):
        in_ch, out_ch, x_ch = c.pop("channels")
        sp, batch = c.pop("spatial"), c.pop("batch")
        args = dict(in_channels=in_ch, out_channels=out_ch, **c)
        x = ([batch] if batch else []) + [x_ch, *sp]
        yield "torch.nn.ConvTranspose2d", args, [x], lambda t, a=args: nn.ConvTranspose2d(**a)(t)


def torch_pool_cases(rng: random.Random) -> Iterator[Case]:
    from torch import nn

    common: dict[str, list[Any]] = dict(
        kernel_size=[1, 2, 3, (3, 2)],
        stride=[None, 1, 2, 3, (1, 2)],
        padding=[0, 1, 2, (1, 0)],
        ceil_mode=[False, True],
        x=[(2, 3, 7, 7), (3, 5, 6), (2, 3, 2, 2), (3, 1, 1), (2, 3, 4, 9), (5, 6)],
    )
    for c in sample(rng, 200, dilation=[1, 2, (2, 1)], **common):
        x = c.pop("x")
        yield "torch.nn.MaxPool2d", c, [list(x)], lambda t, a=c: nn.MaxPool2d(**a)(t)
    for c in sample(rng, 150, count_include_pad=[True, False], **common):
        x = c.pop("x")
        yield "torch.nn.AvgPool2d", c, [list(x)], lambda t, a=c: nn.AvgPool2d(**a)(t)
    for c in sample(
        rng,
        60,
        kernel_size=[1, 2, 3],
        stride=[None, 1, 2],
        padding=[0, 1],
        dilation=[1, 2],
        ceil_mode=[False, True],
        x=[(2, 3, 7), (3, 5), (2, 2, 2)],
    ):
        x = c.pop("x")
        yield "torch.nn.MaxPool1d", c, [list(x)], lambda t, a=c: nn.MaxPool1d(**a)(t)


def torch_rnn_cases(rng: random.Random) -> Iterator[Case]:
    from torch import nn

    kinds = {"LSTM": nn.LSTM, "GRU": nn.GRU, "RNN": nn.RNN}
    for c in sample(
        rng,
        160,
        kind=list(kinds),
        batch_first=[False, True],
        bidirectional=[False, True],
        num_layers=[1, 2],
        proj_size=[0, 0, 2],
        x=[(5, 2, 4), (5, 4), (5, 2, 3), (1, 1, 4), (4,), (2, 5, 2, 4)],
    ):
        kind, x = c.pop("kind"), c.pop("x")
        if kind != "LSTM" and c["proj_size"]:
            continue
        if kind != "LSTM":
            del c["proj_size"]
        args = dict(input_size=4, hidden_size=3, **c)

        def fn(t: Any, a: dict[str, Any] = args, layer: Any = kinds[kind]) -> Any:
            out, h = layer(**a)(t)
            return out, (h[0] if isinstance(h, tuple) else h)

        yield f"torch.nn.{kind}", args, [list(x)], fn


def torch_mha_cases(rng: random.Random) -> Iterator[Case]:
    from torch import nn

    for c in sample(
        rng,
        200,
        embed_dim=[6],
        num_heads=[1, 2, 3, 4],
        batch_first=[False, True],
        q=[(5, 2, 6), (5, 6), (5, 2, 4), (1, 2, 6), (5, 3, 6)],
        kv=[
            ((7, 2, 6), (7, 2, 6)),
            ((7, 6), (7, 6)),
            ((7, 2, 6), (8, 2, 6)),
            ((7, 3, 6), (7, 3, 6)),
            ((7, 2, 5), (7, 2, 5)),
            ((7, 2, 5), (7, 2, 4)),
            ((7, 5), (7, 4)),
            ((7, 2, 5), (8, 2, 4)),
        ],
        kvdim=[(None, None), (None, None), (5, 4)],
    ):
        q = c.pop("q")
        k, v = c.pop("kv")
        kdim, vdim = c.pop("kvdim")
        if kdim is not None:
            c.update(kdim=kdim, vdim=vdim)

        def fn(qt: Any, kt: Any, vt: Any, a: dict[str, Any] = c) -> Any:
            return nn.MultiheadAttention(**a)(qt, kt, vt)[0]

        yield "torch.nn.MultiheadAttention", c, [list(q), list(k), list(v)], fn


def record_torch() -> tuple[str, list[dict[str, Any]]]:
    import torch

    torch.set_grad_enabled(False)
    records = run_cases(torch_cases(), lambda s: torch.zeros(s), lambda t: list(t.shape))
    return torch.__version__, records


# -- tensorflow ------------------------------------------------------------------------------


def record_tensorflow() -> tuple[str, list[dict[str, Any]]]:
    import tensorflow as tf

    def cases() -> Iterator[Case]:
        shapes = [
            (3,),
            (2, 3),
            (3, 4),
            (4, 3),
            (3, 3),
            (2, 3, 4),
            (2, 4, 3),
            (1, 4, 5),
            (3, 4, 5),
            (5, 1, 3, 4),
            (2, 2, 4, 3),
        ]
        flags = [
            dict(zip(("transpose_a", "transpose_b", "adjoint_a", "adjoint_b"), f, strict=True))
            for f in itertools.product([False, True], repeat=4)
        ]
        valid = [
            f
            for f in flags
            if not (f["transpose_a"] and f["adjoint_a"])
            and not (f["transpose_b"] and f["adjoint_b"])
        ]
        rng = random.Random(1)
        for a, b in pairs(shapes):
            yield "tf.linalg.matmul", {}, [list(a), list(b)], tf.matmul
            for f in rng.sample(valid, 2) + rng.sample(flags, 1):
                yield (
                    "tf.linalg.matmul",
                    f,
                    [list(a), list(b)],
                    lambda x, y, kw=f: tf.matmul(x, y, **kw),
                )

    records = run_cases(cases(), lambda s: tf.zeros(s), lambda t: list(t.shape))
    return tf.__version__, records


# -- keras (both generations share the layer cases) -----------------------------------------


def keras_layer_cases(layers: Any, rng: random.Random, conv1d: bool) -> Iterator[Case]:
    for units in (3, 5):
        for x in [(4,), (2, 4), (2, 3, 4), (2, 3, 4, 5), (1, 1)]:
            yield (
                "keras.layers.Dense",
                {"units": units},
                [list(x)],
                lambda t, u=units: layers.Dense(u)(t),
            )
    for x in [(2,), (2, 3), (2, 3, 4), (2, 3, 4, 5)]:
        yield "keras.layers.Flatten", {}, [list(x)], lambda t: layers.Flatten()(t)
    for c in sample(
        rng,
        150,
        filters=[2, 5],
        kernel_size=[1, 2, 3, (3, 1)],
        strides=[1, 2, (2, 1)],
        padding=["valid", "same"],
        dilation_rate=[1, 2],
        x=[(2, 7, 7, 3), (2, 3, 5, 1), (2, 1, 1, 3), (2, 4, 6, 2), (7, 7, 3), (2, 2, 7, 7, 3)],
    ):
        x = c.pop("x")
        yield "keras.layers.Conv2D", c, [list(x)], lambda t, a=c: layers.Conv2D(**a)(t)
    if conv1d:
        for c in sample(
            rng,
            80,
            filters=[2, 5],
            kernel_size=[1, 2, 3, 5],
            strides=[1, 2, 3],
            padding=["valid", "same", "causal"],
            dilation_rate=[1, 2],
            x=[(2, 7, 3), (2, 3, 1), (2, 1, 3), (7, 3)],
        ):
            x = c.pop("x")
            yield "keras.layers.Conv1D", c, [list(x)], lambda t, a=c: layers.Conv1D(**a)(t)
    pools = {"MaxPooling2D": layers.MaxPooling2D, "AveragePooling2D": layers.AveragePooling2D}
    for c in sample(
        rng,
        120,
        kind=list(pools),
        pool_size=[1, 2, 3, (3, 1)],
        strides=[None, 1, 2, (1, 2)],
        padding=["valid", "same"],
        x=[(2, 7, 7, 3), (2, 3, 5, 1), (2, 1, 1, 3), (2, 4, 6, 2), (7, 7, 3)],
    ):
        kind, x = c.pop("kind"), c.pop("x")
        yield (f"keras.layers.{kind}", c, [list(x)], lambda t, a=c, L=pools[kind]: L(**a)(t))
    rnns = {"LSTM": layers.LSTM, "GRU": layers.GRU, "SimpleRNN": layers.SimpleRNN}
    for kind, units, seq, x in itertools.product(
        rnns, [3], [False, True], [(2, 5, 4), (2, 5), (2, 5, 4, 1), (1, 1, 2)]
    ):
        args = {"units": units, "return_sequences": seq}
        yield (f"keras.layers.{kind}", args, [list(x)], lambda t, a=args, L=rnns[kind]: L(**a)(t))
    for axes in [1, 2, -1, (1, 2), (2, 1), (1, 1), (2, 2), (-1, -2)]:
        for a, b in [
            ((2, 3), (2, 3)),
            ((2, 3), (2, 4)),
            ((2, 3, 4), (2, 3, 4)),
            ((2, 3, 4), (2, 4, 5)),
            ((2, 3, 4), (2, 5, 4)),
            ((2, 3, 4), (2, 3)),
            ((2, 3), (2, 3, 4)),
            ((2, 3, 4), (3, 3, 4)),
            ((2, 4, 3), (2, 4, 3, 5)),
        ]:
            yield (
                "keras.layers.Dot",
                {"axes": jsonable(axes)},
                [list(a), list(b)],
                lambda x, y, ax=axes: layers.Dot(axes=ax)([x, y]),
            )


def dot_shapes() -> list[tuple[int, ...]]:
    return [
        (3,),
        (4,),
        (2, 3),
        (3, 4),
        (4, 5),
        (2, 3, 4),
        (7, 4, 5),
        (3, 4, 5),
        (5, 4, 3),
        (2, 2, 4, 5),
    ]


def record_tf_keras() -> tuple[str, list[dict[str, Any]]]:
    import tensorflow as tf
    import tf_keras
    from tf_keras import backend as K
    from tf_keras import layers

    def cases() -> Iterator[Case]:
        for a, b in pairs(dot_shapes()):
            yield "keras.backend.dot", {}, [list(a), list(b)], K.dot
        bd_shapes = [
            (2,),
            (2, 3),
            (2, 4),
            (2, 3, 4),
            (2, 4, 3),
            (2, 4, 5),
            (3, 3, 4),
            (2, 5, 3, 4),
            (2, 3, 4, 5),
        ]
        axes_choices: list[Any] = [
            None,
            1,
            2,
            -1,
            (1, 2),
            (2, 1),
            (1, 1),
            (2, 2),
            (0, 1),
            (2, 3),
            (-1, -2),
        ]
        for axes in axes_choices:
            for a, b in pairs(bd_shapes):
                yield (
                    "keras.backend.batch_dot",
                    {"axes": jsonable(axes)},
                    [list(a), list(b)],
                    lambda x, y, ax=axes: K.batch_dot(x, y, axes=ax),
                )
        yield from keras_layer_cases(layers, random.Random(2), conv1d=True)
        for axes in [1, -1, (1, 2)]:
            for a, b in [((2, 3), (2, 3)), ((2, 3, 4), (2, 4, 5)), ((2, 3), (2, 4))]:
                yield (
                    "keras.layers.dot",
                    {"axes": jsonable(axes)},
                    [list(a), list(b)],
                    lambda x, y, ax=axes: layers.dot([x, y], axes=ax),
                )

    records = run_cases(cases(), lambda s: tf.zeros(s), lambda t: list(t.shape))
    return tf_keras.__version__, records


def record_keras3() -> tuple[str, list[dict[str, Any]]]:
    import keras
    from keras import layers, ops

    def cases() -> Iterator[Case]:
        for a, b in pairs(dot_shapes()):
            yield "keras.ops.dot", {}, [list(a), list(b)], ops.dot
            yield "keras.ops.matmul", {}, [list(a), list(b)], ops.matmul
        yield from keras_layer_cases(layers, random.Random(3), conv1d=True)

    records = run_cases(cases(), lambda s: ops.zeros(s), lambda t: list(t.shape))
    return keras.__version__, records


RECORDERS: dict[str, Callable[[], tuple[str, list[dict[str, Any]]]]] = {
    "torch": record_torch,
    "tensorflow": record_tensorflow,
    "tf_keras": record_tf_keras,
    "keras3": record_keras3,
}


def record_one(name: str) -> None:
    """Record one framework in this process and write its JSON file."""
    warnings.filterwarnings("ignore")
    start = time.monotonic()
    version, records = RECORDERS[name]()
    payload = {"framework": name, "version": version, "generated_by": GENERATOR, "records": records}
    path = OUT_DIR / f"{name}.json"
    path.write_text(
        json.dumps(payload, indent=None, separators=(",", ":")).replace('{"op"', '\n{"op"') + "\n"
    )
    print(
        f"{name} {version}: {len(records)} records "
        f"({sum(r['error'] for r in records)} errors) in {time.monotonic() - start:.1f}s "
        f"-> {path}"
    )


def record_signatures(names: list[str]) -> int:
    """``--signatures``: the real signature of every modelled API, one process per library."""
    import framework_signatures as sigs

    unknown = [n for n in names if n not in sigs.MODULES]
    if unknown:
        print(f"unknown library {unknown}; choose from {list(sigs.MODULES)}", file=sys.stderr)
        return 2
    if os.environ.get("_SHAPELINT_RECORD_CHILD"):
        warnings.filterwarnings("ignore")
        module = importlib.import_module(sigs.REQUIRES[names[0]])
        sigs.record(names[0], str(getattr(module, "__version__", "unknown")))
        return 0
    status = 0
    for name in names:
        if importlib.util.find_spec(sigs.REQUIRES[name]) is None:
            print(f"{name}: not installed in {sys.executable}; skipped")
            continue
        env = dict(
            os.environ,
            _SHAPELINT_RECORD_CHILD="1",
            TF_CPP_MIN_LOG_LEVEL="3",
            KERAS_BACKEND=os.environ.get("KERAS_BACKEND", "tensorflow"),
        )
        done = subprocess.run(
            [sys.executable, __file__, "--signatures", name], env=env, check=False
        )
        if done.returncode:
            print(f"{name}: signature recorder failed ({done.returncode})", file=sys.stderr)
            status = 1
    return status


def grid_env(checking: bool) -> dict[str, str]:
    """The environment of a grid child. TensorFlow 2.21's oneDNN kernels (its default on
    x86 CPUs) corrupt the heap on some batched products: ``tf.einsum('bB...,->...bB')`` of
    zeros (2, 4, 3, 1) and a 0-d tensor aborts with ``free(): invalid pointer``, and a run
    of 20,000 einsum cases dies of SIGABRT or SIGSEGV (TensorFlow issues 117700 and 123109:
    batched matmul on oneDNN). So the large ``--check`` run uses the stock kernels
    (``TF_ENABLE_ONEDNN_OPTS=0``, what TensorFlow runs where oneDNN is off), the committed
    grids keep the oneDNN ones, and CI judges the core against both: they differ only on einsum
    cases with an empty operand (5 of TensorFlow's 2,000, 6 of Keras 3's), where oneDNN
    refuses sizes the stock kernel lets through."""
    env = dict(
        os.environ,
        _SHAPELINT_RECORD_CHILD="1",
        TF_CPP_MIN_LOG_LEVEL="3",
        KERAS_BACKEND=os.environ.get("KERAS_BACKEND", "tensorflow"),
    )
    if checking:
        env["TF_ENABLE_ONEDNN_OPTS"] = "0"
    return env


def run_grid_child(command: list[str], checking: bool) -> tuple[int, list[str]]:
    """Run one grid child, echoing its output; its exit status and the ops it checked."""
    checked = []
    env = grid_env(checking)
    with subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True) as child:
        assert child.stdout is not None
        for line in child.stdout:
            print(line, end="", flush=True)
            if line.startswith("CHECK "):
                checked.append(line.split()[2])
    return child.returncode, checked


def record_grids(argv: list[str]) -> int:
    """``--grids [framework ...] [--size N] [--check] [--skip OP,OP]``: the random-case
    grids, one process per framework; ``--check`` compares fresh cases with the core and
    writes nothing (``--skip`` leaves out ops already checked)."""
    import framework_grids as grids

    options = {"--size": "2000", "--skip": ""}
    for flag in options:
        if flag in argv:
            at = argv.index(flag)
            options[flag] = argv[at + 1]
            argv = argv[:at] + argv[at + 2 :]
    size = int(options["--size"])
    skip = [op for op in options["--skip"].split(",") if op]
    checking = "--check" in argv
    names = [a for a in argv if a != "--check"] or list(grids.FRAMEWORKS)
    unknown = [n for n in names if n not in grids.FRAMEWORKS]
    if unknown:
        print(f"unknown framework {unknown}; choose from {list(grids.FRAMEWORKS)}", file=sys.stderr)
        return 2
    if os.environ.get("_SHAPELINT_RECORD_CHILD"):
        warnings.filterwarnings("ignore")
        if checking:
            counts = grids.check(names[0], size, frozenset(skip))
            wrong = sum(bad for bad, _ in counts.values())
            undecided = sum(u for _, u in counts.values())
            print(
                f"{names[0]}: {wrong} wrong and {undecided} undecided answers over "
                f"{len(counts)} ops x {size} cases"
            )
        else:
            module = importlib.import_module(grids.REQUIRES[names[0]])
            grids.record(names[0], str(getattr(module, "__version__", "unknown")), size)
        return 0
    status = 0
    for name in names:
        if importlib.util.find_spec(grids.REQUIRES[name]) is None:
            print(f"{name}: not installed in {sys.executable}; skipped")
            continue
        done: list[str] = []
        for _attempt in range(3):
            extra = ["--size", str(size)]
            if checking:
                extra += ["--check", "--skip", ",".join(done)]
            command = [sys.executable, __file__, "--grids", name, *extra]
            code, checked = run_grid_child(command, checking)
            done += checked
            # a native crash is not a shape answer: the cases are seeded, so a rerun
            # repeats the same work, from the first op not yet checked
            if code >= 0:
                break
            print(f"{name}: killed by signal {-code}; running it again", flush=True)
        if code:
            print(f"{name}: grid recorder failed ({code})", file=sys.stderr)
            status = 1
    return status


def record_positions() -> int:
    """``--positions``: the ``PAST_ROLES`` tables (``analysis/frameworks/past_roles_*.py``,
    one per library) from the recorded signatures (no framework needed)."""
    import framework_signatures as sigs

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from shapelint.analysis.frameworks import positions

    apis: dict[str, list[object]] = {}
    for library in sigs.MODULES:
        data = json.loads((sigs.OUT_DIR / f"{library}.json").read_text())
        for api, entry in data["apis"].items():
            apis.setdefault(api, []).extend(entry["signatures"])
    table = positions.expected(apis)
    folder = Path(positions.__file__).parent
    for library in positions.PAST_ROLE_LIBRARIES:
        rows = {api: names for api, names in table.items() if api.split(".")[0] == library}
        lines = [
            '"""Generated by ``python scripts/record_frameworks.py --positions``: see',
            f'``positions`` (the {library} APIs). Do not edit."""',
            "",
            "PAST_ROLES: dict[str, tuple[str, ...]] = {",
            *(f"    {api!r}: {names!r}," for api, names in rows.items()),
            "}",
        ]
        (folder / f"past_roles_{library}.py").write_text("\n".join(lines) + "\n")
    print(f"{len(table)} APIs -> {folder}/past_roles_*.py")
    return 0


def main(argv: list[str]) -> int:
    if argv[:1] == ["--positions"]:
        return record_positions()
    if argv[:1] == ["--grids"]:
        return record_grids(argv[1:])
    if argv[:1] == ["--signatures"]:
        import framework_signatures as sigs

        return record_signatures(argv[1:] or list(sigs.MODULES))
    names = argv or list(FRAMEWORKS)
    unknown = [n for n in names if n not in FRAMEWORKS]
    if unknown:
        print(f"unknown framework(s) {unknown}; choose from {list(FRAMEWORKS)}", file=sys.stderr)
        return 2
    if os.environ.get("_SHAPELINT_RECORD_CHILD"):
        record_one(names[0])
        return 0
    status = 0
    for name in names:
        if importlib.util.find_spec(REQUIRES[name]) is None:
            print(f"{name}: not installed in {sys.executable}; skipped")
            continue
        env = dict(
            os.environ,
            _SHAPELINT_RECORD_CHILD="1",
            TF_CPP_MIN_LOG_LEVEL="3",
            KERAS_BACKEND=os.environ.get("KERAS_BACKEND", "tensorflow"),
        )
        done = subprocess.run([sys.executable, __file__, name], env=env, check=False)
        if done.returncode:
            print(f"{name}: recorder failed with exit code {done.returncode}", file=sys.stderr)
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
