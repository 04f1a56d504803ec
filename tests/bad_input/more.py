"""The rest of the surface: the commands that answer an invitation, a proposal or a payout, the account's recovery and
verification, bookings, settlements and the ledger's and tenders' functions."""

from __future__ import annotations

from datetime import timedelta

import attrs

from infomanager_core import Money
from infomanager_core.access import (
    Grant,
    Programme,
    order_outcome,
    settle_order,
)
from infomanager_core.access.examples import MONDAY, example_programme
from infomanager_core.adapters.price_list_toml import example_price_list
from infomanager_core.ledger import Ledger, statement_of
from infomanager_core.notifications import BillingNotifications, ReminderPreferences
from infomanager_core.orders import Order, PrepaidPayment, book_order, quote_order
from infomanager_core.pricing import cashback
from infomanager_core.security import Account, deletion_due, idle_from, initials
from infomanager_core.tags import Tagging
from infomanager_core.tenders import TenderBoard, one_line_text, several_lines_text, summary
from tests.refusals import state_of

from . import books, registries
from .harness import NAME_FORMS, EntryPoint

AT = MONDAY + timedelta(hours=1)

#: Text a helper over checked text reads without refusing.
ANY_TEXT = (
    "empty text",
    "blank text",
    "text with a newline",
    "text with NUL",
    "lone surrogate",
    "text with a zero-width space",
    "decomposed text",
    "text with spaces around",
)


def _v(value: object):  # type: ignore[no-untyped-def]
    return lambda: value


def _invited() -> Programme:
    """The example programme with an open invitation from the agency to the cafe (``invitation-2``)."""
    programme = example_programme()
    programme.invite(partner="agency", client="cafe", grant=Grant.full(), by="paula", at=MONDAY)
    return programme


def _two_managed() -> Programme:
    programme = example_programme()
    programme.add_managed_products("partnership-1", ["web-2"], by="carl", at=MONDAY)
    return programme


PROGRAMME = [
    EntryPoint(
        f"Programme.{method.__name__}",
        method,
        arguments,
        make=make,
        snapshot=state_of,
    )
    for method, arguments, make in (
        (
            Programme.accept,
            {"invitation": _v("invitation-2"), "by": _v("fred"), "at": _v(AT), "grant": Grant.full},
            _invited,
        ),
        (Programme.refuse, {"invitation": _v("invitation-2"), "by": _v("fred"), "at": _v(AT)}, _invited),
        (Programme.cancel, {"invitation": _v("invitation-2"), "by": _v("paula"), "at": _v(AT)}, _invited),
        (
            Programme.remove_managed_products,
            {"partnership": _v("partnership-1"), "products": _v(["web-2"]), "by": _v("carl"), "at": _v(AT)},
            _two_managed,
        ),
        (Programme.invitation, {"invitation": _v("invitation-1")}, example_programme),
        (Programme.partnership, {"partnership": _v("partnership-1")}, example_programme),
        (Programme.owner_of, {"product": _v("web-1")}, example_programme),
        (Programme.managed_clients, {"partner": _v("agency")}, example_programme),
        (Programme.check_in_order, {"at": _v(AT), "organisations": _v(["bakery"])}, example_programme),
    )
]
#: checking no organisation's clock is checking nothing
PROGRAMME[-1] = attrs.evolve(PROGRAMME[-1], accepts={"organisations": {"empty list": "no organisation to check"}})


def _answered() -> TenderBoard:
    board = registries._board()
    board.answer("call-1", partner="agency", text="A shop.", at=MONDAY)
    return board


TENDERS = [
    EntryPoint(f"TenderBoard.{method.__name__}", method, arguments, make=_answered, snapshot=registries._board_state)
    for method, arguments in (
        (TenderBoard.accept, {"proposal": _v("proposal-1"), "client": _v("bakery"), "at": _v(AT), "by": _v("carl")}),
        (TenderBoard.decline, {"proposal": _v("proposal-1"), "client": _v("bakery"), "at": _v(AT), "by": _v("carl")}),
        (TenderBoard.opt_out, {"partner": _v("agency"), "at": _v(AT), "by": _v("paula")}),
        (TenderBoard.proposals_of, {"call": _v("call-1"), "client": _v("bakery")}),
        (TenderBoard.proposals_by, {"partner": _v("agency")}),
    )
] + [
    EntryPoint(
        "one_line_text",
        lambda value, maximum: one_line_text(value, field="title", maximum=maximum),
        {"value": _v("A logo"), "maximum": _v(120)},
        fields={"value": ("title",)},
        accepts={"maximum": {"huge int": "a limit beyond any text"}, "value": NAME_FORMS},
    ),
    EntryPoint(
        "several_lines_text",
        lambda value, maximum: several_lines_text(value, field="description", maximum=maximum),
        {"value": _v("A logo.\nIn red."), "maximum": _v(5000)},
        fields={"value": ("description",)},
        accepts={
            "maximum": {"huge int": "a limit beyond any text"},
            "value": {"text with a newline": "lines", **NAME_FORMS},
        },
    ),
    EntryPoint(
        "summary",
        summary,
        {"text": _v("We sell bread.\nWe need a new site."), "length": _v(20)},
        accepts={
            "text": dict.fromkeys(ANY_TEXT, "cuts text already checked (a call's description)"),
            "length": {"huge int": "a limit beyond any text"},
        },
    ),
]


