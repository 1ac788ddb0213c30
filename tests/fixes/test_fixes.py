"""Each fix kind: the edit applied to a fixture gives code shapelint finds silent and whose
shapes are the ones the fix promised (read back by the same analysis, ``insight``)."""

from __future__ import annotations

import re

import pytest

from shapelint.diagnostics import Position
from shapelint.engine import lint_source
from shapelint.fixes import Applicability, apply
from shapelint.insight import insight

NUMPY = "import numpy as np\n"
TORCH = "import torch\nfrom torch import nn\n"
KERAS = "from keras import backend as K\n"
TF = "import tensorflow as tf\n"
ANNOTATED = "import torch\nfrom jaxtyping import Float\nfrom torch import nn\n"

# (code, source, fixed source, name whose shape the fix predicts, that shape)
CASES = [
    pytest.param(
        "SHP001",
        NUMPY + "a = np.ones((64, 784))\nb = np.ones((10, 784))\nc = a @ b\n",
        NUMPY + "a = np.ones((64, 784))\nb = np.ones((10, 784))\nc = a @ b.T\n",
        "c",
        "(64, 10)",
        id="SHP001 transpose the right operand of @",
    ),
    pytest.param(
        "SHP001",
        NUMPY + "a = np.ones((784, 64))\nb = np.ones((784, 10))\nc = np.matmul(a, b)\n",
        NUMPY + "a = np.ones((784, 64))\nb = np.ones((784, 10))\nc = np.matmul(a.T, b)\n",
        "c",
        "(64, 10)",
        id="SHP001 transpose the left operand of matmul",
    ),
    pytest.param(
        "SHP001",
        TORCH + "x = torch.randn(32, 128)\nw = torch.randn(10, 128)\ny = torch.mm(x, w)\n",
        TORCH + "x = torch.randn(32, 128)\nw = torch.randn(10, 128)\ny = torch.mm(x, w.T)\n",
        "y",
        "(32, 10)",
        id="SHP001 torch.mm",
    ),
    pytest.param(
        "SHP001",
        TORCH + "x = torch.randn(32, 128)\nw = torch.randn(10, 128)\ny = x.matmul(w)\n",
        TORCH + "x = torch.randn(32, 128)\nw = torch.randn(10, 128)\ny = x.matmul(w.T)\n",
        "y",
        "(32, 10)",
        id="SHP001 a method call",
    ),
    pytest.param(
        "SHP002",
        ANNOTATED + "W = nn.Parameter(torch.randn(6, 6))\n"
        "def layer(x: Float[torch.Tensor, 'batch 6']):\n    h = x * W\n    return h\n",
        ANNOTATED + "W = nn.Parameter(torch.randn(6, 6))\n"
        "def layer(x: Float[torch.Tensor, 'batch 6']):\n    h = x @ W\n    return h\n",
        "h",
        "(batch, 6)",
        id="SHP002 * to @",
    ),
    pytest.param(
        "SHP002",
        ANNOTATED + "W = nn.Parameter(torch.randn(6, 6))\n"
        "def layer(x: Float[torch.Tensor, 'batch 6']):\n    h = torch.mul(x, W)\n    return h\n",
        ANNOTATED + "W = nn.Parameter(torch.randn(6, 6))\n"
        "def layer(x: Float[torch.Tensor, 'batch 6']):\n    h = torch.matmul(x, W)\n    return h\n",
        "h",
        "(batch, 6)",
        id="SHP002 torch.mul to torch.matmul",
    ),
    pytest.param(
        "SHP003",
        TORCH + "features = torch.randn(1, 5)\nweights = torch.randn_like(features)\n"
        "y = torch.mm(features, weights.t())\n",
        TORCH + "features = torch.randn(1, 5)\nweights = torch.randn(5, 1)\n"
        "y = torch.mm(features, weights)\n",
        "y",
        "(1, 1)",
        id="SHP003 randn_like to an (in, out) randn, the transpose dropped",
    ),
    pytest.param(
        "SHP003",
        TORCH + "features = torch.randn(2, 5)\nweights = torch.randn_like(features)\n"
        "y = torch.mm(features, weights.view(5, 2))\n",
        TORCH + "features = torch.randn(2, 5)\nweights = torch.randn(5, 2)\n"
        "y = torch.mm(features, weights)\n",
        "y",
        "(2, 2)",
        id="SHP003 the view dropped",
    ),
    pytest.param(
        "SHP003",
        NUMPY + "x = np.ones((8, 16))\nw = np.random.randn(*x.shape)\ny = x @ w.T\n",
        NUMPY + "x = np.ones((8, 16))\nw = np.random.randn(16, 8)\ny = x @ w\n",
        "y",
        "(8, 8)",
        id="SHP003 the splatted shape given as sizes",
    ),
    pytest.param(
        "SHP003",
        TORCH + "x = torch.ones(8, 16)\nw = nn.Parameter(torch.randn_like(x))\ny = x @ w.T\n",
        TORCH + "x = torch.ones(8, 16)\nw = nn.Parameter(torch.randn(16, 8))\ny = x @ w\n",
        "y",
        "(8, 8)",
        id="SHP003 inside a parameter, which stays",
    ),
    pytest.param(
        "SHP004",
        KERAS + "x = K.ones((2, 3, 4))\ny = K.ones((2, 4, 5))\nz = K.dot(x, y)\n",
        KERAS + "x = K.ones((2, 3, 4))\ny = K.ones((2, 4, 5))\nz = K.batch_dot(x, y)\n",
        "z",
        "(2, 3, 5)",
        id="SHP004 K.dot to K.batch_dot",
    ),
    pytest.param(
        "SHP004",
        NUMPY + "x = np.ones((2, 3, 4))\ny = np.ones((2, 4, 5))\nz = np.dot(x, y)\n",
        NUMPY + "x = np.ones((2, 3, 4))\ny = np.ones((2, 4, 5))\nz = np.matmul(x, y)\n",
        "z",
        "(2, 3, 5)",
        id="SHP004 np.dot to np.matmul",
    ),
    pytest.param(
        "SHP006",
        TORCH + "pred = torch.randn(32)\ntarget = torch.randn(32, 1)\n"
        "loss = ((pred - target) ** 2).mean()\n",
        TORCH + "pred = torch.randn(32)\ntarget = torch.randn(32, 1)\n"
        "loss = ((pred - target.squeeze(-1)) ** 2).mean()\n",
        "loss",
        "()",
        id="SHP006 squeeze the right operand, parentheses kept",
    ),
    pytest.param(
        "SHP006",
        NUMPY + "target = np.ones((32, 1))\npred = np.ones(32)\nd = target  -  pred\n",
        NUMPY + "target = np.ones((32, 1))\npred = np.ones(32)\nd = target.squeeze(-1)  -  pred\n",
        "d",
        "(32,)",
        id="SHP006 squeeze the left operand, spacing kept",
    ),
    pytest.param(
        "SHP006",
        TF + "pred = tf.ones((32,))\ntarget = tf.ones((32, 1))\nd = pred - target\n",
        TF + "pred = tf.ones((32,))\ntarget = tf.ones((32, 1))\nd = pred[:, None] - target\n",
        "d",
        "(32, 1)",
        id="SHP006 a new axis where tensors have no squeeze method",
    ),
    pytest.param(
        "SHP006",
        TF + "x = tf.ones((4, 4))\nt = tf.ones((4, 4, 1))\nd = t - x\n",
        TF + "x = tf.ones((4, 4))\nt = tf.ones((4, 4, 1))\nd = t - x[..., None]\n",
        "d",
        "(4, 4, 1)",
        id="SHP006 a new last axis on a rank-2 operand",
    ),
]


