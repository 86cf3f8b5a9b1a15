"""Open a picture file of any format, depth and size as colours in [0, 1], at a working size.

Phone photos are large (12 megapixels and more) and a digit needs far fewer
pixels, so a picture is reduced to at most WORKING_SIDE pixels on its long side
while it is opened: JPEG files are decoded at a smaller scale directly
(Pillow's draft), other formats are averaged down a band of rows at a time, so
that no full-size copy in floats is ever made. Every depth Pillow reads is
scaled to [0, 1] (8 and 16 bits, 32-bit integers, floats, palettes, CMYK),
transparent parts lie on white paper, and a phone's orientation tag is applied.
"""

import math
import os
import warnings

import numpy as np
from PIL import ExifTags, Image, UnidentifiedImageError

from course import CourseError

WORKING_SIDE = 1200        # pixels on the long side, at most, of a picture once opened
MAX_DECODED_MB = 400       # Pillow must hold the decoded picture: refuse what needs more
BAND_PIXELS = 2_000_000    # pixels of the file, at most, turned into numbers at a time
# A phone's orientation tag -> the numpy steps that stand the picture upright
# (Pillow's ImageOps.exif_transpose does the same on a whole-size picture).
UPRIGHT = {
    2: lambda a: a[:, ::-1], 3: lambda a: a[::-1, ::-1], 4: lambda a: a[::-1],
    5: lambda a: a.swapaxes(0, 1), 6: lambda a: np.rot90(a, -1),
    7: lambda a: a[::-1, ::-1].swapaxes(0, 1), 8: lambda a: np.rot90(a, 1),
}


def load_picture(path, name="image"):
    """Return the picture at `path` as colours (rows, cols, 3) in [0, 1], float32, upright.

    Its long side is at most WORKING_SIDE pixels (larger pictures are averaged
    down). Raises FileNotFoundError, or a ValueError naming the file when it is
    not a picture, or too large to open; their messages begin "NAME PATH:" (name:
    what the user calls it, such as the option that gave the path).
    """
    where = f"{name} {path}"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # size checked below
            with Image.open(path) as picture:
                picture.draft(None, working_size(picture.size))  # JPEG: decode smaller
                check_decoded_size(where, picture)  # before getexif, which decodes a PNG whole
                orientation = picture.getexif().get(ExifTags.Base.Orientation, 1)
                colours = reduced_colours(picture)
    except FileNotFoundError:
        raise FileNotFoundError(f"{where}: no such file") from None
    except Image.DecompressionBombError:
        raise CourseError(f"{where}: expected a picture of at most "
                          f"{2 * Image.MAX_IMAGE_PIXELS // 10**6} megapixels, got one too large "
                          "to open safely (a decompression bomb?)") from None
    except CourseError:
        raise
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as error:
        if os.path.isfile(path) and os.path.getsize(path) == 0:
            raise CourseError(f"{where}: expected a picture, got an empty file "
                              "(0 bytes)") from None
        raise CourseError(f"{where}: not a picture that can be read "
                          f"(PNG, JPEG, TIFF, ... expected): {error}") from None
    return np.ascontiguousarray(UPRIGHT.get(orientation, lambda a: a)(colours))


def working_size(size):
    """Return (width, height) scaled down to fit WORKING_SIDE on the long side (never up)."""
    scale = min(1.0, WORKING_SIDE / max(size))
    return max(1, math.ceil(size[0] * scale)), max(1, math.ceil(size[1] * scale))


def check_decoded_size(where, picture):
    """Raise a ValueError (its message begins with `where`) when decoding the picture would
    take more than MAX_DECODED_MB."""
    width, height = picture.size
    per_pixel = 1 if picture.mode in ("1", "L", "P") else 2 if picture.mode.startswith("I;16") \
        else 4
    needed = width * height * per_pixel / 2**20
    if needed > MAX_DECODED_MB:
        raise CourseError(f"{where}: expected a picture that decodes in at most "
                          f"{MAX_DECODED_MB} MB, got {width}x{height} pixels in mode "
                          f"{picture.mode} ({needed:.0f} MB); a smaller copy, or a JPEG, "
                          "would do")


def reduced_colours(picture):
    """Return the decoded picture averaged down to its working size: (rows, cols, 3) in [0, 1].

    The picture is cut into bands of rows; each band is averaged over squares of
    factor x factor pixels (Pillow's reduce) and turned into colours, so memory
    stays bounded.
    """
    width, height = picture.size
    factor = max(1, math.ceil(max(width, height) / WORKING_SIDE))
    rows, cols = max(1, height // factor), max(1, width // factor)
    scale = value_scale(picture)
    out = np.empty((rows, cols, 3), dtype=np.float32)
    band_rows = max(1, BAND_PIXELS // (width * factor))  # rows of the reduced picture
    for top in range(0, rows, band_rows):
        bottom = min(rows, top + band_rows)
        band = picture.crop((0, top * factor, cols * factor, bottom * factor))
        out[top:bottom] = band_colours(reducible(band).reduce(factor), scale)
    return out


def reducible(band):
    """Return a band in a mode that Pillow's reduce averages, with the same values."""
    if band.mode in ("L", "RGB", "RGBA", "LA", "I", "F"):
        return band
    if band.mode.startswith("I;16"):
        return band.convert("I")
    if band.mode == "1":
        return band.convert("L")
    if band.mode in ("P", "PA") or "transparency" in band.info:
        return band.convert("RGBA")
    return band.convert("RGB")  # CMYK, YCbCr, LAB, HSV


def value_scale(picture):
    """Return (low, high): the values of the picture's mode that mean black and white.

    8-bit modes go from 0 to 255, 16-bit ones to 65535; 32-bit integers that stay
    within 16 bits are 16-bit pictures; floats already in [0, 1] are taken as they
    are; any other range is stretched from its lowest to its highest value.
    """
    if picture.mode.startswith("I;16"):
        return 0.0, 65535.0
    if picture.mode not in ("I", "F"):
        return 0.0, 255.0
    low, high = picture.getextrema()
    if not (math.isfinite(low) and math.isfinite(high)):
        raise CourseError(f"expected finite pixel values, got values from {low} to {high}")
    if picture.mode == "I" and 0 <= low and high <= 65535:
        return 0.0, (255.0 if high <= 255 else 65535.0)
    if picture.mode == "F" and 0 <= low and high <= 1:
        return 0.0, 1.0
    return float(low), float(max(high, low + 1e-12))


def band_colours(band, scale):
    """Return a band of a picture as colours (rows, cols, 3) in [0, 1], float32.

    Gray levels of any depth are scaled by `scale` (low, high); transparent
    parts are put on white paper; other modes (palette, CMYK, ...) become RGB.
    """
    low, high = scale
    if band.mode in ("I", "F"):
        gray = (np.asarray(band, dtype=np.float32) - low) / (high - low)
        return np.repeat(np.clip(gray, 0, 1)[..., np.newaxis], 3, axis=2)
    if band.mode in ("RGBA", "LA"):
        rgba = np.asarray(band.convert("RGBA"), dtype=np.float32) / 255.0
        opacity = rgba[..., 3:]
        return rgba[..., :3] * opacity + (1.0 - opacity)  # on white paper
    return np.asarray(band.convert("RGB"), dtype=np.float32) / 255.0
