"""Shape declarations: jaxtyping dim strings and ``# shape:`` comments.

Users already write down the shapes they expect, as jaxtyping annotations
(``Float[Tensor, "batch 3"]``) or as trailing comments (``# shape: (B, T, F)``). This module
turns both into one small pattern language, turns a pattern into a :class:`Shape` (to seed
the analysis where nothing is known) and matches a pattern against an inferred Shape (to
check it where something is). It knows no syntax tree of the user's file: it gets strings.

Dim expressions (``d+1``, ``2*h``, ``min(a,b)``) are read with :mod:`ast` and evaluated over
an allow-list (names, ints, ``+ - * //``, unary ``+``/``-``, ``min``/``max``); nothing is ever
evaluated by Python itself. An expression that is valid Python but outside the allow-list
(``x.size(0)``, ``n/2``) is an unknown dim, not an error: jaxtyping accepts it, so reporting
it would be a false alarm.
"""

from __future__ import annotations

import ast
import re
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from shapelint.shapes.shape import UNKNOWN_DIM, Dim, Shape

# Beyond these an expression is unknown rather than computed: they keep hostile input cheap.
_MAX_VALUE = 2**62
_MAX_TERMS = 64
_MAX_DEGREE = 16
_MAX_DEPTH = 64
_MAX_QUOTED = 40


class AnnotationError(Exception):
    """A declaration that cannot be read; ``reason`` says why, for SHP100."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


# -- the pattern items ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FixedDim:
    """A literal size: ``3``, jaxtyping ``rows=3``; ``#3`` also accepts 1."""

    value: int
    broadcastable: bool = False


@dataclass(frozen=True, slots=True)
class NamedDim:
    """A size named once and equal wherever the name recurs; ``#b`` also accepts 1."""

    name: str
    broadcastable: bool = False


@dataclass(frozen=True, slots=True)
class ExprDim:
    """A size computed from named sizes (``d+1``). ``dim`` is its value with every name
    left symbolic; ``text`` is re-evaluated when names are bound (``h//2`` with h = 8)."""

    dim: Dim
    text: str
    broadcastable: bool = False


@dataclass(frozen=True, slots=True)
class AnonymousDim:
    """Any size, checked against nothing: ``_``, jaxtyping ``_name`` and ``?name``, and in
    comments ``None``, ``?`` and ``-1``. ``text`` is what the user wrote, for messages."""

    text: str = "_"


@dataclass(frozen=True, slots=True)
class VariadicDim:
    """Zero or more dims: ``*name``, ``*_`` / ``...`` (``name`` None), ``#*name``.

    Only one size per name fits in a binding, so a variadic name is never bound: two
    ``*batch`` declarations are not checked against each other.
    """

    name: str | None
    broadcastable: bool = False


DimItem = FixedDim | NamedDim | ExprDim | AnonymousDim | VariadicDim
DimPattern = tuple[DimItem, ...]


@dataclass(frozen=True)
class MatchResult:
    """``ok`` is False only for a proven contradiction (then ``reason`` says which), True
    only when the shape provably satisfies the pattern, None otherwise. ``bindings`` holds
    the given bindings plus every name this match bound."""

    ok: bool | None
    bindings: dict[str, Dim]
    reason: str = ""


# -- expressions ------------------------------------------------------------------------


def _bounded(dim: Dim) -> Dim:
    """Unknown instead of a polynomial too big to be a real shape expression."""
    terms = dim.terms
    if terms is None:
        return dim
    if len(terms) > _MAX_TERMS:
        return UNKNOWN_DIM
    if any(abs(c) > _MAX_VALUE or len(m) > _MAX_DEGREE for m, c in terms):
        return UNKNOWN_DIM
    return dim


def _min_max(values: list[Dim], want_min: bool) -> Dim:
    """The least (greatest) value when every pair differs by a known constant."""
    best = values[0]
    for value in values[1:]:
        gap = (value - best).value
        if gap is None:
            return UNKNOWN_DIM
        if (gap < 0) if want_min else (gap > 0):
            best = value
    return best


