"""A user account's security and profile, changed only through commands.

:class:`Account` holds the profile, the account password's hash, the application passwords and API tokens, the
two-factor methods and backup codes, and the compromised-account procedure under way. Every command takes an
explicit timezone-aware moment ``at``; the account keeps its latest moment and refuses a command dated before it
(the same moment is fine). A command checks its moment and every argument first, then changes state, and returns
:class:`~infomanager_core.security.events.SecurityEvent` values; a refused command — bad input or a secret that does
not check out — leaves the account exactly as it was.

No secret is kept in clear: the account password, application passwords and tokens are kept as
:class:`~infomanager_core.security.hashing.SecretHash` values made with the account's ``cost``.

The package holds one concept a module: the account's fields and clock (``state``), its commands on the account
password (``password``), the profile (``profile``), application passwords and API tokens (``credentials``),
two-factor methods (``two_factor``), recovery (``recovery``) and the compromised-account procedure
(``compromise``), gathered by :class:`Account` (``aggregate``). It exports what the module ``account`` did.

>>> from datetime import UTC, datetime
>>> from infomanager_core.security import Profile, ScryptCost
>>> at = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
>>> profile = Profile(first_name="Carl", last_name="Martin", email="carl@bakery.ch")
>>> cheap = ScryptCost(n=16, r=1, p=1)  # examples only: production keeps the default cost
>>> opened = Account.open("carl", password="correct horse battery", profile=profile, at=at, cost=cheap)
>>> account = opened.account
>>> [event.what.value for event in opened.events]
['account opened']
>>> new = account.create_application_password("Thunderbird", at=at)
>>> account.verify_application_password(new.secret, at=at).name
'Thunderbird'
"""

from .aggregate import Account, OpenedAccount

__all__ = ["Account", "OpenedAccount"]
