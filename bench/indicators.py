"""Benchmark: every indicator of every shipped pack for one university, beside a floor.

    python bench/indicators.py            # prepares var/bench.sqlite3 on the first run
    DATABASE_URL=postgres://… python bench/indicators.py

The first run migrates the database, loads the demo at the "largest university" scale
(`load_demo --scale largest`: 60,000 students, 5,000 staff, 300 units) and tops the largest
university up with volunteering and project records in bulk (`--hours`, `--projects`), so
the measures aggregate over real volumes. Later runs reuse the data.

It then times, `--repeat` times each, the evaluation of each pack (compute.evaluate over the
pack's indicators for the current reporting year) and one hand-written SQL aggregate over the
same tables (distinct students with verified hours in the year, and the student headcount: the
numerator and denominator of VOL-01). The floor is that query's time; a pack's ratio is its
median over the floor's. Absolute times on shared machines are noisy, ratios less so.

The table is printed and written to var/bench/indicators.txt.
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "qogam.settings")
os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench.sqlite3'}")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import Count  # noqa: E402

from qogam.accounts.models import Membership  # noqa: E402
from qogam.core.enums import Role, Visibility  # noqa: E402
from qogam.core.tenancy import all_universities, university_scope  # noqa: E402
from qogam.indicators import compute  # noqa: E402
from qogam.indicators.enums import PeriodType  # noqa: E402
from qogam.indicators.models import Pack  # noqa: E402
from qogam.indicators.packs import load_packs  # noqa: E402
from qogam.indicators.periods import period_of  # noqa: E402
from qogam.indicators.queries import active_indicators  # noqa: E402
from qogam.organisations.models import Unit, University  # noqa: E402
from qogam.projects.enums import ParticipantRole, ProjectKind, ProjectStatus  # noqa: E402
from qogam.projects.models import Participant, Project  # noqa: E402
from qogam.volunteering.enums import HoursStatus, OpportunityStatus, SignUpStatus  # noqa: E402
from qogam.volunteering.models import HoursEntry, Opportunity, Shift, SignUp  # noqa: E402

MARK = "Bench volume"
FLOOR_SQL = """
SELECT
  (SELECT COUNT(DISTINCT h.student_id)
     FROM volunteering_hoursentry h JOIN volunteering_shift s ON s.id = h.shift_id
    WHERE h.university_id = %s AND h.status = 'verified'
      AND s.starts_at >= %s AND s.starts_at < %s),
  (SELECT COUNT(DISTINCT m.user_id) FROM accounts_membership m
    WHERE m.university_id = %s AND m.role = 'student')
