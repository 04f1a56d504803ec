"""SPEC §8: secrets are never stored in clear, only as salted ``hashlib.scrypt`` hashes, compared in constant time.

Whether a comparison runs in constant time cannot be seen from its result, so the last tests watch the comparison
itself: every check of a presented secret goes through :func:`hmac.compare_digest`.
"""

from __future__ import annotations

import hashlib
import hmac

import pytest

from infomanager_core.security import hash_secret, hash_secret_set, hashing, matching_secret, verify_secret

from .support import CHEAP


def test_a_stored_digest_is_hashlib_scrypt_of_the_secret_its_salt_and_its_cost() -> None:
    stored = hash_secret("correct horse", CHEAP)
    expected = hashlib.scrypt(
        b"correct horse", salt=stored.salt, n=CHEAP.n, r=CHEAP.r, p=CHEAP.p, dklen=len(stored.digest)
    )
    assert stored.digest == expected


def test_every_hash_of_a_set_is_hashlib_scrypt_with_the_sets_own_fresh_salt() -> None:
    stored = hash_secret_set(("one", "two"), CHEAP)
    assert stored[0].salt == stored[1].salt != hash_secret_set(("one", "two"), CHEAP)[0].salt
    for secret, entry in zip(("one", "two"), stored, strict=True):
        assert entry.digest == hashlib.scrypt(
            secret.encode(), salt=entry.salt, n=CHEAP.n, r=CHEAP.r, p=CHEAP.p, dklen=len(entry.digest)
        )


@pytest.fixture
def comparisons(monkeypatch: pytest.MonkeyPatch) -> list[tuple[bytes, bytes]]:
    """Every pair of digests compared through ``hmac.compare_digest`` while the test runs."""
    seen: list[tuple[bytes, bytes]] = []
    compare = hmac.compare_digest

    def watched(a: bytes, b: bytes) -> bool:
        seen.append((a, b))
        return compare(a, b)

    monkeypatch.setattr(hashing.hmac, "compare_digest", watched)
    return seen


def test_verifying_a_secret_compares_the_digests_in_constant_time(comparisons: list[tuple[bytes, bytes]]) -> None:
    stored = hash_secret("correct horse", CHEAP)
    assert verify_secret("correct horse", stored)
    assert not verify_secret("wrong horse", stored)
    assert [stored_digest for _, stored_digest in comparisons] == [stored.digest, stored.digest]


def test_finding_a_secret_in_a_set_compares_every_digest_in_constant_time(
    comparisons: list[tuple[bytes, bytes]],
) -> None:
    stored = hash_secret_set(("one", "two", "three"), CHEAP)
    assert matching_secret("one", stored) == 0
    assert [stored_digest for _, stored_digest in comparisons] == [entry.digest for entry in stored]
