"""Turn pictures of digits into the 20x20 format of the data set.

The data set was made by resizing whole 28x28 MNIST frames to 20x20 with
bicubic interpolation (`resize_frame`). Pictures from outside go through the
same last step, so the network always sees digits drawn the same way.
"""

from typing import NamedTuple

import numpy as np
from PIL import Image
from scipy import ndimage
from scipy.sparse import csgraph

from course import CourseError
from course.pages import border_labels, page_from_above
from course.pictures import load_picture

SIDE = 20  # the network reads SIDE x SIDE = 400 pixels
FRAME = 28  # MNIST frames are FRAME x FRAME


def picture_side(name, pixels):
    """Return the side of a square picture of `pixels` pixels (20 for 400).

    Raises a ValueError naming the argument `name` when `pixels` is not a square.
    """
    side = int(round(np.sqrt(pixels)))
    if side * side != pixels or pixels == 0:
        raise CourseError(f"{name}: expected the pixels of square pictures ({SIDE * SIDE} for "
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
        raise CourseError(f"image: expected a 2-D array, got shape {image.shape}")
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
        raise CourseError(f"frame: expected shape ({FRAME}, {FRAME}), got {frame.shape}")
    small = resize_bicubic(frame, (SIDE, SIDE))  # (20, 20)
    return np.clip(small, 0.0, 1.0).ravel()  # (400,)


# ---------------------------------------------------------------- finding the writing

BOX = 20              # MNIST scales each digit to fit a BOX x BOX square ...
INK_THRESHOLD = 0.25  # ... counting as ink what is this much of the writing's darkness
MIN_CONTRAST = 0.08   # ink this little darker than its paper (8%) is not ink: a blank page
NOISE_LEVELS = 6      # ink stands out from the paper's grain by this many of its deviations
LINE_LENGTH = 0.7     # ruled lines run straight over this much of the picture's width (height)
PEN = 1.5             # a pen lying on the page is this many times as thick as the strokes and
#                       as long as the digit is tall (a 1 is not, beside digits written alike)
STRAIGHT = 0.8        # a straight bar fills this share of the rectangle its pixels spread over,
BAR = 5.0             # ... and is this many times as long as thick (a pen; a thick digit is not)
FRAME_LINE = 0.9      # a form's row of boxes: two lines across this much of the writing's width,
BOXES = 2.0           # ... which is this many times as wide as tall at least (digits are not)
PARTS = 3             # ruled lines are sought in this many bands across them, each at its angle
LONG_STROKE = 0.03    # a stroke as long as a ruled line is at least this share of its length thick
REPEATED = 3          # lines found this many times over are printed (a grid), as thick as they are
LINE_ANGLES = np.arange(-20, 20.5, 0.5)  # degrees that a page may be turned by
SPECK_SIDE = 0.025    # writing is at least this share of the picture's short side (6 px)
SPECK = 0.05          # marks with less ink than this share of the largest are specks ...
NEAR = 1.25           # ... kept only within this many digit heights of the writing ...
FAINTER = 0.4         # ... and when at least this share of the writing's darkness;
SMALL = 0.5           # marks less tall than this share of the largest are its parts (a 5's
GAP = 2.0             # flag) only within this many stroke widths of it ...
APART = 0.15          # ... or this share of the writing's height (a 2's base written apart):
#                       else other writing
COLOURFUL = 0.15      # channels differing this much somewhere: ink is sought in each
SOLID = 0.7           # a light object in a dark scene fills this share of its box at least
HOLE_FILL = 0.9       # a punched hole fills this share of the disk in its box at least, ...
HOLE_TWIN = 0.25      # ... and another of the same size (to this share) lies on the page
MIDDLE = 0.5          # the picture's middle, where the phone is aimed: this share of each side
DESK = 0.2            # marks touching the border and mostly within this share of the
#                       picture's short side of it are the desk (its grain, a keyboard)
EDGE_STEP = 0.03      # the light changing this much per pixel: an edge (the page's)
LIGHTER = 0.02        # paper around ink is lighter than it by at least this much (noise) ...
ENCLOSED = 0.75       # ... on at least this share of the ink's outline, when it is fainter
SHADE = 0.85          # than this share of the darkest mark (shadows are fainter than ink)
SHADOW = 0.8          # parts of the writing fainter than this share of its ink, and thicker
BROAD = 2.0           # than its strokes (a disk 2 strokes wide fits), unenclosed or 2 x thicker
JOIN = 2              # marks up to 2 x this many pixels apart are one (a grainy pencil stroke)
GRAINS = 0.5          # a crayon's grains are one stroke where, smoothed over this share of the
#                       strokes' width, it stands out from the paper's grain smoothed alike ...
STROKES = 0.1         # ... unless what stands out so covers this share of the picture (a texture)
PRINT_HEIGHT = 0.05   # printed words are less tall than this share of the picture's short side, ...
PRINT_LINE = 8.0      # ... in a line this many times as long as they are tall, of one height (to
PRINT_SAME = 0.25     # ... PRINT_SAME) on one baseline (to PRINT_SAME of it), each wider than tall
LETTERS = 2           # a printed word holds this many separate pieces (letters) at least
PRINTED = 0.5         # a region this much of whose marks are printed words is print, no writing
PRINT_ALIKE = 0.08    # printed figures are of one height and on one baseline to this share of
REPEATS = 3           # ... their height, with this many others on their line at least, a line
PRINT_SLANT = 0.035   # ... slanting this much at most (2 degrees: a page not quite upright),
PRINT_BAR = 0.2       # ... each this share of its height wide at least (no bar: a form's walls)
WORD_GAP = 0.35       # a printed word's letters are this share of their height apart at most,
WORD_STROKES = 5      # ... cross the word's middle row this often at least,
COUNTER = 0.5         # ... hold holes (an O's) less than this share of its height squared,
LETTER = 0.4          # ... are each this share of its height at least (no crayon's grains),
ON_LINE = 1 / 3       # ... and this share of its columns end on its baseline (J and y go below)
CAPITALS = 2.0        # a word in bold capitals, letters merged, is this many times as wide as tall
CAPITALS_TALL = 1.5   # ... this many stroke widths tall at least (a 7's bar: one), and fills
BOLD_FILL = 0.5       # ... this share of its box at least (two stripes of shade around a digit)
PRINT_MOST = 2000     # among more pieces (a texture), print is not sought: each pair is compared
TEXTURE = 0.5         # a grain standing out by half the paper's lightness is no paper's
PAPER_BORDER = 0.25   # ... measured on the paper alone when along at most this share of the border
FAINT = 0.5           # a faint stroke's paler parts stand out this share as much as its grains
THIN = 0.5            # in a row, a piece whose strokes weigh this share of the others'
#                       is no digit written with the same pen
TALL_LINE = 2.0       # in a row, a bare line this many times as tall as its digits is no 1
EDGE_DIGIT = 0.5      # a mark dropped at the edge that could be the digit: at most this share
#                       of the picture's short side, ...
EDGE_LONG = 4.0       # ... its box at most this many times as long as wide, ...
EDGE_NEAR = 3.0       # ... within this many times its size (or the writing's) of the writing
ROW_HEIGHT = 0.6      # a row's digits are at least this share of its digits' height (at most
#                       1 / it), ...
ROW_GAP = 1.5         # ... within this many digit heights of the row's ends, on its line, and
ROW_FAINTER = 0.1     # ... at least this share of its darkness (glare, light across the row);
ROW_PART = 0.25       # between them, marks this share of their height are their parts (a 5's flag)
DIM = 0.25            # darkness is measured against paper at least this light (a black
#                       desk's grain is not ink)
STANDS_OUT = 1.5      # ink stands out when its darkest pixels are this many times the grain's
BLURS = (2.0, 3.0, 4.0)  # level; in a noisy photo, the picture is smoothed this much until it does
QUIET = 0.2           # ... when, smoothed, its paper is this quiet: what stays uneven is texture
NOISY = 0.01          # a photo is noisy when its pixels differ from their neighbours' mean by
#                       this share of the paper's lightness (the median difference)
GLARE = 0.3           # glare can make a stroke this much fainter than the rest of the writing;
GLARE_REACH = 1.5     # its level is the darkest of its own stroke: in a window this many stroke
GLARE_LIGHT = 0.03    # widths wide, where the paper is this much lighter than under the darkest ink
DESK_LIGHT = 0.5      # marks with the light around them less than this share of the paper's
#                       lie on the desk (its grain, a tablecloth), not on the page
THINNEST = 0.1        # strokes are at least this share of the digit's larger side wide (MNIST's
#                       thinnest twentieth: 0.12; a fine pen's on a large digit: 0.03) ...
DARKEST_INK = 0.7     # the ink is the writing's pixels this share as dark as its darkest at least;
SHADE_WIDE = 2.5      # ... the rest, this many times as broad as its strokes and at most
SHADE_FAINT = 0.5     # ... this share as dark (median), is shade (light through leaves)
SHADE_BANDS = 3       # broad bands of shade this many times over (light through blinds), ...
BAND_SPREAD = 0.5     # ... each across this share of the picture at least, ...
BAND_SCALES = (10, 20, 40)  # ... sought at the picture's short side over each of these
BAND_RADIUS = 3.0     # ... and a disk of this radius (pixels, on a half-size copy) at least
#                       fits in them (a thin line, blurred, is narrower)
LINE_BAR = 10.0       # a page's edge is a line this many times as long as thick, ...
EDGE_FILL = 0.5       # ... filling this share of its rectangle (slightly bent by the lens),
EDGE_SPAN = 0.25      # ... over this share of the picture's short side at least
FRAME_SPAN = 0.6      # a frame (a slate's) spans this share of both the picture's sides and
                      # holds a mark in its box the writing could start from (SPECK_SIDE)
CLIPPED = 0.8         # paper clipped to white by the sun: this share of the pixels around white;
CLIPPED_GAIN = 2.0    # ... it has no grain: faint ink on it counts this many times as dark
SMEARED_GAINS = (2.0, 4.0, 8.0)  # writing found in pieces, as a bar or not at all (a shaken
#                       photo's smeared strokes): found again, its faint ink counting this many
#                       times as dark, at the first gain at which it is one piece and no bar,
PROBE_SIDE = 400      # ... sought first on a copy this many pixels long at most (a clean 1 is
#                       a bar at every gain: on a 12-megapixel photo, each pass costs little)
THICKENED_SIDE = 4 * FRAME  # ... thickened on the digit made at most this many pixels long
TINT = 0.15           # a mark whose colour differs this much from the pen's is no ink of it (a
STAIN_CORE = 0.2      # ... coffee ring's rim): the pen's, that of the writing's darkest fifth
OTHER_PEN = 0.2       # strokes whose colour differs this much from the writing's are another pen's
MARKER = 0.25         # ... a teacher's red or green: red (green) has this share of its darkness at
                      # most in red (green), its least; a learner's blue, black or pencil has not
VIVID = 0.2           # a highlighter's band is this much more saturated than the page's paper ...
BRIGHT = 0.8          # ... and its lightest channel this share of the paper's at least
HIGHLIGHT_SIDE = 200  # (sought on a copy this many to twice as many pixels on its short side)
LIT = 0.6             # a band taken for the writing by the first pass: light (this share of the
BAND_SQUARE = 0.015   # ... page's lightness), vivid, filling squares this share of the short side,
TAKEN = 0.2           # ... this share of the writing found, which holds this share of ink at
TAKEN_INK = 0.1       # ... least, darker than HALF_LIGHT of the page (a light pen has none)
HALF_LIGHT = 0.5
RING_GAP = 0.1        # a ring drawn around the digit may be left open by this share of its size;
RIM = 2.0             # ... its strokes lie within this many stroke widths of the outline, and
RING_HELD = 0.15      # ... what lies deeper (the digit) is this share of the writing at least
RING_SIDE = 128       # ... (sought on a copy of the writing's box this many pixels long at most)
RING_CUT = 1.5        # ... and the ring taken out lies within this many stroke widths of it
UNDER_TALL = 2.0      # an underline is a stroke: this many stroke widths tall at most (wavy), ...
UNDER_LONG = 2.5      # ... this many times as wide as tall at least, ...
UNDER_SPAN = 0.6      # ... under the rest of the writing, across this share of its width, ...
UNDER_END = 0.2       # ... and the rest's bottom is not over its first fifth (a 2's base apart)
CURLED = 2.5          # a doodle's stroke is this many times as long as its box's larger side (a
HOLE = 1.0            # star, a zigzag: a digit's part at most 2), or it holds a hole this many
DRAWING = 0.6         # stroke widths squared, and it is less than this share of a mark's height
DRAWINGS_MOST = 50    # near it; doodles are sought among this many marks at most (a texture),
NEARLY = 1.0          # ... and those this many of their stroke widths from another are its parts
BLOB = 2.0            # a filled blob (a marker's star or heart, holes filled in) has strokes this
                      # many times as wide as those of the mark it is beside (a digit's dot: 1)
STAMP_LETTER = 0.6    # a teacher's stamp: an outline holding letters less tall than this share
STAMP_LONG = 2.0      # of its smaller side, in a line this many times as long as tall, ...
STAMP_WORD = 4        # ... and crossed this often along their length at least (a word: SEEN, OK)
STAMP_RINGS = 2       # ... within this many rings, one inside the other, joined or not
STAMP_MIDDLE = 0.5    # or a ring (frame) holding a star or a word in its middle, less than this
STAMP_CENTRED = 0.1   # share of its smaller side across and centred to this share of it, the
STAMP_BUSY = 0.15     # ring's own ink deeper than RIM of its strokes this share of it at least
FILLED = 0.45         # an ink blot holds a disk this share of its box's larger side across (a
BLOT = 1.5            # digit's strokes: 0.3) and this many times its neighbours' strokes wide;
                      # its drops are filled too
SMUDGE = 0.4          # on a board, marks fainter than this share of the writing's chalk are an
                      # eraser's smudges, unless within a stroke width of chalk that light
BOARD = 0.25          # ... their lightness measured against the board at this share of its side
CROSSED_SIZE = 0.5    # marks side by side (or one above another) this share of the largest's size
CROSSED_LONG = 2.8    # ... are compared: one struck out has strokes this many times its box's
CROSSED_OWN = 2.1     # ... diagonal long at the pen's width (the thinnest mark's), or this many
                      # at its own (a digit's: 2.5 and 1.9 at most, a bold 8 or 0 beside a 1),
CROSSED_HOLES = 3     # ... or holds this many holes a quarter of the pen's width squared (an 8: 2),
CROSSED_FILL = 0.8    # ... or fills this share of its box, its sides CROSSED_WIDE of each other
CROSSED_WIDE = 0.6    # at least (a scribble blacking it out; a marker's 8: 0.73; a 1, a 7's bar
                      # written apart fill their thin boxes)
STRIKES = 2           # ... or is crossed by this many strike lines (an X, two or three lines; a
                      # digit's bar or stem is one: a 4's, a 7's crossed bar), each straight ...
STRIKE_SPAN = 0.9     # ... across this share of the mark's extent along it at least, within a band
STRIKE_BAND = 1.5     # ... this many pen widths wide, its ends bare (no other ink within 2 pen
STRIKE_END = 0.15     # widths of its last 2 pen widths or this share of it), this share of the
STRIKE_SIDES = 0.15   # ... mark's other ink on either side of it at least; lines are sought
STRIKE_ANGLES = np.arange(0, 180, 5)  # ... at these angles (degrees), on a copy STRIKE_SIDE
STRIKE_SIDE = 96      # pixels long at most; lines within 15 degrees of each other and this share
STRIKE_APART = 0.15   # of the copy's larger side apart are one (found again at the next angle)
STRIKE_THROUGH = 0.2  # one strike line is enough when the mark's other ink reaches this share of
                      # its length beyond it on both sides (a digit's own bar or stem: 0.1 at most)


class BlankImage(ValueError):
    """Raised for a picture with no ink to read."""


class NoWritingFound(BlankImage):
    """Raised for a picture where marks stand out but none is writing (specks, a desk)."""


class Writing(NamedTuple):
    """What was found on a picture: the writing's ink, what was dropped, what looked wrong."""
    ink: np.ndarray        # (rows, cols) the writing kept, bright on dark in [0, 1]
    dropped: np.ndarray    # (rows, cols) bool: marks not kept (edges, specks, print, a ring)
    doubts: tuple          # sentences saying what did not look like a digit on paper
    picture: np.ndarray    # (rows, cols, channels) the picture they were found on, upright
    angle: float           # degrees the picture was turned by to stand the page upright


def load_image(path):
    """Return the picture at `path` as a 2-D array of gray levels in [0, 1] (PNG, JPEG, ...).

    Colour pictures become gray; see course.pictures.load_picture for what else
    is done while it is opened (any depth, any size, orientation, transparency).
    """
    return load_picture(path).mean(axis=2)


def as_colours(picture):
    """Return a picture (rows, cols) or (rows, cols, 3) as float32 (rows, cols, channels).

    A colour picture whose three channels are equal keeps one channel. Raises a
    ValueError for what is not a picture with values in [0, 1].
    """
    picture = np.asarray(picture, dtype=np.float64)
    if picture.ndim == 2:
        picture = picture[..., np.newaxis]
    if picture.ndim != 3 or picture.shape[2] not in (1, 3) or min(picture.shape[:2]) < 2:
        raise CourseError(f"image: expected a 2-D picture at least 2x2 (gray, or colour with "
                          f"3 channels), got shape {picture.shape}")
    if not np.all(np.isfinite(picture)):
        raise CourseError("image: holds NaN or infinite values")
    if picture.min() < 0 or picture.max() > 1:
        raise CourseError(f"image: expected gray levels in [0, 1], got values from "
                          f"{picture.min():g} to {picture.max():g}")
    picture = picture.astype(np.float32)
    if picture.shape[2] == 3 and np.array_equal(picture[..., 0], picture[..., 1]) \
            and np.array_equal(picture[..., 0], picture[..., 2]):
        picture = picture[..., :1]
    return picture


def ink_is_dark(picture):
    """Return True when the ink is darker than the paper (pen on paper), False for chalk.

    The paper around any place is what most of the picture is near it (a median
    over a quarter of the picture's side, on a coarse grid). Pen on paper unless
    the paper is dark nearly everywhere, or nearly everywhere in the picture's
    middle (MIDDLE of each side, where the phone is aimed: a page on a dark desk
    still has light paper there, a slate on a light table has none), and what
    stands out from the dark paper is mostly lighter: the lightest and the
    darkest pixel of each cell of the grid, against its paper (chalk is thick
    and grainy: a cell's single pixel would often miss it), in the cells whose
    neighbours' paper is dark too (the edge between a slate and the light table
    around it is no ink, and it can outweigh a small digit). Each cell counts by
    its contrast squared: a chalk's grains stand far out from the board, while
    an eraser's film and the edge of a dark wooden frame stand out little, but
    along the whole board (a small digit on a slate in dark wood read as pen).
    A light object in the middle of a dark scene (a white cup on a dark table
    before a dark wall), solid (a bold chalk digit is not), is the paper when
    what stands out inside it, its edges left out, is mostly darker: a pen's.
    """
    gray = picture.mean(axis=2)
    step = max(1, min(gray.shape) // 28)
    paper = ndimage.median_filter(gray[::step, ::step], size=7, mode="nearest")
    middle = tuple(slice(int(n * (1 - MIDDLE) / 2), int(np.ceil(n * (1 + MIDDLE) / 2)))
                   for n in paper.shape)
    if min(np.percentile(paper, 90), np.percentile(paper[middle], 90)) >= 0.5:
        return True
    n_rows, n_cols = (n // step for n in gray.shape)  # whole cells of the grid
    cells = gray[:n_rows * step, :n_cols * step].reshape(n_rows, step, n_cols, step)
    around = paper[:n_rows, :n_cols]  # (n_rows, n_cols) each whole cell's paper
    dark = ndimage.maximum_filter(around, size=3, mode="nearest") < 0.5  # and their neighbours'
    lighter = np.clip(cells.max(axis=(1, 3)) - around - MIN_CONTRAST, 0, None)
    darker = np.clip(around - cells.min(axis=(1, 3)) - MIN_CONTRAST, 0, None)
    if np.percentile(paper[middle], 90) >= 0.5 and solid(around >= 0.5):  # a light object
        lit = ndimage.minimum_filter(around, size=3, mode="nearest") >= 0.5  # (not its edges)
        if np.sum(darker[lit] ** 2) > np.sum(lighter[lit] ** 2):  # ink darker on it: a pen's
            return True
    return bool(np.sum(darker[dark] ** 2) >= np.sum(lighter[dark] ** 2))


def solid(mask):
    """Return True when the largest region of a mask (rows, cols) fills SOLID of its box (a cup,
    a box, a sheet; a bold chalk digit's strokes, holes and gaps between them, do not)."""
    labels, count = ndimage.label(mask)
    if count == 0:
        return False
    largest = np.argmax(np.bincount(labels.ravel())[1:]) + 1
    box = ndimage.find_objects(labels)[largest - 1]
    return bool(np.mean(labels[box] == largest) >= SOLID)


def colourful(picture):
    """Return True when the colours of a picture differ enough to look at each channel."""
    if picture.shape[2] == 1:
        return False
    sample = picture[::2, ::2]
    return np.percentile(sample.max(axis=2) - sample.min(axis=2), 99) > COLOURFUL


def ink_dark_in_each_channel(picture, writing):
    """Return a colour picture with each channel turned so that the ink is dark in it.

    Blue ink on yellow paper is darker than the paper in red and green, lighter
    in blue: the blue channel is inverted, and the ink is dark in all three.
    Where the writing (a mask (rows, cols)) was found in gray, each channel's
    ink is told by that writing against the paper just around it (ink_is_darker);
    a channel's whole picture can mislead (brown paper on an orange desk is
    lighter than the desk in blue, and a dark pen on it would be taken for chalk).
    The paper around the writing is a ring 2 JOIN pixels wide, just outside it.
    """
    channels = [picture[..., [k]] for k in range(picture.shape[2])]
    if writing.any():
        ring = ndimage.binary_dilation(writing, iterations=2 * JOIN) & ~writing
        return np.concatenate([c if ink_is_darker(c[..., 0], writing, ring) else 1.0 - c
                               for c in channels], axis=2)
    return np.concatenate([c if ink_is_dark(c) else 1.0 - c for c in channels], axis=2)


def ink_is_darker(channel, writing, ring):
    """Return True when a channel (rows, cols) is darker on the writing (a mask) than on the
    paper around it (`ring`, a mask just outside it)."""
    return bool(np.median(channel[writing]) <= np.median(channel[ring]))


def darkness(picture, scale, blur):
    """Return how much darker than its paper each pixel is, as a share of the paper: (rows, cols).

    Colour: the largest darkness of the channels (darkest).
    """
    return darkest(channel_darkness(picture, scale, blur))


def channel_darkness(picture, scale, blur):
    """Return how much darker than its paper each pixel is in each channel: (channels, rows, cols).

    The paper under every pixel is the picture closed at `scale`: whatever is
    darker and narrower than `scale` pixels (strokes) is filled in with the
    paper around it, while slow changes of light, shadows and the desk stay as
    they are.
    """
    return np.array([against_paper(channel, scale, blur)[0]
                     for channel in np.moveaxis(picture, 2, 0)])


def against_paper(channel, scale, blur):
    """Return (darkness, paper), both (rows, cols): how much darker than its paper each pixel of
    a channel (rows, cols), blurred by `blur`, is, and that paper (closed at `scale`)."""
    smooth = ndimage.gaussian_filter(channel, blur) if blur else channel
    paper = ndimage.grey_closing(smooth, size=(scale, scale), mode="nearest")
    return (paper - smooth) / np.maximum(paper, DIM), paper


def darkest(channels):
    """Return the largest darkness (rows, cols) of the channels (channels, rows, cols), in [0, 1].

    In colour, each channel is first lowered by how much its own grain stands
    above MIN_CONTRAST: a dim photo's noise differs from channel to channel,
    and the largest of three noises would stand above the ink.
    """
    if len(channels) > 1:
        channels = [dark - (grain_threshold(dark) - MIN_CONTRAST) for dark in channels]
    return np.clip(np.max(channels, axis=0), 0.0, 1.0)


def steady_darkness(gray, scale):
    """Return (darkness, blur): a gray picture's darkness (rows, cols) at the least blur that
    lets its ink stand out from the grain, and that blur in pixels (0: none needed).

    A dim or grainy photo's noise can be as dark, pixel by pixel, as a pencil
    stroke; smoothed over a few pixels, the noise averages out and the stroke
    stays. The darkest 0.3% of the pixels stand for the ink: the picture is
    smoothed more (BLURS) until they are STANDS_OUT times the grain's level,
    or as far as they stand out most. Only noise is smoothed away: a picture
    that is not NOISY pixel to pixel is not smoothed (a desk's grain is no
    noise), and a blur after which the paper is not QUIET, or nothing stands
    out at all, is no use (a texture, a portrait, pure noise stay as they are).
    """
    def standing(dark):
        level = grain_threshold(dark)
        return np.percentile(dark[::2, ::2], 99.7) / level if level <= QUIET else 0.0

    plain = darkness(gray, scale, 1.0)
    if noise_level(gray[..., 0]) < NOISY or standing(plain) >= STANDS_OUT:
        return plain, 0.0
    best, best_blur, most = plain, 0.0, 1.0  # a blur is no use unless something stands out
    for blur in BLURS:
        dark = darkness(gray, scale, blur)
        ratio = standing(dark)
        if ratio >= STANDS_OUT:
            return dark, blur
        if ratio >= most:
            best, best_blur, most = dark, blur, ratio
    return best, best_blur


def noise_level(gray):
    """Return how much a gray picture's pixels differ from their neighbours' mean: the median
    difference, as a share of the paper's lightness (its lightest tenth)."""
    differences = np.abs(gray - ndimage.gaussian_filter(gray, 1.0))
    return float(np.median(differences)) / max(float(np.percentile(gray, 90)), DIM)


def grain_threshold(dark):
    """Return the darkness above which a pixel stands out from the paper's grain (grain_level),
    MIN_CONTRAST at least."""
    return max(grain_level(dark), MIN_CONTRAST)


def paper_grain(dark, paper):
    """Return the darkness above which a pixel stands out from the grain (grain_threshold) of
    the whole picture or, if lower, of the paper alone: where the paper's estimate (rows,
    cols) is at least DESK_LIGHT of its lightest tenth.

    A desk around the page, dark, rough and dappled by light through leaves, is
    uneven all over; counted with the page, it makes a page look like a
    texture. A picture of a texture (grass, a wall, noise) has light within
    every closing's reach: all of it is measured, and it stays uneven. Light
    along more than PAPER_BORDER of the picture's border is no page lying on a
    desk (the sky above grass, a page filling the photo): all is measured too.
    A page dappled on a plain desk is smoother with its desk: the lower counts.
    """
    on_paper = paper >= DESK_LIGHT * np.percentile(paper[::2, ::2], 90)
    border = np.concatenate([on_paper[0], on_paper[-1], on_paper[:, 0], on_paper[:, -1]])
    whole = grain_threshold(dark)
    if border.mean() > PAPER_BORDER:
        return whole
    return min(whole, grain_threshold(dark[on_paper][np.newaxis]))  # the paper's, in one row


def grain_level(dark):
    """Return the darkness that the paper's grain reaches in `dark` (rows, cols), however low.

    Most of a picture is paper: its grain is measured on the lighter half of the
    pixels (their median and spread), whatever the rest holds (ink, desk, lines).
    """
    paper, light = np.percentile(dark[::2, ::2], [50, 10])
    return paper + NOISE_LEVELS * (paper - light)


def stroke_widths(marks):
    """Return (typical, widest) widths in pixels of the strokes in a mask, or (None, None).

    From the distance of each marked pixel to the paper: a stroke's half-width
    is about twice its mean, and the widest stroke twice the largest distances.
    """
    if not marks.any():
        return None, None
    box = ndimage.find_objects(marks.astype(np.int8))[0]
    inside = np.pad(marks[box], 1)
    distance = ndimage.distance_transform_edt(inside)[inside]
    return 4.0 * distance.mean(), 2.0 * np.percentile(distance, 99)


def ink_under_shade(writing, dark):
    """Return the mask (rows, cols) of the darkest ink in the `writing` found when the rest of
    it is shade (broader and fainter), else all False.

    Light through leaves lays patches of shade over the page, soft-edged and
    far broader than a stroke: closed at a large scale, the paper's estimate
    fills them in and they stand out as marks, joined to the ink or beside it.
    The ink is the writing's darkest pixels (DARKEST_INK of its darkest); when
    the rest, more of it than the ink, is itself SHADE_WIDE times as broad as
    their strokes (a blurred stroke's rim is thin) and SHADE_FAINT as dark at
    most, it is shade, and the ink alone gives the strokes' width. A pencil
    under dark shade, as dark as the shade, is left as it is.
    """
    none = np.zeros_like(writing)
    if not writing.any():
        return none
    top = float(np.percentile(dark[writing], 99))
    ink = writing & (dark >= DARKEST_INK * top)
    rest = writing & ~ink
    if np.count_nonzero(rest) < np.count_nonzero(ink):
        return none
    if np.median(dark[rest]) > SHADE_FAINT * top:
        return none
    width, broad = stroke_widths(ink)[0], stroke_widths(rest)[0]  # (not a blurred stroke's rim)
    if broad < SHADE_WIDE * width:
        return none
    return ink


def edge_regions(labels, reach):
    """Return the labels (a set) of the regions that are the desk or the page's edge.

    They touch the picture's border and either lie mostly (more than half) within
    `reach` pixels of it (strips and corners of desk, the page's edges) or run
    along most of it. A digit that merely touches the border is not one of them.
    A frame all around the picture's middle (a slate's or a whiteboard's, on a
    desk like it) is one too, touching the border or not: it lies mostly within
    `reach` of the border, spans FRAME_SPAN of both its sides, and holds a mark
    the writing could start from within its box (holds_marks, a SPECK_SIDE of the
    picture's short side: a small digit on a large slate weighs far less than
    its frame). A large 0 cropped tight holds nothing. `labels` are numbered 1,
    2, ... without gaps.
    """
    count = labels.max() + 1
    if count == 1:
        return set()
    touching = set(border_labels(labels)) - {0}
    near = np.zeros(labels.shape, bool)
    reach = max(1, int(reach))
    near[:reach], near[-reach:], near[:, :reach], near[:, -reach:] = True, True, True, True
    share_near = np.bincount(labels[near], minlength=count) / np.maximum(
        np.bincount(labels.ravel(), minlength=count), 1)
    boxes = ndimage.find_objects(labels)
    spans = np.array([((rows.stop - rows.start) / labels.shape[0],
                       (cols.stop - cols.start) / labels.shape[1])
                      for rows, cols in boxes]).reshape(-1, 2)
    long = np.r_[False, spans.max(axis=1) > 0.6]
    framing = np.r_[False, spans.min(axis=1) > FRAME_SPAN] & (share_near > 0.5)
    speck = max(6, SPECK_SIDE * min(labels.shape))
    frames = {label for label in np.flatnonzero(framing).tolist()
              if holds_marks(labels[boxes[label - 1]], label, speck)}
    return {label for label in touching if long[label] or share_near[label] > 0.5} | frames


def holds_marks(labels, label, speck):
    """Return True when the marks other than region `label` in `labels` (rows, cols: its box)
    hold one at least `speck` pixels tall or wide."""
    others = ndimage.label((labels > 0) & (labels != label), structure=np.ones((3, 3)))[0]
    return any(max(rows.stop - rows.start, cols.stop - cols.start) >= speck
               for rows, cols in ndimage.find_objects(others))


def lines_angle(marks, runs=2, directions=(0, 1), length=LINE_LENGTH):
    """Return the angle in degrees of ruled lines in a mask of marks, or None if there are none.

    A Hough transform for long lines: at each angle, the marks are projected
    across the lines' direction, for rows and for columns of the page (the
    `directions` 0 and 1); ruled lines gather the marks most sharply into a few
    bins. The sharpest angle is sought every 2 degrees, then every half degree
    around it. Ruled paper has at least `runs` parallel lines covering
    `length` of the picture's width (or height) there.
    """
    step = max(1, max(marks.shape) // 200)
    small = ndimage.maximum_filter(marks, size=step)[::step, ::step]
    rows, cols = np.nonzero(small)
    if rows.size == 0:
        return None

    def chosen(angle):
        found = projected(rows, cols, small.shape, angle)
        return [found[k] for k in directions]

    def sharpness(angle):
        return sum(np.sum(counts ** 2.0) for counts, _ in chosen(angle))

    coarse = max(LINE_ANGLES[::4], key=sharpness)
    angle = max(LINE_ANGLES[np.abs(LINE_ANGLES - coarse) <= 2], key=sharpness)
    for counts, along in chosen(angle):
        full = counts > length * along
        if true_runs(full)[0].size >= runs:  # runs of full bins
            return angle
    return None


def projected(rows, cols, shape, angle):
    """Return [(counts, length)]: marks at (rows, cols) counted in bins across lines at `angle`,
    for lines along the rows and along the columns, with the picture's length along them."""
    cos, sin = np.cos(np.deg2rad(angle)), np.sin(np.deg2rad(angle))
    return [(np.bincount(np.round(across - across.min()).astype(int)), along)
            for across, along in ((rows * cos + cols * sin, shape[1]),
                                  (cols * cos - rows * sin, shape[0]))]


def page_angle(gray):
    """Return the angle in degrees by which the page is turned, from its straight edges, or 0.

    The page's edges against the desk are long straight steps of light: where the
    picture, a little blurred, changes fast. Their angle is found as ruled lines
    are (lines_angle).
    """
    smooth = ndimage.gaussian_filter(gray, 2.0)
    steep = np.hypot(ndimage.sobel(smooth, axis=0), ndimage.sobel(smooth, axis=1)) / 8
    angle = lines_angle(steep > EDGE_STEP, runs=1)
    return 0.0 if angle is None else float(angle)


def without_lines(dark, marks, width, parts=PARTS):
    """Return the darkness with long, thin, straight lines taken out (ruled and squared paper).

    The lines along the rows and those along the columns are sought each at
    their own angle (a photo taken at a slant does not keep a grid's right
    angles), once the paper is known to be ruled (lines_angle); and in each
    of `parts` bands across them at the band's own angle (or the whole
    picture's, when the band has too few to tell), since a slant makes
    parallel lines converge (lines_in_band). For each, the band is turned
    so that they run straight (lines_along), and they are taken away.
    """
    if lines_angle(marks) is None:
        return dark
    lines = np.zeros_like(dark)
    for direction in (0, 1):
        whole = lines_angle(marks, runs=1, directions=(direction,))
        for band in bands(dark.shape[direction], parts):
            part = across(band, direction)
            angle = lines_angle(marks[part], runs=1, directions=(direction,))
            angle = whole if angle is None else angle
            if angle is not None:
                lines[part] = np.maximum(lines[part],
                                         lines_in_band(dark, band, angle, direction, width))
    return np.clip(dark - lines, 0.0, 1.0)


def bands(length, parts):
    """Return `parts` slices that cut `length` pixels into bands of about equal width."""
    cuts = np.linspace(0, length, parts + 1).round().astype(int)
    return [slice(int(start), int(stop)) for start, stop in zip(cuts[:-1], cuts[1:])]


def across(band, direction):
    """Return the index of a band (a slice) of rows (`direction` 0) or of columns (1)."""
    return (band, slice(None)) if direction == 0 else (slice(None), band)


def lines_in_band(dark, band, angle, direction, width):
    """Return the darkness of the lines at `angle` in a band of rows (`direction` 0) or of
    columns (1) of `dark` (rows, cols).

    They are sought (lines_along) in the band widened by as much as such a line
    climbs across the picture, so that the lines through the band are whole.
    """
    climb = int(np.ceil(abs(np.tan(np.deg2rad(angle))) * dark.shape[1 - direction]))
    around = slice(max(0, band.start - climb), band.stop + climb)
    found = lines_along(dark[across(around, direction)], angle, direction, width)
    inner = slice(band.start - around.start, band.stop - around.start)
    return found[across(inner, direction)]


def lines_along(dark, angle, direction, width):
    """Return the darkness (rows, cols) of the lines at `angle` along rows (`direction` 0) or
    columns (1).

    Turned so that the lines run straight, a line is what stays after an
    opening by a long thin bar but not by a thicker bar: as thick as the
    strokes (`width` pixels), as the thickest printed lines (printed_thickness:
    a grid's thicker lines) or as LONG_STROKE of its length, whichever is
    thickest. A digit's strokes are shorter, or thicker. The lines found are
    turned back.
    """
    widened = ndimage.maximum_filter(turned(dark, angle), size=3)  # a line a little off the
    #                                                               angle stays whole
    if direction == 1:
        widened = widened.T
    across = max(3, int(LINE_LENGTH * dark.shape[1 - direction]))
    along = ndimage.grey_opening(widened, size=(1, across))
    printed = printed_thickness(along > grain_threshold(dark))
    thick = max(4, round(0.7 * width) + 2, printed + 1, round(LONG_STROKE * across))
    lines = along - ndimage.grey_opening(widened, size=(thick, across))
    if direction == 1:
        lines = lines.T
    return turned_back(lines, angle, dark.shape)


def turned(image, angle, order=1, mode="constant"):
    """Return an image (rows, cols[, channels]) turned by -`angle` degrees, enlarged to fit."""
    return ndimage.rotate(image, -angle, order=order, reshape=True, mode=mode)


def turned_back(image, angle, shape, order=1):
    """Return an image `turned` by `angle` turned back, cut to the `shape` (rows, cols) it had
    before."""
    back = ndimage.rotate(image, angle, order=order, reshape=False, mode="constant")
    back = np.pad(back, [(max(0, side - now + 1) // 2,) * 2  # a thin picture, turned, can
                         for side, now in zip(shape, back.shape)])  # be smaller than it was
    top = (back.shape[0] - shape[0]) // 2
    left = (back.shape[1] - shape[1]) // 2
    return back[top:top + shape[0], left:left + shape[1]]


def printed_thickness(lines):
    """Return the thickness in pixels of the printed lines in a mask of lines along its rows.

    That of the REPEATED-th thickest line: a grid's thicker lines repeat all
    over the page, a stroke does not. 0 when fewer lines are found.
    """
    starts, stops = true_runs(lines.any(axis=1))  # the rows that each line runs along
    thickness = np.sort(stops - starts)
    return int(thickness[-REPEATED]) if thickness.size >= REPEATED else 0


def true_runs(held):
    """Return (starts, stops): where each run of True in a 1-D mask begins and ends (stop
    excluded), as two arrays of indices."""
    starts = np.flatnonzero(held & ~np.r_[False, held[:-1]])
    stops = np.flatnonzero(held & ~np.r_[held[1:], False]) + 1
    return starts, stops


def marks_of(dark, width, parts=PARTS):
    """Return (darkness, marks): ruled lines taken out, and the mask of what stands out.

    On ruled paper, what is left of the lines where they met the writing is
    thin: an opening of the mask cuts those threads off the writing.
    """
    lined = without_lines(dark, dark > grain_threshold(dark), width, parts)
    marks = lined > grain_threshold(lined)
    if lined is not dark:
        marks = ndimage.binary_opening(marks, structure=np.ones((2, 2)))
    return lined, marks


def along_faint_strokes(kept, marks, dark, width, outside):
    """Return the writing `kept` (rows, cols) grown along its faint strokes to the marks they reach.

    A faint pencil stroke stands out from the paper only in its darker grains,
    and the writing found may be some of them. Up to a stroke's `width` pixels
    from a mark not `outside` (the desk, the page's edges), what is as dark as
    INK_THRESHOLD of that mark's darkest pixel (what counts as ink) and FAINT
    of the level marks stand out by is stroke: the writing grows along it, and
    takes the marks it reaches but those outside, and those fainter than
    FAINTER of the writing (the dashes left of a printed grid: growing from
    one to the next, the writing would take the whole page). A pen stroke,
    far darker than the level, has no such faint stroke around it: it stays
    as it is.
    """
    inside = marks & ~outside
    labels, count = ndimage.label(inside, structure=np.ones((3, 3)))
    if count == 0:
        return kept
    peaks = np.r_[0.0, ndimage.maximum(dark[inside], labels[inside], np.arange(1, count + 1))]
    inside &= peaks[labels] >= FAINTER * dark[kept].max()
    away, (rows, cols) = ndimage.distance_transform_edt(~inside, return_indices=True)
    floor = np.maximum(INK_THRESHOLD * peaks[labels[rows, cols]], FAINT * grain_threshold(dark))
    stroke = ~marks & (away <= width) & (dark > floor)
    return ndimage.binary_propagation(kept, mask=kept | stroke | inside)


def out_of_frame(kept, dark, width, light, side):
    """Return the writing `kept` (rows, cols) taken out of the printed frame it was found in.

    A digit written in one box of a form's row of boxes touches the box, and
    the writing found is the whole row: then the writing is BOXES times as
    wide as tall or more, and two lines or more run straight across FRAME_LINE
    of its width (the boxes' top and bottom: lines_angle; the top and bottom
    of a digit's loop are curved, and shorter). Turned so that they run
    straight, and cut to the frame between them (frame_rows), the walls are
    taken out (marks_of: the frame is too small to cut into bands, its walls
    are evenly spaced), and the writing is found again among what is left
    there (writing_regions: the walls' pieces touch the frame's edges).
    Handwriting alone, even a row of 1s, has no two lines across its whole
    width: it is kept as it is, and so is the writing when what is found in
    the frame is less tall than SMALL of it.
    """
    box = ndimage.find_objects(kept.astype(np.int8))[0]
    tall, wide = (along.stop - along.start for along in box)
    angle = lines_angle(kept[box], directions=(0,), length=FRAME_LINE)
    if angle is None or wide < BOXES * tall:
        return kept
    standing = turned(kept[box].astype(np.uint8), angle, order=0) > 0  # its lines along rows
    frame = frame_rows(standing)
    if frame is None:
        return kept
    lined, marks = marks_of(turned(dark[box], angle, mode="nearest")[frame], width, parts=1)
    paper = turned(light[box], angle, mode="nearest")[frame]
    found = np.zeros(standing.shape, np.uint8)
    found[frame] = writing_regions(marks, lined, 1, paper, side)[0]
    rows = np.flatnonzero(found.any(axis=1))
    if rows.size == 0 or rows[-1] - rows[0] < SMALL * (frame.stop - frame.start):
        return kept  # nothing, or a speck: no digit written in the frame
    framed = np.zeros_like(kept)
    framed[box] = turned_back(found, angle, kept[box].shape, order=0) > 0
    return framed


def form_walls(marks, lines, width):
    """Return the mask (rows, cols) of the marks that are the walls of a form's row of boxes.

    When the boxes' top and bottom lines were taken out as ruled lines (`lines`,
    (rows, cols): the mask of what was taken out), their walls are left:
    upright straight bars (bar_shape) whose two ends meet those lines (within a
    stroke's `width`), REPEATED or more of them as long as each other (to a
    stroke's width). 1s written on ruled paper between two lines may be such
    bars too; but a ruled line runs on past the writing (runs_past), and a
    form's lines end at its outer walls.
    """
    if not lines.any():
        return np.zeros_like(marks)
    labels, _ = ndimage.label(marks, structure=np.ones((3, 3)))
    boxes = ndimage.find_objects(labels)
    reach = max(2, int(round(width)))
    between_lines = {}  # label -> height of the upright bars whose ends meet the lines
    for label, (rows, cols) in enumerate(boxes, start=1):
        above = lines[max(0, rows.start - reach):rows.start, cols]
        below = lines[rows.stop:rows.stop + reach, cols]
        if not (above.any() and below.any()):
            continue  # its ends meet no lines (most marks: the cheap test first)
        length, _ = bar_shape(labels[rows, cols] == label)
        if length is not None and rows.stop - rows.start >= 0.9 * length:  # an upright bar
            between_lines[label] = rows.stop - rows.start
    walls = [label for label, height in between_lines.items()
             if sum(abs(other - height) <= width for other in between_lines.values())
             >= REPEATED]
    if len(walls) < REPEATED or runs_past(lines, [boxes[label - 1] for label in walls], reach):
        return np.zeros_like(marks)
    return np.isin(labels, walls)


def runs_past(lines, boxes, reach):
    """Return whether the line (a mask (rows, cols)) along the walls' (boxes, slices) top runs on
    past the outermost ones by more than a box's width (the widest gap between walls).

    A form's outer wall may be joined to the digit written against it, and not
    found: its line may then run one box past the walls found, no more.
    """
    top = min(rows.start for rows, _ in boxes)
    starts = sorted(cols.start for _, cols in boxes)
    right = max(cols.stop for _, cols in boxes)
    box = np.diff(starts).max() + reach  # the widest box, to a stroke's width
    columns = np.flatnonzero(lines[max(0, top - reach):top + reach].any(axis=0))
    return columns.size > 0 and (columns[0] < starts[0] - box or columns[-1] >= right + box)


def frame_rows(mask):
    """Return the rows (a slice) between a frame's top line and its bottom line in a mask
    (rows, cols) where they run straight along the rows, or None when there are not two.

    Its lines are the rows (a row's neighbours counted with it) that hold
    LINE_LENGTH of the mask's width.
    """
    cols = np.flatnonzero(mask.any(axis=0))
    across = ndimage.maximum_filter1d(mask, 3, axis=0).sum(axis=1)  # (rows,)
    starts, stops = true_runs(across >= LINE_LENGTH * (cols[-1] - cols[0] + 1))  # its lines
    if starts.size < 2:
        return None
    return slice(int(stops[0]), int(starts[-1]))


def unenclosed_regions(labels, candidates, light, groups=None):
    """Return the labels (a set) of the `candidates` regions that paper does not enclose.

    Ink is darker than the paper all around it: at least ENCLOSED of the pixels
    just outside a region (within 2 pixels) are lighter (`light`, (rows, cols))
    than the region's mean, by at least half the way to the lightest of them
    (the paper). The tip of a shadow, where its edge meets the page's, has paper
    on one side only: the shadow goes on beyond it, and the desk. `groups`
    (labels as `labels`, over a wider mask) says where a region's outside
    begins: a grainy stroke's gaps are inside it.
    """
    groups = labels if groups is None else groups
    unenclosed = set()
    boxes = ndimage.find_objects(groups)
    for label in candidates:
        rows, cols = boxes[label - 1]
        box = (slice(max(0, rows.start - 2), rows.stop + 2),
               slice(max(0, cols.start - 2), cols.stop + 2))
        region = labels[box] == label
        ring = ndimage.binary_dilation(groups[box] == label, iterations=2) & (groups[box] == 0)
        if not ring.any():
            continue
        around, inside = light[box][ring], light[box][region].mean()
        lighter = inside + max(LIGHTER, (np.percentile(around, 90) - inside) / 2)
        if np.mean(around > lighter) < ENCLOSED:
            unenclosed.add(label)
    return unenclosed


def page_edges(labels, boxes, mass, light, groups, side):
    """Return the labels (a set) of the regions that are a page's edge: long thin lines
    (thin_line) that paper does not enclose (unenclosed_regions).

    Where a page runs off the picture it is not found whole, and its edge, a
    thin line between the paper and the desk (the page's shadow), is a mark as
    dark as ink; but paper lies on one side of it only, and it runs over
    EDGE_SPAN of the picture's short side (`side`) at least. A 1 is a thin
    line too, with paper all around it (or, under stripes of shade, a shade on
    one side: but it is no longer than a digit). Only regions holding SPECK of
    the most ink are looked at (`mass`, (regions,); `boxes`, their slices).
    """
    large = np.flatnonzero(mass >= SPECK * mass.max()) + 1
    lines = [label for label in large
             if thin_line(labels[boxes[label - 1]] == label, EDGE_SPAN * side)]
    return unenclosed_regions(labels, lines, light, groups)


def thin_line(mask, length):
    """Return True when a mask (rows, cols) is a line `length` pixels long at least, LINE_BAR times
    as long as it is thick, filling EDGE_FILL of the rectangle its pixels spread over (no curve)."""
    along, across, pixels = spread_of(mask)
    return bool(along >= max(length, LINE_BAR * across) and pixels >= EDGE_FILL * along * across)


def opened(mask, radius):
    """Return the parts of a mask (rows, cols) that a disk of `radius` pixels fits in.

    A binary opening by that disk, done with two distance transforms, so that a
    large disk costs no more than a small one.
    """
    centres = ndimage.distance_transform_edt(mask) >= max(1.0, radius)
    if not centres.any():
        return np.zeros_like(mask)
    return ndimage.distance_transform_edt(~centres) <= max(1.0, radius)


def shadows(dark, kept, light):
    """Return the mask (rows, cols) of the parts of the writing that are shadows, not ink.

    A hard shadow cut into pieces by the page's edge or by the writing can be as
    dark against the paper as a stroke; but ink is darkest in its strokes, while
    a piece of shadow is fainter than the ink (SHADOW of its level), thicker
    than the strokes (a disk as wide as two strokes fits in it), and either not
    enclosed by paper (the shadow goes on beyond it: unenclosed_regions) or
    broader still (BROAD times: no smear of a stroke is). The strokes' rims,
    faint too, are no pieces: they are too thin. The faint tips left beside a
    piece go with it.
    """
    shadow = np.zeros_like(kept)
    rows, cols = ndimage.find_objects(kept.astype(np.int8))[0]
    box = (slice(max(0, rows.start - 3), rows.stop + 3),
           slice(max(0, cols.start - 3), cols.stop + 3))
    kept, dark, light = kept[box], dark[box], light[box]  # the writing's box, and a ring
    faint = kept & (dark < SHADOW * np.percentile(dark[kept], 95))
    width, _ = stroke_widths(kept & ~faint)
    if width is None:
        return shadow
    wide = opened(faint, width / 3)  # the strokes' rims are too thin to be pieces
    labels, count = ndimage.label(wide)
    depth = ndimage.distance_transform_edt(wide)  # the radius of the largest disk at each pixel
    thick, thicker = (set(np.unique(labels[depth >= radius])) - {0}
                      for radius in (width, BROAD * width))
    labels[kept & ~wide] = count + 1  # the strokes are not the paper around a piece
    pieces = np.isin(labels, list(unenclosed_regions(labels, thick, light) | thicker))
    pieces = ndimage.binary_dilation(pieces, iterations=2) & faint
    rest, count = ndimage.label(kept & ~pieces, structure=np.ones((3, 3)))
    beside = set(np.unique(rest[ndimage.binary_dilation(pieces)])) - {0}
    tips = [label for label in beside if not (~faint[rest == label]).any()]  # no ink in them
    shadow[box] = pieces | np.isin(rest, tips)
    return shadow


def writing_regions(marks, dark, reach, light, side, joined=None, drawings=False, printed=None):
    """Return (kept, labels, edges, refused): the mask of the regions that make up the writing,
    all regions, the labels of those that are the desk or the page's edges, and the labels of
    all those refused as the desk, the page's edges or a pen lying on the page.

    Marks within 2 JOIN pixels of each other are one region (the specks of a
    grainy pencil stroke), and so are those that a mask `joined` (rows, cols)
    joins (the grains of a crayon's stroke: grains_joined). The desk and the
    page's edges are dropped (edge_regions, `reach` pixels from the border),
    unless nothing else is there, and so are punched holes (punched_holes),
    lines of print (PRINTED of a region's marks printed_words)
    and faint marks that the paper does not enclose (unenclosed_regions,
    `light` the picture's lightness: the tips of shadows); with `drawings`,
    doodles beside the writing are dropped (doodles_drawn), told apart as they
    were drawn, before `joined` joins them to it (a stamp's word may have
    been taken out as print: `printed`, (rows, cols) or None);
    the writing grows from the region with the most ink (of those at least
    SPECK_SIDE of `side`, the picture's short side as taken, wide or tall;
    beside it when that one is a pen lying on the page: not_a_pen) to
    every region near it (within NEAR of its height) holding at least SPECK of
    that ink and as dark as FAINTER of it, small ones (less tall than SMALL of
    it) only within GAP stroke widths or APART of the writing's height, unless
    they lie within the box of a mark kept (a digit written in a bold box,
    heavier than the digit: the box is taken away by ring_around); specks,
    faint marks, other writing (printed words, punched holes) and marks far away
    are dropped.
    """
    close = ndimage.binary_dilation(marks, structure=np.ones((3, 3)), iterations=JOIN)
    grouped = close if joined is None else close | joined
    groups, count = ndimage.label(grouped, structure=np.ones((3, 3)))
    labels = groups * marks
    if count == 0:
        return np.zeros_like(marks), labels, set(), set()
    mass = np.bincount(labels[marks], weights=dark[marks], minlength=count + 1)[1:]
    peak = np.zeros(count + 1)
    np.maximum.at(peak, labels[marks], dark[marks])
    peak = peak[1:]
    boxes = ndimage.find_objects(labels)
    speck = max(6, SPECK_SIDE * side)  # the writing starts from no smaller region
    sized = np.array([max(b[0].stop - b[0].start, b[1].stop - b[1].start) >= speck
                      for b in boxes])
    edges = edge_regions(labels, reach)
    inside = mass.copy()
    inside[[label - 1 for label in edges]] = 0
    faint = np.flatnonzero((mass >= SPECK * mass.max()) & (peak < SHADE * peak.max())) + 1
    inside[[label - 1 for label in unenclosed_regions(labels, faint, light, groups)]] = 0
    inside[[label - 1 for label in page_edges(labels, boxes, mass, light, groups, side)]] = 0
    words = np.bincount(labels[marks & printed_words(marks)], minlength=count + 1)[1:]
    inside[words >= PRINTED * np.bincount(labels[marks], minlength=count + 1)[1:]] = 0
    darkest_marks = set(np.flatnonzero(peak >= SHADE * peak.max()) + 1)
    desk = set(on_desk(groups, light, darkest_marks)) | punched_holes(labels, boxes, sized)
    inside[[label - 1 for label in desk]] = 0
    drawn = doodles_drawn(marks, dark, labels if joined is None else ndimage.label(
        close, structure=np.ones((3, 3)))[0] * marks, groups, inside, printed) if drawings else None
    if drawn is not None and drawn.any():  # found again without them, joined as the rest is
        marks = marks & ~drawn
        joined = None if joined is None else ndimage.binary_propagation(
            marks, mask=joined & ~drawn)
        return writing_regions(marks, dark, reach, light, side, joined)
    if np.max(inside * sized) > 0:  # the desk and the page's edges dropped, unless they are
        mass = inside               # all there is: a digit cropped so tightly it touches them
    if np.max(mass * sized) <= 0:
        return np.zeros_like(marks), labels, edges, edges | desk
    first = int(np.argmax(mass * sized))
    start = not_a_pen(first, labels, mass * sized, peak)
    refused = edges | desk | ({first + 1} if start != first else set())  # and the pen
    if start != first:  # the writing starts beside the pen, and does not grow into it
        mass[first], first = 0.0, start
    kept = {first}
    pen = FAINTER * peak[first]  # marks much fainter than the writing are not ink
    height = boxes[first][0].stop - boxes[first][0].start
    width, _ = stroke_widths(labels[boxes[first]] == first + 1)
    while True:
        top = min(boxes[k][0].start for k in kept)
        bottom = max(boxes[k][0].stop for k in kept)
        left = min(boxes[k][1].start for k in kept)
        right = max(boxes[k][1].stop for k in kept)
        reach = NEAR * (bottom - top)
        near = {k for k in range(count) if k not in kept and mass[k] >= SPECK * mass.max()
                and peak[k] >= pen
                and boxes[k][0].stop > top - reach and boxes[k][0].start < bottom + reach
                and boxes[k][1].stop > left - reach and boxes[k][1].start < right + reach}
        small = {k for k in near if boxes[k][0].stop - boxes[k][0].start < SMALL * height
                 and not any(inside_box(boxes[k], boxes[j]) for j in kept)}  # (held: boxed)
        apart = max(GAP * width, APART * (bottom - top))  # how far its own parts may be
        near -= {k for k, gap in gaps(labels, kept, small).items() if gap > apart}
        if not near:
            break
        kept |= near
    return np.isin(labels, [k + 1 for k in kept]), labels, edges, refused


def doodles_drawn(marks, dark, labels, groups, weights, printed=None):
    """Return the mask (rows, cols) of the doodles among the marks as they were drawn (doodles).

    labels: the marks' regions (marks within 2 JOIN pixels of each other), or
    None to find them; groups: the regions of the writing as grouped (larger:
    joined by a crayon's grains), `weights` the ink of each (0: the desk, the
    page's edges, print); a mark in a group of no weight is no writing.
    printed: (rows, cols) the print taken out of the marks, or None (stamps).
    """
    if labels is None:
        grouped = ndimage.binary_dilation(marks, structure=np.ones((3, 3)), iterations=JOIN)
        labels = ndimage.label(grouped, structure=np.ones((3, 3)))[0] * marks
    weighed = weights[groups[marks] - 1] > 0
    mass = np.bincount(labels[marks], weights=dark[marks] * weighed)[1:]
    boxes = ndimage.find_objects(labels)
    found = doodles(labels, boxes, mass) + stamps(labels, boxes, mass, printed) + blots(
        labels, boxes, mass)
    return np.isin(labels, [k + 1 for k in found])


def looked_at(mass):
    """Return the numbers less one of the marks that doodles, stamps and blots look at: those
    with SPECK of the most ink (`mass`, one per mark), two to DRAWINGS_MOST (a texture: none)."""
    big = np.flatnonzero(mass >= SPECK * mass.max()) if mass.max() > 0 else []
    return big if 2 <= len(big) <= DRAWINGS_MOST else []


def doodles(labels, boxes, mass):
    """Return the region numbers less one of the doodles drawn beside the writing.

    labels: (rows, cols) regions numbered from 1, boxes their find_objects;
    mass: each region's ink. A learner doodles beside the answer: a star, a
    heart, a smiley, a spiral, a zigzag, a quarter to half the digit's height.
    A doodle is a drawing (drawing): a closed outline, or a stroke that turns
    on itself, while a digit's parts written apart are bars, hooks and arcs (a
    5's flag, a 7's bar, a 4's flag, a broken 0's halves); or a filled blob, its
    strokes BLOB times as wide as the writing's (a marker's star or heart, its
    holes filled in), while a digit's parts are in its pen (a dot is as wide as
    its strokes). Either is alone: no other mark within NEARLY of a stroke
    width, the thinner of its own and the writing's (a 9's loop written apart
    from its stem touches it, or nearly). It is small beside
    the writing: less than DRAWING of the height of a mark near it (within NEAR
    of that height), and not within that mark's box (a digit inside a ring
    drawn around it is no doodle; ring_around). A whole 0 or 8, alone, is the
    tallest mark; its halves written apart are no smaller than DRAWING of each
    other. What lies within a doodle's box is the doodle's (a smiley's eyes).
    Only the marks with SPECK of the most ink are looked at, DRAWINGS_MOST at
    most (a texture).
    """
    big = looked_at(mass)
    if len(big) == 0:
        return []
    rows = np.array([[boxes[k][0].start, boxes[k][0].stop] for k in big])
    cols = np.array([[boxes[k][1].start, boxes[k][1].stop] for k in big])
    heights = rows[:, 1] - rows[:, 0]
    sides = np.maximum(heights, cols[:, 1] - cols[:, 0])
    reach = NEAR * heights[None, :]  # (small, tall): the tall mark's reach
    near = ((rows[:, None, 1] > rows[None, :, 0] - reach)
            & (rows[:, None, 0] < rows[None, :, 1] + reach)
            & (cols[:, None, 1] > cols[None, :, 0] - reach)
            & (cols[:, None, 0] < cols[None, :, 1] + reach))
    held = ((rows[:, None, 0] >= rows[None, :, 0]) & (rows[:, None, 1] <= rows[None, :, 1])
            & (cols[:, None, 0] >= cols[None, :, 0]) & (cols[:, None, 1] <= cols[None, :, 1]))
    beside = near & ~held & (sides[:, None] < DRAWING * heights[None, :])  # (small, tall)
    seen = np.flatnonzero(beside.any(axis=1) | beside.any(axis=0))  # each mark measured once
    widths = dict(zip(seen, (mark_width(labels[boxes[big[i]]] == big[i] + 1) for i in seen)))
    found = []
    for small in np.flatnonzero(beside.any(axis=1)):
        k, width = big[small], widths[small]
        tall = max(widths[i] for i in np.flatnonzero(beside[small]))  # the writing's strokes
        if (width >= BLOB * tall or drawing(labels[boxes[k]] == k + 1, width)) and alone(
                labels, boxes[k], k + 1, min(width, tall)):
            found.append(k)
    within = [k for k in range(len(boxes)) if found and boxes[k] is not None and any(
        inside_box(boxes[k], boxes[d]) for d in found)]
    return sorted(set(found) | set(within))


def stamps(labels, boxes, mass, printed=None):
    """Return the region numbers less one of the teacher's stamps beside the writing: their
    outlines, what lies within them, and outlines around them (a double ring).

    labels: (rows, cols) regions numbered from 1, boxes their find_objects;
    mass: each region's ink; printed: (rows, cols) the print taken out of the
    marks, or None. A rubber stamp is a ring, an oval or a frame (thin, maybe
    patchy: its gaps up to RING_GAP of its size closed) holding a word in
    small letters (SEEN, DONE, CHECKED), turned any way, its letters often
    joined, and to the outline too. The marks held within its outline (and
    the print there: an upright word is taken for print) and its own pixels
    deeper than RIM of its stroke width (or deeper than the next ring's within
    it, STAMP_RINGS in all) make a line of letters (line_of_letters). A digit
    circled is no line of letters (ring_around), a 0 or an 8 holds nothing,
    a grid's walls or a row of boxes' are as tall as the outline, and an
    outline holding the heaviest mark is a box around the answer. A ring stamp's
    words run around the ring, no line: a ring holding a star or a word in
    its middle, its own ink deeper than a plain ring's, is a stamp too
    (middle_and_words). Only the marks with SPECK of the most ink are outlines
    looked at, DRAWINGS_MOST at most (a texture); what they hold may have less.
    """
    big = looked_at(mass)
    if len(big) == 0:
        return []
    found = set()
    for k in big:
        mask = labels[boxes[k]] == k + 1
        depth = depth_within(mask, RING_GAP)
        ids = labels[boxes[k]]
        whole = np.bincount(ids.ravel(), minlength=len(boxes) + 1)
        deep = np.bincount(ids[depth > 0], minlength=len(boxes) + 1)
        held = [j - 1 for j in np.flatnonzero((deep == whole) & (whole > 0))
                if j > 0 and j != k + 1 and inside_box(boxes[j - 1], boxes[k])]
        outside = [mass[j] for j in big if j != k and j not in held]
        if held and max(mass[held]) >= max(outside, default=0.0):
            continue  # it holds the heaviest mark: a box around the answer, not a stamp beside it
        if middle_and_words(mask, depth, [boxes[j] for j in held], boxes[k]):
            found |= {k, *held}
            continue
        inner, letters = mask, np.isin(ids, [j + 1 for j in held])
        if printed is not None:
            letters |= printed[boxes[k]] & (depth > 0)
        for _ in range(STAMP_RINGS):  # the outline peeled off, ring by ring
            inner = inner & (depth_within(inner, RING_GAP) > RIM * mark_width(inner))
            if line_of_letters(letters | inner, min(mask.shape)):
                found |= {k, *held}
            if not inner.any() or k in found:
                break
    around = {j for j in big for k in found if j not in found and encloses(labels, boxes, j, k)}
    return sorted(found | around)


def middle_and_words(mask, depth, held, box):
    """Return True when an outline (rows, cols) bool, its pixels `depth` within it (depth_within),
    is a ring stamp: words around the ring, a star or a word in the middle.

    held: the boxes (slices, in the picture) of the marks it holds; box: its
    own. A ring stamp holds a mark in its middle, less than STAMP_MIDDLE of its
    smaller side across and centred to STAMP_CENTRED of it (a star, a grade,
    OK), and its own ink lies deeper than RIM of its strokes, STAMP_BUSY of it
    at least (words around the ring joined to it, an inner ring). A digit's
    strokes make its outline (an 8's crossing is all that lies deeper), and a
    digit circled fills more of its ring.
    """
    side = min(mask.shape)
    middle = [h for h in held if box_side(h) < STAMP_MIDDLE * side
              and np.hypot(*(box_centre(h) - box_centre(box))) <= STAMP_CENTRED * side]
    deep = np.count_nonzero(mask & (depth > RIM * mark_width(mask)))
    return bool(middle) and deep >= STAMP_BUSY * np.count_nonzero(mask)


def encloses(labels, boxes, outer, inner):
    """Return True when region `outer` (less one) of labels (rows, cols) holds region `inner`
    within its outline (its holes filled); boxes: their find_objects."""
    if not inside_box(boxes[inner], boxes[outer]):
        return False
    within = ndimage.binary_fill_holes(labels[boxes[outer]] == outer + 1)
    part = tuple(slice(b.start - o.start, b.stop - o.start)
                 for b, o in zip(boxes[inner], boxes[outer]))
    return bool(within[part][labels[boxes[inner]] == inner + 1].all())


def blots(labels, boxes, mass):
    """Return the region numbers less one of the ink blots beside the writing and their drops.

    labels: (rows, cols) regions numbered from 1, boxes their find_objects;
    mass: each region's ink. A fountain pen's blot is a filled blob, any
    size, with drops splashed around it: it holds a disk FILLED of its box's
    larger side across (a digit's strokes, even a marker's, are thinner
    beside its height), and BLOT times as wide as the strokes of the other
    marks with SPECK of the most ink (a thick digit beside a thin one is no
    blot; nothing is dropped when every mark is filled). Its drops are filled
    too, smaller, within its larger side of it. Only DRAWINGS_MOST marks are
    looked at (a texture).
    """
    big = looked_at(mass)
    if len(big) == 0:
        return []
    disks = {k: disk_across(labels[boxes[k]] == k + 1) for k in big}
    sides = {k: box_side(boxes[k]) for k in big}
    filled = [k for k in big if disks[k] >= FILLED * sides[k]]
    strokes = [mark_width(labels[boxes[k]] == k + 1) for k in big if k not in filled]
    if not strokes:
        return []
    found = [k for k in filled if disks[k] >= BLOT * max(strokes)]
    drops = set()
    for k in found:
        reach = sides[k]
        window = tuple(slice(max(0, b.start - reach), b.stop + reach) for b in boxes[k])
        near = [j - 1 for j in np.unique(labels[window]) if j > 0 and j - 1 not in found
                and inside_box(boxes[j - 1], window)]
        if len(near) > DRAWINGS_MOST:
            continue
        drops |= {j for j in near if box_side(boxes[j]) < sides[k]
                  and disk_across(labels[boxes[j]] == j + 1)
                  >= FILLED * box_side(boxes[j])}
    return sorted(set(found) | drops)


def line_of_letters(mask, side):
    """Return True when a mark (rows, cols) bool is a line of letters within an outline `side`
    pixels across: along its main axis (any way turned) STAMP_LONG times as long as tall, less
    tall than STAMP_LETTER of `side`, and crossed STAMP_WORD times at least along a line
    parallel to that axis, at one of five heights (a word in two lines too)."""
    points = np.stack(np.nonzero(mask)).astype(np.float32)  # (2, pixels)
    if points.shape[1] < 2:
        return False
    centre = points.mean(axis=1, keepdims=True)
    across, along = np.linalg.eigh(np.cov(points).astype(np.float32))[1].T  # smaller first
    length, height = along @ (points - centre), across @ (points - centre)
    if np.ptp(length) < STAMP_LONG * np.ptp(height) or np.ptp(height) >= STAMP_LETTER * side:
        return False
    steps = np.arange(length.min(), length.max() + 1.0, dtype=np.float32)
    image = mask.astype(np.uint8)
    crossings = [len(true_runs(ndimage.map_coordinates(
        image, centre + along[:, None] * steps + across[:, None] * offset, order=0) > 0)[0])
        for offset in np.linspace(height.min(), height.max(), 7)[1:-1]]
    return max(crossings) >= STAMP_WORD


def disk_across(mask):
    """Return the diameter in pixels of the largest disk within a mark (rows, cols) bool."""
    return 2.0 * float(ndimage.distance_transform_edt(np.pad(mask, 1)).max())


def box_side(box):
    """Return the larger side in pixels of a box (slices)."""
    return max(b.stop - b.start for b in box)


def box_centre(box):
    """Return the centre (row, col) in pixels of a box (slices)."""
    return np.array([(b.start + b.stop) / 2 for b in box])


def inside_box(box, outer):
    """Return True when a box (slices) lies within another."""
    return all(o.start <= b.start and b.stop <= o.stop for b, o in zip(box, outer))


def mark_width(mask):
    """Return the typical stroke width in pixels (1 at least) of a mark (rows, cols) bool."""
    distance = ndimage.distance_transform_edt(np.pad(mask, 1))[1:-1, 1:-1][mask]
    return max(1.0, 4.0 * distance.mean() - 2.0)  # a pixel's distance counts from its centre


def drawing(mask, width):
    """Return True when a mark (rows, cols) bool, its strokes `width` pixels wide, is a drawing: a
    closed outline or a curled stroke.

    A closed outline (a heart, a smiley, a star drawn in one line) holds a hole
    of HOLE of its stroke width squared at least; a curled stroke (a zigzag, a
    spiral, a flower's petals) is CURLED times as long as its box's larger side
    at least (its length: its pixels over its width), while a hook or an arc
    is twice as long at most.
    """
    hole = np.count_nonzero(ndimage.binary_fill_holes(mask) & ~mask)
    curled = np.count_nonzero(mask) / width >= CURLED * max(mask.shape)
    return hole >= HOLE * width ** 2 or curled


def alone(labels, box, label, width):
    """Return True when no other mark of labels (rows, cols) lies within NEARLY of `width` (a
    stroke width) of region `label`, in its `box`, outside its outline.

    A mark that close is one with it: a 9's loop written apart from its stem
    touches it, or nearly.
    """
    mask = labels[box] == label
    gap = int(np.ceil(NEARLY * width))
    rows, cols = box
    around = (slice(max(0, rows.start - gap), rows.stop + gap),
              slice(max(0, cols.start - gap), cols.stop + gap))
    region = labels[around]
    outline = np.zeros(region.shape, dtype=bool)  # the drawing, its holes filled (a smiley's eyes)
    outline[rows.start - around[0].start:rows.stop - around[0].start,
            cols.start - around[1].start:cols.stop - around[1].start] = \
        ndimage.binary_fill_holes(mask)
    near = ndimage.distance_transform_edt(~outline) <= gap
    return not np.any(near & ~outline & (region > 0))


def ring_around(kept, width, row=False):
    """Return the mask (rows, cols) of a ring drawn around the writing `kept` (rows, cols), if
    it holds one (else all False).

    A learner circles an answer with a loop, often left open or overlapping
    at its ends, touching the digit at one place or not at all (and then
    found with it, being near it and larger). The writing's outline, its gaps
    up to RING_GAP of its size closed, is then the ring's: the ring's strokes
    lie within RIM stroke widths (`width`, pixels) of it, and the digit deeper
    inside, RING_HELD of the writing or more. A digit's own strokes all lie
    near its outline: a 0, 6, 8 or 9 has loops, but nothing inside them.
    A form's row of boxes holds its walls inside its outline: writing BOXES
    times as wide as tall is left to out_of_frame, but for a `row` whose
    writing has no straight lines across it (out_of_frame's): a ring around a
    row of digits is curved, and an answer box with a printed label beside it
    has no line across the whole width. (A single digit written beside other
    marks is wide too, and is not tried: its neighbours' cores may lie deep.)
    The ring is sought on a copy of the writing's box shrunk to RING_SIDE
    pixels. What is taken out is the writing but for the pieces, at full
    size and beyond RING_CUT stroke widths of the outline, that reach the
    deeper part: a digit touching the ring loses no more than where the ring
    lies, and a box's lines beneath a printed label go with the box.
    """
    ring = np.zeros_like(kept)
    if not kept.any():
        return ring
    rows, cols = ndimage.find_objects(kept.astype(np.int8))[0]
    wide = cols.stop - cols.start >= BOXES * (rows.stop - rows.start)
    if wide and (not row or lines_angle(kept[rows, cols], directions=(0,),
                                        length=FRAME_LINE) is not None):
        return ring
    step = -(-max(rows.stop - rows.start, cols.stop - cols.start) // RING_SIDE)  # ceiling
    small = pooled(kept[rows, cols], step)
    deep = small & (depth_within(small, RING_GAP) > RIM * width / step + 1)
    if deep.sum() < RING_HELD * small.sum():
        return ring
    box = kept[rows, cols]
    inner = enlarged(deep, step, box.shape)
    rest, _ = ndimage.label(box & (depth_within(box, RING_GAP) > RING_CUT * width),
                            structure=np.ones((3, 3)))
    held = np.unique(rest[inner & (rest > 0)])  # the pieces of what lies deeper that hold the digit
    ring[rows, cols] = box & ~np.isin(rest, held)
    return ring


def underlines(kept, width):
    """Return the mask (rows, cols) of the strokes drawn under the writing `kept` (rows, cols):
    underlines (else all False).

    A learner underlines an answer with a line in the same pen, apart from the
    digit and found with it (near it): the network then reads a 5 or a 3 as a
    2. An underline is a piece one stroke tall (UNDER_TALL stroke widths
    `width`, in pixels, at most: it may wave) and UNDER_LONG times as wide as
    tall at least, below the rest of the writing (its top under the rest's
    bottom, less half a stroke width; a second underline too), across
    UNDER_SPAN of the rest's width at least. A 2's base
    written apart is one too, but the 2's stroke ends over its first end: the
    rest's bottom (its pixels within a stroke width of it) lies over the
    piece's first UNDER_END, and it is kept.
    """
    pieces = ndimage.label(kept, structure=np.ones((3, 3)))[0]
    boxes = ndimage.find_objects(pieces)
    flat = [k + 1 for k, (rows, cols) in enumerate(boxes)
            if UNDER_LONG * (rows.stop - rows.start) <= cols.stop - cols.start
            and rows.stop - rows.start <= UNDER_TALL * width]  # each one stroke, lying flat
    rest = kept & ~np.isin(pieces, flat)
    if not flat or not rest.any():
        return np.zeros_like(kept)
    top, bottom = np.flatnonzero(rest.any(axis=1))[[0, -1]]
    left, right = np.flatnonzero(rest.any(axis=0))[[0, -1]]
    lowest = np.nonzero(rest[max(top, int(bottom - width)):bottom + 1])[1].mean()  # a column
    under = []
    for label in flat:
        rows, cols = boxes[label - 1]
        across = min(cols.stop, right + 1) - max(cols.start, left)  # pixels under the rest
        if (rows.start >= bottom - width / 2 and across >= UNDER_SPAN * (right + 1 - left)
                and lowest - cols.start >= UNDER_END * (cols.stop - cols.start)):
            under.append(label)
    return np.isin(pieces, under)


def pooled(mask, step):
    """Return a mask (rows, cols) shrunk `step` times: each block of step x step pixels is True
    when any of its pixels is."""
    rows, cols = -(-mask.shape[0] // step) * step, -(-mask.shape[1] // step) * step
    padded = np.zeros((rows, cols), dtype=bool)
    padded[:mask.shape[0], :mask.shape[1]] = mask
    return padded.reshape(rows // step, step, cols // step, step).any(axis=(1, 3))


def depth_within(mask, gap):
    """Return how far (pixels, (rows, cols)) each pixel lies within a mask's outline, its gaps
    up to `gap` of its larger side closed (the mask dilated by half the gap, its holes
    filled, and the half gap taken off again)."""
    reach = gap * max(mask.shape) / 2
    pad = int(reach) + 2
    grown = ndimage.distance_transform_edt(~np.pad(mask, pad)) <= reach
    depth = ndimage.distance_transform_edt(ndimage.binary_fill_holes(grown)) - reach
    return depth[pad:-pad, pad:-pad].astype(np.float32)


def stains(picture, marks, kept, dark, scale):
    """Return the mask (rows, cols) of the marks whose tint is a stain's, not the pen's (a coffee
    ring's rim).

    picture: (rows, cols, channels); marks, kept: masks of what stands out and
    of the writing found in it; dark: (rows, cols) the darkness, against paper
    closed at `scale`. A mug's ring lies on the page as a closed curve of a
    stain's tint, often touching the digit and joined to it; its rim is
    fainter than the ink. The pen's tint is that of the writing's darkest
    pixels (the darkest STAIN_CORE of them): each channel's share of their
    darkness, around the writing (its box, widened by `scale`). Marks there
    fainter than the half of those pixels make pieces; a piece is a stain's
    when its tint as a whole (its median) differs from the pen's by TINT or
    more (summed over the channels) and is brown: darker in green than in
    red, and darker still in blue. Pixel by pixel, a faint stroke's tint is
    noisy, and its rims take some of the paper's colour from a JPEG's coarser
    colours; and the writing found may be a rug's pattern, with the digit
    beside it of another colour. None in a picture of one channel.
    """
    stained = np.zeros_like(marks)
    if picture.shape[2] < 3 or not kept.any():
        return stained
    box, shares = tint_shares(picture, kept, scale)
    core = kept[box] & (dark[box] >= np.percentile(dark[kept], 100 * (1 - STAIN_CORE)))
    pen = np.median(shares[:, core], axis=1)  # (3,)
    pieces, count = ndimage.label(marks[box] & (dark[box] < np.median(dark[box][core])),
                                  structure=np.ones((3, 3)))
    if count == 0:
        return stained
    index = np.arange(1, count + 1)
    tints = median_tints(shares, pieces, index)  # (pieces, 3)
    brown = (tints[:, 0] < tints[:, 1]) & (tints[:, 1] < tints[:, 2])  # red, green, blue
    stained[box] = np.isin(pieces, index[brown & (np.abs(tints - pen).sum(axis=1) >= TINT)])
    return stained


def tint_shares(picture, kept, scale):
    """Return (box, shares): the box (slices) around the writing `kept` (rows, cols), widened by
    `scale`, and each channel's share of each pixel's darkness there (channels, rows, cols)."""
    rows, cols = ndimage.find_objects(kept.astype(np.int8))[0]
    box = (slice(max(0, rows.start - scale), rows.stop + scale),
           slice(max(0, cols.start - scale), cols.stop + scale))
    shares = np.clip(channel_darkness(picture[box], scale, 1.0), 0.0, None)
    return box, shares / np.maximum(shares.sum(axis=0), 1e-6)  # (none where nothing is dark)


def median_tints(shares, labels, index):
    """Return (regions, channels): the median of each channel's share `shares` (channels, rows,
    cols) over each region of `labels` (rows, cols) numbered `index` (only their own pixels
    are sorted)."""
    inside = labels > 0
    return np.array([ndimage.median(share[inside], labels[inside], index) for share in shares]).T


def red_or_green(tints):
    """Return (regions,) True where a tint (regions, 3: each channel's share of the darkness)
    is a teacher's red or green pen's: red (green) holds less than MARKER of it, the least."""
    return (np.argmin(tints, axis=1) < 2) & (tints.min(axis=1) < MARKER)


def other_pen(picture, kept, dark, scale):
    """Return the mask (rows, cols) of the writing's strokes in another pen's colour (a tick).

    picture: (rows, cols, channels); kept: the writing found; dark: (rows, cols)
    its darkness, against paper closed at `scale`. A teacher ticks an answer in
    red or green beside the learner's blue, black or pencil digit, and the tick
    is kept with it (two digits side by side). Each pixel's tint is each
    channel's share of its darkness (as in stains), on the writing's strong
    pixels only (at least half its median darkness: a stroke's rims take the
    paper's colour); the pen's tint is that of the piece of writing with the
    most ink, of those not in a teacher's red or green (MARKER), if any (a tick
    can outweigh a 1). Pixels whose tint differs from it by OTHER_PEN or more (summed
    over the channels) make pieces; those holding SPECK of the writing's ink at
    least, of a tint as a whole (their median) that differs too and is a
    teacher's red or green, are another pen's, with their rims (within `scale`
    / 3 of them, off the pen's strokes): a blue digit in a printed gray box,
    the box the heavier, is not another pen's. A digit written in one colour,
    whatever it is, keeps all its strokes. All False in a gray picture.
    """
    other = np.zeros_like(kept)
    if picture.shape[2] < 3 or not kept.any():
        return other
    box, shares = tint_shares(picture, kept, scale)
    mine, darkness = kept[box], dark[box]
    strong = mine & (darkness >= 0.5 * np.median(darkness[mine]))
    pieces, count = ndimage.label(mine, structure=np.ones((3, 3)))
    mass = np.bincount(pieces[strong], weights=darkness[strong], minlength=count + 1)
    index = np.arange(1, count + 1)
    tints = median_tints(shares, pieces * strong, index)
    learner = np.where(red_or_green(tints), 0.0, mass[1:])  # (pieces,) ink in a learner's pen
    first = np.argmax(learner if learner.any() else mass[1:]) + 1
    pen = np.median(shares[:, strong & (pieces == first)], axis=1)  # (3,)
    differs = strong & (np.abs(shares - pen[:, None, None]).sum(axis=0) >= OTHER_PEN)
    parts, count = ndimage.label(differs, structure=np.ones((3, 3)))
    if count == 0:
        return other
    index = np.arange(1, count + 1)  # of the parts, now
    weight = ndimage.sum(darkness, parts, index)
    tints = median_tints(shares, parts, index)
    another = index[(weight >= SPECK * np.sum(darkness[strong])) & red_or_green(tints)
                    & (np.abs(tints - pen).sum(axis=1) >= OTHER_PEN)]
    if len(another) == 0:
        return other
    rims = ndimage.binary_dilation(np.isin(parts, another), structure=np.ones((3, 3)),
                                   iterations=max(1, scale // 3))
    other[box] = rims & mine & ~(strong & ~differs)
    return other


def along_the_row(kept, labels, dark, refused):
    """Return the writing (rows, cols) bool grown along a row of digits to all its digits.

    The writing grows from its largest mark, and drops marks far fainter than
    it, or on a shadow's edge; but a row's digits are of about one height,
    along one line: the regions (`labels`, (rows, cols), numbered from 1) of
    ROW_HEIGHT of the row's digits' height to 1 / ROW_HEIGHT of it, their
    middle within the row's top and bottom, within ROW_GAP digit heights of
    its ends and as dark as ROW_FAINTER of it are digits of the row too; and
    marks within the row's box, ROW_PART of that height wide or tall, are
    their parts (a 5's flag written apart). Regions `refused` by writing_regions
    (the desk, the page's edges, a pen) are neither.
    """
    tops, bottoms, lefts, rights = np.array(  # (4, regions) each region's box
        [(down.start, down.stop, across.start, across.stop)
         for down, across in ndimage.find_objects(labels)]).T
    heights, middles = bottoms - tops, (tops + bottoms) / 2
    marked = labels > 0
    peak = np.asarray(ndimage.maximum(dark[marked], labels[marked], np.arange(1, tops.size + 1)))
    row = np.isin(np.arange(1, tops.size + 1), labels[kept])  # (regions,) the row's regions
    others = ~np.isin(np.arange(1, tops.size + 1), list(refused)) & (
        peak >= ROW_FAINTER * peak[row].max())
    tall = np.median(heights[row & (heights >= heights[row].max() / 2)])  # its digits' height
    while True:
        top, bottom = tops[row].min(), bottoms[row].max()
        left, right = lefts[row].min(), rights[row].max()
        found = (others & ~row & (heights >= ROW_HEIGHT * tall) & (heights <= tall / ROW_HEIGHT)
                 & (middles >= top) & (middles <= bottom)
                 & (rights > left - ROW_GAP * tall) & (lefts < right + ROW_GAP * tall))
        if not found.any():
            break
        row |= found
    parts = (others & ~row & (np.maximum(heights, rights - lefts) >= ROW_PART * tall)
             & (tops >= top) & (bottoms <= bottom) & (lefts >= left) & (rights <= right))
    return np.isin(labels, np.flatnonzero(row | parts) + 1)


def not_a_pen(first, labels, ink, peak):
    """Return the region (its label less one) that the writing starts from: `first`, or the
    next by ink when `first` is a pen (or pencil) lying on the page.

    labels: (rows, cols) regions numbered from 1; ink and peak: (regions,) each
    one's ink (0 for those the writing cannot start from) and darkest pixel.
    A pen is a straight bar (bar_shape) at least PEN times as thick as the
    strokes of the next region and PEN times as long as that one is tall, when
    that one holds SPECK of its ink, is as dark as FAINTER of it and is shaped
    like a digit (less than PEN times as wide as tall: no printed word). A 1
    is not as thick beside the other digits written with the same pen.
    """
    others = ink.copy()
    others[first] = 0.0
    second = int(np.argmax(others))
    if others[second] < SPECK * ink[first] or peak[second] < FAINTER * peak[first]:
        return first
    length, thickness = bar_shape(labels == first + 1)
    digit = labels == second + 1
    width, _ = stroke_widths(digit)
    tall, wide = cropped(digit).shape
    if length and thickness >= PEN * width and length >= PEN * tall and wide <= PEN * tall:
        return second
    return first


def bar_shape(mask):
    """Return (length, thickness) in pixels of a mask (rows, cols) that is a straight bar, else
    (None, None).

    From the spread of its pixels along and across their main direction, as
    for a filled rectangle; a bar fills at least STRAIGHT of that rectangle
    (a curved or bent stroke, spread wider, fills less of it) and is BAR
    times as long as it is thick (a pen is; a digit written with a thick
    marker fills its rectangle too, but is not as long).
    """
    along, across, pixels = spread_of(mask)
    if pixels < 3 or pixels < STRAIGHT * along * across or along < BAR * across:
        return None, None
    return along, across


def spread_of(mask):
    """Return (along, across, pixels): the sides in pixels of the filled rectangle whose pixels
    spread as a mask's (rows, cols) do along and across their main direction, and its pixels."""
    points = np.argwhere(mask).astype(float)  # (pixels, 2)
    if len(points) < 3:
        return 0.0, 0.0, len(points)
    spread = np.linalg.eigvalsh(np.cov(points.T))  # (2,) of the (2, 2) covariance, ascending
    across, along = np.sqrt(12 * np.maximum(spread, 0))
    return along, across, len(points)


def on_desk(groups, light, darkest=frozenset()):
    """Return the labels (a set) of the regions (rows, cols) that lie on the desk, not on paper.

    The light just around them (`light`, (rows, cols)) is less than DESK_LIGHT
    of the paper's, the picture's lightest tenth: the grain of a desk beside
    a page that runs off the picture (and so is not found whole). But the
    regions `darkest` (labels: as dark against what is around them as SHADE
    of the darkest mark) with light around them still DIM or more are ink in
    a shadow: a shadow darkens the paper, not the ink's contrast with it.
    """
    grown = ndimage.grey_dilation(groups, size=5)
    ring = (groups == 0) & (grown > 0)  # (rows, cols) the pixels just around each region
    if not ring.any():
        return set()
    index = np.arange(1, groups.max() + 1)
    around = np.asarray(ndimage.median(light[ring], grown[ring], index))  # (regions,)
    around[~np.isin(index, grown[ring])] = light[~ring].min()  # hemmed in: no ring of its own
    paper = np.percentile(light, 90)
    shaded = {label for label in darkest if around[label - 1] >= DIM}
    return set(np.flatnonzero(around < DESK_LIGHT * paper) + 1) - shaded


def punched_holes(labels, boxes, sized):
    """Return the labels (a set) of the regions that are a notebook's punched holes: the desk
    seen through the page, no writing.

    labels: (rows, cols) regions numbered from 1, with their `boxes` (slices)
    and `sized` (regions,) whether each is large enough to be writing. A hole
    is a filled disk (HOLE_FILL of the disk its box holds, as wide as tall),
    and holes come two or more of one size (HOLE_TWIN); no digit is a filled
    disk, and a 0's loop is open inside.
    """
    areas = np.bincount(labels.ravel(), minlength=len(boxes) + 1)[1:]  # (regions,)
    disks = []
    for label, (rows, cols) in enumerate(boxes, start=1):
        tall, wide = rows.stop - rows.start, cols.stop - cols.start
        if sized[label - 1] and abs(tall - wide) <= 0.1 * max(tall, wide) \
                and areas[label - 1] >= HOLE_FILL * np.pi / 4 * tall * wide:
            disks.append(label)
    return {label for label in disks for other in disks if other != label
            and abs(areas[other - 1] - areas[label - 1]) <= HOLE_TWIN * areas[label - 1]}


def gaps(labels, kept, others):
    """Return {k: pixels} the gap between each region k + 1 in `others` and the regions `kept`.

    labels: (rows, cols) regions numbered from 1; `kept` and `others` hold
    region numbers less one, as writing_regions counts them.
    """
    if not others:
        return {}
    others = sorted(others)
    mine = np.isin(labels, [k + 1 for k in kept | set(others)])
    box = ndimage.find_objects(mine.astype(np.int8))[0]
    labels = labels[box]  # their box: the gaps are measured within it
    away = ndimage.distance_transform_edt(~np.isin(labels, [k + 1 for k in kept]))
    theirs = np.isin(labels, [k + 1 for k in others])
    return dict(zip(others, ndimage.minimum(away[theirs], labels[theirs],
                                            [k + 1 for k in others])))


def find_writing(picture, row=False):
    """Return the Writing found on a picture (rows, cols) or (rows, cols, 3), values in [0, 1].

    A page photographed whole on a desk, at an angle, is first seen from above
    (course.pages: its four corners found and warped to a rectangle, the desk
    left out); if no writing is found on it, or writing cut by its edges (the
    region found was a part of the page, cut off by a shadow; a row running
    into a mark at its edge: row_cut_off), the picture is read as it is
    (writing_on). row: the writing is a row of digits side by side
    (along_the_row). A single digit found in pieces, as a bar, or not at all is
    found again with its faint ink counting more (SMEARED_GAINS, smeared_again).
    Raises BlankImage when no writing is found.
    """
    picture = as_colours(picture)
    page = page_from_above(picture)
    try:
        writing = writing_at_gain(picture, page, row, 1.0)
    except BlankImage as blank:
        if row:
            raise
        return smeared_again(picture, page, blank)
    if row or looks_whole(writing.ink):
        return writing
    return smeared_again(picture, page, writing)


def writing_at_gain(picture, page, row, gain):
    """Return the Writing found on the page seen from above (`page`, or None), else on the
    picture as it is, with faint ink counting `gain` times as dark (writing_on)."""
    if page is not None:
        try:
            writing = writing_on(page, row, gain)
            if not touches_border(writing.ink) and not (row and row_cut_off(writing)):
                return writing
        except BlankImage:
            pass  # the light region found was not the page with the writing
    return writing_on(picture, row, gain)


def row_cut_off(writing):
    """Return True when a row of digits runs into a mark dropped at the picture's border: within
    ROW_GAP of its height of its ends, across its middle third (a digit cut by the page found).

    The page found on a desk can be a part of it, cut off along a lamp's or a
    shadow's edge: the row's first (last) digit, cut by that edge, is then
    dropped as the page's edge, and the row read without it.
    """
    rows, cols = (np.flatnonzero(writing.ink.any(axis=k)) for k in (1, 0))
    tall = rows[-1] - rows[0] + 1
    reach = int(ROW_GAP * tall)
    line = (slice(rows[0] + tall // 3, rows[-1] + 1 - tall // 3),
            slice(max(0, cols[0] - reach), cols[-1] + 1 + reach))
    if not writing.dropped[line].any():  # nothing dropped along the row: nothing cut
        return False
    labels = ndimage.label(writing.dropped)[0]
    border = border_labels(labels)
    return bool(np.isin(labels[line], border[border > 0]).any())


def smeared_again(picture, page, first):
    """Return the Writing found at the first of SMEARED_GAINS at which it looks_whole, else
    `first`: the Writing found at gain 1, or the BlankImage it raised (raised again).

    A photo taken with a shaking hand is smeared along one direction: a stroke
    across it spreads over the smear's length and keeps a small share of its
    darkness (a 3-pixel stroke smeared over 15, a fifth), below MIN_CONTRAST,
    while strokes along it stay dark. What is found is then the dark strokes
    only: a digit in pieces (a 5 cut in two), a bar (a 4 read as 1), or
    nothing. Counting faint darkness more (lifted) finds the faint strokes
    again; a clean page's noise counted more stays specks, so a reading that
    does not look whole at any gain is kept as it was, and so is one that does
    not hold the first's ink (holds: a 1 on a calendar, a bar, is no reason to
    read the month's name instead). Each gain is tried on a copy shrunk to
    PROBE_SIDE first, and read full size only when whole there.
    """
    probe, probe_page = shrunk(picture), None if page is None else shrunk(page)
    for gain in SMEARED_GAINS:
        try:
            writing = writing_at_gain(probe, probe_page, False, gain)
            if looks_whole(writing.ink) and probe is not picture:  # found again full size
                writing = writing_at_gain(picture, page, False, gain)
        except BlankImage:
            continue
        if looks_whole(writing.ink) and holds(writing, first):
            return writing
    if isinstance(first, BlankImage):
        raise first
    return first


def holds(writing, first):
    """Return True when a Writing found again holds some of the ink of the `first` one (a
    Writing, or the BlankImage it raised: then True), or was found on another page."""
    if isinstance(first, BlankImage) or writing.ink.shape != first.ink.shape:
        return True
    return bool(np.any((writing.ink > 0) & (first.ink > 0)))


def shrunk(picture):
    """Return a picture (rows, cols, channels) shrunk to PROBE_SIDE pixels long at most (itself
    when it is no longer)."""
    rows, cols = picture.shape[:2]
    if max(rows, cols) <= PROBE_SIDE:
        return picture
    shape = (max(1, round(rows * PROBE_SIDE / max(rows, cols))),
             max(1, round(cols * PROBE_SIDE / max(rows, cols))))
    return np.stack([resize_bicubic(picture[..., k], shape) for k in range(picture.shape[2])],
                    axis=-1).clip(0.0, 1.0)


def looks_whole(ink):
    """Return True when the ink (rows, cols) of a single digit is one piece and no straight bar.

    Pieces are joined across gaps up to a tenth of the writing's larger side
    (a 5's flag written apart, a broken pencil stroke).
    """
    kept = cropped(ink > 0)
    step = int(0.1 * max(kept.shape)) // 2 + 1  # each piece grown by half the gap
    joined = ndimage.binary_dilation(np.pad(kept, step), iterations=step)
    pieces = ndimage.label(joined, structure=np.ones((3, 3)))[1]
    return pieces == 1 and bar_shape(kept)[0] is None


def touches_border(mask):
    """Return True when a mask (rows, cols) has anything on the picture's outermost pixels."""
    return bool(mask[0].any() or mask[-1].any() or mask[:, 0].any() or mask[:, -1].any())


def writing_on(picture, row=False, gain=1.0):
    """Return the Writing found on a picture (rows, cols, channels) from as_colours; faint
    darkness (up to MIN_CONTRAST) counts `gain` times as dark (lifted).

    0. A page turned on a desk is turned back upright, by the angle of its edges.
    1. Which is the ink: darker than the paper (pen) or lighter (chalk:
       ink_is_dark; a slate's frame is its edge, edge_regions). Gray
       pictures (and colour ones whose channels hardly differ) are read in gray;
       in colour, each channel's ink is told after the first pass of step 2, on
       the writing it found (ink_is_darker).
    2. The paper under every pixel, estimated at a scale larger than a stroke,
       and each pixel's darkness against it (uneven light and shadows flattened;
       in a highlighter's band, that of its lightest channel: highlighted);
       a first pass at a large scale measures the strokes' width (made again
       with a highlighter's band as paper when it took the band for the
       writing: highlighter_taken, a row of small digits under a band; on the
       darkest ink alone when the rest is leaves' shade, broad and faint:
       ink_under_shade). Both
       scales stay below the width of stripes of shade, if any (shade_free_scale). The
       noise is smoothed over one of the network's pixels at most, unless the
       paper is then uneven all over (smoothed_darkness).
    3. Marks: what stands out from the paper's grain (a threshold set by the
       picture's own noise); ruled and squared lines taken out, and a form's
       walls left by them (form_walls); for a single digit, print too: figures
       repeated on their baseline and printed words (printed_letters: a
       calendar's day numbers and month).
    4. The writing: the marks away from the border, grouped around the largest
       (or the next, when the largest is a pen lying on the page: not_a_pen),
       its small parts close to it (a crayon's grains joined: grains_joined, not
       in chalk), found again without the marks of a stain's tint, if it held
       some (stains: a coffee ring's rim), and again without strokes of
       another pen's colour (other_pen: a teacher's tick; not in a row, whose
       digits' rings were taken for it), and without a ring drawn
       around it (ring_around) or a line drawn under it (underlines; not in a
       row); on a board, found again without an eraser's smudges, marks faint
       beside the writing's own chalk (smudges); doodles beside it dropped,
       for a single digit (doodles: closed outlines, curled strokes and filled
       blobs, small beside it, told apart before a crayon's grains are
       joined), and so are a teacher's stamps (stamps: an outline holding a
       line of letters, or a ring holding a star or a word in its middle) and
       ink blots of any size (blots: filled blobs, their drops too); grown along
       its faint strokes (along_faint_strokes); taken out
       of a form's printed boxes
       (out_of_frame); pieces of a hard shadow caught in it taken out
       (shadows; not from chalk: a shadow darkens a board). A row of digits
       (`row`) is read from all its digits (along_the_row).
    5. Its ink stretched to full contrast (faint pencil), paper 0; under glare,
       each stroke to its own level (ink_level); in a row, each digit too
       (row_levels). For a single digit, a wrong answer struck out beside it
       (a mark overwritten, beside one that is not) is then left out (crossed_out).
    Raises BlankImage when no writing is found, NoWritingFound (a BlankImage)
    when marks stand out but none is writing, or when nothing stands out from a
    picture uneven everywhere (TEXTURE), its paper included (paper_grain: a rough,
    dappled desk around the page is no reason).
    """
    taken = min(picture.shape[:2])  # the short side as taken: a turned picture is larger
    angle = page_angle(picture.mean(axis=2))
    if angle:
        picture = np.clip(turned(picture, angle, mode="nearest"), 0.0, 1.0)
    upright = picture
    chalk = not ink_is_dark(picture)
    if chalk:
        picture = 1.0 - picture
    side = min(picture.shape[:2])
    gray = picture.mean(axis=2, keepdims=True)
    free = shade_free_scale(gray, side)  # below the stripes of shade, if any
    first_scale = max(3, free or side // 10)
    reach = int(DESK * side)  # a strip of desk along the border is at most this wide

    def first_pass(gray):
        """Return (clipped, noise, light, first, dark): the writing found at a large scale, and
        the darkness it was found in."""
        clipped = clipped_paper(gray, first_scale)
        dark, noise = steady_darkness(gray, first_scale)
        dark = np.clip(lifted(dark, clipped, gain), 0.0, 1.0)
        dark, marks = marks_of(dark, width=3.0)
        light = ndimage.gaussian_filter(gray[..., 0], 1.0)  # lightness, for unenclosed_regions
        printed = np.zeros_like(marks) if row else printed_letters(marks)  # print is no digit
        first = writing_regions(marks & ~printed, dark, reach, light, taken, drawings=not row,
                                printed=printed)[0]
        return clipped, noise, light, first, dark

    clipped, noise, light, first, first_dark = first_pass(gray)
    in_colour = colourful(picture)
    band = highlighter_taken(picture, first) if in_colour and not chalk else np.zeros_like(first)
    if band.any():  # a highlighter's band taken for the writing: found again, the band as paper
        gray = np.where(band[..., None], band_as_paper(picture), gray)
        clipped, noise, light, first, first_dark = first_pass(gray)
    inked = ink_under_shade(first, first_dark)
    if inked.any():  # the writing found was mostly leaves' shade: measured on the ink alone
        first = inked
    width, widest = stroke_widths(first)
    width, widest = (width, widest) if width else (3.0, 3.0)
    colours = ink_dark_in_each_channel(picture, first) if in_colour else gray
    scale = int(np.clip(max(3 * width, 2 * widest), 5, free or side // 4))
    least = float(np.clip(width / 8, 0.5, 1.5))
    within_a_pixel = min(noise, network_pixel(first))  # of the network's, on the writing
    blurs = sorted({max(least, within_a_pixel), max(least, noise)})
    channels = lifted(smoothed_darkness(colours, scale, blurs), clipped, gain)
    with_lines = darkest(channels)
    if len(channels) > 1 and not chalk:  # in a highlighter's band, ink is dark in every channel
        band |= highlighted(picture, width, scale)
        with_lines[band] = np.clip(channels[:, band].min(axis=0), 0.0, 1.0)
    dark, marks = marks_of(with_lines, width)
    marks &= ~form_walls(marks, with_lines - dark > grain_threshold(with_lines), width)
    printed = np.zeros_like(marks) if row else printed_letters(marks)
    marks &= ~printed
    left_out = printed.copy()  # shown as dropped, with what is dropped below
    uneven = dark if len(channels) == 1 else np.clip(channels.max(axis=0), 0.0, 1.0)
    paper = ndimage.grey_closing(light, size=(scale, scale), mode="nearest")
    if paper_grain(uneven, paper) > TEXTURE:  # before each colour's own grain is taken off
        raise NoWritingFound("no ink found that stands out from the background: the whole "
                             "picture is uneven (a photo of something else than a page?), and "
                             "nothing on it stands out as ink on paper")

    def found(marks):
        """Return the writing_regions among `marks`, a crayon's grains joined (not on a board)."""
        joined = None if chalk else grains_joined(dark, marks, width)  # (not the board's smudges)
        return writing_regions(marks, dark, reach, light, taken, joined, drawings=not row,
                               printed=printed)

    def without(extra):
        """Return the writing_regions found again with the marks `extra` left out."""
        marks[extra] = False
        left_out[extra] = True
        return found(marks)

    kept, labels, edges, refused = found(marks)
    smudged = smudges(gray[..., 0], marks, kept, width) if chalk and gain == 1.0 \
        else np.zeros_like(marks)  # (not where faint strokes are sought: a smeared photo)
    if (smudged & kept).any():  # an eraser's smudges in the writing: found again without them
        kept, labels, edges, refused = without(smudged)
    stained = stains(picture, marks, kept, dark, scale)
    if (stained & kept).any():  # a stain's rim in the writing: found again without it
        kept, labels, edges, refused = without(stained)
    ticked = np.zeros_like(kept) if chalk or row else other_pen(picture, kept, dark, scale)
    if ticked.any():  # another pen's strokes (a teacher's tick): found again without them
        kept, labels, edges, refused = without(ticked)
    circled = ring_around(kept, width, row)
    if circled.any():  # a ring drawn around the writing: found again without it
        kept, labels, edges, refused = without(circled)
    under = np.zeros_like(kept) if row else underlines(kept, width)
    if under.any():  # an underline: the writing found again without it
        kept, labels, edges, refused = without(under)
    if not kept.any() and np.count_nonzero(printed) > np.count_nonzero(marks):  # mostly print
        raise NoWritingFound("no handwriting found: what stands out from the paper is print "
                             "(letters or figures of one height on one line), not a digit")
    if not kept.any() and marks.any():
        raise NoWritingFound("no ink found that looks like writing: what stands out from the "
                             "paper is only specks, or touches the picture's edge (a desk, the "
                             "page's edge, or a picture that is not of a page)")
    if not kept.any():
        raise BlankImage("no ink found: the picture is blank (or nearly so)")
    if row:
        kept = along_the_row(kept, labels, dark, refused)
    kept = along_faint_strokes(kept, marks, dark, width, np.isin(labels, list(edges)))
    kept = out_of_frame(kept, dark, width, light, taken)
    if not chalk:  # a shadow darkens a board: it is no light mark
        kept = kept & ~shadows(dark, kept, light)
    level = ink_level(dark, kept, width, paper)
    if row:
        level = np.minimum(level, row_levels(dark, kept))
    ink = np.clip(dark / level, 0.0, 1.0) * kept
    ink[ink < INK_THRESHOLD] = 0.0
    crossed = np.zeros_like(kept) if row or not ink.any() else crossed_out(ink > 0)
    if crossed.any():  # a wrong answer struck out beside the digit (same pen): left out
        left_out |= kept & crossed
        kept &= ~crossed
        ink[crossed] = 0.0
    if not ink.any():
        raise BlankImage("no ink found: the picture is blank (or nearly so)")
    doubts = doubts_about(ink, kept, labels, dark, edges, light)
    if crossed.any():
        doubts.append("a mark beside the digit looks crossed out (struck through or scribbled "
                      "over) and was left out")
    return Writing(ink, (marks | left_out) & ~kept, tuple(doubts), upright, angle)


def crossed_out(inked):
    """Return the mask (rows, cols) of the columns (or rows) of the writing `inked` where marks
    beside its digit are struck out (all False when none is).

    A learner strikes out a wrong answer and writes the right one beside it (or
    above or below). The writing is then two marks of a digit's size or more,
    apart (empty columns between them, or empty rows), one overwritten: a
    zigzag, an X, a coil or lines drawn across a digit make its strokes far
    longer than a digit's in its box, or close many small holes, or black it
    out (overwritten). A digit is at most so long in its box as an 8 or a
    marker's 0. A thin X or two or three lines add little ink, but they are
    straight lines across the whole mark, their ends bare (strike_lines); one
    such line is enough when it runs through the mark's middle, its other ink
    reaching far beyond it on both sides (STRIKE_THROUGH). The
    overwritten marks are left out when another is not: two clean digits side
    by side are kept (and read as one, with a note), and so are two struck-out
    marks. The pen's width is the thinnest mark's.
    """
    if not inked.any():
        return np.zeros_like(inked)
    for axis in (0, 1):  # side by side, else one above another
        spans = list(zip(*true_runs(inked.any(axis=axis))))
        marks = [cropped(inked[:, a:b] if axis == 0 else inked[a:b]) for a, b in spans]
        largest = max(max(mark.shape) for mark in marks)
        compared = [k for k, mark in enumerate(marks) if max(mark.shape) >= CROSSED_SIZE * largest]
        if len(compared) > 1:
            break
    else:
        return np.zeros_like(inked)
    pen = min(stroke_widths(marks[k])[0] for k in compared)
    struck = [k for k in compared if overwritten(marks[k], pen)]
    crossed = np.zeros_like(inked)
    if len(struck) < len(compared):
        for k in struck:
            a, b = spans[k]
            crossed[(slice(None), slice(a, b)) if axis == 0 else slice(a, b)] = True
    return crossed


def overwritten(mark, pen):
    """Return True when a mark (rows, cols), strokes `pen` pixels wide, looks struck out."""
    rows, cols = mark.shape
    diagonal = np.hypot(rows, cols)
    own, _ = stroke_widths(mark)
    holes = ndimage.label(ndimage.binary_fill_holes(mark) & ~mark)[0]
    sizes = np.bincount(holes.ravel())[1:]  # each hole's pixels
    inked = np.count_nonzero(mark)
    squarish = min(rows, cols) >= CROSSED_WIDE * max(rows, cols)
    blacked = squarish and inked >= CROSSED_FILL * mark.size
    return bool(inked / (pen * diagonal) >= CROSSED_LONG or inked / (own * diagonal) >= CROSSED_OWN
                or np.count_nonzero(sizes >= pen ** 2 / 4) >= CROSSED_HOLES or blacked
                or struck_through(mark, pen))


def struck_through(mark, pen):
    """Return True when STRIKES strike_lines cross a mark (rows, cols), or one runs through its
    middle, the mark's other ink reaching STRIKE_THROUGH of its length beyond it on both sides."""
    lines = strike_lines(mark, pen)
    return len(lines) >= STRIKES or any(reach >= STRIKE_THROUGH for _, _, reach in lines)


def strike_lines(mark, pen):
    """Return the strike lines across a mark (rows, cols), strokes `pen` pixels wide, as a list of
    (angle in degrees, offset from its centre in pixels of the copy sought on, reach: how far
    the mark's other ink reaches beyond it on its shorter side, a share of its length).

    A thin X or two or three lines drawn across a digit add little ink, but
    each is straight and runs across the whole mark (STRIKE_SPAN of its extent
    along the line, within a band STRIKE_BAND pen widths wide), through its
    middle (STRIKE_SIDES of the other ink on either side), and its ends stick
    out bare: no other ink within two pen widths of them. A digit's straight
    strokes end on another stroke (a 7's bar on its stem, a 2's base on its
    diagonal, a 4's bar on its arm) or have ink on one side only (a 1's stem):
    a digit has one such line at most (a 4's bar, a 7's crossed bar), and its
    other strokes lie on one side of it, or reach little beyond it on the
    other (reach): a line struck through a digit's middle has the digit on
    both sides.
    """
    scale = min(1.0, STRIKE_SIDE / max(mark.shape))
    small = np.pad(ndimage.zoom(mark.astype(np.float32), scale, order=1) > 0.5 if scale < 1
                   else mark, 2)
    width = max(1.0, pen * scale)
    band, margin = max(2, round(STRIKE_BAND * width)), max(1, round(width / 2))
    reach = round(2 * width)
    lines = []
    for angle in STRIKE_ANGLES:  # the line turned level: a run along a band of rows
        turned_mark = ndimage.rotate(small.astype(np.float32), angle, order=1) > 0.5
        cols = np.flatnonzero(turned_mark.any(axis=0))
        if not cols.size:  # a speck of a mark, lost on the copy turned
            continue
        covered = ndimage.maximum_filter1d(turned_mark, band, axis=0, origin=-(band // 2))
        index = np.arange(covered.shape[1])
        runs = index - np.maximum.accumulate(np.where(covered, -1, index), axis=1)  # (rows, cols)
        longest, ends = runs.max(axis=1), runs.argmax(axis=1) + 1
        for top in np.flatnonzero(longest >= STRIKE_SPAN * (cols[-1] - cols[0] + 1)):
            start, stop = ends[top] - longest[top], ends[top]
            above, below = max(0, top - margin), top + band + margin  # the band, a little wider
            near = turned_mark[np.r_[max(0, above - reach):above,
                                     below:min(turned_mark.shape[0], below + reach)]]
            end = max(reach, int(STRIKE_END * longest[top]))
            bare = not near[:, start:start + end].any() and not near[:, stop - end:stop].any()
            sides = (np.count_nonzero(turned_mark[:above, start:stop]),
                     np.count_nonzero(turned_mark[below:, start:stop]))
            offset = top + band / 2 - turned_mark.shape[0] / 2
            if bare and min(sides) >= STRIKE_SIDES * sum(sides) > 0 and not any(
                    min(abs(angle - a), 180 - abs(angle - a)) <= 15
                    and abs(offset - o) < STRIKE_APART * max(small.shape) for a, o, _ in lines):
                over = np.flatnonzero(turned_mark[:above].any(axis=1))  # the other ink's rows
                under = np.flatnonzero(turned_mark[below:].any(axis=1))
                beyond = min(above - over[0], under[-1] + 1) / longest[top]
                lines.append((int(angle), float(offset), float(beyond)))
    return lines


def smudges(gray, marks, kept, width):
    """Return the mask (rows, cols) of the marks on a board that are an eraser's smudges.

    Erasing leaves a film of chalk dust on the board, in broad swipes streaked
    along the eraser's path: its streaks stand out from the board as marks, and
    join the digit, or outweigh it. But a film is faint, and a fresh chalk
    stroke is not: a stroke's width of its grains is nearly as light as chalk.
    Each pixel's lightness is measured against the board (`gray` (rows, cols),
    the chalk dark, closed at BOARD of its side: wider than a swipe, which a
    stroke's scale takes for the board), averaged over a stroke `width`
    (pixels); the chalk's is the lightest so of the writing found (`kept`: the
    frame, the table around a slate are no part of it). Marks fainter than
    SMUDGE of that are smudges, unless within a stroke width of marks that
    light: the stroke's own paler parts, where the chalk skipped the board.
    """
    if not kept.any():
        return np.zeros_like(marks)
    size = max(3, int(BOARD * min(gray.shape)))
    lightness = against_paper(gray, size, 0.0)[0]
    core = ndimage.uniform_filter(lightness, max(1, round(width)))
    bright = marks & (core >= SMUDGE * core[kept].max())
    near = ndimage.distance_transform_edt(~bright) <= max(1.0, width)
    return marks & ~near


def grains_joined(dark, marks, width):
    """Return the mask (rows, cols) through which the marks are one: the strokes they lie on.

    Wax crayon and coloured pencil on rough paper colour only the paper's raised
    tooth: a stroke stands out as grains, farther apart than JOIN and each
    alone a speck, and its paler parts do not stand out at all (a 6's loop
    lost, read 1). Smoothed over GRAINS of the strokes' `width` (pixels), the
    stroke is whole again, and stands out from the paper's grain smoothed alike
    (grain_level), even where it is fainter than MIN_CONTRAST. The darkness is
    first cut down to the marks' threshold, so that a mark far darker than a
    stroke (a punched hole, the desk) spreads no farther than a faint one.
    What stands out so over STROKES of the picture or more is no stroke but the
    paper's texture (kraft paper, darker than the desk around it): the marks
    are then left as they are. Not used on a board (writing_on): smoothed so,
    an eraser's smudges, a film of chalk, stand out as much as a stroke and
    join the digit; a chalk stroke's grains lie close enough to join (JOIN).
    """
    cut = np.minimum(dark, grain_threshold(dark))
    smooth = ndimage.gaussian_filter(cut, max(1.0, GRAINS * width))
    strokes = smooth > grain_level(smooth)
    if np.mean(strokes) > STROKES:
        return marks
    printed = ndimage.binary_dilation(printed_words(marks), iterations=JOIN)
    return ndimage.binary_propagation(marks & ~printed, mask=(marks | strokes) & ~printed) | marks


def printed_words(marks):
    """Return the mask (rows, cols) of the marks that are words of a printed line of text.

    Marks within 2 JOIN pixels of each other along a row are one word (or a
    line; lines close above each other are not joined). A line of print is a
    row of words, small (less tall than PRINT_HEIGHT of the picture's short
    side), wider than tall, of one height and on one baseline (to PRINT_SAME of
    their height), their widths adding up to PRINT_LINE times their height;
    each word holds LETTERS separate marks at least. Handwriting is not so
    regular (a row of digits: each digit is taller than wide; a 2's base written
    apart: one stroke), and a crayon's grains are specks, not words. Unlike
    printed_letters, this serves rows of digits too.
    """
    along = np.ones((1, 4 * JOIN + 1), dtype=bool)  # along the rows only: lines stay apart
    groups, count = ndimage.label(ndimage.binary_dilation(marks, structure=along))
    if count == 0:
        return np.zeros_like(marks)
    boxes = np.array([(b[0].start, b[0].stop, b[1].stop - b[1].start)
                      for b in ndimage.find_objects(groups)], dtype=np.float32)
    height = boxes[:, 1] - boxes[:, 0]
    pieces, many = ndimage.label(marks, structure=np.ones((3, 3)))
    word = ndimage.maximum(groups[marks], pieces[marks], np.arange(1, many + 1))  # (many,)
    letters = np.bincount(word.astype(int), minlength=count + 1)[1:]  # (count,) pieces in each
    small = np.flatnonzero((height <= PRINT_HEIGHT * min(marks.shape)) & (boxes[:, 2] > height)
                           & (height >= 2 * JOIN + 2) & (letters >= LETTERS))
    bottom, tall = boxes[small, 1], height[small]
    alike = ((np.abs(tall[:, None] - tall[None, :]) <= PRINT_SAME * tall[:, None])
             & (np.abs(bottom[:, None] - bottom[None, :]) <= PRINT_SAME * tall[:, None]))
    line = alike @ boxes[small, 2]  # (small,) the width of the words on each one's line
    words = small[line >= PRINT_LINE * tall] + 1
    return np.isin(groups, words) & marks


def printed_letters(marks):
    """Return the mask (rows, cols) of the marks that are printed letters or figures: print repeats.

    A piece (of 8-connected marks) at least 2 JOIN + 2 pixels tall and no bar
    (PRINT_BAR of its height wide: a form's walls, a 1 written as one stroke)
    is a printed figure when REPEATS others have its height and its bottom, to
    PRINT_ALIKE of its height (a pixel at least; the bottom to PRINT_SLANT of
    the distance between them more: a page not quite upright). Print sets its
    figures at one height on one baseline, far apart (a calendar's day
    numbers, a row of them per week) or side by side. Pieces side by side
    (WORD_GAP of their height apart, half to twice as tall) are a word's
    letters when printed_word finds them one: a month's name, of letters of
    several heights ("July") or touching. Handwriting is not so regular: a
    digit is one piece or two of different heights, and a digit written in a
    calendar's cell is taller than its printed numbers. A row of digits
    (--number) is not sought here, nor print among more than PRINT_MOST pieces
    (a texture; each pair is compared).
    """
    pieces, count = ndimage.label(marks, structure=np.ones((3, 3)))
    if count == 0:
        return np.zeros_like(marks)
    boxes = np.array([(b[0].start, b[0].stop, b[1].start, b[1].stop)
                      for b in ndimage.find_objects(pieces)], dtype=np.float32)  # (pieces, 4)
    tall = np.flatnonzero(boxes[:, 1] - boxes[:, 0] >= 2 * JOIN + 2)
    if len(tall) > PRINT_MOST:
        return np.zeros_like(marks)
    top, bottom, left, right = boxes[tall].T
    height = bottom - top
    same = np.maximum(1.0, PRINT_ALIKE * height)[:, None]  # (tall, 1) pixels
    apart = np.abs((left + right)[:, None] - (left + right)[None, :]) / 2  # (tall, tall) pixels
    alike = ((np.abs(height[:, None] - height[None, :]) <= same)
             & (np.abs(bottom[:, None] - bottom[None, :]) <= same + PRINT_SLANT * apart))
    figures = (alike.sum(axis=1) > REPEATS) & (right - left >= PRINT_BAR * height)  # and itself
    gap = np.maximum(left[None, :] - right[:, None], left[:, None] - right[None, :])
    beside = ((gap <= WORD_GAP * np.maximum(height[:, None], height[None, :]))
              & (height[None, :] >= height[:, None] / 2) & (height[None, :] <= 2 * height[:, None])
              & (top[None, :] < bottom[:, None]) & (bottom[None, :] > top[:, None]))
    many, words = csgraph.connected_components(beside, directed=False)  # (tall,) each one's word
    spans = np.full((5, many), np.inf, dtype=np.float32)  # each word's top, left, -bottom,
    for side, edge in enumerate((top, left, -bottom, -right, height)):  # -right, least letter
        np.minimum.at(spans[side], words, edge)
    tall_word = -spans[2] - spans[0]  # (many,) pixels
    wide = np.flatnonzero((-spans[3] - spans[1] > tall_word) & (spans[4] >= LETTER * tall_word))
    found = [word for word in wide if printed_word(
        pieces[int(spans[0, word]):int(-spans[2, word]), int(spans[1, word]):int(-spans[3, word])],
        tall[words == word] + 1)]
    return np.isin(pieces, tall[figures | np.isin(words, found)] + 1)


def printed_word(pieces, labels):
    """Return True when the pieces `labels` side by side are a printed word: pieces (rows, cols)
    numbered from 1, cut to the box of those.

    Wider than tall, with letters LETTER of its height at least (printed_letters:
    a crayon's grainy stroke is of small grains), a word is one when its middle
    row crosses WORD_STROKES strokes at least (a digit's, 3 at most: a 4's), or
    it is in bold capitals (bold_capitals), its holes are letters' (less than
    COUNTER of its height squared: a form's row of boxes holds larger ones, and
    may hold a digit), and its columns end on one line (on_line: its baseline).
    """
    mine = np.isin(pieces, labels)  # (rows, cols) the word's box
    middle = mine[mine.shape[0] // 2]
    crossed = np.count_nonzero(middle[1:] & ~middle[:-1]) + middle[0]
    if crossed < WORD_STROKES and not bold_capitals(mine):
        return False
    holes = ndimage.label(ndimage.binary_fill_holes(mine) & ~mine)[0]
    if np.bincount(holes.ravel())[1:].max(initial=0) > COUNTER * mine.shape[0] ** 2:
        return False  # a box, no letter
    return on_line(mine)


def bold_capitals(mine):
    """Return True when a mark (rows, cols), cut to its box, is a word in bold capitals whose
    letters merge ("MAY" in a title, photographed small).

    Such a word is CAPITALS times as wide as tall at least (no handwritten
    digit is), its columns both start and end on one line (on_line: capitals
    stand between two lines), its merged letters fill BOLD_FILL of its box (not
    two stripes of shade across a digit, joined to it), and it is CAPITALS_TALL
    stroke widths tall at least (a 7's bar written apart is one stroke tall).
    """
    rows, cols = mine.shape
    if cols < CAPITALS * rows or np.mean(mine) < BOLD_FILL:
        return False
    if not (on_line(mine) and on_line(mine[::-1])):
        return False
    return rows >= CAPITALS_TALL * stroke_widths(mine)[0]


def on_line(mine):
    """Return True when ON_LINE of the columns of a mark (rows, cols), cut to its box, end on
    one row, to PRINT_ALIKE of its height: a baseline (a digit's bottom is round, or one
    stroke: a 2's)."""
    lowest = (mine.shape[0] - np.argmax(mine[::-1], axis=0))[mine.any(axis=0)]  # (cols,)
    line = np.argmax(np.bincount(lowest))  # the row most of its columns end on
    return bool(np.mean(np.abs(lowest - line) <= max(1.0, PRINT_ALIKE * mine.shape[0])) >= ON_LINE)


def row_levels(dark, kept):
    """Return the darkness (1, cols) that counts as full ink in each digit of a row: its own.

    A digit of a row, faded in glare or written with another pen, is stretched
    to its own level (the 95th percentile of its darkness, in the columns it
    spans: split_digits' groups), down to ROW_FAINTER of the row's.
    """
    level = np.percentile(dark[kept], 95)
    levels = np.full((1, kept.shape[1]), level)
    for start, stop in zip(*true_runs(kept.any(axis=0))):
        own = np.percentile(dark[:, start:stop][kept[:, start:stop]], 95)
        levels[0, start:stop] = max(own, ROW_FAINTER * level)
    return levels


def could_be_a_digit(mark, writing, light):
    """Return True when a mark dropped at the picture's edge could be the digit, not the desk's
    grain or the page's edge: masks (rows, cols) of the mark and the writing kept.

    It is of a digit's size (EDGE_DIGIT of the picture's short side at most) and
    shape (its box at most EDGE_LONG times as long as wide: no strip of grain, no
    edge), written on paper (not on_desk, `light` the picture's (rows, cols)),
    with strokes no thicker than PEN times the writing's (or half its size: a
    bold digit cut by the edge), and near the writing (within EDGE_NEAR times
    the larger one's size).
    """
    box = ndimage.find_objects(mark.astype(np.int8))[0]
    tall, wide = box[0].stop - box[0].start, box[1].stop - box[1].start
    size = max(tall, wide)
    if size > EDGE_DIGIT * min(mark.shape) or size > EDGE_LONG * min(tall, wide):
        return False
    if on_desk(mark.astype(int), light):
        return False
    if stroke_widths(mark)[0] > max(PEN * stroke_widths(writing)[0], size / 2):
        return False
    gap = ndimage.distance_transform_edt(~writing)[mark].min()
    return bool(gap <= EDGE_NEAR * max(size, *cropped(writing).shape))


def shade_free_scale(gray, side):
    """Return the largest scale (pixels) at which no stripes of shade stand out, or None when
    there are none.

    Light through blinds lays stripes of shade across the page, sharp and as
    dark as ink: closed at a scale wider than a stripe, the paper's estimate
    fills it in, and the stripe stands out as a mark. A stripe is a band far
    broader than a stroke, running across the picture; strokes stand out at any
    scale above their width, so the paper is estimated at half the width of the
    narrowest stripes: the typical width of the SHADE_BANDS bands or more that
    stand out at any of the scales side / BAND_SCALES (shade_bands, sought on a
    half-size copy: a band is broad).
    """
    free = None
    light = ndimage.gaussian_filter(gray[::2, ::2, 0], 1.0)  # a band is broad: half size
    for scale in [side // parts // 2 for parts in BAND_SCALES if side // parts >= 6]:
        bands = shade_bands(light, scale)  # no band in a picture a few pixels wide
        if ndimage.label(bands, structure=np.ones((3, 3)))[1] >= SHADE_BANDS:
            half_width = stroke_widths(bands)[0]  # in full-size pixels: twice the half-size
            free = int(half_width) if free is None else min(free, int(half_width))
    return free


def shade_bands(light, scale):
    """Return the mask (rows, cols) of the broad bands running across a picture's lightness
    (rows, cols) that stand out from its paper closed at `scale` pixels.

    A band is a region of the marks (as dark as half the darkest near them, so
    that a thin line's blur does not widen it) that a disk a quarter of `scale`
    wide, of radius BAND_RADIUS at least, fits in everywhere (no stroke, no
    ruled line), spanning BAND_SPREAD of the picture's height or width and
    reaching its border (a row of bold digits does not), on paper: the paper's
    estimate over it (the light beside it) is at least DESK_LIGHT of the
    picture's lightest tenth (the grain of a desk, dark all around, makes no band).
    """
    dark, paper = against_paper(light, scale, 0)
    dark = np.clip(dark, 0.0, 1.0)
    marks = (dark > grain_threshold(dark)) & (dark >= ndimage.maximum_filter(dark, scale) / 2)
    broad = opened(marks, max(BAND_RADIUS, scale / 8))  # no stroke, no ruled line
    labels, count = ndimage.label(broad, structure=np.ones((3, 3)))
    if count == 0:
        return broad
    on_paper = ndimage.median(paper[broad], labels[broad], np.arange(1, count + 1)) >= (
        DESK_LIGHT * np.percentile(light, 90))
    spread = np.array([max((rows.stop - rows.start) / labels.shape[0],
                           (cols.stop - cols.start) / labels.shape[1])
                       for rows, cols in ndimage.find_objects(labels)])
    reaching = np.isin(np.arange(1, count + 1), border_labels(labels))
    return np.isin(labels, np.flatnonzero(reaching & on_paper & (spread >= BAND_SPREAD)) + 1)


def smoothed_darkness(colours, scale, blurs):
    """Return the channels' darkness (channel_darkness) at the first of `blurs` (ascending)
    after which the paper is no longer uneven all over (TEXTURE), or at the last."""
    for blur in blurs:
        channels = channel_darkness(colours, scale, blur)
        if grain_threshold(np.clip(channels.max(axis=0), 0.0, 1.0)) <= TEXTURE:
            break
    return channels


def highlighted(picture, width, scale):
    """Return the mask (rows, cols) of what a highlighter coloured (a bright, saturated band).

    A see-through highlighter runs over the writing in a broad band of yellow,
    green, pink, orange or blue: its colour differs from the paper's in one or
    two channels, with streaks and darker ends, while its lightest channel
    stays nearly as light as the paper (BRIGHT of it); ink, even inside the band,
    is darker in every channel. The paper's colour is the picture closed at 3
    stroke widths (`width`: strokes filled in, the band is broader), on a copy
    HIGHLIGHT_SIDE to twice that pixels on its short side; a band is where it is
    VIVID more saturated (its channels' range over its lightest) than the
    page's (the median), and bright. The mask is widened by `scale` (the
    band's soft, wavy edges). Coloured paper is the page's own colour: no band.
    All False in a gray picture.
    """
    rows, cols = picture.shape[:2]
    if picture.shape[2] < 3:
        return np.zeros((rows, cols), dtype=bool)
    step = max(1, min(rows, cols) // HIGHLIGHT_SIDE)
    size = max(3, int(3 * width / step) + 1)
    small = np.stack([ndimage.grey_closing(picture[::step, ::step, k], size=(size, size),
                                           mode="nearest") for k in range(3)], axis=2)
    vivid, bright = highlighter_colour(small)
    band = ndimage.binary_dilation(vivid & bright, iterations=max(1, scale // step))
    return enlarged(band, step, (rows, cols))


def highlighter_taken(picture, first):
    """Return the mask (rows, cols) of a highlighter's band taken for the writing `first` by the
    first pass (all False when none was).

    A highlighter's band over a row of digits is broad and dark in gray: the
    first pass takes it with the digits for one mark, of strokes as wide as
    the band. Its pixels are light (LIT of the page's lightness at least: a
    pen, even a red one, is darker) and vivid (highlighted's test, pixel by
    pixel), and broad: they fill squares BAND_SQUARE of the picture's short
    side (the soft edges of a coloured pen's strokes do not). The writing was
    a band when TAKEN of it is such pixels and TAKEN_INK of it is ink, darker
    than HALF_LIGHT of the page: a light pen (pink, orange, a crayon) has no
    darker ink in it. The band is widened to its soft edges and darker ends, where
    the lightest channel is bright (BRIGHT): ink is dark in every channel.
    Sought on a copy HIGHLIGHT_SIDE to twice that pixels on its short side.
    """
    rows, cols = first.shape
    step = max(1, min(rows, cols) // HIGHLIGHT_SIDE)
    small, writing = picture[::step, ::step], first[::step, ::step]
    vivid, bright = highlighter_colour(small)
    lightness = small.mean(axis=2)
    square = max(3, int(BAND_SQUARE * min(small.shape[:2])))
    band = ndimage.binary_opening(vivid & bright & (lightness >= LIT * np.median(lightness)),
                                  np.ones((square, square)))
    inky = lightness <= HALF_LIGHT * np.median(lightness)
    taken = max(1, np.count_nonzero(writing))
    if (np.count_nonzero(band & writing) < TAKEN * taken
            or np.count_nonzero(inky & writing) < TAKEN_INK * taken):
        return np.zeros_like(first)
    band = ndimage.binary_dilation(band, np.ones((square, square))) & bright
    return enlarged(band, step, (rows, cols))


def highlighter_colour(small):
    """Return (vivid, bright): the masks (rows, cols) of a colour picture's pixels VIVID more
    saturated (their channels' range over their lightest) than its median, and of those whose
    lightest channel is BRIGHT of its median's at least: a highlighter's band is both."""
    lightest = small.max(axis=2)
    saturation = (lightest - small.min(axis=2)) / np.maximum(lightest, DIM)
    return (saturation >= np.median(saturation) + VIVID,
            lightest >= BRIGHT * np.median(lightest))


def enlarged(small, step, shape):
    """Return a mask of `shape` (rows, cols) from its copy taken every `step` pixels, each of
    its pixels repeated over the step it stands for."""
    return small[np.arange(shape[0]) // step][:, np.arange(shape[1]) // step]


def band_as_paper(picture):
    """Return the lightness (rows, cols, 1) a highlighter's band would have as paper: that of
    its lightest channel, scaled as the page's (the median)."""
    lightest = picture.max(axis=2, keepdims=True)
    return lightest * (np.median(picture.mean(axis=2)) / max(np.median(lightest), DIM))


def clipped_paper(gray, scale):
    """Return the mask (rows, cols) of the paper clipped to white in a picture (rows, cols, 1).

    In bright sun the paper clips: flat white, with no grain left. It is
    clipped where CLIPPED of the pixels within `scale` are white (within one
    level of 255); a desk beside it, not clipped, keeps its grain.
    """
    white = gray[..., 0] >= 1.0 - 1 / 255
    if not white.any():  # most photos: no need to look around each pixel (nothing is lifted)
        return white
    return ndimage.uniform_filter(white.astype(np.float32), scale, mode="nearest") >= CLIPPED


def lifted(dark, clipped, gain=1.0):
    """Return the darkness (..., rows, cols) with its faint part stretched `gain` times, and
    CLIPPED_GAIN times at least on clipped paper.

    Ink on paper clipped to white, veiled by the sun's flare, is far fainter
    than MIN_CONTRAST, yet it stands out from a paper with no grain at all:
    there, darkness up to MIN_CONTRAST counts CLIPPED_GAIN times, and what is
    darker keeps its order (shifted by as much), so that a pen stays darker
    than the print beside it. A smeared photo's faint strokes are lifted alike
    everywhere, at a `gain` chosen by find_writing (smeared_again).
    """
    if not clipped.any() and gain <= 1:  # most photos
        return dark
    more = np.where(clipped, np.float32(max(gain, CLIPPED_GAIN) - 1), np.float32(gain - 1))
    return dark + more * np.clip(dark, 0.0, MIN_CONTRAST)


def network_pixel(writing):
    """Return the side in pixels of one of the network's pixels on a writing (a mask), or inf.

    The digit is read scaled to fit BOX x BOX pixels: smoothing the noise over
    more than one of them blurs what the network reads (a small 3's loops fill in).
    """
    return max(cropped(writing).shape) / BOX if writing.any() else np.inf


def ink_level(dark, kept, width, paper):
    """Return the darkness (rows, cols) that counts as full ink around each pixel of the writing.

    The writing's level is its 95th percentile of darkness. But where glare
    lies on the page, the paper is lighter (`paper`, (rows, cols)) than under
    the writing's darkest strokes, by GLARE_LIGHT at least, and the ink,
    reflecting the glare too, is fainter against it: there the level is the
    darkest that strokes get in a window GLARE_REACH stroke widths wide (a stroke's own
    level), down to GLARE of the writing's. Elsewhere, the writing is
    stretched as a whole: faint marks beside it stay faint.
    """
    level = np.percentile(dark[kept], 95)
    window = max(3, int(GLARE_REACH * width))
    near = ndimage.maximum_filter(np.where(kept, dark, 0.0), size=window)
    glare = paper > (1 + GLARE_LIGHT) * np.median(paper[kept & (dark >= level)])
    return np.where(glare, np.clip(near, GLARE * level, level), level)


def doubts_about(ink, kept, labels, dark, edges, light):
    """Return sentences saying what, in what was found, does not look like one digit on paper."""
    doubts = []
    inked, box = np.count_nonzero(ink), cropped(ink).size
    if inked > 0.6 * box:
        doubts.append(f"the ink fills {100 * inked / box:.0f}% of its box: "
                      "more like a smudge or a shape than pen strokes")
    if inked > 0.4 * ink.size:
        doubts.append(f"the ink covers {100 * inked / ink.size:.0f}% of the picture: a digit "
                      "on paper covers much less")
    if touches_border(kept):
        doubts.append("the writing touches the picture's edge and may be cut off: leave "
                      "paper around it")
    if edges:  # marks as they touch, not as grouped (a desk's grain is many marks)
        pieces, count = ndimage.label(np.isin(labels, list(edges)), structure=np.ones((3, 3)))
        masses = ndimage.sum_labels(dark, pieces, np.arange(1, count + 1))
        largest = np.argmax(masses) + 1
        if masses[largest - 1] > dark[kept].sum() and could_be_a_digit(pieces == largest, kept,
                                                                       light):
            doubts.append("the largest mark touches the picture's edge and was dropped as the "
                          "desk or the page's edge; if it is your digit, leave paper around it")
    return doubts


def ink_of(picture):
    """Return the ink of the writing on a picture, bright on dark in [0, 1]: paper 0.

    Raises BlankImage when nothing on the picture looks like writing.
    """
    return find_writing(picture).ink


def normalize_ink(ink):
    """Return the 400 pixels the network reads for one digit's ink (bright on dark).

    As MNIST was made: cropped to the ink's box (its strokes thickened when they
    are far thinner than MNIST's: thickened), scaled to fit 20x20 keeping its
    aspect ratio, centred by its centre of mass in a 28x28 frame; then resized
    to 20x20 like the data set (resize_frame).
    """
    if not np.any(ink):
        raise BlankImage("no ink found: the picture is blank")
    digit = fitted(thickened(cropped(ink)), BOX)
    height, width = digit.shape
    frame = np.zeros((FRAME, FRAME), dtype=np.float32)
    centre_row, centre_col = ndimage.center_of_mass(digit)
    top = int(np.clip(round(FRAME / 2 - centre_row), 0, FRAME - height))
    left = int(np.clip(round(FRAME / 2 - centre_col), 0, FRAME - width))
    frame[top:top + height, left:left + width] = digit
    return resize_frame(frame)


def thickened(box):
    """Return a digit's ink (rows, cols), cut to its box, with strokes THINNEST of its larger side
    wide at least.

    A fine pen on a large digit draws strokes a few hundredths of its height
    wide, MNIST's pens a sixth: scaled to 20x20, the fine strokes fade to faint
    threads the network does not read as MNIST's. Thinner strokes are widened
    by a grey dilation with a disk, on the digit first made at most
    THICKENED_SIDE pixels long (the disk stays small); others are left as they are.
    """
    width, _ = stroke_widths(box > 0)
    if width is None or width >= THINNEST * max(box.shape):
        return box
    if max(box.shape) > THICKENED_SIDE:
        width *= THICKENED_SIDE / max(box.shape)
        box = fitted(box, THICKENED_SIDE)
    radius = (THINNEST * max(box.shape) - width) / 2
    if radius < 0.5:
        return box
    return cropped(ndimage.grey_dilation(np.pad(box, int(np.ceil(radius))),
                                         footprint=disk(radius)))


def fitted(box, side):
    """Return a box (rows, cols) resized (bicubic) so that its larger side is `side` pixels, its
    aspect ratio kept, values clipped to [0, 1]."""
    scale = side / max(box.shape)
    shape = [max(1, round(length * scale)) for length in box.shape]
    return np.clip(resize_bicubic(box, shape), 0.0, 1.0)


def cropped(image):
    """Return an image (rows, cols) cut to the box of its nonzero pixels (one at least)."""
    rows, cols = np.nonzero(image)
    return image[rows.min():rows.max() + 1, cols.min():cols.max() + 1]


def disk(radius):
    """Return a disk of `radius` pixels as a mask (2n + 1, 2n + 1), n the radius rounded up."""
    n = int(np.ceil(radius))
    rows, cols = np.mgrid[-n:n + 1, -n:n + 1]
    return rows ** 2 + cols ** 2 <= radius ** 2


def normalize_digit(picture):
    """Return the (400,) pixels the network reads for a picture of one digit, anywhere on it.

    picture: (rows, cols) gray or (rows, cols, 3) colours in [0, 1], a photo or a scan.
    Raises BlankImage when the picture holds no writing.
    """
    return normalize_ink(ink_of(picture))


def stroke_weight(ink):
    """Return how much ink (rows, cols) lies across its strokes: their width times its mean ink.

    A pen's line weight: a thin faint line weighs less than a digit written
    with a marker, whatever their lengths.
    """
    width, _ = stroke_widths(ink > 0)
    return 0.0 if width is None else width * float(ink[ink > 0].mean())


def is_bare_line(ink):
    """Return True when the ink (rows, cols) is one upright stroke: less wide than 2 strokes."""
    width, _ = stroke_widths(ink > 0)
    return width is not None and ink.shape[1] < 2 * width


def split_digits(ink):
    """Return the ink of each digit in a row of digits, left to right, as (columns, ink) pairs.

    Digits are the groups of ink separated by empty columns. A group shorter than
    a twentieth of the tallest is a speck and is dropped; one shorter than 40% of
    the tallest is a broken-off stroke (the tail of a 9, the bar of a 5) and
    joins its nearest neighbour. Before that, a bare upright line (is_bare_line)
    TALL_LINE times as tall as the other groups (their median, specks dropped)
    is dropped: a row's digits are of about one height, and a 1 is no taller
    than the others, but a page's edge or a printed line is. A bare upright line
    whose stroke weighs less than THIN of the others' (stroke_weight) is no 1
    written with the same pen (a fold, a margin line, a pencil mark beside the
    row) and is dropped.
    `columns` is the slice of columns a digit spans.
    """
    starts, stops = true_runs(ink.any(axis=0))  # the columns each group of ink spans
    if starts.size == 0:
        raise BlankImage("no ink found: the picture is blank")
    spans = list(zip(starts, stops))

    def height(span):
        rows = np.flatnonzero(ink[:, span[0]:span[1]].any(axis=1))
        return rows[-1] - rows[0] + 1

    tallest = max(height(span) for span in spans)
    spans = [span for span in spans if height(span) >= tallest / 20]
    spans = without_odd_lines(ink, spans, [height(span) for span in spans],
                              lambda own, others: own >= TALL_LINE * others)
    tallest = max(height(span) for span in spans)
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
    spans = without_odd_lines(ink, spans, [stroke_weight(ink[:, a:b]) for a, b in spans],
                              lambda own, others: own < THIN * others)
    return [(slice(int(start), int(stop)), ink[:, start:stop]) for start, stop in spans]


def without_odd_lines(ink, spans, values, odd):
    """Return the spans (column pairs) of a row's ink but its bare upright lines (is_bare_line)
    whose value is odd(own value, the median of the other spans' values)."""
    return [span for k, span in enumerate(spans)
            if len(spans) == 1 or not is_bare_line(ink[:, span[0]:span[1]])
            or not odd(values[k], np.median(values[:k] + values[k + 1:]))]
