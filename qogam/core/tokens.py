"""Secrets sent by e-mail or handed to programs: invitation links, confirmation links, API keys.

Only a SHA-256 of each secret is stored, so a leaked table gives nobody a working link or key;
the raw secret exists once, in the message or on the screen that hands it over.
"""

import hashlib
import secrets


def hash_secret(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def new_secret(prefix: str = "") -> tuple[str, str]:
    """A fresh unguessable secret (256 bits) and the hash to store for it."""
    raw = prefix + secrets.token_urlsafe(32)
    return raw, hash_secret(raw)
