"""Every user error on the command line is one line on stderr and exit status 2, never a
traceback or a silently wrong run (issue 8, item 4)."""

import pytest

from glassderive.cli import MONTECARLO_MIN_SAMPLES, _progress_mode, build_parser, main

CASES = {
    "montecarlo -n -5": "at least 20000",
    "montecarlo -n 0": "at least 20000",          # used to run the default silently
    "montecarlo -n 10": "at least 20000",         # used to end in a fit traceback
    "montecarlo sea-gull -n 100": "at least 20000",   # used to print p = nan, exit 1
    "montecarlo --jobs 0": "--jobs must be >= 1",
    "specific-heat --grid 0 0": "--grid needs at least",   # used to print NaN, exit 0
    "specific-heat --tmin 2 --tmax 1": "--tmax must be above --tmin",
    "specific-heat --tmin -1": "--tmin must be a finite temperature > 0",
    "specific-heat --tmax inf": "--tmax must be a finite temperature > 0",
    "specific-heat --points 1": "--points must be at least 2",
    "latex wkb-tunneling -o /nonexistent-dir/x.tex": "cannot write /nonexistent-dir/x.tex",
    "latex nope": "unknown derivation 'nope'",
    "verify nope": "unknown derivation 'nope'",
    "verify /nonexistent-dir/mine.py": "no such file",
    "verify --jobs 0": "--jobs must be >= 1",
    "mutate nope": "unknown derivation 'nope'",
    "mutate wkb-tunneling --limit 0": "--limit must be >= 1",
    "new 'bad name'": "not a derivation name",
}


@pytest.mark.parametrize("argv", list(CASES))
def test_user_error_is_one_line_exit_2(argv, capsys, tmp_path, monkeypatch):
    import shlex
    monkeypatch.chdir(tmp_path)
    assert main(shlex.split(argv)) == 2
    err = capsys.readouterr().err.strip()
    assert "Traceback" not in err
    assert len(err.splitlines()) == 1, err
    assert CASES[argv] in err, err


def test_minimum_samples_are_stated():
    assert MONTECARLO_MIN_SAMPLES == {"quartics": 20_000, "sea-gull": 20_000}


def test_progress_is_never_silent_when_not_a_terminal(monkeypatch):
    import io
    import sys
    monkeypatch.setattr(sys, "stderr", io.StringIO())  # not a tty, as in a CI log
    p = build_parser()
    assert _progress_mode(p.parse_args(["verify"])) == "log"
    assert _progress_mode(p.parse_args(["verify", "--progress"])) is True
    assert _progress_mode(p.parse_args(["verify", "--no-progress"])) is None
    assert _progress_mode(p.parse_args(["montecarlo"])) == "log"
    assert _progress_mode(p.parse_args(["specific-heat", "--progress"])) is True
    from glassderive.numeric.progress import LOG_INTERVAL_S, progress_bar
    bar = progress_bar(10, "x", "log")
    assert bar.mininterval == LOG_INTERVAL_S
    bar.close()
