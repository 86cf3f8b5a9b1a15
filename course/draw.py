"""Draw a digit with the mouse and watch the network read it, stroke by stroke.

    python -m course.draw                          # data/best.npz, else the default weights
    python -m course.draw --weights data/best.npz

When the pen is lifted, the drawing goes through the same steps as a photo
given to `python -m course.predict --image` (course/images.py: normalize_digit).
While it moves, the pad's clean canvas goes straight to the last of those
steps (normalize_ink): there is no page, shadow or ruled line to find on it.
"""

import sys

import numpy as np

from course import CourseError
from course.cli import ArgumentParser, run_reporting_errors
from course.figures import has_screen, row_to_image
from course.images import SIDE, BlankImage, normalize_digit, normalize_ink
from course.nn import predict_proba
from course.options import add_weights_argument
from course.weights import chosen_weights, load_weights, picture_weights

PAD_SIZE = 280          # the drawing pad is PAD_SIZE x PAD_SIZE pixels of paper
PEN_RADIUS = 9.0        # a felt pen: about a fifteenth of the pad
PAD_MARGIN = 20         # paper around the pad when it is read, pixels
TITLE = "course.draw: draw a digit"
# Where the parts sit in the window, as fractions of it (left, bottom, width, height):
PAD_AXES = (0.02, 0.12, 0.46, 0.76)
SEEN_AXES = (0.53, 0.55, 0.18, 0.33)
BARS_AXES = (0.76, 0.18, 0.22, 0.70)
CLEAR_AXES = (0.53, 0.18, 0.18, 0.09)


def pen_stroke(ink, start, end, radius=PEN_RADIUS):
    """Return ink with a round pen dragged from start to end, (row, col) points, edges soft.

    Every pixel takes the darkness of its distance to the segment: full within
    the pen's radius, fading over one pixel beyond it, like ink on paper.
    """
    start, end = np.asarray(start, float), np.asarray(end, float)
    size = ink.shape[0]
    low = np.floor(np.minimum(start, end) - radius - 1).astype(int).clip(0, size)
    high = np.ceil(np.maximum(start, end) + radius + 2).astype(int).clip(0, size)
    rows, cols = np.mgrid[low[0]:high[0], low[1]:high[1]]
    points = np.stack([rows, cols], axis=-1).astype(float)  # (h, w, 2)
    direction = end - start
    length2 = direction @ direction
    t = np.zeros(rows.shape) if length2 == 0 else \
        np.clip((points - start) @ direction / length2, 0.0, 1.0)
    nearest = start + t[..., np.newaxis] * direction
    distance = np.linalg.norm(points - nearest, axis=-1)
    darkness = np.clip(radius + 0.5 - distance, 0.0, 1.0)
    out = ink.copy()
    out[low[0]:high[0], low[1]:high[1]] = np.maximum(out[low[0]:high[0], low[1]:high[1]],
                                                     darkness)
    return out


def said(probabilities):
    """Return one line saying what the network reads from its ten probabilities (None: blank)."""
    if probabilities is None:
        return "the pad is blank"
    best = int(np.argmax(probabilities))
    return f"the network reads {best} ({100 * probabilities[best]:.0f}%)"