def _quote(text: str) -> str:
    """Text for a message, cut short: a reason must stay readable for hostile input."""
    return f"`{text}`" if len(text) <= _MAX_QUOTED else f"`{text[: _MAX_QUOTED - 1]}…`"


def _source(text: str, node: ast.AST) -> str:
    return ast.get_source_segment(text, node) or ast.unparse(node)


def _not_a_dim(what: str) -> AnnotationError:
    return AnnotationError(f"{_quote(what)} is not a dimension")


def _checked_size(value: int, text: str) -> int:
    if value < 0:
        raise AnnotationError(f"{_quote(text)} is not a dimension: sizes are never negative")
    if value > _MAX_VALUE:
        raise AnnotationError(f"{_quote(text)} is too large to be a dimension")
    return value


_BINARY = {ast.Add: Dim.__add__, ast.Sub: Dim.__sub__, ast.Mult: Dim.__mul__}


def _evaluate_node(node: ast.expr, text: str, env: Mapping[str, Dim], depth: int) -> Dim:
    """The value of an allow-listed expression; unknown for anything else.

    Raises AnnotationError only for a literal that can never be a size: not an integer,
    or too large. (A literal is never negative: ``-3`` is unary minus applied to 3.)
    """
    if depth > _MAX_DEPTH:
        return UNKNOWN_DIM
    if isinstance(node, ast.Constant):
        if type(node.value) is not int:
            raise _not_a_dim(_source(text, node))
        if node.value > _MAX_VALUE:
            _checked_size(node.value, _source(text, node))
        return Dim.of(node.value)
    if isinstance(node, ast.Name):
        return env.get(node.id, Dim.sym(node.id))
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
        operand = _evaluate_node(node.operand, text, env, depth + 1)
        return _bounded(-1 * operand) if isinstance(node.op, ast.USub) else operand
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Sub | ast.Mult):
        left = _evaluate_node(node.left, text, env, depth + 1)
        right = _evaluate_node(node.right, text, env, depth + 1)
        return _bounded(_BINARY[type(node.op)](left, right))
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.FloorDiv):
        left = _evaluate_node(node.left, text, env, depth + 1)
        right = _evaluate_node(node.right, text, env, depth + 1)
        return _bounded(left // right)
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in ("min", "max")
        and node.args
        and not node.keywords
        and not any(isinstance(a, ast.Starred) for a in node.args)
    ):
        values = [_evaluate_node(a, text, env, depth + 1) for a in node.args]
        return _min_max(values, node.func.id == "min")
    return UNKNOWN_DIM


def _parse(source: str, shown: str) -> ast.expr:
    """``ast.parse`` in eval mode, failing with an AnnotationError that shows ``shown``.
    Its warnings (``1if x else 2``) are no concern here and must not turn into exceptions
    under ``-W error``."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return ast.parse(source, mode="eval").body
    except (SyntaxError, ValueError, MemoryError, RecursionError) as error:
        detail = error.msg if isinstance(error, SyntaxError) else "too complex"
        raise AnnotationError(f"cannot parse {_quote(shown)}: {detail}") from None


@lru_cache(maxsize=1024)
def _parse_expression(text: str) -> ast.expr:
    return _parse(text.strip(), text.strip())


def _evaluate(text: str, env: Mapping[str, Dim]) -> Dim:
    return _evaluate_node(_parse_expression(text), text.strip(), env, 0)


def _expression_item(node: ast.expr, text: str, broadcastable: bool = False) -> ExprDim:
    dim = _evaluate_node(node, text, {}, 0)
    source = _source(text, node)
    if dim.value is not None:
        _checked_size(dim.value, source)
    return ExprDim(dim, source, broadcastable)


# -- jaxtyping dim strings ----------------------------------------------------------


@dataclass
class _Modifiers:
    broadcastable: bool = False
    variadic: bool = False
    anonymous: bool = False
    treepath: bool = False


_MODIFIER_FIELDS = {"#": "broadcastable", "*": "variadic", "_": "anonymous", "?": "treepath"}


def _strip_modifiers(token: str) -> tuple[_Modifiers, str]:
    """Leading ``# * _ ?`` in any order, each once, and a documentation-only ``name=``."""
    mods = _Modifiers()
    body = token
    while body:
        field = _MODIFIER_FIELDS.get(body[0])
        if field is not None:
            if getattr(mods, field):
                raise AnnotationError(f"{_quote(token)} uses `{body[0]}` twice")
            setattr(mods, field, True)
            body = body[1:]
        elif body.count("=") == 1:
            body = body.split("=")[1]
        else:
            break
    return mods, body


