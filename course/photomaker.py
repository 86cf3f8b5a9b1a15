"""Make photo-like pictures of handwritten digits, to test the picture steps on.

A digit's ink (held-out MNIST digits drawn large, or digits written in Debian's
handwriting fonts) is put on a page, and the page is photographed badly on
purpose, one condition at a time: on a desk, under a shadow, in faint pencil,
noisy and blurred and saved as JPEG, on coloured paper, on ruled or squared
paper, small or large anywhere on the page. The tests and course.bench_images
read these photos back and compare with the same digits read directly.
"""

import io
from pathlib import Path

import numpy as np
from PIL import Image
from scipy import ndimage

from course import CourseError
from course.foreign import FONTS_INSTALL, render_digit
from course.images import normalize_ink, resize_bicubic

FONT_FILES = (sorted(Path("/usr/share/fonts/opentype/bwht").glob("*.otf"))
              + sorted(Path("/usr/share/fonts/truetype/fifthhorseman").glob("dkg*.ttf"))
              + [Path("/usr/share/fonts/truetype/breip/Breip.ttf")])
CONDITIONS = ("clean", "desk", "shadow", "pencil", "noisy", "colour", "ruled", "squared",
              "sizes")
PHOTO_SHAPE = (240, 320)  # rows, cols of a photo
WHITE = np.array([0.92, 0.92, 0.92])
DESKS = np.array([[0.25, 0.16, 0.10], [0.45, 0.45, 0.45], [0.08, 0.08, 0.10],
                  [0.62, 0.48, 0.32], [0.20, 0.28, 0.45]])   # wood, grey, black, oak, blue
PAPERS = np.array([[0.95, 0.90, 0.55], [0.80, 0.90, 0.98], [0.98, 0.80, 0.85],
                   [0.85, 0.95, 0.80]])                      # yellow, blue, pink, green
INKS = np.array([[0.10, 0.15, 0.60], [0.05, 0.05, 0.05], [0.60, 0.08, 0.10],
                 [0.05, 0.35, 0.15]])                        # blue, black, red, green
LINE_COLOUR = np.array([0.45, 0.65, 0.90])                   # light blue rules


def fonts():
    """Return the handwriting font files installed here (empty without Debian's packages)."""
    return [path for path in FONT_FILES if path.is_file()]


def mnist_ink(x, size):
    """Return a data set digit (400 pixels) drawn size x size: ink in [0, 1], 0 on paper."""
    return np.clip(resize_bicubic(np.reshape(x, (20, 20)), (size, size)), 0.0, 1.0)


def font_ink(label, font_path, size, rng):
    """Return the digit `label` written in a font, slanted a little: ink in [0, 1], square.

    The digit fills about 80% of the square's height, as MNIST digits fill their frame.
    """
    gray = render_digit(font_path, label, 4 * size, slant=rng.uniform(-0.15, 0.15))
    canvas = Image.fromarray(np.uint8(np.round(255 * (1 - gray))))  # ink bright on dark
    glyph = canvas.crop(canvas.getbbox())
    scale = 0.8 * size / max(glyph.size)
    glyph = glyph.resize((max(1, round(glyph.width * scale)), max(1, round(glyph.height * scale))),
                         Image.Resampling.LANCZOS)
    ink = np.zeros((size, size))
    top, left = (size - glyph.height) // 2, (size - glyph.width) // 2
    ink[top:top + glyph.height, left:left + glyph.width] = np.asarray(glyph) / 255.0
    return ink


