"""ARCHITECTURE.md's code map keeps up with the tree: every package folder under shapelint/,
and every module of the top level and of the analysis, is named in it."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).parents[1]
PACKAGE = ROOT / "shapelint"


def named_in(text: str) -> set[str]:
    """Everything the map writes as code: `analysis/binder`, `shapelint/shapes/`, `cli`."""
    names = set()
    prose = re.sub(r"```.*?```", "", text, flags=re.DOTALL)  # the diagram is not the map
    for span in re.findall(r"`([^`]+)`", prose):
        names.add(span.strip("/"))
        names.add(span.strip("/").removeprefix("shapelint/"))
    return names


def unnamed(text: str, package: Path) -> list[str]:
    names = named_in(text)
    missing = []
    for init in sorted(package.rglob("__init__.py")):
        folder = init.parent.relative_to(package).as_posix()
        if init.parent != package and folder not in names:
            missing.append(f"{folder}/")
    for directory in (package, package / "analysis"):
        for module in sorted(directory.glob("*.py")):
            if module.stem not in ("__init__", "__main__") and module.stem not in names:
                missing.append(module.relative_to(package).as_posix())
    return missing


def test_every_package_folder_and_main_module_is_in_the_code_map() -> None:
    assert unnamed((ROOT / "ARCHITECTURE.md").read_text(), PACKAGE) == []


def test_the_check_notices_a_folder_or_module_left_out(tmp_path: Path) -> None:
    package = tmp_path / "shapelint"
    (package / "analysis" / "frameworks").mkdir(parents=True)
    (package / "newroom").mkdir()
    for init in ("", "analysis/", "analysis/frameworks/", "newroom/"):
        (package / f"{init}__init__.py").write_text("")
    (package / "cli.py").write_text("")
    (package / "analysis" / "binder.py").write_text("")
    text = (
        "`shapelint/analysis/` holds `analysis/frameworks/` and `binder`; `cli` is the front end."
    )
    assert unnamed(text, package) == ["newroom/"]
    assert unnamed(text.replace("`binder`", "binder"), package) == [
        "newroom/",
        "analysis/binder.py",
    ]
