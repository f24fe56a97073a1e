"""Open Badges 3.0 credentials for certificates, signed with the university's key.

A certificate is also issued as an OpenBadgeCredential (W3C Verifiable Credentials data model
2.0, Open Badges 3.0 context), secured as a VC-JWT: a JWS with header `alg` EdDSA (Ed25519),
`kid` the signing key's id and `typ` "vc+jwt", whose payload is the credential itself plus the
registered claims `iss`, `jti`, `iat` and `nbf`. The student's e-mail is in it only hashed
(IdentityObject with a salt), so the file names no one to those who do not already know.

Keys: each university has one active Ed25519 key (`SigningKey`), made on first use. Its id
is the key's JWK thumbprint (RFC 7638). The private half is stored encrypted with Fernet,
under a key derived by HKDF-SHA256 from settings.CREDENTIAL_KEY_SECRET (SECRET_KEY unless
set apart), so a copy of the database alone cannot sign. A retired key stays published on
the issuer page (`volunteering:issuer`), so what it signed still verifies.

Verification (`verify_credential`) needs only the token and the published keys: it works
offline, on any machine, with `manage.py verify_credential`.
"""

import base64
import hashlib
import hmac
import json
import logging
from datetime import UTC, datetime
from typing import Any

import jwt
from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from qogam.core.i18n import translated
from qogam.core.periods import academic_year_bounds
from qogam.core.tenancy import university_scope
from qogam.organisations.models import University
from qogam.volunteering.enums import CertificateScope
from qogam.volunteering.models import Certificate, SigningKey
from qogam.volunteering.rules import is_network_admin, runs_university_of

logger = logging.getLogger(__name__)

CONTEXTS = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
CREDENTIAL_TYPES = ["VerifiableCredential", "OpenBadgeCredential"]
MEDIA_TYPE = "application/vc+jwt"
ALGORITHM = "EdDSA"
JOSE_TYPE = "vc+jwt"
# Seconds of clock difference tolerated between the issuing server and a verifying machine.
LEEWAY = 300


class CredentialInvalid(Exception):
    """The credential failed a check; the message says which."""


# --- Keys ------------------------------------------------------------------------------------


def _fernet() -> Fernet:
    secret = getattr(settings, "CREDENTIAL_KEY_SECRET", None) or settings.SECRET_KEY
    derived = HKDF(
        algorithm=hashes.SHA256(),
        length=32,
        salt=b"qogam.volunteering.credentials",
        info=b"signing-key-encryption",
    ).derive(secret.encode("utf-8"))
    return Fernet(base64.urlsafe_b64encode(derived))


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _public_jwk(private: Ed25519PrivateKey) -> dict[str, str]:
    jwk = jwt.algorithms.OKPAlgorithm.to_jwk(private.public_key(), as_dict=True)
    # RFC 7638: the thumbprint hashes the required members in lexicographic order.
    canonical = json.dumps(
        {"crv": jwk["crv"], "kty": jwk["kty"], "x": jwk["x"]}, separators=(",", ":")
    )
    kid = _b64url(hashlib.sha256(canonical.encode("ascii")).digest())
    return {
        "kty": "OKP",
        "crv": "Ed25519",
        "x": jwk["x"],
        "kid": kid,
        "alg": ALGORITHM,
        "use": "sig",
    }


def _signing_keys():
    # Reached by university from the caller's record; the tenant scope is opened around writes.
    return SigningKey.objects.with_scopes_disabled()


def _new_key(university: University) -> SigningKey:
    private = Ed25519PrivateKey.generate()
    raw = private.private_bytes_raw()
    jwk = _public_jwk(private)
    key = SigningKey(
        university=university,
        key_id=jwk["kid"],
        algorithm=ALGORITHM,
        public_jwk=jwk,
        private_key=_fernet().encrypt(raw).decode("ascii"),
    )
    key.save()
    return key


def _private_key(key: SigningKey) -> Ed25519PrivateKey:
    raw = _fernet().decrypt(key.private_key.encode("ascii"))
    return Ed25519PrivateKey.from_private_bytes(raw)


def active_signing_key(*, university: University) -> tuple[SigningKey, Ed25519PrivateKey]:
    """The university's active key and its private half, made on first use.

    A key that can no longer be decrypted (CREDENTIAL_KEY_SECRET changed) is retired and a new
    one made; its public half stays published, so what it signed still verifies.
    """
    with transaction.atomic(), university_scope(university):
        key = _signing_keys().filter(university=university, retired_at__isnull=True).first()
        if key is not None:
            try:
                return key, _private_key(key)
            except InvalidToken:
                logger.warning(
                    "Signing key %s of %s cannot be decrypted; retiring it.",
                    key.key_id,
                    university.slug,
                )
                key.retired_at = timezone.now()
                key.save(update_fields=["retired_at", "updated_at"])
        try:
            with transaction.atomic():
                key = _new_key(university)
        except IntegrityError:
            # Another request made the key first (one active key per university).
            key = _signing_keys().get(university=university, retired_at__isnull=True)
        return key, _private_key(key)


