"""Accounts and security: hashed secrets, credentials, two-factor methods, recovery and the profile (SPEC §8)."""

from .errors import (
    AuthenticationFailed,
    InvalidPasswordPolicy,
    InvalidScryptCost,
    MalformedSecretHash,
    PasswordTooLong,
    PasswordTooShort,
    SecurityError,
    UnusablePassword,
)
from .hashing import (
    DEFAULT_COST,
    DIGEST_BYTES,
    MAX_SCRYPT_MEMORY,
    SALT_BYTES,
    ScryptCost,
    SecretHash,
    hash_secret,
    needs_rehash,
    new_secret,
    verify_secret,
)
from .passwords import PasswordPolicy, password_text

__all__ = [
    "DEFAULT_COST",
    "DIGEST_BYTES",
    "MAX_SCRYPT_MEMORY",
    "SALT_BYTES",
    "AuthenticationFailed",
    "InvalidPasswordPolicy",
    "InvalidScryptCost",
    "MalformedSecretHash",
    "PasswordPolicy",
    "PasswordTooLong",
    "PasswordTooShort",
    "ScryptCost",
    "SecretHash",
    "SecurityError",
    "UnusablePassword",
    "hash_secret",
    "needs_rehash",
    "new_secret",
    "password_text",
    "verify_secret",
]
