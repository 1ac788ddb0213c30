"""Soundness on real code: each fault class of issue 10 as snippets that must stay silent,
beside look-alike buggy snippets that must still report (so a fix that silences everything
fails here too).

Every snippet is a small program modelled on code seen in the corpus (the comment names
where); expected findings are the inline ``# SHP001: col`` markers, and a snippet without
markers must produce no finding at all.
"""

from __future__ import annotations

import pytest

from shapelint.config import Config
from shapelint.engine import lint_source
from tests.expectations import actual, expected

TORCH = "import torch\nimport torch.nn as nn\nfrom einops import rearrange, reduce, repeat\n"
NP = "import numpy as np\n"

# -- 1. a keyword present with an unknown value binds (it is not absent) ----------------------

KEYWORD_PRESENT = {
    # vit-pytorch simple_vit_with_register_tokens.py: repeat(self.register_tokens, ..., b=batch)
    "einops_length_is_a_parameter": TORCH
    + "def f(batch):\n"
    + "    return repeat(torch.ones(4, 8), 'n d -> b n d', b=batch)\n",
    # vector-quantize-pytorch: repeat(embed, 'h c d -> h b c d', b=embed_ind.shape[1])
    "einops_length_is_a_dim_of_an_unknown_tensor": TORCH
    + "def f(x):\n"
    + "    return repeat(torch.ones(4, 8), 'n d -> b n d', b=x.shape[0])\n",
    "einops_length_is_an_attribute": TORCH
    + "def f(cfg):\n"
    + "    return repeat(torch.ones(4, 8), 'n d -> b n d', b=cfg.batch)\n",
    "einops_length_is_a_call_result": TORCH
    + "def f(cfg):\n"
    + "    return repeat(torch.ones(4, 8), 'n d -> b n d', b=cfg.size())\n",
    # vit-pytorch mae.py: two lengths, both unknown
    "einops_two_lengths_unknown": TORCH
    + "def f(batch, n):\n"
    + "    return repeat(torch.ones(8), 'd -> b n d', b=batch, n=n)\n",
    "einops_lengths_through_kwargs": TORCH
    + "def f(axes):\n"
    + "    return repeat(torch.ones(4, 8), 'n d -> b n d', **axes)\n",
    "einops_unknown_length_then_a_fitting_op": TORCH
    + "def f(batch):\n"
    + "    r = repeat(torch.ones(4, 8), 'n d -> b n d', b=batch)\n"
    + "    return torch.cat([r, torch.ones(2, 4, 8)], dim=0)\n",
}

KEYWORD_PRESENT_BUGS = {
    "einops_length_not_written": TORCH
    + "def f():\n"
    + "    return repeat(torch.ones(4, 8), 'n d -> b n d')  # SHP001: 12\n",
    "einops_other_length_written": TORCH
    + "def f(batch):\n"
    + "    return repeat(torch.ones(4, 8), 'n d -> b n d', c=batch)  # SHP001: 12\n",
    "einops_unknown_length_keeps_the_other_dims": TORCH
    + "def f(batch):\n"
    + "    r = repeat(torch.ones(4, 8), 'n d -> b n d', b=batch)\n"
    + "    return torch.cat([r, torch.ones(2, 4, 9)], dim=0)  # SHP001: 12\n",
    "einops_known_length_that_cannot_divide": TORCH
    + "def f():\n"
    + "    return rearrange(torch.ones(6, 3), '(h n) d -> h n d', h=4)  # SHP001: 12\n",
}

# -- 3. einops ``(...)`` on the right merges the ellipsis dims into one ----------------------

ELLIPSIS_GROUPS = {
    # vit-pytorch simple_vit_with_relative_proj_pos_bias.py:
    # rearrange(qkv, 'b ... (w h d) -> w b h (...) d') then einsum('wbhnd, ...')
    "einops_parenthesised_ellipsis_then_einsum": TORCH
    + "def f():\n"
    + "    x = torch.ones(2, 3, 4, 30)\n"
    + "    y = rearrange(x, 'b ... (w h d) -> w b h (...) d', w=2, h=3)\n"
    + "    return torch.einsum('wbhnd,wbhnd->wbh', y, y)\n",
    "einops_parenthesised_ellipsis_then_broadcast": TORCH
    + "def f():\n"
    + "    y = rearrange(torch.ones(2, 3, 4, 5), 'b ... d -> b (...) d')\n"
    + "    return y + torch.ones(2, 12, 5)\n",
    # vit-pytorch vit_nd_rotary.py: repeat(pos, '... p -> b (...) p', b=batch)
    "einops_parenthesised_ellipsis_in_repeat": TORCH
    + "def f():\n"
    + "    y = repeat(torch.ones(3, 4, 2), '... p -> b (...) p', b=5)\n"
    + "    return y + torch.ones(5, 12, 2)\n",
}

