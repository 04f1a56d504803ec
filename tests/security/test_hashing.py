"""Secrets are kept as salted scrypt hashes only, checked in constant time, readable back from their text form."""

from __future__ import annotations

import base64
import hashlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from infomanager_core.errors import InvalidInput, hidden
from infomanager_core.security import (
    DEFAULT_COST,
    MAX_SCRYPT_MEMORY,
    InvalidScryptCost,
    MalformedSecretHash,
    ScryptCost,
    SecretHash,
    UnhashableSecret,
    hash_secret,
    hash_secret_set,
    matching_secret,
    needs_rehash,
    verify_secret,
)
from infomanager_core.security.hashing import DIGEST_BYTES, SALT_BYTES, new_secret

from .support import CHEAP, presented_text, secrets_text


@given(secret=secrets_text, other=presented_text)
def test_a_hash_verifies_exactly_the_secret_it_was_made_from(secret: str, other: str) -> None:
    stored = hash_secret(secret, CHEAP)
    assert verify_secret(secret, stored)
    assert verify_secret(other, stored) == (other == secret)


@given(secret=secrets_text)
def test_a_hash_holds_neither_the_secret_nor_its_bytes(secret: str) -> None:
    stored = hash_secret(secret, CHEAP)
    text = str(stored)
    assert len(stored.salt) == SALT_BYTES
    assert len(stored.digest) == DIGEST_BYTES
    if len(secret) >= 4:
        assert secret not in text
        assert secret.encode() not in stored.salt + stored.digest


@given(secret=secrets_text)
def test_the_text_form_reads_back_as_the_same_hash(secret: str) -> None:
    stored = hash_secret(secret, CHEAP)
    assert SecretHash.parse(str(stored)) == stored
    assert verify_secret(secret, SecretHash.parse(str(stored)))


def test_hashing_one_secret_twice_uses_two_salts() -> None:
    first, second = hash_secret("same secret", CHEAP), hash_secret("same secret", CHEAP)
    assert first.salt != second.salt
    assert first.digest != second.digest


def test_a_hash_made_with_an_older_cost_still_verifies_and_asks_to_be_redone() -> None:
    older = hash_secret("s3cret pass phrase", CHEAP)
    newer_cost = ScryptCost(n=2**5, r=1, p=1)
    assert verify_secret("s3cret pass phrase", older)
    assert needs_rehash(older, newer_cost)
    assert not needs_rehash(hash_secret("s3cret pass phrase", newer_cost), newer_cost)


def test_the_default_cost_is_rfc_7914_interactive_and_fits_openssl_memory() -> None:
    assert (DEFAULT_COST.n, DEFAULT_COST.r, DEFAULT_COST.p) == (2**14, 8, 1)
    assert DEFAULT_COST.memory < 32 * 2**20  # OpenSSL's limit when maxmem is not given


def test_a_secret_that_cannot_be_encoded_never_verifies() -> None:
    assert not verify_secret("\ud800", hash_secret("x", CHEAP))


def test_the_cheapest_cost_and_one_needing_exactly_1_gib_are_accepted() -> None:
    cheapest = ScryptCost(n=2, r=1, p=1)
    assert verify_secret("s3cret", hash_secret("s3cret", cheapest))
    assert ScryptCost(n=2**22, r=1, p=2**22 - 2).memory == 2**30 == MAX_SCRYPT_MEMORY


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"n": 1000}, "n"),
        ({"n": 1}, "n"),
        ({"n": True}, "n"),
        ({"n": 16.0}, "n"),
        ({"r": 0}, "r"),
        ({"p": "1"}, "p"),
        ({"n": 2**30, "r": 8}, "n"),
        ({"n": 2**22, "r": 1, "p": 2**22 - 1}, "n"),  # 1 GiB and 128 bytes
    ],
)
def test_a_cost_openssl_cannot_use_is_refused_naming_the_parameter(arguments: dict[str, object], field: str) -> None:
    with pytest.raises(InvalidScryptCost) as refused:
        ScryptCost(**arguments)  # type: ignore[arg-type]
    assert refused.value.field == field
    assert refused.value.value == arguments[field]


@pytest.mark.parametrize(
    "text",
    [
        "md5$abc",
        "scrypt$n=16,r=1,p=1$AAAA$AAAA",
        "scrypt$n=15,r=1,p=1$AAAAAAAAAAAAAAAAAAAAAA$" + "A" * 43,
        "scrypt$n=16,r=1,p=1$AAAAAAAAAAAAAAAAAAAAAA$" + "A" * 43 + "\n",
        "scrypt$n=16,r=1,p=1$A$" + "A" * 43,
        42,
    ],
)
def test_a_malformed_text_form_is_refused_as_a_hash(text: object) -> None:
    with pytest.raises(MalformedSecretHash) as refused:
        SecretHash.parse(text)
    assert refused.value.field == "hash"
    assert refused.value.value == hidden(text), "a stored hash's text is not shown: it is what is brute-forced"


@pytest.mark.parametrize(
    ("text", "unusable"),
    [
        ("scrypt$n=1000,r=1,p=1$AAAAAAAAAAAAAAAAAAAAAA$" + "A" * 43, "n: 1000 must be an int power of two, at least 2"),
        ("scrypt$n=16,r=1,p=1$AAAA$" + "A" * 43, "salt and digest must be 16 and 32 bytes in URL-safe base64"),
    ],
    ids=["cost", "salt"],
)
def test_a_hash_with_an_unusable_part_says_what_is_wrong_with_the_cost_but_shows_no_salt(
    text: str, unusable: str
) -> None:
    """The cost is not secret, so its own error is repeated; the salt and the digest are named, never shown."""
    with pytest.raises(MalformedSecretHash) as refused:
        SecretHash.parse(text)
    assert refused.value.rule == f"has an unusable part ({unusable})"
    assert "AAAA" not in str(refused.value)


