"""The account's clock reads instants: where clocks go back or jump forward, ten minutes, 72 hours and "not earlier
than the latest command" are measured in time, not on a wall clock (Europe/Zurich turns 03:00 back to 02:00 on
25 October 2026 and 02:00 on to 03:00 on 29 March 2026)."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from infomanager_core.access import BackdatedCommand
from infomanager_core.errors import InvalidInput
from infomanager_core.security import (
    Account,
    Avatar,
    KAuthCodeExpired,
    SecurityEventKind,
    VerificationExpired,
    deletion_due,
)

from .support import MONDAY, PASSWORD, new_account, state_of

ZURICH = ZoneInfo("Europe/Zurich")
FIRST_PASS = datetime(2026, 10, 25, 2, 45, tzinfo=ZURICH)  # 00:45 UTC
SECOND_PASS = datetime(2026, 10, 25, 2, 15, fold=1, tzinfo=ZURICH)  # 01:15 UTC, half an hour later


def test_a_command_half_an_hour_later_on_the_second_pass_of_the_hour_is_in_order() -> None:
    account = new_account(FIRST_PASS - timedelta(days=1))
    account.create_application_password("Laptop", at=FIRST_PASS)
    account.create_application_password("Phone", at=SECOND_PASS)
    assert account.latest == SECOND_PASS


def test_a_command_half_an_hour_earlier_on_the_first_pass_of_the_hour_is_backdated() -> None:
    account = new_account(FIRST_PASS - timedelta(days=1))
    account.create_application_password("Laptop", at=SECOND_PASS)
    before = state_of(account)
    with pytest.raises(BackdatedCommand):
        account.create_application_password("Phone", at=FIRST_PASS)
    assert state_of(account) == before


def test_a_kauth_code_issued_before_the_clocks_go_back_lasts_ten_minutes_not_seventy() -> None:
    issued = datetime(2026, 10, 25, 2, 55, tzinfo=ZURICH)
    account = new_account(issued - timedelta(days=1))
    account.add_kauth("iphone-carl", at=issued)
    code = account.issue_kauth_code(at=issued).secret
    forty_minutes_later = issued.astimezone(UTC) + timedelta(minutes=40)
    before = state_of(account)
    with pytest.raises(KAuthCodeExpired):
        account.recover_with_kauth_code(code, at=forty_minutes_later)
    assert state_of(account) == before


@pytest.mark.parametrize(
    "submitted",
    [datetime(2026, 10, 23, 12, tzinfo=ZURICH), datetime(2026, 3, 27, 12, tzinfo=ZURICH)],
    ids=["clocks go back", "clocks go forward"],
)
def test_unprocessed_verification_data_is_deleted_72_hours_of_time_after_submission(submitted: datetime) -> None:
    account = new_account(submitted)
    account.submit_identity_verification(documents=["doc-1"], selfie="img-1", at=submitted)
    due = submitted.astimezone(UTC) + timedelta(hours=72)
    just_before = (due - timedelta(seconds=1)).astimezone(ZURICH)
    assert account.purge_verification_data(at=just_before) == ()
    assert account.approve_identity_verification("verification-1", by="support-ana", at=just_before)
    again = new_account(submitted)
    again.submit_identity_verification(documents=["doc-1"], selfie="img-1", at=submitted)
    with pytest.raises(VerificationExpired):
        again.approve_identity_verification("verification-1", by="support-ana", at=due.astimezone(ZURICH))
    [deleted] = again.purge_verification_data(at=due.astimezone(ZURICH))
    assert deleted.what is SecurityEventKind.VERIFICATION_DATA_DELETED


END = datetime.max.replace(tzinfo=UTC)


def test_a_kauth_code_that_would_outlive_the_calendar_is_refused_by_its_moment() -> None:
    account = new_account()
    account.add_kauth("iphone-carl", at=END - timedelta(minutes=5))
    before = state_of(account)
    with pytest.raises(InvalidInput) as refused:
        account.issue_kauth_code(at=END - timedelta(minutes=5))
    assert refused.value.field == "at"
    assert state_of(account) == before


def test_a_verification_whose_72_hours_outlive_the_calendar_is_refused_by_its_moment() -> None:
    account = new_account()
    with pytest.raises(InvalidInput) as refused:
        account.submit_identity_verification(documents=["doc-1"], selfie="img-1", at=END - timedelta(hours=1))
    assert refused.value.field == "at"
    assert account.purge_verification_data(at=END) == ()


def test_no_deletion_date_is_given_for_a_submission_whose_72_hours_outlive_the_calendar() -> None:
    with pytest.raises(InvalidInput) as refused:
        deletion_due(END - timedelta(hours=1))
    assert refused.value.field == "submitted_at"
    assert deletion_due(END - timedelta(hours=72)) == END


def test_a_token_used_in_the_calendar_s_last_year_stays_usable_to_its_last_day() -> None:
    account = new_account()
    late = END - timedelta(days=100)
    new = account.create_api_token("CI", scopes=["mail"], at=late)
    last_day = END - timedelta(days=1)
    assert [credential.id for credential in account.live_credentials(last_day)] == [new.id]
    assert account.verify_api_token(new.secret, at=last_day).last_used_at == last_day
    assert account.security_review(last_day).live_credentials


LATER = datetime(2026, 1, 9, 9, 0, tzinfo=UTC)


def _with_kauth_and_otp(account: Account) -> Account:
    account.add_kauth("iphone-carl", at=MONDAY)
    account.add_otp_app("Authenticator", at=MONDAY)
    return account


def _with_lapsed_verification(account: Account) -> Account:
    account.submit_identity_verification(documents=["doc-1"], selfie="img-1", at=MONDAY)
    return account


def _with_credentials(account: Account) -> Account:
    account.create_application_password("Laptop", at=MONDAY)
    account.create_api_token("CI", scopes=["mail"], at=MONDAY)
    return account


@pytest.mark.parametrize(
    ("prepare", "command"),
    [
        (_with_kauth_and_otp, lambda a: a.remove_two_factor_method("method-2", at=LATER)),
        (_with_kauth_and_otp, lambda a: a.remove_two_factor_method("method-1", password=PASSWORD, at=LATER)),
        (_with_kauth_and_otp, lambda a: a.turn_two_factor_off(password=PASSWORD, at=LATER)),
        (_with_lapsed_verification, lambda a: a.purge_verification_data(at=LATER)),
        (_with_credentials, lambda a: a.revoke_all_application_passwords(at=LATER)),
        (_with_credentials, lambda a: a.revoke_all_api_tokens(at=LATER)),
        (_with_credentials, lambda a: a.revoke_application_password("app-password-1", at=LATER)),
        (_with_credentials, lambda a: a.revoke_api_token("api-token-2", at=LATER)),
    ],
    ids=[
        "remove a method",
        "remove the kAuth app",
        "turn two-factor off",
        "purge lapsed verification data",
        "revoke all application passwords",
        "revoke all API tokens",
        "revoke an application password",
        "revoke an API token",
    ],
)
def test_a_command_that_changes_the_account_moves_its_clock_so_nothing_is_later_dated_before_it(
    prepare, command
) -> None:  # type: ignore[no-untyped-def]
    account = prepare(new_account(MONDAY))
    before = state_of(account)
    assert command(account)
    assert state_of(account) != before
    assert_clock_at_later(account)


def assert_clock_at_later(account: Account) -> None:
    """The account's clock is at ``LATER``: a command a second before it is refused and changes nothing."""
    assert account.latest == LATER
    changed = state_of(account)
    with pytest.raises(BackdatedCommand):
        account.create_application_password("Phone", at=LATER - timedelta(seconds=1))
    assert state_of(account) == changed


