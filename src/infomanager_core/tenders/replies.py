"""What the board hands back beyond events: the client's confirmation, and the call a partner opened.

A :class:`Confirmation` carries the cancellation token, shown this once: the board keeps only its digest. Its ``repr``
leaves the token out, so that logging a confirmation does not log the secret.
"""

from __future__ import annotations

import attrs

from .call import CallForTender
from .events import TenderEvent

__all__ = ["Confirmation", "OpenedCall"]


@attrs.frozen(kw_only=True)
class Confirmation:
    """The client's confirmation of a submitted call: the call, its cancellation ``token`` (for the link in the
    e-mail), and the events of the submission."""

    call: CallForTender
    token: str = attrs.field(repr=False)
    events: tuple[TenderEvent, ...]


@attrs.frozen(kw_only=True)
class OpenedCall:
    """A call a partner opened: the whole call, contact details included, and the event that records the opening."""

    call: CallForTender
    events: tuple[TenderEvent, ...]
