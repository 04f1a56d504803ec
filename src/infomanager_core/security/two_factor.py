"""Two-factor authentication: the methods an account may set up, and its single-use backup codes.

The methods are the kAuth app (on one device), an OTP app, security keys, SMS to a number in Switzerland, France,
Belgium or Germany, and backup codes. Two-factor authentication is on while the account has at least one method:
adding the first turns it on, removing the last turns it off, and the account says so with an event.

This library records which methods are set up, not the material that checks them: the OTP seed, a security key's
public key and the kAuth device's keys live in the authentication service. The one 2FA secret it checks is the
backup code: a set of ten is generated at once and shown once; each is stored hashed and works once.

A backup code is eight characters from an alphabet without look-alikes (no 0, 1, i, l, o), shown as ``abcd-efgh``;
case, spaces and hyphens do not matter when it is typed, nor the keyboard: full-width forms and other scripts' digits
read as the ASCII ones (:func:`code_as_typed`). Its hashes share one salt within a set, so a presented code
costs one scrypt call however many codes remain, and each digest is compared in constant time.

>>> normal_backup_code(" ABCD efgh ")
'abcdefgh'
>>> shown_backup_code("abcdefgh")
'abcd-efgh'
"""

from __future__ import annotations

import enum
import secrets
import unicodedata
from datetime import datetime

import attrs

from ..errors import InvalidInput
from .hashing import SecretHash
from .phones import PhoneNumber

__all__ = [
    "BACKUP_CODE_ALPHABET",
    "BACKUP_CODE_LENGTH",
    "DEFAULT_BACKUP_CODES",
    "MAX_BACKUP_CODES",
    "MAX_SECURITY_KEYS",
    "MAX_TYPED_CODE",
    "BackupCodes",
    "NewBackupCodes",
    "TwoFactorKind",
    "TwoFactorMethod",
    "code_as_typed",
    "new_backup_code",
    "normal_backup_code",
    "shown_backup_code",
]

#: The characters of a backup code: lower-case letters and digits without look-alikes (0/o, 1/i/l).
BACKUP_CODE_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
#: Characters in a backup code (about 40 bits of randomness).
BACKUP_CODE_LENGTH = 8
#: Backup codes in a new set, unless another count is asked for.
DEFAULT_BACKUP_CODES = 10
#: The most backup codes one set may hold.
MAX_BACKUP_CODES = 20
#: The most security keys one account may register.
MAX_SECURITY_KEYS = 10
#: The longest text read as a typed code (:func:`code_as_typed`); anything longer matches no code.
MAX_TYPED_CODE = 256


class TwoFactorKind(enum.Enum):
    """The kinds of two-factor methods."""

    KAUTH = "kAuth app"
    OTP_APP = "OTP app"
    SECURITY_KEY = "security key"
    SMS = "SMS"
    BACKUP_CODES = "backup codes"


@attrs.frozen(kw_only=True)
class TwoFactorMethod:
    """One method set up on an account: what identifies it depends on its kind.

    ``device`` is the kAuth app's device (to notify it), ``phone`` the SMS number and its ``country``, ``key`` a
    security key's credential id; ``label`` names an OTP app or a security key for its owner.
    """

    id: str
    kind: TwoFactorKind
    added_at: datetime
    label: str | None = None
    device: str | None = None
    phone: PhoneNumber | None = None
    country: str | None = None
    key: str | None = None


@attrs.frozen(kw_only=True)
class BackupCodes:
    """A set of backup codes generated at ``generated_at``: each code's hash, and when each used one was used."""

    generated_at: datetime
    hashes: tuple[SecretHash, ...]
    used: tuple[tuple[int, datetime], ...] = ()

    @property
    def remaining(self) -> int:
        """How many codes of the set still work."""
        return len(self.hashes) - len(self.used)

    def used_at(self, index: int) -> datetime | None:
        """When code ``index`` was used, or ``None``."""
        if isinstance(index, bool) or not isinstance(index, int):
            raise InvalidInput("index", index, "must be the int position of a backup code")
        return dict(self.used).get(index)


@attrs.frozen(kw_only=True)
class NewBackupCodes:
    """A set of backup codes just generated: the clear ``codes`` — shown this once, kept nowhere — and the events."""

    codes: tuple[str, ...] = attrs.field(repr=False)
    events: tuple[object, ...]


def new_backup_code() -> str:
    """A new random backup code, in its normal form (eight characters of :data:`BACKUP_CODE_ALPHABET`).

    >>> code = new_backup_code()
    >>> len(code), set(code) <= set(BACKUP_CODE_ALPHABET)
    (8, True)
    """
    return "".join(secrets.choice(BACKUP_CODE_ALPHABET) for _ in range(BACKUP_CODE_LENGTH))


def code_as_typed(value: str) -> str:
    """A code as typed on any keyboard, in the ASCII it was issued in: NFKC (full-width letters, digits and
    hyphens), every decimal digit as its ASCII digit (Arabic-Indic, Persian, Devanagari…), whitespace removed.

    Each typed form stands for the one code it shows, so reading them widens no guess. Text longer than
    :data:`MAX_TYPED_CODE` characters is no code and is left as it is, unread: what a client may make the server
    read stays small.

    >>> code_as_typed("１２３４\u00a0٥٦٧٨")
    '12345678'
    """
    if len(value) > MAX_TYPED_CODE:
        return value
    text = unicodedata.normalize("NFKC", value)
    return "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in "".join(text.split()))


def normal_backup_code(value: object) -> str:
    """A typed backup code as it is hashed: lower case, without spaces or hyphens, read from any keyboard
    (:func:`code_as_typed`); any text is accepted here, and one that is no code simply matches none.

    >>> normal_backup_code("AB2C-D3EF"), normal_backup_code("ＡＢ２Ｃ－Ｄ３ＥＦ")
    ('ab2cd3ef', 'ab2cd3ef')
    """
    if not isinstance(value, str):
        raise InvalidInput("code", type(value).__name__, "must be a string")
    return code_as_typed(value).replace("-", "").lower()


def shown_backup_code(code: str) -> str:
    """A backup code as it is shown to its owner: two groups of four.

    >>> shown_backup_code("ab2cd3ef")
    'ab2c-d3ef'
    """
    if not isinstance(code, str):
        raise InvalidInput("code", type(code).__name__, "must be a string")
    half = len(code) // 2
    return f"{code[:half]}-{code[half:]}"
