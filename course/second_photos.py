"""A second set of photos of digits, made another way than course/photomaker.py.

Kept apart to check the picture steps on photos they were not tuned on:
digits drawn as pen strokes (Pillow's ImageDraw lines of varying width along
jittered templates, not MNIST and not fonts), on textured paper, warped in
perspective onto a striped desk, lit by a lamp (a bright spot and a vignette)
with a hard-edged shadow, seen by a camera of another size, saved as JPEG.
`python -m course.bench_images --second` reads them.
"""

import io

import numpy as np
from PIL import Image, ImageDraw, ImageFilter
from scipy import ndimage

from course.images import normalize_ink

SECOND_CONDITIONS = ("plain", "perspective", "lamp", "ballpoint", "graph", "tinted", "far")
SHOT_SHAPE = (480, 640)  # rows, cols of a photo
TEMPLATES = {  # each digit: strokes of (x, y) points in a unit box, y downwards
    0: [[(0.5 + 0.3 * np.sin(t), 0.5 - 0.45 * np.cos(t)) for t in np.linspace(0, 6.4, 24)]],
    1: [[(0.35, 0.22), (0.58, 0.04), (0.52, 0.96)]],
    2: [[(0.18, 0.25), (0.35, 0.07), (0.62, 0.05), (0.8, 0.22), (0.72, 0.45), (0.18, 0.95),
         (0.86, 0.93)]],
    3: [[(0.2, 0.12), (0.5, 0.03), (0.78, 0.18), (0.7, 0.4), (0.45, 0.48), (0.76, 0.58),
         (0.8, 0.8), (0.55, 0.97), (0.18, 0.88)]],
    4: [[(0.6, 0.04), (0.14, 0.66), (0.86, 0.66)], [(0.64, 0.3), (0.64, 0.97)]],
    5: [[(0.82, 0.05), (0.32, 0.05), (0.26, 0.45), (0.55, 0.38), (0.8, 0.58), (0.76, 0.85),
         (0.5, 0.97), (0.2, 0.88)]],
    6: [[(0.72, 0.04), (0.42, 0.25), (0.22, 0.6), (0.3, 0.9), (0.55, 0.97), (0.78, 0.8),
         (0.72, 0.58), (0.45, 0.52), (0.24, 0.66)]],
    7: [[(0.14, 0.07), (0.86, 0.07), (0.42, 0.96)]],
    8: [[(0.5 + 0.22 * np.sin(t), 0.27 - 0.22 * np.cos(t)) for t in np.linspace(0, 6.4, 18)],
        [(0.5 + 0.28 * np.sin(t), 0.73 - 0.25 * np.cos(t)) for t in np.linspace(0, 6.4, 18)]],
    9: [[(0.74, 0.3)] + [(0.5 + 0.24 * np.cos(t), 0.3 + 0.25 * np.sin(t))
                         for t in np.linspace(0, 6.3, 18)] + [(0.73, 0.35), (0.66, 0.97)]],
}


def stroke_digit(label, size, rng):
    """Return a digit drawn with a pen: ink (size, size) in [0, 1], jittered, slanted, any width."""
    scale = 4 * size  # drawn large, then shrunk: smooth edges
    canvas = Image.new("L", (scale, scale), 0)
    pen = ImageDraw.Draw(canvas)
    slant, squeeze = rng.uniform(-0.25, 0.25), rng.uniform(0.75, 1.1)
    width = int(scale * rng.uniform(0.05, 0.12))
    for stroke in TEMPLATES[int(label)]:
        points = np.array(stroke) + rng.normal(0, 0.02, (len(stroke), 2))
        x = 0.5 + (points[:, 0] - 0.5) * squeeze + slant * (0.5 - points[:, 1])
        y = points[:, 1]
        xy = [(0.1 * scale + 0.8 * scale * a, 0.1 * scale + 0.8 * scale * b) for a, b in zip(x, y)]
        pen.line(xy, fill=int(255 * rng.uniform(0.75, 1.0)), width=width, joint="curve")
        for a, b in (xy[0], xy[-1]):
            pen.ellipse((a - width / 2, b - width / 2, a + width / 2, b + width / 2), fill=230)
    return np.asarray(canvas.resize((size, size), Image.Resampling.LANCZOS)) / 255.0


def paper_texture(shape, colour, rng):
    """Return paper (rows, cols, 3): a colour with blotches and fibres."""
    blotches = ndimage.gaussian_filter(rng.normal(0, 1, shape), 25)
    blotches *= 0.04 / max(blotches.std(), 1e-9)
    fibres = ndimage.gaussian_filter(rng.normal(0, 0.03, shape), (0.6, 3))
    return np.clip(colour + (blotches + fibres)[..., None], 0, 1)


def grid(shape, gap, rng):
    """Return the opacity of graph paper lines: fine every gap, bold every 5 gaps."""
    lines = np.zeros(shape)
    for k, position in enumerate(np.arange(rng.uniform(0, gap), max(shape), gap).astype(int)):
        strength = 0.6 if k % 5 == 0 else 0.3
        if position < shape[0]:
            lines[position] = np.maximum(lines[position], strength)
        if position < shape[1]:
            lines[:, position] = np.maximum(lines[:, position], strength)
    return lines


