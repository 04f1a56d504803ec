"""What the value laws of ``tests/test_values_travel.py`` run on: the library's public classes, sorted by kind, and a
world of values a service meets — what its aggregates hand out and hold after random commands, its quotes, order
quotes, ledger transactions, statements and digests — gathered by walking every field.
"""

from __future__ import annotations

import enum
import importlib
import pkgutil
from collections.abc import Iterator, Mapping, Sequence
from datetime import UTC, date, datetime, time, timedelta

import attrs
from hypothesis import strategies as st

import infomanager_core
from infomanager_core import Money
from infomanager_core.access import Grant, Programme, Role, grant_differences
from infomanager_core.access.examples import MONDAY, example_programme
from infomanager_core.adapters.price_list_toml import example_price_list
from infomanager_core.adapters.sqlite_ledger import SqliteLedgerStore
from infomanager_core.ledger import Ledger, LedgerReader, LedgerSession, LedgerStore, PostedBatch, replay
from infomanager_core.ledger.memory_store import MemoryLedgerStore
from infomanager_core.money import currency
from infomanager_core.notifications import BillingNotifications
from infomanager_core.orders import Order, PrepaidPayment, book_order, quote_order
from infomanager_core.pricing import cashback, price_lines, quote, split_line
from infomanager_core.pricing.bulk import PricedLine
from infomanager_core.security import Account, Avatar, avatar_warnings, credential_status
from infomanager_core.security.compromise import CompromiseProcedure, CompromiseStep
from infomanager_core.security.examples import example_profile
from infomanager_core.tags import Tagging
from infomanager_core.tenders import Contact, TenderBoard
from tests.secret_support import outcome_of
from tests.security.support import CHEAP, PASSWORD, new_account
from tests.strategies import LEDGER_DAY, ledger_operations, orders, price_lists
from tests.test_event_trail import ZURICH, access_step, account_step, notification_step, tag_step, tender_step


def public_classes() -> set[type]:
    """Every class a package of the library, an adapter module, ``errors``, ``formatting`` or ``text`` exports."""
    found: set[type] = set()
    for module_info in pkgutil.walk_packages(infomanager_core.__path__, "infomanager_core."):
        module = importlib.import_module(module_info.name)
        face = hasattr(module, "__path__") or module_info.name.startswith("infomanager_core.adapters.")
        if face or module_info.name.rsplit(".", 1)[1] in ("errors", "formatting", "text"):
            found |= {value for name in module.__all__ if isinstance(value := getattr(module, name), type)}
    return found | {
        value for name in infomanager_core.__all__ if isinstance(value := getattr(infomanager_core, name), type)
    }


CLASSES = public_classes()
ERRORS = {cls for cls in CLASSES if issubclass(cls, BaseException)}
ENUMS = {cls for cls in CLASSES if issubclass(cls, enum.Enum)}
#: The aggregates: objects that hold state and change it by commands. They are not values (see docs/decisions.md,
#: "Values and aggregates across processes").
AGGREGATES = {Programme, Tagging, BillingNotifications, TenderBoard, Account, Ledger, MemoryLedgerStore}
#: The ports a store implements, and the SQLite store itself: no values.
PORTS = {LedgerReader, LedgerSession, LedgerStore, SqliteLedgerStore}
#: Values that are not attrs classes: a bulk posting's result (a read-only sequence) and a priced line (a named tuple).
OTHER_VALUES = {PostedBatch, PricedLine}
#: The values: every other public class, each a frozen attrs class.
VALUES = CLASSES - ERRORS - ENUMS - AGGREGATES - PORTS


def reachable(*roots: object) -> Iterator[object]:
    """Every object reachable from ``roots`` through attrs fields (private ones too), containers, mappings and an
    error's attributes, each once."""
    seen: set[int] = set()
    stack = list(roots)
    while stack:
        item = stack.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        yield item
        if attrs.has(type(item)):
            stack.extend(getattr(item, field.name) for field in attrs.fields(type(item)))
        elif isinstance(item, Mapping):
            stack.extend([*item.keys(), *item.values()])
        elif isinstance(item, Sequence | set | frozenset) and not isinstance(item, str | bytes):
            stack.extend(item)
        elif isinstance(item, BaseException):
            stack.extend(vars(item).values())


