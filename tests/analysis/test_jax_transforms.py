"""JAX transforms run the function they wrap: ``jax.jit`` (``static_argnums`` too), ``grad``,
``value_and_grad`` (``has_aux``), ``vmap`` (``in_axes``/``out_axes``, nested), ``lax.scan``,
``lax.fori_loop`` and ``.at[].set()``; and JAX's layer libraries, Flax linen and Equinox."""

from __future__ import annotations

import pytest

from tests.expectations import actual, expected

JAX = "import jax\nimport jax.numpy as jnp\nfrom jax import lax\n"

CASES = [
    pytest.param(
        JAX + "def f(w, x):\n"
        "    return x @ w  # SHP001: 12\n"
        "jf = jax.jit(f)\n"
        "y = jf(jnp.ones((3, 4)), jnp.ones((2, 5)))\n",
        id="jit-runs-the-wrapped-function",
    ),
    pytest.param(
        JAX + "def f(w, x):\n"
        "    return x @ w\n"
        "jf = jax.jit(f)\n"
        "y = jf(jnp.ones((3, 4)), jnp.ones((2, 3)))\n"
        "z = y @ jnp.ones((4, 1))\n",
        id="jit-runs-the-wrapped-function-fixed",
    ),
    pytest.param(
        JAX + "def f(w, x):\n"
        "    return x @ w\n"
        "y = jax.jit(f)(jnp.ones((3, 4)), jnp.ones((2, 3)))\n"
        "z = y @ jnp.ones((3, 1))  # SHP001: 5\n",
        id="jit-result-has-the-function-result-shape",
    ),
    pytest.param(
        JAX + "import functools\n"
        "@functools.partial(jax.jit, static_argnums=(1,))\n"
        "def split(x, n):\n"
        "    return x.reshape(n, -1)  # SHP001: 12\n"
        "y = split(jnp.ones((2, 5)), 4)\n",
        id="jit-with-static-argnums-as-a-decorator",
    ),
    pytest.param(
        JAX + "def loss(w, x):\n"
        "    return jnp.sum(x @ w)\n"
        "w = jnp.ones((3, 4))\n"
        "g = jax.grad(loss)(w, jnp.ones((2, 3)))\n"
        "w2 = w - 0.1 * g.T  # SHP001: 6\n",
        id="grad-has-the-shape-of-its-argument",
    ),
    pytest.param(
        # the options by position: jax.grad(f, 1) is argnums=1
        JAX + "def net(w, x):\n"
        "    return x @ w\n"
        "g = jax.grad(net, 1)(jnp.ones((3, 1)), jnp.ones(3))  # SHP001: 5\n",
        id="grad-with-positional-argnums-of-a-non-scalar",
    ),
    pytest.param(
        JAX + "def net(w, x):\n"
        "    return jnp.squeeze(x @ w, axis=-1)\n"
        "g = jax.grad(net, 1)(jnp.ones((3, 1)), jnp.ones(3))\n"
        "h = g @ jnp.ones((4, 2))  # SHP001: 5\n",
        id="grad-with-positional-argnums-is-shaped-like-that-argument",
    ),
    pytest.param(
        JAX + "def f(a, b):\n"
        "    return a * b\n"
        "y = jax.vmap(f, (0, None), 1)(jnp.ones((5, 3)), jnp.ones(3))\n"
        "z = y @ jnp.ones((3, 2))  # SHP001: 5\n",
        id="vmap-with-positional-in-and-out-axes",
    ),
    pytest.param(
        JAX + "def f(a, b):\n"
        "    return a * b\n"
        "y = jax.vmap(f, (0, None), 1)(jnp.ones((5, 3)), jnp.ones(3))\n"
        "z = y @ jnp.ones((5, 2))\n"
        "g = jax.grad(f, 0, argnums=1)\n",
        id="vmap-with-positional-in-and-out-axes-fixed",
    ),
    pytest.param(
        JAX + "def loss(w, x):\n"
        "    return jnp.sum(x @ w)\n"
        "w = jnp.ones((3, 4))\n"
        "g = jax.grad(loss)(w, jnp.ones((2, 3)))\n"
        "w2 = w - 0.1 * g\n",
        id="grad-has-the-shape-of-its-argument-fixed",
    ),
    pytest.param(
        JAX + "def loss(w, x):\n"
        "    pred = x @ w\n"
        "    return jnp.sum(pred), pred\n"
        "w = jnp.ones((3, 4))\n"
        "(value, pred), g = jax.value_and_grad(loss, has_aux=True)(w, jnp.ones((2, 3)))\n"
        "r = pred @ g  # SHP001: 5\n",
        id="value-and-grad-with-aux",
    ),
    pytest.param(
        JAX + "def f(w, x):\n"
        "    return x @ w\n"
        "bf = jax.vmap(f, in_axes=(None, 0))\n"
        "y = bf(jnp.ones((3, 4)), jnp.ones((10, 2, 3)))\n"
        "z = y @ jnp.ones((2, 2))  # SHP001: 5\n",
        id="vmap-adds-the-mapped-axis",
    ),
    pytest.param(
        JAX + "def f(w, x):\n"
        "    return x @ w\n"
        "bf = jax.vmap(f, in_axes=(None, 0))\n"
        "y = bf(jnp.ones((3, 4)), jnp.ones((10, 2, 3)))\n"
        "z = y @ jnp.ones((4, 2))\n",
        id="vmap-adds-the-mapped-axis-fixed",
    ),
    pytest.param(
        JAX + "def f(w, x):\n"
        "    return x @ w  # SHP001: 12\n"
        "y = jax.vmap(f, in_axes=(None, 0))(jnp.ones((3, 4)), jnp.ones((10, 5)))\n",
        id="vmap-runs-the-body-per-example",
    ),
    pytest.param(
        JAX + "def dot(a, b):\n"
        "    return a @ b\n"
        "pairwise = jax.vmap(jax.vmap(dot, in_axes=(None, 0)), in_axes=(0, None))\n"
        "d = pairwise(jnp.ones((5, 3)), jnp.ones((7, 3)))\n"
        "r = d @ jnp.ones((5, 1))  # SHP001: 5\n",
        id="nested-vmap",
    ),
    pytest.param(
        JAX + "def f(x):\n"
        "    return x.sum(0)\n"
        "y = jax.vmap(f, out_axes=1)(jnp.ones((6, 2, 3)))\n"
        "r = y @ jnp.ones((3, 1))  # SHP001: 5\n",
        id="vmap-out-axes",
    ),
    pytest.param(
        JAX + "def body(c, x):\n"
        "    return c + x, c * 2  # SHP001: 12\n"
        "c, ys = lax.scan(body, jnp.zeros(3), jnp.ones((7, 4)))\n",
        id="scan-runs-its-body-per-step",
    ),
    pytest.param(
        JAX + "def body(c, x):\n"
        "    return c + x, c * 2\n"
        "c, ys = lax.scan(body, jnp.zeros(4), jnp.ones((7, 4)))\n"
        "r = ys @ jnp.ones((7, 1))  # SHP001: 5\n",
        id="scan-stacks-its-outputs",
    ),
    pytest.param(
        JAX + "def body(c, x):\n"
        "    return c + x, c * 2\n"
        "c, ys = lax.scan(body, jnp.zeros(4), jnp.ones((7, 4)))\n"
        "r = ys @ jnp.ones((4, 1))\n",
        id="scan-stacks-its-outputs-fixed",
    ),
    pytest.param(
        JAX + "z = lax.fori_loop(0, 3, lambda i, v: v @ jnp.ones((3, 3)), jnp.zeros((2, 4)))"
        "  # SHP001: 38\n",
        id="fori-loop-runs-its-body",
    ),
    pytest.param(
        JAX + "a = jnp.zeros(5).at[2].set(1.0)\nr = a @ jnp.ones((4, 2))  # SHP001: 5\n",
        id="at-set-keeps-the-shape",
    ),
    pytest.param(
        JAX + "a = jnp.zeros(5).at[2].set(1.0)\nr = a @ jnp.ones((5, 2))\n",
        id="at-set-keeps-the-shape-fixed",
    ),
    pytest.param(
        JAX + "def f(x):\n"
        "    return jnp.sin(x) * x**2\n"
        "x = jnp.ones((8, 1))\n"
        "df = jax.vmap(jax.grad(f))(x)  # SHP001: 6\n",
        id="grad-of-a-non-scalar-output",
    ),
    pytest.param(
        JAX + "def f(x):\n"
        "    return jnp.sum(jnp.sin(x) * x**2)\n"
        "x = jnp.ones((8, 1))\n"
        "df = jax.vmap(jax.grad(f))(x)\n",
        id="grad-of-a-non-scalar-output-fixed",
    ),
    pytest.param(
        JAX + "def f(x, y):\n"
        "    return jnp.sum((x - y) ** 2), x - y\n"
        "g = jax.value_and_grad(f)(jnp.ones(4), jnp.zeros(4))  # SHP001: 5\n",
        id="grad-of-a-tuple-without-has-aux",
    ),
    pytest.param(
        JAX + "def f(x, y):\n"
        "    return jnp.sum((x - y) ** 2), x - y\n"
        "g = jax.value_and_grad(f, has_aux=True)(jnp.ones(4), jnp.zeros(4))\n",
        id="grad-of-a-tuple-without-has-aux-fixed",
    ),
    pytest.param(
        JAX + "@jax.vmap\n"
        "def f(x, y):\n"
        "    return x + y\n"
        "out = f(jnp.ones(3), y=jnp.ones(2))  # SHP001: 7\n",
        id="vmap-maps-keyword-arguments-too",
    ),
    pytest.param(
        JAX + "@jax.vmap\n"
        "def f(x, y):\n"
        "    return x @ y\n"
        "out = f(jnp.ones((5, 3)), y=jnp.ones((5, 3)))\n"
        "r = out.reshape(5)\n",
        id="vmap-maps-keyword-arguments-too-fixed",
    ),
    pytest.param(
        JAX + "def step(s, obs):\n"
        "    level, trend = s  # SHP001: 5\n"
        "    return (level, trend), level + obs\n"
        "out = lax.scan(step, jnp.array(1.0), jnp.ones(6))\n",
        id="scan-carry-of-a-0d-array-unpacked",
    ),
]

