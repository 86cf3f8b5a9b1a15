"""Weight files: W1, W2 and the settings they were trained with, in one .npz file.

Weights are checked where they enter: shapes that fit together, finite values,
and as many inputs as the pictures they are to read have pixels.
"""

import json
from pathlib import Path

import numpy as np

from course import CourseError
from course.datasets import NUM_LABELS, source
from course.files import load_npz, npz_bytes, write_atomic
from course.paths import SHIPPED


def save_weights(path, W1, W2, **metadata):
    """Write W1, W2 and a JSON dict of metadata to the .npz file `path`; return its Path."""
    path = check_weights_target(path)
    arrays = {
        "W1": np.asarray(W1, dtype=np.float64),
        "W2": np.asarray(W2, dtype=np.float64),
        "metadata": np.array(json.dumps(metadata, sort_keys=True)),
    }
    write_atomic(path, npz_bytes(arrays))
    return path


def check_weights_target(path):
    """Return `path` as a Path after checking that weights may be written there."""
    path = Path(path)
    if any(path.resolve() == shipped.resolve() for shipped in SHIPPED):
        raise CourseError(
            f"out: {path} is a file shipped with the package and is never overwritten; "
            "choose another path"
        )
    if path.suffix != ".npz":
        raise CourseError(f"out: expected a path ending in .npz, got {path}")
    if path.exists():
        try:
            load_weights(path)
        except (OSError, ValueError) as error:
            raise CourseError(
                f"out: {path} exists and is not a weights file ({error}); "
                "refusing to overwrite it"
            ) from None
    return path


def default_weights(dataset="digits"):
    """Return the last trained weights of a data set if there are any, else its pretrained ones.

    A data set without pretrained weights (Fashion) must be trained first.
    """
    row = source(dataset)
    if row.trained.is_file():
        return row.trained
    if row.pretrained is None:
        raise FileNotFoundError(f"no weights for {dataset} yet ({row.trained}): train them "
                                f"with python -m course.train --dataset {dataset}")
    return row.pretrained


def load_weights(path, n_inputs=None):
    """Return (W1, W2) from a weights file, checked for shapes and finite values.

    n_inputs: the pixels of the pictures the network is to read (400 for the
    digits); when given, W1 must have n_inputs + 1 columns.
    """
    return _checked_weights(path, load_npz(path, "weights file", ("W1", "W2")), n_inputs)


def load_network(path, n_inputs=None):
    """Return (W1, W2, metadata) from a weights file: load_weights, and the dict saved with them.

    metadata is {} for a file saved without any.
    """
    arrays = load_npz(path, "weights file", ("W1", "W2"))
    W1, W2 = _checked_weights(path, arrays, n_inputs)
    if "metadata" not in arrays:
        return W1, W2, {}
    try:
        return W1, W2, json.loads(str(arrays["metadata"]))
    except json.JSONDecodeError as error:
        raise CourseError(f"weights file {path}: metadata is not valid JSON ({error})") from None


def _checked_weights(path, arrays, n_inputs):
    """Return (W1, W2) as float64 from the arrays of a weights file, after checking them."""
    W1, W2 = arrays["W1"], arrays["W2"]
    for name, W in (("W1", W1), ("W2", W2)):
        if W.ndim != 2 or W.dtype.kind != "f":
            raise CourseError(
                f"weights file {path}: {name} must be a 2-D float array, "
                f"got {W.dtype} with shape {W.shape}"
            )
        if not np.all(np.isfinite(W)):
            raise CourseError(f"weights file {path}: {name} holds NaN or infinite values")
    hidden = W1.shape[0]
    if W2.shape != (NUM_LABELS, hidden + 1):
        raise CourseError(
            f"weights file {path}: W1 has shape {W1.shape}, so W2 must have shape "
            f"({NUM_LABELS}, {hidden + 1}), got {W2.shape}"
        )
    if n_inputs is not None and W1.shape[1] != n_inputs + 1:
        raise CourseError(
            f"weights file {path}: W1 has shape {W1.shape}, which reads "
            f"{W1.shape[1] - 1} pixels, but these pictures have {n_inputs}")
    return W1.astype(np.float64), W2.astype(np.float64)
