"""Random-case grids of the NumPy-named framework ops, recorded from the real frameworks.

``record_frameworks.py --grids`` runs each op of ``GRID_OPS`` on zero tensors for a number
of seeded random cases (shapes and arguments drawn per op family, failing cases included)
and writes ``tests/data/grids/<framework>.json.gz``; ``tests/shapes/test_framework_grids.py``
replays them against ``shapelint.shapes.op_rules`` with no framework installed.
``--grids --size 20000 --check`` instead draws fresh cases (another seed), compares each
with the core at once and prints the wrong and undecided answers per op, writing nothing:
the one-off large run (``bench/grids.py`` drives it).

A case is stored as ``"<inputs>|<args>|<output>"``: shapes as ``2x3`` (``s`` for 0-d),
inputs joined by ``;``, args as compact JSON, the output ``!`` when the call raised (a list
of outputs, for ``split``, joined by ``&``).
"""

from __future__ import annotations

import gzip
import json
import random
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "tests" / "data" / "grids"
GENERATOR = "scripts/record_frameworks.py --grids"
FRAMEWORKS = ("torch", "tensorflow", "jax", "keras3", "tf_keras", "einops")
REQUIRES = {
    "torch": "torch",
    "tensorflow": "tensorflow",
    "jax": "jax",
    "keras3": "keras",
    "tf_keras": "tf_keras",
    "einops": "einops",
}

Case = tuple[list[list[int]], dict[str, Any]]
DIMS = [0, 1, 1, 2, 2, 3, 4, 5]


# -- case families ---------------------------------------------------------------------------


def shape(rng: random.Random, low: int = 0, high: int = 4) -> list[int]:
    return [rng.choice(DIMS) for _ in range(rng.randint(low, high))]


def related(rng: random.Random, base: list[int]) -> list[int]:
    """A shape biased to fit ``base``: a suffix, some dims 1, maybe one changed."""
    dims = list(base[rng.randint(0, len(base)) :])
    dims = [1 if rng.random() < 0.25 else d for d in dims]
    if dims and rng.random() < 0.15:
        dims[rng.randrange(len(dims))] = rng.choice(DIMS)
    if rng.random() < 0.15:
        dims = shape(rng, 0, 2) + dims
    return dims


def axis_arg(rng: random.Random, rank: int) -> int:
    return rng.randint(-rank - 1, rank)


def f_binary(rng: random.Random) -> Case:
    a = shape(rng)
    return [a, related(rng, a) if rng.random() < 0.85 else shape(rng)], {}


def f_ternary(rng: random.Random) -> Case:
    a = shape(rng)
    return [related(rng, a) for _ in range(3)], {}


def f_product(rng: random.Random) -> Case:
    inner = rng.choice(DIMS)
    a = shape(rng, 0, 3) + [inner]
    rank = rng.randint(1, 4)
    b = [inner] if rank == 1 else shape(rng, rank - 2, rank - 2) + [inner, rng.choice(DIMS)]
    if rng.random() < 0.2:
        return [shape(rng), shape(rng)], {}
    if rng.random() < 0.2:
        a = a[-rng.randint(1, 2) :]
    return [a, b], {}


def f_reduce(rng: random.Random) -> Case:
    x = shape(rng)
    r = len(x)
    choice = rng.random()
    axis: Any = None
    if choice < 0.6:
        axis = axis_arg(rng, r)
    elif choice < 0.85:
        axis = sorted({axis_arg(rng, r) for _ in range(rng.randint(1, 2))})
    return [x], {"axis": axis, "keepdims": rng.random() < 0.4}


def f_arg_reduce(rng: random.Random) -> Case:
    x = shape(rng)
    axis = axis_arg(rng, len(x)) if rng.random() < 0.8 else None
    return [x], {"axis": axis, "keepdims": rng.random() < 0.3}


