"""The registry: every rule code, in order, and which of them run for a file.

`--select`, `shapelint rule`, SARIF rule entries, config validation and the generated
`rules/` pages all read ``REGISTRY``; a code, once published, is never reused.
"""

from __future__ import annotations

import sys

from shapelint.checks.analysis_failed import AnalysisFailed
from shapelint.checks.base import Rule
from shapelint.checks.declared_shape_mismatch import DeclaredShapeMismatch
from shapelint.checks.elementwise_not_matmul import ElementwiseNotMatmul
from shapelint.checks.high_rank_dot import HighRankDot
from shapelint.checks.implicit_broadcast import ImplicitBroadcast
from shapelint.checks.invalid_shape_annotation import InvalidShapeAnnotation
from shapelint.checks.shape_mismatch import ShapeMismatch
from shapelint.checks.unused_noqa import UnusedNoqa
from shapelint.checks.weight_like_input import WeightLikeInput
from shapelint.config import Config
from shapelint.diagnostics import Severity
from shapelint.rule_codes import matches

REGISTRY: tuple[type[Rule], ...] = (
    ShapeMismatch,
    ElementwiseNotMatmul,
    WeightLikeInput,
    HighRankDot,
    DeclaredShapeMismatch,
    ImplicitBroadcast,
    InvalidShapeAnnotation,
    AnalysisFailed,
    UnusedNoqa,
)

_BY_CODE = {rule.code: rule for rule in REGISTRY}
_BY_NAME = {rule.name: rule for rule in REGISTRY}


def rule_by_code(code: str) -> type[Rule] | None:
    """The rule with this code or this name (``SHP001`` or ``shape-mismatch``)."""
    return _BY_CODE.get(code.upper()) or _BY_NAME.get(code.lower())


def documentation(rule: type[Rule]) -> str:
    """The rule's page: its module docstring."""
    return (sys.modules[rule.__module__].__doc__ or "").strip()


def is_enabled(config: Config, code: str, path: str) -> bool:
    rule = _BY_CODE.get(code)
    if rule is None:
        return False
    if config.select:
        chosen = any(matches(s, code) for s in config.select)
        exact = code in (s.upper() for s in config.select)
    else:
        chosen, exact = rule.status == "stable", False
    if any(matches(s, code) for s in config.extend_select):
        chosen = True
        exact = exact or code in (s.upper() for s in config.extend_select)
    if rule.status == "preview" and not exact:
        return False
    if not chosen or any(matches(s, code) for s in config.ignore):
        return False
    return not any(matches(s, code) for s in config.ignored_in_file(path))


def enabled_rules(config: Config, path: str) -> list[Rule]:
    return [rule() for rule in REGISTRY if rule.events and is_enabled(config, rule.code, path)]


def severity_of(code: str) -> Severity:
    rule = _BY_CODE.get(code)
    return rule.severity if rule else Severity.ERROR
