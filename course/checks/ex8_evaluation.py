"""The checks of lesson 8: evaluation."""

import numpy as np

from course import evaluate
from course.checks.common import Part, as_array, name_the_mistake, same, untouched

LESSON = 8


# Row sums (3, 3, 4) differ from column sums (3, 5, 2): recall and precision differ.
EVAL_TRUE = np.array([0, 0, 0, 1, 1, 2, 2, 2, 2, 1])
EVAL_PRED = np.array([0, 0, 1, 1, 1, 2, 2, 0, 1, 1])


def check_confusion_matrix(impl):
    """Return a success line if C[i, j] counts true i read as j, else raise a Mistake."""
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
    """Return a success line if it is each label's share read right, else raise a Mistake."""
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
        ("you divided by all the examples: divide each label's right answers by how many "
         "examples that label has (the row sums of C)", np.diag(C) / C.sum()),
    ])


PARTS = (
    Part(LESSON, "8.1", "confusion_matrix", ("confusion_matrix",), check_confusion_matrix),
    Part(LESSON, "8.2", "accuracy_per_class", ("accuracy_per_class",), check_accuracy_per_class,
         needs=("8.1",)),
)
