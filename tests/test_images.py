"""Reading pictures from outside: photos and scans of digits, made here from held-out digits."""

import json

import numpy as np
import pytest
from PIL import Image
from scipy import ndimage

from course import data, images, predict
from course.images import (BlankImage, find_writing, ink_of, load_image, normalize_digit,
                           normalize_ink, resize_bicubic, resize_frame)
from course.nn import predict as network_predict


def upscale(x, size):
    """Return a held-out digit (400 pixels) drawn large: size x size, ink bright in [0, 1]."""
    return np.clip(resize_bicubic(x.reshape(20, 20), (size, size)), 0.0, 1.0)


def photo(x, rng, size=160, page=(300, 260), paper=0.9, ink=0.8):
    """Return a photo-like page: the digit large, dark on light paper, off-centre, with grain."""
    sheet = np.full(page, paper)
    top, left = rng.integers(0, page[0] - size), rng.integers(0, page[1] - size)
    sheet[top:top + size, left:left + size] -= ink * upscale(x, size)
    return np.clip(sheet + rng.normal(0, 0.02, page), 0.0, 1.0)


def row_picture(X):
    """Return a page with the digits X written side by side, 50 pixels tall, dark on light."""
    sheet = np.full((60, 20 + 60 * len(X)), 0.9)
    for k, x in enumerate(X):
        sheet[5:55, 10 + 60 * k:60 + 60 * k] -= 0.8 * upscale(x, 50)
    return np.clip(sheet, 0, 1)


def save(array, path, mode):
    """Save a gray page in [0, 1] as PNG or JPEG: gray, RGB, or RGBA with ink as opacity."""
    gray = (255 * array).astype(np.uint8)
    if mode == "L":
        Image.fromarray(gray, "L").save(path)
    elif mode == "RGB":
        Image.fromarray(np.stack([gray] * 3, axis=-1), "RGB").save(path, quality=90)
    else:  # RGBA: transparent paper, dark ink opaque
        rgba = np.zeros(array.shape + (4,), np.uint8)
        rgba[..., 3] = 255 - gray
        Image.fromarray(rgba, "RGBA").save(path)
    return path


@pytest.fixture(scope="module")
def held_out_inks():
    """Return the ink found on photos of every 4th held-out digit, and (X, y) of those digits.

    250 of the 1000, to stay quick; python -m course.bench_images reads more.
    """
    _, _, X_test, y_test = data.load_split()
    X, y = X_test[::4], y_test[::4]
    rng = np.random.default_rng(0)
    return [ink_of(photo(x, rng, size=int(rng.integers(80, 200)))) for x in X], X, y


@pytest.fixture(scope="module")
def held_out():
    """Return 10 held-out digits of each label, and the pretrained weights."""
    _, _, X_test, y_test = data.load_split()
    picked = np.concatenate([np.flatnonzero(y_test == label)[:10] for label in range(10)])
    return X_test[picked], y_test[picked], data.load_weights(data.PRETRAINED)


def test_photos_of_held_out_digits_are_read_at_the_held_out_accuracy(held_out, tmp_path, capsys):
    X, y, (W1, W2) = held_out
    rng = np.random.default_rng(0)
    kinds = [("L", "png", False), ("RGB", "jpg", False), ("RGBA", "png", False),
             ("L", "png", True)]  # the last: light chalk on a dark board
    paths = []
    for k, x in enumerate(X):
        mode, suffix, light_on_dark = kinds[k % len(kinds)]
        page = photo(x, rng, size=int(rng.integers(80, 200)))
        if light_on_dark:
            page = 1.0 - page
        paths.append(str(save(page, tmp_path / f"digit{k}.{suffix}", mode)))
    assert predict.main(["--image", *paths, "--json", "--weights", str(data.PRETRAINED)]) == 0
    answers = json.loads(capsys.readouterr().out)
    read = np.array([answer["digit"] for answer in answers])
    direct = np.mean(network_predict(W1, W2, X) == y)
    assert [answer["path"] for answer in answers] == paths
    assert all(len(answer["probabilities"]) == 10 for answer in answers)
    print(f"photos read: {np.mean(read == y):.3f}, the same digits read directly: {direct:.3f}")
    assert np.mean(read == y) >= direct - 0.05, (np.mean(read == y), direct)


