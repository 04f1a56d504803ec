"""Calls for tender: a client asks every opted-in partner for proposals, free of charge (SPEC §7)."""

from .board import TenderBoard
from .call import DEFAULT_VALIDITY, CallExcerpt, CallForTender, TenderRules, excerpt_of, is_open
from .contact import CONTACT_NAME_LENGTH, Contact, contact_email, contact_phone
from .errors import (
    BlankText,
    CallNotOpen,
    InvalidCancellationToken,
    InvalidEmail,
    InvalidPhone,
    InvalidPrice,
    InvalidTenderRules,
    NotOptedIn,
    NotYourCall,
    OwnCall,
    ProposalAlreadyDecided,
    TextTooLong,
    UnknownCall,
    UnknownProposal,
    UnprintableTenderText,
)
from .events import TenderEvent, TenderEventKind
from .proposal import Opening, Proposal, ProposalStatus, proposal_price
from .replies import Confirmation, OpenedCall
from .texts import one_line_text, several_lines_text, summary

__all__ = [
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
