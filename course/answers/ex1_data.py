"""Answers to lesson 1: see a row of 400 numbers as the digit it is."""

import numpy as np

SIDE = 20  # a digit is SIDE x SIDE pixels


def row_to_image(x):
    """Return one digit's 400 pixels as its upright 20x20 image."""
    return np.reshape(x, (SIDE, SIDE))  # row-major, numpy's default: pixel k at (k // 20, k % 20)


def tile_images(X, rows, cols, pad=1):
    """Return one 2-D image with the digits of X laid out on a rows x cols grid, gaps NaN."""
    step = SIDE + pad
    grid = np.full((pad + rows * step, pad + cols * step), np.nan)
    for k, x in enumerate(X):
        top = pad + (k // cols) * step   # digit k: grid row k // cols
        left = pad + (k % cols) * step   #          grid column k % cols
        grid[top:top + SIDE, left:left + SIDE] = row_to_image(x)
    return grid
