"""Replay what the real frameworks did (tests/data/*.json) against the shape rules.

Each record is one call of a real torch / TensorFlow / Keras op on zero tensors: its
arguments, input shapes, and either the output shape or the fact that it raised. A rule
agrees with a record when it gives the same shape, and raises ShapeError exactly when the
framework raised. No framework is needed to run these tests.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from shapelint.shapes import algebra
from shapelint.shapes import frameworks as fw
from shapelint.shapes import torch_losses as tl
from shapelint.shapes import torch_rules as tr
from shapelint.shapes.shape import Dim, Shape, ShapeError

DATA = Path(__file__).resolve().parent.parent / "data"
FILES = {
    "torch": "torch.json",
    "tensorflow": "tensorflow.json",
    "tf_keras": "tf_keras.json",
    "keras3": "keras3.json",
}

Rule = Callable[[dict[str, Any], list[Shape]], Any]


@cache
def _load(name: str) -> dict[str, Any]:
    return json.loads((DATA / FILES[name]).read_text())


def _algebra(name: str) -> Rule:
    """The NumPy rule of the same name in ``algebra`` (Keras 3 ops and torch.matmul follow
    NumPy); skipped while algebra does not have it."""

    def rule(args: dict[str, Any], inputs: list[Shape]) -> Shape:
        fn = getattr(algebra, name, None)
        if fn is None:
            pytest.skip(f"shapelint.shapes.algebra.{name} does not exist yet")
        result: Shape = fn(*inputs)
        return result

    return rule


def _ints(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def _conv(ndim: int, style: str) -> Rule:
    def rule(a: dict[str, Any], x: list[Shape]) -> Shape:
        if style != "torch":
            return fw.conv(
                x[0],
                ndim=ndim,
                out_channels=a["filters"],
                kernel_size=_ints(a["kernel_size"]),
                stride=_ints(a["strides"]),
                padding=a["padding"],
                dilation=_ints(a["dilation_rate"]),
                channels_last=True,
                style=style,
            )
        return fw.conv(
            x[0],
            ndim=ndim,
            out_channels=a["out_channels"],
            kernel_size=_ints(a["kernel_size"]),
            stride=_ints(a["stride"]),
            padding=_ints(a["padding"]),
            dilation=_ints(a["dilation"]),
            in_channels=a["in_channels"],
            groups=a["groups"],
            padding_mode=a["padding_mode"],
            style="torch",
        )

    return rule


def _torch_pool(ndim: int, kind: str) -> Rule:
    def rule(a: dict[str, Any], x: list[Shape]) -> Shape:
        return fw.pool(
            x[0],
            ndim=ndim,
            kernel_size=_ints(a["kernel_size"]),
            stride=_ints(a["stride"]),
            padding=_ints(a["padding"]),
            dilation=_ints(a.get("dilation", 1)),
            ceil_mode=a["ceil_mode"],
            kind=kind,
            style="torch",
        )

    return rule


def _keras_pool(a: dict[str, Any], x: list[Shape]) -> Shape:
    return fw.pool(
        x[0],
        ndim=2,
        kernel_size=_ints(a["pool_size"]),
        stride=_ints(a["strides"]),
        padding=a["padding"],
        channels_last=True,
        style="keras",
    )


def _torch_rnn(a: dict[str, Any], x: list[Shape]) -> tuple[Shape, Shape]:
    return fw.rnn(
        x[0],
        hidden_size=a["hidden_size"],
        input_size=a["input_size"],
        batch_first=a["batch_first"],
        bidirectional=a["bidirectional"],
        num_layers=a["num_layers"],
        proj_size=a.get("proj_size", 0),
    )


def _keras_rnn(a: dict[str, Any], x: list[Shape]) -> Shape:
    return fw.keras_rnn(x[0], a["units"], a["return_sequences"])


def _keras_dot_layer(a: dict[str, Any], x: list[Shape]) -> Shape:
    return fw.keras_dot_layer(x[0], x[1], _ints(a["axes"]))


def _tf_keras_dense(a: dict[str, Any], x: list[Shape]) -> Shape:
    return fw.dense(x[0], a["units"])


def _pieces(pieces: list[Shape] | None) -> tuple[Shape, ...] | None:
    return tuple(pieces) if pieces is not None else None


def _sections(value: Any) -> int | Shape:
    return Shape.of(*value) if isinstance(value, list) else value


def _torch_loss(elements: Callable[[Shape, Shape], Shape]) -> Rule:
    def rule(a: dict[str, Any], x: list[Shape]) -> Shape:
        return tl.reduced(elements(x[0], x[1]), a["reduction"])

    return rule


def _clamp(a: dict[str, Any], x: list[Shape]) -> Shape:
    tensors = iter(x[1:])
    low, high = (
        next(tensors) if a[k] == "tensor" else tr.NUMBER if a[k] is not None else None
        for k in ("min", "max")
    )
    return tr.clamp(x[0], low, high)


def _interpolate(a: dict[str, Any], x: list[Shape]) -> Shape:
    size, scale = a.get("size"), a.get("scale_factor")
    return tr.interpolate(
        x[0],
        tuple(Dim.of(s) for s in size) if isinstance(size, list) else size and Dim.of(size),
        tuple(scale) if isinstance(scale, list) else scale,
        a["mode"],
        a.get("align_corners"),
        a.get("antialias", False),
        a.get("recompute_scale_factor"),
    )


RULES: dict[str, Rule] = {
    "torch.clamp": _clamp,
    "torch.nn.functional.interpolate": _interpolate,
    "torch.nn.Upsample": _interpolate,
    "torch.gather": lambda a, x: tr.gather(x[0], a["dim"], x[1]),
    "torch.chunk": lambda a, x: _pieces(tr.chunk(x[0], a["chunks"], a["dim"])),
    "torch.split": lambda a, x: _pieces(tr.split(x[0], _sections(a["sections"]), a["dim"])),
    **{
        f"torch.nn.functional.{name}": _torch_loss(tl.pointwise)
        for name in ("mse_loss", "l1_loss", "smooth_l1_loss")
    },
    **{
        f"torch.nn.functional.{name}": _torch_loss(tl.same_shape)
        for name in ("binary_cross_entropy", "binary_cross_entropy_with_logits")
    },
    "torch.nn.functional.cross_entropy": _torch_loss(tl.class_targets),
    "torch.nn.functional.nll_loss": _torch_loss(tl.class_indices),
    "torch.mm": lambda a, x: fw.mm(*x),
    "torch.bmm": lambda a, x: fw.bmm(*x),
    "torch.mv": lambda a, x: fw.mv(*x),
    "torch.matmul": _algebra("matmul"),
    "torch.Tensor.t": lambda a, x: fw.torch_t(*x),
    "torch.nn.functional.linear": lambda a, x: fw.f_linear(*x),
    "torch.nn.Linear": lambda a, x: fw.linear(x[0], a["in_features"], a["out_features"]),
    "torch.nn.Bilinear": lambda a, x: fw.bilinear(
        x[0], x[1], a["in1_features"], a["in2_features"], a["out_features"]
    ),
    "torch.nn.Conv1d": _conv(1, "torch"),
    "torch.nn.Conv2d": _conv(2, "torch"),
    "torch.nn.Conv3d": _conv(3, "torch"),
    "torch.nn.ConvTranspose2d": lambda a, x: fw.conv_transpose(
        x[0],
        ndim=2,
        out_channels=a["out_channels"],
        kernel_size=_ints(a["kernel_size"]),
        stride=_ints(a["stride"]),
        padding=_ints(a["padding"]),
        output_padding=_ints(a["output_padding"]),
        dilation=_ints(a["dilation"]),
        in_channels=a["in_channels"],
    ),
    "torch.nn.MaxPool1d": _torch_pool(1, "max"),
    "torch.nn.MaxPool2d": _torch_pool(2, "max"),
    "torch.nn.AvgPool2d": _torch_pool(2, "avg"),
    "torch.nn.AdaptiveAvgPool1d": lambda a, x: fw.adaptive_pool(
        x[0], ndim=1, output_size=_ints(a["output_size"])
    ),
    "torch.nn.AdaptiveAvgPool2d": lambda a, x: fw.adaptive_pool(
        x[0], ndim=2, output_size=_ints(a["output_size"])
    ),
    "torch.nn.AdaptiveAvgPool3d": lambda a, x: fw.adaptive_pool(
        x[0], ndim=3, output_size=_ints(a["output_size"])
    ),
    "torch.nn.AdaptiveMaxPool2d": lambda a, x: fw.adaptive_pool(
        x[0], ndim=2, output_size=_ints(a["output_size"]), kind="max"
    ),
    "torch.nn.Flatten": lambda a, x: fw.torch_flatten(x[0], a["start_dim"], a["end_dim"]),
    "torch.nn.Embedding": lambda a, x: fw.embedding(x[0], a["num_embeddings"], a["embedding_dim"]),
    "torch.nn.LSTM": _torch_rnn,
    "torch.nn.GRU": _torch_rnn,
    "torch.nn.RNN": _torch_rnn,
    "torch.nn.MultiheadAttention": lambda a, x: fw.multihead_attention(
        *x,
        embed_dim=a["embed_dim"],
        num_heads=a["num_heads"],
        batch_first=a["batch_first"],
        kdim=a.get("kdim"),
        vdim=a.get("vdim"),
    ),
    "tf.linalg.matmul": lambda a, x: fw.tf_matmul(x[0], x[1], **a),
    "keras.backend.dot": lambda a, x: fw.keras_dot(*x),
    "keras.backend.batch_dot": lambda a, x: fw.keras_batch_dot(x[0], x[1], _ints(a["axes"])),
    "keras.layers.Dot": _keras_dot_layer,
    "keras.layers.dot": _keras_dot_layer,
    "keras.layers.Dense": _tf_keras_dense,
    "keras.layers.Flatten": lambda a, x: fw.keras_flatten(x[0]),
    "keras.layers.Conv1D": _conv(1, "keras"),
    "keras.layers.Conv2D": _conv(2, "keras"),
    "keras.layers.MaxPooling2D": _keras_pool,
    "keras.layers.AveragePooling2D": _keras_pool,
    "keras.layers.LSTM": _keras_rnn,
    "keras.layers.GRU": _keras_rnn,
    "keras.layers.SimpleRNN": _keras_rnn,
    "keras.ops.dot": _algebra("dot"),
    "keras.ops.matmul": _algebra("matmul"),
}

# Where one framework file needs another reading of the same op name.
OVERRIDES: dict[tuple[str, str], Rule] = {
    ("keras3", "keras.layers.Conv1D"): _conv(1, "keras3"),
    ("keras3", "keras.layers.Conv2D"): _conv(2, "keras3"),
}


def _outcome(result: Any) -> Any:
    if isinstance(result, tuple):
        return [_outcome(r) for r in result]
    concrete = result.concrete()
    return list(concrete) if concrete is not None else str(result)


def _replay(name: str, record: dict[str, Any]) -> str | None:
    """None when the rule agrees with the record, else a one-line description."""
    rule = OVERRIDES.get((name, record["op"])) or RULES[record["op"]]
    inputs = [Shape.of(*s) for s in record["inputs"]]
    try:
        got: Any = _outcome(rule(record["args"], inputs))
    except ShapeError as exc:
        got = f"ShapeError({exc.reason})"
    want = "error" if record["error"] else record["output"]
    if record["error"] == str(got).startswith("ShapeError") and (record["error"] or got == want):
        return None
    return (
        f"{record['op']} {record['args']} {record['inputs']}: framework "
        f"{record.get('message') or want}, rule {got}"
    )


def _ids() -> list[tuple[str, str]]:
    out = []
    for name in FILES:
        ops = Counter(r["op"] for r in _load(name)["records"])
        out += [(name, op) for op in sorted(ops)]
    return out


@pytest.mark.parametrize("name", FILES)
def test_file_names_framework_and_version(name: str) -> None:
    data = _load(name)
    assert data["framework"] == name
    assert isinstance(data["version"], str) and data["version"][0].isdigit()
    assert data["generated_by"] == "scripts/record_frameworks.py"
    assert len(data["records"]) >= 100


@pytest.mark.parametrize("name", FILES)
def test_every_recorded_op_has_a_rule(name: str) -> None:
    assert {r["op"] for r in _load(name)["records"]} <= set(RULES)


@pytest.mark.parametrize(("name", "op"), _ids(), ids=[f"{n}:{o}" for n, o in _ids()])
def test_rule_agrees_with_framework(name: str, op: str) -> None:
    records = [r for r in _load(name)["records"] if r["op"] == op]
    mismatches = [m for m in (_replay(name, r) for r in records) if m is not None]
    assert not mismatches, f"{len(mismatches)}/{len(records)} disagree:\n" + "\n".join(mismatches)


# -- soundness: the recorded successes, with inputs made less known, must never raise ------------


def _value(d: Dim, env: dict[str, int]) -> int | None:
    """The int a dim takes when its symbols take ``env``'s values; None if unknown."""
    if d.terms is None:
        return None
    total = 0
    for monomial, coefficient in d.terms:
        term = coefficient
        for name in monomial:
            term *= env[name]
        total += term
    return total