def test_a_hash_is_built_only_from_a_cost_and_bytes_of_the_right_size() -> None:
    with pytest.raises(MalformedSecretHash, match="salt"):
        SecretHash(cost=CHEAP, salt=b"short", digest=bytes(DIGEST_BYTES))
    with pytest.raises(MalformedSecretHash, match="cost"):
        SecretHash(cost="cheap", salt=bytes(SALT_BYTES), digest=bytes(DIGEST_BYTES))  # type: ignore[arg-type]


def test_a_hash_repr_shows_its_cost_but_not_its_salt_or_digest() -> None:
    stored = hash_secret("s3cret", CHEAP)
    assert "salt" not in repr(stored)
    assert "digest" not in repr(stored)
    assert repr(stored.salt) not in repr(stored)
    assert repr(stored.digest) not in repr(stored)
    assert "ScryptCost(n=16, r=1, p=1)" in repr(stored)


@given(size=st.integers(1, 64))
def test_new_secrets_are_url_safe_and_differ(size: int) -> None:
    first, second = new_secret(size), new_secret(size)
    assert set(first) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
    assert len(first) >= size
    if size >= 8:
        assert first != second


def test_a_new_secret_carries_32_random_bytes_unless_told_otherwise() -> None:
    secret = new_secret()
    assert len(base64.urlsafe_b64decode(secret + "=" * (-len(secret) % 4))) == 32


def test_a_secret_may_take_up_to_1024_random_bytes() -> None:
    secret = new_secret(1024)
    assert len(base64.urlsafe_b64decode(secret + "=" * (-len(secret) % 4))) == 1024


@pytest.mark.parametrize("size", [0, -1, 1025, 2000, True, "8"])
def test_a_secret_size_out_of_range_is_refused(size: object) -> None:
    with pytest.raises(InvalidInput) as refused:
        new_secret(size)  # type: ignore[arg-type]
    assert refused.value.field == "random_bytes"


@given(batch=st.lists(secrets_text, min_size=1, max_size=5, unique=True), probe=presented_text)
def test_a_set_hashed_together_finds_exactly_the_secret_presented(batch: list[str], probe: str) -> None:
    stored = hash_secret_set(tuple(batch), CHEAP)
    assert len({h.salt for h in stored}) == 1
    for index, secret in enumerate(batch):
        assert matching_secret(secret, stored) == index
    assert matching_secret(probe, stored) == (batch.index(probe) if probe in batch else None)
    assert matching_secret("\ud800", stored) is None


@pytest.mark.parametrize("secret", ["", "abc", "correct horse battery staple"])
def test_a_secret_with_trailing_nul_bytes_is_not_the_secret(secret: str) -> None:
    """scrypt keys HMAC with the secret and HMAC pads short keys with zeros: without this rule ``"abc"`` and
    ``"abc\\x00"`` would verify against each other's hash."""
    stored = hash_secret(secret, CHEAP)
    together = hash_secret_set((secret,), CHEAP)
    for padded in (secret + "\x00", secret + "\x00\x00"):
        assert not verify_secret(padded, stored)
        assert matching_secret(padded, together) is None


@pytest.mark.parametrize("secret", ["abc\x00", "\x00", "a\ud800", 42, None])
def test_a_secret_with_a_nul_a_lone_surrogate_or_not_text_is_refused_and_hidden(secret: object) -> None:
    with pytest.raises(UnhashableSecret) as refused:
        hash_secret(secret, CHEAP)  # type: ignore[arg-type]
    assert refused.value.field == "secret"
    assert "abc" not in str(refused.value)
    with pytest.raises(UnhashableSecret):
        hash_secret_set(("fine", secret), CHEAP)  # type: ignore[arg-type]


def test_anything_but_a_secret_hash_given_as_the_stored_one_is_refused_naming_stored() -> None:
    for check in (
        lambda: verify_secret("s3cret", "scrypt$16$1$1$c2FsdA$ZGlnZXN0"),
        lambda: needs_rehash(None),
        lambda: matching_secret("s3cret", (hash_secret("s3cret", CHEAP), b"hash")),
    ):  # type: ignore[arg-type]
        with pytest.raises(MalformedSecretHash) as refused:
            check()
        assert (refused.value.field, refused.value.rule) == ("stored", "must be a SecretHash")


def test_each_hash_is_checked_with_its_own_cost_even_where_two_share_a_salt() -> None:
    """A stored set may hold hashes of one salt made with two costs (a set partly redone): each digest is computed
    with the cost its own hash was made with, not the one of a hash before it."""
    first = hash_secret("one", CHEAP)
    dearer = ScryptCost(n=2**5, r=1, p=1)
    second = SecretHash(
        cost=dearer,
        salt=first.salt,
        digest=hashlib.scrypt(b"two", salt=first.salt, n=dearer.n, r=dearer.r, p=dearer.p, dklen=DIGEST_BYTES),
    )
    assert verify_secret("two", second)
    assert matching_secret("two", (first, second)) == 1
    assert matching_secret("one", (first, second)) == 0


def test_a_secret_hashed_twice_in_a_set_is_found_at_its_first_place() -> None:
    stored = hash_secret_set(("same", "other", "same"), CHEAP)
    assert matching_secret("same", stored) == 0
