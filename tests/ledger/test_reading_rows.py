"""Reading transactions back from the SQLite file: the shortcut for rows as the store writes them.

A row of the file is outside data: it may have been edited by hand. The reader builds what this store writes (one
amount between two accounts of one currency, a sequence from 1, an aware recording time) without running the
transaction's validators again, and hands anything else to the validating constructor, whose rule names what is
wrong. The law: the shortcut builds exactly the transaction the validating constructor builds, and refuses exactly
the rows it refuses (as the broken law "every stored transaction is well-formed").
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any, NamedTuple

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from infomanager_core import InvalidInput
from infomanager_core.adapters.sqlite_ledger.rows import _transactions
from infomanager_core.ledger import (
    Account,
    AccountKind,
    InvariantViolation,
    Posting,
    Transaction,
    TransactionKind,
    prepaid,
    system,
)

ACCOUNTS = (
    ("prepaid", "acme", "CHF"),
    ("transfers_received", "", "CHF"),
    ("prepaid", "acme", "EUR"),
    ("order_settlement", "", "EUR"),
)

CHF = ACCOUNTS[:2]
NINE = datetime(2026, 3, 2, 9, tzinfo=UTC)
units = st.one_of(st.integers(-3, 3), st.sampled_from([500, -500, 2.5, "7", None]))
postings = st.lists(st.tuples(st.sampled_from(ACCOUNTS), units), max_size=3)
moments = st.sampled_from(
    [
        datetime(2026, 3, 2, 9, tzinfo=UTC),
        datetime(2026, 3, 2, 10, tzinfo=timezone(timedelta(hours=1))),
        datetime(2026, 3, 2, 9),  # naive: no store writes it
    ]
)


class Stored(NamedTuple):
    """One transaction as it may stand in the file: the rows the reader reads, and the same through the validators."""

    sequence: int
    kind: str
    moment: datetime
    pending: int
    moves: list[tuple[Any, Any]]
    key: Any = "k-1"
    links: tuple[Any, Any] = (None, None)
    metadata: Any = (("order", "A"),)

    def rows(self) -> list[Any]:
        """The journal rows, as the file's query returns them (one per posting, or one with none)."""
        head = (
            self.sequence,
            self.key,
            self.kind,
            "2026-03-02",
            self.moment.isoformat(),
            self.pending,
            *self.links,
            json.dumps(self.metadata),
        )
        if not self.moves:
            return [(*head, None, None, None, None)]
        return [(*head, *account, posted) for account, posted in self.moves]

    def built(self) -> Transaction:
        """The same transaction through every validator: the reference the reader's shortcut must agree with."""
        return Transaction(
            sequence=self.sequence,
            key=self.key,
            kind=TransactionKind(self.kind),
            effective=date(2026, 3, 2),
            recorded_at=self.moment,
            pending=bool(self.pending),
            reverses=self.links[0],
            resolves=self.links[1],
            postings=tuple(Posting(Account(kind=a[0], owner=a[1], currency=a[2]), posted) for a, posted in self.moves),
            metadata=tuple(tuple(pair) for pair in self.metadata),
        )


#: keys, links and metadata as a hand may have left them in the file: what the store writes, and what it never does
BAD_KEYS = ["", " k-1", "k\n1", "k\u200b1", "cle\u0301-1", "k-1\u3164", b"k-1", 17]  # NFD, a Hangul filler, bytes
keys = st.sampled_from(["k-1", "cashback:ORD-1", "clé-1", *BAD_KEYS])
links = st.tuples(*[st.sampled_from([None, None, 1, 2, 0, -1, "2"])] * 2)
metadata = st.sampled_from(
    [[], [["order", "A"]], [["destination", "CH93"], ["order", "A"]], [["order", 17]], [["order", None]], [[1, "A"]]]
)


WRITTEN = {"key": "k-1", "links": (None, None), "metadata": [["order", "A"]]}


def reader_agrees_with_the_validators(stored: Stored) -> None:
    """The shortcut builds what the validating constructor builds, and refuses what it refuses, by the same rule."""
    rows = stored.rows()
    try:
        expected = stored.built()
    except InvalidInput as error:
        rule = str(error)
    else:
        (read,) = _transactions(rows)
        assert read == expected
        assert type(read.postings) is tuple
        assert read.kind is expected.kind
        return
    with pytest.raises(InvariantViolation, match="every stored transaction is well-formed") as refused:
        list(_transactions(rows))
    assert rule in refused.value.detail  # the message shows the detail by its repr, which doubles a backslash


