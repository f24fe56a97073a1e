"""`manage.py load_demo`: a believable demo network on the current database.

Developer output, in English on purpose (it is not part of the interface).
"""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from django.utils import translation

from qogam.core.enums import Role
from qogam.demo.builders import DEFAULT_SEED, DEMO_PASSWORD, DemoResult, load_demo_network
from qogam.demo.plans import NAMED_SCALES, parse_scale

# What the builder counts, with the word for one of each (and for many, when the counter's
# name is not that word).
_CREATED = {
    "networks": "network",
    "universities": "university",
    "units": "unit",
    "people": "person",
    "memberships": "membership",
    "invitations": "invitation",
    "partners": "partner",
    "contacts": "contact",
    "agreements": "agreement",
    "surveys": "survey",
    "needs": "need",
    "projects": "project",
    "project participants": "project participant",
    "project updates": "project update",
    "councils": "council",
    "council_members": ("council member", "council members"),
    "council_meetings": ("council meeting", "council meetings"),
    "council_decisions": ("council decision", "council decisions"),
    "studies": "study",
    "research_topics": ("science-shop topic", "science-shop topics"),
    "coverage": ("media piece", "media pieces"),
    "opportunities": ("volunteering opportunity", "volunteering opportunities"),
    "sign-ups": ("sign-up", "sign-ups"),
    "hours entries": ("hours entry", "hours entries"),
    "certificates": "certificate",
    "programmes": "programme",
    "courses": "course",
    "enrolments": "enrolment",
    "strategies": ("strategy", "strategies"),
    "strategy measures": ("strategy measure", "strategy measures"),
    "third-mission functions": ("third-mission function", "third-mission functions"),
    "qualification profiles": ("qualification profile", "qualification profiles"),
    "staff assignments": ("staff assignment", "staff assignments"),
    "indicator targets": ("indicator target", "indicator targets"),
    "published indicators": ("published indicator", "published indicators"),
    "entered indicator values": ("entered indicator value", "entered indicator values"),
    "self-assessments": ("self-assessment", "self-assessments"),
    "indicator snapshots": ("indicator snapshot", "indicator snapshots"),
    "network members": ("network member", "network members"),
    "network shared packs": ("pack shared in the network", "packs shared in the network"),
    "indicators shared with the network": (
        "indicator shared with the network",
        "indicators shared with the network",
    ),
    "good practices": ("good practice", "good practices"),
    "adoptions of practices": ("adoption of a practice", "adoptions of practices"),
    "joint projects": ("joint project", "joint projects"),
    "parts of joint projects": ("part of a joint project", "parts of joint projects"),
    "conferences": "conference",
    "conference sections": ("conference section", "conference sections"),
    "conference participants": ("conference participant", "conference participants"),
    "resolutions": "resolution",
    "recommendations": "recommendation",
    "responses to recommendations": (
        "response to a recommendation",
        "responses to recommendations",
    ),
    "SDG suggestions": ("SDG suggestion to review", "SDG suggestions to review"),
}


class Command(BaseCommand):
    help = (
        "Fill the database with a demo network: three fictional universities, their units, "
        "people for every role (all with one published password), a few pending "
        "invitations, partners with contacts and agreements, and community needs at every "
        "step of their workflow. Running it again adds nothing; it never changes or deletes "
        "records."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            default="small",
            help=(
                f"One of {', '.join(NAMED_SCALES)}, or a number that multiplies 'small' "
                "(units, staff and students). 'largest' is the benchmark size: 300 units, "
                "5,000 staff and 60,000 students at the largest university. Default: small."
            ),
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=DEFAULT_SEED,
            help=f"Seed for the random choices; the same seed gives the same data "
            f"(default {DEFAULT_SEED}).",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run although DEBUG is off. The demo logins share a published password: "
            "never do this on a database that real people use.",
        )

    def handle(self, *args, scale, seed, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG is off, so this may be a real installation; load_demo would add "
                f"administrator logins whose password ({DEMO_PASSWORD}) is published. "
                "Set DEBUG=true, or pass --force if this database is only for testing."
            )
        try:
            largest = parse_scale(str(scale))
        except ValueError as exc:
            raise CommandError(str(exc)) from exc

        started = time.monotonic()
        result = load_demo_network(largest=largest, seed=seed)
        elapsed = time.monotonic() - started
        self._report(result, elapsed)

    def _report(self, result: DemoResult, elapsed: float) -> None:
        created = []
        for name, words in _CREATED.items():
            one, many = words if isinstance(words, tuple) else (words, name)
            count = result.created[name]
            created.append(f"{count} {one if count == 1 else many}")
        if any(result.created.values()):
            self.stdout.write(
                f"Demo network ready in {elapsed:.1f} s; created {', '.join(created)}."
            )
        else:
            self.stdout.write(
                f"The demo network was already complete; nothing created ({elapsed:.1f} s)."
            )
        if result.created["invitations"]:
            self.stdout.write(
                "Pending invitations (and the confirmation link of each university's anonymous "
                "need) were e-mailed; with the console e-mail backend the messages, with their "
                "links, are printed above."
            )

        with translation.override("en"):
            rows = [
                (str(Role(login.role).label), login.university, login.email, DEMO_PASSWORD)
                for login in result.logins
            ]
        header = ("Role", "University", "E-mail", "Password")
        widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
        self.stdout.write("")
        self.stdout.write("Demo logins:")
        for row in [header, tuple("-" * width for width in widths), *rows]:
            self.stdout.write(
                "  ".join(
                    cell.ljust(width) for cell, width in zip(row, widths, strict=True)
                ).rstrip()
            )

        with translation.override(settings.LANGUAGE_CODE):
            sign_in = reverse("accounts:login")
        self.stdout.write("")
        self.stdout.write(f"Sign in at {settings.SITE_URL}{sign_in}")
