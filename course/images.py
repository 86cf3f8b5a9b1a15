"""Turn pictures of digits into the 20x20 format of the data set.

The data set was made by resizing whole 28x28 MNIST frames to 20x20 with
bicubic interpolation (`resize_frame`). Pictures from outside go through the
same last step, so the network always sees digits drawn the same way.
"""

import numpy as np
from PIL import Image

SIDE = 20  # the network reads SIDE x SIDE = 400 pixels
FRAME = 28  # MNIST frames are FRAME x FRAME


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
        raise ValueError(f"image: expected a 2-D array, got shape {image.shape}")
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
        raise ValueError(f"frame: expected shape ({FRAME}, {FRAME}), got {frame.shape}")
    small = resize_bicubic(frame, (SIDE, SIDE))  # (20, 20)
    return np.clip(small, 0.0, 1.0).ravel()  # (400,)
