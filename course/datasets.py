"""The data sets: the course's digits with their fixed split, Fashion-MNIST, and one table of both.

Every program's --dataset is built from DATASETS: to add a data set, write its
loader and add one row.
"""

import gzip
import hashlib
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

import numpy as np

from course import CourseError
from course.files import load_npz
from course.paths import DATA_DIR, DIGITS, PRETRAINED, TRAINED

NUM_LABELS = 10
TEST_PER_CLASS = 100
SPLIT_SEED = 0
DIGIT_CLASSES = tuple(str(label) for label in range(NUM_LABELS))


@dataclass(frozen=True)
class Dataset:
    """A data set with its fixed split: pictures as rows of side * side values in [0, 1]."""

    name: str
    X_train: np.ndarray
    y_train: np.ndarray
    X_test: np.ndarray
    y_test: np.ndarray
    classes: tuple  # the name of each label
    item: str = "picture"  # what one example is called in the outputs: "digit", "picture"

    @property
    def side(self):
        """Return the side of the square pictures, in pixels."""
        return int(round(np.sqrt(self.X_train.shape[1])))


# ---------------------------------------------------------------- the digits

def load_digits(path=DIGITS):
    """Return all the digits: X (5000, 400) floats in [0, 1] and y (5000,) labels 0..9."""
    X, y, _ = _digit_arrays(path)
    return X, y


def load_split(path=DIGITS):
    """Return (X_train, y_train, X_test, y_test), the fixed stratified split."""
    X, y, test = _digit_arrays(path)
    return X[~test], y[~test], X[test], y[test]


def load_digit_dataset():
    """Return the course's digits as a Dataset: 4000 training and 1000 test digits of 20x20."""
    return Dataset("digits", *load_split(), classes=DIGIT_CLASSES, item="digit")


def _digit_arrays(path):
    """Return X (float64), y (int64) and the boolean test mask stored in a digits file."""
    arrays = load_npz(path, "digits file", ("X", "y", "test"))
    return arrays["X"].astype(np.float64), arrays["y"].astype(np.int64), arrays["test"]


def data_checksum(X, y):
    """Return a short SHA-256 of the examples and labels, to tell data sets apart."""
    digest = hashlib.sha256()
    for start in range(0, len(X), 4096):  # the same bytes, without a float64 copy of all X
        digest.update(np.ascontiguousarray(X[start:start + 4096], dtype=np.float64))
    digest.update(np.ascontiguousarray(y, dtype=np.int64).tobytes())
    return digest.hexdigest()[:16]


def validation_split(X_train, y_train, per_class=None, seed=SPLIT_SEED):
    """Return (X_fit, y_fit, X_val, y_val): the training split with a stratified part held out.

    Settings are chosen on this validation part, never on the test set. By
    default a fifth of each label is held out (80 of the 400 digits per label).
    """
    if per_class is None:
        per_class = int(np.bincount(y_train).min()) // 5
    val = stratified_test_mask(y_train, per_class, seed)
    return X_train[~val], y_train[~val], X_train[val], y_train[val]


def stratified_test_mask(y, per_class=TEST_PER_CLASS, seed=SPLIT_SEED):
    """Return a boolean mask that picks `per_class` random examples of each label."""
    rng = np.random.default_rng(seed)
    test = np.zeros(len(y), dtype=bool)
    for label in range(NUM_LABELS):
        members = np.flatnonzero(y == label)
        test[rng.choice(members, size=per_class, replace=False)] = True
    return test


# ---------------------------------------------------------------- Fashion-MNIST

FASHION_DIR = Path("/usr/share/datasets/fashion-mnist")  # where Debian's package puts it
FASHION_INSTALL = "sudo apt-get install dataset-fashion-mnist"
FASHION_CLASSES = ("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt",
                   "Sneaker", "Bag", "Ankle boot")
# IDX type codes: https://yann.lecun.com/exdb/mnist/ (big-endian numbers after the magic)
IDX_TYPES = {0x08: ">u1", 0x09: ">i1", 0x0B: ">i2", 0x0C: ">i4", 0x0D: ">f4", 0x0E: ">f8"}