def _fixed_size(body: str) -> int | None:
    try:
        return int(body)
    except ValueError:
        return None


def _forbid_modifiers(mods: _Modifiers, token: str, kind: str) -> None:
    """Only a name may be variadic, anonymous or tree-dependent (as in jaxtyping)."""
    for flag, what in (
        (mods.variadic, "variadic"),
        (mods.anonymous, "anonymous"),
        (mods.treepath, "tree-dependent"),
    ):
        if flag:
            raise AnnotationError(f"{_quote(token)}: {kind} cannot be {what}")


def _parse_token(token: str) -> DimItem:
    """One space-separated jaxtyping dim, with jaxtyping's own rules for what is invalid."""
    if "..." in token:
        if token != "...":
            raise AnnotationError(f"`...` must stand alone, not in {_quote(token)}")
        return VariadicDim(None)
    if "," in token and "(" not in token:
        raise AnnotationError(f"{_quote(token)}: separate dims with spaces, not commas")
    if token.endswith("#"):
        raise AnnotationError(f"{_quote(token)}: `#` goes before the name")
    mods, body = _strip_modifiers(token)
    size = _fixed_size(body)
    if size is not None:
        _forbid_modifiers(mods, token, "a fixed size")
        return FixedDim(_checked_size(size, token), mods.broadcastable)
    if not body or body.isidentifier():
        if mods.anonymous and mods.broadcastable:
            raise AnnotationError(f"{_quote(token)}: an anonymous dim cannot be broadcastable")
        if mods.variadic:
            anonymous = mods.anonymous or mods.treepath or not body
            return VariadicDim(None if anonymous else body, mods.broadcastable)
        if mods.anonymous or mods.treepath or not body:
            return AnonymousDim(token)
        return NamedDim(body, mods.broadcastable)
    _forbid_modifiers(mods, token, "an expression")
    if "{" in body or "}" in body:
        # jaxtyping formats the dim as an f-string over the function's arguments first:
        # its value is not knowable here.
        return AnonymousDim(token)
    try:
        node = _parse_expression(body)
    except AnnotationError as error:
        if body == token:
            raise
        raise AnnotationError(f"{_quote(token)}: {error.reason}") from None
    return _expression_item(node, body, mods.broadcastable)


def _check_one_variadic(pattern: DimPattern) -> DimPattern:
    variadic = [item for item in pattern if isinstance(item, VariadicDim)]
    if len(variadic) > 1:
        shown = ", ".join(_quote(_format_item(item)) for item in variadic)
        raise AnnotationError(f"two variadic dims: {shown}")
    return pattern


def parse_dims(text: str) -> DimPattern:
    """A jaxtyping dim string (``"batch 3"``, ``"*batch d"``, ``""``) as a pattern.

    Follows jaxtyping: ``name=X`` documents ``X`` (the name is ignored), ``_name`` and
    ``?name`` are not checked, ``#`` accepts size 1 too, ``...`` equals ``*_``, and a dim
    with an f-string field (``{size}``) is not checked either. What jaxtyping rejects when
    the annotation is made is rejected here too, and so is an expression jaxtyping would
    fail to evaluate at call time (``d+``, ``3.5``, ``-1``).
    """
    return _check_one_variadic(tuple(_parse_token(token) for token in text.split()))


