"""The pre-commit hook through real ``pre-commit try-repo``, offline.

pre-commit pip-installs the hook repository (build backend included) into a fresh
environment. To need no network, the test builds a wheelhouse by repacking the distributions
already installed in this environment (setuptools, wheel, libcst, numpy and their
requirements) and points pip at it with PIP_FIND_LINKS and PIP_NO_INDEX; proxies are set to
a dead address so that any attempt to reach the network fails loudly.

try-repo installs the hook into a fresh temporary store on every call (about 30 s here, most
of it unpacking numpy), so the module makes two calls: one failing, one passing.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import importlib.metadata
import io
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "delivery"
SEEDS = (
    "setuptools",
    "wheel",
    "libcst",
    "numpy",
    "pathspec",
)  # build backend + runtime requirements
SKIPPED_METADATA = {"RECORD", "INSTALLER", "REQUESTED", "direct_url.json"}
NOT_COPIED = shutil.ignore_patterns(
    ".git", "venv", ".venv", "__pycache__", "*.egg-info", "build", "dist", ".*_cache", "corpus"
)


def requirement_closure(seeds: tuple[str, ...]) -> list[importlib.metadata.Distribution]:
    """The seeds and everything they require in this environment (markers evaluated)."""
    found: dict[str, importlib.metadata.Distribution] = {}
    pending = list(seeds)
    while pending:
        name = canonicalize_name(pending.pop())
        if name in found:
            continue
        dist = importlib.metadata.distribution(name)
        found[name] = dist
        for line in dist.requires or []:
            requirement = Requirement(line)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                pending.append(requirement.name)
    return list(found.values())


def repack(dist: importlib.metadata.Distribution, out: Path) -> Path:
    """A wheel rebuilt from an installed distribution's files, with a fresh RECORD."""
    info = next(p for p in dist.files or [] if p.parent.name.endswith(".dist-info")).parent
    tag = next(
        line.split(":", 1)[1].strip()
        for line in dist.read_text("WHEEL").splitlines()
        if line.startswith("Tag:")
    )
    name = canonicalize_name(dist.metadata["Name"]).replace("-", "_")
    wheel = out / f"{name}-{dist.version}-{tag}.whl"
    rows = []
    with zipfile.ZipFile(wheel, "w", zipfile.ZIP_STORED) as archive:
        for file in dist.files or []:
            parts = file.parts
            if ".." in parts or "__pycache__" in parts or file.suffix == ".pyc":
                continue
            if file.parent == info and file.name in SKIPPED_METADATA:
                continue
            source = Path(dist.locate_file(file))
            if not source.is_file():
                continue
            data = source.read_bytes()
            archive.writestr(file.as_posix(), data)
            digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
            rows.append((file.as_posix(), f"sha256={digest.decode()}", str(len(data))))
        record = io.StringIO()
        csv.writer(record, lineterminator="\n").writerows([*rows, (f"{info}/RECORD", "", "")])
        archive.writestr(f"{info}/RECORD", record.getvalue())
    return wheel


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    base = tmp_path_factory.mktemp("precommit")
    wheelhouse = base / "wheels"
    wheelhouse.mkdir()
    for dist in requirement_closure(SEEDS):
        repack(dist, wheelhouse)
    variables = {
        **os.environ,
        "PRE_COMMIT_HOME": str(base / "home"),
        "PIP_FIND_LINKS": str(wheelhouse),
        "PIP_NO_INDEX": "1",
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        "VIRTUALENV_NO_PERIODIC_UPDATE": "1",
        "http_proxy": "http://127.0.0.1:9",
        "https_proxy": "http://127.0.0.1:9",
        "HTTP_PROXY": "http://127.0.0.1:9",
        "HTTPS_PROXY": "http://127.0.0.1:9",
        "GIT_AUTHOR_NAME": "test",
        "GIT_AUTHOR_EMAIL": "test@example.invalid",
        "GIT_COMMITTER_NAME": "test",
        "GIT_COMMITTER_EMAIL": "test@example.invalid",
        "NO_COLOR": "1",
    }
    return variables


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory, env: dict[str, str]) -> Path:
    """This working tree, committed into a fresh repository (try-repo clones a commit)."""
    repo = tmp_path_factory.mktemp("hook") / "shapelint"
    shutil.copytree(REPO, repo, ignore=NOT_COPIED)
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True, env=env)
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True, env=env)
    subprocess.run(["git", "commit", "-q", "-m", "snapshot"], cwd=repo, check=True, env=env)
    return repo


def try_repo(
    env: dict[str, str], hook_repo: Path, project: Path, *args: str
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(hook_repo), "shapelint", *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )


def make_project(tmp_path: Path, env: dict[str, str], files: dict[str, str]) -> Path:
    project = tmp_path / "project"
    project.mkdir()
    subprocess.run(["git", "init", "-q"], cwd=project, check=True, env=env)
    for name, fixture in files.items():
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        if fixture.endswith(".py"):
            shutil.copy(FIXTURES / fixture, project / name)
        else:
            (project / name).write_text(fixture)
    subprocess.run(["git", "add", *files], cwd=project, check=True, env=env)
    return project


def test_the_manifest_is_valid(env: dict[str, str]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-manifest", ".pre-commit-hooks.yaml"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_staged_files_with_findings_fail_the_hook(
    env: dict[str, str], hook_repo: Path, tmp_path: Path
) -> None:
    files = {
        "model.py": "mismatch.py",
        "bad.py": "syntax_error.py",
        "third_party/vendored.py": "mismatch.py",
        "pyproject.toml": '[tool.shapelint]\nextend-exclude = ["third_party"]\n',
    }
    project = make_project(tmp_path, env, files)
    result = try_repo(env, hook_repo, project)
    assert result.returncode == 1, result.stdout + result.stderr
    # pre-commit names every staged file; the hook's --force-exclude keeps the excludes
    assert "vendored.py" not in result.stdout
    assert "shapelint................................................................Failed" in (
        result.stdout
    )
    assert "bad.py:2:13: SHP900 syntax error: '(' was never closed" in result.stdout
    assert "model.py:4:5: SHP001 `@`: inner dimensions differ" in result.stdout


def test_clean_files_pass(env: dict[str, str], hook_repo: Path, tmp_path: Path) -> None:
    project = make_project(tmp_path, env, {"model.py": "clean.py"})
    (project / "tool.py").write_text("total = sum(range(10))\n")
    result = try_repo(env, hook_repo, project, "--files", "model.py", "tool.py")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "shapelint................................................................Passed" in (
        result.stdout
    )
