"""Writing files whole or not at all, and reading .npz archives without trusting them.

Every file is written to a temporary file beside its target, then moved into
place: a crash or Ctrl-C leaves the previous file whole. An .npz file is read
with allow_pickle=False: a file holding Python objects is refused, never
unpickled.
"""

import io
import os
import tempfile
import zipfile
from pathlib import Path

import numpy as np

from course import CourseError

ZIP_MAGIC = b"PK\x03\x04"  # how every .npz file (a zip archive) begins


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


def load_npz(path, what, required):
    """Return the arrays of an .npz file as a dict, with clear errors for bad files.

    what: what the file is, for the messages ("weights file"); required: the
    names of the arrays it must hold.
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"{what} {path}: no such file")
    with open(path, "rb") as file:
        start = file.read(4)
    if start != ZIP_MAGIC:  # np.load would try to unpickle anything else
        raise CourseError(f"{what} {path}: not a .npz file (it starts with {start!r}, "
                          f"an .npz file with {ZIP_MAGIC!r})")
    try:
        with np.load(path, allow_pickle=False) as npz:
            arrays = {name: npz[name] for name in npz.files}
    except ValueError as error:
        if "allow_pickle" in str(error):
            raise CourseError(
                f"{what} {path}: holds Python objects, which are never unpickled"
            ) from None
        raise CourseError(f"{what} {path}: not a readable .npz file ({error})") from None
    except Exception as error:  # a damaged archive fails in many ways (zip, zlib, numpy)
        raise CourseError(f"{what} {path}: not a readable .npz file "
                          f"({type(error).__name__}: {error})") from None
    not_arrays = [name for name, value in arrays.items() if not isinstance(value, np.ndarray)]
    if not_arrays:
        raise CourseError(
            f"{what} {path}: {not_arrays} are not numpy arrays (.npy) in the archive")
    missing = [name for name in required if name not in arrays]
    if missing:
        raise CourseError(
            f"{what} {path}: expected arrays {list(required)}, missing {missing}"
        )
    return arrays
