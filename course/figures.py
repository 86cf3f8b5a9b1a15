"""Figures of digits, hidden units, training costs and predictions, saved under plots/.

Figures are made with matplotlib's Figure class rather than pyplot, so they
need no screen and no global state; `course.display --show` opens them.
"""

import io
import os
import sys
from pathlib import Path

import numpy as np

# matplotlib refuses to be imported at all when MPLBACKEND names a backend it does not
# know, though saving PNG files needs none: the variable is set aside while matplotlib is
# imported, and given back to it (use_backend) if it knows the name.
_BACKEND = os.environ.pop("MPLBACKEND", None)

from matplotlib import colormaps, rcParams  # noqa: E402
from matplotlib.colors import LinearSegmentedColormap  # noqa: E402,F401 (for course.fruit)
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402

from course.datasets import DIGIT_CLASSES  # noqa: E402
from course.files import write_atomic  # noqa: E402
from course.paths import PLOTS_DIR  # noqa: E402
from course.tiles import row_to_image, tile_images  # noqa: E402

GAP_COLOR = "#808080"  # the gray lines between tiles


def use_backend(name):
    """Return True after giving matplotlib the backend `name`; False when it knows no such one."""
    try:
        rcParams["backend"] = name
    except ValueError:
        return False
    os.environ["MPLBACKEND"] = name  # as it was, for the programs this one starts
    return True


if _BACKEND and not use_backend(_BACKEND):  # an empty one is no choice, as for matplotlib
    print(f"note: MPLBACKEND={_BACKEND!r} is not a backend matplotlib knows: ignored (the "
          "figures are saved as PNG files all the same)", file=sys.stderr)


def digits_figure(X, title, tile=tile_images):
    """Return a figure of the pictures X (m <= 100) in a square grid, ink white on black.

    tile : the function that lays them out, tile(X, rows, cols): tile_images, or
        the learner's own (display --impl exercises)
    """
    side = int(np.ceil(np.sqrt(len(X))))
    fig = Figure(figsize=(6, 6.4), layout="constrained")
    _show_grid(fig.add_subplot(), tile(X, side, side), "gray", 0.0, 1.0)
    fig.suptitle(title)
    return fig


def hidden_units_figure(W1, title):
    """Return a figure of each hidden unit's input weights drawn as a picture (20x20 for digits)."""
    W = np.asarray(W1)[:, 1:]  # (hidden, 400): the bias column is not a pixel
    largest = np.abs(W).max(axis=1, keepdims=True)
    W = W / np.where(largest > 0, largest, 1.0)  # each unit scaled to [-1, 1]
    side = int(np.ceil(np.sqrt(len(W))))
    grid = tile_images(W, int(np.ceil(len(W) / side)), side)  # no row left empty
    # At least one dot of the saved figure (100 per inch) per pixel of the grid, so that
    # no row of a wide layer's grid is dropped; the axes take about 60% of the width.
    width = max(6.0, grid.shape[1] / 100 / 0.6)
    fig = Figure(figsize=(width, 1.1 * width), layout="constrained")
    ax = fig.add_subplot()
    image = _show_grid(ax, grid, "RdBu_r", -1.0, 1.0)
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
    ax.set_xlabel("L-BFGS-B iteration (0: the starting weights)")
    ax.set_ylabel("cost J (log scale)")
    ax.grid(True, which="both", alpha=0.3)
    ax.set_title(title)
    return fig


def prediction_figure(x, probabilities, title, classes=DIGIT_CLASSES):
    """Return a figure of one picture beside the bar chart of its ten probabilities."""
    fig = Figure(figsize=(8, 3.6), layout="constrained")
    ax_digit, ax_bars = fig.subplots(1, 2, width_ratios=(1, 1.6))
    _show_picture(ax_digit, row_to_image(x))
    _probability_bars(ax_bars, probabilities, classes)
    fig.suptitle(title)
    return fig


def has_screen():
    """Return True when matplotlib has a window to show figures in (an interactive backend)."""
    import matplotlib

    return matplotlib.get_backend().lower() not in ("agg", "pdf", "ps", "svg", "cairo",
                                                    "template")


def figure_name(dataset, name):
    """Return a figure's file name: plain for the digits, prefixed for another data set."""
    return name if dataset == "digits" else f"{dataset}_{name}"


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


def picture_figure(picture, x, probabilities, title, kept=None, dropped=None):
    """Return a figure of a picture, beside the 20x20 digit the network saw and its probabilities.

    kept, dropped: (rows, cols) masks of the picture's writing that was kept and
    of the marks that were dropped (the desk, page edges, specks, print, a ring); when
    given, a panel shows them: kept in white, dropped in red.
    """
    found = kept is not None
    fig = Figure(figsize=(13 if found else 10, 3.6), layout="constrained")
    ratios = (1.2, 1.2, 1, 1.4) if found else (1.2, 1, 1.4)
    axes = fig.subplots(1, len(ratios), width_ratios=ratios)
    _show_picture(axes[0], picture, "the picture")
    if found:
        _show_picture(axes[1], found_image(kept, dropped), "kept (white), dropped (red)")
    _show_picture(axes[-2], row_to_image(x), "what the network saw")
    _probability_bars(axes[-1], probabilities)
    fig.suptitle(title)
    return fig


