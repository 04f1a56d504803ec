"""Study: how fast could a pure-Python ledger post the benchmark's journal, with every input check inlined?

Not a benchmark of the library. ``bench_ledger.py`` asks ``Ledger.post_many`` for at least 0.2x the bare dict loop;
this script measures the best a per-request Python loop can do, to tell whether the engine or the goal is the limit.
It posts the same prebuilt requests as ``bench_ledger.py`` through one hand-written function that does what the
library's engine does for the five request kinds of the journal — the same input checks (types, non-empty text,
amount in minor units and in range, business date), the same idempotency key, fingerprint, accounts, overdraft check
counting reservations, payout settlement, and a 12-field entry per transaction — with every helper call, lookup of
an enum member and method call inlined, and no typed error (a bare exception) and no store. Two variants:

* ``accounts``: running balances keyed by the library's :class:`Account` values, as the engine keeps them;
* ``tuples``: keyed by plain ``(owner, code)`` tuples, whose hashing is done in C — a change of data model the library
  would need to make this figure.

Each is timed with the garbage collector on and off, and reported as a ratio to the bare dict loop of
``bench_ledger.py`` measured in the same run. Run: ``python benchmarks/study_inlined_posting.py``.
"""

from __future__ import annotations

import gc
import sys
import time
from collections import deque
from collections.abc import Callable, Hashable
from datetime import UTC, date, datetime
from itertools import repeat
from operator import attrgetter, itemgetter, le
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from bench_ledger import OPERATIONS, batches_of, generate, post_batches
from infomanager_core.ledger import (
    CashbackCredit,
    Iban,
    Ledger,
    MemoryLedgerStore,
    Operation,
    OrderPayment,
    PayoutCompletion,
    PayoutRequest,
    TopUp,
)
from infomanager_core.ledger.accounts import AccountKind, prepaid, system
from infomanager_core.ledger.transaction import TransactionKind
from infomanager_core.money import Money

TOP_UP, CASHBACK = TransactionKind.TOP_UP, TransactionKind.CASHBACK
ORDER_PAYMENT, PAYOUT_REQUEST = TransactionKind.ORDER_PAYMENT, TransactionKind.PAYOUT_REQUEST
PAYOUT_COMPLETION = TransactionKind.PAYOUT_COMPLETION
MAX_UNITS = 10**15


class Refused(Exception):
    pass


Keyed = Callable[[str, str], Hashable]


