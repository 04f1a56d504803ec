"""Every public entry point fed bad data, by machine (SPEC §9).

Hypothesis draws, for one family of entry points at a time, an entry point, one of its parameters and a spoiler from
:data:`~tests.bad_input.harness.SPOILERS`; the other arguments stay valid (from the docs' examples). The laws, checked
by :func:`~tests.bad_input.harness.spoil`: only the library's own errors escape; an ``InvalidInput`` names the
parameter (or its documented field) and says in words the rule it broke; a refused command leaves its registry's
public state as it was; and a spoiler that is accepted is one the entry point documents as acceptable.

The regressions below the sweep pin each defect the sweep found, one by one.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from infomanager_core import Money
from infomanager_core.access import (
    Grant,
    Programme,
    can_export_clients,
    can_order,
    can_reach_client,
    grant_differences,
    hostings_of_family,
    is_wider,
)
from infomanager_core.access.examples import MONDAY, example_programme
from infomanager_core.adapters.clients_csv import write_managed_clients_csv
from infomanager_core.adapters.journal_csv import effect_of, write_journal_csv
from infomanager_core.adapters.price_list_toml import load_price_list
from infomanager_core.adapters.spreadsheet import spreadsheet_safe
from infomanager_core.adapters.sqlite_ledger import SqliteLedgerStore
from infomanager_core.adapters.statement_csv import write_statement_csv
from infomanager_core.errors import InvalidInput
from infomanager_core.formatting import format_money
from infomanager_core.ledger import (
    Account,
    JournalDigest,
    credit_settlement,
    prepaid,
    replay,
    sequences_between,
    statement_of,
    system,
)
from infomanager_core.ledger.balances import balance_changes
from infomanager_core.ledger.plans import cashback_key
from infomanager_core.money import round_half_up
from infomanager_core.notifications import BillingNotifications
from infomanager_core.pricing import Cashback, PriceListError, pricing_steps, quote_line
from infomanager_core.security import Avatar, CompromiseStep
from infomanager_core.tags import InvalidTagRules, name_key, tag_colour, tag_name
from infomanager_core.tenders import TenderBoard, is_open
from infomanager_core.text import is_email_address
from tests.bad_input import books, edges, joined, methods, more, registries, rules, values
from tests.bad_input.harness import SPOILERS, EntryPoint, Text, Touchy, spoil
from tests.refusals import state_of

FAMILIES: dict[str, list[EntryPoint]] = {
    "money, pricing, formatting and text": values.ENTRY_POINTS,
    "programme, tagging, notifications, tenders and orders": registries.ENTRY_POINTS,
    "ledger and security": books.ENTRY_POINTS,
    "access, notifications, tenders, security, tags and ledger rules": rules.ENTRY_POINTS,
    "answers, recovery, bookings, settlements and statements": more.ENTRY_POINTS,
    "constructors, replays, secrets and adapters": edges.ENTRY_POINTS,
    "methods of values, the account's last commands and the ledger's readers": methods.ENTRY_POINTS,
    "digests, readers, operations, last decisions, writers and look-ups": joined.ENTRY_POINTS,
}


def _cases(entries: list[EntryPoint]) -> list[tuple[EntryPoint, str]]:
    return [(entry, parameter) for entry in entries for parameter in entry.parameters()]


def _sweep(entries: list[EntryPoint]):  # type: ignore[no-untyped-def]
    @given(case=st.sampled_from(_cases(entries)), spoiler=st.sampled_from(sorted(SPOILERS)))
    def test(case: tuple[EntryPoint, str], spoiler: str) -> None:
        entry, parameter = case
        spoil(entry, parameter, spoiler)

    return test


test_money_pricing_formatting_and_text_refuse_bad_input_by_name = _sweep(values.ENTRY_POINTS)
test_programme_tagging_notifications_tenders_and_orders_refuse_bad_input_unchanged = _sweep(registries.ENTRY_POINTS)
test_the_ledger_and_the_security_account_refuse_bad_input_unchanged = _sweep(books.ENTRY_POINTS)
test_the_rules_of_every_area_refuse_bad_input_by_name = _sweep(rules.ENTRY_POINTS)
test_answers_recovery_bookings_and_statements_refuse_bad_input_unchanged = _sweep(more.ENTRY_POINTS)
test_constructors_replays_secrets_and_adapters_refuse_bad_input_by_name = _sweep(edges.ENTRY_POINTS)
test_methods_of_values_and_the_ledgers_readers_refuse_bad_input_by_name = _sweep(methods.ENTRY_POINTS)
test_digests_readers_operations_writers_and_look_ups_refuse_bad_input_by_name = _sweep(joined.ENTRY_POINTS)


@pytest.mark.parametrize(
    "entry", [entry for entries in FAMILIES.values() for entry in entries], ids=lambda entry: entry.name
)
def test_every_entry_point_accepts_its_valid_arguments(entry: EntryPoint) -> None:
    """The sweep spoils one argument of a call that works: otherwise a refusal would prove nothing."""
    subject = entry.make()
    arguments = {name: value() for name, value in entry.arguments.items()}
    assert (entry.call(**arguments) if subject is None else entry.call(subject, **arguments)) is not NotImplemented


@pytest.mark.parametrize(
    "entry",
    [entry for entries in FAMILIES.values() for entry in entries if entry.call.__name__ != "<lambda>"],
    ids=lambda entry: entry.name,
)
def test_every_parameter_of_an_entry_point_is_spoiled(entry: EntryPoint) -> None:
    taken = [name for name in inspect.signature(entry.call).parameters if name not in {"self", "cls"}]
    assert set(taken) <= set(entry.parameters()) | entry.unspoiled, (
        f"{entry.name} leaves {set(taken) - set(entry.parameters())}"
    )


# -- regressions: one test per defect the sweep found ---------------------------------------------------------------


@pytest.mark.parametrize("unhashable", [["acme"], {"acme"}, {"acme": 1}, Decimal("sNaN"), Touchy()], ids=repr)
def test_prepaid_and_system_refuse_what_their_cache_cannot_hash_by_name(unhashable: object) -> None:
    """``prepaid`` and ``system`` are cached: the cache hashed a list before Account could refuse it (TypeError)."""
    with pytest.raises(InvalidInput) as owner:
        prepaid(unhashable, "CHF")  # type: ignore[arg-type]
    with pytest.raises(InvalidInput) as code:
        prepaid("acme", unhashable)  # type: ignore[arg-type]
    with pytest.raises(InvalidInput) as kind:
        system(unhashable, "CHF")  # type: ignore[arg-type]
    assert (owner.value.field, code.value.field, kind.value.field) == ("owner", "currency", "kind")


def test_an_account_of_no_kind_is_refused_naming_its_kind() -> None:
    """``AccountKind("bogus")`` raised a bare ValueError from the converter."""
    with pytest.raises(InvalidInput, match=r"^kind: 'bogus' must be an AccountKind"):
        Account(kind="bogus", owner="", currency="CHF")
    with pytest.raises(InvalidInput, match=r"^kind: 'bogus' must be an AccountKind"):
        system("bogus", "CHF")  # type: ignore[arg-type]


@pytest.mark.parametrize("rules", [None, {"max_length": 32}, "TagRules()"], ids=repr)
def test_tag_name_and_tag_colour_refuse_rules_that_are_no_tag_rules(rules: object) -> None:
    """Both read a limit from ``rules`` before checking it: an AttributeError escaped."""
    with pytest.raises(InvalidTagRules, match=r"^rules: .* must be a TagRules"):
        tag_name("Shop", rules)  # type: ignore[arg-type]
    with pytest.raises(InvalidTagRules, match=r"^rules: .* must be a TagRules"):
        tag_colour(2, rules)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"product": "web-hosting", "partner": True, "tier_rate": Decimal("0.25")}, "product"),
        ({"partner": "no", "tier_rate": Decimal("0.25")}, "partner"),
        ({"partner": 1, "tier_rate": Decimal("0.25")}, "partner"),
        ({"partner": True, "tier_rate": Decimal("NaN")}, "tier_rate"),
        ({"partner": True, "tier_rate": 0.25}, "tier_rate"),
        ({"partner": True, "tier_rate": None}, "tier_rate"),
        ({"partner": True, "tier_rate": Decimal("1")}, "tier_rate"),
    ],
    ids=repr,
)
def test_pricing_steps_refuses_a_product_a_flag_or_a_rate_of_the_wrong_kind(arguments: dict, field: str) -> None:
    """It used them as given: ``partner="no"`` counted as a partner quote, a NaN or None tier rate became a step."""
    arguments = {"product": values.PRICES.product("web-hosting"), **arguments}
    with pytest.raises(InvalidInput) as refused:
        pricing_steps(**arguments)
    assert refused.value.field == field


def test_pricing_steps_reads_a_rate_given_as_decimal_text_as_every_rate_is_read() -> None:
    web = values.PRICES.product("web-hosting")
    assert pricing_steps(web, partner=False, tier_rate="0.25") == pricing_steps(
        web, partner=False, tier_rate=Decimal("0.25")
    )


@pytest.mark.parametrize(
    ("amount", "places", "field"),
    [
        (Decimal("NaN"), 2, "amount"),
        (Decimal("Infinity"), 2, "amount"),
        (Decimal("sNaN"), 2, "amount"),
        (Decimal("0.125"), True, "places"),
        (Decimal("0.125"), Decimal("2"), "places"),
        (Decimal("0.125"), Decimal("NaN"), "places"),
        (Decimal("0.125"), 10**400, "places"),
        (Decimal("0.125"), Touchy(), "places"),
    ],
    ids=repr,
)
def test_round_half_up_refuses_a_nan_and_places_that_are_no_int(amount: Decimal, places: object, field: str) -> None:
    """A NaN came back as NaN, ``True`` rounded to one place, and a NaN or huge ``places`` was blamed on the amount."""
    with pytest.raises(InvalidInput) as refused:
        round_half_up(amount, places)  # type: ignore[arg-type]
    assert refused.value.field == field


def test_round_half_up_takes_negative_places_as_tens_as_documented() -> None:
    assert round_half_up(Decimal("125"), -1) == Decimal("1.3E+2")


def _touchy_calls() -> dict[str, Callable[[], object]]:
    """Calls whose one spoiled argument is an object whose ``__hash__`` and ``__eq__`` raise."""
    prices = values.PRICES
    web = prices.product("web-hosting")
    line = {"currency": "CHF", "partner": True}
    return {
        "Money.from_minor_units": lambda: Money.from_minor_units(150, Touchy()),  # type: ignore[arg-type]
        "format_money": lambda: format_money(Money("1", "CHF"), "fr_CH", currency_display=Touchy()),  # type: ignore[arg-type]
        "PriceList.product": lambda: prices.product(Touchy()),  # type: ignore[arg-type]
        "PriceList.tier_rate": lambda: prices.tier_rate(Touchy(), 35),  # type: ignore[arg-type]
        "Product.price": lambda: web.price(Touchy()),  # type: ignore[arg-type]
        "quote_line period": lambda: quote_line(prices, "web-hosting", 1, period=Touchy(), **line),  # type: ignore[arg-type]
        "BillingNotifications.due_date": lambda: BillingNotifications().due_date(Touchy()),  # type: ignore[arg-type]
        "TenderBoard.call": lambda: TenderBoard(example_programme()).call(Touchy(), client="bakery"),  # type: ignore[arg-type]
        "Account.application_password": lambda: books._account().application_password(Touchy()),  # type: ignore[arg-type]
        "Avatar media_type": lambda: Avatar(image="img-1", media_type=Touchy(), width=160, height=160),  # type: ignore[arg-type]
    }


@pytest.mark.parametrize("call", _touchy_calls().values(), ids=_touchy_calls())
def test_a_value_whose_hash_or_equality_raises_is_refused_not_touched(call: Callable[[], object]) -> None:
    """Look-ups caught only KeyError and TypeError, and membership tests compared before checking the type: the
    foreign object's own exception escaped."""
    with pytest.raises(InvalidInput):
        call()


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda p: can_order(p, "uma", ["bakery"]), "client"),
        (lambda p: can_reach_client(p, "uma", " bakery"), "client"),
        (lambda p: can_export_clients(p, "paula", None), "partner"),
        (lambda p: TenderBoard(p).calls_of(""), "client"),
        (lambda p: TenderBoard(p).opt_in("agency\n", at=MONDAY), "partner"),
        (lambda p: TenderBoard(p).excerpts_for(7, at=MONDAY), "partner"),
    ],
)
def test_a_malformed_organisation_is_refused_naming_the_parameter_that_held_it(
    call: Callable[[Programme], object], field: str
) -> None:
    """An unknown organisation named ``client`` or ``partner``, but a malformed one was refused by the programme's
    own look-up, naming ``organisation``: a panel could not map it back to its form field."""
    with pytest.raises(InvalidInput) as refused:
        call(example_programme())
    assert refused.value.field == field


