"""The security refusals as a caller catches them: by their documented family, with their data as attributes.

``security/errors.py``: bad input derives from ``InvalidInput``; a secret that does not check out, or a credential
that may no longer be used, from ``AuthenticationFailed``; a step taken out of turn from ``SecurityError``. These pin
the error classes' logic, not their message texts.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from infomanager_core.errors import InfomanagerError, InvalidInput, UnprintableText
from infomanager_core.security import errors
from infomanager_core.security.compromise import CompromiseStep
from infomanager_core.security.credentials import CredentialKind
from infomanager_core.security.errors import (
    AuthenticationFailed,
    BackupCodeAlreadyUsed,
    BackupCodeMismatch,
    CredentialExpired,
    CredentialIdle,
    CredentialNameTooLong,
    CredentialNotReissued,
    CredentialRevoked,
    EmptyCredentialName,
    InvalidAvatar,
    InvalidBackupCodeCount,
    InvalidEmail,
    InvalidExpiry,
    InvalidPasswordPolicy,
    InvalidPersonName,
    InvalidPhoneNumber,
    InvalidScope,
    InvalidScryptCost,
    InvalidVerificationData,
    KAuthCodeExpired,
    KAuthCodeMismatch,
    MalformedSecretHash,
    MethodAlreadySet,
    NoBackupCodes,
    NoKAuthApp,
    NoScope,
    PasswordConfirmationMismatch,
    PasswordRequired,
    PasswordTooLong,
    PasswordTooShort,
    PasswordUnchanged,
    ScopeNotGranted,
    SecretMismatch,
    SecurityError,
    SmsCountryNotSupported,
    StepOutOfOrder,
    TooManyPhoneNumbers,
    TooManySecurityKeys,
    UnhashableSecret,
    UnknownCredential,
    UnknownMethod,
    UnknownVerification,
    UnprintableCredentialName,
    UnprintablePersonName,
    UnusablePassword,
    VerificationExpired,
    VerificationNotPending,
    VerificationPending,
    WrongPassword,
    hidden,
)
from infomanager_core.security.two_factor import TwoFactorKind
from tests.error_support import assert_keeps_its_data_even_pickled, errors_defined_in

AT = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
SECRET = hidden("hunter2")

#: The refusals of bad input that only name field, value and rule.
PLAIN_INPUT: list[type[InvalidInput]] = [
    InvalidScryptCost,
    UnhashableSecret,
    MalformedSecretHash,
    InvalidPasswordPolicy,
    UnusablePassword,
    NoScope,
    InvalidScope,
    InvalidExpiry,
    InvalidPhoneNumber,
    InvalidBackupCodeCount,
    InvalidPersonName,
    InvalidEmail,
    TooManyPhoneNumbers,
    InvalidAvatar,
    InvalidVerificationData,
]
#: The other refusals of bad input, with their documented parents besides ``InvalidInput`` and the data they keep.
BAD_INPUT: list[tuple[InvalidInput, tuple[type, ...], dict[str, Any]]] = [
    (PasswordTooShort("password", SECRET, 12), (), {"field": "password", "value": SECRET, "minimum": 12}),
    (PasswordTooLong("password", SECRET, 256), (), {"field": "password", "value": SECRET, "maximum": 256}),
    (EmptyCredentialName("name", "  "), (), {"field": "name", "value": "  "}),
    (CredentialNameTooLong("name", "x" * 65, 64), (), {"field": "name", "value": "x" * 65, "maximum": 64}),
    (
        UnprintableCredentialName("name", "a\tb", "\t"),
        (UnprintableText,),
        {"field": "name", "value": "a\tb", "character": "U+0009"},
    ),
    (
        UnknownCredential("credential", "api-token-9", CredentialKind.API_TOKEN),
        (),
        {"field": "credential", "value": "api-token-9", "kind": CredentialKind.API_TOKEN},
    ),
    (
        SmsCountryNotSupported("number", "+1 555 0100", ("CH", "FR")),
        (),
        {"field": "number", "value": "+1 555 0100", "supported": ("CH", "FR")},
    ),
    (UnknownMethod("sms-9"), (), {"field": "method", "value": "sms-9"}),
    (
        MethodAlreadySet("number", "+41 79 555 01 23", TwoFactorKind.SMS, "sms-1"),
        (),
        {"field": "number", "value": "+41 79 555 01 23", "kind": TwoFactorKind.SMS, "existing": "sms-1"},
    ),
    (TooManySecurityKeys("key-9", 5), (), {"field": "key", "value": "key-9", "maximum": 5}),
    (PasswordRequired("remove a method"), (), {"field": "password", "value": None, "action": "remove a method"}),
    (PasswordConfirmationMismatch(SECRET), (), {"field": "confirmation", "value": SECRET}),
    (PasswordUnchanged(SECRET), (), {"field": "new_password", "value": SECRET}),
    (
        UnprintablePersonName("name", "Carl\u200b", "\u200b"),
        (UnprintableText,),
        {"field": "name", "value": "Carl\u200b", "character": "U+200B"},
    ),
    (UnknownVerification("verification-9"), (), {"field": "verification", "value": "verification-9"}),
]
#: Each refusal of a secret or credential, with the data it keeps.
AUTHENTICATION: list[tuple[AuthenticationFailed, dict[str, Any]]] = [
    (SecretMismatch("API token", "api-token-2"), {"kind": "API token", "credential": "api-token-2"}),
    (SecretMismatch("API token", None), {"kind": "API token", "credential": None}),
    (
        CredentialRevoked("API token", "api-token-2", AT),
        {"kind": "API token", "credential": "api-token-2", "revoked_at": AT},
    ),
    (CredentialExpired("api-token-2", AT), {"credential": "api-token-2", "expires_at": AT}),
    (CredentialIdle("api-token-2", AT), {"credential": "api-token-2", "idle_from": AT}),
    (
        ScopeNotGranted("api-token-2", "dns", frozenset({"mail"})),
        {"credential": "api-token-2", "scope": "dns", "scopes": frozenset({"mail"})},
    ),
    (WrongPassword(), {"field": "password"}),
    (WrongPassword("current_password"), {"field": "current_password"}),
    (BackupCodeMismatch(), {}),
    (BackupCodeAlreadyUsed(AT), {"used_at": AT}),
    (KAuthCodeMismatch(), {}),
    (KAuthCodeExpired(AT), {"expires_at": AT}),
]
#: Each step taken out of turn, with the data it keeps.
OUT_OF_TURN: list[tuple[SecurityError, dict[str, Any]]] = [
    (NoBackupCodes("carl"), {"account": "carl"}),
    (
        StepOutOfOrder(CompromiseStep.REVOKE_CREDENTIALS, CompromiseStep.CHANGE_PASSWORD),
        {"attempted": CompromiseStep.REVOKE_CREDENTIALS, "expected": CompromiseStep.CHANGE_PASSWORD},
    ),
    (
        StepOutOfOrder(CompromiseStep.REVIEW_SETTINGS, None),
        {"attempted": CompromiseStep.REVIEW_SETTINGS, "expected": None},
    ),
    (NoKAuthApp("carl"), {"account": "carl"}),
    (
        CredentialNotReissued("req-5", credential="app-password-2", since="used"),
        {"key": "req-5", "credential": "app-password-2", "since": "used"},
    ),
    (VerificationPending("verification-1"), {"existing": "verification-1"}),
    (VerificationNotPending("verification-1", "approved"), {"verification": "verification-1", "status": "approved"}),
    (VerificationExpired("verification-1", AT), {"verification": "verification-1", "deletion_due": AT}),
]


def test_every_error_the_security_area_defines_is_in_one_family_here() -> None:
    assert errors_defined_in(errors) == {
        SecurityError,
        AuthenticationFailed,
        *PLAIN_INPUT,
        *(type(error) for error, _, _ in BAD_INPUT),
        *(type(error) for error, _ in AUTHENTICATION),
        *(type(error) for error, _ in OUT_OF_TURN),
    }


@pytest.mark.parametrize("leaf", PLAIN_INPUT, ids=lambda leaf: leaf.__name__)
def test_plain_bad_input_is_invalid_input_naming_field_value_and_rule(leaf: type[InvalidInput]) -> None:
    error = leaf("cost", 3, "must be a power of two", hint="e.g. 16384")
    assert all(isinstance(error, family) for family in (InvalidInput, ValueError, InfomanagerError))
    assert not isinstance(error, SecurityError)
    assert_keeps_its_data_even_pickled(error, {"field": "cost", "value": 3, "rule": "must be a power of two"})


@pytest.mark.parametrize(("error", "parents", "data"), BAD_INPUT, ids=[type(e).__name__ for e, _, _ in BAD_INPUT])
def test_bad_input_is_invalid_input_and_its_documented_parents_keeping_its_data(
    error: InvalidInput, parents: tuple[type, ...], data: dict[str, Any]
) -> None:
    assert all(isinstance(error, family) for family in (InvalidInput, ValueError, InfomanagerError, *parents))
    assert not isinstance(error, SecurityError)
    assert_keeps_its_data_even_pickled(error, data)


@pytest.mark.parametrize(("error", "data"), AUTHENTICATION, ids=[type(error).__name__ for error, _ in AUTHENTICATION])
def test_a_secret_or_credential_refused_is_an_authentication_failure_keeping_its_data(
    error: AuthenticationFailed, data: dict[str, Any]
) -> None:
    assert all(isinstance(error, family) for family in (AuthenticationFailed, SecurityError, InfomanagerError))
    assert not isinstance(error, InvalidInput)
    assert_keeps_its_data_even_pickled(error, data)


@pytest.mark.parametrize(("error", "data"), OUT_OF_TURN, ids=[type(error).__name__ for error, _ in OUT_OF_TURN])
def test_a_step_out_of_turn_is_a_security_error_but_no_authentication_failure(
    error: SecurityError, data: dict[str, Any]
) -> None:
    assert isinstance(error, SecurityError)
    assert isinstance(error, InfomanagerError)
    assert not isinstance(error, AuthenticationFailed | InvalidInput)
    assert_keeps_its_data_even_pickled(error, data)


def test_a_secret_is_shown_only_by_its_length() -> None:
    assert (hidden("hunter2"), hidden(""), hidden(None)) == (
        "<hidden, 7 characters>",
        "<hidden, 0 characters>",
        "<hidden, ? characters>",
    )
