"""Load test: gunicorn + PostgreSQL on this machine under locust, for a fixed time.

    python bench/load/run.py [--scale 10] [--users 50] [--run-time 60s] [--workers 3]

Steps: create (or reuse) the PostgreSQL database `qogam_load`, migrate, load the demo network at
--scale (a fresh database when the scale changes), collect static files, start gunicorn with the
production settings (DEBUG off; only the TLS switches are off, as plain http on localhost needs),
run the scenario of bench/load/locustfile.py headless, stop gunicorn and print requests/s,
p50/p95/p99 latency and errors per page, per scenario and in total. The table is written to
var/bench/load.txt; locust's CSV files and the logs of setup, gunicorn and locust stay in
var/load/. Exits 1 when any request failed.
"""

import argparse
import csv
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent.parent
BIN = Path(sys.executable).parent
WORK = ROOT / "var" / "load"
OUT = ROOT / "var" / "bench" / "load.txt"
SCENARIOS = {
    "portal": "anonymous portal visitors",
    "staff": "signed-in staff",
    "student": "signed-in students",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", default="10", help="load_demo --scale (default 10)")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--spawn-rate", type=float, default=10, help="users started per second")
    parser.add_argument("--run-time", default="60s", help="locust --run-time (default 60s)")
    parser.add_argument("--wait", default="1,3", help="seconds between a user's pages: min,max")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (default 3)")
    parser.add_argument("--port", type=int, default=8123)
    parser.add_argument("--server", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--database", default="qogam_load")
    parser.add_argument("--fresh", action="store_true", help="drop and rebuild the database")
    parser.add_argument(
        "--redis-url",
        default="",
        help="cache for the web processes, e.g. redis://127.0.0.1:6379/14 (flushed first); "
        "default: each process's own memory",
    )
    args = parser.parse_args()
    if args.database == "test" or args.database.startswith("test_"):
        parser.error("test databases belong to the test suite; choose another --database")

    WORK.mkdir(parents=True, exist_ok=True)
    url = f"http://127.0.0.1:{args.port}"
    env = {
        **os.environ,
        "DATABASE_URL": f"{args.server.rstrip('/')}/{args.database}",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SITE_URL": url,
        # Plain http on localhost: no redirect to https, cookies not limited to https, no HSTS.
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "SECURE_HSTS_SECONDS": "0",
        "STATIC_FROM_FINDERS": "false",
        "STATIC_ROOT": str(WORK / "static"),
        "QOGAM_VAR_DIR": str(WORK),
        "CONN_MAX_AGE": "60",
        "LOG_LEVEL": "WARNING",
    }
    # Uploads on this machine's disk and no shared cache unless asked for.
    for name in ("REDIS_URL", "S3_BUCKET"):
        env.pop(name, None)
    if args.redis_url:
        env["REDIS_URL"] = args.redis_url
        flush_redis(args.redis_url)

    started = time.monotonic()
    prepare(args, env)
    print(f"database ready in {time.monotonic() - started:.0f} s", flush=True)

    gunicorn = start_gunicorn(args, env, url)
    try:
        run_locust(args, env, url)
    finally:
        gunicorn.send_signal(signal.SIGTERM)
        try:
            gunicorn.wait(timeout=30)
        except subprocess.TimeoutExpired:
            gunicorn.kill()

    text, errors = table(args)
    print(text)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text + "\n", encoding="utf-8")
    if errors:
        print(f"\n{errors} errors: see var/load/locust_failures.csv, var/load/gunicorn.log")
        sys.exit(1)


def manage(env: dict, *arguments: str, log) -> None:
    subprocess.run(  # noqa: S603 (our own interpreter and manage.py)
        [sys.executable, str(ROOT / "manage.py"), *arguments],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        check=True,
    )