def _with_every_secret(account: Account) -> dict[str, str]:
    account.add_kauth("iphone-carl", at=MONDAY)
    return {
        "kauth": account.issue_kauth_code(at=MONDAY).secret,
        "backup": account.generate_backup_codes(at=MONDAY).codes[0],
        "app": account.create_application_password("Laptop", at=MONDAY).secret,
        "token": account.create_api_token("CI", scopes=["mail"], at=MONDAY).secret,
    }


BEFORE = MONDAY - timedelta(seconds=1)


@pytest.mark.parametrize(
    "check",
    [
        lambda a, s: a.verify_password(PASSWORD, at=BEFORE),
        lambda a, s: a.verify_application_password(s["app"], at=BEFORE),
        lambda a, s: a.verify_api_token(s["token"], at=BEFORE),
        lambda a, s: a.verify_api_token(s["token"], scope="mail", at=BEFORE),
        lambda a, s: a.use_backup_code(s["backup"], at=BEFORE),
        lambda a, s: a.recover_with_backup_code(s["backup"], at=BEFORE),
        lambda a, s: a.recover_with_kauth_code(s["kauth"], at=BEFORE),
    ],
    ids=[
        "password",
        "application password",
        "API token",
        "API token with a scope",
        "backup code",
        "recovery with a backup code",
        "recovery with a kAuth code",
    ],
)
def test_a_right_secret_presented_at_a_moment_before_the_account_s_latest_is_refused_and_changes_nothing(
    check,
) -> None:  # type: ignore[no-untyped-def]
    account = new_account(MONDAY)
    secrets = _with_every_secret(account)
    before = state_of(account)
    with pytest.raises(BackdatedCommand):
        check(account, secrets)
    assert state_of(account) == before


