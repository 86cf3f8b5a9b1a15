"""Find a page photographed whole on a desk, and see it from above (undo the perspective).

A page photographed at an angle is a quadrilateral, not a rectangle: the far
edge is shorter and the writing on it is foreshortened. When the whole page
lies in the picture, lighter than the desk around it (or, on a patterned
cloth, plainer than it), its four corners are found from its outline and
the page is warped back to a rectangle, the desk left out. Pictures where
no whole page is seen are left as they are.
"""

import numpy as np
from PIL import Image
from scipy import ndimage
from scipy.spatial import ConvexHull, QhullError

PAGE_SIDE = 200    # the page is sought on a copy of the picture this many pixels long
MIN_PAGE = 0.15    # a page covers at least this share of the picture ...
QUAD_FILL = 0.95   # ... and fills at least this share of the quadrilateral of its corners,
SQUARE_ENOUGH = 40  # ... whose angles are within this many degrees of a right angle
INSET = 0.02       # the warped page is cut this share of its side inside its edges
PAGE_SHAPES = (0.5, 2.0)  # width / height of sheets of paper, upright or lying
GRAIN = 5          # light lines thinner than this many pixels (of the copy) are no page
PLAIN = 0.05       # a page is plain: its lightness varies less than this (deviation) ...
PLAIN_WINDOW = 9   # ... over windows this many pixels wide (of the copy); a cloth's pattern
#                    does not
MIN_PLAIN_PAGE = 0.05  # a plain page amid a pattern covers at least this share of the picture,
QUAD_SPILL = 0.8   # ... and its quadrilateral takes in this share of it (a round region: 64%)


def otsu_level(values):
    """Return the level that best splits values in [0, 1] into a dark and a light class (Otsu)."""
    counts, edges = np.histogram(values, bins=64, range=(0.0, 1.0))
    centres = (edges[:-1] + edges[1:]) / 2
    weight_dark = np.cumsum(counts)
    weight_light = weight_dark[-1] - weight_dark
    sum_dark = np.cumsum(counts * centres)
    mean_dark = sum_dark / np.maximum(weight_dark, 1)
    mean_light = (sum_dark[-1] - sum_dark) / np.maximum(weight_light, 1)
    between = weight_dark * weight_light * (mean_dark - mean_light) ** 2
    return float(edges[1:][np.argmax(between)])


def page_mask(gray, plain=None, smallest=MIN_PAGE):
    """Return the mask (rows, cols) of the largest light region away from the border, or None.

    Thin light lines (a wooden desk's light grain, ending on the page's edge) would
    join the page to the border: the region is sought with them opened away, then
    grown back into the light pixels around it (its corners, which the opening
    rounds). Its holes (the writing) are filled. None when it is smaller than
    `smallest` of the picture, or when there is no light region inside the
    picture. Light pixels are those above the picture's Otsu level; with a
    mask `plain` (rows, cols), the region is sought among the plain ones only
    (plain_pixels), and grown back by the width of their window too.
    """
    light = gray > otsu_level(gray)
    seed = light if plain is None else light & plain
    labels, count = ndimage.label(ndimage.binary_opening(seed, np.ones((GRAIN, GRAIN))))
    border = border_labels(labels)
    sizes = np.bincount(labels.ravel(), minlength=count + 1)
    sizes[border] = 0  # a page cut by the picture's edge has no four corners to find
    sizes[0] = 0       # nor is what is not light (the writing, when light touches all the border)
    if count == 0 or sizes.max() < smallest * gray.size:
        return None
    grow = GRAIN // 2 + (0 if plain is None else PLAIN_WINDOW // 2)
    page = ndimage.binary_dilation(labels == np.argmax(sizes), np.ones((3, 3)),
                                   iterations=grow, mask=light)
    return ndimage.binary_fill_holes(page)