def f_reshape(rng: random.Random) -> Case:
    x = shape(rng)
    if rng.random() < 0.5:
        target = list(x)
        rng.shuffle(target)
        if len(target) >= 2 and rng.random() < 0.5:
            target = [target[0] * target[1]] + target[2:]
    else:
        target = shape(rng, 0, 4)
    if target and rng.random() < 0.5:
        target[rng.randrange(len(target))] = -1
    if rng.random() < 0.05:
        target.append(-1)
    return [x], {"shape": target}


def f_permute(rng: random.Random) -> Case:
    x = shape(rng)
    perm = list(range(len(x)))
    rng.shuffle(perm)
    perm = [p - len(x) if rng.random() < 0.3 else p for p in perm]
    if rng.random() < 0.1:
        perm = perm[:-1] if perm else [0]
    if rng.random() < 0.05 and perm:
        perm[0] = perm[-1]
    return [x], {"perm": perm}


def f_swap(rng: random.Random) -> Case:
    x = shape(rng)
    return [x], {"i": axis_arg(rng, len(x)), "j": axis_arg(rng, len(x))}


def f_unary(rng: random.Random) -> Case:
    return [shape(rng, 0, 5)], {}


def f_squeeze(rng: random.Random) -> Case:
    x = [rng.choice([1, 1, 1, 2, 0, 3]) for _ in range(rng.randint(0, 4))]
    choice = rng.random()
    axis: Any = None
    if choice < 0.5:
        axis = axis_arg(rng, len(x))
    elif choice < 0.75:
        axis = sorted({axis_arg(rng, len(x)) for _ in range(rng.randint(0, 2))})
    return [x], {"axis": axis}


def f_expand_dims(rng: random.Random) -> Case:
    x = shape(rng)
    return [x], {"axis": rng.randint(-len(x) - 2, len(x) + 1)}


def f_flatten(rng: random.Random) -> Case:
    x = shape(rng)
    return [x], {"start": axis_arg(rng, len(x)), "end": axis_arg(rng, len(x))}


def f_join(rng: random.Random) -> Case:
    base = shape(rng)
    shapes = []
    for _ in range(rng.randint(1, 3)):
        dims = list(base)
        if dims and rng.random() < 0.5:
            dims[rng.randrange(len(dims))] = rng.choice(DIMS)
        if rng.random() < 0.1:
            dims = shape(rng)
        if rng.random() < 0.08:
            dims = [0]  # torch's legacy empty tensor
        shapes.append(dims)
    return shapes, {"axis": rng.randint(-4, 4)}


def f_stackers(rng: random.Random) -> Case:
    base = shape(rng, 0, 3)
    shapes = []
    for _ in range(rng.randint(1, 3)):
        pick = rng.random()
        if pick < 0.15:
            shapes.append([])
        elif pick < 0.3:
            shapes.append(shape(rng, 0, 3))
        else:
            dims = list(base[rng.randint(0, len(base)) :])
            if dims and rng.random() < 0.4:
                dims[rng.randrange(len(dims))] = rng.choice(DIMS)
            shapes.append(dims)
    return shapes, {}


LETTERS = "abcdAB"


def f_einsum(rng: random.Random) -> Case:
    sizes = {c: rng.randint(0, 4) for c in LETTERS}
    ell = [rng.randint(0, 3) for _ in range(rng.randint(0, 2))]
    terms, shapes = [], []
    for _ in range(rng.randint(1, 3)):
        letters = [rng.choice(LETTERS) for _ in range(rng.randint(0, 3))]
        dims = [sizes[c] if rng.random() < 0.88 else rng.choice([1, 2, 5]) for c in letters]
        if rng.random() < 0.3:
            at = rng.randint(0, len(letters))
            own = [1 if rng.random() < 0.25 else d for d in ell[rng.randint(0, len(ell)) :]]
            terms.append("".join(letters[:at]) + "..." + "".join(letters[at:]))
            dims = dims[:at] + own + dims[at:]
        else:
            terms.append("".join(letters))
        if rng.random() < 0.08:
            dims = dims[1:] if dims else [2]
        shapes.append(dims)
    text = ",".join(terms)
    if rng.random() < 0.6:
        used = sorted({c for t in terms for c in t if c.isalpha()})
        rng.shuffle(used)
        out = used[: rng.randint(0, len(used))]
        if rng.random() < 0.4:
            out.insert(rng.randint(0, len(out)), "...")
        text += "->" + "".join(out)
    return shapes, {"subscripts": text}


