"""Demo steps of billing notifications, calls for tender and account security, on the example programme.

:data:`PROGRAMME_STEPS` are added to the ``infomanager demo`` walk-through (:mod:`infomanager_core.cli.demo`), after
the access steps. They tell one small story on :func:`~infomanager_core.access.examples.example_programme`: the
bakery (in France) plans the renewal of its hosting ``web-1``; the cafe, which has no partner, calls for tender and
the agency answers; Carl, the bakery's legal representative, secures his account. Each step builds its part of the
story afresh, so every step can run alone and prints the same text every time: dates are fixed, and no secret is
printed (only the length of the one shown-once token).
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, timedelta
from typing import TypeVar
from zoneinfo import ZoneInfo

from ..access.examples import example_programme
from ..formatting import format_money
from ..money import Money
from ..notifications import (
    AutoRenewalTooLate,
    BillingNotifications,
    LeadTime,
    Notification,
    ReminderPreferences,
    auto_renewal_deadline,
)
from ..pricing import PriceList
from ..security import DEFAULT_COST, Account, NewSecret, Profile, SecurityEvent, StepOutOfOrder, verify_secret
from ..security.examples import EXAMPLE_COST
from ..tenders import CallNotOpen, Confirmation, Contact, InvalidCancellationToken, TenderBoard

__all__ = ["PROGRAMME_STEPS"]

#: The longest line a step prints (longer ones are wrapped).
_WIDTH = 100
_E = TypeVar("_E", bound=Exception)
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _day(day: date) -> str:
    """A day as ``Sun 2027-02-28``: the weekday helps read a schedule, ISO keeps it unambiguous."""
    return f"{_WEEKDAYS[day.weekday()]} {day.isoformat()}"


def _text(lines: list[str]) -> str:
    """The lines of a step, each longer than :data:`_WIDTH` wrapped under its own indent, two spaces further in."""
    wrapped = []
    for line in lines:
        indent = " " * (len(line) - len(line.lstrip()))
        wrapped += textwrap.wrap(
            line.lstrip(),
            _WIDTH,
            initial_indent=indent,
            subsequent_indent=indent + "  ",
            break_long_words=False,
            break_on_hyphens=False,
        ) or [""]
    return "\n".join(wrapped)


def _refused(error: type[_E], command: Callable[[], object]) -> _E:
    """The error ``command`` is refused with; the story only shows refusals, so say loudly if one is accepted."""
    try:
        command()
    except error as refused:
        return refused
    raise RuntimeError("the demo's story expected a refusal here; the rules it shows have changed")


def _moment(at: datetime) -> str:
    """A moment as ``2027-04-20 09:00 Europe/Paris`` (or ``UTC``), for a person rather than a log."""
    return f"{at:%Y-%m-%d %H:%M} {at.tzinfo}"


# -- billing notifications --------------------------------------------------------------------------------------------

_PARIS = ZoneInfo("Europe/Paris")
_DUE = date(2027, 4, 30)
_PLANNED = datetime(2027, 1, 11, 9, 0, tzinfo=_PARIS)


def _bakery_plans_web_1() -> BillingNotifications:
    """On 11 January 2027 carl asks for reminders two months and one week ahead and turns on web-1's auto-renewal."""
    registry = BillingNotifications()
    registry.add_organisation("bakery", zone=_PARIS, by="carl", at=_PLANNED)
    registry.add_product("web-1", organisation="bakery", due=_DUE, by="carl", at=_PLANNED)
    reminders = ReminderPreferences(lead_times=[LeadTime(months=2), LeadTime.weeks(1)])
    registry.set_reminders("bakery", reminders, by="carl", at=_PLANNED)
    registry.switch_auto_renewal("web-1", True, by="carl", at=_PLANNED)
    return registry


