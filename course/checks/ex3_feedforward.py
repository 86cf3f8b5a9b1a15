"""The checks of lesson 3: feed-forward."""

import numpy as np

from course import nn
from course.checks.common import (Mistake, Part, as_array, digits, name_the_mistake, pretrained,
                                  same, shape_hint, untouched)

LESSON = 3


def check_feed_forward(impl):
    """Return a success line if a3 is the library's, 50 digits, else raise a Mistake."""
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
        ("the hidden layer has no bias unit: a2 = [1, g(z2)] gets a column of ones in front, "
         "which column 0 of W2 (the output biases) multiplies; do not drop that column of W2",
         nn.sigmoid(nn.sigmoid(nn.forward_pass(W1, W2, X)[0]) @ W2[:, 1:].T)),
        ("the input layer has no bias unit: a1 = [1, X] gets a column of ones in front, "
         "which column 0 of W1 (the hidden biases) multiplies",
         nn.sigmoid(nn.add_bias(nn.sigmoid(X @ W1[:, 1:].T)) @ W2.T)),
    ])


def check_predict(impl):
    """Return a success line if the labels are the library's, else raise a Mistake."""
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


PARTS = (
    Part(LESSON, "3.1", "feed_forward", ("feed_forward",), check_feed_forward, shape_hint),
    Part(LESSON, "3.2", "predict", ("predict",), check_predict, shape_hint, needs=("3.1",)),
)
