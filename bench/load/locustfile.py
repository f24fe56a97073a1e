"""Load test: public-portal visitors, signed-in staff and students (issue 11).

Run through `python bench/load/run.py`, which prepares PostgreSQL, the demo and gunicorn. Alone,
against a server that holds the demo network:

    QOGAM_LOAD_PASSWORD=... locust -f bench/load/locustfile.py --host http://127.0.0.1:8000

Three kinds of visitor, weighted 60/30/10:
* anonymous portal visitors: portal home, a university page, its projects with filters, a
  project page, search, the university's SDG page;
* staff members (signed in through the sign-in form): home dashboard, projects with filters, a
  project page, needs, the indicators dashboard, the SDG profile;
* students (signed in): home, volunteering, an opportunity page.

Record addresses are discovered from the list pages, never written here. Every request is named
"<scenario>: <page>", so the stats group by page and scenario; anything but a 2xx/3xx answer, or
a signed-in page that falls back to the sign-in form, is a failure. Per-scenario figures (locust's
own stats merged by the name's prefix) go with the pages' and the total to QOGAM_LOAD_TABLE_CSV
at the end.

Environment: QOGAM_LOAD_PASSWORD (required: the demo password), QOGAM_LOAD_STAFF and
QOGAM_LOAD_STUDENTS (comma-separated e-mails; default: the demo's staff and student of each
university), QOGAM_LOAD_WAIT ("min,max" seconds between a visitor's pages; default "1,3").
"""

import csv
import os
import random
import re
import sys
from pathlib import Path
from urllib.parse import urlencode

from locust import HttpUser, between, events, task
from locust.stats import StatsEntry

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))

# Plain data (no Django setup needed): the roles, the universities and their logins.
from qogam.core.enums import Role  # noqa: E402
from qogam.demo.catalogue.universities import UNIVERSITIES  # noqa: E402

LANGUAGES = ("kk", "ru", "en")
SCENARIOS = ("portal", "staff", "student")
DEMO_DOMAIN = "demo.qogam.kz"  # qogam.demo.builders.DEMO_DOMAIN, which needs Django to import

UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SELECT = re.compile(r'<select name="([^"]+)"[^>]*>(.*?)</select>', re.S)
OPTION = re.compile(r'<option value="([^"]+)"')
LINK_TEXT = re.compile(r'<a [^>]*href="[^"]*/projects/' + UUID + r'/"[^>]*>([^<]+)</a>')
WORD = re.compile(r"\w{4,}")
# Which page, filter and record a visitor picks: not security, so a plain generator.
RNG = random.Random()  # noqa: S311


def _logins(variable: str, role: str) -> list[str]:
    given = [e.strip() for e in os.environ.get(variable, "").split(",") if e.strip()]
    return given or [
        f"{login.local}@{u.slug}.{DEMO_DOMAIN}"
        for u in UNIVERSITIES
        for login in u.logins
        if login.role == role
    ]


def _wait() -> tuple[float, float]:
    low, high = os.environ.get("QOGAM_LOAD_WAIT", "1,3").split(",")
    return float(low), float(high)


STAFF = _logins("QOGAM_LOAD_STAFF", Role.STAFF)
STUDENTS = _logins("QOGAM_LOAD_STUDENTS", Role.STUDENT)
PASSWORD = os.environ.get("QOGAM_LOAD_PASSWORD", "")
if not PASSWORD:
    sys.exit("Set QOGAM_LOAD_PASSWORD to the demo password (qogam.demo.builders.DEMO_PASSWORD).")


class Found:
    """Addresses seen on pages so far, shared by the visitors of this process."""

    def __init__(self) -> None:
        self.urls: dict[str, set[str]] = {}
        self.filters: dict[str, dict[str, list[str]]] = {}
        self.words: set[str] = set()

    def links(self, key: str, html: str, pattern: str) -> None:
        self.urls.setdefault(key, set()).update(re.findall(r'href="(' + pattern + r')"', html))

    def pick(self, key: str) -> str | None:
        urls = self.urls.get(key)
        return RNG.choice(sorted(urls)) if urls else None

    def filter_query(self, key: str, html: str | None = None) -> str:
        """A random combination of one or two of the page's filter fields (select boxes)."""
        if html is not None and key not in self.filters:
            self.filters[key] = {name: OPTION.findall(body) for name, body in SELECT.findall(html)}
            self.filters[key] = {n: v for n, v in self.filters[key].items() if v and n != "sort"}
        fields = self.filters.get(key) or {}
        if not fields:
            return ""
        chosen = RNG.sample(sorted(fields), k=min(len(fields), RNG.choice((1, 2))))
        return "?" + urlencode({name: RNG.choice(fields[name]) for name in chosen})


