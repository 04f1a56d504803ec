"""CSV export of the whole journal, for an auditor: one row per posting, every balance a sum of rows.

Each transaction gives one row per posting, in sequence order: its sequence, key, kind, business date and the moment
it was recorded, then the account, the amount (a plain decimal in the currency's minor unit, signed as the posting)
and the currency, then what the posting does to the account's balance — the ``effect`` column:

* ``posted``: it moves the posted balance (every transaction except those below, a payout completion included);
* ``reserved``: a payout request, pending: it only reserves the amount (``available`` goes down, ``posted`` does not);
* ``released``: a payout's failure or cancellation: it releases the reservation and moves nothing.

So an account's posted balance is the sum of its ``posted`` rows — a spreadsheet's ``SUMIFS`` gives every balance
of the ledger back to the cent. Its pending payouts are the ``reserved`` rows of the requests that no row
``resolves`` (a request's rows stay ``reserved`` after it is completed: the completion's own rows are ``posted``).
The last columns say which transaction a row ``reverses`` or ``resolves`` and hold the transaction's metadata as JSON
pairs. Dates are ISO 8601 and text cells that a spreadsheet would run as a formula are prefixed with ``'``
(:func:`~infomanager_core.adapters.spreadsheet.spreadsheet_safe`).

>>> from datetime import UTC, date, datetime
>>> from infomanager_core.ledger import Iban, Ledger
>>> from infomanager_core.money import Money
>>> ledger = Ledger(clock=lambda: datetime(2026, 3, 2, 9, 30, tzinfo=UTC))
>>> _ = ledger.top_up(organisation="acme", amount=Money("100", "CHF"), effective=date(2026, 3, 2), key="t-1")
>>> request = ledger.request_payout(organisation="acme", amount=Money("40", "CHF"),
...     destination=Iban("CH9300762011623852957"), effective=date(2026, 3, 2), key="p-1")
>>> print(journal_csv(ledger.journal()), end="")  # doctest: +NORMALIZE_WHITESPACE
sequence,key,kind,effective,recorded_at,account,amount,currency,effect,reverses,resolves,metadata
1,t-1,top_up,2026-03-02,2026-03-02T09:30:00+00:00,prepaid:acme:CHF,100.00,CHF,posted,,,[]
1,t-1,top_up,2026-03-02,2026-03-02T09:30:00+00:00,transfers_received:CHF,-100.00,CHF,posted,,,[]
2,p-1,payout_request,2026-03-02,2026-03-02T09:30:00+00:00,payouts_in_transit:CHF,40.00,CHF,reserved,,,"[[""destination"", ""iban:CH9300762011623852957""]]"
2,p-1,payout_request,2026-03-02,2026-03-02T09:30:00+00:00,prepaid:acme:CHF,-40.00,CHF,reserved,,,"[[""destination"", ""iban:CH9300762011623852957""]]"
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import TextIO

from ..errors import InvalidInput
from ..ledger.transaction import VOIDS, Transaction
from ..money import Money
from .spreadsheet import spreadsheet_safe

__all__ = ["JOURNAL_COLUMNS", "effect_of", "journal_csv", "write_journal_csv"]

JOURNAL_COLUMNS = (
    "sequence",
    "key",
    "kind",
    "effective",
    "recorded_at",
    "account",
    "amount",
    "currency",
    "effect",
    "reverses",
    "resolves",
    "metadata",
)


def effect_of(transaction: Transaction) -> str:
    """What the transaction's postings do to balances: ``posted``, ``reserved`` (pending) or ``released`` (a void).

    >>> from datetime import UTC, date, datetime
    >>> from infomanager_core.ledger import Ledger
    >>> from infomanager_core.money import Money
    >>> ledger = Ledger()
    >>> effect_of(ledger.top_up(organisation="acme", amount=Money("1", "CHF"), effective=date(2026, 3, 2), key="t"))
    'posted'
    """
    if not isinstance(transaction, Transaction):
        raise InvalidInput("transaction", transaction, "must be a Transaction")
    if transaction.pending:
        return "reserved"
    return "released" if transaction.kind in VOIDS else "posted"


def write_journal_csv(transactions: Iterable[Transaction], file: TextIO) -> None:
    """Write ``transactions`` to ``file`` as CSV: a header, then one row per posting (see the module's docstring).

    The transactions are streamed: one that is not a :class:`Transaction` is refused, naming its position, when it is
    reached, after the rows of those before it.

    >>> from datetime import date
    >>> from infomanager_core.ledger import Ledger
    >>> ledger = Ledger()
    >>> _ = ledger.top_up(organisation="acme", amount=Money("10", "CHF"), effective=date(2026, 3, 2), key="t-1")
    >>> file = io.StringIO()
    >>> write_journal_csv(ledger.journal(), file)
    >>> [row.split(",")[5] for row in file.getvalue().splitlines()[1:]]
    ['prepaid:acme:CHF', 'transfers_received:CHF']
    """
    if isinstance(transactions, str | bytes) or not isinstance(transactions, Iterable):
        raise InvalidInput("transactions", transactions, "must be an iterable of Transaction (e.g. Ledger.journal())")
    if not callable(getattr(file, "write", None)):  # csv.writer raised a bare TypeError
        raise InvalidInput(
            "file", file, "must be a text stream open for writing", hint="e.g. open(path, 'w', newline='')"
        )
    writer = csv.writer(file, lineterminator="\n")
    writer.writerow(JOURNAL_COLUMNS)
    for index, transaction in enumerate(transactions):
        if not isinstance(transaction, Transaction):
            raise InvalidInput(f"transactions[{index}]", transaction, "must be a Transaction")
        effect = effect_of(transaction)
        common = (
            transaction.sequence,
            spreadsheet_safe(transaction.key),
            transaction.kind.value,
            transaction.effective.isoformat(),
            transaction.recorded_at.isoformat(),
        )
        links = tuple("" if link is None else link for link in (transaction.reverses, transaction.resolves))
        metadata = spreadsheet_safe(json.dumps([list(pair) for pair in transaction.metadata], ensure_ascii=False))
        for posting in transaction.postings:
            code = posting.account.currency
            amount = Money.from_minor_units(posting.units, code).amount
            writer.writerow(
                (*common, spreadsheet_safe(str(posting.account)), str(amount), code, effect, *links, metadata)
            )


def journal_csv(transactions: Iterable[Transaction]) -> str:
    """The transactions as CSV text.

    >>> from datetime import UTC, date, datetime
    >>> from infomanager_core.ledger import Ledger
    >>> from infomanager_core.money import Money
    >>> ledger = Ledger(clock=lambda: datetime(2026, 3, 2, 9, 30, tzinfo=UTC))
    >>> _ = ledger.credit_cashback(partner="acme", order_id="A-1", amount=Money("52.08", "CHF"),
    ...     effective=date(2026, 3, 2))
    >>> print(journal_csv(ledger.journal()).splitlines()[1])
    1,cashback:A-1,cashback,2026-03-02,2026-03-02T09:30:00+00:00,prepaid:acme:CHF,52.08,CHF,posted,,,"[[""order"", ""A-1""]]"
    """
    buffer = io.StringIO()
    write_journal_csv(transactions, buffer)
    return buffer.getvalue()
