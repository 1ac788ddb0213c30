"""Framework shape rules on symbolic, unknown and variadic shapes, and their messages.

The recorded data (test_framework_records.py) pins concrete behaviour; these tests pin what
the data cannot: results over named dims, soundness where a dim or the rank is unknown, and
the wording of each ShapeError.
"""

from __future__ import annotations

import pytest

from shapelint.shapes import frameworks as fw
from shapelint.shapes.shape import Dim, Shape, ShapeError


def S(*dims: Dim | int | str | None, variadic: bool = False) -> Shape:
    """Shape from ints, names (symbolic dims) and None (unknown dims)."""
    return Shape(tuple(Dim.sym(d) if isinstance(d, str) else Dim.coerce(d) for d in dims), variadic)


def V(*dims: Dim | int | str | None) -> Shape:
    return S(*dims, variadic=True)


def reason(call: object, *args: object, **kwargs: object) -> str:
    with pytest.raises(ShapeError) as info:
        call(*args, **kwargs)  # type: ignore[operator]
    return info.value.reason


# -- torch matrix products -------------------------------------------------------------------


def test_mm_messages() -> None:
    assert reason(fw.mm, S(64, 784), S(10, 784)) == (
        "inner dimensions differ: (64, 784) @ (10, 784) (784 vs 10)"
    )
    assert reason(fw.mm, S(3, 4, 5), S(5, 2)) == "`mm` needs 2-D tensors, got (3, 4, 5)"
    assert reason(fw.mm, S(3, 4), S(4)) == "`mm` needs 2-D tensors, got (4,)"


def test_mm_symbolic_and_variadic() -> None:
    assert fw.mm(S("B", 784), S(784, 10)) == S("B", 10)
    assert fw.mm(S("B", "n"), S("m", 10)) == S("B", 10)  # n vs m: unknown, silent
    assert fw.mm(V(3, 4), S(4, 2)) == S(3, 2)  # if it runs at all, the rank is 2
    assert fw.mm(V(), S(4, 2)) == S(None, 2)
    assert reason(fw.mm, V(2, 3, 4), S(4, 2)) == "`mm` needs 2-D tensors, got (…, 2, 3, 4)"
    assert reason(fw.mm, S(2, "k"), S(Dim.sym("k") + 1, 2)) == (
        "inner dimensions differ: (2, k) @ (k+1, 2) (k vs k+1)"
    )


def test_bmm_batch_must_match_exactly() -> None:
    assert fw.bmm(S("B", 3, 4), S("B", 4, 5)) == S("B", 3, 5)
    assert fw.bmm(S("B", 3, 4), S(8, 4, 5)) == S(8, 3, 5)
    assert reason(fw.bmm, S(1, 3, 4), S(2, 4, 5)) == (
        "`bmm` batch sizes differ: (1, 3, 4) and (2, 4, 5)"
    )
    assert reason(fw.bmm, S(3, 4), S(4, 5)) == "`bmm` needs 3-D tensors, got (3, 4)"
    assert fw.bmm(V(), V(4, 5)) == S(None, None, 5)


def test_mv() -> None:
    assert fw.mv(S("n", "m"), S("m")) == S("n")
    assert reason(fw.mv, S(3, 4), S(5)) == "inner dimensions differ: (3, 4) @ (5,) (4 vs 5)"
    assert reason(fw.mv, S(3, 4), S(4, 1)) == "`mv` vector needs a 1-D tensor, got (4, 1)"


def test_torch_t() -> None:
    assert fw.torch_t(S("a", "b")) == S("b", "a")
    assert fw.torch_t(S(5)) == S(5)
    assert fw.torch_t(S()) == S()
    assert fw.torch_t(V(3, 4)) == S(4, 3)
    assert fw.torch_t(V(4)) == Shape.unknown()  # (4,) or (?, 4).t() = (4, ?)
    assert reason(fw.torch_t, S(1, 2, 3)) == (
        "`.t()` needs a tensor with at most 2 dims, got (1, 2, 3)"
    )


