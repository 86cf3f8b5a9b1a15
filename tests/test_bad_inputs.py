"""Every bad input gets one clear line and a non-zero exit; nothing the learner owns is lost."""

import os
import signal
import subprocess
import sys
import time
import warnings

import numpy as np
import pytest

from course import bench, data, display, grade, predict, train, tune
from course.evaluate import confusion_matrix
from course.images import normalize_digit
from course.logistic import lr_cost_function
from course.nn import (feed_forward, nn_cost_function, predict as network_predict,
                       rand_initialize_weights, unroll)

PROGRAMS = {"train": train.main, "predict": predict.main, "display": display.main,
            "grade": grade.main, "tune": tune.main, "data": data.main, "bench": bench.main}


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
    return tmp_path


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
    ("train", ["--seed", "-1"], 2, "--seed: expected a whole number >= 0, got '-1'"),
    ("display", ["--seed", "-3"], 2, "--seed: expected a whole number >= 0, got '-3'"),
    ("train", ["--init", "zeros"], 2, "--init: invalid choice: 'zeros'"),
    ("train", ["--epochs", "3"], 2, "unrecognized arguments: --epochs 3"),
    ("train", ["--out", "data/pretrained.npz"], 1, "is a file shipped with the package"),
    ("train", ["--out", "data/best.npz"], 1, "is a file shipped with the package"),
    ("train", ["--out", "data/digits.npz"], 1, "is a file shipped with the package"),
    ("train", ["--out", "{tmp}/notes.txt"], 1, "out: expected a path ending in .npz"),
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
     "holds Python objects, which are never unpickled"),
    ("predict", ["--weights", "{tmp}/wrong_shapes.npz"], 1,
     "W1 has shape (25, 401), so W2 must have shape (10, 26), got (10, 30)"),
    ("predict", ["--weights", "{tmp}/fashion.npz"], 1,
     "W1 has shape (25, 785), which reads 784 pixels, but these pictures have 400"),
    ("predict", ["--weights", "{tmp}/nan.npz"], 1, "W1 holds NaN or infinite values"),
    ("predict", ["--weights", "{tmp}/no_W2.npz"], 1, "expected arrays ['W1', 'W2'], missing ['W2']"),
    ("predict", ["--image", "{tmp}/notes.txt"], 1, "not a picture that can be read"),
    ("predict", ["--image", "{tmp}/corrupt.png"], 1, "not a picture that can be read"),
    ("predict", ["--image", "{tmp}/missing.png"], 1, "missing.png: no such file"),
    ("predict", ["--image", "{tmp}"], 1, "not a picture that can be read"),
    ("predict", ["--number", "{tmp}/notes.txt"], 1, "not a picture that can be read"),
    ("predict", ["--image", "{tmp}/notes.txt", "--weights", "{tmp}/fashion.npz"], 1,
     "W1 has shape (25, 785), which reads 784 pixels, but these pictures have 400"),
    ("display", ["--weights", "{tmp}/truncated.npz"], 1, "not a readable .npz file"),
    ("display", ["--seed", "x"], 2, "--seed: expected a whole number >= 0, got 'x'"),
    ("grade", ["10"], 2, "expected a lesson from 1 to 9, got '10'"),
    ("grade", ["--timeout", "0"], 2, "--timeout: expected a number > 0, got '0'"),
    ("tune", ["--maxiter", "0"], 2, "--maxiter: expected a whole number >= 1"),
    ("tune", ["--lambdas", "1", "nan"], 2, "--lambdas: expected a finite number >= 0"),
    ("tune", ["--distorts", "1", "x"], 2, "--distorts: expected a number >= 0, got 'x'"),
    ("tune", ["--curves", "size"], 2, "--curves: invalid choice: 'size'"),
    ("data", ["--out"], 2, "--out: expected one argument"),
    ("bench", ["--repeats", "0"], 2, "--repeats: expected a whole number >= 1"),
]


@pytest.mark.parametrize("program, argv, status, message", TABLE,
                         ids=[" ".join([row[0]] + row[1]) for row in TABLE])
def test_bad_input_gets_one_clear_line(program, argv, status, message, files, capsys,
                                       monkeypatch):
    monkeypatch.chdir(data.ROOT)
    argv = [arg.replace("{tmp}", str(files)) for arg in argv]
    try:
        code = PROGRAMS[program](argv)
    except SystemExit as exit:  # argparse
        code = exit.code
    captured = capsys.readouterr()
    assert code == status
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    assert message in lines[0]
    assert "Traceback" not in captured.out + captured.err


def test_a_bad_input_gives_no_traceback_from_the_real_command(files):
    """The same answer from a real process, as a learner's shell sees it."""
    done = subprocess.run([sys.executable, "-m", "course.predict", "--weights",
                           str(files / "truncated.npz")], capture_output=True, text=True)
    assert done.returncode == 1
    assert done.stderr.startswith("error: weights file ") and done.stderr.count("\n") == 1


def test_the_users_files_are_left_whole(files, capsys):
    before = (files / "notes.npz").read_bytes()
    assert train.main(["--maxiter", "1", "--out", str(files / "notes.npz")]) == 1
    assert (files / "notes.npz").read_bytes() == before
    for shipped in data.SHIPPED:
        assert shipped.is_file()


def test_ctrl_c_during_training_keeps_the_previous_weights(tmp_path):
    """SIGINT to a real training process: exit 130, old weights whole, no temporary file."""
    out = tmp_path / "mine.npz"
    data.save_weights(out, *data.load_weights(data.PRETRAINED), note="my earlier training")
    before = out.read_bytes()
    process = subprocess.Popen(
        [sys.executable, "-u", "-m", "course.train", "--maxiter", "100000", "--hidden", "100",
         "--out", str(out)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
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
        with pytest.raises(FloatingPointError, match="training cannot start: the cost of the "
                                                     "starting weights is inf"):
            train.train(X_train[:100], y_train[:100], maxiter=3, initial=huge)


def test_training_that_diverges_says_so(split, monkeypatch):
    X_train, y_train, _, _ = split
    calls = [0]

    def blowing_up(*args, **kwargs):
        calls[0] += 1
        J, grad = nn_cost_function(*args, **kwargs)
        return (J if calls[0] < 4 else np.inf), grad

    with pytest.raises(FloatingPointError, match="training diverged"):
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
