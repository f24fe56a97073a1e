"""Cross-tenant sweep: every URL that shows a record refuses people of other universities.

URL patterns are discovered from the resolver, so a new view with a record in its URL fails
here until it is listed in RECORD_URLS with a record of university A to try.
"""

from datetime import timedelta

import pytest
from django.contrib import admin
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone, translation

from qogam.accounts.models import Membership
from qogam.accounts.services import create_api_token, invite_person
from qogam.core.tenancy import all_universities
from qogam.councils.tests import sweep as councils_sweep
from qogam.coverage.tests import sweep as coverage_sweep
from qogam.indicators.tests import sweep as indicators_sweep
from qogam.needs.models import NeedAttachment, Support
from qogam.needs.tests.factories import sweep_records as a_need_records
from qogam.network.tests import sweep as network_sweep
from qogam.partners.models import PartnerSurvey
from qogam.partners.tests.records import a_partner_records
from qogam.portal.tests import sweep as portal_sweep
from qogam.projects.tests import sweep as projects_sweep
from qogam.reports.tests import sweep as reports_sweep
from qogam.research.tests import sweep as research_sweep
from qogam.sdg.tests import sweep as sdg_sweep
from qogam.staff.tests import sweep as staff_sweep
from qogam.strategy.tests import sweep as strategy_sweep
from qogam.volunteering.tests import sweep as volunteering_sweep

# Apps from projects on list their records in their own tests/sweep.py.
APP_SWEEPS = [
    projects_sweep,
    councils_sweep,
    research_sweep,
    coverage_sweep,
    volunteering_sweep,
    staff_sweep,
    strategy_sweep,
    indicators_sweep,
    network_sweep,
    reports_sweep,
    portal_sweep,
    sdg_sweep,
]

# URL name -> function(world, extra) giving the kwargs of one of university A's private records.
RECORD_URLS = {
    "organisations:unit": lambda w, x: {"public_id": w["a_department"].public_id},
    "organisations:unit_edit": lambda w, x: {"public_id": w["a_department"].public_id},
    "organisations:unit_delete": lambda w, x: {"public_id": w["a_department"].public_id},
    "organisations:university": lambda w, x: {"slug": w["a"].slug},
    "organisations:unit_create": lambda w, x: {"slug": w["a"].slug},
    "accounts:membership_revoke": lambda w, x: {"public_id": x["membership"].public_id},
    "accounts:invitation_cancel": lambda w, x: {"public_id": x["invitation"].public_id},
    "accounts:token_revoke": lambda w, x: {"public_id": x["token"].public_id},
    "accounts:invitation": None,  # a secret token, not a record id: tested in accounts
    "accounts:password_reset_confirm": None,  # a signed token: Django's own view
    "api-v1:get_unit": lambda w, x: {"public_id": w["a_department"].public_id},
    "api-v1:get_membership": lambda w, x: {"public_id": x["membership"].public_id},
    "api-v1:get_university": None,  # universities are public by default; see test below
    "api-v1:list_units": None,  # a list: covered by the canary test
    "api-v1:create_unit": lambda w, x: {"slug": w["a"].slug},
    # partners
    "partners:detail": lambda w, x: {"public_id": a_partner_records(w)["partner"].public_id},
    "partners:edit": lambda w, x: {"public_id": a_partner_records(w)["partner"].public_id},
    "partners:delete": lambda w, x: {"public_id": a_partner_records(w)["partner"].public_id},
    "partners:contact_create": lambda w, x: {
        "public_id": a_partner_records(w)["partner"].public_id
    },
    "partners:contact_edit": lambda w, x: {
        "public_id": a_partner_records(w)["partner"].public_id,
        "contact_id": a_partner_records(w)["contact"].public_id,
    },
    "partners:contact_delete": lambda w, x: {
        "public_id": a_partner_records(w)["partner"].public_id,
        "contact_id": a_partner_records(w)["contact"].public_id,
    },
    "partners:agreement": lambda w, x: {"public_id": a_partner_records(w)["agreement"].public_id},
    "partners:agreement_edit": lambda w, x: {
        "public_id": a_partner_records(w)["agreement"].public_id
    },
    "partners:agreement_delete": lambda w, x: {
        "public_id": a_partner_records(w)["agreement"].public_id
    },
    "partners:agreement_document": lambda w, x: {
        "public_id": a_partner_records(w)["agreement"].public_id
    },
    "api-v1:get_partner": lambda w, x: {"public_id": a_partner_records(w)["partner"].public_id},
    "api-v1:list_partner_contacts": lambda w, x: {
        "public_id": a_partner_records(w)["partner"].public_id
    },
    "api-v1:get_agreement": lambda w, x: {"public_id": a_partner_records(w)["agreement"].public_id},
    # POST-only creates whose payload differs from a unit's: partners/tests/test_api.py
    # checks that charlie cannot create partners or agreements at A.
    "api-v1:create_partner": None,
    "api-v1:create_agreement": None,
    # partners import and surveys
    "partners:survey_send": lambda w, x: {"public_id": a_partner_records(w)["partner"].public_id},
    "partners:survey": None,  # a secret token, not a record id: tested in partners
    # needs: A's unpublished need (and a comment and a report on it) as the record
    "needs:detail": lambda w, x: {"public_id": a_need_records(w)["need"].public_id},
    "needs:comment": lambda w, x: {"public_id": a_need_records(w)["need"].public_id},
    "needs:support": lambda w, x: {"public_id": a_need_records(w)["need"].public_id},
    "needs:follow": lambda w, x: {"public_id": a_need_records(w)["need"].public_id},
    "needs:report": lambda w, x: {"public_id": a_need_records(w)["need"].public_id},
    "needs:moderate": lambda w, x: {"public_id": a_need_records(w)["need"].public_id},
    "needs:accept": lambda w, x: {"public_id": a_need_records(w)["need"].public_id},
    "needs:decline": lambda w, x: {"public_id": a_need_records(w)["need"].public_id},
    "needs:start": lambda w, x: {"public_id": a_need_records(w)["need"].public_id},
    "needs:address": lambda w, x: {"public_id": a_need_records(w)["need"].public_id},
    "needs:note": lambda w, x: {"public_id": a_need_records(w)["need"].public_id},
    "needs:hide": lambda w, x: {"public_id": a_need_records(w)["need"].public_id},
    "needs:restore": lambda w, x: {"public_id": a_need_records(w)["need"].public_id},
    "needs:attachment": lambda w, x: {"public_id": a_need_records(w)["need"].public_id},
    "needs:comment_hide": lambda w, x: {"public_id": a_need_records(w)["comment"].public_id},
    "needs:comment_restore": lambda w, x: {"public_id": a_need_records(w)["comment"].public_id},
    "needs:comment_report": lambda w, x: {"public_id": a_need_records(w)["comment"].public_id},
    "needs:report_resolve": lambda w, x: {"public_id": a_need_records(w)["report"].public_id},
    "needs:confirm": None,  # a secret token, not a record id (like accounts:invitation)
    "needs:support_confirm": None,  # a secret token, not a record id (like accounts:invitation)
    "api-v1:get_need": lambda w, x: {"public_id": a_need_records(w)["need"].public_id},
    # Anyone may post a need to any university (it goes to moderation): needs/tests/test_access.
    "api-v1:create_need": None,
}
for _sweep in APP_SWEEPS:
    assert not set(_sweep.RECORD_URLS) & set(RECORD_URLS), _sweep.__name__
    RECORD_URLS.update(_sweep.RECORD_URLS)