def test_numbers_written_side_by_side_are_read_left_to_right(held_out, tmp_path, capsys):
    X, y, (W1, W2) = held_out
    rng = np.random.default_rng(1)
    paths, truths, used = [], [], []
    for n in range(25):
        picked = rng.choice(len(X), size=4, replace=False)
        used.extend(picked)
        sheet = np.full((180, 4 * 140 + 80), 0.95)
        for k, index in enumerate(picked):
            left = 40 + k * 140 + int(rng.integers(-5, 5))
            sheet[20:160, left:left + 140] -= 0.85 * upscale(X[index], 140)
        paths.append(str(save(np.clip(sheet, 0, 1), tmp_path / f"number{n}.png", "L")))
        truths.append("".join(str(label) for label in y[picked]))
    assert predict.main(["--number", *paths, "--json", "--weights", str(data.PRETRAINED)]) == 0
    answers = json.loads(capsys.readouterr().out)
    assert all(len(answer["number"]) == 4 for answer in answers)
    digits_right = np.mean([a == b for answer, truth in zip(answers, truths)
                            for a, b in zip(answer["number"], truth)])
    direct = np.mean(network_predict(W1, W2, X[used]) == y[used])  # the same 100 digits
    print(f"digits of numbers read: {digits_right:.3f}, read directly: {direct:.3f}")
    assert digits_right >= direct - 0.05, (digits_right, direct)
    columns = [digit["columns"] for digit in answers[0]["digits"]]
    assert columns == sorted(columns)  # left to right


def test_a_number_figure_is_saved(held_out, tmp_path, plots_dir, capsys):
    X, _, _ = held_out
    path = save(row_picture(X[[0, 10, 20]]), tmp_path / "three.png", "L")
    assert predict.main(["--number", str(path), "--weights", str(data.PRETRAINED)]) == 0
    assert (plots_dir / "number_three.png").is_file()
    assert "three.png: " in capsys.readouterr().out