@pytest.mark.parametrize("family", ["web-hosting\n", "web\x00hosting", "\ud800", " web-hosting"], ids=repr)
def test_hostings_of_family_refuses_a_family_no_held_product_could_have(family: str) -> None:
    """It refused only a blank family and counted 0 hostings of one with a line break: the rule of every held
    product's family (``printable_identifier``) now decides."""
    with pytest.raises(InvalidInput) as refused:
        hostings_of_family(rules._bakery(), family)
    assert refused.value.field == "family"


@pytest.mark.parametrize("every", ["spoiler of every parameter of every entry point"])
@pytest.mark.skipif(settings().max_examples < 1000, reason="exhaustive: the thorough profile only (make thorough)")
def test_every_spoiler_of_every_parameter_in_the_thorough_profile(every: str) -> None:
    """The sweeps above draw; this one tries every combination, as the review that wrote them did."""
    for entries in FAMILIES.values():
        for entry, parameter in _cases(entries):
            for spoiler in SPOILERS:
                spoil(entry, parameter, spoiler)


@pytest.mark.parametrize("order_id", [None, "A\n1", "", " A-1"])
def test_cashback_key_refuses_an_order_id_that_is_no_id(order_id: object) -> None:
    """``cashback_key(None)`` concatenated first (a bare TypeError), and ``cashback_key("A\\n1")`` was accepted."""
    with pytest.raises(InvalidInput) as refused:
        cashback_key(order_id)  # type: ignore[arg-type]
    assert (refused.value.field, refused.value.value) == ("order_id", order_id)