class DrawingPad:
    """A pad to draw on, what the network sees of the drawing, and its ten probabilities."""

    def __init__(self, fig, W1, W2):
        from matplotlib.widgets import Button

        self.W1, self.W2 = W1, W2
        self.ink = np.zeros((PAD_SIZE, PAD_SIZE))  # 1 where the pen went
        self.last = None                             # the pen's last point while drawing
        self.fig = fig
        self.pad = fig.add_axes(PAD_AXES)
        self.paper = self.pad.imshow(1.0 - self.ink, cmap="gray", vmin=0.0, vmax=1.0)
        self.pad.set_xticks([])
        self.pad.set_yticks([])
        self.pad.set_title("draw here with the mouse")
        self.seen = fig.add_axes(SEEN_AXES)
        self.view = self.seen.imshow(np.zeros((SIDE, SIDE)), cmap="gray", vmin=0.0, vmax=1.0)
        self.seen.set_axis_off()
        self.seen.set_title("what the network sees", fontsize=10)
        self.chart = fig.add_axes(BARS_AXES)
        self.bars = self.chart.barh(np.arange(10), np.zeros(10), color="tab:blue")
        self.chart.set_yticks(np.arange(10))
        self.chart.set_xlim(0, 1)
        self.chart.invert_yaxis()
        self.chart.set_xlabel("probability")
        self.clear_button = Button(fig.add_axes(CLEAR_AXES), "clear")
        self.clear_button.on_clicked(self.clear)
        self.answer = fig.suptitle("draw a digit")
        fig.canvas.mpl_connect("button_press_event", self.on_press)
        fig.canvas.mpl_connect("motion_notify_event", self.on_move)
        fig.canvas.mpl_connect("button_release_event", self.on_release)

    def on_press(self, event):
        """Start a stroke where the mouse goes down on the pad."""
        if event.inaxes is self.pad and event.button == 1:
            self.last = (event.ydata, event.xdata)
            self.ink = pen_stroke(self.ink, self.last, self.last)
            self.refresh(*self.sketch())

    def on_move(self, event):
        """Continue the stroke while the button is held."""
        if self.last is not None and event.inaxes is self.pad:
            point = (event.ydata, event.xdata)
            self.ink = pen_stroke(self.ink, self.last, point)
            self.last = point
            self.refresh(*self.sketch())

    def on_release(self, event):
        """End the stroke, and say in the terminal what the network reads."""
        if self.last is not None:
            self.last = None
            x, probabilities = self.read()
            self.refresh(x, probabilities)
            print(said(probabilities), flush=True)

    def clear(self, event=None):
        """Wipe the pad."""
        self.ink = np.zeros_like(self.ink)
        self.last = None
        self.refresh(None, None)

    def read(self):
        """Return (the 400 pixels the network sees, its ten probabilities), or (None, None) if blank."""
        try:
            x = normalize_digit(self.photo())
        except BlankImage:
            return None, None
        return x, predict_proba(self.W1, self.W2, x[np.newaxis, :])[0]

    def sketch(self):
        """Return what the network reads while the pen moves, cheaply: as read(), or (None, None).

        The pad is clean paper with the ink bright on it already: only the MNIST
        steps (normalize_ink), without looking for a page, its light or its lines.
        """
        if not self.ink.any():
            return None, None
        x = normalize_ink(self.ink)
        return x, predict_proba(self.W1, self.W2, x[np.newaxis, :])[0]

    def photo(self):
        """Return the pad as a photo: dark ink on white paper, with a margin of paper around it.

        The margin keeps a stroke drawn up to the pad's edge from looking like the
        edge of a page, which the picture steps drop.
        """
        return np.pad(1.0 - self.ink, PAD_MARGIN, constant_values=1.0)

    def reading(self):
        """Return one line: what the network reads in the drawing, read as a photo."""
        return said(self.read()[1])

    def refresh(self, x, probabilities):
        """Show the drawing, what the network sees of it (x) and its probabilities (or None)."""
        self.paper.set_data(1.0 - self.ink)
        self.view.set_data(np.zeros((SIDE, SIDE)) if x is None else row_to_image(x))
        heights = np.zeros(10) if probabilities is None else probabilities
        best = int(np.argmax(heights))
        for label, (bar, height) in enumerate(zip(self.bars, heights)):
            bar.set_width(height)
            bar.set_color("tab:orange" if probabilities is not None and label == best
                          else "tab:blue")
        self.answer.set_text(said(probabilities))
        self.fig.canvas.draw_idle()


def run(args):
    """Open the drawing window and wait until it is closed."""
    import matplotlib.pyplot as plt

    path, what = chosen_weights(args.weights, picture_weights)
    W1, W2 = load_weights(path, SIDE * SIDE, what)
    if not has_screen():
        raise CourseError("no screen to draw on: course.draw needs a window (on a desktop, "
                           "or under a virtual screen: xvfb-run python -m course.draw)")
    plt.rcParams["toolbar"] = "None"  # its pan and zoom modes would take the mouse away
    fig = plt.figure(TITLE, figsize=(10, 4.6))
    pad = DrawingPad(fig, W1, W2)  # noqa: F841  (its callbacks live while the window does)
    print(f"reading with {path}; draw in the window, close it to stop", flush=True)
    plt.show()


def main(argv=None):
    """Run course.draw; return its exit status."""
    parser = ArgumentParser(prog="python -m course.draw",
                            description="Draw a digit with the mouse; the network reads it "
                                        "as you draw. Opens a window (needs a screen); saves "
                                        "nothing.",
                            epilog="example: python -m course.draw --weights data/trained.npz")
    add_weights_argument(parser, with_dataset=False, pictures="all")
    return run_reporting_errors(run, parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
