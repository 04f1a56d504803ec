"""The compromised-account procedure: three steps, in this order, each done once.

When a person suspects their account is compromised, they (1) change the password — the current one is checked and
the new one typed twice — then (2) revoke every application password and API token, then (3) review the security
settings. :class:`CompromiseProcedure` is the state of one run: which steps are done and when. Taking a step out of
turn raises :class:`~infomanager_core.security.errors.StepOutOfOrder`, which says what comes next; taking it at a
moment before the run started or before the step before it, :class:`~infomanager_core.access.BackdatedCommand`.

The :class:`~infomanager_core.security.account.Account` carries out each step; the first step starts a run (a new
one once the previous run is complete).

>>> from datetime import UTC, datetime
>>> at = datetime(2026, 1, 5, tzinfo=UTC)
>>> procedure = CompromiseProcedure(started_at=at)
>>> procedure.next_step.value
'change the password'
>>> procedure.take(CompromiseStep.REVIEW_SETTINGS, at)
Traceback (most recent call last):
...
infomanager_core.security.errors.StepOutOfOrder: cannot review the security settings now: change the password comes next
>>> procedure.take(CompromiseStep.CHANGE_PASSWORD, at).next_step.value
'revoke every application password and API token'
"""

from __future__ import annotations

import enum
from datetime import datetime

import attrs

from ..access.checks import aware_moment, instant
from ..access.errors import BackdatedCommand
from ..errors import InvalidInput
from .credentials import ApiToken, ApplicationPassword
from .errors import StepOutOfOrder
from .phones import PhoneNumber
from .two_factor import TwoFactorMethod

__all__ = ["CompromiseProcedure", "CompromiseStep", "SecurityReview"]


class CompromiseStep(enum.Enum):
    """The steps of the procedure, in their order."""

    CHANGE_PASSWORD = "change the password"
    REVOKE_CREDENTIALS = "revoke every application password and API token"
    REVIEW_SETTINGS = "review the security settings"


def _check_started_at(_instance: object, _attribute: object, value: datetime) -> None:
    aware_moment(value, "started_at")


@attrs.frozen(kw_only=True)
class CompromiseProcedure:
    """One run of the procedure, started at ``started_at``: the steps ``done`` so far, each with its moment."""

    started_at: datetime = attrs.field(validator=_check_started_at)
    done: tuple[tuple[CompromiseStep, datetime], ...] = ()

    @property
    def next_step(self) -> CompromiseStep | None:
        """The step to take now, or ``None`` once all three are done."""
        steps = tuple(CompromiseStep)
        return steps[len(self.done)] if len(self.done) < len(steps) else None

    @property
    def complete(self) -> bool:
        """Whether every step is done."""
        return self.next_step is None

    def take(self, step: CompromiseStep, at: datetime) -> CompromiseProcedure:
        """The procedure once ``step`` is done at ``at``; ``StepOutOfOrder`` unless it is the next step."""
        if not isinstance(step, CompromiseStep):
            raise InvalidInput("step", step, "must be a CompromiseStep")
        aware_moment(at)
        if step is not self.next_step:
            raise StepOutOfOrder(step, self.next_step)
        latest = self.done[-1][1] if self.done else self.started_at
        if instant(at) < instant(latest):  # instants: an hour may be lived twice
            raise BackdatedCommand("at", at, "the compromise procedure", latest)
        return attrs.evolve(self, done=(*self.done, (step, at)))


@attrs.frozen(kw_only=True)
class SecurityReview:
    """What a person checks at the end of the procedure (or at any time): the login e-mail and phone numbers, the
    password's last change, two-factor methods and the credentials still live.

    ``live_credentials`` should be empty right after the procedure; anything in ``two_factor_methods`` the person
    does not recognise should be removed.
    """

    account: str
    at: datetime
    email: str
    phones: tuple[PhoneNumber, ...]
    password_changed_at: datetime | None
    two_factor_enabled: bool
    two_factor_methods: tuple[TwoFactorMethod, ...]
    backup_codes_remaining: int | None
    live_credentials: tuple[ApplicationPassword | ApiToken, ...]
