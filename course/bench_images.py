"""Measure how well photos of digits are read, how fast, and in how much memory.

    python -m course.bench_images                    # a few minutes
    python -m course.bench_images --per-condition 30 # quicker, rougher

Prints a table: for held-out MNIST digits and for digits written in Debian's
handwriting fonts, the share read right from photos made under each condition
(course/photomaker.py), beside the same digits read directly. Then the time to
read a 12-megapixel photo (median of repeats) and the peak memory of a whole
`python -m course.predict --image` reading a 13000x13000 PNG. No test asserts a time.
"""

import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

from course import data
from course.bench import peak_memory_mb
from course.cli import ArgumentParser, add_seed_argument, positive_int, run_reporting_errors
from course.images import BlankImage, normalize_digit
from course.nn import predict
from course.photomaker import CONDITIONS, digit_inks, make_photo
from course.pictures import load_picture
from course.second_photos import SECOND_CONDITIONS, second_set, shoot

SOURCES = ("mnist", "fonts")


def read_digits(W1, W2, paths):
    """Return the labels the network reads in pictures of one digit each (-1 for blank)."""
    labels = []
    for path in paths:
        try:
            x = normalize_digit(load_picture(path))
        except BlankImage:
            labels.append(-1)
            continue
        labels.append(int(predict(W1, W2, x[np.newaxis, :])[0]))
    return np.array(labels)


def photo_table(W1, W2, per_condition, rng, folder, sources=SOURCES, conditions=CONDITIONS):
    """Return rows (source, condition, read from photos, read directly), accuracies in [0, 1].

    Each source's `per_condition` digits are photographed under every condition
    (course/photomaker.py) and saved in `folder` as PNG.
    """
    return [row for source in sources
            for row in accuracy_rows(W1, W2, source, digit_inks(source, per_condition, rng),
                                     conditions, make_photo, rng, folder)]


def second_table(W1, W2, per_condition, rng, folder):
    """Return the rows of photo_table for the second set of photos (course/second_photos.py)."""
    return accuracy_rows(W1, W2, "strokes", second_set(per_condition, rng), SECOND_CONDITIONS,
                         shoot, rng, folder)


def accuracy_rows(W1, W2, source, digits, conditions, photograph, rng, folder):
    """Return rows (source, condition, read from photos, read directly) for one set of digits.

    digits: (inks, labels, direct) as photomaker.digit_inks returns them;
    photograph(ink, condition, rng) returns a photo as an RGB array or as JPEG bytes.
    """
    inks, labels, direct = digits
    read_directly = float(np.mean(predict(W1, W2, direct) == labels))
    rows = []
    for condition in conditions:
        paths = []
        for k, ink in enumerate(inks):
            photo = photograph(ink, condition, rng)
            if isinstance(photo, bytes):
                path = Path(folder) / f"{source}_{condition}_{k}.jpg"
                path.write_bytes(photo)
            else:
                path = Path(folder) / f"{source}_{condition}_{k}.png"
                Image.fromarray(photo).save(path)
            paths.append(path)
        read = float(np.mean(read_digits(W1, W2, paths) == labels))
        rows.append((source, condition, read, read_directly))
    return rows


def markdown_table(rows):
    """Return the rows of photo_table as a Markdown table (percentages)."""
    lines = ["| digits | condition | read from photos | read directly |",
             "| --- | --- | --- | --- |"]
    lines += [f"| {source} | {condition} | {100 * photos:.1f}% | {100 * direct:.1f}% |"
              for source, condition, photos, direct in rows]
    return "\n".join(lines)


def big_photo(path, size, rng):
    """Save a photo of a digit at `size` (width, height) to `path` (JPEG, PNG, ...); return path.

    Drawn at the photo's own size with Pillow's lines, so no full-size float copy is made here.
    """
    width, height = size
    picture = Image.new("L", size, 225)
    pen = ImageDraw.Draw(picture)
    scale = min(size) / 4
    left, top = width / 2 - scale / 2, height / 2 - scale
    seven = [(left, top), (left + scale, top), (left + scale / 3, top + 2 * scale)]
    pen.line(seven, fill=40, width=max(1, int(scale / 10)), joint="curve")
    picture.save(path, compress_level=1)  # PNG: quick to write; JPEG ignores it
    return path


def seconds_to_read(path, repeats):
    """Return the median seconds of reading one picture: open it, find the writing, 20x20."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        normalize_digit(load_picture(path))
        times.append(time.perf_counter() - start)
    return float(np.median(times))


def peak_memory_of_reading_mb(path):
    """Return (peak resident MB or None, exit status, stdout) of `predict --image path --json`."""
    peak, finished = peak_memory_mb("course.predict", ["--image", str(path), "--json"])
    return peak, finished.returncode, finished.stdout


def run(args):
    """Print the accuracy table, the time of a 12-megapixel photo and the memory of a huge PNG."""
    W1, W2 = data.load_weights(data.BEST)
    rng = np.random.default_rng(args.seed)
    with tempfile.TemporaryDirectory() as folder:
        rows = photo_table(W1, W2, args.per_condition, rng, folder)
        print(f"photos read with {data.BEST}, {args.per_condition} digits per condition, "
              f"seed {args.seed}:")
        print(markdown_table(rows))
        if args.second:
            rows = second_table(W1, W2, args.per_condition, rng, folder)
            print("the second set of photos (course/second_photos.py), made another way:")
            print(markdown_table(rows))
        twelve = big_photo(Path(folder) / "twelve.jpg", (4000, 3000), rng)
        print(f"a 12-megapixel JPEG photo (4000x3000) read in "
              f"{seconds_to_read(twelve, args.repeats):.2f} s (median of {args.repeats})")
        twelve_png = big_photo(Path(folder) / "twelve.png", (4000, 3000), rng)
        print(f"the same as PNG read in {seconds_to_read(twelve_png, args.repeats):.2f} s")
        huge = big_photo(Path(folder) / "huge.png", (13000, 13000), rng)
        peak, status, _ = peak_memory_of_reading_mb(huge)
        print(f"python -m course.predict --image on a 13000x13000 gray PNG "
              f"({huge.stat().st_size // 1024} KB): peak memory {peak:.0f} MB, status {status}")


def main(argv=None):
    """Run course.bench_images; return its exit status."""
    parser = ArgumentParser(prog="python -m course.bench_images",
                            description="Measure how well photos of digits are read, how fast, "
                                        "and in how much memory.")
    parser.add_argument("--per-condition", type=positive_int, default=100, metavar="N",
                        help="digits per source and condition (default 100)")
    parser.add_argument("--repeats", type=positive_int, default=5, metavar="N",
                        help="timed reads of the 12-megapixel photo (default 5)")
    parser.add_argument("--second", action="store_true",
                        help="also read the second set of photos, made another way "
                             "(course/second_photos.py)")
    add_seed_argument(parser, "the digits picked and the photos made")
    return run_reporting_errors(run, parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