def binding_shape(source: str, name: str) -> str | None:
    found = insight(source)
    assert found is not None
    shapes = [b.shape for b in found.bindings if b.name == name and b.kind == "assignment"]
    return shapes[-1] if shapes else None


@pytest.mark.parametrize(("code", "source", "fixed", "name", "shape"), CASES)
def test_the_fix_gives_silent_code_with_the_promised_shape(
    code: str, source: str, fixed: str, name: str, shape: str
) -> None:
    [diagnostic] = lint_source(source, "m.py")
    assert diagnostic.code == code
    assert diagnostic.fix is not None
    assert diagnostic.fix.applicability is Applicability.UNSAFE
    assert apply(source, diagnostic.fix.edits) == fixed
    assert lint_source(fixed, "m.py") == []
    if code != "SHP006":  # the promised shape is in the message of the product fixes
        promised = re.search(r"\((?:[^()]*)\)$", diagnostic.fix.message)
        assert promised is not None and promised.group(0) == shape
    assert binding_shape(fixed, name) == shape


def test_the_squeeze_fix_promises_the_shape_of_the_fixed_op() -> None:
    source = TORCH + "pred = torch.randn(32)\ntarget = torch.randn(32, 1)\nd = pred - target\n"
    [diagnostic] = lint_source(source, "m.py")
    assert diagnostic.fix is not None
    assert diagnostic.fix.message == "drop the trailing 1 of `target` (32, 1): the result is (32,)"
    fixed = apply(source, diagnostic.fix.edits)
    assert fixed is not None and binding_shape(fixed, "d") == "(32,)"
    assert lint_source(fixed, "m.py") == []


