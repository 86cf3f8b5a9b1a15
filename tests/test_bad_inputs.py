"""Every bad input gets one clear line and a non-zero exit; nothing the learner owns is lost."""

import functools
import io
import json
import os
import shutil
import signal
import struct
import subprocess
import sys
import time
import warnings
import zipfile
from pathlib import Path

import numpy as np
import pytest

from PIL import Image

from course import (CourseError, bench, data, display, fruit, grade, learner, paths, predict,
                    train, tune, weights)
from course.cli import Terminated, stopping_signals_raise
from course.evaluate import confusion_matrix
from course.images import normalize_digit
from course.logistic import lr_cost_function
from course.nn import (feed_forward, nn_cost_function, predict as network_predict,
                       rand_initialize_weights, unroll)

PROGRAMS = {"train": train.main, "predict": predict.main, "display": display.main,
            "grade": grade.main, "tune": tune.main, "data": data.main, "bench": bench.main,
            "fruit": fruit.main}
FIXTURES = Path(__file__).resolve().parent / "fixtures"
LONG_NAME = "w" * 250 + ".npz"  # fits a file system's 255 bytes, but not with write_atomic's ".tmp"


@pytest.fixture
def files(tmp_path):
    """Return a folder of bad files, named by what is wrong with them."""
    W1, W2 = data.load_weights(data.PRETRAINED)
    (tmp_path / "notes.txt").write_text("my notes")
    (tmp_path / "notes.npz").write_text("my notes, with the wrong ending")
    (tmp_path / "truncated.npz").write_bytes(data.PRETRAINED.read_bytes()[:2000])
    np.savez(tmp_path / "objects.npz", W1=np.array([{"x": 1}], dtype=object), W2=W2)
    np.savez(tmp_path / "wrong_shapes.npz", W1=W1, W2=np.zeros((10, 30)))
    np.savez(tmp_path / "fashion.npz", W1=np.zeros((25, 785)), W2=W2)
    np.savez(tmp_path / "nan.npz", W1=np.full_like(W1, np.nan), W2=W2)
    np.savez(tmp_path / "no_W2.npz", W1=W1)
    (tmp_path / "corrupt.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"garbage" * 20)
    Image.new("L", (1, 1)).save(tmp_path / "dot.png")  # a picture, but too small to hold a digit
    hostile_files(tmp_path, W1, W2)
    return tmp_path


def hostile_files(folder, W1, W2):
    """Write the files of the second round of hostile inputs (issue 14) into folder."""
    shutil.copy(FIXTURES / "bzip2_bomb.npz", folder / "bomb.npz")  # W1.npy: 4 GB of zeros, 4 KB
    big = b"{'descr': '<f8', 'fortran_order': False, 'shape': (25, 401), }" + b" " * 20000 + b"\n"
    with zipfile.ZipFile(folder / "big_header.npz", "w") as archive:
        archive.writestr("W1.npy", b"\x93NUMPY\x02\x00" + struct.pack("<I", len(big)) + big
                         + W1.tobytes())
        archive.writestr("W2.npy", npy(W2))
    metadata = {"metadata_5": np.array(5), "metadata_list": np.array("[]"),
                "metadata_nested": np.array("[" * 100000),
                "metadata_partial": np.array('{"hidden_layer_size": 25}'),
                "metadata_wrong": np.array(json.dumps({
                    "costs": "abc", "lambda_": "1", "iterations": 3.5, "hidden_layer_size": 25,
                    "init": "random", "seed": True})),
                "metadata_nan": np.array('{"costs": [1.0, NaN, 0.5], "lambda_": Infinity}')}
    for name, value in metadata.items():
        np.savez(folder / f"{name}.npz", W1=W1, W2=W2, metadata=value)
    signs = np.where(np.arange(W1.size).reshape(W1.shape) % 2, 1.0, -1.0)
    np.savez(folder / "huge.npz", W1=1e308 * signs, W2=np.full_like(W2, 1e308))
    np.savez(folder / "large.npz", W1=1e29 * signs, W2=np.full_like(W2, -1e29))
    np.savez(folder / "complex.npz", W1=W1.astype(complex), W2=W2)
    np.savez(folder / "no_hidden.npz", W1=np.zeros((0, 401)), W2=np.zeros((10, 1)))
    np.savez(folder / "one_d.npz", W1=W1.ravel(), W2=W2)
    np.savez(folder / "big_endian.npz", W1=W1.astype(">f8"), W2=np.asfortranarray(W2))
    with zipfile.ZipFile(folder / "lies.npz", "w") as archive:  # the header says more than there is
        archive.writestr("W1.npy", npy(W1)[:-800])
        archive.writestr("W2.npy", npy(W2))
    with zipfile.ZipFile(folder / "encrypted.npz", "w") as archive:
        archive.writestr("W1.npy", npy(W1))
        archive.writestr("W2.npy", npy(W2))
    raw = bytearray((folder / "encrypted.npz").read_bytes())
    directory = raw.index(b"PK\x01\x02")  # the first member's entry in the zip directory
    raw[directory + 8] |= 1  # its "encrypted" flag
    (folder / "encrypted.npz").write_bytes(bytes(raw))
    np.savez(folder / "readonly.npz", W1=W1, W2=W2)
    (folder / "readonly.npz").chmod(0o444)
    (folder / "dir.npz").mkdir()
    os.mkfifo(folder / "fifo.npz")
    os.symlink(folder / "nowhere.npz", folder / "dangling.npz")
    os.symlink(folder / "loop.npz", folder / "loop.npz")
    (folder / "empty.npz").write_bytes(b"")
    (folder / "empty.png").write_bytes(b"")
    (folder / "entries.npz").write_bytes(zip_listing_W1(5000))
    (folder / "entries64.npz").write_bytes(zip_listing_W1(5000, zip64=True))
    digit_picture(folder / "seven.png", a_seven())


@functools.cache
def a_seven():
    """Return the 400 pixels of the first held-out 7."""
    _, _, X_test, y_test = data.load_split()
    return X_test[y_test == 7][0]


def zip_listing_W1(count, zip64=False, declared=None):
    """Return a zip whose directory lists one W1.npy `count` times; its end record says `declared`.

    declared: the entries the end record declares (default count); zip64: with
    the zip64 end record and locator, as zipfile writes for over 65535 entries.
    """
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("W1.npy", npy(np.zeros((2, 3))))
    raw = buffer.getvalue()
    start, end = raw.index(b"PK\x01\x02"), raw.index(b"PK\x05\x06")
    directory = raw[start:end] * count  # the one entry, over and over
    declared = count if declared is None else declared
    body = raw[:start] + directory
    if not zip64:
        return body + b"PK\x05\x06" + struct.pack("<HHHHIIH", 0, 0, declared, declared,
                                                    len(directory), start, 0)
    record = b"PK\x06\x06" + struct.pack("<QHHIIQQQQ", 44, 45, 45, 0, 0, declared, declared,
                                          len(directory), start)
    locator = b"PK\x06\x07" + struct.pack("<IQI", 0, len(body), 1)
    return (body + record + locator + b"PK\x05\x06"
            + struct.pack("<HHHHIIH", 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0))


def npy(array):
    """Return the bytes of array as a .npy file."""
    buffer = io.BytesIO()
    np.save(buffer, array)
    return buffer.getvalue()


def digit_picture(path, x):
    """Save the 400 pixels x as a picture of a digit, dark ink on white, 8 times as large."""
    ink = np.kron(x.reshape(20, 20), np.ones((8, 8)))
    Image.fromarray(np.uint8(255 * (1 - np.clip(ink, 0, 1)))).save(path)


# program, arguments ({tmp} is the folder of bad files), exit status, what the one line says
TABLE = [
    ("train", ["--maxiter", "0"], 2, "--maxiter: expected a whole number >= 1, got '0'"),
    ("train", ["--maxiter", "-5"], 2, "--maxiter: expected a whole number >= 1, got '-5'"),
    ("train", ["--hidden", "0"], 2, "--hidden: expected a whole number >= 1, got '0'"),
    ("train", ["--hidden", "2.5"], 2, "--hidden: expected a whole number >= 1, got '2.5'"),
    ("train", ["--lambda", "nan"], 2, "--lambda: expected a finite number >= 0, got 'nan'"),
    ("train", ["--lambda", "inf"], 2, "--lambda: expected a finite number >= 0, got 'inf'"),
    ("train", ["--lambda", "-1"], 2, "--lambda: expected a finite number >= 0, got '-1'"),
    ("train", ["--lambda", "lots"], 2, "--lambda: expected a number >= 0, got 'lots'"),
    ("train", ["--augment", "-1"], 2, "--augment: expected a whole number >= 0, got '-1'"),
    ("train", ["--distort", "-1"], 2, "--distort: expected a finite number >= 0, got '-1'"),
    ("train", ["--distort", "1"], 1, "--distort 1: expected --augment N too (it distorts the "
                                     "changed copies), got no copies"),
    ("train", ["--typeset", "--dataset", "fashion"], 1,
     "--typeset: expected --dataset digits (it adds typeset digits), got --dataset fashion"),
    ("train", ["--seed", "-1"], 2, "--seed: expected a whole number >= 0, got '-1'"),
    ("display", ["--seed", "-3"], 2, "--seed: expected a whole number >= 0, got '-3'"),
    ("train", ["--init", "zeros"], 2, "--init: invalid choice: 'zeros'"),
    ("train", ["--epochs", "3"], 2, "unrecognized arguments: --epochs 3"),
    ("train", ["--out", "data/pretrained.npz"], 1, "is a file shipped with the package"),
    ("train", ["--out", "data/best.npz"], 1, "is a file shipped with the package"),
    ("train", ["--out", "data/digits.npz"], 1, "is a file shipped with the package"),
    ("train", ["--out", "{tmp}/notes.txt"], 1, "--out: expected a path ending in .npz"),
    ("train", ["--out", "{tmp}/notes.npz"], 1, "exists and is not a weights file"),
    ("train", ["--init", "pretrained", "--hidden", "50", "--out", "{tmp}/w.npz"], 1,
     "the pretrained network has 25 hidden units, not --hidden 50"),
    ("predict", ["--index", "1000"], 1, "--index: expected a held-out digit from 0 to 999"),
    ("predict", ["--index", "-1"], 1, "--index: expected a held-out digit from 0 to 999"),
    ("predict", ["--index", "seven"], 2, "--index: invalid int value: 'seven'"),
    ("predict", ["--test", "--index", "3"], 2, "not allowed with argument"),
    ("predict", ["--json"], 2, "--json goes with --image or --number"),
    ("predict", ["--weights", "{tmp}/missing.npz"], 1, "missing.npz: no such file"),
    ("predict", ["--weights", "{tmp}/notes.txt"], 1, "notes.txt: not a .npz file"),
    ("predict", ["--weights", "{tmp}/truncated.npz"], 1, "not a readable .npz file"),
    ("predict", ["--weights", "{tmp}/objects.npz"], 1,
     "--weights {tmp}/objects.npz: W1: holds Python objects, which are never unpickled"),
    ("predict", ["--weights", "{tmp}/missing.npz", "--index", "3"], 1,
     "--weights {tmp}/missing.npz: no such file"),
    ("predict", ["--weights", "{tmp}/nan.npz", "--image", "{tmp}/seven.png"], 1,
     "--weights {tmp}/nan.npz: W1 holds NaN or infinite values"),
    ("display", ["--weights", "{tmp}/wrong_shapes.npz"], 1,
     "--weights {tmp}/wrong_shapes.npz: W1 has shape (25, 401), so W2 must have shape"),
    ("predict", ["--weights", "{tmp}/wrong_shapes.npz"], 1,
     "W1 has shape (25, 401), so W2 must have shape (10, 26), got (10, 30)"),
    ("predict", ["--weights", "{tmp}/fashion.npz"], 1,
     "W1 has shape (25, 785), which reads 784 pixels, but these pictures have 400"),
    ("predict", ["--weights", "{tmp}/nan.npz"], 1, "W1 holds NaN or infinite values"),
    ("predict", ["--weights", "{tmp}/no_W2.npz"], 1, "expected arrays ['W1', 'W2'], missing ['W2']"),
    ("predict", ["--image", "{tmp}/notes.txt"], 1, "not a picture that can be read"),
    ("predict", ["--image", "{tmp}/corrupt.png"], 1, "not a picture that can be read"),
    ("predict", ["--image", "{tmp}/missing.png"], 1, "--image {tmp}/missing.png: no such file"),
    ("predict", ["--image", "{tmp}"], 1, "is a directory, expected a file"),
    ("predict", ["--number", "{tmp}/notes.txt"], 1,
     "--number {tmp}/notes.txt: not a picture that can be read"),
    ("predict", ["--number", "{tmp}/missing.png"], 1, "--number {tmp}/missing.png: no such file"),
    ("predict", ["--image", "{tmp}/dot.png"], 1,
     "--image {tmp}/dot.png: expected a 2-D picture at least 2x2"),
    ("predict", ["--number", "{tmp}/empty.png"], 1,
     "--number {tmp}/empty.png: expected a picture, got an empty file (0 bytes)"),
    ("predict", ["--image", "{tmp}/notes.txt", "--weights", "{tmp}/fashion.npz"], 1,
     "W1 has shape (25, 785), which reads 784 pixels, but these pictures have 400"),
    ("display", ["--weights", "{tmp}/truncated.npz"], 1, "not a readable .npz file"),
    ("display", ["--seed", "x"], 2, "--seed: expected a whole number >= 0, got 'x'"),
    ("grade", ["11"], 2, "expected a lesson from 1 to 10, got '11'"),
    ("grade", ["--timeout", "0"], 2, "--timeout: expected a number > 0, got '0'"),
    ("tune", ["--maxiter", "0"], 2, "--maxiter: expected a whole number >= 1"),
    ("tune", ["--lambdas", "1", "nan"], 2, "--lambdas: expected a finite number >= 0"),
    ("tune", ["--distorts", "1", "x"], 2, "--distorts: expected a number >= 0, got 'x'"),
    ("tune", ["--curves", "size"], 2, "--curves: invalid choice: 'size'"),
    ("data", ["--out"], 2, "--out: expected one argument"),
    ("bench", ["--repeats", "0"], 2, "--repeats: expected a whole number >= 1"),
    # issue 14: the defects it names
    ("predict", ["--weights", "{tmp}/bomb.npz"], 1,
     "bomb.npz: W1: declares 4294966768 bytes, more than the 1073741824"),
    ("train", ["--maxiter", "1", "--out", "{tmp}/bomb.npz"], 1,
     "--out: {tmp}/bomb.npz exists and is not a weights file"),
    ("predict", ["--weights", "{tmp}/big_header.npz"], 1,
     "W1: not a readable .npy array (Header info length (20063) is large"),
    ("predict", ["--weights", "{tmp}/dir.npz"], 1, "dir.npz: is a directory, expected a file"),
    ("predict", ["--weights", "{tmp}/fifo.npz"], 1, "fifo.npz: not a regular file (a FIFO)"),
    ("predict", ["--weights", "/dev/zero"], 1,
     "/dev/zero: not a regular file (a character device)"),
    ("display", ["--weights", "{tmp}"], 1, "is a directory, expected a file"),
    ("train", ["--maxiter", "1", "--out", "{tmp}/dir.npz"], 1,
     "--out {tmp}/dir.npz: is a directory, expected a file"),
    ("train", ["--maxiter", "1", "--out", "{tmp}/readonly.npz"], 1,
     "--out: {tmp}/readonly.npz is read-only; refusing to replace it"),
    ("train", ["--maxiter", "1", "--out", "{tmp}/notes.txt/w.npz"], 1,
     "--out: {tmp}/notes.txt is a file, so it cannot hold the folder"),
    ("train", ["--maxiter", "1", "--out", "{tmp}/" + LONG_NAME], 1,
     "--out: the file name 'wwwwwwwwwwwwwww"),
    ("train", ["--maxiter", "1", "--out", "/proc/w.npz"], 1,
     "--out: cannot write in the folder /proc"),
    ("train", ["--maxiter", "1", "--out", "{tmp}/notes.npz"], 1,
     "--out: {tmp}/notes.npz exists and is not a weights file"),
    ("train", ["--lambda", "1e200", "--maxiter", "3", "--out", "{tmp}/w.npz"], 1,
     "training diverged"),
    ("train", ["--hidden", "10000000", "--out", "{tmp}/w.npz"], 1,
     "not enough memory for a 400-10000000-10 network on 4000 digits (about 1.2 TB"),
    ("train", ["--augment", "1000000", "--out", "{tmp}/w.npz"], 1,
     "not enough memory for 1000000 changed copies of 4000 digits (about 13 TB"),
    ("fruit", ["--fruits", "100000000000"], 1,
     "not enough memory for 100000000000 fruits and 8 hidden units (about 35 TB"),
    ("train", ["--hidden", "9" * 5000], 2, "characters left out"),
    ("predict", ["--image", "{tmp}/fifo.npz"], 1, "fifo.npz: not a regular file (a FIFO)"),
    # issue 14: hostile inputs of our own, which the issue does not name
    ("predict", ["--weights", "{tmp}/dangling.npz"], 1, "dangling.npz: no such file"),
    ("predict", ["--weights", "{tmp}/loop.npz"], 1, "loop.npz: cannot be read (Too many levels"),
    ("train", ["--maxiter", "1", "--out", "{tmp}/loop.npz"], 1,
     "--out: {tmp}/loop.npz is a link to nothing; refusing to replace it"),
    ("predict", ["--weights", "{tmp}/empty.npz"], 1,
     "empty.npz: expected an .npz file, got an empty file (0 bytes)"),
    ("predict", ["--weights", "{tmp}/entries.npz"], 1,
     "entries.npz: its zip directory declares 5000 entries in 260000 bytes, expected at most "
     "1000 entries in 1048576 bytes"),
    ("predict", ["--weights", "{tmp}/entries64.npz"], 1,
     "entries64.npz: its zip directory declares 5000 entries in 260000 bytes"),
    ("predict", ["--weights", "{tmp}/notes.txt/w.npz"], 1,
     "no such file (a part of the path is a file, not a folder)"),
    ("predict", ["--weights", "{tmp}/complex.npz"], 1,
     "W1 must be a 2-D float array, got complex128 with shape (25, 401)"),
    ("predict", ["--weights", "{tmp}/one_d.npz"], 1,
     "W1 must be a 2-D float array, got float64 with shape (10025,)"),
    ("predict", ["--weights", "{tmp}/no_hidden.npz"], 1, "W1: expected at least 1 hidden unit"),
    ("display", ["--weights", "{tmp}/no_hidden.npz"], 1, "W1: expected at least 1 hidden unit"),
    ("predict", ["--weights", "{tmp}/lies.npz"], 1,
     "W1: its header declares shape (25, 401) of float64 (80200 bytes), but the archive says"),
    ("predict", ["--weights", "{tmp}/encrypted.npz"], 1, "not a readable .npz file"),
    ("predict", ["--weights", "{tmp}/huge.npz", "--index", "3"], 1,
     "W1 holds a weight of 1e+308, expected at most 1e+30"),
    ("predict", ["--weights", "{tmp}/large.npz", "--index", "3"], 0, None),
    ("predict", ["--weights", "{tmp}/big_endian.npz", "--index", "3"], 0, None),
    ("predict", ["--image", "{tmp}/empty.png"], 1,
     "empty.png: expected a picture, got an empty file (0 bytes)"),
    ("predict", ["--image", "/dev/null"], 1, "/dev/null: not a regular file (a character device)"),
    ("predict", ["--number", "{tmp}/dir.npz"], 1,
     "--number {tmp}/dir.npz: is a directory, expected a file"),
    ("predict", ["--index", "1" + "0" * 30], 1, "--index: expected a held-out digit from 0 to 999"),
    ("train", ["--maxiter", "1", "--out", "{tmp}/fifo.npz"], 1,
     "--out {tmp}/fifo.npz: not a regular file (a FIFO), expected a file"),
    ("train", ["--maxiter", "1", "--out", "{tmp}/dangling.npz"], 1,
     "--out: {tmp}/dangling.npz is a link to nothing"),
    ("train", ["--maxiter", "1", "--out", "/dev/null"], 1, "--out: expected a path ending in .npz"),
    ("train", ["--maxiter", "1", "--out", ""], 1, "--out: expected a path ending in .npz, got ."),
    ("train", ["--maxiter", "1", "--out", "{tmp}/bad\nname.txt"], 1, "bad\\nname.txt"),
    ("train", ["--hidden", "1" + "0" * 30, "--out", "{tmp}/w.npz"], 1,
     "not enough memory for a 400-1" + "0" * 30 + "-10 network"),
    ("train", ["--lambda", "1e400"], 2, "--lambda: expected a finite number >= 0, got '1e400'"),
    ("train", ["--lambda", "0x10"], 2, "--lambda: expected a number >= 0, got '0x10'"),
    ("train", ["--hidden", "\udcff"], 2, "got '\\udcff'"),
    ("train", ["--hidden", "\x1b[31mred"], 2, "got '\\x1b[31mred'"),
    ("train", ["--hidden", "--out"], 2, "--hidden: expected one argument"),
    ("tune", ["--sizes"], 2, "--sizes: expected at least one argument"),
    ("fruit", ["--hidden", "10000000000"], 1,
     "not enough memory for 200 fruits and 10000000000 hidden units"),
    ("display", ["--weights", "{tmp}/metadata_nested.npz", "--dataset", "fashion"], 1,
     "reads 400 pixels, but these pictures have 784"),
]


@pytest.mark.parametrize("program, argv, status, message", TABLE,
                         ids=[" ".join([row[0]] + row[1])[:80] for row in TABLE])
def test_bad_input_gets_one_clear_line(program, argv, status, message, files, capsys,
                                       monkeypatch, plots_dir):
    monkeypatch.chdir(paths.PACKAGE.parent)
    argv = [arg.replace("{tmp}", str(files)) for arg in argv]
    try:
        code = PROGRAMS[program](argv)
    except SystemExit as exit:  # argparse
        code = exit.code
    captured = capsys.readouterr()
    assert code == status, captured.err
    lines = captured.err.strip().splitlines()
    if message is None:  # a hostile input that must simply work, and say no NaN
        assert lines == [] and "nan" not in captured.out.lower()
    else:
        assert len(lines) == 1, captured.err
        assert message.replace("{tmp}", str(files)) in lines[0]
    assert "Traceback" not in captured.out + captured.err


def test_a_bad_input_gives_no_traceback_from_the_real_command(files):
    """The same answer from a real process, as a learner's shell sees it."""
    done = subprocess.run([sys.executable, "-m", "course.predict", "--weights",
                           str(files / "truncated.npz")], capture_output=True, text=True)
    assert done.returncode == 1
    assert done.stderr.startswith("error: --weights ") and done.stderr.count("\n") == 1


def test_the_users_files_are_left_whole(files, capsys):
    before = (files / "notes.npz").read_bytes()
    assert train.main(["--maxiter", "1", "--out", str(files / "notes.npz")]) == 1
    assert (files / "notes.npz").read_bytes() == before
    for shipped in paths.SHIPPED:
        assert shipped.is_file()


def ctrl_c_at_its_default():
    """Give the program about to start Ctrl-C's own action, even if the test run ignores it (`&`)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_ctrl_c_during_training_keeps_the_previous_weights(tmp_path):
    """SIGINT to a real training process: exit 130, old weights whole, no temporary file."""
    out = tmp_path / "mine.npz"
    data.save_weights(out, *data.load_weights(data.PRETRAINED), note="my earlier training")
    before = out.read_bytes()
    process = subprocess.Popen(
        [sys.executable, "-u", "-m", "course.train", "--maxiter", "100000", "--hidden", "100",
         "--out", str(out)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        preexec_fn=ctrl_c_at_its_default)
    for line in process.stdout:  # wait until it is really training
        if line.startswith("iteration    3"):
            break
    time.sleep(0.2)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130
    assert "interrupted: no weights saved, any earlier weights file is as it was" in err
    assert "Traceback" not in err
    assert out.read_bytes() == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["mine.npz"]


def test_an_interrupted_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    out = tmp_path / "w.npz"
    W1, W2 = data.load_weights(data.PRETRAINED)
    data.save_weights(out, W1, W2)
    before = out.read_bytes()

    def interrupted(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        data.save_weights(out, W1 * 2, W2)
    assert out.read_bytes() == before
    assert [path.name for path in tmp_path.iterdir()] == ["w.npz"]


# ---------------------------------------------------------------- numbers

def test_cost_gradient_and_prediction_are_finite_and_silent_for_extreme_values():
    rng = np.random.default_rng(0)
    for scale in (1e2, 1e50, 1e150):
        W1 = rng.normal(scale=scale, size=(25, 401))
        W2 = rng.normal(scale=scale, size=(10, 26))
        X = rng.uniform(0, 1, size=(30, 400)) * (1e100 if scale == 1e150 else 1)
        y = np.arange(30) % 10
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            J, grad = nn_cost_function(unroll(W1, W2), 400, 25, 10, X, y, 1.0)
            labels = network_predict(W1, W2, X)
            a3 = feed_forward(W1, W2, X)
        assert np.isfinite(J) and np.all(np.isfinite(grad)), scale
        assert labels.shape == (30,) and np.all((a3 >= 0) & (a3 <= 1))


def test_training_from_weights_too_large_says_so_and_saves_nothing(split):
    X_train, y_train, _, _ = split
    huge = (np.full((25, 401), 1e200), np.full((10, 26), 1e200))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(CourseError, match="training cannot start: the cost of the "
                                                     "starting weights is inf"):
            train.train(X_train[:100], y_train[:100], maxiter=3, initial=huge)


def test_training_that_diverges_says_so(split, monkeypatch):
    X_train, y_train, _, _ = split
    calls = [0]

    def blowing_up(*args, **kwargs):
        calls[0] += 1
        J, grad = nn_cost_function(*args, **kwargs)
        return (J if calls[0] < 4 else np.inf), grad

    with pytest.raises(CourseError, match="training diverged"):
        train.train(X_train[:100], y_train[:100], maxiter=10, cost_function=blowing_up)


# ---------------------------------------------------------------- library calls

@pytest.mark.parametrize("call, message", [
    (lambda: nn_cost_function(np.zeros(5), 400, 25, 10, np.zeros((3, 400)), [0, 1, 2], 1.0),
     "nn_params: expected a vector of 10285 values"),
    (lambda: nn_cost_function(np.zeros(10285), 400, 25, 10, np.zeros((3, 400)),
                              np.array([0.0, 1.0, 2.0]), 1.0),
     "y: expected integer labels 0..9"),
    (lambda: nn_cost_function(np.zeros(10285), 400, 25, 10, np.zeros((3, 400)), [0, 1], 1.0),
     "y: expected 3 labels (one per row of X), got shape (2,)"),
    (lambda: nn_cost_function(np.full(10285, np.nan), 400, 25, 10, np.zeros((3, 400)),
                              [0, 1, 2], 1.0), "W1: holds NaN or infinite values"),
    (lambda: feed_forward(np.zeros((25, 401)), np.zeros((10, 26)), np.zeros(400)),
     "X: expected a 2-D array of numbers, got float64 with shape (400,)"),
    (lambda: feed_forward(np.zeros((25, 401)), np.zeros((10, 26)), [["a"] * 400]),
     "X: expected a 2-D array of numbers"),
    (lambda: network_predict(np.zeros((25, 401)), np.zeros((10, 25)), np.zeros((1, 400))),
     "W2: expected 26 columns (1 + the 25 rows of W1), got shape (10, 25)"),
    (lambda: network_predict(np.zeros((25, 401)), np.zeros((10, 26)),
                             np.full((1, 400), np.inf)), "X: holds NaN or infinite values"),
    (lambda: rand_initialize_weights(0, 25, 0), "l_in: expected an integer >= 1, got 0"),
    (lambda: train.train(np.zeros((3, 400)), [0, 1, 2], hidden_layer_size=0),
     "hidden_layer_size: expected an integer >= 1, got 0"),
    (lambda: train.train(np.zeros((3, 400)), [0, 1, 2], lambda_=float("nan")),
     "lambda_: expected a finite number >= 0, got nan"),
    (lambda: train.train(np.full((3, 400), np.nan), [0, 1, 2]),
     "X: holds NaN or infinite values"),
    (lambda: confusion_matrix([0, 1, 2], [0, 1]), "y_pred: expected 3 labels like y_true, got 2"),
    (lambda: confusion_matrix([0, 1, 12], [0, 1, 2]), "y_true: expected a vector of integer labels"),
    (lambda: lr_cost_function(np.zeros(3), np.zeros((5, 4)), np.zeros(5), 1.0),
     "theta, X, y: expected shapes (n + 1,), (m, n + 1), (m,), got (3,), (5, 4), (5,)"),
    (lambda: normalize_digit(np.full((30, 30), 2.0)),
     "image: expected gray levels in [0, 1], got values from 2 to 2"),
])
def test_public_functions_name_the_bad_argument(call, message):
    with pytest.raises(ValueError) as raised:
        call()
    assert message in str(raised.value)


def test_weights_trained_on_other_data_are_flagged(tmp_path, plots_dir, capsys):
    W1, W2, meta = data.load_network(data.PRETRAINED)
    other = data.save_weights(tmp_path / "other.npz", W1, W2,
                              **{**meta, "data_checksum": "0123456789abcdef"})
    assert predict.main(["--test", "--weights", str(other)]) == 0
    assert "note: these weights were trained on other data than this training split" in \
        capsys.readouterr().out


# ---------------------------------------------------------------- issue 14: resources, signals, names

CHILD_PEAK = """
import sys
from course import CourseError
from course.weights import load_weights
try:
    load_weights(sys.argv[1])
except CourseError as error:
    print(error)
status = open("/proc/self/status").read()
print(next(line for line in status.splitlines() if line.startswith("VmHWM")))
"""


def test_a_bzip2_bomb_is_refused_in_little_memory_and_time():
    """The 5 KB file whose W1.npy declares 4 GB: refused from the zip directory, peak under 200 MB."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", CHILD_PEAK, str(FIXTURES / "bzip2_bomb.npz")],
                          capture_output=True, text=True, timeout=300)
    seconds = time.perf_counter() - start
    message, peak = done.stdout.splitlines()
    assert "W1: declares 4294966768 bytes" in message
    peak_kb = int(peak.split()[1])
    assert peak_kb < 200 * 1024, peak
    assert seconds < 20