def test_a_str_subclass_is_the_text_it_holds() -> None:
    """Judgement call (docs/decisions.md): an id given as a ``str`` subclass names the same account as the text."""
    ledger = books._ledger()
    ledger.top_up(organisation=Text("acme"), amount=Money("5", Text("CHF")), effective=books.TODAY, key=Text("topup-5"))
    assert ledger.balances("acme", "CHF").posted == Money("215.00", "CHF")  # 200 + 10 + 5
    assert prepaid(Text("acme"), "CHF") == prepaid("acme", "CHF")


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"account": "prepaid:acme:CHF"}, "account"),
        ({"transactions": None}, "transactions"),
        ({"transactions": [None]}, "transactions"),
        ({"start": datetime(2026, 3, 1, tzinfo=UTC)}, "start"),
        ({"start": date(2026, 3, 2), "end": date(2026, 3, 1)}, "start/end"),
        ({"opening_units": Decimal("1")}, "opening_units"),
        ({"opening_units": 10**400}, "opening_units"),
        ({"requests": [1]}, "requests"),
    ],
    ids=repr,
)
def test_statement_of_refuses_what_the_ledgers_statement_would(arguments: dict, field: str) -> None:
    """It trusted every argument: an AttributeError, a TypeError or an InvalidOperation escaped."""
    call = {"account": prepaid("acme", "CHF"), "transactions": books._ledger().journal(), **arguments}
    with pytest.raises(InvalidInput) as refused:
        statement_of(**call)
    assert refused.value.field == field


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda journal: replay(journal, upto="2"), "upto"),
        (lambda journal: replay(journal, requests=[1]), "requests"),
        (lambda journal: replay(None), "transactions"),
        (lambda journal: replay(["transaction-1"]), "transactions"),
        (lambda journal: balance_changes(None), "transaction"),
        (lambda journal: balance_changes(journal[0], request="payout-1"), "request"),
    ],
)
def test_replay_and_balance_changes_refuse_what_is_no_journal(call: Callable[[tuple], object], field: str) -> None:
    """Both trusted their arguments: an AttributeError, a TypeError or a ValueError escaped."""
    with pytest.raises(InvalidInput) as refused:
        call(books._ledger().journal())
    assert refused.value.field == field