# -- torch linear layers ---------------------------------------------------------------------


def test_linear() -> None:
    assert fw.linear(S("B", "T", 784), 784, 128) == S("B", "T", 128)
    assert fw.linear(S(784), 784, 128) == S(128)
    assert fw.linear(V(784), 784, 128) == V(128)
    assert fw.linear(V(), 784, 128) == V(128)
    assert fw.linear(S("B", "F"), 784, 128) == S("B", 128)
    assert fw.linear(S("B", None), 784, 128) == S("B", 128)
    assert fw.linear(S(2, 5), None, 7) == S(2, 7)
    assert reason(fw.linear, S(64, 100), 784, 128) == (
        "nn.Linear(in_features=784) expects last dim 784, got (64, 100)"
    )
    assert reason(fw.linear, S(), 3, 4) == "`nn.Linear` needs a tensor of rank >= 1, got ()"


def test_f_linear() -> None:
    assert fw.f_linear(S("B", 4), S(6, 4), S(6)) == S("B", 6)
    assert fw.f_linear(S("B", 4), S(6, 4), S(1)) == S("B", 6)
    assert fw.f_linear(S("B", 4), S(4)) == S("B")
    assert fw.f_linear(S(2, 4), S("out", "in")) == S(2, "out")
    assert fw.f_linear(V(4), V(6, 4)) == V(6)
    assert fw.f_linear(S(2, 4), V()) == Shape.unknown()
    assert fw.f_linear(S(2, 4), V(4)) == Shape.unknown()  # (4,) or (?, 4)
    assert fw.f_linear(S(2, 4), V(4), S(6)) == S(2, None)  # a bias needs a 2-D weight
    assert reason(fw.f_linear, S(2, 4), V(5)) == (
        "inner dimensions differ: (2, 4) @ weight.T with weight (…, 5) (4 vs 5)"
    )
    assert fw.f_linear(S(2, 4), S(6, 4), S(2, 6)) == Shape.unknown()  # 2-D bias: not modelled
    assert reason(fw.f_linear, S(2, 4), S(6, 4), S(5)) == (
        "`F.linear` bias (5,) does not match 6 output features"
    )
    assert reason(fw.f_linear, S(2, 4), S(4), S(6)) == (
        "`F.linear` with a 1-D weight (4,) cannot take a bias"
    )
    assert reason(fw.f_linear, S(2, 5), S(6, 4)) == (
        "inner dimensions differ: (2, 5) @ weight.T with weight (6, 4) (5 vs 4)"
    )
    assert reason(fw.f_linear, S(2, 4), S(1, 6, 4)) == (
        "`F.linear` needs a 1-D or 2-D weight, got (1, 6, 4)"
    )


def test_bilinear() -> None:
    assert fw.bilinear(S("B", 3), S("B", 4), 3, 4, 6) == S("B", 6)
    assert fw.bilinear(V(3), S(2, 5, 4), 3, 4, 6) == S(2, 5, 6)
    assert fw.bilinear(V(3), V(4), 3, 4, 6) == V(6)
    assert reason(fw.bilinear, S(2, 3), S(1, 4), 3, 4, 6) == (
        "`nn.Bilinear` batch dims differ: (2, 3) and (1, 4)"
    )
    assert reason(fw.bilinear, S(3), S(2, 4), 3, 4, 6) == (
        "`nn.Bilinear` batch dims differ: (3,) and (2, 4)"
    )
    assert reason(fw.bilinear, S(2, 4), S(2, 4), 3, 4, 6) == (
        "nn.Bilinear(in1_features=3) expects last dim 3, got (2, 4)"
    )


def test_embedding() -> None:
    assert fw.embedding(S("B", "T"), 100, 32) == S("B", "T", 32)
    assert fw.embedding(S(), 100, 32) == S(32)
    assert fw.embedding(V(), 100, 32) == V(32)