def lamp(shape, rng):
    """Return light (rows, cols): a bright spot, a vignette and a hard-edged shadow polygon."""
    rows, cols = np.mgrid[0:shape[0], 0:shape[1]] / max(shape)
    centre = rng.uniform(0.2, 0.8, 2)
    spot = np.exp(-((rows - centre[0]) ** 2 + (cols - centre[1]) ** 2) / rng.uniform(0.05, 0.3))
    vignette = 1 - 0.35 * ((rows - 0.37) ** 2 + (cols - 0.5) ** 2) * 2
    shadow = Image.new("L", shape[::-1], 0)
    corner = [(rng.uniform(0, shape[1]), 0), (shape[1], 0), (shape[1], rng.uniform(0, shape[0]))]
    ImageDraw.Draw(shadow).polygon(corner, fill=int(255 * rng.uniform(0.3, 0.55)))
    shade = np.asarray(shadow.filter(ImageFilter.GaussianBlur(1.5))) / 255.0
    return (0.55 + 0.45 * spot) * vignette * (1 - shade)


def desk_texture(shape, rng):
    """Return a desk (rows, cols, 3): wood-like stripes in a random brown or grey."""
    rows, cols = np.mgrid[0:shape[0], 0:shape[1]]
    stripes = 0.5 + 0.5 * np.sin(cols / rng.uniform(3, 9) + 2 * np.sin(rows / 40))
    base = rng.choice([np.array([0.4, 0.26, 0.15]), np.array([0.3, 0.3, 0.32]),
                       np.array([0.6, 0.45, 0.3])])
    return np.clip(base * (0.8 + 0.3 * stripes[..., None]), 0, 1)


def perspective_onto_desk(page, rng):
    """Return the page warped in perspective (a tilted phone) onto a striped desk."""
    rows, cols = page.shape[:2]
    margin = rng.uniform(0.05, 0.18, 8) * np.array([cols, rows] * 4)
    corners = np.array([[0, 0], [cols, 0], [cols, rows], [0, rows]], float)
    target = corners + margin.reshape(4, 2) * np.array([[1, 1], [-1, 1], [-1, -1], [1, -1]])
    # Pillow maps each output pixel to an input pixel: coefficients from target to corners
    A = []
    for (x, y), (u, v) in zip(target, corners):
        A.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        A.append([0, 0, 0, x, y, 1, -v * x, -v * y])
    coefficients = np.linalg.solve(np.array(A), corners.ravel())
    picture = Image.fromarray((255 * page).astype(np.uint8))
    warped = picture.transform((cols, rows), Image.Transform.PERSPECTIVE, coefficients,
                               Image.Resampling.BICUBIC)
    inside = Image.new("L", (cols, rows), 255).transform(
        (cols, rows), Image.Transform.PERSPECTIVE, coefficients, Image.Resampling.BILINEAR)
    desk = Image.fromarray((255 * desk_texture((rows, cols), rng)).astype(np.uint8))
    desk.paste(warped, (0, 0), inside)
    return np.asarray(desk) / 255.0


def shoot(ink, condition, rng, shape=SHOT_SHAPE):
    """Return a JPEG-compressed photo (as bytes) of a digit's ink under one second-set condition."""
    rows, cols = shape
    size = int(rng.uniform(0.3, 0.6) * rows) if condition != "far" else int(0.1 * rows)
    colour, ink_colour = np.array([0.94, 0.93, 0.9]), np.array([0.1, 0.12, 0.3])
    if condition == "tinted":
        colour = rng.choice([np.array([0.9, 0.95, 0.75]), np.array([0.96, 0.85, 0.7])])
        ink_colour = rng.choice([np.array([0.55, 0.1, 0.5]), np.array([0.1, 0.45, 0.2])])
    page = paper_texture(shape, colour, rng)
    if condition == "graph":
        lines = grid(shape, rng.uniform(12, 24), rng)
        page = page * (1 - lines[..., None]) + np.array([0.4, 0.7, 0.5]) * lines[..., None]
    alpha = np.zeros(shape)
    top, left = rng.integers(0, rows - size), rng.integers(0, cols - size)
    alpha[top:top + size, left:left + size] = np.asarray(
        Image.fromarray((255 * ink).astype(np.uint8)).resize((size, size))) / 255.0
    if condition == "ballpoint":  # faint, grainy strokes
        alpha *= rng.uniform(0.3, 0.6) * (0.7 + 0.3 * rng.random(shape))
    page = page * (1 - alpha[..., None]) + ink_colour * alpha[..., None]
    if condition == "perspective":
        page = perspective_onto_desk(page, rng)
    if condition == "lamp":
        page = page * lamp(shape, rng)[..., None]
    page = np.clip(page + rng.normal(0, 0.015, page.shape), 0, 1)
    buffer = io.BytesIO()
    Image.fromarray((255 * page).astype(np.uint8)).save(buffer, "JPEG",
                                                        quality=int(rng.integers(50, 90)))
    return buffer.getvalue()


def second_set(count, rng, size=140):
    """Return (inks, labels, direct): `count` stroke-drawn digits and their 400 pixels read directly."""
    labels = rng.integers(0, 10, size=count)
    inks = [stroke_digit(label, size, rng) for label in labels]
    return inks, labels, np.stack([normalize_ink(ink) for ink in inks])
