"""Help texts: the program's name as invoked, what it saves, one example line."""

import pytest

from course import display, fruit, grade, gradcheck, optimizers, predict, start, train, tune
from course.cli import invoked_name


@pytest.mark.parametrize("command, expected", [
    ("/venv/bin/course-grade", "course-grade"),
    ("C:\\venv\\Scripts\\course-grade.exe".replace("\\", "/"), "course-grade"),
    ("/site-packages/course/grade.py", "python -m course.grade"),
    ("-c", "python -m course.grade"),
])
def test_the_usage_names_the_program_as_it_was_invoked(command, expected):
    assert invoked_name("python -m course.grade", command) == expected


@pytest.mark.parametrize("program, saves", [
    (train, "data/trained.npz"), (predict, "plots/"), (display, "plots/"),
    (tune, "plots/learning_curve.png"), (fruit, "plots/fruit_boundaries.png"),
    (optimizers, "plots/optimizers.png"), (start, "DIR/exercises/"), (gradcheck, "Saves nothing"),
    (grade, "Saves nothing"),
])
def test_help_says_what_is_saved_and_gives_an_example(program, saves, capsys):
    with pytest.raises(SystemExit):
        program.main(["--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert saves in text
    assert "example: python -m course." in text
