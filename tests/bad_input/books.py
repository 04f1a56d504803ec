"""Entry points of the money that is kept: the prepaid ledger (in memory and on SQLite) and the security account."""

from __future__ import annotations

import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from infomanager_core import Money
from infomanager_core.adapters.sqlite_ledger import SqliteLedgerStore
from infomanager_core.ledger import (
    BatchRefused,
    Iban,
    Ledger,
    PayoutRequest,
    PaypalAddress,
    Reversal,
    TopUp,
    prepaid,
)
from infomanager_core.security import Account, Avatar, Profile
from infomanager_core.security.examples import EXAMPLE_PASSWORD, example_account
from tests.refusals import state_of

from .harness import EntryPoint

TODAY = date(2026, 3, 2)
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _ledger() -> Ledger:
    return _funded(Ledger(clock=lambda: NOW))


def _funded(ledger: Ledger) -> Ledger:
    """``ledger`` with acme's history: 200.00 CHF topped up, 50.00 reserved for a payout, 10.00 more."""
    ledger.top_up(organisation="acme", amount=Money("200", "CHF"), effective=TODAY, key="topup-1")
    ledger.request_payout(
        organisation="acme",
        amount=Money("50", "CHF"),
        destination=Iban("CH93 0076 2011 6238 5295 7"),
        effective=TODAY,
        key="payout-1",
    )
    ledger.top_up(organisation="acme", amount=Money("10", "CHF"), effective=TODAY, key="topup-2")
    return ledger


_FILES = tempfile.TemporaryDirectory(prefix="bad-input-")
_COUNT = iter(range(10**9))


def _sqlite_ledger() -> Ledger:
    """The same ledger on a new SQLite file (closed when the process ends: the sweep makes a few dozen)."""
    store = SqliteLedgerStore(Path(_FILES.name) / f"{next(_COUNT)}.db", durable=False)
    return _funded(Ledger(store=store, clock=lambda: NOW))


def ledger_state(ledger: Ledger) -> object:
    """What the ledger's public readers say: the journal and the balances of every account it touched."""
    journal = ledger.journal()
    accounts = {posting.account for transaction in journal for posting in transaction.postings}
    return journal, {account: ledger.account_balances(account) for account in accounts}


def _chf() -> Money:
    return Money("10.00", "CHF")


def _day() -> date:
    return TODAY


def _key(value: str):  # type: ignore[no-untyped-def]
    return lambda: value


AMOUNT = {"amount": _chf, "effective": _day}

LEDGER_METHODS = [
    (Ledger.credit_cashback, {"partner": _key("acme"), "order_id": _key("ORD-1"), **AMOUNT}),
    (
        Ledger.deposit_cancelled_transfer,
        {"payer": _key("acme"), "order_id": _key("ORD-2"), **AMOUNT, "key": _key("bank-1")},
    ),
    (Ledger.top_up, {"organisation": _key("acme"), **AMOUNT, "key": _key("topup-9"), "reference": _key("ref 7")}),
    (
        Ledger.pay_order,
        {
            "organisation": _key("acme"),
            "order_id": _key("ORD-3"),
            **AMOUNT,
            "key": _key("pay-3"),
            "partial": lambda: False,
        },
    ),
    (
        Ledger.request_payout,
        {
            "organisation": _key("acme"),
            **AMOUNT,
            "destination": lambda: PaypalAddress("billing@acme.example"),
            "key": _key("payout-2"),
        },
    ),
    (Ledger.complete_payout, {"request": lambda: 2, "effective": _day, "key": _key("sent-2")}),
    (Ledger.fail_payout, {"request": lambda: 2, "effective": _day, "key": _key("failed-2"), "reason": _key("closed")}),
    (Ledger.reverse, {"sequence": lambda: 3, "effective": _day, "key": _key("undo-1"), "reason": _key("typo")}),
    (
        Ledger.post_many,
        {
            "operations": lambda: [
                TopUp(organisation="acme", amount=_chf(), effective=TODAY, key="topup-3"),
                PayoutRequest(
                    organisation="acme",
                    amount=_chf(),
                    destination=PaypalAddress("billing@acme.example"),
                    effective=TODAY,
                    key="payout-3",
                ),
            ]
        },
    ),
    (Ledger.balances, {"organisation": _key("acme"), "code": _key("CHF")}),
    (Ledger.prepaid_balances, {"organisation": _key("acme")}),
    (Ledger.account_balances, {"account": lambda: prepaid("acme", "CHF")}),
    (Ledger.balance_at, {"organisation": _key("acme"), "code": _key("CHF"), "on": _day}),
    (Ledger.balance_at, {"organisation": _key("acme"), "code": _key("CHF"), "sequence": lambda: 1}),
    (Ledger.pending_payouts, {"organisation": _key("acme"), "code": _key("CHF"), "on": _day}),
    (Ledger.statement, {"organisation": _key("acme"), "code": _key("CHF"), "start": _day, "end": _day}),
    (Ledger.journal, {"start": _day, "end": _day}),
]

