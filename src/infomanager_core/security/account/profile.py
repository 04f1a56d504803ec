"""The account's profile: the person's names, login e-mail, phone numbers and avatar, changed through commands.

Each command changes only what differs from the profile kept (a command that changes nothing makes no event), and
its event holds what was there ``before`` and what is there ``after``, so that the previous login address can be
told of a change. The rules of each field are :mod:`~infomanager_core.security.profile`'s.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

import attrs

from ...errors import InvalidInput
from ..events import SecurityEventKind
from ..phones import PhoneNumber
from ..profile import Avatar, Profile, avatar_warnings, login_email, person_name, phone_numbers
from .state import AccountState, Events

__all__ = ["AccountProfile"]


class AccountProfile(AccountState):
    """The profile's commands: :meth:`update_profile`, :meth:`set_avatar` and :meth:`remove_avatar`."""

    __slots__ = ()

    @property
    def profile(self) -> Profile:
        """The person's profile: names, login e-mail, phone numbers, avatar."""
        return self._profile

    def update_profile(
        self,
        *,
        at: datetime,
        first_name: str | None = None,
        last_name: str | None = None,
        email: str | None = None,
        phones: Iterable[str | PhoneNumber] | None = None,
    ) -> Events:
        """Change the fields given (``None`` leaves a field as it is); the event names the fields that changed, and
        holds the profile ``before`` and ``after`` (so that the previous login address can be told of a change).

        >>> from datetime import UTC, datetime
        >>> from infomanager_core.security.examples import example_account
        >>> at = datetime(2026, 1, 5, tzinfo=UTC)
        >>> account = example_account(at)
        >>> [changed] = account.update_profile(first_name="Carlo", phones=[], at=at)
        >>> changed.detail, account.profile.initials
        (('first_name', 'phones'), 'CM')
        """
        self._in_order(at)
        changes: dict[str, Any] = {}
        if first_name is not None:
            changes["first_name"] = person_name(first_name, field="first_name")
        if last_name is not None:
            changes["last_name"] = person_name(last_name, field="last_name")
        if email is not None:
            changes["email"] = login_email(email)
        if phones is not None:
            changes["phones"] = phone_numbers(phones)
        changed = tuple(name for name, value in changes.items() if getattr(self._profile, name) != value)
        if not changed:
            return ()
        before = self._profile
        self._profile = attrs.evolve(before, **changes)
        self._latest = at
        return (self._event(SecurityEventKind.PROFILE_CHANGED, at, detail=changed, before=before, after=self._profile),)

    def set_avatar(self, avatar: Avatar, *, at: datetime) -> Events:
        """Show ``avatar`` instead of the initials. An image under 210 px a side is accepted: the event's ``detail``
        holds the warning to show (an empty tuple when there is none).

        >>> from datetime import UTC, datetime
        >>> from infomanager_core.security import Avatar
        >>> from infomanager_core.security.examples import example_account
        >>> at = datetime(2026, 1, 5, tzinfo=UTC)
        >>> account = example_account(at)
        >>> [changed] = account.set_avatar(Avatar(image="img-7", media_type="image/png", width=128, height=128), at=at)
        >>> [warning.message for warning in changed.detail]
        ['the image is 128 × 128 px; at least 210 px a side is recommended']
        """
        self._in_order(at)
        if not isinstance(avatar, Avatar):
            raise InvalidInput("avatar", avatar, "must be an Avatar")
        before = self._profile.avatar
        if avatar == before:
            return ()
        self._profile = attrs.evolve(self._profile, avatar=avatar)
        self._latest = at
        warnings = avatar_warnings(avatar)
        return (
            self._event(
                SecurityEventKind.AVATAR_CHANGED, at, avatar.image, detail=warnings, before=before, after=avatar
            ),
        )

    def remove_avatar(self, *, at: datetime) -> Events:
        """Show the initials again; without an avatar, nothing changes."""
        self._in_order(at)
        current = self._profile.avatar
        if current is None:
            return ()
        self._profile = attrs.evolve(self._profile, avatar=None)
        self._latest = at
        return (self._event(SecurityEventKind.AVATAR_REMOVED, at, current.image, before=current),)
