"""Statement selection: hand libcst only the top-level statements that can yield a finding.

Parsing with libcst is the floor of a run, and much of a real file holds nothing a shape rule
can see (logging, option plumbing, string formatting). CPython's ``ast`` tree, built anyway as
the guard, tells which top-level statements matter, and the others become empty lines: every
kept statement stays at its own line and column, so positions need no mapping at all.

Why the result equals a whole-file analysis. A finding needs a tensor, and a tensor comes only
from a *seed*: a statement that mentions a name an array library was imported as, imports one
itself, reads ``.shape``/``.ndim``/``.dim``/``.size`` (asserts and shape reads declare tensors)
or carries a ``# shape:`` comment. Values, functions, classes and instances travel between
top-level statements only through module-level names, and each name gets a kind from all the
statements that bind it:

- VOID: surely unknown to the interpreter (a non-array import, or an attribute, call or
  subscript of such a name), which is exactly how an unbound name reads: no statement needs
  the binding, and readers share nothing through it;
- CONST: an immutable value (a literal, an array-library module): a kept reader needs every
  statement binding it, but the value cannot be changed through it, so readers need not be kept;
- OBJECT: anything else (a function, a class, a list, an instance): whoever binds or mentions
  it shares state, so all of them are kept together or dropped together.

The selection is every OBJECT-linked group of statements holding a seed, plus the statements
binding the CONST names they mention, transitively. So a dropped statement never reads, writes,
calls or mutates anything a kept one can see, and never meets a tensor itself. Statements that
can end the module's run early (a ``raise`` outside any function) are seeds, since they decide
whether later ones run at all; names shadowing a builtin and ``global``/``nonlocal`` names are
OBJECT. When in doubt a rule keeps a statement: extra statements cost time, never a finding.
"""

from __future__ import annotations

import ast
import bisect
import builtins
import itertools
import re
from collections.abc import Iterator

from shapelint.analysis.imports import is_tracked
from shapelint.prefilter import ARRAY_LIBRARIES, SHAPE_COMMENT

# every identifier, in code, strings and comments alike (a mention too many only keeps more);
# the ASCII spelling is the fast one, the other for files that need it
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_IDENTIFIER_UNICODE = re.compile(r"[^\W\d]\w*")
_SHAPE_COMMENT = re.compile(SHAPE_COMMENT)
# Mentioning one of these makes a statement a seed: an array library's name (imports, nested
# ones and ``__import__("numpy")`` included), a dynamic import, or an attribute through which
# an assert or a shape read declares a tensor (``x.shape``, ``x.ndim``, ``x.dim()``,
# ``x.ndimension()``, ``x.size()``: shapelint.analysis.declarations).
SEED_WORDS = frozenset(
    {*ARRAY_LIBRARIES, "__import__", "import_module"}
    | {"shape", "ndim", "dim", "ndimension", "size"}
)
# the attributes through which a statement reads a name's shape (and may teach it one)
_SHAPE_READS = frozenset({"shape", "ndim", "dim", "ndimension", "size"})
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")  # the line breaks CPython and libcst count
_BREAK = re.compile(r"\r\n|\r|\n")
_SHADOWS = frozenset(dir(builtins)) | {"True", "False", "None"}  # unbound, they are not unknown

VOID, CONST, OBJECT = 0, 1, 2
_LITERAL = (
    ast.Constant, ast.UnaryOp, ast.BinOp, ast.BoolOp, ast.Compare, ast.Tuple, ast.JoinedStr,
    ast.FormattedValue, ast.IfExp, ast.operator, ast.unaryop, ast.boolop, ast.cmpop,
    ast.expr_context,
)  # fmt: skip
_SCOPED = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


class _Group:
    """Top-level statements sharing physical lines (``a = 1; b = 2``): kept or dropped together."""

    __slots__ = (
        "first", "last", "statements", "mentioned", "bindings", "chains", "tracked", "seed",
        "imports",
    )  # fmt: skip

    def __init__(self, first: int, last: int) -> None:
        self.first = first
        self.last = last
        self.statements: list[ast.stmt] = []
        self.mentioned: set[str] = set()
        self.bindings: dict[str, int] = {}  # module-level name -> strongest kind bound here
        self.chains: dict[str, str | None] = {}  # name -> root of the chain it is bound to
        self.tracked: set[str] = set()  # names bound to an array library's module
        self.seed = False
        self.imports = True  # only import statements: cannot yield a finding on their own

    def bind(self, name: str, kind: int, root: str | None = None) -> None:
        """Record a binding; ``root`` names the root of the attribute/call/subscript chain
        bound, when that is all the binding is (a chain-only name may turn out VOID)."""
        kind = OBJECT if name in _SHADOWS else kind
        if name in self.bindings and self.chains.get(name) != root:
            root = None
        self.chains[name] = root
        self.bindings[name] = max(kind, self.bindings.get(name, VOID))


