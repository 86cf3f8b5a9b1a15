"""Typeset digits to learn from: the shapes MNIST's writers seldom make.

MNIST's writers rarely close the top of a 4 or give a 1 its foot; many other writers
do, and so do most fonts. The digits of the typefaces that ship inside matplotlib
(DejaVu Sans, Sans Mono and Serif, each upright and slanted, thin and bold) show
them. Drawn as the foreign digits are (`course.foreign.render_digit`, then
`course.images.normalize_digit`), at two sizes, two stroke widths and three slants, they
can join the training digits (`python -m course.train --typeset`). None of these
fonts is in either foreign set, so those still measure writing the network never saw.
"""

import importlib.util
from pathlib import Path

import numpy as np

from course.foreign import render_set

# matplotlib's own folder, found without importing it (course.figures imports it first,
# guarding against an MPLBACKEND it does not know).
FONT_DIR = (Path(importlib.util.find_spec("matplotlib").submodule_search_locations[0])
            / "mpl-data" / "fonts" / "ttf")
FONTS = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf",
         "DejaVuSans-BoldOblique.ttf", "DejaVuSansMono.ttf", "DejaVuSansMono-Bold.ttf",
         "DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf", "DejaVuSerif-Italic.ttf",
         "DejaVuSerif-BoldItalic.ttf")
TYPESET = dict(fonts=FONTS, sizes=(40, 96), strokes=(0.0, 0.03), slants=(-0.15, 0.0, 0.15),
               rotations=(0.0,))


def with_typeset_digits(X, y):
    """Return (X, y) with the typeset digits after them, and how many were added."""
    X_typeset, y_typeset = typeset_digits()
    return np.vstack([X, X_typeset]), np.concatenate([y, y_typeset]), len(y_typeset)


def typeset_digits(font_dir=FONT_DIR):
    """Return (X, y): (1200, 400) pictures of the digits 0..9 typeset in FONTS, and their labels."""
    return render_set(**TYPESET, font_dir=font_dir)
