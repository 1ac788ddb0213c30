"""Shape declarations: jaxtyping dim strings, `# shape:` comments, patterns as Shapes,
and matching a declaration against an inferred Shape."""

from __future__ import annotations

import ast
import inspect
import sys
import warnings

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shapelint.shapes import annotation
from shapelint.shapes.annotation import (
    AnnotationError,
    AnonymousDim,
    DimPattern,
    ExprDim,
    FixedDim,
    MatchResult,
    NamedDim,
    VariadicDim,
    format_pattern,
    match,
    parse_dims,
    parse_shape_comment,
    pattern_to_shape,
)
from shapelint.shapes.shape import Dim, Shape

B, T, F = Dim.sym("B"), Dim.sym("T"), Dim.sym("F")


def expr(text: str, dim: Dim, broadcastable: bool = False) -> ExprDim:
    return ExprDim(dim, text, broadcastable)


def variadic(*dims: int | Dim | None) -> Shape:
    return Shape.from_dims(dims, variadic=True)


# -- jaxtyping dim strings ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", ()),
        ("   ", ()),
        ("batch 3", (NamedDim("batch"), FixedDim(3))),
        ("  batch \t 3\n", (NamedDim("batch"), FixedDim(3))),
        ("*batch d", (VariadicDim("batch"), NamedDim("d"))),
        ("...", (VariadicDim(None),)),
        ("... c h w", (VariadicDim(None), NamedDim("c"), NamedDim("h"), NamedDim("w"))),
        ("*_ d", (VariadicDim(None), NamedDim("d"))),
        ("_*x d", (VariadicDim(None), NamedDim("d"))),
        ("#*b d", (VariadicDim("b", broadcastable=True), NamedDim("d"))),
        ("*#b d", (VariadicDim("b", broadcastable=True), NamedDim("d"))),
        ("_ n", (AnonymousDim("_"), NamedDim("n"))),
        ("_foo n", (AnonymousDim("_foo"), NamedDim("n"))),
        ("?leaf", (AnonymousDim("?leaf"),)),
        ("#b c", (NamedDim("b", broadcastable=True), NamedDim("c"))),
        ("#3", (FixedDim(3, broadcastable=True),)),
        ("d+1", (expr("d+1", Dim.sym("d") + 1),)),
        ("dim-1", (expr("dim-1", Dim.sym("dim") - 1),)),
        ("2*h w", (expr("2*h", 2 * Dim.sym("h")), NamedDim("w"))),
        ("#d+1", (expr("d+1", Dim.sym("d") + 1, broadcastable=True),)),
        ("rows=4 cols=3", (FixedDim(4), FixedDim(3))),
        ("b=n", (NamedDim("n"),)),
        ("#rows=4", (FixedDim(4, broadcastable=True),)),
        ("1_000", (FixedDim(1000),)),
        ("batch_size seq_len", (NamedDim("batch_size"), NamedDim("seq_len"))),
        ("None", (NamedDim("None"),)),  # jaxtyping reads any identifier as a name
        ("True", (NamedDim("True"),)),
        ("h//2", (expr("h//2", Dim.unknown()),)),
        ("(2*n)//2", (expr("(2*n)//2", Dim.sym("n")),)),
        ("-(-3)", (expr("-(-3)", Dim.of(3)),)),
        ("min(a,b)", (expr("min(a,b)", Dim.unknown()),)),
        ("max(n,n+2)", (expr("max(n,n+2)", Dim.sym("n") + 2),)),
        ("min(4,7,5)", (expr("min(4,7,5)", Dim.of(4)),)),
        # Valid Python outside the allow-list: unknown, not an error (jaxtyping takes it).
        ("n/2", (expr("n/2", Dim.unknown()),)),
        ("n**2", (expr("n**2", Dim.unknown()),)),
        ("x.shape[0]", (expr("x.shape[0]", Dim.unknown()),)),
        ("f(n)", (expr("f(n)", Dim.unknown()),)),
        ("min(*a)", (expr("min(*a)", Dim.unknown()),)),
        # f-strings over the function's arguments cannot be known statically.
        ("{size}", (AnonymousDim("{size}"),)),
        ("{self.n}+3", (AnonymousDim("{self.n}+3"),)),
        ("{a+b} n", (AnonymousDim("{a+b}"), NamedDim("n"))),
        ("#{n}", (AnonymousDim("#{n}"),)),
        ("} n", (AnonymousDim("}"), NamedDim("n"))),
        # Modifiers with an empty name: jaxtyping accepts them; they check nothing here.
        ("?", (AnonymousDim("?"),)),
        ("*", (VariadicDim(None),)),
    ],
)
def test_parse_dims(text: str, expected: DimPattern) -> None:
    assert parse_dims(text) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("3.5", "`3.5` is not a dimension"),
        ("n*2.5", "`2.5` is not a dimension"),
        ("'a'", "`'a'` is not a dimension"),
        ("#", "`#`: `#` goes before the name"),
        ("-1", "`-1` is not a dimension: sizes are never negative"),
        ("2-3", "`2-3` is not a dimension: sizes are never negative"),
        ("9" * 30, f"`{'9' * 30}` is too large to be a dimension"),
        ("*a *b", "two variadic dims: `*a`, `*b`"),
        ("... *b", "two variadic dims: `...`, `*b`"),
        ("##a", "`##a` uses `#` twice"),
        ("**a", "`**a` uses `*` twice"),
        ("__a", "`__a` uses `_` twice"),
        ("??a", "`??a` uses `?` twice"),
        ("*4", "`*4`: a fixed size cannot be variadic"),
        ("_4", "`_4`: a fixed size cannot be anonymous"),
        ("?4", "`?4`: a fixed size cannot be tree-dependent"),
        ("#_", "`#_`: an anonymous dim cannot be broadcastable"),
        ("*a+b", "`*a+b`: an expression cannot be variadic"),
        ("_a+b", "`_a+b`: an expression cannot be anonymous"),
        ("?a+b", "`?a+b`: an expression cannot be tree-dependent"),
        ("...x", "`...` must stand alone, not in `...x`"),
        ("*...", "`...` must stand alone, not in `*...`"),
        ("a,b", "`a,b`: separate dims with spaces, not commas"),
        ("a#", "`a#`: `#` goes before the name"),
        ("*{rest}", "`*{rest}`: an expression cannot be variadic"),
        ("{a,b}", "`{a,b}`: separate dims with spaces, not commas"),
        ("d+", "cannot parse `d+`: invalid syntax"),
        ("(d", "cannot parse `(d`: '(' was never closed"),
        # As in jaxtyping, a single `=` makes what precedes it documentation.
        ("min(a,key=b)", "`min(a,key=b)`: cannot parse `b)`: unmatched ')'"),
        ("#n=d+", "`#n=d+`: cannot parse `d+`: invalid syntax"),
    ],
)
def test_parse_dims_rejects(text: str, reason: str) -> None:
    with pytest.raises(AnnotationError) as caught:
        parse_dims(text)
    assert caught.value.reason == reason
    assert str(caught.value) == reason