def select_source(text: str, tree: ast.Module) -> str | None:
    """The source libcst should parse: ``text`` itself when every statement may matter, the
    text with the lines of the other top-level statements emptied, or None when no statement
    can yield a finding (nothing to parse)."""
    starts = _line_starts(text)
    groups = list(_groups(tree))
    identifiers = _IDENTIFIER if text.isascii() else _IDENTIFIER_UNICODE
    for group in groups:
        span = text[starts[group.first - 1] : starts[min(group.last, len(starts) - 1)]]
        group.mentioned.update(identifiers.findall(span))
        group.seed = not group.mentioned.isdisjoint(SEED_WORDS)
        _describe(group, span)
    _mark_shape_comments(text, starts, groups)
    kept = _selected(groups)
    if not kept:
        return None
    if len(kept) == len(groups):
        return text
    return _blank_others(text, starts, [groups[i] for i in sorted(kept)])


def _line_starts(text: str) -> list[int]:
    """Offsets where each line starts, and ``len(text)`` last."""
    if "\r" in text:
        starts = [match.start() for match in _LINE.finditer(text)]
        return starts if starts[-1] == len(text) else [*starts, len(text)]
    return [0, *itertools.accumulate(len(line) + 1 for line in text.split("\n"))][:-1] + [len(text)]


def _groups(tree: ast.Module) -> Iterator[_Group]:
    current: _Group | None = None
    for statement in tree.body:
        decorators = getattr(statement, "decorator_list", ())
        first = min([statement.lineno, *(d.lineno for d in decorators)])
        last = statement.end_lineno or statement.lineno
        if current is not None and first <= current.last:
            current.last = max(current.last, last)
        else:
            if current is not None:
                yield current
            current = _Group(first, last)
        current.statements.append(statement)
    if current is not None:
        yield current


def _describe(group: _Group, span: str) -> None:
    """The names the group's statements bind at module level, and the seeds only the tree
    shows. A def or class binds its own name (its body runs in its own scope, where
    ``global``/``nonlocal`` names still count); a compound statement is walked whole and
    taken to bind every name it stores, as more bindings only ever keep more statements."""
    walrus = ":=" in span
    for statement in group.statements:
        if isinstance(statement, (ast.Import, ast.ImportFrom)):
            _describe_import(statement, group)
            continue
        group.imports = False
        parts: list[ast.AST] = []
        if isinstance(statement, _SCOPED):
            group.bind(statement.name, OBJECT)
            if walrus:
                parts += _outer_parts(statement)
            if "global" in span or "nonlocal" in span:
                _bind_globals(statement, group)
        elif isinstance(statement, ast.Assign) and all(
            isinstance(target, ast.Name) for target in statement.targets
        ):
            kind, root = _value_kind(statement.value)
            for target in statement.targets:
                assert isinstance(target, ast.Name)
                group.bind(target.id, kind, root)
            if walrus:
                parts.append(statement.value)
        elif isinstance(statement, ast.Raise):
            group.seed = True  # may end the module's run: whether later statements run
        elif isinstance(statement, (ast.Expr, ast.Assert, ast.Pass)):
            if walrus:
                parts.append(statement)
        else:
            parts.append(statement)
        for part in parts:
            _walk(part, group)
        if not group.mentioned.isdisjoint(_SHAPE_READS):
            _bind_shape_holders(statement, group)


def _walk(node: ast.AST, group: _Group) -> None:
    """Every name stored or defined anywhere in ``node`` is bound, as OBJECT; a ``raise`` is a
    seed."""
    for child in ast.walk(node):
        if isinstance(child, ast.Name):
            if not isinstance(child.ctx, ast.Load):
                group.bind(child.id, OBJECT)
        elif isinstance(child, (ast.Import, ast.ImportFrom)):
            for alias in child.names:
                group.bind(alias.asname or alias.name.split(".", 1)[0], OBJECT)
        elif isinstance(child, (ast.Global, ast.Nonlocal)):
            for name in child.names:
                group.bind(name, OBJECT)
        elif isinstance(child, _SCOPED):  # ``if ...: def f(): ...`` binds ``f``
            group.bind(child.name, OBJECT)
        elif isinstance(child, ast.Raise):
            group.seed = True
        elif isinstance(child, (ast.ExceptHandler, ast.MatchAs, ast.MatchStar, ast.MatchMapping)):
            caught = child.rest if isinstance(child, ast.MatchMapping) else child.name
            if caught is not None:
                group.bind(caught, OBJECT)


def _bind_shape_holders(node: ast.AST, group: _Group) -> None:
    """A name whose shape a statement reads is bound by it: an assert that holds, or a read
    that names the dims (``B, T = x.shape``), teaches ``x`` its shape, so every statement
    binding ``x`` is kept with it (a dropped ``x = g()`` would leave the shape taught)."""
    for child in ast.walk(node):
        if isinstance(child, ast.Attribute) and child.attr in _SHAPE_READS:
            holder = child.value
            if isinstance(holder, ast.Name):
                group.bind(holder.id, OBJECT)


def _bind_globals(node: ast.AST, group: _Group) -> None:
    for child in ast.walk(node):
        if isinstance(child, (ast.Global, ast.Nonlocal)):
            for name in child.names:
                group.bind(name, OBJECT)


