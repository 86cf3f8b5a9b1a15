"""Grade the exercises on this machine and say what is wrong.

    python -m course.grade          # every lesson
    python -m course.grade 4 5      # lessons 4 and 5 only

Each part runs in a process of its own with a time limit, so code that raises,
hangs or crashes in one part never stops the others from being graded.
"""

import argparse
import ast
import contextlib
import importlib
import importlib.util
import io
import multiprocessing
import sys
import traceback
from dataclasses import dataclass
from pathlib import Path

from course.cli import ArgumentParser, positive_float
from course.checks import LESSONS, PARTS, REFERENCE, Mistake
from course.lbfgs import single_threaded_scipy_blas

EXERCISES_DIR = Path.cwd() / "exercises"  # the learner's, in the folder grade runs in
MARKER = "YOUR CODE HERE"


@dataclass
class Outcome:
    """The result of one part: passed or not, and one line of feedback."""

    part: object
    passed: bool
    feedback: str

    @property
    def score(self):
        """Return the points earned."""
        return self.part.points if self.passed else 0


def exercise_path(lesson, package="exercises"):
    """Return the path of the learner's file for a lesson, in `package` (default exercises)."""
    spec = importlib.util.find_spec(f"{package}.{LESSONS[lesson]}")
    if spec is None or spec.origin is None:
        raise FileNotFoundError(f"no file {LESSONS[lesson]}.py in the package {package}")
    return Path(spec.origin)


def unstarted_functions(path):
    """Return the names of the functions in `path` whose YOUR CODE HERE part holds no code.

    The part runs from the marker line to the next line made only of '# ===',
    or to the end of the function; comments and blank lines do not count.
    """
    source = Path(path).read_text()
    lines = source.splitlines()
    unstarted = set()
    for node in ast.walk(ast.parse(source, filename=str(path))):
        if not isinstance(node, ast.FunctionDef):
            continue
        body = lines[node.lineno - 1:node.end_lineno]
        starts = [i for i, line in enumerate(body) if MARKER in line]
        if not starts:
            continue
        code = []
        for line in body[starts[0] + 1:]:
            stripped = line.strip()
            if stripped.startswith("# ===") and set(stripped[1:].strip()) == {"="}:
                break
            if stripped and not stripped.startswith("#"):
                code.append(stripped)
        if not code:
            unstarted.add(node.name)
    return unstarted


def load_implementation(lesson, impl):
    """Return the functions of a lesson: the reference namespace, or the module in package `impl`."""
    if impl == "reference":
        return REFERENCE[lesson]
    return importlib.import_module(f"{impl}.{LESSONS[lesson]}")


def describe_error(error, folder=EXERCISES_DIR):
    """Return one line naming the error and the line of the learner's code (in folder) that raised it."""
    if isinstance(error, SyntaxError) and error.filename:
        return (f"{Path(error.filename).name} line {error.lineno}: SyntaxError: {error.msg}: "
                f"{(error.text or '').strip()}")
    frames = traceback.extract_tb(error.__traceback__)
    mine = [frame for frame in frames if Path(frame.filename).resolve().parent == folder]
    text = f"{type(error).__name__}: {error}".strip().replace("\n", " ")
    if mine:
        frame = mine[-1]
        return f"{Path(frame.filename).name} line {frame.lineno}: {frame.line} -> {text}"
    return f"{text} (raised before your code ran)"


def check_part(part, impl):
    """Return (passed, feedback) of running one part's check in this process."""
    try:
        namespace = load_implementation(part.lesson, impl)
        with single_threaded_scipy_blas():
            return True, part.check(namespace)
    except Mistake as mistake:
        return False, str(mistake)
    except Exception as error:  # the learner's code raised: show where, and why
        folder = None if impl == "reference" else exercise_path(part.lesson, impl).parent
        feedback = describe_error(error, folder)
        if part.error_hint and not isinstance(error, SyntaxError):
            feedback += f" ({part.error_hint})"
        return False, feedback


def _run_in_child(number, impl, quiet, connection):
    """Child process: run part `number`, send (passed, feedback) to the parent."""
    part = next(part for part in PARTS if part.number == number)
    if quiet:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            result = check_part(part, impl)
    else:
        result = check_part(part, impl)
    connection.send(result)
    connection.close()


