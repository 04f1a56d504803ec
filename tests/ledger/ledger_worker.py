"""A separate process that writes to an SQLite ledger, for the crash and concurrency tests.

``python ledger_worker.py write FILE SEED`` posts random operations until it is killed, printing ``ready`` once it
has started and then ``committed KEY SEQUENCE`` after each operation the ledger accepted (so the test can check
that nothing it was told is committed was lost); now and then it posts a batch with ``post_many``, whose keys end in
``-batch-I-of-N`` (so the test can check that a batch is on file whole or not at all). ``python ledger_worker.py race FILE NAME ATTEMPTS START`` waits until the epoch time ``START``, then
tries ``ATTEMPTS`` payments, payouts and bulk postings of three payments against the organisation ``acme`` and
prints, as JSON, the minor units each successful one took.
"""

from __future__ import annotations

import json
import random
import sys
import time
from datetime import date

from infomanager_core.adapters.sqlite_ledger import SqliteLedgerStore
from infomanager_core.ledger import BatchRefused, Iban, InsufficientFunds, Ledger, LedgerError, OrderPayment, TopUp
from infomanager_core.money import Money

DAY = date(2026, 3, 2)
IBAN = Iban("CH9300762011623852957")


def write_until_killed(path: str, seed: int) -> None:
    rng = random.Random(seed)
    ledger = Ledger(SqliteLedgerStore(path))
    print("ready", flush=True)
    requests: list[int] = []
    for number in range(10**9):
        key = f"writer-{seed}-{number}"
        amount = Money.from_minor_units(rng.randint(1, 5000), "CHF")
        organisation = rng.choice(["acme", "globex"])
        choice = rng.random()
        try:
            if choice < 0.35:
                done = ledger.top_up(organisation=organisation, amount=amount, effective=DAY, key=key)
            elif choice < 0.55:
                done = ledger.pay_order(organisation=organisation, order_id=key, amount=amount, effective=DAY, key=key)
            elif choice < 0.75:
                done = ledger.request_payout(
                    organisation=organisation, amount=amount, destination=IBAN, effective=DAY, key=key
                )
                requests.append(done.sequence)
            elif choice < 0.9 and requests:
                request = requests.pop(rng.randrange(len(requests)))
                done = ledger.complete_payout(request=request, effective=DAY, key=key)
            elif choice < 0.95:  # a bulk posting: its keys say how many it holds, so a reader can check it is whole
                size = rng.randint(2, 40)
                posted = ledger.post_many(
                    TopUp(organisation=organisation, amount=amount, effective=DAY, key=f"{key}-batch-{i}-of-{size}")
                    if i % 3
                    else OrderPayment(
                        organisation=organisation,
                        order_id=f"{key}-{i}",
                        amount=amount,
                        effective=DAY,
                        key=f"{key}-batch-{i}-of-{size}",
                    )
                    for i in range(size)
                )
                for transaction in posted:
                    print(f"committed {transaction.key} {transaction.sequence}", flush=True)
                continue
            else:
                with ledger.store.reading() as reader:
                    head = reader.head()
                if head is None:
                    continue
                done = ledger.reverse(sequence=rng.randint(1, head[0]), effective=DAY, key=key)
        except (LedgerError, ValueError):
            continue
        print(f"committed {done.key} {done.sequence}", flush=True)


def race(path: str, name: str, attempts: int, start: float) -> None:
    rng = random.Random(name)
    ledger = Ledger(SqliteLedgerStore(path))
    time.sleep(max(0.0, start - time.time()))
    taken: list[int] = []
    refused = 0
    for number in range(attempts):
        key = f"{name}-{number}"
        amount = Money.from_minor_units(rng.randint(1, 500), "CHF")
        try:
            if number % 4 == 3:  # a bulk posting of three payments: all three are taken, or none
                ledger.post_many(
                    OrderPayment(organisation="acme", order_id=f"{key}-{i}", amount=amount, effective=DAY,
                                 key=f"{key}-{i}")
                    for i in range(3)
                )  # fmt: skip
                taken.extend([amount.minor_units()] * 3)
                continue
            if number % 2:
                ledger.pay_order(organisation="acme", order_id=key, amount=amount, effective=DAY, key=key)
            else:
                request = ledger.request_payout(
                    organisation="acme", amount=amount, destination=IBAN, effective=DAY, key=key
                )
                ledger.complete_payout(request=request.sequence, effective=DAY, key=f"{key}-done")
            taken.append(amount.minor_units())
        except InsufficientFunds:
            refused += 1
        except BatchRefused as batch:
            if not isinstance(batch.error, InsufficientFunds):
                raise
            refused += 1
    print(json.dumps({"taken": taken, "refused": refused}), flush=True)


if __name__ == "__main__":
    if sys.argv[1] == "write":
        write_until_killed(sys.argv[2], int(sys.argv[3]))
    else:
        race(sys.argv[2], sys.argv[3], int(sys.argv[4]), float(sys.argv[5]))