# -- TensorFlow and Keras products ---------------------------------------------------------


def test_tf_matmul_flags_and_batch_broadcast() -> None:
    assert fw.tf_matmul(S(4, 3), S(4, 5), transpose_a=True) == S(3, 5)
    assert fw.tf_matmul(S(3, 4), S(5, 4), adjoint_b=True) == S(3, 5)
    assert fw.tf_matmul(S(5, 1, 3, 4), S(2, 4, 3)) == S(5, 2, 3, 3)
    assert fw.tf_matmul(S("B", 3, 4), S(4, 5)) == S("B", 3, 5)
    assert fw.tf_matmul(V(3, 4), S(2, 4, 5)) == V(2, 3, 5)
    assert reason(fw.tf_matmul, S(2, 3, 4), S(3, 4, 5)) == (
        "`tf.matmul`: batch dimensions of (2, 3, 4) and (3, 4, 5) do not broadcast"
    )
    assert reason(fw.tf_matmul, S(3), S(3, 4)) == (
        "`tf.matmul` needs a tensor of rank >= 2, got (3,)"
    )
    assert reason(fw.tf_matmul, S(3, 4), S(3, 4), transpose_a=True, adjoint_a=True) == (
        "`tf.matmul`: only one of transpose_a and adjoint_a can be True"
    )
    assert reason(fw.tf_matmul, S(3, 4), S(5, 4)) == (
        "inner dimensions differ: (3, 4) @ (5, 4) (4 vs 5)"
    )


def test_keras_dot_multiplies_batch_dims_out() -> None:
    assert fw.keras_dot(S(2, 3, 4), S(7, 4, 5)) == S(2, 3, 7, 5)
    assert fw.keras_dot(S("B", "F"), S("F", 10)) == S("B", 10)
    assert fw.keras_dot(S(4), S(2, 4, 5)) == S(2, 5)
    assert fw.keras_dot(V(3, 4), S(4, 5)) == V(3, 5)
    assert fw.keras_dot(S(2, 3, 4), V(4, 5)) == V(5)
    assert reason(fw.keras_dot, S(3), S(3, 4)) == (
        "`K.dot` of rank <= 2 operands needs two matrices, got (3,) and (3, 4)"
    )
    assert reason(fw.keras_dot, S(2, 3, 4), S(4)) == (
        "`K.dot` right operand needs a tensor of rank >= 2, got (4,)"
    )
    assert reason(fw.keras_dot, S(2, 3, 4), S(5, 4)) == (
        "inner dimensions differ: (2, 3, 4) · (5, 4) (4 vs 5)"
    )


def test_keras_batch_dot() -> None:
    assert fw.keras_batch_dot(S("B", 3), S("B", 3)) == S("B", 1)
    assert fw.keras_batch_dot(S(32, 20, 1), S(32, 30, 20), (1, 2)) == S(32, 1, 30)
    assert fw.keras_batch_dot(S("B", 3, 4), S("B", 4, 5)) == S("B", 3, 5)
    assert fw.keras_batch_dot(S("B", 3, 4), S("B", 5, 4), -1) == S("B", 3, 5)
    assert fw.keras_batch_dot(S(None, 3), S(2, 3, 6), (1, 1)) == S(2, 6)
    assert fw.keras_batch_dot(V(3), S(2, 3)) == Shape.unknown()
    assert fw.keras_batch_dot(S(2, 3), S(2, 3), -3) == Shape.unknown()  # wraps in Python
    assert reason(fw.keras_batch_dot, S(2, 3), S(3, 3)) == (
        "`batch_dot` batch sizes differ: (2, 3) and (3, 3)"
    )
    assert reason(fw.keras_batch_dot, S(2, 3), S(2, 3), 0) == (
        "`batch_dot` cannot contract the batch axis 0 (axes=[0, 0])"
    )
    assert reason(fw.keras_batch_dot, S(2, 3), S(2, 3), (1, 3)) == (
        "`batch_dot` axes [1, 3] are out of range for (2, 3) and (2, 3)"
    )
    assert reason(fw.keras_batch_dot, S(2), S(2, 3)) == (
        "`batch_dot` needs a tensor of rank >= 2, got (2,)"
    )
    assert reason(fw.keras_batch_dot, S(2, 3, 4), S(2, 5, 4), (2, 1)) == (
        "`batch_dot` contracted dims differ: (2, 3, 4) axis 2 vs (2, 5, 4) axis 1 (4 vs 5)"
    )


