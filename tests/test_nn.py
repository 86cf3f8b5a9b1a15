"""The network: sigmoid, initialization, cost, backpropagation, prediction."""

import warnings

import numpy as np
import pytest

from course.gradcheck import check_nn_gradients, compute_numerical_gradient, debug_problem
from scipy.special import log_expit

from course import nn
from course.nn import (feed_forward, forward_pass, nn_cost_function, one_hot, predict, predict_proba,
                       rand_initialize_network, rand_initialize_weights, reshape_params, sigmoid,
                       sigmoid_gradient, unroll)
from course.nn_loop import nn_cost_function_loop

# The 3-5-3 fixture of the gradient check: 5 examples, labels [1 2 0 1 2].
SIZES, W1_FIX, W2_FIX, X_FIX, Y_FIX = debug_problem()


def fixture_cost(lambda_, cost_function=nn_cost_function):
    return cost_function(unroll(W1_FIX, W2_FIX), *SIZES, X_FIX, Y_FIX, lambda_)


def test_sigmoid_values_and_extremes():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        g = sigmoid(np.array([-1e4, -1.0, 0.0, 1.0, 1e4]))
    assert g == pytest.approx([0.0, 0.268941, 0.5, 0.731059, 1.0], abs=1e-6)


def test_sigmoid_gradient_published_values():
    z = np.array([-1, -0.5, 0, 0.5, 1])
    assert sigmoid_gradient(z) == pytest.approx(
        [0.196612, 0.235004, 0.250000, 0.235004, 0.196612], abs=1e-6)


def test_sigmoid_gradient_keeps_matrix_shape():
    assert sigmoid_gradient(np.zeros((2, 3))).shape == (2, 3)


def test_rand_initialize_weights_shape_range_and_seed():
    W = rand_initialize_weights(400, 25, np.random.default_rng(0))
    assert W.shape == (25, 401)
    epsilon = np.sqrt(6 / 425)
    assert np.abs(W).max() <= epsilon
    assert np.abs(W).max() > 0.9 * epsilon  # spread over the whole range
    assert np.array_equal(W, rand_initialize_weights(400, 25, 0))
    assert not np.array_equal(W, rand_initialize_weights(400, 25, 1))


def test_rand_initialize_network_draws_both_layers_from_one_generator():
    W1, W2 = rand_initialize_network(400, 25, 10, 7)
    rng = np.random.default_rng(7)
    assert np.array_equal(W1, rand_initialize_weights(400, 25, rng))
    assert np.array_equal(W2, rand_initialize_weights(25, 10, rng))  # not a second seed 7
    assert W2.shape == (10, 26)


def test_unroll_and_reshape_round_trip_row_major():
    W1 = np.arange(25 * 401, dtype=float).reshape(25, 401)
    W2 = -np.arange(10 * 26, dtype=float).reshape(10, 26)
    params = unroll(W1, W2)
    assert params[:3].tolist() == [0.0, 1.0, 2.0]  # W1's first row comes first
    back1, back2 = reshape_params(params, 400, 25, 10)
    assert np.array_equal(back1, W1) and np.array_equal(back2, W2)


def test_reshape_params_names_the_wrong_size():
    with pytest.raises(ValueError, match=r"nn_params: expected a vector of 10285 values"):
        reshape_params(np.zeros(10), 400, 25, 10)


def test_cost_pinned_on_fixture():
    assert fixture_cost(0.0)[0] == pytest.approx(2.0968019835, abs=1e-9)
    assert fixture_cost(3.0)[0] == pytest.approx(2.1433733821, abs=1e-9)


def test_vectorized_equals_the_per_example_loop():
    for lambda_ in (0.0, 3.0):
        J, grad = fixture_cost(lambda_)
        J_loop, grad_loop = fixture_cost(lambda_, nn_cost_function_loop)
        assert J == pytest.approx(J_loop, rel=1e-12)
        assert grad == pytest.approx(grad_loop, rel=1e-10, abs=1e-14)


def test_blocks_add_up_to_the_whole(monkeypatch):
    # 50 examples in blocks of 8 (the last one holds 2): the same sums as one block.
    rng = np.random.default_rng(1)
    params = unroll(rng.normal(size=(5, 4)), rng.normal(size=(3, 6)))
    X, y = rng.normal(size=(50, 3)), np.arange(50) % 3
    whole = nn_cost_function(params, *SIZES, X, y, 2.0)
    monkeypatch.setattr(nn, "BLOCK", 8)
    in_blocks = nn_cost_function(params, *SIZES, X, y, 2.0)
    loop = nn_cost_function_loop(params, *SIZES, X, y, 2.0)
    assert in_blocks[0] == pytest.approx(whole[0], rel=1e-13)
    assert in_blocks[1] == pytest.approx(whole[1], rel=1e-12, abs=1e-15)
    assert in_blocks[0] == pytest.approx(loop[0], rel=1e-12)
    assert in_blocks[1] == pytest.approx(loop[1], rel=1e-10, abs=1e-14)


