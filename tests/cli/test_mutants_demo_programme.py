"""``infomanager demo``: what mutation testing of cli/demo_programme.py found unpinned in the programme steps
(billing notifications, calls for tender, account security)."""

from __future__ import annotations

import calendar
import re
from datetime import date

import pytest

from infomanager_core.cli import main


def _demo(capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["demo"]) == 0
    return capsys.readouterr().out


def test_every_day_shown_with_its_weekday_names_the_right_one(capsys: pytest.CaptureFixture[str]) -> None:
    days = re.findall(r"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (\d{4})-(\d\d)-(\d\d)\b", _demo(capsys))
    shown = {(weekday, date(int(year), int(month), int(day))) for weekday, year, month, day in days}
    assert {weekday for weekday, _ in shown} >= {"Mon", "Fri", "Sun"}  # the schedule and the day it was planned
    for weekday, day in shown:
        assert weekday == calendar.day_abbr[day.weekday()], day