# -- "# shape:" comments ------------------------------------------------------------


@pytest.mark.parametrize(
    ("comment", "expected"),
    [
        ("# shape: (B, T, F)", (NamedDim("B"), NamedDim("T"), NamedDim("F"))),
        ("#shape: (32, 10)", (FixedDim(32), FixedDim(10))),
        ("# shape: (B, T*F)", (NamedDim("B"), expr("T*F", T * F))),
        ("# shape: (n+1,)", (expr("n+1", Dim.sym("n") + 1),)),
        ("# shape: (...,  128)", (VariadicDim(None), FixedDim(128))),
        ("# shape: ()", ()),
        ("# shape: []", ()),
        ("# shape: [B, T]", (NamedDim("B"), NamedDim("T"))),
        ("# shape: B, T", (NamedDim("B"), NamedDim("T"))),
        ("# shape: B", (NamedDim("B"),)),
        ("# shape: (B)", (NamedDim("B"),)),
        ("# shape: 7", (FixedDim(7),)),
        ("# shape: (n+1)", (expr("n+1", Dim.sym("n") + 1),)),
        ("# shape: B*T", (expr("B*T", B * T),)),
        ("# shape: ...", (VariadicDim(None),)),
        ("# shape: min(a, 4)", (expr("min(a, 4)", Dim.unknown()),)),
        ("# shape: (3, 4)  # noqa: SHP001", (FixedDim(3), FixedDim(4))),
        ("# shape: (3, 4)#", (FixedDim(3), FixedDim(4))),
        ("  # shape: (3,)", (FixedDim(3),)),
        ("# SHAPE: (3,)", (FixedDim(3),)),
        ("#   Shape :(3,)", (FixedDim(3),)),
        ("# shape: (*batch, d)", (VariadicDim("batch"), NamedDim("d"))),
        ("# shape: [*_, d]", (VariadicDim(None), NamedDim("d"))),
        ("# shape: (None, 128)", (AnonymousDim("None"), FixedDim(128))),
        ("# shape: (?, 128)", (AnonymousDim("_"), FixedDim(128))),
        ("# shape: (-1, 128)", (AnonymousDim("-1"), FixedDim(128))),
        ("# shape: (_, _x, n)", (AnonymousDim("_"), AnonymousDim("_x"), NamedDim("n"))),
        ("# shape: (B, x.size(1))", (NamedDim("B"), expr("x.size(1)", Dim.unknown()))),
        ("# shape: (h // 2, 2*w)", (expr("h // 2", Dim.unknown()), expr("2*w", 2 * Dim.sym("w")))),
        ("# shape: (1_000,)", (FixedDim(1000),)),
        ("# Shape: (batch_size=2, seq=3, f=3)", (FixedDim(2), FixedDim(3), FixedDim(3))),
        ("# shape: [batch=B, 4]", (NamedDim("B"), FixedDim(4))),
        ("# shape: (n == 2, 3)", (expr("n == 2", Dim.unknown()), FixedDim(3))),
    ],
)
def test_parse_shape_comment(comment: str, expected: DimPattern) -> None:
    assert parse_shape_comment(comment) == expected


