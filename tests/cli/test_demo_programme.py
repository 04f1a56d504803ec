"""`infomanager demo` tells billing notifications, calls for tender and account security after the access steps."""

from __future__ import annotations

import re
from typing import Any

import pytest

from infomanager_core.adapters.price_list_toml import example_price_list
from infomanager_core.cli import main
from infomanager_core.cli.demo import STEPS
from infomanager_core.cli.demo_access import ACCESS_STEPS
from infomanager_core.cli.demo_programme import PROGRAMME_STEPS
from infomanager_core.formatting import format_money
from infomanager_core.money import Money
from infomanager_core.security import Account
from infomanager_core.tenders import Confirmation, TenderBoard


def _demo(capsys: pytest.CaptureFixture[str], *arguments: str) -> str:
    assert main(["demo", *arguments]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    return captured.out


def _words(text: str) -> str:
    """The text with its line wrapping undone, so a sentence is found whatever the width (no-break spaces stay)."""
    return re.sub(r" *\n[ \n]*", " ", text)


def _step(out: str, title_start: str) -> str:
    """The text of the step whose title starts with ``title_start`` (up to the next numbered title)."""
    [text] = re.findall(rf"^\d+\. {re.escape(title_start)}.*?(?=^\d+\. |\Z)", out, flags=re.MULTILINE | re.DOTALL)
    return text


def test_the_new_steps_come_after_the_access_steps_and_before_the_money_steps(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert STEPS[-len(PROGRAMME_STEPS) :] == PROGRAMME_STEPS
    assert STEPS[-len(PROGRAMME_STEPS) - len(ACCESS_STEPS) : -len(PROGRAMME_STEPS)] == ACCESS_STEPS
    out = _demo(capsys)
    titles = re.findall(r"^(\d+)\. (.*)$", out, flags=re.MULTILINE)
    assert [int(number) for number, _ in titles] == list(range(1, len(titles) + 1))
    names = [title for _, title in titles]
    tags = names.index("A partner's user tags the client's product; the tag belongs to the client")
    assert names[tags + 1].startswith("The bakery's renewal reminders")
    assert names[tags + len(PROGRAMME_STEPS)].startswith("A compromised account")
    assert names[tags + len(PROGRAMME_STEPS) + 1].startswith("Orders earn cashback")


def test_the_renewal_schedule_shows_two_months_before_30_april_as_the_last_day_of_february(
    capsys: pytest.CaptureFixture[str],
) -> None:
    step = _step(_demo(capsys), "The bakery's renewal reminders")
    assert "Sun 2027-02-28  renewal reminder, 2 months before the due date 2027-04-30" in step
    assert "Fri 2027-04-16  first debit attempt, 2 weeks before the due date 2027-04-30" in step
    assert "Fri 2027-04-23  renewal reminder, 1 week before the due date 2027-04-30" in step
    words = _words(step)
    assert "2 months before 2027-04-30 is 2027-02-28: 30 February does not exist" in words
    assert "the last day of February is taken (in the leap year 2028: 2028-02-29)" in words


def test_auto_renewal_within_14_days_of_the_due_date_is_refused_with_the_librarys_rule(
    capsys: pytest.CaptureFixture[str],
) -> None:
    words = _words(_step(_demo(capsys), "Auto-renewal cannot be switched on within 14 days"))
    assert (
        "refused (AutoRenewalTooLate): at 2027-04-20 09:00 Europe/Paris must be no later than "
        "2027-04-16 00:00:00+02:00 (Europe/Paris) to switch on the auto-renewal of 'web-1': not within 14 days of its "
        "due date 2027-04-30" in words
    )
    assert "auto-renewal of web-1 afterwards: off" in words
    assert "datetime.datetime(" not in words


@pytest.mark.parametrize("locale", ["fr_CH", "en_CH", "de_DE"])
def test_the_call_for_tender_hides_the_contact_in_the_excerpt_and_prices_the_proposal_for_the_locale(
    capsys: pytest.CaptureFixture[str], locale: str
) -> None:
    words = _words(_step(_demo(capsys, "--locale", locale), "The cafe calls for tender"))
    assert "contact details or client in the excerpt: none" in words
    assert "the agency opens call-1: Fred Weber, fred@cafe.example, +49 30 901820" in words
    assert f"it answers with proposal-1 at {format_money(Money('2400.00', 'EUR'), locale)}; cafe is told" in words
    assert "the cafe accepts proposal-1: proposal accepted, agency is told" in words


def test_the_token_cancels_the_call_which_leaves_the_excerpts(capsys: pytest.CaptureFixture[str]) -> None:
    words = _words(_step(_demo(capsys), "The confirmation's token cancels the call"))
    assert "excerpts the agency sees before: 1" in words
    assert "the cafe follows the link: call cancelled (call-1)" in words
    assert "excerpts the agency sees after: 0" in words
    assert "call: 'call-1' is no longer open to partners (expired or cancelled)" in words
    assert "the link followed again: 0 events, nothing changes" in words


def test_the_account_steps_say_the_cost_is_cheap_and_refuse_a_step_out_of_order(
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = _demo(capsys)
    token = _words(_step(out, "Carl's account: an API token shown once"))
    assert "cheap, so that the demo runs fast; production keeps the default cost (n=16384, r=8, p=1" in token
    assert "stored: scrypt$n=16,r=1,p=1$<16-byte salt>$<32-byte digest>" in token
    assert "the secret appears in what is stored: no; it verifies against it: yes" in token
    two_factor = _step(out, "Two-factor methods")
    assert (
        "he removes SMS, the last method (his password required): two-factor method removed, two-factor "
        "authentication off"
    ) in " ".join(two_factor.split())
    assert two_factor.rstrip().endswith("two-factor authentication: off")
    procedure = _words(_step(out, "A compromised account"))
    assert (
        "revoking first is refused: cannot revoke every application password and API token now: "
        "change the password comes next" in procedure
    )
    assert procedure.index("refused") < procedure.index("1. compromised-account procedure started")
    assert "2. app-password-1 revoked, api-token-2 revoked; procedure step done" in procedure
    assert "3. compromised-account procedure completed: 0 live credentials" in procedure


def test_no_secret_is_printed_only_the_length_of_the_shown_once_token(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []

    def recording(method: Any) -> Any:
        def record(*arguments: Any, **keywords: Any) -> Any:
            result = method(*arguments, **keywords)
            shown.append(result.token if isinstance(result, Confirmation) else result.secret)
            return result

        return record

    for owner, name in (
        (Account, "create_api_token"),
        (Account, "create_application_password"),
        (TenderBoard, "submit"),
    ):
        monkeypatch.setattr(owner, name, recording(getattr(owner, name)))
    out = _demo(capsys)
    assert len(shown) == 3 * 2 + 2  # an application password and a token per account step, one per tender step
    assert not [secret for secret in shown if secret in out or secret.split(".", 1)[1] in out]
    for password in ("correct horse battery staple", "purple monkey dishwasher"):
        assert password not in out
    api_token = next(secret for secret in shown if secret.startswith("api-token-"))
    assert f"its secret is shown once, to him: {len(api_token)} characters (not printed here)" in _words(out)


def test_each_new_step_runs_alone_the_same_every_time_in_short_lines() -> None:
    price_list = example_price_list()
    for step in PROGRAMME_STEPS:
        title, text = step(price_list, "fr_CH")
        assert step(price_list, "fr_CH") == (title, text)
        assert all(len(line) <= 100 for line in [title, *text.splitlines()])
        assert "datetime.datetime(" not in text
        assert not re.search(r"\w\(\w+=|<\w+\.\w+: ", text)  # no repr of an attrs value or an enum member
