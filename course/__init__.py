"""digits-course: a two-layer network learns to read handwritten digits.

The modules, from the programs down to the foundations, are listed in
docs/reference.md. This file holds only what every layer shares: the class of
the errors that a user's input causes, and the scikit-learn estimator, imported
on first use.
"""


class CourseError(ValueError):
    """A bad input from the user (a file, an argument, a value): its message names it.

    The programs report it as one line, without a traceback; any other
    exception is a bug and shows its traceback.
    """


def __getattr__(name):
    """Return course.NeuralNetworkClassifier, imported on first use (it needs scikit-learn)."""
    if name == "NeuralNetworkClassifier":
        from course.estimator import NeuralNetworkClassifier
        return NeuralNetworkClassifier
    raise AttributeError(f"module 'course' has no attribute {name!r}")