# URLs whose whole content is one university's, so the university itself is the record.
UNIVERSITY_LEVEL = {"organisations:university", "organisations:unit_create", "api-v1:create_unit"}


def _walk(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            namespace = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            if entry.namespace == "admin":
                continue  # the admin has its own sweep below
            yield from _walk(entry.url_patterns, namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{prefix}{entry.name}", entry


def record_url_names():
    return sorted(
        {name for name, entry in _walk(get_resolver().url_patterns) if entry.pattern.converters}
    )


@pytest.fixture
def a_records(world):
    with all_universities():
        membership = Membership.objects.get(user=world["bob"])
    invitation = invite_person(
        actor=world["alice"],
        university=world["a"],
        email="secret.newcomer@example.kz",
        role="staff",
    )
    token, _raw = create_api_token(user=world["alice"], name="A's website")
    return {"membership": membership, "invitation": invitation, "token": token}


def test_sweep_every_record_url_is_listed():
    assert sorted(set(record_url_names()) - set(RECORD_URLS)) == []


@pytest.mark.parametrize("url_name", sorted(k for k, v in RECORD_URLS.items() if v))
@pytest.mark.parametrize("persona", ["charlie", "bianca", "pavel", None])
def test_sweep_other_university_gets_404_or_403(world, a_records, client_for, url_name, persona):
    if url_name in UNIVERSITY_LEVEL and persona == "pavel":
        pytest.skip("a partner of A reads A's public university page by design")
    if url_name in UNIVERSITY_LEVEL and url_name.startswith("organisations:university"):
        # The university page is public; what must not leak is its private units.
        client = client_for(world.get(persona) if persona else None)
        with translation.override("en"):
            body = client.get(reverse(url_name, kwargs={"slug": "aqtobe-tech"})).content.decode()
        assert "A Department of Physics" not in body
        return
    kwargs = RECORD_URLS[url_name](world, a_records)
    client = client_for(world[persona] if persona else None)
    with translation.override("en"):
        url = reverse(url_name, kwargs=kwargs)
    # The API's create shares its path with the (public) list of units; only POST creates.
    methods = ("post",) if url_name == "api-v1:create_unit" else ("get", "post")
    for method in methods:
        if url_name.startswith("api-v1:") and method == "post":
            payload = {"kind": "faculty", "name_kk": "Жаңа факультет"}
            response = client.post(url, payload, content_type="application/json")
        else:
            response = getattr(client, method)(url)
        if persona is None and response.status_code == 302:
            assert "/sign-in/" in response["Location"]
            continue
        assert response.status_code in {401, 403, 404, 405}, (method, url, response.status_code)
        assert b"A Department of Physics" not in response.content
        assert b"secret.newcomer" not in response.content


def test_sweep_canary_lists_never_show_other_universities_private_records(
    world, a_records, client_for
):
    """B's private unit carries a unique name; no list, page or API route shows it to A."""
    pages = [
        "/en/",
        "/en/organisations/universities/",
        "/en/organisations/universities/baikonur-state/",
        "/en/people/",
        "/en/audit/",
        "/en/notifications/",
        "/api/v1/universities",
        "/api/v1/universities/baikonur-state/units",
        "/api/v1/memberships",
        "/en/admin/organisations/unit/",
        "/en/admin/accounts/membership/",
        "/en/admin/accounts/invitation/",
    ]
    for persona in ["alice", "erin", "cora", "bob", "dana", "pavel"]:
        client = client_for(world[persona])
        for page in pages:
            response = client.get(page)
            assert b"B Secret Laboratory" not in response.content, (persona, page)
            assert b"bianca@example.kz" not in response.content, (persona, page)


def _more_admin_records(world) -> dict:
    """Records of A's models that the page sweeps do not need: an attachment, a support…"""
    need = a_need_records(world)["need"]
    partner = a_partner_records(world)["partner"]
    with all_universities():
        attachment = NeedAttachment.objects.create(
            university=world["a"], need=need, file=ContentFile(b"x", name="a.png"), name="a.png"
        )
        support = Support.objects.create(university=world["a"], need=need, user=world["dana"])
        survey = PartnerSurvey.objects.create(
            university=world["a"],
            organisation=partner,
            email="secret.contact@partner.kz",
            language="kk",
            token_hash="0" * 64,
            expires_at=timezone.now() + timedelta(days=7),
        )
    return {
        "needs.needattachment": attachment,
        "needs.support": support,
        "partners.partnersurvey": survey,
    }


def _admin_change_urls(world, a_records):
    objects = {
        "organisations.unit": world["a_department"],
        "organisations.university": world["a"],
        "accounts.membership": a_records["membership"],
        "accounts.invitation": a_records["invitation"],
        "accounts.apitoken": a_records["token"],
        "partners.partnerorganisation": a_partner_records(world)["partner"],
        "partners.contact": a_partner_records(world)["contact"],
        "partners.agreement": a_partner_records(world)["agreement"],
        "needs.need": a_need_records(world)["need"],
        "needs.comment": a_need_records(world)["comment"],
        "needs.report": a_need_records(world)["report"],
        "needs.needevent": a_need_records(world)["event"],
        "needs.follow": a_need_records(world)["follow"],
    }
    objects.update(_more_admin_records(world))
    for sweep in APP_SWEEPS:
        objects.update(sweep.admin_records(world))
    for model in admin.site._registry:
        label = model._meta.label_lower
        if label in objects:
            yield (
                label,
                reverse(
                    f"admin:{model._meta.app_label}_{model._meta.model_name}_change",
                    args=[objects[label].pk],
                ),
            )


def test_sweep_admin_hides_other_universities_records(world, a_records, client_for):
    client = client_for(world["charlie"])
    seen = []
    for label, url in _admin_change_urls(world, a_records):
        response = client.get(url)
        seen.append(label)
        assert response.status_code in {403, 404}, (label, response.status_code)
    # Every model in the admin holding a university's records is tried.
    tenant_models = sorted(
        model._meta.label_lower
        for model in admin.site._registry
        if any(f.name == "university" for f in model._meta.get_fields())
    )
    assert sorted(set(tenant_models) - set(seen)) == []
    assert set(seen) >= {
        "accounts.apitoken",
        "accounts.invitation",
        "accounts.membership",
        "needs.comment",
        "needs.follow",
        "needs.need",
        "needs.needevent",
        "needs.report",
        "organisations.unit",
        "organisations.university",
        "partners.agreement",
        "partners.contact",
        "partners.partnerorganisation",
    }


def test_sweep_admin_shows_own_university_records(world, a_records, client_for):
    client = client_for(world["alice"])
    response = client.get(
        reverse("admin:organisations_unit_change", args=[world["a_department"].pk])
    )
    assert response.status_code == 200
    assert b"A Department of Physics" in response.content
