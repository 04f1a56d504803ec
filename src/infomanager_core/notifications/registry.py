"""Where preferences live and change: the organisations, their products' due dates, and their choices.

:class:`BillingNotifications` holds, for each organisation, its time zone and reminder preferences; for each product,
its organisation, due date, auto-renewal and, optionally, reminder preferences of its own (otherwise it follows its
organisation's). Every command checks its moment, the person and every argument first, then changes state and returns
:class:`~infomanager_core.notifications.PreferenceEvent` values (none when nothing changed); a refused command leaves
everything as it was.

Preferences take effect as soon as they change (SPEC §6): :meth:`BillingNotifications.schedule` computes from the
moment it is asked, with the preferences as they stand. Each organisation keeps its latest moment: a command — or a
schedule asked — dated before it is refused, since the registry keeps no history to answer for an earlier moment.

A sending job asks :meth:`BillingNotifications.due_between` for every notification due in a window of moments
``[start, end)``, across every product, with the preferences as they stand when it asks; the window is not a command,
so it may begin before an organisation's latest change, and it moves no clock.

Who may change an organisation's preferences is the embedding application's decision (``by`` is recorded, not
checked).

>>> from datetime import date, datetime
>>> from zoneinfo import ZoneInfo
>>> zurich = ZoneInfo("Europe/Zurich")
>>> at = datetime(2027, 1, 10, 9, 0, tzinfo=zurich)
>>> registry = BillingNotifications()
>>> _ = registry.add_organisation("bakery", zone=zurich, by="carl", at=at)
>>> _ = registry.add_product("web-1", organisation="bakery", due=date(2027, 4, 30), by="carl", at=at)
>>> [(n.day.isoformat(), n.kind.value) for n in registry.schedule("web-1", at=at)]
[('2027-03-30', 'renewal reminder'), ('2027-04-23', 'renewal reminder')]
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, tzinfo

import attrs

from .._copies import WholeCopy
from ..access.checks import aware_moment, instant, typed
from ..access.errors import AlreadyRegistered, BackdatedCommand, UnknownOrganisation, UnknownProduct
from ..errors import InvalidInput, InvariantViolation
from ..text import printable_identifier
from .errors import AutoRenewalTooLate, WindowEndsBeforeStart
from .events import PreferenceEvent, PreferenceEventKind, RegisteredOrganisation
from .notification import Notification
from .preferences import NotificationRules, ProductPreferences, ReminderPreferences
from .schedule import (
    auto_renewal_deadline,
    checked_due,
    checked_zone,
    due_from,
    may_be_due_between,
    notification_schedule,
)

__all__ = ["BillingNotifications"]

Events = tuple[PreferenceEvent, ...]

_YEAR_ONE = datetime(1, 1, 1, tzinfo=UTC)


@attrs.frozen
class _Organisation:
    zone: tzinfo
    reminders: ReminderPreferences


@attrs.frozen(kw_only=True)
class _Product:
    organisation: str
    due: date
    auto_renewal: bool = False
    reminders: ReminderPreferences | None = None


def _reminders(value: object) -> ReminderPreferences:
    if not isinstance(value, ReminderPreferences):
        raise InvalidInput("reminders", value, "must be a ReminderPreferences")
    return value


@attrs.define
class BillingNotifications(WholeCopy):
    """Billing-notification preferences of organisations and their products, under the operator's ``rules``.

    >>> registry = BillingNotifications()
    >>> _ = registry.add_organisation("bakery", zone=UTC, by="carl", at=datetime(2027, 1, 10, tzinfo=UTC))
    >>> registry.organisations(), registry.reminders("bakery").lead_times
    (('bakery',), (LeadTime(months=1, days=0), LeadTime(months=0, days=7)))
    """

    rules: NotificationRules = attrs.field(
        factory=NotificationRules,
        validator=typed("rules", NotificationRules, "a NotificationRules"),
        on_setattr=attrs.setters.frozen,
    )
    _organisations: dict[str, _Organisation] = attrs.field(factory=dict, init=False)
    _products: dict[str, _Product] = attrs.field(factory=dict, init=False)
    _latest: dict[str, datetime] = attrs.field(factory=dict, init=False)

    # -- queries ----------------------------------------------------------------------------------------------------

    def organisations(self) -> tuple[str, ...]:
        """The organisations registered here, sorted."""
        return tuple(sorted(self._organisations))

    def products(self, organisation: str | None = None) -> tuple[str, ...]:
        """The products registered here, sorted; only ``organisation``'s if given (``UnknownOrganisation`` if it is
        not registered here).

        >>> from datetime import UTC, date, datetime
        >>> at = datetime(2027, 1, 4, tzinfo=UTC)
        >>> registry = BillingNotifications()
        >>> _ = registry.add_organisation("bakery", zone=UTC, by="carl", at=at)
        >>> _ = registry.add_organisation("cafe", zone=UTC, by="carl", at=at)
        >>> for product, owner in [("web-2", "bakery"), ("mail-1", "cafe"), ("web-1", "bakery")]:
        ...     _ = registry.add_product(product, organisation=owner, due=date(2027, 4, 30), by="carl", at=at)
        >>> registry.products(), registry.products("bakery")
        (('mail-1', 'web-1', 'web-2'), ('web-1', 'web-2'))
        """
        if organisation is None:
            return tuple(sorted(self._products))
        self._organisation(organisation)
        return tuple(sorted(product for product, held in self._products.items() if held.organisation == organisation))

    def reminders(self, organisation: str) -> ReminderPreferences:
        """The reminder preferences of ``organisation`` (``UnknownOrganisation`` if it is not registered here)."""
        return self._organisation(organisation).reminders

    def zone(self, organisation: str) -> tzinfo:
        """The time zone in which ``organisation``'s notification days begin."""
        return self._organisation(organisation).zone

    def organisation(self, product: str) -> str:
        """The organisation ``product`` belongs to: whom its notifications are for, and whose zone dates them."""
        return self._product(product).organisation

    def due_date(self, product: str) -> date:
        """The due date of ``product``."""
        return self._product(product).due

    def preferences(self, product: str) -> ProductPreferences:
        """What applies to ``product``: its own reminder preferences if it has some, else its organisation's.

        >>> from datetime import UTC, date, datetime
        >>> at = datetime(2027, 1, 4, tzinfo=UTC)
        >>> registry = BillingNotifications()
        >>> _ = registry.add_organisation("bakery", zone=UTC, by="carl", at=at)
        >>> _ = registry.add_product("web-1", organisation="bakery", due=date(2027, 4, 30), by="carl", at=at)
        >>> _ = registry.switch_auto_renewal("web-1", True, by="carl", at=at)
        >>> registry.preferences("web-1").auto_renewal
        True
        """
        return self._in_force(self._product(product))

    def own_reminders(self, product: str) -> ReminderPreferences | None:
        """The reminder preferences of ``product`` itself, or ``None`` when it follows its organisation's."""
        return self._product(product).reminders

    def schedule(self, product: str, *, at: datetime) -> tuple[Notification, ...]:
        """The notifications of ``product`` due at or after ``at``, with the preferences as they stand.

        ``at`` may not be earlier than the organisation's latest change (``BackdatedCommand``).
        """
        aware_moment(at)
        held = self._product(product)
        self._in_order(at, held.organisation)
        return notification_schedule(
            product,
            held.due,
            self.preferences(product),
            at=at,
            zone=self.zone(held.organisation),
            rules=self.rules,
        )

    def due_between(self, start: datetime, end: datetime) -> tuple[Notification, ...]:
        """Every notification of every product due in the window ``[start, end)`` — at or after ``start``, before
        ``end`` — with the preferences and due dates as they stand, in order: by the instant it is due (the start of
        its day in its organisation's zone), then as a schedule is ordered (day, kind, product).

        This is what a job that sends notifications asks each time it runs, from where it stopped to now: windows that
        follow one another (``[a, b)`` then ``[b, c)``) give each notification once, and together what ``[a, c)``
        gives. Moments are compared as instants, whatever zone each is written in. ``end`` earlier than ``start`` is
        refused (``WindowEndsBeforeStart``); ``end`` equal to ``start`` is an empty window.

        The window is not a command: it may begin before an organisation's latest change, and it neither checks nor
        moves any clock. What was changed before the job asks counts, even for a notification whose moment is earlier
        than the change: switched on, it is sent (late by at most the job's period); switched off, it is not sent.

        >>> from datetime import UTC, date, datetime
        >>> registry = BillingNotifications()
        >>> _ = registry.add_organisation("bakery", zone=UTC, by="carl", at=datetime(2027, 1, 4, tzinfo=UTC))
        >>> _ = registry.add_product("web-1", organisation="bakery", due=date(2027, 4, 30), by="carl",
        ...                          at=datetime(2027, 1, 4, tzinfo=UTC))
        >>> [n.why for n in registry.due_between(datetime(2027, 3, 30, tzinfo=UTC), datetime(2027, 3, 31, tzinfo=UTC))]
        ['renewal reminder, 1 month before the due date 2027-04-30']
        """
        aware_moment(start, "start")
        aware_moment(end, "end")
        first, last = instant(start), instant(end)
        if last < first:
            raise WindowEndsBeforeStart(start=start, end=end)
        found: list[tuple[timedelta, tuple[date, int, str], Notification]] = []
        for product, held in self._products.items():
            if not may_be_due_between(held.due, start, end):
                continue
            zone = self._organisations[held.organisation].zone
            for moment, notification in due_from(product, held.due, self._in_force(held), first, zone, self.rules):
                if moment < last:
                    # keyed by time elapsed since a fixed instant: cheap to compare, unlike datetimes of different
                    # offsets
                    found.append((moment - _YEAR_ONE, notification.sort_key(), notification))
        found.sort(key=lambda entry: entry[:2])
        return tuple(notification for *_, notification in found)

    # -- commands ---------------------------------------------------------------------------------------------------

    def add_organisation(
        self,
        organisation: str,
        *,
        zone: tzinfo,
        by: str,
        at: datetime,
        reminders: ReminderPreferences | None = None,
    ) -> Events:
        """Register ``organisation``, whose notification days begin in ``zone``, with default reminder preferences
        (or ``reminders``)."""
        aware_moment(at)
        by = printable_identifier(by, field="by")
        organisation = printable_identifier(organisation, field="organisation")
        checked_zone(zone, at.date())
        chosen = ReminderPreferences() if reminders is None else _reminders(reminders)
        if organisation in self._organisations:
            raise AlreadyRegistered("organisation", organisation)
        self._organisations[organisation] = _Organisation(zone, chosen)
        registered = RegisteredOrganisation(zone=zone, reminders=chosen)
        return self._recorded(PreferenceEventKind.ORGANISATION_ADDED, by, at, organisation, after=registered)

    def add_product(self, product: str, *, organisation: str, due: date, by: str, at: datetime) -> Events:
        """Register ``product`` of ``organisation``, due on ``due``, following the organisation's reminder
        preferences, without auto-renewal."""
        aware_moment(at)
        by = printable_identifier(by, field="by")
        product = printable_identifier(product, field="product")
        self._organisation(organisation)
        due = checked_due(due)
        if product in self._products:
            raise AlreadyRegistered("product", product)
        self._in_order(at, organisation)
        self._products[product] = _Product(organisation=organisation, due=due)
        return self._recorded(PreferenceEventKind.PRODUCT_ADDED, by, at, organisation, product, after=due)

    def set_reminders(self, organisation: str, reminders: ReminderPreferences, *, by: str, at: datetime) -> Events:
        """Change ``organisation``'s reminder preferences; they apply at once to every product following them.

        >>> from datetime import UTC, datetime
        >>> at = datetime(2027, 1, 4, tzinfo=UTC)
        >>> registry = BillingNotifications()
        >>> _ = registry.add_organisation("bakery", zone=UTC, by="carl", at=at)
        >>> [event] = registry.set_reminders("bakery", ReminderPreferences(enabled=False), by="carl", at=at)
        >>> event.what.value, event.after.enabled
        ('reminder preferences changed', False)
        """
        aware_moment(at)
        by = printable_identifier(by, field="by")
        current = self._organisation(organisation)
        reminders = _reminders(reminders)
        self._in_order(at, organisation)
        if reminders == current.reminders:
            return ()
        self._organisations[organisation] = attrs.evolve(current, reminders=reminders)
        kind = PreferenceEventKind.REMINDERS_CHANGED
        return self._recorded(kind, by, at, organisation, before=current.reminders, after=reminders)

    def set_product_reminders(
        self, product: str, reminders: ReminderPreferences | None, *, by: str, at: datetime
    ) -> Events:
        """Give ``product`` reminder preferences of its own, or (``None``) make it follow its organisation's again."""
        aware_moment(at)
        by = printable_identifier(by, field="by")
        held = self._product(product)
        if reminders is not None:
            _reminders(reminders)
        self._in_order(at, held.organisation)
        if reminders == held.reminders:
            return ()
        self._products[product] = attrs.evolve(held, reminders=reminders)
        kind = PreferenceEventKind.PRODUCT_REMINDERS_CHANGED
        return self._recorded(kind, by, at, held.organisation, product, before=held.reminders, after=reminders)

    def switch_auto_renewal(self, product: str, on: bool, *, by: str, at: datetime) -> Events:
        """Switch ``product``'s auto-renewal on or off. Switching on is refused (``AutoRenewalTooLate``) after the
        start of its first debit attempt's day, 14 days before the due date; switching off is always possible.

        >>> from datetime import UTC, date, datetime
        >>> at = datetime(2027, 4, 20, tzinfo=UTC)
        >>> registry = BillingNotifications()
        >>> _ = registry.add_organisation("bakery", zone=UTC, by="carl", at=at)
        >>> _ = registry.add_product("web-1", organisation="bakery", due=date(2027, 4, 30), by="carl", at=at)
        >>> registry.switch_auto_renewal("web-1", True, by="carl", at=at)
        Traceback (most recent call last):
        ...
        infomanager_core.notifications.errors.AutoRenewalTooLate: at: 2027-04-20 00:00:00+00:00 must be no later than 2027-04-16 00:00:00+00:00 to switch on the auto-renewal of 'web-1': not within 14 days of its due date 2027-04-30
        """
        aware_moment(at)
        by = printable_identifier(by, field="by")
        held = self._product(product)
        if not isinstance(on, bool):
            raise InvalidInput("on", on, "must be a bool")
        self._in_order(at, held.organisation)
        if on == held.auto_renewal:
            return ()
        if on:
            deadline = auto_renewal_deadline(held.due, zone=self.zone(held.organisation), rules=self.rules)
            if instant(at) > instant(deadline):
                raise AutoRenewalTooLate(
                    product=product, at=at, due=held.due, deadline=deadline, days=self.rules.auto_renewal_days
                )
        self._products[product] = attrs.evolve(held, auto_renewal=on)
        kind = PreferenceEventKind.AUTO_RENEWAL_SWITCHED_ON if on else PreferenceEventKind.AUTO_RENEWAL_SWITCHED_OFF
        return self._recorded(kind, by, at, held.organisation, product, before=held.auto_renewal, after=on)

    def set_due_date(self, product: str, due: date, *, by: str, at: datetime) -> Events:
        """Move ``product``'s due date (after a renewal, say); its schedule follows the new date at once."""
        aware_moment(at)
        by = printable_identifier(by, field="by")
        held = self._product(product)
        due = checked_due(due)
        self._in_order(at, held.organisation)
        if due == held.due:
            return ()
        self._products[product] = attrs.evolve(held, due=due)
        kind = PreferenceEventKind.DUE_DATE_CHANGED
        return self._recorded(kind, by, at, held.organisation, product, before=held.due, after=due)

    # -- invariants -------------------------------------------------------------------------------------------------

    def check_invariants(self) -> None:
        """Every product belongs to a registered organisation, and every organisation has a clock.

        A broken law raises :class:`~infomanager_core.errors.InvariantViolation` stating it and naming the culprit,
        whatever flags Python runs with.

        >>> registry = BillingNotifications()
        >>> registry.check_invariants()  # silent when the registry is consistent
        >>> registry._latest["bakery"] = datetime(2027, 1, 4, tzinfo=UTC)  # damage done behind the registry's back
        >>> registry.check_invariants()
        Traceback (most recent call last):
        ...
        infomanager_core.errors.InvariantViolation: invariant broken: every organisation, and only an organisation, has a clock: ['bakery']
        """
        if set(self._latest) != set(self._organisations):
            raise InvariantViolation(
                "every organisation, and only an organisation, has a clock",
                sorted(set(self._latest) ^ set(self._organisations)),
            )
        for product, held in self._products.items():
            if held.organisation not in self._organisations:
                raise InvariantViolation(
                    "every product belongs to a registered organisation", (product, held.organisation)
                )

    # -- private helpers --------------------------------------------------------------------------------------------

    def _organisation(self, organisation: str) -> _Organisation:
        try:
            return self._organisations[organisation]
        except Exception:  # no such key, or no key at all: unhashable, or its hash or == raises
            raise UnknownOrganisation(organisation) from None

    def _product(self, product: str) -> _Product:
        try:
            return self._products[product]
        except Exception:  # no such key, or no key at all: unhashable, or its hash or == raises
            raise UnknownProduct(product) from None

    def _in_force(self, held: _Product) -> ProductPreferences:
        reminders = held.reminders if held.reminders is not None else self._organisations[held.organisation].reminders
        return ProductPreferences(reminders=reminders, auto_renewal=held.auto_renewal)

    def _in_order(self, at: datetime, organisation: str) -> None:
        latest = self._latest[organisation]
        if instant(at) < instant(latest):
            raise BackdatedCommand("at", at, f"organisation {organisation!r}", latest)

    def _recorded(
        self,
        what: PreferenceEventKind,
        by: str,
        at: datetime,
        organisation: str,
        product: str | None = None,
        *,
        before: object = None,
        after: object = None,
    ) -> Events:
        """A change made: ``organisation``'s clock moves to ``at``, and the command returns the event that says so."""
        self._latest[organisation] = at
        event = PreferenceEvent(
            what=what, by=by, at=at, organisation=organisation, product=product, before=before, after=after
        )
        return (event,)