def quadrilateral(mask):
    """Return the four corners (4, 2) as (x, y) of the mask's outline, or None if it is no quad.

    The outline's convex hull loses, one at a time, the corner whose loss takes
    the least area away, until four are left (Visvalingam's simplification).
    Clockwise from the corner nearest the top left.
    """
    rows, cols = np.nonzero(mask ^ ndimage.binary_erosion(mask))
    try:
        hull = ConvexHull(np.column_stack([cols, rows]).astype(float))
    except QhullError:
        return None
    corners = list(hull.points[hull.vertices])
    while len(corners) > 4:
        areas = [abs(cross(corners[k - 1] - corners[k], corners[(k + 1) % len(corners)]
                           - corners[k])) for k in range(len(corners))]
        corners.pop(int(np.argmin(areas)))
    if len(corners) < 4:
        return None
    corners = np.array(corners)
    if polygon_area(corners) * QUAD_FILL > np.count_nonzero(mask) \
            or max(abs(angle - 90) for angle in corner_angles(corners)) > SQUARE_ENOUGH:
        return None  # the outline is not four straight edges meeting as a page's do
    first = int(np.argmin(corners.sum(axis=1)))
    corners = np.roll(corners, -first, axis=0)
    if cross(corners[1] - corners[0], corners[2] - corners[0]) < 0:  # anticlockwise on screen
        corners = corners[[0, 3, 2, 1]]
    return corners


def cross(a, b):
    """Return the cross product of two vectors (x, y) in the plane: a number."""
    return a[0] * b[1] - a[1] * b[0]


def corner_angles(corners):
    """Return the angles in degrees at the corners (n, 2) of a polygon."""
    before, after = np.roll(corners, 1, axis=0) - corners, np.roll(corners, -1, axis=0) - corners
    cosines = np.sum(before * after, axis=1) / (np.linalg.norm(before, axis=1)
                                                 * np.linalg.norm(after, axis=1))
    return np.degrees(np.arccos(np.clip(cosines, -1.0, 1.0)))


def polygon_area(corners):
    """Return the area of a polygon from its corners (n, 2) in order (the shoelace formula)."""
    x, y = corners[:, 0], corners[:, 1]
    return 0.5 * abs(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)))


