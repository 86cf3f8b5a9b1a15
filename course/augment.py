"""More training digits from the ones we have: small random changes a writer could make."""

import numpy as np
from scipy import ndimage

from course.images import SIDE, picture_side

MAX_DEGREES = 12     # rotation, either way
SCALE_RANGE = 0.12   # 1 +- this
MAX_SHIFT = 1.5      # pixels, along each axis
NOISE = 0.03         # standard deviation of the added noise


def augment(X, copies, rng):
    """Return (copies * m, 400) changed copies of the digits X: rotated, scaled, shifted,
    strokes thickened or thinned, with a little noise; values stay in [0, 1].

    `rng` is a numpy Generator or a seed: the same seed, the same copies.
    """
    X = np.asarray(X, dtype=np.float64)
    if X.ndim != 2:
        raise ValueError(f"X: expected shape (m, {SIDE * SIDE}), got {X.shape}")
    side = picture_side("X", X.shape[1])
    if isinstance(copies, bool) or not isinstance(copies, (int, np.integer)) or copies < 0:
        raise ValueError(f"copies: expected a whole number >= 0, got {copies!r}")
    rng = np.random.default_rng(rng)
    images = np.tile(X, (copies, 1)).reshape(-1, side, side)
    changed = [change_digit(image, rng).ravel() for image in images]
    return np.array(changed).reshape(-1, side * side)  # (copies * m, 400), also when empty


def change_digit(image, rng):
    """Return one square picture (20x20 for a digit), changed a little at random.

    A small rotation, scaling and shift, strokes thickened or thinned, and noise.
    """
    angle = np.deg2rad(rng.uniform(-MAX_DEGREES, MAX_DEGREES))
    scale = rng.uniform(1 - SCALE_RANGE, 1 + SCALE_RANGE)
    shift = rng.uniform(-MAX_SHIFT, MAX_SHIFT, size=2)
    # affine_transform maps each output pixel o to the input pixel matrix @ o + offset:
    # the inverse of "rotate and scale about the centre, then shift".
    cos, sin = np.cos(angle), np.sin(angle)
    matrix = np.array([[cos, -sin], [sin, cos]]) / scale
    centre = (np.array(image.shape) - 1) / 2
    offset = centre - matrix @ (centre + shift)
    moved = ndimage.affine_transform(image, matrix, offset, order=1, mode="constant")
    stroke = rng.integers(3)
    if stroke == 1:    # thicker: each pixel takes some of its brightest neighbour's ink
        moved = np.maximum(moved, 0.7 * ndimage.grey_dilation(moved, size=(2, 2)))
    elif stroke == 2:  # thinner: the faint edges of the strokes fade
        moved = moved ** 1.8
    noisy = moved + rng.normal(0, NOISE, moved.shape)
    return np.clip(noisy, 0.0, 1.0)
