"""Who may do what: chatting is open; adding or removing documents and reading feedback and chat logs
are maintainer actions.

The maintainer password is never stored, only a salted PBKDF2 hash of it
(`python -m assistant hash-password`), given as ASSISTANT_MAINTAINER_PASSWORD_HASH or the Streamlit
secret `maintainer_password_hash`.

Usage example:
    stored = hash_password("correct horse battery staple")
    assert verify_password("correct horse battery staple", stored)
    maintainer_route(password_hash=stored, oidc=False, address="0.0.0.0")   # -> Route.PASSWORD
"""
from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets
from enum import StrEnum

_SCHEME = "pbkdf2_sha256"
# OWASP's 2023 figure for PBKDF2-HMAC-SHA256; a check costs ~0.3 s, which also slows guessing.
_ITERATIONS = 600_000
MIN_PASSWORD_CHARS = 12


class Route(StrEnum):
    """How a visitor becomes the maintainer on this deployment."""

    LOCAL = "local"        # bound to the loopback address and nothing configured: whoever is at the machine
    PASSWORD = "password"  # a password hash is configured
    OIDC = "oidc"          # Streamlit's built-in login is configured, with a list of maintainer e-mails
    LOCKED = "locked"      # reachable from other machines and nothing configured: nobody, until it is


def hash_password(password: str, salt: str | None = None, iterations: int = _ITERATIONS) -> str:
    """'pbkdf2_sha256$ITERATIONS$SALT$HASH' for a password of at least MIN_PASSWORD_CHARS characters."""
    if len(password) < MIN_PASSWORD_CHARS:
        raise ValueError(f"The password must have at least {MIN_PASSWORD_CHARS} characters.")
    salt = salt or secrets.token_hex(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt.encode("ascii"), iterations).hex()
    return f"{_SCHEME}${iterations}${salt}${digest}"


def verify_password(password: str, stored: str) -> bool:
    """Whether the password matches the stored hash; a malformed hash matches nothing."""
    try:
        scheme, iterations, salt, digest = stored.strip().split("$")
        if scheme != _SCHEME or not 1_000 <= int(iterations) <= 10_000_000:
            return False
        candidate = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8", "surrogatepass"), salt.encode("ascii"),
                                        int(iterations)).hex()
    except (ValueError, UnicodeEncodeError):
        return False
    return hmac.compare_digest(candidate, digest)


def is_loopback(address: str | None) -> bool:
    """True for 127.0.0.1, ::1 and localhost; an unset address means every interface, so False."""
    if not address:
        return False
    if address.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(address.strip()).is_loopback
    except ValueError:
        return False


def maintainer_route(password_hash: str, oidc: bool, address: str | None) -> Route:
    """A configured login always applies; without one, only a loopback-bound server trusts its local user."""
    if oidc:
        return Route.OIDC
    if password_hash:
        return Route.PASSWORD
    return Route.LOCAL if is_loopback(address) else Route.LOCKED


def is_maintainer_email(email: str | None, allowed: str) -> bool:
    """Whether a logged-in e-mail is in the comma-separated list of maintainer e-mails."""
    wanted = {e.strip().lower() for e in allowed.split(",") if e.strip()}
    return bool(email) and email.strip().lower() in wanted
