"""Figures of digits, hidden units, training costs and predictions, saved under plots/.

Figures are made with matplotlib's Figure class rather than pyplot, so they
need no screen and no global state; `course.display --show` opens them.
"""

import io
from pathlib import Path

import numpy as np
from matplotlib import colormaps
from matplotlib.figure import Figure

from course.data import PLOTS_DIR, write_atomic
from course.images import SIDE

GAP_COLOR = "#808080"  # the gray lines between tiles


def row_to_image(x):
    """Return one example of 400 pixels as its upright 20x20 image (row-major)."""
    x = np.asarray(x)
    if x.shape != (SIDE * SIDE,):
        raise ValueError(f"x: expected {SIDE * SIDE} pixels, got shape {x.shape}")
    return x.reshape(SIDE, SIDE)


def tile_images(X, rows, cols, pad=1):
    """Return one 2-D image with the rows of X laid out as a rows x cols grid of 20x20 tiles.

    Tiles are separated by `pad` pixels of NaN, which the figures draw gray;
    places with no example left stay NaN too.
    """
    X = np.asarray(X, dtype=np.float64)
    if X.ndim != 2 or X.shape[1] != SIDE * SIDE:
        raise ValueError(f"X: expected shape (m, {SIDE * SIDE}), got {X.shape}")
    if len(X) > rows * cols:
        raise ValueError(f"X: {len(X)} examples do not fit a {rows} x {cols} grid")
    step = SIDE + pad
    grid = np.full((pad + rows * step, pad + cols * step), np.nan)
    for k, x in enumerate(X):
        top, left = pad + (k // cols) * step, pad + (k % cols) * step
        grid[top:top + SIDE, left:left + SIDE] = row_to_image(x)
    return grid


def digits_figure(X, title):
    """Return a figure of the digits X (m <= 100) in a square grid, ink white on black."""
    side = int(np.ceil(np.sqrt(len(X))))
    fig = Figure(figsize=(6, 6.4), layout="constrained")
    _show_grid(fig.add_subplot(), tile_images(X, side, side), "gray", 0.0, 1.0)
    fig.suptitle(title)
    return fig


def hidden_units_figure(W1, title):
    """Return a figure of each hidden unit's 400 input weights drawn as a 20x20 image."""
    W = np.asarray(W1)[:, 1:]  # (hidden, 400): the bias column is not a pixel
    W = W / np.abs(W).max(axis=1, keepdims=True)  # each unit scaled to [-1, 1]
    side = int(np.ceil(np.sqrt(len(W))))
    fig = Figure(figsize=(6, 6.6), layout="constrained")
    ax = fig.add_subplot()
    image = _show_grid(ax, tile_images(W, side, side), "RdBu_r", -1.0, 1.0)
    fig.colorbar(image, ax=ax, shrink=0.6,
                 label="weight (each unit scaled by its largest |weight|)")
    fig.suptitle(title)
    return fig


def cost_figure(costs, title):
    """Return a figure of the training cost against the L-BFGS-B iteration."""
    fig = Figure(figsize=(6.5, 4.2), layout="constrained")
    ax = fig.add_subplot()
    ax.plot(np.arange(len(costs)), costs, marker=".", markersize=4)
    ax.set_yscale("log")
    ax.set_xlabel("L-BFGS-B iteration")
    ax.set_ylabel("cost J (log scale)")
    ax.grid(True, which="both", alpha=0.3)
    ax.set_title(title)
    return fig


def prediction_figure(x, probabilities, title):
    """Return a figure of one digit beside the bar chart of its ten probabilities."""
    fig = Figure(figsize=(8, 3.6), layout="constrained")
    ax_digit, ax_bars = fig.subplots(1, 2, width_ratios=(1, 1.6))
    ax_digit.imshow(row_to_image(x), cmap="gray", vmin=0.0, vmax=1.0)
    ax_digit.set_axis_off()
    best = int(np.argmax(probabilities))
    colors = ["tab:orange" if label == best else "tab:blue" for label in range(10)]
    ax_bars.bar(np.arange(10), probabilities, color=colors)
    ax_bars.set_xticks(np.arange(10))
    ax_bars.set_ylim(0, 1)
    ax_bars.set_xlabel("digit")
    ax_bars.set_ylabel("probability")
    fig.suptitle(title)
    return fig


def save_figure(fig, name, folder=None):
    """Save `fig` as PNG file `name` in `folder` (default plots/) and return its path."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=100)
    return write_atomic(Path(folder or PLOTS_DIR) / name, buffer.getvalue())


def _show_grid(ax, grid, cmap, vmin, vmax):
    """Draw a tiled grid on ax, NaN gaps in gray, and return the image artist."""
    cmap = colormaps[cmap].with_extremes(bad=GAP_COLOR)
    image = ax.imshow(grid, cmap=cmap, vmin=vmin, vmax=vmax, interpolation="nearest")
    ax.set_axis_off()
    return image