def f_tensordot(rng: random.Random) -> Case:
    a, b = shape(rng, 0, 4), shape(rng, 0, 4)
    if rng.random() < 0.5:
        n = rng.randint(0, min(len(a), len(b), 2))
        b[:n] = [1 if rng.random() < 0.15 else d for d in a[len(a) - n :]]
        return [a, b], {"axes": n}
    k = rng.randint(1, 2)
    left = [axis_arg(rng, len(a)) for _ in range(k)]
    right = [axis_arg(rng, len(b)) for _ in range(k)]
    for i, j in zip(left, right, strict=True):
        if -len(a) <= i < len(a) and -len(b) <= j < len(b) and rng.random() < 0.7:
            b[j] = 1 if rng.random() < 0.15 else a[i]
    return [a, b], {"axes": [left, right]}


def f_linear(rng: random.Random) -> Case:
    inner, out = rng.choice([2, 3, 4]), rng.choice([1, 3, 5])
    x = shape(rng, 0, 2) + [inner] if rng.random() < 0.85 else shape(rng, 0, 3)
    w = rng.choice([[out, inner], [inner], [out, rng.choice([2, 3, 4])], shape(rng, 0, 3)])
    inputs = [x, w]
    pick = rng.random()
    if pick < 0.4:
        inputs.append(rng.choice([[out], [1], [], [rng.choice([2, 3, 5])], [out, 1]]))
    return inputs, {"bias": len(inputs) == 3}


def f_broadcast_to(rng: random.Random) -> Case:
    target = shape(rng, 0, 4)
    x = related(rng, target) if rng.random() < 0.85 else shape(rng)
    return [x], {"shape": target}


def f_expand(rng: random.Random) -> Case:
    x = shape(rng, 0, 3)
    target = shape(rng, 0, 2) + [d if d != 1 or rng.random() < 0.5 else rng.choice(DIMS) for d in x]
    target = [-1 if rng.random() < 0.2 else d for d in target]
    return [x], {"shape": target}


def f_reps(rng: random.Random) -> Case:
    x = shape(rng, 0, 3)
    return [x], {"reps": [rng.randint(0, 3) for _ in range(rng.randint(0, 4))]}


def f_moveaxis(rng: random.Random) -> Case:
    x = shape(rng)
    k = rng.randint(1, 2)
    src = [axis_arg(rng, len(x)) for _ in range(k)]
    dst = [axis_arg(rng, len(x)) for _ in range(k + (rng.random() < 0.05))]
    return [x], {"source": src, "destination": dst}


def f_split(rng: random.Random) -> Case:
    x = shape(rng, 0, 3)
    sections: Any = (
        rng.randint(1, 4)
        if rng.random() < 0.7
        else sorted(rng.randint(-3, 6) for _ in range(rng.randint(0, 3)))
    )
    return [x], {"sections": sections, "axis": axis_arg(rng, len(x))}


NAMES = "abcdefgh"


