"""Open Badges 3.0 credentials: signed with the university's key, checked offline with the
published keys only, refused when tampered with or signed by another university."""

import base64
import json

import jwt
import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

from qogam.core.tenancy import all_universities
from qogam.volunteering import certificates, credentials
from qogam.volunteering.credentials import CredentialInvalid, verify_credential
from qogam.volunteering.models import SigningKey
from qogam.volunteering.tests.records_recognition import a_recognition_records


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _download(world, client_for, certificate) -> str:
    url = reverse("volunteering:credential", kwargs={"public_id": certificate.public_id})
    response = client_for(world["dana"]).get(url)
    assert response.status_code == 200
    return response.content.decode()


def _issuer_page(client_for, university) -> dict:
    """The issuer's profile as anyone (no sign-in) downloads it."""
    response = client_for(None).get(
        reverse("volunteering:issuer", kwargs={"slug": university.slug})
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return response.json()


def test_credential_is_an_open_badge_signed_by_the_university(world, client_for):
    certificate = a_recognition_records(world)["certificate"]
    token = _download(world, client_for, certificate)
    header = jwt.get_unverified_header(token)
    with all_universities():
        key = SigningKey.objects.get(university=world["a"], retired_at__isnull=True)
    assert header == {"alg": "EdDSA", "kid": key.key_id, "typ": "vc+jwt"}
    claims = json.loads(_unb64(token.split(".")[1]))
    assert claims["@context"] == [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]
    assert claims["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    issuer = "http://127.0.0.1:8000/kk/volunteering/issuers/aqtobe-tech/"
    assert claims["issuer"]["id"] == claims["iss"] == issuer
    assert claims["issuer"]["type"] == ["Profile"]
    assert claims["issuer"]["name"] == "Ақтөбе техникалық университеті"
    assert claims["id"] == claims["jti"] == f"urn:uuid:{certificate.public_id}"
    assert claims["validFrom"].endswith("Z")
    subject = claims["credentialSubject"]
    assert subject["type"] == ["AchievementSubject"]
    (identity,) = subject["identifier"]
    assert identity["type"] == "IdentityObject"
    assert identity["hashed"] is True and identity["identityType"] == "emailAddress"
    assert identity["identityHash"].startswith("sha256$")
    assert "dana@example.kz" not in _unb64(token.split(".")[1]).decode()
    achievement = subject["achievement"]
    assert achievement["type"] == ["Achievement"]
    assert achievement["name"] == certificate.title
    assert achievement["achievementType"] == "CommunityService"
    assert achievement["criteria"]["narrative"]
    assert subject["result"][0]["value"] == "5.5"
    assert subject["result"][0]["resultDescription"] == achievement["resultDescription"][0]["id"]
    # The verification page, in the certificate's language.
    assert claims["evidence"][0]["id"] == (
        f"http://127.0.0.1:8000/kk/volunteering/verify/{certificate.public_id}/"
    )


def test_credential_verifies_offline_with_the_issuer_pages_keys(world, client_for):
    certificate = a_recognition_records(world)["certificate"]
    token = _download(world, client_for, certificate)
    profile = _issuer_page(client_for, world["a"])
    assert profile["type"] == ["Profile"]
    assert [k["kid"] for k in profile["jwks"]["keys"]] == [jwt.get_unverified_header(token)["kid"]]
    assert all("d" not in k for k in profile["jwks"]["keys"])  # public halves only
    claims = verify_credential(token, profile)
    assert claims["credentialSubject"]["achievement"]["name"] == certificate.title
    # A plain JWK set works as well, with the issuer given separately.
    assert verify_credential(token, profile["jwks"], issuer=profile["id"])["iss"] == profile["id"]
    # Downloading again gives the very same token (deterministic signature, fixed claims).
    assert _download(world, client_for, certificate) == token


def test_credential_fails_after_tampering(world, client_for):
    certificate = a_recognition_records(world)["certificate"]
    token = _download(world, client_for, certificate)
    profile = _issuer_page(client_for, world["a"])
    header, payload, signature = token.split(".")
    claims = json.loads(_unb64(payload))
    claims["credentialSubject"]["result"][0]["value"] = "500"
    forged = ".".join([header, _b64(json.dumps(claims).encode()), signature])
    with pytest.raises(CredentialInvalid, match="signature does not match"):
        verify_credential(forged, profile)
    with pytest.raises(CredentialInvalid):
        verify_credential(token[:-4] + "AAAA", profile)
    # "alg": "none" is never accepted.
    unsigned = jwt.encode(claims, None, algorithm="none", headers={"typ": "vc+jwt"})
    with pytest.raises(CredentialInvalid, match="only EdDSA"):
        verify_credential(unsigned, profile)


def test_credential_fails_with_another_universitys_key(world, client_for):
    certificate = a_recognition_records(world)["certificate"]
    token = _download(world, client_for, certificate)
    b_key, b_private = credentials.active_signing_key(university=world["b"])
    b_profile = _issuer_page(client_for, world["b"])
    with pytest.raises(CredentialInvalid, match="not among the published keys"):
        verify_credential(token, b_profile)
    # B signs a credential that claims to be A's: A's keys refuse it, and B's keys do not
    # make it A's.
    claims = json.loads(_unb64(token.split(".")[1]))
    forged = jwt.encode(
        claims, b_private, algorithm="EdDSA", headers={"kid": b_key.key_id, "typ": "vc+jwt"}
    )
    a_profile = _issuer_page(client_for, world["a"])
    with pytest.raises(CredentialInvalid, match="not among the published keys"):
        verify_credential(forged, a_profile)
    with pytest.raises(CredentialInvalid, match="names issuer"):
        verify_credential(forged, b_profile)


def test_retired_key_still_verifies_what_it_signed(world, client_for):
    certificate = a_recognition_records(world)["certificate"]
    old_token = _download(world, client_for, certificate)
    with pytest.raises(Exception, match="may not retire"):
        credentials.retire_signing_key(actor=world["bob"], university=world["a"])
    retired = credentials.retire_signing_key(actor=world["erin"], university=world["a"])
    assert retired is not None and retired.retired_at is not None
    new_token = _download(world, client_for, certificate)
    assert jwt.get_unverified_header(new_token)["kid"] != retired.key_id
    profile = _issuer_page(client_for, world["a"])
    assert len(profile["jwks"]["keys"]) == 2
    assert (
        verify_credential(old_token, profile)["jti"] == verify_credential(new_token, profile)["jti"]
    )


def test_signing_key_private_half_is_stored_encrypted(world, settings):
    key, private = credentials.active_signing_key(university=world["a"])
    raw = private.private_bytes_raw()
    assert key.private_key.startswith("gAAAAA")  # a Fernet token
    assert _b64(raw) not in key.private_key and raw.hex() not in key.private_key
    assert key.public_jwk["kid"] == key.key_id and "d" not in key.public_jwk
    # The same key comes back while the secret is the same …
    again, _private = credentials.active_signing_key(university=world["a"])
    assert again.pk == key.pk
    # … and a changed secret retires the key it cannot read, keeping its public half.
    settings.CREDENTIAL_KEY_SECRET = "another-secret-for-the-credential-keys"
    fresh, _private = credentials.active_signing_key(university=world["a"])
    assert fresh.pk != key.pk
    key.refresh_from_db()
    assert key.retired_at is not None
    assert len(credentials.published_keys(world["a"])) == 2


def test_issuer_page_is_public_and_404_for_an_unknown_university(world, client_for):
    a_recognition_records(world)
    profile = client_for(None).get("/kk/volunteering/issuers/aqtobe-tech/").json()
    assert profile["id"] == "http://127.0.0.1:8000/kk/volunteering/issuers/aqtobe-tech/"
    assert profile["name"] == "Ақтөбе техникалық университеті"
    body = json.dumps(profile)
    assert "dana" not in body.lower() and "secret" not in body.lower()
    response = client_for(None).get("/en/volunteering/issuers/no-such-university/")
    assert response.status_code == 404
    english = client_for(None).get("/en/volunteering/issuers/aqtobe-tech/").json()
    assert english["name"] == "Aqtobe Technical University"
    assert english["id"] == profile["id"]  # one issuer id whatever the language


def test_credential_refused_for_a_revoked_certificate(world):
    certificate = a_recognition_records(world)["certificate"]
    certificates.revoke_certificate(actor=world["erin"], certificate=certificate, reason="x")
    with pytest.raises(ValidationError):
        credentials.issue_credential(certificate=certificate)


def test_verify_credential_command_valid_and_invalid(world, client_for, tmp_path, capsys):
    certificate = a_recognition_records(world)["certificate"]
    token_file = tmp_path / "credential.jwt"
    token_file.write_text(_download(world, client_for, certificate))
    keys_file = tmp_path / "issuer.json"
    keys_file.write_text(json.dumps(_issuer_page(client_for, world["a"])))
    call_command("verify_credential", str(token_file), keys=str(keys_file))
    out = capsys.readouterr().out
    assert out.startswith("valid\n")
    assert json.loads(out.split("\n", 1)[1])["id"] == f"urn:uuid:{certificate.public_id}"

    other_keys = tmp_path / "b.json"
    credentials.active_signing_key(university=world["b"])
    other_keys.write_text(json.dumps(_issuer_page(client_for, world["b"])))
    with pytest.raises(CommandError):
        call_command("verify_credential", str(token_file), keys=str(other_keys))
    assert capsys.readouterr().out.startswith("invalid: ")
    with pytest.raises(CommandError, match="Cannot read the keys"):
        call_command("verify_credential", str(token_file), keys=str(tmp_path / "missing.json"))