@st.composite
def worlds(draw: st.DrawFn, steps: int = 6) -> list[object]:
    """What a service holds and hands on after a few random commands on each aggregate, and its money's values."""
    data = draw(st.data())
    programme = example_programme()
    tagging = Tagging(programme)
    notifications = BillingNotifications()
    board = TenderBoard(programme)
    opened = MONDAY - timedelta(hours=72)
    account = new_account(opened)
    contact = Contact(name="Carl", email="c@b.example")
    confirmation = board.submit("bakery", title="A shop", description="Bread.", contact=contact, by="carl", at=MONDAY)
    held: list[object] = [
        programme.change_role("bakery", "cleo", Role.ADMINISTRATOR, by="carl", at=MONDAY),
        tagging.create("bakery", "Shop", colour=1, by="carl", at=MONDAY),
        *(
            notifications.add_organisation(organisation, zone=ZURICH, by="carl", at=MONDAY)
            + notifications.add_product(product, organisation=organisation, due=date(2026, 4, 30), by="carl", at=MONDAY)
            for organisation, product in (("bakery", "web-1"), ("cafe", "cafe-web"))
        ),
        board.opt_in("agency", by="paula", at=MONDAY),
        confirmation,
        board.open("call-1", partner="agency", by="adam", at=MONDAY),
        board.answer("call-1", partner="agency", text="A shop.", by="adam", at=MONDAY),
        account.add_kauth("iphone-carl", at=opened),
        account.submit_identity_verification(documents=["passport"], selfie="selfie", at=opened),
        account.create_application_password("Mail", at=opened),
        account.set_avatar(Avatar(image="img-1", media_type="image/png", width=320, height=320), at=opened),
        account.generate_backup_codes(at=opened),
    ]
    tokens = [confirmation.token]
    for n in range(steps):
        held.append(outcome_of(access_step(data, programme, n).run))
        held.append(outcome_of(tag_step(data, tagging, n).run))
        held.append(outcome_of(notification_step(data, notifications, n).run))
        held.append(outcome_of(tender_step(data, board, tokens, n).run))
        held.append(outcome_of(account_step(data, account, n).run))
    at = MONDAY + timedelta(days=1)
    queries = (
        lambda: notifications.schedule("web-1", at=at),
        lambda: board.excerpts_for("agency", at=at),
        lambda: board.openings,
        lambda: tagging.list_tags("bakery", by="carl"),
        lambda: account.security_review(at),
        lambda: account.create_api_token("Backups", scopes=["drive:read"], at=at),
        lambda: account.api_tokens,
        lambda: account.application_password("app-password-404"),  # refused: the error names the credential's kind
        lambda: CompromiseProcedure(started_at=MONDAY).take(CompromiseStep.CHANGE_PASSWORD, at),
        lambda: account.recover_with_backup_code(account.generate_backup_codes(at=at).codes[0], at=at),
        lambda: account.purge_verification_data(at=at + timedelta(days=400)),
        lambda: account.live_credentials(at),
    )
    held += [outcome_of(query) for query in queries]
    prices = draw(price_lists())
    lines = draw(orders())
    code = draw(st.sampled_from(("CHF", "JPY", "BHD")))
    quoted = quote(prices, lines, currency=code, partner=True)
    held += [prices, lines, quoted, quoted.cash_rounding(), currency(code), tuple(price_lines(prices, lines,
        currency=code, partner=False)), cashback(prices, "web-hosting", 3, currency=code)]  # fmt: skip
    held += [split_line(quoted.lines[0], draw(st.lists(st.integers(0, 50), min_size=1, max_size=4).filter(any)))]
    operations = draw(ledger_operations())
    ledger = Ledger(clock=lambda: datetime.combine(LEDGER_DAY + timedelta(days=30), time(9), UTC))
    held += [
        operations,
        [outcome_of(lambda operation=operation: ledger.post_many([operation])) for operation in operations],
    ]
    held += [
        replay(ledger.journal()),
        ledger.journal(),
        ledger.journal_digest(),
        *(ledger.prepaid_balances(name) for name in ("acme", "globex")),
    ]
    held += [outcome_of(lambda name=name: ledger.statement(name, code)) for name in ("acme", "globex")]
    order = Order(id="REN-1", client="bakery", placed_by="bakery", by="carl", product="web-hosting", renewing=["web-1"])
    order_quote = quote_order(example_programme(), example_price_list(), order)
    books = Ledger(clock=lambda: MONDAY)
    books.top_up(organisation="bakery", amount=Money("100", "EUR"), effective=MONDAY.date(), key="t-1")
    held += [
        order_quote,
        book_order(books, order_quote, effective=MONDAY.date(), prepaid_payment=PrepaidPayment.FULL, payment_key="p-1"),
        grant_differences(Grant.full(), Grant.limited({"web-1"})),
        avatar_warnings(Avatar(image="img-2", media_type="image/jpeg", width=120, height=400)),
        Account.open("cleo", password=PASSWORD, profile=example_profile(), at=MONDAY, cost=CHEAP),
        notifications.preferences("web-1"),
        [credential_status(credential, at) for credential in account.live_credentials(at)],
    ]
    held.append(PrepaidPayment.PARTIAL)
    return [*held, programme, tagging, notifications, board, account]
