"""The digits course: a two-layer network that learns to read handwritten digits."""


def __getattr__(name):
    """Return course.NeuralNetworkClassifier, imported on first use (it needs scikit-learn)."""
    if name == "NeuralNetworkClassifier":
        from course.estimator import NeuralNetworkClassifier
        return NeuralNetworkClassifier
    raise AttributeError(f"module 'course' has no attribute {name!r}")
