"""Record the real signature of every API the framework tables model.

``record_frameworks.py --signatures`` runs this once per framework (each in its own process,
like the shape records). For every name a table in ``shapelint/analysis/frameworks/``
models, the real object is looked up and its parameters are written to
``tests/data/signatures/<framework>.json``: name, kind and default (as ``repr``).
``tests/shapes/test_signatures.py`` then checks each table entry's declared parameters
against these records without any framework installed.

Where ``inspect.signature`` cannot read an object (torch's C builtins, or a Python wrapper
that only shows ``(*args, **kwargs)``), the signature lines of its docstring are parsed
instead (``sum(input, dim, keepdim=False, *, dtype=None) -> Tensor``, one per overload),
and for torch the operator schemas of ``aten::<name>`` are added (every overload: the
Python bindings follow them, and the docstrings sometimes name a parameter differently,
``div(value)`` for ``div(other)``); the record says which source it came from.
"""

from __future__ import annotations

import importlib
import inspect
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "tests" / "data" / "signatures"
GENERATOR = "scripts/record_frameworks.py --signatures"

# The table prefix of each framework and the real module it names.
MODULES = {
    "numpy": "numpy",
    "jax": "jax",
    "torch": "torch",
    "tensorflow": "tensorflow",
    "tf_keras": "tf_keras",
    "keras3": "keras",
    "einops": "einops",
}
REQUIRES = dict(MODULES)


def modelled_names(framework: str) -> Iterator[tuple[str, str]]:
    """(canonical table name, where to find it in the real library) for one framework."""
    sys.path.insert(0, str(ROOT))
    from shapelint.analysis.frameworks import einops, jax, keras, numpy, tensorflow, torch

    if framework == "numpy":
        yield from ((f"numpy.{n}", f"numpy.{n}") for n in numpy.FUNCTIONS)
        yield from ((f"numpy.ndarray.{n}", f"numpy.ndarray.{n}") for n in numpy.METHODS)
    elif framework == "jax":
        yield from ((f"jax.numpy.{n}", f"jax.numpy.{n}") for n in jax.FUNCTIONS)
        yield from ((f"jax.random.{n}", f"jax.random.{n}") for n in jax.RANDOM)
        yield from ((f"jax.nn.{n}", f"jax.nn.{n}") for n in jax.NN)
        yield from ((f"jax.lax.{n}", f"jax.lax.{n}") for n in jax.LAX)
        yield from ((f"jax.scipy.ndimage.{n}", f"jax.scipy.ndimage.{n}") for n in jax.SCIPY_NDIMAGE)
        yield from ((f"jax.Array.{n}", f"jax.Array.{n}") for n in jax.METHODS)
    elif framework == "torch":
        yield from ((f"torch.{n}", f"torch.{n}") for n in torch.FUNCTIONS)
        yield from ((f"torch.Tensor.{n}", f"torch.Tensor.{n}") for n in torch.METHODS)
        yield from ((f"torch.nn.{n}", f"torch.nn.{n}") for n in torch.LAYERS)
    elif framework == "tensorflow":
        yield from ((f"tensorflow.{n}", f"tensorflow.{n}") for n in tensorflow.FUNCTIONS)
        yield from (
            (f"tensorflow.Tensor.{n}", f"tensorflow.Tensor.{n}")
            for n in tensorflow.METHODS
            if n != "assign"
        )
        yield "tensorflow.Variable.assign", "tensorflow.Variable.assign"
    elif framework in ("tf_keras", "keras3"):
        module = "tf_keras" if framework == "tf_keras" else "keras"
        if framework == "tf_keras":
            yield from ((f"keras.backend.{n}", f"{module}.backend.{n}") for n in keras.BACKEND)
        else:
            yield from ((f"keras.ops.{n}", f"{module}.ops.{n}") for n in keras.OPS)
        yield from ((f"keras.layers.{n}", f"{module}.layers.{n}") for n in keras.LAYERS)
        yield from ((f"keras.{n}", f"{module}.{n}") for n in keras.FUNCTIONAL_LAYERS)
        yield from ((f"keras.{n}", f"{module}.{n}") for n in keras.LOSSES)
        yield from ((f"keras.{n}", f"{module}.{n}") for n in keras.MODELS)
        yield from ((f"keras.metrics.{n}", f"{module}.metrics.{n}") for n in keras.METRICS)
    elif framework == "einops":
        yield from ((f"einops.{n}", f"einops.{n}") for n in einops.FUNCTIONS)
        for n in einops.LAYERS:
            backend = n.split(".")[0]
            if backend in ("torch", "keras"):  # the backends installed with the recorder
                yield f"einops.layers.{n}", f"einops.layers.{n}"


def resolve(path: str) -> Any:
    """The object at a dotted path, importing submodules as needed; None when absent."""
    parts = path.split(".")
    obj: Any = None
    for i in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:i]))
        except Exception:  # noqa: BLE001 - any import failure means "look one level up"
            continue
        rest = parts[i:]
        break
    else:
        return None
    for name in rest:
        try:
            obj = getattr(obj, name)
        except Exception:  # noqa: BLE001 - a missing or failing attribute is absence
            return None
    return obj


_KINDS = {
    inspect.Parameter.POSITIONAL_ONLY: "positional_only",
    inspect.Parameter.POSITIONAL_OR_KEYWORD: "positional_or_keyword",
    inspect.Parameter.VAR_POSITIONAL: "var_positional",
    inspect.Parameter.KEYWORD_ONLY: "keyword_only",
    inspect.Parameter.VAR_KEYWORD: "var_keyword",
}