LAYER_LIBRARIES = [
    pytest.param(
        "import jax\n"
        "import jax.numpy as jnp\n"
        "import flax.linen as nn\n"
        "class Head(nn.Module):\n"
        "    @nn.compact\n"
        "    def __call__(self, x):\n"
        "        h = nn.Dense(16)(x)\n"
        "        return h @ jnp.ones((8, 2))  # SHP001: 16\n"
        "model = Head()\n"
        "params = model.init(jax.random.PRNGKey(0), jnp.ones((4, 3)))\n",
        id="flax-compact-dense",
    ),
    pytest.param(
        "import jax\n"
        "import jax.numpy as jnp\n"
        "import flax.linen as nn\n"
        "class Head(nn.Module):\n"
        "    @nn.compact\n"
        "    def __call__(self, x):\n"
        "        h = nn.Dense(16)(x)\n"
        "        return h @ jnp.ones((16, 2))\n"
        "model = Head()\n"
        "params = model.init(jax.random.PRNGKey(0), jnp.ones((4, 3)))\n",
        id="flax-compact-dense-fixed",
    ),
    pytest.param(
        "import jax\n"
        "import jax.numpy as jnp\n"
        "import flax.linen as nn\n"
        "class MLP(nn.Module):\n"
        "    features: int\n"
        "    def setup(self):\n"
        "        self.dense = nn.Dense(self.features)\n"
        "    def __call__(self, x):\n"
        "        return self.dense(x) @ jnp.ones((3, 1))  # SHP001: 16\n"
        "model = MLP(features=8)\n"
        "x = jnp.ones((4, 3))\n"
        "y = model.apply(model.init(jax.random.PRNGKey(0), x), x)\n",
        id="flax-setup-and-dataclass-field",
    ),
    pytest.param(
        "import jax\n"
        "import jax.numpy as jnp\n"
        "import flax.linen as nn\n"
        "class Foo(nn.Module):\n"
        "    @nn.compact\n"
        "    def __call__(self, x):\n"
        "        h = nn.Dense(3)(x)\n"
        "        return h @ jnp.ones((4, 2))  # SHP001: 16\n"
        "variables = Foo().init(jax.random.PRNGKey(0), jnp.zeros(5))\n",
        id="flax-dense-on-one-example",
    ),
    pytest.param(
        "import jax\n"
        "import jax.numpy as jnp\n"
        "import equinox as eqx\n"
        "lin = eqx.nn.Linear(3, 4, key=jax.random.PRNGKey(0))\n"
        "y = lin(jnp.ones(5))  # SHP001: 5\n",
        id="equinox-linear",
    ),
    pytest.param(
        "import jax\n"
        "import jax.numpy as jnp\n"
        "import equinox as eqx\n"
        "lin = eqx.nn.Linear(3, 4, key=jax.random.PRNGKey(0))\n"
        "y = jax.vmap(lin)(jnp.ones((10, 3)))\n"
        "z = y @ jnp.ones((4, 1))\n",
        id="equinox-linear-fixed",
    ),
    pytest.param(
        "import jax\n"
        "import jax.numpy as jnp\n"
        "import equinox as eqx\n"
        "key = jax.random.PRNGKey(0)\n"
        "y = eqx.nn.Linear(2, 'scalar', key=key)(jnp.ones(2))\n"
        "assert y.shape == ()\n"
        "z = y + eqx.nn.Linear('scalar', 3, key=key)(jnp.ones(()))\n"
        "w = z @ jnp.ones((4, 1))  # SHP001: 5\n"
        "v = eqx.nn.Linear(2, 'scalar', key=key)(jnp.ones(5))  # SHP001: 5\n",
        id="equinox-linear-scalar-sizes",
    ),
]


