"""The compromised-account procedure, carried out by the account: change the password, revoke every application
password and API token, then review the security settings — in that order.

Changing the password (as :mod:`.password` does) starts a run unless one is under way; a step out of turn is refused
with ``StepOutOfOrder`` naming the step expected. Revoking uses :mod:`.credentials`'s revocation, one event each;
the review reads the two-factor methods (:mod:`.two_factor`) and live credentials into a
:class:`~infomanager_core.security.compromise.SecurityReview`. The procedure's value and steps are
:mod:`~infomanager_core.security.compromise`'s.
"""

from __future__ import annotations

from datetime import datetime

from ...access.checks import aware_moment
from ..compromise import CompromiseProcedure, CompromiseStep, SecurityReview
from ..errors import StepOutOfOrder
from ..events import SecurityEvent, SecurityEventKind
from .credentials import AccountCredentials
from .state import Events
from .two_factor import AccountTwoFactor

__all__ = ["AccountCompromise"]


class AccountCompromise(AccountTwoFactor, AccountCredentials):
    """The compromised-account procedure's steps, and the queries that say where it stands."""

    __slots__ = ()

    @property
    def compromise_procedure(self) -> CompromiseProcedure | None:
        """The latest run of the compromised-account procedure (complete or not), or ``None``."""
        return self._procedure

    @property
    def next_compromise_step(self) -> CompromiseStep:
        """The step to take now: changing the password unless a run is under way."""
        procedure = self._procedure
        if procedure is None or procedure.next_step is None:
            return CompromiseStep.CHANGE_PASSWORD
        return procedure.next_step

    def compromise_change_password(self, current: str, new: str, confirmation: str, *, at: datetime) -> Events:
        """Step 1 of the compromised-account procedure: change the password (as :meth:`change_password`).

        It starts a run, unless one is under way, where it is out of turn once done.

        >>> from datetime import UTC, datetime
        >>> from infomanager_core.security.examples import example_account
        >>> at = datetime(2026, 1, 5, tzinfo=UTC)
        >>> account = example_account(at)
        >>> events = account.compromise_change_password(
        ...     "correct horse battery", "purple monkey dishwasher", "purple monkey dishwasher", at=at)
        >>> [(event.what.value, event.detail) for event in events]  # doctest: +NORMALIZE_WHITESPACE
        [('compromised-account procedure started', None), ('password changed', None),
         ('procedure step done', 'change the password')]
        >>> account.next_compromise_step.value
        'revoke every application password and API token'
        """
        self._in_order(at)
        procedure = self._step(CompromiseStep.CHANGE_PASSWORD)
        text = self._new_password(current, new, confirmation)
        started = procedure is None or procedure.complete
        if started:
            procedure = CompromiseProcedure(started_at=at)
        assert procedure is not None
        events = [self._event(SecurityEventKind.PROCEDURE_STARTED, at)] if started else []
        events += self._replace_password(text, at)
        self._procedure = procedure.take(CompromiseStep.CHANGE_PASSWORD, at)
        events.append(self._step_event(CompromiseStep.CHANGE_PASSWORD, at))
        return tuple(events)

    def compromise_revoke_credentials(self, *, at: datetime) -> Events:
        """Step 2: revoke every application password and API token (one event each), then the step is done."""
        self._in_order(at)
        procedure = self._step(CompromiseStep.REVOKE_CREDENTIALS)
        assert procedure is not None
        revoked = (*self._revoke(self._application_passwords.values(), at), *self._revoke(self._tokens.values(), at))
        self._procedure = procedure.take(CompromiseStep.REVOKE_CREDENTIALS, at)
        self._latest = at
        return (*revoked, self._step_event(CompromiseStep.REVOKE_CREDENTIALS, at))

    def compromise_review_settings(self, *, at: datetime) -> Events:
        """Step 3: review the security settings; the last event carries the :class:`SecurityReview` to show."""
        self._in_order(at)
        procedure = self._step(CompromiseStep.REVIEW_SETTINGS)
        assert procedure is not None
        review = self.security_review(at)
        self._procedure = procedure.take(CompromiseStep.REVIEW_SETTINGS, at)
        self._latest = at
        return (
            self._step_event(CompromiseStep.REVIEW_SETTINGS, at),
            self._event(SecurityEventKind.PROCEDURE_COMPLETED, at, detail=review),
        )

    def security_review(self, at: datetime) -> SecurityReview:
        """The account's security settings as a person reviews them at ``at`` (a query: nothing changes)."""
        aware_moment(at)
        codes = self._backup_codes
        return SecurityReview(
            account=self.id,
            at=at,
            email=self._profile.email,
            phones=self._profile.phones,
            password_changed_at=self._password_changed_at,
            two_factor_enabled=self.two_factor_enabled,
            two_factor_methods=self.two_factor_methods,
            backup_codes_remaining=None if codes is None else codes.remaining,
            live_credentials=self.live_credentials(at),
        )

    # -- private helpers -----------------------------------------------------------------------------------------------

    def _step(self, step: CompromiseStep) -> CompromiseProcedure | None:
        """The run ``step`` belongs to (``None``: the first step starts one); ``StepOutOfOrder`` if not its turn."""
        if step is not self.next_compromise_step:
            raise StepOutOfOrder(step, self.next_compromise_step)
        return self._procedure

    def _step_event(self, step: CompromiseStep, at: datetime) -> SecurityEvent:
        return self._event(SecurityEventKind.PROCEDURE_STEP_DONE, at, detail=step.value)
