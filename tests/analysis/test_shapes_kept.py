"""Values whose shape the analysis used to lose before the line that misuses them:
``np.column_stack``/``np.dstack`` and ``np.insert`` at one index, a random ``permutation``
(int, so it gathers, also after slicing and stacking in ``np.array``), ``cumsum``/``cumprod``
flattening without an axis, ``repeat`` and ``tile``, ``tf.nn.embedding_lookup``,
``tf.gather`` and ``tf.one_hot`` (each checked against the real library), and attributes a
method only ``__init__`` calls sets (``self.load(d)``)."""

from __future__ import annotations

import pytest

from tests.analysis.inference import JNP, NP, TF, K, infer
from tests.expectations import actual, expected

CASES = [
    pytest.param(
        NP + "X = np.column_stack([np.ones(97), np.linspace(0.0, 1.0, 97)])\n"
        "e = X * np.zeros((2, 1))  # SHP001: 5, SHP002: 5\n",
        id="column-stack-then-elementwise",
    ),
    pytest.param(
        NP + "X = np.column_stack([np.ones(97), np.linspace(0.0, 1.0, 97)])\n"
        "e = X @ np.zeros((2, 1))\n",
        id="column-stack-then-matmul-fixed",
    ),
    pytest.param(
        NP + "X = np.insert(np.ones((3, 2)), 0, np.ones(3), axis=1)\n"
        "r = X.dot(np.ones((1, 3)))  # SHP001: 5\n",
        id="insert-column-then-dot",
    ),
    pytest.param(
        NP + "X = np.insert(np.ones((3, 2)), 0, np.ones(3), axis=1)\nr = X.dot(np.ones((3, 1)))\n",
        id="insert-column-then-dot-fixed",
    ),
    pytest.param(
        TF + "e = tf.nn.embedding_lookup(tf.ones((100, 16)), tf.zeros((2, 30), tf.int32))\n"
        "r = tf.matmul(e, tf.ones((8, 1)))  # SHP001: 5\n",
        id="embedding-lookup-rows",
    ),
    pytest.param(
        TF + "e = tf.nn.embedding_lookup(tf.ones((100, 16)), tf.zeros((2, 30), tf.int32))\n"
        "r = tf.matmul(e, tf.ones((16, 1)))\n",
        id="embedding-lookup-rows-fixed",
    ),
]


@pytest.mark.parametrize("source", CASES)
def test_findings(source: str) -> None:
    assert actual(source) == expected(source)


@pytest.mark.parametrize(
    ("code", "shape"),
    [
        ("r = np.column_stack([np.ones(5), np.ones((5, 2))])", "(5, 3)"),
        ("r = np.dstack([np.ones(5)])", "(1, 5, 1)"),
        ("r = np.insert(np.ones((3, 2)), 0, 1.0, axis=1)", "(3, 3)"),
        ("r = np.insert(np.ones((3, 2)), -1, np.ones((3, 1)), axis=0)", "(6, 2)"),
        ("r = np.insert(np.ones((3, 2)), 0, np.ones((2, 3)), axis=1)", "(3, 4)"),
        ("r = np.insert(np.ones((3, 2)), [0, 1], 1.0, axis=1)", "(…)"),
        ("r = np.insert(np.ones((3, 2)), 0, 1.0)", "(…)"),
        ("r = np.random.default_rng(0).permutation(40)", "(40,)"),
        ("r = np.random.RandomState(0).permutation(np.ones((3, 4)))", "(3, 4)"),
        ("r = np.random.permutation(np.ones((3, 2)))", "(3, 2)"),
        ("g = np.random.default_rng(0)\nr = np.ones((40, 2))[g.permutation(40)[:10]]", "(10, 2)"),
        (
            "g = np.random.default_rng(0)\n"
            "idx = np.array([g.permutation(40)[:10] for _ in range(40)])\n"
            "r = np.ones((40, 2))[idx[0, :]]",
            "(10, 2)",
        ),
        # rows of floats are no int index: the gather is not taken for one
        ("r = np.ones((40, 2))[np.array([np.ones(10) for _ in range(3)])[0]]", "(?, 2)"),
        ("r = np.cumsum(np.ones((2, 3)))", "(6,)"),
        ("r = np.ones((2, 3)).cumsum()", "(6,)"),
        ("r = np.cumprod(np.ones((2, 3)), axis=1)", "(2, 3)"),
        ("r = np.cumprod(np.ones((2, 3)), axis=None)", "(6,)"),
        ("r = np.repeat(np.arange(3), 50)", "(150,)"),
        ("r = np.repeat(np.ones((2, 3)), 2, axis=1)", "(2, 6)"),
        ("r = np.ones((2, 3)).repeat(3, axis=0)", "(6, 3)"),
        ("r = np.repeat(np.ones((2, 3)), [1, 2], axis=0)", "(…)"),
        ("r = np.tile(np.ones((2, 3)), (2, 1, 2))", "(2, 2, 6)"),
        ("r = np.tile(np.ones(3), 0)", "(0,)"),
    ],
)
def test_shapes(code: str, shape: str) -> None:
    assert infer(NP + code + "\n") == shape


