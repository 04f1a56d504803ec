"""Two-factor methods, backup codes and kAuth codes driven at random against a plain model."""

from __future__ import annotations

from datetime import timedelta

import attrs
import pytest
from hypothesis import event
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from infomanager_core.security import (
    AuthenticationFailed,
    BackupCodeAlreadyUsed,
    BackupCodeMismatch,
    KAuthCodeExpired,
    KAuthCodeMismatch,
    MethodAlreadySet,
    NoBackupCodes,
    NoKAuthApp,
    SecurityError,
    SecurityEventKind,
    TwoFactorKind,
)

from .support import MONDAY, PASSWORD, assert_clear_secrets_absent, new_account, state_of

E = SecurityEventKind
SINGLE = (TwoFactorKind.KAUTH, TwoFactorKind.OTP_APP, TwoFactorKind.SMS)


@attrs.define
class Model:
    """Methods by id and kind, the backup codes with a used flag, the current kAuth code and its expiry."""

    methods: dict[str, TwoFactorKind] = attrs.Factory(dict)
    keys: dict[str, str] = attrs.Factory(dict)
    codes: dict[str, bool] = attrs.Factory(dict)
    kauth_code: tuple[str, object] | None = None
    shown: list[str] = attrs.Factory(list)


class TwoFactorMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.now = MONDAY
        self.account = new_account(self.now)
        self.model = Model()

    def refused(self, error: type[BaseException] | tuple[type[BaseException], ...], command) -> None:  # type: ignore[no-untyped-def]
        before = state_of(self.account)
        with pytest.raises(error):
            command()
        assert state_of(self.account) == before

    def added(self, events: tuple[object, ...], kind: TwoFactorKind) -> str:
        whats = [e.what for e in events]  # type: ignore[attr-defined]
        assert (E.TWO_FACTOR_ON in whats) == (not self.model.methods)
        [method] = [e.subject for e in events if e.what is E.TWO_FACTOR_METHOD_ADDED]  # type: ignore[attr-defined]
        self.model.methods[str(method)] = kind
        return str(method)

    @rule(minutes=st.sampled_from((0, 1, 9, 11)))
    def time_passes(self, minutes: int) -> None:
        self.now += timedelta(minutes=minutes)

    @rule(kind=st.sampled_from(SINGLE))
    def add_a_single_method(self, kind: TwoFactorKind) -> None:
        command = {
            TwoFactorKind.KAUTH: lambda: self.account.add_kauth("iphone", at=self.now),
            TwoFactorKind.OTP_APP: lambda: self.account.add_otp_app("Aegis", at=self.now),
            TwoFactorKind.SMS: lambda: self.account.add_sms("+41791234567", at=self.now),
        }[kind]
        if kind in self.model.methods.values():
            self.refused(MethodAlreadySet, command)
        else:
            self.added(command(), kind)

    @rule(key=st.sampled_from(("key-a", "key-b")))
    def add_a_security_key(self, key: str) -> None:
        command = lambda: self.account.add_security_key(key, label="YubiKey", at=self.now)  # noqa: E731
        if key in self.model.keys.values():
            self.refused(MethodAlreadySet, command)
        else:
            self.model.keys[self.added(command(), TwoFactorKind.SECURITY_KEY)] = key

    @rule(count=st.integers(1, 4))
    def generate_backup_codes(self, count: int) -> None:
        had = TwoFactorKind.BACKUP_CODES in self.model.methods.values()
        new = self.account.generate_backup_codes(at=self.now, count=count)
        if not had:
            self.added(new.events[1:], TwoFactorKind.BACKUP_CODES)
        self.model.codes = dict.fromkeys(new.codes, False)
        self.model.shown += new.codes

    @rule(data=st.data())
    def use_a_backup_code(self, data: st.DataObject) -> None:
        choices = [*sorted(self.model.codes), "0000-0000"]
        code = data.draw(st.sampled_from(choices))
        if not self.model.codes:
            self.refused(NoBackupCodes, lambda: self.account.use_backup_code(code, at=self.now))
        elif code not in self.model.codes:
            self.refused(BackupCodeMismatch, lambda: self.account.use_backup_code(code, at=self.now))
        elif self.model.codes[code]:
            self.refused(BackupCodeAlreadyUsed, lambda: self.account.use_backup_code(code, at=self.now))
        else:
            events = self.account.use_backup_code(code, at=self.now)
            self.model.codes[code] = True
            exhausted = all(self.model.codes.values())
            event(f"backup code: used{', exhausted' if exhausted else ''}")
            assert (events[-1].what is E.BACKUP_CODES_EXHAUSTED) == exhausted

    @rule()
    def issue_a_kauth_code(self) -> None:
        if TwoFactorKind.KAUTH not in self.model.methods.values():
            self.refused(NoKAuthApp, lambda: self.account.issue_kauth_code(at=self.now))
            return
        new = self.account.issue_kauth_code(at=self.now)
        self.model.kauth_code = (new.secret, self.now + timedelta(minutes=10))
        self.model.shown.append(new.secret)

    @precondition(lambda self: self.model.shown)
    @rule(data=st.data())
    def recover_with_a_kauth_code(self, data: st.DataObject) -> None:
        code = data.draw(st.sampled_from(self.model.shown))
        current = self.model.kauth_code
        if current is None or code != current[0]:
            self.refused(KAuthCodeMismatch, lambda: self.account.recover_with_kauth_code(code, at=self.now))
        elif self.now >= current[1]:  # type: ignore[operator]
            self.refused(KAuthCodeExpired, lambda: self.account.recover_with_kauth_code(code, at=self.now))
        else:
            event("kAuth code: recovered")
            [recovered] = self.account.recover_with_kauth_code(code, at=self.now)
            assert recovered.what is E.RECOVERED
            self.model.kauth_code = None

    @precondition(lambda self: self.model.methods)
    @rule(data=st.data())
    def remove_a_method(self, data: st.DataObject) -> None:
        method = data.draw(st.sampled_from(sorted(self.model.methods)))
        kind = self.model.methods[method]
        events = self.account.remove_two_factor_method(method, password=PASSWORD, at=self.now)
        del self.model.methods[method]
        self.forget(kind, method)
        whats = [e.what for e in events]
        assert (E.TWO_FACTOR_OFF in whats) == (not self.model.methods)
        event(f"removed {kind.value}{', the last' if not self.model.methods else ''}")
        assert (E.DEVICE_NOTIFIED in whats) == (kind is TwoFactorKind.KAUTH)

    @rule()
    def turn_two_factor_off(self) -> None:
        events = self.account.turn_two_factor_off(password=PASSWORD, at=self.now)
        assert (E.TWO_FACTOR_OFF in [e.what for e in events]) == bool(self.model.methods)
        for method, kind in list(self.model.methods.items()):
            self.forget(kind, method)
        self.model.methods.clear()

    @rule()
    def a_wrong_password_removes_nothing(self) -> None:
        if self.model.methods:
            method = sorted(self.model.methods)[0]
            self.refused(
                AuthenticationFailed,
                lambda: self.account.remove_two_factor_method(method, password="wrong horse battery", at=self.now),
            )
        else:
            self.refused(
                SecurityError, lambda: self.account.turn_two_factor_off(password="nope nope nope", at=self.now)
            )

    def forget(self, kind: TwoFactorKind, method: str) -> None:
        if kind is TwoFactorKind.BACKUP_CODES:
            self.model.codes = {}
        if kind is TwoFactorKind.KAUTH:
            self.model.kauth_code = None
        self.model.keys.pop(method, None)

    @invariant()
    def the_account_agrees_with_the_model(self) -> None:
        self.account.check_invariants()
        assert self.account.two_factor_enabled == bool(self.model.methods)
        assert {m.id: m.kind for m in self.account.two_factor_methods} == self.model.methods
        codes = self.account.backup_codes
        assert (codes is None) == (not self.model.codes)
        if codes is not None:
            assert codes.remaining == sum(not used for used in self.model.codes.values())

    @invariant()
    def no_code_is_kept_in_clear(self) -> None:
        shown = [*self.model.shown, *(code.replace("-", "") for code in self.model.shown)]
        assert_clear_secrets_absent(self.account, [PASSWORD, *shown])


TestTwoFactor = TwoFactorMachine.TestCase
