"""Augmentation, tuning on the validation part only, and the shipped best network."""

import re
from pathlib import Path

import numpy as np
import pytest

from course import data, train, training, tune
from course import predict as predict_module
from course import foreign, typeset
from course.nn import outputs_z3, predict

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def test_train_with_augment_records_it_and_the_original_data(tmp_path, capsys, split):
    X_train, y_train, _, _ = split
    out = tmp_path / "w.npz"
    assert train.main(["--augment", "1", "--maxiter", "2", "--out", str(out)]) == 0
    assert "4000 digits (with 1 changed copies of each)" in capsys.readouterr().out
    meta = data.load_network(out)[2]
    assert meta["augment"] == 1
    assert meta["data_checksum"] == data.data_checksum(X_train, y_train)


def test_tune_never_loads_the_test_split(monkeypatch, plots_dir, capsys):
    real_load_split = data.load_split

    def training_only():
        X_train, y_train, X_test, y_test = real_load_split()
        return X_train, y_train, np.full_like(X_test, np.nan), np.full_like(y_test, -1)

    monkeypatch.setattr(tune, "load_split", training_only)
    monkeypatch.setattr(tune, "foreign_validation", lambda: foreign.render_set(
        foreign.VALIDATION_FONTS[:1], [40], [0.0], [0.0], [0.0]))  # 10 foreign digits: quicker
    assert tune.main(["--maxiter", "5", "--sizes", "100", "400", "--lambdas", "0.1", "10",
                      "--hiddens", "5", "25"]) == 0
    printed = capsys.readouterr().out
    assert "validating on 800 others (the test set is not used)" in printed
    names = "validation and foreign" if foreign.fonts_installed() else "validation"
    chosen = re.search(rf"chosen on the mean error of {names}: lambda (\S+), "
                       r"hidden units (\d+)", printed)
    assert chosen and float(chosen.group(1)) in (0.1, 10) and int(chosen.group(2)) in (5, 25)
    for name in ("learning_curve.png", "validation_lambda.png", "validation_hidden.png"):
        assert (plots_dir / name).read_bytes().startswith(PNG_SIGNATURE)


def test_learning_curve_subsets_are_balanced(split):
    X_train, y_train, _, _ = split
    order = tune.interleaved_order(y_train)
    assert np.bincount(y_train[order[:100]]).tolist() == [10] * 10
    assert sorted(order) == list(range(len(y_train)))


def test_learning_curve_error_falls_with_more_digits(split):
    X_fit, y_fit, X_val, y_val = data.validation_split(*split[:2])
    measure = tune.measurer(*tune.balanced_order(X_fit, y_fit), [(X_val, y_val)])
    _, val_error = tune.learning_curve(measure, [100, 1600], hidden_layer_size=25, lambda_=1.0,
                                       maxiter=50, seed=0)
    assert val_error[1] < val_error[0]


def test_tune_trains_each_setting_once_and_says_so(monkeypatch, plots_dir, capsys):
    trained = []
    real_train = tune.train

    def counted(X_more, y_more, **settings):
        trained.append((len(X_more), settings["hidden_layer_size"], settings["lambda_"]))
        return real_train(X_more, y_more, **settings)

    monkeypatch.setattr(tune, "train", counted)
    monkeypatch.setattr(tune, "fonts_installed", lambda: False)
    assert tune.main(["--maxiter", "2", "--sizes", "100", "3200", "--lambdas", "0.1", "1",
                      "--hiddens", "5", "25"]) == 0
    assert sorted(trained) == [(100, 25, 1.0), (3200, 5, 1.0), (3200, 25, 0.1), (3200, 25, 1.0)]
    printed = capsys.readouterr().out
    assert printed.count("  trained on ") == 4  # a progress line for each training
    assert "  trained on 3200 digits, 25 hidden units, lambda 1, 2 iterations" in printed


def test_tune_makes_the_copies_once_for_a_curve_and_in_its_precision(monkeypatch, plots_dir,
                                                                    capsys):
    made, trained_on = [], []
    real_with_copies, real_train = tune.with_copies, tune.train

    def counted_copies(X, *args):
        made.append(len(X))
        return real_with_copies(X, *args)

    def recorded(X_more, y_more, **settings):
        trained_on.append((len(X_more), X_more.dtype))
        return real_train(X_more, y_more, **settings)

    monkeypatch.setattr(tune, "with_copies", counted_copies)
    monkeypatch.setattr(tune, "train", recorded)
    monkeypatch.setattr(tune, "fonts_installed", lambda: False)
    assert tune.main(["--curves", "lambda", "maxiter", "--lambdas", "0.1", "1", "--maxiters",
                      "1", "2", "--hidden", "5", "--maxiter", "1", "--augment", "1",
                      "--precision", "single"]) == 0
    assert made == [3200]  # one set of copies for the three trainings
    assert trained_on == [(6400, np.float32)] * 3
    assert "single precision" in capsys.readouterr().out


