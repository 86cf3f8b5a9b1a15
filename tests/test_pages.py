"""A page photographed whole on a desk at an angle, seen from above; no ink in shadow tips."""

import numpy as np
import pytest
from PIL import Image

from course import data
from course.images import find_writing, normalize_ink, resize_bicubic
from course.nn import predict as network_predict
from course.pages import page_corners, page_from_above, perspective_coefficients

PAGE = (400, 300)  # rows, cols of the page before it is photographed
SHOT = (480, 640)  # rows, cols of the photo


def page_with(ink, paper=0.92):
    """Return a page (rows, cols) with the ink (bright on dark) written dark in its middle."""
    page = np.full(PAGE, paper, dtype=np.float32)
    rows, cols = ink.shape
    top, left = (PAGE[0] - rows) // 2, (PAGE[1] - cols) // 2
    page[top:top + rows, left:left + cols] -= 0.8 * ink
    return page


def photographed(page, corners, desk=0.25):
    """Return a gray photo (SHOT) of the page with its corners (4, 2) at (x, y) on a desk."""
    rows, cols = page.shape
    flat = np.array([(0, 0), (cols, 0), (cols, rows), (0, rows)], float)
    coefficients = perspective_coefficients(np.asarray(corners, float), flat)
    canvas = Image.fromarray(page.astype(np.float32) + 1.0)  # 0 outside the page: the desk
    shot = np.asarray(canvas.transform(SHOT[::-1], Image.Transform.PERSPECTIVE, coefficients,
                                       Image.Resampling.BILINEAR))
    return np.where(shot > 0.5, shot - 1.0, desk).astype(np.float32)


def camera_view(tilt, turn, focal=700.0, distance=900.0):
    """Return the corners (4, 2) at (x, y) of the page seen by a camera aimed at the photo's
    centre, the page tilted away by `tilt` degrees and turned by `turn` on the desk."""
    rows, cols = PAGE
    corners = np.array([(-cols, -rows, 0), (cols, -rows, 0), (cols, rows, 0), (-cols, rows, 0)],
                       float) / 2
    a, b = np.radians(tilt), np.radians(turn)
    tilted = np.array([[1, 0, 0], [0, np.cos(a), -np.sin(a)], [0, np.sin(a), np.cos(a)]])
    turned = np.array([[np.cos(b), -np.sin(b), 0], [np.sin(b), np.cos(b), 0], [0, 0, 1]])
    seen = corners @ (tilted @ turned).T + [0, 0, distance]
    return focal * seen[:, :2] / seen[:, 2:] + [SHOT[1] / 2, SHOT[0] / 2]


TILTED = camera_view(40, 12)  # the far edge shorter, the page turned


def test_the_four_corners_of_a_page_on_a_desk_are_found():
    shot = photographed(page_with(np.zeros((1, 1))), TILTED)
    assert page_corners(shot) == pytest.approx(TILTED, abs=10)  # 2% of the picture


def test_a_page_on_a_desk_with_light_grain_is_found():
    rows = np.arange(SHOT[0])[:, None]
    grain = np.where((rows + np.arange(SHOT[1]) // 40) % 12 < 3, 0.75, 0.35)  # lighter than most
    shot = photographed(page_with(np.zeros((1, 1))), TILTED, desk=grain)
    assert page_corners(shot) == pytest.approx(TILTED, abs=15)  # a few grain lines join it


@pytest.mark.parametrize("where", ["fills the picture", "cut by the picture's edge"])
def test_no_corners_for_a_page_not_seen_whole(where):
    corners = [(-20, -20), (660, -20), (660, 500), (-20, 500)] if where == "fills the picture" \
        else [(300, 100), (700, 100), (700, 450), (300, 450)]
    assert page_corners(photographed(page_with(np.zeros((1, 1))), corners)) is None


def test_a_page_seen_from_above_is_a_rectangle_again():
    ring = np.zeros((120, 120), np.float32)  # a circle on the page comes back round
    rows, cols = np.mgrid[:120, :120] - 59.5
    ring[np.abs(np.hypot(rows, cols) - 50) < 4] = 1.0
    shot = photographed(page_with(ring), TILTED)
    flat = page_from_above(shot[..., np.newaxis])[..., 0]
    assert flat.shape[0] / flat.shape[1] == pytest.approx(PAGE[0] / PAGE[1], rel=0.1)
    assert flat.min() > 0.05  # no desk left along its edges
    ink = flat < 0.5
    height = np.ptp(np.flatnonzero(ink.any(axis=1)))
    width = np.ptp(np.flatnonzero(ink.any(axis=0)))
    assert height / width == pytest.approx(1.0, abs=0.1)


def test_a_digit_on_a_page_photographed_at_an_angle_is_read():
    _, _, X_test, y_test = data.load_split()
    W1, W2 = data.load_weights(data.BEST)
    picked = [np.flatnonzero(y_test == label)[0] for label in range(10)]
    read = []
    for k in picked:
        ink = np.clip(resize_bicubic(X_test[k].reshape(20, 20), (140, 140)), 0, 1)
        writing = find_writing(photographed(page_with(ink), TILTED))
        rows, cols = writing.picture.shape[:2]
        assert rows / cols == pytest.approx(PAGE[0] / PAGE[1], rel=0.1)  # the page, from above
        read.append(int(network_predict(W1, W2, normalize_ink(writing.ink)[np.newaxis])[0]))
    assert np.mean(np.array(read) == y_test[picked]) >= 0.9


def test_the_tips_of_a_hard_shadow_are_not_taken_for_ink():
    bar = np.zeros((120, 20), np.float32)
    bar[:, 4:16] = 1.0  # a 1, in the middle of the page
    page_off_the_edge = [(170, 40), (770, 40), (770, 440), (170, 440)]  # not seen from above
    shot = photographed(page_with(bar), page_off_the_edge, desk=0.1)
    rows, cols = np.mgrid[:SHOT[0], :SHOT[1]]
    across = (cols - 320) * 0.6 + (rows - 240) * 0.8  # a band across page and desk, at 37 degrees
    shadow = (across > -190) & (across < -100)
    writing = find_writing(np.where(shadow, 0.55 * shot, shot))
    ink_rows, ink_cols = np.nonzero(writing.ink)
    assert np.ptp(ink_cols) < 40 and np.ptp(ink_rows) < 140  # the 1 alone: 12 x 120 on the page
    assert writing.angle == 0.0