def f_einops(rng: random.Random, mode: str) -> Case:
    """A pattern over random axis names: the input side is the names (some grouped), the
    output a permutation (rearrange), a subset (reduce) or a superset with new named axes
    (repeat); lengths given for grouped or new axes, sometimes wrong."""
    k = rng.randint(0, 4)
    names = list(NAMES[:k])
    sizes = {n: rng.randint(1, 4) for n in names}
    left, dims, lengths = [], [], {}
    i = 0
    while i < len(names):
        if i + 1 < len(names) and rng.random() < 0.3:
            left.append(f"({names[i]} {names[i + 1]})")
            dims.append(sizes[names[i]] * sizes[names[i + 1]])
            lengths[names[i]] = sizes[names[i]] if rng.random() < 0.9 else sizes[names[i]] + 1
            i += 2
        else:
            left.append(names[i])
            dims.append(sizes[names[i]])
            i += 1
    if rng.random() < 0.1:
        dims.append(2)
    out = list(names)
    rng.shuffle(out)
    if mode == "reduce":
        out = out[: rng.randint(0, len(out))]
    if mode == "repeat":
        extra = NAMES[k : k + rng.randint(0, 2)]
        for n in extra:
            out.insert(rng.randint(0, len(out)), n)
            if rng.random() < 0.9:
                lengths[n] = rng.randint(1, 3)
    if len(out) >= 2 and rng.random() < 0.3:
        j = rng.randrange(len(out) - 1)
        out[j : j + 2] = [f"({out[j]} {out[j + 1]})"]
    pattern = f"{' '.join(left)} -> {' '.join(out)}"
    args: dict[str, Any] = {"pattern": pattern, "lengths": lengths}
    if mode == "reduce":
        args["reduction"] = "sum"
    return [dims], args


FAMILIES: dict[str, Callable[[random.Random], Case]] = {
    "binary": f_binary,
    "ternary": f_ternary,
    "product": f_product,
    "reduce": f_reduce,
    "arg_reduce": f_arg_reduce,
    "reshape": f_reshape,
    "permute": f_permute,
    "swap": f_swap,
    "unary": f_unary,
    "squeeze": f_squeeze,
    "expand_dims": f_expand_dims,
    "flatten": f_flatten,
    "join": f_join,
    "stackers": f_stackers,
    "einsum": f_einsum,
    "tensordot": f_tensordot,
    "linear": f_linear,
    "broadcast_to": f_broadcast_to,
    "expand": f_expand,
    "reps": f_reps,
    "moveaxis": f_moveaxis,
    "split": f_split,
    "rearrange": lambda rng: f_einops(rng, "rearrange"),
    "einops_reduce": lambda rng: f_einops(rng, "reduce"),
    "einops_repeat": lambda rng: f_einops(rng, "repeat"),
}


# -- encoding --------------------------------------------------------------------------------


def encode_shape(dims: list[int]) -> str:
    return "x".join(map(str, dims)) if dims else "s"


def encode(inputs: list[list[int]], args: dict[str, Any], output: Any) -> str:
    ins = ";".join(encode_shape(s) for s in inputs)
    if output is None:
        out = "!"
    elif output and isinstance(output[0], list):
        out = "&".join(encode_shape(o) for o in output)
    else:
        out = encode_shape(output)
    return f"{ins}|{json.dumps(args, separators=(',', ':'))}|{out}"


# -- the ops of each framework ---------------------------------------------------------------

Call = Callable[[list[Any], dict[str, Any]], Any]
OpSpec = tuple[str, str, Call]  # (op name, family, call on zero tensors and args)


