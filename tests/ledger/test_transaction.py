"""A transaction built from outside data (a hand-written correction, a row read back from a file, an import) is held
to the journal's laws when it is built: whole minor units that move money, a sequence from 1, a timezone-aware
recording time, only postings, and named fields; its metadata is text, and a pair that is not names itself.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import pytest

from infomanager_core import InvalidAmount, InvalidInput, Money
from infomanager_core.ledger import AccountKind, Posting, Transaction, TransactionKind, prepaid, system
from tests.bad_input.harness import Text
from tests.error_support import what_it_says
from tests.strategies import NoOffset

MONDAY = date(2026, 3, 2)
NINE = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
ACME = prepaid("acme", "CHF")
RECEIVED = system(AccountKind.TRANSFERS_RECEIVED, "CHF")


def top_up(**changes: Any) -> Transaction:
    """A 50.00 CHF top-up of acme, with ``changes`` to its fields."""
    fields: dict[str, Any] = {
        "sequence": 1,
        "key": "t-1",
        "kind": TransactionKind.TOP_UP,
        "effective": MONDAY,
        "recorded_at": NINE,
        "postings": (Posting(ACME, 5000), Posting(RECEIVED, -5000)),
    }
    return Transaction(**(fields | changes))


@pytest.mark.parametrize("units", [True, False, 50.0, Decimal("50"), "5000", None])
def test_a_posting_moves_an_int_number_of_minor_units_nothing_else(units: object) -> None:
    with pytest.raises(InvalidAmount) as raised:
        Posting(ACME, units)  # type: ignore[arg-type]
    assert (raised.value.field, raised.value.value, raised.value.rule) == (
        "units",
        units,
        "must be an int number of minor units",
    )


def test_a_posting_of_zero_units_is_refused_because_it_moves_no_money() -> None:
    with pytest.raises(InvalidAmount) as raised:
        Posting(ACME, 0)
    assert (raised.value.field, raised.value.rule) == ("units", "must not be zero (a posting moves money)")


@pytest.mark.parametrize(("units", "amount"), [(1, "0.01"), (-5208, "-52.08"), (100_000_000_00, "100000000.00")])
def test_a_postings_amount_is_its_units_in_its_accounts_currency(units: int, amount: str) -> None:
    assert Posting(ACME, units).amount == Money(amount, "CHF")
    assert Posting(prepaid("acme", "JPY"), units).amount == Money(units, "JPY")  # no minor unit in yen


@pytest.mark.parametrize("sequence", [0, -1, True, 1.0, "1", None])
def test_a_transaction_sequence_is_an_int_from_one(sequence: object) -> None:
    with pytest.raises(InvalidInput) as raised:
        top_up(sequence=sequence)
    assert (raised.value.field, raised.value.value, raised.value.rule) == ("sequence", sequence, "must be an int ≥ 1")


def test_the_first_sequence_is_one() -> None:
    assert top_up(sequence=1).sequence == 1


@pytest.mark.parametrize(
    "naive", [datetime(2026, 3, 2, 9, 0), datetime(2026, 3, 2, 9, 0, tzinfo=NoOffset())], ids=["no zone", "no offset"]
)
def test_a_transaction_recorded_at_a_naive_moment_is_refused(naive: datetime) -> None:
    with pytest.raises(InvalidInput) as raised:
        top_up(recorded_at=naive)
    assert (raised.value.field, raised.value.value, raised.value.rule) == (
        "recorded_at",
        naive,
        "must be a timezone-aware datetime",
    )
    zurich_winter = timezone(timedelta(hours=1))
    assert top_up(recorded_at=NINE.astimezone(zurich_winter)).recorded_at == NINE


@pytest.mark.parametrize("stray", [(ACME, 5000), 5000, None, "prepaid:acme:CHF 50.00"])
def test_a_transaction_holds_only_postings(stray: object) -> None:
    with pytest.raises(InvalidInput) as raised:
        top_up(postings=(stray, Posting(RECEIVED, -5000)))
    assert (raised.value.field, raised.value.value, raised.value.rule) == ("postings", stray, "must be Posting values")


def test_a_transaction_built_by_hand_is_posted_not_pending_unless_it_says_so() -> None:
    assert top_up().pending is False
    assert top_up(pending=True).pending is True


def test_a_transactions_accounts_are_those_it_touches_once_each_in_posting_order() -> None:
    eur = prepaid("acme", "EUR")
    transaction = top_up(
        postings=(
            Posting(ACME, 3000),
            Posting(RECEIVED, -5000),
            Posting(ACME, 2000),
            Posting(eur, 100),
            Posting(system(AccountKind.TRANSFERS_RECEIVED, "EUR"), -100),
        )
    )
    assert transaction.accounts == (ACME, RECEIVED, eur, system(AccountKind.TRANSFERS_RECEIVED, "EUR"))
    assert transaction.units_for(ACME) == 5000


def test_a_transactions_fields_are_named_never_taken_by_position() -> None:
    with pytest.raises(TypeError):
        Transaction(1, "t-1", TransactionKind.TOP_UP, MONDAY, NINE, ())  # type: ignore[misc]


RULE = "must be (name, text) pairs of texts"


@pytest.mark.parametrize(
    ("given", "pair"),
    [
        ((("order", "A-17"), ("amount", 17)), ("amount", 17)),
        ((("order", "A-17"), ["note", b"late"]), ["note", b"late"]),
        ((("order", "A-17"), ("note", None)), ("note", None)),
        ((("order",),), ("order",)),
        ((("order", "A-17", "x"),), ("order", "A-17", "x")),
        (["order"], "order"),
        (["ok"], "ok"),  # two letters are no (name, text) pair, though they unpack as one
        ([{"order": "A-17", "note": "late"}], {"order": "A-17", "note": "late"}),  # nor is a mapping of two names
    ],
)
def test_a_metadata_pair_that_is_not_two_texts_is_refused_naming_the_pair(given: object, pair: object) -> None:
    """A hand-edited file's metadata (``[["order", 17]]``) was taken as it was, to surface later as a bare error."""
    with pytest.raises(InvalidInput) as raised:
        top_up(metadata=given)
    assert what_it_says(raised.value) == ("metadata", tuple(given), RULE, f"not {pair!r}")  # type: ignore[arg-type]


