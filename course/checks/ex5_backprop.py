"""The checks of lesson 5: backpropagation."""

import numpy as np
from scipy.special import expit

from course import gradcheck, nn
from course.checks.common import (Mistake, Part, as_array, matmul_sizes, name_the_mistake, same,
                                  untouched)

LESSON = 5


def check_sigmoid_gradient(impl):
    """Return a success line if it is g(z) (1 - g(z)), any shape, else raise a Mistake."""
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
    """Return a success line if the weights are uniform, repeatable, else raise a Mistake."""
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
    """Return {mistake: unrolled gradient} for the usual mistakes of backpropagation.

    Built from the library's gradient: the unregularized one (lambda 0), the
    penalty's gradient added apart, and delta2 redone where its slope is wrong.
    """
    m = len(y)
    sizes = (X.shape[1], W1.shape[0], W2.shape[0])
    G1, G2 = nn.reshape_params(nn.nn_cost_function(nn.unroll(W1, W2), *sizes, X, y, 0.0)[1],
                               *sizes)                   # unregularized: Delta1 / m, Delta2 / m
    P1, P2 = lambda_ / m * W1, lambda_ / m * W2          # the penalty's gradient, biases too
    R1, R2 = without_bias(P1), without_bias(P2)          # ... and as it should be
    right1, right2 = G1 + R1, G2 + R2
    variants = {
        "you took sigmoid_gradient of a2 (an activation): backpropagation needs it at z2, "
        "sigmoid_gradient(z2)": nn.unroll(
            W1_gradient_with_slope(W1, W2, X, y, lambda z2, a2: nn.sigmoid_gradient(a2[:, 1:]))
            + R1, right2),
        "delta2 is missing the factor sigmoid_gradient(z2)": nn.unroll(
            W1_gradient_with_slope(W1, W2, X, y, lambda z2, a2: 1.0) + R1, right2),
        "every value has the wrong sign: delta3 = a3 - Y (the output minus the label), "
        "the derivative of the cost, not Y - a3": nn.unroll(-G1 + R1, -G2 + R2),
        "you forgot to divide the accumulated gradients by m": nn.unroll(m * G1 + R1, m * G2 + R2),
        "wrong unroll order: W1's gradient comes first, then W2's, each row by row "
        "(concatenate([W1_grad.ravel(), W2_grad.ravel()]))": nn.unroll(right2, right1),
        "the gradients are unrolled column by column: use .ravel() (row by row), "
        "not order='F'": nn.unroll(right1.ravel(order="F"), right2.ravel(order="F")),
    }
    if lambda_ > 0:
        variants.update({
            "you regularized the bias columns: leave column 0 of each gradient alone":
                nn.unroll(G1 + P1, G2 + P2),
            "you regularized the bias column of W1's gradient: leave its column 0 alone, "
            "as you did for W2": nn.unroll(G1 + P1, right2),
            "you regularized the bias column of W2's gradient: leave its column 0 alone, "
            "as you did for W1": nn.unroll(right1, G2 + P2),
            "the regularization of the gradient is lambda / m times the weights, "
            "you used lambda / (2 m)": nn.unroll(G1 + R1 / 2, G2 + R2 / 2),
            "the regularization term of the gradient is missing (+ lambda / m * W, "
            "bias column excepted)": nn.unroll(G1, G2),
        })
    return variants


def without_bias(W):
    """Return a copy of W with its bias column (column 0) set to zero."""
    W = W.copy()
    W[:, 0] = 0.0
    return W


def W1_gradient_with_slope(W1, W2, X, y, slope):
    """Return W1's unregularized gradient when delta2 takes slope(z2, a2) as the sigmoid's slope."""
    z2, a2, z3 = nn.forward_pass(W1, W2, X)
    delta3 = nn.sigmoid(z3) - nn.one_hot(y, W2.shape[0])   # (m, labels)
    delta2 = (delta3 @ W2[:, 1:]) * slope(z2, a2)          # (m, labels) x (labels, hidden)
    return delta2.T @ nn.add_bias(X) / len(y)              # (hidden, m) x (m, 1 + inputs)


def check_backprop(impl, lambda_):
    """Return a success line if grad is the library's, 3-5-3 network, else raise a Mistake."""
    sizes, W1, W2, X, y = gradcheck.debug_problem()
    params = nn.unroll(W1, W2)
    result = impl.nn_cost_function(params.copy(), *sizes, X.copy(), y.copy(), lambda_)
    if not isinstance(result, tuple) or len(result) != 2:
        raise Mistake("nn_cost_function should return the pair (J, grad)")
    grad = as_array("grad", result[1], params.shape)
    expected = nn.nn_cost_function(params, *sizes, X, y, lambda_)[1]
    difference = gradcheck.relative_difference(grad, expected)
    if difference < gradcheck.TOLERANCE:
        return (f"matches the reference on the 3-5-3 network, lambda {lambda_:g} "
                f"(relative difference {difference:.1e})")
    untouched("grad", grad)
    name_the_mistake(grad, expected, f"grad with lambda {lambda_:g}",
                     list(gradient_variants(W1, W2, X, y, lambda_).items()))


def delta2_hint(error):
    """Return the hint for a shape error of backpropagation ("" for another error)."""
    if matmul_sizes(error) or "shape" in str(error) or "broadcast" in str(error):
        return "hint: delta2 has one column per hidden unit: drop W2's bias column, W2[:, 1:]"
    return ""


PARTS = (
    Part(LESSON, "5.1", "sigmoid_gradient", ("sigmoid_gradient",), check_sigmoid_gradient),
    Part(LESSON, "5.2", "rand_initialize_weights", ("rand_initialize_weights",),
         check_rand_initialize_weights),
    Part(LESSON, "5.3", "backpropagation", ("nn_cost_function",),
         lambda impl: check_backprop(impl, 0.0), delta2_hint,
         needs=("5.1",)),
    Part(LESSON, "5.4", "regularized gradient", ("nn_cost_function",),
         lambda impl: check_backprop(impl, 3.0), delta2_hint,
         needs=("5.3",)),
)
