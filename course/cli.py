"""What every program of the package shares: argument types and one way to report errors.

This module imports nothing else of the package but its error class, so that
any module may use it.
"""

import argparse
import contextlib
import math
import os
import signal
import sys
import threading

from course import CourseError


class ArgumentParser(argparse.ArgumentParser):
    """argparse's parser, whose errors are one line: what is wrong, and where to look.

    Its usage names the program as it was invoked: `python -m course.grade`,
    or `course-grade` when run by its console script.
    """

    def __init__(self, prog=None, **kwargs):
        super().__init__(prog=invoked_name(prog, sys.argv[0]), **kwargs)

    def error(self, message):
        """Print one line naming the problem (cut if very long) and exit with status 2."""
        self.exit(2, f"{self.prog}: error: {shorten(printable(message))} (see --help)\n")


LONGEST = 300  # characters of a message shown whole; a longer one keeps its two ends


def shorten(text, longest=LONGEST):
    """Return text, or its start and end around the count of characters left out if too long."""
    if len(text) <= longest:
        return text
    keep = (longest - 30) // 2
    return f"{text[:keep]}...({len(text) - 2 * keep} characters left out)...{text[-keep:]}"


def printable(path):
    """Return a path (or any text) as a one-line string that can be printed and drawn.

    Bytes of a file name that are not UTF-8 come from os.fsdecode as lone
    surrogates, which no terminal or font can show: they are written as \\udcXX;
    control characters (a newline in a file name) as \\n, \\x1b, ...
    """
    text = os.fsdecode(path) if isinstance(path, (bytes, os.PathLike)) else str(path)
    text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return "".join(character if character.isprintable() else repr(character)[1:-1]
                   for character in text)


def size_in_words(n_bytes):
    """Return a number of bytes as a short text: "30 GB", "1.6 TB", "512 MB"."""
    for unit, size in (("TB", 1e12), ("GB", 1e9), ("MB", 1e6)):
        if n_bytes >= size:
            return f"{n_bytes / size:.2g} {unit}".replace("e+", "e")
    return f"{n_bytes:.0f} bytes"


class NotEnoughMemory(MemoryError):
    """A lack of memory for a size the program knows: its message says for what ("for a ...")."""


def check_memory(what, n_bytes):
    """Raise NotEnoughMemory for `what` if n_bytes is more than this machine's whole memory."""
    total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    if n_bytes > total:
        raise NotEnoughMemory(f"for {what} (about {size_in_words(n_bytes)}; this machine has "
                              f"{size_in_words(total)})")


class Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP, turned into an exception like Ctrl-C's so that the same clean-up runs."""


def _raise_terminated(signum, frame):
    """Raise Terminated: the signal handler of SIGTERM and SIGHUP while a program runs."""
    raise Terminated


STOPPING_SIGNALS = (signal.SIGTERM, signal.SIGHUP)  # kill, a closed terminal: handled like Ctrl-C


@contextlib.contextmanager
def _handled_by(numbers, handler):
    """Within it, the signals `numbers` go to `handler`; then to their handlers before.

    Only the main thread may handle signals: elsewhere nothing changes.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = [signal.signal(number, handler) for number in numbers]
    try:
        yield
    finally:
        for number, before in zip(numbers, previous):
            signal.signal(number, before)


def stopping_signals_raise():
    """Return a context within which SIGTERM and SIGHUP raise Terminated, as Ctrl-C raises
    KeyboardInterrupt."""
    return _handled_by(STOPPING_SIGNALS, _raise_terminated)


@contextlib.contextmanager
def stopping_signals_held():
    """Within it, Ctrl-C, SIGTERM and SIGHUP wait, and come as it ends: a clean-up runs whole.

    The first one that came is raised again, to the handler it would have met.
    """
    came = []
    try:
        with _handled_by((signal.SIGINT, *STOPPING_SIGNALS),
                         lambda signum, frame: came.append(signum)):
            yield
    finally:
        if came:
            signal.raise_signal(came[0])


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
    Ctrl-C prints `interrupted` (or what the function `interrupted()` returns,
    asked at that moment), and so does SIGTERM, with status 143. When the reader
    of the output goes away (`| head`), the program stops with status 141 and
    says nothing; a stdout that is full or closed is named in the error's line
    (NamedOutput wraps it meanwhile). Any other exception is a bug of the package and shows its
    traceback. Text that cannot be encoded (a file name that is not UTF-8) is
    printed with backslash escapes.
    """
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    stdout = sys.stdout  # None when the program was started with stdout closed (>&-)
    if stdout is not None:
        sys.stdout = NamedOutput(stdout, "stdout")
    try:
        with stopping_signals_raise():
            status = work(*args)
        if stdout is None:
            raise OSError("stdout: cannot be written (it is closed: what the program printed "
                          "was lost)")
        sys.stdout.flush()  # a full disk or a closed pipe is seen here, not at exit
    except KeyboardInterrupt as stop:
        message = interrupted() if callable(interrupted) else interrupted
        _say(f"\n{message}")
        return 143 if isinstance(stop, Terminated) else 130
    except BrokenPipeError:  # the reader went away (`| head`): nothing more to say to it
        _drop_output()
        return 141  # as a shell reports a program ended by SIGPIPE
    except (CourseError, OSError) as error:
        _flush_or_drop_output()  # the error may be stdout's own (a full disk)
        _say(f"error: {printable(error)}")
        return 1
    except NotEnoughMemory as error:
        _say(f"error: not enough memory {error}")
        return 1
    except MemoryError as error:
        _say(f"error: not enough memory{f' ({error})' if str(error) else ''}")
        return 1
    finally:
        if isinstance(sys.stdout, NamedOutput) and sys.stdout.stream is stdout:
            sys.stdout = stdout
    return 0 if status is None else status


class NamedOutput:
    """A text stream whose failing writes (a full disk, a closed file) raise an OSError naming it.

    A closed pipe (BrokenPipeError: the reader went away) passes as it is; the
    rest is the stream's own.
    """

    def __init__(self, stream, name):
        self.stream, self.name = stream, name

    def write(self, text):
        """Write text to the stream; return what its write returns."""
        return self._named(self.stream.write, text)

    def flush(self):
        """Flush the stream."""
        return self._named(self.stream.flush)

    def _named(self, method, *args):
        """Return method(*args), an OSError of the system raised again as one naming the stream."""
        try:
            return method(*args)
        except BrokenPipeError:
            raise
        except OSError as error:
            if error.errno is None:  # already a message of ours
                raise
            raise OSError(f"{self.name}: cannot be written ({error.strerror})") from None

    def __getattr__(self, attribute):
        """Return the stream's own attribute (its encoding, fileno, ...)."""
        return getattr(self.stream, attribute)


def _flush_or_drop_output():
    """Flush stdout; if that fails too, drop what it holds, so that exit does not complain."""
    try:
        sys.stdout.flush()
    except (OSError, ValueError, AttributeError):
        _drop_output()


def _drop_output():
    """Point stdout at /dev/null, so that what it still holds is dropped quietly at exit."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # no real stdout (None, or a test's capture)
        pass


def _say(line):
    """Print one line on stderr, quietly giving up if stderr is gone too."""
    try:
        print(line, file=sys.stderr, flush=True)
    except OSError:
        pass
