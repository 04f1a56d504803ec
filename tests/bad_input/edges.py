"""The edges: constructors of the stateful objects, the ledger's replay functions, secrets and hashes, and the adapters
(SQLite store, price-list text, CSV exports)."""

from __future__ import annotations

import contextlib
import tempfile
from datetime import timedelta
from pathlib import Path

from infomanager_core.access import AccessLevel, Grant, Partnership, PaymentMeans, Programme
from infomanager_core.access.examples import MONDAY, example_programme
from infomanager_core.adapters.clients_csv import managed_clients_csv
from infomanager_core.adapters.journal_csv import journal_csv
from infomanager_core.adapters.price_list_toml import parse_price_list
from infomanager_core.adapters.sqlite_ledger import SqliteLedgerStore
from infomanager_core.ledger import Ledger, MemoryLedgerStore, credit_settlement, replay
from infomanager_core.ledger.balances import balance_changes
from infomanager_core.notifications import BillingNotifications, NotificationRules
from infomanager_core.security import (
    Account,
    SecretHash,
    hash_secret,
    hidden,
    matching_secret,
    needs_rehash,
    verify_secret,
)
from infomanager_core.security.examples import EXAMPLE_COST, EXAMPLE_PASSWORD, example_profile
from infomanager_core.security.hashing import new_secret
from infomanager_core.security.passwords import password_normal_form
from infomanager_core.tags import Tagging, TagRules
from infomanager_core.tenders import TenderBoard, TenderRules, excerpt_of, is_open

from . import books, more, registries
from .harness import SPOILERS, EntryPoint

STORED = hash_secret("abc", EXAMPLE_COST)

#: A secret no hash may be made of is never a match (documented), whatever it is: no oracle for a caller's mistake.
NEVER_IT = {"secret": dict.fromkeys(SPOILERS, "never a match (documented)")}
ANY_TEXT = more.ANY_TEXT


def _v(value: object):  # type: ignore[no-untyped-def]
    return lambda: value


_FILES = tempfile.TemporaryDirectory(prefix="bad-input-edges-")
_COUNT = iter(range(10**9))


def _new_file() -> Path:
    return Path(_FILES.name) / f"{next(_COUNT)}.db"


def _opened(path: object, **options: object) -> object:
    """A store opened and closed at once (the sweep opens a few hundred), in a directory of its own: a spoiled path
    is relative, and the files it names must not land in the working directory."""
    with contextlib.chdir(_FILES.name):
        store = SqliteLedgerStore(path, **options)  # type: ignore[arg-type]
    store.close()
    return store


CONSTRUCTORS = [
    EntryPoint(
        "Ledger",
        Ledger,
        {"store": MemoryLedgerStore, "clock": _v(lambda: books.NOW), "max_days_ahead": _v(1)},
        accepts={"max_days_ahead": {"zero": "no day ahead"}},
    ),
    EntryPoint(
        "SqliteLedgerStore",
        lambda path, durable, timeout, read_only: _opened(path, durable=durable, timeout=timeout, read_only=read_only),
        {"path": _new_file, "durable": _v(False), "timeout": _v(5.0), "read_only": _v(False)},
        fields={"read_only": ("read_only", "path")},  # a new file opened read-only has no ledger tables
        accepts={
            "path": {
                "blank text": "a file name",
                "text with a newline": "a file name (POSIX)",
                "decomposed text": "a file name",
                "text with spaces around": "a file name",
                "text with a zero-width space": "a file name",
            },
            # a file name is any text the file system takes; a string subclass or a long name is one
            "timeout": {"zero": "do not wait", "float 0.1": "seconds, documented as a float"},
        },
    ),
    EntryPoint("Programme", Programme, {"invitation_validity": _v(timedelta(days=15))}),
    EntryPoint("Tagging", Tagging, {"access": example_programme, "rules": TagRules}),
    EntryPoint("TenderBoard", TenderBoard, {"access": example_programme, "rules": TenderRules}),
    EntryPoint("BillingNotifications", BillingNotifications, {"rules": NotificationRules}),
    EntryPoint(
        "Grant",
        Grant,
        {"level": _v(AccessLevel.FULL), "payment_means": _v(PaymentMeans.CLIENT), "products": frozenset},
        accepts={"products": {"empty list": "full access names no product"}},
    ),
    EntryPoint(
        "Account.open",
        Account.open,
        {
            "id": _v("carl"),
            "password": _v(EXAMPLE_PASSWORD),
            "profile": example_profile,
            "at": _v(MONDAY),
            "cost": _v(EXAMPLE_COST),
            "policy": _v(None),
            "by": _v("support-ana"),
        },
        fields={"id": ("account",)},
    ),
]