def retire_signing_key(*, actor, university: University) -> SigningKey | None:
    """Retire the university's active key (for its office); the next credential makes a new
    one. The retired key's public half stays on the issuer page."""
    if not (is_network_admin | runs_university_of).test(actor, university):
        raise PermissionDenied(_("You may not retire this university's signing key."))
    with transaction.atomic(), university_scope(university):
        key = (
            _signing_keys()
            .select_for_update()
            .filter(university=university, retired_at__isnull=True)
            .first()
        )
        if key is None:
            return None
        key.retired_at = timezone.now()
        key.save(update_fields=["retired_at", "updated_at"])
    return key


def published_keys(university: University) -> list[dict[str, Any]]:
    """The public JWKs of the university's current and retired keys, newest first."""
    rows = _signing_keys().filter(university=university).order_by("-created_at", "-pk")
    return [dict(row.public_jwk) for row in rows]


# --- The issuer ------------------------------------------------------------------------------


def issuer_id(university: University) -> str:
    """The issuer's id: the absolute URL of its profile, in the default language's URL so that
    it is one and the same whatever language a reader uses."""
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse("volunteering:issuer", kwargs={"slug": university.slug})
    return settings.SITE_URL + path


def issuer_profile(university: University, *, language: str | None = None) -> dict[str, Any]:
    """The Open Badges Profile of the university, with the JWK set of its public keys."""
    language = language or settings.LANGUAGE_CODE
    with translation.override(language):
        url = settings.SITE_URL + university.get_absolute_url()
    return {
        "@context": CONTEXTS,
        "id": issuer_id(university),
        "type": ["Profile"],
        "name": translated(university, "name", language).text,
        "url": url,
        "jwks": {"keys": published_keys(university)},
    }


# --- Credentials -----------------------------------------------------------------------------


def _timestamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _identity(email: str, certificate: Certificate) -> dict[str, Any]:
    """The e-mail as an Open Badges IdentityHash: sha256 of the address and a salt.

    The salt is derived from the certificate, so each credential's hash differs (they cannot
    be linked to each other) and downloading one again gives the same file.
    """
    salt = hmac.new(
        settings.SECRET_KEY.encode("utf-8"),
        f"credential-salt:{certificate.public_id}".encode("ascii"),
        hashlib.sha256,
    ).hexdigest()[:32]
    digest = hashlib.sha256((email.strip().lower() + salt).encode("utf-8")).hexdigest()
    return {
        "type": "IdentityObject",
        "identityHash": f"sha256${digest}",
        "identityType": "emailAddress",
        "hashed": True,
        "salt": salt,
    }


def _hours_text(hours) -> str:
    text = f"{hours:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def build_credential(certificate: Certificate) -> dict[str, Any]:
    """The unsigned OpenBadgeCredential for `certificate`, in the certificate's language."""
    from qogam.volunteering import certificates  # noqa: PLC0415 -- it imports this module

    university = certificate.university
    language = certificate.language
    issuer = issuer_id(university)
    with translation.override(language):
        profile = {
            "id": issuer,
            "type": ["Profile"],
            "name": translated(university, "name", language).text,
            "url": settings.SITE_URL + university.get_absolute_url(),
        }
        verify_url = settings.SITE_URL + certificate.get_absolute_url()
        statement = certificates.certificate_statement(certificate)
        if certificate.opportunity is not None:
            achievement_id = f"urn:uuid:{certificate.opportunity.public_id}"
        else:
            achievement_id = f"{issuer}#academic-year-{certificate.academic_year}"
        result_id = f"{achievement_id}:verified-hours"
        achievement = {
            "id": achievement_id,
            "type": ["Achievement"],
            "achievementType": "CommunityService",
            "name": certificate.title,
            "description": statement,
            "criteria": {
                "narrative": _(
                    "Volunteer hours logged for the shifts the student took part in and "
                    "verified by the opportunity's coordinator or partner; only verified "
                    "hours count."
                )
            },
            "creator": profile,
            "inLanguage": language,
            "resultDescription": [
                {
                    "id": result_id,
                    "type": ["ResultDescription"],
                    "name": _("Verified volunteer hours"),
                    "resultType": "RawScore",
                }
            ],
        }
        subject: dict[str, Any] = {
            "type": ["AchievementSubject"],
            "identifier": [_identity(certificate.student.email, certificate)],
            "achievement": achievement,
            "result": [
                {
                    "type": ["Result"],
                    "resultDescription": result_id,
                    "value": _hours_text(certificate.hours),
                }
            ],
        }
        if certificate.scope == CertificateScope.YEAR and certificate.academic_year:
            start, end = academic_year_bounds(certificate.academic_year)
            subject["activityStartDate"] = _timestamp(start)
            subject["activityEndDate"] = _timestamp(end)
        evidence_name = _("Verification page of the certificate")
    return {
        "@context": CONTEXTS,
        "id": f"urn:uuid:{certificate.public_id}",
        "type": CREDENTIAL_TYPES,
        "name": certificate.title,
        "issuer": profile,
        "validFrom": _timestamp(certificate.created_at),
        "credentialSubject": subject,
        "evidence": [{"id": verify_url, "type": ["Evidence"], "name": evidence_name}],
    }