def inlined(
    keyed: Keyed, system_of: Callable[[AccountKind], Hashable]
) -> Callable[[list[Operation], dict[str, Any]], None]:
    """The hand-written posting loop; ``keyed(owner, code)`` names a prepaid account, ``system_of`` a system one."""
    transfers = system_of(AccountKind.TRANSFERS_RECEIVED)
    expense = system_of(AccountKind.CASHBACK_EXPENSE)
    settlement = system_of(AccountKind.ORDER_SETTLEMENT)
    in_transit = system_of(AccountKind.PAYOUTS_IN_TRANSIT)

    def post(requests: list[Operation], state: dict[str, Any]) -> None:
        keys, entries, fingerprints, balances = (
            state["keys"],
            state["entries"],
            state["fingerprints"],
            state["balances"],
        )
        now, latest, last = state["now"], state["latest"], state["last"]
        sequence = len(entries)
        for request in requests:
            kind_of = type(request)
            resolves = None
            pending = False
            if kind_of is TopUp or kind_of is CashbackCredit:
                if kind_of is TopUp:
                    owner, reference, key = request.organisation, request.reference, request.key
                    if reference is not None and type(reference) is not str:
                        raise Refused("reference")
                    order = None
                else:
                    owner, order = request.partner, request.order_id
                    if type(order) is not str or not order.strip():
                        raise Refused("order_id")
                    key = "cashback:" + order
                amount, effective = request.amount, request.effective
                if type(owner) is not str or not owner.strip():
                    raise Refused("organisation")
                if type(amount) is not Money:
                    raise Refused("amount")
                units = amount.minor_units()
                if not 0 < units <= MAX_UNITS:
                    raise Refused("amount")
                code = amount.currency
                if type(key) is not str or not key.strip():
                    raise Refused("key")
                if type(effective) is not date:
                    raise Refused("effective")
                first = keyed(owner, code)
                if kind_of is TopUp:
                    kind, second, fingerprint = TOP_UP, transfers, ("top_up", units, code, owner, reference)
                    metadata: tuple[tuple[str, str], ...] = () if reference is None else (("reference", reference),)
                else:
                    kind, second, fingerprint = CASHBACK, expense, ("cashback", units, code, order, owner)
                    metadata = (("order", order),)
                if key in keys:
                    raise Refused("key")
                if effective > latest or effective < last:
                    raise Refused("effective")
                payee = balances.get(first)
                if payee is None:
                    payee = balances[first] = [0, 0, 0]
                payee[0] += units
                balances[second][0] -= units
            elif kind_of is OrderPayment or kind_of is PayoutRequest:
                owner, amount, key, effective = request.organisation, request.amount, request.key, request.effective
                if type(owner) is not str or not owner.strip():
                    raise Refused("organisation")
                if type(amount) is not Money:
                    raise Refused("amount")
                units = amount.minor_units()
                if not 0 < units <= MAX_UNITS:
                    raise Refused("amount")
                code = amount.currency
                if type(key) is not str or not key.strip():
                    raise Refused("key")
                if type(effective) is not date:
                    raise Refused("effective")
                second = keyed(owner, code)
                if kind_of is OrderPayment:
                    order, partial = request.order_id, request.partial
                    if type(order) is not str or not order.strip() or type(partial) is not bool:
                        raise Refused("order_id")
                    kind, first, fingerprint = (
                        ORDER_PAYMENT,
                        settlement,
                        ("order_payment", units, code, order, owner, partial),
                    )
                    metadata = (("order", order),)
                else:
                    where = str(request.destination)
                    kind, first, fingerprint = PAYOUT_REQUEST, in_transit, ("payout_request", units, code, where, owner)
                    metadata = (("destination", where),)
                    pending = True
                if key in keys:
                    raise Refused("key")
                if effective > latest or effective < last:
                    raise Refused("effective")
                payer = balances.get(second)
                if payer is None or payer[0] - payer[1] < units:
                    raise Refused("amount")
                payee = balances.get(first)
                if payee is None:
                    payee = balances[first] = [0, 0, 0]
                if pending:
                    payer[1] += units
                    payee[2] += units
                else:
                    payer[0] -= units
                    payee[0] += units
            else:  # a payout completion
                link, key, effective = request.request, request.key, request.effective
                if type(link) is not int or link < 1:
                    raise Refused("request")
                if type(key) is not str or not key.strip():
                    raise Refused("key")
                if type(effective) is not date:
                    raise Refused("effective")
                if key in keys:
                    raise Refused("key")
                if effective > latest or effective < last:
                    raise Refused("effective")
                original = entries[link - 1]
                if not original[8]:
                    raise Refused("request")
                kind, fingerprint, metadata = PAYOUT_COMPLETION, ("payout_completion", None, link), ()
                first, second, units = original[5], original[6], original[7]
                payer, payee = balances[second], balances[first]
                payer[1] -= units
                payee[2] -= units
                payer[0] -= units
                payee[0] += units
                resolves = link
            sequence += 1
            entries.append(
                (sequence, key, kind, effective, now, first, second, units, pending, None, resolves, metadata)
            )
            fingerprints.append(fingerprint)
            keys[key] = sequence
            last = effective
        state["last"] = last

    return post


def _texts(column: tuple[Any, ...]) -> bool:
    return all(map(isinstance, column, repeat(str))) and all(map(str.strip, column))


def _dates(column: tuple[Any, ...]) -> bool:
    return set(map(type, column)) == {date}


def _amounts(column: tuple[Any, ...]) -> tuple[list[int], list[str]] | None:
    if not all(map(isinstance, column, repeat(Money))):
        return None
    units = list(map(Money.minor_units, column))
    if min(units) <= 0 or max(units) > MAX_UNITS:
        return None
    return units, list(map(attrgetter("currency"), column))


