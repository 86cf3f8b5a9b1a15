"""What every program of the package shares: argument types and one way to report errors.

This module imports nothing else of the package but its error class, so that
any module may use it.
"""

import argparse
import math
import os
import sys

from course import CourseError


class ArgumentParser(argparse.ArgumentParser):
    """argparse's parser, whose errors are one line: what is wrong, and where to look.

    Its usage names the program as it was invoked: `python -m course.grade`,
    or `course-grade` when run by its console script.
    """

    def __init__(self, prog=None, **kwargs):
        super().__init__(prog=invoked_name(prog, sys.argv[0]), **kwargs)

    def error(self, message):
        """Print one line naming the problem and exit with status 2."""
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def invoked_name(prog, command):
    """Return the program's name as the user typed it: `command`'s name for a console script, else prog.

    prog : "python -m course.grade"; command : sys.argv[0], such as
    "/venv/bin/course-grade" (a console script) or ".../course/grade.py" (python -m)
    """
    script = os.path.basename(command).removesuffix(".exe")
    if prog and script.startswith("course-"):
        return script
    return prog


def positive_float(text):
    """Return text as a finite float > 0, for argparse."""
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(f"expected a number > 0, got {text!r}")
    return value


def whole_number(minimum):
    """Return an argparse type that reads a whole number >= minimum."""
    def parse(text):
        try:
            value = int(text)
        except ValueError:
            value = None
        if value is None or value < minimum:
            raise argparse.ArgumentTypeError(
                f"expected a whole number >= {minimum}, got {text!r}")
        return value
    return parse


positive_int = whole_number(1)
non_negative_int = whole_number(0)


def non_negative_float(text):
    """Return text as a finite float >= 0, for argparse."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number >= 0, got {text!r}") from None
    if not math.isfinite(value) or value < 0:
        raise argparse.ArgumentTypeError(f"expected a finite number >= 0, got {text!r}")
    return value


def add_seed_argument(parser, what):
    """Add --seed to parser: a whole number >= 0, default 0, with `what` it seeds in its help."""
    parser.add_argument("--seed", type=non_negative_int, default=0, metavar="N",
                        help=f"seed of {what} (default 0)")


def run_reporting_errors(work, *args, interrupted="interrupted"):
    """Return the exit status of work(*args): its own (0 if None), 1 after an error, 130 after Ctrl-C.

    Errors of the user's input (CourseError, files that cannot be read or
    written) and a lack of memory are printed as one line, without a traceback;
    Ctrl-C prints `interrupted`. When the reader of the output goes away
    (`| head`), the program stops with status 141 and says nothing. Any other
    exception is a bug of the package and shows its traceback.
    """
    try:
        status = work(*args)
    except KeyboardInterrupt:
        print(f"\n{interrupted}", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader went away (`| head`): nothing more to say to it
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # so exit flushes quietly
        return 141  # as a shell reports a program ended by SIGPIPE
    except (CourseError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except MemoryError as error:
        print(f"error: not enough memory{f' ({error})' if str(error) else ''}", file=sys.stderr)
        return 1
    return 0 if status is None else status
