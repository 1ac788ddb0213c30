"""How a finding's message names the code it points at: on one line, whatever the source's
layout (a callee written over several lines, a layer built by a multi-line constructor call).

Why: a message is one line in every output format (text, JSON, SARIF, an editor's hover);
a layer named by its multi-line source breaks that and says less than its class and the
arguments its shape rule reads.
"""

from __future__ import annotations

from shapelint.analysis.frameworks.spec import LayerSpec
from shapelint.analysis.values import Constant, IntValue, SomeFloat, TupleValue, Value

_LIMIT = 60  # characters of arguments shown before the rest is cut to "…"


def one_line(text: str, limit: int = _LIMIT) -> str:
    """Source text fit for a one-line message: whitespace runs collapsed, long text cut."""
    flat = " ".join(text.split()).replace("( ", "(").replace(" )", ")").replace(",)", ")")
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def layer_display(
    callee: str, spec: LayerSpec, positional: list[Value], keywords: dict[str, Value]
) -> str:
    """A layer as ``callee(name=value, …)``: its class as written and the arguments its table
    names, literals shown as written, anything else and any further argument as ``…``."""
    named = list(zip(spec.params, positional))
    more = len(positional) > len(spec.params) or spec.kind == "sequential"
    for name, value in keywords.items():
        if spec.aliases.get(name, name) in spec.params:
            named.append((name, value))
        else:
            more = True
    parts = [f"{name}={_literal_text(value)}" for name, value in named]
    if len(", ".join(parts)) > _LIMIT:
        while parts and len(", ".join(parts)) > _LIMIT - 4:
            parts.pop()
        more = True
    text = ", ".join(parts)
    if more:
        text = f"{text}, …" if text else "…"
    return f"{one_line(callee)}({text})"


def _literal_text(value: Value) -> str:
    """A constructor argument as a message shows it: literals as written, the rest as ``…``."""
    if isinstance(value, IntValue) and value.dim.value is not None:
        return str(value.dim.value)
    if isinstance(value, Constant) and isinstance(value.value, SomeFloat):
        return "…"
    if isinstance(value, Constant) and isinstance(value.value, (str, bool, float, type(None))):
        return repr(value.value)
    if isinstance(value, TupleValue) and value.items:
        items = [_literal_text(item) for item in value.items]
        if "…" not in items:
            return f"({', '.join(items)}{',' if len(items) == 1 else ''})"
    return "…"
