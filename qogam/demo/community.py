"""A demo university's partners, agreements and community needs.

Partners, contacts and agreements are written through the partners services and needs walk
the needs workflow through its services (submit, moderate, accept, start, address), so
permission checks, timelines and the audit trail are the real ones; the acting person is
the university's demo office or coordinator login. Natural keys make a second run write
nothing: a partner is its university and Kazakh name, a contact its organisation and name,
an agreement its university and Kazakh title, a need its university and title.

Two things the services cannot do are done here directly, on purpose: timelines are
backdated afterwards (a demo made in one second would otherwise have every step "today"),
and the notices the workflow sends the demo logins are marked as e-mailed, so loading the
demo does not send dozens of e-mails about its own invented history.
"""

import secrets
from collections.abc import Sequence
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from qogam.accounts.models import Membership, User
from qogam.core.enums import Role, Visibility
from qogam.core.tokens import hash_secret
from qogam.demo.catalogue import Text
from qogam.demo.catalogue import units as unit_catalogue
from qogam.demo.catalogue.community import (
    AGREEMENTS,
    CITIES,
    CONTACT_POSITIONS,
    EXTRA_NEED_TOPICS,
    NEEDS,
    CitySpec,
    NeedSpec,
    partners_of,
)
from qogam.demo.councils import build_councils
from qogam.demo.coverage import build_coverage
from qogam.demo.indicators import build_indicators
from qogam.demo.plans import invent_person
from qogam.demo.projects import build_projects
from qogam.demo.research import build_research
from qogam.demo.staff import build_staff
from qogam.demo.strategy import build_strategy
from qogam.demo.volunteering import build_volunteering
from qogam.needs import services as need_services
from qogam.needs.enums import EventKind, NeedState
from qogam.needs.models import Comment, Need, NeedEvent
from qogam.notifications.enums import Delivery
from qogam.notifications.models import Notice
from qogam.partners import services as partner_services
from qogam.partners.enums import AgreementState, OrganisationKind
from qogam.partners.models import Agreement, Contact, PartnerOrganisation, PartnerSurvey
from qogam.partners.validators import bin_is_valid

STREETS = (
    "Абай даңғылы", "Төле би көшесі", "Қабанбай батыр көшесі", "Сәтбаев көшесі",
    "Жібек жолы көшесі", "Бейбітшілік көшесі", "Республика даңғылы",
)  # fmt: skip
# Where the workflow is for each target state: the steps it takes, in order.
_STEPS = {
    NeedState.SUBMITTED: (),
    NeedState.IN_MODERATION: (),
    NeedState.REJECTED: ("reject",),
    NeedState.PUBLISHED: ("publish",),
    NeedState.DECLINED: ("publish", "decline"),
    NeedState.ACCEPTED: ("publish", "accept"),
    NeedState.IN_PROGRESS: ("publish", "accept", "start"),
    NeedState.ADDRESSED: ("publish", "accept", "start", "address"),
}


def valid_bin(rng) -> str:
    """Eleven random digits and a twelfth that makes the control digit right."""
    while True:
        body = "".join(str(rng.randrange(10)) for _ in range(11))
        for last in "0123456789":
            if bin_is_valid(body + last):
                return body + last
        # Some bodies have no valid control digit at all (both passes give 10): draw again.


def _point(city: CitySpec, district: int, rng) -> tuple[Decimal, Decimal]:
    north, east = city.districts[district % len(city.districts)].offset
    lat = city.latitude + north + rng.uniform(-0.008, 0.008)
    lng = city.longitude + east + rng.uniform(-0.008, 0.008)
    return Decimal(f"{lat:.6f}"), Decimal(f"{lng:.6f}")


def _district_words(city: CitySpec, district: int, language: str) -> str:
    name = city.districts[district % len(city.districts)].name
    return f"{name.ru} район" if language == "ru" else f"{name.kk} ауданы"


def _phone(city: CitySpec, rng) -> str:
    parts = (rng.randint(200, 399), rng.randint(10, 99), rng.randint(10, 99))
    return f"+7 ({city.phone_code}) {parts[0]}-{parts[1]}-{parts[2]}"


