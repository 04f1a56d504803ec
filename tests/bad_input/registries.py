"""Entry points with state: the programme, the tagging, the billing notifications, the tender board and orders."""

from __future__ import annotations

from datetime import date, timedelta
from zoneinfo import ZoneInfo

from infomanager_core import Money
from infomanager_core.access import (
    Grant,
    HeldProduct,
    Organisation,
    PaymentMeans,
    Person,
    Programme,
    Role,
    billing_currency,
    can_manage_product,
    can_order,
    reachable_clients,
)
from infomanager_core.access.examples import MONDAY, example_programme
from infomanager_core.adapters.price_list_toml import example_price_list
from infomanager_core.notifications import BillingNotifications, ReminderPreferences
from infomanager_core.orders import Order, quote_order
from infomanager_core.tags import Tagging
from infomanager_core.tenders import Contact, TenderBoard
from tests.refusals import state_of

from .harness import EntryPoint

AT = MONDAY + timedelta(hours=1)
ZURICH = ZoneInfo("Europe/Zurich")


def _programme_state(programme: Programme) -> object:
    return state_of(programme)


def _methods(owner: str, make, snapshot, table):  # type: ignore[no-untyped-def]
    return [
        EntryPoint(f"{owner}.{method.__name__}", method, arguments, **({"make": make, "snapshot": snapshot} | extra))
        for method, arguments, extra in table
    ]


def _partnership() -> str:
    return "partnership-1"


def _full_programme() -> Programme:
    programme = example_programme()
    programme.change_access("partnership-1", Grant.full(), by="carl", at=MONDAY)
    return programme


def _id(value: str):  # type: ignore[no-untyped-def]
    return lambda: value


# -- access ---------------------------------------------------------------------------------------------------------

PROGRAMME = _methods(
    "Programme",
    example_programme,
    _programme_state,
    [
        (Programme.person, {"person": _id("carl")}, {}),
        (Programme.organisation, {"organisation": _id("bakery")}, {}),
        (Programme.product, {"product": _id("web-1")}, {}),
        (Programme.memberships, {"person": _id("carl")}, {}),
        (Programme.role_of, {"person": _id("carl"), "organisation": _id("bakery")}, {}),
        (Programme.active_partnership, {"client": _id("bakery")}, {}),
        (Programme.clients_of, {"partner": _id("agency")}, {}),
        (Programme.assigned_clients, {"partner": _id("agency"), "person": _id("uma")}, {}),
        (Programme.is_assigned, {"partner": _id("agency"), "person": _id("uma"), "client": _id("bakery")}, {}),
        (
            Programme.register_person,
            {"person": lambda: Person("dora", "Dora"), "at": lambda: AT, "by": _id("carl")},
            {},
        ),
        (
            Programme.register_organisation,
            {
                "organisation": lambda: Organisation(
                    id="dental", name="Dental", country="CH", members={"fred": Role.LEGAL_REPRESENTATIVE}
                ),
                "at": lambda: AT,
                "by": _id("fred"),
            },
            {},
        ),
        (
            Programme.add_product,
            {
                "organisation": _id("bakery"),
                "product": lambda: HeldProduct(id="web-3", code="web-hosting", family="web-hosting"),
                "at": lambda: AT,
                "by": _id("fred"),
            },
            {},
        ),
        (
            Programme.add_member,
            {
                "organisation": _id("bakery"),
                "person": _id("fred"),
                "role": lambda: Role.USER,
                "by": _id("carl"),
                "at": lambda: AT,
            },
            {},
        ),
        (
            Programme.change_role,
            {
                "organisation": _id("bakery"),
                "person": _id("cleo"),
                "role": lambda: Role.ADMINISTRATOR,
                "by": _id("carl"),
                "at": lambda: AT,
            },
            {},
        ),
        (
            Programme.remove_member,
            {"organisation": _id("bakery"), "person": _id("cleo"), "by": _id("carl"), "at": lambda: AT},
            {},
        ),
        (
            Programme.invite,
            {
                "partner": _id("agency"),
                "client": _id("cafe"),
                "grant": Grant.full,
                "by": _id("paula"),
                "at": lambda: AT,
            },
            {},
        ),
        (
            Programme.authorise,
            {
                "client": _id("cafe"),
                "partner": _id("agency"),
                "grant": Grant.full,
                "by": _id("fred"),
                "at": lambda: AT,
            },
            {},
        ),
        (
            Programme.change_access,
            {"partnership": _partnership, "grant": Grant.full, "by": _id("carl"), "at": lambda: AT},
            {},
        ),
        (
            Programme.change_payment_means,
            {
                "partnership": _partnership,
                "payment_means": lambda: PaymentMeans.PARTNER,
                "by": _id("carl"),
                "at": lambda: AT,
            },
            {"make": _full_programme},
        ),
        (
            Programme.add_managed_products,
            {"partnership": _partnership, "products": lambda: ["web-2"], "by": _id("carl"), "at": lambda: AT},
            {},
        ),
        (
            Programme.assign_client,
            {
                "partner": _id("agency"),
                "client": _id("bakery"),
                "person": _id("ulla"),
                "by": _id("paula"),
                "at": lambda: AT,
            },
            {},
        ),
        (
            Programme.unassign_client,
            {
                "partner": _id("agency"),
                "client": _id("bakery"),
                "person": _id("uma"),
                "by": _id("paula"),
                "at": lambda: AT,
            },
            {},
        ),
        (Programme.end, {"partnership": _partnership, "by": _id("carl"), "at": lambda: AT}, {}),
    ],
)

