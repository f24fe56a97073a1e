"""Nothing private reaches the public portal: the leak test of the whole portal.

University A holds records of every kind in three visibilities. Each private and network
record carries a distinct canary string in every text field (each language of a translated
field too); public records carry canaries only where personal data or internal notes sit
(a partner's contact, a student's sign-up, a need's poster, staff, moderators' reasons). A
private university holds public records with canaries as well. The test then crawls the
portal as an anonymous visitor, breadth first from its entry points, through every
same-site link under /portal/ (pages, feeds, downloads, sitemap, widget, preview images),
and asserts that no canary appears anywhere. Pages added to the portal later are reached
through their links, so they are checked without touching this test.
"""

import itertools
import json
import re
from collections import Counter, deque
from datetime import date, timedelta
from decimal import Decimal
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from modeltranslation.translator import NotRegistered, translator

from qogam.accounts.models import User
from qogam.core.enums import Visibility
from qogam.core.tenancy import all_universities
from qogam.coverage.models import Coverage
from qogam.indicators.compute import period_in_year
from qogam.indicators.models import Indicator, IndicatorVisibility, ManualValue
from qogam.needs.models import Need
from qogam.organisations.models import University
from qogam.partners.models import Contact, PartnerOrganisation
from qogam.portal.opendata import KINDS
from qogam.projects.models import Project, ProjectUpdate, UpdatePhoto
from qogam.projects.tests.factories import png_bytes
from qogam.research.models import Study
from qogam.volunteering.models import Opportunity, Shift, SignUp

LANGUAGES = ("kk", "ru", "en")
# Pages fetched at most, and variants of one path by query string (filters, pages).
CRAWL_CAP = 1500
QUERY_VARIANTS = 3
_counter = itertools.count(1)
# Fields that hold codes, tokens or file paths, not text a person wrote.
NOT_TEXT = {"slug", "email_token_hash", "token_hash", "file", "language", "bin", "code"}


class Canaries(dict):
    """canary -> where it was planted."""

    def new(self, where: str) -> str:
        value = f"qz{next(_counter):05d}k"
        self[value] = where
        return value


def _translated_bases(model) -> set[str]:
    try:
        return set(translator.get_options_for_model(model).fields)
    except NotRegistered:
        return set()


def canary_fields(model, canaries: Canaries, label: str, **fixed) -> dict:
    """A canary in every free-text field of `model` (each language column separately)."""
    bases = _translated_bases(model)
    values = {}
    for field in model._meta.concrete_fields:
        if field.name in fixed or field.name in bases or field.name in NOT_TEXT:
            continue
        if not isinstance(field, models.CharField | models.TextField) or field.choices:
            continue
        if not field.editable:
            continue
        token = canaries.new(f"{label}.{field.name}")
        if isinstance(field, models.EmailField):
            values[field.name] = f"{token}@example.org"
        elif isinstance(field, models.URLField):
            values[field.name] = f"https://{token}.example.org/"
        else:
            values[field.name] = token
    return {**values, **fixed}


def _person(canaries: Canaries, label: str) -> User:
    name = canaries.new(f"{label}.full_name")
    email = canaries.new(f"{label}.email")
    return User.objects.create_user(f"{email}@example.org", "x-unused-password", full_name=name)


