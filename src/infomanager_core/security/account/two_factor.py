"""The account's two-factor methods and backup codes: setting them up, using a backup code, removing them.

One kAuth app, OTP app, SMS number and set of backup codes each, and up to ten security keys; the first method turns
two-factor authentication on, removing the last turns it off. Removing the kAuth app, or the last method, needs the
account password (:mod:`.password`), and the kAuth app's device is notified. Backup codes are shown once and kept
hashed; each works once. The methods' own rules are :mod:`~infomanager_core.security.two_factor`'s.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import attrs

from ...access.checks import looked_up
from ...errors import id_or_hidden
from ...text import printable_identifier
from ..credentials import credential_name
from ..errors import (
    BackupCodeAlreadyUsed,
    BackupCodeMismatch,
    InvalidBackupCodeCount,
    MethodAlreadySet,
    NoBackupCodes,
    PasswordRequired,
    SmsCountryNotSupported,
    TooManySecurityKeys,
    UnknownMethod,
)
from ..events import SecurityEventKind
from ..hashing import hash_secret_set, matching_secret
from ..phones import SMS_COUNTRIES, PhoneNumber, phone_number, sms_country
from ..two_factor import (
    DEFAULT_BACKUP_CODES,
    MAX_BACKUP_CODES,
    MAX_SECURITY_KEYS,
    BackupCodes,
    NewBackupCodes,
    TwoFactorKind,
    TwoFactorMethod,
    new_backup_code,
    normal_backup_code,
    shown_backup_code,
)
from .password import AccountPassword
from .state import _MAX_PRESENTED_SECRET, Events

__all__ = ["AccountTwoFactor"]


class AccountTwoFactor(AccountPassword):
    """The two-factor commands, and the queries that list and find the methods and the backup codes."""

    __slots__ = ()

    @property
    def two_factor_enabled(self) -> bool:
        """Whether two-factor authentication is on: the account has at least one method."""
        return bool(self._methods)

    @property
    def two_factor_methods(self) -> tuple[TwoFactorMethod, ...]:
        """The methods set up, in the order they were added."""
        return tuple(self._methods.values())

    @property
    def backup_codes(self) -> BackupCodes | None:
        """The current set of backup codes (hashes and uses), or ``None``."""
        return self._backup_codes

    def two_factor_method(self, id: str) -> TwoFactorMethod:
        """The method ``id`` (``UnknownMethod`` otherwise)."""
        found = looked_up(self._methods, id)
        if found is None:
            raise UnknownMethod(id_or_hidden(id))
        return found

    def add_kauth(self, device: str, *, at: datetime) -> Events:
        """Set up the kAuth app on ``device`` (an opaque id the application notifies); one kAuth app at a time.

        >>> from datetime import UTC, datetime
        >>> from infomanager_core.security.examples import example_account
        >>> at = datetime(2026, 1, 5, tzinfo=UTC)
        >>> account = example_account(at)
        >>> [event.what.value for event in account.add_kauth("iphone-carl", at=at)]
        ['two-factor method added', 'two-factor authentication on']
        """
        self._in_order(at)
        device = printable_identifier(device, field="device")
        self._only_one(TwoFactorKind.KAUTH, "device", device)
        return self._add_method(TwoFactorKind.KAUTH, at, device=device)

    def add_otp_app(self, label: str, *, at: datetime) -> Events:
        """Set up an OTP app (named ``label`` for its owner); one at a time."""
        self._in_order(at)
        label = credential_name(label, field="label")
        self._only_one(TwoFactorKind.OTP_APP, "label", label)
        return self._add_method(TwoFactorKind.OTP_APP, at, label=label)

    def add_security_key(self, key: str, *, label: str, at: datetime) -> Events:
        """Register a security key by its credential id ``key``; up to ten keys, each once."""
        self._in_order(at)
        key = printable_identifier(key, field="key")
        label = credential_name(label, field="label")
        keys = [m for m in self._methods.values() if m.kind is TwoFactorKind.SECURITY_KEY]
        for existing in keys:
            if existing.key == key:
                raise MethodAlreadySet("key", key, TwoFactorKind.SECURITY_KEY, existing.id)
        if len(keys) >= MAX_SECURITY_KEYS:
            raise TooManySecurityKeys(key, MAX_SECURITY_KEYS)
        return self._add_method(TwoFactorKind.SECURITY_KEY, at, key=key, label=label)

    def add_sms(self, phone: str | PhoneNumber, *, at: datetime) -> Events:
        """Receive codes by SMS at ``phone``, a number of Switzerland, France, Belgium or Germany; one number.

        >>> from datetime import UTC, datetime
        >>> from infomanager_core.security.examples import example_account
        >>> at = datetime(2026, 1, 5, tzinfo=UTC)
        >>> account = example_account(at)
        >>> account.add_sms("+44 20 7946 0958", at=at)
        Traceback (most recent call last):
        ...
        infomanager_core.security.errors.SmsCountryNotSupported: phone: '+442079460958' is not a number of a country SMS codes are sent to (CH, FR, BE, DE)
        """
        self._in_order(at)
        number = phone_number(phone)
        country = sms_country(number)
        if country is None:
            raise SmsCountryNotSupported("phone", number.e164, tuple(SMS_COUNTRIES))
        self._only_one(TwoFactorKind.SMS, "phone", number.e164)
        return self._add_method(TwoFactorKind.SMS, at, phone=number, country=country)

    def generate_backup_codes(self, *, at: datetime, count: int = DEFAULT_BACKUP_CODES) -> NewBackupCodes:
        """A new set of ``count`` backup codes, shown once here; it replaces any earlier set, used or not.

        >>> from datetime import UTC, datetime
        >>> from infomanager_core.security.examples import example_account
        >>> at = datetime(2026, 1, 5, tzinfo=UTC)
        >>> account = example_account(at)
        >>> new = account.generate_backup_codes(at=at)
        >>> len(new.codes), account.backup_codes.remaining, [event.what.value for event in new.events]
        (10, 10, ['backup codes generated', 'two-factor method added', 'two-factor authentication on'])
        """
        self._in_order(at)
        if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= MAX_BACKUP_CODES:
            raise InvalidBackupCodeCount("count", count, f"must be an int from 1 to {MAX_BACKUP_CODES}")
        drawn: dict[str, None] = {}  # distinct, in the order drawn: a code drawn twice would be one code shown twice
        while len(drawn) < count:
            drawn[new_backup_code()] = None
        codes = tuple(drawn)
        self._backup_codes = BackupCodes(generated_at=at, hashes=hash_secret_set(codes, self.cost))
        generated = self._event(SecurityEventKind.BACKUP_CODES_GENERATED, at, detail=count)
        existing = self._method_of(TwoFactorKind.BACKUP_CODES)
        added = self._add_method(TwoFactorKind.BACKUP_CODES, at) if existing is None else ()
        self._latest = at
        return NewBackupCodes(codes=tuple(shown_backup_code(code) for code in codes), events=(generated, *added))

    def use_backup_code(self, code: str, *, at: datetime) -> Events:
        """Sign in with a backup code: it works once. Its event's ``detail`` is how many codes are left, and the last
        one used says so (``backup codes exhausted``).

        >>> from datetime import UTC, datetime
        >>> from infomanager_core.security.examples import example_account
        >>> at = datetime(2026, 1, 5, tzinfo=UTC)
        >>> account = example_account(at)
        >>> [code] = account.generate_backup_codes(at=at, count=1).codes
        >>> [event.what.value for event in account.use_backup_code(code.upper(), at=at)]
        ['backup code used', 'backup codes exhausted']
        >>> account.use_backup_code(code, at=at)
        Traceback (most recent call last):
        ...
        infomanager_core.security.errors.BackupCodeAlreadyUsed: backup code: the code presented was already used at 2026-01-05 00:00:00+00:00
        """
        self._in_order(at)
        normal = normal_backup_code(code)
        codes = self._backup_codes
        if codes is None:
            raise NoBackupCodes(self.id)
        index = matching_secret(normal, codes.hashes) if len(normal) <= _MAX_PRESENTED_SECRET else None
        if index is None:
            raise BackupCodeMismatch()
        used_at = codes.used_at(index)
        if used_at is not None:
            raise BackupCodeAlreadyUsed(used_at)
        self._backup_codes = attrs.evolve(codes, used=(*codes.used, (index, at)))
        self._latest = at
        remaining = self._backup_codes.remaining
        events = [self._event(SecurityEventKind.BACKUP_CODE_USED, at, detail=remaining)]
        if not remaining:
            events.append(self._event(SecurityEventKind.BACKUP_CODES_EXHAUSTED, at))
        return tuple(events)

    def remove_two_factor_method(self, method: str, *, at: datetime, password: str | None = None) -> Events:
        """Remove a method. The kAuth app needs the account password, and its device is notified; so does the last
        method, whose removal turns two-factor authentication off (as :meth:`turn_two_factor_off` does). A password
        given for another method is checked too.

        >>> from datetime import UTC, datetime
        >>> from infomanager_core.security.examples import example_account
        >>> at = datetime(2026, 1, 5, tzinfo=UTC)
        >>> account = example_account(at)
        >>> [added, _] = account.add_kauth("iphone-carl", at=at)
        >>> events = account.remove_two_factor_method(added.subject, password="correct horse battery", at=at)
        >>> [(event.what.value, event.detail) for event in events]
        [('two-factor method removed', 'kAuth app'), ('device notified', 'iphone-carl'), ('two-factor authentication off', None)]
        """
        self._in_order(at)
        found = self.two_factor_method(method)
        if password is None and found.kind is TwoFactorKind.KAUTH:
            raise PasswordRequired("remove the kAuth app")
        if password is None and len(self._methods) == 1:
            raise PasswordRequired("remove the last two-factor method, which turns two-factor authentication off")
        if password is not None:
            self._check_password(password, "password")
        return self._remove_methods([found], at)

    def turn_two_factor_off(self, *, password: str, at: datetime) -> Events:
        """Remove every method at once (the account password is required); the kAuth device is notified."""
        self._in_order(at)
        if password is None:
            raise PasswordRequired("turn two-factor authentication off")
        self._check_password(password, "password")
        return self._remove_methods(list(self._methods.values()), at)

    # -- private helpers -----------------------------------------------------------------------------------------------

    def _only_one(self, kind: TwoFactorKind, field: str, value: str) -> None:
        existing = self._method_of(kind)
        if existing is not None:
            raise MethodAlreadySet(field, value, kind, existing.id)

    def _method_of(self, kind: TwoFactorKind) -> TwoFactorMethod | None:
        return next((m for m in self._methods.values() if m.kind is kind), None)

    def _add_method(self, kind: TwoFactorKind, at: datetime, **identified: Any) -> Events:
        method = TwoFactorMethod(id=self._next_id("method"), kind=kind, added_at=at, **identified)
        first = not self._methods
        self._methods[method.id] = method
        self._latest = at
        events = [self._event(SecurityEventKind.TWO_FACTOR_METHOD_ADDED, at, method.id, detail=kind.value)]
        if first:
            events.append(self._event(SecurityEventKind.TWO_FACTOR_ON, at))
        return tuple(events)

    def _remove_methods(self, methods: list[TwoFactorMethod], at: datetime, *, by: str | None = None) -> Events:
        by = self.id if by is None else by
        events = []
        for method in methods:
            del self._methods[method.id]
            events.append(
                self._event(SecurityEventKind.TWO_FACTOR_METHOD_REMOVED, at, method.id, by=by, detail=method.kind.value)
            )
            if method.kind is TwoFactorKind.KAUTH:
                self._kauth_code = None
                events.append(
                    self._event(SecurityEventKind.DEVICE_NOTIFIED, at, method.id, by=by, detail=method.device)
                )
            if method.kind is TwoFactorKind.BACKUP_CODES:
                self._backup_codes = None
        if methods and not self._methods:
            events.append(self._event(SecurityEventKind.TWO_FACTOR_OFF, at, by=by))
        if events:
            self._latest = at
        return tuple(events)