@pytest.mark.parametrize("scale", [3.0, 150.0])
def test_cross_entropy_equals_log_expit_form_from_small_to_huge_outputs(scale):
    # Output pre-activations z3 of a few units, or of hundreds: the cost is the
    # textbook -sum(Y log(a3) + (1 - Y) log(1 - a3)) / m, written with scipy's log_expit.
    rng = np.random.default_rng(2)
    W1 = rng.normal(size=(5, 4))
    W2 = rng.normal(scale=scale, size=(3, 6))
    X, y = rng.normal(size=(40, 3)), np.arange(40) % 3
    z3 = forward_pass(W1, W2, X)[2]
    Y = one_hot(y, 3)
    assert np.abs(z3).max() > 2 * scale and np.abs(z3).min() < 1 + scale / 10  # both ends
    expected = -np.sum(Y * log_expit(z3) + (1 - Y) * log_expit(-z3)) / 40
    assert nn_cost_function(unroll(W1, W2), *SIZES, X, y, 0.0)[0] == pytest.approx(
        expected, rel=1e-14)


@pytest.mark.parametrize("lambda_", [0.0, 3.0])
def test_backpropagation_matches_numerical_gradient(lambda_):
    assert check_nn_gradients(lambda_) < 1e-9


def test_gradient_check_catches_a_wrong_gradient():
    def wrong(*args):
        J, grad = nn_cost_function(*args)
        return J, grad * 1.01  # 1% off everywhere
    assert check_nn_gradients(0.0, wrong) > 1e-3


def test_numerical_gradient_of_a_quadratic():
    theta = np.array([1.0, -2.0, 3.0])
    numgrad = compute_numerical_gradient(lambda t: float(np.sum(t ** 2)), theta)
    assert numgrad == pytest.approx(2 * theta, rel=1e-8)


def test_bias_columns_are_not_regularized():
    W1, W2 = W1_FIX.copy(), W2_FIX.copy()
    base = nn_cost_function(unroll(W1, W2), *SIZES, X_FIX, Y_FIX, 0.0)[0]
    base_reg = nn_cost_function(unroll(W1, W2), *SIZES, X_FIX, Y_FIX, 1.0)[0]
    W1[:, 0] += 5.0
    W2[:, 0] -= 5.0
    moved = nn_cost_function(unroll(W1, W2), *SIZES, X_FIX, Y_FIX, 0.0)[0]
    moved_reg = nn_cost_function(unroll(W1, W2), *SIZES, X_FIX, Y_FIX, 1.0)[0]
    assert moved_reg - moved == pytest.approx(base_reg - base, rel=1e-12)
    expected = (np.sum(W1_FIX[:, 1:] ** 2) + np.sum(W2_FIX[:, 1:] ** 2)) / (2 * 5)
    assert base_reg - base == pytest.approx(expected, rel=1e-12)


def test_cost_and_gradient_finite_and_silent_for_extreme_weights():
    rng = np.random.default_rng(0)
    W1 = rng.normal(scale=1e3, size=(5, 4))
    W2 = rng.normal(scale=1e3, size=(3, 6))
    X = rng.normal(scale=1e2, size=(7, 3))
    y = np.arange(7) % 3
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        J, grad = nn_cost_function(unroll(W1, W2), *SIZES, X, y, 1.0)
        labels = predict(W1, W2, X)
        p = predict_proba(W1, W2, X)
    assert np.isfinite(J) and J > 100  # confidently wrong answers cost a lot, not inf
    assert np.all(np.isfinite(grad))
    assert labels.shape == (7,) and np.all(np.isfinite(p))


def test_predict_and_probabilities():
    a3 = feed_forward(W1_FIX, W2_FIX, X_FIX)
    assert a3.shape == (5, 3)
    assert np.array_equal(predict(W1_FIX, W2_FIX, X_FIX), np.argmax(a3, axis=1))
    p = predict_proba(W1_FIX, W2_FIX, X_FIX)
    assert p.sum(axis=1) == pytest.approx(np.ones(5))


def test_cost_refuses_labels_out_of_range():
    with pytest.raises(ValueError, match=r"y: expected integer labels 0\.\.2"):
        nn_cost_function(unroll(W1_FIX, W2_FIX), *SIZES, X_FIX, Y_FIX + 1, 0.0)


def test_cost_refuses_negative_or_nan_lambda():
    for bad in (-1.0, float("nan")):
        with pytest.raises(ValueError, match="lambda_"):
            fixture_cost(bad)


def test_predict_names_the_shape_that_does_not_fit():
    with pytest.raises(ValueError, match=r"X: expected 3 columns .* got shape \(5, 4\)"):
        predict(W1_FIX, W2_FIX, np.zeros((5, 4)))


