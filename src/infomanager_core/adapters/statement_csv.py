"""CSV export of a ledger statement: one row per posted movement, with the running balance.

Every row names its account first, as the journal's CSV does (``prepaid:acme:CHF``), so statements of several accounts
can be joined into one sheet and still be told apart. Amounts are plain decimals in the account's minor unit
(``-40.00``), dates ISO 8601, so a spreadsheet or an accounting import reads them without locale guessing. Text cells
that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``) are prefixed with ``'``
(:func:`~infomanager_core.adapters.spreadsheet.spreadsheet_safe`). The last column, ``recorded_at``, is the moment
each movement was written (ISO 8601 with its offset), after the business day it counts for (``effective``) when it was
posted late; the opening and closing rows have none.

>>> from datetime import UTC, date, datetime
>>> from infomanager_core.ledger import Ledger
>>> from infomanager_core.money import Money
>>> ledger = Ledger(clock=lambda: datetime(2026, 3, 3, 8, 15, tzinfo=UTC))
>>> _ = ledger.top_up(organisation="acme", amount=Money("100", "CHF"), effective=date(2026, 3, 2), key="t-1")
>>> print(statement_csv(ledger.statement("acme", "CHF")), end="")
account,sequence,effective,kind,reference,amount,currency,balance,recorded_at
prepaid:acme:CHF,,2026-03-02,opening,,,CHF,0.00,
prepaid:acme:CHF,1,2026-03-02,top_up,t-1,100.00,CHF,100.00,2026-03-03T08:15:00+00:00
prepaid:acme:CHF,,2026-03-02,closing,,,CHF,100.00,
"""

from __future__ import annotations

import csv
import io
from typing import TextIO

from ..errors import InvalidInput
from ..ledger.statement import Statement
from .spreadsheet import spreadsheet_safe

__all__ = ["COLUMNS", "statement_csv", "write_statement_csv"]

COLUMNS = ("account", "sequence", "effective", "kind", "reference", "amount", "currency", "balance", "recorded_at")


def write_statement_csv(statement: Statement, file: TextIO) -> None:
    """Write ``statement`` to ``file`` as CSV: a header, the opening balance, each line, the closing balance.

    >>> from datetime import date
    >>> from infomanager_core.ledger import Ledger
    >>> from infomanager_core.money import Money
    >>> ledger = Ledger()
    >>> _ = ledger.top_up(organisation="acme", amount=Money("10", "CHF"), effective=date(2026, 3, 2), key="t-1")
    >>> file = io.StringIO()
    >>> write_statement_csv(ledger.statement("acme", "CHF"), file)
    >>> file.getvalue().splitlines()[-1]
    'prepaid:acme:CHF,,2026-03-02,closing,,,CHF,10.00,'
    """
    if not isinstance(statement, Statement):
        raise InvalidInput("statement", statement, "must be a Statement (from Ledger.statement)")
    code = statement.account.currency
    account = spreadsheet_safe(str(statement.account))
    first = statement.start or (statement.lines[0].effective if statement.lines else None)
    last = statement.end or (statement.lines[-1].effective if statement.lines else None)
    if not callable(getattr(file, "write", None)):  # csv.writer raised a bare TypeError
        raise InvalidInput(
            "file", file, "must be a text stream open for writing", hint="e.g. open(path, 'w', newline='')"
        )
    writer = csv.writer(file, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerow(
        [account, "", first.isoformat() if first else "", "opening", "", "", code, str(statement.opening.amount), ""]
    )
    for line in statement.lines:
        writer.writerow(
            [
                account,
                line.sequence,
                line.effective.isoformat(),
                line.kind.value,
                spreadsheet_safe(line.reference),
                str(line.amount.amount),
                code,
                str(line.balance.amount),
                line.recorded_at.isoformat(),
            ]
        )
    writer.writerow(
        [account, "", last.isoformat() if last else "", "closing", "", "", code, str(statement.closing.amount), ""]
    )


def statement_csv(statement: Statement) -> str:
    """The statement as CSV text.

    >>> from datetime import UTC, date, datetime
    >>> from infomanager_core.ledger import Ledger
    >>> from infomanager_core.money import Money
    >>> ledger = Ledger(clock=lambda: datetime(2026, 3, 2, 9, 30, tzinfo=UTC))
    >>> _ = ledger.top_up(organisation="acme", amount=Money("10", "CHF"), effective=date(2026, 3, 2), key="t-1")
    >>> print(statement_csv(ledger.statement("acme", "CHF")), end="")
    account,sequence,effective,kind,reference,amount,currency,balance,recorded_at
    prepaid:acme:CHF,,2026-03-02,opening,,,CHF,0.00,
    prepaid:acme:CHF,1,2026-03-02,top_up,t-1,10.00,CHF,10.00,2026-03-02T09:30:00+00:00
    prepaid:acme:CHF,,2026-03-02,closing,,,CHF,10.00,
    """
    buffer = io.StringIO()
    write_statement_csv(statement, buffer)
    return buffer.getvalue()
