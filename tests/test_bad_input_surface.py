"""The pin of the bad-input sweep: every public callable is swept, or exempt for a reason written here.

The public surface is found by machine: every name in the ``__all__`` of every area's package (and of each adapter and
the command line); for a class, its constructor and the public methods it defines. A callable that joins the surface
must join a family of ``tests/bad_input/`` (with valid arguments from the docs' examples) or the exemptions below,
with the reason it takes no input the sweep could spoil.
"""

from __future__ import annotations

import enum
import importlib
import inspect
import re

from tests.bad_input.harness import EntryPoint
from tests.test_bad_input_everywhere import FAMILIES

PACKAGES = (
    "infomanager_core",
    "infomanager_core.money",
    "infomanager_core.pricing",
    "infomanager_core.access",
    "infomanager_core.orders",
    "infomanager_core.tags",
    "infomanager_core.ledger",
    "infomanager_core.notifications",
    "infomanager_core.tenders",
    "infomanager_core.security",
    "infomanager_core.formatting",
    "infomanager_core.text",
    "infomanager_core.errors",
    "infomanager_core.adapters.clients_csv",
    "infomanager_core.adapters.journal_csv",
    "infomanager_core.adapters.price_list_toml",
    "infomanager_core.adapters.spreadsheet",
    "infomanager_core.adapters.statement_csv",
    "infomanager_core.adapters.sqlite_ledger",
    "infomanager_core.cli",
)

_NO_ARGUMENT = "a query of no argument: nothing to spoil"
_RECORD = "a record the library builds from checked input and hands back; a caller reads it, never builds it"
_STORE = (
    "the store protocol under the Ledger, which checks every argument before a store sees it; a reader is reached "
    "inside a unit of work, so its look-ups are held to refuse a value of another type by name on every store by "
    "the store contract (tests/ledger/test_store_contract.py, test_a_reader_refuses_a_look_up_by_a_value_of_another_"
    "type_naming_its_parameter)"
)

#: Public callables the sweep leaves out on purpose, each with its reason.
EXEMPT: dict[str, str] = {
    # -- queries of no argument and accessors of a value
    **dict.fromkeys(
        (
            "Money.is_negative",
            "Money.is_rounded",
            "Money.is_zero",
            "Money.minor_units",
            "Money.rounded",
            "Grant.describe",
            "Programme.check_invariants",
            "BillingNotifications.check_invariants",
            "BillingNotifications.organisations",
            "Tagging.check_invariants",
            "TenderBoard.check_invariants",
            "security.Account.check_invariants",
            "LeadTime.sort_key",
            "Notification.sort_key",
            "OrderQuote.explain",
            "Quote.cash_rounding",
            "known_currency_codes",
            "example_price_list",
        ),
        _NO_ARGUMENT,
    ),
    # -- records the library builds (results, events, credentials, decisions)
    **dict.fromkeys(
        (
            "CashRounding",
            "Currency",  # made by currency(code), which is swept
            "AccessEvent",
            "Decision",
            "GrantDifference",
            "Invitation",  # its methods are swept (methods.py)
            "OrderOutcome",
            "Partnership",
            "Settlement",
            "Reason",
            "security.Account",  # made by Account.open, which is swept
            "AccountBalance",
            "Balances",
            "Posting",
            "Transaction",  # its methods are swept (joined.py)
            "Statement",
            "StatementLine",
            "PostedBatch",
            "Notification",
            "PreferenceEvent",
            "RegisteredOrganisation",
            "BookedOrder",
            "OrderQuote",
            "QuotedLine",
            "Cashback",  # Cashback.between is swept
            "LineQuote",
            "LineShare",  # made by split_line, which is swept
            "PricedLine",
            "Quote",
            "Step",
            "ApiToken",
            "ApplicationPassword",
            "AvatarWarning",
            "BackupCodes",  # used_at is swept (methods.py)
            "CompromiseProcedure",  # take is swept (methods.py)
            "DeletedVerificationData",
            "IdentityVerification",
            "NewBackupCodes",
            "NewSecret",
            "OpenedAccount",
            "SecretHash",  # SecretHash.parse is swept (edges.py)
            "SecurityEvent",
            "SecurityReview",
            "TwoFactorMethod",
            "Tag",
            "TagCount",
            "TagEvent",
            "CallExcerpt",
            "CallForTender",
            "Confirmation",
            "OpenedCall",
            "Opening",
            "Proposal",
            "TenderEvent",
        ),
        _RECORD,
    ),
    # -- the stores
    **dict.fromkeys(
        (
            "LedgerReader.balance",
            "LedgerReader.balances",
            "LedgerReader.head",
            "LedgerReader.order_payment",
            "LedgerReader.paid_orders",
            "LedgerReader.prepaid_balances_of",
            "LedgerReader.recorded",
            "LedgerReader.recorded_many",
            "LedgerReader.resolution_of",
            "LedgerReader.reversal_of",
            "LedgerReader.transaction",
            "LedgerReader.transactions",
            "LedgerSession.append",
            "LedgerStore.batch",
            "LedgerStore.close",
            "LedgerStore.reading",
            "LedgerStore.writing",
            "MemoryLedgerStore",
            "SqliteLedgerStore.batch",
            "SqliteLedgerStore.close",
            "SqliteLedgerStore.reading",
            "SqliteLedgerStore.writing",
        ),
        _STORE,
    ),
    "SqliteLedgerStore.check_file": "a query of the store's own file, of no argument: nothing to spoil",
    "AccountBalance.plus": (
        "a store's arithmetic: the change a transaction makes, added to a balance the store keeps, on every write; "
        "the Ledger turns what a store holds into Balances before a caller sees it"
    ),
}

