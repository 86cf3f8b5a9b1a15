"""More training digits from the ones we have: random changes a writer could make.

Each copy is moved once: every pixel of the new picture is read from a place of the
old one (`scipy.ndimage.map_coordinates`), a place given by a small rotation, scaling,
slant and shift, plus, when `distort` > 0, an elastic distortion: a random field of
displacements smoothed by a Gaussian, so that nearby pixels move together (Simard,
Steinkraus and Platt, 2003). Then strokes are made thicker or thinner, one may be
broken, and a little noise is added. The copies are made a block of pictures at a time,
straight from the digits, into the one array that holds them all.
"""

import numpy as np
from scipy import ndimage

from course import CourseError
from course.images import SIDE, picture_side

MAX_DEGREES = 12     # rotation, either way
SCALE_RANGE = 0.12   # 1 +- this
MAX_SLANT = 0.3      # shear: a row moves sideways by up to this times its height above the centre
MAX_SHIFT = 1.5      # pixels, along each axis
SMOOTHNESS = 3.0     # pixels: standard deviation of the Gaussian that smooths the elastic field
THICKER, THINNER = 0.3, 0.3  # chances of a thicker stroke, of a thinner one
BREAK_CHANCE = 0.2   # chance that a stroke is broken ...
BREAK_RADIUS = 1.2   # ... by a gap of about this radius (pixels)
NOISE = 0.03         # standard deviation of the added noise
BLOCK = 2000         # pictures changed at a time (bounds the memory used)


def augment(X, copies, rng, distort=0.0, dtype=np.float64):
    """Return (copies * m, 400) changed copies of the digits X; values stay in [0, 1].

    `rng` is a numpy Generator or a seed: the same seed, the same copies. `distort` is
    the strength of the elastic distortion: the typical (root mean square) displacement
    of a pixel, in pixels; 0 for none. `dtype`: the copies' precision (float32 takes half
    the memory; each block is computed in float64 either way).
    """
    X = np.asarray(X, dtype=np.float64)
    if X.ndim != 2:
        raise CourseError(f"X: expected shape (m, {SIDE * SIDE}), got {X.shape}")
    side = picture_side("X", X.shape[1])
    if isinstance(copies, bool) or not isinstance(copies, (int, np.integer)) or copies < 0:
        raise CourseError(f"copies: expected a whole number >= 0, got {copies!r}")
    if isinstance(distort, bool) or not isinstance(distort, (int, float, np.number)) \
            or not 0 <= distort < np.inf:
        raise CourseError(f"distort: expected a number >= 0, got {distort!r}")
    rng = np.random.default_rng(rng)
    images = X.reshape(-1, side, side)  # (m, 20, 20)
    changed = np.empty((copies * len(X), side, side), dtype=dtype)
    for start in range(0, len(changed), BLOCK):
        # Copy i is of digit i % m: the block's digits, taken from X without tiling it.
        which = np.arange(start, min(start + BLOCK, len(changed))) % len(X)
        changed[start:start + len(which)] = change_digits(images[which], rng, distort)
    return changed.reshape(-1, side * side)


def change_digits(images, rng, distort=0.0):
    """Return the (n, side, side) pictures `images`, each changed a little at random."""
    n = len(images)
    where = affine_places(images.shape, rng) + elastic_displacement(images.shape, distort, rng)
    moved = warp(images, where)
    moved = change_stroke_width(moved, rng.choice(3, size=n, p=[1 - THICKER - THINNER,
                                                                THICKER, THINNER]))
    moved = break_strokes(moved, rng.random(n) < BREAK_CHANCE, rng)
    noisy = moved + rng.normal(0.0, NOISE, moved.shape)
    return np.clip(noisy, 0.0, 1.0)


