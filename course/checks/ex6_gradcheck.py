"""The checks of lesson 6: gradient checking."""

import numpy as np

from course import gradcheck
from course.checks.common import Mistake, Part, as_array, name_the_mistake, same, untouched

LESSON = 6


def check_numerical_gradient(impl):
    """Return a success line if it takes central differences, else raise a Mistake."""
    theta = np.array([1.0, -2.0, 0.5])

    def J(t):
        return float(np.sum(t ** 3) + t[0] * t[1])

    exact = 3 * theta ** 2 + np.array([theta[1], theta[0], 0.0])
    given = theta.copy()
    received = as_array("compute_numerical_gradient(J, theta)",
                        impl.compute_numerical_gradient(J, given), (3,))
    if not np.array_equal(given, theta):
        moved = np.flatnonzero(given != theta)
        raise Mistake(f"your compute_numerical_gradient changed theta and did not put it back: "
                      f"after the call theta[{moved[0]}] is {given[moved[0]]:.6f}, it was "
                      f"{theta[moved[0]]:.6f}; each element must be restored after its "
                      "difference (or work on a copy), else the next elements are measured "
                      "at the wrong point")
    if same(received, exact, rtol=1e-7):
        return "central differences, within 1e-7 of the exact gradient of a cubic"
    untouched("numgrad", received)
    e = 1e-4
    one_sided = np.array([(J(theta + e * u) - J(theta)) / e for u in np.eye(3)])
    not_reset = np.array([(J(theta + e * np.r_[np.ones(i + 1), np.zeros(2 - i)]) -
                           J(theta - e * np.r_[np.ones(i + 1), np.zeros(2 - i)])) / (2 * e)
                          for i in range(3)])
    error = received - exact
    if large_step(error):
        raise Mistake(f"the numerical gradient of a cubic: each value is off by the same "
                      f"{error[0]:.2g}, epsilon squared for a central difference: your step is "
                      f"about {np.sqrt(error[0]):.2g}; use the epsilon you are given (1e-4)")
    name_the_mistake(received, exact, "the numerical gradient of a cubic", [
        ("that is a one-sided difference (J(theta + e) - J(theta)) / e: use the central "
         "difference (J(theta + e) - J(theta - e)) / (2 e), far more accurate", one_sided),
        ("divide by 2 * epsilon, the distance between theta - e and theta + e", 2 * exact),
        ("set the perturbation back to 0 after each element: only one element may move "
         "at a time", not_reset),
    ], rtol=1e-6)


def large_step(error):
    """Return True when the errors of the cubic's central differences are one same epsilon squared > 1e-7."""
    return bool(error[0] > 1e-7 and np.allclose(error, error[0], rtol=1e-3))


def check_gradient_check(impl):
    """Return a success line if the network's gradient check passes, else raise a Mistake."""
    difference = gradcheck.check_nn_gradients(3.0, numerical=impl.compute_numerical_gradient)
    if difference < gradcheck.TOLERANCE:
        return (f"relative difference {difference:.1e} on the 3-5-3 network "
                f"(below {gradcheck.TOLERANCE:g})")
    raise Mistake(f"with your numerical gradient the relative difference is {difference:.1e}, "
                  f"expected below {gradcheck.TOLERANCE:g}: check the central difference on "
                  "each element")


PARTS = (
    Part(LESSON, "6.1", "compute_numerical_gradient", ("compute_numerical_gradient",),
         check_numerical_gradient),
    Part(LESSON, "6.2", "gradient check of the network", ("compute_numerical_gradient",),
         check_gradient_check, needs=("6.1",)),
)
