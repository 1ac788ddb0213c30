"""The vocabulary of the framework tables.

A table maps an API name to a spec: which generic op implementation (``kind``) models it,
the role each positional parameter plays, and fixed options (``opts``). The tables are data;
the kinds are implemented once in ``analysis/ops.py`` and ``analysis/layers.py``.

Every real parameter of a modelled API is classified (checked against the recorded real
signatures by ``tests/shapes/test_signatures.py``): *modelled* (a role of ``params``, or a
keyword the kind reads, ``KIND_READS``), *shape-neutral* (``NEUTRAL`` for every API, or the
entry's own ``neutral``), or *unmodelled* (the entry's ``unmodelled``). A call that passes an
unmodelled parameter, by keyword or by a position past ``params``, has an unknown result:
an option the model does not read must never be silently ignored.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

# Keyword names that mean the same role in every framework.
ROLE_ALIASES: dict[str, str] = {
    "input": "x",
    "a": "x",
    "x1": "x",
    "tensor": "x",
    "input_tensor": "x",
    "arr": "x",
    "ary": "x",
    "self": "x",
    "other": "y",
    "b": "y",
    "x2": "y",
    "mat2": "y",
    "vec": "y",
    "dim": "axis",
    "axes": "axis",
    "keepdim": "keepdims",
    "keep_dims": "keepdims",
    "newshape": "shape",
    "size": "shape",
    "dims": "shape",
    "tensors": "seq",
    "values": "seq",
    "arrays": "seq",
    "batch2": "y",
    "tensor2": "y",
    "vec2": "y",
    "exponent": "y",
    "divisor": "y",
    "dividend": "x",
    "data": "object",
    "ndarray": "x",
    "equation": "subscripts",
    "end": "stop",
    "chunks": "sections",
    "split_size": "sections",
    "split_size_or_sections": "sections",
    "indices_or_sections": "sections",
    "features": "x",
    "logits": "x",
    "t": "x",
    "m": "x",
    "array": "x",
    "prototype": "x",
    "tup": "seq",
    "xs": "seq",
    "n": "N",
    "inputs": "seq",
}


# Parameters that never change the shape of what any modelled API returns.
NEUTRAL: frozenset[str] = frozenset(
    (
        "out dtype name order subok casting signature device memory_format layout "
        "requires_grad pin_memory out_sharding copy like generator inplace seed precision "
        "preferred_element_type initial non_blocking _stacklevel"
    ).split()
)

# Keywords each kind's implementation reads beyond the positional roles of its entries.
KIND_READS: dict[str, frozenset[str]] = {
    kind: frozenset(names.split())
    for kind, names in {
        "tf_matmul": "transpose_a transpose_b adjoint_a adjoint_b",
        "reduce": "axis keepdims",
        "reduce_or_elementwise": "axis keepdims y",
        "loss": "reduction",
        "f_conv": "weight bias stride padding dilation groups",
        "tf_conv": "weight stride padding data_format",
        "tf_pool": "ksize strides padding data_format",
        "flatten": "start_dim end_dim",
        "f_linear": "weight bias",
        "array": "shape dtype",
        "shape": "dtype",
        "normal": "mean std shape",
        "randint": "high shape",
        "linspace": "num",
        "eye": "N M",
        "f_pool": "kernel_size stride padding dilation ceil_mode",
        "pool": "kernel_size stride padding dilation ceil_mode",
        "conv": "in_channels out_channels kernel_size stride padding dilation groups padding_mode",
        "conv_transpose": (
            "in_channels out_channels kernel_size stride padding output_padding dilation"
        ),
        "rnn": "input_size hidden_size num_layers proj_size batch_first bidirectional",
        "multihead_attention": "embed_dim num_heads batch_first kdim vdim",
        "transformer_encoder": "encoder_layer num_layers norm",
        "keras_conv": "filters kernel_size strides padding data_format dilation_rate",
        "keras_pool": "pool_size strides padding data_format",
        "keras_rnn": "units return_sequences return_state",
        "keras_dot_layer": "axes normalize",
        "keras_dot_fn": "axis normalize",
        "keras_concatenate": "axis",
        "keras_concat_fn": "axis",
        "keras_input": "shape batch_size",
        "keras_lambda": "arguments",
    }.items()
}

# Keras layers read ``input_shape``/``input_dim`` (passed through ``**kwargs``) on the first
# layer of a model to check the data.
KERAS_LAYER_READS = frozenset({"input_shape", "input_dim"})
# and take these of the base ``Layer`` through ``**kwargs``, none of which changes a shape
KERAS_LAYER_NEUTRAL = frozenset(
    "trainable dynamic autocast weights batch_size batch_input_shape input_length".split()
)


def _names(text: str | tuple[str, ...] | frozenset[str]) -> frozenset[str]:
    return frozenset(text.split()) if isinstance(text, str) else frozenset(text)


@dataclass(frozen=True)
class Op:
    """A function or method: ``kind`` names its implementation, ``params`` the roles of the
    positional arguments (a method's receiver is the first one)."""

    kind: str
    params: tuple[str, ...] = ("x",)
    opts: dict[str, Any] = field(default_factory=dict)
    varargs: str | None = None  # role that collects extra positional args (torch ``view(2, 3)``)
    aliases: dict[str, str] = field(default_factory=dict)
    neutral: frozenset[str] = frozenset()  # real parameters that never change the shape
    unmodelled: frozenset[str] = frozenset()  # real parameters the kind does not read

    def role(self, name: str) -> str:
        """The role a keyword argument binds to (as ``bind`` does)."""
        if name in self.aliases:
            return self.aliases[name]
        if name in self.params or self.opts.get("raw_keywords"):
            return name
        return ROLE_ALIASES.get(name, name)

    def reads(self, name: str) -> bool:
        """Whether a keyword of this name is modelled (read by the kind)."""
        if self.opts.get("raw_keywords"):
            return True
        role = self.role(name)
        return role in self.params or role == self.varargs or role in KIND_READS.get(self.kind, ())

    def understands(self, positional: int, keywords: Iterable[str], starred: bool) -> bool:
        """Whether a call with ``positional`` positional arguments, these keyword names and
        (``starred``) a ``*args`` or ``**kwargs`` that could carry anything is fully
        modelled: no unmodelled parameter is passed."""
        if starred or (positional > len(self.params) and self.varargs is None):
            return False
        return all(self.reads(n) or n in NEUTRAL or n in self.neutral for n in keywords)


@dataclass(frozen=True)
class LayerSpec:
    """A layer class: ``kind`` names its shape rule, ``params`` its constructor arguments."""

    kind: str
    params: tuple[str, ...] = ()
    opts: dict[str, Any] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)
    neutral: frozenset[str] = frozenset()
    unmodelled: frozenset[str] = frozenset()

    def reads(self, name: str) -> bool:
        """Whether a constructor keyword of this name is modelled (read by the kind)."""
        name = self.aliases.get(name, name)
        if name in self.params or name in KIND_READS.get(self.kind, ()):
            return True
        return self.kind == "einops_layer"  # every other keyword is an axis length

    def understands(self, positional: int, keywords: Iterable[str], starred: bool) -> bool:
        """As ``Op.understands``, for a constructor call (Keras' ``input_shape`` counts as
        read for every Keras layer: the first layer of a model checks it)."""
        if starred or positional > len(self.params):
            return False
        return all(
            self.reads(n) or n in NEUTRAL or n in self.neutral or n in KERAS_LAYER_READS
            for n in keywords
        )


def op(
    kind: str,
    *params: str,
    varargs: str | None = None,
    aliases: dict[str, str] | None = None,
    neutral: str = "",
    unmodelled: str = "",
    **opts: Any,
) -> Op:
    default = () if varargs else ("x",)
    return Op(
        kind, params or default, opts, varargs, aliases or {}, _names(neutral), _names(unmodelled)
    )


def layer(
    kind: str,
    *params: str,
    aliases: dict[str, str] | None = None,
    neutral: str = "",
    unmodelled: str = "",
    **opts: Any,
) -> LayerSpec:
    return LayerSpec(kind, params, opts, aliases or {}, _names(neutral), _names(unmodelled))


Spec = TypeVar("Spec", Op, LayerSpec)


def declare(table: dict[str, Spec], declarations: dict[str, tuple[str, str]]) -> dict[str, Spec]:
    """``table`` with each named entry's (neutral, unmodelled) parameters declared."""
    out = dict(table)
    for name, (neutral, unmodelled) in declarations.items():
        out[name] = replace(out[name], neutral=_names(neutral), unmodelled=_names(unmodelled))
    return out
