"""Salted scrypt hashes of secrets: the only form in which the library keeps a password, token or code.

A :class:`SecretHash` holds everything needed to check a secret again — the scrypt cost it was made with, the salt and
the digest — and nothing from which the secret can be read back. Its text form (``str(hash)``) describes itself::

    scrypt$n=16384,r=8,p=1$<salt>$<digest>        (salt and digest in unpadded URL-safe base64)

so the cost can be raised later: a hash keeps verifying with the cost it was made with, and
:func:`needs_rehash` says when it is time to store a new one made with today's cost. Checking compares digests with
:func:`hmac.compare_digest`, in constant time.

Secrets are hashed as the UTF-8 bytes of the text given; a password is put in its policy's normal form first
(:mod:`infomanager_core.security.passwords`). New secrets come from :mod:`secrets` (:func:`new_secret`). A secret may
not contain NUL: scrypt keys HMAC with the secret, and HMAC pads a short key with zero bytes, so ``"abc"`` and
``"abc\\x00"`` would hash alike. Such a secret (or one that is not text, or not encodable) is refused when hashed
(:class:`UnhashableSecret`) and matches nothing when presented.

>>> cheap = ScryptCost(n=2**4, r=1, p=1)  # for examples and tests only: production keeps DEFAULT_COST
>>> stored = hash_secret("correct horse battery staple", cheap)
>>> verify_secret("correct horse battery staple", stored), verify_secret("Correct horse battery staple", stored)
(True, False)
>>> str(stored).startswith("scrypt$n=16,r=1,p=1$")
True
>>> SecretHash.parse(str(stored)) == stored
True
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import re
import secrets
from collections.abc import Callable, Iterable
from typing import Any

import attrs

from ..errors import InvalidInput
from .errors import InvalidScryptCost, MalformedSecretHash, UnhashableSecret, hidden

__all__ = [
    "DEFAULT_COST",
    "DIGEST_BYTES",
    "MAX_SCRYPT_MEMORY",
    "SALT_BYTES",
    "ScryptCost",
    "SecretHash",
    "hash_secret",
    "hash_secret_set",
    "matching_secret",
    "needs_rehash",
    "new_secret",
    "verify_secret",
]

#: Bytes of random salt per hash (128 bits).
SALT_BYTES = 16
#: Bytes of scrypt output kept per hash (256 bits).
DIGEST_BYTES = 32
#: The most memory one scrypt call may use (1 GiB); OpenSSL refuses ``maxmem`` from 2 GiB.
MAX_SCRYPT_MEMORY = 2**30
#: Most secrets a caller may ask :func:`new_secret` for in bytes of randomness.
_MAX_SECRET_BYTES = 1024

_TEXT_FORM = re.compile(r"scrypt\$n=([0-9]{1,10}),r=([0-9]{1,4}),p=([0-9]{1,4})\$([A-Za-z0-9_-]+)\$([A-Za-z0-9_-]+)")


def _positive_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 1


def _check_cost(cost: ScryptCost, _attribute: object, _value: object) -> None:
    if not _positive_int(cost.n) or cost.n < 2 or cost.n & (cost.n - 1):
        raise InvalidScryptCost("n", cost.n, "must be an int power of two, at least 2")
    if not _positive_int(cost.r):
        raise InvalidScryptCost("r", cost.r, "must be an int of at least 1")
    if not _positive_int(cost.p):
        raise InvalidScryptCost("p", cost.p, "must be an int of at least 1")
    if cost.memory > MAX_SCRYPT_MEMORY:
        raise InvalidScryptCost(
            "n", cost.n, f"with r={cost.r}, p={cost.p} needs {cost.memory} bytes, more than {MAX_SCRYPT_MEMORY}"
        )


@attrs.frozen(kw_only=True)
class ScryptCost:
    """scrypt's cost: ``n`` (CPU and memory, a power of two), ``r`` (block size) and ``p`` (parallelism).

    The default is RFC 7914's interactive-login setting, n=2**14, r=8, p=1: 16 MiB and some 50–100 ms per hash on a
    server core. Raise it as hardware grows; hashes made with a lower cost still verify.

    >>> ScryptCost().memory
    16780288
    >>> ScryptCost(n=1000)
    Traceback (most recent call last):
    ...
    infomanager_core.security.errors.InvalidScryptCost: n: 1000 must be an int power of two, at least 2
    """

    n: int = 2**14
    r: int = 8
    p: int = attrs.field(default=1, validator=_check_cost)

    @property
    def memory(self) -> int:
        """Bytes one scrypt call needs with this cost, passed to OpenSSL as ``maxmem`` (exactly what it checks)."""
        return 128 * self.r * (self.n + self.p + 2)


#: The cost new hashes are made with unless an account is given another.
DEFAULT_COST = ScryptCost()


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _check_bytes(field: str, size: int) -> Callable[[Any, Any, Any], None]:
    def check(_instance: object, _attribute: object, value: object) -> None:
        if not isinstance(value, bytes) or len(value) != size:
            raise MalformedSecretHash(field, hidden(value), f"must be {size} bytes")

    return check


def _check_cost_type(_instance: Any, _attribute: Any, value: Any) -> None:
    if not isinstance(value, ScryptCost):
        raise MalformedSecretHash("cost", value, "must be a ScryptCost")


@attrs.frozen(kw_only=True)
class SecretHash:
    """A salted scrypt hash of a secret: the cost it was made with, its ``salt`` and its ``digest``.

    Its ``repr`` shows the cost only, and an error about a hash shows neither its text, its salt nor its digest
    (:func:`~infomanager_core.errors.hidden`): they are not the secret, but they are what an attacker would
    brute-force offline, and they have no business in a log.
    """

    cost: ScryptCost = attrs.field(validator=_check_cost_type)
    salt: bytes = attrs.field(validator=_check_bytes("salt", SALT_BYTES), repr=False)
    digest: bytes = attrs.field(validator=_check_bytes("digest", DIGEST_BYTES), repr=False)

    def __str__(self) -> str:
        cost = self.cost
        return f"scrypt$n={cost.n},r={cost.r},p={cost.p}${_b64(self.salt)}${_b64(self.digest)}"

    @classmethod
    def parse(cls, text: object) -> SecretHash:
        """The hash whose text form is ``text`` (``MalformedSecretHash`` when it is not one).

        >>> SecretHash.parse("scrypt$n=16,r=1,p=1$AAAAAAAAAAAAAAAAAAAAAA$" + "A" * 43).cost
        ScryptCost(n=16, r=1, p=1)
        >>> SecretHash.parse("md5$abc")
        Traceback (most recent call last):
        ...
        infomanager_core.security.errors.MalformedSecretHash: hash: '<hidden, 7 characters>' must read scrypt$n=<n>,r=<r>,p=<p>$<salt>$<digest>
        """
        match = _TEXT_FORM.fullmatch(text) if isinstance(text, str) else None
        if match is None:
            raise MalformedSecretHash("hash", hidden(text), "must read scrypt$n=<n>,r=<r>,p=<p>$<salt>$<digest>")
        n, r, p, salt, digest = match.groups()
        try:
            cost = ScryptCost(n=int(n), r=int(r), p=int(p))
        except InvalidScryptCost as error:  # the cost is not secret: its error says what is wrong with it
            unusable = f"{error}"
        else:
            try:
                return cls(cost=cost, salt=_unb64(salt), digest=_unb64(digest))
            except (MalformedSecretHash, binascii.Error):  # the salt or the digest, named but not shown
                unusable = f"salt and digest must be {SALT_BYTES} and {DIGEST_BYTES} bytes in URL-safe base64"
        raise MalformedSecretHash("hash", hidden(text), f"has an unusable part ({unusable})")


def _encoded(secret: object) -> bytes | None:
    """The bytes scrypt is given for ``secret``, or ``None`` for a secret no hash may be made of (see the module)."""
    if not isinstance(secret, str) or "\x00" in secret:
        return None
    try:
        return secret.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate
        return None


def _hashable(secret: object) -> bytes:
    encoded = _encoded(secret)
    if encoded is None:
        raise UnhashableSecret("secret", hidden(secret), "must be text without NUL or lone surrogates")
    return encoded


def _a_cost(cost: object) -> ScryptCost:
    if not isinstance(cost, ScryptCost):
        raise InvalidScryptCost("cost", cost, "must be a ScryptCost")
    return cost


def _a_hash(stored: object) -> SecretHash:
    if not isinstance(stored, SecretHash):  # named by its type: a secret passed in its place is not repeated
        raise MalformedSecretHash("stored", type(stored).__name__, "must be a SecretHash")
    return stored


def _scrypt(secret: bytes, salt: bytes, cost: ScryptCost) -> bytes:
    return hashlib.scrypt(secret, salt=salt, n=cost.n, r=cost.r, p=cost.p, maxmem=cost.memory, dklen=DIGEST_BYTES)


def hash_secret(secret: str, cost: ScryptCost = DEFAULT_COST) -> SecretHash:
    """A new hash of ``secret`` with a fresh random salt: hashing one secret twice gives two different hashes.

    >>> cheap = ScryptCost(n=2**4, r=1, p=1)
    >>> hash_secret("s3cret", cheap) == hash_secret("s3cret", cheap)
    False
    """
    encoded = _hashable(secret)
    _a_cost(cost)
    salt = secrets.token_bytes(SALT_BYTES)
    return SecretHash(cost=cost, salt=salt, digest=_scrypt(encoded, salt, cost))


def hash_secret_set(secrets_: tuple[str, ...], cost: ScryptCost = DEFAULT_COST) -> tuple[SecretHash, ...]:
    """Hashes of a set of secrets issued together (backup codes), sharing one fresh salt.

    One salt per set is enough — a salt defeats work done before the set existed — and lets a presented secret be
    checked against the whole set with one scrypt call (:func:`matching_secret`).

    >>> cheap = ScryptCost(n=2**4, r=1, p=1)
    >>> first, second = hash_secret_set(("one", "two"), cheap)
    >>> first.salt == second.salt, first.digest == second.digest
    (True, False)
    """
    if isinstance(secrets_, str) or not isinstance(secrets_, Iterable):
        raise UnhashableSecret("secrets", hidden(secrets_), "must be a collection of secrets")
    encoded = [_hashable(secret) for secret in secrets_]
    _a_cost(cost)
    salt = secrets.token_bytes(SALT_BYTES)
    return tuple(SecretHash(cost=cost, salt=salt, digest=_scrypt(secret, salt, cost)) for secret in encoded)


def matching_secret(secret: str, stored: tuple[SecretHash, ...]) -> int | None:
    """The index of the (first) hash in ``stored`` that ``secret`` was made from, or ``None``.

    scrypt runs once per distinct salt and cost; every digest is compared, in constant time, even after a match.

    >>> cheap = ScryptCost(n=2**4, r=1, p=1)
    >>> codes = hash_secret_set(("one", "two", "three"), cheap)
    >>> matching_secret("two", codes), matching_secret("four", codes)
    (1, None)
    """
    if isinstance(stored, str) or not isinstance(stored, Iterable):
        raise MalformedSecretHash("stored", type(stored).__name__, "must be a collection of SecretHash values")
    stored = tuple(_a_hash(candidate) for candidate in stored)
    encoded = _encoded(secret)
    if encoded is None:
        return None
    found = None
    digests: dict[tuple[bytes, ScryptCost], bytes] = {}
    for index, candidate in enumerate(stored):
        key = (candidate.salt, candidate.cost)
        if key not in digests:
            digests[key] = _scrypt(encoded, candidate.salt, candidate.cost)
        if hmac.compare_digest(digests[key], candidate.digest) and found is None:
            found = index
    return found


def verify_secret(secret: str, stored: SecretHash) -> bool:
    """Whether ``secret`` is the secret ``stored`` was made from, with the cost it was made with.

    The digests are compared in constant time; a secret no hash may be made of (with a NUL, a lone surrogate) is
    simply not it.

    >>> cheap = ScryptCost(n=2**4, r=1, p=1)
    >>> stored = hash_secret("s3cret", cheap)
    >>> verify_secret("s3cret", stored), verify_secret("s3cret\\x00", stored)
    (True, False)
    """
    _a_hash(stored)
    encoded = _encoded(secret)
    if encoded is None:
        return False
    return hmac.compare_digest(_scrypt(encoded, stored.salt, stored.cost), stored.digest)


def needs_rehash(stored: SecretHash, cost: ScryptCost = DEFAULT_COST) -> bool:
    """Whether ``stored`` was made with another cost than ``cost``: hash the secret again at the next success.

    >>> needs_rehash(hash_secret("s3cret", ScryptCost(n=2**4, r=1, p=1)))
    True
    """
    return _a_hash(stored).cost != _a_cost(cost)


def new_secret(random_bytes: int = 32) -> str:
    """A new unguessable secret: ``random_bytes`` bytes from :mod:`secrets`, as URL-safe text (no ``.``).

    >>> len(new_secret(24)), new_secret() == new_secret()
    (32, False)
    """
    if not _positive_int(random_bytes) or random_bytes > _MAX_SECRET_BYTES:
        raise InvalidInput("random_bytes", random_bytes, f"must be an int from 1 to {_MAX_SECRET_BYTES}")
    return secrets.token_urlsafe(random_bytes)
