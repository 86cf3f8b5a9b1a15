"""--impl exercises: display and predict run the learner's own functions from ./exercises."""

import pytest
from matplotlib.image import imread

from course import data, display, predict


FEED_FORWARD = """
    import numpy as np
    from scipy.special import expit

    def feed_forward(W1, W2, X):
        a1 = np.hstack([np.ones((len(X), 1)), X])
        a2 = np.hstack([np.ones((len(X), 1)), expit(a1 @ W1.T)])
        return expit(a2 @ W2.T)

    def predict(W1, W2, X):
        return np.argmax(feed_forward(W1, W2, X), axis=1)
"""


def test_display_tiles_the_digits_with_the_learners_tile_images(learners_folder, plots_dir,
                                                                 capsys):
    learners_folder("ex1_data", """
        import numpy as np

        def tile_images(X, rows, cols, pad=1):
            return np.ones((pad + rows * (20 + pad), pad + cols * (20 + pad)))  # all white
    """)
    assert display.main(["--impl", "exercises", "--weights", str(data.PRETRAINED)]) == 0
    assert "digits.png is laid out by your tile_images" in capsys.readouterr().out
    picture = imread(plots_dir / "digits.png")[150:450, 150:450, :3]  # inside the grid
    assert picture.min() > 0.99  # white all over: the learner's grid, not the package's


def test_display_takes_the_lessons_grid_with_its_gaps_nan(learners_folder, plots_dir, capsys):
    learners_folder("ex1_data", """
        import numpy as np

        def tile_images(X, rows, cols, pad=1):
            grid = np.full((pad + rows * (20 + pad), pad + cols * (20 + pad)), np.nan)
            for k, x in enumerate(X):  # lesson 1's answer: the gaps stay NaN
                top, left = pad + (k // cols) * (20 + pad), pad + (k % cols) * (20 + pad)
                grid[top:top + 20, left:left + 20] = x.reshape(20, 20)
            return grid
    """)
    assert display.main(["--impl", "exercises", "--weights", str(data.PRETRAINED)]) == 0
    assert "digits.png is laid out by your tile_images" in capsys.readouterr().out


@pytest.mark.parametrize("body, message", [
    ("return np.zeros((3, 3))", "--impl exercises: your tile_images should have shape (211, 211), "
                                "got (3, 3) (exercises/ex1_data.py; python -m course.grade 1 "
                                "says more)"),
    ("return np.zeros((211, 211))", "your tile_images is still all zeros, as the stub returns it"),
    ("return np.full((211, 211), np.nan)", "your tile_images is NaN everywhere: expected "
                                           "numbers where the digits go, got none"),
    ("return np.full((211, 211), np.inf)", "your tile_images contains infinite values"),
    ("return 'a picture'", "your tile_images should be an array of numbers of shape (211, 211), "
                           "got str"),
    ("raise IndexError('too far')", "your tile_images raised: ex1_data.py line 5: "
                                    "raise IndexError('too far') -> IndexError: too far"),
])
def test_display_reports_the_learners_mistake_in_one_line(learners_folder, plots_dir, capsys,
                                                          body, message):
    learners_folder("ex1_data", f"""
        import numpy as np

        def tile_images(X, rows, cols, pad=1):
            {body}
    """)
    assert display.main(["--impl", "exercises", "--weights", str(data.PRETRAINED)]) == 1
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_display_refuses_a_stub_still_unwritten(learners_folder, plots_dir, capsys):
    learners_folder("ex1_data", """
        import numpy as np

        def tile_images(X, rows, cols, pad=1):
            grid = np.zeros((pad + rows * (20 + pad), pad + cols * (20 + pad)))
            # ========================= YOUR CODE HERE =========================

            # ==================================================================
            return grid
    """)
    assert display.main(["--impl", "exercises", "--weights", str(data.PRETRAINED)]) == 1
    assert capsys.readouterr().err == (
        "error: --impl exercises: tile_images in exercises/ex1_data.py is still the stub: "
        "finish lesson 1 first (python -m course.grade 1)\n")