def columnar() -> Callable[[list[Operation], dict[str, Any]], None]:
    """A batch checked field by field with C-level ``map``, ``zip`` and sets, then applied in order.

    Each request kind's fields are gathered as columns and checked whole; plans are built by ``zip`` and put back in
    the batch's order; only the balances are applied one request after the other. A failed check raises (the
    library would then fall back to the per-request path for the exact error).
    """
    accounts = {kind: system(kind, "CHF") for kind in AccountKind if kind is not AccountKind.PREPAID}
    transfers, expense = accounts[AccountKind.TRANSFERS_RECEIVED], accounts[AccountKind.CASHBACK_EXPENSE]
    settlement, in_transit = accounts[AccountKind.ORDER_SETTLEMENT], accounts[AccountKind.PAYOUTS_IN_TRANSIT]

    def top_ups(requests: list[Any]) -> Any:
        owners, amounts, dates, keys, references = zip(
            *map(attrgetter("organisation", "amount", "effective", "key", "reference"), requests), strict=True
        )
        money = _amounts(amounts)
        if not (_texts(owners) and _texts(keys) and _dates(dates) and set(references) == {None} and money):
            raise Refused("top-ups")
        units, codes = money
        fingerprints = zip(repeat("top_up"), units, codes, owners, references)
        return zip(keys, repeat(TOP_UP), dates, fingerprints, repeat(0), map(prepaid, owners, codes), repeat(transfers), units, repeat(None), repeat(()))  # fmt: skip

    def cashbacks(requests: list[Any]) -> Any:
        owners, orders, amounts, dates = zip(
            *map(attrgetter("partner", "order_id", "amount", "effective"), requests), strict=True
        )
        money = _amounts(amounts)
        if not (_texts(owners) and _texts(orders) and _dates(dates) and money):
            raise Refused("cashbacks")
        units, codes = money
        fingerprints = zip(repeat("cashback"), units, codes, orders, owners)
        metadata = zip(zip(repeat("order"), orders))
        return zip(map("cashback:".__add__, orders), repeat(CASHBACK), dates, fingerprints, repeat(0), map(prepaid, owners, codes), repeat(expense), units, repeat(None), metadata)  # fmt: skip

    def payments(requests: list[Any]) -> Any:
        owners, orders, amounts, dates, keys, partials = zip(
            *map(attrgetter("organisation", "order_id", "amount", "effective", "key", "partial"), requests),
            strict=True,
        )
        money = _amounts(amounts)
        if not (_texts(owners) and _texts(orders) and _texts(keys) and _dates(dates) and set(partials) == {False}):
            raise Refused("payments")
        if not money:
            raise Refused("payments")
        units, codes = money
        fingerprints = zip(repeat("order_payment"), units, codes, orders, owners, partials)
        metadata = zip(zip(repeat("order"), orders))
        return zip(keys, repeat(ORDER_PAYMENT), dates, fingerprints, repeat(1), repeat(settlement), map(prepaid, owners, codes), units, repeat(None), metadata)  # fmt: skip

    def payout_requests(requests: list[Any]) -> Any:
        owners, amounts, destinations, dates, keys = zip(
            *map(attrgetter("organisation", "amount", "destination", "effective", "key"), requests), strict=True
        )
        money = _amounts(amounts)
        if not (_texts(owners) and _texts(keys) and _dates(dates) and money):
            raise Refused("payout requests")
        if not all(map(isinstance, destinations, repeat(Iban))):
            raise Refused("payout requests")
        units, codes = money
        where = list(map(str, destinations))
        fingerprints = zip(repeat("payout_request"), units, codes, where, owners)
        metadata = zip(zip(repeat("destination"), where))
        return zip(keys, repeat(PAYOUT_REQUEST), dates, fingerprints, repeat(3), repeat(in_transit), map(prepaid, owners, codes), units, repeat(None), metadata)  # fmt: skip

    def completions(requests: list[Any]) -> Any:
        links, dates, keys = zip(*map(attrgetter("request", "effective", "key"), requests), strict=True)
        if set(map(type, links)) != {int} or min(links) < 1 or not (_texts(keys) and _dates(dates)):
            raise Refused("completions")
        fingerprints = zip(repeat("payout_completion"), repeat(None), links)
        return zip(keys, repeat(PAYOUT_COMPLETION), dates, fingerprints, repeat(4), repeat(None), repeat(None), repeat(0), links, repeat(()))  # fmt: skip

    kinds: dict[type, Callable[[list[Any]], Any]] = {
        TopUp: top_ups,
        CashbackCredit: cashbacks,
        OrderPayment: payments,
        PayoutRequest: payout_requests,
        PayoutCompletion: completions,
    }

    def post(requests: list[Operation], state: dict[str, Any]) -> None:
        keys_seen, entries, fingerprints, balances = (
            state["keys"], state["entries"], state["fingerprints"], state["balances"]
        )  # fmt: skip
        now, base = state["now"], len(entries)
        positions: dict[type, list[int]] = {}
        for position, kind_of in enumerate(map(type, requests)):
            found = positions.get(kind_of)
            if found is None:
                found = positions[kind_of] = []
            found.append(position)
        plans: list[Any] = [None] * len(requests)
        for kind_of, found in positions.items():
            deque(map(plans.__setitem__, found, kinds[kind_of](list(map(requests.__getitem__, found)))), 0)
        keys = list(map(itemgetter(0), plans))
        dates = list(map(itemgetter(2), plans))
        if len(set(keys)) != len(keys) or not keys_seen.keys().isdisjoint(keys):
            raise Refused("key")
        if not all(map(le, dates, dates[1:])) or dates[0] < state["last"] or dates[-1] > state["latest"]:
            raise Refused("effective")
        sequence = base
        new: list[Any] = []
        for key, kind, effective, _fingerprint, rule, first, second, units, link, metadata in plans:
            sequence += 1
            pending, resolves = False, None
            if rule == 0:
                payee = balances.get(first)
                if payee is None:
                    payee = balances[first] = [0, 0, 0]
                payee[0] += units
                balances[second][0] -= units
            elif rule <= 3:
                payer = balances.get(second)
                if payer is None or payer[0] - payer[1] < units:
                    raise Refused("amount")
                if rule == 3:
                    payer[1] += units
                    balances[first][2] += units
                    pending = True
                else:
                    payer[0] -= units
                    balances[first][0] += units
            else:
                original = new[link - base - 1]
                if link <= base or not original[8]:
                    raise Refused("request")
                first, second, units = original[5], original[6], original[7]
                payer, payee = balances[second], balances[first]
                payer[1] -= units
                payee[2] -= units
                payer[0] -= units
                payee[0] += units
                resolves = link
            new.append((sequence, key, kind, effective, now, first, second, units, pending, None, resolves, metadata))
        entries.extend(new)
        fingerprints.extend(map(itemgetter(3), plans))
        keys_seen.update(zip(keys, range(base + 1, sequence + 1), strict=True))
        state["last"] = dates[-1]

    return post


