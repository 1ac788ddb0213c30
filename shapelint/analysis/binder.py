"""The one argument binder: how the arguments written at a call become a kind's parameters.

Every op, method and layer kind reads its arguments through here, so these questions are
decided once:

- **aliases**: a keyword is read under its parameter's canonical name, so a parameter written
  by position or by keyword is the same parameter;
- **written but unknown**: the parameter is bound to ``UNKNOWN``; its readers give
  ``None``/``UNREADABLE``, never the default (an unknown value is never an absent one);
- **not written**: the parameter is absent and its reader gives the kind's default;
- **``*args``/``**kwargs`` at the call site**: they could fill any parameter, so the call is
  opaque and the caller makes its result unknown (``Binding.understood`` is False);
- **not understood**: a parameter the kind's signature marks ``unmodelled``, an argument its
  signature does not name, or a positional past a layer table's parameters: the result is
  unknown and no event is reported.

A kind binds by the parameter names its framework table lists (``Op.params``,
``LayerSpec.params``: positions, then any keyword) until it declares a full ``Signature`` in
``SIGNATURES``. Without one, an op's positional past its table's roles is dropped (op tables
list only the leading parameters that shape the result, and ``.to(device)``/``.astype(dtype)``
must not lose the shape), while a layer's makes the result unknown (``nn.LSTM(4, 8, 1, True,
True)`` passes ``batch_first`` by position). With a signature every argument is decided by it;
a ``neutral`` parameter (``dtype``, ``device``, ``activation``) is accepted and ignored.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from shapelint.analysis import convert
from shapelint.analysis.frameworks.spec import ROLE_ALIASES, LayerSpec, Op
from shapelint.analysis.values import UNKNOWN, Constant, IntValue, Layer, TupleValue, Value
from shapelint.shapes.shape import UNKNOWN_DIM, Dim

Status = Literal["modelled", "neutral", "unmodelled"]

# a reader's answer for a parameter written with a value it cannot read (never the default)
UNREADABLE: Any = object()
# the key a layer built from a call the model does not understand carries
NOT_UNDERSTOOD = "<not understood>"


@dataclass(frozen=True)
class Param:
    """One parameter of a kind: its name, its position (None: keyword-only) and whether the
    shape rule reads it (``modelled``), it cannot change the shape (``neutral``), or it can and
    the rule does not model it (``unmodelled``: a call passing it has an unknown result)."""

    name: str
    position: int | None = None
    status: Status = "modelled"


@dataclass(frozen=True)
class Signature:
    params: tuple[Param, ...]

    def at(self, index: int) -> Param | None:
        return next((p for p in self.params if p.position == index), None)

    def named(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)


def signature(*params: Param) -> Signature:
    return Signature(params)


# kind -> its declared signature; a kind without one binds by its framework table's names
SIGNATURES: dict[str, Signature] = {}


@dataclass
class Binding:
    """A call's arguments by parameter name; ``understood`` is False when one of them is
    beyond what the kind models (its result must be unknown)."""

    args: dict[str, Value] = field(default_factory=dict)
    varargs: list[Value] | None = None
    understood: bool = True


def _bind_declared(
    declared: Signature, positional: list[Value], keywords: Iterable[tuple[str, Value]]
) -> Binding:
    binding = Binding()
    written = [(declared.at(i), value) for i, value in enumerate(positional)]
    written += [(declared.named(name), value) for name, value in keywords]
    for param, value in written:
        if param is None or param.status == "unmodelled":
            binding.understood = False
        elif param.status == "modelled":
            binding.args[param.name] = value
    return binding


def bind_call(spec: Op, positional: list[Value], keywords: dict[str, Value]) -> Binding:
    """An op's or a method's arguments bound to the roles its kind reads."""
    declared = SIGNATURES.get(spec.kind)
    if declared is not None:
        return _bind_declared(declared, positional, keywords.items())
    binding = Binding()
    for index, value in enumerate(positional):
        role = spec.params[index] if index < len(spec.params) else None
        if spec.varargs is not None and (role == spec.varargs or role is None):
            binding.varargs = list(positional[index:])
            break
        if role is not None:
            binding.args[role] = value
        # a positional past the table's roles is dropped: op tables list only the leading
        # parameters that shape the result (``.to(device)``, ``.astype(dtype)``, ``np.zeros(s,
        # float)`` pass the rest); a declared Signature makes it not understood instead
    for name, value in keywords.items():
        raw = name in spec.params or spec.opts.get("raw_keywords")
        role = spec.aliases.get(name) or (name if raw else ROLE_ALIASES.get(name, name))
        binding.args[role] = value
    return binding


def bind_layer(
    spec: LayerSpec,
    framework: str,
    display: str,
    positional: list[Value],
    keywords: dict[str, Value],
) -> Layer:
    """A layer built from its constructor call, its table's options folded in."""
    params: dict[str, Value] = {
        key: IntValue(Dim.of(v)) if isinstance(v, int) else Constant(v)
        for key, v in spec.opts.items()
        if isinstance(v, (int, str))
    }
    aliased = [(spec.aliases.get(name, name), value) for name, value in keywords.items()]
    declared = SIGNATURES.get(spec.kind)
    if declared is not None:
        binding = _bind_declared(declared, positional, aliased)
        params.update(binding.args)
        understood = binding.understood
    elif spec.kind == "sequential" and framework == "torch":
        params["layers"] = TupleValue(tuple(positional))
        params.update(aliased)
        understood = True
    else:
        params.update(zip(spec.params, positional))
        params.update(aliased)
        understood = len(positional) <= len(spec.params)
    if not understood:
        params[NOT_UNDERSTOOD] = UNKNOWN
    return Layer(spec.kind, tuple(params.items()), framework, display)


def understood(layer: Layer) -> bool:
    return layer.param(NOT_UNDERSTOOD, Constant(True)) is not UNKNOWN


class Arguments(ABC):
    """Readers of a kind's bound parameters: absent gives the default, written-but-unreadable
    gives ``None`` (or ``UNREADABLE``), never the default."""

    @abstractmethod
    def param(self, name: str) -> Value | None:
        """The value written for ``name``; None when it was not written at all."""

    def int_param(self, name: str, default: int | None = None) -> int | None:
        value = self.param(name)
        return default if value is None else convert.as_int(value)

    def dim_param(self, name: str) -> Dim:
        value = self.param(name)
        return convert.as_dim(value) if value is not None else UNKNOWN_DIM

    def bool_param(self, name: str, default: bool) -> bool | None:
        return convert.as_bool(self.param(name), default)

    def str_param(self, name: str, default: str) -> str | None:
        value = self.param(name)
        return default if value is None else convert.as_str(value)

    def kernel(self, name: str, ndim: int, default: int | None = None) -> Any:
        """A size per spatial dim (``kernel_size=3``, ``stride=(2, 1)``) or a padding word:
        one int when all agree, a tuple otherwise, ``UNREADABLE`` when written but unknown."""
        value = self.param(name)
        if value is None:
            return default
        if isinstance(value, Constant) and isinstance(value.value, str):
            return value.value
        ints = convert.as_int_tuple(value, ndim)
        if ints is None:
            return UNREADABLE
        return ints[0] if len(set(ints)) == 1 else ints