@pytest.mark.parametrize(
    "comment",
    ["# hello", "# shapes: (3, 4)", "# the shape: (3, 4)", "", "#", "shape: (3, 4)", "# noqa"],
)
def test_not_a_shape_comment(comment: str) -> None:
    assert parse_shape_comment(comment) is None


@pytest.mark.parametrize(
    "comment",
    [
        "# shape: (B, T) after transpose",
        "# shape: [hidden, inter] or [inter, hidden]",
        "# shape: (B, T), (B, F)",
        "# shape: (B, T) + (F,)",
        "# shape: batch x seq",
        "# shape: 437 x 2",
        "# shape: N × 3",
        "# shape: x.shape",
        "# shape: f(x)",
        "# shape: None",
        "# shape: 2*x.size(0)",
        "# shape: min(a, *b)",
    ],
)
def test_prose_about_a_shape_declares_nothing(comment: str) -> None:
    """Documentation that mentions a shape is not a malformed declaration (no SHP100)."""
    assert parse_shape_comment(comment) is None


@pytest.mark.parametrize(
    ("comment", "reason"),
    [
        ("# shape: (3, 4", "unbalanced parenthesis: `(` is never closed"),
        ("# shape: [3, 4", "unbalanced parenthesis: `[` is never closed"),
        ("# shape: 3, 4)", "unbalanced parenthesis: unmatched `)`"),
        ("# shape: (3, 4]", "unbalanced parenthesis: unmatched `]`"),
        ("# shape: B) + (T", "unbalanced parenthesis: unmatched `)`"),
        ("# shape: (3.5, 2)", "`3.5` is not a dimension"),
        ("# shape: (True, 2)", "`True` is not a dimension"),
        ("# shape: ('B', 2)", "`'B'` is not a dimension"),
        ("# shape: (a b)", "cannot parse `(a b)`: invalid syntax. Perhaps you forgot a comma?"),
        ("# shape: (-2, 3)", "`-2` is not a dimension: sizes are never negative"),
        ("# shape: (n, 1-2)", "`1-2` is not a dimension: sizes are never negative"),
        ("# shape: (*a, *b)", "two variadic dims: `*a`, `*b`"),
        ("# shape: (..., *b)", "two variadic dims: `...`, `*b`"),
        ("# shape: (*(a+b), c)", "`*(a+b)`: only a name can be variadic"),
        ("# shape:", "no shape after `shape:`"),
        ("# shape:    # noqa", "no shape after `shape:`"),
    ],
)
def test_parse_shape_comment_rejects(comment: str, reason: str) -> None:
    with pytest.raises(AnnotationError) as caught:
        parse_shape_comment(comment)
    assert caught.value.reason == reason