def main() -> None:
    batches = batches_of(generate(OPERATIONS))
    reference = Ledger(MemoryLedgerStore())
    post_batches(reference, batches)
    journal = reference.journal()
    count = len(journal)
    postings = [[(str(p.account), p.units) for p in t.postings] for t in journal]

    def bare_loop() -> None:
        balances: dict[str, int] = {}
        for entry in postings:
            for account, units in entry:
                balances[account] = balances.get(account, 0) + units

    def timed(run: Callable[[], Any], *, collect: bool = True) -> float:
        timings = []
        for _ in range(3):
            gc.collect()
            if not collect:
                gc.disable()
            start = time.perf_counter()
            run()
            timings.append(time.perf_counter() - start)
            gc.enable()
        return min(timings)

    def system_account(kind: AccountKind) -> Hashable:
        return system(kind, "CHF")

    def system_tuple(kind: AccountKind) -> Hashable:
        return ("", kind.value)

    def tuple_key(owner: str, code: str) -> Hashable:
        return (owner, code)

    bare = timed(bare_loop)
    print(f"journal: {count} transactions; bare dict loop {bare / count * 1e6:.3f} µs a transaction")
    engines = [
        ("inlined, accounts", inlined(prepaid, system_account), system_account),
        ("inlined, tuples", inlined(tuple_key, system_tuple), system_tuple),
        ("columnar, accounts", columnar(), system_account),
    ]
    for name, post, system_of in engines:

        def run(post: Callable[[list[Operation], dict[str, Any]], None] = post, system_of: Any = system_of) -> None:
            state = {
                "keys": {}, "entries": [], "fingerprints": [], "now": datetime.now(UTC),
                "latest": date(2100, 1, 1), "last": date.min,
                "balances": {system_of(kind): [0, 0, 0] for kind in AccountKind if kind is not AccountKind.PREPAID},
            }  # fmt: skip
            for requests in batches:
                post(requests, state)
            assert len(state["entries"]) == count

        for collect in (True, False):
            seconds = timed(run, collect=collect)
            print(
                f"{name:<20} gc {'on ' if collect else 'off'}  {seconds / count * 1e6:6.3f} µs a transaction"
                f"   {bare / seconds:6.3f}x bare loop"
            )


if __name__ == "__main__":
    main()
