"""JAX PRNG keys are arrays of known shape (``PRNGKey``: raw ``(2,)`` under the default
implementation, another ``impl`` unknown; ``jax.random.key``: typed 0-d; ``split`` stacks
``num`` keys in front; ``fold_in`` keeps the key's shape), and a ``lax.scan`` /
``fori_loop`` / ``while_loop`` body that returns its carry with another shape is an error,
as JAX raises when it traces the body once ("carry input and carry output must have equal
types"). Shapes checked against jax 0.10.2."""

from __future__ import annotations

import pytest

from tests.expectations import actual, expected

JAX = "import jax\nimport jax.numpy as jnp\nfrom jax import lax\n"

KEYS = [
    pytest.param(
        JAX + "keys = jax.random.split(jax.random.PRNGKey(0), 4)\n"
        "k = keys[4]\n"
        "v = jnp.arange(10)[11]\n"
        "y = k @ jnp.ones((3, 1))  # SHP001: 5\n",
        id="an-index-out-of-bounds-is-clamped",
    ),
    pytest.param(
        JAX + "k = jax.random.PRNGKey(0)\ny = k @ jnp.ones((3, 1))  # SHP001: 5\n",
        id="raw-key-has-two-words",
    ),
    pytest.param(
        JAX + "k = jax.random.PRNGKey(0)\ny = k @ jnp.ones((2, 1))\n",
        id="raw-key-has-two-words-fixed",
    ),
    pytest.param(
        JAX + "k = jax.random.PRNGKey(0, impl='rbg')\ny = k @ jnp.ones((3, 1))\n",
        id="raw-key-of-another-impl-is-unknown",
    ),
    pytest.param(
        JAX + "ks = jax.random.split(jax.random.PRNGKey(0), 5)\n"
        "y = ks @ jnp.ones((5, 1))  # SHP001: 5\n",
        id="split-stacks-num-raw-keys",
    ),
    pytest.param(
        JAX + "ks = jax.random.split(jax.random.PRNGKey(0), 5)\ny = ks @ jnp.ones((2, 1))\n",
        id="split-stacks-num-raw-keys-fixed",
    ),
    pytest.param(
        JAX + "ks = jax.random.split(jax.random.key(0), (2, 3))\ny = ks.reshape(5)  # SHP001: 5\n",
        id="split-of-a-typed-key-by-a-shape",
    ),
    pytest.param(
        JAX + "ks = jax.random.split(jax.random.key(0), (2, 3))\ny = ks.reshape(6)\n",
        id="split-of-a-typed-key-by-a-shape-fixed",
    ),
    pytest.param(
        JAX + "k1, k2 = jax.random.split(jax.random.PRNGKey(0))\n"
        "f = jax.random.fold_in(k1, 7)\n"
        "y = f.reshape(3)  # SHP001: 5\n",
        id="fold-in-keeps-the-key-shape",
    ),
    pytest.param(
        JAX + "k1, k2 = jax.random.split(jax.random.PRNGKey(0))\n"
        "f = jax.random.fold_in(k1, 7)\n"
        "y = f.reshape(2)\n",
        id="fold-in-keeps-the-key-shape-fixed",
    ),
    pytest.param(
        JAX + "ks = jax.random.split(jax.random.split(jax.random.PRNGKey(0), 3), 4)\n"
        "y = ks.reshape(7)\n",
        id="split-of-a-batch-of-keys-is-unknown",
    ),
]

CARRIES = [
    pytest.param(
        JAX + "def step(c, x):\n"
        "    return c[:1] * 2.0, x\n"
        "out = lax.scan(step, jnp.zeros(3), jnp.ones(5))  # SHP001: 7\n",
        id="scan-carry-changes-shape",
    ),
    pytest.param(
        JAX + "def step(c, x):\n"
        "    return c * 2.0, x\n"
        "out = lax.scan(step, jnp.zeros(3), jnp.ones(5))\n",
        id="scan-carry-changes-shape-fixed",
    ),
    pytest.param(
        JAX + "def step(c, x):\n"
        "    return c + x, x\n"
        "out = lax.scan(step, 0.0, jnp.ones((5, 3)))  # SHP001: 7\n",
        id="scan-number-carry-becomes-a-vector",
    ),
    pytest.param(
        JAX + "def step(c, x):\n    return c + x, x\nout = lax.scan(step, 0.0, jnp.ones(5))\n",
        id="scan-number-carry-stays-a-number",
    ),
    pytest.param(
        JAX + "def step(state, x):\n"
        "    a, b = state\n"
        "    return (a, b[None]), x\n"
        "out = lax.scan(step, (jnp.zeros(3), jnp.zeros(2)), jnp.ones(5))  # SHP001: 7\n",
        id="scan-tuple-carry-leaf-changes-shape",
    ),
    pytest.param(
        JAX + "def body(i, c):\n"
        "    return jnp.concatenate([c, c])\n"
        "out = lax.fori_loop(0, 3, body, jnp.zeros(3))  # SHP001: 7\n",
        id="fori-loop-carry-grows",
    ),
    pytest.param(
        JAX + "def body(i, c):\n    return c + i\nout = lax.fori_loop(0, 3, body, jnp.zeros(3))\n",
        id="fori-loop-carry-kept",
    ),
    pytest.param(
        JAX + "out = lax.while_loop(lambda c: c.sum() < 3, lambda c: c[None], jnp.zeros(3))"
        "  # SHP001: 7\n",
        id="while-loop-carry-gains-an-axis",
    ),
    pytest.param(
        JAX + "out = lax.while_loop(lambda c: c.sum() < 3, lambda c: c + 1, jnp.zeros(3))\n",
        id="while-loop-carry-kept",
    ),
]


@pytest.mark.parametrize("source", KEYS)
def test_prng_keys_have_their_real_shapes(source: str) -> None:
    assert actual(source) == expected(source)


@pytest.mark.parametrize("source", CARRIES)
def test_loop_carry_must_keep_its_shape(source: str) -> None:
    assert actual(source) == expected(source)
