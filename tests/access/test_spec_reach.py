"""SPEC §3.3: "Nobody outside the partner organisation reaches a client through a partnership."

A partnership gives the partner's staff access to its client, and to nothing that client itself manages: when the
agency manages the bakery and the studio manages the agency, the studio's people reach the agency and not the bakery —
neither the client, nor its products, nor ordering for it, nor its tags.
"""

from __future__ import annotations

import pytest

from infomanager_core.access import (
    AccessDenied,
    Grant,
    can_order,
    can_reach_client,
    can_reach_product,
    reachable_clients,
)
from infomanager_core.tags import Tagging

from .world import START, make_world


def test_the_partner_of_a_partner_reaches_none_of_the_partners_clients() -> None:
    programme = make_world()
    [sent] = programme.invite(partner="agency", client="bakery", grant=Grant.full(), by="paula", at=START)
    programme.accept(sent.subject, by="carl", at=START)
    [sent] = programme.invite(partner="studio", client="agency", grant=Grant.full(), by="sam", at=START)
    programme.accept(sent.subject, by="paula", at=START)

    assert can_reach_client(programme, "sam", "agency")
    assert reachable_clients(programme, "sam") == ("agency",)
    assert not can_reach_client(programme, "sam", "bakery")
    assert not can_order(programme, "sam", "bakery")
    for product in ("b-web-1", "b-web-2", "b-mail-1"):
        assert not can_reach_product(programme, "sam", product)
    tagging = Tagging(programme)
    [created] = tagging.create("bakery", "Shop", colour=0, by="paula", at=START)
    tagging.attach(created.tag, "b-web-1", by="paula", at=START)
    assert [tag.name for tag in tagging.tags_of("b-web-1", by="carl")] == ["Shop"]
    assert tagging.products_with(created.tag, by="sam") == ()
    with pytest.raises(AccessDenied):
        tagging.tags_of("b-web-1", by="sam")
    with pytest.raises(AccessDenied):
        tagging.list_tags("bakery", by="sam")