def test_a_zip_directory_too_large_is_refused_before_zipfile_reads_it(tmp_path, monkeypatch):
    """Many entries, or a directory larger than its count says: refused from the end record."""
    files = {"many.npz": (zip_listing_W1(1001), "declares 1001 entries in 52052 bytes"),
             "lies.npz": (zip_listing_W1(21000, zip64=True, declared=2),
                          "declares 2 entries in 1092000 bytes")}

    def never(*args, **kwargs):
        raise AssertionError("zipfile was asked to read the directory")

    monkeypatch.setattr(zipfile, "ZipFile", never)
    for name, (raw, message) in files.items():
        (tmp_path / name).write_bytes(raw)
        with pytest.raises(CourseError, match=message):
            data.load_weights(tmp_path / name)
    monkeypatch.undo()
    (tmp_path / "fits.npz").write_bytes(zip_listing_W1(1000))  # the most allowed: zipfile reads it
    with pytest.raises(CourseError, match=r"missing \['W2'\]"):
        data.load_weights(tmp_path / "fits.npz")


def test_an_unneeded_member_is_never_decompressed(tmp_path):
    """A member that is not W1, W2 or metadata is not even opened: here its data is garbage."""
    W1, W2 = data.load_weights(data.PRETRAINED)
    path = tmp_path / "extra.npz"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("W1.npy", npy(W1))
        archive.writestr("W2.npy", npy(W2))
        archive.writestr("extra.npy", npy(np.zeros(100000)))
    raw = bytearray(path.read_bytes())
    start = raw.index(b"extra.npy") + len("extra.npy")  # the member's data, after its local header
    raw[start:start + 200] = b"\xff" * 200
    path.write_bytes(bytes(raw))
    back1, back2 = data.load_weights(path)
    assert np.array_equal(back1, W1) and np.array_equal(back2, W2)


