"""Turn pictures of digits into the 20x20 format of the data set.

The data set was made by resizing whole 28x28 MNIST frames to 20x20 with
bicubic interpolation (`resize_frame`). Pictures from outside go through the
same last step, so the network always sees digits drawn the same way.
"""

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError
from scipy import ndimage

SIDE = 20  # the network reads SIDE x SIDE = 400 pixels
FRAME = 28  # MNIST frames are FRAME x FRAME


def picture_side(name, pixels):
    """Return the side of a square picture of `pixels` pixels (20 for 400).

    Raises a ValueError naming the argument `name` when `pixels` is not a square.
    """
    side = int(round(np.sqrt(pixels)))
    if side * side != pixels or pixels == 0:
        raise ValueError(f"{name}: expected the pixels of square pictures ({SIDE * SIDE} for "
                         f"{SIDE}x{SIDE}), got {pixels} per picture")
    return side


def resize_bicubic(image, shape):
    """Return `image` resized to `shape` (rows, cols) with bicubic interpolation.

    Parameters
    ----------
    image : array of shape (rows, cols), floats
    shape : (rows, cols) of the result

    Pillow's bicubic filter widens its kernel when it shrinks a picture, so
    thin strokes are averaged rather than skipped (as MATLAB's imresize does).
    """
    image = np.asarray(image, dtype=np.float32)
    if image.ndim != 2:
        raise ValueError(f"image: expected a 2-D array, got shape {image.shape}")
    rows, cols = shape
    resized = Image.fromarray(image).resize((cols, rows), Image.Resampling.BICUBIC)
    return np.asarray(resized, dtype=np.float32)


def resize_frame(frame):
    """Return a 28x28 frame (ink bright, values in [0, 1]) as 400 pixels in [0, 1].

    This is the recipe that made `data/digits.npz`: the whole frame resized
    to 20x20 with bicubic interpolation, clipped to [0, 1], read row-major.
    """
    frame = np.asarray(frame, dtype=np.float32)
    if frame.shape != (FRAME, FRAME):
        raise ValueError(f"frame: expected shape ({FRAME}, {FRAME}), got {frame.shape}")
    small = resize_bicubic(frame, (SIDE, SIDE))  # (20, 20)
    return np.clip(small, 0.0, 1.0).ravel()  # (400,)


# ---------------------------------------------------------------- pictures from outside

BOX = 20              # MNIST scales each digit to fit a BOX x BOX square ...
INK_THRESHOLD = 0.25  # ... counting as ink what is this much darker than the paper
MIN_CONTRAST = 0.2    # less difference than this between ink and paper: a blank page


class BlankImage(ValueError):
    """Raised for a picture with no ink to read."""


def load_image(path):
    """Return the picture at `path` as a 2-D array of gray levels in [0, 1] (PNG, JPEG, ...).

    Colour pictures become gray; transparent parts become white paper; a phone's
    orientation tag is applied, so the picture stands as it was taken.
    """
    try:
        with Image.open(path) as picture:
            picture = ImageOps.exif_transpose(picture)
            if picture.mode in ("RGBA", "LA", "PA") or "transparency" in picture.info:
                picture = picture.convert("RGBA")
                paper = Image.new("RGBA", picture.size, "white")
                picture = Image.alpha_composite(paper, picture)
            gray = picture.convert("L")
            return np.asarray(gray, dtype=np.float64) / 255.0
    except FileNotFoundError:
        raise FileNotFoundError(f"image {path}: no such file") from None
    except (UnidentifiedImageError, OSError, ValueError) as error:
        raise ValueError(f"image {path}: not a picture that can be read "
                         f"(PNG or JPEG expected): {error}") from None


