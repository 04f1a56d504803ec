"""The scheduled purge of verification data names nobody: the account's person did not delete their documents.

Its events named the account's own person, so an audit trail answered "carl" to "who deleted carl's passport scan?".
A purge run by a person (``by``) names them; a lapsed request cleared by the person's new submission names them.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from infomanager_core import InvalidInput
from infomanager_core.security import Account, SecurityEventKind
from tests.refusals import state_of
from tests.security.support import MONDAY, new_account

LAPSED = MONDAY + timedelta(hours=72)


def with_request() -> Account:
    account = new_account()
    account.submit_identity_verification(documents=["passport"], selfie="selfie", at=MONDAY)
    return account


def test_the_scheduled_purge_names_nobody() -> None:
    [deleted] = with_request().purge_verification_data(at=LAPSED)
    assert (deleted.what, deleted.by, deleted.at) == (SecurityEventKind.VERIFICATION_DATA_DELETED, None, LAPSED)


def test_a_purge_run_by_a_person_names_them() -> None:
    [deleted] = with_request().purge_verification_data(by="support-ana", at=LAPSED)
    assert deleted.by == "support-ana"


def test_a_lapsed_request_cleared_by_a_new_submission_names_the_person_who_submitted() -> None:
    events = with_request().submit_identity_verification(documents=["id-card"], selfie="selfie-2", at=LAPSED)
    assert [(event.what, event.by) for event in events] == [
        (SecurityEventKind.VERIFICATION_DATA_DELETED, "carl"),
        (SecurityEventKind.VERIFICATION_SUBMITTED, "carl"),
    ]


@pytest.mark.parametrize("by", ["", "ana\n", ["ana"]])
def test_a_malformed_by_is_refused_naming_by_and_nothing_is_deleted(by: object) -> None:
    account = with_request()
    before = state_of(account)
    with pytest.raises(InvalidInput) as refused:
        account.purge_verification_data(by=by, at=LAPSED)  # type: ignore[arg-type]
    assert refused.value.field == "by"
    assert state_of(account) == before