#: The memory store is its own reader and session: its methods are the protocol's, swept or exempt with it.
_PROTOCOLS = ("LedgerReader", "LedgerSession", "LedgerStore")
_MEMORY_STORE = "MemoryLedgerStore"


def _kind_exempt(cls: type) -> bool:
    """Whether every class of this kind is left out: an error the library raises (a caller catches it, never builds
    it from input), an enumeration (its members are the values, swept where they are taken) or a protocol (not
    instantiable; its methods are listed one by one)."""
    return issubclass(cls, BaseException | enum.Enum) or bool(getattr(cls, "_is_protocol", False))


def _members(cls: type) -> dict[str, object]:
    """A class's attributes: its own, and those it takes from the library's classes it derives from (an aggregate's
    commands stand in a module a concept, gathered by inheritance); a protocol's are listed where it declares them."""
    members: dict[str, object] = {}
    for klass in reversed(cls.__mro__):
        if klass is cls or (klass.__module__.startswith("infomanager_core.") and not _kind_exempt(klass)):
            members.update(vars(klass))
    return members


def public_callables() -> dict[str, object]:
    """Every public callable by its qualified name (a function, a constructor, a public method of a class), found
    where it is first exported; two classes or functions of one name (the ledger's and the security ``Account``,
    access's and the ledger's ``replay``) keep both, the later one prefixed with its area."""
    found: dict[str, object] = {}
    for package in PACKAGES:
        module = importlib.import_module(package)
        area = package.removeprefix("infomanager_core").lstrip(".")
        for name in module.__all__:
            value = getattr(module, name)
            if any(value is known for known in found.values()):
                continue
            if inspect.isclass(value):
                if issubclass(value, BaseException | enum.Enum):
                    continue
                prefix = value.__qualname__
                if prefix in found:
                    prefix = f"{area}.{prefix}"
                if not _kind_exempt(value):
                    found[prefix] = value
                for attribute, member in _members(value).items():
                    if not attribute.startswith("_") and (
                        inspect.isfunction(member) or isinstance(member, staticmethod | classmethod)
                    ):
                        found[f"{prefix}.{attribute}"] = getattr(member, "__func__", member)
            elif inspect.isroutine(value) or hasattr(value, "__wrapped__"):  # a cached function too; no type alias
                qualified = getattr(value, "__qualname__", name)
                found[f"{area}.{qualified}" if qualified in found else qualified] = value
    return found


def _swept_by(entry: EntryPoint) -> tuple[object | None, set[str]]:
    """What an entry point sweeps: its callable, and for a lambda the public names its own name gives."""
    call = getattr(entry.call, "__func__", entry.call)
    if "<lambda>" not in getattr(call, "__qualname__", ""):
        return call, set()
    name = re.sub(r"^(memory|SQLite) ", "", entry.name)
    posted = re.fullmatch(r"post_many\(\[(\w+)\]\)", name)
    return None, {"Ledger.post_many", posted[1]} if posted else {name}


def swept() -> set[str]:
    """The public names the families sweep."""
    surface = public_callables()
    calls: list[object] = []
    names: set[str] = set()
    for entries in FAMILIES.values():
        for entry in entries:
            call, named = _swept_by(entry)
            if call is not None:
                calls.append(call)
            names |= named
    covered = names | {name for name, value in surface.items() if any(value is call for call in calls)}
    return covered | {
        name
        for name in surface
        if name.startswith(f"{_MEMORY_STORE}.")
        and any(f"{protocol}.{name.split('.', 1)[1]}" in covered | set(EXEMPT) for protocol in _PROTOCOLS)
    }


def test_every_public_callable_is_swept_or_exempt_for_a_reason() -> None:
    """A public callable added without joining the sweep fails here, by name."""
    covered = swept() | set(EXEMPT)
    missing = sorted(name for name in public_callables() if name not in covered)
    assert not missing, f"{len(missing)} public callables are neither swept nor exempt: {missing}"


def test_every_exemption_names_a_public_callable_the_sweep_leaves_out() -> None:
    """An exemption for a callable that left the surface, or that joined the sweep since, is stale."""
    assert sorted(set(EXEMPT) - set(public_callables())) == []
    assert sorted(set(EXEMPT) & swept()) == []
    assert all(reason.strip() for reason in EXEMPT.values())


def test_the_surface_holds_every_routine_each_package_exports() -> None:
    """Two functions of one name were one entry of the surface: the ledger's ``replay`` hid access's, which no family
    swept."""
    surface = list(public_callables().values())
    hidden = [
        f"{package}.{name}"
        for package in PACKAGES
        for name in importlib.import_module(package).__all__
        if inspect.isroutine(value := getattr(importlib.import_module(package), name))
        and not any(value is known for known in surface)
    ]
    assert hidden == []
