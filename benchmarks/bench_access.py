"""Benchmark: access decisions and order outcomes against pycasbin enforcing the same role model, in one run.

The data: one partner managing 10,000 clients (a quarter of them under limited access), two managers and twenty
users with assigned clients, plus a user with 10 and one with 1,000 assigned clients. pycasbin gets the equivalent
model: people → "manager of the partner" or their own assignment group (``g``), clients → "client of the partner" and
the groups of the users they are assigned to (``g2``), clients under full access → "full-access" (``g3``). Before
timing, both are checked to give the same answer on a sample of requests.

Each figure is printed as a ratio to pycasbin measured in the same process (higher is faster), with raw operations per
second. Run: ``python benchmarks/bench_access.py`` (or ``make bench``).
"""

from __future__ import annotations

import random
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import casbin

from _timing import best_ops_per_second
from infomanager_core.access import (
    Grant,
    HeldProduct,
    Organisation,
    Person,
    Programme,
    Role,
    can_order,
    can_reach_client,
    order_outcome,
    reachable_clients,
)

AT = datetime(2026, 1, 5, 9, tzinfo=UTC)
CLIENTS = 10_000
USERS = 20
REPEATS = 7

MODEL = """
[request_definition]
r = sub, obj, act

[policy_definition]
p = sub, obj

[role_definition]
g = _, _
g2 = _, _
g3 = _, _

[policy_effect]
e = some(where (p.eft == allow))

[matchers]
m = (g(r.sub, p.sub) && g2(r.obj, p.obj) || g2(r.obj, "assigned-to:" + r.sub)) \
    && (r.act == "reach" || g3(r.obj, "full-access"))
"""


def build() -> tuple[Programme, casbin.Enforcer, list[str], list[str]]:
    rng = random.Random(20260105)
    programme = Programme()
    people = ["paula", "adam", "few", "many", *(f"user-{i}" for i in range(USERS))]
    for person in people:
        programme.register_person(Person(person), at=AT)
    members = {"paula": Role.LEGAL_REPRESENTATIVE, "adam": Role.ADMINISTRATOR}
    members |= dict.fromkeys(people[2:], Role.USER)
    programme.register_organisation(
        Organisation(id="agency", name="Agency", country="CH", partner=True, members=members), at=AT
    )
    policies = [("manager:agency", "client-of:agency")]
    links = [("paula", "manager:agency"), ("adam", "manager:agency")]
    client_links: list[tuple[str, str]] = []
    full_links: list[tuple[str, str]] = []
    clients = [f"client-{i:05d}" for i in range(CLIENTS)]
    for index, client in enumerate(clients):
        programme.register_person(Person(f"lr-{client}"), at=AT)
        product = HeldProduct(id=f"{client}-web", code="web", family="web-hosting")
        programme.register_organisation(
            Organisation(
                id=client,
                name=client,
                country="FR",
                members={f"lr-{client}": Role.LEGAL_REPRESENTATIVE},
                products=[product],
            ),
            at=AT,
        )
        grant = Grant.limited({product.id}) if index % 4 == 0 else Grant.full()
        [sent] = programme.invite(partner="agency", client=client, grant=grant, by="paula", at=AT)
        programme.accept(sent.subject, by=f"lr-{client}", at=AT)
        client_links.append((client, "client-of:agency"))
        if grant.is_full:
            full_links.append((client, "full-access"))
    assignments = [("few", c) for c in clients[:10]] + [("many", c) for c in clients[:1000]]
    assignments += [(f"user-{i}", c) for i in range(USERS) for c in rng.sample(clients, 50)]
    for person, client in assignments:
        programme.assign_client(partner="agency", client=client, person=person, by="adam", at=AT)
        client_links.append((client, f"assigned-to:{person}"))

    with tempfile.TemporaryDirectory() as folder:
        model = Path(folder, "model.conf")
        model.write_text(MODEL)
        enforcer = casbin.Enforcer(str(model))
    for policy in policies:
        enforcer.add_policy(*policy)
    enforcer.add_named_grouping_policies("g", [list(link) for link in links])
    enforcer.add_named_grouping_policies("g2", [list(link) for link in client_links])
    enforcer.add_named_grouping_policies("g3", [list(link) for link in full_links])
    return programme, enforcer, people, clients


def main() -> None:
    started = time.perf_counter()
    programme, enforcer, people, clients = build()
    print(f"setup: {CLIENTS:,} clients, {len(people)} partner staff in {time.perf_counter() - started:.1f} s")
    rng = random.Random(7)
    requests = [(rng.choice(people), rng.choice(clients)) for _ in range(2_000)]
    for person, client in requests:
        for action, decide in (("reach", can_reach_client), ("order", can_order)):
            ours = decide(programme, person, client).allowed
            theirs = enforcer.enforce(person, client, action)
            assert ours == theirs, (person, client, action, ours, theirs)
    allowed = sum(can_reach_client(programme, p, c).allowed for p, c in requests)
    print(f"checked: both agree on {len(requests) * 2:,} requests ({allowed:,} reach allowed)")

    def casbin_reach() -> int:
        for person, client in requests:
            enforcer.enforce(person, client, "reach")
        return len(requests)

    def library_reach() -> int:
        for person, client in requests:
            can_reach_client(programme, person, client)
        return len(requests)

    def casbin_order() -> int:
        for person, client in requests:
            enforcer.enforce(person, client, "order")
        return len(requests)

    def library_order() -> int:
        for person, client in requests:
            if can_order(programme, person, client).allowed:
                order_outcome(
                    client=client,
                    placed_by="agency",
                    partnership=programme.active_partnership(client),
                    product=f"{client}-web",
                )
        return len(requests)

    def listing(person: str) -> Callable[[], int]:
        def work() -> int:
            for _ in range(20):
                reachable_clients(programme, person)
            return 20

        return work

    reach_base = best_ops_per_second(casbin_reach, REPEATS)
    reach = best_ops_per_second(library_reach, REPEATS)
    order_base = best_ops_per_second(casbin_order, REPEATS)
    order = best_ops_per_second(library_order, REPEATS)
    print(f"casbin enforce(reach)                   {reach_base:12,.0f} ops/s   1.00x (baseline)")
    print(f"can_reach_client                        {reach:12,.0f} ops/s  {reach / reach_base:6.2f}x")
    print(f"casbin enforce(order)                   {order_base:12,.0f} ops/s   1.00x (baseline)")
    print(f"can_order + order_outcome               {order:12,.0f} ops/s  {order / order_base:6.2f}x")

    def scan_for_few() -> int:
        found = [c for c in clients if can_reach_client(programme, "few", c).allowed]
        assert len(found) == 10
        return 1

    scan = best_ops_per_second(scan_for_few, REPEATS)
    few = best_ops_per_second(listing("few"), REPEATS)
    many = best_ops_per_second(listing("many"), REPEATS)
    manager = best_ops_per_second(listing("adam"), REPEATS)
    print(f"reachable_clients, user with 10 clients {few:12,.0f} lists/s  ({1e6 / few:8.1f} µs)")
    print(
        f"reachable_clients, user with 1,000      {many:12,.0f} lists/s  ({1e6 / many:8.1f} µs, {few / many:.0f}x slower)"
    )
    print(f"reachable_clients, manager with 10,000  {manager:12,.0f} lists/s  ({1e6 / manager:8.1f} µs)")
    print(f"scan of all 10,000 clients for the user with 10 (no index) {1e6 / scan:8.1f} µs per list")


if __name__ == "__main__":
    main()