FOUND = Found()


class Visitor(HttpUser):
    abstract = True
    scenario = ""
    wait_time = between(*_wait())

    def on_start(self) -> None:
        self.lang = RNG.choice(LANGUAGES)

    def get(self, path: str, page: str, *, signed_in: bool = False) -> str | None:
        """GET a page; a failure unless 2xx/3xx (and, signed in, not the sign-in form)."""
        with self.client.get(
            path, name=f"{self.scenario}: {page}", catch_response=True
        ) as response:
            if not 200 <= response.status_code < 400:
                response.failure(f"HTTP {response.status_code} at {path}")
                return None
            if signed_in and "/sign-in/" in response.url:
                response.failure(f"signed out: {path} went to {response.url}")
                return None
            response.success()
            return response.text

    def sign_in(self, email: str) -> None:
        path = f"/{self.lang}/sign-in/"
        form = self.get(path, "sign-in form")
        token = CSRF.search(form or "")
        if token is None:
            return
        with self.client.post(
            path,
            data={
                "csrfmiddlewaretoken": token.group(1),
                "username": email,
                "password": PASSWORD,
            },
            headers={"Referer": self.host + path},
            name=f"{self.scenario}: sign in",
            catch_response=True,
        ) as response:
            if response.status_code != 200 or "/sign-in/" in response.url:
                response.failure(f"sign-in of {email} failed: HTTP {response.status_code}")
            else:
                response.success()


class PortalVisitor(Visitor):
    """An anonymous visitor of the public portal, in one of the three languages."""

    weight = 6
    scenario = "portal"

    def universities_pattern(self) -> str:
        """A university's portal page; the network's own pages sit beside them."""
        return f"/{self.lang}/portal/(?!search/|network/)[a-z0-9-]+/"

    def university(self) -> str:
        found = FOUND.pick(f"{self.lang}:universities")
        if found is None:
            html = self.get(f"/{self.lang}/portal/", "home") or ""
            FOUND.links(f"{self.lang}:universities", html, self.universities_pattern())
            found = FOUND.pick(f"{self.lang}:universities")
        return found or f"/{self.lang}/portal/{UNIVERSITIES[0].slug}/"

    @task(2)
    def home(self) -> None:
        html = self.get(f"/{self.lang}/portal/", "home")
        if html:
            FOUND.links(f"{self.lang}:universities", html, self.universities_pattern())

    @task(2)
    def university_page(self) -> None:
        self.get(self.university(), "university page")

    @task(3)
    def projects(self) -> None:
        base = self.university() + "projects/"
        key = f"{self.lang}:portal-projects"
        if key not in FOUND.filters or RNG.random() < 0.3:
            html = self.get(base, "projects")
        else:
            html = self.get(base + FOUND.filter_query(key), "projects, filtered")
        if html:
            FOUND.filter_query(key, html)
            FOUND.links(key, html, base + UUID + "/")
            FOUND.words.update(w for t in LINK_TEXT.findall(html) for w in WORD.findall(t))

    @task(3)
    def project(self) -> None:
        url = FOUND.pick(f"{self.lang}:portal-projects")
        if url is None:
            self.projects()
            return
        self.get(url, "project page")

    @task(2)
    def search(self) -> None:
        """A word from a project title seen so far, sometimes with a filter of the form."""
        key = f"{self.lang}:search"
        word = RNG.choice(sorted(FOUND.words)) if FOUND.words else "2025"
        query = "?" + urlencode({"q": word})
        if RNG.random() < 0.5:
            query += FOUND.filter_query(key).replace("?", "&")
        html = self.get(f"/{self.lang}/portal/search/{query}", "search")
        if html:
            FOUND.filter_query(key, html)

    @task(1)
    def sdg(self) -> None:
        self.get(self.university() + "sdg/", "SDG page")


