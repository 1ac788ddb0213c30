"""Download the pinned wheels and extract their ``.py`` files into ``bench/corpus/<package>/``.

Why a script and not a checked-in corpus: the sources are large and belong to their
authors; a manifest with each wheel's URL and sha256 makes the corpus reproducible by anyone,
and a wheel whose bytes differ from the manifest is refused, so every figure in the README
was measured on the same bytes.

Usage: ``python bench/corpus.py`` (idempotent: verified wheels are kept in bench/corpus/.wheels).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import urllib.request
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
MANIFEST = HERE / "manifest.json"
CORPUS = HERE / "corpus"
WHEELS = CORPUS / ".wheels"


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def fetch(entry: dict[str, str]) -> Path:
    """The verified wheel file, downloaded when missing; raises when the bytes differ."""
    WHEELS.mkdir(parents=True, exist_ok=True)
    target = WHEELS / entry["filename"]
    if target.is_file() and sha256_of(target) == entry["sha256"]:
        return target
    partial = target.with_suffix(".part")
    try:
        with (
            urllib.request.urlopen(entry["url"], timeout=120) as response,
            partial.open("wb") as out,
        ):
            shutil.copyfileobj(response, out)
    except OSError as exc:  # no direct route: let pip (configured for this network) fetch it
        print(f"  direct download failed ({exc}); trying pip download", file=sys.stderr)
        _pip_download(entry)
        shutil.move(str(WHEELS / entry["filename"]), partial)
    actual = sha256_of(partial)
    if actual != entry["sha256"]:
        partial.unlink()
        raise SystemExit(f"{entry['filename']}: sha256 {actual} != manifest {entry['sha256']}")
    partial.replace(target)
    return target


def _pip_download(entry: dict[str, str]) -> None:
    command = [
        sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary", ":all:",
        "--python-version", "3.11", "--platform", "manylinux_2_28_x86_64",
        "-d", str(WHEELS), f"{entry['package']}=={entry['version']}",
    ]  # fmt: skip
    subprocess.run(command, check=True)


def extract(wheel: Path, package: str) -> tuple[int, int]:
    """Only the ``.py`` members, under corpus/<package>/; returns (files, lines)."""
    destination = CORPUS / package
    if destination.exists():
        shutil.rmtree(destination)
    files = lines = 0
    with zipfile.ZipFile(wheel) as archive:
        for member in archive.infolist():
            name = member.filename
            if not name.endswith(".py") or name.startswith("/") or ".." in Path(name).parts:
                continue
            data = archive.read(member)
            out = destination / name
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(data)
            files += 1
            lines += data.count(b"\n")
    return files, lines


def main() -> int:
    manifest = json.loads(MANIFEST.read_text())
    total_files = total_lines = 0
    for entry in manifest["wheels"]:
        wheel = fetch(entry)
        files, lines = extract(wheel, entry["package"])
        total_files += files
        total_lines += lines
        print(
            f"{entry['package']:>27} {entry['version']:>8}: "
            f"{files:5d} files {lines:9d} lines  (sha256 ok)"
        )
    print(f"{'total':>36}: {total_files:5d} files {total_lines:9d} lines in {CORPUS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