@pytest.mark.parametrize("name", ["ledger\x00.db", "\ud800.db"], ids=repr)
def test_an_sqlite_store_refuses_a_path_no_file_can_have(name: str, tmp_path: Path) -> None:
    """A NUL reached sqlite3 (bare ValueError), a lone surrogate the file-system encoding (UnicodeEncodeError)."""
    with pytest.raises(InvalidInput) as refused:
        SqliteLedgerStore(str(tmp_path / name))
    assert refused.value.field == "path"


def test_is_open_names_its_moment_at() -> None:
    """It said ``moment``, the parameter of a helper; every command names its moment ``at``."""
    with pytest.raises(InvalidInput) as refused:
        is_open(edges._call(), datetime(2026, 1, 5, 9, 0))
    assert refused.value.field == "at"


@pytest.mark.parametrize(
    ("arguments", "field"),
    [({"ledger": None}, "ledger"), ({"order_id": ["ORD-1"]}, "order_id"), ({"effective": "2026-03-02"}, "effective")],
    ids=repr,
)
def test_credit_settlement_checks_its_arguments_even_when_nothing_is_credited(arguments: dict, field: str) -> None:
    """A settlement without cashback returned None whatever came with it; with cashback, a ledger that was none
    raised an AttributeError."""
    nothing = more.settle_order(
        more.order_outcome(client="bakery", placed_by="bakery", partnership=None),
        more.cashback(more.PRICES, "web-hosting", 35, currency="EUR"),
    )
    call = {"ledger": books._ledger(), "settlement": nothing, "order_id": "ORD-1", "effective": books.TODAY}
    with pytest.raises(InvalidInput) as refused:
        credit_settlement(**(call | arguments))
    assert refused.value.field == field