# -- "# shape:" comments -------------------------------------------------------------

_MARKER = re.compile(r"#\s*shape\s*:", re.IGNORECASE)
_QUESTION = re.compile(r"(?<![\w?])\?(?![\w?])")
# ``name=X`` documents ``X``, as in a jaxtyping string: ``(batch_size=2, features=3)``
_DOCUMENTED = re.compile(r"(^|[(\[,])(\s*)[A-Za-z_]\w*\s*=(?!=)")
_CLOSING = {"(": ")", "[": "]", "{": "}"}


def _check_brackets(body: str) -> None:
    stack: list[str] = []
    for char in body:
        if char in _CLOSING:
            stack.append(char)
        elif char in _CLOSING.values():
            if not stack or _CLOSING[stack.pop()] != char:
                raise AnnotationError(f"unbalanced parenthesis: unmatched `{char}`")
    if stack:
        raise AnnotationError(f"unbalanced parenthesis: `{stack[-1]}` is never closed")


def _comment_item(node: ast.expr, text: str) -> DimItem:
    if isinstance(node, ast.Constant) and node.value is Ellipsis:
        return VariadicDim(None)
    if isinstance(node, ast.Constant) and node.value is None:
        return AnonymousDim("None")
    if isinstance(node, ast.Starred):
        if isinstance(node.value, ast.Name):
            name = node.value.id
            return VariadicDim(None if name.startswith("_") else name)
        raise AnnotationError(f"{_quote(_source(text, node))}: only a name can be variadic")
    if isinstance(node, ast.Name):
        return AnonymousDim(node.id) if node.id.startswith("_") else NamedDim(node.id)
    if isinstance(node, ast.Constant) and type(node.value) is int:
        return FixedDim(_checked_size(node.value, _source(text, node)))
    if (
        isinstance(node, ast.UnaryOp)
        and isinstance(node.op, ast.USub)
        and isinstance(node.operand, ast.Constant)
        and type(node.operand.value) is int
        and node.operand.value == 1
    ):
        return AnonymousDim("-1")  # reshape's "whatever is left"
    if isinstance(node, ast.Tuple | ast.List):
        raise _not_a_dim(_source(text, node))
    return _expression_item(node, text)


_PLAIN = (ast.Name, ast.Constant, ast.BinOp, ast.UnaryOp, ast.operator, ast.unaryop, ast.Load)


def _is_plain_dim(tree: ast.expr) -> bool:
    """Whether a shape comment without brackets is one allow-listed dim (``n+1``). Anything
    else (``x.shape``, ``None``, ``(B, T) + (F,)``) would declare a rank nobody meant."""
    if isinstance(tree, ast.Constant) and tree.value is None:
        return False
    return all(
        isinstance(node, _PLAIN)
        or (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ("min", "max")
            and not node.keywords
        )
        for node in ast.walk(tree)
    )


def _is_prose(body: str) -> bool:
    """Text that only mentions a shape: words outside one bracketed group (``[h, i] or
    [i, h]``, ``(B, T) after transpose``) or words with no brackets and no dim syntax
    (``437 x 2``, sizes joined by a spelt-out times)."""
    if body[0] in "([":
        depth = 0
        for index, char in enumerate(body):
            depth += char in "(["
            depth -= char in ")]"
            if depth == 0:
                return bool(body[index + 1 :].strip())
        return False
    return bool(re.search(r"[A-Za-z_]\w*\s+[A-Za-z_]|\w\s+[x×]\s+\w", body))