def _schedule_lines(schedule: tuple[Notification, ...]) -> list[str]:
    """One line per notification, its day then why; a long reason continues under the reason."""
    lines = []
    for notification in schedule:
        day = f"  {_day(notification.day)}  "
        lines += textwrap.wrap(
            notification.why, _WIDTH, initial_indent=day, subsequent_indent=" " * len(day), break_on_hyphens=False
        )
    return lines


def renewal_schedule(price_list: PriceList, locale: str) -> tuple[str, str]:
    registry = _bakery_plans_web_1()
    reminders = " and ".join(str(lead) for lead in registry.reminders("bakery").lead_times)
    two_months = LeadTime(months=2)
    lines = [
        f"  the bakery (Europe/Paris) holds web-1, due on {_day(_DUE)}",
        f"  on {_day(_PLANNED.date())} carl asks for reminders {reminders} before, and turns auto-renewal on",
        "",
        "  the schedule of web-1, each notification with its day and why:",
        *_schedule_lines(registry.schedule("web-1", at=_PLANNED)),
        "",
        f"  2 months before {_DUE.isoformat()} is {two_months.before(_DUE).isoformat()}: 30 February does not exist,",
        f"  so the last day of February is taken (in the leap year 2028: {two_months.before(date(2028, 4, 30))})",
    ]
    return "The bakery's renewal reminders and auto-renewal for web-1, due on 30 April 2027", _text(lines)


def auto_renewal_too_late(price_list: PriceList, locale: str) -> tuple[str, str]:
    registry = _bakery_plans_web_1()
    days = registry.rules.auto_renewal_days
    off_at = datetime(2027, 4, 1, 9, 0, tzinfo=_PARIS)
    registry.switch_auto_renewal("web-1", False, by="carl", at=off_at)
    again = datetime(2027, 4, 20, 9, 0, tzinfo=_PARIS)
    refused = _refused(AutoRenewalTooLate, lambda: registry.switch_auto_renewal("web-1", True, by="carl", at=again))
    lines = [
        f"  the first debit attempt is {days} days before the due date, on {_day(_DUE - timedelta(days=days))}:",
        f"  auto-renewal can be switched on until {_moment(auto_renewal_deadline(_DUE, zone=_PARIS))}",
        f"  {_moment(off_at)}: carl switches web-1's auto-renewal off (always allowed)",
        f"  {_moment(again)}: he switches it on again, {(_DUE - again.date()).days} days before the due date",
        f"  refused ({type(refused).__name__}): {refused.field} {_moment(refused.value)} {refused.rule}",
        f"  auto-renewal of web-1 afterwards: {'on' if registry.preferences('web-1').auto_renewal else 'off'}",
        "  what is left of the schedule:",
        *_schedule_lines(registry.schedule("web-1", at=again)),
    ]
    return f"Auto-renewal cannot be switched on within {days} days of the due date", _text(lines)


# -- calls for tender ------------------------------------------------------------------------------------------------

_SUBMITTED = datetime(2026, 2, 2, 9, 0, tzinfo=UTC)
_PRICE = Money("2400.00", "EUR")


def _cafe_calls_for_tender() -> tuple[TenderBoard, Confirmation]:
    """The agency receives calls; the cafe, which has no partner, asks for a new website on 2 February 2026."""
    board = TenderBoard(example_programme())
    board.opt_in("agency", at=_SUBMITTED)
    confirmation = board.submit(
        "cafe",
        title="A website for our cafe",
        description="We run a cafe in Berlin.\nWe would like a menu online and table bookings.",
        contact=Contact(name="Fred Weber", email="fred@cafe.example", phone="+49 30 901820"),
        at=_SUBMITTED,
    )
    return board, confirmation