def _journal() -> tuple[object, ...]:
    return books._ledger().journal()


def _credited():  # type: ignore[no-untyped-def]
    """A settlement that credits cashback: the acme partnership paid by the partner, an order placed by the client."""
    grant = Grant.full(PaymentMeans.PARTNER)
    full = Partnership(
        id="p", partner="acme", client="bakery", requested=grant, granted=grant, since=MONDAY, invitation="i"
    )
    return more.settle_order(
        more.order_outcome(client="bakery", placed_by="bakery", partnership=full),
        more.cashback(more.PRICES, "web-hosting", 35, currency="CHF"),
    )


LEDGER = [
    EntryPoint(
        "replay",
        replay,
        {"transactions": _journal, "upto": _v(2), "requests": dict},
        accepts={
            "transactions": {
                "empty list": "nothing to replay",
                # a journal is streamed: what lies after ``upto`` is never read
                "valid items then None": "after upto, unread",
                "valid items then a touchy object": "after upto, unread",
            },
            "upto": {"zero": "before the first", "negative int": "before the first", "huge int": "up to the last"},
        },
    ),
    EntryPoint("balance_changes", balance_changes, {"transaction": lambda: _journal()[0], "request": _v(None)}),
    EntryPoint(
        "credit_settlement",
        credit_settlement,
        {
            "ledger": books._ledger,
            "settlement": _credited,
            "order_id": _v("ORD-1"),
            "effective": _v(books.TODAY),
        },
    ),
    EntryPoint(
        "journal_csv",
        journal_csv,
        {"transactions": _journal},
        fields={"transactions": ("transactions", "transactions[0]")},
        accepts={"transactions": {"empty list": "a journal of nothing: the header"}},
    ),
]

SECRETS = [
    EntryPoint("verify_secret", verify_secret, {"secret": _v("abc"), "stored": _v(STORED)}, accepts=NEVER_IT),
    EntryPoint(
        "matching_secret",
        matching_secret,
        {"secret": _v("abc"), "stored": _v((STORED,))},
        accepts={**NEVER_IT, "stored": {"empty list": "no secret to match"}},
    ),
    EntryPoint("needs_rehash", needs_rehash, {"stored": _v(STORED), "cost": _v(EXAMPLE_COST)}),
    EntryPoint("SecretHash.parse", SecretHash.parse, {"text": _v(str(STORED))}, fields={"text": ("hash",)}),
    EntryPoint(
        "hidden",
        hidden,
        {"secret": _v("app-password-1.abc")},
        accepts={"secret": dict.fromkeys(SPOILERS, "shows any value hidden (documented: it takes an object)")},
    ),
    EntryPoint("new_secret", new_secret, {"random_bytes": _v(32)}),
    EntryPoint(
        "password_normal_form",
        password_normal_form,
        {"value": _v("correct horse")},
        fields={"value": ("password",)},
        accepts={"value": dict.fromkeys(ANY_TEXT, "a normal form: password_text holds the rules")},
    ),
    EntryPoint(
        "Account.reject_identity_verification",
        Account.reject_identity_verification,
        {"id": _v("verification-5"), "by": _v("agent-7"), "reason": _v("blurred"), "at": _v(books.LATER)},
        make=lambda: _verifying(),
        snapshot=books.state_of,
        fields={"id": ("verification",)},
    ),
]


def _verifying() -> Account:
    account = books._account()
    account.submit_identity_verification(documents=["doc-passport"], selfie="img-selfie", at=books.OPENED)
    return account


def _call():  # type: ignore[no-untyped-def]
    return registries._board().call("call-1", client="bakery")


TENDERS = [
    EntryPoint("excerpt_of", excerpt_of, {"call": _call, "rules": TenderRules}),
    EntryPoint("is_open", is_open, {"call": _call, "at": _v(MONDAY)}),
    EntryPoint(
        "managed_clients_csv",
        managed_clients_csv,
        {"programme": example_programme, "person": _v("paula"), "partner": _v("agency")},
    ),
    EntryPoint(
        "parse_price_list",
        parse_price_list,
        {
            "text": _v(
                'name = "Example"\n[products.dns]\nfamily = "domain"\nname = "Domain"\npartner_discount = "0.10"\n'
                'degressive = false\nprices = { CHF = { year = "13.00" } }\n'
            ),
            "source": _v("<string>"),
        },
        fields={"text": ("text", "toml", "name")},
        accepts={"source": dict.fromkeys(SPOILERS, "a label its errors show, any value")},
    ),
]

ENTRY_POINTS = [*CONSTRUCTORS, *LEDGER, *SECRETS, *TENDERS]