def page_corners(gray):
    """Return the corners (4, 2) as (x, y) pixels of a whole page lying in a picture, or None.

    gray: (rows, cols) in [0, 1]. The page is sought on a copy PAGE_SIDE pixels
    long: the light region that the border does not touch, with four straight edges;
    else the light and plain one amid a patterned cloth (plain_page_corners).
    """
    step = max(1, max(gray.shape) // PAGE_SIDE)
    small = ndimage.uniform_filter(gray, step)[::step, ::step] if step > 1 else gray
    mask = page_mask(small)
    corners = None if mask is None else quadrilateral(mask)
    if corners is None:
        corners = plain_page_corners(small)
    return None if corners is None else (corners + 0.5) * step - 0.5


def plain_page_corners(gray):
    """Return the corners (4, 2) as (x, y) of a plain page amid a patterned cloth, or None.

    The page is the largest region both light and plain (plain_pixels), down
    to MIN_PLAIN_PAGE of the picture, with four straight edges (quadrilateral)
    that take in QUAD_SPILL of it at least: the plain paper inside a bold 0 is
    round, and spills far out of any four corners on its outline.
    """
    mask = page_mask(gray, plain_pixels(gray), MIN_PLAIN_PAGE)
    corners = None if mask is None else quadrilateral(mask)
    if corners is None or polygon_area(corners) < QUAD_SPILL * np.count_nonzero(mask):
        return None
    return corners


def plain_pixels(gray):
    """Return the mask (rows, cols) of the plain pixels of a picture: no cloth's pattern.

    A page on a patterned tablecloth (checks, stripes, flowers) touches the
    cloth's light parts, and light alone joins them into one region with the
    border. But a pattern repeats all over the cloth: its lightness varies by
    more than PLAIN over PLAIN_WINDOW pixels, the paper's does not.
    """
    mean = ndimage.uniform_filter(gray, PLAIN_WINDOW)
    spread = np.sqrt(np.maximum(ndimage.uniform_filter(gray ** 2, PLAIN_WINDOW) - mean ** 2, 0.0))
    return spread < PLAIN


def page_from_above(picture):
    """Return the page in a picture (rows, cols, channels) seen from above, or None.

    None when no whole page is found (page_corners), or when what was found has
    not the shape of a sheet of paper (PAGE_SHAPES): a part of a page cut off
    by a hard shadow, say.
    """
    corners = page_corners(picture.mean(axis=2))
    if corners is None:
        return None
    ratio = page_shape(corners, np.array(picture.shape[1::-1]) / 2)
    if not PAGE_SHAPES[0] <= ratio <= PAGE_SHAPES[1]:
        return None
    return seen_from_above(picture, corners, ratio)


def seen_from_above(picture, corners, ratio):
    """Return the page inside `corners` (4, 2) warped to a rectangle: (rows, cols, channels).

    It is as wide as the longer of its top and bottom edges, and as tall as its
    `ratio` (width / height, from page_shape) makes it; INSET of each side is cut
    off, so that no desk is left along the edges.
    """
    top, bottom = (np.linalg.norm(corners[k + 1] - corners[k]) for k in (0, 2))
    width = int(round(max(top, bottom)))
    height = int(round(width / ratio))
    margin_x, margin_y = INSET * width, INSET * height
    target = np.array([(-margin_x, -margin_y), (width + margin_x, -margin_y),
                       (width + margin_x, height + margin_y), (-margin_x, height + margin_y)])
    coefficients = perspective_coefficients(target, corners)
    return np.stack([np.asarray(Image.fromarray(channel).transform(
        (width, height), Image.Transform.PERSPECTIVE, coefficients,
        Image.Resampling.BILINEAR)) for channel in np.moveaxis(picture, 2, 0)], axis=2)


def page_shape(corners, centre):
    """Return the page's width / height, seen through a camera aimed at `centre` (x, y).

    Zhang and He's whiteboard method: the corners (4, 2), clockwise from the top
    left, give the camera's focal length, and with it the rectangle's true
    shape; with no perspective to measure it by (parallel edges), the ratio of
    its edges.
    """
    m1, m2, m4, m3 = (np.append(corner, 1.0) for corner in corners)  # (3,) each; m4 opposite m1
    k2 = np.dot(np.cross(m1, m4), m3) / np.dot(np.cross(m2, m4), m3)
    k3 = np.dot(np.cross(m1, m4), m2) / np.dot(np.cross(m3, m4), m2)
    n2, n3 = k2 * m2 - m1, k3 * m3 - m1  # the page's two directions, seen
    u0, v0 = centre
    focal2 = -((n2[0] - n2[2] * u0) * (n3[0] - n3[2] * u0)
               + (n2[1] - n2[2] * v0) * (n3[1] - n3[2] * v0)) / (n2[2] * n3[2] + 1e-12)
    if abs(n2[2] * n3[2]) < 1e-9 or focal2 <= 0:
        return float(np.hypot(*n2[:2]) / np.hypot(*n3[:2]))
    inverse = np.linalg.inv(np.array([[np.sqrt(focal2), 0, u0], [0, np.sqrt(focal2), v0],
                                      [0, 0, 1]]))
    return float(np.linalg.norm(inverse @ n2) / np.linalg.norm(inverse @ n3))  # (3,) each


def perspective_coefficients(target, source):
    """Return Pillow's 8 PERSPECTIVE coefficients taking points `target` (4, 2) to `source`.

    Pillow maps each output pixel (x, y) to the input pixel
    ((a x + b y + c) / (g x + h y + 1), (d x + e y + f) / (g x + h y + 1)).
    """
    rows = []
    for (x, y), (u, v) in zip(target, source):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
    return np.linalg.solve(np.array(rows), source.ravel()).tolist()  # (8,)


def border_labels(labels):
    """Return the labels (sorted, 0 among them if the background is there) of the regions on a
    labelled picture's outermost pixels."""
    return np.unique(np.concatenate([labels[0], labels[-1], labels[:, 0], labels[:, -1]]))
