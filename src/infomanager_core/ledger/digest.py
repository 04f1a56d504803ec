"""A journal digest an auditor keeps: a hash of every transaction up to a sequence, in an encoding the library fixes.

``check_invariants`` proves a journal consistent, not unedited: a hand that changes both postings of a transaction
and the running balances leaves every law holding. An auditor who keeps ``(sequence, digest)`` outside the file at
each period's close can, years later and with any later version of the library, recompute the digest up to that
sequence and see whether anything up to it was changed, added or removed.

The digest's text reads ``<sequence>:<scheme>:<hex>``. Scheme ``im-sha256-1`` is a chain over the journal in
sequence order, ``h_0 = sha256(b"im-sha256-1")`` and ``h_n = sha256(h_(n-1) ‖ encode(t_n))`` (raw 32-byte
digests), so the digest at a sequence depends on the transactions up to it and on nothing after: a prefix property.
``encode(t)`` is a list of fields, each its byte length as 8 bytes big-endian then its bytes, in this order:

* ``sequence``, then ``key``, ``kind`` (its value, ``top_up``…) and ``effective`` (``YYYY-MM-DD``);
* ``recorded_at``: the wall-clock time and the UTC offset it was recorded in, ``YYYY-MM-DDTHH:MM:SS.ffffff`` then
  ``±HH:MM:SS.ffffff``, every part always written (the zone's name is not: a file keeps only the offset);
* ``pending`` (``1`` or ``0``), ``reverses`` and ``resolves`` (the sequence, or empty for none);
* the number of metadata pairs, then each pair's name and value, in their order;
* the number of postings, then each posting's account kind, owner (empty for a system account), currency and units,
  in their order.

Integers are written in decimal ASCII (``-`` before a negative one) and texts in UTF-8 (a lone surrogate as
``surrogatepass`` writes it). A scheme, once published, never changes: a later version that encodes otherwise adds
a scheme and still verifies digests kept under this one.

>>> from .ledger import Ledger
>>> str(Ledger().journal_digest())  # the empty journal's: h_0
'0:im-sha256-1:ae8a7eb0b6d77db05eb91a15cab4e3edea425ab26615d934eba41a8134862cb9'
"""

from __future__ import annotations

import hashlib
import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime

import attrs

from ..errors import InvalidInput
from .accounts import Account
from .errors import DigestMismatch, UnknownTransaction
from .store import LedgerReader
from .transaction import Transaction, TransactionKind

__all__ = ["SCHEME", "JournalDigest", "digests", "encode", "journal_digest", "verify_digest"]

#: The encoding and hash this version writes; :data:`SCHEMES` are those it verifies.
SCHEME = "im-sha256-1"
SCHEMES = frozenset({SCHEME})

_TEXT = re.compile(r"(0|[1-9][0-9]*):([a-z0-9-]+):([0-9a-f]{64})")