def prepare(args, env: dict) -> None:
    """The database at the asked scale (reused when it already is), migrated, and static files."""
    marker = WORK / "database.txt"
    wanted = f"{args.database} scale={args.scale}"
    exists = database_exists(args)
    reuse = exists and not args.fresh and marker.exists() and marker.read_text() == wanted
    with (WORK / "setup.log").open("w", encoding="utf-8") as log:
        if not reuse:
            marker.unlink(missing_ok=True)
            recreate_database(args, drop=exists)
            shutil.rmtree(WORK / "media", ignore_errors=True)
        print(f"migrating {args.database}", flush=True)
        manage(env, "migrate", "--no-input", log=log)
        if not reuse:
            print(f"loading the demo at scale {args.scale}", flush=True)
            manage(env, "load_demo", "--scale", args.scale, "--force", log=log)
            marker.write_text(wanted)
        if not static_is_current():
            print("collecting static files", flush=True)
            manage(env, "collectstatic", "--no-input", "--clear", "-v", "0", log=log)


def static_is_current() -> bool:
    """Collected (and compressed, which takes a while) after the last change to a source."""
    manifest = WORK / "static" / "staticfiles.json"
    if not manifest.exists():
        return False
    sources = [
        *ROOT.joinpath("qogam").glob("**/static/**/*"),
        *ROOT.joinpath("node_modules", "htmx.org", "dist").glob("**/*"),
        *ROOT.joinpath("node_modules", "leaflet", "dist").glob("**/*"),
    ]
    newest = max((f.stat().st_mtime for f in sources if f.is_file()), default=0)
    return newest < manifest.stat().st_mtime


def _server(args) -> psycopg.Connection:
    return psycopg.connect(f"{args.server.rstrip('/')}/postgres", autocommit=True)


def database_exists(args) -> bool:
    with _server(args) as conn:
        found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [args.database])
        return found.fetchone() is not None


def recreate_database(args, *, drop: bool) -> None:
    with _server(args) as conn:
        name = sql.Identifier(args.database)
        if drop:
            print(f"dropping {args.database}", flush=True)
            conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(name))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(name))


def flush_redis(redis_url: str) -> None:
    """Cached pages of an earlier database must not answer for this one."""
    import redis  # noqa: PLC0415 (only when a Redis cache is asked for)

    redis.Redis.from_url(redis_url).flushdb()


def start_gunicorn(args, env: dict, url: str) -> subprocess.Popen:
    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", args.port)) == 0:
            sys.exit(f"port {args.port} is taken; choose another --port")
    log = WORK / "gunicorn.log"
    log.unlink(missing_ok=True)
    # The production configuration where there is one; the flags below win over it.
    config = ROOT / "deploy" / "gunicorn.conf.py"
    command = [
        str(BIN / "gunicorn"),
        *([f"--config={config}"] if config.exists() else []),
        "qogam.wsgi:application",
        f"--bind=127.0.0.1:{args.port}",
        f"--workers={args.workers}",
        f"--access-logfile={log}",
        # Each request with its status and milliseconds, to find what was slow or failed.
        '--access-logformat=%(t)s "%(r)s" %(s)s %(b)s %(M)sms',
        f"--error-logfile={log}",
        "--capture-output",
        # gunicorn's control socket sits in the home folder by default; this run needs none.
        "--no-control-socket",
    ]
    server = subprocess.Popen(command, cwd=ROOT, env=env)  # noqa: S603
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"gunicorn stopped at start; see {log}")
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2) as answer:  # noqa: S310
                if answer.status == 200:
                    print(f"gunicorn: {args.workers} workers at {url}", flush=True)
                    return server
        except OSError:
            time.sleep(0.5)
    server.kill()
    sys.exit(f"gunicorn did not answer /healthz within 60 s; see {log}")