def found_image(kept, dropped):
    """Return an RGB image (rows, cols, 3) of the writing kept (white) and the marks dropped (red)."""
    image = np.repeat(np.clip(kept, 0, 1)[..., np.newaxis], 3, axis=2)
    image[dropped & (kept <= 0)] = (0.85, 0.1, 0.1)
    return image


def number_figure(picture, spans, labels, title):
    """Return a figure of a picture with each digit's columns boxed and labelled."""
    fig = Figure(figsize=(max(4.0, 1.2 * len(labels) + 2), 3.6), layout="constrained")
    ax = fig.add_subplot()
    _show_picture(ax, picture, title)
    for (rows, columns), label in zip(spans, labels):
        ax.add_patch(Rectangle((columns.start - 0.5, rows.start - 0.5),
                               columns.stop - columns.start, rows.stop - rows.start,
                               fill=False, edgecolor="tab:orange", linewidth=2))
        ax.text(columns.start, rows.start - 2, label, color="tab:orange", fontsize=16,
                fontweight="bold", va="bottom")
    return fig


def confusion_figure(C, title, classes=DIGIT_CLASSES):
    """Return a figure of a confusion matrix, counts written in each cell."""
    fig = Figure(figsize=(6.4, 5.6), layout="constrained")
    ax = fig.add_subplot()
    image = ax.imshow(C, cmap="Blues")
    for (i, j), count in np.ndenumerate(C):
        if count:
            ax.text(j, i, str(count), ha="center", va="center", fontsize=9,
                    color="white" if count > C.max() / 2 else "black")
    _class_ticks(ax, classes)
    ax.set_yticks(np.arange(C.shape[0]), classes)
    ax.set_xlabel("read as")
    ax.set_ylabel("true label")
    fig.colorbar(image, ax=ax, shrink=0.8, label="examples")
    ax.set_title(title)
    return fig


def misclassified_figure(X, y_true, y_pred, confidence, title, cols=8, classes=DIGIT_CLASSES):
    """Return a gallery of pictures, each titled 'true -> read (confidence)'."""
    rows = max(1, int(np.ceil(len(X) / cols)))
    long = _long_names(classes)  # then one name per line of each title
    fig = Figure(figsize=(1.3 * cols, (1.7 if long else 1.5) * rows + 0.6),
                 layout="constrained")
    axes = np.atleast_1d(fig.subplots(rows, cols)).ravel()
    for ax in axes:
        ax.set_axis_off()
    arrow = "\n-> " if long else " -> "
    for ax, x, true, read, sure in zip(axes, X, y_true, y_pred, confidence):
        _show_picture(ax, row_to_image(x))
        ax.set_title(f"{classes[true]}{arrow}{classes[read]} ({100 * sure:.0f}%)",
                     fontsize=8 if long else 9)
    fig.suptitle(title)
    return fig


def _probability_bars(ax, probabilities, classes=DIGIT_CLASSES):
    """Draw the ten probabilities as bars on ax, the largest in orange."""
    best = int(np.argmax(probabilities))
    colors = ["tab:orange" if label == best else "tab:blue" for label in range(10)]
    ax.bar(np.arange(10), probabilities, color=colors)
    _class_ticks(ax, classes)
    ax.set_ylim(0, 1)
    ax.set_xlabel("digit" if classes == DIGIT_CLASSES else "class")
    ax.set_ylabel("probability")


def _long_names(classes):
    """Return True for class names longer than a digit's ("Ankle boot"), which need more room."""
    return max(len(name) for name in classes) >= 3


def _class_ticks(ax, classes):
    """Name the classes under ax's x axis, slanted when the names are long."""
    long = _long_names(classes)
    ax.set_xticks(np.arange(len(classes)), classes, rotation=40 if long else 0,
                  ha="right" if long else "center")


def _show_picture(ax, image, title=None):
    """Draw a gray picture on ax (values in [0, 1], 1 white), without axes, under `title`."""
    ax.imshow(image, cmap="gray", vmin=0.0, vmax=1.0)
    ax.set_axis_off()
    if title is not None:
        ax.set_title(title)


def curves_figure(values, train_error, val_error, *more, xlabel, title, log_x=False,
                  symlog=False):
    """Return a figure of training and validation error (in %) against a setting's values.

    `more`: optional (name, errors) pairs of other validation sets, drawn as well.
    """
    fig = Figure(figsize=(6.5, 4.2), layout="constrained")
    ax = fig.add_subplot()
    ax.plot(values, 100 * np.asarray(train_error), marker="o", label="training error")
    ax.plot(values, 100 * np.asarray(val_error), marker="o", label="validation error")
    for name, error in more:
        ax.plot(values, 100 * np.asarray(error), marker="o", label=f"{name} error")
    if symlog:
        ax.set_xscale("symlog", linthresh=0.1)
    elif log_x:
        ax.set_xscale("log")
    ax.minorticks_off()
    ax.set_xticks(values, [f"{value:g}" for value in values])
    ax.set_xlabel(xlabel)
    ax.set_ylabel("error (%)")
    ax.set_ylim(bottom=0)
    ax.grid(True, alpha=0.3)
    ax.legend()
    ax.set_title(title)
    return fig
