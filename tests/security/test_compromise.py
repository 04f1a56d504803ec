"""The compromised-account procedure: change the password, revoke every credential, review — in that order only."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from infomanager_core.errors import InvalidInput
from infomanager_core.security import (
    Account,
    CompromiseProcedure,
    CompromiseStep,
    PasswordConfirmationMismatch,
    PasswordTooShort,
    PasswordUnchanged,
    SecurityEventKind,
    SecurityReview,
    StepOutOfOrder,
    WrongPassword,
)

from .support import MONDAY, PASSWORD, new_account, state_of

E = SecurityEventKind
NEW = "purple monkey dishwasher"
STEPS = list(CompromiseStep)
#: The account password typed on a keyboard set to Japanese: the same password (compared in NFKC).
TYPED_FULL_WIDTH = "ｃｏｒｒｅｃｔ horse battery staple"


def take(account: Account, step: CompromiseStep, at=MONDAY, current: str = PASSWORD, new: str = NEW):  # type: ignore[no-untyped-def]
    if step is CompromiseStep.CHANGE_PASSWORD:
        return account.compromise_change_password(current, new, new, at=at)
    if step is CompromiseStep.REVOKE_CREDENTIALS:
        return account.compromise_revoke_credentials(at=at)
    return account.compromise_review_settings(at=at)


def test_the_procedure_runs_its_three_steps_in_order() -> None:
    account = new_account()
    laptop = account.create_application_password("Laptop", at=MONDAY)
    ci = account.create_api_token("CI", scopes=["mail"], at=MONDAY)
    account.add_otp_app("Aegis", at=MONDAY)
    first = account.compromise_change_password(PASSWORD, NEW, NEW, at=MONDAY)
    assert [e.what for e in first] == [E.PROCEDURE_STARTED, E.PASSWORD_CHANGED, E.PROCEDURE_STEP_DONE]
    with pytest.raises(WrongPassword):
        account.verify_password(PASSWORD, at=MONDAY)
    account.verify_password(NEW, at=MONDAY)
    second = account.compromise_revoke_credentials(at=MONDAY)
    assert [(e.what, e.subject) for e in second] == [
        (E.APPLICATION_PASSWORD_REVOKED, laptop.id),
        (E.API_TOKEN_REVOKED, ci.id),
        (E.PROCEDURE_STEP_DONE, None),
    ]
    third = account.compromise_review_settings(at=MONDAY + timedelta(minutes=5))
    assert [e.what for e in third] == [E.PROCEDURE_STEP_DONE, E.PROCEDURE_COMPLETED]
    review = third[-1].detail
    assert isinstance(review, SecurityReview)
    assert review.live_credentials == ()
    assert review.password_changed_at == MONDAY
    assert [m.label for m in review.two_factor_methods] == ["Aegis"]
    procedure = account.compromise_procedure
    assert procedure is not None
    assert procedure.complete
    assert [step for step, _ in procedure.done] == STEPS


@pytest.mark.parametrize("step", [CompromiseStep.REVOKE_CREDENTIALS, CompromiseStep.REVIEW_SETTINGS])
def test_no_step_but_changing_the_password_starts_the_procedure(step: CompromiseStep) -> None:
    account = new_account()
    account.create_api_token("CI", scopes=["mail"], at=MONDAY)
    before = state_of(account)
    with pytest.raises(StepOutOfOrder) as refused:
        take(account, step)
    assert (refused.value.attempted, refused.value.expected) == (step, CompromiseStep.CHANGE_PASSWORD)
    assert "change the password comes next" in str(refused.value)
    assert state_of(account) == before


@given(attempts=st.lists(st.sampled_from(STEPS), max_size=12))
def test_a_step_out_of_turn_is_refused_says_what_comes_next_and_changes_nothing(attempts: list[CompromiseStep]) -> None:
    account = new_account()
    account.create_application_password("Laptop", at=MONDAY)
    position = 0  # the model: index of the next step; a complete run starts again
    current = PASSWORD
    for step in attempts:
        expected = STEPS[position]
        if step is expected:
            new = NEW if current == PASSWORD else PASSWORD
            take(account, step, current=current, new=new)
            current = new if step is CompromiseStep.CHANGE_PASSWORD else current
            position = (position + 1) % len(STEPS)
        else:
            before = state_of(account)
            with pytest.raises(StepOutOfOrder) as refused:
                take(account, step, current=current)
            assert refused.value.expected is expected
            assert state_of(account) == before
        assert account.next_compromise_step is STEPS[position]
        account.check_invariants()


def test_a_complete_run_is_followed_by_a_new_one() -> None:
    account = new_account()
    for step in STEPS:
        take(account, step)
    events = account.compromise_change_password(NEW, "another long pass phrase", "another long pass phrase", at=MONDAY)
    assert events[0].what is E.PROCEDURE_STARTED


def test_the_procedure_value_refuses_any_step_once_complete() -> None:
    procedure = CompromiseProcedure(started_at=MONDAY)
    for step in STEPS:
        procedure = procedure.take(step, MONDAY)
    with pytest.raises(StepOutOfOrder) as refused:
        procedure.take(CompromiseStep.CHANGE_PASSWORD, MONDAY)
    assert refused.value.expected is None
    assert "complete" in str(refused.value)


@pytest.mark.parametrize(
    ("current", "new", "confirmation", "error", "field"),
    [
        ("not the password at all", NEW, NEW, WrongPassword, "current_password"),
        ("short", NEW, NEW, WrongPassword, "current_password"),
        (PASSWORD, NEW, NEW + " ", PasswordConfirmationMismatch, "confirmation"),
        (PASSWORD, NEW, None, PasswordConfirmationMismatch, "confirmation"),
        (PASSWORD, "too short", "too short", PasswordTooShort, "new_password"),
        (PASSWORD, PASSWORD, PASSWORD, PasswordUnchanged, "new_password"),
        (TYPED_FULL_WIDTH, PASSWORD, PASSWORD, PasswordUnchanged, "new_password"),
        (PASSWORD, TYPED_FULL_WIDTH, TYPED_FULL_WIDTH, PasswordUnchanged, "new_password"),
        (PASSWORD, 42, 42, InvalidInput, "new_password"),
    ],
)
def test_a_password_change_that_breaks_a_rule_changes_nothing_and_shows_no_password(
    current: object, new: object, confirmation: object, error: type[Exception], field: str
) -> None:
    account = new_account()
    before = state_of(account)
    for command in (account.change_password, account.compromise_change_password):
        with pytest.raises(error) as refused:
            command(current, new, confirmation, at=MONDAY)  # type: ignore[arg-type]
        assert refused.value.field == field  # type: ignore[attr-defined]
        for secret in (current, new, confirmation):
            if isinstance(secret, str) and len(secret) > 6:
                assert secret not in str(refused.value)
        assert state_of(account) == before


def test_the_confirmation_may_be_typed_in_another_unicode_form() -> None:
    account = new_account()
    account.change_password(
        PASSWORD, "caf\u00e9 au lait, s'il vous pla\u00eet", "cafe\u0301 au lait, s'il vous plai\u0302t", at=MONDAY
    )
    account.verify_password("caf\u00e9 au lait, s'il vous pla\u00eet", at=MONDAY)


def test_changing_the_password_outside_the_procedure_keeps_credentials_and_takes_no_step() -> None:
    account = new_account()
    laptop = account.create_application_password("Laptop", at=MONDAY)
    assert [e.what for e in account.change_password(PASSWORD, NEW, NEW, at=MONDAY)] == [E.PASSWORD_CHANGED]
    assert account.verify_application_password(laptop.secret, at=MONDAY).id == laptop.id
    assert account.compromise_procedure is None
    assert account.password_changed_at == MONDAY


def test_a_new_password_passed_as_bytes_is_not_echoed_by_the_account() -> None:
    account = new_account()
    before = state_of(account)
    encoded = NEW.encode()
    with pytest.raises(InvalidInput) as refused:
        account.change_password(PASSWORD, encoded, encoded, at=MONDAY)  # type: ignore[arg-type]
    assert NEW not in str(refused.value)
    assert state_of(account) == before


def test_the_review_shows_the_login_e_mail_the_phone_numbers_and_the_backup_codes_still_unused() -> None:
    account = new_account()
    assert account.security_review(MONDAY).backup_codes_remaining is None
    codes = account.generate_backup_codes(at=MONDAY, count=4).codes
    account.use_backup_code(codes[1], at=MONDAY)
    for step in STEPS:
        events = take(account, step)
    review = events[-1].detail
    assert review.backup_codes_remaining == 3
    assert (review.email, review.phones) == (account.profile.email, account.profile.phones)
    assert review.phones, "the example profile has a phone number to review"
