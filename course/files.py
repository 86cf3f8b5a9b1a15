"""Writing files whole or not at all, and reading .npz archives without trusting them.

Every file is written to a temporary file beside its target, then moved into
place: a crash or Ctrl-C leaves the previous file whole. An .npz file is read
with allow_pickle=False: a file holding Python objects is refused, never
unpickled.
"""

import io
import math
import os
import stat
import struct
import tempfile
import zipfile
from pathlib import Path

import numpy as np

from course import CourseError
from course.cli import printable

TEMPORARY = ".tmp"  # write_atomic writes to .NAME.XXXXXXXX.tmp beside NAME, then moves it
ZIP_MAGIC = b"PK\x03\x04"  # how every .npz file (a zip archive) begins
MAX_ARRAY_BYTES = 2**30  # 1 GiB: a sane bound on one array of a course file
MAX_HEADER_BYTES = 10000  # numpy's own bound on a trusted .npy header
MAX_ENTRIES = 1000  # a course file holds a few arrays; zipfile would parse millions one by one
MAX_DIRECTORY_BYTES = 2**20  # 1 MiB of zip directory: room for MAX_ENTRIES long names
END_RECORD = b"PK\x05\x06"  # the zip's end of central directory record, 22 bytes + a comment
END_RECORD_64 = b"PK\x06\x06"  # its zip64 form (56 bytes), just before the locator
LOCATOR_64 = b"PK\x06\x07"  # the zip64 locator (20 bytes), just before the end record
HEADER_READERS = {(1, 0): np.lib.format.read_array_header_1_0,
                  (2, 0): np.lib.format.read_array_header_2_0}


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
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):  # plots/ is a file of the user's
        raise OSError(f"{printable(path)}: cannot be written (a part of its folder "
                      "is a file, not a folder)") from None
    except OSError as error:
        raise OSError(f"{printable(path)}: cannot be written (its folder cannot be made: "
                      f"{error.strerror or error})") from None
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=TEMPORARY)
    try:
        os.chmod(temporary, _new_file_mode(path))
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):  # a full disk: name the file, not the temporary
            raise OSError(f"{printable(path)}: cannot be written ({error.strerror or error})"
                          ) from None
        raise
    return path


def _new_file_mode(path):
    """Return the permission bits for `path`: its own if it exists, else the umask's."""
    if path.exists():
        return path.stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def check_regular_file(path, what):
    """Return `path` as a Path after checking that it names a regular file (or a link to one).

    Checked with stat, before anything opens it: a folder, a FIFO or a device is
    refused with a message that says what it is, and nothing blocks.
    """
    path = Path(path)
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise FileNotFoundError(f"{what} {printable(path)}: no such file") from None
    except NotADirectoryError:
        raise FileNotFoundError(f"{what} {printable(path)}: no such file (a part of the "
                                "path is a file, not a folder)") from None
    except OSError as error:
        raise OSError(f"{what} {printable(path)}: cannot be read ({error.strerror})") from None
    if stat.S_ISDIR(mode):
        raise CourseError(f"{what} {printable(path)}: is a directory, expected a file")
    if not stat.S_ISREG(mode):
        raise CourseError(f"{what} {printable(path)}: not a regular file ({_kind(mode)}), "
                          "expected a file")
    return path


def _kind(mode):
    """Return what a file that is neither a regular file nor a folder is, in words."""
    for test, kind in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return kind
    return "a special file"


