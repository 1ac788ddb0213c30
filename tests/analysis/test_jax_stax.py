"""``jax.example_libraries.stax`` layers and ``optimizers`` (analysis/stax): ``init_fun``
makes the parameters the real one draws, ``apply_fun`` runs ``jnp.dot(inputs, W) + b`` on
the parameters it is given, and an optimizer's state gives its parameters back."""

from __future__ import annotations

import pytest

from tests.analysis.inference import infer
from tests.expectations import actual, expected

STAX = "import jax\nimport jax.numpy as jnp\nfrom jax.example_libraries import optimizers, stax\n"
NET = (
    STAX + "key = jax.random.PRNGKey(0)\n"
    "x = jax.random.normal(key, (128, 15))\n"
    "init_fn, apply_fn = stax.serial(stax.Dense(64), stax.Relu, stax.Dense(1))\n"
)

CASES = [
    pytest.param(
        NET + "_, params = init_fn(key, (-1, 1))\ny = jax.jit(apply_fn)(params, x)  # SHP001: 5\n",
        id="kernel-initialised-for-another-width",
    ),
    pytest.param(
        NET + "_, params = init_fn(key, (-1, 15))\n"
        "y = jax.jit(apply_fn)(params, x)\n"
        "z = y @ jnp.ones((1, 3))\n",
        id="kernel-initialised-for-the-input-width",
    ),
    pytest.param(
        NET + "_, params = init_fn(key, (-1, 15))\n"
        "y = apply_fn(params, x)\n"
        "z = y @ jnp.ones((64, 3))  # SHP001: 5\n",
        id="output-has-the-last-layer-width",
    ),
    pytest.param(
        NET + "def loss(params, inputs, targets):\n"
        "    preds = apply_fn(params, inputs)\n"
        "    return jnp.mean((preds - targets) ** 2)  # SHP006: 22\n"
        "_, params = init_fn(key, (-1, 15))\n"
        "opt_init, opt_update, get_params = optimizers.adam(1e-3)\n"
        "state = opt_init(params)\n"
        "for i in range(3):\n"
        "    g = jax.grad(loss)(get_params(state), x, jnp.ones(128))\n"
        "    state = opt_update(i, g, state)\n",
        id="optimizer-state-gives-the-parameters-back",
    ),
    pytest.param(
        NET + "def loss(params, inputs, targets):\n"
        "    preds = apply_fn(params, inputs)\n"
        "    return jnp.mean((preds - targets) ** 2)\n"
        "_, params = init_fn(key, (-1, 15))\n"
        "opt_init, opt_update, get_params = optimizers.adam(1e-3)\n"
        "state = opt_init(params)\n"
        "for i in range(3):\n"
        "    g = jax.grad(loss)(get_params(state), x, jnp.ones((128, 1)))\n"
        "    state = opt_update(i, g, state)\n",
        id="optimizer-state-gives-the-parameters-back-fixed",
    ),
    pytest.param(
        STAX + "key = jax.random.PRNGKey(0)\n"
        "init_fn, apply_fn = stax.serial(stax.BatchNorm(), stax.Flatten, stax.Dense(4))\n"
        "_, params = init_fn(key, (-1, 28, 28, 1))\n"
        "y = apply_fn(params, jnp.ones((2, 28, 28, 1)))\n"
        "z = y @ jnp.ones((7, 3))\n",
        id="an-unmodelled-layer-makes-what-follows-unknown",
    ),
    pytest.param(
        STAX + "key = jax.random.PRNGKey(0)\n"
        "init_fn, apply_fn = stax.serial(stax.Conv(8, (3, 3)), stax.Relu)\n"
        "_, params = init_fn(key, (-1, 28, 28, 1))\n"
        "y = apply_fn(params, jnp.ones((2, 28, 28, 3)))  # SHP001: 5\n",
        id="conv-kernel-initialised-for-other-channels",
    ),
    pytest.param(
        STAX + "key = jax.random.PRNGKey(0)\n"
        "init_fn, apply_fn = stax.serial(stax.Conv(8, (3, 3), padding='SAME'), stax.Flatten)\n"
        "_, params = init_fn(key, (-1, 28, 28, 3))\n"
        "y = apply_fn(params, jnp.ones((2, 28, 28, 3)))\n"
        "z = y @ jnp.ones((6272, 3))\n"
        "w = apply_fn(params, jnp.ones((28, 28, 3)))  # SHP001: 5\n",
        id="conv-on-the-channels-it-was-initialised-for-and-a-missing-batch-axis",
    ),
    pytest.param(
        STAX + "init_fn, apply_fn = stax.Conv(8, (3, 3), padding=[(1, 1), (1, 1)])\n"
        "_, params = init_fn(jax.random.PRNGKey(0), (-1, 28, 28, 1))\n"
        "y = apply_fn(params, jnp.ones((2, 28, 28, 3)))\n",
        id="explicit-padding-is-not-read",
    ),
    pytest.param(
        NET + "_, params = init_fn(key, (-1, 1))\ny = apply_fn(params, x, mode='train')\n",
        id="an-unread-keyword-makes-the-output-unknown",
    ),
]