def issue_credential(*, certificate: Certificate) -> str:
    """The certificate as a signed VC-JWT (compact JWS); refuses a revoked certificate.

    Signing is deterministic (Ed25519, claims fixed at issue), so a second download of the
    same certificate with the same key gives the same token.
    """
    if certificate.revoked_at is not None:
        raise ValidationError(
            _("This certificate was revoked; its credential is no longer issued."),
            code="revoked",
        )
    key, private = active_signing_key(university=certificate.university)
    credential = build_credential(certificate)
    issued = int(certificate.created_at.timestamp())
    claims = {
        **credential,
        "iss": credential["issuer"]["id"],
        "jti": credential["id"],
        "iat": issued,
        "nbf": issued,
    }
    return jwt.encode(
        claims, private, algorithm=ALGORITHM, headers={"kid": key.key_id, "typ": JOSE_TYPE}
    )


def _keys_and_issuer(published: Any) -> tuple[list[dict[str, Any]], str | None]:
    """Accepts a JWK set ({"keys": […]}), a list of JWKs, or the issuer's whole profile (whose
    id then becomes the issuer the credential must name)."""
    if isinstance(published, list):
        return published, None
    if isinstance(published, dict) and isinstance(published.get("jwks"), dict):
        return list(published["jwks"].get("keys") or []), published.get("id")
    if isinstance(published, dict) and isinstance(published.get("keys"), list):
        return published["keys"], None
    raise CredentialInvalid(_("The published keys are not a JWK set or an issuer profile."))


def verify_credential(token: str, jwks: Any, *, issuer: str | None = None) -> dict[str, Any]:
    """Check a VC-JWT with the issuer's published keys only (offline); return its claims.

    Checks: the header says EdDSA and vc+jwt; the key id is one of the published keys; the
    signature; not before `nbf`; an Open Badges credential whose issuer is the `iss` claim,
    and, when `issuer` is given (or `jwks` is the issuer's profile), that very issuer.
    Raises CredentialInvalid saying what failed.
    """
    keys, profile_issuer = _keys_and_issuer(jwks)
    expected_issuer = issuer or profile_issuer
    token = token.strip()
    try:
        header = jwt.get_unverified_header(token)
    except jwt.PyJWTError as exc:
        raise CredentialInvalid(_("This is not a signed credential (JWT).")) from exc
    if header.get("alg") != ALGORITHM:
        raise CredentialInvalid(
            _("The credential is signed with %(alg)s; only EdDSA is accepted.")
            % {"alg": header.get("alg")}
        )
    if header.get("typ") != JOSE_TYPE:
        raise CredentialInvalid(_("The credential's type is not vc+jwt."))
    kid = header.get("kid")
    jwk = next((k for k in keys if isinstance(k, dict) and k.get("kid") == kid), None)
    if jwk is None:
        raise CredentialInvalid(
            _("The credential was signed with key %(kid)s, which is not among the published keys.")
            % {"kid": kid}
        )
    try:
        public = jwt.PyJWK(jwk, algorithm=ALGORITHM).key
        claims = jwt.decode(
            token,
            public,
            algorithms=[ALGORITHM],
            options={"require": ["iss", "nbf"], "verify_aud": False},
            leeway=LEEWAY,
        )
    except jwt.InvalidSignatureError as exc:
        raise CredentialInvalid(_("The signature does not match the credential.")) from exc
    except jwt.PyJWTError as exc:
        raise CredentialInvalid(
            _("The credential cannot be checked: %(reason)s") % {"reason": exc}
        ) from exc
    types = claims.get("type") or []
    if not all(t in types for t in CREDENTIAL_TYPES):
        raise CredentialInvalid(_("This is not an Open Badges credential."))
    named = (claims.get("issuer") or {}).get("id")
    if not named or named != claims.get("iss"):
        raise CredentialInvalid(_("The credential's issuer does not match its iss claim."))
    if expected_issuer and named != expected_issuer:
        raise CredentialInvalid(
            _("The credential names issuer %(named)s, not %(expected)s.")
            % {"named": named, "expected": expected_issuer}
        )
    return claims
