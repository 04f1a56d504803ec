"""A small account for examples and tests: Carl Martin of the bakery, with a cheap scrypt cost.

The cost here makes hashing take microseconds so that examples run fast; it is far too cheap to protect anything.
Production code keeps :data:`~infomanager_core.security.hashing.DEFAULT_COST`.

>>> from datetime import UTC, datetime
>>> account = example_account(datetime(2026, 1, 5, tzinfo=UTC))
>>> account.id, account.profile.initials, account.cost
('carl', 'CM', ScryptCost(n=16, r=1, p=1))
"""

from __future__ import annotations

from datetime import datetime

from .account import Account
from .hashing import ScryptCost
from .profile import Profile

__all__ = ["EXAMPLE_COST", "EXAMPLE_PASSWORD", "example_account", "example_profile"]

#: A scrypt cost for examples and tests only: microseconds per hash, no protection.
EXAMPLE_COST = ScryptCost(n=2**4, r=1, p=1)
#: The example account's password.
EXAMPLE_PASSWORD = "correct horse battery"


def example_profile() -> Profile:
    """Carl Martin's profile: a login e-mail and one Swiss mobile number, no avatar."""
    return Profile(first_name="Carl", last_name="Martin", email="carl@bakery.ch", phones=["+41 79 123 45 67"])


def example_account(at: datetime) -> Account:
    """Carl's account, opened at ``at`` with :data:`EXAMPLE_PASSWORD` and the cheap :data:`EXAMPLE_COST`."""
    return Account.open("carl", password=EXAMPLE_PASSWORD, profile=example_profile(), at=at, cost=EXAMPLE_COST).account
