"""System checks that explain a broken deployment in words."""

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.db import connections


def _describe(db: dict) -> str:
    if db["ENGINE"].endswith("sqlite3"):
        return f"SQLite file {db['NAME']}"
    engine = db["ENGINE"].rsplit(".", 1)[-1]
    host = db.get("HOST") or "localhost"
    port = db.get("PORT") or "default port"
    return f"{engine} at {host}:{port}, database {db['NAME']!r}"


@register(Tags.database)
def check_database_reachable(app_configs=None, **kwargs):
    """`manage.py check --database default` says plainly when DATABASE_URL cannot be reached."""
    errors = []
    for alias in kwargs.get("databases") or []:
        connection = connections[alias]
        try:
            connection.ensure_connection()
        except Exception as exc:  # any driver's error means the same thing to an operator
            errors.append(
                Error(
                    f"The database in DATABASE_URL ({_describe(settings.DATABASES[alias])}) "
                    f"cannot be reached: {str(exc).strip()}",
                    hint="Start the database server, or correct DATABASE_URL.",
                    id="qogam.E001",
                )
            )
    return errors
