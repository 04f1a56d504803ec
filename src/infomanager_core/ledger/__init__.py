"""The prepaid-account ledger: double entry in integer minor units, idempotent operations, no overdraft.

Operations live on :class:`Ledger`; the journal lives in a store behind :class:`LedgerStore` (in memory here, an
SQLite file in :mod:`infomanager_core.adapters.sqlite_ledger`); :func:`check_invariants` audits a whole journal.
"""

from .accounts import Account, AccountKind, prepaid, system
from .balances import AccountBalance, Balances, replay
from .digest import JournalDigest
from .entries import PostedBatch
from .errors import (
    AlreadyReversed,
    AmountOutOfRange,
    BackdatedTransaction,
    BatchRefused,
    DigestMismatch,
    FutureDatedTransaction,
    IdempotencyConflict,
    InsufficientFunds,
    InvalidIban,
    InvalidPaypalAddress,
    InvariantViolation,
    LedgerError,
    NonPositiveAmount,
    NotAPayoutRequest,
    NotReversible,
    OrderAlreadyPaid,
    PayoutAlreadyResolved,
    ReservedKey,
    UnbalancedTransaction,
    UnknownAccount,
    UnknownTransaction,
)
from .invariants import check_invariants
from .ledger import Ledger
from .memory_store import MemoryLedgerStore
from .operations import (
    CashbackCredit,
    Operation,
    OrderPayment,
    PayoutCancellation,
    PayoutCompletion,
    PayoutFailure,
    PayoutRequest,
    Reversal,
    TopUp,
    TransferDeposit,
)
from .orders import credit_settlement
from .payout_destinations import IBAN_LENGTHS, Iban, PayoutDestination, PaypalAddress
from .periods import sequences_between, transactions_between
from .statement import Statement, StatementLine, statement_of
from .store import LedgerReader, LedgerSession, LedgerStore
from .transaction import Posting, Transaction, TransactionKind

__all__ = [
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
