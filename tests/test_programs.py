"""The programs: train, predict and display, as functions and as command lines."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from course import data, display, predict, train
from course.lbfgs import minimize_lbfgs
from course.nn import nn_cost_function, rand_initialize_network, unroll
from course.train import accuracy

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def test_default_training_reaches_91_percent_on_held_out_digits(split):
    X_train, y_train, X_test, y_test = split
    result = train.train(X_train, y_train)  # 25 hidden, lambda 1, 50 iterations, seed 0
    assert result.iterations == 50 and len(result.costs) == 51
    assert np.all(np.diff(result.costs) <= 1e-12)  # L-BFGS-B never accepts a rise
    assert accuracy(result.W1, result.W2, X_test, y_test) >= 0.91


def test_training_is_repeatable_with_a_seed(split):
    X_train, y_train, _, _ = split
    first = train.train(X_train[:500], y_train[:500], maxiter=5, seed=3)
    second = train.train(X_train[:500], y_train[:500], maxiter=5, seed=3)
    other = train.train(X_train[:500], y_train[:500], maxiter=5, seed=4)
    assert np.array_equal(first.W1, second.W1) and first.costs == second.costs
    assert not np.array_equal(first.W1, other.W1)


def test_training_evaluates_only_what_lbfgs_asks_for(split):
    X, y = split[0][:300], split[1][:300]
    calls = []

    def counted(nn_params, *args, **kwargs):
        calls.append(nn_params.copy())
        return nn_cost_function(nn_params, *args, **kwargs)

    initial = rand_initialize_network(400, 25, 10, seed=0)
    result = train.train(X, y, maxiter=3, initial=initial, cost_function=counted)
    alone = minimize_lbfgs(lambda p: nn_cost_function(p, 400, 25, 10, X, y, 1.0),
                           unroll(*initial), 3)
    assert len(calls) == alone.nfev  # no evaluation of its own beside L-BFGS-B's
    assert np.array_equal(calls[0], unroll(*initial))
    assert result.costs[0] == nn_cost_function(unroll(*initial), 400, 25, 10, X, y, 1.0)[0]


def test_training_from_the_pretrained_weights_starts_low(split):
    X_train, y_train, _, _ = split
    initial = data.load_weights(data.PRETRAINED)
    result = train.train(X_train, y_train, maxiter=2, initial=initial)
    random_start = train.train(X_train, y_train, maxiter=2)
    assert result.costs[0] < 0.5 < random_start.costs[0]


def test_train_names_a_bad_argument(split):
    X_train, y_train, _, _ = split
    with pytest.raises(ValueError, match="maxiter: expected an integer >= 1, got 0"):
        train.train(X_train, y_train, maxiter=0)
    with pytest.raises(ValueError, match="y: expected 4000 labels"):
        train.train(X_train, y_train[:10])


def test_train_command_prints_progress_and_saves(tmp_path, capsys):
    out = tmp_path / "w.npz"
    assert train.main(["--maxiter", "3", "--hidden", "7", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert re.search(r"iteration +1 \| cost \d+\.\d+ \| +\d+\.\d+ s", printed)
    assert "iteration    3" in printed and "iteration    4" not in printed
    assert "training accuracy:" in printed and "test accuracy:" in printed
    assert f"weights saved to {out}" in printed
    W1, W2, meta = data.load_network(out)
    assert W1.shape == (7, 401) and W2.shape == (10, 8)
    assert meta["hidden_layer_size"] == 7 and meta["lambda_"] == 1.0
    assert meta["iterations"] == 3 and len(meta["costs"]) == 4
    assert f"iteration    0 | cost {meta['costs'][0]:.6f}" in printed  # where cost.png starts
    assert 0 <= meta["test_accuracy"] <= 1 and len(meta["data_checksum"]) == 16


def test_train_command_refuses_the_shipped_weights_before_training(capsys):
    before = data.PRETRAINED.read_bytes()
    assert train.main(["--maxiter", "2", "--out", str(data.PRETRAINED)]) == 1
    captured = capsys.readouterr()
    assert "never overwritten" in captured.err and "iteration" not in captured.out
    assert data.PRETRAINED.read_bytes() == before


def test_train_validate_never_looks_at_the_test_set(tmp_path, capsys):
    out = tmp_path / "w.npz"
    assert train.main(["--validate", "--maxiter", "2", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "on 3200 digits" in printed and "validation accuracy:" in printed
    assert "test accuracy" not in printed and not out.exists()


@pytest.mark.parametrize("argv, message", [
    (["--maxiter", "0"], "--maxiter: expected a whole number >= 1"),
    (["--hidden", "-3"], "--hidden: expected a whole number >= 1"),
    (["--lambda", "nan"], "--lambda: expected a finite number >= 0"),
    (["--lambda", "-1"], "--lambda: expected a finite number >= 0"),
    (["--init", "zeros"], "--init: invalid choice"),
])
def test_train_command_rejects_nonsense(argv, message, capsys):
    with pytest.raises(SystemExit) as exit_info:
        train.main(argv)
    assert exit_info.value.code == 2
    assert message in capsys.readouterr().err


def test_predict_test_with_pretrained_weights_reaches_93_percent(plots_dir, capsys):
    assert predict.main(["--test", "--weights", str(data.PRETRAINED)]) == 0
    printed = capsys.readouterr().out
    percent = float(re.search(r"test accuracy: ([\d.]+)%", printed).group(1))
    assert percent >= 93.0
    assert "note:" not in printed  # trained on this very training split
    per_digit = re.search(r"accuracy per digit: (.*)", printed).group(1)
    assert len(re.findall(r"\d: \d+%", per_digit)) == 10
    assert re.search(r"most confused: \d read as \d \(\d+x\)", printed)
    for name in ("confusion_matrix.png", "misclassified.png"):
        assert (plots_dir / name).read_bytes().startswith(PNG_SIGNATURE)


def test_predict_defaults_to_pretrained_when_nothing_was_trained(tmp_path, monkeypatch,
                                                                plots_dir, capsys):
    monkeypatch.chdir(tmp_path)  # a folder where nothing was trained: no data/trained.npz
    assert predict.main([]) == 0
    assert f"weights: {data.PRETRAINED}" in capsys.readouterr().out


def test_predict_index_prints_top_three_and_saves_a_figure(plots_dir, capsys):
    assert predict.main(["--index", "7", "--weights", str(data.PRETRAINED)]) == 0
    printed = capsys.readouterr().out
    assert "held-out digit #7: true label" in printed
    assert len(re.findall(r"^  \d: +\d+\.\d%$", printed, flags=re.MULTILINE)) == 3
    assert (plots_dir / "predict_7.png").read_bytes().startswith(PNG_SIGNATURE)


def test_predict_index_figure_title_names_the_reading(plots_dir, monkeypatch, capsys):
    titles = []
    figure = predict.prediction_figure

    def noted(x, probabilities, title, names):
        titles.append(title)
        return figure(x, probabilities, title, names)
    monkeypatch.setattr(predict, "prediction_figure", noted)
    assert predict.main(["--index", "5", "--weights", str(data.PRETRAINED)]) == 0
    reads = re.search(r"the network reads (\d) \(right\)", capsys.readouterr().out).group(1)
    assert titles == [f"held-out digit #5: label 0, read as {reads} (99%)"]  # not its 3rd guess


def test_predict_index_out_of_range_is_one_clear_line(capsys):
    assert predict.main(["--index", "1000"]) == 1
    err = capsys.readouterr().err
    assert err == "error: --index: expected a held-out digit from 0 to 999, got 1000\n"


def test_predict_names_a_missing_weights_file(tmp_path, capsys):
    assert predict.main(["--weights", str(tmp_path / "nope.npz")]) == 1
    assert "no such file" in capsys.readouterr().err


def test_top_k_is_sorted_largest_first():
    assert predict.top_k(np.array([0.1, 0.5, 0.15, 0.25]), 3) == [(1, 0.5), (3, 0.25),
                                                                 (2, 0.15)]


def test_display_saves_three_figures(plots_dir, capsys):
    assert display.main(["--weights", str(data.PRETRAINED)]) == 0
    names = sorted(path.name for path in plots_dir.iterdir())
    assert names == ["cost.png", "digits.png", "hidden_units.png"]
    for name in names:
        assert (plots_dir / name).read_bytes().startswith(PNG_SIGNATURE)


def test_hidden_units_title_says_how_to_read_the_pictures():
    title = display.hidden_units_title(np.zeros((25, 401)), Path("data/trained.npz"))
    assert title == ("the 25 hidden units of trained.npz: each one's 400 input weights\n"
                     "ink on red pixels turns a unit on, on blue off")


def test_display_without_training_history_says_so(plots_dir, tmp_path, capsys):
    bare = data.save_weights(tmp_path / "bare.npz", *data.load_weights(data.PRETRAINED))
    assert display.main(["--weights", str(bare)]) == 0
    assert "no cost curve" in capsys.readouterr().out
    assert not (plots_dir / "cost.png").exists()


def test_modules_and_console_scripts_run(tmp_path):
    out = tmp_path / "w.npz"
    done = subprocess.run([sys.executable, "-m", "course.train", "--maxiter", "2",
                           "--out", str(out)], capture_output=True, text=True, check=True)
    assert "weights saved to" in done.stdout
    helps = {}
    try:
        for script in ("course-train", "course-predict", "course-display", "course-grade",
                       "course-tune", "course-draw", "course-optimizers", "course-fruit",
                       "course-start", "course-foreign", "course-gradcheck"):
            path = shutil.which(script, path=str(Path(sys.executable).parent))
            assert path is not None, f"{script} is not installed: pip install -e ."
            helps[script] = subprocess.Popen([path, "--help"], stdout=subprocess.PIPE, text=True)
        for script, running in helps.items():  # started together: their imports overlap
            help_text = running.communicate(timeout=120)[0]
            assert running.returncode == 0 and "usage:" in help_text, script
    finally:
        for running in helps.values():  # none left running when one failed
            if running.poll() is None:
                running.kill()
                running.wait()


def test_hidden_units_figure_of_a_unit_with_no_weights(plots_dir):
    import warnings

    from course.figures import hidden_units_figure
    W1 = np.ones((4, 401))
    W1[2] = 0.0  # a unit that learnt nothing
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig = hidden_units_figure(W1, "a dead unit")
    alive = hidden_units_figure(np.ones((4, 401)), "four live units")
    shown, gaps_only = (f.axes[0].images[0].get_array() for f in (fig, alive))
    # imshow masks NaN: the dead unit must add no masked (blank) pixel, and show 400 zeros
    assert np.ma.count_masked(shown) == np.ma.count_masked(gaps_only)
    assert np.sum(np.ma.compressed(shown) == 0) == 400


def test_hidden_units_figure_of_a_wide_layer_has_a_dot_per_pixel_and_no_empty_row(plots_dir):
    from course.figures import hidden_units_figure
    fig = hidden_units_figure(np.ones((600, 401)), "600 units")  # as best.npz: 25 x 24 tiles
    axes = fig.axes[0]
    rows, cols = axes.images[0].get_array().shape
    assert cols // 21 == 25 and rows // 21 == 24  # 20x20 tiles and their gaps, no empty row
    fig.canvas.draw()
    assert axes.get_window_extent().width >= cols  # no column of pixels dropped at 100 dpi


def test_a_reader_that_goes_away_ends_a_program_quietly():
    # As `python -m course.data | head -0`: the pipe is closed before the first line.
    process = subprocess.Popen([sys.executable, "-m", "course.data"], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    process.stdout.close()
    stderr = process.communicate(timeout=60)[1]
    assert process.returncode == 141
    assert stderr == ""  # no "error: [Errno 32] Broken pipe", no traceback


def test_cost_title_of_a_network_of_members_fits_the_figure():
    from course.display import cost_title
    title = cost_title(Path("best.npz"), {"members": 4, "lambda_": 1.0, "iterations": 600})
    assert title == "training cost of best.npz, lambda 1, 600 iterations\n(the first of its 4 members)"
    assert max(len(line) for line in title.splitlines()) <= 55  # the figure is 6.5 inches wide