def test_float32_pictures_give_the_float64_cost_and_predictions(split):
    # Single precision, as for Fashion-MNIST: the same cost to 1e-5, the same
    # held-out predictions, while the work is done in float32 and L-BFGS-B
    # still gets float64.
    from course import data
    X_train, y_train, X_test, _ = split
    W1, W2 = data.load_weights(data.PRETRAINED)
    params, sizes = unroll(W1, W2), (400, W1.shape[0], 10)
    J64, grad64 = nn_cost_function(params, *sizes, X_train, y_train, 1.0)
    J32, grad32 = nn_cost_function(params, *sizes, X_train.astype(np.float32), y_train, 1.0)
    assert J32 == pytest.approx(J64, abs=1e-5)
    assert type(J32) is float and grad32.dtype == np.float64
    # near the optimum the gradient is a small difference of large sums: float32 keeps 3 digits
    assert np.abs(grad32 - grad64).max() < 1e-3 * np.abs(grad64).max()
    assert np.array_equal(predict(W1, W2, X_test.astype(np.float32)), predict(W1, W2, X_test))
    assert predict_proba(W1, W2, X_test.astype(np.float32)) == pytest.approx(
        predict_proba(W1, W2, X_test), abs=1e-5)
    assert forward_pass(W1, W2, X_test.astype(np.float32))[2].dtype == np.float32


def test_other_pictures_are_computed_in_float64():
    for dtype in (np.float16, np.uint8, np.int64, np.float64):
        X = np.ones((5, 3), dtype)
        assert nn.precision(X) == np.float64
        assert forward_pass(W1_FIX, W2_FIX, nn.check_network_input(W1_FIX, W2_FIX, X)[2])[
            2].dtype == np.float64
    assert nn.precision(np.ones((5, 3), np.float32)) == np.float32


@pytest.mark.parametrize("m, sizes", [(0, []), (100, [100]), (500, [256, 244]), (1000, [256] * 3 + [232]),
                                      (4000, [1000] * 4), (5000, [1024] * 4 + [904])])
def test_blocks_cover_the_examples_in_at_least_four_blocks_when_large_enough(m, sizes):
    found = nn.blocks(m)
    assert [len(range(m)[block]) for block in found] == sizes
    stops = [0] + [min(block.stop, m) for block in found]
    assert [block.start for block in found] == stops[:-1] and stops[-1] == m  # in order, all


def test_threads_share_out_the_blocks_and_change_no_number(monkeypatch):
    import threading

    from threadpoolctl import threadpool_info, threadpool_limits

    def blas_threads_here(item):
        return item, threading.current_thread().name, {
            info["num_threads"] for info in threadpool_info() if info["user_api"] == "blas"}

    with threadpool_limits(limits=2, user_api="blas"):
        done = nn.map_in_threads(blas_threads_here, list(range(6)))
    assert [item for item, _, _ in done] == list(range(6))  # in order
    assert all(name.startswith("course-nn") for _, name, _ in done)
    assert all(threads == {1} for _, _, threads in done)  # one BLAS thread each meanwhile
    with threadpool_limits(limits=2, user_api="blas"):
        [(_, name, threads)] = nn.map_in_threads(blas_threads_here, [1])
    assert name == threading.current_thread().name and threads == {1}  # one item: here, alone
    with threadpool_limits(limits=1, user_api="blas"):
        assert {name for _, name, _ in nn.map_in_threads(blas_threads_here, [1, 2])} == {
            threading.current_thread().name}

    monkeypatch.setattr(nn, "BLOCK", 16)  # 100 examples: 7 blocks
    rng = np.random.default_rng(3)
    params = unroll(rng.normal(size=(5, 4)), rng.normal(size=(3, 6)))
    X, y = rng.normal(size=(100, 3)), np.arange(100) % 3
    with threadpool_limits(limits=2, user_api="blas"):
        J2, grad2 = nn_cost_function(params, *SIZES, X, y, 1.0)
    with threadpool_limits(limits=1, user_api="blas"):
        J1, grad1 = nn_cost_function(params, *SIZES, X, y, 1.0)
    assert J1 == J2 and np.array_equal(grad1, grad2)  # the same bits


def test_predictions_are_made_in_the_blocks_and_threads_of_the_cost(monkeypatch):
    # So that numpy's BLAS starts no threads of its own, which keep spinning afterwards.
    rng = np.random.default_rng(4)
    W1, W2 = rng.normal(size=(5, 4)), rng.normal(size=(3, 6))
    X = rng.normal(size=(600, 3))
    whole = forward_pass(W1, W2, X)[2]
    shared = []
    real_map = nn.map_in_threads
    monkeypatch.setattr(nn, "map_in_threads",
                        lambda function, items: shared.extend(items) or real_map(function, items))
    assert np.array_equal(nn.predict(W1, W2, X), np.argmax(whole, axis=1))
    assert np.allclose(nn.feed_forward(W1, W2, X), nn.sigmoid(whole), rtol=1e-14)
    assert shared == nn.blocks(600) * 2


def test_code_not_in_blocks_runs_on_one_blas_thread():
    from threadpoolctl import threadpool_info, threadpool_limits

    def blas_threads(x):
        return x, {info["num_threads"] for info in threadpool_info() if info["user_api"] == "blas"}

    with threadpool_limits(limits=2, user_api="blas"):
        assert nn.on_one_blas_thread(blas_threads)(7) == (7, {1})
        assert blas_threads(7)[1] == {2}  # and back afterwards
