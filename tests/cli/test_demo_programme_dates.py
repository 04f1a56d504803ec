"""``infomanager demo``'s programme steps (billing notifications, calls for tender, account security) date what they
tell: every day shown names its right weekday, the call is open for the board's validity from its submission, and
the security review dates the password change on the day of the procedure.
"""

from __future__ import annotations

import calendar
import re
from datetime import UTC, date, datetime

import pytest

from infomanager_core.cli import main
from infomanager_core.tenders import DEFAULT_VALIDITY


def _demo(capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["demo"]) == 0
    return capsys.readouterr().out


def test_every_day_shown_with_its_weekday_names_the_right_one(capsys: pytest.CaptureFixture[str]) -> None:
    days = re.findall(r"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (\d{4})-(\d\d)-(\d\d)\b", _demo(capsys))
    shown = {(weekday, date(int(year), int(month), int(day))) for weekday, year, month, day in days}
    assert len(shown) >= 4  # the due date, the day it was planned and the schedule's days
    for weekday, day in shown:
        assert weekday == calendar.day_abbr[day.weekday()], day


def _words(text: str) -> str:
    """The text with its line wrapping undone, so a sentence is found whatever the width."""
    return re.sub(r" *\n[ \n]*", " ", text)


def test_the_call_is_open_for_the_boards_validity_from_its_submission_on_2_february_2026(
    capsys: pytest.CaptureFixture[str],
) -> None:
    [shown] = re.findall(r"the cafe submits call-1, valid until (\S+ \S+) UTC", _words(_demo(capsys)))
    valid_until = datetime.strptime(shown, "%Y-%m-%d %H:%M").replace(tzinfo=UTC)
    assert valid_until == datetime(2026, 2, 2, 9, 0, tzinfo=UTC) + DEFAULT_VALIDITY


def test_the_security_review_dates_the_password_change_on_the_day_of_the_procedure(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Carl's account is opened on 5 January 2026 at 09:00; he runs the procedure two days later."""
    words = _words(_demo(capsys))
    assert "0 live credentials, password changed at 2026-01-07 09:00 UTC" in words
