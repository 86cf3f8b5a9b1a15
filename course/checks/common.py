"""What every lesson's checks share: the Part, the Mistake, and helpers that name mistakes."""

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

import numpy as np

from course.datasets import load_split
from course.learner import Mistake, as_array, untouched  # noqa: F401 (the lessons' checks use them)
from course.paths import PRETRAINED
from course.weights import load_weights


@dataclass(frozen=True)
class Part:
    """One graded part of a lesson."""

    lesson: int
    number: str                     # "4.2"
    name: str                       # what the learner writes
    functions: tuple                # the functions of the lesson it calls
    check: Callable                 # check(impl) -> success line, or raises Mistake
    error_hint: object = ""         # said after an error raised by the learner's code: a
                                    # text, or a function of the error giving one ("" for none)
    points: int = 10
    seconds: float = 60.0           # time limit
    needs: tuple = ()               # parts whose functions this one calls ("3.1",)

    def hint(self, error):
        """Return the hint for an error the learner's code raised ("" when none fits)."""
        return self.error_hint(error) if callable(self.error_hint) else self.error_hint


def as_number(name, value):
    """Return value as a float after checking it is one finite number."""
    array = np.asarray(value, dtype=np.float64) if np.ndim(value) == 0 else None
    if array is None:
        raise Mistake(f"{name} should be one number, got shape {np.shape(value)}: "
                      "did you forget np.sum?")
    return float(as_array(name, array, ()))


def same(a, b, rtol=1e-6, atol=1e-9):
    """Return True when two numbers or arrays agree to rtol."""
    return np.shape(a) == np.shape(b) and np.allclose(a, b, rtol=rtol, atol=atol)


def name_the_mistake(received, expected, what, candidates, rtol=1e-6):
    """Raise a Mistake naming the first candidate mistake whose answer equals `received`.

    When none does, the Mistake says where the first difference is.
    """
    for hint, answer in candidates:
        if same(received, answer, rtol=rtol):
            raise Mistake(f"{what}: {hint}")
    raise Mistake(f"{what}: {first_difference(received, expected, rtol)}")


def first_difference(received, expected, rtol=1e-6):
    """Return where two arrays of one shape first differ, e.g. "at [2, 0]: expected 4, got 3"."""
    received, expected = np.asarray(received), np.asarray(expected)
    if received.ndim == 0 or received.shape != expected.shape:
        return f"expected {format_value(expected)}, got {format_value(received)}"
    differ = ~np.isclose(received, expected, rtol=rtol, atol=1e-9)
    where = tuple(int(i) for i in np.argwhere(differ)[0])
    index = ", ".join(map(str, where))
    return (f"{int(differ.sum())} of {differ.size} values are wrong, the first at [{index}]: "
            f"expected {format_value(expected[where])}, got {format_value(received[where])}")


def format_value(value):
    """Return a short text for a number or the first values of an array; whole numbers without decimals."""
    array = np.asarray(value)
    whole = array.size > 0 and np.all(np.isfinite(array)) and np.all(array == np.round(array))
    text = (lambda v: f"{int(v)}") if whole else (lambda v: f"{v:.6f}")
    if array.ndim == 0:
        return text(float(array))
    flat = " ".join(text(v) for v in array.ravel()[:4])
    return f"[{flat}{' ...' if array.size > 4 else ''}]"


def matmul_sizes(error):
    """Return the two sizes a matmul error says do not fit, (size, other) or None for another error."""
    found = re.search(r"size (\d+) is different from (\d+)", str(error))
    return (int(found.group(1)), int(found.group(2))) if found else None


def shape_hint(error):
    """Return the hint for a shape error of feed-forward: a transpose, or a column of ones missing."""
    sizes = matmul_sizes(error)
    if sizes is not None and abs(sizes[0] - sizes[1]) != 1:
        return ("hint: W1 is (25, 401), one row per hidden unit: z2 = a1 @ W1.T, (m, 401) "
                "times (401, 25); without the .T the sizes do not fit")
    if sizes is not None or "shape" in str(error) or "broadcast" in str(error):
        return SHAPE_HINT
    return ""


@lru_cache(maxsize=None)
def digits():
    """Return the split of the shipped digits (loaded once per process)."""
    return load_split()


@lru_cache(maxsize=None)
def pretrained():
    """Return the shipped pretrained weights (W1, W2)."""
    return load_weights(PRETRAINED)


SHAPE_HINT = ("hint: print the shapes; each layer gets a column of ones in front: "
              "a1 = [1, X] is (m, 401) and a2 = [1, g(z2)] is (m, 26)")
