"""Building the demo network on the current database.

Everything is looked up by a natural key before it is made (the network: the singleton; a
university: its slug; a unit: its university, kind and Kazakh name; a person: the e-mail; a
membership: person, university and role; an invitation: university, e-mail and role), so a
second run with the same arguments writes nothing. Nothing is ever updated or deleted: a
developer's edits to demo records survive a re-run.

The demo logins (one person per role and university) go through the accounts services, so
rules and the audit trail apply to them; units are validated and audited too. The numbered
crowd of students and staff behind them is bulk-written (see _Builder._crowd).
"""

import random
from collections import Counter
from dataclasses import dataclass, field

from auditlog.context import set_actor
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from qogam.accounts.models import Invitation, Membership, User
from qogam.accounts.services import grant_membership, invite_person
from qogam.core.enums import Role, Visibility
from qogam.core.tenancy import all_universities
from qogam.demo.catalogue import names
from qogam.demo.catalogue import universities as universities_catalogue
from qogam.demo.catalogue.universities import LoginSpec, UniversitySpec
from qogam.demo.community import CommunityBuilder
from qogam.demo.indicators import load_packs_once
from qogam.demo.network_conferences import build_conferences
from qogam.demo.network_members import build_members
from qogam.demo.network_practices import build_network_practices
from qogam.demo.plans import SMALL, Size, community_of, invent_person, plan_units, size_of
from qogam.demo.sdg import build_sdg_suggestions
from qogam.demo.strategy import build_strategy_template
from qogam.organisations.enums import UnitKind
from qogam.organisations.models import Network, Unit, University

# Published on purpose: every demo login uses it, and the command prints it.
DEMO_PASSWORD = "qogam-demo-2026"  # noqa: S105
DEMO_DOMAIN = "demo.qogam.kz"
DEFAULT_SEED = 2026

BATCH_SIZE = 2000


def demo_email(local: str, slug: str | None = None) -> str:
    return f"{local}@{slug}.{DEMO_DOMAIN}" if slug else f"{local}@{DEMO_DOMAIN}"


@dataclass
class UnitTree:
    by_key: dict[str, Unit] = field(default_factory=dict)
    faculties: list[Unit] = field(default_factory=list)
    departments: list[Unit] = field(default_factory=list)
    # Where staff work: every unit but the faculties themselves.
    workplaces: list[Unit] = field(default_factory=list)

    def anchor(self, where: str) -> Unit | None:
        """The unit a login or an invitation sits in: "faculty", "department" or none."""
        if where == "faculty":
            return self.faculties[0]
        if where == "department":
            return self.departments[0]
        return None


@dataclass(frozen=True)
class CrowdPerson:
    email: str
    full_name: str
    language: str
    unit: Unit
    title: str


@dataclass(frozen=True)
class DemoLogin:
    role: str
    university: str
    email: str


@dataclass
class DemoResult:
    logins: list[DemoLogin]
    created: Counter


def load_demo_network(*, largest: Size = SMALL, seed: int = DEFAULT_SEED) -> DemoResult:
    """Build (or complete) the demo network; see the module docstring for what is looked up.

    Side effects: rows in organisations, accounts, partners, needs and notifications, audit
    entries with no actor (the system), and e-mails sent once the transaction commits: the
    pending invitations' and the anonymous need's confirmation link (see community.py).
    """
    with transaction.atomic(), all_universities(), set_actor(None):
        return _Builder(seed).build(largest)


