"""Lesson 1: the data. See a row of 400 numbers as the digit it is.

Each digit in data/digits.npz is a row of 400 pixel values in [0, 1], ink
bright on a dark background, stored row by row (row-major). Check your answers:

    python -m course.grade 1        or        python -m pytest exercises -k lesson1-

When yours passes, read the textbook answer: course/answers/ex1_data.py.
"""

import numpy as np

SIDE = 20  # a digit is SIDE x SIDE pixels


def row_to_image(x):
    """Return one digit's 400 pixels as its upright 20x20 image.

    Parameters
    ----------
    x : (400,) pixel values, row by row: pixels 0..19 are the top row

    Returns
    -------
    image : (20, 20), image[r, c] the pixel at row r (top to bottom), column c
    """
    image = np.zeros((SIDE, SIDE))
    # ========================= YOUR CODE HERE =========================
    # Put pixel k of x at row k // 20, column k % 20. One numpy call does it.

    # ==================================================================
    return image


def tile_images(X, rows, cols, pad=1):
    """Return one 2-D image with the digits of X laid out on a rows x cols grid.

    Parameters
    ----------
    X : (m, 400) digits, m <= rows * cols
    rows, cols : size of the grid
    pad : pixels between the tiles and around the border

    Returns
    -------
    grid : (pad + rows * (20 + pad), pad + cols * (20 + pad)). Digit k sits at
        grid row k // cols, grid column k % cols: its top-left pixel is at
        (pad + (k // cols) * (20 + pad), pad + (k % cols) * (20 + pad)).
        Gaps, and places with no digit left, are NaN: the figures draw them gray.
    """
    step = SIDE + pad
    grid = np.zeros((pad + rows * step, pad + cols * step))
    # ========================= YOUR CODE HERE =========================
    # Start from a grid full of NaN (np.full), then copy each digit's 20x20
    # image (row_to_image) into its place with slicing: grid[top:top + 20, ...].

    # ==================================================================
    return grid
