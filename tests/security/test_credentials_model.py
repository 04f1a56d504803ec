"""Credentials driven at random against a plain model: what verifies, what is refused and why, what is kept."""

from __future__ import annotations

from datetime import datetime, timedelta

import attrs
import pytest
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from infomanager_core.security import (
    AuthenticationFailed,
    CredentialExpired,
    CredentialIdle,
    CredentialRevoked,
    SecretMismatch,
)

from .support import MONDAY, assert_clear_secrets_absent, new_account, state_of


@attrs.define
class Held:
    """What the model knows of one credential: plain fields, no hashing."""

    kind: str
    secret: str
    created: datetime
    expires: datetime | None
    last_used: datetime | None = None
    revoked: datetime | None = None

    def refusal(self, at: datetime) -> type[AuthenticationFailed] | None:
        if self.revoked is not None:
            return CredentialRevoked
        if self.kind == "token" and self.expires is not None and at >= self.expires:
            return CredentialExpired
        reference = self.last_used or self.created
        if self.kind == "token" and at >= reference.replace(year=reference.year + 1, day=_day(reference)):
            return CredentialIdle
        return None


def _day(moment: datetime) -> int:
    """The same day a year later, or the 28th for the 29th of February (a plain model of a calendar year)."""
    return 28 if (moment.month, moment.day) == (2, 29) else moment.day


class CredentialsMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.now = MONDAY
        self.account = new_account(self.now)
        self.held: dict[str, Held] = {}

    @rule(days=st.sampled_from((0, 1, 30, 200, 364, 366)))
    def time_passes(self, days: int) -> None:
        self.now += timedelta(days=days)

    @rule(name=st.sampled_from(("Laptop", "Phone", " NAS ")))
    def create_application_password(self, name: str) -> None:
        new = self.account.create_application_password(name, at=self.now)
        assert new.id not in self.held
        self.held[new.id] = Held("password", new.secret, self.now, None)

    @rule(
        expiry=st.none() | st.sampled_from((1, 90, 400, 800)),
        scopes=st.sets(st.sampled_from(("mail", "drive")), min_size=1),
    )
    def create_api_token(self, expiry: int | None, scopes: set[str]) -> None:
        expires = None if expiry is None else self.now + timedelta(days=expiry)
        new = self.account.create_api_token("CI", scopes=scopes, at=self.now, expires_at=expires)
        self.held[new.id] = Held("token", new.secret, self.now, expires)

    @precondition(lambda self: self.held)
    @rule(data=st.data())
    def present_a_secret(self, data: st.DataObject) -> None:
        id = data.draw(st.sampled_from(sorted(self.held)))
        held = self.held[id]
        verify = self.account.verify_api_token if held.kind == "token" else self.account.verify_application_password
        expected = held.refusal(self.now)
        before = state_of(self.account)
        if expected is None:
            assert verify(held.secret, at=self.now).id == id
            held.last_used = self.now
            return
        with pytest.raises(AuthenticationFailed) as refused:
            verify(held.secret, at=self.now)
        assert type(refused.value) is expected, (refused.value, expected)
        assert state_of(self.account) == before

    @precondition(lambda self: self.held)
    @rule(data=st.data(), tamper=st.sampled_from(("other kind", "changed", "truncated")))
    def present_a_wrong_secret(self, data: st.DataObject, tamper: str) -> None:
        id = data.draw(st.sampled_from(sorted(self.held)))
        held = self.held[id]
        verify = self.account.verify_api_token if held.kind == "token" else self.account.verify_application_password
        if tamper == "other kind":
            verify = self.account.verify_application_password if held.kind == "token" else self.account.verify_api_token
            secret = held.secret
        elif tamper == "changed":
            secret = held.secret[:-1] + ("A" if held.secret[-1] != "A" else "B")
        else:
            secret = held.secret[:-5]
        before = state_of(self.account)
        with pytest.raises(SecretMismatch):
            verify(secret, at=self.now)
        assert state_of(self.account) == before

    @precondition(lambda self: self.held)
    @rule(data=st.data())
    def revoke_one(self, data: st.DataObject) -> None:
        id = data.draw(st.sampled_from(sorted(self.held)))
        held = self.held[id]
        revoke = self.account.revoke_api_token if held.kind == "token" else self.account.revoke_application_password
        events = revoke(id, at=self.now)
        assert len(events) == (held.revoked is None)
        if held.revoked is None:
            held.revoked = self.now

    @rule(kind=st.sampled_from(("token", "password")))
    def revoke_all(self, kind: str) -> None:
        revoke = (
            self.account.revoke_all_api_tokens if kind == "token" else self.account.revoke_all_application_passwords
        )
        events = revoke(at=self.now)
        expected = sorted(id for id, held in self.held.items() if held.kind == kind and held.revoked is None)
        assert sorted(str(event.subject) for event in events) == expected
        for id in expected:
            self.held[id].revoked = self.now

    @invariant()
    def the_account_agrees_with_the_model(self) -> None:
        self.account.check_invariants()
        live = {credential.id for credential in self.account.live_credentials(self.now)}
        assert live == {id for id, held in self.held.items() if held.refusal(self.now) is None}
        for credential in (*self.account.application_passwords, *self.account.api_tokens):
            held = self.held[credential.id]
            assert (credential.last_used_at, credential.revoked_at) == (held.last_used, held.revoked)

    @invariant()
    def no_secret_is_kept_in_clear(self) -> None:
        assert_clear_secrets_absent(self.account, [held.secret for held in self.held.values()])


TestCredentials = CredentialsMachine.TestCase