def numpy_like_ops(m: Any, prefix: str, extra: bool) -> list[OpSpec]:
    """The ops jax.numpy and keras.ops share with NumPy, called through module ``m``."""

    def red(f: Any) -> Call:
        def call(t: list[Any], a: dict[str, Any]) -> Any:
            axis = tuple(a["axis"]) if isinstance(a["axis"], list) else a["axis"]
            return f(t[0], axis=axis, keepdims=a["keepdims"])

        return call

    ops: list[OpSpec] = [
        (f"{prefix}.add", "binary", lambda t, a: m.add(*t)),
        (f"{prefix}.multiply", "binary", lambda t, a: m.multiply(*t)),
        (f"{prefix}.maximum", "binary", lambda t, a: m.maximum(*t)),
        (f"{prefix}.where", "ternary", lambda t, a: m.where(*t)),
        (f"{prefix}.matmul", "product", lambda t, a: m.matmul(*t)),
        (f"{prefix}.dot", "product", lambda t, a: m.dot(*t)),
        (f"{prefix}.vdot", "binary", lambda t, a: m.vdot(*t)),
        (f"{prefix}.outer", "binary", lambda t, a: m.outer(*t)),
        (f"{prefix}.tensordot", "tensordot", lambda t, a: m.tensordot(*t, axes=a["axes"])),
        (f"{prefix}.einsum", "einsum", lambda t, a: m.einsum(a["subscripts"], *t)),
        (f"{prefix}.reshape", "reshape", lambda t, a: m.reshape(t[0], a["shape"])),
        (f"{prefix}.transpose", "permute", lambda t, a: m.transpose(t[0], a["perm"])),
        (f"{prefix}.swapaxes", "swap", lambda t, a: m.swapaxes(t[0], a["i"], a["j"])),
        (
            f"{prefix}.moveaxis",
            "moveaxis",
            lambda t, a: m.moveaxis(t[0], a["source"], a["destination"]),
        ),
        (
            f"{prefix}.squeeze",
            "squeeze",
            lambda t, a: m.squeeze(
                t[0], axis=tuple(a["axis"]) if isinstance(a["axis"], list) else a["axis"]
            ),
        ),
        (f"{prefix}.expand_dims", "expand_dims", lambda t, a: m.expand_dims(t[0], a["axis"])),
        (f"{prefix}.concatenate", "join", lambda t, a: m.concatenate(t, axis=a["axis"])),
        (f"{prefix}.stack", "join", lambda t, a: m.stack(t, axis=a["axis"])),
        (f"{prefix}.hstack", "stackers", lambda t, a: m.hstack(t)),
        (f"{prefix}.vstack", "stackers", lambda t, a: m.vstack(t)),
        (f"{prefix}.broadcast_to", "broadcast_to", lambda t, a: m.broadcast_to(t[0], a["shape"])),
        (f"{prefix}.sum", "reduce", red(m.sum)),
        (f"{prefix}.mean", "reduce", red(m.mean)),
        (f"{prefix}.max", "reduce", red(m.max)),
        (
            f"{prefix}.argmax",
            "arg_reduce",
            lambda t, a: m.argmax(t[0], axis=a["axis"], keepdims=a["keepdims"]),
        ),
        (f"{prefix}.tile", "reps", lambda t, a: m.tile(t[0], a["reps"])),
    ]
    if extra:
        ops += [
            (f"{prefix}.ravel", "unary", lambda t, a: m.ravel(t[0])),
            (f"{prefix}.atleast_2d", "unary", lambda t, a: m.atleast_2d(t[0])),
            (f"{prefix}.split", "split", lambda t, a: m.split(t[0], a["sections"], axis=a["axis"])),
        ]
    return ops


