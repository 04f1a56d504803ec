"""The ledger's public surface is deliberate: pinned here, so a change to it is a visible decision."""

from __future__ import annotations

import infomanager_core.ledger as ledger
from infomanager_core import InfomanagerError, InvalidInput
from infomanager_core.adapters import journal_csv, sqlite_ledger, statement_csv
from infomanager_core.ledger import errors


def test_the_ledger_package_exports_exactly_these_names() -> None:
    assert ledger.__all__ == [
        "IBAN_LENGTHS",
        "Account",
        "AccountBalance",
        "AccountKind",
        "AlreadyReversed",
        "AmountOutOfRange",
        "BackdatedTransaction",
        "Balances",
        "BatchRefused",
        "CashbackCredit",
        "DigestMismatch",
        "FutureDatedTransaction",
        "Iban",
        "IdempotencyConflict",
        "InsufficientFunds",
        "InvalidIban",
        "InvalidPaypalAddress",
        "InvariantViolation",
        "JournalDigest",
        "Ledger",
        "LedgerError",
        "LedgerReader",
        "LedgerSession",
        "LedgerStore",
        "MemoryLedgerStore",
        "NonPositiveAmount",
        "NotAPayoutRequest",
        "NotReversible",
        "Operation",
        "OrderAlreadyPaid",
        "OrderPayment",
        "PayoutAlreadyResolved",
        "PayoutCancellation",
        "PayoutCompletion",
        "PayoutDestination",
        "PayoutFailure",
        "PayoutRequest",
        "PaypalAddress",
        "PostedBatch",
        "Posting",
        "ReservedKey",
        "Reversal",
        "Statement",
        "StatementLine",
        "TopUp",
        "Transaction",
        "TransactionKind",
        "TransferDeposit",
        "UnbalancedTransaction",
        "UnknownAccount",
        "UnknownTransaction",
        "check_invariants",
        "credit_settlement",
        "prepaid",
        "replay",
        "sequences_between",
        "statement_of",
        "system",
        "transactions_between",
    ]
    assert sqlite_ledger.__all__ == [
        "APPLICATION_ID",
        "SCHEMA",
        "SCHEMA_VERSION",
        "WAL_SIZE_LIMIT",
        "DiskFull",
        "FileNotWritable",
        "NotALedgerFile",
        "SqliteLedgerStore",
        "StoreBusy",
        "UnitOfWorkMisuse",
        "UnsupportedLedgerVersion",
    ]
    assert statement_csv.__all__ == ["COLUMNS", "statement_csv", "write_statement_csv"]
    assert journal_csv.__all__ == ["JOURNAL_COLUMNS", "effect_of", "journal_csv", "write_journal_csv"]


def test_every_ledger_error_is_a_library_error_and_input_errors_are_invalid_input() -> None:
    for name in errors.__all__:
        assert issubclass(getattr(errors, name), InfomanagerError)
    for name in ("UnknownAccount", "UnbalancedTransaction", "InvalidIban", "InvalidPaypalAddress", "NonPositiveAmount"):
        assert issubclass(getattr(errors, name), InvalidInput)
