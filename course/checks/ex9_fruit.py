"""The checks of lesson 9: the fruit."""

import numpy as np

from course import fruit_data
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
    if np.all(said == 0) or np.all(said == 1):
        raise Mistake(f"every fruit is called {fruit_data.CLASSES[said[0]]}: the outputs do not "
                      "depend on the hidden units; give W2 weights on them")
    raise Mistake(f"{100 * right:.0f}% of 500 fruits right, expected at least 95%: a band needs "
                  "two edges, one hidden unit for each (x2 - x1 = -0.4 and x2 - x1 = 0.4), "
                  "and poisonous = unit 1 on and unit 2 off")


PARTS = (
    Part(LESSON, "9.1", "a hidden layer by hand", ("hand_made_weights",), check_hand_made_weights),
)