def _photo(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(f"{name}.png", png_bytes(), content_type="image/png")


def _records_at(university, unit, visibility, canaries: Canaries, label: str) -> dict:
    """One record of every kind, every text field a canary (for private and network ones)."""
    u = {"university": university}
    project = Project.objects.create(
        **canary_fields(
            Project,
            canaries,
            f"{label}.project",
            **u,
            kind="community_service",
            lead_unit=unit,
            starts_on=date(2026, 3, 1),
            visibility=visibility,
            status="running",
            outcomes_kk="",
            outcomes_ru="",
            outcomes_en="",
        )
    )
    update = ProjectUpdate.objects.create(
        **canary_fields(
            ProjectUpdate, canaries, f"{label}.update", **u, project=project, on=date(2026, 4, 1)
        )
    )
    UpdatePhoto.objects.create(
        **canary_fields(
            UpdatePhoto, canaries, f"{label}.photo", **u, update=update, file=_photo("p")
        )
    )
    need = Need.objects.create(
        **canary_fields(
            Need,
            canaries,
            f"{label}.need",
            **u,
            language="ru",
            category="infrastructure",
            affected_group="youth",
            state="addressed",
            visibility=visibility,
            published_at=timezone.now(),
            addressed_at=timezone.now(),
        )
    )
    opportunity = Opportunity.objects.create(
        **canary_fields(
            Opportunity,
            canaries,
            f"{label}.opportunity",
            **u,
            kind="volunteering",
            status="open",
            visibility=visibility,
            project=project,
        )
    )
    partner = PartnerOrganisation.objects.create(
        **canary_fields(
            PartnerOrganisation,
            canaries,
            f"{label}.partner",
            **u,
            kind="ngo",
            region="aktobe",
            visibility=visibility,
        )
    )
    Contact.objects.create(
        **canary_fields(Contact, canaries, f"{label}.contact", **u, organisation=partner)
    )
    study = Study.objects.create(
        **canary_fields(
            Study,
            canaries,
            f"{label}.study",
            **u,
            lead_unit=unit,
            starts_on=date(2025, 9, 1),
            visibility=visibility,
        )
    )
    Coverage.objects.create(
        **canary_fields(
            Coverage,
            canaries,
            f"{label}.coverage",
            **u,
            kind="press",
            language="ru",
            published_on=date(2026, 4, 2),
            visibility=visibility,
            project=project,
        )
    )
    return {"project": project, "need": need, "opportunity": opportunity, "study": study}


def _indicator(university, visibility, canaries: Canaries | None, label: str) -> Indicator:
    names = (
        canary_fields(Indicator, canaries, f"{label}.indicator", code=f"LK{next(_counter)}")
        if canaries is not None
        else {
            "code": "OPEN1",
            "name_kk": "Ашық көрсеткіш",
            "name_ru": "Открытый показатель",
            "name_en": "Open indicator",
        }
    )
    indicator = Indicator.objects.create(
        university=university, unit="count", method="manual", **names
    )
    IndicatorVisibility.objects.create(
        university=university, indicator=indicator, visibility=visibility
    )
    ManualValue.objects.create(
        university=university,
        indicator=indicator,
        period=period_in_year(indicator, timezone.localdate().year).key,
        value=Decimal("42"),
        status="approved",
    )
    return indicator


def build_records(world) -> dict:
    """The portal's world: A's records in three visibilities and a private university."""
    if "_portal_records" in world:
        return world["_portal_records"]
    canaries = Canaries()
    a, unit = world["a"], world["a_faculty"]
    with all_universities():
        hidden = {
            vis: _records_at(a, unit, vis, canaries, f"A.{vis}")
            for vis in (Visibility.PRIVATE, Visibility.NETWORK)
        }
        for vis in (Visibility.PRIVATE, Visibility.NETWORK):
            _indicator(a, vis, canaries, f"A.{vis}")
        published_indicator = _indicator(a, Visibility.PUBLIC, None, "A.public")

        # Public records: their texts are meant to be seen; their people and notes are not.
        staff = _person(canaries, "A.public.staff")
        project = Project.objects.create(
            university=a,
            kind="community_service",
            lead_unit=unit,
            title_kk="Ашық жоба",
            title_ru="Открытый проект",
            title_en="Open Marker Project",
            description_en="A public project everyone may read.",
            starts_on=date(2026, 2, 1),
            status="running",
            visibility=Visibility.PUBLIC,
        )
        project.responsible.add(staff)
        update = ProjectUpdate.objects.create(
            university=a,
            project=project,
            on=timezone.localdate() - timedelta(days=1),
            title_kk="Ашық жаңалық",
            title_ru="Открытая новость",
            title_en="Open Marker Story",
            body_en="The playground is ready.",
            author=staff,
        )
        UpdatePhoto.objects.create(
            university=a, update=update, file=_photo("open"), name="Playground"
        )
        poster = _person(canaries, "A.public.need_poster")
        need_fields = {
            "university": a,
            "description": "Нет тротуара до школы.",
            "language": "ru",
            "category": "infrastructure",
            "affected_group": "schoolchildren",
            "district": "Алмалинский район",
            "visibility": Visibility.PUBLIC,
            "rejection_reason": canaries.new("A.public.need.rejection_reason"),
            "hidden_reason": canaries.new("A.public.need.hidden_reason"),
        }
        answered = Need.objects.create(
            **need_fields,
            title="Open Marker Need",
            posted_by=poster,
            state="addressed",
            published_at=timezone.now() - timedelta(days=30),
            addressed_at=timezone.now() - timedelta(days=2),
            report_en="A pavement was laid.",
        )
        Need.objects.create(
            **need_fields,
            title="Open Marker Need by e-mail",
            poster_email=f"{canaries.new('A.public.need.poster_email')}@example.org",
            state="published",
            published_at=timezone.now() - timedelta(days=3),
        )
        # Public by visibility, but not (or no longer) shown: unmoderated, hidden.
        for state, is_hidden in (("in_moderation", False), ("published", True)):
            Need.objects.create(
                **canary_fields(
                    Need,
                    canaries,
                    f"A.public.need.{state}.{is_hidden}",
                    university=a,
                    language="ru",
                    category="health",
                    affected_group="elderly",
                    state=state,
                    is_hidden=is_hidden,
                    visibility=Visibility.PUBLIC,
                )
            )
        opportunity = Opportunity.objects.create(
            university=a,
            kind="volunteering",
            title_en="Open Marker Opportunity",
            title_kk="Ашық мүмкіндік",
            status="open",
            visibility=Visibility.PUBLIC,
            project=project,
        )
        start = timezone.now() + timedelta(days=5)
        shift = Shift.objects.create(
            university=a,
            opportunity=opportunity,
            starts_at=start,
            ends_at=start + timedelta(hours=3),
            capacity=5,
        )
        SignUp.objects.create(
            university=a,
            shift=shift,
            student=_person(canaries, "A.public.student"),
            status="confirmed",
        )
        partner = PartnerOrganisation.objects.create(
            university=a,
            kind="akimat",
            name_en="Open Marker Akimat",
            name_kk="Ашық әкімдік",
            region="aktobe",
            visibility=Visibility.PUBLIC,
        )
        Contact.objects.create(
            **canary_fields(
                Contact, canaries, "A.public.contact", university=a, organisation=partner
            )
        )
        study = Study.objects.create(
            university=a,
            lead_unit=unit,
            title_en="Open Marker Study",
            title_kk="Ашық зерттеу",
            starts_on=date(2025, 9, 1),
            visibility=Visibility.PUBLIC,
        )

        # A university that is not public: even its public records stay off the portal.
        hidden_university = University.objects.create(
            network=world["network"],
            slug="closed-university",
            visibility=Visibility.PRIVATE,
            **canary_fields(University, canaries, "C"),
        )
        from conftest import make_unit  # noqa: PLC0415

        c_unit = make_unit(hidden_university, canaries.new("C.unit"), visibility=Visibility.PUBLIC)
        c_records = _records_at(hidden_university, c_unit, Visibility.PUBLIC, canaries, "C.public")
    world["_portal_records"] = {
        "canaries": canaries,
        "hidden": hidden,
        "closed": c_records,
        "public": {
            "project": project,
            "update": update,
            "need": answered,
            "opportunity": opportunity,
            "partner": partner,
            "study": study,
            "indicator": published_indicator,
        },
    }
    return world["_portal_records"]


# --- the crawl ---------------------------------------------------------------------------------

_LINK = re.compile(r"""(?:href|src)\s*=\s*["']([^"']+)["']""", re.I)
_CONTENT = re.compile(r"""content\s*=\s*["']([^"']+)["']""", re.I)
_XML_LINK = re.compile(r"<(?:loc|link)>\s*([^<\s]+)\s*</(?:loc|link)>")
_ABSOLUTE = re.compile(r"https?://testserver/[^\s\"'<>,;]+")
_META_IMAGE = re.compile(
    r"<meta[^>]+(?:property|name)=[\"'](?:og:image|twitter:image)[\"'][^>]*>", re.I
)


def kind_of(path: str, content_type: str) -> str:
    if path == "/sitemap.xml":
        return "sitemap"
    if path == "/robots.txt":
        return "robots"
    if "/feed/" in path:
        return "feed"
    if re.search(r"/data/[a-z]+\.(csv|json)$", path):
        return "export"
    if path.endswith("/widget/"):
        return "widget"
    if content_type.startswith("image/"):
        return "image"
    return "page" if content_type.startswith("text/html") else "other"


def _wanted(url: str) -> str | None:
    parts = urlsplit(url)
    if parts.netloc not in ("", "testserver"):
        return None
    if parts.path in ("/sitemap.xml", "/robots.txt") or "/portal/" in parts.path:
        return parts.path + (f"?{parts.query}" if parts.query else "")
    return None


def _links(base: str, body: str) -> list[str]:
    found = _LINK.findall(body) + _XML_LINK.findall(body) + _ABSOLUTE.findall(body)
    for tag in _META_IMAGE.findall(body):
        found += _CONTENT.findall(tag)
    # An address quoted inside escaped HTML (the widget's code) ends at its entity.
    found = [link.split("&quot")[0].replace("&amp;", "&") for link in found]
    return [urljoin(f"http://testserver{base}", link) for link in found]


def crawl(client, starts: list[str]) -> tuple[dict[str, str], Counter, list[str]]:
    """Every portal URL reachable from `starts`: {url: kind}, the kinds counted, and the
    preview images named by meta tags."""
    queue, seen, visited = deque(starts), set(starts), {}
    variants: Counter = Counter()
    previews: list[str] = []
    bodies: dict[str, str] = {}
    while queue and len(visited) < CRAWL_CAP:
        url = queue.popleft()
        response = client.get(url)
        assert response.status_code in (200, 301, 302, 404), f"{url}: {response.status_code}"
        if response.status_code in (301, 302):
            target = _wanted(urljoin(f"http://testserver{url}", response["Location"]))
            if target is not None and target not in seen:
                seen.add(target)
                queue.append(target)
            continue
        if response.status_code != 200:
            continue
        content_type = response.get("Content-Type", "")
        path = urlsplit(url).path
        visited[url] = kind_of(path, content_type)
        if content_type.startswith("image/"):
            body = b"".join(response.streaming_content) if response.streaming else response.content
            bodies[url] = body.decode("latin-1")
            continue
        body = (
            b"".join(response.streaming_content) if response.streaming else response.content
        ).decode("utf-8")
        bodies[url] = body
        for tag in _META_IMAGE.findall(body):
            previews.extend(_CONTENT.findall(tag))
        for link in _links(path, body):
            target = _wanted(link)
            if target is None or target in seen:
                continue
            if "?" in target:
                stem = target.split("?")[0]
                if variants[stem] >= QUERY_VARIANTS:
                    continue
                variants[stem] += 1
            seen.add(target)
            queue.append(target)
    crawl.bodies = bodies
    return visited, Counter(visited.values()), previews


def entry_points(slug: str) -> list[str]:
    starts = ["/sitemap.xml", "/robots.txt"]
    for language in LANGUAGES:
        starts += [f"/{language}/portal/", f"/{language}/portal/{slug}/"]
        from django.utils import translation  # noqa: PLC0415

        with translation.override(language):
            starts += [reverse("portal:data"), reverse("portal:widget", kwargs={"slug": slug})]
            starts += [reverse("portal:widget_code", kwargs={"slug": slug})]
            for name in ("feed_atom", "feed_rss", "answered_feed_atom", "answered_feed_rss"):
                starts.append(reverse(f"portal:{name}", kwargs={"slug": slug}))
                starts.append(reverse(f"portal:network_{name}"))
            for kind in KINDS:
                for fmt in ("csv", "json"):
                    starts.append(
                        reverse("portal:export", kwargs={"slug": slug, "kind": kind, "fmt": fmt})
                    )
                    starts.append(
                        reverse("portal:network_export", kwargs={"kind": kind, "fmt": fmt})
                    )
    return list(dict.fromkeys(starts))


def _page_of(name: str, record) -> str | None:
    try:
        return reverse(
            f"portal:{name}", kwargs={"slug": record.university.slug, "public_id": record.public_id}
        )
    except NoReverseMatch:
        return None


def test_portal_leaks_nothing_private_to_an_anonymous_crawl(world, client):
    records = build_records(world)
    canaries = records["canaries"]
    visited, kinds, previews = crawl(client, entry_points(world["a"].slug))

    hits = []
    for url, body in crawl.bodies.items():
        lowered = body.lower()
        hits += [(url, c, where) for c, where in canaries.items() if c in lowered]
    assert hits == []

    # The crawl reached every kind of output, so the absence of canaries means something.
    assert kinds["export"] >= len(KINDS) * 2 * 2 * len(LANGUAGES)
    assert kinds["feed"] >= 8 * len(LANGUAGES)
    assert kinds["sitemap"] == 1
    assert kinds["widget"] >= len(LANGUAGES)
    assert kinds["page"] >= 3 * len(LANGUAGES)
    # The public records were reachable (and so were the pages showing them, when they exist).
    everything = "\n".join(crawl.bodies.values())
    for marker in (
        "Open Marker Project",
        "Open Marker Story",
        "Open Marker Need",
        "Open Marker Akimat",
        "Open Marker Study",
    ):
        assert marker in everything, marker
    for name, record in (
        ("project", records["public"]["project"]),
        ("need", records["public"]["need"]),
        ("opportunity", records["public"]["opportunity"]),
        ("study", records["public"]["study"]),
    ):
        page = _page_of(name, record)
        if page is not None:
            assert any(urlsplit(u).path == page for u in visited), page
    # Previews named in meta tags were fetched as well (once the pages carry them).
    for image in previews:
        target = _wanted(urljoin("http://testserver/", image))
        if target is not None:
            assert target in visited, image


def test_closed_university_absent_from_every_export(world, client):
    records = build_records(world)
    response = client.get(
        reverse("portal:network_export", kwargs={"kind": "projects", "fmt": "json"})
    )
    items = json.loads(b"".join(response.streaming_content))["items"]
    assert {i["university"] for i in items} == {"aqtobe-tech"}
    assert [i["id"] for i in items] == [str(records["public"]["project"].public_id)]


def test_leak_canaries_visible_to_staff_of_a(world, client_for):
    """The canaries are real: A's staff see them where the portal must not."""
    records = build_records(world)
    project = records["hidden"][Visibility.PRIVATE]["project"]
    planted = {
        c for c, where in records["canaries"].items() if where == "A.private.project.title_en"
    }
    response = client_for(world["alice"]).get(f"/en{project.get_absolute_url()[3:]}")
    assert response.status_code == 200
    assert [c for c in planted if c in response.content.decode()] == list(planted)


pytestmark = pytest.mark.django_db
