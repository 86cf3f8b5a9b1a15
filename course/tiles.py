"""Rows of pixels as pictures: one upright square image, or many on a grid (lesson 1)."""

import numpy as np

from course import CourseError

from course.images import SIDE, picture_side


def row_to_image(x):
    """Return one example's pixels as its upright square image: 400 pixels give 20x20 (row-major)."""
    x = np.asarray(x)
    if x.ndim != 1:
        raise CourseError(f"x: expected one row of pixels, got shape {x.shape}")
    side = picture_side("x", x.size)
    return x.reshape(side, side)


def tile_images(X, rows, cols, pad=1):
    """Return one 2-D image with the rows of X laid out as a rows x cols grid of square tiles.

    Tiles are separated by `pad` pixels of NaN, which the figures draw gray;
    places with no example left stay NaN too.
    """
    X = np.asarray(X, dtype=np.float64)
    if X.ndim != 2:
        raise CourseError(f"X: expected shape (m, {SIDE * SIDE}), got {X.shape}")
    side = picture_side("X", X.shape[1])
    if len(X) > rows * cols:
        raise CourseError(f"X: {len(X)} examples do not fit a {rows} x {cols} grid")
    step = side + pad
    grid = np.full((pad + rows * step, pad + cols * step), np.nan)
    for k, x in enumerate(X):
        top, left = pad + (k // cols) * step, pad + (k % cols) * step
        grid[top:top + side, left:left + side] = row_to_image(x)
    return grid