DECISIONS = [
    EntryPoint(
        name,
        check,
        {"state": example_programme, "person": _id(person), second: _id(value)},
    )
    for name, check, person, second, value in (
        ("can_order", can_order, "uma", "client", "bakery"),
        ("can_manage_product", can_manage_product, "uma", "product", "web-1"),
    )
] + [EntryPoint("reachable_clients", reachable_clients, {"state": example_programme, "person": _id("uma")})]


# -- tags -----------------------------------------------------------------------------------------------------------


def _tagging() -> Tagging:
    tagging = Tagging(example_programme())
    tagging.create("bakery", "Shop", colour=2, by="carl", at=MONDAY)
    return tagging


def _tagging_state(tagging: Tagging) -> object:
    return state_of(tagging), state_of(tagging.access)


TAGGING = _methods(
    "Tagging",
    _tagging,
    _tagging_state,
    [
        (Tagging.tag, {"tag": _id("tag-1")}, {}),
        (Tagging.tags_of, {"product": _id("web-1"), "by": _id("carl")}, {}),
        (Tagging.products_with, {"tag": _id("tag-1"), "by": _id("carl")}, {}),
        (Tagging.list_tags, {"organisation": _id("bakery"), "by": _id("carl")}, {}),
        (
            Tagging.create,
            {
                "organisation": _id("bakery"),
                "name": _id("New"),
                "colour": lambda: 3,
                "by": _id("carl"),
                "at": lambda: AT,
            },
            {"accepts": {"colour": {"zero": "the palette's first colour"}}},
        ),
        (Tagging.rename, {"tag": _id("tag-1"), "name": _id("Other"), "by": _id("carl"), "at": lambda: AT}, {}),
        (
            Tagging.recolour,
            {"tag": _id("tag-1"), "colour": lambda: 4, "by": _id("carl"), "at": lambda: AT},
            {"accepts": {"colour": {"zero": "the palette's first colour"}}},
        ),
        (Tagging.delete, {"tag": _id("tag-1"), "by": _id("carl"), "at": lambda: AT}, {}),
        (Tagging.attach, {"tag": _id("tag-1"), "product": _id("web-1"), "by": _id("carl"), "at": lambda: AT}, {}),
    ],
)


# -- billing notifications ------------------------------------------------------------------------------------------


def _notifications() -> BillingNotifications:
    registry = BillingNotifications()
    registry.add_organisation("bakery", zone=ZURICH, by="carl", at=MONDAY)
    registry.add_product("web-1", organisation="bakery", due=date(2026, 4, 30), by="carl", at=MONDAY)
    return registry


NOTIFICATIONS = _methods(
    "BillingNotifications",
    _notifications,
    state_of,
    [
        (BillingNotifications.products, {"organisation": _id("bakery")}, {}),
        (BillingNotifications.reminders, {"organisation": _id("bakery")}, {}),
        (BillingNotifications.due_date, {"product": _id("web-1")}, {}),
        (BillingNotifications.schedule, {"product": _id("web-1"), "at": lambda: AT}, {}),
        (
            BillingNotifications.due_between,
            {"start": lambda: AT, "end": lambda: AT + timedelta(days=90)},
            {"fields": {"start": ("start", "end")}},  # a start after the end is refused on the end
        ),
        (
            BillingNotifications.add_organisation,
            {
                "organisation": _id("cafe"),
                "zone": lambda: ZURICH,
                "by": _id("fred"),
                "at": lambda: AT,
                "reminders": ReminderPreferences,
            },
            {},
        ),
        (
            BillingNotifications.add_product,
            {
                "product": _id("web-2"),
                "organisation": _id("bakery"),
                "due": lambda: date(2026, 5, 31),
                "by": _id("carl"),
                "at": lambda: AT,
            },
            {},
        ),
        (
            BillingNotifications.set_reminders,
            {"organisation": _id("bakery"), "reminders": ReminderPreferences, "by": _id("carl"), "at": lambda: AT},
            {},
        ),
        (
            BillingNotifications.switch_auto_renewal,
            {"product": _id("web-1"), "on": lambda: True, "by": _id("carl"), "at": lambda: AT},
            {},
        ),
        (
            BillingNotifications.set_due_date,
            {"product": _id("web-1"), "due": lambda: date(2026, 6, 30), "by": _id("carl"), "at": lambda: AT},
            {},
        ),
    ],
)