@example(sequence=1, kind="top_up", moment=NINE, pending=0, moves=[(CHF[0], 2), (CHF[1], -2), (CHF[1], 1)], **WRITTEN)
@example(sequence=1, kind="top_up", moment=NINE, pending=0, moves=[(CHF[0], 2), (CHF[1], -1), (CHF[1], -1)], **WRITTEN)
@example(sequence=1, kind="top_up", moment=NINE, pending=0, moves=[(CHF[0], 2), (CHF[1], -2)], **WRITTEN)
@given(
    sequence=st.integers(-1, 3),
    kind=st.sampled_from([kind.value for kind in TransactionKind]),
    moment=moments,
    pending=st.integers(0, 1),
    moves=postings,
    key=keys,
    links=links,
    metadata=metadata,
)
def test_the_reader_builds_what_the_validators_build_and_refuses_what_they_refuse(
    sequence: int,
    kind: str,
    moment: datetime,
    pending: int,
    moves: list[tuple[Any, Any]],
    key: Any,
    links: tuple[Any, Any],
    metadata: list[Any],
) -> None:
    reader_agrees_with_the_validators(Stored(sequence, kind, moment, pending, moves, key, links, metadata))


@pytest.mark.parametrize("key", BAD_KEYS, ids=repr)
def test_a_key_edited_by_hand_is_read_through_the_validators(key: Any) -> None:
    """Each key the shortcut must leave to the constructor, in a row otherwise as the store writes it."""
    reader_agrees_with_the_validators(Stored(1, "top_up", NINE, 0, [(CHF[0], 2), (CHF[1], -2)], key, (None, None), []))
    with pytest.raises(InvariantViolation):
        list(_transactions(Stored(1, "top_up", NINE, 0, [(CHF[0], 2), (CHF[1], -2)], key, (None, None), []).rows()))


#: links and metadata the shortcut must leave to the constructor: the random draws above rarely pair them with a row
#: otherwise as the store writes it, so each is a case of its own
BAD_LINKS = [(0, None), (-1, None), ("2", None), (True, None), (2.0, None), (None, 0), (None, "2"), (None, True)]
BAD_METADATA = [
    [["order", 17]],
    [["order", None]],
    [[1, "A"]],
    [["order", "A"], ["note", 5]],
    # texts no writer records: the shortcut's isprintable checks, a value's and a name's, each on its own
    [["order", "A-1\x1b[31m"]],
    [["order", "A"], ["reference", "F-1\u2028"]],
    [["ord\x07er", "A"]],
]


@pytest.mark.parametrize("links", BAD_LINKS, ids=repr)
def test_a_link_edited_by_hand_is_read_through_the_validators(links: tuple[Any, Any]) -> None:
    reader_agrees_with_the_validators(Stored(1, "top_up", NINE, 0, [(CHF[0], 2), (CHF[1], -2)], "k-1", links, []))
    with pytest.raises(InvariantViolation):
        list(_transactions(Stored(1, "top_up", NINE, 0, [(CHF[0], 2), (CHF[1], -2)], "k-1", links, []).rows()))


@pytest.mark.parametrize("metadata", BAD_METADATA, ids=repr)
def test_metadata_edited_by_hand_is_read_through_the_validators(metadata: list[Any]) -> None:
    reader_agrees_with_the_validators(
        Stored(1, "top_up", NINE, 0, [(CHF[0], 2), (CHF[1], -2)], "k-1", (None, None), metadata)
    )
    with pytest.raises(InvariantViolation):
        list(
            _transactions(
                Stored(1, "top_up", NINE, 0, [(CHF[0], 2), (CHF[1], -2)], "k-1", (None, None), metadata).rows()
            )
        )


@pytest.mark.parametrize("key", ["k-1", "clé-1"], ids=["shortcut", "validators"])
def test_a_pending_row_is_read_back_pending_whichever_way_it_is_built(key: str) -> None:
    """A key with an accent (no plain id) sends the row to the constructor: it reads the pending flag as the shortcut
    does (the random draws rarely paired such a key with a pending row that otherwise holds)."""
    stored = Stored(2, "payout_request", NINE, 1, [(CHF[0], -500), (("payouts_in_transit", "", "CHF"), 500)], key)
    (read,) = _transactions(stored.rows())
    assert read.pending is True
    assert read == stored.built()


