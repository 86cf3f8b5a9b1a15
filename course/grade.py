"""Grade the exercises on this machine and say what is wrong.

    python -m course.grade          # every lesson
    python -m course.grade 4 5      # lessons 4 and 5 only

Each part runs in a process of its own with a time limit, so code that raises,
hangs or crashes in one part never stops the others from being graded.
"""

import argparse
import contextlib
import io
import multiprocessing
import sys
from dataclasses import dataclass

from course.checks import LESSONS, PARTS, Mistake
from course.cli import ArgumentParser, positive_float, run_reporting_errors
from course.lbfgs import single_threaded_scipy_blas
from course.learner import (MARKER, describe_error, exercises_folder, import_lesson, lesson_path,
                            unstarted_functions)

ANSWERS = "course.answers"  # the textbook answers, graded by --reference


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


def check_part(part, impl):
    """Return (passed, feedback) of running one part's check in this process.

    impl: the lesson files, a folder's Path (the learner's exercises/) or a package name.
    A failing part whose needed part fails too says so first: the mistake is there.
    """
    passed, feedback = _check(part, impl)
    if passed:
        return True, feedback
    for number in part.needs:
        needed = next(other for other in PARTS if other.number == number)
        if not _check(needed, impl)[0]:
            return False, (f"{part.number} cannot pass until {needed.number} does ({part.name} "
                           f"uses your {needed.name}): fix {needed.number} first; "
                           f"{part.number} alone says: {feedback}")
    return False, feedback


def _check(part, impl):
    """Return (passed, feedback) of one part's own check."""
    try:
        namespace = import_lesson(impl, LESSONS[part.lesson])
        with single_threaded_scipy_blas():
            return True, part.check(namespace)
    except Mistake as mistake:
        return False, str(mistake)
    except Exception as error:  # the learner's code raised: show where, and why
        feedback = describe_error(error, lesson_path(impl, LESSONS[part.lesson]).parent)
        hint = "" if isinstance(error, SyntaxError) else part.hint(error)
        return False, f"{feedback} ({hint})" if hint else feedback


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


def run_part(part, impl, seconds=None, quiet=True):
    """Return the Outcome of one part, run in a child process stopped after its time limit.

    impl: the lesson files, a folder's Path (the learner's exercises/) or a
    package name ("course.answers").
    """
    path = lesson_path(impl, LESSONS[part.lesson])
    try:
        unstarted = unstarted_functions(path)
    except SyntaxError as error:
        return Outcome(part, False, describe_error(error, path.parent))
    waiting = [name for name in part.functions if name in unstarted]
    if waiting:
        return Outcome(part, False,
                       f"not started: write {', '.join(waiting)} in "
                       f"{path.parent.name}/{path.name}, below the {MARKER} line")
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


def grade(lessons, impl, seconds=None, quiet=True):
    """Return the Outcomes of every part of the given lessons (None: all) in impl's files."""
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


def run(args):
    """Grade the lessons the command line names; return 0 only when every graded part passes."""
    lessons = set(args.lessons) or None
    if args.reference:
        impl, what = ANSWERS, f"the textbook answers in {ANSWERS}"
    else:
        impl = exercises_folder()
        what = f"your code in {impl}"
    print(f"grading {what}, lesson{'s' if not lessons or len(lessons) > 1 else ''} "
          f"{', '.join(map(str, sorted(lessons or LESSONS)))}\n")
    outcomes = grade(lessons, impl, args.timeout)
    print_table(outcomes)
    return 0 if all(outcome.passed for outcome in outcomes) else 1


def main(argv=None):
    """Run course.grade; return 0 only when every graded part passes."""
    parser = ArgumentParser(
        prog="python -m course.grade",
        description="Check your answers in exercises/ (in the current folder) and say what "
                    "is wrong. Each part runs in a process of its own with a time limit; the "
                    "whole course takes a minute or two, one lesson seconds. Saves nothing.",
        epilog="example: python -m course.grade 4 5   # lessons 4 and 5 only")
    parser.add_argument("lessons", nargs="*", type=lesson_number, metavar="LESSON",
                        help=f"lessons to grade, 1 to {len(LESSONS)} (default: all)")
    parser.add_argument("--timeout", type=positive_float, default=None, metavar="SECONDS",
                        help="time limit of each part (default 60, 120 for training)")
    parser.add_argument("--reference", action="store_true",
                        help=f"grade the textbook answers in {ANSWERS} instead")
    return run_reporting_errors(run, parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