def ink_of(image):
    """Return the ink of a gray picture, bright on dark in [0, 1]: paper 0, darkest ink 1.

    The paper is the gray level of the border (its median); if it is light the
    picture is inverted, so dark ink on light paper and light on dark both work.
    Raises BlankImage when nothing differs enough from the paper.
    """
    image = np.asarray(image, dtype=np.float64)
    if image.ndim != 2 or min(image.shape) < 2:
        raise ValueError(f"image: expected a 2-D picture at least 2x2, got shape {image.shape}")
    if not np.all(np.isfinite(image)):
        raise ValueError("image: holds NaN or infinite values")
    if image.min() < 0 or image.max() > 1:
        raise ValueError(f"image: expected gray levels in [0, 1], got values from "
                         f"{image.min():g} to {image.max():g}")
    border = np.concatenate([image[0], image[-1], image[:, 0], image[:, -1]])
    paper = np.median(border)
    if paper > 0.5:
        image, paper = 1.0 - image, 1.0 - paper
    contrast = np.percentile(image, 99.9) - paper
    if contrast < MIN_CONTRAST:
        raise BlankImage("no ink found: the picture is blank (or nearly so)")
    ink = np.clip((image - paper) / contrast, 0.0, 1.0)
    ink[ink < INK_THRESHOLD] = 0.0  # paper grain and shadows
    return ink


def normalize_ink(ink):
    """Return the 400 pixels the network reads for one digit's ink (bright on dark).

    As MNIST was made: cropped to the ink's box, scaled to fit 20x20 keeping its
    aspect ratio, centred by its centre of mass in a 28x28 frame; then resized
    to 20x20 like the data set (resize_frame).
    """
    rows, cols = np.nonzero(ink)
    if rows.size == 0:
        raise BlankImage("no ink found: the picture is blank")
    box = ink[rows.min():rows.max() + 1, cols.min():cols.max() + 1]
    scale = BOX / max(box.shape)
    height = max(1, round(box.shape[0] * scale))
    width = max(1, round(box.shape[1] * scale))
    digit = np.clip(resize_bicubic(box, (height, width)), 0.0, 1.0)
    frame = np.zeros((FRAME, FRAME), dtype=np.float32)
    centre_row, centre_col = ndimage.center_of_mass(digit)
    top = int(np.clip(round(FRAME / 2 - centre_row), 0, FRAME - height))
    left = int(np.clip(round(FRAME / 2 - centre_col), 0, FRAME - width))
    frame[top:top + height, left:left + width] = digit
    return resize_frame(frame)


def normalize_digit(image):
    """Return the (400,) pixels the network reads for a picture of one digit, anywhere on it.

    Raises BlankImage when the picture holds no ink.
    """
    return normalize_ink(ink_of(image))


def split_digits(ink):
    """Return the ink of each digit in a row of digits, left to right, as (columns, ink) pairs.

    Digits are the groups of ink separated by empty columns. A group shorter than
    a twentieth of the tallest is a speck and is dropped; one shorter than 40% of
    the tallest is a broken-off stroke (the tail of a 9, the bar of a 5) and
    joins its nearest neighbour. `columns` is the slice of columns a digit spans.
    """
    columns_with_ink = np.flatnonzero(ink.any(axis=0))
    if columns_with_ink.size == 0:
        raise BlankImage("no ink found: the picture is blank")
    breaks = np.flatnonzero(np.diff(columns_with_ink) > 1)
    spans = list(zip(np.r_[columns_with_ink[0], columns_with_ink[breaks + 1]],
                     np.r_[columns_with_ink[breaks], columns_with_ink[-1]] + 1))

    def height(span):
        rows = np.flatnonzero(ink[:, span[0]:span[1]].any(axis=1))
        return rows[-1] - rows[0] + 1

    tallest = max(height(span) for span in spans)
    spans = [span for span in spans if height(span) >= tallest / 20]
    while len(spans) > 1:
        shortest = min(range(len(spans)), key=lambda i: height(spans[i]))
        if height(spans[shortest]) >= 0.4 * tallest:
            break
        gaps = [spans[shortest][0] - spans[shortest - 1][1] if shortest > 0 else np.inf,
                spans[shortest + 1][0] - spans[shortest][1] if shortest + 1 < len(spans)
                else np.inf]
        other = shortest - 1 if gaps[0] <= gaps[1] else shortest + 1
        first, second = sorted((shortest, other))
        spans[first:second + 1] = [(spans[first][0], spans[second][1])]
    return [(slice(int(start), int(stop)), ink[:, start:stop]) for start, stop in spans]