# -- patterns as shapes ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "bindings", "expected"),
    [
        ("", {}, Shape.of()),
        ("3 4", {}, Shape.of(3, 4)),
        ("B T F", {}, Shape((B, T, F))),
        ("B T", {"B": Dim.of(32)}, Shape((Dim.of(32), T))),
        ("B T*F", {"T": Dim.of(2)}, Shape((B, 2 * F))),
        ("n+1", {"n": Dim.of(4)}, Shape.of(5)),
        ("h//2", {"h": Dim.of(8)}, Shape.of(4)),
        ("h//2", {}, Shape.of(None)),
        ("_ n", {}, Shape((Dim.unknown(), Dim.sym("n")))),
        ("#b #3 c", {"b": Dim.of(5)}, Shape((Dim.unknown(), Dim.unknown(), Dim.sym("c")))),
        ("*batch d", {}, variadic(Dim.sym("d"))),
        ("...", {}, Shape.unknown()),
        # Dims before a variadic item are lost: a Shape only leaves its leading dims open.
        ("a ... c 3", {}, variadic(Dim.sym("c"), 3)),
    ],
)
def test_pattern_to_shape(text: str, bindings: dict[str, Dim], expected: Shape) -> None:
    assert pattern_to_shape(parse_dims(text), bindings) == expected


def test_pattern_to_shape_without_bindings() -> None:
    assert pattern_to_shape(parse_dims("n 2")) == Shape((Dim.sym("n"), Dim.of(2)))


def test_pattern_to_shape_rejects_two_variadics() -> None:
    with pytest.raises(AnnotationError) as caught:
        pattern_to_shape((VariadicDim("a"), VariadicDim(None)))
    assert caught.value.reason == "two variadic dims: `*a`, `...`"


@pytest.mark.parametrize(
    ("text", "formatted"),
    [
        ("", "()"),
        ("n", "(n,)"),
        ("B T F", "(B, T, F)"),
        ("*batch d", "(*batch, d)"),
        ("#*b d", "(#*b, d)"),
        ("... 3", "(..., 3)"),
        ("#b _ _x d+1 #4", "(#b, _, _x, d+1, #4)"),
        ("rows=4", "(4,)"),
    ],
)
def test_format_pattern(text: str, formatted: str) -> None:
    assert format_pattern(parse_dims(text)) == formatted