def parse_shape_comment(comment: str) -> DimPattern | None:
    """The pattern of a ``# shape: (B, T, F)`` comment; None if it is no shape comment.

    Brackets may be ``()``, ``[]`` or absent; a further ``# ...`` comment ends the shape.
    Besides dims and expressions, ``...`` / ``*name`` are variadic and ``None``, ``?``,
    ``-1`` and ``_name`` are sizes left unchecked; ``name=X`` is ``X`` with its meaning
    written beside it.
    """
    comment = comment.lstrip()
    found = _MARKER.match(comment)
    if found is None:
        return None
    body = comment[found.end() :].split("#", 1)[0].strip()
    if not body:
        raise AnnotationError("no shape after `shape:`")
    _check_brackets(body)
    if _is_prose(body):
        return None  # documentation around a shape, not a declaration: nothing to check
    wrapped = "(" + _QUESTION.sub("_", _DOCUMENTED.sub(r"\1\2", body)) + ")"
    tree = _parse(wrapped, body)
    if isinstance(tree, ast.Tuple | ast.List):
        nodes = tree.elts
    elif _is_plain_dim(tree):
        nodes = [tree]
    else:
        return None
    return _check_one_variadic(tuple(_comment_item(node, wrapped) for node in nodes))


# -- patterns to shapes and back ------------------------------------------------------


def _split(pattern: DimPattern) -> tuple[DimPattern, VariadicDim | None, DimPattern]:
    _check_one_variadic(pattern)
    for index, item in enumerate(pattern):
        if isinstance(item, VariadicDim):
            return pattern[:index], item, pattern[index + 1 :]
    return pattern, None, ()


def _declared_dim(item: DimItem, env: Mapping[str, Dim]) -> Dim:
    if isinstance(item, AnonymousDim | VariadicDim) or item.broadcastable:
        return UNKNOWN_DIM  # a broadcastable dim may be 1 instead
    if isinstance(item, FixedDim):
        return Dim.of(item.value)
    if isinstance(item, NamedDim):
        return env.get(item.name, Dim.sym(item.name))
    return _evaluate(item.text, env)


def pattern_to_shape(pattern: DimPattern, bindings: Mapping[str, Dim] | None = None) -> Shape:
    """The Shape a declaration promises: bound names take their values, free names stay
    symbolic, anonymous and broadcastable dims are unknown.

    A Shape can only leave its *leading* dims open, so with a variadic item the result
    keeps the dims after it and loses those before it (``(a, *b, c)`` gives ``(…, c)``).
    """
    env = bindings or {}
    prefix, variadic, suffix = _split(pattern)
    if variadic is None:
        return Shape(tuple(_declared_dim(item, env) for item in prefix))
    return Shape(tuple(_declared_dim(item, env) for item in suffix), variadic=True)


def _format_item(item: DimItem) -> str:
    mark = "#" if getattr(item, "broadcastable", False) else ""
    if isinstance(item, FixedDim):
        return f"{mark}{item.value}"
    if isinstance(item, NamedDim):
        return f"{mark}{item.name}"
    if isinstance(item, ExprDim):
        return f"{mark}{item.text}"
    if isinstance(item, AnonymousDim):
        return item.text
    return f"{mark}*{item.name}" if item.name is not None else "..."


def format_pattern(pattern: DimPattern) -> str:
    """``(B, T, F)``, ``(*batch, d)``, ``(n,)``, ``()``: a pattern as a message shows it."""
    items = [_format_item(item) for item in pattern]
    if len(items) == 1:
        return f"({items[0]},)"
    return "(" + ", ".join(items) + ")"


# -- matching ----------------------------------------------------------------------------


def _either(a: bool | None, b: bool | None) -> bool | None:
    if a is True or b is True:
        return True
    if a is False and b is False:
        return False
    return None


