"""The checks of lesson 1: the data."""

import numpy as np

from course.checks.common import Mistake, Part, as_array, format_value, same, untouched
from course.tiles import tile_images

LESSON = 1


def check_row_to_image(impl):
    """Return a success line if pixel k is at (k // 20, k % 20), else raise a Mistake."""
    x = np.arange(400) / 400.0
    image = as_array("row_to_image(x)", impl.row_to_image(x), (20, 20))
    untouched("row_to_image(x)", image)
    expected = x.reshape(20, 20)
    if same(image, expected):
        return "pixel k lands at row k // 20, column k % 20: the digit stands upright"
    if same(image, expected.T):
        raise Mistake("your image is the digit's transpose (lying on its side): the pixels "
                      "are stored row by row, so x.reshape(20, 20) is upright; drop "
                      "order='F' or the .T")
    if same(image, expected[:, ::-1]):
        raise Mistake("your image is mirrored left to right: pixel k belongs at column k % 20, "
                      "counted from the left; drop the [:, ::-1]")
    if same(image, expected[::-1]):
        raise Mistake("your image is upside down: pixels 0..19 are the top row; drop the [::-1]")
    raise Mistake("pixel k of the row should land at row k // 20, column k % 20; "
                  f"image[0, :3] is {format_value(image[0, :3])}, expected "
                  f"{format_value(expected[0, :3])}")


def check_tile_images(impl):
    """Return a success line if 7 digits sit on a 2 x 4 grid, gaps NaN, else raise a Mistake."""
    X = np.random.default_rng(1).random((7, 400))
    rows, cols, pad = 2, 4, 1
    shape = (pad + rows * (20 + pad), pad + cols * (20 + pad))
    received = impl.tile_images(X, rows, cols, pad)
    received = np.asarray(received, dtype=np.float64)
    if received.shape != shape:
        raise Mistake(f"tile_images(X, 2, 4, pad=1) should have shape {shape} "
                      f"(pad + rows * (20 + pad), pad + cols * (20 + pad)), got {received.shape}")
    expected = tile_images(X, rows, cols, pad)
    if np.array_equal(np.isnan(received), np.isnan(expected)) and \
            np.allclose(received[~np.isnan(received)], expected[~np.isnan(expected)]):
        return "7 digits on a 2 x 4 grid, gaps and the empty place left as NaN"
    untouched("tile_images(...)", np.nan_to_num(received))
    if np.allclose(np.nan_to_num(received), np.nan_to_num(expected)):
        raise Mistake("the tiles are right but the gaps are not NaN: start from "
                      "np.full(shape, np.nan) so the figures draw the gaps gray")
    transposed = tile_images(X.reshape(-1, 20, 20).transpose(0, 2, 1).reshape(-1, 400),
                                     rows, cols, pad)
    if np.allclose(np.nan_to_num(received), np.nan_to_num(transposed)):
        raise Mistake("each tile is the transpose of its digit: place "
                      "x.reshape(20, 20) as it is (see row_to_image)")
    column_order = _tile_column_by_column(X, rows, cols, pad)
    if np.allclose(np.nan_to_num(received), np.nan_to_num(column_order)):
        raise Mistake("you filled the grid column by column: digit k goes to grid row "
                      "k // cols, grid column k % cols")
    raise Mistake("digit k should sit at rows pad + (k // cols) * (20 + pad) and columns "
                  "pad + (k % cols) * (20 + pad), 20 pixels each way; the first tile "
                  "differs")


def _tile_column_by_column(X, rows, cols, pad):
    """Return the grid a learner gets by filling it column by column (a typical mistake)."""
    step = 20 + pad
    grid = np.full((pad + rows * step, pad + cols * step), np.nan)
    for k, x in enumerate(X):
        top, left = pad + (k % rows) * step, pad + (k // rows) * step
        grid[top:top + 20, left:left + 20] = x.reshape(20, 20)
    return grid


PARTS = (
    Part(LESSON, "1.1", "row_to_image", ("row_to_image",), check_row_to_image),
    Part(LESSON, "1.2", "tile_images", ("tile_images",), check_tile_images, needs=("1.1",)),
)