ELLIPSIS_GROUPS_BUGS = {
    "einops_merged_rank_meets_wrong_subscripts": TORCH
    + "def f():\n"
    + "    x = torch.ones(2, 3, 4, 30)\n"
    + "    y = rearrange(x, 'b ... (w h d) -> w b h (...) d', w=2, h=3)\n"
    + "    return torch.einsum('wbhd,wbhd->wbh', y, y)  # SHP001: 12\n",
    "einops_merged_size_is_checked": TORCH
    + "def f():\n"
    + "    y = rearrange(torch.ones(2, 3, 4, 5), 'b ... d -> b (...) d')\n"
    + "    return y + torch.ones(2, 11, 5)  # SHP001: 12\n",
    "einops_bare_ellipsis_still_expands": TORCH
    + "def f():\n"
    + "    y = rearrange(torch.ones(2, 3, 4, 5), 'b ... d -> d b ...')\n"
    + "    return y + torch.ones(5, 2, 12)  # SHP001: 12\n",
}

# -- 6. only a value known to be an array of a modelled library has array attributes ---------

SP = NP + "import scipy.sparse as sp\n"

UNKNOWN_KINDS = {
    # scikit-learn preprocessing/_data.py add_dummy_feature: X.shape read, then X.data (1-D)
    "shape_read_does_not_make_an_array": SP
    + "def f(X):\n"
    + "    n_samples, n_features = X.shape\n"
    + "    if sp.issparse(X):\n"
    + "        return np.concatenate((np.full(n_samples, 1.0), X.data))\n"
    + "    return X\n",
    # scikit-learn neighbors/tests/test_graph.py: a sparse result's .data is 1-D
    "asserted_shape_does_not_make_an_array": NP
    + "def f(model, X):\n"
    + "    Xt = model.fit_transform(X)\n"
    + "    assert Xt.shape == (20, 20)\n"
    + "    assert Xt.data.shape == (200,)\n",
    "sparse_guard_data_is_not_the_matrix": SP
    + "def f(X):\n"
    + "    assert X.shape == (10, 4)\n"
    + "    if sp.issparse(X):\n"
    + "        return X.data + np.ones(7)\n"
    + "    return X\n",
    # a scipy.sparse matrix's `*` is a matrix product, not a broadcast
    "unknown_kind_operator_is_not_judged_as_numpy": SP
    + "def f(X):\n"
    + "    assert X.shape == (3, 4)\n"
    + "    return X * np.ones((4, 2))\n",
    # scipy sparse/tests/test_coo.py: coo_array(...).reshape is scipy's, not NumPy's
    "unknown_kind_method_is_not_judged_as_numpy": SP
    + "def f():\n"
    + "    m = sp.coo_array([[1, 2, 0], [0, 0, 3]])\n"
    + "    assert m.shape == (2, 3)\n"
    + "    return m.reshape((3, 2)).T @ np.ones((2, 5))\n",
}

UNKNOWN_KINDS_BUGS = {
    "numpy_array_still_broadcasts": NP
    + "def f():\n"
    + "    X = np.ones((10, 4))\n"
    + "    return X + np.ones(7)  # SHP001: 12\n",
    "torch_data_is_the_tensor": TORCH
    + "def f():\n"
    + "    t = torch.ones(10, 4)\n"
    + "    return t.data + torch.ones(7)  # SHP001: 12\n",
    "annotated_array_is_an_array": NP
    + "def f(X: np.ndarray):\n"
    + "    assert X.shape == (10, 4)\n"
    + "    return X + np.ones(7)  # SHP001: 12\n",
    "isinstance_makes_an_array": NP
    + "def f(X):\n"
    + "    if isinstance(X, np.ndarray):\n"
    + "        assert X.shape == (10, 4)\n"
    + "        return X + np.ones(7)  # SHP001: 16\n"
    + "    return X\n",
    # the guard returns early, so what follows runs only with an ndarray
    "negated_isinstance_guard_makes_an_array": NP
    + "def f(X):\n"
    + "    if not isinstance(X, np.ndarray):\n"
    + "        return X\n"
    + "    assert X.shape == (10, 4)\n"
    + "    return X + np.ones(7)  # SHP001: 12\n",
    # torch, JAX and TensorFlow take an object with a shape only as an array of that shape
    "jax_function_takes_a_shaped_value_as_an_array": "import jax.numpy as jnp\n"
    + "def f(mask):\n"
    + "    assert mask.shape == (2, 3)\n"
    + "    return jnp.where(mask, jnp.ones((4, 5)), 0.0)  # SHP001: 12\n",
    "asserted_shape_is_still_checked": NP
    + "def f(model, X):\n"
    + "    Xt = model.fit_transform(X)\n"
    + "    assert Xt.shape == (20, 20)\n"
    + "    assert Xt.shape == (20, 21)  # SHP005: 5\n",
}