def call_for_tender(price_list: PriceList, locale: str) -> tuple[str, str]:
    board, confirmation = _cafe_calls_for_tender()
    call = confirmation.call.id
    [excerpt] = board.excerpts_for("agency", at=_SUBMITTED)
    contact_shown = any(hasattr(excerpt, field) for field in ("contact", "client"))
    opened = board.open(call, partner="agency", at=_SUBMITTED + timedelta(hours=2)).call.contact
    [answered] = board.answer(
        call,
        partner="agency",
        text="A menu page and bookings, online in two weeks.",
        price=_PRICE,
        at=_SUBMITTED + timedelta(hours=3),
    )
    [proposal] = board.proposals_of(call, client="cafe")
    [accepted] = board.accept(proposal.id, client="cafe", at=_SUBMITTED + timedelta(days=1))
    price = format_money(proposal.price, locale) if proposal.price is not None else "no price"
    lines = [
        f"  the cafe submits {call}, valid until {_moment(confirmation.call.valid_until)}",
        f"  the agency (opted in) is sent the excerpt: {excerpt.title!r}",
        f"    {excerpt.summary}",
        f"    contact details or client in the excerpt: {'yes' if contact_shown else 'none'}",
        f"  the agency opens {call}: {opened.name}, {opened.email}, {opened.phone} (the opening is recorded)",
        f"  it answers with {proposal.id} at {price}; {answered.recipient} is told",
        f"  the cafe accepts {proposal.id}: {accepted.what.value}, {accepted.recipient} is told",
    ]
    return "The cafe calls for tender; the agency sees an excerpt, opens the call and is chosen", _text(lines)


def cancel_with_token(price_list: PriceList, locale: str) -> tuple[str, str]:
    board, confirmation = _cafe_calls_for_tender()
    call = confirmation.call.id
    later = _SUBMITTED + timedelta(days=1)
    before = len(board.excerpts_for("agency", at=later))
    [cancelled] = board.cancel(confirmation.token, at=later)
    lines = [
        f"  the cafe's confirmation carries a {len(confirmation.token)}-character token, shown once;",
        "  the board keeps only its SHA-256 digest",
        f"  excerpts the agency sees before: {before}",
        f"  the cafe follows the link: {cancelled.what.value} ({cancelled.call})",
        f"  excerpts the agency sees after: {len(board.excerpts_for('agency', at=later))}",
    ]
    not_open = _refused(CallNotOpen, lambda: board.open(call, partner="agency", at=later))
    lines.append(f"  the agency opens {call}: {not_open}")
    again = board.cancel(confirmation.token, at=later)
    lines.append(f"  the link followed again: {len(again)} events, nothing changes")
    guessed = _refused(InvalidCancellationToken, lambda: board.cancel(f"{call}.a-guessed-token", at=later))
    lines.append(f"  a guessed token: {guessed}")
    return "The confirmation's token cancels the call at once", _text(lines)


# -- account security ------------------------------------------------------------------------------------------------

_OPENED = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
_PASSWORD = "correct horse battery staple"
_PROFILE = Profile(first_name="Carl", last_name="Martin", email="carl@bakery.example", phones=["+33 6 12 34 56 78"])


def _carls_account() -> tuple[Account, NewSecret]:
    """Carl's account, opened with the demo's cheap scrypt cost, with an application password and an API token."""
    account = Account.open("carl", password=_PASSWORD, profile=_PROFILE, at=_OPENED, cost=EXAMPLE_COST).account
    account.create_application_password("Thunderbird (laptop)", at=_OPENED)
    token = account.create_api_token("Backups", scopes=["drive:read"], at=_OPENED)
    return account, token


def _cost(account: Account) -> str:
    return f"n={account.cost.n}, r={account.cost.r}, p={account.cost.p}"