def run_part(part, impl="exercises", seconds=None, quiet=True):
    """Return the Outcome of one part, run in a child process stopped after its time limit.

    impl: "reference" for course/, or the package holding the lesson files
    (default exercises, the learner's).
    """
    if impl != "reference":
        path = exercise_path(part.lesson, impl)
        try:
            unstarted = unstarted_functions(path)
        except SyntaxError as error:
            return Outcome(part, False, describe_error(error, path.parent))
        waiting = [name for name in part.functions if name in unstarted]
        if waiting:
            return Outcome(part, False,
                           f"not started: write {', '.join(waiting)} in {impl}/{path.name}, "
                           f"below the {MARKER} line")
    seconds = part.seconds if seconds is None else seconds
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_run_in_child, args=(part.number, impl, quiet, sender))
    process.start()
    sender.close()
    try:
        if not receiver.poll(seconds):
            process.kill()
            return Outcome(part, False,
                           f"stopped after {seconds:g} s without an answer: an endless loop, "
                           "or far more iterations than asked?")
        passed, feedback = receiver.recv()
    except EOFError:
        process.join()
        return Outcome(part, False, f"your code ended the process (exit code "
                                    f"{process.exitcode}) before the check finished")
    finally:
        process.join(timeout=5)
        if process.is_alive():
            process.kill()
    return Outcome(part, passed, feedback)


def grade(lessons=None, impl="exercises", seconds=None, quiet=True):
    """Return the Outcomes of every part of the given lessons (all lessons by default)."""
    return [run_part(part, impl, seconds, quiet) for part in PARTS
            if lessons is None or part.lesson in lessons]


def print_table(outcomes, out=None):
    """Print one row per part (part, name, score, feedback) and the total, to out or stdout."""
    out = out or sys.stdout
    width = max(len(outcome.part.name) for outcome in outcomes)
    print(f"{'part':5} {'name':{width}} {'score':>6}  feedback", file=out)
    for outcome in outcomes:
        score = f"{outcome.score}/{outcome.part.points}"
        mark = "ok" if outcome.passed else "--"
        print(f"{outcome.part.number:5} {outcome.part.name:{width}} {score:>6}  "
              f"{mark} {outcome.feedback}", file=out)
    total = sum(outcome.score for outcome in outcomes)
    possible = sum(outcome.part.points for outcome in outcomes)
    passed = sum(outcome.passed for outcome in outcomes)
    print(f"{'total':5} {'':{width}} {f'{total}/{possible}':>6}  "
          f"{passed} of {len(outcomes)} parts pass", file=out)


def lesson_number(text):
    """Return text as a lesson number (1 to the last lesson), for argparse."""
    if text not in {str(lesson) for lesson in LESSONS}:
        raise argparse.ArgumentTypeError(f"expected a lesson from 1 to {len(LESSONS)}, "
                                         f"got {text!r}")
    return int(text)


def main(argv=None):
    """Run course.grade; return 0 only when every graded part passes."""
    parser = ArgumentParser(
        prog="python -m course.grade",
        description="Check your answers in exercises/ and say what is wrong.")
    parser.add_argument("lessons", nargs="*", type=lesson_number, metavar="LESSON",
                        help=f"lessons to grade, 1 to {len(LESSONS)} (default: all)")
    parser.add_argument("--timeout", type=positive_float, default=None, metavar="SECONDS",
                        help="time limit of each part (default 60, 120 for training)")
    parser.add_argument("--reference", action="store_true",
                        help="grade the reference implementation in course/ instead")
    args = parser.parse_args(argv)
    lessons = set(args.lessons) or None
    what = "the reference in course/" if args.reference else "your code in exercises/"
    print(f"grading {what}, lesson{'s' if not lessons or len(lessons) > 1 else ''} "
          f"{', '.join(map(str, sorted(lessons or LESSONS)))}\n")
    outcomes = grade(lessons, "reference" if args.reference else "exercises", args.timeout)
    print_table(outcomes)
    return 0 if all(outcome.passed for outcome in outcomes) else 1


if __name__ == "__main__":
    sys.exit(main())
