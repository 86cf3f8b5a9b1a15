"""course.start: a folder of one's own to do the course in, and the learner's code in it."""

import re
import shutil
import sys
from pathlib import Path

import pytest

from course import CourseError, start, train
from course.paths import STUBS_DIR

ANSWERS = Path(start.__file__).parent / "answers"


def test_start_copies_the_stubs_their_tests_and_readme(tmp_path, capsys):
    assert start.main([str(tmp_path / "mine")]) == 0
    copied = sorted(path.name for path in (tmp_path / "mine" / "exercises").iterdir())
    assert copied == sorted(path.name for path in start.stub_files())
    assert {"__init__.py", "test_exercises.py", "README.md", "ex1_data.py"} <= set(copied)
    assert (tmp_path / "mine" / "exercises" / "ex4_cost.py").read_text() == \
        (STUBS_DIR / "ex4_cost.py").read_text()
    assert "cd " in capsys.readouterr().out


@pytest.mark.parametrize("folder, line", [("my course", "  cd 'my course'\n"), (".", "")])
def test_start_says_how_to_enter_the_folder_as_a_shell_takes_it(folder, line, tmp_path,
                                                                 monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert start.main([folder]) == 0
    assert capsys.readouterr().out.split("next:\n")[1].startswith(f"{line}  python -m course.grade")


def test_start_never_overwrites_a_learners_work(tmp_path, capsys):
    mine = tmp_path / "mine" / "exercises"
    mine.mkdir(parents=True)
    (mine / "ex4_cost.py").write_text("# my answer, three hours of work")
    assert start.main([str(tmp_path / "mine")]) == 1
    assert "exists already" in capsys.readouterr().err
    assert (mine / "ex4_cost.py").read_text() == "# my answer, three hours of work"
    with pytest.raises(CourseError, match="got a file"):
        (tmp_path / "file").write_text("x")
        start.start(tmp_path / "file")


@pytest.mark.parametrize("argv, status, message", [
    ([""], 2, "argument DIR: expected a folder name, got ''"),
    (["/proc/course"], 1, "error: DIR: cannot make /proc/course/exercises (No such file"),
    (["{tmp}/linked"], 1, "error: DIR: {tmp}/linked/exercises exists already"),
])
def test_start_refuses_a_bad_folder_in_one_line(argv, status, message, tmp_path, capsys):
    (tmp_path / "linked").mkdir()
    (tmp_path / "linked" / "exercises").symlink_to(tmp_path / "nowhere")  # a link to nothing
    try:
        code = start.main([arg.replace("{tmp}", str(tmp_path)) for arg in argv])
    except SystemExit as exit:  # argparse
        code = exit.code
    err = capsys.readouterr().err
    assert code == status and err.count("\n") == 1, err
    assert message.replace("{tmp}", str(tmp_path)) in err


@pytest.fixture
def no_exercises_imported():
    """Forget any package 'exercises' imported, before and after the test (another folder's)."""
    def forget():
        for name in [name for name in sys.modules if name.split(".")[0] == "exercises"]:
            del sys.modules[name]
    forget()
    yield
    forget()


def test_train_impl_exercises_names_the_learners_line(tmp_path, monkeypatch, capsys,
                                                       no_exercises_imported):
    start.start(tmp_path)
    lesson5 = tmp_path / "exercises" / "ex5_backprop.py"
    shutil.copyfile(ANSWERS / "ex4_cost.py", tmp_path / "exercises" / "ex4_cost.py")
    code = (ANSWERS / "ex5_backprop.py").read_text()
    wrong = code.replace("delta2 = (delta3 @ W2[:, 1:])", "delta2 = (delta3 @ W2)")
    assert wrong != code
    lesson5.write_text(wrong)
    monkeypatch.chdir(tmp_path)
    for name in [name for name in sys.modules if name.split(".")[0] == "exercises"]:
        monkeypatch.delitem(sys.modules, name)  # another test's exercises/, imported before
    assert train.main(["--impl", "exercises", "--maxiter", "1"]) == 1
    for name in [name for name in sys.modules if name.split(".")[0] == "exercises"]:
        del sys.modules[name]  # this folder's: no later test may see them
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert re.match(r"error: your nn_cost_function raised: ex5_backprop\.py line \d+: "
                    r"delta2 = \(delta3 @ W2\) .* -> ValueError: operands could not be broadcast",
                    err)