class SignedIn(Visitor):
    """A visitor with a login; what it finds is kept per login (records are per university)."""

    abstract = True
    logins: list[str] = []

    def on_start(self) -> None:
        super().on_start()
        self.email = RNG.choice(self.logins)
        self.sign_in(self.email)

    def key(self, what: str) -> str:
        return f"{self.email}:{self.lang}:{what}"


class StaffMember(SignedIn):
    """A staff member at work: dashboard, projects, needs, indicators, SDG profile."""

    weight = 3
    scenario = "staff"
    logins = STAFF

    def page(self, path: str, page: str) -> str | None:
        return self.get(f"/{self.lang}/{path}", page, signed_in=True)

    @task(3)
    def home(self) -> None:
        self.page("", "home dashboard")

    @task(3)
    def projects(self) -> None:
        key = self.key("projects")
        query = FOUND.filter_query(key) if RNG.random() < 0.7 else ""
        html = self.page("projects/" + query, "projects, filtered" if query else "projects")
        if html:
            FOUND.filter_query(key, html)
            FOUND.links(key, html, f"/{self.lang}/projects/{UUID}/")

    @task(3)
    def project(self) -> None:
        url = FOUND.pick(self.key("projects"))
        if url is None:
            self.projects()
            return
        self.get(url, "project page", signed_in=True)

    @task(2)
    def needs(self) -> None:
        self.page("needs/", "needs")

    @task(1)
    def indicators(self) -> None:
        self.page("indicators/", "indicators dashboard")

    @task(1)
    def sdg(self) -> None:
        self.page("sdg/", "SDG profile")


class Student(SignedIn):
    """A student looking for volunteering."""

    weight = 1
    scenario = "student"
    logins = STUDENTS

    @task(2)
    def home(self) -> None:
        self.get(f"/{self.lang}/", "home", signed_in=True)

    @task(3)
    def opportunities(self) -> None:
        key = self.key("opportunities")
        html = self.get(f"/{self.lang}/volunteering/", "volunteering", signed_in=True)
        if html:
            FOUND.links(key, html, f"/{self.lang}/volunteering/{UUID}/")

    @task(3)
    def opportunity(self) -> None:
        url = FOUND.pick(self.key("opportunities"))
        if url is None:
            self.opportunities()
            return
        self.get(url, "opportunity page", signed_in=True)


TABLE_COLUMNS = (
    "Kind",
    "Type",
    "Name",
    "Request Count",
    "Failure Count",
    "Requests/s",
    "50%",
    "95%",
    "99%",
)


@events.quitting.add_listener
def write_table(environment, **_kwargs) -> None:
    """Every page, every scenario (its pages' stats merged) and the total, from the final stats.

    Written after the users stopped, so the rows add up (locust's own CSV files are written
    every second and may miss the last one). Requests/s are over the whole run.
    """
    path = os.environ.get("QOGAM_LOAD_TABLE_CSV")
    if not path:
        return
    stats = environment.stats
    total = stats.total
    seconds = max((total.last_request_timestamp or 0) - stats.start_time, 1e-9)
    pages = sorted(stats.entries.values(), key=lambda e: (e.name, e.method))
    rows = []
    for scenario in SCENARIOS:
        merged = StatsEntry(stats, scenario, "")
        for entry in pages:
            if entry.name.startswith(f"{scenario}: "):
                merged.extend(entry)
        rows.append(("scenario", merged))
        rows += [("page", e) for e in pages if e.name.startswith(f"{scenario}: ")]
    rows.append(("total", total))
    with open(path, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(TABLE_COLUMNS)
        for kind, entry in rows:
            writer.writerow(
                [
                    kind,
                    entry.method,
                    entry.name,
                    entry.num_requests,
                    entry.num_failures,
                    f"{entry.num_requests / seconds:.2f}",
                    *(entry.get_response_time_percentile(p) for p in (0.5, 0.95, 0.99)),
                ]
            )