"""


def prepare(hours: int, projects: int) -> University:
    call_command("migrate", verbosity=0, interactive=False)
    with all_universities():
        if not University.objects.exists():
            print("Loading the demo at the largest scale (one-off, several minutes)…")
            call_command("load_demo", scale="largest")
        load_packs()
        by_students = (
            Membership.objects.filter(role=Role.STUDENT)
            .values("university_id")
            .annotate(n=Count("pk"))
            .order_by("-n")
            .first()
        )
        university = University.objects.get(pk=by_students["university_id"])
    with university_scope(university):
        if not Opportunity.objects.filter(title__startswith=MARK).exists():
            print(f"Adding {hours:,} hours entries and {projects:,} projects in bulk…")
            _top_up(university, hours, projects)
    return university


def _top_up(university: University, hours: int, projects: int) -> None:
    rng = random.Random(7)  # noqa: S311 -- reproducible bench data, not a secret
    units = list(Unit.objects.filter(university=university).values_list("pk", flat=True))
    students = list(
        Membership.objects.filter(university=university, role=Role.STUDENT).values_list(
            "user_id", flat=True
        )
    )
    staff = list(
        Membership.objects.filter(university=university, role=Role.STAFF).values_list(
            "user_id", flat=True
        )
    )
    now = datetime.now(UTC)
    kinds = [k for k, _label in ProjectKind.choices]
    with transaction.atomic():
        new_projects = Project.objects.bulk_create(
            [
                Project(
                    university=university,
                    kind=rng.choice(kinds),
                    title=f"{MARK} project {n}",
                    components=["educational"],
                    lead_unit_id=rng.choice(units),
                    sdgs=[rng.randint(1, 17)],
                    starts_on=(now - timedelta(days=rng.randint(0, 900))).date(),
                    status=rng.choice([ProjectStatus.RUNNING, ProjectStatus.FINISHED]),
                    visibility=rng.choice(list(Visibility)),
                )
                for n in range(projects)
            ],
            batch_size=2000,
        )
        for project in new_projects:
            if project.status == ProjectStatus.FINISHED:
                project.ends_on = project.starts_on + timedelta(days=rng.randint(10, 200))
        Project.objects.bulk_update(new_projects, ["ends_on"], batch_size=2000)
        Participant.objects.bulk_create(
            [
                Participant(
                    university=university,
                    project=project,
                    user_id=user_id,
                    role=ParticipantRole.MEMBER,
                    hours=Decimal(rng.randint(2, 40)),
                )
                for project in new_projects
                for user_id in rng.sample(staff, 3)
            ],
            batch_size=5000,
            ignore_conflicts=True,
        )
        per_shift = 200
        shifts_needed = max(1, hours // per_shift)
        opportunities = Opportunity.objects.bulk_create(
            [
                Opportunity(
                    university=university,
                    unit_id=rng.choice(units),
                    kind=rng.choice(kinds),
                    title=f"{MARK} opportunity {n}",
                    status=OpportunityStatus.CLOSED,
                )
                for n in range(max(1, shifts_needed // 10))
            ]
        )
        shifts = []
        for n in range(shifts_needed):
            starts = now - timedelta(days=rng.randint(1, 700), hours=rng.randint(0, 8))
            shifts.append(
                Shift(
                    university=university,
                    opportunity=opportunities[n % len(opportunities)],
                    starts_at=starts,
                    ends_at=starts + timedelta(hours=3),
                    capacity=per_shift,
                )
            )
        shifts = Shift.objects.bulk_create(shifts, batch_size=2000)
        statuses = [HoursStatus.VERIFIED] * 16 + [HoursStatus.LOGGED] * 3 + [HoursStatus.REJECTED]
        for start in range(0, len(shifts), 50):
            batch = shifts[start : start + 50]
            sign_ups = SignUp.objects.bulk_create(
                [
                    SignUp(
                        university=university,
                        shift=shift,
                        student_id=student_id,
                        status=SignUpStatus.CONFIRMED,
                    )
                    for shift in batch
                    for student_id in rng.sample(students, min(per_shift, len(students)))
                ],
                batch_size=5000,
            )
            entries = []
            for sign_up in sign_ups:
                status = rng.choice(statuses)
                entries.append(
                    HoursEntry(
                        university=university,
                        sign_up=sign_up,
                        shift=sign_up.shift,
                        student_id=sign_up.student_id,
                        hours=Decimal(rng.choice([2, 3, 4])),
                        status=status,
                        rejection_reason="Not attended" if status == HoursStatus.REJECTED else "",
                    )
                )
            HoursEntry.objects.bulk_create(entries, batch_size=5000)


def timed(fn, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return times


def p95(times: list[float]) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--hours", type=int, default=400_000)
    parser.add_argument("--projects", type=int, default=20_000)
    args = parser.parse_args()

    university = prepare(args.hours, args.projects)
    year = period_of(PeriodType.ACADEMIC_YEAR).year
    rows = []
    with university_scope(university):
        volumes = {
            "hours entries": HoursEntry.objects.filter(university=university).count(),
            "projects": Project.objects.filter(university=university).count(),
            "students": Membership.objects.filter(university=university, role=Role.STUDENT).count(),
        }
        start = datetime(year, 9, 1, tzinfo=UTC)
        end = datetime(year + 1, 9, 1, tzinfo=UTC)

        def floor():
            with connection.cursor() as cursor:
                cursor.execute(FLOOR_SQL, [university.pk, start, end, university.pk])
                cursor.fetchone()

        floor_times = timed(floor, args.repeat)
        floor_median = statistics.median(floor_times)
        rows.append(("floor: hand-written SQL (VOL-01)", 1, floor_times))
        for pack in Pack.objects.filter(university__isnull=True).order_by("code"):
            indicators = list(active_indicators(university.pk, pack=pack))

            def run(indicators=indicators):
                compute.evaluate(
                    indicators,
                    university_id=university.pk,
                    period_for=lambda i: compute.period_in_year(i, year),
                )

            times = timed(run, args.repeat)
            rows.append((f"pack {pack.code}", len(indicators), times))
        every = {
            indicator.pk: indicator
            for pack in Pack.objects.filter(university__isnull=True)
            for indicator in active_indicators(university.pk, pack=pack)
        }.values()

        def run_all():
            compute.evaluate(
                list(every),
                university_id=university.pk,
                period_for=lambda i: compute.period_in_year(i, year),
            )

        rows.append(("every pack together", len(every), timed(run_all, args.repeat)))

    lines = [
        f"Indicators benchmark · {connection.vendor} · {university.slug} · year {year}",
        "volumes: " + ", ".join(f"{name} {count:,}" for name, count in volumes.items()),
        "",
        f"{'what':<36} {'indicators':>10} {'median ms':>10} {'p95 ms':>9} {'× floor':>8}",
    ]
    for name, count, times in rows:
        median = statistics.median(times)
        lines.append(
            f"{name:<36} {count:>10} {median:>10.1f} {p95(times):>9.1f} "
            f"{median / floor_median:>8.1f}"
        )
    text = "\n".join(lines)
    print(text)
    out = ROOT / "var" / "bench"
    out.mkdir(parents=True, exist_ok=True)
    (out / "indicators.txt").write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
