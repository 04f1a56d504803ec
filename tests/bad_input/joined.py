"""Public callables that joined the surface after the sweep was written (or were left out of it): the journal's
digest, the readers of a store, the operations posted in a batch, access's and tags' last decisions, access's replay
(the ledger's ``replay`` hid it from the pin), the builders of a posting and of balances, the CSV writers, the
account's look-ups and its compromise and recovery steps, the helpers of pricing, text and tenders, and the
command line's ``main``.

``tests/test_bad_input_surface.py`` finds them by machine: a public callable in no family and in no exemption fails it.
"""

from __future__ import annotations

import io
from datetime import timedelta

from infomanager_core import Money
from infomanager_core.access import (
    DEFAULT_INVITATION_VALIDITY,
    AccessEvent,
    Grant,
    Programme,
    can_export_clients,
    can_reach_client,
    can_reach_product,
    grant_differences,
    is_wider,
    reachable_products,
)
from infomanager_core.access import examples as access_examples
from infomanager_core.access import replay as replay_access
from infomanager_core.access.examples import MONDAY, example_programme
from infomanager_core.adapters.clients_csv import write_managed_clients_csv
from infomanager_core.adapters.journal_csv import effect_of, write_journal_csv
from infomanager_core.adapters.spreadsheet import spreadsheet_safe
from infomanager_core.adapters.statement_csv import write_statement_csv
from infomanager_core.cli import main
from infomanager_core.ledger import (
    Account,
    AccountBalance,
    Balances,
    CashbackCredit,
    JournalDigest,
    Ledger,
    OrderPayment,
    PayoutCancellation,
    PayoutCompletion,
    PayoutFailure,
    Posting,
    Transaction,
    TransferDeposit,
    prepaid,
)
from infomanager_core.pricing import Cashback, OrderLine, Product, price_lines, quote_line
from infomanager_core.security import Account as SecurityAccount
from infomanager_core.tags import can_manage_tags, name_key
from infomanager_core.tenders import TenderBoard
from infomanager_core.text import is_email_address
from tests.access.recording import recorded
from tests.refusals import state_of

from . import books, edges, methods, registries, values
from .harness import EntryPoint
from .more import ANY_TEXT


def _v(value: object):  # type: ignore[no-untyped-def]
    return lambda: value


AT = registries.AT
LATER = books.LATER

# -- ledger ---------------------------------------------------------------------------------------------------------


def _journal_text() -> str:
    """The digest of the example ledger's journal (the same on every store: the sweep's ledgers are one history)."""
    return str(books._ledger().journal_digest())


LEDGER = [
    EntryPoint(
        f"{store} Ledger.{method.__name__}",
        method,
        arguments,
        make=make,
        snapshot=books.ledger_state,
        fields={"kept": ("kept", "digest", "sequence", "scheme")},
        accepts={"through": {"zero": "the empty journal (documented)"}},
    )
    for store, make in (("memory", books._ledger), ("SQLite", books._sqlite_ledger))
    for method, arguments in (
        (Ledger.journal_digest, {"through": _v(2)}),
        (Ledger.verify_digest, {"kept": _journal_text}),
    )
] + [
    EntryPoint(
        "JournalDigest.parse",
        JournalDigest.parse,
        {"text": _journal_text},
        fields={"text": ("digest", "sequence", "scheme")},
    ),
    EntryPoint(
        "JournalDigest",
        JournalDigest,
        {"sequence": _v(0), "digest": lambda: JournalDigest.parse(_journal_text()).digest, "scheme": _v("im-sha256-1")},
        accepts={
            "sequence": dict.fromkeys(("zero", "huge int"), "any sequence: verify_digest refuses one past the head")
        },
    ),
    EntryPoint(
        "Account (of the ledger)",
        Account,
        {"kind": lambda: prepaid("acme", "CHF").kind, "owner": _v("acme"), "currency": _v("CHF")},
    ),
    EntryPoint(
        "Transaction.units_for",
        Transaction.units_for,
        {"account": lambda: prepaid("acme", "CHF")},
        make=lambda: books._ledger().journal()[0],
    ),
    EntryPoint(
        "Posting.of",
        Posting.of,
        {"account": lambda: prepaid("acme", "CHF"), "amount": _v(Money("12.50", "CHF"))},
        fields={"amount": ("amount", "currency")},  # money in another currency is refused naming its currency
        accepts={"amount": {"negative money": "a posting takes from its account"}},
    ),
    EntryPoint(
        "Balances.of",
        Balances.of,
        {"account": lambda: prepaid("acme", "CHF"), "balance": _v(AccountBalance(posted=1250, pending_debits=250))},
    ),
    EntryPoint(
        "Transaction.meta",
        Transaction.meta,
        {"name": _v("key")},
        make=lambda: books._ledger().journal()[0],
        accepts={"name": dict.fromkeys(ANY_TEXT, "a look-up: no metadata is recorded under it (None)")},
    ),
]


