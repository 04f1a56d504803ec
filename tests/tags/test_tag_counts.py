"""The counts of an organisation's tag list: each tag's number of products is the number of products carrying it that
the person asking reaches — all of them for whoever manages the tags, only those within the grant for limited access."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from infomanager_core.access import AccessDenied, Programme
from infomanager_core.tags import Tagging, can_create_tags, can_manage_tags
from tests.access.world import CLIENTS, OWNER, PEOPLE, PRODUCTS, START, managed_worlds

LEGAL_REPRESENTATIVE_OF = {"bakery": "carl", "dental": "dora", "cafe": "fred"}
#: Who creates a tag: the client's legal representative (``None``), or partner staff when they reach the client.
MAKERS = st.sampled_from((None, None, "paula", "uma"))


def tagged(programme: Programme, makers: list[tuple[str, str | None]], attached: list[tuple[int, str]]) -> Tagging:
    """Tags made for clients by their legal representative or by partner staff, put on products of their client."""
    tagging = Tagging(programme)
    for number, (organisation, maker) in enumerate(makers):
        allowed = maker is not None and can_create_tags(programme, maker, organisation).allowed
        by = maker if maker is not None and allowed else LEGAL_REPRESENTATIVE_OF[organisation]
        tagging.create(organisation, f"tag {number}", colour=0, by=by, at=START)
    for index, product in attached:
        tag = tagging.tags[index % len(tagging.tags)] if tagging.tags else None
        if tag is not None and OWNER[product] == tag.organisation:
            tagging.attach(tag.id, product, by=LEGAL_REPRESENTATIVE_OF[tag.organisation], at=START)
    tagging.check_invariants()
    return tagging


@given(
    managed_worlds(),
    st.lists(st.tuples(st.sampled_from(CLIENTS), MAKERS), max_size=6),
    st.lists(st.tuples(st.integers(0, 5), st.sampled_from(PRODUCTS)), max_size=12),
)
def test_each_listed_count_is_the_products_carrying_the_tag_that_the_person_reaches(
    programme: Programme, makers: list[tuple[str, str | None]], attached: list[tuple[int, str]]
) -> None:
    tagging = tagged(programme, makers, attached)
    for organisation in CLIENTS:
        own = {tag.id for tag in tagging.tags if tag.organisation == organisation}
        for person in PEOPLE:
            if not can_create_tags(programme, person, organisation).allowed:
                try:
                    tagging.list_tags(organisation, by=person)
                except AccessDenied:
                    continue
                raise AssertionError(f"{person} listed the tags of {organisation} without reaching it")
            listed = tagging.list_tags(organisation, by=person)
            for entry in listed:
                assert entry.products == len(tagging.products_with(entry.tag.id, by=person))
            ids = {entry.tag.id for entry in listed}
            if can_manage_tags(programme, person, organisation).allowed:
                assert ids == own
            else:
                assert {tag for tag in own if tagging.products_with(tag, by=person)} <= ids <= own