def test_tune_help_shows_its_defaults_as_typed(capsys):
    with pytest.raises(SystemExit):
        tune.main(["--help"])
    assert "(default 100 200 400 800 1600 3200)" in " ".join(capsys.readouterr().out.split())


def test_best_weights_reach_97_percent_on_held_out_digits(split):
    X_train, y_train, X_test, y_test = split
    W1, W2 = data.load_weights(data.BEST)
    assert np.mean(predict(W1, W2, X_test) == y_test) >= 0.97
    meta = data.load_network(data.BEST)[2]
    assert meta["data_checksum"] == data.data_checksum(X_train, y_train)
    assert meta["seconds"] < 20 * 60


def test_tune_reports_the_foreign_set_beside_the_validation_digits(monkeypatch, plots_dir,
                                                                   capsys):
    X_foreign, y_foreign = np.zeros((10, 400)), np.arange(10)  # blank pictures: mostly wrong
    monkeypatch.setattr(tune, "fonts_installed", lambda: True)
    monkeypatch.setattr(tune, "foreign_validation", lambda: (X_foreign, y_foreign))
    assert tune.main(["--maxiter", "5", "--curves", "distort", "copies", "--distorts", "0", "1",
                      "--copies", "0", "1"]) == 0
    printed = capsys.readouterr().out
    assert "validating on 800 others (the test set is not used) and on 10 foreign digits" in printed
    rows = re.findall(r"^ +1 \| +\S+% \| +\S+% \| +(\S+)% \| +(\S+)%$", printed, re.M)
    assert len(rows) == 2 and all(float(foreign_error) >= 80 for foreign_error, _ in rows)
    assert re.search(r"chosen on the mean error of validation and foreign: distortion [01], "
                     r"copies [01]$", printed, re.M)
    for name in ("validation_distort.png", "validation_copies.png"):
        assert (plots_dir / name).read_bytes().startswith(PNG_SIGNATURE)


def test_tune_without_the_fonts_says_how_to_install_them(monkeypatch, plots_dir, capsys):
    monkeypatch.setattr(tune, "fonts_installed", lambda: False)
    assert tune.main(["--maxiter", "2", "--curves", "lambda", "--lambdas", "1"]) == 0
    printed = capsys.readouterr().out
    assert ("the foreign validation set is left out: its fonts are not installed (sudo apt-get "
            "install fonts-bwht fonts-dkg-handwriting fonts-breip)") in printed
    assert "chosen on the mean error of validation: lambda 1" in printed


def test_train_distort_records_it(tmp_path, capsys):
    out = tmp_path / "w.npz"
    assert train.main(["--augment", "1", "--distort", "0.5", "--maxiter", "2",
                       "--out", str(out)]) == 0
    assert "4000 digits (with 1 changed copies of each, distorted 0.5)" in capsys.readouterr().out
    assert data.load_network(out)[2]["distort"] == 0.5


def few_typeset_digits():
    """Return (X, y): the digits 0..9 typeset in one font, one size: quicker than the 1200."""
    return typeset.render_set(typeset.FONTS[:1], [40], [0.0], [0.0], [0.0],
                              font_dir=typeset.FONT_DIR)


def test_typeset_digits_come_from_fonts_in_neither_foreign_set():
    assert not {Path(name).stem.lower() for name in typeset.FONTS} & {
        Path(name).stem.lower() for name in foreign.VALIDATION_FONTS + foreign.TEST_FONTS}
    assert all((typeset.FONT_DIR / name).is_file() for name in typeset.FONTS)  # in matplotlib
    X, y = few_typeset_digits()
    assert X.shape == (10, 400) and y.tolist() == list(range(10))
    assert X.min() >= 0 and X.max() <= 1 and np.all(X.max(axis=1) > 0.5)  # bright ink, each


def test_train_with_typeset_digits_learns_from_them_and_says_so(tmp_path, capsys, monkeypatch,
                                                               split):
    learned = []
    real_with_copies = train.with_copies

    def recorded(X, y, *args):
        learned.append(len(X))
        return real_with_copies(X, y, *args)

    monkeypatch.setattr(typeset, "typeset_digits", few_typeset_digits)
    monkeypatch.setattr(train, "with_copies", recorded)
    out = tmp_path / "w.npz"
    assert train.main(["--typeset", "--augment", "1", "--maxiter", "2", "--out", str(out)]) == 0
    assert learned == [4010]
    assert "4000 digits and 10 typeset ones (with 1 changed copies" in capsys.readouterr().out
    meta = data.load_network(out)[2]
    assert meta["typeset"] == 10
    assert meta["data_checksum"] == data.data_checksum(*split[:2])  # of the MNIST digits


def test_averaged_network_outputs_the_mean_z3_of_its_members():
    rng = np.random.default_rng(0)
    members = [(rng.normal(size=(hidden, 401)), rng.normal(size=(10, hidden + 1)))
               for hidden in (3, 5, 4)]
    X = rng.random((7, 400))
    W1, W2 = training.averaged_network(members)
    assert W1.shape == (12, 401) and W2.shape == (10, 13)
    mean_z3 = np.mean([outputs_z3(*member, X) for member in members], axis=0)
    np.testing.assert_allclose(outputs_z3(W1, W2, X), mean_z3, rtol=1e-12, atol=1e-12)
    assert training.averaged_network(members[:1])[1].tolist() == members[0][1].tolist()


