"""The gradient check's side-by-side table, course.gradcheck and train --impl exercises."""

import time

import pytest

from course import gradcheck, nn, train
from course.gradcheck import (diagnosis, gradient_table, nn_gradients, weight_position,
                              where_they_differ)

SHAPES = ((5, 4), (3, 6))  # W1 and W2 of the 3-5-3 network
SIZES = (3, 5, 3)


@pytest.mark.parametrize("index, expected", [
    (0, ("W1", 0, 0)), (5, ("W1", 1, 1)), (19, ("W1", 4, 3)), (20, ("W2", 0, 0)),
    (37, ("W2", 2, 5)),
])
def test_weight_position_names_the_matrix_row_and_column(index, expected):
    assert weight_position(index, SHAPES) == expected


def test_the_table_shows_the_largest_difference_and_where_it_is():
    numgrad, grad = nn_gradients(3.0)
    grad = grad.copy()
    grad[26] += 0.5  # W2[1, 0], a bias
    lines = gradient_table(numgrad, grad, SHAPES, where_they_differ(numgrad, grad, SIZES))
    assert lines[0] == "the first 8 of 38 elements:"
    assert len([line for line in lines if line.startswith("  W1[")]) >= 8
    largest = lines[lines.index("the 5 largest differences:") + 2]
    assert largest.split()[:2] == ["W2[1,", "0]"] and "(bias)" in largest
    assert largest.split()[-1] == "5.00e-01"
    assert "W2 bias column 5.0e-01" in lines[-1] and "W1 weights" in lines[-1]


def regularized_biases(params, *args):
    """Return nn_cost_function's cost and a gradient that regularizes the bias columns too."""
    J, grad = nn.nn_cost_function(params, *args)
    lambda_, m = args[-1], len(args[3])
    W1, W2 = nn.reshape_params(params, *args[:3])
    G1, G2 = nn.reshape_params(grad, *args[:3])
    G1[:, 0] += lambda_ / m * W1[:, 0]
    G2[:, 0] += lambda_ / m * W2[:, 0]
    return J, nn.unroll(G1, G2)


def unregularized_gradient(params, *args):
    """Return nn_cost_function's cost and the gradient of the cost without its regularization."""
    return nn.nn_cost_function(params, *args)[0], nn.nn_cost_function(params, *args[:-1], 0.0)[1]


@pytest.mark.parametrize("cost_function, expected", [
    (regularized_biases, "only the bias columns differ"),
    (unregularized_gradient, "only the weights outside the bias columns differ"),
])
def test_the_diagnosis_says_which_part_of_the_gradient_is_wrong(cost_function, expected):
    parts = where_they_differ(*nn_gradients(3.0, cost_function), SIZES)
    assert diagnosis(parts).startswith(expected)


def test_the_report_finds_where_they_differ_once(monkeypatch):
    """The table's last line and the diagnosis come from one where_they_differ."""
    calls = []
    monkeypatch.setattr(gradcheck, "where_they_differ",
                        lambda *args: calls.append(args) or where_they_differ(*args))
    difference, lines = gradcheck.gradient_report(3.0, regularized_biases)
    assert len(calls) == 1
    assert "W1 bias column" in lines[-2] and "only the bias columns differ" in lines[-1]


def test_the_command_prints_the_table_for_the_package(capsys):
    assert gradcheck.main([]) == 0
    printed = capsys.readouterr().out
    assert "gradient check of the package's nn_cost_function" in printed
    assert "numerical" in printed and "analytical" in printed
    assert "below 1e-09: backpropagation agrees" in printed


def test_the_command_checks_the_learners_backprop(learners_folder, capsys):
    learners_folder("ex5_backprop", """
        from course.nn import nn_cost_function as right

        def nn_cost_function(params, *args):
            J, grad = right(params, *args)
            return J, grad * 1.01  # slightly off everywhere
    """)
    assert gradcheck.main(["--impl", "exercises"]) == 1
    printed = capsys.readouterr().out
    assert "your nn_cost_function (exercises/ex5_backprop.py)" in printed
    assert "expected below 1e-09: both layers differ" in printed


def test_train_impl_exercises_prints_the_table_before_refusing(learners_folder, capsys):
    learners_folder("ex5_backprop", """
        from course.nn import nn_cost_function as right

        def nn_cost_function(params, *args):
            J, grad = right(params, *args)
            return J, grad * 1.01
    """)
    assert train.main(["--impl", "exercises", "--maxiter", "1", "--out", "w.npz"]) == 1
    captured = capsys.readouterr()
    assert "the 5 largest differences:" in captured.out
    assert "fails the gradient check" in captured.err and "the table above" in captured.err


def test_train_impl_exercises_says_how_fast_the_learners_cost_is(learners_folder, capsys):
    learners_folder("ex5_backprop", """
        from course.nn import nn_cost_function
    """)
    assert train.main(["--impl", "exercises", "--maxiter", "2", "--out", "w.npz"]) == 0
    assert "one call of your nn_cost_function took" in capsys.readouterr().out


@pytest.mark.parametrize("pause, explained", [(0.0, False), (0.05, True)])
def test_a_slow_cost_function_is_told_why(pause, explained, monkeypatch):
    monkeypatch.setattr(train, "nn_cost_function", lambda *args: time.sleep(0.002))
    note = train.speed_note(lambda *args: time.sleep(0.002 + pause), ())
    assert note.startswith("one call of your nn_cost_function took")
    assert ("feeds forward a second time" in note) == explained, note
