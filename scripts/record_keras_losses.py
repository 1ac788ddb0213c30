"""Record what Keras' functional losses do on pairs of small shapes, with the real libraries.

Why: shapelint's model of Keras' loss functions must be Keras' own rule, in Keras 3 and in
tf.keras alike (they share a spelling; where the two differ, as ``binary_crossentropy`` does
on targets that broadcast, only what both refuse is reported). Each pair is run once in each
library; the answer (the per-sample loss shape, or "error") goes to
``tests/data/keras_losses.json``, which ``tests/analysis/test_keras_losses.py`` replays
without any framework.

Usage (an interpreter with keras, tensorflow and tf-keras):
``python scripts/record_keras_losses.py``.
"""

from __future__ import annotations

import importlib
import itertools
import json
import os
import sys
import warnings
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "tests" / "data" / "keras_losses.json"
SHAPES = [
    (6,), (6, 1), (6, 2), (6, 3), (1,), (1, 2), (6, 4), (6, 4, 1), (6, 4, 3), (6, 1, 3),
    (1, 4, 3), (6, 3, 1), (4,), (6, 4, 2), (2, 6),
]  # fmt: skip
LOSSES = ("categorical_crossentropy", "binary_crossentropy")
LIBRARIES = {"keras3": "keras", "tf_keras": "tf_keras"}


def record(module_name: str) -> dict[str, list[list[object]]]:
    import numpy as np

    losses = importlib.import_module(module_name).losses
    out: dict[str, list[list[object]]] = {}
    for name in LOSSES:
        rows = out.setdefault(name, [])
        for target, output in itertools.product(SHAPES, SHAPES):
            y_true = np.zeros(target, dtype="float32")
            y_pred = np.full(output, 0.5, dtype="float32")
            try:
                result: object = list(getattr(losses, name)(y_true, y_pred).shape)
            except Exception:  # noqa: BLE001 - any refusal is what is recorded
                result = "error"
            rows.append([list(target), list(output), result])
    return out


def main() -> int:
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    warnings.filterwarnings("ignore")
    data = {library: record(module) for library, module in LIBRARIES.items()}
    OUT.write_text(json.dumps(data, indent=0) + "\n")
    print(f"{sum(len(r) for d in data.values() for r in d.values())} cases -> {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