@pytest.mark.parametrize("source", CASES)
def test_jax_transforms_run_the_function(source: str) -> None:
    assert actual(source) == expected(source)


@pytest.mark.parametrize("source", LAYER_LIBRARIES)
def test_jax_layer_libraries(source: str) -> None:
    assert actual(source) == expected(source)


SAMPLER = (
    JAX + "from jax.scipy.ndimage import map_coordinates\n"
    "def sample(img, coords):\n"
    "    def one(image, points):\n"
    "        return map_coordinates(image, [points[:, 0], points[:, 1]], order=1)\n"
    "    return jax.vmap(one)(img, coords)\n"
)

MAP_COORDINATES = [
    pytest.param(
        SAMPLER + "v, g = jax.value_and_grad(sample)(jnp.zeros((2, 5, 5)), jnp.ones((2, 3, 2)))"
        "  # SHP001: 8\n",
        id="value-and-grad-of-one-sample-per-point",
    ),
    pytest.param(
        SAMPLER + "f = jax.value_and_grad(lambda i, c: sample(i, c).sum())\n"
        "v, g = f(jnp.zeros((2, 5, 5)), jnp.ones((2, 3, 2)))\n",
        id="value-and-grad-of-one-sample-per-point-fixed",
    ),
    pytest.param(
        # one value per point of the broadcast coordinates: (3, 4) here
        SAMPLER + "r = map_coordinates(jnp.zeros((5, 5)), [jnp.ones((3, 1)), jnp.ones(4)], 0)\n"
        "z = r @ jnp.ones((3, 1))  # SHP001: 5\n",
        id="map-coordinates-broadcasts-the-coordinates",
    ),
    pytest.param(
        # an array of coordinates is one row per dim; order 3 is not implemented
        SAMPLER + "r = map_coordinates(jnp.zeros((5, 5)), jnp.ones((2, 3, 4)), order=1)\n"
        "z = r @ jnp.ones((4, 1))\n"
        "u = map_coordinates(jnp.zeros((5, 5)), [jnp.ones(3), jnp.ones(3)], order=3)\n"
        "w = u @ jnp.ones((4, 1))\n",
        id="map-coordinates-array-and-unsupported-order",
    ),
]


@pytest.mark.parametrize("source", MAP_COORDINATES)
def test_map_coordinates(source: str) -> None:
    assert actual(source) == expected(source)