@pytest.mark.parametrize("name, note", [
    ("metadata_5", "metadata (not a JSON object)"),
    ("metadata_list", "metadata (not a JSON object)"),
    ("metadata_nested", "metadata (not a JSON object)"),
    ("metadata_partial", None),
    ("metadata_wrong", "costs, iterations, lambda_, seed"),
    ("metadata_nan", "costs, lambda_"),
])
def test_metadata_of_the_wrong_type_is_left_out_with_a_note(name, note, files, plots_dir,
                                                           capsys):
    weights = str(files / f"{name}.npz")
    assert predict.main(["--index", "3", "--weights", weights]) == 0
    assert display.main(["--weights", weights]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    if note is not None:
        assert captured.out.count(f"left out, not of the expected type: {note}\n") == 2
    assert "no cost curve" in captured.out  # no costs that can be drawn


def test_weights_of_1e29_give_probabilities_and_strict_json(files, plots_dir, capsys):
    code = predict.main(["--image", str(files / "seven.png"), "--json",
                         "--weights", str(files / "large.npz")])
    assert code == 0

    def refuse(constant):
        raise AssertionError(f"not strict JSON: {constant}")

    [result] = json.loads(capsys.readouterr().out, parse_constant=refuse)
    assert np.all(np.isfinite(result["probabilities"]))
    assert sum(result["probabilities"]) == pytest.approx(1, abs=1e-5)


def test_a_picture_whose_name_is_not_utf8_is_read_and_drawn(files, plots_dir, capsys):
    picture = os.fsdecode(bytes(files / "seven") + b"\xff.png")
    shutil.copy(files / "seven.png", picture)
    assert predict.main(["--image", picture, "--weights", str(data.PRETRAINED)]) == 0
    out = capsys.readouterr().out
    assert "seven\\udcff.png: 7" in out
    assert (plots_dir / os.fsdecode(b"image_seven\xff.png")).is_file()


def test_pictures_of_one_name_and_several_kinds_get_a_figure_each(files, plots_dir, capsys):
    Image.open(files / "seven.png").save(files / "seven.tif")
    Image.open(files / "seven.png").save(files / "seven.webp", lossless=True)
    (files / "again").mkdir()
    shutil.copy(files / "seven.png", files / "again" / "seven.png")
    pictures = [files / "seven.png", files / "seven.tif", files / "seven.webp",
                files / "again" / "seven.png"]
    assert predict.main(["--image", *map(str, pictures), "--weights", str(data.PRETRAINED)]) == 0
    assert sorted(path.name for path in plots_dir.iterdir()) == [
        "image_seven.png", "image_seven.tif.png", "image_seven.webp.png", "image_seven_2.png"]


def test_a_fifo_as_a_picture_does_not_block(files):
    done = subprocess.run([sys.executable, "-m", "course.predict", "--image",
                           str(files / "fifo.npz")], capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert "fifo.npz: not a regular file (a FIFO), expected a file" in done.stderr


def test_tune_clips_sizes_beyond_the_training_digits(plots_dir, capsys, monkeypatch):
    monkeypatch.setattr(tune, "fonts_installed", lambda: False)  # no foreign set: quicker
    code = tune.main(["--sizes", "5000", "--maxiter", "1", "--lambdas", "1", "--hiddens", "2",
                      "--hidden", "2"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert ("note: --sizes larger than the 3200 training digits left after validation (5000) "
            "become 3200") in captured.out


@pytest.mark.parametrize("signal_name", ["SIGTERM", "SIGHUP"])
def test_sigterm_while_the_weights_are_written_leaves_no_temporary_file(tmp_path, signal_name):
    """SIGTERM (or SIGHUP) comes in the middle of write_atomic: Ctrl-C's clean-up runs, status 143."""
    script = f"""
import os, signal, sys
from course import files
from course.cli import run_reporting_errors
os.fsync = lambda fd: os.kill(os.getpid(), signal.{signal_name})  # the signal comes mid-write
sys.exit(run_reporting_errors(files.write_atomic, sys.argv[1], b"new weights"))
"""
    (tmp_path / "w.npz").write_bytes(b"old weights")
    done = subprocess.run([sys.executable, "-c", script, str(tmp_path / "w.npz")],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 143
    assert done.stderr.strip() == "interrupted"
    assert [path.name for path in tmp_path.iterdir()] == ["w.npz"]
    assert (tmp_path / "w.npz").read_bytes() == b"old weights"


def test_ctrl_c_just_after_the_weights_are_moved_into_place_says_so(tmp_path, monkeypatch,
                                                                    capsys):
    out = tmp_path / "mine.npz"
    data.save_weights(out, *data.load_weights(data.PRETRAINED), note="my earlier training")
    move = os.replace

    def moved_then_interrupted(source, target):
        move(source, target)
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", moved_then_interrupted)
    assert train.main(["--maxiter", "1", "--hidden", "2", "--out", str(out)]) == 130
    err = capsys.readouterr().err
    assert f"interrupted: the new weights were already saved to {out}" in err
    assert data.load_network(out)[2]["maxiter"] == 1


def test_out_is_checked_before_training_starts(files, capsys):
    assert train.main(["--out", str(files / "readonly.npz")]) == 1
    captured = capsys.readouterr()
    assert "training a" not in captured.out
    assert (files / "readonly.npz").stat().st_mode & 0o777 == 0o444


def test_out_is_checked_once_per_training(tmp_path, monkeypatch, capsys):
    """The existing weights at --out are checked (and read) before training, not again after."""
    out = tmp_path / "mine.npz"
    data.save_weights(out, *data.load_weights(data.PRETRAINED))
    checked = []

    def counted(check):
        return lambda path, *args: checked.append(path) or check(path, *args)

    monkeypatch.setattr(train, "check_weights_target", counted(train.check_weights_target))
    monkeypatch.setattr(weights, "check_weights_target", counted(weights.check_weights_target))
    assert train.main(["--maxiter", "1", "--hidden", "2", "--out", str(out)]) == 0
    assert checked == [out]
    assert data.load_network(out)[2]["maxiter"] == 1


def test_long_argument_values_are_cut_in_messages(capsys):
    with pytest.raises(SystemExit):
        train.main(["--hidden", "9" * 5000])
    err = capsys.readouterr().err
    assert len(err) < 400 and "characters left out" in err


# ---------------------------------------------------------------- issue 14: the grader

FORKING_ANSWER = """\
    import os
    for _ in range(2):  # two children that spin for ever, then endless output
        child = os.fork()
        if child == 0:
            while True:
                pass
        with open(os.environ["PIDS_FILE"], "a") as pids:
            pids.write(f"{child}\\n")
    while True:
        print("x" * 10**6)
"""


def alive(pid):
    """Return True while process pid exists and is not a zombie."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def test_a_forking_answer_leaves_no_process_and_its_output_is_capped(tmp_path, monkeypatch):
    folder = tmp_path / "exercises"
    shutil.copytree(paths.PACKAGE.parent / "exercises", folder,
                    ignore=shutil.ignore_patterns("__pycache__"))
    lesson = folder / "ex1_data.py"
    stub_line = "    # Put pixel k of x at row k // 20, column k % 20. One numpy call does it.\n"
    lesson.write_text(lesson.read_text().replace(stub_line, FORKING_ANSWER))
    monkeypatch.setenv("PIDS_FILE", str(tmp_path / "pids"))
    part = next(part for part in grade.PARTS if part.number == "1.1")
    start = time.perf_counter()
    outcome = grade.run_part(part, folder, seconds=3)
    assert time.perf_counter() - start < 20
    assert not outcome.passed and outcome.feedback.startswith("stopped after 3 s")
    pids = pids_of(tmp_path / "pids")
    assert len(pids) == 2
    assert gone(pids)
    assert len(outcome.output) < 3 * grade.OUTPUT_KEPT
    assert "of output left out ...]" in outcome.output


def test_ctrl_c_stops_the_whole_grade_cleanly():
    """SIGINT to the grader's process group, as Ctrl-C in a terminal sends it."""
    process = subprocess.Popen([sys.executable, "-u", "-m", "course.grade", "--reference"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               start_new_session=True, preexec_fn=ctrl_c_at_its_default)
    assert process.stdout.readline().startswith("grading the textbook answers")
    time.sleep(1.5)  # into the first parts
    os.killpg(process.pid, signal.SIGINT)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert err.strip() == "interrupted"


HANGING_ANSWER = """\
    import os, subprocess, time
    child = subprocess.Popen(["sleep", "120"])
    with open(os.environ["PIDS_FILE"], "a") as pids:
        pids.write(f"{os.getpid()}\\n{child.pid}\\n")
    time.sleep(120)
"""


def hanging_lesson_1(folder, pids_file, monkeypatch):
    """Return folder/exercises, a copy of the stubs whose lesson 1 writes its process ids and hangs."""
    exercises = folder / "exercises"
    shutil.copytree(paths.STUBS_DIR, exercises, ignore=shutil.ignore_patterns("__pycache__"))
    lesson = exercises / "ex1_data.py"
    stub_line = "    # Put pixel k of x at row k // 20, column k % 20. One numpy call does it.\n"
    lesson.write_text(lesson.read_text().replace(stub_line, HANGING_ANSWER))
    monkeypatch.setenv("PIDS_FILE", str(pids_file))
    return exercises


def pids_of(pids_file):
    """Return the process ids written in pids_file, one a line."""
    return [int(line) for line in pids_file.read_text().split()]


def gone(pids):
    """Return True once none of the processes `pids` is alive (waiting up to 10 s)."""
    deadline = time.monotonic() + 10
    while any(alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = [pid for pid in pids if alive(pid)]
    for pid in left:  # whatever the outcome, no process of the test is left behind
        os.kill(pid, signal.SIGKILL)
    return not left


def test_sigterm_to_pytest_exercises_stops_the_part_and_its_children(tmp_path, monkeypatch):
    """pytest does not handle SIGTERM: the grader's run_part does, and stops what it started."""
    pids_file = tmp_path / "pids"
    hanging_lesson_1(tmp_path, pids_file, monkeypatch)
    process = subprocess.Popen([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                                "exercises", "-k", "lesson1-"], cwd=tmp_path,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while len(pids_of(pids_file) if pids_file.exists() else []) < 2:
        assert time.monotonic() < deadline and process.poll() is None, process.communicate()
        time.sleep(0.1)
    process.terminate()
    status = process.wait(timeout=60)
    stopped = gone(pids_of(pids_file))  # what is left holds pytest's output open: checked first
    out, err = process.communicate(timeout=60)
    assert stopped
    assert status == 2, out + err  # pytest's status when interrupted
    assert "Terminated" in out


def test_a_signal_during_the_graders_clean_up_waits_for_its_end(tmp_path, monkeypatch):
    """A second SIGTERM (or Ctrl-C) as the part is being stopped: it is stopped all the same."""
    pids_file = tmp_path / "pids"
    exercises = hanging_lesson_1(tmp_path, pids_file, monkeypatch)
    stop_group = grade.stop_group

    def signalled_first(process):
        signal.raise_signal(signal.SIGTERM)
        stop_group(process)

    monkeypatch.setattr(grade, "stop_group", signalled_first)
    part = next(part for part in grade.PARTS if part.number == "1.1")
    with stopping_signals_raise(), pytest.raises(Terminated):  # the test run, whatever happens
        grade.run_part(part, exercises, seconds=2)
    assert gone(pids_of(pids_file))


def test_the_grader_grades_its_folder_whatever_its_caller_imported(tmp_path):
    """The caller has a package named exercises from elsewhere: the part's process forgets it."""
    (tmp_path / "elsewhere").mkdir()
    elsewhere, _ = answers_of_lesson_1(tmp_path / "elsewhere", b"")
    learner.import_lesson(elsewhere, "ex1_data")
    exercises, _ = answers_of_lesson_1(tmp_path, b"")
    part = next(part for part in grade.PARTS if part.number == "1.1")
    outcome = grade.run_part(part, exercises)
    assert outcome.passed, outcome.feedback


def test_a_closed_pipe_ends_the_grade_quietly():
    process = subprocess.Popen([sys.executable, "-m", "course.grade", "1", "--reference"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.readline()
    process.stdout.close()  # `| head -1`
    err = process.stderr.read()
    assert process.wait(timeout=120) == 141
    assert err == b""


@pytest.mark.parametrize("stdout, reason", [
    ("/dev/full", "No space left on device"),
    (None, "it is closed: what the program printed was lost"),  # started with >&-
])
def test_a_full_or_closed_stdout_is_named(stdout, reason, tmp_path):
    with open(stdout or os.devnull, "w") as output:
        done = subprocess.run([sys.executable, "-m", "course.predict", "--index", "3"],
                              stdout=output, stderr=subprocess.PIPE, text=True, cwd=tmp_path,
                              preexec_fn=None if stdout else lambda: os.close(1), timeout=120)
    assert done.returncode == 1
    assert done.stderr == f"error: stdout: cannot be written ({reason})\n"


def test_an_unknown_mplbackend_leaves_the_figures_saved_with_a_note(tmp_path):
    """matplotlib refuses to be imported with it; the figures need no backend to be saved."""
    env = {**os.environ, "MPLBACKEND": "nonsense"}
    done = subprocess.run([sys.executable, "-m", "course.display"], capture_output=True,
                          text=True, cwd=tmp_path, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ("note: MPLBACKEND='nonsense' is not a backend matplotlib knows: "
                           "ignored (the figures are saved as PNG files all the same)\n")
    assert (tmp_path / "plots" / "digits.png").is_file()
    known = subprocess.run([sys.executable, "-c", "import course.figures, matplotlib, os; "
                            "print(matplotlib.get_backend(), os.environ['MPLBACKEND'])"],
                           capture_output=True, text=True, env={**env, "MPLBACKEND": "svg"})
    assert (known.stdout, known.stderr) == ("svg svg\n", "")  # a backend it knows is used


def test_a_timeout_too_long_to_wait_for_is_no_error(capsys):
    assert grade.main(["1", "--reference", "--timeout", "1e10"]) == 0
    assert capsys.readouterr().err == ""


def test_tied_probabilities_are_read_as_argmax_reads_them():
    """Weights that saturate every output tie all ten: the text, the JSON and the figure agree."""
    tied = np.full(10, 0.1)
    assert predict.top_k(tied)[0][0] == int(np.argmax(tied)) == 0


def test_a_file_where_the_figures_folder_goes_is_named_and_kept(tmp_path, monkeypatch, capsys):
    """The user has a file called plots: one line naming the figure; the file is left as it was."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "plots").write_text("my notes")
    assert display.main([]) == 1
    assert capsys.readouterr().err == ("error: plots/digits.png: cannot be written (a part of its "
                                       "folder is a file, not a folder)\n")
    assert (tmp_path / "plots").read_text() == "my notes"


def test_a_file_size_limit_while_saving_names_the_file_and_leaves_nothing(tmp_path):
    """RLIMIT_FSIZE stands for a full disk: one line naming the file, no temporary file left."""
    import resource

    script = """
import sys
from course import files
from course.cli import run_reporting_errors
sys.exit(run_reporting_errors(files.write_atomic, sys.argv[1], bytes(100000)))
"""
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "w.npz")], capture_output=True,
        text=True, timeout=60,
        preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (10000, 10000)))
    assert done.returncode == 1
    assert done.stderr == f"error: {tmp_path / 'w.npz'}: cannot be written (File too large)\n"
    assert list(tmp_path.iterdir()) == []


def test_names_print_where_the_output_takes_ascii_only(files):
    picture = files / "s\u00e9v\u20acn.png"
    shutil.copy(files / "seven.png", picture)
    done = subprocess.run([sys.executable, "-m", "course.predict", "--image", str(picture),
                           "--weights", str(data.PRETRAINED)], capture_output=True, text=True,
                          cwd=files, env={**os.environ, "PYTHONIOENCODING": "ascii"}, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "s\\xe9v\\u20acn.png: 7" in done.stdout


def test_a_time_limit_too_short_is_named_as_the_cause(tmp_path):
    folder = tmp_path / "exercises"  # a lesson 1 that takes 30 s: stopped, whatever the load
    shutil.copytree(paths.PACKAGE / "answers", folder, ignore=shutil.ignore_patterns("__pycache__"))
    lesson = folder / "ex1_data.py"
    lesson.write_text("import time\ntime.sleep(30)\n" + lesson.read_text())
    part = next(part for part in grade.PARTS if part.number == "1.1")
    outcome = grade.run_part(part, folder, seconds=0.5)
    assert outcome.feedback == ("stopped after 0.5 s without an answer: --timeout is shorter "
                                f"than the {part.seconds:g} s this part usually gets")


def test_a_part_that_ends_its_process_shows_its_last_words(tmp_path):
    folder = tmp_path / "exercises"
    shutil.copytree(paths.PACKAGE.parent / "exercises", folder,
                    ignore=shutil.ignore_patterns("__pycache__"))
    lesson = folder / "ex1_data.py"
    stub_line = "    # Put pixel k of x at row k // 20, column k % 20. One numpy call does it.\n"
    lesson.write_text(lesson.read_text().replace(stub_line, "    raise KeyboardInterrupt\n"))
    part = next(part for part in grade.PARTS if part.number == "1.1")
    outcome = grade.run_part(part, folder)
    assert outcome.feedback == ("your code ended the process (exit code 1) before the check "
                                "finished; its last words: KeyboardInterrupt")


def test_bench_reports_like_every_program(monkeypatch, capsys):
    def interrupted(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(bench, "run", interrupted)
    assert bench.main(["--repeats", "1"]) == 130
    assert capsys.readouterr().err.strip() == "interrupted"


def answers_of_lesson_1(folder, first_line):
    """Return a lesson-1 part of folder/exercises: the textbook answers with first_line in front."""
    exercises = folder / "exercises"
    shutil.copytree(paths.PACKAGE / "answers", exercises,
                    ignore=shutil.ignore_patterns("__pycache__"))
    lesson = exercises / "ex1_data.py"
    lesson.write_bytes(first_line + lesson.read_bytes())
    return exercises, lesson


def test_the_grader_survives_code_that_deletes_its_own_lesson_file(tmp_path):
    exercises, _ = answers_of_lesson_1(
        tmp_path, b"import pathlib\npathlib.Path(__file__).unlink()\n")
    outcomes = grade.grade([1], exercises)
    assert outcomes[0].passed  # imported before it went
    assert outcomes[1].feedback == ("exercises/ex1_data.py: cannot be read (No such file or "
                                    "directory)")


def test_the_grader_reads_a_lesson_file_that_is_not_utf8(tmp_path):
    """Python imports it (the bytes are in a comment): the grader reads it as Python does."""
    exercises, _ = answers_of_lesson_1(tmp_path, "# caf\u00e9\n".encode("latin-1"))
    assert all(outcome.passed for outcome in grade.grade([1], exercises))


def test_a_function_missing_from_a_lesson_file_is_named(tmp_path):
    exercises, lesson = answers_of_lesson_1(tmp_path, b"")
    lesson.write_text(lesson.read_text().replace("def tile_images(", "def tile_image("))
    outcome = grade.grade([1], exercises)[1]
    assert outcome.feedback == ("ex1_data.py has no function tile_images: write it under the "
                                "stub's name")


def test_a_daemon_started_by_the_learners_code_is_stopped_too(tmp_path):
    """A process in a session of its own leaves the part's group: the grader adopts and stops it."""
    pid_file = tmp_path / "daemon.pid"
    exercises, lesson = answers_of_lesson_1(tmp_path, b"")
    docstring = '    """Return one digit\'s 400 pixels as its upright 20x20 image."""\n'
    lesson.write_text(lesson.read_text().replace(docstring, docstring + f'''    import os, time
    child = os.fork()
    if child == 0:  # leaves the group, starts the daemon, says its id, ends
        os.setsid()
        daemon = os.fork()
        if daemon == 0:
            time.sleep(120)
            os._exit(0)
        open({str(pid_file)!r}, "w").write(str(daemon))
        os._exit(0)
    os.waitpid(child, 0)
'''))
    part = next(part for part in grade.PARTS if part.number == "1.1")
    assert grade.run_part(part, exercises).passed
    pid = int(pid_file.read_text())
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return
    os.kill(pid, signal.SIGKILL)
    pytest.fail(f"the daemon {pid} was still running")