def torch_ops() -> tuple[Callable[[list[int]], Any], list[OpSpec]]:
    import torch
    from torch.nn import functional as F

    torch.set_grad_enabled(False)

    def dims(a: dict[str, Any]) -> Any:
        return tuple(a["axis"]) if isinstance(a["axis"], list) else a["axis"]

    def red(f: Any) -> Call:
        def call(t: list[Any], a: dict[str, Any]) -> Any:
            if a["axis"] is None:
                return f(t[0]) if not a["keepdims"] else f(t[0], dim=None, keepdim=True)
            return f(t[0], dim=dims(a), keepdim=a["keepdims"])

        return call

    def squeeze(t: list[Any], a: dict[str, Any]) -> Any:
        return torch.squeeze(t[0]) if a["axis"] is None else torch.squeeze(t[0], dims(a))

    ops: list[OpSpec] = [
        ("torch.add", "binary", lambda t, a: torch.add(*t)),
        ("torch.mul", "binary", lambda t, a: torch.mul(*t)),
        ("torch.maximum", "binary", lambda t, a: torch.maximum(*t)),
        ("torch.eq", "binary", lambda t, a: torch.eq(*t)),
        ("torch.where", "ternary", lambda t, a: torch.where(t[0].bool(), t[1], t[2])),
        ("torch.matmul", "product", lambda t, a: torch.matmul(*t)),
        ("torch.mm", "product", lambda t, a: torch.mm(*t)),
        ("torch.bmm", "product", lambda t, a: torch.bmm(*t)),
        ("torch.mv", "product", lambda t, a: torch.mv(*t)),
        ("torch.dot", "binary", lambda t, a: torch.dot(*t)),
        ("torch.outer", "binary", lambda t, a: torch.outer(*t)),
        ("torch.tensordot", "tensordot", lambda t, a: torch.tensordot(*t, dims=a["axes"])),
        ("torch.einsum", "einsum", lambda t, a: torch.einsum(a["subscripts"], *t)),
        ("torch.reshape", "reshape", lambda t, a: torch.reshape(t[0], a["shape"])),
        ("torch.Tensor.view", "reshape", lambda t, a: t[0].view(a["shape"])),
        ("torch.permute", "permute", lambda t, a: torch.permute(t[0], a["perm"])),
        ("torch.transpose", "swap", lambda t, a: torch.transpose(t[0], a["i"], a["j"])),
        ("torch.Tensor.t", "unary", lambda t, a: t[0].t()),
        ("torch.Tensor.T", "unary", lambda t, a: t[0].T),
        ("torch.Tensor.mT", "unary", lambda t, a: t[0].mT),
        ("torch.squeeze", "squeeze", squeeze),
        ("torch.unsqueeze", "expand_dims", lambda t, a: torch.unsqueeze(t[0], a["axis"])),
        ("torch.flatten", "flatten", lambda t, a: torch.flatten(t[0], a["start"], a["end"])),
        ("torch.cat", "join", lambda t, a: torch.cat(t, dim=a["axis"])),
        ("torch.stack", "join", lambda t, a: torch.stack(t, dim=a["axis"])),
        ("torch.hstack", "stackers", lambda t, a: torch.hstack(t)),
        ("torch.vstack", "stackers", lambda t, a: torch.vstack(t)),
        ("torch.broadcast_to", "broadcast_to", lambda t, a: torch.broadcast_to(t[0], a["shape"])),
        ("torch.Tensor.expand", "expand", lambda t, a: t[0].expand(*a["shape"])),
        ("torch.Tensor.repeat", "reps", lambda t, a: t[0].repeat(*a["reps"])),
        ("torch.sum", "reduce", red(torch.sum)),
        ("torch.mean", "reduce", red(torch.mean)),
        ("torch.amax", "reduce", red(torch.amax)),
        (
            "torch.argmax",
            "arg_reduce",
            lambda t, a: torch.argmax(t[0], dim=a["axis"], keepdim=a["keepdims"]),
        ),
        ("torch.nn.functional.linear", "linear", lambda t, a: F.linear(*t)),
    ]
    return torch.zeros, ops