#: The operations :data:`books.POSTED` leaves out, each spoiled, then posted alone.
POSTED = books.posted(
    (
        (CashbackCredit, {"partner": _v("acme"), "order_id": _v("ORD-1"), **books.AMOUNT}),
        (TransferDeposit, {"payer": _v("acme"), "order_id": _v("ORD-2"), **books.AMOUNT, "key": _v("bank-1")}),
        (
            OrderPayment,
            {
                "organisation": _v("acme"),
                "order_id": _v("ORD-3"),
                **books.AMOUNT,
                "key": _v("pay-3"),
                "partial": _v(False),
            },
        ),
        (PayoutCompletion, {"request": _v(2), "effective": books._day, "key": _v("sent-2")}),
        (PayoutFailure, {"request": _v(2), "effective": books._day, "key": _v("failed-2"), "reason": _v("closed")}),
        (PayoutCancellation, {"request": _v(2), "effective": books._day, "key": _v("off-2"), "reason": _v("asked")}),
    ),
    fields=books.LEDGER_FIELDS | {"payer": ("payer", "account"), "partner": ("partner", "account")},
)

# -- access, tags and tenders ---------------------------------------------------------------------------------------


def _access_trail() -> list[AccessEvent]:
    """Every event the example programme's commands returned, in order: its whole story."""
    return list(recorded(example_programme, access_examples).trail)


ACCESS = [
    EntryPoint(check.__name__, check, {"state": example_programme, "person": _v(person), second: _v(value)})
    for check, person, second, value in (
        (can_reach_client, "uma", "client", "bakery"),
        (can_reach_product, "uma", "product", "web-1"),
        (can_export_clients, "paula", "partner", "agency"),
    )
] + [
    EntryPoint("reachable_products", reachable_products, {"state": example_programme, "person": _v("uma")}),
    EntryPoint(
        "can_manage_tags",
        can_manage_tags,
        {"programme": example_programme, "person": _v("carl"), "organisation": _v("bakery")},
    ),
    EntryPoint(
        "grant_differences",
        grant_differences,
        {"requested": Grant.full, "granted": lambda: Grant.limited(["web-1"])},
    ),
    EntryPoint("is_wider", is_wider, {"wider": Grant.full, "narrower": lambda: Grant.limited(["web-1"])}),
    EntryPoint(
        "Organisation.role_of",
        lambda organisation, person: organisation.role_of(person),
        {"person": _v("carl")},
        make=lambda: example_programme().organisation("bakery"),
        accepts={"person": dict.fromkeys(ANY_TEXT, "a look-up: no member by that name (None)")},
    ),
    EntryPoint(
        "Programme.advance_to",
        Programme.advance_to,
        {"at": _v(AT), "organisations": _v(["bakery"])},
        make=example_programme,
        snapshot=state_of,
        fields={"organisations": ("organisations", "organisation")},
        accepts={"organisations": {"empty list": "no organisation: only the programme's clock moves"}},
    ),
    EntryPoint(
        "replay (of access)",
        replay_access,
        {"events": _access_trail, "until": _v(AT), "invitation_validity": _v(DEFAULT_INVITATION_VALIDITY)},
        accepts={"events": {"empty list": "no event: the programme before any command"}},
    ),
    EntryPoint("Invitation.is_open_at", methods.Invitation.is_open_at, {"at": _v(LATER)}, make=methods._invitation),
]

#: The cancellation token of the last board made (an argument is built after its subject).
TOKENS: dict[str, str] = {}


def _board() -> TenderBoard:
    board = TenderBoard(example_programme())
    TOKENS["call"] = board.submit(
        "bakery", title="A shop", description="Bread online.", contact=registries._contact(), at=MONDAY
    ).token
    return board


TENDERS = [
    EntryPoint(
        "TenderBoard.cancel",
        TenderBoard.cancel,
        {"token": lambda: TOKENS["call"], "at": _v(AT), "by": _v("carl")},
        make=_board,
        snapshot=registries._board_state,
    ),
]

# -- adapters, pricing and text -------------------------------------------------------------------------------------


def _stream() -> io.StringIO:
    return io.StringIO()


ADAPTERS = [
    EntryPoint("effect_of", effect_of, {"transaction": lambda: books._ledger().journal()[0]}),
    EntryPoint(
        "write_journal_csv",
        write_journal_csv,
        {"transactions": lambda: books._ledger().journal(), "file": _stream},
        accepts={"transactions": {"empty list": "no transaction, a header alone"}},
    ),
    EntryPoint(
        "write_statement_csv",
        write_statement_csv,
        {"statement": lambda: books._ledger().statement("acme", "CHF"), "file": _stream},
    ),
    EntryPoint(
        "write_managed_clients_csv",
        write_managed_clients_csv,
        {"programme": example_programme, "stream": _stream, "person": _v("paula"), "partner": _v("agency")},
    ),
]