# -- matching ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "shape", "bindings", "ok", "bound", "reason"),
    [
        # provably equal
        ("3 4", Shape.of(3, 4), {}, True, {}, ""),
        ("", Shape.of(), {}, True, {}, ""),
        ("n n", Shape.of(3, 3), {}, True, {"n": Dim.of(3)}, ""),
        ("d d+1", Shape.of(3, 4), {}, True, {"d": Dim.of(3)}, ""),
        ("d+1 d", Shape.of(4, 3), {}, True, {"d": Dim.of(3)}, ""),
        ("B T", Shape((B, T)), {}, True, {}, ""),  # a name is its own symbol: nothing to bind
        ("n B", Shape((B, B)), {}, True, {"n": B}, ""),
        ("#T", Shape((T,)), {}, True, {}, ""),
        ("B T*F", Shape((B, T * F)), {}, True, {}, ""),
        ("_ _", Shape.of(None, None), {}, True, {}, ""),
        ("*b d", Shape.of(4), {}, True, {"d": Dim.of(4)}, ""),
        ("*b d", Shape.of(2, 3, 4), {}, True, {"d": Dim.of(4)}, ""),
        ("a *b", Shape.of(2, 3, 4), {}, True, {"a": Dim.of(2)}, ""),
        ("a ... c", Shape.of(2, 3, 4, 5), {}, True, {"a": Dim.of(2), "c": Dim.of(5)}, ""),
        ("...", Shape.unknown(), {}, True, {}, ""),
        ("*b c", variadic(3), {}, True, {"c": Dim.of(3)}, ""),
        ("*b c", variadic(2, 3), {}, True, {"c": Dim.of(3)}, ""),
        ("#b", Shape.of(1), {"b": Dim.of(3)}, True, {"b": Dim.of(3)}, ""),
        ("#b", Shape.of(1), {}, True, {}, ""),  # 1 never binds a broadcastable name
        ("#b #b", Shape.of(1, 5), {}, True, {"b": Dim.of(5)}, ""),
        ("#3", Shape.of(1), {}, True, {}, ""),
        ("h//2", Shape.of(4), {"h": Dim.of(8)}, True, {"h": Dim.of(8)}, ""),
        ("min(a,4)", Shape.of(3), {"a": Dim.of(3)}, True, {"a": Dim.of(3)}, ""),
        ("max(n,n+2)", Shape((Dim.sym("n") + 2,)), {}, True, {}, ""),
        # provably different
        (
            "a b",
            Shape.of(1, 2, 3),
            {},
            False,
            {},
            "declared rank 2 (a, b), inferred rank 3 (1, 2, 3)",
        ),
        ("", Shape.of(1), {}, False, {}, "declared rank 0 (), inferred rank 1 (1,)"),
        (
            "a b",
            variadic(1, 2, 3),
            {},
            False,
            {},
            "declared rank 2 (a, b), inferred at least 3 dims (…, 1, 2, 3)",
        ),
        (
            "a *b c",
            Shape.of(5),
            {},
            False,
            {},
            "declared at least 2 dims (a, *b, c), inferred rank 1 (5,)",
        ),
        ("3 4", Shape.of(3, 5), {}, False, {}, "dim 1: declared 4, inferred 5"),
        ("n n", Shape.of(3, 4), {}, False, {"n": Dim.of(3)}, "dim 1: declared `n` = 3, inferred 4"),
        (
            "n",
            Shape.of(4),
            {"n": Dim.of(3)},
            False,
            {"n": Dim.of(3)},
            "dim 0: declared `n` = 3, inferred 4",
        ),
        (
            "d d+1",
            Shape.of(3, 5),
            {},
            False,
            {"d": Dim.of(3)},
            "dim 1: declared `d+1` = 4, inferred 5",
        ),
        (
            "d+1",
            Shape.of(5),
            {"d": Dim.of(3)},
            False,
            {"d": Dim.of(3)},
            "dim 0: declared `d+1` = 4, inferred 5",
        ),
        ("n+1", Shape((Dim.sym("n"),)), {}, False, {}, "dim 0: declared `n+1`, inferred n"),
        ("T", Shape((T + 1,)), {"T": T}, False, {"T": T}, "dim 0: declared `T`, inferred T+1"),
        ("T", Shape((T + 1,)), {}, False, {}, "dim 0: declared `T`, inferred T+1"),
        (
            "B T",
            Shape((B, B + 1)),
            {"T": B},
            False,
            {"T": B},
            "dim 1: declared `T` = B, inferred B+1",
        ),
        (
            "h//2",
            Shape.of(5),
            {"h": Dim.of(8)},
            False,
            {"h": Dim.of(8)},
            "dim 0: declared `h//2` = 4, inferred 5",
        ),
        (
            "#b",
            Shape.of(2),
            {"b": Dim.of(3)},
            False,
            {"b": Dim.of(3)},
            "dim 0: declared `b` = 3 or 1, inferred 2",
        ),
        ("#4", Shape.of(2), {}, False, {}, "dim 0: declared 4 or 1, inferred 2"),
        (
            "*b d",
            Shape.of(2, 3, 4),
            {"d": Dim.of(5)},
            False,
            {"d": Dim.of(5)},
            "dim 2: declared `d` = 5, inferred 4",
        ),
        (
            "a *b",
            Shape.of(2, 3),
            {"a": Dim.of(7)},
            False,
            {"a": Dim.of(7)},
            "dim 0: declared `a` = 7, inferred 2",
        ),
        (
            "a b",
            variadic(2, 3),
            {"b": Dim.of(4)},
            False,
            {"a": Dim.of(2), "b": Dim.of(4)},
            "dim -1: declared `b` = 4, inferred 3",
        ),
        (
            "*b c 10",
            variadic(10, 12),
            {},
            False,
            {"c": Dim.of(10)},
            "dim -1: declared 10, inferred 12",
        ),
        # unknown
        ("n n", Shape.of(3, None), {}, None, {"n": Dim.of(3)}, ""),
        ("3", Shape((B,)), {}, None, {}, ""),
        ("n", Shape.of(None), {}, None, {}, ""),
        ("n+1", Shape.of(5), {}, None, {}, ""),
        ("T", Shape((2 * B,)), {"T": B}, None, {"T": B}, ""),  # B might be 0
        ("h//2", Shape.of(5), {}, None, {}, ""),
        ("#b", Shape((T,)), {}, None, {}, ""),  # T might be the 1 that does not bind
        ("#b", Shape.of(None), {"b": Dim.of(3)}, None, {"b": Dim.of(3)}, ""),
        ("a b", variadic(2, 3), {}, None, {"a": Dim.of(2), "b": Dim.of(3)}, ""),
        ("a b c", variadic(2, 3), {}, None, {"b": Dim.of(2), "c": Dim.of(3)}, ""),
        ("x *b c", variadic(3), {}, None, {"c": Dim.of(3)}, ""),
        ("*b c d", variadic(3), {}, None, {"d": Dim.of(3)}, ""),
        ("a b", Shape.unknown(), {}, None, {}, ""),
        ("", Shape.unknown(), {}, None, {}, ""),
        ("n/2", Shape.of(4), {}, None, {}, ""),
        ("{size}", Shape.of(4), {}, True, {}, ""),
    ],
)
def test_match(
    text: str,
    shape: Shape,
    bindings: dict[str, Dim],
    ok: bool | None,
    bound: dict[str, Dim],
    reason: str,
) -> None:
    result = match(parse_dims(text), shape, bindings)
    assert result == MatchResult(ok, bound, reason)


