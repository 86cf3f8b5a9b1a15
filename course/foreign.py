"""Digits by writers the network never saw: rendered from handwriting fonts, not MNIST.

Debian's handwriting fonts (fonts-bwht, fonts-dkg-handwriting, fonts-breip) write each
digit at several sizes, stroke widths and small slants, dark on white paper; each picture
then goes through the same steps as a photo given to `predict --image`
(`course.images.normalize_digit`). Two sets, made differently:

- the validation set, for choosing settings: the regular faces of eight fonts;
- the test set, measured once at the end: other faces (bold, italic, bold italic, and
  Breip's other cut), other sizes, other stroke widths and slants, and a small rotation.

    python -m course.foreign    # counts; plots/foreign_validation.png, foreign_test.png
    python -m course.foreign --weights data/best.npz    # and how well a network reads them
"""

import sys
from itertools import product
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from course.images import normalize_digit

FONT_DIR = Path("/usr/share/fonts")
FONTS_INSTALL = "sudo apt-get install fonts-bwht fonts-dkg-handwriting fonts-breip"
VALIDATION_FONTS = tuple(f"opentype/bwht/BecauseWe{name}-Regular.otf" for name in (
    "Build", "Connect", "Create", "Learn", "Mentor", "Organize")) + (
    "truetype/fifthhorseman/dkg.ttf", "truetype/breip/Breip.ttf")
TEST_FONTS = ("truetype/fifthhorseman/dkgBd.ttf", "truetype/fifthhorseman/dkgIt.ttf",
              "truetype/fifthhorseman/dkgBI.ttf", "truetype/breip/breipfont.ttf")

# How each set is drawn: font size (pixels), extra stroke (a fraction of the size),
# slant (sideways shift per unit of height, positive leans right), rotation (degrees).
VALIDATION = dict(fonts=VALIDATION_FONTS, sizes=(40, 96), strokes=(0.0, 0.03),
                  slants=(-0.15, 0.0, 0.15), rotations=(0.0,))
TEST = dict(fonts=TEST_FONTS, sizes=(32, 64, 128), strokes=(0.0, 0.02, 0.05),
            slants=(-0.1, 0.1, 0.2), rotations=(-6.0, 6.0))


def render_digit(font, digit, size, stroke=0.0, slant=0.0, rotation=0.0):
    """Return a gray picture (rows, cols) in [0, 1] of `digit` written in `font`, dark on white.

    font: a Pillow FreeTypeFont or the path of a font file; stroke: extra width of the
    strokes as a fraction of `size`; slant: the shear, sideways shift per unit of height;
    rotation: degrees, counter-clockwise.
    """
    if not isinstance(font, ImageFont.FreeTypeFont):
        font = ImageFont.truetype(str(font), size)
    width = round(stroke * size)
    margin = size // 2  # room for slant and rotation
    left, top, right, bottom = font.getbbox(str(digit), stroke_width=width)
    picture = Image.new("L", (right - left + 2 * margin, bottom - top + 2 * margin), 255)
    ImageDraw.Draw(picture).text((margin - left, margin - top), str(digit), font=font,
                                 fill=0, stroke_width=width, stroke_fill=0)
    if slant:
        centre_row = picture.height / 2
        # Output pixel (x, y) is read at (x + slant * (y - centre_row), y): rows below the
        # centre are read further right, so the digit leans right for slant > 0.
        picture = picture.transform(picture.size, Image.Transform.AFFINE,
                                    (1, slant, -slant * centre_row, 0, 1, 0),
                                    resample=Image.Resampling.BICUBIC, fillcolor=255)
    if rotation:
        picture = picture.rotate(rotation, resample=Image.Resampling.BICUBIC, fillcolor=255)
    return np.asarray(picture, dtype=np.float64) / 255.0


def render_set(fonts, sizes, strokes, slants, rotations, font_dir=FONT_DIR):
    """Return (X, y): (m, 400) pictures of the digits 0..9 as the network reads them, and
    their (m,) labels, drawn in every font, size, stroke, slant and rotation given."""
    pictures, labels = [], []
    for name, size in product(fonts, sizes):
        font = ImageFont.truetype(str(font_path(name, font_dir)), size)
        for digit, stroke, slant, rotation in product(range(10), strokes, slants, rotations):
            gray = render_digit(font, digit, size, stroke, slant, rotation)
            pictures.append(normalize_digit(gray))
            labels.append(digit)
    return np.array(pictures, dtype=np.float64), np.array(labels, dtype=np.int64)


def font_path(name, font_dir=FONT_DIR):
    """Return the path of the font file `name` under font_dir; say how to install it if missing."""
    path = Path(font_dir) / name
    if not path.is_file():
        raise FileNotFoundError(f"font {path}: not installed; {FONTS_INSTALL}")
    return path


def fonts_installed(font_dir=FONT_DIR):
    """Return True when every font of both sets is installed."""
    return all((Path(font_dir) / name).is_file() for name in VALIDATION_FONTS + TEST_FONTS)


def foreign_validation(font_dir=FONT_DIR):
    """Return (X, y): the foreign validation set, for choosing settings."""
    return render_set(**VALIDATION, font_dir=font_dir)


def foreign_test(font_dir=FONT_DIR):
    """Return (X, y): the foreign test set, to be measured once, at the end."""
    return render_set(**TEST, font_dir=font_dir)


def main(argv=None):
    """Print the size of both sets (and how well --weights reads them), save a sample of
    each as a figure; return the exit status."""
    from course.cli import ArgumentParser, run_reporting_errors
    from course.weights import load_weights
    from course.figures import digits_figure, save_figure
    from course.training import accuracy

    parser = ArgumentParser(prog="python -m course.foreign",
                            description="Digits rendered from handwriting fonts: the foreign "
                                        "validation and test sets.")
    parser.add_argument("--weights", type=Path, default=None, metavar="PATH",
                        help="also read both sets with these weights and print the accuracy, "
                             "font by font (measure the test set once, at the end)")
    args = parser.parse_args(argv)

    def work(args):
        network = load_weights(args.weights, what="--weights") if args.weights is not None else None
        rng = np.random.default_rng(0)
        for name, settings in (("validation", VALIDATION), ("test", TEST)):
            pictures, labels, right = [], [], []
            for font in settings["fonts"]:
                X, y = render_set(**{**settings, "fonts": [font]})
                pictures.append(X)
                labels.append(y)
                if network is not None:
                    right.append(accuracy(*network, X, y))  # the fonts have equal counts
                    print(f"  {font}: {100 * right[-1]:.1f}%")
            X, y = np.vstack(pictures), np.concatenate(labels)
            read = f": {100 * np.mean(right):.1f}% read right" if right else ""
            print(f"foreign {name} set: {len(y)} digits, {np.bincount(y).min()} of each{read}")
            sample = X[rng.choice(len(X), min(100, len(X)), replace=False)]
            figure = digits_figure(sample, f"{len(sample)} digits of the foreign {name} set")
            print(f"figure saved to {save_figure(figure, f'foreign_{name}.png')}")

    return run_reporting_errors(work, args)


if __name__ == "__main__":
    sys.exit(main())