@pytest.mark.parametrize("given", [None, 7, "order", b"order"])
def test_metadata_that_is_no_collection_of_pairs_is_refused(given: object) -> None:
    with pytest.raises(InvalidInput) as raised:
        top_up(metadata=given)
    assert what_it_says(raised.value)[:3] == ("metadata", given, RULE)


def test_metadata_read_as_lists_from_a_file_is_kept_as_pairs_in_its_order() -> None:
    assert top_up(metadata=[["order", "A-17"], ["destination", "CH93"]]).metadata == (
        ("order", "A-17"),
        ("destination", "CH93"),
    )


@pytest.mark.parametrize("key", [None, 17, "", " t-1", "t\n1"])
def test_a_transaction_key_is_an_id(key: object) -> None:
    with pytest.raises(InvalidInput) as raised:
        top_up(key=key)
    assert (raised.value.field, raised.value.value) == ("key", key)
    assert top_up(key="cashback:ORD-1").key == "cashback:ORD-1"


@pytest.mark.parametrize("effective", [NINE, "2026-03-02", None, 20260302])
def test_a_transaction_takes_effect_on_a_day_not_a_moment(effective: object) -> None:
    with pytest.raises(InvalidInput) as raised:
        top_up(effective=effective)
    assert what_it_says(raised.value)[:3] == (
        "effective",
        effective,
        "must be a date (the business day), not a moment",
    )


@pytest.mark.parametrize("recorded_at", ["2026-03-02T09:00:00+00:00", MONDAY, None])
def test_a_transaction_is_recorded_at_a_moment(recorded_at: object) -> None:
    with pytest.raises(InvalidInput) as raised:
        top_up(recorded_at=recorded_at)
    assert what_it_says(raised.value)[:3] == ("recorded_at", recorded_at, "must be a timezone-aware datetime")


@pytest.mark.parametrize("pending", [1, 0, "yes", None])
def test_a_transaction_is_pending_or_not_nothing_in_between(pending: object) -> None:
    with pytest.raises(InvalidInput) as raised:
        top_up(pending=pending)
    assert what_it_says(raised.value)[:3] == ("pending", pending, "must be True or False")


@pytest.mark.parametrize("field", ["reverses", "resolves"])
@pytest.mark.parametrize("link", [0, -3, True, 2.0, "2"])
def test_a_transaction_links_to_another_by_its_sequence(field: str, link: object) -> None:
    with pytest.raises(InvalidInput) as raised:
        top_up(**{field: link})
    assert what_it_says(raised.value)[:3] == (
        field,
        link,
        "must be None or the sequence (an int ≥ 1) of another transaction",
    )
    assert getattr(top_up(**{field: 2}), field) == 2


@pytest.mark.parametrize("account", ["prepaid:acme:CHF", None, ("prepaid", "acme", "CHF")])
def test_a_posting_is_on_an_account(account: object) -> None:
    with pytest.raises(InvalidInput) as raised:
        Posting(account, 5000)  # type: ignore[arg-type]
    assert what_it_says(raised.value)[:3] == ("account", account, "must be an Account")


def test_metadata_is_looked_up_by_a_str_a_subclass_of_it_too_and_bytes_are_refused_not_absent() -> None:
    transaction = top_up(metadata=[["order", "A-17"]])
    assert transaction.meta(Text("order")) == "A-17"
    with pytest.raises(InvalidInput) as raised:
        transaction.meta(b"order")  # type: ignore[arg-type]
    assert what_it_says(raised.value)[:3] == ("name", b"order", "must be a str")


@pytest.mark.parametrize(
    ("given", "found"),
    [
        ((("order", "A-17\x1b[31m"),), "U+001B"),  # an escape sequence a terminal would run
        ((("reference", "F-1003\n"),), "U+000A"),  # a line break, which splits a log line or a CSV row
        ((("reference", "F-1003\ud800"),), "U+D800"),  # a lone surrogate, which UTF-8 cannot encode
        ((("ord\u200eer", "A-17"),), "U+200E"),  # a format character in the name
    ],
)
def test_metadata_holding_a_text_no_writer_of_the_ledger_gives_is_refused_naming_the_character(
    given: object, found: str
) -> None:
    """Every writer checks what it records (an order id, a reference, a reason) by the text rule, so such metadata
    is a file edited by hand: read back, it printed escape sequences raw and crashed a UTF-8 export (review101)."""
    with pytest.raises(InvalidInput) as raised:
        top_up(metadata=given)
    assert raised.value.field == "metadata"
    assert raised.value.rule.endswith(f"(found {found})")


def test_metadata_of_printable_texts_that_no_id_rule_would_take_is_kept_as_given() -> None:
    """A reference is free text: a no-break space, a blank, an emoji are a bank's to send."""
    given = (("reference", "F\u00a01003 ✓"), ("reason", ""))
    assert top_up(metadata=given).metadata == given
