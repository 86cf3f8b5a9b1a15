"""Make a folder to do the course in, with a fresh copy of the exercises.

    python -m course.start my-course     # then: cd my-course && python -m course.grade

The copy holds the stubs (one file per lesson), their pytest file and their
README. Inside that folder, `python -m course.grade` and `pytest exercises`
grade your copy, and the programs save what they make under data/ and plots/.
"""

import argparse
import shlex
import shutil
import sys
from pathlib import Path

from course import CourseError
from course.cli import ArgumentParser, printable, run_reporting_errors
from course.paths import STUBS_DIR


def stub_files():
    """Return the files of the exercises as shipped: the stubs, their test file and README."""
    return sorted(path for path in STUBS_DIR.iterdir()
                  if path.suffix == ".py" or path.name == "README.md")


def start(folder):
    """Copy the exercises into folder/exercises, which must not exist yet; return that path."""
    folder = Path(folder)
    target = folder / "exercises"
    if folder.exists() and not folder.is_dir():
        raise CourseError(f"DIR: expected a folder to make or an existing folder, "
                          f"got a file: {folder}")
    if target.exists() or target.is_symlink():
        raise CourseError(f"DIR: {target} exists already, and your work in it is never "
                          "overwritten; choose another folder (or move that one away)")
    try:
        target.mkdir(parents=True)
        for path in stub_files():
            shutil.copyfile(path, target / path.name)
    except OSError as error:
        raise OSError(f"DIR: cannot make {printable(target)} ({error.strerror or error})"
                      ) from None
    return target


def folder_name(text):
    """Return text as a Path, for argparse; an empty text (an unset variable?) is refused."""
    if not text:
        raise argparse.ArgumentTypeError("expected a folder name, got ''")
    return Path(text)


def enter(folder):
    """Return the shell line that enters folder, ready to paste; "" when it is the current folder."""
    if Path(folder).resolve() == Path.cwd().resolve():
        return ""
    return f"  cd {shlex.quote(str(folder))}\n"


def run(folder):
    """Make the folder and say what to do next."""
    target = start(folder)
    lessons = len(list(target.glob("ex*.py")))
    print(f"made {target}: {lessons} lessons, their tests and their README")
    print(f"next:\n{enter(folder)}  python -m course.grade      # a score and feedback "
          "per part\n  then open exercises/README.md and start with lesson 1")


def main(argv=None):
    """Run course.start; return its exit status."""
    parser = ArgumentParser(
        prog="python -m course.start",
        description="Make a folder with a fresh copy of the exercises to do the course in: "
                    "DIR/exercises/ (the lesson files, their tests, README.md). Nothing is "
                    "overwritten.",
        epilog="example: python -m course.start my-course && cd my-course && "
               "python -m course.grade 1")
    parser.add_argument("folder", type=folder_name, metavar="DIR",
                        help="the folder to make (or an existing one without exercises/)")
    return run_reporting_errors(run, parser.parse_args(argv).folder)


if __name__ == "__main__":
    sys.exit(main())