def test_match_keeps_given_bindings_and_does_not_mutate_them() -> None:
    given_bindings = {"B": Dim.of(32)}
    result = match(parse_dims("B T"), Shape.of(32, 7), given_bindings)
    assert result == MatchResult(True, {"B": Dim.of(32), "T": Dim.of(7)}, "")
    assert given_bindings == {"B": Dim.of(32)}


def test_match_without_bindings() -> None:
    assert match(parse_dims("n"), Shape.of(2)) == MatchResult(True, {"n": Dim.of(2)}, "")


def test_match_a_comment_pattern() -> None:
    pattern = parse_shape_comment("# shape: (B, T*F)")
    assert pattern is not None
    result = match(pattern, Shape.of(4, 6), {"T": Dim.of(2), "F": Dim.of(4)})
    assert result.ok is False
    assert result.reason == "dim 1: declared `T*F` = 8, inferred 6"


def test_match_binds_a_name_used_by_a_later_declaration() -> None:
    first = match(parse_dims("batch d"), Shape.of(8, 16), {})
    second = match(parse_dims("batch d+1"), Shape.of(8, 16), first.bindings)
    assert second == MatchResult(
        False, {"batch": Dim.of(8), "d": Dim.of(16)}, "dim 1: declared `d+1` = 17, inferred 16"
    )


