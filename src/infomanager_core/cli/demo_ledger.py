"""Demo steps of the money side, on an SQLite ledger file: cashback accrues, a cancelled transfer is deposited, the
partner pays with its balance, and a payout is requested and completed.

The steps share one story (:class:`MoneyStory`): a partner, Web Agency, adds a client, Florist, which grants full
access; each order goes through the checkout (:func:`~infomanager_core.orders.quote_order`: access, outcome, tier and
prices) and is booked on the ledger (:func:`~infomanager_core.orders.book_order`). ``infomanager demo --db FILE`` keeps
the ledger file for ``infomanager ledger`` to read.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import nullcontext
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TypeVar

import attrs

from ..access import Grant, HeldProduct, Organisation, PaymentMeans, Person, Programme, Role
from ..adapters.sqlite_ledger import SqliteLedgerStore
from ..formatting import format_money
from ..ledger import Iban, Ledger, check_invariants
from ..money import Money
from ..orders import Order, OrderQuote, PrepaidPayment, book_order, quote_order
from ..pricing import PriceList
from .ledger import balances_table, db_option, statement_table

__all__ = ["MoneyStory", "money_steps"]

_T = TypeVar("_T")
_AT = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
_TOLD_ON = datetime(2026, 4, 2, 17, 0, tzinfo=UTC)
_PARTNER, _CLIENT = "web-agency", "florist"
_IBAN = Iban("CH93 0076 2011 6238 5295 7")


def _present(value: _T | None) -> _T:
    """The story only takes paths where the value exists; say so loudly if the rules ever disagree."""
    if value is None:
        raise RuntimeError("the demo's story expected a value here; the rules it shows have changed")
    return value


def _fixed_clock() -> datetime:
    """The story is told as of its last day, so every business date in it is in the past."""
    return _TOLD_ON


def _programme() -> tuple[Programme, str]:
    """Web Agency invites Florist with full access on the client's payment means; Florist accepts as requested."""
    programme = Programme()
    for person, name in (("paula", "Paula"), ("fiona", "Fiona")):
        programme.register_person(Person(person, name), at=_AT)
    programme.register_organisation(
        Organisation(
            id=_PARTNER, name="Web Agency", country="CH", partner=True, members={"paula": Role.LEGAL_REPRESENTATIVE}
        ),
        at=_AT,
    )
    hostings = [HeldProduct(id=f"site-{n}", code="web-hosting", family="web-hosting") for n in range(1, 36)]
    programme.register_organisation(
        Organisation(
            id=_CLIENT, name="Florist", country="CH", members={"fiona": Role.LEGAL_REPRESENTATIVE}, products=hostings
        ),
        at=_AT,
    )
    [invited] = programme.invite(partner=_PARTNER, client=_CLIENT, grant=Grant.full(), by="paula", at=_AT)
    [_, started] = programme.accept(invited.subject, by="fiona", at=_AT)
    return programme, started.subject


