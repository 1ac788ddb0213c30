"""Run every case of the bug suite (and every example) under the real frameworks; keep records.

    python bench/bugs/record.py                 # record cases whose source changed
    python bench/bugs/record.py --force         # record everything again
    python bench/bugs/record.py torch/foo.py    # just these cases (paths under cases/)

Each program runs in its own subprocess of the frameworks' interpreter (``--python``,
default /work/fwvenv/bin/python or $SHAPELINT_FRAMEWORKS_PYTHON) under ``tracer.py``, with
proxies removed from the environment, sockets refused, downloads disabled and a timeout.
The record (``records/<family>/<name>.json``) holds the shapes each executed line bound,
the operand shapes on the marked silent-rule lines, the exceptions raised, the framework
versions and the source's sha256. After recording, every case is replayed and each one
whose run does not show its marked bug (or a twin that did not run cleanly) is listed.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import suite  # noqa: E402

TIMEOUT = 300
_PROXY_VARIABLES = {"http_proxy", "https_proxy", "all_proxy", "ftp_proxy", "no_proxy"}
_VERSIONS = (
    "import importlib.metadata as m, json, sys\n"
    "names = ['numpy', 'torch', 'tensorflow', 'tf-keras', 'keras', 'jax', 'einops']\n"
    "out = {'python': sys.version.split()[0]}\n"
    "for n in names:\n"
    "    try: out[n] = m.version(n)\n"
    "    except m.PackageNotFoundError: pass\n"
    "print(json.dumps(out))\n"
)


def offline_environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k.lower() not in _PROXY_VARIABLES}
    env.update(
        {
            "no_proxy": "*",
            "HF_HUB_OFFLINE": "1",
            "TF_CPP_MIN_LOG_LEVEL": "3",
            "CUDA_VISIBLE_DEVICES": "",
            "JAX_PLATFORMS": "cpu",
            "KERAS_BACKEND": "tensorflow",
            "PYTHONHASHSEED": "0",
            "OMP_NUM_THREADS": "1",
            "PYTHONDONTWRITEBYTECODE": "1",
        }
    )
    return env


def record_one(case: suite.Case, python: str, versions: dict[str, str]) -> dict[str, object]:
    command = [python, str(suite.HERE / "tracer.py"), str(case.path)]
    command += [str(n) for n in case.silent_lines()]
    try:
        done = subprocess.run(
            command,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            env=offline_environment(),
            cwd=str(case.path.parent),
        )
    except subprocess.TimeoutExpired:
        result: dict[str, object] = {"error": f"timed out after {TIMEOUT} s"}
    else:
        if done.returncode == 0:
            result = json.loads(done.stdout)
        else:
            result = {"error": done.stderr.strip().splitlines()[-1:] or ["tracer failed"]}
    return {"case": case.name, "sha256": suite.sha256(case.source), "versions": versions, **result}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("cases", nargs="*", help="paths under cases/ (default: all)")
    parser.add_argument("--force", action="store_true", help="record unchanged cases too")
    parser.add_argument(
        "--python",
        default=os.environ.get("SHAPELINT_FRAMEWORKS_PYTHON", "/work/fwvenv/bin/python"),
    )
    args = parser.parse_args(argv)
    everything = [*suite.cases(), *suite.examples()]
    if args.cases:
        wanted = {str((suite.CASES / c).resolve()) for c in args.cases}
        everything = [c for c in everything if str(c.path) in wanted]
    versions = json.loads(
        subprocess.run(
            [args.python, "-c", _VERSIONS], capture_output=True, text=True, check=True
        ).stdout
    )
    for case in everything:
        old = case.record()
        if not args.force and old is not None and old.get("sha256") == suite.sha256(case.source):
            continue
        print(f"recording {case.name}", file=sys.stderr, flush=True)
        record = record_one(case, args.python, versions)
        case.record_path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(record, indent=1, sort_keys=True) + "\n"
        case.record_path.write_text(text, encoding="utf-8")
    failing = 0
    for case in [*suite.cases(), *suite.examples()]:
        if case.family == "examples":
            continue  # examples hold several bugs each; they feed the oracle only
        problems = suite.replay_problems(case, case.record())
        if problems:
            failing += 1
            print(f"{case.name}:")
            for problem in problems:
                print(f"    {problem}")
    print(f"{failing} case(s) whose record does not show what they claim", file=sys.stderr)
    return 1 if failing else 0


if __name__ == "__main__":
    sys.exit(main())
