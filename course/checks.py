"""The checks of the exercises: one per part, shared by pytest and the grader.

A check takes `impl`, anything with the lesson's functions as attributes (the
learner's module `exercises.exN_topic`, or the reference in `course/`), and
returns a short line saying what it found right; a wrong answer raises
`Mistake` with feedback in the learner's terms. Where a typical mistake gives a
recognisable answer, the check computes that answer too and names the mistake.
"""

from dataclasses import dataclass
from functools import lru_cache
from types import SimpleNamespace
from typing import Callable

import numpy as np
from scipy.special import expit

from course import data, evaluate, figures, fruit, gradcheck, logistic, nn, train


class Mistake(Exception):
    """A wrong answer; its message is the feedback shown to the learner."""


@dataclass(frozen=True)
class Part:
    """One graded part of a lesson."""

    lesson: int
    number: str                     # "4.2"
    name: str                       # what the learner writes
    functions: tuple                # the functions of the lesson it calls
    check: Callable                 # check(impl) -> success line, or raises Mistake
    error_hint: str = ""            # said after an error raised by the learner's code
    points: int = 10
    seconds: float = 60.0           # time limit


LESSONS = {
    1: "ex1_data", 2: "ex2_logistic", 3: "ex3_feedforward", 4: "ex4_cost",
    5: "ex5_backprop", 6: "ex6_gradcheck", 7: "ex7_training", 8: "ex8_evaluation",
    9: "ex9_fruit",
}

# The reference implementation of each lesson, under the exercises' names.
REFERENCE = {
    1: SimpleNamespace(row_to_image=figures.row_to_image, tile_images=figures.tile_images),
    2: SimpleNamespace(lr_cost_function=logistic.lr_cost_function,
                       one_vs_all=logistic.one_vs_all,
                       predict_one_vs_all=logistic.predict_one_vs_all),
    3: SimpleNamespace(feed_forward=nn.feed_forward, predict=nn.predict),
    4: SimpleNamespace(nn_cost_function=nn.nn_cost_function),
    5: SimpleNamespace(sigmoid_gradient=nn.sigmoid_gradient,
                       rand_initialize_weights=nn.rand_initialize_weights,
                       nn_cost_function=nn.nn_cost_function),
    6: SimpleNamespace(compute_numerical_gradient=gradcheck.compute_numerical_gradient),
    7: SimpleNamespace(train=train.train),
    8: SimpleNamespace(confusion_matrix=evaluate.confusion_matrix,
                       accuracy_per_class=evaluate.accuracy_per_class),
    9: SimpleNamespace(hand_made_weights=fruit.hand_made_weights),
}


# ---------------------------------------------------------------- helpers

def as_array(name, value, shape):
    """Return value as a float array after checking its shape and that it is finite."""
    try:
        array = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise Mistake(f"{name} should be an array of numbers of shape {shape}, "
                      f"got {type(value).__name__}") from None
    if array.shape != shape:
        raise Mistake(f"{name} should have shape {shape}, got {array.shape}")
    if np.isnan(array).any():
        raise Mistake(f"{name} contains NaN: look for 0/0, or log of 0 (the cost takes "
                      "log(h) and log(1 - h): h must stay strictly between 0 and 1)")
    if np.isinf(array).any():
        raise Mistake(f"{name} contains infinite values: log(0) or a division by 0?")
    return array


def as_number(name, value):
    """Return value as a float after checking it is one finite number."""
    array = np.asarray(value, dtype=np.float64) if np.ndim(value) == 0 else None
    if array is None:
        raise Mistake(f"{name} should be one number, got shape {np.shape(value)}: "
                      "did you forget np.sum?")
    return float(as_array(name, array, ()))


def same(a, b, rtol=1e-6, atol=1e-9):
    """Return True when two numbers or arrays agree to rtol."""
    return np.shape(a) == np.shape(b) and np.allclose(a, b, rtol=rtol, atol=atol)


def untouched(name, value):
    """Raise a Mistake when value is still the placeholder the stub returns (all zeros)."""
    if not np.any(np.asarray(value)):
        raise Mistake(f"{name} is still all zeros, as the stub returns it: "
                      "is your code below the YOUR CODE HERE line?")


def name_the_mistake(received, expected, what, candidates, rtol=1e-6):
    """Raise a Mistake naming the first candidate mistake whose answer equals `received`."""
    for hint, answer in candidates:
        if same(received, answer, rtol=rtol):
            raise Mistake(f"{what}: {hint}")
    raise Mistake(f"{what}: expected {format_value(expected)}, got {format_value(received)}")


