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
- **not understood**: a parameter the kind's signature marks ``unmodelled``, or an argument
  its signature does not name: the result is unknown and no event is reported.

A kind binds by the parameter names its framework table lists (``Op.params``,
``LayerSpec.params``: positions, then any keyword). Every other argument is decided by the
classification of the API's real parameters (``frameworks/*_params.py``, checked against the
recorded signatures): a positional past the table's roles fills the real parameter at that
position (``frameworks.positions``) and a keyword names one; a *modelled* parameter binds to
its role, a *shape-neutral* one (``dtype``, ``device``, ``nn.Dropout(p)``, ``.to(device)``)
is ignored, an *unmodelled* one (``keepdims`` of ``GlobalAveragePooling2D``), a keyword the
API does not take, or a positional no parameter takes, makes the call not understood. Every
extra positional made not understood lost hundreds of inferred shapes on the corpus, the
neutral ones being most of them. An API with no recorded signature keeps the old rule: a
positional past the roles is dropped, every keyword binds. A kind that declares a full
``Signature`` in ``SIGNATURES`` is decided by it alone.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from shapelint.analysis import convert
from shapelint.analysis.frameworks.positions import MORE, PAST_ROLES
from shapelint.analysis.frameworks.spec import (
    KERAS_LAYER_NEUTRAL,
    KERAS_LAYER_READS,
    NEUTRAL,
    ROLE_ALIASES,
    LayerSpec,
    Op,
)
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


def status(spec: Op | LayerSpec, api: str, name: str) -> Status:
    """How the API's table classifies its real parameter ``name``: read by the kind, shape
    neutral, or not modelled (also the answer for a name the API does not take)."""
    if spec.reads(name):
        return "modelled"
    if isinstance(spec, LayerSpec) and api.startswith("keras."):
        if name in KERAS_LAYER_READS:
            return "modelled"
        if name in KERAS_LAYER_NEUTRAL:
            return "neutral"
    if name in NEUTRAL or name in spec.neutral:
        return "neutral"
    return "unmodelled"


def extra_positional(spec: Op | LayerSpec, api: str, index: int) -> tuple[Status, str | None]:
    """A positional argument ``index`` places past the table's roles: ("modelled", the real
    parameter's name) when the kind reads the one parameter it fills, ("neutral", None) when
    every parameter it may fill is shape-neutral or no signature is recorded (dropped), else
    ("unmodelled", None)."""
    past = PAST_ROLES.get(api)
    if past is None:
        return "neutral", None
    if index >= len(past) or past[index] == MORE:
        return "unmodelled", None  # *args, or more positionals than the API takes
    names = past[index].split("|")
    verdicts = {status(spec, api, name) for name in names}
    if verdicts == {"neutral"}:
        return "neutral", None
    if verdicts == {"modelled"} and len(names) == 1:
        return "modelled", names[0]
    return "unmodelled", None


def bind_call(
    spec: Op, positional: list[Value], keywords: dict[str, Value], api: str = ""
) -> Binding:
    """An op's or a method's arguments bound to the roles its kind reads; ``api`` is the
    recorded name of what is called (``torch.Tensor.to`` for a method)."""
    declared = SIGNATURES.get(spec.kind)
    if declared is not None:
        return _bind_declared(declared, positional, keywords.items())
    binding = Binding()
    for index, value in enumerate(positional):
        role = spec.params[index] if index < len(spec.params) else None
        if spec.varargs is not None and (role == spec.varargs or role is None):
            binding.varargs = list(positional[index:])
            break
        if role is None:
            verdict, name = extra_positional(spec, api, index - len(spec.params))
            if verdict == "unmodelled":
                binding.understood = False
            role = spec.role(name) if name is not None else None
        if role is not None:
            binding.args[role] = value
    recorded = api in PAST_ROLES
    for name, value in keywords.items():
        if recorded and status(spec, api, name) == "unmodelled":
            binding.understood = False
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
    api: str = "",
) -> Layer:
    """A layer built from its constructor call, its table's options folded in; ``api`` is
    the layer's recorded name (``torch.nn.Linear``)."""
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
        understood = True
        for index, value in enumerate(positional[len(spec.params) :]):
            verdict, name = extra_positional(spec, api, index)
            understood = understood and verdict != "unmodelled"
            if name is not None:
                params[spec.aliases.get(name, name)] = value
        params.update(aliased)
        if api in PAST_ROLES:
            understood = understood and all(
                status(spec, api, name) != "unmodelled" for name in keywords
            )
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
