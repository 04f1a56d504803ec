"""A reader's look-ups by a value of the right type that no journal can hold answer "nothing", on every store.

The store contract refuses a look-up by a value of another type, naming its parameter
(``test_store_contract.py``); a value of the right type that names nothing is answered ``None`` (or no
transaction). Found by throwing values at the readers of every store and comparing their answers: the SQLite store
raised Python's own ``OverflowError`` for a sequence beyond SQLite's 64-bit integers, and ``UnicodeEncodeError`` for
a key, an organisation or an order id holding a lone surrogate (which UTF-8 cannot encode, and the ledger never
records), where the memory store and the journal store answer that nothing is there.
"""

from __future__ import annotations

from datetime import date

import pytest

from infomanager_core import Money
from infomanager_core.ledger import Ledger, prepaid

DAY = date(2026, 3, 2)
#: Sequences beyond SQLite's integers (from -2**63 to 2**63 - 1), either way: no transaction has one.
BEYOND = [2**63, 2**70, -(2**63) - 1]
#: Text no journal holds: UTF-8 cannot encode a lone surrogate, and the ledger refuses one in every id.
UNENCODABLE = ["\ud800", "key-\udfff"]


def three_transactions(ledger: Ledger) -> None:
    """A top-up, a payment of order O-1 and its reversal."""
    ledger.top_up(organisation="acme", amount=Money("10", "CHF"), effective=DAY, key="t-1")
    paid = ledger.pay_order(organisation="acme", order_id="O-1", amount=Money("4", "CHF"), effective=DAY, key="pay")
    ledger.reverse(sequence=paid.sequence, effective=DAY, key="undo")


@pytest.mark.parametrize("number", BEYOND, ids=repr)
def test_a_look_up_by_a_sequence_beyond_64_bits_finds_nothing_and_a_bound_beyond_them_bounds_all_or_nothing(
    ledger: Ledger, number: int
) -> None:
    three_transactions(ledger)
    acme = prepaid("acme", "CHF")
    with ledger.store.reading() as reader:
        everything, of_acme = list(reader.transactions()), list(reader.transactions(account=acme))
        assert (reader.transaction(number), reader.resolution_of(number), reader.reversal_of(number)) == (None,) * 3
        past_it = number > 0  # a bound past every sequence, rather than before them all
        assert list(reader.transactions(since=number)) == ([] if past_it else everything)
        assert list(reader.transactions(upto=number)) == (everything if past_it else [])
        assert list(reader.transactions(account=acme, since=number)) == ([] if past_it else of_acme)
        assert list(reader.transactions(account=acme, since=1, upto=number)) == (of_acme if past_it else [])


@pytest.mark.parametrize("text", UNENCODABLE, ids=ascii)
def test_a_look_up_by_text_utf8_cannot_encode_finds_nothing(ledger: Ledger, text: str) -> None:
    three_transactions(ledger)
    with ledger.store.reading() as reader:
        assert reader.recorded(text) is None
        assert reader.recorded_many([text, "t-1", text]) == {"t-1": reader.recorded("t-1")}
        assert reader.recorded_many([text]) == {}
        assert (reader.order_payment("acme", text), reader.order_payment(text, "O-1")) == (None, None)
        assert reader.prepaid_balances_of(text) == {}