# -- 7. conversions set the framework of their library ---------------------------------------

CONVERSIONS = {
    # torch's transpose swaps two dims: (2, 3, 4) -> (3, 2, 4)
    "from_numpy_gives_torch_semantics": TORCH
    + NP
    + "def f():\n"
    + "    t = torch.from_numpy(np.ones((2, 3, 4)))\n"
    + "    return t.transpose(1, 0) @ torch.ones(4, 5)\n",
    "as_tensor_gives_torch_semantics": TORCH
    + NP
    + "def f():\n"
    + "    t = torch.as_tensor(np.ones((2, 3, 4)))\n"
    + "    return t.transpose(1, 0) @ torch.ones(4, 5)\n",
    "asarray_gives_numpy_semantics": TORCH
    + NP
    + "def f():\n"
    + "    a = np.asarray(torch.ones(2, 3, 4))\n"
    + "    return a.transpose(2, 1, 0) @ np.ones((2, 5))\n",
    "dot_numpy_gives_numpy_semantics": TORCH
    + NP
    + "def f():\n"
    + "    a = torch.ones(2, 3, 4).numpy()\n"
    + "    return a.transpose(2, 1, 0) @ np.ones((2, 5))\n",
}

CONVERSIONS_BUGS = {
    "from_numpy_torch_matmul_checked": TORCH
    + NP
    + "def f():\n"
    + "    t = torch.from_numpy(np.ones((2, 3, 4)))\n"
    + "    return t.transpose(1, 0) @ torch.ones(2, 5)  # SHP001: 12\n",
    "asarray_numpy_transpose_checked": TORCH
    + NP
    + "def f():\n"
    + "    a = np.asarray(torch.ones(2, 3, 4))\n"
    + "    return a.transpose(1, 0)  # SHP001: 12\n",
    "jnp_asarray_numpy_rules": TORCH
    + "import jax.numpy as jnp\n"
    + "def f():\n"
    + "    a = jnp.asarray(torch.ones(2, 3, 4))\n"
    + "    return a.transpose(1, 0)  # SHP001: 12\n",
    "convert_to_tensor_tf_rules": TORCH
    + "import tensorflow as tf\n"
    + "def f():\n"
    + "    t = tf.convert_to_tensor(torch.ones(2, 3, 4))\n"
    + "    return tf.transpose(t, perm=[1, 0])  # SHP001: 12\n",
}

# -- 8. a defaulted parameter is one possible value; isinstance narrows both branches --------

DEFAULTS = {
    # scikit-learn linear_model/_coordinate_descent.py: alphas=100 or a list of alphas
    "default_stored_on_self_guarded_by_isinstance": NP
    + "from numbers import Integral\n"
    + "class RidgeLike:\n"
    + "    def __init__(self, alphas=100):\n"
    + "        self.alphas = alphas\n"
    + "    def fit(self):\n"
    + "        if isinstance(self.alphas, Integral):\n"
    + "            return np.ones(self.alphas)\n"
    + "        return np.sort(self.alphas)[::-1]\n",
    "default_stored_on_self_is_unknown_elsewhere": NP
    + "class Model:\n"
    + "    def __init__(self, n=5):\n"
    + "        self.n = n\n"
    + "    def fit(self):\n"
    + "        return np.ones(self.n) + np.ones(7)\n",
    # statsmodels regression/_tools.py: weights=1.0, guarded by np.isscalar
    "default_inside_init_is_unknown": NP
    + "class WLS:\n"
    + "    def __init__(self, exog, weights=1.0):\n"
    + "        w_half = np.sqrt(weights)\n"
    + "        if np.isscalar(weights):\n"
    + "            self.wexog = w_half * exog\n"
    + "        else:\n"
    + "            self.wexog = np.asarray(w_half)[:, None] * exog\n",
    "isinstance_false_branch_excludes_a_known_int": NP
    + "def g(n):\n"
    + "    if isinstance(n, int):\n"
    + "        return np.ones(n)\n"
    + "    return np.asarray(n)[:, None]\n"
    + "r = g(5)\n",
    "isinstance_true_branch_excludes_a_known_array": NP
    + "def g(a):\n"
    + "    if not isinstance(a, np.ndarray):\n"
    + "        return np.ones(a) + np.ones(7)\n"
    + "    return a\n"
    + "r = g(np.ones(5))\n",
}