def _outer_parts(node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) -> list[ast.AST]:
    """What a definition evaluates where it stands: decorators, bases, defaults, annotations."""
    if isinstance(node, ast.ClassDef):
        return [*node.decorator_list, *node.bases, *node.keywords]
    args = node.args
    params = [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg]
    return [
        *node.decorator_list,
        *args.defaults,
        *(default for default in args.kw_defaults if default is not None),
        *(p.annotation for p in params if p is not None and p.annotation is not None),
        *([node.returns] if node.returns is not None else []),
    ]


def _value_kind(value: ast.expr) -> tuple[int, str | None]:
    """The kind an assigned value gives its name, and the root name of an attribute, call or
    subscript chain (whose kind decides, once known)."""
    root = value
    while isinstance(root, (ast.Attribute, ast.Call, ast.Subscript)):
        root = root.func if isinstance(root, ast.Call) else root.value
    if isinstance(root, ast.Name) and root is not value:
        return OBJECT, root.id
    if all(isinstance(node, _LITERAL) for node in ast.walk(value)):
        return CONST, None
    return OBJECT, None


def _tracked(node: ast.Import | ast.ImportFrom) -> bool:
    """An import of a module the interpreter models (an array library, or one whose names
    the models read, such as ``math`` or ``functools``): what it binds is not unknown."""
    if isinstance(node, ast.Import):
        return any(is_tracked(alias.name) for alias in node.names)
    return not node.level and is_tracked(node.module or "")


def _describe_import(node: ast.Import | ast.ImportFrom, group: _Group) -> None:
    """A modelled import binds a module reference (immutable); any other import binds what
    the interpreter reads as unknown, the same as no binding at all."""
    tracked = _tracked(node)
    for alias in node.names:
        if alias.name == "*":
            continue  # binds nothing the interpreter can see
        name = alias.asname or alias.name.split(".", 1)[0]
        group.bind(name, CONST if tracked else VOID)
        if tracked:
            group.tracked.add(name)


def _mark_shape_comments(text: str, starts: list[int], groups: list[_Group]) -> None:
    """Seed every group whose lines hold a ``# shape:`` comment (or text like one)."""
    firsts = [group.first for group in groups]
    for match in _SHAPE_COMMENT.finditer(text):
        line = bisect.bisect_right(starts, match.start())  # 1-based
        index = bisect.bisect_right(firsts, line) - 1
        if index >= 0 and line <= groups[index].last:
            groups[index].seed = True


def _kinds(groups: list[_Group]) -> dict[str, int]:
    """Each module-level name's kind over all its bindings. A chain bound on a root that is
    surely unknown is surely unknown too; found by a fixed point, starting from OBJECT."""
    chains: dict[str, list[str | None]] = {}
    kinds: dict[str, int] = {}
    for group in groups:
        for name, kind in group.bindings.items():
            kinds[name] = max(kind, kinds.get(name, VOID))
            chains.setdefault(name, []).append(group.chains.get(name))
    candidates = [
        name
        for name, roots in chains.items()
        if name not in _SHADOWS and all(root is not None for root in roots)
    ]
    changed = True
    while changed:
        changed = False
        for name in candidates:
            if kinds[name] == OBJECT and all(
                root not in _SHADOWS and kinds.get(root, VOID) == VOID  # type: ignore[arg-type]
                for root in chains[name]
            ):
                kinds[name] = VOID
                changed = True
    return kinds


def _selected(groups: list[_Group]) -> set[int]:
    """Indices of the groups to keep (see the module docstring)."""
    kinds = _kinds(groups)
    tracked = {name for group in groups for name in group.tracked}
    parent = list(range(len(groups)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    binders: dict[str, list[int]] = {}
    first_of: dict[str, int] = {}
    for index, group in enumerate(groups):
        for name in group.bindings:
            binders.setdefault(name, []).append(index)
    shared = {name for name, kind in kinds.items() if kind == OBJECT}
    constants = {name for name, kind in kinds.items() if kind == CONST}
    for index, group in enumerate(groups):
        if not group.imports and not group.mentioned.isdisjoint(tracked):
            group.seed = True
        for name in group.mentioned & shared:  # every binder mentions what it binds
            parent[root(index)] = root(first_of.setdefault(name, index))
    members: dict[int, list[int]] = {}
    for index in range(len(groups)):
        members.setdefault(root(index), []).append(index)
    kept: set[int] = set()
    work = [root(i) for i, group in enumerate(groups) if group.seed and not group.imports]
    while work:
        component = work.pop()
        if component in kept:
            continue
        kept.add(component)
        for index in members[component]:
            for name in groups[index].mentioned & constants:
                work.extend(root(binder) for binder in binders[name])
    return {index for component in kept for index in members[component]}


def _blank_others(text: str, starts: list[int], kept: list[_Group]) -> str:
    """``text`` with every line outside the kept groups emptied, its line break kept."""
    out: list[str] = []
    position = 0  # the first character not yet written
    for group in kept:
        begin, end = starts[group.first - 1], starts[min(group.last, len(starts) - 1)]
        out += _BREAK.findall(text, position, begin)
        out.append(text[begin:end])
        position = end
    out += _BREAK.findall(text, position)
    return "".join(out)
