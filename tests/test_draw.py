"""The drawing pad: mouse events sent to the figure, and a real window under a virtual screen."""

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from matplotlib.backend_bases import MouseEvent
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from course import data, draw
from course.figures import row_to_image
from course.images import normalize_digit

PEN_SEVEN = [(50, 70), (50, 210), (120, 170), (240, 120)]  # (row, col) on the pad
PEN_ONE = [(40, 140), (100, 138), (160, 136), (230, 134)]
PEN_ZERO = [(140 + 90 * np.sin(a), 140 + 60 * np.cos(a)) for a in np.linspace(0, 2 * np.pi, 40)]

HAVE_XVFB = shutil.which("Xvfb") is not None and shutil.which("xdotool") is not None
if os.environ.get("COURSE_REQUIRE_XVFB"):
    assert HAVE_XVFB, "CI needs: apt-get install xvfb xdotool"


def new_pad(size=(10, 4.6)):
    """Return a drawing pad on a figure with no screen (size in inches at 100 dpi), and that figure."""
    fig = Figure(figsize=size, dpi=100)
    FigureCanvasAgg(fig)
    pad = draw.DrawingPad(fig, *data.load_weights(data.PRETRAINED))
    fig.canvas.draw()
    return pad, fig


def send(fig, name, axes, point, button=1):
    """Send one mouse event at (row, col) of `axes` to the figure, as a window would."""
    x, y = axes.transData.transform((point[1], point[0]))
    fig.canvas.callbacks.process(name, MouseEvent(name, fig.canvas, x, y, button=button))


def stroke(pad, fig, points):
    send(fig, "button_press_event", pad.pad, points[0])
    for point in points[1:]:
        send(fig, "motion_notify_event", pad.pad, point)
    send(fig, "button_release_event", pad.pad, points[-1])


@pytest.mark.parametrize("points, digit", [(PEN_SEVEN, 7), (PEN_ONE, 1), (PEN_ZERO, 0)])
def test_drawn_digits_are_read(points, digit, capsys):
    pad, fig = new_pad()
    stroke(pad, fig, points)
    assert pad.reading().startswith(f"the network reads {digit} (")
    assert capsys.readouterr().out.startswith(f"the network reads {digit} (")  # on release
    x, probabilities = pad.read()
    assert x.shape == (400,) and int(np.argmax(probabilities)) == digit
    assert pad.bars[digit].get_width() == pytest.approx(probabilities[digit])
    assert fig._suptitle.get_text() == pad.reading()


def test_strokes_look_like_pen_on_paper():
    ink = draw.pen_stroke(np.zeros((50, 50)), (25, 10), (25, 40), radius=4)
    across = ink[:, 25]
    assert across[25] == 1.0 and np.sum(across >= 0.5) == 9  # a stroke 9 pixels wide
    assert 0 < ink[25 + 4, 25] + ink[25 + 5, 25] < 2  # soft edges, not a hard square
    assert np.count_nonzero(ink[:, :5]) == 0  # nothing drawn beyond the stroke's end


def test_moving_without_pressing_draws_nothing_and_clear_wipes():
    pad, fig = new_pad()
    send(fig, "motion_notify_event", pad.pad, (100, 100))
    assert not pad.ink.any() and pad.reading() == "the pad is blank"
    stroke(pad, fig, PEN_ONE)
    assert pad.ink.any()
    button = pad.clear_button.ax
    send(fig, "button_press_event", button, (0.5, 0.5))
    send(fig, "button_release_event", button, (0.5, 0.5))
    assert not pad.ink.any() and pad.reading() == "the pad is blank"
    assert all(bar.get_width() == 0 for bar in pad.bars)


def test_drawing_follows_the_picture_normalization():
    pad, fig = new_pad()
    stroke(pad, fig, PEN_SEVEN)
    from course.images import normalize_digit
    assert np.array_equal(pad.read()[0], normalize_digit(pad.photo()))