def _value_method_calls() -> dict[str, tuple[Callable[[], object], str]]:
    """Calls of a value's method with one bad argument, and the field the refusal names."""
    sent = methods._invitation()
    codes = books._account().backup_codes
    assert codes is not None
    procedure = methods._compromised().compromise_procedure
    assert procedure is not None
    return {
        "Grant.covers a list": (lambda: Grant.limited(["web-1"]).covers(["web-1"]), "product"),  # type: ignore[arg-type]
        "Grant.covers a line break": (lambda: Grant.full().covers("web-1\n"), "product"),
        "Invitation.side another name": (lambda: sent.side("agency"), "name"),
        "Invitation.side a foreign object": (lambda: sent.side(Touchy()), "name"),  # type: ignore[arg-type]
        "Invitation.status_at a naive moment": (lambda: sent.status_at(datetime(2026, 1, 6)), "at"),
        "BackupCodes.used_at a list": (lambda: codes.used_at([0]), "index"),  # type: ignore[arg-type]
        "BackupCodes.used_at a bool": (lambda: codes.used_at(True), "index"),
        "CompromiseProcedure.take a name": (lambda: procedure.take("revoke", books.LATER), "step"),  # type: ignore[arg-type]
        "CompromiseProcedure.take a naive moment": (
            lambda: procedure.take(CompromiseStep.REVOKE_CREDENTIALS, datetime(2026, 1, 6)),
            "at",
        ),
        "sequences_between no reader": (lambda: sequences_between(books._ledger()), "reader"),  # type: ignore[arg-type]
    }