# -- tenders --------------------------------------------------------------------------------------------------------


def _board() -> TenderBoard:
    programme = example_programme()
    board = TenderBoard(programme)
    board.opt_in("agency", at=MONDAY)
    board.submit("bakery", title="A shop", description="Bread online.", contact=_contact(), at=MONDAY)
    return board


def _contact() -> Contact:
    return Contact(name="Carl Baker", email="carl@bakery.example", phone="+41 21 555 01 23")


def _board_state(board: TenderBoard) -> object:
    return state_of(board), state_of(board.access)


TENDERS = _methods(
    "TenderBoard",
    _board,
    _board_state,
    [
        (TenderBoard.call, {"call": _id("call-1"), "client": _id("bakery")}, {}),
        (TenderBoard.calls_of, {"client": _id("bakery")}, {}),
        (TenderBoard.excerpts_for, {"partner": _id("agency"), "at": lambda: AT}, {}),
        (TenderBoard.opt_in, {"partner": _id("agency"), "at": lambda: AT, "by": _id("paula")}, {}),
        (
            TenderBoard.submit,
            {
                "client": _id("cafe"),
                "title": _id("A logo"),
                "description": _id("A new logo.\nIn red."),
                "contact": _contact,
                "at": lambda: AT,
                "by": _id("fred"),
                "key": _id("req-1"),
            },
            {"accepts": {"description": {"text with a newline": "a description has several lines"}}},
        ),
        (
            TenderBoard.open,
            {"call": _id("call-1"), "partner": _id("agency"), "at": lambda: AT, "by": _id("adam")},
            {"fields": {"at": ("at", "call")}},  # a call expired at that moment
        ),
        (
            TenderBoard.answer,
            {
                "call": _id("call-1"),
                "partner": _id("agency"),
                "text": _id("A shop in three weeks."),
                "price": lambda: Money("4800.00", "CHF"),
                "at": lambda: AT,
                "by": _id("adam"),
                "key": _id("msg-1"),
            },
            {
                "accepts": {
                    "text": {"text with a newline": "a proposal has several lines"},
                    "price": {"money in another currency": "a proposal is priced in any currency"},
                },
                "fields": {"at": ("at", "call")},
            },
        ),
    ],
)


# -- orders ---------------------------------------------------------------------------------------------------------

PRICES = example_price_list()

ORDERS = [
    EntryPoint(
        "Order",
        Order,
        {
            "id": _id("ORD-1"),
            "client": _id("bakery"),
            "placed_by": _id("agency"),
            "by": _id("paula"),
            "product": _id("web-hosting"),
            "quantity": lambda: 2,
            "periods": lambda: 12,
            "period": lambda: "month",
        },
        unspoiled=frozenset({"renewing"}),
    ),
    EntryPoint(
        "Order (a renewal)",
        Order,
        {
            "id": _id("REN-1"),
            "client": _id("bakery"),
            "placed_by": _id("bakery"),
            "by": _id("carl"),
            "product": _id("web-hosting"),
            "renewing": lambda: ["web-1", "web-2"],
        },
        fields={"renewing": ("renewing", "quantity")},  # renewing nothing is a new order, which needs its quantity
        unspoiled=frozenset({"quantity", "periods", "period"}),  # spoiled in the order above
    ),
    EntryPoint(
        "quote_order",
        quote_order,
        {
            "programme": example_programme,
            "price_list": lambda: PRICES,
            "order": lambda: Order(
                id="ORD-1", client="bakery", placed_by="agency", by="paula", product="web-hosting", quantity=2
            ),
            "currency_of": lambda: billing_currency,
        },
    ),
]

ENTRY_POINTS = [*PROGRAMME, *DECISIONS, *TAGGING, *NOTIFICATIONS, *TENDERS, *ORDERS]