def read_idx(path):
    """Return the array stored in an IDX file (the format of MNIST), gzipped or not.

    An IDX file is: two zero bytes, a type code, the number of dimensions, each
    dimension as a big-endian 32-bit integer, then the values, row-major.
    """
    raw = Path(path).read_bytes()
    if raw[:2] == b"\x1f\x8b":  # gzip
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError, zlib.error) as error:
            raise CourseError(f"IDX file {path}: damaged gzip data ({error})") from None
    if len(raw) < 4 or raw[:2] != b"\x00\x00" or raw[2] not in IDX_TYPES:
        raise CourseError(f"IDX file {path}: wrong magic number {raw[:4].hex(' ')}; expected "
                          "00 00, a type code (08 for bytes) and the number of dimensions")
    ndim = raw[3]
    header = 4 + 4 * ndim
    if len(raw) < header:
        raise CourseError(f"IDX file {path}: the header announces {ndim} dimensions, "
                          f"but the file ends after {len(raw)} bytes")
    shape = tuple(int(size) for size in np.frombuffer(raw, ">u4", count=ndim, offset=4))
    dtype = np.dtype(IDX_TYPES[raw[2]])
    expected = int(np.prod(shape)) * dtype.itemsize
    if len(raw) - header != expected:
        raise CourseError(f"IDX file {path}: shape {shape} needs {expected} bytes of values, "
                          f"found {len(raw) - header}")
    return np.frombuffer(raw, dtype, offset=header).reshape(shape)


def load_fashion(folder=None):
    """Return Fashion-MNIST as a Dataset: 60,000 training and 10,000 test pictures of 28x28.

    folder: where the four IDX files are (default: where Debian's package puts them).
    """
    folder = Path(folder or FASHION_DIR)
    names = ("train-images-idx3-ubyte", "train-labels-idx1-ubyte",
             "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte")
    paths = []
    for name in names:
        found = [folder / f"{name}{ending}" for ending in (".gz", "")
                 if (folder / f"{name}{ending}").is_file()]
        if not found:
            raise FileNotFoundError(f"Fashion-MNIST is not installed (no {name} in {folder}): "
                                    f"{FASHION_INSTALL}")
        paths.append(found[0])
    train_images, train_labels, test_images, test_labels = (read_idx(path) for path in paths)
    for images, labels, path in ((train_images, train_labels, paths[0]),
                                 (test_images, test_labels, paths[2])):
        if images.ndim != 3 or labels.shape != images.shape[:1]:
            raise CourseError(f"IDX file {path}: expected pictures (n, rows, cols) with one "
                              f"label each, got {images.shape} and labels {labels.shape}")
    return Dataset(
        name="fashion",
        # row-major rows, float32 from the start: half the memory of float64, and the
        # precision the data set is trained in (DATASETS)
        X_train=np.divide(train_images.reshape(len(train_images), -1), 255, dtype=np.float32),
        y_train=train_labels.astype(np.int64),
        X_test=np.divide(test_images.reshape(len(test_images), -1), 255, dtype=np.float32),
        y_test=test_labels.astype(np.int64),
        classes=FASHION_CLASSES)


# ---------------------------------------------------------------- the table

@dataclass(frozen=True)
class Source:
    """One row of the table of data sets: what `--dataset NAME` loads and where its weights go."""

    name: str
    description: str           # for --help
    load: Callable[[], Dataset]
    trained: Path              # where course.train saves the weights by default
    pretrained: Optional[Path]  # read when nothing was trained yet (None: train first)
    precision: str = "double"   # course.train's default: "single" (float32) for large data sets


DATASETS = {
    "digits": Source("digits", "the course's 20x20 digits", load_digit_dataset,
                     TRAINED, PRETRAINED),
    "fashion": Source("fashion", f"Fashion-MNIST's clothing (needs {FASHION_INSTALL})",
                      load_fashion, DATA_DIR / "trained-fashion.npz", None, "single"),
}


def source(name):
    """Return the row of DATASETS called `name`, or raise a CourseError naming the choices."""
    if name not in DATASETS:
        raise CourseError(f"dataset: expected one of {', '.join(map(repr, DATASETS))}, "
                          f"got {name!r}")
    return DATASETS[name]


def load_dataset(name):
    """Return the Dataset called `name` (a key of DATASETS: "digits" or "fashion")."""
    return source(name).load()
