"""Typical mistakes of lesson 1, for tests/test_grading.py."""
import numpy as np


def row_to_image(x):
    return x.reshape(20, 20, order="F")  # MATLAB habit


def tile_images(X, rows, cols, pad=1):
    step = 20 + pad
    grid = np.full((pad + rows * step, pad + cols * step), np.nan)
    for k, x in enumerate(X):  # filled column by column
        top, left = pad + (k % rows) * step, pad + (k // rows) * step
        grid[top:top + 20, left:left + 20] = x.reshape(20, 20)
    return grid
