"""The changes that make more training digits: each on its own, then all together."""

import tracemalloc

import numpy as np
import pytest
from scipy import ndimage

from course import augment as aug
from course import data
from course.nn import predict


@pytest.fixture(scope="module")
def ten(split):
    """Return one training digit of each label, as (10, 20, 20) pictures."""
    return split[0][::400].reshape(10, 20, 20)


def identity_places(n, side=20):
    """Return (n, 2, side, side): every pixel read from where it is."""
    return np.broadcast_to(np.indices((side, side), dtype=np.float64), (n, 2, side, side))


@pytest.mark.parametrize("distort", [0.0, 1.0, 3.0])
def test_copies_have_the_shape_and_range_and_repeat_with_the_seed(ten, distort):
    X = ten.reshape(10, 400)
    copies = aug.augment(X, 3, 7, distort)
    assert copies.shape == (30, 400)
    assert copies.min() >= 0.0 and copies.max() <= 1.0
    assert np.array_equal(copies, aug.augment(X, 3, 7, distort))
    assert not np.array_equal(copies, aug.augment(X, 3, 8, distort))


def test_copies_are_changed_but_still_look_like_their_digit(split):
    X, y = split[0][::40], split[1][::40]  # 100 training digits, 10 of each
    copies = aug.augment(X, 2, 0, distort=0.5)
    originals = np.tile(X, (2, 1))
    assert np.all(np.abs(copies - originals).mean(axis=1) > 0.01)
    W1, W2 = data.load_weights(data.BEST)
    assert np.mean(predict(W1, W2, copies) == np.tile(y, 2)) >= 0.8  # the best network reads them


def test_more_distortion_moves_the_copies_further(ten):
    X = ten.reshape(10, 400)
    originals = np.tile(X, (20, 1))
    likeness = [np.median(np.corrcoef(aug.augment(X, 20, 0, distort), originals)[:200, 200:]
                          .diagonal()) for distort in (0.0, 1.5, 3.0)]
    assert likeness[0] > likeness[1] > likeness[2]


def test_no_copies_and_copies_made_in_blocks(ten, monkeypatch):
    X = ten.reshape(10, 400)
    assert aug.augment(X, 0, 0).shape == (0, 400)
    monkeypatch.setattr(aug, "BLOCK", 7)  # 50 copies in blocks of 7: the last one short
    copies = aug.augment(X, 5, 3)
    assert copies.shape == (50, 400)
    originals = np.tile(X, (5, 1))
    assert np.median(np.corrcoef(copies, originals)[:50, 50:].diagonal()) > 0.5


def test_copies_are_made_without_a_tiled_copy_of_the_digits(split, monkeypatch):
    X = split[0][:100]
    monkeypatch.setattr(aug, "BLOCK", 50)  # 40 small blocks: little memory besides the copies
    tracemalloc.start()
    try:
        copies = aug.augment(X, 40, 0, 0.5)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert copies.shape == (4000, 400)
    assert peak < 1.5 * copies.nbytes  # not the 3 times of tiling, then concatenating
    single = aug.augment(X, 2, 0, 0.5, dtype=np.float32)
    assert single.dtype == np.float32 and np.allclose(single, copies[:200], atol=1e-6)


def test_with_copies_puts_the_originals_first(ten):
    X, y = ten.reshape(10, 400), np.arange(10)
    X_more, y_more = aug.with_copies(X, y, 2, 0, 1.0)
    assert X_more.shape == (30, 400) and np.array_equal(X_more[:10], X)
    assert y_more.tolist() == list(range(10)) * 3
    X_same, y_same = aug.with_copies(X, y, 0, 0)
    assert np.array_equal(X_same, X) and np.array_equal(y_same, y)


def test_elastic_displacement_of_strength_zero_is_none():
    rng = np.random.default_rng(0)
    assert np.array_equal(aug.elastic_displacement((4, 20, 20), 0.0, rng), np.zeros((4, 2, 20, 20)))