def test_keras_dot_layer_axes_count_the_batch_and_wrap() -> None:
    assert fw.keras_dot_layer(S(None, 3, 4), S(None, 4, 5), (2, 1)) == S(None, 3, 5)
    assert fw.keras_dot_layer(S("B", 8), S("B", 8), -1, normalize=True) == S("B", 1)
    assert fw.keras_dot_layer(V(8), S(2, 8), 1) == Shape.unknown()
    assert fw.keras_dot_layer(S(2, 8), S(2, 8), None) == Shape.unknown()
    assert reason(fw.keras_dot_layer, S(2, 3), S(2, 3), 2) == (
        "`Dot` axes [2, 2] are out of range for (2, 3) and (2, 3)"
    )


def test_dense() -> None:
    assert fw.dense(S("B", "T", 16), 8) == S("B", "T", 8)
    assert fw.dense(V(), 8) == V(8)
    assert fw.dense(S(4), 3, min_rank=1) == S(3)
    assert reason(fw.dense, S(4), 3) == "`Dense` needs a tensor of rank >= 2, got (4,)"


# -- convolution and pooling ---------------------------------------------------------------


def test_conv_output_size_symbolic() -> None:
    H = Dim.sym("H")
    assert fw.conv_output_size(H, 3, 1, 1) == H
    assert fw.conv_output_size(H, 5) == H - 4
    assert fw.conv_output_size(2 * H, 2, 2) == H
    assert fw.conv_output_size(H, 2, 2).is_unknown  # (H - 2) // 2 + 1 is not a polynomial
    assert fw.conv_output_size(H, 3, 2, 1, 1, ceil_mode=True).is_unknown
    assert fw.conv_output_size(Dim.unknown(), 3).is_unknown
    assert fw.conv_output_size(7, 3, 2, 1, 1, ceil_mode=True) == Dim.of(4)
    assert fw.conv_output_size(5, 2, 2, 1, ceil_mode=True) == Dim.of(3)  # last window dropped
    assert reason(fw.conv_output_size, 3, 5) == "kernel 5 is larger than the padded input 3"
    assert reason(fw.conv_output_size, 3, 3, 1, 0, 2) == (
        "kernel 5 is larger than the padded input 3"
    )


