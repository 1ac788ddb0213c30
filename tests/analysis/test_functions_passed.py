"""Functions passed around: ``functools.partial``, lambdas, closures, and decorators the
analysis does not know (the body is analysed unless the decorator is known to change the
signature)."""

from __future__ import annotations

import pytest

from tests.expectations import actual, expected

TORCH = "import functools\nimport torch\nw = torch.ones(4, 3)\n"

CASES = [
    pytest.param(
        TORCH + "def mm(x, w):\n"
        "    return x @ w  # SHP001: 12\n"
        "p = functools.partial(mm, w=w)\n"
        "r = p(torch.ones(2, 5))\n",
        id="partial-with-a-keyword",
    ),
    pytest.param(
        TORCH + "def mm(x, w):\n"
        "    return x @ w\n"
        "p = functools.partial(mm, w=w)\n"
        "r = p(torch.ones(2, 4))\n",
        id="partial-with-a-keyword-fixed",
    ),
    pytest.param(
        TORCH + "def mm(w, x):\n"
        "    return x @ w\n"
        "p = functools.partial(mm, w)\n"
        "r = p(torch.ones(2, 4)) @ torch.ones(4, 1)  # SHP001: 5\n",
        id="partial-with-a-positional-argument",
    ),
    pytest.param(
        TORCH + "f = lambda x: x @ w  # SHP001: 15\nr = f(torch.ones(2, 5))\n",
        id="lambda-called",
    ),
    pytest.param(
        TORCH + "f = lambda x: x @ w\nr = f(torch.ones(2, 4))\n",
        id="lambda-called-fixed",
    ),
    pytest.param(
        TORCH + "def apply(fn, x):\n"
        "    return fn(x)\n"
        "r = apply(lambda x: x @ w, torch.ones(2, 5))  # SHP001: 21\n",
        id="lambda-passed-to-a-function",
    ),
    pytest.param(
        TORCH + "def outer():\n"
        "    def inner(x):\n"
        "        return x @ w  # SHP001: 16\n"
        "    return inner\n"
        "r = outer()(torch.ones(2, 5))\n",
        id="closure-returned",
    ),
    pytest.param(
        TORCH + "def deco(fn):\n"
        "    @functools.wraps(fn)\n"
        "    def wrapper(*args, **kwargs):\n"
        "        return fn(*args, **kwargs)\n"
        "    return wrapper\n"
        "@deco\n"
        "def g(x):\n"
        "    return x @ w  # SHP001: 12\n"
        "r = g(torch.ones(2, 5))\n",
        id="unknown-decorator",
    ),
    pytest.param(
        TORCH + "def deco(fn):\n"
        "    @functools.wraps(fn)\n"
        "    def wrapper(*args, **kwargs):\n"
        "        return fn(*args, **kwargs)\n"
        "    return wrapper\n"
        "@deco\n"
        "def g(x):\n"
        "    return x @ w\n"
        "r = g(torch.ones(2, 4))\n",
        id="unknown-decorator-fixed",
    ),
    pytest.param(
        TORCH + "import somewhere\n"
        "@somewhere.register('mm')\n"
        "def g(x):\n"
        "    return x @ w\n"
        "r = g(torch.ones(2, 5))\n",
        id="decorator-from-an-unknown-module-may-change-the-signature-fixed",
    ),
    pytest.param(
        TORCH + "def make(n, width=4):\n"
        "    return torch.ones(n, width)\n"
        "def build(**kwargs):\n"
        "    return make(2, **kwargs) @ torch.ones(3, 3)\n",
        id="kwargs-of-a-function-analysed-alone-are-unknown-not-empty",
    ),
    pytest.param(
        TORCH + "def make(n, width=4):\n"
        "    return torch.ones(n, width)\n"
        "def build(*args):\n"
        "    return make(2, *args) @ torch.ones(3, 3)\n",
        id="star-args-of-a-function-analysed-alone-are-unknown-not-empty",
    ),
    pytest.param(
        TORCH + "def make(n, width=4):\n"
        "    return torch.ones(n, width)\n"
        "def build(**kwargs):\n"
        "    return make(2, **kwargs) @ torch.ones(3, 3)  # SHP001: 12\n"
        "r = build()\n",
        id="kwargs-bound-by-a-call-are-what-it-passed",
    ),
]


@pytest.mark.parametrize("source", CASES)
def test_functions_passed_around_are_analysed(source: str) -> None:
    assert actual(source) == expected(source)
