"""Dims and shapes: the values the numeric core computes with.

A dim is a known int, a symbolic integer polynomial over named sizes (``B``, ``T*F``,
``n+1``) or unknown. Comparisons are three-valued (True / False / None) because the linter
may only report what is provably different; "unknown" must stay silent.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

Monomial = tuple[str, ...]  # sorted names, repeated for powers: ("T", "T") is T**2
Terms = tuple[tuple[Monomial, int], ...]  # sorted, no zero coefficients


def _normalise(terms: dict[Monomial, int]) -> Terms:
    return tuple(sorted((m, c) for m, c in terms.items() if c != 0))


@dataclass(frozen=True, slots=True)
class Dim:
    """One axis size. ``terms is None`` means unknown."""

    terms: Terms | None

    # -- construction -------------------------------------------------------------
    @staticmethod
    def of(value: int) -> Dim:
        return Dim(_normalise({(): value}))

    @staticmethod
    def sym(name: str) -> Dim:
        return Dim((((name,), 1),))

    @staticmethod
    def unknown() -> Dim:
        return UNKNOWN_DIM

    @staticmethod
    def coerce(value: Dim | int | None) -> Dim:
        if isinstance(value, Dim):
            return value
        if value is None:
            return UNKNOWN_DIM
        return Dim.of(int(value))

    # -- inspection ---------------------------------------------------------------
    @property
    def is_known(self) -> bool:
        """True for an int: a symbolic dim is not 'known' in this sense."""
        return self.value is not None

    @property
    def is_unknown(self) -> bool:
        return self.terms is None

    @property
    def is_symbolic(self) -> bool:
        return self.terms is not None and self.value is None

    @property
    def value(self) -> int | None:
        if self.terms is None:
            return None
        if not self.terms:
            return 0
        if len(self.terms) == 1 and self.terms[0][0] == ():
            return self.terms[0][1]
        return None

    def names(self) -> set[str]:
        return {n for m, _ in self.terms or () for n in m}

    # -- arithmetic -----------------------------------------------------------------
    def _combine(self, other: Dim | int, sign: int) -> Dim:
        o = Dim.coerce(other)
        if self.terms is None or o.terms is None:
            return UNKNOWN_DIM
        acc: dict[Monomial, int] = dict(self.terms)
        for m, c in o.terms:
            acc[m] = acc.get(m, 0) + sign * c
        return Dim(_normalise(acc))

    def __add__(self, other: Dim | int) -> Dim:
        return self._combine(other, 1)

    __radd__ = __add__

    def __sub__(self, other: Dim | int) -> Dim:
        return self._combine(other, -1)

    def __rsub__(self, other: Dim | int) -> Dim:
        return Dim.coerce(other)._combine(self, -1)

    def __mul__(self, other: Dim | int) -> Dim:
        o = Dim.coerce(other)
        if self.terms is None or o.terms is None:
            return UNKNOWN_DIM
        acc: dict[Monomial, int] = {}
        for m1, c1 in self.terms:
            for m2, c2 in o.terms:
                m = tuple(sorted(m1 + m2))
                acc[m] = acc.get(m, 0) + c1 * c2
        return Dim(_normalise(acc))

    __rmul__ = __mul__

    def __floordiv__(self, other: Dim | int) -> Dim:
        """Exact where provable: ints floor-divide; a polynomial divides by an int that
        divides every coefficient, or by itself. Anything else is unknown."""
        o = Dim.coerce(other)
        if self.terms is None or o.terms is None:
            return UNKNOWN_DIM
        a, b = self.value, o.value
        if a is not None and b is not None:
            return Dim.of(a // b) if b != 0 else UNKNOWN_DIM
        if b is not None and b != 0 and all(c % b == 0 for _, c in self.terms):
            return Dim(_normalise({m: c // b for m, c in self.terms}))
        if self.terms == o.terms:
            return Dim.of(1)
        if len(o.terms) == 1 and o.terms[0][1] == 1:
            divisor = o.terms[0][0]
            out: dict[Monomial, int] = {}
            for m, c in self.terms:
                rest = list(m)
                for name in divisor:
                    if name not in rest:
                        return UNKNOWN_DIM
                    rest.remove(name)
                out[tuple(rest)] = c
            return Dim(_normalise(out))
        return UNKNOWN_DIM

    # -- comparison -----------------------------------------------------------------
    def equals(self, other: Dim | int) -> bool | None:
        """True if provably equal, False if provably different, None if unknown.

        Two polynomials differ provably only when their difference is a nonzero
        constant (``n`` vs ``n+1``, 3 vs 4); ``B`` vs ``3`` is unknown.
        """
        o = Dim.coerce(other)
        if self.terms is None or o.terms is None:
            return None
        diff = self - o
        if not diff.terms:
            return True
        if diff.value is not None:
            return False
        return None

    def is_one(self) -> bool | None:
        return self.equals(1)

    def __str__(self) -> str:
        if self.terms is None:
            return "?"
        if not self.terms:
            return "0"
        out = ""
        for m, c in sorted(self.terms, key=lambda t: (-len(t[0]), t[0])):
            body = "*".join(m) if m else _int_text(abs(c))
            if m and abs(c) != 1:
                body = f"{abs(c)}*{body}"
            sign = "-" if c < 0 else ("+" if out else "")
            out += sign + body
        return out

    def __repr__(self) -> str:
        return f"Dim({self})"


def _int_text(value: int) -> str:
    """Ints as written, but a size with thousands of digits (a loop doubling a dim) short."""
    if value < 10**30:
        return str(value)
    return f"<{len(str(value))}-digit size>"


UNKNOWN_DIM = Dim(None)

DimLike = Dim | int


@dataclass(frozen=True, slots=True)
class Shape:
    """A tuple of dims, optionally after an unknown-length prefix.

    ``variadic`` means any number (zero or more) of unknown dims come before ``dims``:
    ``Shape((Dim.of(128),), variadic=True)`` is ``(…, 128)``; ``Shape((), True)`` is a
    shape of unknown rank.
    """

    dims: tuple[Dim, ...]
    variadic: bool = False

    @staticmethod
    def of(*dims: DimLike | None) -> Shape:
        return Shape(tuple(Dim.coerce(d) for d in dims))

    @staticmethod
    def from_dims(dims: Iterable[DimLike | None], variadic: bool = False) -> Shape:
        return Shape(tuple(Dim.coerce(d) for d in dims), variadic)

    @staticmethod
    def unknown() -> Shape:
        return UNKNOWN_SHAPE

    @staticmethod
    def unknown_rank(rank: int) -> Shape:
        return Shape((UNKNOWN_DIM,) * rank)

    @property
    def rank(self) -> int | None:
        return None if self.variadic else len(self.dims)

    @property
    def min_rank(self) -> int:
        return len(self.dims)

    @property
    def is_unknown(self) -> bool:
        return self.variadic and not self.dims

    def concrete(self) -> tuple[int, ...] | None:
        """The ints of a fully known shape, or None."""
        if self.variadic:
            return None
        values = tuple(d.value for d in self.dims)
        if any(v is None for v in values):
            return None
        return values  # type: ignore[return-value]

    @property
    def is_concrete(self) -> bool:
        return self.concrete() is not None

    def numel(self) -> Dim:
        if self.variadic:
            return UNKNOWN_DIM
        total = Dim.of(1)
        for d in self.dims:
            total = total * d
        return total

    def __len__(self) -> int:
        return len(self.dims)

    def __iter__(self) -> Iterator[Dim]:
        return iter(self.dims)

    def __getitem__(self, index: int) -> Dim:
        """Dim at ``index``; negative indexes count from the end. Unknown if the rank
        does not tell which dim that is."""
        if index < 0:
            return self.dims[index] if -index <= len(self.dims) else UNKNOWN_DIM
        if self.variadic:
            return UNKNOWN_DIM
        return self.dims[index] if index < len(self.dims) else UNKNOWN_DIM

    def equals(self, other: Shape) -> bool | None:
        """Three-valued: provably same shape, provably different, or unknown."""
        if not self.variadic and not other.variadic and len(self.dims) != len(other.dims):
            return False
        if self.variadic or other.variadic:
            n = min(len(self.dims), len(other.dims))
            fixed_rank = self.rank if self.rank is not None else other.rank
            if fixed_rank is not None and fixed_rank < max(len(self.dims), len(other.dims)):
                return False
            verdicts = [a.equals(b) for a, b in zip(self.dims[::-1][:n], other.dims[::-1][:n])]
            return False if False in verdicts else None
        verdicts = [a.equals(b) for a, b in zip(self.dims, other.dims)]
        if False in verdicts:
            return False
        if all(v is True for v in verdicts):
            return True
        return None

    def __str__(self) -> str:
        if self.is_unknown:
            return "(…)"
        items = (["…"] if self.variadic else []) + [str(d) for d in self.dims]
        if len(items) == 1 and not self.variadic:
            return f"({items[0]},)"
        return "(" + ", ".join(items) + ")"

    def __repr__(self) -> str:
        return f"Shape{self}"


UNKNOWN_SHAPE = Shape((), True)


def join_dims(a: Dim, b: Dim) -> Dim:
    """What holds on both paths: equal dims stay, others become unknown."""
    return a if a.equals(b) is True else UNKNOWN_DIM


def join(a: Shape, b: Shape) -> Shape:
    """Per-dimension join of two branches' shapes."""
    if a == b:
        return a
    if a.rank is not None and a.rank == b.rank:
        return Shape(tuple(join_dims(x, y) for x, y in zip(a.dims, b.dims)))
    n = min(len(a.dims), len(b.dims))
    tail = tuple(
        join_dims(x, y) for x, y in zip(a.dims[len(a.dims) - n :], b.dims[len(b.dims) - n :])
    )
    return Shape(tail, variadic=True)


def shape_of(dims: Sequence[DimLike | None]) -> Shape:
    return Shape.from_dims(dims)


class ShapeError(Exception):
    """An op that can never fit these shapes; ``reason`` says why, with the shapes."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