def _tagged() -> Tagging:
    tagging = registries._tagging()
    tagging.attach("tag-1", "web-1", by="carl", at=MONDAY)
    return tagging


TAGS = [
    EntryPoint(
        "Tagging.detach",
        Tagging.detach,
        {"tag": _v("tag-1"), "product": _v("web-1"), "by": _v("carl"), "at": _v(AT)},
        make=_tagged,
        snapshot=registries._tagging_state,
    )
]

NOTIFICATIONS = [
    EntryPoint(
        f"BillingNotifications.{method.__name__}",
        method,
        arguments,
        make=registries._notifications,
        snapshot=state_of,
        accepts={"reminders": {"None": "back to the organisation's reminders (documented)"}},
    )
    for method, arguments in (
        (
            BillingNotifications.set_product_reminders,
            {"product": _v("web-1"), "reminders": ReminderPreferences, "by": _v("carl"), "at": _v(AT)},
        ),
        (BillingNotifications.own_reminders, {"product": _v("web-1")}),
        (BillingNotifications.zone, {"organisation": _v("bakery")}),
        (BillingNotifications.organisation, {"product": _v("web-1")}),
        (BillingNotifications.preferences, {"product": _v("web-1")}),
    )
]


def _account() -> Account:
    return books._account()


LATER = books.LATER
PASSWORD = books.EXAMPLE_PASSWORD

SECURITY = [
    EntryPoint(
        f"Account.{method.__name__}",
        method,
        arguments,
        make=_account,
        snapshot=state_of,
        fields={**books.ACCOUNT_FIELDS, "id": ("api_token",)},
    )
    for method, arguments in (
        (Account.verify_application_password, {"secret": books._secret("application"), "at": _v(LATER)}),
        (Account.revoke_api_token, {"id": _v("api-token-2"), "at": _v(LATER)}),
        (Account.live_credentials, {"at": _v(LATER)}),
        (Account.security_review, {"at": _v(LATER)}),
        (Account.remove_two_factor_method, {"method": _v("method-3"), "at": _v(LATER), "password": _v(PASSWORD)}),
        (Account.turn_two_factor_off, {"password": _v(PASSWORD), "at": _v(LATER)}),
        (Account.recover_with_backup_code, {"code": books._secret("backup"), "at": _v(LATER)}),
        (Account.purge_verification_data, {"at": _v(LATER), "by": _v("support-ana")}),
    )
] + [
    EntryPoint(
        "initials",
        initials,
        {"first_name": _v("Carl"), "last_name": _v("Martin")},
        accepts={
            name: dict.fromkeys(ANY_TEXT, "reads names a Profile checked: any text has initials (maybe none)")
            for name in ("first_name", "last_name")
        },
    ),
    EntryPoint(
        "idle_from",
        idle_from,
        {"created_at": _v(LATER), "last_used_at": _v(LATER + timedelta(days=1))},
        accepts={"last_used_at": {"None": "never used (documented)"}},
    ),
    EntryPoint("deletion_due", deletion_due, {"submitted_at": _v(LATER)}),
]

PRICES = example_price_list()


def _quote():  # type: ignore[no-untyped-def]
    return quote_order(
        example_programme(),
        PRICES,
        Order(id="REN-2", client="bakery", placed_by="bakery", by="carl", product="web-hosting", renewing=["web-2"]),
    )


def _bakery_ledger() -> Ledger:
    ledger = Ledger(clock=lambda: books.NOW)
    ledger.top_up(organisation="bakery", amount=Money("4", "EUR"), effective=books.TODAY, key="t-1")
    return ledger


LEDGER = [
    EntryPoint(
        "book_order",
        lambda ledger, **arguments: book_order(ledger, **arguments),
        {
            "quote": _quote,
            "effective": _v(books.TODAY),
            "prepaid_payment": _v(PrepaidPayment.PARTIAL),
            "payment_key": _v("pay-REN-2"),
        },
        make=_bakery_ledger,
        snapshot=books.ledger_state,
    ),
    EntryPoint(
        "Ledger.cancel_payout",
        Ledger.cancel_payout,
        {"request": _v(2), "effective": _v(books.TODAY), "key": _v("cancelled-2"), "reason": _v("asked")},
        make=books._ledger,
        snapshot=books.ledger_state,
        fields=books.LEDGER_FIELDS,
        accepts=books.LEDGER_ACCEPTS,
    ),
    EntryPoint(
        "settle_order",
        settle_order,
        {
            "outcome": lambda: order_outcome(client="bakery", placed_by="bakery", partnership=None),
            "cashback": lambda: cashback(PRICES, "web-hosting", 35, currency="EUR"),
        },
    ),
    EntryPoint(
        "statement_of",
        statement_of,
        {
            "account": lambda: books.prepaid("acme", "CHF"),
            "transactions": lambda: books._ledger().journal(),
            "start": _v(books.TODAY),
            "end": _v(books.TODAY),
            "opening_units": _v(0),
            "requests": dict,
        },
        fields={"start": ("start", "start/end"), "end": ("end", "start/end")},
        accepts={
            "opening_units": {"zero": "an empty account", "negative int": "a system account's sign"},
            "transactions": {"empty list": "a period without movement"},
        },
    ),
]

ENTRY_POINTS = [*PROGRAMME, *TENDERS, *TAGS, *NOTIFICATIONS, *SECURITY, *LEDGER]