def account_and_token(price_list: PriceList, locale: str) -> tuple[str, str]:
    account, token = _carls_account()
    used = _OPENED + timedelta(hours=1)
    verified = account.verify_api_token(token.secret, scope="drive:read", at=used)
    stored = account.api_token(token.id).hash
    form = "$".join(str(stored).split("$")[:2])
    default = f"n={DEFAULT_COST.n}, r={DEFAULT_COST.r}, p={DEFAULT_COST.p}"
    lines = [
        f"  carl opens his account with scrypt cost {_cost(account)}: cheap, so that the demo runs fast;",
        f"  production keeps the default cost ({default}, {DEFAULT_COST.memory // 2**20} MiB per hash)",
        f"  he creates the API token {token.id} ({verified.name}, scope drive:read)",
        f"  its secret is shown once, to him: {len(token.secret)} characters (not printed here)",
        f"  his backup program presents it at {_moment(used)}: verified as {verified.id}, use recorded",
        f"  stored: {form}$<{len(stored.salt)}-byte salt>$<{len(stored.digest)}-byte digest>",
        f"  the secret appears in what is stored: {'yes' if token.secret in str(stored) else 'no'}; "
        f"it verifies against it: {'yes' if verify_secret(token.secret, stored) else 'no'}",
        f"  his password is kept the same way: {'$'.join(str(account.password_hash).split('$')[:2])}$…",
    ]
    return "Carl's account: an API token shown once, verified, and stored as a hash", _text(lines)


def two_factor_on_and_off(price_list: PriceList, locale: str) -> tuple[str, str]:
    account, _ = _carls_account()
    at = _OPENED + timedelta(days=1)
    kauth_added = account.add_kauth("iphone-carl", at=at)
    sms_added = account.add_sms("+33 6 12 34 56 78", at=at)
    kauth, sms = account.two_factor_methods
    lines = [
        f"  carl adds the kAuth app on his phone: {_events(kauth_added)}",
        f"  and SMS codes to his number in {sms.country}: {_events(sms_added)}",
        f"  two-factor authentication: {'on' if account.two_factor_enabled else 'off'}",
    ]
    removed = account.remove_two_factor_method(kauth.id, password=_PASSWORD, at=at)
    lines.append(f"  he removes the kAuth app (his password required): {_events(removed)}")
    removed = account.remove_two_factor_method(sms.id, password=_PASSWORD, at=at)
    lines.append(f"  he removes SMS, the last method (his password required): {_events(removed)}")
    lines.append(f"  two-factor authentication: {'on' if account.two_factor_enabled else 'off'}")
    return "Two-factor methods: on with the first one, off when the last one goes", _text(lines)


def compromised_account(price_list: PriceList, locale: str) -> tuple[str, str]:
    account, _ = _carls_account()
    at = _OPENED + timedelta(days=2)
    lines = [f"  carl fears his account is compromised; next step: {account.next_compromise_step.value}"]
    out_of_order = _refused(StepOutOfOrder, lambda: account.compromise_revoke_credentials(at=at))
    lines.append(f"  revoking first is refused: {out_of_order}")
    new = "purple monkey dishwasher"
    changed = account.compromise_change_password(_PASSWORD, new, new, at=at)
    lines.append(f"  1. {_events(changed)}")
    revoked = account.compromise_revoke_credentials(at=at)
    lines.append(f"  2. {', '.join(f'{event.subject} revoked' for event in revoked[:-1])}; procedure step done")
    *_, completed = account.compromise_review_settings(at=at)
    review = account.security_review(at)
    lines += [
        f"  3. {completed.what.value}: {len(review.live_credentials)} live credentials, "
        f"password changed at {_moment(review.password_changed_at or at)}",
        f"  next step now: {account.next_compromise_step.value} (a new run, if ever needed)",
    ]
    return "A compromised account: change the password, revoke every credential, review", _text(lines)


def _events(events: Iterable[SecurityEvent]) -> str:
    """The kinds of security events, in order, as a person reads them."""
    return ", ".join(event.what.value for event in events)


PROGRAMME_STEPS = (
    renewal_schedule,
    auto_renewal_too_late,
    call_for_tender,
    cancel_with_token,
    account_and_token,
    two_factor_on_and_off,
    compromised_account,
)