def _line_quote(partner: bool):  # type: ignore[no-untyped-def]
    return lambda: quote_line(values.PRICES, "web-hosting", 35, currency="CHF", partner=partner, period="month")


PRICING = [
    EntryPoint(
        "Product.price_units", Product.price_units, {"currency": _v("CHF"), "period": _v("year")}, make=values._product
    ),
    EntryPoint(
        "price_lines",
        lambda price_list, lines, currency, partner: list(
            price_lines(price_list, lines, currency=currency, partner=partner)
        ),
        {
            "price_list": lambda: values.PRICES,
            "lines": lambda: [OrderLine(product="web-hosting", quantity=35)],
            "currency": _v("CHF"),
            "partner": _v(True),
        },
        fields={"lines": ("lines", "line")},  # a bad line is refused as it is reached, by what it is
        accepts={"lines": {"empty list": "no line, no priced line"}},
    ),
    EntryPoint(
        "Cashback.between",
        Cashback.between,
        {"public": _line_quote(False), "preferential": _line_quote(True)},
    ),
]

#: Helpers over any text: each refuses what is no text, and answers for any text (the commands refuse bad text first).
TEXT_HELPERS = [
    EntryPoint(helper.__name__, helper, {parameter: _v(valid)}, accepts={parameter: dict.fromkeys(ANY_TEXT, reason)})
    for helper, parameter, valid, reason in (
        (spreadsheet_safe, "text", "-40 CHF refund", "any text is made safe for a spreadsheet cell"),
        (is_email_address, "text", "carl@bakery.example", "a predicate: any text is or is not an address"),
        (name_key, "name", "Shop", "a comparison key of any text: tag_name checks a name before"),
    )
]

# -- the security account -------------------------------------------------------------------------------------------


def _kauth_code() -> str:
    return books.SECRETS["kauth"]


def _with_kauth_code() -> SecurityAccount:
    """An account with a kAuth code issued an hour ago minus five minutes (a code lives ten minutes)."""
    account = books._account()
    books.SECRETS["kauth"] = account.issue_kauth_code(at=LATER - timedelta(minutes=5)).secret
    return account


def _revoked() -> SecurityAccount:
    """An account whose compromise procedure has reached its last step."""
    account = methods._compromised()
    account.compromise_revoke_credentials(at=LATER)
    return account


SECURITY = [
    EntryPoint(
        f"Account.{method.__name__}",
        method,
        arguments,
        make=make,
        snapshot=state_of,
        fields=books.ACCOUNT_FIELDS | fields,
    )
    for method, arguments, make, fields in (
        (SecurityAccount.application_password, {"id": _v("app-password-1")}, books._account, {}),
        (SecurityAccount.api_token, {"id": _v("api-token-2")}, books._account, {"id": ("api_token",)}),
        (SecurityAccount.two_factor_method, {"id": _v("method-3")}, books._account, {"id": ("method",)}),
        (
            SecurityAccount.recover_with_kauth_code,
            {"code": _kauth_code, "at": _v(LATER)},
            _with_kauth_code,
            {},
        ),
        (
            SecurityAccount.identity_verification,
            {"id": _v("verification-5")},
            edges._verifying,
            {"id": ("verification",)},
        ),
        (
            SecurityAccount.approve_identity_verification,
            {"id": _v("verification-5"), "by": _v("agent-7"), "at": _v(LATER)},
            edges._verifying,
            {"id": ("verification",)},
        ),
        (SecurityAccount.compromise_review_settings, {"at": _v(LATER + timedelta(minutes=1))}, _revoked, {}),
        (
            SecurityAccount.compromise_revoke_credentials,
            {"at": _v(LATER + timedelta(minutes=1))},
            methods._compromised,
            {},
        ),
    )
]

# -- the command line -----------------------------------------------------------------------------------------------

#: What the words say is argparse's to refuse, with exit status 2 (docs/decisions.md, Command line).
_WORDS_REFUSED = "words, each a str: the command line refuses what they say with exit status 2"

COMMAND_LINE = [
    EntryPoint(
        "main",
        main,
        {"argv": _v(["quote", "web-hosting", "2", "--json"])},
        accepts={"argv": dict.fromkeys(("empty list", "set", "dict"), _WORDS_REFUSED)},
    ),
]

ENTRY_POINTS = [
    *LEDGER,
    *POSTED,
    *ACCESS,
    *TENDERS,
    *ADAPTERS,
    *PRICING,
    *TEXT_HELPERS,
    *SECURITY,
    *COMMAND_LINE,
]