def _compare(item: DimItem, dim: Dim, env: dict[str, Dim]) -> tuple[bool | None, str]:
    """Whether ``dim`` satisfies ``item``, binding a free name on the way; the label says
    what was declared, for the reason of a contradiction.

    A symbol in an inferred dim is the size of that name, so a free name that occurs in
    ``dim`` is compared, not bound: ``B`` never fits ``B+1``.
    """
    if isinstance(item, AnonymousDim | VariadicDim):
        return True, ""
    if isinstance(item, NamedDim) and item.name not in env and item.name not in dim.names():
        if dim.is_unknown:
            return None, ""
        if item.broadcastable and dim.value is None:
            return None, ""  # a symbolic size might be the 1 that does not bind
        if not (item.broadcastable and dim.value == 1):
            env[item.name] = dim
        return True, ""
    if isinstance(item, FixedDim):
        want, label = Dim.of(item.value), str(item.value)
    else:
        if isinstance(item, NamedDim):
            free = Dim.sym(item.name)
            want, label = env.get(item.name, free), _quote(item.name)
        else:
            want, free, label = _evaluate(item.text, env), item.dim, _quote(item.text)
        if want != free:
            label += f" = {want}"  # the value its names are bound to
    verdict = dim.equals(want)
    if item.broadcastable:
        verdict = _either(verdict, dim.is_one())
        label = f"{label} or 1"
    return verdict, label


def _rank_failure(pattern: DimPattern, shape: Shape, env: dict[str, Dim]) -> MatchResult | None:
    prefix, variadic, suffix = _split(pattern)
    needed = len(prefix) + len(suffix)
    declared = format_pattern(pattern)
    if variadic is None and not shape.variadic and len(shape) != needed:
        reason = f"declared rank {needed} {declared}, inferred rank {len(shape)} {shape}"
    elif variadic is None and shape.variadic and len(shape) > needed:
        reason = f"declared rank {needed} {declared}, inferred at least {len(shape)} dims {shape}"
    elif variadic is not None and not shape.variadic and len(shape) < needed:
        reason = f"declared at least {needed} dims {declared}, inferred rank {len(shape)} {shape}"
    else:
        return None
    return MatchResult(False, env, reason)


def _pairs(pattern: DimPattern, shape: Shape) -> tuple[list[tuple[DimItem, Dim, int]], bool]:
    """Pattern items aligned with the shape dims they meet (with the dim's index, negative
    when counted from the end), and whether the alignment covers both sides completely."""
    prefix, variadic, suffix = _split(pattern)
    dims, rank = shape.dims, len(shape.dims)
    if not shape.variadic:
        if variadic is None:
            return list(zip(prefix, dims, range(rank), strict=True)), True
        head = list(zip(prefix, dims[: len(prefix)], range(len(prefix)), strict=True))
        start = rank - len(suffix)
        tail = list(zip(suffix, dims[start:], range(start, rank), strict=True))
        return head + tail, True
    after = suffix if variadic is not None else prefix
    count = min(len(after), rank)
    tail = list(
        zip(after[len(after) - count :], dims[rank - count :], range(-count, 0), strict=True)
    )
    complete = variadic is not None and not prefix and len(suffix) <= rank
    return tail, complete


def match(
    pattern: DimPattern, shape: Shape, bindings: Mapping[str, Dim] | None = None
) -> MatchResult:
    """Check an inferred shape against a declaration.

    Items align from the left before a variadic item and from the right after it (or
    after a shape's unknown-length prefix). Fixed and named items are checked first, so
    ``d+1`` can use the ``d`` bound by the same pattern. A free name is bound to a known
    or symbolic dim; ``#`` items also accept 1 and are never bound to it.
    """
    env = dict(bindings or {})
    failed = _rank_failure(pattern, shape, env)
    if failed is not None:
        return failed
    pairs, complete = _pairs(pattern, shape)
    pairs.sort(key=lambda pair: isinstance(pair[0], ExprDim))
    verdicts: list[bool | None] = []
    for item, dim, index in pairs:
        verdict, label = _compare(item, dim, env)
        if verdict is False:
            return MatchResult(False, env, f"dim {index}: declared {label}, inferred {dim}")
        verdicts.append(verdict)
    ok = True if complete and all(v is True for v in verdicts) else None
    return MatchResult(ok, env)