def test_display_without_exercises_says_how_to_get_them(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert display.main(["--impl", "exercises", "--weights", str(data.PRETRAINED)]) == 1
    assert "python -m course.start DIR" in capsys.readouterr().err


def test_predict_test_reads_with_the_learners_network(learners_folder, plots_dir, capsys):
    learners_folder("ex3_feedforward", FEED_FORWARD)
    assert predict.main(["--impl", "exercises", "--test", "--weights", str(data.PRETRAINED)]) == 0
    printed = capsys.readouterr().out
    assert "read by your feed_forward and predict (exercises/ex3_feedforward.py)" in printed
    assert "test accuracy: 93.3% (933 of 1000" in printed


def test_predict_test_accuracy_is_the_learners_own(learners_folder, plots_dir, capsys):
    learners_folder("ex3_feedforward", FEED_FORWARD + """
    def predict(W1, W2, X):
        return np.full(len(X), 7)  # every digit a 7
    """)
    assert predict.main(["--impl", "exercises", "--test", "--weights", str(data.PRETRAINED)]) == 0
    assert "test accuracy: 10.0% (100 of 1000" in capsys.readouterr().out


@pytest.mark.parametrize("predict_body, message", [
    ("return np.argmax(feed_forward(W1, W2, X), axis=1) + 1",
     "your predict (exercises/ex3_feedforward.py) returned labels from 1 to 10, expected whole "
     "numbers 0..9"),
    ("return feed_forward(W1, W2, X)", "your predict should have shape (1000,), got (1000, 10) "
                                      "(exercises/ex3_feedforward.py"),
])
def test_predict_names_the_learners_wrong_labels(learners_folder, plots_dir, capsys,
                                                 predict_body, message):
    learners_folder("ex3_feedforward", FEED_FORWARD + f"""
    def predict(W1, W2, X):
        {predict_body}
    """)
    assert predict.main(["--impl", "exercises", "--test", "--weights", str(data.PRETRAINED)]) == 1
    assert message in capsys.readouterr().err


def test_predict_index_with_the_learners_network(learners_folder, plots_dir, capsys):
    learners_folder("ex3_feedforward", FEED_FORWARD)
    assert predict.main(["--impl", "exercises", "--index", "5",
                         "--weights", str(data.PRETRAINED)]) == 0
    printed = capsys.readouterr().out
    assert "held-out digit #5: true label 0, the network reads 0 (right)" in printed
    assert "read by your feed_forward and predict" in printed


def test_predict_impl_does_not_go_with_pictures(capsys):
    with pytest.raises(SystemExit):
        predict.main(["--impl", "exercises", "--image", "a.png"])
    assert "--impl exercises goes with --test and --index" in capsys.readouterr().err


def test_a_number_picture_is_not_prefixed_twice():
    assert predict.figure_name_for("photos/number_375.jpg", True, set()) == "number_375.jpg.png"
    assert predict.figure_name_for("photos/number_375.png", True, set()) == "number_375.png"
    assert predict.figure_name_for("year.png", True, set()) == "number_year.png"
    assert predict.figure_name_for("image_4.png", False, set()) == "image_4.png"


def test_a_learners_sys_exit_is_not_taken_for_the_programs_end(learners_folder, plots_dir,
                                                               capsys):
    learners_folder("ex3_feedforward", FEED_FORWARD.replace(
        "        a1 = np.hstack", "        raise SystemExit(0)\n        a1 = np.hstack"))
    assert predict.main(["--impl", "exercises", "--test", "--weights", str(data.PRETRAINED)]) == 1
    assert ("your feed_forward ended the program: ex3_feedforward.py line 6: raise SystemExit(0)"
            in capsys.readouterr().err)


def test_the_learners_code_changing_folder_does_not_move_the_figures(learners_folder, tmp_path,
                                                                     capsys):
    (tmp_path / "elsewhere").mkdir()
    learners_folder("ex1_data", """
        import os
        import numpy as np

        ELSEWHERE = os.path.join(os.path.dirname(__file__), "..", "elsewhere")
        os.chdir(ELSEWHERE)  # on import

        def tile_images(X, rows, cols, pad=1):
            os.chdir(ELSEWHERE)  # and on every call
            return np.ones((pad + rows * (20 + pad), pad + cols * (20 + pad)))
    """)
    assert display.main(["--impl", "exercises", "--weights", str(data.PRETRAINED)]) == 0
    assert (tmp_path / "plots" / "digits.png").is_file()
    assert not (tmp_path / "elsewhere" / "plots").exists()
