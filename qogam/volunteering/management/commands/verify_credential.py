"""Check an Open Badges credential (VC-JWT) offline, with only the issuer's published keys.

    manage.py verify_credential credential.jwt --keys issuer.json

KEYS_FILE is the issuer page's JSON (its `id` then must be the credential's issuer) or a plain
JWK set. Prints "valid" and the credential's claims, or "invalid" and why (exit status 1).
Nothing is fetched and the database is not read.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from qogam.volunteering.credentials import CredentialInvalid, verify_credential


class Command(BaseCommand):
    help = "Check an Open Badges credential (.jwt) with the issuer's published public keys."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser):
        parser.add_argument("file", help="the credential: a .jwt file")
        parser.add_argument(
            "--keys",
            required=True,
            help="the issuer's public keys: the issuer page's JSON or a JWK set",
        )
        parser.add_argument(
            "--issuer", help="the issuer id (URL) the credential must name; optional"
        )

    def handle(self, *args, **options):
        try:
            token = Path(options["file"]).read_text(encoding="utf-8")
        except OSError as exc:
            raise CommandError(f"Cannot read the credential {options['file']}: {exc}") from exc
        try:
            keys = json.loads(Path(options["keys"]).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise CommandError(f"Cannot read the keys {options['keys']}: {exc}") from exc
        try:
            claims = verify_credential(token, keys, issuer=options.get("issuer"))
        except CredentialInvalid as exc:
            self.stdout.write(f"invalid: {exc}")
            raise CommandError("The credential is not valid.", returncode=1) from exc
        self.stdout.write("valid")
        self.stdout.write(json.dumps(claims, ensure_ascii=False, indent=2))
