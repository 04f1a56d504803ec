"""What the security tests share: a cheap scrypt cost, fixed moments and strategies for secrets and passwords."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import attrs
from hypothesis import strategies as st

from infomanager_core.security import Account, PasswordPolicy, ScryptCost
from infomanager_core.security.examples import example_profile

#: A scrypt cost that takes microseconds: tests only; production keeps DEFAULT_COST.
CHEAP = ScryptCost(n=2**4, r=1, p=1)
POLICY = PasswordPolicy()
MONDAY = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)

#: Any text that can be hashed (no lone surrogates, which UTF-8 cannot encode; no NUL, which HMAC cannot tell from
#: the end of a short key).
secrets_text = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=40)
#: Any text a caller may present, NUL included.
presented_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)

#: Passwords the default policy accepts, of many alphabets (no control characters: the policy refuses them).
passwords = st.text(st.characters(exclude_categories=("Cs", "Cc")), min_size=12, max_size=40).filter(
    lambda text: 12 <= len(__import__("unicodedata").normalize("NFKC", text)) <= 256
)


def state_of(value: Any) -> Any:
    """A deep, plain copy of an attrs object's state (private fields included), to compare before and after."""
    return attrs.asdict(value, recurse=True)


def stored_texts(value: Any) -> list[str | bytes]:
    """Every string and bytes value anywhere in ``value``'s state: where a secret in clear would show."""
    found: list[str | bytes] = []

    def walk(item: Any) -> None:
        if isinstance(item, str | bytes):
            found.append(item)
        elif isinstance(item, dict):
            for key, inner in item.items():
                walk(key)
                walk(inner)
        elif isinstance(item, list | tuple | set | frozenset):
            for inner in item:
                walk(inner)
        elif attrs.has(type(item)):
            walk(attrs.asdict(item, recurse=True))
        elif hasattr(item, "value") and hasattr(item, "name"):  # an enum member
            walk(item.value)

    walk(value)
    return found


PASSWORD = "correct horse battery staple"


def new_account(at: datetime = MONDAY, *, password: str = PASSWORD) -> Account:
    """An account of person ``carl`` opened at ``at`` with the cheap cost."""
    return Account.open("carl", password=password, profile=example_profile(), at=at, cost=CHEAP).account


def assert_clear_secrets_absent(account: Account, clear: list[str]) -> None:
    """No clear secret, nor its random part, appears anywhere in the account's state (as text or as UTF-8 bytes)."""
    stored = stored_texts(state_of(account))
    texts = "\x00".join(item for item in stored if isinstance(item, str))
    data = b"\x00".join(item for item in stored if isinstance(item, bytes))
    for secret in clear:
        for part in (secret, *(part for part in secret.split(".")[1:] if len(part) >= 8)):
            assert part not in texts, part
            assert part.encode() not in data, part
