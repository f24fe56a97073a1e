"""Good practices, adoptions and joint projects for tests, made through the services.

A and B are active members of the network. A publishes a private practice (its secret title
must never reach charlie) and a network one that B adopts with its own project; a joint
project led by A has a part for A and for B.
"""

from datetime import date

from qogam.core.tenancy import all_universities
from qogam.network.enums import MembershipStatus
from qogam.network.models import NetworkMembership
from qogam.network.services import joint_projects as joint_services
from qogam.network.services import practices as services
from qogam.projects.tests.factories import make_project

SECRET_PRACTICE = "A Secret Practice Title"
SECRET_CONTACT = "secret.practice.contact@example.kz"
SHARED_PRACTICE = "Mentoring schoolchildren in physics"


def make_members(world, *universities: str) -> None:
    """Active memberships of the named universities ("a", "b")."""
    with all_universities():
        for key in universities or ("a", "b"):
            NetworkMembership.objects.update_or_create(
                university=world[key],
                defaults={
                    "network": world["network"],
                    "status": MembershipStatus.ACTIVE,
                    "joined_on": date(2025, 9, 1),
                },
            )


def practice_values(title: str, **more) -> dict:
    values = {
        "title_kk": title,
        "title_en": title,
        "summary_kk": "Студенттер мектеп оқушыларына көмектеседі.",
        "summary_en": "Students help schoolchildren.",
        "audience_en": "Schoolchildren of the city",
        "results_en": "Forty pupils passed the exam",
        "contact": "Erin, the third-mission office",
        "theme": "Schools",
        "sdgs": [4],
        "components": ["educational"],
        "visibility": "network",
    }
    values.update(more)
    return values


def b_project(world, title: str = "B's own mentoring project"):
    return make_project(
        world,
        "charlie",
        lead_unit=world["b_public"],
        title_kk=title,
        title_en=title,
        visibility="network",
    )


def a_practice_records(world) -> dict:
    if "_practice_records" not in world:
        make_members(world)
        a_project = make_project(world, title_kk="A's mentoring", title_en="A's mentoring")
        secret = services.publish_practice(
            actor=world["erin"],
            university=world["a"],
            values=practice_values(
                SECRET_PRACTICE, visibility="private", contact=SECRET_CONTACT, theme="Secrets"
            ),
            projects=[a_project],
        )
        shared = services.publish_practice(
            actor=world["erin"],
            university=world["a"],
            values=practice_values(SHARED_PRACTICE),
            projects=[a_project],
        )
        project_of_b = b_project(world)
        adoption = services.adopt_practice(
            actor=world["charlie"],
            practice=shared,
            university=world["b"],
            project=project_of_b,
            adopted_on=date(2026, 4, 1),
        )
        joint = joint_services.create_joint_project(
            actor=world["erin"],
            lead_university=world["a"],
            values={"title_kk": "Бірлескен жоба", "title_en": "A joint project", "sdgs": [4]},
            partners=[world["b"]],
        )
        with all_universities():
            parts = {p.university_id: p for p in joint.parts.all()}
        world["_practice_records"] = {
            "a_project": a_project,
            "b_project": project_of_b,
            "secret": secret,
            "shared": shared,
            "adoption": adoption,
            "joint": joint,
            "a_part": parts[world["a"].pk],
            "b_part": parts[world["b"].pk],
        }
    return world["_practice_records"]
