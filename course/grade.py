"""Grade the exercises on this machine and say what is wrong.

    python -m course.grade          # every lesson
    python -m course.grade 4 5      # lessons 4 and 5 only

Each part runs in a process of its own with a time limit, so code that raises,
hangs or crashes in one part never stops the others from being graded. That
process leads a process group of its own: at the time limit, after the part,
and when the grade is interrupted (Ctrl-C, SIGTERM or SIGHUP, under pytest too;
a second one waits for the clean-up), the whole group is stopped, with every
process the learner's code started; on Linux, the grader also adopts what left
the group (a daemon of its own session) and stops it. What the part prints is kept, up to a few
KB of its start and of its end. This is a self-check, not an exam: nothing
stops the learner's code from doing what the learner could do anyway.
"""

import argparse
import ctypes
import io
import multiprocessing
import os
import signal
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

from course.checks import LESSONS, PARTS, Mistake
from course.cli import (STOPPING_SIGNALS, ArgumentParser, positive_float, run_reporting_errors,
                        shorten, size_in_words, stopping_signals_held, stopping_signals_raise)
from course.lbfgs import single_threaded_scipy_blas
from course.learner import (MARKER, describe_error, exercises_folder, forget_package,
                            import_lesson, lesson_path, unstarted_functions)

ANSWERS = "course.answers"  # the textbook answers, graded by --reference
OUTPUT_KEPT = 4096  # bytes kept of the start, and of the end, of what a part prints
LONGEST_WAIT = 1e6  # seconds: a longer --timeout waits this long (about 12 days)
PR_SET_CHILD_SUBREAPER = 36  # Linux prctl: orphans of this process's descendants become its own
SWEEPS = 10  # rounds of stopping adopted processes (one may start another as it is stopped)


@dataclass
class Outcome:
    """The result of one part: passed or not, and one line of feedback."""

    part: object
    passed: bool
    feedback: str
    output: str = ""  # what the part printed, its middle left out when long
    stopped: bool = False  # stopped at its time limit

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
            return False, (f"{part.number} cannot pass until {needed.number} does "
                           f"({why_needed(part, needed)}): fix {needed.number} first; "
                           f"{part.number} alone says: {feedback}")
    return False, feedback


def why_needed(part, needed):
    """Return why `part` cannot pass before `needed` does: it calls it, or checks the same code."""
    if part.functions == needed.functions:
        return f"both parts check your {', '.join(part.functions)}"
    return f"{part.name} uses your {needed.name}"


def _check(part, impl):
    """Return (passed, feedback) of one part's own check."""
    try:
        namespace = import_lesson(impl, LESSONS[part.lesson])
        missing = [name for name in part.functions if not callable(getattr(namespace, name, None))]
        if missing:
            return False, (f"{LESSONS[part.lesson]}.py has no function {', '.join(missing)}: "
                           "write it under the stub's name")
        with single_threaded_scipy_blas():
            return True, part.check(namespace)
    except Mistake as mistake:
        return False, str(mistake)
    except Exception as error:  # the learner's code raised: show where, and why
        feedback = describe_error(error, lesson_path(impl, LESSONS[part.lesson]).parent)
        hint = "" if isinstance(error, SyntaxError) else part.hint(error)
        return False, f"{feedback} ({hint})" if hint else feedback


def _run_in_child(number, impl, output, connection):
    """Child process: lead a new process group, print into `output`, send (passed, feedback).

    It is born with Ctrl-C, SIGTERM and SIGHUP held (run_part): in a group of its
    own, it takes them as any Python program does. A package of impl's name that
    the grader's caller imported is forgotten: impl's own files are graded.
    """
    os.setsid()  # its own session and group: the grader stops it and all it starts at once
    signal.signal(signal.SIGINT, signal.default_int_handler)
    for stopping in STOPPING_SIGNALS:
        signal.signal(stopping, signal.SIG_DFL)
    if isinstance(impl, Path):
        forget_package(impl.name)
    os.dup2(output, 1)
    os.dup2(output, 2)
    os.close(output)
    sys.stdout = sys.stderr = io.TextIOWrapper(open(1, "wb", closefd=False), line_buffering=True,
                                               errors="backslashreplace")
    part = next(part for part in PARTS if part.number == number)
    connection.send(check_part(part, impl))
    connection.close()
    sys.stdout.flush()


class CappedOutput:
    """What a part prints, read from a pipe by a thread: its first and last OUTPUT_KEPT bytes."""

    def __init__(self, fd):
        self.head, self.tail, self.total = b"", b"", 0
        self.thread = threading.Thread(target=self._read, args=(fd,), daemon=True)
        self.thread.start()

    def _read(self, fd):
        with open(fd, "rb", buffering=0) as pipe:
            while chunk := pipe.read(1 << 16):
                self.total += len(chunk)
                room = OUTPUT_KEPT - len(self.head)
                self.head += chunk[:room]
                self.tail = (self.tail + chunk[max(room, 0):])[-OUTPUT_KEPT:]

    def text(self, wait=2.0):
        """Return the output kept, saying how much was left out between its two ends.

        Waits up to `wait` seconds for the last writer to close the pipe.
        """
        self.thread.join(wait)
        head, tail, total = self.head, self.tail, self.total
        left_out = total - len(head) - len(tail)
        middle = f"\n[... {size_in_words(left_out)} of output left out ...]\n" if left_out else ""
        return (head.decode(errors="backslashreplace") + middle
                + tail.decode(errors="backslashreplace"))


