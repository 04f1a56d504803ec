"""Operation requests: one small value per ledger operation, for posting many of them at once.

Each request carries exactly the arguments of the :class:`~infomanager_core.ledger.Ledger` method of the same
meaning (``TopUp`` for ``top_up``, ``OrderPayment`` for ``pay_order``…). A request is only data: it is checked when
it is posted, by the same rules and with the same errors as the single operation, so building one never fails.
:meth:`Ledger.post_many <infomanager_core.ledger.Ledger.post_many>` posts a sequence of them in order, as one unit of
work, all or nothing.

>>> from datetime import date
>>> from infomanager_core.money import Money
>>> TopUp(organisation="acme", amount=Money("100", "CHF"), effective=date(2026, 3, 2), key="t-1").key
't-1'
"""

from __future__ import annotations

from datetime import date

import attrs

from ..money import Money
from .payout_destinations import Iban, PaypalAddress

__all__ = [
    "CashbackCredit",
    "Operation",
    "OrderPayment",
    "PayoutCancellation",
    "PayoutCompletion",
    "PayoutFailure",
    "PayoutRequest",
    "Reversal",
    "TopUp",
    "TransferDeposit",
]


@attrs.frozen(slots=True, kw_only=True)
class CashbackCredit:
    """:meth:`Ledger.credit_cashback`: cashback on an order or renewal; the order id is the idempotency key.

    >>> CashbackCredit(partner="agency", order_id="ORD-1001", amount=Money("52.08", "CHF"), effective=date(2026, 3, 2))
    CashbackCredit(partner='agency', order_id='ORD-1001', amount=Money('52.08', 'CHF'), effective=datetime.date(2026, 3, 2))
    """

    partner: str
    order_id: str
    amount: Money
    effective: date


@attrs.frozen(slots=True, kw_only=True)
class TransferDeposit:
    """:meth:`Ledger.deposit_cancelled_transfer`: a bank transfer that arrived for a cancelled order.

    >>> TransferDeposit(payer="acme", order_id="ORD-1002", amount=Money("80", "CHF"), effective=date(2026, 3, 3),
    ...     key="bank-ref-88").payer
    'acme'
    """

    payer: str
    order_id: str
    amount: Money
    effective: date
    key: str


@attrs.frozen(slots=True, kw_only=True)
class TopUp:
    """:meth:`Ledger.top_up`: money the organisation sent to its own prepaid account.

    >>> TopUp(organisation="acme", amount=Money("200", "CHF"), effective=date(2026, 3, 4), key="topup-17").amount
    Money('200', 'CHF')
    """

    organisation: str
    amount: Money
    effective: date
    key: str
    reference: str | None = None


@attrs.frozen(slots=True, kw_only=True)
class OrderPayment:
    """:meth:`Ledger.pay_order`: an order or renewal paid from the prepaid balance (``partial``: what it can).

    >>> OrderPayment(organisation="acme", order_id="ORD-1003", amount=Money("30", "CHF"), effective=date(2026, 3, 5),
    ...     key="pay-ORD-1003", partial=True).partial
    True
    """

    organisation: str
    order_id: str
    amount: Money
    effective: date
    key: str
    partial: bool = False


@attrs.frozen(slots=True, kw_only=True)
class PayoutRequest:
    """:meth:`Ledger.request_payout`: reserve an amount to pay it out to a bank account or PayPal.

    >>> PayoutRequest(organisation="acme", amount=Money("100", "CHF"), destination=Iban("CH9300762011623852957"),
    ...     effective=date(2026, 3, 6), key="payout-1").destination
    Iban(value='CH9300762011623852957')
    """

    organisation: str
    amount: Money
    destination: Iban | PaypalAddress
    effective: date
    key: str


@attrs.frozen(slots=True, kw_only=True)
class PayoutCompletion:
    """:meth:`Ledger.complete_payout`: the requested money has left.

    >>> PayoutCompletion(request=6, effective=date(2026, 3, 9), key="payout-1-sent")
    PayoutCompletion(request=6, effective=datetime.date(2026, 3, 9), key='payout-1-sent')
    """

    request: int
    effective: date
    key: str


@attrs.frozen(slots=True, kw_only=True)
class PayoutFailure:
    """:meth:`Ledger.fail_payout`: the bank or PayPal refused the payout; the reservation is released.

    >>> PayoutFailure(request=6, effective=date(2026, 3, 9), key="payout-1-failed", reason="account closed").reason
    'account closed'
    """

    request: int
    effective: date
    key: str
    reason: str | None = None


@attrs.frozen(slots=True, kw_only=True)
class PayoutCancellation:
    """:meth:`Ledger.cancel_payout`: the payout is cancelled before it is sent; the reservation is released.

    >>> PayoutCancellation(request=6, effective=date(2026, 3, 7), key="payout-1-cancelled").request
    6
    """

    request: int
    effective: date
    key: str
    reason: str | None = None


@attrs.frozen(slots=True, kw_only=True)
class Reversal:
    """:meth:`Ledger.reverse`: undo a transaction with one of opposite postings.

    >>> Reversal(sequence=3, effective=date(2026, 3, 8), key="reverse-3", reason="posted twice").sequence
    3
    """

    sequence: int
    effective: date
    key: str
    reason: str | None = None


#: Any operation request :meth:`Ledger.post_many <infomanager_core.ledger.Ledger.post_many>` accepts.
Operation = (
    CashbackCredit
    | TransferDeposit
    | TopUp
    | OrderPayment
    | PayoutRequest
    | PayoutCompletion
    | PayoutFailure
    | PayoutCancellation
    | Reversal
)