def page_with_digit(ink, condition, rng, shape):
    """Return (page RGB (rows, cols, 3) in [0, 1], the digit's height) for one condition."""
    rows, cols = shape
    low, high = (0.12, 0.85) if condition == "sizes" else (0.35, 0.7)
    size = int(rng.uniform(low, high) * min(rows, cols))
    alpha = np.zeros(shape)
    top, left = rng.integers(0, rows - size + 1), rng.integers(0, cols - size + 1)
    alpha[top:top + size, left:left + size] = resize_bicubic(ink, (size, size)).clip(0, 1)
    paper, colour = WHITE, np.array([0.08, 0.08, 0.08])
    if condition == "colour":
        paper, colour = PAPERS[rng.integers(len(PAPERS))], INKS[rng.integers(len(INKS))]
    if condition == "pencil":
        alpha = rng.uniform(0.25, 0.45) * alpha
        colour = np.array([0.35, 0.35, 0.38])
    page = np.ones(shape + (3,)) * paper
    if condition in ("ruled", "squared"):
        lines = ruled_lines(shape, max(6, size // rng.uniform(1.5, 3.5)), condition == "squared",
                            rng)
        page = page * (1 - lines[..., None]) + LINE_COLOUR * lines[..., None]
    page = page * (1 - alpha[..., None]) + colour * alpha[..., None]
    return page, size


def ruled_lines(shape, gap, squared, rng):
    """Return the opacity (rows, cols) of thin light rules `gap` pixels apart (and columns too)."""
    lines = np.zeros(shape)
    strength, offset = rng.uniform(0.35, 0.7), rng.uniform(0, gap)
    rows = np.arange(offset, shape[0], gap).astype(int)
    lines[rows, :] = strength
    if squared:
        lines[:, np.arange(offset, shape[1], gap).astype(int)] = strength
    return ndimage.gaussian_filter(lines, 0.5) * 1.6


def on_desk(page, rng):
    """Return the page, turned a few degrees and shrunk, lying on a desk that fills the photo."""
    rows, cols = page.shape[:2]
    desk = DESKS[rng.integers(len(DESKS))] * rng.uniform(0.8, 1.2)
    angle = rng.uniform(3, 15) * rng.choice([-1, 1])
    scale = rng.uniform(0.7, 0.95)
    picture = Image.fromarray((255 * page).astype(np.uint8))
    small = picture.resize((int(cols * scale), int(rows * scale)), Image.Resampling.BILINEAR)
    turned = small.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True)
    mask = Image.new("L", small.size, 255).rotate(angle, expand=True)
    photo = Image.new("RGB", (cols, rows), tuple(int(255 * c) for c in np.clip(desk, 0, 1)))
    left = int(rng.integers(-turned.width // 8, cols - turned.width + turned.width // 8 + 1))
    top = int(rng.integers(-turned.height // 8, rows - turned.height + turned.height // 8 + 1))
    photo.paste(turned, (left, top), mask)
    grain = rng.normal(0, 0.02, (rows, cols, 1))
    return np.clip(np.asarray(photo) / 255.0 + grain, 0, 1)


def lighting(shape, rng):
    """Return light (rows, cols) in (0, 1]: a gradient across the photo and a shadow's soft edge."""
    rows, cols = np.mgrid[0:shape[0], 0:shape[1]] / max(shape)
    angle = rng.uniform(0, 2 * np.pi)
    gradient = 1 - rng.uniform(0.1, 0.35) * (np.cos(angle) * rows + np.sin(angle) * cols + 1) / 2
    angle = rng.uniform(0, 2 * np.pi)
    across = np.cos(angle) * (rows - rng.uniform(0.2, 0.8)) + np.sin(angle) * (cols -
                                                                               rng.uniform(0.2, 0.8))
    edge = rng.uniform(0.005, 0.04)
    shadow = 1 - rng.uniform(0.3, 0.6) / (1 + np.exp(-across / edge))
    return gradient * shadow


def jpeg(photo, quality):
    """Return an RGB photo in [0, 1] after a trip through JPEG at `quality`."""
    buffer = io.BytesIO()
    Image.fromarray((255 * photo).astype(np.uint8)).save(buffer, "JPEG", quality=int(quality))
    return np.asarray(Image.open(buffer).convert("RGB")) / 255.0


def make_photo(ink, condition, rng, shape=PHOTO_SHAPE):
    """Return a photo (rows, cols, 3) of uint8 of one digit's ink under one condition.

    ink: (n, n) array in [0, 1], the digit bright on 0 (mnist_ink, font_ink).
    condition: one of CONDITIONS; rng: a numpy Generator.
    """
    if condition not in CONDITIONS:
        raise CourseError(f"condition: expected one of {', '.join(CONDITIONS)}, got {condition!r}")
    page, _ = page_with_digit(ink, condition, rng, shape)
    photo = page
    if condition == "desk":
        photo = on_desk(page, rng)
    elif condition == "shadow":
        photo = page * lighting(shape, rng)[..., None]
    noise, blur = 0.02, 0.0
    if condition == "noisy":
        noise, blur = rng.uniform(0.04, 0.08), rng.uniform(0.6, 1.5)
    if blur:
        photo = ndimage.gaussian_filter(photo, (blur, blur, 0))
    photo = np.clip(photo + rng.normal(0, noise, photo.shape), 0, 1)
    if condition == "noisy":
        photo = jpeg(photo, rng.uniform(15, 40))
    return (255 * photo).astype(np.uint8)


def digit_inks(source, count, rng, size=120):
    """Return (inks, labels, direct) for `count` digits drawn size x size.

    source: "mnist" (held-out digits of the data split's test part) or "fonts"
    (digits written in Debian's handwriting fonts, one font after another).
    direct: (count, 400) the same digits as the network reads them without a
    photo (the data set's pixels, or the font's ink through the MNIST steps).
    """
    if source == "mnist":
        from course.datasets import load_split

        _, _, X_test, y_test = load_split()
        picked = rng.choice(len(X_test), size=count, replace=False)
        return [mnist_ink(x, size) for x in X_test[picked]], y_test[picked], X_test[picked]
    if source != "fonts":
        raise CourseError(f"source: expected 'mnist' or 'fonts', got {source!r}")
    files = fonts()
    if not files:
        raise FileNotFoundError(f"no handwriting fonts here: {FONTS_INSTALL}")
    labels = rng.integers(0, 10, size=count)
    inks = [font_ink(label, files[k % len(files)], size, rng) for k, label in enumerate(labels)]
    return inks, labels, np.stack([normalize_ink(ink) for ink in inks])