class _Builder:
    def __init__(self, seed: int):
        self.seed = seed
        self.created: Counter = Counter()
        self._password_hash: str | None = None

    @property
    def password_hash(self) -> str:
        # Hashed once, only when someone new needs it: a hash costs a noticeable fraction
        # of a second, and every demo person shares the password anyway.
        if self._password_hash is None:
            self._password_hash = make_password(DEMO_PASSWORD)
        return self._password_hash

    def rng(self, *parts: str) -> random.Random:
        # One generator per purpose, seeded by a string (stable across Python runs), so
        # adding people at one university does not reshuffle another's.
        return random.Random(":".join([str(self.seed), *parts]))  # noqa: S311 -- demo data, not secrets

    def build(self, largest: Size) -> DemoResult:
        network = self._network()
        # The shipped indicator packs every university's dashboard reads.
        load_packs_once()
        universities = {}
        logins = []
        for spec in universities_catalogue.UNIVERSITIES:
            size = size_of(spec, largest)
            university = self._university(network, spec)
            universities[spec.slug] = university
            tree = self._units(university, spec, size.units)
            people = {}
            for login in spec.logins:
                user = self._login(university, login, tree, demo_email(login.local, spec.slug))
                people[login.local] = user
                logins.append(DemoLogin(login.role, spec.slug, user.email))
            self._crowd(university, spec, tree, Role.STAFF, "staff", size.staff - 1)
            self._crowd(university, spec, tree, Role.STUDENT, "student", size.students - 1)
            self._invitations(university, spec, tree, actor=people["admin"])
            partners, needs = community_of(size)
            CommunityBuilder(self, university, spec, tree, people).build(
                partners=partners, needs=needs
            )

        secretariat = universities[universities_catalogue.SECRETARIAT_SLUG]
        network_login = universities_catalogue.NETWORK_LOGIN
        user = self._login(secretariat, network_login, UnitTree(), demo_email(network_login.local))
        logins.insert(0, DemoLogin(network_login.role, secretariat.slug, user.email))
        network_admin = User.objects.get(pk=user.pk)
        build_strategy_template(self, secretariat, network_admin, timezone.localdate())
        # The three universities are the network's members; then what they share and answer.
        build_members(
            universities=universities.values(), network_admin=network_admin, created=self.created
        )
        build_network_practices(
            self, universities=universities, lead_slug=universities_catalogue.SECRETARIAT_SLUG
        )
        build_conferences(self, universities=universities, network_admin=network_admin)
        build_sdg_suggestions(universities=universities.values(), created=self.created)
        return DemoResult(logins=logins, created=self.created)

    def _network(self) -> Network:
        # There is exactly one network; an installation that has one already keeps it.
        network = Network.objects.first()
        if network is None:
            network = Network(
                **universities_catalogue.NETWORK_NAME.columns("name"),
                **universities_catalogue.NETWORK_DESCRIPTION.columns("description"),
            )
            self._save(network, "networks")
        return network

    def _university(self, network: Network, spec: UniversitySpec) -> University:
        university = University.objects.filter(slug=spec.slug).first()
        if university is None:
            university = University(
                network=network,
                slug=spec.slug,
                visibility=Visibility.PUBLIC,
                **spec.name.columns("name"),
                **spec.short_name.columns("short_name"),
                **spec.city.columns("city"),
                **spec.description.columns("description"),
            )
            self._save(university, "universities")
        return university

    def _units(self, university: University, spec: UniversitySpec, count: int) -> UnitTree:
        existing = {
            (unit.kind, unit.name_kk): unit for unit in Unit.objects.filter(university=university)
        }
        tree = UnitTree()
        for planned in plan_units(spec, count, self.rng(spec.slug, "units")):
            unit = existing.get((planned.kind, planned.name.kk))
            if unit is None:
                unit = Unit(
                    university=university,
                    kind=planned.kind,
                    parent=tree.by_key[planned.parent] if planned.parent else None,
                    visibility=planned.visibility,
                    **planned.name.columns("name"),
                    **planned.short_name.columns("short_name"),
                )
                # Units are written directly: create_unit() asks a person's permission, and
                # the system has none. full_clean() and the audit trail still apply.
                self._save(unit, "units")
            tree.by_key[planned.key] = unit
            if planned.kind == UnitKind.FACULTY:
                tree.faculties.append(unit)
            else:
                tree.workplaces.append(unit)
                if planned.kind == UnitKind.DEPARTMENT:
                    tree.departments.append(unit)
        return tree

    def _save(self, record, counter: str) -> None:
        record.full_clean()
        record.save()
        self.created[counter] += 1

    def _person(self, email: str, full_name: str, language: str) -> User:
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            user = User(
                email=email, full_name=full_name, language=language, password=self.password_hash
            )
            self._save(user, "people")
        return user

    def _login(self, university, login: LoginSpec, tree: UnitTree, email: str) -> User:
        user = self._person(email, login.full_name, login.language)
        self._grant(user, university, login.role, tree.anchor(login.unit), login.title)
        return user

    def _grant(self, user: User, university, role: str, unit: Unit | None, title: str) -> None:
        if Membership.objects.filter(user=user, university=university, role=role).exists():
            return
        grant_membership(
            actor=None, user=user, university=university, role=role, unit=unit, title=title
        )
        self.created["memberships"] += 1

    def _crowd(
        self,
        university: University,
        spec: UniversitySpec,
        tree: UnitTree,
        role: str,
        prefix: str,
        count: int,
    ) -> None:
        """`count` numbered people of one role (`student-00001@…`) beside the demo login.

        Written with bulk_create in batches at every scale, so the small demo takes about a
        second and the largest university tens of thousands of rows, all with one password
        hash. bulk_create sends no signals, so these rows have no audit entries; the checks
        of Membership.clean() hold by construction (every unit is from this university's tree).
        """
        if count <= 0:
            return
        rng = self.rng(spec.slug, prefix)
        # Students study in departments; most staff teach there too, the rest work in the
        # institutes, centres, laboratories and the office.
        places = (
            tree.departments if role == Role.STUDENT else tree.departments * 3 + tree.workplaces
        )
        titles = names.STUDENT_TITLES if role == Role.STUDENT else names.STAFF_TITLES
        crowd = []
        # Every person is drawn, present or not, so the same seed gives the same people.
        for number in range(1, count + 1):
            full_name, language = invent_person(rng, spec.name_mix)
            crowd.append(
                CrowdPerson(
                    email=demo_email(f"{prefix}-{number:05d}", spec.slug),
                    full_name=full_name,
                    language=language,
                    unit=rng.choice(places),
                    title=rng.choice(titles[language]),
                )
            )

        # Matched by the e-mail pattern, not by a list of addresses: an IN list of 60,000
        # would pass SQLite's limit on query parameters.
        domain = f"@{spec.slug}.{DEMO_DOMAIN}"
        ours = Q(email__startswith=f"{prefix}-", email__endswith=domain)
        members = set(
            Membership.objects.filter(
                university=university,
                role=role,
                user__email__startswith=f"{prefix}-",
                user__email__endswith=domain,
            ).values_list("user__email", flat=True)
        )
        missing = [person for person in crowd if person.email not in members]
        if not missing:
            return
        known = dict(User.objects.filter(ours).values_list("email", "pk"))
        new_users = [
            User(
                email=person.email,
                full_name=person.full_name,
                language=person.language,
                password=self.password_hash,
            )
            for person in missing
            if person.email not in known
        ]
        if new_users:
            User.objects.bulk_create(new_users, batch_size=BATCH_SIZE)
            self.created["people"] += len(new_users)
            known = dict(User.objects.filter(ours).values_list("email", "pk"))
        Membership.objects.bulk_create(
            [
                Membership(
                    university=university,
                    user_id=known[person.email],
                    role=role,
                    unit=person.unit,
                    title=person.title,
                )
                for person in missing
            ],
            batch_size=BATCH_SIZE,
        )
        self.created["memberships"] += len(missing)

    def _invitations(self, university, spec: UniversitySpec, tree: UnitTree, actor: User) -> None:
        now = timezone.now()
        for wanted in spec.invitations:
            # An accepted invitation, or one still open, is the demo's; only when every
            # earlier one was withdrawn or has expired does a fresh one go out.
            taken = Invitation.objects.filter(
                university=university, email=wanted.email, role=wanted.role
            ).filter(
                Q(accepted_at__isnull=False) | Q(cancelled_at__isnull=True, expires_at__gt=now)
            )
            if taken.exists():
                continue
            invite_person(
                actor=actor,
                university=university,
                email=wanted.email,
                role=wanted.role,
                unit=tree.anchor(wanted.unit),
                full_name=wanted.full_name,
                language=wanted.language,
            )
            self.created["invitations"] += 1
