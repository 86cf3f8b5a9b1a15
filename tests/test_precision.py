"""train --precision: float32 where it pays (Fashion-MNIST), float64 for the course's digits."""

import json

import numpy as np
import pytest

from course import data, nn, train


@pytest.fixture
def dtypes_trained_on(monkeypatch):
    """Return the list of the dtypes of the pictures course.train hands to nn_cost_function."""
    seen = []

    def spy(nn_params, input_layer_size, hidden_layer_size, num_labels, X, y, lambda_):
        seen.append(X.dtype)
        return nn.nn_cost_function(nn_params, input_layer_size, hidden_layer_size, num_labels,
                                   X, y, lambda_)
    monkeypatch.setattr(train, "nn_cost_function", spy)
    return seen


@pytest.mark.parametrize("argv, dtype, said", [
    ([], np.float64, "double"),
    (["--precision", "double"], np.float64, "double"),
    (["--precision", "single"], np.float32, "single"),
])
def test_digits_train_in_the_precision_asked(argv, dtype, said, tmp_path, capsys,
                                             dtypes_trained_on):
    out = tmp_path / "w.npz"
    assert train.main(["--maxiter", "2", "--out", str(out)] + argv) == 0
    assert set(dtypes_trained_on) == {np.dtype(dtype)}
    assert f"seed 0, {said} precision" in capsys.readouterr().out
    with np.load(out, allow_pickle=False) as saved:
        meta = json.loads(str(saved["metadata"]))
    assert meta["precision"] == said and data.load_weights(out)[0].dtype == np.float64


def test_single_precision_learns_the_digits_as_well(split):
    X_train, y_train, X_test, y_test = split
    double = train.train(X_train, y_train, maxiter=50)
    single = train.train(X_train.astype(np.float32), y_train, maxiter=50)
    assert single.costs[-1] == pytest.approx(double.costs[-1], rel=1e-2)
    assert abs(train.accuracy(single.W1, single.W2, X_test, y_test)
               - train.accuracy(double.W1, double.W2, X_test, y_test)) <= 0.01


def test_precision_takes_only_single_or_double(capsys):
    with pytest.raises(SystemExit) as stop:
        train.main(["--precision", "half"])
    assert stop.value.code == 2
    assert "argument --precision: invalid choice: 'half'" in capsys.readouterr().err