def test_the_shortcut_is_taken_for_rows_as_the_store_writes_them() -> None:
    # one amount between two accounts of one currency: the usual row, read without running a validator
    moves = [(ACCOUNTS[0], 500), (ACCOUNTS[1], -500)]
    (read,) = _transactions(Stored(1, "top_up", datetime(2026, 3, 2, 9, tzinfo=UTC), 0, moves).rows())
    assert read.postings == (
        Posting(prepaid("acme", "CHF"), 500),
        Posting(system(AccountKind.TRANSFERS_RECEIVED, "CHF"), -500),
    )


@pytest.mark.parametrize(
    ("moves", "rule"),
    [
        ([(ACCOUNTS[0], 500), (ACCOUNTS[3], -500)], "must sum to zero in every currency"),  # CHF against EUR
        ([(ACCOUNTS[0], 500), (ACCOUNTS[1], -400)], "must sum to zero in every currency"),
        ([(ACCOUNTS[0], 0), (ACCOUNTS[1], 0)], "must not be zero"),
        ([(ACCOUNTS[0], "500"), (ACCOUNTS[1], -500)], "must be an int number of minor units"),
    ],
)
def test_a_row_edited_by_hand_is_named_by_the_rule_it_breaks(moves: list[tuple[Any, Any]], rule: str) -> None:
    with pytest.raises(InvariantViolation, match=rf"transaction #1: .*{rule}"):
        list(_transactions(Stored(1, "top_up", datetime(2026, 3, 2, 9, tzinfo=UTC), 0, moves).rows()))


def test_a_row_with_sequence_zero_or_a_naive_time_is_refused_though_it_balances() -> None:
    moves = [(ACCOUNTS[0], 500), (ACCOUNTS[1], -500)]
    with pytest.raises(InvariantViolation, match="sequence: 0 must be an int ≥ 1"):
        list(_transactions(Stored(0, "top_up", datetime(2026, 3, 2, 9, tzinfo=UTC), 0, moves).rows()))
    with pytest.raises(InvariantViolation, match=r"recorded_at: .* must be a timezone-aware datetime"):
        list(_transactions(Stored(1, "top_up", datetime(2026, 3, 2, 9), 0, moves).rows()))


# -- units_for: by the account's name ------------------------------------------------------------------------------

KNOWN = [Account(kind=a[0], owner=a[1], currency=a[2]) for a in ACCOUNTS]
OTHER_SIDE = dict(zip(KNOWN, [KNOWN[1], KNOWN[0], KNOWN[3], KNOWN[2]], strict=True))  # the same currency


def moving(postings: list[Posting]) -> Transaction:
    """A top-up of ``postings`` (balanced), as any journal holds one."""
    return Transaction(
        sequence=1,
        key="k",
        kind=TransactionKind.TOP_UP,
        effective=date(2026, 3, 2),
        recorded_at=datetime(2026, 3, 2, tzinfo=UTC),
        postings=postings,
    )


@given(moves=st.lists(st.tuples(st.sampled_from(KNOWN), st.integers(1, 900)), min_size=1, max_size=4))
def test_units_for_an_account_is_what_its_postings_put_on_it(moves: list[tuple[Account, int]]) -> None:
    postings = [Posting(account, units) for account, units in moves]
    postings += [Posting(OTHER_SIDE[account], -units) for account, units in moves]  # balanced in every currency
    transaction = moving(postings)
    for asked in KNOWN:
        assert transaction.units_for(asked) == sum(posting.units for posting in postings if posting.account == asked)


def test_units_for_refuses_what_is_not_an_account_by_name() -> None:
    transaction = moving(
        [Posting(prepaid("acme", "CHF"), 5), Posting(system(AccountKind.TRANSFERS_RECEIVED, "CHF"), -5)]
    )
    assert transaction.units_for(prepaid("acme", "CHF")) == 5
    assert transaction.units_for(prepaid("acme", "EUR")) == 0
    with pytest.raises(InvalidInput, match="account: 'prepaid:acme:CHF' must be an Account"):
        transaction.units_for("prepaid:acme:CHF")  # type: ignore[arg-type]
