"""Gradient checking: compare backpropagation with central differences.

    python -m course.gradcheck                  # the package's backpropagation, side by side
    python -m course.gradcheck --impl exercises # yours, from exercises/ex5_backprop.py
"""

import sys

import numpy as np

from course.cli import ArgumentParser, non_negative_float, run_reporting_errors
from course.impl import add_impl_argument, learners_functions
from course.nn import nn_cost_function, reshape_params, unroll


TOLERANCE = 1e-9  # a right backpropagation differs from central differences by less than this


def debug_initialize_weights(fan_out, fan_in):
    """Return fixed weights of shape (fan_out, 1 + fan_in): sin(1), sin(2), ... / 10, row by row."""
    count = fan_out * (1 + fan_in)
    return np.sin(np.arange(1, count + 1)).reshape(fan_out, 1 + fan_in) / 10


def debug_problem():
    """Return the gradient check's fixed problem: sizes (3, 5, 3), W1, W2, X (5, 3), y [1 2 0 1 2].

    A 3-5-3 network on 5 examples, weights and inputs from debug_initialize_weights.
    """
    input_layer_size, hidden_layer_size, num_labels, m = 3, 5, 3, 5
    W1 = debug_initialize_weights(hidden_layer_size, input_layer_size)  # (5, 4)
    W2 = debug_initialize_weights(num_labels, hidden_layer_size)        # (3, 6)
    X = debug_initialize_weights(m, input_layer_size - 1)               # (5, 3)
    y = np.arange(1, m + 1) % num_labels                                # [1 2 0 1 2]
    return (input_layer_size, hidden_layer_size, num_labels), W1, W2, X, y


def compute_numerical_gradient(J, theta, epsilon=1e-4):
    """Return the central-difference gradient of J at theta, (J(t + e) - J(t - e)) / 2e per element.

    J takes a vector like theta and returns the cost (or a tuple whose first
    element is the cost, such as the (J, grad) of nn_cost_function).
    """
    theta = np.asarray(theta, dtype=np.float64)
    numgrad = np.zeros_like(theta)
    perturb = np.zeros_like(theta)
    for i in range(theta.size):
        perturb[i] = epsilon
        numgrad[i] = (_cost(J, theta + perturb) - _cost(J, theta - perturb)) / (2 * epsilon)
        perturb[i] = 0.0
    return numgrad


def nn_gradients(lambda_=0.0, cost_function=nn_cost_function,
                 numerical=compute_numerical_gradient):
    """Return (numgrad, grad): the numerical and the backpropagation gradient on the 3-5-3 network.

    The fixture is debug_problem(), small and fixed. `cost_function` and
    `numerical` can be a learner's own.
    """
    sizes, W1, W2, X, y = debug_problem()

    def cost(params):
        return cost_function(params, *sizes, X, y, lambda_)

    nn_params = unroll(W1, W2)
    grad = np.asarray(cost(nn_params)[1], dtype=np.float64)
    numgrad = np.asarray(numerical(lambda params: _cost(cost, params), nn_params.copy()),
                         dtype=np.float64)
    return numgrad, grad


def relative_difference(numgrad, grad):
    """Return |numgrad - grad| / |numgrad + grad|: NaN when both are zero (the check cannot
    tell), infinite when one is minus the other (a sign flipped)."""
    with np.errstate(invalid="ignore", divide="ignore"):
        return float(np.linalg.norm(numgrad - grad) / np.linalg.norm(numgrad + grad))


def check_nn_gradients(lambda_=0.0, cost_function=nn_cost_function,
                       numerical=compute_numerical_gradient):
    """Return the relative difference between backprop and numerical gradients on a 3-5-3 network.

    A correct backpropagation gives a relative difference below TOLERANCE;
    NaN means both gradients are zero. `cost_function` and `numerical` can be
    a learner's own.
    """
    return relative_difference(*nn_gradients(lambda_, cost_function, numerical))


def weight_position(index, shapes):
    """Return (name, row, column): where element `index` of the unrolled vector sits in W1 or W2.

    shapes : the shapes of W1 and W2, e.g. ((5, 4), (3, 6))
    """
    (rows1, columns1), (_, columns2) = shapes
    if index < rows1 * columns1:
        return ("W1", *divmod(index, columns1))
    return ("W2", *divmod(index - rows1 * columns1, columns2))


def where_they_differ(numgrad, grad, sizes):
    """Return [(part, largest |difference|)] for W1's and W2's bias column and their other weights.

    sizes : (input_layer_size, hidden_layer_size, num_labels), as reshape_params takes them
    """
    parts = []
    for name, block in zip(("W1", "W2"), reshape_params(np.abs(numgrad - grad), *sizes)):
        parts.append((f"{name} bias column", float(block[:, 0].max())))  # column 0 the biases
        parts.append((f"{name} weights", float(block[:, 1:].max())))
    return parts