def _approve_without_two_factor(account: Account, secrets: dict[str, str]) -> object:
    account.turn_two_factor_off(password=PASSWORD, at=MONDAY)
    [submitted] = account.submit_identity_verification(
        documents=["doc-1"], selfie="img-1", at=LATER - timedelta(hours=1)
    )
    return account.approve_identity_verification(str(submitted.subject), by="support-ana", at=LATER)


def _reject(account: Account, secrets: dict[str, str]) -> object:
    [submitted] = account.submit_identity_verification(
        documents=["doc-1"], selfie="img-1", at=LATER - timedelta(hours=1)
    )
    return account.reject_identity_verification(str(submitted.subject), by="support-ana", reason="Blurred", at=LATER)


def _revoke_step_with_nothing_to_revoke(account: Account, secrets: dict[str, str]) -> object:
    account.revoke_all_application_passwords(at=MONDAY)
    account.revoke_all_api_tokens(at=MONDAY)
    account.compromise_change_password(PASSWORD, "purple monkey dishwasher", "purple monkey dishwasher", at=MONDAY)
    return account.compromise_revoke_credentials(at=LATER)


def _review_step(account: Account, secrets: dict[str, str]) -> object:
    account.compromise_change_password(PASSWORD, "purple monkey dishwasher", "purple monkey dishwasher", at=MONDAY)
    account.compromise_revoke_credentials(at=MONDAY)
    return account.compromise_review_settings(at=LATER)


@pytest.mark.parametrize(
    "command",
    [
        lambda a, s: a.issue_kauth_code(at=LATER),
        lambda a, s: a.use_backup_code(s["backup"], at=LATER),
        lambda a, s: a.generate_backup_codes(at=LATER),
        _approve_without_two_factor,
        _reject,
        _revoke_step_with_nothing_to_revoke,
        _review_step,
    ],
    ids=[
        "issue a kAuth code",
        "use a backup code",
        "generate backup codes again",
        "approve a verification on an account without two-factor",
        "reject a verification",
        "revoke every credential, none left",
        "review the settings",
    ],
)
def test_a_command_that_changes_the_account_moves_its_clock_even_where_nothing_else_would(command) -> None:  # type: ignore[no-untyped-def]
    """Each command sets the clock itself: the ones above changed it only through a helper that moves it when it
    finds something to change (a method to remove, a credential to revoke, a method to add), so the clock stayed
    behind when there was none."""
    account = new_account(MONDAY)
    secrets = _with_every_secret(account)
    assert command(account, secrets)
    assert_clock_at_later(account)


def _with_every_thing(account: Account) -> dict[str, str]:
    secrets = _with_every_secret(account)
    account.submit_identity_verification(documents=["doc-1"], selfie="img-1", at=MONDAY)
    account.set_avatar(Avatar(image="img-7", media_type="image/png", width=320, height=320), at=MONDAY)
    return secrets


