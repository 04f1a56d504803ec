"""Cancellation tokens: the unguessable secret in the link of a client's confirmation.

A token reads ``<call id>.<secret>``: the call it cancels, then :data:`TOKEN_BYTES` random bytes from
:func:`secrets.token_urlsafe` (256 bits). The board keeps only the SHA-256 digest of the whole token and compares a
presented token's digest to the stored one with :func:`hmac.compare_digest`, in constant time.

Why SHA-256 and not a salted, slow hash (scrypt) as for account secrets: a password is short and guessable, so its
hash must be salted against precomputed tables and slow against guessing; a token is 256 random bits, so no table and
no amount of guessing reaches it, and one fast hash keeps a stolen list of digests useless while making cancelling
cheap. The call id in front lets the board find the one digest to compare with; without it, a lookup keyed by the
secret itself would compare in variable time.

>>> token = new_token("call-1")
>>> call_of(token), len(token.partition(".")[2]) >= 43
('call-1', True)
>>> matches(token, digest(token)), matches(token + "x", digest(token))
(True, False)
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

__all__ = ["TOKEN_BYTES", "call_of", "digest", "matches", "new_token"]

#: Random bytes in a token's secret: 32 bytes, 256 bits, written as 43 URL-safe characters.
TOKEN_BYTES = 32

#: Compared against when a token names no call, so that such a token takes as long to refuse as a wrong one.
_NO_DIGEST = hashlib.sha256(b"no call").digest()


def new_token(call: str) -> str:
    """A fresh token for ``call``."""
    return f"{call}.{secrets.token_urlsafe(TOKEN_BYTES)}"


def call_of(token: object) -> str | None:
    """The call a token names, or ``None`` when it is not shaped like a token (not ASCII text with a dot)."""
    if not isinstance(token, str) or not token.isascii():
        return None
    call, dot, secret = token.rpartition(".")
    return call if dot and call and secret else None


def digest(token: str) -> bytes:
    """The SHA-256 digest of ``token`` (an ASCII string, as :func:`call_of` accepts), what the board keeps."""
    return hashlib.sha256(token.encode("ascii")).digest()


def matches(token: object, stored: bytes | None) -> bool:
    """Whether ``token`` is the one whose digest is ``stored``, compared in constant time; ``None`` never matches, after
    as long a comparison."""
    shaped = isinstance(token, str) and call_of(token) is not None
    presented = digest(token) if shaped and isinstance(token, str) else _NO_DIGEST
    same = hmac.compare_digest(presented, _NO_DIGEST if stored is None else stored)
    return same and shaped and stored is not None