@pytest.mark.parametrize("case", _value_method_calls().values(), ids=_value_method_calls())
def test_methods_of_values_refuse_bad_input_naming_it(case: tuple[Callable[[], object], str]) -> None:
    """They trusted their argument: ``side("agency")`` answered the client, ``used_at(True)`` the first code, a list
    raised TypeError, a step given by name AttributeError, a ledger given for its reader AttributeError."""
    call, field = case
    with pytest.raises(InvalidInput) as refused:
        call()
    assert refused.value.field == field


@pytest.mark.parametrize("name", ["prices\x00.toml", "\ud800.toml"], ids=repr)
def test_load_price_list_refuses_a_path_no_file_can_have(name: str, tmp_path: Path) -> None:
    """A NUL raised a bare ValueError, a lone surrogate a UnicodeEncodeError."""
    with pytest.raises(PriceListError, match="no file name holds a NUL or a lone surrogate"):
        load_price_list(str(tmp_path / name))


@pytest.mark.parametrize(
    ("write", "field"),
    [
        (lambda stream: write_journal_csv(books._ledger().journal(), stream), "file"),
        (lambda stream: write_statement_csv(books._ledger().statement("acme", "CHF"), stream), "file"),
        (
            lambda stream: write_managed_clients_csv(example_programme(), stream, person="paula", partner="agency"),
            "stream",
        ),
    ],
    ids=["journal", "statement", "managed clients"],
)
@pytest.mark.parametrize("stream", [None, "journal.csv", Path("journal.csv")], ids=repr)
def test_the_csv_writers_refuse_what_is_no_stream_by_name(
    write: Callable[[object], object], field: str, stream: object
) -> None:
    """csv.writer raised a bare TypeError for a file name given in place of a stream."""
    with pytest.raises(InvalidInput) as refused:
        write(stream)
    assert refused.value.field == field


@pytest.mark.parametrize("command", ["invite", "authorise"])
def test_an_invitation_that_would_expire_past_the_calendar_is_refused_naming_at(command: str) -> None:
    """``at + invitation_validity`` overflowed: a bare OverflowError (the tender board already refused so)."""
    programme = example_programme()
    before = state_of(programme)
    last = datetime.max.replace(tzinfo=UTC)
    send = {
        "invite": lambda: programme.invite(partner="agency", client="cafe", grant=Grant.full(), by="paula", at=last),
        "authorise": lambda: programme.authorise(
            client="cafe", partner="agency", grant=Grant.full(), by="fred", at=last
        ),
    }[command]
    with pytest.raises(InvalidInput) as refused:
        send()
    assert refused.value.field == "at"
    assert state_of(programme) == before


# -- regressions of the entry points that joined the sweep (tests/bad_input/joined.py) ------------------------------


@pytest.mark.parametrize("text", [None, 7, b"carl@bakery.example", ["carl@bakery.example"]], ids=repr)
def test_is_email_address_refuses_what_is_no_text_by_name(text: object) -> None:
    """``len(None)`` raised a bare TypeError; a list of one address was measured, then matched (TypeError)."""
    with pytest.raises(InvalidInput) as refused:
        is_email_address(text)  # type: ignore[arg-type]
    assert refused.value.field == "text"


@pytest.mark.parametrize("name", [None, 7, b"Shop", Touchy()], ids=repr)
def test_name_key_refuses_what_is_no_text_by_name(name: object) -> None:
    """``unicodedata.normalize`` raised a bare TypeError for anything but a str."""
    with pytest.raises(InvalidInput) as refused:
        name_key(name)  # type: ignore[arg-type]
    assert refused.value.field == "name"


@pytest.mark.parametrize("text", [None, -40, b"-40 CHF"], ids=repr)
def test_spreadsheet_safe_refuses_what_is_no_text_by_name(text: object) -> None:
    """``text.startswith`` raised a bare AttributeError (and ``b"-40"`` a TypeError)."""
    with pytest.raises(InvalidInput) as refused:
        spreadsheet_safe(text)  # type: ignore[arg-type]
    assert refused.value.field == "text"


