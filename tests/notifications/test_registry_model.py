"""The registry, driven by random commands, agrees with a plain reference model.

The model keeps each organisation's zone, reminders and latest moment, and each product's organisation, due date,
auto-renewal and own reminders, in plain dicts. Each rule computes from the model alone what the command must do: raise
a given error — then the registry must be exactly as it was — or record one event, or none when nothing changes.
Commands are dated at the model's "now" or, sometimes, hours before it. After every step every product's preferences
and schedule (computed by :func:`notification_schedule` from the model) are compared with the registry's.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, tzinfo

import attrs
from hypothesis import event
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from infomanager_core.access import AlreadyRegistered, BackdatedCommand, UnknownOrganisation, UnknownProduct
from infomanager_core.notifications import (
    AutoRenewalTooLate,
    BillingNotifications,
    NotificationRules,
    PreferenceEvent,
    ProductPreferences,
    ReminderPreferences,
    auto_renewal_deadline,
    notification_schedule,
)
from tests.notifications.reference import due_in_window
from tests.notifications.strategies import notification_rules, reminder_preferences, zones

START = datetime(2027, 1, 4, 9, 0, tzinfo=UTC)
ORGANISATIONS = st.sampled_from(("bakery", "florist"))
PRODUCTS = st.sampled_from(("web-1", "web-2", "mail-1"))
#: Due dates from a little before the start to four months after it.
DUES = st.sampled_from(range(-5, 125)).map(lambda days: START.date() + timedelta(days=days))
#: How many hours before "now" a command is dated (mostly now).
AGO = st.sampled_from((0, 0, 0, 1, 30))


@attrs.define
class HeldProduct:
    organisation: str
    due: date
    auto_renewal: bool = False
    reminders: ReminderPreferences | None = None


class RegistryMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.rules_in_force = NotificationRules()
        self.registry = BillingNotifications(self.rules_in_force)
        self.now = START
        self.zones: dict[str, tzinfo] = {}
        self.reminders: dict[str, ReminderPreferences] = {}
        self.latest: dict[str, datetime] = {}
        self.products: dict[str, HeldProduct] = {}

    # -- helpers ----------------------------------------------------------------------------------------------------

    def attempt(self, command: Callable[[], tuple[PreferenceEvent, ...]], expected: type[Exception] | None) -> int:
        """Run ``command``; if the model expects ``expected``, it must raise exactly that and change nothing.
        Return the number of events recorded."""
        before = copy.deepcopy(self.registry)
        if expected is not None:
            try:
                command()
            except expected:
                assert self.registry == before
                event(f"refused: {expected.__name__}")
                return 0
            raise AssertionError(f"expected {expected.__name__}")
        events = command()
        assert len(events) <= 1
        event(f"recorded {len(events)} event(s)")
        return len(events)

    def backdated(self, organisation: str, at: datetime) -> bool:
        return at < self.latest[organisation]

    def product_refusal(self, held: HeldProduct | None, at: datetime) -> type[Exception] | None:
        """What a command on a product at ``at`` is refused with before its own rule: unknown, or backdated."""
        if held is None:
            return UnknownProduct
        return BackdatedCommand if self.backdated(held.organisation, at) else None

    def effective(self, held: HeldProduct) -> ProductPreferences:
        reminders = held.reminders if held.reminders is not None else self.reminders[held.organisation]
        return ProductPreferences(reminders=reminders, auto_renewal=held.auto_renewal)

    # -- rules ------------------------------------------------------------------------------------------------------

    @initialize(rules=notification_rules(), zone=zones(), reminders=reminder_preferences(), due=DUES)
    def a_bakery_with_one_product(
        self, rules: NotificationRules, zone: tzinfo, reminders: ReminderPreferences, due: date
    ) -> None:
        """Operator rules of the run, and one organisation with one product to begin with."""
        self.rules_in_force = rules
        self.registry = BillingNotifications(rules)
        self.add_organisation("bakery", zone, reminders)
        self.add_product("web-1", "bakery", due, 0)

    @rule(hours=st.sampled_from((1, 5, 24, 24 * 7, 24 * 30)))
    def time_passes(self, hours: int) -> None:
        self.now += timedelta(hours=hours)

    @rule(organisation=ORGANISATIONS, zone=zones(), reminders=st.none() | reminder_preferences())
    def add_organisation(self, organisation: str, zone: tzinfo, reminders: ReminderPreferences | None) -> None:
        expected = AlreadyRegistered if organisation in self.zones else None
        done = self.attempt(
            lambda: self.registry.add_organisation(
                organisation, zone=zone, by="carl", at=self.now, reminders=reminders
            ),
            expected,
        )
        if expected is None:
            assert done == 1
            self.zones[organisation] = zone
            self.reminders[organisation] = reminders or ReminderPreferences()
            self.latest[organisation] = self.now

    @rule(product=PRODUCTS, organisation=ORGANISATIONS, due=DUES, ago=AGO)
    def add_product(self, product: str, organisation: str, due: date, ago: int) -> None:
        at = self.now - timedelta(hours=ago)
        expected: type[Exception] | None = None
        if organisation not in self.zones:
            expected = UnknownOrganisation
        elif product in self.products:
            expected = AlreadyRegistered
        elif self.backdated(organisation, at):
            expected = BackdatedCommand
        done = self.attempt(
            lambda: self.registry.add_product(product, organisation=organisation, due=due, by="carl", at=at), expected
        )
        if expected is None:
            assert done == 1
            self.products[product] = HeldProduct(organisation, due)
            self.latest[organisation] = at

    @rule(organisation=ORGANISATIONS, reminders=reminder_preferences(), ago=AGO)
    def set_reminders(self, organisation: str, reminders: ReminderPreferences, ago: int) -> None:
        at = self.now - timedelta(hours=ago)
        expected: type[Exception] | None = None
        if organisation not in self.zones:
            expected = UnknownOrganisation
        elif self.backdated(organisation, at):
            expected = BackdatedCommand
        done = self.attempt(lambda: self.registry.set_reminders(organisation, reminders, by="carl", at=at), expected)
        if expected is None:
            assert done == (reminders != self.reminders[organisation])
            if done:
                self.reminders[organisation] = reminders
                self.latest[organisation] = at

    @rule(product=PRODUCTS, reminders=st.none() | reminder_preferences(), ago=AGO)
    def set_product_reminders(self, product: str, reminders: ReminderPreferences | None, ago: int) -> None:
        at = self.now - timedelta(hours=ago)
        held = self.products.get(product)
        expected = self.product_refusal(held, at)
        done = self.attempt(lambda: self.registry.set_product_reminders(product, reminders, by="carl", at=at), expected)
        if held is not None and expected is None:
            assert done == (reminders != held.reminders)
            if done:
                held.reminders = reminders
                self.latest[held.organisation] = at

    @rule(product=PRODUCTS, on=st.booleans(), ago=AGO)
    def switch_auto_renewal(self, product: str, on: bool, ago: int) -> None:
        at = self.now - timedelta(hours=ago)
        held = self.products.get(product)
        expected = self.product_refusal(held, at)
        if held is not None and expected is None and on and not held.auto_renewal:
            deadline = auto_renewal_deadline(held.due, zone=self.zones[held.organisation], rules=self.rules_in_force)
            if at > deadline:
                expected = AutoRenewalTooLate
        done = self.attempt(lambda: self.registry.switch_auto_renewal(product, on, by="carl", at=at), expected)
        if held is not None and expected is None:
            assert done == (on != held.auto_renewal)
            if done:
                held.auto_renewal = on
                self.latest[held.organisation] = at

    @rule(product=PRODUCTS, due=DUES, ago=AGO)
    def set_due_date(self, product: str, due: date, ago: int) -> None:
        at = self.now - timedelta(hours=ago)
        held = self.products.get(product)
        expected = self.product_refusal(held, at)
        done = self.attempt(lambda: self.registry.set_due_date(product, due, by="carl", at=at), expected)
        if held is not None and expected is None:
            assert done == (due != held.due)
            if done:
                held.due = due
                self.latest[held.organisation] = at

    # -- invariants -------------------------------------------------------------------------------------------------

    @invariant()
    def the_registry_agrees_with_the_model(self) -> None:
        self.registry.check_invariants()
        assert self.registry.organisations() == tuple(sorted(self.zones))
        assert self.registry.products() == tuple(sorted(self.products))
        for organisation in self.zones:
            assert self.registry.products(organisation) == tuple(
                sorted(product for product, held in self.products.items() if held.organisation == organisation)
            )
        for organisation, zone in self.zones.items():
            assert self.registry.zone(organisation) == zone
            assert self.registry.reminders(organisation) == self.reminders[organisation]
        for product, held in self.products.items():
            preferences = self.effective(held)
            assert self.registry.preferences(product) == preferences
            assert self.registry.due_date(product) == held.due
            at = max(self.now, self.latest[held.organisation])
            zone = self.zones[held.organisation]
            assert self.registry.schedule(product, at=at) == notification_schedule(
                product, held.due, preferences, at=at, zone=zone, rules=self.rules_in_force
            )

    @invariant()
    def the_sending_job_s_window_agrees_with_the_model(self) -> None:
        """A window from a month before "now" to ten weeks after: every product's notifications due in it, computed
        from the model by the plain reference, whatever the organisations' clocks read."""
        products = [
            (product, held.due, self.effective(held), self.zones[held.organisation])
            for product, held in self.products.items()
        ]
        start, end = self.now - timedelta(days=30), self.now + timedelta(days=70)
        assert self.registry.due_between(start, end) == due_in_window(products, start, end, self.rules_in_force)


TestRegistryAgreesWithItsModel = RegistryMachine.TestCase