def format_value(value):
    """Return a short text for a number or the first values of an array."""
    array = np.asarray(value)
    if array.ndim == 0:
        return f"{float(array):.6f}"
    flat = " ".join(f"{v:.6f}" for v in array.ravel()[:4])
    return f"[{flat}{' ...' if array.size > 4 else ''}]"


@lru_cache(maxsize=None)
def digits():
    """Return the split of the shipped digits (loaded once per process)."""
    return data.load_split()


@lru_cache(maxsize=None)
def pretrained():
    """Return the shipped pretrained weights (W1, W2)."""
    return data.load_weights(data.PRETRAINED)


# ---------------------------------------------------------------- lesson 1: the data

def check_row_to_image(impl):
    x = np.arange(400) / 400.0
    image = as_array("row_to_image(x)", impl.row_to_image(x), (20, 20))
    untouched("row_to_image(x)", image)
    expected = x.reshape(20, 20)
    if same(image, expected):
        return "pixel k lands at row k // 20, column k % 20: the digit stands upright"
    if same(image, expected.T):
        raise Mistake("your image is the digit's transpose (lying on its side): the pixels "
                      "are stored row by row, so x.reshape(20, 20) is upright; drop "
                      "order='F' or the .T")
    raise Mistake("pixel k of the row should land at row k // 20, column k % 20; "
                  f"image[0, :3] is {format_value(image[0, :3])}, expected "
                  f"{format_value(expected[0, :3])}")


def check_tile_images(impl):
    X = np.random.default_rng(1).random((7, 400))
    rows, cols, pad = 2, 4, 1
    shape = (pad + rows * (20 + pad), pad + cols * (20 + pad))
    received = impl.tile_images(X, rows, cols, pad)
    received = np.asarray(received, dtype=np.float64)
    if received.shape != shape:
        raise Mistake(f"tile_images(X, 2, 4, pad=1) should have shape {shape} "
                      f"(pad + rows * (20 + pad), pad + cols * (20 + pad)), got {received.shape}")
    expected = figures.tile_images(X, rows, cols, pad)
    if np.array_equal(np.isnan(received), np.isnan(expected)) and \
            np.allclose(received[~np.isnan(received)], expected[~np.isnan(expected)]):
        return "7 digits on a 2 x 4 grid, gaps and the empty place left as NaN"
    untouched("tile_images(...)", np.nan_to_num(received))
    if np.allclose(np.nan_to_num(received), np.nan_to_num(expected)):
        raise Mistake("the tiles are right but the gaps are not NaN: start from "
                      "np.full(shape, np.nan) so the figures draw the gaps gray")
    transposed = figures.tile_images(X.reshape(-1, 20, 20).transpose(0, 2, 1).reshape(-1, 400),
                                     rows, cols, pad)
    if np.allclose(np.nan_to_num(received), np.nan_to_num(transposed)):
        raise Mistake("each tile is the transpose of its digit: place "
                      "x.reshape(20, 20) as it is (see row_to_image)")
    column_order = _tile_column_by_column(X, rows, cols, pad)
    if np.allclose(np.nan_to_num(received), np.nan_to_num(column_order)):
        raise Mistake("you filled the grid column by column: digit k goes to grid row "
                      "k // cols, grid column k % cols")
    raise Mistake("digit k should sit at rows pad + (k // cols) * (20 + pad) and columns "
                  "pad + (k % cols) * (20 + pad), 20 pixels each way; the first tile "
                  "differs")


