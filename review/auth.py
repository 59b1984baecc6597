"""Local reviewer accounts: Argon2id password hashes, nothing else about a person.

Argon2id with RFC 9106's second recommended profile, stated here and in the README:
3 passes over 64 MiB with 4 lanes, 16-byte salt, 32-byte tag (0.57 s to hash here on a
busy 2-core machine; tests use minimum costs).
Slow on purpose so that a stolen database does not give the passwords away;
``authenticate`` re-hashes a password whose stored parameters are older than these.
Resetting a password or disabling an account ends every session of that account.
"""

from __future__ import annotations

import secrets
import unicodedata

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import select
from sqlalchemy.orm import Session

from review import sessions
from store.review_tables import User

ARGON2_PARAMETERS = {"time_cost": 3, "memory_cost": 64 * 1024, "parallelism": 4, "hash_len": 32,
                     "salt_len": 16, "type": Type.ID}  # fmt: skip
_hasher = PasswordHasher(**ARGON2_PARAMETERS)
# A hash to verify against when the user does not exist, so that a wrong name and a
# wrong password take the same time (no account enumeration by timing).
_DUMMY_HASH = _hasher.hash(secrets.token_hex(16))

MIN_PASSWORD_LENGTH = 8


class AccountError(ValueError):
    """A user-facing (Vietnamese) reason an account could not be created."""


def normalize_name(name: str) -> str:
    return unicodedata.normalize("NFC", name.strip())


def add_user(session: Session, name: str, password: str) -> User:
    """Create a reviewer, or reset the password of an existing one."""
    name = normalize_name(name)
    if not name or len(name) > 64 or any(ch.isspace() for ch in name):
        raise AccountError("tên đăng nhập phải khác rỗng, không có khoảng trắng, tối đa 64 ký tự")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"mật khẩu phải có ít nhất {MIN_PASSWORD_LENGTH} ký tự")
    user = session.scalar(select(User).where(User.name == name))
    if user is None:
        user = User(name=name, password_hash=_hasher.hash(password))
        session.add(user)
    else:
        user.password_hash = _hasher.hash(password)
        user.active = True
        sessions.end_all(session, user.id, "password")
    session.flush()
    return user


def disable_user(session: Session, name: str) -> bool:
    """Lock an account (kept for the audit log's sake); False if there is none."""
    user = session.scalar(select(User).where(User.name == normalize_name(name)))
    if user is None:
        return False
    user.active = False
    sessions.end_all(session, user.id, "disabled")
    session.flush()
    return True


def authenticate(session: Session, name: str, password: str) -> User | None:
    """The user when name and password match, else None (constant-ish time)."""
    user = session.scalar(select(User).where(User.name == normalize_name(name)))
    stored = user.password_hash if user is not None else _DUMMY_HASH
    try:
        _hasher.verify(stored, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return None
    if user is None or not user.active:
        return None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    return user