def tensorflow_ops() -> tuple[Callable[[list[int]], Any], list[OpSpec]]:
    import tensorflow as tf

    def red(f: Any) -> Call:
        return lambda t, a: f(t[0], axis=a["axis"], keepdims=a["keepdims"])

    ops: list[OpSpec] = [
        ("tensorflow.add", "binary", lambda t, a: tf.add(*t)),
        ("tensorflow.multiply", "binary", lambda t, a: tf.multiply(*t)),
        ("tensorflow.maximum", "binary", lambda t, a: tf.maximum(*t)),
        ("tensorflow.where", "ternary", lambda t, a: tf.where(tf.cast(t[0], tf.bool), t[1], t[2])),
        ("tensorflow.tensordot", "tensordot", lambda t, a: tf.tensordot(*t, axes=a["axes"])),
        ("tensorflow.einsum", "einsum", lambda t, a: tf.einsum(a["subscripts"], *t)),
        ("tensorflow.reshape", "reshape", lambda t, a: tf.reshape(t[0], a["shape"])),
        ("tensorflow.transpose", "permute", lambda t, a: tf.transpose(t[0], a["perm"])),
        ("tensorflow.squeeze", "squeeze", lambda t, a: tf.squeeze(t[0], axis=a["axis"])),
        ("tensorflow.expand_dims", "expand_dims", lambda t, a: tf.expand_dims(t[0], a["axis"])),
        ("tensorflow.concat", "join", lambda t, a: tf.concat(t, axis=a["axis"])),
        ("tensorflow.stack", "join", lambda t, a: tf.stack(t, axis=a["axis"])),
        ("tensorflow.broadcast_to", "broadcast_to", lambda t, a: tf.broadcast_to(t[0], a["shape"])),
        ("tensorflow.reduce_sum", "reduce", red(tf.reduce_sum)),
        ("tensorflow.reduce_mean", "reduce", red(tf.reduce_mean)),
        (
            "tensorflow.argmax",
            "arg_reduce",
            lambda t, a: tf.argmax(t[0], axis=a["axis"] if a["axis"] is not None else 0),
        ),
        (
            "tensorflow.linalg.matrix_transpose",
            "unary",
            lambda t, a: tf.linalg.matrix_transpose(t[0]),
        ),
    ]
    return tf.zeros, ops


def jax_ops() -> tuple[Callable[[list[int]], Any], list[OpSpec]]:
    import jax
    import jax.numpy as jnp

    jax.config.update("jax_platforms", "cpu")
    ops = numpy_like_ops(jnp, "jax.numpy", extra=True)

    def traced(call: Call) -> Call:
        """The op traced abstractly (``jax.eval_shape``): jax's own shape rules, without
        compiling a kernel for every new shape."""
        return lambda t, a: jax.eval_shape(lambda *xs: call(list(xs), a), *t)

    def struct(dims: list[int]) -> Any:
        return jax.ShapeDtypeStruct(tuple(dims), jnp.float32)

    return struct, [(name, family, traced(call)) for name, family, call in ops]


def keras3_ops() -> tuple[Callable[[list[int]], Any], list[OpSpec]]:
    from keras import ops

    return ops.zeros, numpy_like_ops(ops, "keras.ops", extra=False)


def einops_ops() -> tuple[Callable[[list[int]], Any], list[OpSpec]]:
    import einops
    import numpy as np

    def zeros(dims: list[int]) -> Any:
        return np.zeros(dims)

    return zeros, [
        (
            "einops.rearrange",
            "rearrange",
            lambda t, a: einops.rearrange(t[0], a["pattern"], **a["lengths"]),
        ),
        (
            "einops.reduce",
            "einops_reduce",
            lambda t, a: einops.reduce(t[0], a["pattern"], a["reduction"], **a["lengths"]),
        ),
        (
            "einops.repeat",
            "einops_repeat",
            lambda t, a: einops.repeat(t[0], a["pattern"], **a["lengths"]),
        ),
    ]


def tf_keras_ops() -> tuple[Callable[[list[int]], Any], list[OpSpec]]:
    import tensorflow as tf
    from tf_keras import backend as K

    return tf.zeros, [
        ("keras.backend.reshape", "reshape", lambda t, a: K.reshape(t[0], a["shape"])),
        (
            "keras.backend.permute_dimensions",
            "permute",
            lambda t, a: K.permute_dimensions(t[0], a["perm"]),
        ),
        ("keras.backend.expand_dims", "expand_dims", lambda t, a: K.expand_dims(t[0], a["axis"])),
        ("keras.backend.squeeze", "expand_dims", lambda t, a: K.squeeze(t[0], a["axis"])),
        ("keras.backend.concatenate", "join", lambda t, a: K.concatenate(t, axis=a["axis"])),
        ("keras.backend.stack", "join", lambda t, a: K.stack(t, axis=a["axis"])),
        ("keras.backend.flatten", "unary", lambda t, a: K.flatten(t[0])),
        ("keras.backend.batch_flatten", "unary", lambda t, a: K.batch_flatten(t[0])),
        (
            "keras.backend.sum",
            "reduce",
            lambda t, a: K.sum(t[0], axis=a["axis"], keepdims=a["keepdims"]),
        ),
        ("keras.backend.maximum", "binary", lambda t, a: K.maximum(*t)),
    ]