#: The documented names a ledger's refusals carry: an account (unknown, or in a currency) names the account, a
#: currency code its currency, a period or a balance's moment both of its bounds.
LEDGER_FIELDS = {
    "organisation": ("organisation", "account"),
    "amount": ("amount", "account"),  # money in a currency the organisation holds no account in
    "code": ("currency",),
    "start": ("start", "start/end"),
    "end": ("end", "start/end"),
    "on": ("on", "on/sequence"),
    "sequence": ("sequence", "on/sequence"),
}
FREE_TEXT = {
    "empty text": "a free text is kept as given",
    "blank text": "a free text is kept as given",
    "None": "optional",
}
LEDGER_ACCEPTS = {
    "reference": FREE_TEXT,
    "reason": FREE_TEXT,
    "operations": {"empty list": "a batch of nothing posts nothing"},
    "amount": {"money in another currency": "an organisation holds a prepaid account per currency"},
}

LEDGER = [
    EntryPoint(
        f"{store} Ledger.{method.__name__}",
        method,
        arguments,
        make=make,
        snapshot=ledger_state,
        fields=LEDGER_FIELDS,
        accepts=LEDGER_ACCEPTS,
        # exactly one of a balance's day and sequence is given: each has an entry of its own
        unspoiled=frozenset({"on", "sequence"} - set(arguments)) if method is Ledger.balance_at else frozenset(),
    )
    for store, make in (("memory", _ledger), ("SQLite", _sqlite_ledger))
    for method, arguments in LEDGER_METHODS
]

REQUESTS = [
    EntryPoint("Iban", Iban, {"value": _key("CH93 0076 2011 6238 5295 7")}, fields={"value": ("iban",)}),
    EntryPoint(
        "PaypalAddress", PaypalAddress, {"address": _key("billing@acme.example")}, fields={"address": ("paypal",)}
    ),
    EntryPoint(
        "prepaid",
        prepaid,
        {"organisation": _key("acme"), "code": _key("CHF")},
        fields={"organisation": ("owner",), "code": ("currency",)},
    ),
]


def _posted_alone(ledger: Ledger, request: object) -> object:
    """``request`` posted as a batch of one; a refusal is the error the batch wraps (the one its method raises)."""
    try:
        return ledger.post_many([request])  # type: ignore[list-item]
    except BatchRefused as refused:
        raise refused.error from refused


def posted(requests, fields=LEDGER_FIELDS):  # type: ignore[no-untyped-def]
    """An entry point per store and request type: the request spoiled, then posted alone."""
    return [
        EntryPoint(
            f"{store} post_many([{request.__name__}])",
            lambda ledger, operation=request, **arguments: _posted_alone(ledger, operation(**arguments)),
            arguments,
            make=make,
            snapshot=ledger_state,
            fields=fields,
            accepts=LEDGER_ACCEPTS,
        )
        for store, make in (("memory", _ledger), ("SQLite", _sqlite_ledger))
        for request, arguments in requests
    ]


#: A request is only data, checked when posted (ledger/operations.py): each is spoiled, then posted.
POSTED = posted(
    (
        (TopUp, {"organisation": _key("acme"), **AMOUNT, "key": _key("topup-9"), "reference": _key("ref 7")}),
        (
            PayoutRequest,
            {
                "organisation": _key("acme"),
                **AMOUNT,
                "destination": lambda: Iban("CH93 0076 2011 6238 5295 7"),
                "key": _key("payout-2"),
            },
        ),
        (Reversal, {"sequence": lambda: 3, "effective": _day, "key": _key("undo-1"), "reason": _key("typo")}),
    )
)