def affine_places(shape, rng):
    """Return (n, 2, side, side): where each output pixel is read, for a random small
    rotation, scaling, slant and shift of each of n pictures about its centre.

    [:, 0] holds rows and [:, 1] columns, as `warp` takes them.
    """
    n, side, _ = shape
    angle = np.deg2rad(rng.uniform(-MAX_DEGREES, MAX_DEGREES, n))
    scale = rng.uniform(1 - SCALE_RANGE, 1 + SCALE_RANGE, n)
    slant = rng.uniform(-MAX_SLANT, MAX_SLANT, n)
    shift = rng.uniform(-MAX_SHIFT, MAX_SHIFT, (n, 2))
    cos, sin = np.cos(angle), np.sin(angle)
    # Output pixel o (row, col about the centre) is read at matrix @ (o - shift): the
    # inverse of "rotate, slant and scale about the centre, then shift".
    rotate = np.array([[cos, -sin], [sin, cos]]).transpose(2, 0, 1)  # (n, 2, 2)
    shear = np.zeros((n, 2, 2))
    shear[:, 0, 0] = shear[:, 1, 1] = 1.0
    shear[:, 1, 0] = slant  # the column moves with the row: a slanted stroke
    matrix = rotate @ shear / scale[:, None, None]  # (n, 2, 2)
    centre = (side - 1) / 2
    grid = np.indices((side, side), dtype=np.float64).reshape(2, -1) - centre  # (2, 400)
    moved = grid[None] - shift[:, :, None]  # (n, 2, 400)
    return (matrix @ moved + centre).reshape(n, 2, side, side)  # (n, 2, 400) -> places


def elastic_displacement(shape, strength, rng):
    """Return (n, 2, side, side): a smooth random displacement of every pixel of n pictures,
    of root mean square `strength` pixels (all zeros for strength 0)."""
    n, side, _ = shape
    if strength == 0:
        return np.zeros((n, 2, side, side))
    field = rng.uniform(-1.0, 1.0, (n, 2, side, side))
    smooth = ndimage.gaussian_filter(field, sigma=(0, 0, SMOOTHNESS, SMOOTHNESS),
                                     mode="constant")
    size = np.sqrt(np.mean(smooth ** 2, axis=(1, 2, 3), keepdims=True))
    return strength * smooth / size


def warp(images, places):
    """Return the (n, side, side) pictures read from `images` at `places` (n, 2, side, side),
    linearly interpolated; outside the picture is dark (0)."""
    n, side, _ = images.shape
    which = np.broadcast_to(np.arange(n, dtype=np.float64)[:, None, None], (n, side, side))
    coordinates = np.stack([which, places[:, 0], places[:, 1]])  # (3, n, side, side)
    return ndimage.map_coordinates(images, coordinates, order=1, mode="constant", cval=0.0)


def change_stroke_width(images, width):
    """Return the pictures with strokes as they were (width 0), thicker (1) or thinner (2).

    Thicker: each pixel takes some of its brightest neighbour's ink. Thinner: the reverse,
    each pixel keeps some of its darkest neighbour's, and faint edges fade.
    """
    box = (1, 2, 2)  # each picture on its own
    thicker = np.maximum(images, 0.7 * ndimage.grey_dilation(images, size=box))
    thinner = np.minimum(images, 0.5 * images + 0.5 * ndimage.grey_erosion(images, size=box)) ** 1.5
    choice = width[:, None, None]
    return np.where(choice == 1, thicker, np.where(choice == 2, thinner, images))


def break_strokes(images, broken, rng):
    """Return the pictures, those where `broken` is True with a small gap in a stroke:
    the ink fades around one inked pixel chosen at random."""
    n, side, _ = images.shape
    ink = images.reshape(n, -1) + 1e-12  # every picture can choose, blank ones too
    cumulative = np.cumsum(ink, axis=1)
    pick = rng.random(n) * cumulative[:, -1]
    place = np.minimum((cumulative < pick[:, None]).sum(axis=1), side * side - 1)  # (n,)
    rows, cols = np.indices((side, side))
    distance2 = ((rows[None] - (place // side)[:, None, None]) ** 2 +
                 (cols[None] - (place % side)[:, None, None]) ** 2)  # (n, side, side)
    gap = np.exp(-distance2 / (2 * BREAK_RADIUS ** 2)) * broken[:, None, None]
    return images * (1.0 - gap)


def with_copies(X, y, copies, rng, distort=0.0):
    """Return (X, y) followed by `copies` changed copies of each digit and their labels."""
    if not copies:
        return np.asarray(X), np.asarray(y)  # in its own precision: float32 Fashion stays so
    X = np.asarray(X)
    changed = augment(X, copies, rng, distort, X.dtype)  # in X's precision
    return np.vstack([X, changed]), np.tile(y, copies + 1)  # ((copies + 1) * m, 400)
