"""An invitation stands for its organisation, not for the person who sent it.

It stays open when its sender leaves the organisation or stops being a legal representative, and may be accepted; the
organisation's other legal representatives withdraw it if they no longer want it. Both organisations were told when
it was sent (its event notifies both).
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from infomanager_core.access import Grant, NotTheInvitingSide, Role, can_reach_client
from infomanager_core.access.examples import MONDAY, example_programme

LATER = MONDAY + timedelta(hours=1)


@pytest.mark.parametrize("change", ["removed", "made a user"])
def test_a_partners_invitation_is_accepted_after_its_sender_left_the_partner(change: str) -> None:
    programme = example_programme()
    [sent] = programme.invite(partner="agency", client="cafe", grant=Grant.full(), by="paula", at=MONDAY)
    programme.change_role("agency", "adam", Role.LEGAL_REPRESENTATIVE, by="paula", at=MONDAY)
    if change == "removed":
        programme.remove_member("agency", "paula", by="adam", at=MONDAY)
    else:
        programme.change_role("agency", "paula", Role.USER, by="adam", at=MONDAY)
    programme.accept(sent.subject, by="fred", at=LATER)
    assert can_reach_client(programme, "adam", "cafe").allowed


def test_a_clients_authorisation_is_accepted_after_its_sender_left_the_client() -> None:
    programme = example_programme()
    programme.add_member("cafe", "cleo", Role.LEGAL_REPRESENTATIVE, by="fred", at=MONDAY)
    [offered] = programme.authorise(client="cafe", partner="agency", grant=Grant.full(), by="fred", at=MONDAY)
    programme.remove_member("cafe", "fred", by="cleo", at=MONDAY)
    programme.accept(offered.subject, by="paula", at=LATER)
    assert programme.active_partnership("cafe") is not None


def test_the_organisations_other_legal_representative_withdraws_it_and_its_former_sender_may_not() -> None:
    programme = example_programme()
    [sent] = programme.invite(partner="agency", client="cafe", grant=Grant.full(), by="paula", at=MONDAY)
    programme.change_role("agency", "adam", Role.LEGAL_REPRESENTATIVE, by="paula", at=MONDAY)
    programme.remove_member("agency", "paula", by="adam", at=MONDAY)
    with pytest.raises(NotTheInvitingSide):
        programme.cancel(sent.subject, by="paula", at=LATER)
    [cancelled] = programme.cancel(sent.subject, by="adam", at=LATER)
    assert cancelled.what.value == "invitation cancelled"