def test_conv_torch() -> None:
    x = S("N", 3, "H", "W")
    assert fw.conv(x, ndim=2, out_channels=16, kernel_size=3, padding=1, in_channels=3) == (
        S("N", 16, "H", "W")
    )
    assert fw.conv(S(3, 32, 32), ndim=2, out_channels=8, kernel_size=5) == S(8, 28, 28)
    assert fw.conv(
        V(3, "H", "W"), ndim=2, out_channels=16, kernel_size=3, padding="same", in_channels=3
    ) == V(16, "H", "W")
    assert fw.conv(V(), ndim=2, out_channels=16, kernel_size=3) == V(16, None, None)
    assert fw.conv(
        S(1, 4, 10), ndim=1, out_channels=6, kernel_size=4, padding="same", dilation=2
    ) == S(1, 6, 10)
    assert (
        reason(fw.conv, S(8, 1, 32, 32), ndim=2, out_channels=16, kernel_size=3, in_channels=3)
        == "expected 3 input channels, got 1 in (8, 1, 32, 32)"
    )
    assert reason(fw.conv, S(1, 3, 3), ndim=1, out_channels=4, kernel_size=5) == (
        "kernel 5 is larger than the padded input 3"
    )
    assert reason(
        fw.conv,
        S(1, 3, 10),
        ndim=1,
        out_channels=4,
        kernel_size=3,
        stride=2,
        padding="same",
        style="torch",
    ) == ("padding='same' is not supported for strided convolutions")
    # without a style, a strided "same" is Keras with channels first (torch refuses it)
    assert fw.conv(
        S(1, 3, 10), ndim=1, out_channels=4, kernel_size=3, stride=2, padding="same"
    ) == S(1, 4, 5)
    assert (
        reason(
            fw.conv, S(2, 4, 8, 8), ndim=2, out_channels=6, kernel_size=3, groups=4, in_channels=4
        )
        == "out_channels=6 is not divisible by groups=4"
    )
    assert reason(fw.conv, S(32, 32), ndim=2, out_channels=6, kernel_size=3) == (
        "`Conv2d` needs a 3-D or 4-D tensor, got (32, 32)"
    )
    assert reason(
        fw.conv,
        S(2, 4, 1, 1),
        ndim=2,
        out_channels=4,
        kernel_size=3,
        padding=1,
        padding_mode="reflect",
    ) == ("reflect padding 1 must be smaller than the input size 1 in (2, 4, 1, 1)")
    assert fw.conv(
        S(2, 4, 1, 1), ndim=2, out_channels=4, kernel_size=3, padding=1, padding_mode="circular"
    ) == S(2, 4, 1, 1)
    assert reason(fw.conv, S(2, 3, 8), ndim=1, out_channels=4, kernel_size=(3, 3)) == (
        "kernel_size needs 1 values, got 2"
    )


def test_conv_keras() -> None:
    x = S("B", 28, 28, 1)
    same = fw.conv(
        x,
        ndim=2,
        out_channels=32,
        kernel_size=3,
        stride=2,
        padding="same",
        channels_last=True,
        style="keras",
    )
    assert same == S("B", 14, 14, 32)
    assert fw.conv(
        x, ndim=2, out_channels=32, kernel_size=3, channels_last=True, style="keras"
    ) == S("B", 26, 26, 32)
    assert fw.conv(
        S(2, 10, 3),
        ndim=1,
        out_channels=4,
        kernel_size=5,
        padding="causal",
        dilation=2,
        channels_last=True,
        style="keras",
    ) == S(2, 10, 4)
    # without a style, channels-last or "causal" means Keras: "same" with a stride is fine
    assert (
        fw.conv(
            x, ndim=2, out_channels=32, kernel_size=3, stride=2, padding="same", channels_last=True
        )
        == same
    )
    assert fw.conv(
        S(2, 3, 9), ndim=1, out_channels=4, kernel_size=3, stride=2, padding="causal"
    ) == S(2, 4, 5)  # channels first
    # an empty axis: tf-keras runs, Keras 3 refuses
    empty = S(2, 1, 1, 3)
    assert fw.conv(
        empty, ndim=2, out_channels=2, kernel_size=2, channels_last=True, style="keras"
    ) == S(2, 0, 0, 2)
    assert (
        reason(
            fw.conv,
            empty,
            ndim=2,
            out_channels=2,
            kernel_size=2,
            channels_last=True,
            style="keras3",
        )
        == "kernel 2 is larger than the input 1"
    )
    assert (
        reason(
            fw.conv, empty, ndim=2, out_channels=2, kernel_size=3, channels_last=True, style="keras"
        )
        == "kernel 3 is larger than the input 1"
    )
    assert reason(
        fw.conv,
        x,
        ndim=2,
        out_channels=32,
        kernel_size=3,
        stride=2,
        dilation=2,
        channels_last=True,
        style="keras",
    ) == ("Keras convolutions cannot combine strides > 1 with dilation_rate > 1")
    assert reason(
        fw.conv,
        S(28, 28, 1),
        ndim=2,
        out_channels=32,
        kernel_size=3,
        channels_last=True,
        style="keras",
    ) == ("`Conv2D` needs a tensor of rank >= 4, got (28, 28, 1)")
    # extra leading batch dims: tf-keras keeps them, Keras 3 refuses
    assert fw.conv(
        S(2, 5, 7, 7, 3), ndim=2, out_channels=4, kernel_size=3, channels_last=True, style="keras"
    ) == S(2, 5, 5, 5, 4)
    assert reason(
        fw.conv,
        S(2, 5, 7, 7, 3),
        ndim=2,
        out_channels=4,
        kernel_size=3,
        channels_last=True,
        style="keras3",
    ) == ("`Conv2D` needs a 4-D tensor, got (2, 5, 7, 7, 3)")