@pytest.mark.parametrize("source", CASES)
def test_stax_models(source: str) -> None:
    assert actual(source) == expected(source)


SHAPES = [
    (NET + "out_shape, params = init_fn(key, (-1, 15))\nr = params[0][0]", "(15, 64)"),
    (NET + "out_shape, params = init_fn(key, (-1, 15))\nr = params[2][1]", "(1,)"),
    (NET + "out_shape, params = init_fn(key, (-1, 15))\nr = out_shape[1]", "1"),
    (NET + "_, params = init_fn(key, (-1, 15))\nr = apply_fn(params, x)", "(128, 1)"),
    (
        STAX + "init_fn, apply_fn = stax.serial(stax.Flatten, stax.Dense(10), stax.LogSoftmax)\n"
        "_, params = init_fn(jax.random.PRNGKey(0), (-1, 28, 28))\n"
        "w = params[1][0]\n"
        "r = apply_fn(params, jnp.ones((5, 28, 28)))",
        "(5, 10)",
    ),
    (
        # a serial is a layer of another serial
        STAX + "block = stax.serial(stax.Dense(8), stax.Tanh)\n"
        "init_fn, apply_fn = stax.serial(block, block, stax.Dense(2))\n"
        "_, params = init_fn(jax.random.PRNGKey(0), (3, 4))\n"
        "r = apply_fn(params, jnp.ones((3, 4)))",
        "(3, 2)",
    ),
    (
        STAX + "init_fn, apply_fn = stax.serial(stax.Flatten, stax.Dense(10))\n"
        "_, params = init_fn(jax.random.PRNGKey(0), (-1, 28, 28))\n"
        "r = params[1][0]",
        "(784, 10)",
    ),
    (
        # parameters from elsewhere: nothing is claimed
        STAX + "init_fn, apply_fn = stax.serial(stax.Dense(10))\n"
        "r = apply_fn(load(), jnp.ones((5, 3)))",
        "(…)",
    ),
]


# checked against jax 0.10.2: Conv(8, (3, 3), strides, padding) on (2, 10, 7, 3), and pools
_CONV = "init_fn, apply_fn = stax.Conv(8, (3, 3){})\n"
_RUN = (
    "_, params = init_fn(jax.random.PRNGKey(0), (-1, 10, 7, 3))\n"
    "r = apply_fn(params, jnp.ones((2, 10, 7, 3)))"
)
for options, shape in [
    ("", "(2, 8, 5, 8)"),
    (", strides=(2, 2)", "(2, 4, 3, 8)"),
    (", (3, 1)", "(2, 3, 5, 8)"),
    (", padding='SAME'", "(2, 10, 7, 8)"),
    (", (2, 2), 'SAME'", "(2, 5, 4, 8)"),
    (", strides=(3, 1), padding='SAME'", "(2, 4, 7, 8)"),
]:
    SHAPES.append((STAX + _CONV.format(options) + _RUN, shape))
for layer, shape in [
    ("stax.MaxPool((2, 2))", "(2, 9, 6, 3)"),
    ("stax.MaxPool((2, 2), strides=(2, 2), padding='SAME')", "(2, 5, 4, 3)"),
    ("stax.AvgPool((3, 3), strides=(2, 2))", "(2, 4, 3, 3)"),
]:
    SHAPES.append((STAX + f"init_fn, apply_fn = {layer}\n" + _RUN, shape))
SHAPES += [
    (
        STAX + _CONV.format("") + "out, params = init_fn(jax.random.PRNGKey(0), (-1, 10, 7, 3))\n"
        "r = params[0]",
        "(3, 3, 3, 8)",
    ),
    (
        STAX + _CONV.format("") + "out, params = init_fn(jax.random.PRNGKey(0), (-1, 10, 7, 3))\n"
        "r = params[1]",
        "(1, 1, 1, 8)",
    ),
    (
        STAX
        + _CONV.format(", (2, 2)")
        + "out, params = init_fn(jax.random.PRNGKey(0), (-1, 10, 7, 3))\n"
        "r = out[1] * 10 + out[2]",
        "43",
    ),
]


@pytest.mark.parametrize(("source", "shape"), SHAPES, ids=[str(i) for i in range(len(SHAPES))])
def test_stax_shapes(source: str, shape: str) -> None:
    assert infer(source) == shape