def run_locust(args, env: dict, url: str) -> None:
    for old in [*WORK.glob("locust_*.csv"), WORK / "table.csv"]:
        old.unlink(missing_ok=True)
    logins = demo_logins(env)
    locust_env = {
        **env,
        "QOGAM_LOAD_PASSWORD": logins["password"],
        "QOGAM_LOAD_STAFF": logins["staff"],
        "QOGAM_LOAD_STUDENTS": logins["student"],
        "QOGAM_LOAD_WAIT": args.wait,
        "QOGAM_LOAD_TABLE_CSV": str(WORK / "table.csv"),
    }
    command = [
        str(BIN / "locust"),
        "--locustfile",
        str(Path(__file__).with_name("locustfile.py")),
        "--headless",
        "--host",
        url,
        "--users",
        str(args.users),
        "--spawn-rate",
        str(args.spawn_rate),
        "--run-time",
        args.run_time,
        "--csv",
        str(WORK / "locust"),
        "--only-summary",
        "--exit-code-on-error",
        "0",
    ]
    print(f"locust: {args.users} users for {args.run_time}", flush=True)
    with (WORK / "locust.log").open("w", encoding="utf-8") as log:
        subprocess.run(  # noqa: S603
            command, cwd=ROOT, env=locust_env, stdout=log, stderr=subprocess.STDOUT, check=True
        )


# Run where Django is set up: the demo's password and its staff and student logins.
DEMO_LOGINS = """
import json
from qogam.core.enums import Role
from qogam.demo.builders import DEMO_PASSWORD, demo_email
from qogam.demo.catalogue.universities import UNIVERSITIES
def logins(role):
    return ",".join(
        demo_email(login.local, u.slug) for u in UNIVERSITIES for login in u.logins
        if login.role == role
    )
print(json.dumps(
    {"password": DEMO_PASSWORD, "staff": logins(Role.STAFF), "student": logins(Role.STUDENT)}
))
"""


def demo_logins(env: dict) -> dict:
    """The demo's password and logins, as load_demo prints them."""
    answer = subprocess.run(  # noqa: S603
        [sys.executable, str(ROOT / "manage.py"), "shell", "-c", DEMO_LOGINS],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(answer.stdout.strip().splitlines()[-1])


def _read(path: Path) -> list[dict]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def table(args) -> tuple[str, int]:
    rows = _read(WORK / "table.csv")
    exceptions = sum(int(row["Count"]) for row in _read(WORK / "locust_exceptions.csv"))
    if not rows:
        sys.exit("locust wrote no stats; see var/load/locust.log")

    lines = [
        f"Load test · {datetime.now(UTC):%Y-%m-%d %H:%M} UTC · gunicorn {args.workers} workers · "
        f"PostgreSQL {args.database} · demo scale {args.scale} · {os.cpu_count()} CPUs",
        f"{args.users} users (portal/staff/students weighted 60/30/10, "
        f"{args.wait.replace(',', '–')} s between pages) for {args.run_time}, "
        f"started at {args.spawn_rate:g}/s · latency in ms",
        "",
        f"{'scenario / page':<42} {'requests':>8} {'req/s':>7} {'p50':>7} {'p95':>7} "
        f"{'p99':>7} {'errors':>7}",
    ]
    errors = 0
    for row in rows:
        if row["Kind"] == "scenario":
            if row["Request Count"] == "0":
                continue
            label = f"{row['Name']}: {SCENARIOS[row['Name']]}"
            lines.append("")
        elif row["Kind"] == "page":
            label = f"  {row['Type']} {row['Name'].split(': ', 1)[1]}"
        else:
            label = "total"
            errors = int(row["Failure Count"]) + exceptions
            row["Failure Count"] = str(errors)
            lines.append("")
        lines.append(
            f"{label:<42} {row['Request Count']:>8} {float(row['Requests/s']):>7.1f} "
            f"{row['50%']:>7} {row['95%']:>7} {row['99%']:>7} {row['Failure Count']:>7}"
        )
    if exceptions:
        lines.append(f"(errors include {exceptions} exceptions in the scenario's own code)")
    return "\n".join(lines), errors


if __name__ == "__main__":
    main()