def _covers(abstract: Shape, concrete: list[int], env: dict[str, int]) -> bool:
    """Whether ``concrete`` is one of the shapes ``abstract`` stands for."""
    if abstract.variadic:
        if len(abstract.dims) > len(concrete):
            return False
        concrete = concrete[len(concrete) - len(abstract.dims) :]
    elif len(abstract.dims) != len(concrete):
        return False
    values = [_value(d, env) for d in abstract.dims]
    return all(v is None or v == c for v, c in zip(values, concrete, strict=True))


def _abstractions(inputs: list[list[int]]) -> list[tuple[str, list[Shape], dict[str, int]]]:
    """Each input dim in turn made unknown, then symbolic; each input's leading dims in turn
    replaced by an unknown-length prefix; each input with every dim unknown; every input
    unknown."""
    out: list[tuple[str, list[Shape], dict[str, int]]] = [
        ("every input unknown", [Shape.unknown() for _ in inputs], {})
    ]
    for i, dims in enumerate(inputs):
        for j, value in enumerate(dims):
            for kind, dim in (("unknown", Dim.unknown()), ("symbol", Dim.sym("n"))):
                shapes = [Shape.of(*s) for s in inputs]
                shapes[i] = Shape(shapes[i].dims[:j] + (dim,) + shapes[i].dims[j + 1 :])
                out.append((f"input {i} dim {j} {kind}", shapes, {"n": value}))
        shapes = [Shape.of(*s) for s in inputs]
        shapes[i] = Shape.unknown_rank(len(dims))
        out.append((f"input {i} all dims unknown", shapes, {}))
        for drop in range(len(dims) + 1):
            shapes = [Shape.of(*s) for s in inputs]
            shapes[i] = Shape(shapes[i].dims[drop:], variadic=True)
            out.append((f"input {i} first {drop} dims variadic", shapes, {}))
    return out


