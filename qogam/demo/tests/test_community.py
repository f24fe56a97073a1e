"""The demo's partners, agreements and community needs (qogam/demo/community.py)."""

from collections import Counter
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from qogam.accounts.models import User
from qogam.core.enums import Visibility
from qogam.core.tenancy import all_universities
from qogam.demo.catalogue.community import CITIES
from qogam.needs.enums import PUBLIC_STATES, EventKind, NeedState
from qogam.needs.models import Comment, Need, NeedEvent, Support
from qogam.notifications.models import Notice
from qogam.partners.enums import AgreementStatus, OrganisationKind
from qogam.partners.models import Agreement, Contact, PartnerOrganisation, PartnerSurvey
from qogam.partners.queries import with_status
from qogam.partners.validators import bin_is_valid

SLUGS = ["almaty-state", "astana-tech", "shymkent-agrarian"]


def load(*args) -> str:
    out = StringIO()
    call_command("load_demo", *args, force=True, stdout=out)
    return out.getvalue()


@pytest.fixture
def demo(demo_output, db):
    with all_universities():
        yield


def test_demo_partners_of_every_kind_with_valid_bins_near_their_city(demo):
    for slug in SLUGS:
        partners = list(PartnerOrganisation.objects.filter(university__slug=slug))
        city = CITIES[slug]
        assert 8 <= len(partners) <= 12, slug
        kinds = {p.kind for p in partners}
        assert {
            OrganisationKind.AKIMAT,
            OrganisationKind.BUSINESS,
            OrganisationKind.CHAMBER,
            OrganisationKind.NGO,
            OrganisationKind.SCHOOL,
            OrganisationKind.HOSPITAL,
            OrganisationKind.MEDIA,
        } <= kinds
        assert Counter(p.kind for p in partners)[OrganisationKind.AKIMAT] == 2
        for partner in partners:
            assert bin_is_valid(partner.bin), partner.bin
            assert partner.region == city.region
            assert partner.city == city.name.kk
            assert partner.name_kk and partner.name_ru
            assert abs(partner.latitude - Decimal(str(city.latitude))) < Decimal("0.15")
            assert abs(partner.longitude - Decimal(str(city.longitude))) < Decimal("0.15")
        shown = Counter(p.visibility for p in partners)
        assert shown[Visibility.PUBLIC] > len(partners) / 2
    # One English name is left empty on purpose, for the visible fallback.
    assert list(PartnerOrganisation.objects.filter(name_en="").values_list("kind", flat=True)) == [
        OrganisationKind.NGO
    ]


def test_demo_contacts_use_the_demo_domain(demo):
    contacts = Contact.objects.all()
    assert contacts.count() == 33
    for contact in contacts:
        assert contact.email.endswith(".demo.qogam.kz"), contact.email
        assert contact.phone.startswith("+7 (")


def test_demo_agreements_cover_every_status_with_units(demo):
    for slug in SLUGS:
        agreements = with_status(Agreement.objects.filter(university__slug=slug))
        statuses = Counter(agreements.values_list("current_status", flat=True))
        assert set(statuses) == set(AgreementStatus), slug
        for agreement in agreements:
            assert agreement.units.count() == 1
            assert agreement.current_status == agreement.status


def test_demo_one_answered_survey_per_university(demo):
    surveys = PartnerSurvey.objects.filter(answered_at__isnull=False)
    assert sorted(surveys.values_list("university__slug", flat=True)) == SLUGS
    assert all(s.organisation.kind == OrganisationKind.AKIMAT for s in surveys)


def test_demo_partner_login_represents_the_city_akimat(demo):
    for slug in SLUGS:
        contact = Contact.objects.get(user__email=f"partner@{slug}.demo.qogam.kz")
        assert contact.is_representative
        assert contact.organisation.kind == OrganisationKind.AKIMAT
        assert contact.organisation.name_en == f"Akimat of {CITIES[slug].name.en} City"


def test_demo_partner_login_sees_its_organisation_on_home(demo):
    client = Client()
    client.force_login(User.objects.get(email="partner@almaty-state.demo.qogam.kz"))

    page = client.get("/en/").content.decode()

    assert 'data-panel="my-organisation"' in page
    assert "Akimat of Almaty City" in page
    assert "Your account is not linked" not in page


def test_demo_needs_walk_the_workflow_with_public_timelines(demo):
    for slug in SLUGS:
        needs = Need.objects.filter(university__slug=slug)
        assert 8 <= needs.count() <= 15, slug
        states = set(needs.values_list("state", flat=True))
        assert {
            NeedState.SUBMITTED,
            NeedState.IN_MODERATION,
            NeedState.PUBLISHED,
            NeedState.ACCEPTED,
            NeedState.DECLINED,
            NeedState.IN_PROGRESS,
            NeedState.ADDRESSED,
        } <= states
        languages = set(needs.values_list("language", flat=True))
        assert languages == {"kk", "ru"}
        assert all(n.has_point for n in needs)
    addressed = Need.objects.filter(state=NeedState.ADDRESSED)
    assert addressed.count() == 6
    for need in addressed:
        assert need.report_kk and need.report_ru and need.report_en
        assert need.visibility == Visibility.PUBLIC
        kinds = list(need.events.values_list("kind", flat=True))
        assert kinds == [
            EventKind.SUBMITTED,
            EventKind.PUBLISHED,
            EventKind.ACCEPTED,
            EventKind.STARTED,
            EventKind.ADDRESSED,
        ]
        # Backdated: the steps are spread over the weeks since the need was posted.
        moments = list(need.events.values_list("created_at", flat=True))
        assert moments == sorted(moments)
        assert (moments[-1] - moments[0]).days >= 1
        assert need.published_at < need.answered_at < need.addressed_at
    # Only public needs gather support and comments.
    assert set(Support.objects.values_list("need__state", flat=True)) <= PUBLIC_STATES
    assert Comment.objects.count() > 0
    assert NeedEvent.objects.filter(actor__isnull=False).exists()


def test_demo_partner_posts_a_need_on_behalf_of_the_akimat(demo):
    need = Need.objects.get(university__slug="almaty-state", partner_organisation__isnull=False)
    assert need.posted_by.email == "partner@almaty-state.demo.qogam.kz"
    assert need.partner_organisation.kind == OrganisationKind.AKIMAT


def test_demo_workflow_notices_are_kept_but_not_emailed(demo):
    notices = Notice.objects.filter(user__email="office@almaty-state.demo.qogam.kz")
    assert notices.exists()
    assert not notices.filter(emailed_at__isnull=True, delivery="immediate").exists()