@pytest.mark.parametrize("transaction", [None, "topup-1", 1], ids=repr)
def test_effect_of_refuses_what_is_no_transaction_by_name(transaction: object) -> None:
    """``transaction.pending`` raised a bare AttributeError (write_journal_csv already refused by position)."""
    with pytest.raises(InvalidInput, match="must be a Transaction") as refused:
        effect_of(transaction)  # type: ignore[arg-type]
    assert refused.value.field == "transaction"


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: is_wider(None, Grant.full()), "wider"),  # type: ignore[arg-type]
        (lambda: is_wider(Grant.full(), "full"), "narrower"),  # type: ignore[arg-type]
        (lambda: grant_differences(["web-1"], Grant.full()), "requested"),  # type: ignore[arg-type]
        (lambda: grant_differences(Grant.full(), None), "granted"),  # type: ignore[arg-type]
    ],
)
def test_is_wider_and_grant_differences_refuse_what_is_no_grant_by_name(call: Callable[[], object], field: str) -> None:
    """``grant.is_full`` / ``grant.level`` raised a bare AttributeError."""
    with pytest.raises(InvalidInput, match="must be a Grant") as refused:
        call()
    assert refused.value.field == field


@pytest.mark.parametrize("person", [["carl"], {"carl"}, Touchy()], ids=repr)
def test_organisation_role_of_refuses_a_person_it_cannot_look_up(person: object) -> None:
    """The members' mapping hashed it first: a bare TypeError, or the foreign object's own exception."""
    bakery = example_programme().organisation("bakery")
    with pytest.raises(InvalidInput) as refused:
        bakery.role_of(person)  # type: ignore[arg-type]
    assert refused.value.field == "person"


@pytest.mark.parametrize("scheme", [["im-sha256-1"], {"im-sha256-1": 1}, Decimal("sNaN"), Touchy()], ids=repr)
def test_a_journal_digest_refuses_a_scheme_it_cannot_look_up(scheme: object) -> None:
    """The scheme was looked up in a set before its type was checked: a bare TypeError (or the object's own)."""
    kept = books._ledger().journal_digest()
    with pytest.raises(InvalidInput) as refused:
        JournalDigest(sequence=kept.sequence, digest=kept.digest, scheme=scheme)  # type: ignore[arg-type]
    assert refused.value.field == "scheme"


@pytest.mark.parametrize("which", ["public", "preferential"])
@pytest.mark.parametrize("spoiled", [None, Money("52.08", "CHF")], ids=repr)
def test_cashback_between_refuses_what_is_no_line_quote_by_name(which: str, spoiled: object) -> None:
    """``public.final`` raised a bare AttributeError."""
    quotes = {
        side: quote_line(values.PRICES, "web-hosting", 35, currency="CHF", partner=side == "preferential")
        for side in ("public", "preferential")
    }
    with pytest.raises(InvalidInput, match="must be a LineQuote") as refused:
        Cashback.between(**(quotes | {which: spoiled}))
    assert refused.value.field == which


@pytest.mark.parametrize("name", [None, 1, ("key",), Touchy()], ids=repr)
def test_transaction_meta_refuses_a_name_that_is_no_text(name: object) -> None:
    """Any name was compared with every key and answered ``None``: a caller's typo of a type passed for "absent"."""
    top_up = books._ledger().journal()[0]
    with pytest.raises(InvalidInput) as refused:
        top_up.meta(name)  # type: ignore[arg-type]
    assert refused.value.field == "name"


@pytest.mark.parametrize("store", ["memory", "SQLite"])
def test_a_stores_reader_refuses_an_organisation_it_cannot_look_up(store: str) -> None:
    """``reader.order_payment(["acme"], "ORD-1")``: the memory store hashes the key (TypeError), SQLite binds it
    (sqlite3.ProgrammingError); ``transaction``, ``recorded``, ``recorded_many``, ``resolution_of``, ``reversal_of``
    and ``balance`` do the same with their one argument."""
    ledger = books._ledger() if store == "memory" else books._sqlite_ledger()
    with ledger.store.reading() as reader, pytest.raises(InvalidInput) as refused:
        reader.order_payment(["acme"], "ORD-1")  # type: ignore[arg-type]
    assert refused.value.field == "organisation"