@pytest.mark.parametrize("points, digit", [(PEN_SEVEN, 7), (PEN_ONE, 1), (PEN_ZERO, 0)])
def test_the_pen_moving_is_read_cheaply_and_lifted_as_a_photo(points, digit, monkeypatch):
    pad, fig = new_pad()
    photos = []
    monkeypatch.setattr(draw, "normalize_digit", lambda photo: photos.append(photo) or
                        normalize_digit(photo))
    send(fig, "button_press_event", pad.pad, points[0])
    for point in points[1:]:
        send(fig, "motion_notify_event", pad.pad, point)
    assert photos == []  # no page looked for while the pen moves
    assert int(np.argmax([bar.get_width() for bar in pad.bars])) == digit  # read as drawn
    send(fig, "button_release_event", pad.pad, points[-1])
    assert len(photos) == 1
    assert np.array_equal(pad.view.get_array(), row_to_image(normalize_digit(pad.photo())))


def test_no_screen_is_one_clear_line(capsys, monkeypatch):
    monkeypatch.setenv("MPLBACKEND", "Agg")
    code = subprocess.run([sys.executable, "-m", "course.draw"], capture_output=True, text=True,
                          env={**os.environ, "MPLBACKEND": "Agg"})
    assert code.returncode == 1
    assert code.stderr.startswith("error: no screen to draw on") and code.stderr.count("\n") == 1


@pytest.mark.skipif(not HAVE_XVFB, reason="needs Xvfb and xdotool (apt-get install xvfb xdotool)")
def test_drawing_in_a_real_window_under_a_virtual_screen(tmp_path):
    number = next(n for n in range(80, 100) if not Path(f"/tmp/.X{n}-lock").exists()
                  and not Path(f"/tmp/.X11-unix/X{n}").exists())
    display = f":{number}"
    server = subprocess.Popen(["Xvfb", display, "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    env = {**os.environ, "DISPLAY": display, "MPLBACKEND": "TkAgg"}
    program = None
    try:
        for _ in range(100):
            if Path(f"/tmp/.X11-unix/X{display[1:]}").exists():
                break
            time.sleep(0.1)
        program = subprocess.Popen([sys.executable, "-u", "-m", "course.draw", "--weights",
                                    str(data.PRETRAINED)], stdout=subprocess.PIPE, env=env,
                                   text=True)
        assert program.stdout.readline().startswith("reading with")
        window = subprocess.run(["xdotool", "search", "--sync", "--onlyvisible", "--name",
                                 draw.TITLE], env=env, capture_output=True, text=True,
                                timeout=30).stdout.split()[0]
        time.sleep(1.0)  # let Tk draw the figure once
        geometry = dict(line.split("=") for line in subprocess.run(
            ["xdotool", "getwindowgeometry", "--shell", window], env=env,
            capture_output=True, text=True).stdout.split())
        # Where the pad's points are on the screen: the same figure, at the window's size.
        twin, fig = new_pad((int(geometry["WIDTH"]) / 100, int(geometry["HEIGHT"]) / 100))
        height = fig.bbox.height

        def on_screen(point):
            x, y = twin.pad.transData.transform((point[1], point[0]))
            return int(geometry["X"]) + round(x), int(geometry["Y"]) + round(height - y)

        moves = ["mousemove", *map(str, on_screen(PEN_SEVEN[0])), "mousedown", "1"]
        for point in PEN_SEVEN[1:]:
            for fraction in np.linspace(0.1, 1.0, 10):  # a hand moves through the points
                previous = PEN_SEVEN[PEN_SEVEN.index(point) - 1]
                between = np.add(previous, fraction * np.subtract(point, previous))
                moves += ["sleep", "0.04", "mousemove", *map(str, on_screen(between))]
        moves += ["sleep", "0.2", "mouseup", "1"]
        subprocess.run(["xdotool", *moves], env=env, check=True)
        assert program.stdout.readline().startswith("the network reads 7 (")
        time.sleep(0.5)
        from PIL import ImageGrab
        screenshot = ImageGrab.grab(xdisplay=display)
        screenshot.save(tmp_path / "draw_screenshot.png")
        gray = np.asarray(screenshot.convert("L"), dtype=float)
        left, top = on_screen((0, 0))
        right, bottom = on_screen((draw.PAD_SIZE - 1, draw.PAD_SIZE - 1))
        pad_on_screen = gray[top:bottom, left:right]
        assert (pad_on_screen < 60).mean() > 0.03  # the stroke is on the screen, dark on white
    finally:
        if program is not None:
            program.terminate()
            program.wait(timeout=10)
        server.terminate()
        server.wait(timeout=10)
