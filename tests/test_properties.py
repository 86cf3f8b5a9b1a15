"""Property-based tests: any array, any bytes, give a valid result or the package's own clear error."""

import io
import zipfile

import numpy as np
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import array_shapes, arrays

from course import data, files
from course.images import BlankImage, load_image, normalize_digit

SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])

pictures = arrays(np.float64, array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=64),
                  elements=st.floats(allow_nan=True, allow_infinity=True, width=64))
gray_pages = arrays(np.float64, array_shapes(min_dims=2, max_dims=2, min_side=2, max_side=80),
                    elements=st.floats(0.0, 1.0))


@SETTINGS
@given(pictures)
def test_normalize_digit_of_any_array(picture):
    try:
        x = normalize_digit(picture)
    except ValueError as error:  # BlankImage is a ValueError too
        assert str(error).startswith(("image:", "no ink found"))
    else:
        assert x.shape == (400,) and np.all(np.isfinite(x))
        assert x.min() >= 0.0 and x.max() <= 1.0


SPECKS_ON_A_BOARD = np.zeros((8, 8))  # two light pixels on a dark board: chalk, dropped as
SPECKS_ON_A_BOARD[[0, 4], [0, 4]] = 1.0  # an eraser's smudges, were said to be print
SPECKS_ON_GRAY = np.full((48, 53), 0.5)  # five black specks and two white ones on a gray page
SPECKS_ON_GRAY[[0, 4, 5, 6, 6, 6, 8], [0, 11, 4, 7, 9, 15, 3]] = [0, 1, 0, 0, 0, 1, 0]


@SETTINGS
@given(gray_pages)
@example(SPECKS_ON_A_BOARD)
@example(SPECKS_ON_GRAY)  # found by hypothesis: said "no handwriting found: ... print"
def test_normalize_digit_of_any_gray_page(page):
    try:
        x = normalize_digit(page)
    except BlankImage as blank:  # too faint or too small, or print (one height, one line)
        assert str(blank).startswith(("no ink found", "no handwriting found"))
    else:
        assert x.shape == (400,) and x.min() >= 0.0 and x.max() <= 1.0 and x.max() > 0


@SETTINGS
@given(st.binary(max_size=2000))
def test_load_image_of_any_bytes(tmp_path_factory, content):
    path = tmp_path_factory.mktemp("bytes") / "picture.png"
    path.write_bytes(content)
    try:
        image = load_image(path)
    except ValueError as error:
        expected = ("expected a picture, got an empty file (0 bytes)" if not content
                    else "not a picture that can be read")
        assert str(error).startswith(f"image {path}: {expected}")
    else:
        assert image.ndim == 2 and image.min() >= 0 and image.max() <= 1


def npz_with(members):
    """Return the bytes of a zip archive holding the given {name: bytes} members."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


weight_files = st.one_of(
    st.binary(max_size=3000),
    st.binary(max_size=3000).map(lambda tail: b"PK\x03\x04" + tail),
    st.dictionaries(st.sampled_from(["W1.npy", "W2.npy", "metadata.npy", "x.npy"]),
                    st.binary(max_size=500)).map(npz_with),
    st.tuples(arrays(st.sampled_from([np.float64, np.float32, np.int64, np.complex128, bool]),
                     array_shapes(min_dims=0, max_dims=3, max_side=30)),
              arrays(np.float64, array_shapes(min_dims=0, max_dims=3, max_side=30)))
    .map(lambda pair: files.npz_bytes({"W1": pair[0], "W2": pair[1]})),
)


@SETTINGS
@given(weight_files)
def test_load_weights_of_any_bytes(tmp_path_factory, content):
    path = tmp_path_factory.mktemp("weights") / "w.npz"
    path.write_bytes(content)
    try:
        W1, W2 = data.load_weights(path)
    except ValueError as error:
        assert str(error).startswith(f"weights file {path}: ")
    else:
        assert W1.ndim == W2.ndim == 2 and W2.shape == (10, W1.shape[0] + 1)
        assert np.all(np.isfinite(W1)) and np.all(np.isfinite(W2))
