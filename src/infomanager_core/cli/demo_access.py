"""Demo steps of the access and tags areas: a partner invites a client, gets different access, and tags a product.

:data:`ACCESS_STEPS` are appended to the ``infomanager demo`` walk-through (:mod:`infomanager_core.cli.demo`).
"""

from __future__ import annotations

from datetime import UTC, datetime

from ..access import (
    AccessDenied,
    Grant,
    HeldProduct,
    Organisation,
    Outcome,
    Person,
    Programme,
    Role,
    can_manage_product,
    can_order,
    hostings_of_family,
    order_outcome,
    settle_order,
)
from ..formatting import format_money
from ..pricing import PriceList, cashback
from ..tags import Tagging

__all__ = ["ACCESS_STEPS"]

_AT = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def _agency_and_bakery() -> tuple[Programme, str]:
    programme = Programme()
    for person in ("paula", "uma", "carl"):
        programme.register_person(Person(person, person.title()), at=_AT)
    programme.register_organisation(
        Organisation(
            id="web-agency",
            name="Web Agency",
            country="CH",
            partner=True,
            members={"paula": Role.LEGAL_REPRESENTATIVE, "uma": Role.USER},
        ),
        at=_AT,
    )
    products = [HeldProduct(id=f"web-{i}", code="web-hosting", family="web-hosting") for i in range(1, 36)]
    programme.register_organisation(
        Organisation(
            id="bakery",
            name="Bakery",
            country="CH",
            members={"carl": Role.LEGAL_REPRESENTATIVE},
            products=products,
        ),
        at=_AT,
    )
    [sent] = programme.invite(partner="web-agency", client="bakery", grant=Grant.full(), by="paula", at=_AT)
    [_, started] = programme.accept(sent.subject, by="carl", at=_AT, grant=Grant.limited({"web-1"}))
    programme.assign_client(partner="web-agency", client="bakery", person="uma", by="paula", at=_AT)
    return programme, started.subject


def invitation_and_grant(price_list: PriceList, locale: str) -> tuple[str, str]:
    programme, partnership_id = _agency_and_bakery()
    partnership = programme.partnership(partnership_id)
    lines = [
        f"  requested: {partnership.requested.describe()}",
        f"  granted:   {partnership.granted.describe()}",
        *(f"  differs — {difference}" for difference in partnership.differences),
        f"  uma (partner user) manages web-1: {can_manage_product(programme, 'uma', 'web-1')}",
        f"  uma manages web-2: {can_manage_product(programme, 'uma', 'web-2')}",
        f"  paula orders for the bakery: {can_order(programme, 'paula', 'bakery')}",
    ]
    return "A partner invites a client, which grants less than asked; decisions say why", "\n".join(lines)


def renewal_earns_cashback(price_list: PriceList, locale: str) -> tuple[str, str]:
    programme, partnership_id = _agency_and_bakery()
    partnership = programme.partnership(partnership_id)
    held = hostings_of_family(programme.organisation("bakery"), "web-hosting")  # the tier the title names
    lines = []
    for product in ("web-1", "web-2"):
        outcome = order_outcome(client="bakery", placed_by="bakery", partnership=partnership, product=product)
        settled = settle_order(outcome, cashback(price_list, "web-hosting", 1, currency="CHF", tier_count=held))
        due = format_money(settled.due, locale) if settled.due else "—"
        credit = format_money(settled.credited, locale) if settled.credited else "nothing"
        earned = "cashback" if outcome.outcome is Outcome.CASHBACK else outcome.outcome.value
        lines.append(f"  the bakery renews {product}: pays {due}; {earned}: {credit} to the partner")
        lines.append(f"    ({outcome.reason.text})")
    title = f"The client renews a month of hosting ({held} held): cashback only on the managed product"
    return title, "\n".join(lines)


def partner_tags_a_product(price_list: PriceList, locale: str) -> tuple[str, str]:
    programme, _ = _agency_and_bakery()
    tagging = Tagging(programme)
    [created] = tagging.create("bakery", "To migrate", colour=2, by="uma", at=_AT)
    tagging.attach(created.tag, "web-1", by="uma", at=_AT)
    tag = tagging.tag(created.tag)
    lines = [
        f"  uma creates {tag.name!r} (owned by {tag.organisation!r}) and puts it on web-1",
        f"  carl (bakery) sees on web-1: {[t.name for t in tagging.tags_of('web-1', by='carl')]}",
        f"  uma sees on web-1: {[t.name for t in tagging.tags_of('web-1', by='uma')]}",
    ]
    try:
        tagging.attach(created.tag, "web-2", by="uma", at=_AT)
    except AccessDenied as refused:
        lines.append(f"  uma tags web-2: {refused.decision}")
    return "A partner's user tags the client's product; the tag belongs to the client", "\n".join(lines)


ACCESS_STEPS = (invitation_and_grant, renewal_earns_cashback, partner_tags_a_product)