BUILDERS: dict[str, Callable[[], tuple[Callable[[list[int]], Any], list[OpSpec]]]] = {
    "tf_keras": tf_keras_ops,
    "torch": torch_ops,
    "tensorflow": tensorflow_ops,
    "jax": jax_ops,
    "keras3": keras3_ops,
    "einops": einops_ops,
}


def run_case(zeros: Callable[[list[int]], Any], call: Call, case: Case) -> Any:
    inputs, args = case
    try:
        result = call([zeros(s) for s in inputs], args)
    except Exception:  # noqa: BLE001 - the framework refusing is the datum
        return None
    if isinstance(result, list | tuple):
        return [[int(d) for d in r.shape] for r in result]
    return [int(d) for d in result.shape]


def cases_for(op: str, family: str, size: int, seed: int) -> Iterator[Case]:
    rng = random.Random(f"{seed}:{op}")
    make = FAMILIES[family]
    for _ in range(size):
        yield make(rng)


def record(framework: str, version: str, size: int) -> Path:
    zeros, ops = BUILDERS[framework]()
    payload: dict[str, Any] = {
        "framework": framework,
        "version": version,
        "generated_by": GENERATOR,
        "ops": {},
    }
    start = time.monotonic()
    total = 0
    for op, family, call in ops:
        cases = [
            encode(*case, run_case(zeros, call, case))
            for case in cases_for(op, family, size, seed=0)
        ]
        payload["ops"][op] = {"family": family, "cases": cases}
        total += len(cases)
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    path = OUT_DIR / f"{framework}.json.gz"
    text = json.dumps(payload, separators=(",", ":")).encode()
    path.write_bytes(gzip.compress(text, compresslevel=9, mtime=0))
    print(
        f"{framework} {version}: {len(ops)} ops, {total} cases in "
        f"{time.monotonic() - start:.0f}s -> {path} ({path.stat().st_size} bytes)"
    )
    return path


def check(
    framework: str, size: int, skip: frozenset[str] = frozenset()
) -> dict[str, tuple[int, int]]:
    """The one-off large run: fresh cases (seed 1), each compared with the core at once.
    Prints one ``CHECK`` line per op (cases, wrong answers, undecided ones) with a few
    examples of each; returns op -> (wrong, undecided). Ops in ``skip`` (checked by an
    earlier process that crashed) are left out."""
    sys.path.insert(0, str(ROOT))
    from shapelint.shapes.op_rules import judge, verdict
    from shapelint.shapes.shape import Shape

    zeros, ops = BUILDERS[framework]()
    counts: dict[str, tuple[int, int]] = {}
    for op, family, call in ops:
        if op in skip:
            continue
        wrong = undecided = 0
        examples: list[str] = []
        for case in cases_for(op, family, size, seed=1):
            real = run_case(zeros, call, case)
            got = judge(framework, op, case[1], [Shape.of(*s) for s in case[0]])
            found = verdict(got, real)
            if found == "agree":
                continue
            if found == "undecided":
                undecided += 1
            else:
                wrong += 1
            if len(examples) < 3 or (found != "undecided" and len(examples) < 6):
                examples.append(f"{found}: {encode(*case, real)} core {got}")
        counts[op] = (wrong, undecided)
        print(
            f"CHECK {framework} {op} cases={size} wrong={wrong} undecided={undecided}"
            + "".join(f"\n    {e}" for e in examples),
            flush=True,
        )
    return counts