def load_npz(path, what, required, optional=(), check=None, max_bytes=MAX_ARRAY_BYTES):
    """Return the arrays of an .npz file as a dict, with clear errors for bad files.

    what: what the file is, for the messages ("weights file"); required: the
    names of the arrays it must hold; optional: names read when present.
    Nothing else in the archive is decompressed. The zip directory and each
    array's .npy header are read first: check(headers), if given, sees
    {name: (shape, dtype)} before any array's data is read, and an array
    larger than max_bytes, or whose header does not match its size, is refused.
    """
    path = check_regular_file(path, what)
    where = f"{what} {printable(path)}"
    with open(path, "rb") as file:
        start = file.read(4)
        if not start:
            raise CourseError(f"{where}: expected an .npz file, got an empty file (0 bytes)")
        if start != ZIP_MAGIC:  # np.load would try to unpickle anything else
            raise CourseError(f"{where}: not a .npz file (it starts with {start!r}, "
                              f"an .npz file with {ZIP_MAGIC!r})")
        entries, directory_bytes = zip_directory_size(file)
        if entries > MAX_ENTRIES or directory_bytes > MAX_DIRECTORY_BYTES:
            raise CourseError(f"{where}: its zip directory declares {entries} entries in "
                              f"{directory_bytes} bytes, expected at most {MAX_ENTRIES} entries "
                              f"in {MAX_DIRECTORY_BYTES} bytes (a course file holds a few arrays)")
        try:
            with zipfile.ZipFile(file) as archive:
                members = {info.filename: info for info in archive.infolist()}
                missing = [name for name in required if f"{name}.npy" not in members]
                if missing:
                    raise CourseError(
                        f"{where}: expected arrays {list(required)}, missing {missing}")
                wanted = {name: members[f"{name}.npy"] for name in (*required, *optional)
                          if f"{name}.npy" in members}
                headers = {name: _member_header(archive, info, f"{where}: {name}", max_bytes)
                           for name, info in wanted.items()}
                if check is not None:
                    check(headers)
                return {name: _member_array(archive, info) for name, info in wanted.items()}
        except (CourseError, MemoryError):
            raise
        except Exception as error:  # a damaged archive fails in many ways (zip, zlib, numpy)
            raise CourseError(f"{where}: not a readable .npz file "
                              f"({type(error).__name__}: {_first_line(error)})") from None


def zip_directory_size(file):
    """Return (entries, bytes) of a zip's central directory, as its end record declares them.

    Read from the end of the open binary `file` where zipfile reads them (the
    zip64 record when there is one), without reading the directory itself;
    (0, 0) when there is no end record, which zipfile then reports.
    """
    size = file.seek(0, os.SEEK_END)
    file.seek(max(0, size - (56 + 20 + 22 + 65535)))  # zip64 record, locator, end record, comment
    tail = file.read()
    no_comment = tail[-22:-18] == END_RECORD and tail[-2:] == b"\0\0"
    at = len(tail) - 22 if no_comment else tail.rfind(END_RECORD)
    if at < 0 or len(tail) - at < 22:
        return 0, 0
    entries, directory_bytes = struct.unpack("<HI", tail[at + 10:at + 16])
    record_64 = tail[at - 76:at - 20] if at >= 76 and tail[at - 20:at - 16] == LOCATOR_64 else b""
    if record_64[:4] == END_RECORD_64:
        entries, directory_bytes = struct.unpack("<QQ", record_64[32:48])
    return entries, directory_bytes


def _member_header(archive, info, where, max_bytes):
    """Return (shape, dtype) from the .npy header of one archive member, after checking its sizes.

    Only the header is decompressed; the member's size is the one the zip
    directory declares, checked against the bound before anything is read.
    """
    if info.file_size > max_bytes + MAX_HEADER_BYTES:
        raise CourseError(f"{where}: declares {info.file_size} bytes, more than the "
                          f"{max_bytes} an array of this file may have")
    with archive.open(info) as member:
        try:
            version = np.lib.format.read_magic(member)
            read_header = HEADER_READERS.get(version)
            if read_header is None:
                raise ValueError(f"unknown .npy format version {version}")
            shape, _, dtype = read_header(member, max_header_size=MAX_HEADER_BYTES)
        except (ValueError, TypeError, SyntaxError) as error:
            raise CourseError(f"{where}: not a readable .npy array ({_first_line(error)})"
                              ) from None
        header_bytes = member.tell()
    if dtype.hasobject:
        raise CourseError(f"{where}: holds Python objects, which are never unpickled")
    data_bytes = math.prod(shape) * dtype.itemsize
    if data_bytes > max_bytes:
        raise CourseError(f"{where}: declares shape {shape} of {dtype} ({data_bytes} bytes), "
                          f"more than the {max_bytes} an array of this file may have")
    if header_bytes + data_bytes != info.file_size:
        raise CourseError(f"{where}: its header declares shape {shape} of {dtype} "
                          f"({data_bytes} bytes), but the archive says it holds "
                          f"{info.file_size - header_bytes} bytes")
    return shape, dtype


def _member_array(archive, info):
    """Return the array of one archive member, read (and decompressed) a piece at a time."""
    with archive.open(info) as member:
        return np.lib.format.read_array(member, allow_pickle=False,
                                        max_header_size=MAX_HEADER_BYTES)


def _first_line(error):
    """Return the first line of an exception's message."""
    return (str(error).splitlines() or [""])[0]