@pytest.mark.parametrize("strength", [0.5, 2.0])
def test_elastic_displacement_has_its_strength_and_is_smooth(strength):
    field = aug.elastic_displacement((50, 20, 20), strength, np.random.default_rng(0))
    assert np.sqrt(np.mean(field ** 2)) == pytest.approx(strength)
    neighbours = np.corrcoef(field[..., :-1].ravel(), field[..., 1:].ravel())[0, 1]
    assert neighbours > 0.9  # nearby pixels move together: a distortion, not noise


def test_warp_reading_every_pixel_where_it_is_changes_nothing(ten):
    assert np.allclose(aug.warp(ten, identity_places(10)), ten)


def test_warp_reads_outside_the_picture_as_dark(ten):
    places = identity_places(10).copy()
    places[:, 1] += 100.0  # every column far to the right
    assert np.all(aug.warp(ten, places) == 0.0)


def test_affine_places_stay_near_each_pixel(ten):
    places = aug.affine_places((500, 20, 20), np.random.default_rng(0))
    moved = np.abs(places - identity_places(500))
    # the corners move most: rotation, scaling and slant about the centre, plus the shift
    reach = 9.5 * (np.deg2rad(aug.MAX_DEGREES) + aug.SCALE_RANGE + aug.MAX_SLANT) + aug.MAX_SHIFT
    assert moved.max() < 1.5 * reach
    assert moved.mean() > 0.5  # and they do move


def test_affine_places_slant_both_ways(monkeypatch):
    for still in ("MAX_DEGREES", "SCALE_RANGE", "MAX_SHIFT"):
        monkeypatch.setattr(aug, still, 0.0)
    places = aug.affine_places((500, 20, 20), np.random.default_rng(0))
    assert np.allclose(places[:, 0], identity_places(500)[:, 0])  # rows read where they are
    slant = (places[:, 1, -1, 0] - places[:, 1, 0, 0]) / 19  # columns move with the row
    assert np.all(np.abs(slant) <= aug.MAX_SLANT)
    assert slant.min() < -0.8 * aug.MAX_SLANT and slant.max() > 0.8 * aug.MAX_SLANT


def test_stroke_width_thicker_thinner_or_unchanged(ten):
    unchanged = aug.change_stroke_width(ten, np.zeros(10, dtype=int))
    thicker = aug.change_stroke_width(ten, np.ones(10, dtype=int))
    thinner = aug.change_stroke_width(ten, np.full(10, 2))
    assert np.array_equal(unchanged, ten)
    ink = ten.sum(axis=(1, 2))
    assert np.all(thicker.sum(axis=(1, 2)) > 1.2 * ink)
    assert np.all(thinner.sum(axis=(1, 2)) < 0.8 * ink)
    assert np.all(thinner <= ten + 1e-12) and thicker.max() <= 1.0


def test_a_broken_stroke_loses_ink_in_one_small_place(ten):
    rng = np.random.default_rng(0)
    assert np.array_equal(aug.break_strokes(ten, np.zeros(10, dtype=bool), rng), ten)
    broken = aug.break_strokes(ten, np.ones(10, dtype=bool), rng)
    assert np.all(broken <= ten)
    for before, after in zip(ten, broken):
        lost = before - after > 0.05
        assert lost.any()
        labels, count = ndimage.label(ndimage.binary_dilation(lost, iterations=1))
        assert count == 1  # one gap
        rows, cols = np.nonzero(lost)
        assert np.ptp(rows) <= 6 and np.ptp(cols) <= 6  # and a small one


def test_blank_pictures_stay_blank(ten):
    blank = np.zeros((3, 400))
    copies = aug.augment(blank, 2, 0, distort=1.0)
    assert copies.max() < 0.2  # only the noise


@pytest.mark.parametrize("distort", [-1, float("nan"), float("inf"), True, "1"])
def test_distort_must_be_a_number_at_least_zero(distort):
    with pytest.raises(ValueError, match=r"distort: expected a number >= 0, got "):
        aug.augment(np.zeros((3, 400)), 1, 0, distort)


def test_with_no_copies_the_pictures_keep_their_precision():
    # Fashion's float32 pictures must not be copied to float64 (twice the memory) on the way
    X = np.zeros((3, 400), dtype=np.float32)
    assert aug.with_copies(X, np.arange(3), 0, 0)[0].dtype == np.float32