def stop_group(process):
    """Kill the process group that `process` leads (it, and whatever it started, at once); reap it."""
    if process.pid is None:  # never started: the fork failed
        return
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):  # already gone, or not yet a group
        pass
    process.kill()
    process.join()


def adopt_orphans():
    """Make this process adopt its descendants' orphans (Linux), those of other sessions too."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    except (OSError, AttributeError):  # not Linux: the process group is stopped all the same
        pass


def children():
    """Return the ids of this process's living children, from /proc (an empty set without it)."""
    found = set()
    for listing in Path(f"/proc/{os.getpid()}/task").glob("*/children"):
        try:
            found |= {int(pid) for pid in listing.read_text().split()}
        except OSError:  # the thread ended meanwhile
            pass
    return found


def stop_adopted(before):
    """Kill and reap the children this process has now and did not have `before` (a set of ids)."""
    for _ in range(SWEEPS):
        adopted = children() - before
        if not adopted:
            return
        for pid in adopted:
            try:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
            except (ProcessLookupError, ChildProcessError):  # gone, or reaped by another
                pass


def run_part(part, impl, seconds=None, quiet=True):
    """Return the Outcome of one part, run in a child process stopped after its time limit.

    impl: the lesson files, a folder's Path (the learner's exercises/) or a
    package name ("course.answers"). quiet=False prints what the part printed.
    """
    path = lesson_path(impl, LESSONS[part.lesson])
    try:
        unstarted = unstarted_functions(path)
    except SyntaxError as error:
        return Outcome(part, False, describe_error(error, path.parent))
    except OSError as error:  # gone (deleted by the code of an earlier part?), or a folder
        return Outcome(part, False, f"{path.parent.name}/{path.name}: cannot be read "
                                    f"({error.strerror or error})")
    waiting = [name for name in part.functions if name in unstarted]
    if waiting:
        return Outcome(part, False,
                       f"not started: write {', '.join(waiting)} in "
                       f"{path.parent.name}/{path.name}, below the {MARKER} line")
    seconds = part.seconds if seconds is None else seconds
    adopt_orphans()
    before = children()
    context = multiprocessing.get_context("fork")  # the child inherits the output pipe
    receiver, sender = context.Pipe(duplex=False)
    reading, writing = os.pipe()
    sys.stdout.flush()  # so that the child does not print again what is still buffered
    process = context.Process(target=_run_in_child, args=(part.number, impl, writing, sender))
    with stopping_signals_raise():  # SIGTERM too stops the part, under pytest as well
        try:
            with stopping_signals_held():  # until the child has a group of its own
                try:
                    process.start()
                finally:
                    sender.close()
                    os.close(writing)
            output = CappedOutput(reading)
            outcome = wait_for_outcome(part, process, receiver, seconds)
        finally:
            with stopping_signals_held():  # a second Ctrl-C or SIGTERM waits for the clean-up
                stop_group(process)
                stop_adopted(before)
                receiver.close()
    outcome.output = output.text()
    last_line = (outcome.output.strip().splitlines() or [""])[-1]
    if outcome.feedback.startswith("your code ended the process") and last_line:
        outcome.feedback += f"; its last words: {shorten(last_line, 200)}"
    if not quiet and outcome.output:
        print(outcome.output, end="" if outcome.output.endswith("\n") else "\n")
    return outcome


def wait_for_outcome(part, process, receiver, seconds):
    """Return the Outcome that the part's process sends within `seconds`, or why it sent none."""
    try:
        if not receiver.poll(min(seconds, LONGEST_WAIT)):
            why = (f"--timeout is shorter than the {part.seconds:g} s this part usually gets"
                   if seconds < part.seconds else
                   "an endless loop, or far more iterations than asked?")
            return Outcome(part, False, f"stopped after {seconds:g} s without an answer: {why}",
                           stopped=True)
        return Outcome(part, *receiver.recv())
    except EOFError:
        process.join()
        return Outcome(part, False, f"your code ended the process (exit code "
                                    f"{process.exitcode}) before the check finished")


def grade(lessons, impl, seconds=None, quiet=True):
    """Return the Outcomes of every part of the given lessons (None: all) in impl's files.

    A part that needs a part stopped at its time limit is not run: it would wait as long.
    """
    outcomes = {}
    for part in PARTS:
        if lessons is not None and part.lesson not in lessons:
            continue
        stopped = [outcomes[number].part for number in part.needs
                   if number in outcomes and outcomes[number].stopped]
        outcomes[part.number] = (
            Outcome(part, False, f"not run: {stopped[0].number}, which it needs "
                                 f"({why_needed(part, stopped[0])}), was stopped at its time "
                                 f"limit: fix {stopped[0].number} first")
            if stopped else run_part(part, impl, seconds, quiet))
    return list(outcomes.values())


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