def _digested_upto(value: object, field: str, rule: str = "must be an int ≥ 0") -> int:
    """``value`` if it can say how far a digest goes: an int ≥ 0, the last sequence it covers (0: the empty journal)."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidInput(field, value, f"{rule} (the last transaction the digest covers)")
    return value


def _check_sequence(_instance: object, _attribute: object, sequence: int) -> None:
    _digested_upto(sequence, "sequence")


def _check_scheme(_instance: object, _attribute: object, scheme: str) -> None:
    if not isinstance(scheme, str) or scheme not in SCHEMES:
        raise InvalidInput(
            "scheme", scheme, f"must be a digest scheme this library knows ({', '.join(sorted(SCHEMES))})"
        )


def _check_hex(_instance: object, _attribute: object, digest: str) -> None:
    if not isinstance(digest, str) or not re.fullmatch(r"[0-9a-f]{64}", digest):
        raise InvalidInput("digest", digest, "must be 64 lowercase hexadecimal digits (a sha256)")


@attrs.frozen(slots=True, kw_only=True)
class JournalDigest:
    """The digest of the journal up to transaction ``sequence`` (0: the empty journal), under ``scheme``.

    Its text, ``<sequence>:<scheme>:<hex>``, is what an auditor keeps; :meth:`parse` reads it back.

    >>> kept = JournalDigest.parse("0:im-sha256-1:ae8a7eb0b6d77db05eb91a15cab4e3edea425ab26615d934eba41a8134862cb9")
    >>> kept.sequence, kept.scheme
    (0, 'im-sha256-1')
    >>> JournalDigest.parse("7:im-md5-1:" + "0" * 64)
    Traceback (most recent call last):
      ...
    infomanager_core.errors.InvalidInput: scheme: 'im-md5-1' must be a digest scheme this library knows (im-sha256-1)
    """

    sequence: int = attrs.field(validator=_check_sequence)
    digest: str = attrs.field(validator=_check_hex)
    scheme: str = attrs.field(default=SCHEME, validator=_check_scheme)

    @classmethod
    def parse(cls, text: str) -> JournalDigest:
        """The digest written as ``text`` (``<sequence>:<scheme>:<hex>``); a typed refusal of any other text."""
        if not isinstance(text, str):
            raise InvalidInput("digest", text, "must be the text of a journal digest (<sequence>:<scheme>:<hex>)")
        found = _TEXT.fullmatch(text)
        if found is None:
            raise InvalidInput(
                "digest", text, "must read <sequence>:<scheme>:<hex>", hint="e.g. 42:im-sha256-1: and 64 hex digits"
            )
        return cls(sequence=int(found[1]), scheme=found[2], digest=found[3])

    def __str__(self) -> str:
        return f"{self.sequence}:{self.scheme}:{self.digest}"


def digests(transactions: Iterable[Transaction]) -> Iterator[JournalDigest]:
    """The digest after each of ``transactions`` (a journal from its first transaction, in sequence order).

    >>> next(digests([]), None) is None
    True
    """
    for sequence, chain in _chain(transactions):
        yield JournalDigest(sequence=sequence, digest=chain.hex())


#: ``h_0``: the digest of the empty journal, which names the scheme.
_START = hashlib.sha256(SCHEME.encode()).digest()


def _chain(transactions: Iterable[Transaction]) -> Iterator[tuple[int, bytes]]:
    chain, encoded = _START, _encoding()
    for transaction in transactions:
        chain = hashlib.sha256(chain + encoded(transaction)).digest()
        yield transaction.sequence, chain


def encode(transaction: Transaction) -> bytes:
    """The transaction's fields in scheme ``im-sha256-1``'s encoding (see the module's documentation)."""
    return _encoding()(transaction)


def _field(text: str) -> bytes:
    data = text.encode("utf-8", "surrogatepass")
    return len(data).to_bytes(8, "big") + data


_KINDS = {kind: _field(kind.value) for kind in TransactionKind}
_PENDING = {True: _field("1"), False: _field("0")}
_NONE = _field("")


def _encoding() -> Callable[[Transaction], bytes]:
    """:func:`encode`, remembering each account's fields while it runs over one journal: a journal names few
    accounts, and their fields are half of every transaction's."""
    accounts: dict[Account, bytes] = {}

    def encoded(transaction: Transaction) -> bytes:
        metadata, postings = transaction.metadata, transaction.postings
        fields = [
            _field(str(transaction.sequence)),
            _field(transaction.key),
            _KINDS[transaction.kind],
            _field(transaction.effective.isoformat()),
            _field(_moment(transaction.recorded_at)),
            _PENDING[transaction.pending],
            _NONE if transaction.reverses is None else _field(str(transaction.reverses)),
            _NONE if transaction.resolves is None else _field(str(transaction.resolves)),
            _field(str(len(metadata))),
        ]
        for name, value in metadata:
            fields += (_field(name), _field(value))
        fields.append(_field(str(len(postings))))
        for posting in postings:
            account = posting.account
            named = accounts.get(account)
            if named is None:
                named = accounts[account] = b"".join(map(_field, (account.kind.value, account.owner, account.currency)))
            fields += (named, _field(str(posting.units)))
        return b"".join(fields)

    return encoded


#: The end of an offset as :meth:`datetime.isoformat` writes it (``+01:00``, ``+00:34:08``), by its length.
_OFFSET_ENDS = {6: ":00.000000", 9: ".000000", 16: ""}


def _moment(moment: datetime) -> str:
    """``YYYY-MM-DDTHH:MM:SS.ffffff±HH:MM:SS.ffffff``: the wall clock and the offset, every part written, the same
    whatever the zone's name (a file gives back a fixed offset where a ``ZoneInfo`` was written)."""
    text = moment.isoformat(timespec="microseconds")  # the offset's seconds and microseconds only when not zero
    return text + _OFFSET_ENDS[len(text) - 26]


def journal_digest(reader: LedgerReader, through: int | None = None) -> JournalDigest:
    """The digest of ``reader``'s journal up to sequence ``through`` (by default its head), read as a stream."""
    if through is not None:
        _digested_upto(through, "through", "must be None (the head) or an int ≥ 0")
    head = reader.head()
    last = 0 if head is None else head[0]
    if through is not None and through > last:
        raise UnknownTransaction(
            "through", through, f"names no transaction (the journal ends at #{last})", hint="digest up to the head"
        )
    upto = last if through is None else through
    last_link = deque(_chain(reader.transactions(upto=upto)), maxlen=1)  # each link is made from the one before
    chain = last_link[0][1] if last_link else _START
    return JournalDigest(sequence=upto, digest=chain.hex())


def verify_digest(reader: LedgerReader, kept: JournalDigest | str) -> None:
    """Return if ``reader``'s journal up to ``kept``'s sequence has ``kept``'s digest; raise :class:`DigestMismatch`
    naming both if not."""
    if isinstance(kept, str):
        kept = JournalDigest.parse(kept)
    elif not isinstance(kept, JournalDigest):
        raise InvalidInput("kept", kept, "must be a JournalDigest or its text (<sequence>:<scheme>:<hex>)")
    head = reader.head()
    last = 0 if head is None else head[0]
    if kept.sequence > last:  # the journal is shorter than the one digested: cut short, or another file
        raise UnknownTransaction(
            "sequence",
            kept.sequence,
            f"names no transaction (the journal ends at #{last}): the kept digest is of a longer journal",
            hint="the file was cut short, or is another ledger's",
        )
    found = journal_digest(reader, kept.sequence)
    if found != kept:
        raise DigestMismatch(kept.sequence, kept=str(kept), found=str(found))
