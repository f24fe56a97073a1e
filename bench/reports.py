"""Benchmark: the annual third-mission report of the largest university, as PDF and XLSX.

    python bench/reports.py                     # "largest" scale, in var/bench.sqlite3
    python bench/reports.py --scale medium      # a smaller build, in var/bench-medium.sqlite3
    DATABASE_URL=postgres://… python bench/reports.py

The database is prepared as bench/indicators.py prepares it (the demo at the scale asked, the
largest university topped up in bulk with hours entries and projects), and shared with it at
the "largest" scale. It then renders the university's annual report for the current academic
year `--repeat` times in each format through qogam.reports.annual.render, the function the
report jobs call, and prints the median and the slowest time of each, with the time spent in
gathering the figures (the database) apart from laying them out.

The table is printed and written to var/bench/reports.txt.
"""

import argparse
import importlib.util
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _database_for(argv: list[str]) -> str:
    scale = "largest"
    for index, arg in enumerate(argv):
        if arg == "--scale" and index + 1 < len(argv):
            scale = argv[index + 1]
        elif arg.startswith("--scale="):
            scale = arg.split("=", 1)[1]
    name = "bench.sqlite3" if scale == "largest" else f"bench-{scale}.sqlite3"
    return f"sqlite:///{ROOT / 'var' / name}"


os.environ.setdefault("DJANGO_SETTINGS_MODULE", "qogam.settings")
os.environ.setdefault("DEBUG", "true")
# Chosen before Django starts: the settings read DATABASE_URL once.
os.environ.setdefault("DATABASE_URL", _database_for(sys.argv[1:]))

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.utils import translation  # noqa: E402

from qogam.accounts.models import Membership  # noqa: E402
from qogam.core.enums import Role  # noqa: E402
from qogam.core.periods import academic_year_label, academic_year_of  # noqa: E402
from qogam.core.tenancy import all_universities, university_scope  # noqa: E402
from qogam.indicators.packs import load_packs  # noqa: E402
from qogam.organisations.models import University  # noqa: E402
from qogam.projects.models import Project  # noqa: E402
from qogam.reports.annual import data as annual_data  # noqa: E402
from qogam.reports.annual import render  # noqa: E402
from qogam.reports.enums import ReportFormat, ReportKind  # noqa: E402
from qogam.reports.models import Report  # noqa: E402
from qogam.volunteering.models import HoursEntry, Opportunity  # noqa: E402


def _indicators_bench():
    """bench/indicators.py as a module, for its bulk top-up (it is a script, not a package)."""
    spec = importlib.util.spec_from_file_location(
        "bench_indicators", ROOT / "bench" / "indicators.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def prepare(scale: str, hours: int, projects: int) -> University:
    indicators_bench = _indicators_bench()
    call_command("migrate", verbosity=0, interactive=False, skip_checks=True)
    with all_universities():
        if not University.objects.exists():
            print(f"Loading the demo at the {scale} scale (one-off, minutes at 'largest')…")
            call_command("load_demo", scale=scale, skip_checks=True)
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
        if not Opportunity.objects.filter(title__startswith=indicators_bench.MARK).exists():
            print(f"Adding {hours:,} hours entries and {projects:,} projects in bulk…")
            indicators_bench._top_up(university, hours, projects)
    return university


def timed(fn, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", default="largest", help="load_demo's --scale (default largest)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--hours", type=int, default=400_000)
    parser.add_argument("--projects", type=int, default=20_000)
    parser.add_argument("--language", default="kk")
    args = parser.parse_args()

    university = prepare(args.scale, args.hours, args.projects)
    period = academic_year_label(academic_year_of())
    with university_scope(university):
        volumes = {
            "hours entries": HoursEntry.objects.filter(university=university).count(),
            "projects": Project.objects.filter(university=university).count(),
            "students": Membership.objects.filter(university=university, role=Role.STUDENT).count(),
        }

    def report(fmt: str) -> Report:
        return Report(
            university=university,
            kind=ReportKind.ANNUAL,
            period=period,
            language=args.language,
            format=fmt,
        )

    sizes: dict[str, int] = {}
    rows = []
    for fmt in (ReportFormat.PDF, ReportFormat.XLSX):

        def run(fmt=fmt):
            _name, content = render(report(fmt), lambda _percent, _stage: None)
            sizes[fmt] = len(content)

        def gather(fmt=fmt):
            this = report(fmt)
            limit = annual_data.PDF_ROWS if fmt == ReportFormat.PDF else annual_data.XLSX_ROWS
            with university_scope(university), translation.override(this.language):
                annual_data.gather(
                    this, annual_data.check_request(this), lambda *_a: None, limit=limit
                )

        run()  # the first render loads WeasyPrint and matplotlib: not a report's time
        rows.append((f"annual report {fmt.upper()}", timed(run, args.repeat)))
        rows.append((f"  of which figures ({fmt.upper()} lists)", timed(gather, args.repeat)))

    lines = [
        f"Reports benchmark · {connection.vendor} · {university.slug} · scale {args.scale} · "
        f"period {period} · language {args.language}",
        "volumes: " + ", ".join(f"{name} {count:,}" for name, count in volumes.items()),
        "sizes: " + ", ".join(f"{fmt} {size / 1024:,.0f} KiB" for fmt, size in sizes.items()),
        "",
        f"{'what':<36} {'median ms':>10} {'max ms':>9}",
    ]
    for name, times in rows:
        lines.append(f"{name:<36} {statistics.median(times):>10.0f} {max(times):>9.0f}")
    text = "\n".join(lines)
    print(text)
    out = ROOT / "var" / "bench"
    out.mkdir(parents=True, exist_ok=True)
    (out / "reports.txt").write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