@attrs.define
class MoneyStory:
    """The shared state of the money steps: the programme, the ledger on ``path``, and the locale."""

    path: Path
    hint: str
    price_list: PriceList
    locale: str
    programme: Programme
    partnership: str
    ledger: Ledger

    @classmethod
    def open(cls, path: Path, price_list: PriceList, locale: str, *, kept: bool) -> MoneyStory:
        """Start the story on the ledger file ``path``; ``kept`` says whether the file outlives the demo."""
        programme, partnership = _programme()
        with db_option(str(path)) if kept else nullcontext():  # the temporary file is no option the operator typed
            ledger = Ledger(SqliteLedgerStore(path), clock=_fixed_clock)
        ledger_command = f"infomanager ledger --db {path if kept else 'FILE'}"
        command = f"{ledger_command} statement {_PARTNER} (or: payouts, check, journal, digest)"
        hint = command if kept else f"run the demo with --db FILE to keep the ledger, then: {command}"
        return cls(path, hint, price_list, locale, programme, partnership, ledger)

    def close(self) -> None:
        self.ledger.store.close()

    def _money(self, amount: Money) -> str:
        return format_money(amount, self.locale)

    def _quote(self, order_id: str, by: str, *, periods: int = 1, quantity: int | None = None) -> OrderQuote:
        """Florist's Web hostings renewed (or ``quantity`` new ones ordered) by ``by``, priced by the checkout."""
        placed_by = _CLIENT if by == "fiona" else _PARTNER
        renewing = () if quantity else [f"site-{n}" for n in range(1, 36)]
        order = Order(
            id=order_id,
            client=_CLIENT,
            placed_by=placed_by,
            by=by,
            product="web-hosting",
            quantity=quantity,
            renewing=renewing,
            periods=periods,
        )
        return quote_order(self.programme, self.price_list, order)

    # -- the steps --------------------------------------------------------------------------------------------------

    def cashback_accrues(self, price_list: PriceList, locale: str) -> tuple[str, str]:
        partnership = self.programme.partnership(self.partnership)
        lines = [
            f"  Web Agency invites Florist ({partnership.requested.describe()}); "
            f"Florist grants {partnership.granted.describe()}",
        ]
        orders = (
            ("F-1001", "fiona", 1, "Florist renews its 35 Web hostings for a month"),
            ("F-1002", "paula", 12, "Web Agency renews them for a year, with Florist's payment means"),
        )
        for order_id, by, periods, text in orders:
            quote = self._quote(order_id, by, periods=periods)
            posted = _present(book_order(self.ledger, quote, effective=date(2026, 3, 2)).cashback)
            lines.append(
                f"  {order_id}: {text}: Florist pays {self._money(_present(quote.due))}, "
                f"cashback {self._money(_present(quote.credited))} → transaction #{posted.sequence}"
            )
        retried = book_order(self.ledger, self._quote("F-1001", "fiona"), effective=date(2026, 3, 2))
        again = _present(retried.cashback)
        balance = self.ledger.balances(_PARTNER, "CHF")
        lines.append(f"  F-1001's cashback submitted again: transaction #{again.sequence} again, nothing new")
        lines.append(f"  Web Agency's prepaid balance: {self._money(balance.available)}")
        return "Orders earn cashback on the partner's prepaid account, once per order", "\n".join(lines)

    def cancelled_transfer(self, price_list: PriceList, locale: str) -> tuple[str, str]:
        amount = Money("194.40", "CHF")
        deposit = self.ledger.deposit_cancelled_transfer(
            payer=_CLIENT, order_id="F-1003", amount=amount, effective=date(2026, 3, 9), key="bank-transfer-88231"
        )
        paid = self.ledger.pay_order(
            organisation=_CLIENT,
            order_id="F-1004",
            amount=amount,
            effective=date(2026, 3, 10),
            key="pay-F-1004",
        )
        lines = [
            f"  F-1003 is cancelled while Florist's bank transfer of {self._money(amount)} is under way",
            f"  the transfer arrives: deposited on Florist's prepaid account (#{deposit.sequence})",
            f"  Florist orders again (F-1004) and pays it from the prepaid balance (#{paid.sequence})",
            f"  Florist's prepaid balance: {self._money(self.ledger.balances(_CLIENT, 'CHF').available)}",
        ]
        return "An order cancelled during a bank transfer: the money waits on the prepaid account", "\n".join(lines)

    def partner_pays_with_discount(self, price_list: PriceList, locale: str) -> tuple[str, str]:
        self.programme.change_payment_means(
            self.partnership, PaymentMeans.PARTNER, by="fiona", at=datetime(2026, 3, 16, tzinfo=UTC)
        )
        quote = self._quote("F-1005", "paula", quantity=5)
        booked = book_order(
            self.ledger,
            quote,
            effective=date(2026, 3, 16),
            prepaid_payment=PrepaidPayment.FULL,
            payment_key="pay-F-1005",
        )
        [line] = quote.lines
        lines = [
            "  Florist switches the partnership to the partner's payment means",
            f"  Web Agency orders 5 more hostings for Florist ({quote.held} held + 5 = tier {quote.tier_count}): "
            f"{line.outcome.reason.text}",
            f"  public price {self._money(line.public.final)}, Web Agency pays {self._money(booked.paid_from_prepaid)} "
            f"from its prepaid balance (#{_present(booked.payment).sequence}); no cashback",
            f"  Web Agency's prepaid balance: {self._money(self.ledger.balances(_PARTNER, 'CHF').available)}",
        ]
        return "The partner orders with its own payment means: it pays the preferential price", "\n".join(lines)

    def payout(self, price_list: PriceList, locale: str) -> tuple[str, str]:
        available = self.ledger.balances(_PARTNER, "CHF").available
        request = self.ledger.request_payout(
            organisation=_PARTNER,
            amount=available,
            destination=_IBAN,
            effective=date(2026, 3, 31),
            key="payout-2026-03",
        )
        reserved = self.ledger.balances(_PARTNER, "CHF")
        done = self.ledger.complete_payout(
            request=request.sequence, effective=date(2026, 4, 2), key="payout-2026-03-done"
        )
        after = self.ledger.balances(_PARTNER, "CHF")
        lines = [
            f"  Web Agency asks for its balance, {self._money(available)}, to be paid out to IBAN {_IBAN.value} (#{request.sequence})",
            f"  while the bank works: posted {self._money(reserved.posted)}, pending {self._money(reserved.pending)}, "
            f"available {self._money(reserved.available)}",
            f"  the bank confirms (#{done.sequence}): posted {self._money(after.posted)}, "
            f"available {self._money(after.available)}",
        ]
        return "A payout to a bank account, in two phases", "\n".join(lines)

    def audit(self, price_list: PriceList, locale: str) -> tuple[str, str]:
        check_invariants(self.ledger.store)
        statement = self.ledger.statement(_PARTNER, "CHF")
        balances = self.ledger.prepaid_balances(_PARTNER)
        with SqliteLedgerStore(self.path) as store:
            reopened = Ledger(store)
            same, digest = reopened.prepaid_balances(_PARTNER) == balances, reopened.journal_digest()
        lines = [
            statement_table(statement, self.locale),
            "",
            balances_table(_PARTNER, balances, self.locale),
            "",
            "  check_invariants: every transaction balances, no prepaid account ever went below zero",
            f"  the file reopened gives the same balances: {'yes' if same else 'NO'}",
            f"  the journal's digest, for an auditor to keep at the period's close: {digest}",
            f"  read it yourself: {self.hint}",
        ]
        return "The partner's statement, audited and read back from the file", "\n".join(lines)


def money_steps(story: MoneyStory) -> tuple[Callable[[PriceList, str], tuple[str, str]], ...]:
    """The money steps of the demo, in order, all on ``story``."""
    return (
        story.cashback_accrues,
        story.cancelled_transfer,
        story.partner_pays_with_discount,
        story.payout,
        story.audit,
    )
