"""The textbook answers (course/answers/) compute what the fast library computes."""

import numpy as np
import pytest

from course import evaluate, gradcheck, logistic, nn, tiles
from course.answers import (ex1_data, ex2_logistic, ex3_feedforward, ex4_cost, ex5_backprop,
                            ex6_gradcheck, ex7_training, ex8_evaluation, ex9_fruit)
from course.fruit_data import make_fruit, predict_hidden
from course.lbfgs import minimize_lbfgs
from course.nn_loop import nn_cost_function_loop


def flat(cost_and_gradient):
    """Return (J, grad) as one vector [J, grad...], to compare both at once."""
    J, grad = cost_and_gradient
    return np.r_[J, grad]


@pytest.fixture
def network():
    """Return the 3-5-3 problem of the gradient check: sizes, W1 (5, 4), W2 (3, 6), X (5, 3), y."""
    return gradcheck.debug_problem()


def test_lesson1_pictures_as_the_library_draws_them():
    X = np.random.default_rng(0).random((7, 400))
    assert np.array_equal(ex1_data.row_to_image(X[3]), tiles.row_to_image(X[3]))
    assert np.array_equal(ex1_data.tile_images(X, 2, 4, 2), tiles.tile_images(X, 2, 4, 2),
                          equal_nan=True)


def test_lesson2_logistic_regression_as_the_library():
    theta = np.array([-2.0, -1.0, 1.0, 2.0])
    X = np.hstack([np.ones((5, 1)), np.arange(1, 16).reshape(3, 5).T / 10])
    y = np.array([1.0, 0.0, 1.0, 0.0, 1.0])
    answer = flat(ex2_logistic.lr_cost_function(theta, X, y, 3.0))
    assert answer[0] == pytest.approx(2.534819, rel=1e-6)  # the original course's check
    assert answer == pytest.approx(flat(logistic.lr_cost_function(theta, X, y, 3.0)), rel=1e-12)
    rng = np.random.default_rng(1)
    X_small, y_small = rng.random((60, 6)), rng.integers(0, 3, 60)
    all_theta = ex2_logistic.one_vs_all(X_small, y_small, 3, 0.1)
    assert all_theta.ravel() == pytest.approx(
        logistic.one_vs_all(X_small, y_small, 3, 0.1).ravel(), rel=1e-6, abs=1e-9)
    assert np.array_equal(ex2_logistic.predict_one_vs_all(all_theta, X_small),
                          logistic.predict_one_vs_all(all_theta, X_small))


def test_lesson3_feed_forward_as_the_library(network):
    _, W1, W2, X, _ = network
    assert ex3_feedforward.feed_forward(W1, W2, X).ravel() == pytest.approx(
        nn.feed_forward(W1, W2, X).ravel(), rel=1e-12)
    X_many = np.random.default_rng(2).normal(size=(40, 3))
    assert np.array_equal(ex3_feedforward.predict(W1, W2, X_many), nn.predict(W1, W2, X_many))


@pytest.mark.parametrize("lambda_", [0.0, 3.0])
def test_lessons4_and_5_cost_and_gradient_as_the_library(network, lambda_):
    sizes, W1, W2, X, y = network
    params = nn.unroll(W1, W2)
    J, grad = nn.nn_cost_function(params, *sizes, X, y, lambda_)
    J4, grad4 = ex4_cost.nn_cost_function(params, *sizes, X, y, lambda_)
    assert J4 == pytest.approx(J, rel=1e-12) and not np.any(grad4)  # lesson 4: the cost only
    answer = flat(ex5_backprop.nn_cost_function(params, *sizes, X, y, lambda_))
    assert answer == pytest.approx(np.r_[J, grad], rel=1e-9, abs=1e-15)
    assert answer == pytest.approx(
        flat(nn_cost_function_loop(params, *sizes, X, y, lambda_)), rel=1e-9, abs=1e-15)


def test_lesson4_cost_stays_finite_where_the_outputs_round_to_0_or_1(network):
    sizes, W1, W2, X, y = network
    params = nn.unroll(W1, W2 * 1000)  # some outputs are 1.0 in float64: log(1 - a3) = log(0)
    J = ex4_cost.nn_cost_function(params, *sizes, X, y, 0.0)[0]
    assert np.isfinite(J) and J == pytest.approx(nn.nn_cost_function(params, *sizes, X, y, 0.0)[0],
                                                 rel=1e-9)


def test_lesson5_sigmoid_gradient_and_starting_weights_as_the_library():
    z = np.array([[-1.0, -0.5, 0.0], [0.5, 1.0, 30.0]])
    assert ex5_backprop.sigmoid_gradient(z).ravel() == pytest.approx(
        nn.sigmoid_gradient(z).ravel(), rel=1e-12)
    W = ex5_backprop.rand_initialize_weights(400, 25, np.random.default_rng(5))
    assert np.array_equal(W, nn.rand_initialize_weights(400, 25, np.random.default_rng(5)))


def test_lesson6_central_differences_as_the_library(network):
    sizes, W1, W2, X, y = network

    def cost(params):
        return nn.nn_cost_function(params, *sizes, X, y, 3.0)[0]

    params = nn.unroll(W1, W2)
    assert ex6_gradcheck.compute_numerical_gradient(cost, params) == pytest.approx(
        gradcheck.compute_numerical_gradient(cost, params), rel=1e-12, abs=1e-15)
    assert gradcheck.check_nn_gradients(
        3.0, ex5_backprop.nn_cost_function, ex6_gradcheck.compute_numerical_gradient) \
        < gradcheck.TOLERANCE


def test_lesson7_training_as_the_library():
    rng = np.random.default_rng(3)
    X, y = rng.random((40, 4)), rng.integers(0, 10, 40)
    W1, W2 = ex7_training.train(X, y, hidden_layer_size=3, lambda_=1.0, maxiter=10, seed=4,
                                cost_function=nn.nn_cost_function)
    sizes = (4, 3, 10)
    expected = minimize_lbfgs(lambda params: nn.nn_cost_function(params, *sizes, X, y, 1.0),
                              nn.unroll(*nn.rand_initialize_network(*sizes, 4)), 10).x
    assert nn.unroll(W1, W2) == pytest.approx(expected, rel=1e-9, abs=1e-12)
    W1_own, W2_own = ex7_training.train(X, y, hidden_layer_size=3, maxiter=10, seed=4)
    assert nn.unroll(W1_own, W2_own) == pytest.approx(expected, rel=1e-6, abs=1e-9)


def test_lesson8_evaluation_as_the_library():
    rng = np.random.default_rng(6)
    y_true, y_pred = rng.integers(0, 4, 50), rng.integers(0, 4, 50)
    assert np.array_equal(ex8_evaluation.confusion_matrix(y_true, y_pred, 4),
                          evaluate.confusion_matrix(y_true, y_pred, 4))
    assert ex8_evaluation.accuracy_per_class(y_true, y_pred, 4) == pytest.approx(
        evaluate.accuracy_per_class(y_true, y_pred, 4), rel=1e-12)


def test_lesson9_the_hand_made_network_tells_new_fruits_apart():
    X, y = make_fruit(1000, seed=7)
    assert np.mean(predict_hidden(*ex9_fruit.hand_made_weights(), X) == y) >= 0.99
