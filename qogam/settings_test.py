"""Settings for the test suite: the production module with test-friendly values."""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz")
os.environ.setdefault("STATIC_FROM_FINDERS", "true")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("SECURE_COOKIES", "false")

from qogam.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# A file instead of memory for the SQLite test database, when a test's threads need their own
# connections to one database (an in-memory one shares its cache and fails them with "table is
# locked" instead of queueing them): volunteering's concurrent sign-ups re-run themselves so.
if os.environ.get("QOGAM_TEST_SQLITE_FILE") and DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": os.environ["QOGAM_TEST_SQLITE_FILE"]}  # noqa: F405

# Portal pages are not kept in the cache between requests (qogam.portal.cache): a page kept by
# one test would answer the next, whose rows were rolled back without a signal. The portal's
# own tests turn it on (qogam/portal/tests/conftest.py).
PORTAL_CACHE_SECONDS = 0
