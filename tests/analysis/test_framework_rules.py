"""Each framework's calls are linted by that framework's own rule (``shapes.family_rules``).

Every case is a snippet a framework runs (its recorded grid holds the same behaviour) where
NumPy's rule would say otherwise: the linted result must be the framework's shape, with no
finding; where NumPy itself is linted the same snippet keeps NumPy's verdict.
"""

from __future__ import annotations

import pytest

from shapelint.engine import lint_source
from tests.analysis.inference import JNP, NP, TF, TORCH, infer

KOPS = "from keras import ops\n"
KB = "from tf_keras import backend as K\n"

# (source, the shape bound to r)
FOLLOWS_THE_FRAMEWORK = [
    # torch.cat skips legacy empty 1-D tensors: the accumulator loop
    (TORCH + "acc = torch.zeros(0)\nr = torch.cat([acc, torch.ones(2, 3)])", "(2, 3)"),
    (TORCH + "acc = torch.zeros(0)\nr = torch.cat([acc, acc])", "(0,)"),
    # torch and jax sum ellipsis dims the output leaves out
    (TORCH + "r = torch.einsum('...ij->j', torch.ones(5, 2, 3))", "(3,)"),
    (JNP + "r = jnp.einsum('...ij->j', jnp.ones((5, 2, 3)))", "(3,)"),
    # torch.tensordot broadcasts a contracted dim of size 1
    (TORCH + "r = torch.tensordot(torch.ones(2, 1), torch.ones(3, 4), dims=([1], [0]))", "(2, 4)"),
    # tf.concat hands a single input back whatever the axis
    (TF + "r = tf.concat([tf.ones((2, 3))], axis=5)", "(2, 3)"),
    # tf.squeeze with an empty axis list squeezes every size-1 dim
    (TF + "r = tf.squeeze(tf.ones((1, 3, 1)), axis=[])", "(3,)"),
    # tf.reshape infers a -1 beside a 0 from the other dims
    (TF + "r = tf.reshape(tf.zeros((0, 3)), [0, -1])", "(0, 3)"),
    # tf.argmax reduces axis 0 by default
    (TF + "r = tf.argmax(tf.ones((2, 3)))", "(3,)"),
    # F.linear with a 1-D weight and a 0-d bias
    (TORCH + "r = F.linear(torch.ones(2, 4, 3), torch.ones(3), torch.ones(()))", "(2, 4)"),
    # torch .T reverses every dim, .mT of a 0-d tensor is itself
    (TORCH + "r = torch.ones(2, 3, 4).T", "(4, 3, 2)"),
    (TORCH + "r = torch.ones(()).mT", "()"),
    # torch reductions take dim 0 of a 0-d tensor
    (TORCH + "r = torch.ones(()).sum(dim=0)", "()"),
    # hstack makes each input at least 1-D in NumPy and torch, not in Keras 3 on TensorFlow
    (NP + "r = np.hstack((np.ones(3), np.ones(())))", "(4,)"),
    (TORCH + "r = torch.hstack([torch.ones(3), torch.ones(())])", "(4,)"),
    (NP + "r = np.vstack([np.ones(3), np.ones((2, 3))])", "(3, 3)"),
    (NP + "x = np.ones(3)\nr = np.hstack((x, 2))", "(4,)"),
    # Keras 3's ops.add on TensorFlow takes a bias matching dim 1 (tf.nn.bias_add)
    (KOPS + "r = ops.add(ops.ones((2, 5, 3)), ops.ones((5,)))", "(2, 5, 3)"),
    # Keras 2's K.concatenate takes a negative axis modulo the first tensor's rank
    (KB + "r = K.concatenate([K.ones((2, 3)), K.ones((2, 3))], axis=-1)", "(2, 6)"),
    # moveaxis is modelled, with JAX's and Keras 3's order for repeated axes
    (NP + "r = np.moveaxis(np.ones((2, 3, 4)), 0, -1)", "(3, 4, 2)"),
    (JNP + "r = jnp.moveaxis(jnp.ones((1, 2)), (-1, 0), (0, 0))", "(2, 1)"),
    # Keras 3 renames einsum letters in order of appearance: its implicit output differs
    (KOPS + "r = ops.einsum('aA...c', ops.ones((4, 2, 3, 3)))", "(3, 4, 2, 3)"),
]

# (source, whether it is a finding): the same call in another framework
NUMPY_KEEPS_ITS_VERDICT = [
    (NP + "r = np.concatenate([np.zeros(0), np.ones((2, 3))])", True),
    (NP + "r = np.einsum('...ij->j', np.ones((5, 2, 3)))", True),
    (NP + "r = np.tensordot(np.ones((2, 1)), np.ones((3, 4)), axes=([1], [0]))", True),
    (NP + "r = np.squeeze(np.ones((1, 3, 1)), axis=())", False),
    (TORCH + "r = torch.cat([torch.ones(2, 3), torch.ones(2, 4)])", True),
    (TF + "r = tf.concat([tf.ones((2, 3)), tf.ones((2, 4))], axis=0)", True),
    (TORCH + "r = torch.tensordot(torch.ones(2, 2), torch.ones(3, 4), dims=([1], [0]))", True),
]


@pytest.mark.parametrize(
    ("source", "shape"),
    FOLLOWS_THE_FRAMEWORK,
    ids=[c[0].splitlines()[-1][:70] for c in FOLLOWS_THE_FRAMEWORK],
)
def test_the_framework_rule_is_linted(source: str, shape: str) -> None:
    assert infer(source) == shape
    assert lint_source(source + "\n", "m.py") == []


@pytest.mark.parametrize(
    ("source", "finding"),
    NUMPY_KEEPS_ITS_VERDICT,
    ids=[c[0].splitlines()[-1][:70] for c in NUMPY_KEEPS_ITS_VERDICT],
)
def test_other_frameworks_keep_their_verdict(source: str, finding: bool) -> None:
    codes = [d.code for d in lint_source(source + "\n", "m.py")]
    assert codes == (["SHP001"] if finding else [])


def test_torch_linear_with_a_bias_needs_a_2d_weight_for_a_2d_input() -> None:
    source = TORCH + "r = F.linear(torch.ones(4, 3), torch.ones(3), torch.ones(()))\n"
    assert [d.code for d in lint_source(source, "m.py")] == ["SHP001"]