def test_train_members_saves_one_network_of_all_their_hidden_units(tmp_path, capsys,
                                                                   monkeypatch):
    trained = []
    real_train = train.train

    def recorded(X, y, hidden, *args):
        trained.append((len(X), args[2]))  # the copies it learns from, its seed
        return real_train(X, y, hidden, *args)

    monkeypatch.setattr(train, "train", recorded)
    out = tmp_path / "w.npz"
    assert train.main(["--members", "3", "--hidden", "4", "--augment", "1", "--maxiter", "2",
                       "--seed", "5", "--out", str(out)]) == 0
    assert trained == [(8000, 5), (8000, 6), (8000, 7)]
    W1, W2, meta = data.load_network(out)
    assert W1.shape == (12, 401) and W2.shape == (10, 13)
    assert meta["members"] == 3 and meta["hidden_layer_size"] == 4
    assert "(3 networks of 4 hidden units kept as one, lambda 1, 2 iterations, 1 changed " \
           "copies per digit each, random start, seed 5)" in predict_module.describe_weights(out,
                                                                                        meta)
    printed = capsys.readouterr().out
    assert "3 networks of 4 hidden units each, seeds 5 to 7" in printed
    assert printed.count("done in ") == 3


def recorded_copies(monkeypatch, module):
    """Return the list to which each call of module.with_copies adds (len(X), seed)."""
    learned = []
    real_with_copies = module.with_copies

    def recorded(X, y, copies, seed, *args):
        learned.append((len(X), seed))
        return real_with_copies(X, y, copies, seed, *args)

    monkeypatch.setattr(module, "with_copies", recorded)
    return learned


def test_tune_members_curve_trains_each_member_once_from_its_own_copies(monkeypatch, plots_dir,
                                                                       capsys):
    trained_seeds = []
    real_train = tune.train
    learned = recorded_copies(monkeypatch, tune)

    def recorded(X_more, y_more, **settings):
        trained_seeds.append(settings["seed"])
        return real_train(X_more, y_more, **settings)

    monkeypatch.setattr(tune, "train", recorded)
    monkeypatch.setattr(tune, "fonts_installed", lambda: False)
    assert tune.main(["--curves", "members", "--member-counts", "1", "3", "2", "--hidden", "5",
                      "--maxiter", "2", "--augment", "1", "--seed", "4"]) == 0
    assert trained_seeds == [4, 5, 6] and [seed for _, seed in learned] == [4, 5, 6]
    printed = capsys.readouterr().out
    assert re.search(r"\n +3 \| +\d+\.\d% \| +\d+\.\d% \| +\d+\.\d+%", printed)
    assert "chosen on the mean error of validation: members " in printed


def test_tune_typeset_half_trains_members_in_pairs_as_train_does(monkeypatch, plots_dir,
                                                                 capsys):
    monkeypatch.setattr(typeset, "typeset_digits", few_typeset_digits)
    learned = recorded_copies(monkeypatch, tune)
    monkeypatch.setattr(tune, "fonts_installed", lambda: False)
    assert tune.main(["--curves", "members", "--member-counts", "1", "2", "4", "--typeset",
                      "half", "--hidden", "3", "--maxiter", "2", "--augment", "1",
                      "--seed", "4"]) == 0
    assert learned == [(3200, 4), (3210, 4), (3200, 5), (3210, 5)]  # as train's members
    assert "(10 of them typeset, for every other member)" in capsys.readouterr().out
    assert tune.main(["--curves", "lambda", "--typeset", "half"]) == 1
    assert "--typeset half: expected --members 2 or more" in capsys.readouterr().err


def test_train_typeset_half_gives_the_typeset_digits_to_every_other_member(tmp_path, capsys,
                                                                          monkeypatch):
    monkeypatch.setattr(typeset, "typeset_digits", few_typeset_digits)
    learned = recorded_copies(monkeypatch, train)
    out = tmp_path / "w.npz"
    assert train.main(["--members", "4", "--typeset", "half", "--hidden", "3", "--augment", "1",
                       "--maxiter", "2", "--seed", "7", "--out", str(out)]) == 0
    assert learned == [(4000, 7), (4010, 7), (4000, 8), (4010, 8)]  # pairs from one seed
    printed = capsys.readouterr().out
    assert "on 4000 digits and, for every other member, 10 typeset ones" in printed
    assert "member 2 of 4, seed 7, with the typeset digits:" in printed
    meta = data.load_network(out)[2]
    assert meta["typeset_members"] == 2 and data.load_weights(out)[0].shape == (12, 401)
    assert train.main(["--typeset", "half", "--out", str(tmp_path / "one.npz")]) == 1
    assert "--typeset half: expected --members 2 or more" in capsys.readouterr().err