def test_conv_transpose() -> None:
    assert fw.conv_transpose(
        S(2, 3, 4, 4),
        ndim=2,
        out_channels=5,
        kernel_size=3,
        stride=2,
        padding=1,
        output_padding=1,
        in_channels=3,
    ) == S(2, 5, 8, 8)
    assert fw.conv_transpose(
        S("N", 3, "H", "W"), ndim=2, out_channels=5, kernel_size=3, padding=1
    ) == S("N", 5, "H", "W")
    assert reason(
        fw.conv_transpose,
        S(2, 3, 4, 4),
        ndim=2,
        out_channels=5,
        kernel_size=3,
        stride=2,
        output_padding=2,
    ) == ("output_padding 2 must be smaller than the stride 2 or the dilation 1")
    assert (
        reason(
            fw.conv_transpose, S(2, 2, 4, 4), ndim=2, out_channels=5, kernel_size=3, in_channels=3
        )
        == "expected 3 input channels, got 2 in (2, 2, 4, 4)"
    )
    assert (
        reason(fw.conv_transpose, S(2, 3, 1, 1), ndim=2, out_channels=5, kernel_size=1, padding=1)
        == "`ConvTranspose2d` output size would be -1 for input (2, 3, 1, 1)"
    )


def test_pool() -> None:
    assert fw.pool(S("N", 3, "H", 7), ndim=2, kernel_size=2) == S("N", 3, None, 3)
    assert fw.pool(S("N", 3, "H", 7), ndim=2, kernel_size=1) == S("N", 3, "H", 7)
    assert fw.pool(S(2, 3, 7, 7), ndim=2, kernel_size=3, stride=2, ceil_mode=True) == (
        S(2, 3, 3, 3)
    )
    assert fw.pool(V(), ndim=2, kernel_size=2) == V(None, None, None)
    assert fw.pool(
        S(2, 7, 7, 3), ndim=2, kernel_size=2, padding="same", channels_last=True, style="keras"
    ) == S(2, 4, 4, 3)
    assert fw.pool(S(2, 7, 7, 3), ndim=2, kernel_size=2, channels_last=True, style="keras") == S(
        2, 3, 3, 3
    )
    assert fw.pool(
        S(2, 7, 7, 3), ndim=2, kernel_size=2, padding="SAME", channels_last=True, style="keras"
    ) == S(2, 4, 4, 3)
    assert reason(fw.pool, S(2, 3, 7, 7), ndim=2, kernel_size=2, padding=2) == (
        "`MaxPool2d` padding 2 is more than half the kernel 2"
    )
    assert reason(fw.pool, S(3, 1, 1), ndim=2, kernel_size=2, kind="avg") == (
        "kernel 2 is larger than the padded input 1"
    )
    assert (
        reason(fw.pool, S(7, 7, 3), ndim=2, kernel_size=2, channels_last=True, style="keras")
        == "`Pooling2D` needs a 4-D tensor, got (7, 7, 3)"
    )
    assert (
        reason(fw.pool, S(2, 3, 7, 7), ndim=2, kernel_size=2, padding="same", style="torch")
        == "torch pooling padding must be an int or a tuple, got 'same'"
    )
    # without a style, a string padding or a channels-last layout means Keras
    assert fw.pool(S(2, 7, 7, 3), ndim=2, kernel_size=2, padding="same") == S(2, 7, 4, 2)
    assert fw.pool(S(2, 7, 7, 3), ndim=2, kernel_size=2, channels_last=True) == S(2, 3, 3, 3)


