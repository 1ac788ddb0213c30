"""The registry: every rule code, in order, and which of them run for a file.

`--select`, `shapelint rule`, SARIF rule entries, config validation and the generated
`rules/` pages all read ``REGISTRY``; a code, once published, is never reused.
"""

from __future__ import annotations

import fnmatch
import sys

from shapelint.checks.analysis_failed import AnalysisFailed
from shapelint.checks.base import Rule
from shapelint.checks.declared_shape_mismatch import DeclaredShapeMismatch
from shapelint.checks.elementwise_not_matmul import ElementwiseNotMatmul
from shapelint.checks.high_rank_dot import HighRankDot
from shapelint.checks.implicit_broadcast import ImplicitBroadcast
from shapelint.checks.invalid_shape_annotation import InvalidShapeAnnotation
from shapelint.checks.shape_mismatch import ShapeMismatch
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
)

_BY_CODE = {rule.code: rule for rule in REGISTRY}


def rule_by_code(code: str) -> type[Rule] | None:
    return _BY_CODE.get(code.upper())


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
    for pattern, codes in config.per_file_ignores:
        if _path_matches(path, pattern) and any(matches(s, code) for s in codes):
            return False
    return True


def _path_matches(path: str, pattern: str) -> bool:
    normalised = path.replace("\\", "/")
    return fnmatch.fnmatch(normalised, pattern) or fnmatch.fnmatch(normalised, f"*/{pattern}")


def enabled_rules(config: Config, path: str) -> list[Rule]:
    return [rule() for rule in REGISTRY if rule.events and is_enabled(config, rule.code, path)]


def severity_of(code: str) -> Severity:
    rule = _BY_CODE.get(code)
    return rule.severity if rule else Severity.ERROR