@pytest.mark.parametrize(
    "source",
    [
        # either transpose fits, with different results: which was meant is unknown
        NUMPY + "a = np.ones((3, 4))\nb = np.ones((3, 4))\nc = a @ b\n",
        # TensorFlow tensors have no `.T`
        "import tensorflow as tf\na = tf.ones((64, 784))\nb = tf.ones((10, 784))\n"
        "c = tf.matmul(a, b)\n",
        # no transpose makes it fit
        NUMPY + "a = np.ones((64, 784))\nb = np.ones((10, 783))\nc = a @ b\n",
        # batches of different sizes: no batched product
        NUMPY + "x = np.ones((2, 3, 4))\ny = np.ones((7, 4, 5))\nz = np.dot(x, y)\n",
        # a broadcast that no squeeze of a trailing 1 undoes
        NUMPY + "a = np.ones(5)\nb = np.ones((7, 1))\nd = a - b\n",
        # the weight on the left: `W @ x` would not be the same product
        ANNOTATED + "W = nn.Parameter(torch.randn(6, 6))\n"
        "def layer(x: Float[torch.Tensor, 'batch 6']):\n    return W * x\n",
        # a bare function name: `matmul` may not be imported
        "from numpy import dot, ones\nx = ones((2, 3, 4))\ny = ones((2, 4, 5))\nz = dot(x, y)\n",
        # a bare name again: `randn` may not be imported
        "import torch\nfrom torch import randn_like\nx = torch.ones(1, 5)\n"
        "weights = randn_like(x)\ny = torch.mm(x, weights.t())\n",
        # the weight is combined twice: the shape one product needs breaks the other
        TORCH + "features = torch.randn(2, 5)\nweights = torch.randn_like(features)\n"
        "a = torch.sum(features * weights)\nb = torch.mm(features, weights.view(5, 2))\n",
        # the weight on the left: `W @ x` would need another orientation
        TORCH + "x = torch.ones(5, 5)\nw = torch.randn_like(x)\ny = torch.mm(w, x)\n",
        # the product's width is unknown
        TORCH + "def f(n: int):\n    x = torch.ones(4, n)\n    w = torch.randn(*x.shape)\n"
        "    return x @ w.T\n",
    ],
)
def test_no_fix_without_proof(source: str) -> None:
    diagnostics = lint_source(source, "m.py")
    assert diagnostics, "the fixture must still be reported"
    assert [d.fix for d in diagnostics] == [None] * len(diagnostics)


def test_edits_keep_positions_in_the_file() -> None:
    source = NUMPY + "a = np.ones((64, 784))\nb = np.ones((10, 784))\nc = a @ b  # logits\n"
    [diagnostic] = lint_source(source, "m.py")
    assert diagnostic.fix is not None
    [edit] = diagnostic.fix.edits
    assert (edit.start, edit.end, edit.content) == (Position(4, 5), Position(4, 10), "a @ b.T")


@pytest.mark.parametrize(
    ("source", "message", "content"),
    [
        pytest.param(
            TORCH + "def loss(p, t):\n    return ((p - t) ** 2).mean()\n"
            "pred = torch.randn(32)\ntarget = torch.randn(32, 1)\nl = loss(pred, target)\n",
            "drop the trailing 1 of `t` (32, 1): the result is (32,)",
            "p - t.squeeze(-1)",
            id="SHP006",
        ),
        pytest.param(
            TF + "def diff(p, t):\n    return p - t\n"
            "pred = tf.ones((32,))\ntarget = tf.ones((32, 1))\nd = diff(pred, target)\n",
            "give `p` (32,) the trailing axis of `t`: the result is (32, 1)",
            "p[:, None] - t",
            id="SHP006 a new axis",
        ),
        pytest.param(
            NUMPY + "def project(a, b):\n    return a @ b\n"
            "feats = np.ones((64, 784))\nproj = np.ones((10, 784))\nc = project(feats, proj)\n",
            "transpose `b`: the product is then (64, 10)",
            "a @ b.T",
            id="SHP001",
        ),
    ],
)
def test_a_fix_inside_a_called_function_names_what_it_edits(
    source: str, message: str, content: str
) -> None:
    """The tensor was first bound to the caller's name; the edit is made in the function,
    on its parameter, and the message names that parameter."""
    [diagnostic] = lint_source(source, "m.py")
    assert diagnostic.fix is not None
    assert diagnostic.fix.message == message
    assert [edit.content for edit in diagnostic.fix.edits] == [content]
    fixed = apply(source, diagnostic.fix.edits)
    assert fixed is not None and lint_source(fixed, "m.py") == []