# -- robustness ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "-" * 100_000 + "1",
        "(" * 10_000 + "n" + ")" * 10_000,
        "+".join(["n"] * 5_000),
        "*".join(["(a+b+c+d+e+f+g+h)"] * 40),
        "*".join(["99999999999"] * 10),
        "min(" * 300 + "n" + ")" * 300,
        "\x00",
        "n\x00",
    ],
)
def test_hostile_dims_are_cheap_and_contained(text: str) -> None:
    try:
        pattern = parse_dims(text)
    except AnnotationError as error:
        assert error.reason
    else:
        assert len(pattern) == 1
        assert isinstance(pattern[0], ExprDim)
        assert pattern[0].dim.is_unknown


def test_parser_warnings_are_neither_shown_nor_raised() -> None:
    expected = (expr("1if n else 2", Dim.unknown()), FixedDim(3))
    with warnings.catch_warnings(record=True) as shown:
        warnings.simplefilter("always")
        assert parse_shape_comment("# shape: (1if n else 2, 3)") == expected
    assert shown == []
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert parse_shape_comment("# shape: (1if n else 2, 3)") == expected
        assert parse_dims("1if(n)else(2)") == (expr("1if(n)else(2)", Dim.unknown()),)


def test_long_text_is_cut_short_in_reasons() -> None:
    with pytest.raises(AnnotationError) as caught:
        parse_dims("x" * 60 + "+")
    assert caught.value.reason == "cannot parse `" + "x" * 39 + "…`: invalid syntax"
    with pytest.raises(AnnotationError) as caught:
        parse_shape_comment("# shape: (" + "n, " * 30 + "2.5)")
    assert caught.value.reason == "`2.5` is not a dimension"


def test_long_sums_are_unknown_even_deep_in_the_call_stack() -> None:
    """The analysis calls in from deep recursion: evaluation depth must stay bounded."""

    def descend(depth: int) -> DimPattern:
        if depth > 0:
            return descend(depth - 1)
        return parse_dims("+".join(["n"] * 300))

    frames = len(inspect.stack())
    pattern = descend(sys.getrecursionlimit() - frames - 120)
    assert pattern == (ExprDim(Dim.unknown(), "+".join(["n"] * 300)),)


@settings(max_examples=400, deadline=None)
@given(st.text())
def test_parse_dims_raises_only_annotation_error(text: str) -> None:
    try:
        pattern = parse_dims(text)
    except AnnotationError as error:
        assert isinstance(error.reason, str) and error.reason
    else:
        assert sum(isinstance(item, VariadicDim) for item in pattern) <= 1
        if "{" not in text and "}" not in text:
            assert len(pattern) == len(text.split())
        format_pattern(pattern)
        pattern_to_shape(pattern)


_SHAPE_ALPHABET = st.sampled_from(list("(),[]*.+-/_#?:=' 0123456789abBnT\t") + ["None", "min"])


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(), st.lists(_SHAPE_ALPHABET).map("".join)))
def test_parse_shape_comment_raises_only_annotation_error(body: str) -> None:
    for comment in (body, "# shape: " + body, "#shape:(" + body):
        try:
            pattern = parse_shape_comment(comment)
        except AnnotationError as error:
            assert isinstance(error.reason, str) and error.reason
        else:
            if pattern is not None:
                format_pattern(pattern)
                pattern_to_shape(pattern)


_ITEMS = st.one_of(
    st.integers(0, 10_000).map(FixedDim),
    st.sampled_from(["B", "T", "n", "batch_size"]).map(NamedDim),
    st.just(AnonymousDim()),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_ITEMS, max_size=6), st.integers(0, 6), st.sampled_from([None, "b"]), st.booleans())
def test_formatted_patterns_read_back(
    items: list[FixedDim | NamedDim | AnonymousDim], at: int, name: str | None, star: bool
) -> None:
    if star:
        items.insert(min(at, len(items)), VariadicDim(name))  # type: ignore[arg-type]
    pattern = tuple(items)
    assert parse_shape_comment("# shape: " + format_pattern(pattern)) == pattern
    assert parse_dims(" ".join(format_pattern(pattern)[1:-1].replace(",", " ").split())) == pattern


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(0, 6), max_size=5), st.lists(st.integers(0, 6), max_size=5))
def test_concrete_match_agrees_with_tuple_equality(
    declared: list[int], inferred: list[int]
) -> None:
    pattern = tuple(FixedDim(v) for v in declared)
    result = match(pattern, Shape.of(*inferred), {})
    assert result.ok is (declared == inferred)
    assert (result.reason == "") is (declared == inferred)


