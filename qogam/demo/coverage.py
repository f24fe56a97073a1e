"""Demo media coverage: a few pieces about each university's needs and projects."""

from datetime import timedelta

from qogam.accounts.models import User
from qogam.coverage.models import Coverage
from qogam.coverage.services import record_coverage
from qogam.needs.enums import PUBLIC_STATES
from qogam.needs.models import Need
from qogam.projects.models import Project

# (kind, outlet, language, headline, reach); the headline is kept as the outlet published it.
PIECES = [
    ("press", "Ақтөбе Таймс", "kk", "Студенттер ауыл мектебіне цифрлық сабақ өткізді", 14000),
    (
        "tv",
        "Қазақстан — облыстық арна",
        "kk",
        "Университет тұрғындардың өтінішіне жауап берді",
        52000,
    ),
    ("web", "Tengri News", "ru", "Студенты помогли жителям района: что изменилось", 31000),
    ("social", "Instagram @university", "ru", "Волонтёры университета вышли на субботник", 8700),
    ("radio", "Шалқар радиосы", "kk", "Ғалымдар облыс әкімдігіне ұсыныстар дайындады", None),
    ("web", "The Astana Times", "en", "Students answer their city's needs", 6400),
]


def build_coverage(community) -> None:
    university = community.university
    if Coverage.objects.filter(university=university).exists():
        return
    rng = community.b.rng(community.slug, "coverage")
    subjects = list(
        Project.objects.filter(university=university, visibility="public").order_by("pk")[:3]
    ) + list(
        Need.objects.filter(
            university=university, state__in=PUBLIC_STATES, is_hidden=False
        ).order_by("pk")[:3]
    )
    actor = community.people["office"]
    # The demo lecturer gives the first interview: it counts among their media appearances.
    speaker = User.objects.filter(email=community.email("staff")).first()
    for index, subject in enumerate(subjects):
        kind, outlet, language, title, reach = PIECES[index % len(PIECES)]
        record_coverage(
            actor=actor,
            subject=subject,
            values={
                "title": title,
                "outlet": outlet,
                "kind": kind,
                "language": language,
                "published_on": community.today - timedelta(days=rng.randint(3, 200)),
                "url": f"https://media.example.kz/{community.slug}/{index + 1}",
                "reach": reach,
                "visibility": "public",
            },
            people=[speaker] if speaker is not None and index == 0 else [],
        )
        community.b.created["coverage"] += 1