def _texts(text: Text) -> dict[str, str]:
    return {"kk": text.kk, "ru": text.ru, "en": text.en}


class CommunityBuilder:
    """Partners and needs of one university; `builder` is the demo's _Builder (rng, counts)."""

    def __init__(self, builder, university, spec, tree, people: dict[str, User]):
        self.b = builder
        self.university = university
        self.slug = spec.slug
        self.spec = spec
        self.city = CITIES[spec.slug]
        self.tree = tree
        # Fresh objects: each caches its Viewer, and the memberships were granted just now.
        self.people = {
            local: User.objects.get(pk=user.pk)
            for local, user in people.items()
            if local in {"admin", "office", "coordinator", "partner"}
        }
        self.now = timezone.now()
        self.today = timezone.localdate()

    def email(self, local: str) -> str:
        from qogam.demo.builders import demo_email  # noqa: PLC0415 -- builders imports this module

        return demo_email(local, self.slug)

    def build(self, *, partners: int, needs: int) -> None:
        first_notice = Notice.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        organisations = self.partners(partners)
        self.agreements(organisations)
        self.survey(organisations["akimat:city"])
        self.needs(needs, organisations["akimat:city"])
        # What the university does about them: projects answering needs, councils with
        # employers, regional research and the science shop, and the press about it all.
        build_projects(self)
        build_councils(self)
        build_research(self)
        build_coverage(self)
        build_volunteering(self)
        # The plan it all serves, and what each staff member is asked to do for it.
        build_strategy(self)
        build_staff(self)
        # How all of it is measured: packs, targets, entered values, scores, a snapshot.
        build_indicators(self)
        # The workflow told the demo's moderators and posters about each step; those notices
        # stay in Qogam, but are not e-mailed (the task skips a notice already e-mailed).
        Notice.objects.filter(
            pk__gt=first_notice, delivery=Delivery.IMMEDIATE, emailed_at__isnull=True
        ).update(emailed_at=self.now)

    # --- partners -----------------------------------------------------------------------

    def partners(self, wanted: int) -> dict[str, PartnerOrganisation]:
        rng = self.b.rng(self.slug, "partners")
        existing = {
            p.name_kk: p for p in PartnerOrganisation.objects.filter(university=self.university)
        }
        admin = self.people["admin"]
        found = {}
        for number, spec in enumerate(partners_of(self.city)):
            # Everything is drawn, present or not, so the same seed gives the same partners.
            bin_number = valid_bin(rng)
            latitude, longitude = _point(self.city, spec.district, rng)
            address = f"{rng.choice(STREETS)}, {rng.randint(1, 240)}"
            organisation = existing.get(spec.name.kk)
            if organisation is None:
                organisation = partner_services.create_organisation(
                    actor=admin,
                    university=self.university,
                    values={
                        "kind": spec.kind,
                        **spec.name.columns("name"),
                        **spec.short_name.columns("short_name"),
                        **spec.description.columns("description"),
                        "bin": bin_number,
                        "region": self.city.region,
                        "district": _district_words(self.city, spec.district, "kk"),
                        "city": self.city.name.kk,
                        "address": address,
                        "latitude": latitude,
                        "longitude": longitude,
                        "visibility": spec.visibility,
                    },
                    units=[self._unit(number)],
                )
                self.b.created["partners"] += 1
            found[spec.key] = organisation
            self.contacts(organisation, number, rng)
        self.extra_partners(wanted - len(found), self.b.rng(self.slug, "extra-partners"), existing)
        return found

    def _unit(self, number: int):
        places = self.tree.faculties + self.tree.departments
        return places[number % len(places)]

    def contacts(self, organisation: PartnerOrganisation, number: int, rng) -> None:
        have = set(
            Contact.objects.filter(organisation=organisation).values_list("full_name", flat=True)
        )
        full_name, language = invent_person(rng, self.spec.name_mix)
        wanted = [
            {
                "full_name": full_name,
                "position": rng.choice(CONTACT_POSITIONS[language]),
                "phone": _phone(self.city, rng),
                "email": self.email(f"contact-{number + 1:02d}"),
            }
        ]
        if organisation.kind == OrganisationKind.AKIMAT and number == 0:
            # The demo partner login represents the city akimat: its home page shows it.
            partner = self.people["partner"]
            membership = Membership.objects.filter(user=partner, university=self.university).first()
            wanted.append(
                {
                    "full_name": partner.full_name,
                    "position": membership.title if membership else "",
                    "phone": _phone(self.city, rng),
                    "email": partner.email,
                    "is_representative": True,
                    "user": partner,
                }
            )
        for values in wanted:
            if values["full_name"] in have:
                continue
            partner_services.save_contact(
                actor=self.people["admin"], organisation=organisation, values=values
            )
            self.b.created["contacts"] += 1

    def extra_partners(self, count: int, rng, existing: dict) -> None:
        """Schools and businesses beyond the catalogue, for larger scales: bulk-written."""
        if count <= 0:
            return
        taken = set(
            PartnerOrganisation.objects.filter(university=self.university).values_list(
                "bin", flat=True
            )
        )
        rows = []
        for number in range(1, count + 1):
            school = number % 3 != 0
            bin_number = valid_bin(rng)
            district = rng.randrange(len(self.city.districts))
            latitude, longitude = _point(self.city, district, rng)
            if school:
                name = Text(
                    f"№ {200 + number} жалпы білім беретін мектеп",
                    f"Общеобразовательная школа № {200 + number}",
                    f"Secondary School No. {200 + number}",
                )
            else:
                name = Text(
                    f"«Дала Сервис {number}» ЖШС",
                    f"ТОО «Дала Сервис {number}»",
                    f"Dala Service {number} LLP",
                )
            if name.kk in existing or bin_number in taken:
                continue
            taken.add(bin_number)
            rows.append(
                PartnerOrganisation(
                    university=self.university,
                    kind=OrganisationKind.SCHOOL if school else OrganisationKind.BUSINESS,
                    name=name.kk,
                    **name.columns("name"),
                    bin=bin_number,
                    region=self.city.region,
                    district=_district_words(self.city, district, "kk"),
                    city=self.city.name.kk,
                    latitude=latitude,
                    longitude=longitude,
                    visibility=Visibility.PUBLIC,
                )
            )
        PartnerOrganisation.objects.bulk_create(rows, batch_size=1000)
        self.b.created["partners"] += len(rows)

    # --- agreements and the survey -------------------------------------------------------

    def agreements(self, organisations: dict[str, PartnerOrganisation]) -> None:
        have = set(
            Agreement.objects.filter(university=self.university).values_list("title_kk", flat=True)
        )
        office = self.tree.by_key[unit_catalogue.THIRD_MISSION_OFFICE.key]
        units = {
            "faculty": self.tree.faculties[0],
            "department": self.tree.departments[0],
            "office": office,
        }
        day = self.today
        for number, spec in enumerate(AGREEMENTS, start=1):
            if spec.title.kk in have:
                continue
            starts, ends, state = {
                "active": (day - timedelta(days=400), day + timedelta(days=730), "signed"),
                "expiring": (day - timedelta(days=1060), day + timedelta(days=30), "signed"),
                "expired": (day - timedelta(days=830), day - timedelta(days=100), "signed"),
                "draft": (day + timedelta(days=30), day + timedelta(days=395), "draft"),
                "terminated": (day - timedelta(days=540), day + timedelta(days=190), "terminated"),
                "open-ended": (day - timedelta(days=1500), None, "signed"),
            }[spec.status]
            partner_services.save_agreement(
                actor=self.people["admin"],
                university=self.university,
                values={
                    "kind": spec.kind,
                    **spec.title.columns("title"),
                    "number": f"{number:02d}-{starts.year}",
                    "organisation": organisations[spec.partner],
                    "state": AgreementState(state),
                    "signed_on": None if state == "draft" else starts,
                    "starts_on": starts,
                    "ends_on": ends,
                    "visibility": Visibility.PRIVATE if state == "draft" else Visibility.PUBLIC,
                },
                units=[units[spec.unit]],
            )
            self.b.created["agreements"] += 1

    def survey(self, organisation: PartnerOrganisation) -> None:
        """One answered reciprocity survey from the city akimat."""
        if PartnerSurvey.objects.filter(
            organisation=organisation, answered_at__isnull=False
        ).exists():
            return
        # Written directly: send_survey() e-mails a one-time link the demo would never open.
        survey = PartnerSurvey(
            university=self.university,
            organisation=organisation,
            agreement=Agreement.objects.filter(organisation=organisation).first(),
            email=self.email("contact-01"),
            language="kk",
            token_hash=hash_secret(secrets.token_urlsafe(32)),
            sent_by=self.people["office"],
            expires_at=self.now + timedelta(days=20),
            answered_at=self.now - timedelta(days=10),
            mutual_benefit=5,
            communication=4,
            would_work_again=5,
            comment="Студенттердің зерттеуі қала жоспарына енді. Байланыс кейде баяу болды.",
        )
        self.b._save(survey, "surveys")

    # --- needs ---------------------------------------------------------------------------

    def needs(self, wanted: int, akimat: PartnerOrganisation) -> None:
        have = set(Need.objects.filter(university=self.university).values_list("title", flat=True))
        rng = self.b.rng(self.slug, "needs")
        crowd = self._crowd()
        for number, spec in enumerate(NEEDS[:wanted], start=1):
            latitude, longitude = _point(self.city, spec.district, rng)
            days_ago = rng.randint(4, 170)
            poster_name = invent_person_in(rng, self.spec.name_mix, spec.language)
            if spec.title in have:
                continue
            need = self._submit(spec, number, poster_name, latitude, longitude, akimat)
            need = self._walk(need, spec)
            # Its own generator: drawn only for needs made now, it must not shift the others.
            self._dialogue(need, spec, crowd, self.b.rng(self.slug, "dialogue", str(number)))
            self._backdate(need, days_ago)
            self.b.created["needs"] += 1
        self.extra_needs(wanted - len(NEEDS), crowd, self.b.rng(self.slug, "extra-needs"), have)

    def _crowd(self) -> list[User]:
        memberships = (
            Membership.objects.filter(
                university=self.university, role__in=[Role.STUDENT, Role.STAFF]
            )
            .select_related("user")
            .order_by("user__email")
        )
        return [m.user for m in memberships[:80]]

    def _submit(self, spec: NeedSpec, number, poster_name, latitude, longitude, akimat) -> Need:
        values = {
            "title": spec.title,
            "description": spec.description,
            "language": spec.language,
            "category": spec.category,
            "affected_group": spec.affected_group,
            "urgency": spec.urgency,
            "district": _district_words(self.city, spec.district, spec.language),
            "latitude": latitude,
            "longitude": longitude,
            "sdgs": list(spec.sdgs),
        }
        if spec.poster == "anonymous":
            # Left waiting for its e-mail to be confirmed: the link goes to the demo address.
            return need_services.submit_need(
                university=self.university,
                values=values,
                email=self.email(f"neighbour-{number:02d}"),
            )
        if spec.poster == "partner":
            return need_services.submit_need(
                university=self.university,
                values=values,
                poster=self.people["partner"],
                partner_organisation=akimat,
            )
        resident = self.b._person(self.email(f"resident-{number:02d}"), poster_name, spec.language)
        return need_services.submit_need(university=self.university, values=values, poster=resident)

    def _walk(self, need: Need, spec: NeedSpec) -> Need:
        office = self.people["office"]
        if spec.unit == "faculty":
            worker, unit = self.people["coordinator"], self.tree.faculties[0]
        else:
            worker, unit = office, self.tree.departments[0]
        for step in _STEPS[spec.state]:
            if step == "reject":
                need = need_services.moderate_need(
                    actor=office, need=need, publish=False, reason=spec.rejection_reason
                )
            elif step == "publish":
                need = need_services.moderate_need(actor=office, need=need, publish=True)
            elif step == "decline":
                need = need_services.decline_need(
                    actor=office, need=need, reason=_texts(spec.decline_reason)
                )
            elif step == "accept":
                note = _texts(spec.note) if spec.state == NeedState.ACCEPTED else None
                need = need_services.accept_need(actor=worker, need=need, unit=unit, note=note)
            elif step == "start":
                note = _texts(spec.note) if spec.state == NeedState.IN_PROGRESS else None
                need = need_services.start_need(actor=worker, need=need, note=note)
            elif step == "address":
                need = need_services.address_need(
                    actor=worker, need=need, report=_texts(spec.report)
                )
        return need

    def _dialogue(self, need: Need, spec: NeedSpec, crowd: Sequence[User], rng) -> None:
        need.refresh_from_db()
        if not need.is_public or not crowd:
            return
        supporters = rng.sample(list(crowd), min(len(crowd), rng.randint(1, 9)))
        for user in supporters:
            need_services.support_need(need=need, user=user)
        for language, body in spec.comments:
            speakers = [u for u in crowd if u.language == language] or list(crowd)
            need_services.post_comment(author=rng.choice(speakers), need=need, body=body)

    def _backdate(self, need: Need, days_ago: int) -> None:
        """Spread the timeline over the weeks since the need was posted (see module doc)."""
        start = self.now - timedelta(days=days_ago)
        events = list(NeedEvent.objects.filter(need=need).order_by("pk"))
        step = timedelta(days=days_ago) / (len(events) + 1)
        when = {}
        for index, event in enumerate(events):
            moment = start + step * index + timedelta(hours=index)
            NeedEvent.objects.filter(pk=event.pk).update(created_at=moment)
            when[event.kind] = moment
        changes = {"created_at": start}
        for field, kind in (
            ("published_at", EventKind.PUBLISHED),
            ("answered_at", EventKind.ACCEPTED),
            ("answered_at", EventKind.DECLINED),
            ("addressed_at", EventKind.ADDRESSED),
        ):
            if kind in when:
                changes[field] = when[kind]
        Need.objects.filter(pk=need.pk).update(**changes)
        after = when.get(EventKind.PUBLISHED, start)
        for offset, comment in enumerate(Comment.objects.filter(need=need).order_by("pk"), 1):
            Comment.objects.filter(pk=comment.pk).update(created_at=after + timedelta(days=offset))

    def extra_needs(self, count: int, crowd: Sequence[User], rng, have: set[str]) -> None:
        """Published needs beyond the catalogue, for larger scales: bulk-written with their
        two timeline entries (submitted, published), since thousands through the workflow
        would take minutes. The workflow's own checks hold by construction."""
        if count <= 0 or not crowd:
            return
        rows, published = [], []
        for number in range(1, count + 1):
            language, topic, category, group = EXTRA_NEED_TOPICS[number % len(EXTRA_NEED_TOPICS)]
            district = rng.randrange(len(self.city.districts))
            title = f"{topic}: {rng.choice(STREETS)}, {number}"
            latitude, longitude = _point(self.city, district, rng)
            days_ago = rng.randint(1, 365)
            if title in have:
                continue
            moment = self.now - timedelta(days=days_ago)
            published.append(moment)
            rows.append(
                Need(
                    university=self.university,
                    title=title,
                    description=topic,
                    language=language,
                    category=category,
                    affected_group=group,
                    district=_district_words(self.city, district, language),
                    latitude=latitude,
                    longitude=longitude,
                    state=NeedState.PUBLISHED,
                    visibility=Visibility.PUBLIC,
                    posted_by=crowd[number % len(crowd)],
                    published_at=moment,
                )
            )
        created = Need.objects.bulk_create(rows, batch_size=1000)
        if created and created[0].pk is None:  # databases that return no ids
            titles = [row.title for row in rows]
            created = list(Need.objects.filter(university=self.university, title__in=titles))
        NeedEvent.objects.bulk_create(
            [
                NeedEvent(university=self.university, need=need, kind=kind)
                for need in created
                for kind in (EventKind.SUBMITTED, EventKind.PUBLISHED)
            ],
            batch_size=2000,
        )
        self.b.created["needs"] += len(created)


def invent_person_in(rng, mix, language: str) -> str:
    """A believable name for someone who writes in `language` (kk or ru)."""
    for _attempt in range(50):
        full_name, spoken = invent_person(rng, mix)
        if spoken == language:
            return full_name
    return full_name
