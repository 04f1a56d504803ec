"""``TenderBoard.check_invariants`` catches every kind of damage it promises to catch, each on its own.

The model-based tests lean on ``check_invariants`` after every step. Each case below damages a board by hand, through
its private state, so that exactly one law breaks, and ``check_invariants`` must then raise ``InvariantViolation``
stating that law and naming the culprit — under ``python -O`` too. The same board, undamaged, passes. (The openings'
edge cases, at the moment a call expires or is cancelled, are ``test_board.TestAuditor``'s.)
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import attrs
import pytest

from infomanager_core.tenders import DEFAULT_VALIDITY, Opening, ProposalStatus, TenderBoard
from tests.tenders.support import START, board, submit

from ..auditors import assert_caught, assert_refused_under_optimisation, culprits_under_hash_seeds

HOUR = timedelta(hours=1)

# Damage is done behind the board's back, as only a bug in the board itself could.


def set_up_board() -> TenderBoard:
    """The bakery's call-1 and the cafe's call-2, submitted at START; agency and studio open call-1 and propose
    (proposal-1, proposal-2) an hour later; the bakery accepts proposal-1 an hour after that."""
    tenders = board(opted_in=("agency", "studio"))
    submit(tenders)
    submit(tenders, "cafe")
    for partner in ("agency", "studio"):
        tenders.open("call-1", partner=partner, at=START + HOUR)
        tenders.answer("call-1", partner=partner, text="A shop in two weeks.", at=START + HOUR)
    tenders.accept("proposal-1", client="bakery", at=START + 2 * HOUR)
    return tenders


def evolved(records: dict[str, Any], id: str, **changes: object) -> None:
    records[id] = attrs.evolve(records[id], **changes)


def call_without_a_digest(tenders: TenderBoard) -> None:
    del tenders._digests["call-2"]


def digests_of_calls_never_submitted(tenders: TenderBoard) -> None:
    for number in range(3, 7):
        tenders._digests[f"call-{number}"] = f"digest-{number}"


def two_calls_sharing_a_digest(tenders: TenderBoard) -> None:
    tenders._digests["call-2"] = tenders._digests["call-1"]


def calls_out_of_order(tenders: TenderBoard) -> None:
    tenders._calls = dict(reversed(tenders._calls.items()))


def proposals_out_of_order(tenders: TenderBoard) -> None:
    tenders._proposals = dict(reversed(tenders._proposals.items()))


def call_open_for_another_period(tenders: TenderBoard) -> None:
    evolved(tenders._calls, "call-2", valid_until=START + DEFAULT_VALIDITY + HOUR)


def call_cancelled_before_it_was_submitted(tenders: TenderBoard) -> None:
    evolved(tenders._calls, "call-2", cancelled=START - HOUR)


def call_opened_by_its_own_client(tenders: TenderBoard) -> None:
    tenders._openings.append(Opening(call="call-1", partner="bakery", at=START + HOUR))


def proposal_made_after_the_call_expired(tenders: TenderBoard) -> None:
    evolved(tenders._proposals, "proposal-2", made=START + DEFAULT_VALIDITY)


def decided_proposal_still_pending(tenders: TenderBoard) -> None:
    evolved(tenders._proposals, "proposal-1", status=ProposalStatus.PENDING)


def proposal_decided_before_it_was_made(tenders: TenderBoard) -> None:
    evolved(tenders._proposals, "proposal-1", decided=START)


def organisation_opted_in_without_partner_status(tenders: TenderBoard) -> None:
    tenders._opted_in["cafe"] = None


def record_dated_after_the_boards_clock(tenders: TenderBoard) -> None:
    tenders._latest = START + HOUR


def call_submitted_after_the_boards_clock(tenders: TenderBoard) -> None:
    evolved(tenders._calls, "call-2", submitted=START + 3 * HOUR, valid_until=START + 3 * HOUR + DEFAULT_VALIDITY)


def cancellation_dated_after_the_boards_clock(tenders: TenderBoard) -> None:
    evolved(tenders._calls, "call-2", cancelled=START + 3 * HOUR)


def proposal_made_after_the_boards_clock(tenders: TenderBoard) -> None:
    evolved(tenders._proposals, "proposal-2", made=START + 3 * HOUR)


#: Each damage, with the law it breaks as the auditor states it and the culprit it names.
DAMAGE: dict[str, tuple[Callable[[TenderBoard], None], str, object]] = {
    damage.__name__: (damage, law, culprit)
    for damage, law, culprit in (
        (call_without_a_digest, "every call has a token digest, and every digest a call", ["call-2"]),
        (two_calls_sharing_a_digest, "no two calls share a token digest", ["call-1", "call-2"]),
        (calls_out_of_order, "calls are numbered call-1, call-2, … in the order submitted", ["call-2", "call-1"]),
        (
            proposals_out_of_order,
            "proposals are numbered proposal-1, proposal-2, … in the order made",
            ["proposal-2", "proposal-1"],
        ),
        (call_open_for_another_period, "a call is open for exactly the rules' validity", "call-2"),
        (call_cancelled_before_it_was_submitted, "a call is cancelled no earlier than it was submitted", "call-2"),
        (
            call_opened_by_its_own_client,
            "a call is opened only while it is open, by a partner other than its client",
            ("call-1", "bakery", START + HOUR),
        ),
        (
            proposal_made_after_the_call_expired,
            "a proposal is made only while its call is open, by a partner other than its client",
            "proposal-2",
        ),
        (decided_proposal_still_pending, "a proposal is decided exactly when it is no longer pending", "proposal-1"),
        (proposal_decided_before_it_was_made, "a proposal is decided no earlier than it was made", "proposal-1"),
        (organisation_opted_in_without_partner_status, "only a partner opts in", "cafe"),
        (
            record_dated_after_the_boards_clock,
            "nothing is dated after the board's latest moment",
            (START + 2 * HOUR, START + HOUR),
        ),
        (
            call_submitted_after_the_boards_clock,
            "nothing is dated after the board's latest moment",
            (START + 3 * HOUR, START + 2 * HOUR),
        ),
        (
            cancellation_dated_after_the_boards_clock,
            "nothing is dated after the board's latest moment",
            (START + 3 * HOUR, START + 2 * HOUR),
        ),
        (
            proposal_made_after_the_boards_clock,
            "nothing is dated after the board's latest moment",
            (START + 3 * HOUR, START + 2 * HOUR),
        ),
    )
}


def test_the_undamaged_board_passes() -> None:
    set_up_board().check_invariants()


@pytest.mark.parametrize("damage", DAMAGE)
def test_each_kind_of_damage_is_caught_as_the_law_it_breaks_naming_the_culprit(damage: str) -> None:
    spoil, law, culprit = DAMAGE[damage]
    tenders = set_up_board()
    spoil(tenders)
    assert_caught(tenders, law, culprit)


def test_a_damaged_board_is_refused_under_python_o_too() -> None:
    """Asserts vanish under ``-O``: the board's laws are plain checks that stay."""
    assert_refused_under_optimisation(
        "tests.tenders.test_invariants",
        "set_up_board",
        "call_opened_by_its_own_client",
        "a call is opened only while it is open, by a partner other than its client",
    )


def test_the_calls_named_for_stray_digests_are_sorted_whatever_the_hash_seed() -> None:
    assert culprits_under_hash_seeds(
        "tests.tenders.test_invariants", "set_up_board", "digests_of_calls_never_submitted"
    ) == {"['call-3', 'call-4', 'call-5', 'call-6']"}
