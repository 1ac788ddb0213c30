"""``jnp.einsum`` takes any character as a label (opt_einsum parses the subscripts), as flax's
grouped-query attention does with ``'...kh1d'``; NumPy and torch accept letters only.
Verdicts recorded under JAX 0.10.2."""

from __future__ import annotations

import pytest

from shapelint.shapes import algebra, tf_family_ops
from shapelint.shapes.shape import ShapeError
from tests.shapes.builders import S


def test_a_digit_is_a_label_to_jax() -> None:
    # jnp.einsum('...hgqk,...kh1d->...qhgd', ones((2,3,4,5)), ones((5,2,1,6))).shape == (4,2,3,6)
    result = tf_family_ops.jax_einsum("...hgqk,...kh1d->...qhgd", S(2, 3, 4, 5), S(5, 2, 1, 6))
    assert result == S(4, 2, 3, 6)
    assert tf_family_ops.jax_einsum("a1,1b->ab", S(2, 3), S(3, 4)) == S(2, 4)


def test_a_digit_label_of_two_sizes_still_raises_and_names_the_subscripts() -> None:
    with pytest.raises(ShapeError, match=r"in 'a1,1b->ab' read as"):
        tf_family_ops.jax_einsum("a1,1b->ab", S(2, 3), S(5, 4))


def test_numpy_refuses_a_digit_label() -> None:
    with pytest.raises(ShapeError, match="invalid subscript '1'"):
        algebra.einsum("a1,1b->ab", S(2, 3), S(3, 4))