def test_adaptive_pool() -> None:
    assert fw.adaptive_pool(S("N", 3, "H", "W"), ndim=2, output_size=(None, 7)) == (
        S("N", 3, "H", 7)
    )
    assert fw.adaptive_pool(S(2, 3, 4, 5, 6), ndim=2, output_size=1) == S(2, 3, 4, 1, 1)
    assert fw.adaptive_pool(S(5, 6), ndim=2, output_size=1) == S(1, 1)
    assert fw.adaptive_pool(V(), ndim=2, output_size=3) == V(3, 3)
    assert reason(fw.adaptive_pool, S(5, 6), ndim=2, output_size=(1, 1)) == (
        "`AdaptiveAvgPool2d` needs a batch or channel dim, got (5, 6)"
    )
    assert reason(fw.adaptive_pool, S(2, 3, 4, 5, 6), ndim=2, output_size=1, kind="max") == (
        "`AdaptivePool2d` needs a 3-D or 4-D tensor, got (2, 3, 4, 5, 6)"
    )
    assert reason(fw.adaptive_pool, S(5), ndim=1, output_size=1) == (
        "`AdaptivePool1d` needs a 2-D or 3-D tensor, got (5,)"
    )


# -- flatten -------------------------------------------------------------------------------------


def test_flatten() -> None:
    assert fw.torch_flatten(S("N", 3, 4, 4)) == S("N", 48)
    assert fw.torch_flatten(S("N", "C", 4)) == Shape((Dim.sym("N"), 4 * Dim.sym("C")))
    assert fw.torch_flatten(S(), 0) == S(1)
    assert reason(fw.torch_flatten, S()) == "dim 1 is out of range for ()"
    assert fw.torch_flatten(S(2, 3, 4), 0, 1) == S(6, 4)
    assert fw.torch_flatten(V(4, 4)) == S(None, None)
    assert fw.torch_flatten(V(3, 4, 5), -2, -1) == V(3, 20)
    assert fw.torch_flatten(V(4), 2, 1) == Shape.unknown()
    assert fw.torch_flatten(V(5), -3, -2) == V(None, 5)
    assert fw.torch_flatten(V(), -3, -2) == Shape.unknown()
    assert reason(fw.torch_flatten, S(2, 3), 2) == "dim 2 is out of range for (2, 3)"
    assert reason(fw.torch_flatten, S(2, 3, 4), 2, 1) == (
        "flatten start_dim 2 comes after end_dim 1 for (2, 3, 4)"
    )
    assert reason(fw.torch_flatten, V(2, 3), -1, -2) == (
        "flatten start_dim -1 comes after end_dim -2 for (…, 2, 3)"
    )
    assert fw.keras_flatten(S("B", 3, 4)) == Shape((Dim.sym("B"), Dim.of(12)))
    assert fw.keras_flatten(S(5)) == S(5, 1)
    assert fw.keras_flatten(V(3)) == S(None, None)
    assert reason(fw.keras_flatten, S()) == "`Flatten` needs a tensor of rank >= 1, got ()"


# -- recurrent and attention --------------------------------------------------------------------


