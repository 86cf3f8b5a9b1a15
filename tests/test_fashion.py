"""Same code, new data: Fashion-MNIST from Debian's dataset-fashion-mnist (CI installs it)."""

import gzip
import os
import re

import numpy as np
import pytest

from course import data, datasets, display, predict, train
from course.nn import predict as network_predict

INSTALLED = all((datasets.FASHION_DIR / f"{name}.gz").is_file() for name in (
    "train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
    "t10k-labels-idx1-ubyte"))
if os.environ.get("COURSE_REQUIRE_FASHION"):
    assert INSTALLED, f"CI needs Fashion-MNIST: {datasets.FASHION_INSTALL}"
needs_fashion = pytest.mark.skipif(not INSTALLED, reason=f"needs {datasets.FASHION_INSTALL}")


def idx_bytes(array, code=0x08):
    """Return an IDX file's bytes for an array of unsigned bytes."""
    header = bytes([0, 0, code, array.ndim]) + np.array(array.shape, ">u4").tobytes()
    return header + array.astype(">u1").tobytes()


def test_read_idx_plain_and_gzipped(tmp_path):
    array = np.arange(24, dtype=np.uint8).reshape(2, 3, 4)
    (tmp_path / "a-idx3-ubyte").write_bytes(idx_bytes(array))
    (tmp_path / "a-idx3-ubyte.gz").write_bytes(gzip.compress(idx_bytes(array)))
    for name in ("a-idx3-ubyte", "a-idx3-ubyte.gz"):
        assert np.array_equal(datasets.read_idx(tmp_path / name), array)


@pytest.mark.parametrize("content, message", [
    (b"\x08\x03\x00\x00\x00\x02", "wrong magic number 08 03 00 00"),
    (b"\x00\x00\x07\x01\x00\x00\x00\x02ab", "wrong magic number 00 00 07 01"),
    (b"\x00\x00\x08\x03\x00\x00", "the header announces 3 dimensions"),
    (idx_bytes(np.zeros((2, 3), np.uint8))[:-1], "shape (2, 3) needs 6 bytes of values, found 5"),
    (b"\x1f\x8bnot really gzip", "damaged gzip data"),
])
def test_read_idx_names_what_is_wrong(tmp_path, content, message):
    path = tmp_path / "bad-idx"
    path.write_bytes(content)
    with pytest.raises(ValueError, match=re.escape(message)):
        datasets.read_idx(path)


def test_missing_package_says_the_one_command_that_installs_it(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(datasets, "FASHION_DIR", tmp_path / "nowhere")
    assert train.main(["--dataset", "fashion", "--out", str(tmp_path / "w.npz")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "Fashion-MNIST is not installed" in err
    assert err.strip().endswith("sudo apt-get install dataset-fashion-mnist")


def test_predict_says_to_train_fashion_first(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)  # where nothing was trained
    assert predict.main(["--dataset", "fashion"]) == 1
    assert "python -m course.train --dataset fashion" in capsys.readouterr().err


def test_pictures_of_digits_do_not_go_with_fashion(capsys):
    assert predict.main(["--dataset", "fashion", "--image", "x.png"]) == 1
    assert "--image and --number read handwritten digits" in capsys.readouterr().err


@needs_fashion
def test_fashion_is_loaded_as_the_official_split():
    fashion = datasets.load_fashion()
    assert fashion.X_train.shape == (60000, 784) and fashion.X_test.shape == (10000, 784)
    assert fashion.side == 28 and len(fashion.classes) == 10
    assert np.bincount(fashion.y_train).tolist() == [6000] * 10
    assert fashion.X_train.min() == 0.0 and fashion.X_train.max() == 1.0
    # row-major and upright: trousers (class 1) have two legs, a gap down the middle
    trousers = fashion.X_train[fashion.y_train == 1].mean(axis=0).reshape(28, 28)
    assert trousers[20:, 13:15].mean() < trousers[20:, 8:11].mean()


@needs_fashion
def test_the_same_network_learns_fashion_on_a_subset():
    fashion = datasets.load_fashion()
    every = np.arange(0, 60000, 10)  # 6000 pictures, 600 of each class
    result = train.train(fashion.X_train[every], fashion.y_train[every], hidden_layer_size=25,
                         maxiter=100)
    assert result.W1.shape == (25, 785)  # 784 inputs: nothing is wired to 400
    accuracy = np.mean(network_predict(result.W1, result.W2, fashion.X_test[:2000])
                       == fashion.y_test[:2000])
    assert accuracy >= 0.78


@needs_fashion
def test_train_predict_and_display_with_class_names(tmp_path, plots_dir, capsys):
    out = tmp_path / "fashion.npz"
    assert train.main(["--dataset", "fashion", "--maxiter", "3", "--hidden", "10",
                       "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "training a 784-10-10 network on 60000 pictures" in printed
    assert "(10000 held-out pictures)" in printed
    assert data.load_network(out)[2]["dataset"] == "fashion"

    assert predict.main(["--dataset", "fashion", "--test", "--weights", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "held-out pictures" in printed and "Ankle boot: " in printed
    assert re.search(r"most confused: [A-Za-z/ -]+ read as [A-Za-z/ -]+ \(\d+x\)", printed)
    assert predict.main(["--dataset", "fashion", "--index", "0", "--weights", str(out)]) == 0
    assert "held-out picture #0: true label Ankle boot" in capsys.readouterr().out
    assert display.main(["--dataset", "fashion", "--weights", str(out)]) == 0
    assert sorted(path.name for path in plots_dir.iterdir()) == [
        "fashion_confusion_matrix.png", "fashion_cost.png", "fashion_hidden_units.png",
        "fashion_misclassified.png", "fashion_pictures.png", "fashion_predict_0.png"]


@needs_fashion
def test_digit_weights_are_refused_for_fashion(capsys):
    assert predict.main(["--dataset", "fashion", "--weights", str(data.PRETRAINED)]) == 1
    assert "which reads 400 pixels, but these pictures have 784" in capsys.readouterr().err