NEW = "purple monkey dishwasher"
CHANGING: dict[str, Callable[[Account], object]] = {
    "change_password": lambda a: a.change_password(PASSWORD, NEW, NEW, at=BEFORE),
    "update_profile": lambda a: a.update_profile(first_name="Carlo", at=BEFORE),
    "set_avatar": lambda a: a.set_avatar(
        Avatar(image="img-8", media_type="image/png", width=320, height=320), at=BEFORE
    ),
    "remove_avatar": lambda a: a.remove_avatar(at=BEFORE),
    "create_application_password": lambda a: a.create_application_password("Phone", at=BEFORE),
    "create_api_token": lambda a: a.create_api_token("Backups", scopes=["drive"], at=BEFORE),
    "revoke_application_password": lambda a: a.revoke_application_password(a.application_passwords[0].id, at=BEFORE),
    "revoke_api_token": lambda a: a.revoke_api_token(a.api_tokens[0].id, at=BEFORE),
    "revoke_all_application_passwords": lambda a: a.revoke_all_application_passwords(at=BEFORE),
    "revoke_all_api_tokens": lambda a: a.revoke_all_api_tokens(at=BEFORE),
    "add_kauth": lambda a: a.add_kauth("ipad-carl", at=BEFORE),
    "add_otp_app": lambda a: a.add_otp_app("Aegis", at=BEFORE),
    "add_security_key": lambda a: a.add_security_key("key-1", label="YubiKey", at=BEFORE),
    "add_sms": lambda a: a.add_sms("+41 79 123 45 67", at=BEFORE),
    "generate_backup_codes": lambda a: a.generate_backup_codes(at=BEFORE),
    "remove_two_factor_method": lambda a: a.remove_two_factor_method(
        a.two_factor_methods[0].id, password=PASSWORD, at=BEFORE
    ),
    "turn_two_factor_off": lambda a: a.turn_two_factor_off(password=PASSWORD, at=BEFORE),
    "issue_kauth_code": lambda a: a.issue_kauth_code(at=BEFORE),
    "submit_identity_verification": lambda a: a.submit_identity_verification(
        documents=["doc-2"], selfie="img-2", at=BEFORE
    ),
    "approve_identity_verification": lambda a: a.approve_identity_verification(
        a.identity_verifications[0].id, by="support-ana", at=BEFORE
    ),
    "reject_identity_verification": lambda a: a.reject_identity_verification(
        a.identity_verifications[0].id, by="support-ana", reason="Blurred", at=BEFORE
    ),
    "purge_verification_data": lambda a: a.purge_verification_data(at=BEFORE),
    "compromise_change_password": lambda a: a.compromise_change_password(PASSWORD, NEW, NEW, at=BEFORE),
    "compromise_revoke_credentials": lambda a: a.compromise_revoke_credentials(at=BEFORE),
    "compromise_review_settings": lambda a: a.compromise_review_settings(at=BEFORE),
}


@pytest.mark.parametrize("command", sorted(CHANGING))
def test_every_command_dated_before_the_account_s_latest_moment_is_refused_and_changes_nothing(command: str) -> None:
    account = new_account(MONDAY)
    _with_every_thing(account)
    before = state_of(account)
    with pytest.raises(BackdatedCommand):
        CHANGING[command](account)
    assert state_of(account) == before


def test_the_backdated_commands_are_every_command_of_the_account() -> None:
    """A command added later joins the table, or this fails: each one that takes ``at`` and may change the account."""
    queries = {"live_credentials", "open", "security_review"}
    presented = {
        "verify_password", "verify_application_password", "verify_api_token", "use_backup_code",
        "recover_with_backup_code", "recover_with_kauth_code",
    }  # fmt: skip
    taking_at = {
        name
        for name in dir(Account)
        if not name.startswith("_")
        and callable(getattr(Account, name))
        and "at" in inspect.signature(getattr(Account, name)).parameters
    }
    assert taking_at - queries - presented == set(CHANGING)