# Size arguments the analysis may not know (a layer built from a config value).
SIZE_ARGS = frozenset(
    "in_features out_features in1_features in2_features in_channels out_channels filters units "
    "kernel_size pool_size stride strides padding output_padding dilation dilation_rate "
    "hidden_size input_size embed_dim num_heads kdim vdim embedding_dim output_size".split()
)


def _is_size(value: Any) -> bool:
    if isinstance(value, list):
        return all(_is_size(v) for v in value)
    return isinstance(value, int) and not isinstance(value, bool)


def _abstract_args(record: dict[str, Any]) -> list[tuple[str, dict[str, Any], dict[str, int]]]:
    """The record's args with each size argument in turn unknown, and each int one symbolic."""
    out: list[tuple[str, dict[str, Any], dict[str, int]]] = []
    for key, value in record["args"].items():
        if key in SIZE_ARGS and _is_size(value):
            out.append((f"arg {key} unknown", {**record["args"], key: Dim.unknown()}, {}))
            if isinstance(value, int):
                out.append(
                    (f"arg {key} symbolic", {**record["args"], key: Dim.sym("a")}, {"a": value})
                )
    return out


def _unsound(name: str, record: dict[str, Any]) -> list[str]:
    rule = OVERRIDES.get((name, record["op"])) or RULES[record["op"]]
    outputs = record["output"] if isinstance(record["output"][0], list) else [record["output"]]
    problems = []
    concrete = [Shape.of(*s) for s in record["inputs"]]
    variants = [
        (how, record["args"], shapes, env) for how, shapes, env in _abstractions(record["inputs"])
    ]
    variants += [(how, args, concrete, env) for how, args, env in _abstract_args(record)]
    for how, args, shapes, env in variants:
        try:
            result = rule(args, shapes)
        except ShapeError as exc:
            problems.append(f"{how}: false error {exc.reason}")
            continue
        if result is None:
            continue  # no claim: the number of pieces is not known
        results = result if isinstance(result, tuple) else (result,)
        for got, want in zip(results, outputs, strict=True):
            if not _covers(got, want, env):
                problems.append(f"{how}: {got} does not cover {want}")
    return [f"{record['op']} {record['args']} {record['inputs']}: {p}" for p in problems]


@pytest.mark.parametrize(("name", "op"), _ids(), ids=[f"{n}:{o}" for n, o in _ids()])
def test_less_known_inputs_give_no_false_error(name: str, op: str) -> None:
    records = [
        r for r in _load(name)["records"] if r["op"] == op and not r["error"] and r["output"]
    ]
    problems = [p for r in records for p in _unsound(name, r)]
    assert not problems, f"{len(problems)} unsound results:\n" + "\n".join(problems[:40])
