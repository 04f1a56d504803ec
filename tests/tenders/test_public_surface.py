"""The tenders area's public surface is deliberate: this test pins it.

Review33 withdrew ``TOKEN_BYTES``, the size of a cancellation token's secret: the board makes the tokens.
"""

from __future__ import annotations

from infomanager_core import tenders


def test_the_tenders_surface_is_pinned() -> None:
    assert tenders.__all__ == [
        "CONTACT_NAME_LENGTH",
        "DEFAULT_VALIDITY",
        "BlankText",
        "CallExcerpt",
        "CallForTender",
        "CallNotOpen",
        "Confirmation",
        "Contact",
        "InvalidCancellationToken",
        "InvalidEmail",
        "InvalidPhone",
        "InvalidPrice",
        "InvalidTenderRules",
        "NotOptedIn",
        "NotYourCall",
        "OpenedCall",
        "Opening",
        "OwnCall",
        "Proposal",
        "ProposalAlreadyDecided",
        "ProposalStatus",
        "TenderBoard",
        "TenderEvent",
        "TenderEventKind",
        "TenderRules",
        "TextTooLong",
        "UnknownCall",
        "UnknownProposal",
        "UnprintableTenderText",
        "contact_email",
        "contact_phone",
        "excerpt_of",
        "is_open",
        "one_line_text",
        "proposal_price",
        "several_lines_text",
        "summary",
    ]