DEFAULTS_BUGS = {
    "attribute_set_to_a_constant_is_a_fact": NP
    + "class Model:\n"
    + "    def __init__(self):\n"
    + "        self.n = 5\n"
    + "    def fit(self):\n"
    + "        return np.ones(self.n) + np.ones(7)  # SHP001: 16\n",
    "call_that_binds_the_default": NP
    + "class Model:\n"
    + "    def __init__(self, n=5):\n"
    + "        self.n = n\n"
    + "    def fit(self):\n"
    + "        return np.ones(self.n) + np.ones(7)  # SHP001: 16\n"
    + "r = Model(5).fit()\n",
    "isinstance_true_branch_keeps_a_known_int": NP
    + "def g(n):\n"
    + "    if isinstance(n, int):\n"
    + "        return np.ones(n) + np.ones(7)  # SHP001: 16\n"
    + "    return n\n"
    + "r = g(5)\n",
}

# a list given to a Keras model's predict/fit is its inputs, one array per input layer
KERAS = (
    "import numpy as np\n"
    "from tf_keras.layers import Dense\n"
    "from tf_keras.models import Sequential\n"
    "model = Sequential([Dense(4, input_shape=(3,))])\n"
)
MODEL_INPUTS = {
    "a-list-of-one-array-is-the-input": KERAS + "p = model.predict([np.ones((2, 3))])\n",
    "a-list-of-several-is-not-followed": KERAS
    + "p = model.predict([np.ones((2, 3)), np.ones((2, 5))])\n",
}
MODEL_INPUTS_BUGS = {
    "the-list-s-array-is-checked": KERAS + "p = model.predict([np.ones((2, 5))])  # SHP001: 5\n",
}

SILENT = {
    **KEYWORD_PRESENT,
    **ELLIPSIS_GROUPS,
    **UNKNOWN_KINDS,
    **CONVERSIONS,
    **DEFAULTS,
    **MODEL_INPUTS,
}
BUGS = {
    **KEYWORD_PRESENT_BUGS,
    **ELLIPSIS_GROUPS_BUGS,
    **UNKNOWN_KINDS_BUGS,
    **CONVERSIONS_BUGS,
    **DEFAULTS_BUGS,
    **MODEL_INPUTS_BUGS,
}


@pytest.mark.parametrize("source", [pytest.param(s, id=n) for n, s in SILENT.items()])
def test_correct_code_stays_silent(source: str) -> None:
    assert expected(source) == set()
    assert actual(source) == set()


@pytest.mark.parametrize("source", [pytest.param(s, id=n) for n, s in BUGS.items()])
def test_look_alike_bug_still_reports(source: str) -> None:
    assert expected(source)
    assert actual(source) == expected(source)


# -- a finding's message is one line, naming a layer by its class and key arguments ----------

MULTILINE_LAYER = (
    TORCH + "class M(nn.Module):\n"
    "    def __init__(self):\n"
    "        super().__init__()\n"
    "        self.proj = nn.Linear(\n"
    "            128,\n"
    "            64,\n"
    "            bias=False,\n"
    "        )\n"
    "    def forward(self):\n"
    "        return self.proj(torch.ones(2, 100))\n"
    "m = M()\n"
    "y = m.forward()\n"
)


def test_layer_message_is_one_line_with_class_and_key_arguments() -> None:
    diagnostics = lint_source(MULTILINE_LAYER, "example.py", Config(select=("SHP",)))
    assert [(d.code, d.start.line) for d in diagnostics] == [("SHP001", 13)]
    message = diagnostics[0].message
    assert "\n" not in message
    assert message.startswith("`nn.Linear(in_features=128, ")
