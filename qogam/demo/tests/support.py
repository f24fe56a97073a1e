"""Helpers shared by the demo tests."""

from io import StringIO

from auditlog.models import LogEntry
from django.core.management import call_command

from qogam.accounts.models import Invitation, Membership, User
from qogam.core.enums import Role
from qogam.core.tenancy import all_universities
from qogam.needs.models import Comment, Need, NeedEvent, Support
from qogam.notifications.models import Notice
from qogam.organisations.models import Network, Unit, University
from qogam.partners.models import Agreement, Contact, PartnerOrganisation, PartnerSurvey

SLUGS = ["almaty-state", "astana-tech", "shymkent-agrarian"]


def load(*args, **options) -> str:
    out = StringIO()
    call_command("load_demo", *args, force=True, stdout=out, **options)
    return out.getvalue()


def table_counts() -> dict[str, int]:
    with all_universities():
        return {
            "networks": Network.objects.count(),
            "universities": University.objects.count(),
            "units": Unit.objects.count(),
            "people": User.objects.count(),
            "memberships": Membership.objects.count(),
            "invitations": Invitation.objects.count(),
            "notices": Notice.objects.count(),
            "audit entries": LogEntry.objects.count(),
            "partners": PartnerOrganisation.objects.count(),
            "contacts": Contact.objects.count(),
            "agreements": Agreement.objects.count(),
            "surveys": PartnerSurvey.objects.count(),
            "needs": Need.objects.count(),
            "need events": NeedEvent.objects.count(),
            "supports": Support.objects.count(),
            "comments": Comment.objects.count(),
        }


def unit_names(university_slug: str) -> list[tuple[str, str, str]]:
    with all_universities():
        return sorted(
            Unit.objects.filter(university__slug=university_slug).values_list(
                "name_kk", "name_ru", "name_en"
            )
        )


def students_count() -> int:
    with all_universities():
        return Membership.objects.filter(role=Role.STUDENT).count()
