"""The checks of lesson 9: the fruit."""

import numpy as np

from course import fruit_data
from course.nn import add_bias, sigmoid
from course.checks.common import Mistake, Part, as_array, untouched

LESSON = 9


def check_hand_made_weights(impl):
    """Return a success line if 95% of 500 fruits are told right, else raise a Mistake."""
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
    X, y = fruit_data.make_fruit(500, seed=3)
    said = fruit_data.predict_hidden(W1, W2, X)
    right = np.mean(said == y)
    if right >= 0.95:
        return f"{100 * right:.0f}% of 500 fruits told right by two hidden units made by hand"
    if right <= 0.05:
        raise Mistake(f"{100 * right:.0f}% right: safe and poisonous are swapped; row 1 of W2 "
                      "is the output 'poisonous'")
    called = (f"every fruit is called {fruit_data.CLASSES[said[0]]}: "
              if np.all(said == said[0]) else f"{100 * right:.0f}% right: ")
    if not np.any(W2[:, 1:]):
        raise Mistake(f"{called}the outputs do not depend on the hidden units; give W2 "
                      "weights on them")
    a2 = sigmoid(add_bias(fruit_data.scale(X)) @ W1.T)  # (500, 2) the hidden units' outputs
    if a2.min() > 0.02 and a2.max() < 0.98:
        raise Mistake(f"{called}your sigmoids are soft: the hidden units' outputs stay between "
                      f"{a2.min():.2f} and {a2.max():.2f}, never near 0 or 1; multiply every "
                      "weight by 20 or so (tens, not ones): the lines stay where they are and "
                      "each sigmoid becomes nearly a step")
    edges = [which_edge(a2[:, k] > 0.5, X) for k in range(2)]
    if edges == ["upper", "lower"]:
        raise Mistake(f"{called}hidden unit 1 fires above the band's upper edge and unit 2 "
                      "above its lower edge, the other way round from what your W2 reads: "
                      "swap the two hidden units (the rows of W1), or the weights W2 gives them")
    if None in edges:
        unit = edges.index(None) + 1
        raise Mistake(f"{called}hidden unit {unit} fires on neither edge of the band: it "
                      "changes side on the line b + w1 x1 + w2 x2 = 0, which should be one edge, "
                      "x2 - x1 = -0.4 or +0.4 on the scaled inputs; check your row of W1 on two "
                      "points of that edge (it should give 0 on both) and on a point inside "
                      "the band (the sign you want there)")
    raise Mistake(f"{100 * right:.0f}% of 500 fruits right, expected at least 95%: a band needs "
                  "two edges, one hidden unit for each (x2 - x1 = -0.4 and x2 - x1 = 0.4), "
                  "and poisonous = unit 1 on and unit 2 off")


def which_edge(fires, X):
    """Return "lower" or "upper": the edge of the band above which a unit fires, or None."""
    scaled = fruit_data.scale(X)
    difference = scaled[:, 1] - scaled[:, 0]  # x2 - x1: the band is -0.4 < x2 - x1 < 0.4
    for name, edge in (("lower", -0.4), ("upper", 0.4)):
        if np.mean(fires == (difference > edge)) > 0.98:
            return name
    return None


PARTS = (
    Part(LESSON, "9.1", "a hidden layer by hand", ("hand_made_weights",), check_hand_made_weights),
)
