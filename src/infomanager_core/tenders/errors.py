"""Errors of the calls-for-tender area: one leaf per broken rule, carrying its data; the command that raised changed
nothing.

Every leaf is bad input (:class:`~infomanager_core.errors.InvalidInput`): its message names the field, the value and
the rule. A moment that is naive or dated before the board's latest one reuses
:class:`~infomanager_core.access.InvalidMoment` and :class:`~infomanager_core.access.BackdatedCommand`; an organisation
the programme does not know, or one without partner status, reuses
:class:`~infomanager_core.access.UnknownOrganisation` and :class:`~infomanager_core.access.NotAPartner`.

>>> try:
...     raise NotOptedIn("agency")
... except InvalidInput as error:
...     print(error.field, "|", error.rule)
partner | has not opted in to receive calls for tender
"""

from __future__ import annotations

from ..errors import InvalidInput, UnprintableText, hidden

__all__ = [
    "BlankText",
    "CallNotOpen",
    "InvalidCancellationToken",
    "InvalidEmail",
    "InvalidPhone",
    "InvalidPrice",
    "InvalidTenderRules",
    "NotOptedIn",
    "NotYourCall",
    "OwnCall",
    "ProposalAlreadyDecided",
    "TextTooLong",
    "UnknownCall",
    "UnknownProposal",
    "UnprintableTenderText",
]


class BlankText(InvalidInput):
    """A title, description, proposal or contact name has at least one visible character once trimmed."""

    def __init__(self, field: str, value: object) -> None:
        super().__init__(field, value, "must not be blank once trimmed")


class TextTooLong(InvalidInput):
    """A text, trimmed, may not exceed its configured length (see :class:`~infomanager_core.tenders.TenderRules`)."""

    def __init__(self, field: str, value: str, maximum: int) -> None:
        self.maximum = maximum
        super().__init__(field, value, f"must have at most {maximum} characters once trimmed")


class UnprintableTenderText(UnprintableText):
    """Text of a call follows the library's text rule (:mod:`infomanager_core.text`); a description or a proposal
    may also break lines, nothing else invisible."""


class InvalidEmail(InvalidInput):
    """An e-mail address has one ``@``, a dotted domain and no spaces, at most 254 characters."""

    def __init__(self, value: object) -> None:
        super().__init__("email", value, "must be an e-mail address", hint="like name@example.com, without spaces")


class InvalidPhone(InvalidInput):
    """A phone number: digits with an optional leading ``+`` and the usual separators, 6 to 15 digits (E.164 caps
    an international number at 15)."""

    def __init__(self, value: object) -> None:
        super().__init__(
            "phone",
            value,
            "must be a phone number: 6 to 15 digits, an optional leading '+', spaces, '-', '.', '/' or '()'",
            hint="e.g. '+41 21 555 01 23'",
        )


class InvalidPrice(InvalidInput):
    """A proposal's price is a :class:`~infomanager_core.money.Money` of zero or more, in whole minor units."""

    def __init__(self, value: object, rule: str, *, hint: str | None = None) -> None:
        super().__init__("price", value, rule, hint=hint)


class InvalidTenderRules(InvalidInput):
    """Tender rules that cannot work (a validity that is not a positive duration, a length below 1…)."""


class UnknownCall(InvalidInput):
    """No call for tender has this id."""

    def __init__(self, call: object) -> None:
        super().__init__("call", call, "is not a known call for tender")


class CallNotOpen(InvalidInput):
    """The call is no longer open to partners: it expired or its client cancelled it (partners are not told which)."""

    def __init__(self, call: str) -> None:
        super().__init__("call", call, "is no longer open to partners (expired or cancelled)")


class NotOptedIn(InvalidInput):
    """Only a partner that opted in sees excerpts, opens calls and answers them."""

    def __init__(self, partner: str) -> None:
        super().__init__("partner", partner, "has not opted in to receive calls for tender")


class OwnCall(InvalidInput):
    """A call is addressed to the other partners: the organisation that submitted it does not open or answer it."""

    def __init__(self, call: str, partner: str) -> None:
        self.call = call
        super().__init__("partner", partner, f"submitted call {call!r} itself")


class NotYourCall(InvalidInput):
    """Only the client that submitted a call reads it whole, with its proposals, and decides on them."""

    def __init__(self, call: str, client: str) -> None:
        self.call = call
        super().__init__("client", client, f"did not submit call {call!r}")


class UnknownProposal(InvalidInput):
    """No proposal has this id."""

    def __init__(self, proposal: object) -> None:
        super().__init__("proposal", proposal, "is not a known proposal")


class ProposalAlreadyDecided(InvalidInput):
    """A client decides on a proposal once; ``status`` is the decision already taken."""

    def __init__(self, proposal: str, status: object) -> None:
        self.status = status
        super().__init__("proposal", proposal, f"is already decided ({status})")


class InvalidCancellationToken(InvalidInput):
    """The token is not the cancellation token of a call.

    The same error for every refused token — malformed, naming no call, or another call's — so that it tells nothing
    about which calls exist. The token is a secret, so it is not repeated: ``value`` is the placeholder
    :func:`~infomanager_core.errors.hidden` makes of it, its length only (a near miss of a real token would otherwise
    land in logs).
    """

    def __init__(self, token: object) -> None:
        super().__init__("token", hidden(token), "is not the cancellation token of a call")