@pytest.mark.parametrize(
    ("code", "shape"),
    [
        (
            "r = tf.nn.embedding_lookup(tf.ones((100, 16)), tf.zeros((2, 30), tf.int32))",
            "(2, 30, 16)",
        ),
        ("r = tf.nn.embedding_lookup(tf.ones((100, 16)), 3)", "(16,)"),
        ("r = tf.gather(tf.ones((100, 16)), tf.zeros((2, 3), tf.int32))", "(2, 3, 16)"),
        ("r = tf.gather(tf.ones((100, 16)), tf.zeros((2, 3), tf.int32), axis=1)", "(…)"),
        ("r = tf.one_hot(tf.zeros((45,), tf.int32), 4)", "(45, 4)"),
        ("r = tf.one_hot(3, 4)", "(4,)"),
        ("r = tf.one_hot(tf.zeros((2, 3), tf.int32), 4, axis=0)", "(…)"),
    ],
)
def test_tf_shapes(code: str, shape: str) -> None:
    assert infer(TF + code + "\n") == shape


@pytest.mark.parametrize(
    ("code", "shape"),
    [
        ("r = jnp.repeat(jnp.repeat(jnp.ones((2, 4, 4, 8)), 2, 1), 2, 2)", "(2, 8, 8, 8)"),
        ("r = jnp.repeat(jnp.ones((2, 3)), 2, total_repeat_length=6)", "(…)"),
        ("r = jnp.cumsum(jnp.ones((2, 3)))", "(6,)"),
    ],
)
def test_jax_shapes(code: str, shape: str) -> None:
    assert infer(JNP + code + "\n") == shape


HELPER = NP + (
    "data = {'x': np.ones((120, 5)), 'labels': np.ones(150)}\n"
    "class Dataset:\n"
    "    def __init__(self, d):\n"
    "        self.load(d)\n"
    "    def load(self, d):\n"
    "        self.d = d\n"
    "        self.labels = self.d['labels']\n"
    "        self.x = self.d['x']\n"
)


def test_a_method_only_init_calls_builds_the_instance() -> None:
    source = HELPER + "r = Dataset(data).labels\n"
    assert infer(source) == "(150,)"
    checked = HELPER + "        assert self.labels.shape[0] == self.x.shape[0]  # SHP005: 9\n"
    assert actual(checked + "o = Dataset(data)\n") == expected(checked)


def test_a_method_also_called_from_outside_may_change_the_attributes() -> None:
    source = HELPER + "o = Dataset(data)\no.load({'labels': np.ones(3)})\nr = o.labels\n"
    assert infer(source) is None  # unknown: no shape is claimed


@pytest.mark.parametrize(
    ("code", "shape"),
    [
        ("import jax\nr = jax.nn.relu(jnp.ones((6, 3)))", "(6, 3)"),
        ("import jax\nr = jax.nn.softmax(jnp.ones((6, 3)), axis=0)", "(6, 3)"),
        ("import jax\nr = jax.nn.one_hot(jnp.zeros((3,), jnp.int32), 5)", "(3, 5)"),
        ("import jax\nr = jax.nn.one_hot(jnp.zeros((3,), jnp.int32), 5, axis=0)", "(…)"),
        ("import jax\nr = jax.lax.stop_gradient(jnp.ones((6, 1)))", "(6, 1)"),
        ("r, _ = jnp.split(jnp.ones((6, 4)), 2, axis=-1)", "(6, 2)"),
        ("_, r, _ = jnp.split(jnp.ones((6, 4)), [1, 3], axis=1)", "(6, 2)"),
        ("r, _, _ = jnp.array_split(jnp.ones((7, 4)), 3)", "(3, 4)"),
        ("r = jnp.ones((6, 2)) - jnp.log(2 * jnp.pi)", "(6, 2)"),
    ],
)
def test_jax_library_shapes(code: str, shape: str) -> None:
    assert infer(JNP + code + "\n") == shape


JAX_MLP = (
    "import jax\n"
    + JNP
    + "params = [(jnp.ones((3, 8)), jnp.ones(8)), (jnp.ones((8, 1)), jnp.ones(1))]\n"
    "def loss(params, x, reward):\n"
    "    for w, b in params[:-1]:\n"
    "        x = jax.nn.relu(x @ w + b)\n"
    "    w, b = params[-1]\n"
    "    q = jax.lax.stop_gradient(x @ w + b)\n"
)
CALL = "r = loss(params, jax.random.normal(k, (6, 3)), jax.random.normal(k, (6,)))\n"


def test_a_column_through_jax_nn_meets_a_vector() -> None:
    assert infer(JAX_MLP + "    return reward * q\n" + CALL) == "(6, 6)"
    source = JAX_MLP + "    return reward * q  # SHP002: 12\n" + CALL
    assert actual(source) == expected(source)
    fixed = JAX_MLP + "    return reward * q[:, 0]\n" + CALL
    assert actual(fixed) == expected(fixed)


def test_numpy_split_fails_on_an_unequal_division() -> None:
    source = NP + "a, b = np.split(np.ones((6, 5)), 2, axis=-1)  # SHP001: 8\n"
    assert actual(source) == expected(source)


@pytest.mark.parametrize(
    ("code", "shape"),
    [
        ("r = K.tile(K.ones((2, 1, 12, 8)), [1, 10, 1, 1])", "(2, 10, 12, 8)"),
        ("r = K.tile(K.ones((2, 3)), [2])", "(…)"),  # tf.tile wants one count per dim
        ("r = K.ones((2, 3)) / K.sqrt(K.ones((2, 3)) + K.epsilon())", "(2, 3)"),
    ],
)
def test_keras_backend_shapes(code: str, shape: str) -> None:
    assert infer(K + code + "\n") == shape