def test_rnn() -> None:
    out, h = fw.rnn(
        S("T", "B", 10), hidden_size=20, input_size=10, bidirectional=True, num_layers=2
    )
    assert (out, h) == (S("T", "B", 40), S(4, "B", 20))
    out, h = fw.rnn(S("B", "T", 10), hidden_size=20, batch_first=True, proj_size=5)
    assert (out, h) == (S("B", "T", 5), S(1, "B", 5))
    assert fw.rnn(S("T", 10), hidden_size=20) == (S("T", 20), S(1, 20))
    assert fw.rnn(V(10), hidden_size=20, input_size=10) == (V(20), V(20))
    assert fw.rnn(V(2, 10), hidden_size=20) == (V(2, 20), V(20))
    assert reason(fw.rnn, S("T", "B", 12), hidden_size=20, input_size=10) == (
        "`RNN` expects input_size 10 as the last dim, got (T, B, 12)"
    )
    assert reason(fw.rnn, S(1, 2, 3, 4), hidden_size=20) == (
        "`RNN` needs a 2-D or 3-D tensor, got (1, 2, 3, 4)"
    )


def test_keras_rnn() -> None:
    assert fw.keras_rnn(S("B", "T", 8), 16, return_sequences=True) == S("B", "T", 16)
    assert fw.keras_rnn(S("B", "T", 8), 16) == S("B", 16)
    assert fw.keras_rnn(V(8), 16) == S(None, 16)
    assert reason(fw.keras_rnn, S("B", 8), 16) == (
        "Keras recurrent layer needs a 3-D tensor, got (B, 8)"
    )


def test_multihead_attention() -> None:
    q, kv = S("L", "N", 6), S("S", "N", 6)
    assert fw.multihead_attention(q, kv, kv, embed_dim=6, num_heads=2) == S("L", "N", 6)
    assert fw.multihead_attention(S(5, 6), S(7, 6), S(7, 6), embed_dim=6) == S(5, 6)
    assert fw.multihead_attention(V(), V(), V(), embed_dim=6) == V(6)
    assert reason(fw.multihead_attention, q, kv, kv, embed_dim=6, num_heads=4) == (
        "embed_dim 6 is not divisible by num_heads 4"
    )
    assert reason(fw.multihead_attention, S(5, 2, 6), S(7, 2, 6), S(8, 2, 6), embed_dim=6) == (
        "`MultiheadAttention` key (7, 2, 6) and value (8, 2, 6) differ in their leading dims"
    )
    assert fw.multihead_attention(
        S(5, 2, 6), S(7, 2, 5), S(7, 2, 4), embed_dim=6, kdim=5, vdim=4
    ) == S(5, 2, 6)
    assert fw.multihead_attention(
        S(5, 6), S(7, 5), S(7, 4), embed_dim=6, kdim=Dim.unknown(), vdim=Dim.unknown()
    ) == S(5, 6)
    assert reason(fw.multihead_attention, S(5, 2, 6), S(7, 3, 6), S(7, 3, 6), embed_dim=6) == (
        "`MultiheadAttention` batch sizes differ: query (5, 2, 6), key (7, 3, 6)"
    )
    assert reason(fw.multihead_attention, S(5, 6), S(7, 2, 6), S(7, 2, 6), embed_dim=6) == (
        "`MultiheadAttention` key (7, 2, 6) must have the query's rank 2"
    )
    assert reason(fw.multihead_attention, S(5, 2, 4), S(7, 2, 6), S(7, 2, 6), embed_dim=6) == (
        "`MultiheadAttention` expects embed_dim 6 as the query's last dim, got (5, 2, 4)"
    )
    assert reason(
        fw.multihead_attention, S(5, 2, 6), S(7, 2, 6), S(7, 2, 4), embed_dim=6, kdim=5, vdim=4
    ) == ("`MultiheadAttention` expects kdim 5 as the key's last dim, got (7, 2, 6)")
    assert reason(
        fw.multihead_attention, S(5, 6), S(7, 5), S(7, 5), embed_dim=6, kdim=5, vdim=4
    ) == ("`MultiheadAttention` expects vdim 4 as the value's last dim, got (7, 5)")
    batch_first = fw.multihead_attention(
        S("N", "L", 6), S("N", "S", 6), S("N", "S", 6), embed_dim=6, batch_first=True
    )
    assert batch_first == S("N", "L", 6)
