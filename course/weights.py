"""Weight files: W1, W2 and the settings they were trained with, in one .npz file.

Weights are checked where they enter: shapes that fit together, finite values,
and as many inputs as the pictures they are to read have pixels, all seen in
the arrays' headers before their data is read. The metadata saved with them
only describes them: what is not what it should be is left out, and named.
"""

import json
import math
import os
import stat
import tempfile
from functools import partial
from pathlib import Path

import numpy as np

from course import CourseError
from course.datasets import NUM_LABELS, source
from course.cli import printable, size_in_words
from course.files import TEMPORARY, check_regular_file, load_npz, npz_bytes, write_atomic
from course.paths import BEST, SHIPPED

LARGEST_WEIGHT = 1e30  # beyond it, a layer's sums of pictures in [0, 1] could overflow in float32


MAX_METADATA_BYTES = 2**24  # 16 MiB of settings and costs: far more than any training writes
TEMPORARY_NAME = ".{}.XXXXXXXX" + TEMPORARY  # the longest name write_atomic's temporary file has
METADATA_TYPES = {  # what each entry that the programs read must be
    "hidden_layer_size": int, "lambda_": float, "maxiter": int, "seed": int, "augment": int,
    "iterations": int, "init": str, "dataset": str, "impl": str, "program": str,
    "data_checksum": str, "seconds": float, "train_accuracy": float, "test_accuracy": float,
    "costs": list, "members": int,
}


def save_weights(path, W1, W2, **metadata):
    """Write W1, W2 and a JSON dict of metadata to the .npz file `path`; return its Path.

    `path` is checked first (check_weights_target): nothing the user owns is replaced.
    """
    return write_weights(check_weights_target(path), W1, W2, metadata)


def write_weights(path, W1, W2, metadata):
    """Write W1, W2 and the dict metadata to `path`, already checked by check_weights_target."""
    arrays = {
        "W1": np.asarray(W1, dtype=np.float64),
        "W2": np.asarray(W2, dtype=np.float64),
        "metadata": np.array(json.dumps(metadata, sort_keys=True)),
    }
    write_atomic(path, npz_bytes(arrays))
    return path


def check_weights_target(path, name="path"):
    """Return `path` as a Path after checking that weights may be written there, before any work.

    name: what the path is called in messages ("--out" for course.train). It is
    refused when it is a shipped file, does not end in .npz, is a folder or a
    device, is too long a name, lies in a folder that cannot be made or written,
    or is a file that is read-only or holds no weights: nothing the user owns is
    replaced unasked.
    """
    path = Path(path)
    shown = printable(path)
    # realpath, not resolve: a link that loops is refused below, not a RuntimeError here
    if any(Path(os.path.realpath(path)) == shipped.resolve() for shipped in SHIPPED):
        raise CourseError(f"{name}: {shown} is a file shipped with the package and is never "
                          "overwritten; choose another path")
    if path.suffix != ".npz":
        raise CourseError(f"{name}: expected a path ending in .npz, got {shown}")
    _check_folder_can_be_written(path, name)
    if not (path.exists() or path.is_symlink()):
        return path
    if not path.exists():
        raise CourseError(f"{name}: {shown} is a link to nothing; refusing to replace it "
                          "(remove it, or choose another path)")
    check_regular_file(path, name)  # not a folder, a FIFO or a device
    if not path.stat().st_mode & stat.S_IWUSR:
        raise CourseError(f"{name}: {shown} is read-only; refusing to replace it (make it "
                          "writable with chmod u+w, or choose another path)")
    try:
        load_weights(path)
    except (OSError, ValueError) as error:
        raise CourseError(f"{name}: {shown} exists and is not a weights file ({error}); "
                          "refusing to overwrite it") from None
    return path


def _check_folder_can_be_written(path, name):
    """Raise a CourseError naming `name` unless path's folder exists or can be made, and is writable."""
    limit = _name_max(path.parent)
    temporary = TEMPORARY_NAME.format(path.name)
    if len(os.fsencode(temporary)) > limit:
        raise CourseError(f"{name}: the file name {printable(path.name)!r} is too long "
                          f"({len(os.fsencode(path.name))} bytes; at most "
                          f"{limit - len(temporary) + len(path.name)} here)")
    folder = path.parent
    while not folder.exists() and folder != folder.parent:  # where its missing folders would go
        folder = folder.parent
    if not folder.is_dir():
        raise CourseError(f"{name}: {printable(folder)} is a file, so it cannot hold the folder "
                          f"of {printable(path)}")
    try:
        handle, trial = tempfile.mkstemp(dir=folder, prefix=".write-test.", suffix=".tmp")
        os.close(handle)
        os.unlink(trial)
    except OSError as error:
        raise CourseError(f"{name}: cannot write in the folder {printable(folder)} "
                          f"({error.strerror})") from None


