"""Every table entry's declared parameters against the real signatures.

``tests/data/signatures/<library>.json`` holds the signature of every API the tables model,
recorded from the real libraries by ``scripts/record_frameworks.py --signatures``. For each
entry this checks, without any framework installed:

- the API exists in the recorded version;
- each positional role of the entry is the parameter the real API takes at that position
  (a method's receiver is role 0 and not part of the recorded signature);
- each real named parameter is classified: modelled (it binds to a role the kind reads),
  shape-neutral (``spec.NEUTRAL`` or the entry's ``neutral``) or unmodelled (the entry's
  ``unmodelled``); ``*args``/``**kwargs`` need no entry, since a call's extra positional
  argument or unknown keyword already makes the result unknown;
- every name the entry declares neutral or unmodelled is a real parameter.

A Keras name is checked against the union of the tf-keras and Keras 3 signatures, since one
table serves both generations.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from shapelint.analysis.frameworks import function_spec, layer_spec, method_spec
from shapelint.analysis.frameworks.spec import KERAS_LAYER_READS, NEUTRAL, LayerSpec, Op

DATA = Path(__file__).resolve().parent.parent / "data" / "signatures"
LIBRARIES = ("numpy", "jax", "torch", "tensorflow", "tf_keras", "keras3", "einops")
METHOD_OWNERS = {
    "torch.Tensor.": "torch",
    "numpy.ndarray.": "numpy",
    "jax.Array.": "jax",
    "tensorflow.Tensor.": "tensorflow",
    "tensorflow.Variable.": "tensorflow",
}
VARIADIC = ("var_positional", "var_keyword")


@cache
def _load(library: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((DATA / f"{library}.json").read_text())
    return data


@cache
def _apis() -> dict[str, list[list[list[Any]]]]:
    """API name -> its recorded signatures (both Keras generations' for a Keras name)."""
    out: dict[str, list[list[list[Any]]]] = {}
    for library in LIBRARIES:
        for api, record in _load(library)["apis"].items():
            out.setdefault(api, []).extend(record["signatures"])
    return out


def _entry(api: str) -> tuple[Op | LayerSpec, bool]:
    for prefix, framework in METHOD_OWNERS.items():
        if api.startswith(prefix):
            spec = method_spec(framework, api[len(prefix) :])
            assert spec is not None, f"{api} is recorded but no method table has it"
            return spec, True
    found = layer_spec(api) or function_spec(api)
    assert found is not None, f"{api} is recorded but no table has it"
    return found[0], False


def _role(spec: Op | LayerSpec, name: str) -> str:
    return spec.role(name) if isinstance(spec, Op) else spec.aliases.get(name, name)


def _classified(spec: Op | LayerSpec, api: str, name: str) -> bool:
    if spec.reads(name) or name in NEUTRAL or name in spec.neutral or name in spec.unmodelled:
        return True
    return api.startswith("keras.") and isinstance(spec, LayerSpec) and name in KERAS_LAYER_READS


def _problems(api: str) -> list[str]:
    signatures = _apis()[api]
    spec, method = _entry(api)
    if spec.kind in ("unknown", "invalidate"):
        return []  # the result is unknown whatever is passed
    problems: list[str] = []
    names = {p[0] for sig in signatures for p in sig if p[1] not in VARIADIC}
    positional_only = {p[0] for sig in signatures for p in sig if p[1] == "positional_only"}
    for name in sorted(names - positional_only):
        if not _classified(spec, api, name):
            problems.append(f"real parameter {name!r} is not classified")
    for name in sorted(spec.neutral | spec.unmodelled):
        if name not in names:
            problems.append(f"declared parameter {name!r} is not in the real signature")
    if method:
        for name in sorted(names):
            if _role(spec, name) == spec.params[0]:
                problems.append(f"keyword {name!r} would bind to the receiver's role")
    roles = spec.params[1:] if method else spec.params
    varargs = spec.varargs if isinstance(spec, Op) else None
    for index, role in enumerate(roles):
        if role == varargs:
            continue
        if not any(_takes_at(sig, index, role, spec) for sig in signatures):
            problems.append(f"positional role {index} {role!r} is not the real parameter there")
    return problems


def _takes_at(sig: list[list[Any]], index: int, role: str, spec: Op | LayerSpec) -> bool:
    positional = [p for p in sig if p[1] in ("positional_only", "positional_or_keyword")]
    if index < len(positional):
        return _role(spec, positional[index][0]) == role or positional[index][1] == (
            "positional_only"
        )
    return any(p[1] == "var_positional" for p in sig)


def test_every_library_was_recorded() -> None:
    for library in LIBRARIES:
        data = _load(library)
        assert data["framework"] == library
        assert data["generated_by"] == "scripts/record_frameworks.py --signatures"
        assert data["version"][0].isdigit()
        assert data["apis"], library


@pytest.mark.parametrize("library", LIBRARIES)
def test_every_modelled_api_exists(library: str) -> None:
    missing = [api for api, r in _load(library)["apis"].items() if r["source"] == "missing"]
    assert not missing, f"the tables model APIs {library} does not have: {missing}"


@pytest.mark.parametrize("library", LIBRARIES)
def test_declared_parameters_match_the_real_ones(library: str) -> None:
    problems = [f"{api}: {p}" for api in _load(library)["apis"] for p in _problems(api)]
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)


def test_the_check_catches_a_wrong_declaration() -> None:
    """The checker itself: a made-up neutral name and an unclassified real one both fail."""
    from dataclasses import replace

    spec, _ = _entry("torch.nn.functional.max_pool2d")
    assert isinstance(spec, Op)
    wrong = replace(spec, neutral=frozenset({"no_such_option"}), unmodelled=frozenset())
    names = {p[0] for sig in _apis()["torch.nn.functional.max_pool2d"] for p in sig}
    assert "no_such_option" not in names
    assert "return_indices" in names and not _classified(wrong, "torch.x", "return_indices")
    assert _classified(spec, "torch.x", "return_indices")


def test_the_positions_table_is_the_recorded_one() -> None:
    """``frameworks/positions.py`` is generated from these records: regenerate it with
    ``python scripts/record_frameworks.py --positions`` when a record or a table changes."""
    from shapelint.analysis.frameworks import positions

    assert positions.PAST_ROLES == positions.expected(_apis())
    assert positions.PAST_ROLES["torch.nn.functional.max_pool2d"] == ("return_indices",)