# -- security -------------------------------------------------------------------------------------------------------

OPENED = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
LATER = OPENED + timedelta(hours=1)


#: The secrets of the last account made (an argument is built after its subject).
SECRETS: dict[str, str] = {}


def _account(kauth: bool = True) -> Account:
    account = example_account(OPENED)
    SECRETS["application"] = account.create_application_password("Laptop", at=OPENED).secret
    SECRETS["token"] = account.create_api_token("Backups", scopes=["mail"], at=OPENED).secret
    if kauth:
        account.add_kauth("iphone-carl", at=OPENED)
    SECRETS["backup"] = account.generate_backup_codes(at=OPENED).codes[0]
    return account


def _secret(name: str):  # type: ignore[no-untyped-def]
    return lambda: SECRETS[name]


def _later() -> datetime:
    return LATER


ACCOUNT_METHODS = [
    (Account.verify_password, {"password": _key(EXAMPLE_PASSWORD), "at": _later}),
    (
        Account.change_password,
        {
            "current": _key(EXAMPLE_PASSWORD),
            "new": _key("purple monkey dishwasher"),
            "confirmation": _key("purple monkey dishwasher"),
            "at": _later,
        },
    ),
    (
        Account.update_profile,
        {
            "at": _later,
            "first_name": _key("Élodie"),
            "last_name": _key("Dupont"),
            "email": _key("elodie@bakery.ch"),
            "phones": lambda: ["+41 79 123 45 67"],
        },
    ),
    (
        Account.set_avatar,
        {"avatar": lambda: Avatar(image="img-1", media_type="image/png", width=160, height=160), "at": _later},
    ),
    (Account.create_application_password, {"name": _key("Phone"), "at": _later, "key": _key("req-1")}),
    (Account.revoke_application_password, {"id": _key("app-password-1"), "at": _later}),
    (
        Account.create_api_token,
        {
            "name": _key("CI"),
            "scopes": lambda: ["mail"],
            "at": _later,
            "expires_at": lambda: LATER + timedelta(days=9),
            "key": _key("req-2"),
        },
    ),
    (Account.verify_api_token, {"secret": _secret("token"), "at": _later, "scope": _key("mail")}),
    (Account.add_kauth, {"device": _key("ipad-carl"), "at": _later}),
    (Account.add_otp_app, {"label": _key("Authy"), "at": _later}),
    (Account.add_security_key, {"key": _key("key-1"), "label": _key("YubiKey"), "at": _later}),
    (Account.add_sms, {"phone": _key("+41 79 123 45 67"), "at": _later}),
    (Account.generate_backup_codes, {"at": _later, "count": lambda: 10}),
    (Account.use_backup_code, {"code": _secret("backup"), "at": _later}),
    (Account.issue_kauth_code, {"at": _later}),
    (
        Account.submit_identity_verification,
        {"documents": lambda: ["doc-passport"], "selfie": _key("img-selfie"), "at": _later},
    ),
]

#: A password given twice names which one; a credential or method by what it is.
ACCOUNT_FIELDS = {
    "current": ("current_password",),
    "new": ("new_password",),
    "id": ("application_password",),
    "at": ("at", "expires_at"),  # a token created after the moment it expires
}

SECURITY = [
    EntryPoint(
        f"Account.{method.__name__}",
        method,
        arguments,
        fields=ACCOUNT_FIELDS,
        accepts={"phones": {"empty list": "no phone number"}},
        make=(lambda: _account(kauth=False)) if method is Account.add_kauth else _account,
        snapshot=state_of,
    )
    for method, arguments in ACCOUNT_METHODS
] + [
    EntryPoint(
        "Profile",
        Profile,
        {
            "first_name": _key("Carl"),
            "last_name": _key("Martin"),
            "email": _key("carl@bakery.ch"),
            "phones": lambda: ["+41 79 123 45 67"],
            "avatar": lambda: Avatar(image="img-1", media_type="image/png", width=160, height=160),
        },
        accepts={"phones": {"empty list": "no phone number"}},
    ),
    EntryPoint(
        "Avatar",
        Avatar,
        {"image": _key("img-1"), "media_type": _key("image/png"), "width": lambda: 160, "height": lambda: 160},
    ),
]

ENTRY_POINTS = [*LEDGER, *POSTED, *REQUESTS, *SECURITY]