def _name_max(folder):
    """Return the longest file name (bytes) in `folder`, or in its nearest existing parent."""
    while not folder.is_dir() and folder != folder.parent:
        folder = folder.parent
    try:
        return os.pathconf(folder, "PC_NAME_MAX")
    except (OSError, ValueError):
        return 255


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


def chosen_weights(given, default):
    """Return (path, what): the --weights given, else default() the program's own, and how
    messages name them ("--weights", or "weights file")."""
    return (given, "--weights") if given is not None else (default(), "weights file")


def picture_weights():
    """Return the weights that read pictures from outside (photos, the drawing pad): best.npz.

    The best network the package ships reads writing that is not MNIST best;
    without it, the default weights of the digits.
    """
    return BEST if BEST.is_file() else default_weights()


def load_weights(path, n_inputs=None, what="weights file"):
    """Return (W1, W2) from a weights file, checked for shapes and finite values.

    n_inputs: the pixels of the pictures the network is to read (400 for the
    digits); when given, W1 must have n_inputs + 1 columns. what: the file's
    name in messages ("--weights" when the user named it so).
    """
    return load_network(path, n_inputs, what)[:2]


def load_network(path, n_inputs=None, what="weights file"):
    """Return (W1, W2, metadata) from a weights file: load_weights, and the dict saved with them.

    metadata is {} for a file saved without any. Entries the programs read that
    have the wrong type are left out, and their names listed under "ignored".
    """
    where = f"{what} {printable(path)}"  # as every message names the file
    arrays = load_npz(path, what, ("W1", "W2"), optional=("metadata",),
                      check=partial(_check_headers, where, n_inputs))
    for name in ("W1", "W2"):
        if not np.all(np.isfinite(arrays[name])):
            raise CourseError(f"{where}: {name} holds NaN or "
                              "infinite values")
        largest = np.max(np.abs(arrays[name]), initial=0.0)
        if largest > LARGEST_WEIGHT:  # sums of such weights could overflow: nothing to read with
            raise CourseError(f"{where}: {name} holds a weight of "
                              f"{largest:.3g}, expected at most {LARGEST_WEIGHT:g} (trained "
                              "weights stay far below; a damaged or made-up file?)")
    W1, W2 = (arrays[name].astype(np.float64) for name in ("W1", "W2"))
    if "metadata" not in arrays:
        return W1, W2, {}
    return W1, W2, checked_metadata(arrays["metadata"])


def _check_headers(where, n_inputs, headers):
    """Raise a CourseError unless the headers {name: (shape, dtype)} fit a network's weights.

    where: the file, as messages name it ("--weights w.npz").
    """
    for name in ("W1", "W2"):
        shape, dtype = headers[name]
        if len(shape) != 2 or dtype.kind != "f":
            raise CourseError(f"{where}: {name} must be a 2-D float array, "
                              f"got {dtype} with shape {shape}")
    W1_shape, W2_shape = headers["W1"][0], headers["W2"][0]
    hidden = W1_shape[0]
    if hidden < 1:
        raise CourseError(f"{where}: W1: expected at least 1 hidden unit (row), "
                          f"got shape {W1_shape}")
    if W2_shape != (NUM_LABELS, hidden + 1):
        raise CourseError(f"{where}: W1 has shape {W1_shape}, so W2 must have shape "
                          f"({NUM_LABELS}, {hidden + 1}), got {W2_shape}")
    if n_inputs is not None and W1_shape[1] != n_inputs + 1:
        raise CourseError(f"{where}: W1 has shape {W1_shape}, which reads "
                          f"{W1_shape[1] - 1} pixels, but these pictures have {n_inputs}")
    if "metadata" in headers:
        shape, dtype = headers["metadata"]
        size = math.prod(shape) * dtype.itemsize
        if size > MAX_METADATA_BYTES:
            raise CourseError(f"{where}: its metadata declares {size_in_words(size)}, more "
                              f"than the {size_in_words(MAX_METADATA_BYTES)} any training writes")


def checked_metadata(array):
    """Return the metadata dict stored as a JSON string in `array`, wrong entries left out.

    Its key "ignored" lists what was left out: the whole metadata when it is not
    a JSON object, else each entry whose type is not the one in METADATA_TYPES.
    """
    try:
        metadata = json.loads(str(array[()])) if array.shape == () and array.dtype.kind == "U" \
            else None
    except (ValueError, RecursionError):
        metadata = None
    if not isinstance(metadata, dict):
        return {"ignored": ["metadata (not a JSON object)"]}
    wrong = sorted(key for key, kind in METADATA_TYPES.items()
                   if key in metadata and not _has_type(metadata[key], kind))
    kept = {key: value for key, value in metadata.items() if key not in wrong}
    return {**kept, "ignored": wrong} if wrong else kept


def _has_type(value, kind):
    """Return True when a JSON value is of the kind a metadata entry needs (finite numbers only)."""
    if kind is list:
        return isinstance(value, list) and all(_has_type(item, float) for item in value)
    if kind is float:
        return (isinstance(value, (int, float)) and not isinstance(value, bool)
                and math.isfinite(value))
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, kind)
