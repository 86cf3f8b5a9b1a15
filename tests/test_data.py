"""The digits, their split, and weight files."""

import hashlib
import json
import time

import numpy as np
import pytest

from course import data, files, paths


def test_digits_shape_range_and_labels():
    X, y = data.load_digits()
    assert X.shape == (5000, 400) and X.dtype == np.float64
    assert X.min() >= 0.0 and X.max() <= 1.0
    assert np.bincount(y).tolist() == [500] * 10


def test_ink_is_bright_on_a_dark_background():
    X, _ = data.load_digits()
    border = X.reshape(-1, 20, 20)[:, [0, -1], :]
    assert border.mean() < 0.01  # the edges of the frame are empty
    assert X.mean() > 0.05


def test_images_are_row_major_and_upright():
    """A one is a tall stroke: its ink spreads over rows and gathers in few columns."""
    X, y = data.load_digits()
    mean_one = X[y == 1].mean(axis=0).reshape(20, 20)
    column_profile = mean_one.sum(axis=0)  # ink in each column
    row_profile = mean_one.sum(axis=1)     # ink in each row
    assert column_profile.std() > 2 * row_profile.std()


def test_split_is_fixed_stratified_and_disjoint(split):
    X_train, y_train, X_test, y_test = split
    assert X_train.shape == (4000, 400) and X_test.shape == (1000, 400)
    assert np.bincount(y_train).tolist() == [400] * 10
    assert np.bincount(y_test).tolist() == [100] * 10
    X, _ = data.load_digits()
    assert len(X_train) + len(X_test) == len(np.unique(X, axis=0)) == 5000
    again = data.load_split()
    assert all(np.array_equal(a, b) for a, b in zip(split, again))


def test_validation_split_stays_inside_the_training_split(split):
    X_train, y_train, _, _ = split
    X_fit, y_fit, X_val, y_val = data.validation_split(X_train, y_train)
    assert np.bincount(y_val).tolist() == [80] * 10
    assert len(X_fit) + len(X_val) == len(X_train)


def test_data_checksum_tells_data_sets_apart(split):
    X_train, y_train, X_test, y_test = split
    assert data.data_checksum(X_train, y_train) == data.data_checksum(X_train, y_train)
    assert data.data_checksum(X_train, y_train) != data.data_checksum(X_test, y_test)


def test_weights_round_trip_with_metadata(tmp_path):
    W1, W2 = np.full((4, 401), 0.5), np.full((10, 5), -0.25)
    path = data.save_weights(tmp_path / "w.npz", W1, W2, lambda_=1.0, costs=[3.0, 2.0])
    back1, back2 = data.load_weights(path)
    assert np.array_equal(back1, W1) and np.array_equal(back2, W2)
    assert data.load_network(path)[2] == {"lambda_": 1.0, "costs": [3.0, 2.0]}
    assert [p.name for p in tmp_path.iterdir()] == ["w.npz"]  # no temporary file left


def test_load_network_reads_weights_without_metadata_and_names_broken_metadata(tmp_path):
    W1, W2 = np.zeros((4, 401)), np.zeros((10, 5))
    np.savez(tmp_path / "bare.npz", W1=W1, W2=W2)
    back1, back2, meta = data.load_network(tmp_path / "bare.npz", n_inputs=400)
    assert meta == {} and np.array_equal(back1, W1) and np.array_equal(back2, W2)
    np.savez(tmp_path / "broken.npz", W1=W1, W2=W2, metadata=np.array("{lambda_: 1"))
    assert data.load_network(tmp_path / "broken.npz")[2] == {
        "ignored": ["metadata (not a JSON object)"]}  # the weights are good: they are read


NPZ_DIGEST = "ebf298cdc06e77c8"  # of npz_bytes({"a": np.arange(5), "b": np.eye(2)})


def test_npz_bytes_are_the_same_on_every_run(monkeypatch):
    arrays = {"a": np.arange(5), "b": np.eye(2)}
    monkeypatch.setattr(time, "time", lambda: 1_000_000_000.0)  # 2001
    first = files.npz_bytes(arrays)
    monkeypatch.setattr(time, "time", lambda: 1_700_000_000.0)  # 2023: zip dates would differ
    assert files.npz_bytes(arrays) == first
    assert hashlib.sha256(first).hexdigest()[:16] == NPZ_DIGEST


def test_shipped_files_are_never_overwritten():
    for shipped in paths.SHIPPED:
        with pytest.raises(ValueError, match="shipped with the package"):
            data.save_weights(shipped, np.zeros((2, 401)), np.zeros((10, 3)))


def test_a_file_that_is_not_weights_is_not_overwritten(tmp_path):
    notes = tmp_path / "notes.npz"
    notes.write_text("my notes")
    with pytest.raises(ValueError, match="exists and is not a weights file"):
        data.save_weights(notes, np.zeros((2, 401)), np.zeros((10, 3)))
    assert notes.read_text() == "my notes"


def test_load_weights_names_wrong_shapes(tmp_path):
    path = tmp_path / "bad.npz"
    np.savez(path, W1=np.zeros((25, 401)), W2=np.zeros((10, 30)))
    with pytest.raises(ValueError, match=r"W2 must have shape \(10, 26\), got \(10, 30\)"):
        data.load_weights(path)


def test_load_weights_never_unpickles(tmp_path):
    path = tmp_path / "objects.npz"
    np.savez(path, W1=np.array([{"x": 1}], dtype=object), W2=np.zeros((10, 2)))
    with pytest.raises(ValueError, match="never unpickled"):
        data.load_weights(path)


def test_load_weights_says_a_text_file_is_not_npz(tmp_path):
    path = tmp_path / "notes.npz"
    path.write_text("hello")
    with pytest.raises(ValueError, match=r"not a \.npz file \(it starts with b'hell'"):
        data.load_weights(path)


def test_load_weights_refuses_a_corrupt_file(tmp_path):
    path = tmp_path / "corrupt.npz"
    path.write_bytes(b"PK\x03\x04 not really a zip file")
    with pytest.raises(ValueError, match="not a readable .npz file"):
        data.load_weights(path)


def test_load_weights_names_a_missing_file(tmp_path):
    with pytest.raises(FileNotFoundError, match="no such file"):
        data.load_weights(tmp_path / "missing.npz")


def test_pretrained_weights_trained_on_this_training_split(split):
    X_train, y_train, _, _ = split
    W1, W2 = data.load_weights(data.PRETRAINED)
    assert W1.shape == (25, 401) and W2.shape == (10, 26)
    meta = data.load_network(data.PRETRAINED)[2]
    assert meta["data_checksum"] == data.data_checksum(X_train, y_train)
    assert meta["init"] == "random"
    json.dumps(meta)  # plain JSON values only