def test_a_blank_page_is_reported_blank_not_guessed(tmp_path, plots_dir, capsys):
    rng = np.random.default_rng(2)
    path = save(np.clip(0.9 + rng.normal(0, 0.01, (200, 200)), 0, 1), tmp_path / "blank.png", "L")
    assert predict.main(["--image", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == [
        {"path": str(path), "digit": None, "probabilities": None, "unsure": False, "notes": []}]
    assert predict.main(["--image", str(path)]) == 0
    assert "blank.png: blank, no digit to read" in capsys.readouterr().out


def test_a_page_with_only_a_speck_says_why_nothing_was_read(tmp_path, plots_dir, capsys):
    page = np.full((400, 300), 0.9)
    page[200:203, 150:153] = 0.15  # a dot, far too small to be a digit
    path = save(page, tmp_path / "speck.png", "L")
    for option, said in (("--image", "no digit found"), ("--number", "no digits found")):
        assert predict.main([option, str(path)]) == 0
        printed = capsys.readouterr().out
        assert f"speck.png: {said}\n  note: no ink found that looks like writing" in printed


def test_a_picture_and_what_the_network_saw_are_saved(held_out, tmp_path, plots_dir, capsys):
    X, _, _ = held_out
    path = save(photo(X[0], np.random.default_rng(3)), tmp_path / "mine.png", "L")
    assert predict.main(["--image", str(path)]) == 0
    assert (plots_dir / "image_mine.png").read_bytes().startswith(b"\x89PNG")


def test_files_that_are_not_pictures_get_one_clear_line(held_out, tmp_path, capsys):
    X, _, _ = held_out
    good = save(photo(X[0], np.random.default_rng(4)), tmp_path / "good.png", "L")
    text = tmp_path / "notes.png"
    text.write_text("not a picture")
    assert predict.main(["--image", str(text), str(tmp_path / "missing.jpg"), str(good),
                         "--json"]) == 1
    captured = capsys.readouterr()
    answers = json.loads(captured.out)
    assert "not a picture that can be read" in answers[0]["error"]
    assert answers[1]["error"].endswith("missing.jpg: no such file")
    assert answers[2]["digit"] is not None  # the good one is still read
    assert "Traceback" not in captured.err


def test_normalize_digit_gives_back_a_data_set_digit(held_out):
    """A data set digit drawn large, dark on light and off-centre comes back nearly as it was."""
    X, _, _ = held_out
    for x in X[::10]:
        back = normalize_digit(photo(x, np.random.default_rng(5), size=140))
        assert back.shape == (400,) and back.min() >= 0 and back.max() <= 1
        assert np.corrcoef(back, x)[0, 1] > 0.8


def test_normalize_digit_ignores_polarity_and_position(held_out):
    """Chalk on a board reads as ink on paper; moved, it reads nearly the same (the paper is
    estimated around each place, so pixels may differ a little)."""
    X, _, _ = held_out
    page = np.zeros((120, 160))
    page[10:90, 70:150] = upscale(X[3], 80)
    moved = np.roll(page, (25, -60), axis=(0, 1))
    light = normalize_digit(page)
    assert np.allclose(light, normalize_digit(1.0 - page), atol=1e-6)
    assert np.allclose(light, normalize_digit(moved), atol=0.05)


def test_the_digit_is_centred_by_its_centre_of_mass(held_out):
    X, _, _ = held_out
    x = normalize_digit(photo(X[20], np.random.default_rng(6)))
    rows, cols = np.indices((20, 20))
    image = x.reshape(20, 20)
    centre = (np.sum(rows * image) / image.sum(), np.sum(cols * image) / image.sum())
    assert abs(centre[0] - 9.5) < 1.0 and abs(centre[1] - 9.5) < 1.0


def test_resize_frame_is_the_data_set_recipe():
    X, _ = data.load_digits()
    frame = np.zeros((28, 28))
    frame[4:24, 4:24] = X[0].reshape(20, 20)
    assert resize_frame(frame).shape == (400,)
    with pytest.raises(ValueError, match=r"frame: expected shape \(28, 28\)"):
        resize_frame(np.zeros((20, 20)))


def test_blank_and_flat_pictures_raise_blank_image():
    for page in (np.ones((50, 50)), np.zeros((50, 50)), np.full((50, 50), 0.5)):
        with pytest.raises(BlankImage):
            normalize_digit(page)


def test_load_image_puts_transparent_parts_on_white_paper(tmp_path):
    rgba = np.zeros((10, 10, 4), np.uint8)
    rgba[2:5, 2:5] = (0, 0, 0, 255)  # an opaque black square, the rest transparent
    Image.fromarray(rgba, "RGBA").save(tmp_path / "square.png")
    gray = load_image(tmp_path / "square.png")
    assert gray.shape == (10, 10)
    assert gray[0, 0] == 1.0 and gray[3, 3] == 0.0


def test_ink_of_refuses_what_is_not_a_picture():
    with pytest.raises(ValueError, match="expected a 2-D picture"):
        ink_of(np.zeros((3, 3, 4)))
    with pytest.raises(ValueError, match="expected a 2-D picture"):
        ink_of(np.zeros((1, 30)))
    with pytest.raises(ValueError, match="NaN"):
        ink_of(np.full((5, 5), np.nan))


def test_held_out_digits_survive_the_photo_round_trip(held_out_inks):
    """Held-out digits as photos (random size, place, grain), read back: no accuracy lost."""
    inks, X_test, y_test = held_out_inks
    W1, W2 = data.load_weights(data.PRETRAINED)
    pixels = np.stack([normalize_ink(ink) for ink in inks])
    through_photos = np.mean(network_predict(W1, W2, pixels) == y_test)
    direct = np.mean(network_predict(W1, W2, X_test) == y_test)
    print(f"{len(X_test)} held-out digits as photos: {through_photos:.3f}, directly: {direct:.3f}")
    assert through_photos >= direct - 0.02


def test_a_row_of_digits_given_to_image_gets_a_note(held_out, tmp_path, plots_dir, capsys):
    X, _, _ = held_out
    path = save(row_picture(X[[0, 10, 20]]), tmp_path / "row.png", "L")
    assert predict.main(["--image", str(path)]) == 0
    assert ("note: this looks like 3 digits side by side, read as one; --number reads them "
            "one by one") in capsys.readouterr().out


def test_digits_one_above_another_given_to_image_get_a_note(held_out, tmp_path, plots_dir,
                                                           capsys):
    """A wrong answer struck out above the digit and not left out: the two were read as one
    tall, narrow mark (mostly a 1) with no note, since the note counted columns only."""
    X, _, _ = held_out
    sheet = np.full((140, 70), 0.9)
    for top, x in ((10, X[30]), (80, X[60])):  # a 3 above a 6
        sheet[top:top + 50, 10:60] -= 0.8 * upscale(x, 50)
    path = save(sheet, tmp_path / "stacked.png", "L")
    assert predict.main(["--image", str(path)]) == 0
    assert ("note: this looks like 2 digits one above another, read as one; crop the picture "
            "to the one you mean") in capsys.readouterr().out


def test_single_digits_are_almost_never_taken_for_rows(held_out_inks):
    from course.images import split_digits
    pieces = [len(split_digits(ink)) for ink in held_out_inks[0]]
    assert sum(count > 1 for count in pieces) <= 2  # of 250 (measured: none of all 1000)
    stacked = [len(split_digits(ink.T)) for ink in held_out_inks[0]]
    assert sum(count > 1 for count in stacked) <= 2  # one above another (none of all 1000)


def test_a_digit_cropped_to_its_edges_is_read_not_taken_for_the_desk(split):
    # A picture cropped tightly around a digit: the ink touches the border, and nothing else
    # is there, so it is the writing (not the desk or the page's edge), with a note.
    _, _, X_test, y_test = split
    W1, W2 = data.load_weights(data.BEST)
    x = X_test[y_test == 7][0]
    picture = 1.0 - np.kron(x.reshape(20, 20), np.ones((8, 8)))  # dark ink on white
    writing = find_writing(picture)
    assert any("touches the picture's edge" in doubt for doubt in writing.doubts)
    assert network_predict(W1, W2, normalize_ink(writing.ink)[np.newaxis, :])[0] == 7


@pytest.mark.parametrize("elsewhere", [True, False])
def test_writing_found_again_holds_the_first_ones_ink(monkeypatch, elsewhere):
    """Set 11's calendar_grid_06, a 1, read 7: a 1 is a bar, so it was sought again with faint
    ink counting more (smeared_again), and the month's name, found whole then, was read
    instead. Writing found again is kept only when it holds some of the first's ink."""
    def writing(rows, cols):
        ink = np.zeros((100, 100), np.float32)
        ink[rows, cols] = 1.0
        return images.Writing(ink, ink > 2, (), np.zeros((100, 100, 1)), 0.0)
    first = writing(slice(30, 70), slice(48, 51))                    # a 1: a bar
    found = writing(slice(5, 25), slice(5, 25)) if elsewhere else writing(slice(30, 70),
                                                                          slice(40, 60))
    monkeypatch.setattr(images, "writing_at_gain", lambda *args: found)
    again = images.smeared_again(np.zeros((100, 100, 1)), None, first)
    assert again is (first if elsewhere else found)


def test_a_shaken_photos_smeared_strokes_are_found_again():
    """A 7 smeared sideways over 20 pixels: its slanted stroke keeps a sixth of its darkness,
    below MIN_CONTRAST, its top bar stays dark. The writing found must be the whole 7 (its
    bar alone is found without smeared_again), and a blank page smeared alike stays blank."""
    rng = np.random.default_rng(3)
    sheet = np.full((240, 320), 0.9, np.float32)
    sheet[60:64, 110:200] -= 0.4  # the 7's top bar, along the smear
    for row in range(64, 190):  # its slanted stroke, 3 pixels wide, down to the left
        column = 196 - (row - 64) // 3
        sheet[row, column - 1:column + 2] -= 0.4
    smeared = ndimage.uniform_filter1d(sheet, 20, axis=1)
    writing = find_writing(np.clip(smeared + rng.normal(0, 0.005, sheet.shape), 0, 1))
    rows = np.flatnonzero(writing.ink.any(axis=1))
    assert rows.max() - rows.min() > 100  # the slanted stroke too, not the bar alone
    with pytest.raises(BlankImage):
        find_writing(np.clip(np.full((240, 320), 0.9) + rng.normal(0, 0.005, (240, 320)), 0, 1))