def _tile_column_by_column(X, rows, cols, pad):
    """Return the grid a learner gets by filling it column by column (a typical mistake)."""
    step = 20 + pad
    grid = np.full((pad + rows * step, pad + cols * step), np.nan)
    for k, x in enumerate(X):
        top, left = pad + (k % rows) * step, pad + (k // rows) * step
        grid[top:top + 20, left:left + 20] = x.reshape(20, 20)
    return grid


# ---------------------------------------------------------------- lesson 2: logistic regression

def lr_fixture():
    """Return the original course's check: theta, X (with ones), y, lambda_."""
    theta = np.array([-2.0, -1.0, 1.0, 2.0])
    X = np.hstack([np.ones((5, 1)), np.arange(1, 16).reshape(3, 5).T / 10])  # (5, 4)
    y = np.array([1.0, 0.0, 1.0, 0.0, 1.0])
    return theta, X, y, 3.0


def lr_variants(theta, X, y, lambda_):
    """Return {mistake: (J, grad)} for the usual mistakes in lr_cost_function."""
    m = len(y)
    J0, grad0 = logistic.lr_cost_function(theta, X, y, 0.0)
    reg = np.sum(theta[1:] ** 2)
    bias_grad = np.r_[lambda_ / m * theta[0], np.zeros(len(theta) - 1)]
    J, grad = logistic.lr_cost_function(theta, X, y, lambda_)
    return {
        "you regularized theta[0], the bias: the penalty sums theta[1:] only":
            (J + lambda_ / (2 * m) * theta[0] ** 2, grad + bias_grad),
        "the regularization term is missing (lambda / (2 m) times the sum of theta[1:]**2)":
            (J0, grad0),
        "the penalty should be lambda / (2 m) times the squares, you used lambda / m":
            (J0 + lambda_ / m * reg, grad0 + 2 * (grad - grad0)),
        "you forgot to divide by m (the cost is a mean over the examples)":
            (m * J0 + lambda_ / (2 * m) * reg, m * grad0 + (grad - grad0)),
    }


def check_lr_cost(impl):
    theta, X, y, lambda_ = lr_fixture()
    J, grad = impl.lr_cost_function(theta.copy(), X, y, lambda_)
    J = as_number("the cost J", J)
    if same(J, 2.534819, rtol=1e-6):
        return "cost 2.534819 on the original course's check"
    untouched("the cost J", J)
    name_the_mistake(J, 2.534819, "the cost J",
                     [(hint, v[0]) for hint, v in lr_variants(theta, X, y, lambda_).items()])


def check_lr_gradient(impl):
    theta, X, y, lambda_ = lr_fixture()
    _, grad = impl.lr_cost_function(theta.copy(), X, y, lambda_)
    grad = as_array("the gradient", grad, (4,))
    expected = np.array([0.146561, -0.548558, 0.724722, 1.398003])
    if same(grad, expected, rtol=1e-5):
        return "gradient 0.146561 -0.548558 0.724722 1.398003"
    untouched("the gradient", grad)
    name_the_mistake(grad, expected, "the gradient",
                     [(hint, v[1]) for hint, v in lr_variants(theta, X, y, lambda_).items()],
                     rtol=1e-5)


@lru_cache(maxsize=None)
def reference_all_theta():
    """Return the reference one-vs-all classifiers (lambda 0.1) on the training digits."""
    X_train, y_train, _, _ = digits()
    return logistic.one_vs_all(X_train, y_train, 10, 0.1)


def check_one_vs_all(impl):
    X_train, y_train, X_test, y_test = digits()
    all_theta = as_array("one_vs_all(X, y, 10, 0.1)",
                         impl.one_vs_all(X_train.copy(), y_train.copy(), 10, 0.1),
                         (10, 401))
    untouched("all_theta", all_theta)
    predicted = logistic.predict_one_vs_all(all_theta, X_test)
    accuracy = np.mean(predicted == y_test)
    if accuracy >= 0.88:
        return f"held-out accuracy {100 * accuracy:.1f}% for the linear baseline"
    for shift in (1, -1):
        if np.mean(predicted == (y_test + shift) % 10) > 0.5:
            raise Mistake(f"held-out accuracy {100 * accuracy:.1f}%, and most digits are read "
                          "as their neighbour: labels are shifted by one. Classifier c "
                          "(row c of all_theta) must learn y == c, for c in 0..9")
    raise Mistake(f"held-out accuracy {100 * accuracy:.1f}%, expected at least 88%: is each "
                  "row trained with minimize(..., jac=True, method='L-BFGS-B') on X with its "
                  "column of ones, from zeros, up to 50 iterations?")


def check_predict_one_vs_all(impl):
    _, _, X_test, _ = digits()
    all_theta = reference_all_theta()
    received = np.asarray(impl.predict_one_vs_all(all_theta.copy(), X_test.copy()))
    expected = logistic.predict_one_vs_all(all_theta, X_test)
    if received.shape == (10,) or received.shape == (401,):
        raise Mistake(f"predictions should have one label per example, shape {expected.shape}, "
                      f"got {received.shape}: take the argmax along axis=1")
    received = as_array("predictions", received, expected.shape)
    if np.array_equal(received, expected):
        return "the same label as the reference for all 1000 held-out digits"
    untouched("predictions", received)
    if np.array_equal(received, expected + 1):
        raise Mistake("every label is one too high: labels are 0..9 (zero is 0), the index "
                      "of the largest score is the label itself")
    wrong = int(np.sum(received != expected))
    raise Mistake(f"{wrong} of 1000 predictions differ from the largest score "
                  "np.argmax(X1 @ all_theta.T, axis=1), with X1 the examples with ones")


# ---------------------------------------------------------------- lesson 3: feed-forward

def check_feed_forward(impl):
    _, _, X_test, _ = digits()
    W1, W2 = pretrained()
    X = X_test[:50]
    received = as_array("feed_forward(W1, W2, X)",
                        impl.feed_forward(W1.copy(), W2.copy(), X.copy()), (50, 10))
    expected = nn.feed_forward(W1, W2, X)
    if same(received, expected):
        return "a3 matches for 50 held-out digits"
    untouched("a3", received)
    z3 = nn.forward_pass(W1, W2, X)[2]
    name_the_mistake(received, expected, "a3", [
        ("you returned z3: apply the sigmoid to the output layer too, a3 = sigmoid(z3)", z3),
        ("a3 should hold the sigmoid outputs, not probabilities scaled to sum to 1",
         expected / expected.sum(axis=1, keepdims=True)),
    ])


def check_predict(impl):
    _, _, X_test, y_test = digits()
    W1, W2 = pretrained()
    received = np.asarray(impl.predict(W1.copy(), W2.copy(), X_test.copy()))
    expected = nn.predict(W1, W2, X_test)
    if received.shape in ((10,), (1000, 10)):
        raise Mistake(f"predict should return one label per example, shape (1000,), got "
                      f"{received.shape}: take np.argmax(a3, axis=1)")
    received = as_array("predict(W1, W2, X)", received, (1000,))
    if np.array_equal(received, expected):
        return (f"held-out accuracy {100 * np.mean(received == y_test):.1f}% "
                "with the pretrained weights")
    untouched("the predictions", received)
    if np.array_equal(received, expected + 1):
        raise Mistake("every label is one too high: labels are 0..9 (zero is 0), so the "
                      "index of the largest output is the label itself")
    raise Mistake(f"{int(np.sum(received != expected))} of 1000 labels differ from the "
                  "reference; expected the index of the largest output for each row")


# ---------------------------------------------------------------- lesson 4: the cost

def cost_variants(W1, W2, X, y, lambda_):
    """Return {mistake: J} for the usual mistakes in the network's cost."""
    m = len(y)
    z3 = nn.forward_pass(W1, W2, X)[2]
    Y = nn.one_hot(y, 10)
    a3 = expit(z3)
    with np.errstate(divide="ignore"):
        first_term = -np.sum(Y * np.log(a3)) / m
    J0 = nn.nn_cost_function(nn.unroll(W1, W2), 400, W1.shape[0], 10, X, y, 0.0)[0]
    reg = np.sum(W1[:, 1:] ** 2) + np.sum(W2[:, 1:] ** 2)
    reg_all = np.sum(W1 ** 2) + np.sum(W2 ** 2)
    shifted = {}
    for shift in (1, -1):
        J_shift = nn.nn_cost_function(nn.unroll(W1, W2), 400, W1.shape[0], 10, X,
                                      (y + shift) % 10, 0.0)[0]
        shifted[shift] = J_shift + lambda_ / (2 * m) * reg
    return {
        "labels are shifted by one: Y[i, y[i]] = 1 with labels 0..9 (zero is column 0)":
            shifted[1],
        "labels are shifted by one the other way: Y[i, y[i]] = 1, column 0 for zero":
            shifted[-1],
        "you forgot to divide by m (the cost is a mean over the examples)":
            m * J0 + lambda_ / (2 * m) * reg,
        "only the y log(h) term is there: add (1 - y) log(1 - h) for the other labels":
            first_term + lambda_ / (2 * m) * reg,
        "you regularized the bias columns W1[:, 0] and W2[:, 0]: leave them out":
            J0 + lambda_ / (2 * m) * reg_all,
        "the penalty should be lambda / (2 m) times the squares, you used lambda / m":
            J0 + lambda_ / m * reg,
        "the regularization term is missing (lambda / (2 m) times the squared weights)": J0,
    }


def check_cost(impl, lambda_):
    X_train, y_train, _, _ = digits()
    W1, W2 = pretrained()
    J = impl.nn_cost_function(nn.unroll(W1, W2), 400, 25, 10, X_train.copy(), y_train.copy(),
                              lambda_)
    if not isinstance(J, tuple) or len(J) != 2:
        raise Mistake("nn_cost_function should return the pair (J, grad)")
    J = as_number("the cost J", J[0])
    expected = nn.nn_cost_function(nn.unroll(W1, W2), 400, 25, 10, X_train, y_train, lambda_)[0]
    if same(J, expected):
        return f"cost {expected:.6f} with the pretrained weights, lambda {lambda_:g}"
    untouched("the cost J", J)
    candidates = list(cost_variants(W1, W2, X_train, y_train, lambda_).items())
    if lambda_ == 0:
        candidates = candidates[:4]  # the regularization mistakes need lambda > 0
    name_the_mistake(J, expected, f"the cost with lambda {lambda_:g}", candidates)


# ---------------------------------------------------------------- lesson 5: backpropagation

def check_sigmoid_gradient(impl):
    z = np.array([-1.0, -0.5, 0.0, 0.5, 1.0])
    received = as_array("sigmoid_gradient(z)", impl.sigmoid_gradient(z.copy()), (5,))
    expected = nn.sigmoid_gradient(z)
    if same(received, expected) and \
            same(np.asarray(impl.sigmoid_gradient(np.zeros((2, 3)))), np.full((2, 3), 0.25)):
        return "0.196612 0.235004 0.250000 0.235004 0.196612, shapes kept"
    untouched("sigmoid_gradient(z)", received)
    name_the_mistake(received, expected, "sigmoid_gradient([-1, -0.5, 0, 0.5, 1])", [
        ("you computed z * (1 - z): that is g(z)(1 - g(z)) with z in place of g(z); "
         "take g = sigmoid(z) first", z * (1 - z)),
        ("that is the sigmoid itself; its gradient is g(z) * (1 - g(z))", expit(z)),
        ("you computed g(z) * (1 + g(z)): it is g(z) * (1 - g(z))",
         expit(z) * (1 + expit(z))),
    ])


def check_rand_initialize_weights(impl):
    W = np.asarray(impl.rand_initialize_weights(400, 25, np.random.default_rng(0)),
                   dtype=np.float64)
    if W.shape in ((401, 25), (400, 25), (25, 400)):
        raise Mistake(f"W should have shape (l_out, 1 + l_in) = (25, 401): one row per unit "
                      f"of the next layer, a bias column first; got {W.shape}")
    W = as_array("rand_initialize_weights(400, 25, rng)", W, (25, 401))
    untouched("the weights", W)
    if np.unique(W).size < W.size // 2:
        raise Mistake("many weights are equal: they must all differ, or the hidden units "
                      "start alike and learn the same thing (break the symmetry)")
    again = np.asarray(impl.rand_initialize_weights(400, 25, np.random.default_rng(0)))
    if not np.array_equal(W, again):
        raise Mistake("two calls with the same seed gave different weights: draw them from "
                      "the rng you are given (rng.uniform), not from np.random")
    epsilon = np.sqrt(6 / (400 + 25))
    if W.max() > epsilon * 1.01 or W.min() < -epsilon * 1.01:
        raise Mistake(f"weights go from {W.min():.3f} to {W.max():.3f}: keep them in "
                      f"[-epsilon, epsilon] with epsilon = sqrt(6 / (l_in + l_out)) = "
                      f"{epsilon:.3f}")
    if W.min() > -epsilon / 2 or W.max() < epsilon / 2:
        raise Mistake(f"weights go from {W.min():.3f} to {W.max():.3f}: spread them over "
                      f"the whole of [-{epsilon:.3f}, {epsilon:.3f}] (uniform, centred on 0)")
    return f"(25, 401), uniform in [-{epsilon:.3f}, {epsilon:.3f}], repeatable with a seed"


def gradient_variants(W1, W2, X, y, lambda_):
    """Return {mistake: unrolled gradient} for the usual mistakes of backpropagation."""
    m = len(y)
    z2, a2, z3 = nn.forward_pass(W1, W2, X)
    delta3 = expit(z3) - nn.one_hot(y, W2.shape[0])
    a1 = nn.add_bias(X)

    def grads(slope, divide=m, reg_bias=False, reg_factor=1.0):
        delta2 = (delta3 @ W2[:, 1:]) * slope
        G1, G2 = delta2.T @ a1 / divide, delta3.T @ a2 / divide
        R1, R2 = W1.copy(), W2.copy()
        if not reg_bias:
            R1[:, 0] = R2[:, 0] = 0
        return G1 + reg_factor * lambda_ / m * R1, G2 + reg_factor * lambda_ / m * R2

    right = grads(nn.sigmoid_gradient(z2))
    variants = {
        "you took sigmoid_gradient of a2 (an activation): backpropagation needs it at z2, "
        "sigmoid_gradient(z2)": nn.unroll(*grads(nn.sigmoid_gradient(a2[:, 1:]))),
        "delta2 is missing the factor sigmoid_gradient(z2)": nn.unroll(*grads(1.0)),
        "you forgot to divide the accumulated gradients by m":
            nn.unroll(*grads(nn.sigmoid_gradient(z2), divide=1)),
        "wrong unroll order: W1's gradient comes first, then W2's, each row by row "
        "(concatenate([W1_grad.ravel(), W2_grad.ravel()]))":
            np.concatenate([right[1].ravel(), right[0].ravel()]),
        "the gradients are unrolled column by column: use .ravel() (row by row), "
        "not order='F'": np.concatenate([right[0].ravel(order="F"), right[1].ravel(order="F")]),
    }
    if lambda_ > 0:
        variants.update({
            "you regularized the bias columns: leave column 0 of each gradient alone":
                nn.unroll(*grads(nn.sigmoid_gradient(z2), reg_bias=True)),
            "the regularization of the gradient is lambda / m times the weights, "
            "you used lambda / (2 m)":
                nn.unroll(*grads(nn.sigmoid_gradient(z2), reg_factor=0.5)),
            "the regularization term of the gradient is missing (+ lambda / m * W, "
            "bias column excepted)": nn.unroll(*grads(nn.sigmoid_gradient(z2), reg_factor=0.0)),
        })
    return variants


def check_backprop(impl, lambda_):
    sizes, W1, W2, X, y = gradcheck.debug_problem()
    params = nn.unroll(W1, W2)
    result = impl.nn_cost_function(params.copy(), *sizes, X.copy(), y.copy(), lambda_)
    if not isinstance(result, tuple) or len(result) != 2:
        raise Mistake("nn_cost_function should return the pair (J, grad)")
    grad = as_array("grad", result[1], params.shape)
    expected = nn.nn_cost_function(params, *sizes, X, y, lambda_)[1]
    difference = np.linalg.norm(grad - expected) / max(np.linalg.norm(grad + expected), 1e-300)
    if difference < gradcheck.TOLERANCE:
        return (f"matches the reference on the 3-5-3 network, lambda {lambda_:g} "
                f"(relative difference {difference:.1e})")
    untouched("grad", grad)
    name_the_mistake(grad, expected, f"grad with lambda {lambda_:g}",
                     list(gradient_variants(W1, W2, X, y, lambda_).items()))


# ---------------------------------------------------------------- lesson 6: gradient checking

def check_numerical_gradient(impl):
    theta = np.array([1.0, -2.0, 0.5])

    def J(t):
        return float(np.sum(t ** 3) + t[0] * t[1])

    exact = 3 * theta ** 2 + np.array([theta[1], theta[0], 0.0])
    received = as_array("compute_numerical_gradient(J, theta)",
                        impl.compute_numerical_gradient(J, theta.copy()), (3,))
    if same(received, exact, rtol=1e-7):
        return "central differences, within 1e-7 of the exact gradient of a cubic"
    untouched("numgrad", received)
    e = 1e-4
    one_sided = np.array([(J(theta + e * u) - J(theta)) / e for u in np.eye(3)])
    not_reset = np.array([(J(theta + e * np.r_[np.ones(i + 1), np.zeros(2 - i)]) -
                           J(theta - e * np.r_[np.ones(i + 1), np.zeros(2 - i)])) / (2 * e)
                          for i in range(3)])
    name_the_mistake(received, exact, "the numerical gradient of a cubic", [
        ("that is a one-sided difference (J(theta + e) - J(theta)) / e: use the central "
         "difference (J(theta + e) - J(theta - e)) / (2 e), far more accurate", one_sided),
        ("divide by 2 * epsilon, the distance between theta - e and theta + e", 2 * exact),
        ("set the perturbation back to 0 after each element: only one element may move "
         "at a time", not_reset),
    ], rtol=1e-6)


def check_gradient_check(impl):
    difference = gradcheck.check_nn_gradients(3.0, numerical=impl.compute_numerical_gradient)
    if difference < gradcheck.TOLERANCE:
        return (f"relative difference {difference:.1e} on the 3-5-3 network "
                f"(below {gradcheck.TOLERANCE:g})")
    raise Mistake(f"with your numerical gradient the relative difference is {difference:.1e}, "
                  f"expected below {gradcheck.TOLERANCE:g}: check the central difference on "
                  "each element")


# ---------------------------------------------------------------- lesson 7: training

def check_train(impl):
    X_train, y_train, X_test, y_test = digits()
    X, y = X_train[::4], y_train[::4]  # 1000 digits, 100 of each label
    result = impl.train(X.copy(), y.copy(), hidden_layer_size=25, lambda_=1.0, maxiter=30, seed=0,
                        cost_function=nn.nn_cost_function)
    W1, W2 = (result.W1, result.W2) if hasattr(result, "W1") else result
    if np.shape(W1) == (25 * 401 + 10 * 26,):
        raise Mistake("train returned the unrolled vector: reshape result.x into W1 (25, 401) "
                      "and W2 (10, 26) with reshape_params")
    W1 = as_array("W1", W1, (25, 401))
    W2 = as_array("W2", W2, (10, 26))
    untouched("W1", W1)
    if np.allclose(W1[1:], W1[0]):
        raise Mistake("all hidden units have the same weights: start from random weights "
                      "(rand_initialize_weights), not zeros, or they never tell apart")
    accuracy = np.mean(nn.predict(W1, W2, X_test) == y_test)
    if accuracy >= 0.80:
        return (f"30 iterations on 1000 digits: held-out accuracy {100 * accuracy:.1f}%")
    raise Mistake(f"after 30 iterations on 1000 digits the held-out accuracy is "
                  f"{100 * accuracy:.1f}%, expected at least 80%: minimize the cost from "
                  "random weights with jac=True, method='L-BFGS-B', options={'maxiter': maxiter}")


# ---------------------------------------------------------------- lesson 8: evaluation

# Row sums (3, 3, 4) differ from column sums (3, 5, 2): recall and precision differ.
EVAL_TRUE = np.array([0, 0, 0, 1, 1, 2, 2, 2, 2, 1])
EVAL_PRED = np.array([0, 0, 1, 1, 1, 2, 2, 0, 1, 1])


def check_confusion_matrix(impl):
    received = as_array("confusion_matrix(y_true, y_pred, 3)",
                        impl.confusion_matrix(EVAL_TRUE, EVAL_PRED, 3), (3, 3))
    expected = evaluate.confusion_matrix(EVAL_TRUE, EVAL_PRED, 3)
    if np.array_equal(received, expected):
        return "rows are true labels, columns predictions, counts"
    untouched("the confusion matrix", received)
    name_the_mistake(received, expected, "the confusion matrix", [
        ("rows and columns are swapped: C[i, j] counts examples of true label i read as j",
         expected.T),
        ("C should hold counts, not fractions", expected / expected.sum()),
        ("C should hold counts, not fractions of each row",
         expected / expected.sum(axis=1, keepdims=True)),
    ])


def check_accuracy_per_class(impl):
    received = as_array("accuracy_per_class(y_true, y_pred, 3)",
                        impl.accuracy_per_class(EVAL_TRUE, EVAL_PRED, 3), (3,))
    expected = evaluate.accuracy_per_class(EVAL_TRUE, EVAL_PRED, 3)
    if same(received, expected):
        return "the fraction of each label's examples read right: 0.67 1.00 0.50"
    untouched("the accuracies", received)
    C = evaluate.confusion_matrix(EVAL_TRUE, EVAL_PRED, 3)
    name_the_mistake(received, expected, "accuracy per class", [
        ("you divided by how often each label was predicted (that is precision): divide "
         "by how many examples each label has, the row sums", np.diag(C) / C.sum(axis=0)),
        ("return fractions, not counts of right answers", np.diag(C).astype(float)),
        ("that is the overall accuracy repeated: compute it for each label on its own",
         np.full(3, np.mean(EVAL_TRUE == EVAL_PRED))),
    ])


# ---------------------------------------------------------------- lesson 9: the fruit

def check_hand_made_weights(impl):
    result = impl.hand_made_weights()
    if not isinstance(result, tuple) or len(result) != 2:
        raise Mistake("hand_made_weights should return the pair (W1, W2)")
    for name, W in zip(("W1", "W2"), result):
        if np.shape(W) in ((2, 2), (3, 2)):
            raise Mistake(f"{name} should have shape (2, 3): a row per unit, the bias first, "
                          f"then one weight per input; got {np.shape(W)}")
    W1 = as_array("W1", result[0], (2, 3))
    W2 = as_array("W2", result[1], (2, 3))
    untouched("W1", W1)
    X, y = fruit.make_fruit(500, seed=3)
    said = fruit.predict_hidden(W1, W2, X)
    right = np.mean(said == y)
    if right >= 0.95:
        return f"{100 * right:.0f}% of 500 fruits told right by two hidden units made by hand"
    if right <= 0.05:
        raise Mistake(f"{100 * right:.0f}% right: safe and poisonous are swapped; row 1 of W2 "
                      "is the output 'poisonous'")
    if np.all(said == 0) or np.all(said == 1):
        raise Mistake(f"every fruit is called {fruit.CLASSES[said[0]]}: the outputs do not "
                      "depend on the hidden units; give W2 weights on them")
    raise Mistake(f"{100 * right:.0f}% of 500 fruits right, expected at least 95%: a band needs "
                  "two edges, one hidden unit for each (x2 - x1 = -0.4 and x2 - x1 = 0.4), "
                  "and poisonous = unit 1 on and unit 2 off")


# ---------------------------------------------------------------- the parts

SHAPE_HINT = ("hint: print the shapes; each layer gets a column of ones in front: "
              "a1 = [1, X] is (m, 401) and a2 = [1, g(z2)] is (m, 26)")

PARTS = (
    Part(1, "1.1", "row_to_image", ("row_to_image",), check_row_to_image),
    Part(1, "1.2", "tile_images", ("tile_images",), check_tile_images),
    Part(2, "2.1", "lr_cost_function: cost", ("lr_cost_function",), check_lr_cost),
    Part(2, "2.2", "lr_cost_function: gradient", ("lr_cost_function",), check_lr_gradient),
    Part(2, "2.3", "one_vs_all", ("one_vs_all",), check_one_vs_all,
         "hint: X needs its column of ones before lr_cost_function sees it"),
    Part(2, "2.4", "predict_one_vs_all", ("predict_one_vs_all",), check_predict_one_vs_all,
         "hint: add the column of ones to X before multiplying by all_theta.T"),
    Part(3, "3.1", "feed_forward", ("feed_forward",), check_feed_forward, SHAPE_HINT),
    Part(3, "3.2", "predict", ("predict",), check_predict, SHAPE_HINT),
    Part(4, "4.1", "nn_cost_function: cost", ("nn_cost_function",),
         lambda impl: check_cost(impl, 0.0), SHAPE_HINT),
    Part(4, "4.2", "nn_cost_function: regularized cost", ("nn_cost_function",),
         lambda impl: check_cost(impl, 1.0), SHAPE_HINT),
    Part(5, "5.1", "sigmoid_gradient", ("sigmoid_gradient",), check_sigmoid_gradient),
    Part(5, "5.2", "rand_initialize_weights", ("rand_initialize_weights",),
         check_rand_initialize_weights),
    Part(5, "5.3", "backpropagation", ("nn_cost_function",),
         lambda impl: check_backprop(impl, 0.0),
         "hint: delta2 has one column per hidden unit: drop W2's bias column, W2[:, 1:]"),
    Part(5, "5.4", "regularized gradient", ("nn_cost_function",),
         lambda impl: check_backprop(impl, 3.0),
         "hint: delta2 has one column per hidden unit: drop W2's bias column, W2[:, 1:]"),
    Part(6, "6.1", "compute_numerical_gradient", ("compute_numerical_gradient",),
         check_numerical_gradient),
    Part(6, "6.2", "gradient check of the network", ("compute_numerical_gradient",),
         check_gradient_check),
    Part(7, "7.1", "train with L-BFGS-B", ("train",), check_train,
         "hint: nn_cost_function returns (J, grad): pass jac=True to minimize", seconds=120),
    Part(8, "8.1", "confusion_matrix", ("confusion_matrix",), check_confusion_matrix),
    Part(8, "8.2", "accuracy_per_class", ("accuracy_per_class",), check_accuracy_per_class),
    Part(9, "9.1", "a hidden layer by hand", ("hand_made_weights",), check_hand_made_weights),
)