def _params(sig: inspect.Signature, drop_self: bool) -> list[list[Any]]:
    out = []
    for k, p in enumerate(sig.parameters.values()):
        if drop_self and k == 0 and p.name in ("self", "cls"):
            continue
        default = None if p.default is inspect.Parameter.empty else repr(p.default)[:80]
        out.append([p.name, _KINDS[p.kind], default])
    return out


def _uninformative(params: list[list[Any]]) -> bool:
    return all(kind in ("var_positional", "var_keyword") for _, kind, _ in params)


_DOC_LINE = re.compile(
    r"^\s*(?:\.\. (?:function|method):: )?(?:[\w.]+\.)?(\w+)\((.*?)\)\s*(?:->.*)?$"
)


def _split_top(text: str) -> list[str]:
    parts, depth, current = [], 0, ""
    for c in text:
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        if c == "," and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += c
    if current.strip():
        parts.append(current)
    return [p.strip() for p in parts]


def docstring_signatures(obj: Any, name: str) -> list[list[list[Any]]]:
    """Every ``name(...)`` signature line of the docstring, parsed into parameters."""
    doc = inspect.getdoc(obj) or ""
    found: list[list[list[Any]]] = []
    for line in doc.splitlines():
        match = _DOC_LINE.match(line.replace("\\*", "*"))
        if not match or match.group(1) != name:
            continue
        params: list[list[Any]] = []
        keyword_only = False
        for item in _split_top(match.group(2)):
            if item == "*":
                keyword_only = True
                continue
            if item == "/":
                for p in params:
                    p[1] = "positional_only"
                continue
            if item.startswith("**"):
                params.append([item[2:], "var_keyword", None])
                continue
            if item.startswith("*"):
                params.append([item[1:].split(":")[0].strip(), "var_positional", None])
                keyword_only = True
                continue
            pname, _, default = item.partition("=")
            pname = pname.split(":")[0].strip()
            if not pname.isidentifier():
                break
            kind = "keyword_only" if keyword_only else "positional_or_keyword"
            params.append([pname, kind, default.strip() or None])
        else:
            if params not in found:
                found.append(params)
    return found


def signature_record(path: str, obj: Any) -> dict[str, Any]:
    name = path.rsplit(".", 1)[-1]
    target = obj
    is_class = inspect.isclass(obj)
    if is_class:
        target = obj.__init__
    try:
        params = _params(inspect.signature(target), drop_self=is_class or _is_method(path, obj))
    except (TypeError, ValueError):
        params = None
    if params is not None and not _uninformative(params):
        return {"source": "inspect", "signatures": [params]}
    docs = docstring_signatures(obj, name)
    schemas = aten_signatures(path, name)
    if docs and schemas:  # the bindings accept both spellings (``other`` and ``value``)
        return {"source": "docstring+aten_schema", "signatures": docs + schemas}
    if docs:
        return {"source": "docstring", "signatures": docs}
    if schemas:
        return {"source": "aten_schema", "signatures": schemas}
    if params is not None:
        return {"source": "inspect", "signatures": [params]}
    return {"source": "none", "signatures": []}


def aten_signatures(path: str, name: str) -> list[list[list[Any]]]:
    """torch only: the operator schemas of ``aten::<name>`` (every overload), for builtins
    whose docstring has no signature line. ``self`` is the receiver of a method and is called
    ``input`` in the function form, as torch's Python bindings accept."""
    if not path.startswith("torch.") or "torch" not in sys.modules:
        return []
    import torch

    method = path.startswith("torch.Tensor.")
    found: list[list[list[Any]]] = []
    for schema in torch._C._jit_get_schemas_for_operator(f"aten::{name}"):
        names = [arg.name for arg in schema.arguments]
        if "a" in names or not any("Tensor" in str(arg.type) for arg in schema.arguments):
            continue  # an operator on Python values (``aten::add(int a, int b)``)
        params: list[list[Any]] = []
        for arg in schema.arguments:
            if arg.name == "self":
                if method:
                    continue
                arg_name = "input"
            else:
                arg_name = arg.name
            kind = "keyword_only" if arg.kwarg_only else "positional_or_keyword"
            default = None if arg.default_value is None else repr(arg.default_value)
            params.append([arg_name, kind, default])
        if params not in found:
            found.append(params)
    return found


def _is_method(path: str, obj: Any) -> bool:
    owner = path.rsplit(".", 2)
    return (
        len(owner) == 3
        and owner[1] in ("Tensor", "ndarray", "Array", "Variable")
        and (inspect.isfunction(obj) or inspect.ismethoddescriptor(obj) or inspect.ismethod(obj))
    )


def record(framework: str, version: str) -> Path:
    entries: dict[str, Any] = {}
    for table_name, real in modelled_names(framework):
        obj = resolve(real)
        if obj is None and real == "tensorflow.Tensor.numpy":  # eager tensors have it
            import tensorflow as tf

            obj = type(tf.constant(0)).numpy
        if obj is None:
            entries[table_name] = {"source": "missing", "signatures": []}
            continue
        entries[table_name] = signature_record(real, obj)
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    path = OUT_DIR / f"{framework}.json"
    payload = {
        "framework": framework,
        "version": version,
        "generated_by": GENERATOR,
        "apis": entries,
    }
    text = json.dumps(payload, separators=(",", ":"), sort_keys=True)
    path.write_text(text.replace('},"', '},\n"') + "\n")
    sources: dict[str, int] = {}
    for entry in entries.values():
        sources[entry["source"]] = sources.get(entry["source"], 0) + 1
    print(f"{framework} {version}: {len(entries)} signatures {sources} -> {path}")
    return path
