"""The foreign digits: rendered from Debian's handwriting fonts (CI installs them)."""

import os
import re

import numpy as np
import pytest
from scipy import ndimage

from course import data, foreign
from course.nn import predict

INSTALLED = foreign.fonts_installed()
if os.environ.get("COURSE_REQUIRE_FONTS"):
    assert INSTALLED, f"CI needs the handwriting fonts: {foreign.FONTS_INSTALL}"
needs_fonts = pytest.mark.skipif(not INSTALLED, reason=f"needs {foreign.FONTS_INSTALL}")
REGULAR = foreign.VALIDATION_FONTS[0]


@pytest.fixture(scope="module")
def validation_set():
    """Return the foreign validation set (X, y), rendered once."""
    return foreign.foreign_validation()


@needs_fonts
def test_a_rendered_digit_is_dark_ink_on_white_paper():
    gray = foreign.render_digit(foreign.font_path(REGULAR), 7, 48)
    assert gray.ndim == 2 and gray.min() >= 0.0 and gray.max() <= 1.0
    border = np.concatenate([gray[0], gray[-1], gray[:, 0], gray[:, -1]])
    assert np.all(border == 1.0)
    ink = gray < 0.5
    assert 0.002 < ink.mean() < 0.3
    rows = np.flatnonzero(ink.any(axis=1))
    assert 20 < np.ptp(rows) < 60  # about the size asked for


@needs_fonts
def test_stroke_slant_and_rotation_change_the_drawing_as_asked():
    font = foreign.font_path("truetype/fifthhorseman/dkg.ttf")
    plain = 1 - foreign.render_digit(font, 1, 64)
    assert (1 - foreign.render_digit(font, 1, 64, stroke=0.05)).sum() > 1.3 * plain.sum()

    def lean(ink):  # how far right the top half's ink lies from the bottom half's
        half = ink.shape[0] // 2
        return (ndimage.center_of_mass(ink[:half])[1] - ndimage.center_of_mass(ink[half:])[1])

    assert lean(1 - foreign.render_digit(font, 1, 64, slant=0.3)) > lean(plain) + 3
    assert lean(1 - foreign.render_digit(font, 1, 64, slant=-0.3)) < lean(plain) - 3
    turned = 1 - foreign.render_digit(font, 1, 64, rotation=10.0)
    assert lean(turned) < lean(plain) - 1  # counter-clockwise: the top goes left


@needs_fonts
def test_render_set_reads_each_digit_as_the_network_does():
    X, y = foreign.render_set([REGULAR], [40], [0.0], [0.0, 0.2], [0.0])
    assert X.shape == (20, 400) and y.tolist() == [d for d in range(10) for _ in range(2)]
    assert X.min() >= 0.0 and X.max() <= 1.0
    assert np.all(X.max(axis=1) > 0.5)  # every digit has ink


def test_validation_and_test_sets_are_made_differently():
    assert not set(foreign.VALIDATION["fonts"]) & set(foreign.TEST["fonts"])
    for setting in ("sizes", "strokes", "slants", "rotations"):
        assert foreign.VALIDATION[setting] != foreign.TEST[setting]


def test_a_missing_font_names_the_packages(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"dkg.ttf: not installed; sudo apt-get install "
                                                r"fonts-bwht fonts-dkg-handwriting fonts-breip"):
        foreign.render_set(["truetype/fifthhorseman/dkg.ttf"], [40], [0.0], [0.0], [0.0],
                           font_dir=tmp_path)
    assert not foreign.fonts_installed(tmp_path)


@needs_fonts
def test_validation_set_has_every_digit_as_often(validation_set):
    X, y = validation_set
    assert X.shape == (960, 400)
    assert np.bincount(y).tolist() == [96] * 10


@needs_fonts
def test_best_weights_read_91_percent_of_the_foreign_validation_set(validation_set):
    X, y = validation_set
    W1, W2 = data.load_weights(data.BEST)
    assert np.mean(predict(W1, W2, X) == y) >= 0.91  # 93.1% measured; issue 16 asks 95%


@needs_fonts
def test_foreign_program_reads_each_font_with_the_weights(monkeypatch, plots_dir, capsys):
    few = dict(sizes=(40,), strokes=(0.0,), slants=(0.0,), rotations=(0.0,))
    monkeypatch.setattr(foreign, "VALIDATION", {**foreign.VALIDATION, **few})
    monkeypatch.setattr(foreign, "TEST", {**foreign.TEST, **few})
    assert foreign.main(["--weights", str(data.BEST)]) == 0
    printed = capsys.readouterr().out
    assert printed.count("%\n") == len(foreign.VALIDATION_FONTS) + len(foreign.TEST_FONTS)
    assert "  truetype/breip/Breip.ttf: " in printed
    assert re.search(r"foreign validation set: 80 digits, 8 of each: \d+\.\d% read right", printed)
    assert re.search(r"foreign test set: 40 digits, 4 of each: \d+\.\d% read right", printed)
    for name in ("foreign_validation.png", "foreign_test.png"):
        assert (plots_dir / name).is_file()


@needs_fonts
def test_the_photos_font_ink_is_render_digits_drawing(monkeypatch):
    """photomaker.font_ink draws with render_digit (slanted by rng), bright, 80% of the square."""
    from course import photomaker

    drawn = []

    def spy(*args, **kwargs):
        drawn.append(kwargs["slant"])
        return foreign.render_digit(*args, **kwargs)

    monkeypatch.setattr(photomaker, "render_digit", spy)
    ink = photomaker.font_ink(7, foreign.font_path(REGULAR), 60, np.random.default_rng(0))
    assert drawn == [np.random.default_rng(0).uniform(-0.15, 0.15)]
    assert ink.shape == (60, 60) and ink.min() == 0.0 and ink.max() > 0.9  # bright on dark
    rows, cols = np.nonzero(ink > 0.5)
    assert max(np.ptp(rows), np.ptp(cols)) + 1 == pytest.approx(48, abs=2)  # 80% of 60
    assert (rows.min() + rows.max()) / 2 == pytest.approx(29.5, abs=2)  # centred