def gradient_table(numgrad, grad, shapes, parts, first=8, largest=5):
    """Return the lines of the side-by-side table: the first elements, the largest differences, where.

    As the original ex4 prints it: numerical and analytical gradient of each
    element, which weight it is (bias column or not), their difference; parts:
    where_they_differ's list, the largest difference in each part.
    """
    difference = np.abs(numgrad - grad)

    def row(i):
        name, r, c = weight_position(i, shapes)
        where = f"{name}[{r}, {c}]" + (" (bias)" if c == 0 else "")
        return f"  {where:16} {numgrad[i]:13.6e} {grad[i]:13.6e} {difference[i]:11.2e}"

    header = f"  {'element':16} {'numerical':>13} {'analytical':>13} {'difference':>11}"
    worst = np.argsort(-difference, kind="stable")[:largest]
    lines = [f"the first {first} of {len(grad)} elements:", header]
    lines += [row(i) for i in range(min(first, len(grad)))]
    lines += [f"the {largest} largest differences:", header]
    lines += [row(i) for i in worst]
    lines.append("largest difference in each part: " + ", ".join(
        f"{part} {value:.1e}" for part, value in parts))
    return lines


def gradient_report(lambda_, cost_function=nn_cost_function):
    """Return (relative difference, lines of the side-by-side table) of cost_function's gradient check."""
    numgrad, grad = nn_gradients(lambda_, cost_function)
    sizes, W1, W2, _, _ = debug_problem()
    parts = where_they_differ(numgrad, grad, sizes)
    difference = relative_difference(numgrad, grad)
    if difference < TOLERANCE:
        verdict = f"below {TOLERANCE:g}: backpropagation agrees with central differences"
    else:
        verdict = f"expected below {TOLERANCE:g}: " + diagnosis(parts)
    return difference, gradient_table(numgrad, grad, (W1.shape, W2.shape), parts) + [
        f"relative difference {difference:.1e}, {verdict}"]


def diagnosis(parts, agree=1e-7):
    """Return what the parts that differ by more than `agree` point at, from where_they_differ's list."""
    wrong = [part for part, largest in parts if largest > agree]
    if not wrong:
        return "the differences are small but not tiny: use epsilon 1e-4 and float64 throughout"
    if all(part.endswith("bias column") for part in wrong):
        return ("only the bias columns differ: the biases (column 0) are not regularized, and "
                "their gradient is the plain average of delta times 1")
    if not any(part.endswith("bias column") for part in wrong):
        return ("only the weights outside the bias columns differ: look at the regularization "
                "term (lambda / m) * W, bias column excluded")
    if all(part.startswith("W1") for part in wrong):
        return ("W2's gradient agrees, W1's does not: look at delta2 (W2 without its bias "
                "column, times sigmoid_gradient(z2))")
    return "both layers differ: look at delta3 = a3 - Y and at the averaging over m"


def main(argv=None):
    """Run course.gradcheck: print the side-by-side table; return the exit status."""
    parser = ArgumentParser(
        prog="python -m course.gradcheck",
        description="Gradient check on a small 3-5-3 network: backpropagation's gradient beside "
                    "central differences, element by element, as the original ex4 prints it. "
                    "Saves nothing; takes about a second.",
        epilog="example: python -m course.gradcheck --impl exercises --lambda 0")
    add_impl_argument(parser, "nn_cost_function to check", "ex5_backprop.py")
    parser.add_argument("--lambda", dest="lambda_", type=non_negative_float, default=3.0,
                        metavar="L", help="regularization strength lambda (default 3)")
    return run_reporting_errors(run, parser.parse_args(argv))


def run(args):
    """Print the gradient check of the package's or the learner's nn_cost_function; return 0 or 1."""
    cost_function, whose = nn_cost_function, "the package's nn_cost_function"
    if args.impl == "exercises":
        cost_function, = learners_functions("ex5_backprop", ["nn_cost_function"])
        whose = "your nn_cost_function (exercises/ex5_backprop.py)"
    print(f"gradient check of {whose} on a 3-5-3 network, lambda {args.lambda_:g}")
    difference, lines = gradient_report(args.lambda_, cost_function)
    print("\n".join(lines))
    return 0 if difference < TOLERANCE else 1


def _cost(J, theta):
    """Return the cost J(theta), taking the first element when J returns (cost, grad)."""
    value = J(theta)
    return float(value[0] if isinstance(value, tuple) else value)


if __name__ == "__main__":
    sys.exit(main())