def test_module_never_evaluates_code() -> None:
    tree = ast.parse(inspect.getsource(annotation))
    called = {
        node.func.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
    }
    assert not called & {"eval", "exec", "compile", "__import__"}
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            imported.add(node.module or "")
    allowed = {"__future__", "ast", "re", "warnings", "collections.abc", "dataclasses", "functools"}
    assert imported == allowed | {"shapelint.shapes.shape"}
    assert "libcst" not in inspect.getsource(annotation)
    assert "shapelint.analysis" not in inspect.getsource(annotation)


# -- match against a brute-force reference on concrete shapes ----------------------------

_VALUES = (1, 2, 3)


def _reference(pattern: DimPattern, dims: tuple[int, ...], env: dict[str, int]) -> bool:
    """jaxtyping's rule on a concrete shape, written the obvious way."""
    star = [i for i, item in enumerate(pattern) if isinstance(item, VariadicDim)]
    if star:
        head, tail = pattern[: star[0]], pattern[star[0] + 1 :]
        if len(dims) < len(head) + len(tail):
            return False
        pairs = list(zip(head, dims, strict=False))
        pairs += list(zip(tail, dims[len(dims) - len(tail) :], strict=True))
    else:
        if len(dims) != len(pattern):
            return False
        pairs = list(zip(pattern, dims, strict=True))
    env = dict(env)
    for item, size in pairs:
        if isinstance(item, FixedDim):
            if size != item.value and not (item.broadcastable and size == 1):
                return False
        elif isinstance(item, NamedDim):
            if item.broadcastable and size == 1:
                continue
            if env.setdefault(item.name, size) != size:
                return False
    return True


def _concretisations(shape: Shape) -> list[tuple[int, ...]]:
    options: list[list[int]] = [[d.value] if d.value is not None else list(_VALUES) for d in shape]
    tails: list[tuple[int, ...]] = [()]
    for choice in options:
        tails = [t + (v,) for t in tails for v in choice]
    if not shape.variadic:
        return tails
    heads: list[tuple[int, ...]] = [(), *((v,) for v in _VALUES)]
    heads += [(v, w) for v in _VALUES for w in _VALUES]
    return [h + t for h in heads for t in tails]


_REF_ITEMS = st.one_of(
    st.builds(FixedDim, st.sampled_from(_VALUES), st.booleans()),
    st.builds(NamedDim, st.sampled_from(["a", "b"]), st.booleans()),
    st.just(AnonymousDim()),
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(_REF_ITEMS, max_size=4),
    st.one_of(st.none(), st.integers(0, 4)),
    st.lists(st.one_of(st.none(), st.sampled_from(_VALUES)), max_size=4),
    st.booleans(),
    st.dictionaries(st.sampled_from(["a", "b"]), st.sampled_from(_VALUES), max_size=1),
)
def test_match_agrees_with_reference(
    items: list[FixedDim | NamedDim | AnonymousDim],
    star_at: int | None,
    sizes: list[int | None],
    unknown_rank: bool,
    given_env: dict[str, int],
) -> None:
    pattern: DimPattern = tuple(items)
    if star_at is not None:
        at = min(star_at, len(items))
        pattern = (*pattern[:at], VariadicDim(None), *pattern[at:])
    shape = Shape.from_dims(sizes, variadic=unknown_rank)
    result = match(pattern, shape, {k: Dim.of(v) for k, v in given_env.items()})
    outcomes = {_reference(pattern, dims, given_env) for dims in _concretisations(shape)}
    if result.ok is True:
        assert outcomes == {True}
    if result.ok is False:
        assert outcomes == {False}
        assert result.reason
    if outcomes == {True} and not unknown_rank and None not in sizes:
        assert result.ok is True  # concrete shapes are decided, never left unknown
    if outcomes == {False} and not unknown_rank and None not in sizes:
        assert result.ok is False
