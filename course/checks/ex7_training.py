"""The checks of lesson 7: training."""

import numpy as np

from course import nn
from course.checks.common import Mistake, Part, as_array, digits, matmul_sizes, untouched

LESSON = 7


def check_train(impl):
    """Return a success line if 80% of held-out digits are read right, else raise a Mistake."""
    X_train, y_train, X_test, y_test = digits()
    X, y = X_train[::4], y_train[::4]  # 1000 digits, 100 of each label
    result = impl.train(X.copy(), y.copy(), hidden_layer_size=25, lambda_=1.0, maxiter=30, seed=0,
                        cost_function=nn.nn_cost_function)
    if isinstance(result, np.ndarray) and result.shape == (25 * 401 + 10 * 26,):
        raise Mistake("train returned the unrolled vector: reshape result.x into W1 (25, 401) "
                      "and W2 (10, 26) with reshape_params")
    if not hasattr(result, "W1") and (not isinstance(result, tuple) or len(result) != 2):
        raise Mistake(f"train should return the pair (W1, W2), got {type(result).__name__} of "
                      f"shape {np.shape(result)}")
    W1, W2 = (result.W1, result.W2) if hasattr(result, "W1") else result
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


def training_hint(error):
    """Return the hint that fits an error raised while training ("" when none does)."""
    if "scalar" in str(error):  # minimize took (J, grad) for the cost alone
        return "hint: nn_cost_function returns (J, grad): pass jac=True to minimize"
    if "nn_params" in str(error) or matmul_sizes(error):
        return ("hint: W1 should be (25, 401) and W2 (10, 26): rand_initialize_weights(l_in, "
                "l_out, rng) takes the size of the layer it reads from first, then the size of "
                "the layer it feeds, and returns (l_out, 1 + l_in)")
    return ""


PARTS = (
    Part(LESSON, "7.1", "train with L-BFGS-B", ("train",), check_train,
         training_hint, seconds=120),
)
