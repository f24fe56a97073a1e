"""The production shape: settings read from the environment, the deploy check, object storage
for uploads, and gunicorn started with deploy/gunicorn.conf.py (docs/deployment.md)."""

import json
import os
import runpy
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.core.files.storage import InMemoryStorage
from django.core.files.uploadedfile import SimpleUploadedFile

from qogam.core.tenancy import all_universities
from qogam.needs.models import NeedAttachment

ROOT = Path(__file__).resolve().parents[3]

PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "p8Qz-3vK_rT9wLx2NcY7bHs4JfGm6DaE1uWq0ZoVkRi5tSy-gPn_XhCeMlOdBjAF",
    "ALLOWED_HOSTS": "qogam.example.kz",
    "CSRF_TRUSTED_ORIGINS": "https://qogam.example.kz",
    "SITE_URL": "https://qogam.example.kz",
    "PATH": os.environ["PATH"],
}
S3_ENV = {
    "S3_BUCKET": "qogam-files",
    "S3_ENDPOINT_URL": "https://s3.example.kz",
    "S3_ACCESS_KEY_ID": "QOGAMACCESSKEY",
    "S3_SECRET_ACCESS_KEY": "qogam-secret-access-key",
    "S3_REGION": "kz-ala-1",
}

# Printed by a fresh interpreter, so the settings module reads the environment it is given.
_PRINT_SETTINGS = """
import json
import django
from django.conf import settings
django.setup()
from django.core.files.storage import default_storage
default_storage._setup()
storage = default_storage._wrapped
out = {
    "storages": settings.STORAGES,
    "storage_class": type(storage).__module__ + "." + type(storage).__name__,
    "database": {k: settings.DATABASES["default"].get(k) for k in ("ENGINE", "CONN_MAX_AGE",
                 "CONN_HEALTH_CHECKS")},
    "session_engine": settings.SESSION_ENGINE,
    "cache": settings.CACHES["default"]["BACKEND"],
}
if out["storage_class"].endswith("S3Storage"):
    out["s3"] = {
        "default_acl": storage.default_acl,
        "querystring_auth": storage.querystring_auth,
        "file_overwrite": storage.file_overwrite,
        # Signed locally: no request reaches the endpoint.
        "url": storage.url("reports/2026/annual report.pdf"),
    }
print(json.dumps(out, default=str))
"""


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False
    )


def _settings(env: dict[str, str]) -> dict:
    full = {**env, "DJANGO_SETTINGS_MODULE": "qogam.settings"}
    result = _run([sys.executable, "-c", _PRINT_SETTINGS], full)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize(
    "extra",
    [
        {},
        {
            **S3_ENV,
            "DATABASE_URL": "postgres://qogam@db.internal:5432/qogam",
            "REDIS_URL": "redis://cache.internal:6379/0",
            "TASKS_BACKEND": "database",
            "CONN_MAX_AGE": "120",
            "BEHIND_TLS_PROXY": "true",
        },
    ],
    ids=["one-machine", "scaled-out"],
)
def test_check_deploy_passes_with_production_environment(tmp_path, extra):
    env = {
        **PRODUCTION_ENV,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        **extra,
    }
    result = _run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"], env
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_s3_environment_gives_private_s3_storage_for_uploads():
    printed = _settings({**PRODUCTION_ENV, **S3_ENV})
    default = printed["storages"]["default"]
    assert default["BACKEND"] == "storages.backends.s3.S3Storage"
    assert printed["storage_class"] == "storages.backends.s3.S3Storage"
    options = default["OPTIONS"]
    assert options["bucket_name"] == "qogam-files"
    assert options["endpoint_url"] == "https://s3.example.kz"
    assert options["region_name"] == "kz-ala-1"
    assert options["access_key"] == "QOGAMACCESSKEY"
    assert options["secret_key"] == "qogam-secret-access-key"
    # Private files: no public ACL, every URL signed and short-lived, no overwrite.
    assert printed["s3"]["default_acl"] is None
    assert printed["s3"]["querystring_auth"] is True
    assert printed["s3"]["file_overwrite"] is False
    url = printed["s3"]["url"]
    assert url.startswith("https://s3.example.kz/qogam-files/reports/2026/annual%20report.pdf?")
    assert "X-Amz-Signature=" in url
    assert "X-Amz-Expires=300" in url
    # Static files stay with WhiteNoise whatever the upload storage.
    assert printed["storages"]["staticfiles"]["BACKEND"] == (
        "whitenoise.storage.CompressedManifestStaticFilesStorage"
    )


def test_s3_secret_may_come_from_a_file(tmp_path):
    secret = tmp_path / "s3-secret"
    secret.write_text("secret-from-a-file\n", encoding="utf-8")
    env = {**PRODUCTION_ENV, **S3_ENV, "S3_SECRET_ACCESS_KEY_FILE": str(secret)}
    del env["S3_SECRET_ACCESS_KEY"]
    options = _settings(env)["storages"]["default"]["OPTIONS"]
    assert options["secret_key"] == "secret-from-a-file"


def test_without_s3_environment_uploads_stay_on_the_file_system():
    printed = _settings(PRODUCTION_ENV)
    assert printed["storages"]["default"] == {
        "BACKEND": "django.core.files.storage.FileSystemStorage"
    }
    assert printed["storage_class"] == "django.core.files.storage.filesystem.FileSystemStorage"
    assert "s3" not in printed


def test_database_connections_persist_as_the_environment_says():
    postgres = {**PRODUCTION_ENV, "DATABASE_URL": "postgres://qogam@db.internal:5432/qogam"}
    default = _settings(postgres)["database"]
    assert default == {
        "ENGINE": "django.db.backends.postgresql",
        "CONN_MAX_AGE": 60,
        "CONN_HEALTH_CHECKS": True,
    }
    assert _settings({**postgres, "CONN_MAX_AGE": "0"})["database"]["CONN_MAX_AGE"] == 0
    assert _settings({**postgres, "CONN_MAX_AGE": "300"})["database"]["CONN_MAX_AGE"] == 300


def test_processes_keep_no_state_of_their_own():
    printed = _settings({**PRODUCTION_ENV, "REDIS_URL": "redis://cache.internal:6379/0"})
    assert printed["session_engine"] == "django.contrib.sessions.backends.db"
    assert printed["cache"] == "django.core.cache.backends.redis.RedisCache"


PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)


def test_uploads_are_stored_and_streamed_through_the_storage_api(
    world, client_for, settings, tmp_path
):
    # A storage with no file system path (as S3): saving and serving must use its API only.
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    client = client_for(world["bob"])
    posted = client.post(
        "/en/needs/new/",
        {
            "university": world["a"].pk,
            "title": "Детская площадка",
            "description": "Нужна площадка во дворе.",
            "category": "social_support",
            "affected_group": "families",
            "urgency": "medium",
            "district": "Бостандыкский район",
            "attachments": [SimpleUploadedFile("yard.png", PNG, "image/png")],
        },
    )
    assert posted.status_code == 302
    with all_universities():
        attachment = NeedAttachment.objects.get()
    assert isinstance(attachment.file.storage._wrapped, InMemoryStorage)
    assert attachment.file.storage.exists(attachment.file.name)
    with attachment.file.storage.open(attachment.file.name, "rb") as stored:
        assert stored.read() == PNG
    # Nothing was written to the file system: the upload lives only in the storage.
    assert not (tmp_path / "media").exists()

    served = client.get(f"/en/needs/attachments/{attachment.public_id}/")
    assert served.status_code == 200
    assert served["Content-Type"] == "image/png"
    assert b"".join(served.streaming_content) == PNG


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_gunicorn_config_reads_the_environment(monkeypatch):
    config = ROOT / "deploy" / "gunicorn.conf.py"
    for name in ("GUNICORN_BIND", "PORT", "WEB_CONCURRENCY", "GUNICORN_THREADS"):
        monkeypatch.delenv(name, raising=False)
    defaults = runpy.run_path(str(config))
    assert defaults["bind"] == ["127.0.0.1:8000"]
    assert defaults["workers"] == (os.cpu_count() or 1) * 2 + 1
    assert defaults["preload_app"] is False
    assert defaults["accesslog"] == "-"
    assert defaults["wsgi_app"] == "qogam.wsgi:application"

    monkeypatch.setenv("PORT", "5000")
    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    monkeypatch.setenv("GUNICORN_THREADS", "4")
    platform = runpy.run_path(str(config))
    assert platform["bind"] == ["0.0.0.0:5000"]
    assert (platform["workers"], platform["threads"]) == (3, 4)

    monkeypatch.setenv("GUNICORN_BIND", "unix:/run/qogam/web.sock")
    assert runpy.run_path(str(config))["bind"] == ["unix:/run/qogam/web.sock"]


def test_gunicorn_serves_the_app_with_the_deploy_config(tmp_path):
    port = _free_port()
    env = {
        **PRODUCTION_ENV,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "STATIC_FROM_FINDERS": "true",
        "SECURE_SSL_REDIRECT": "false",
        "WEB_CONCURRENCY": "2",
        "PORT": str(port),
        "HOME": str(tmp_path),
    }
    gunicorn = Path(sys.executable).parent / "gunicorn"
    process = subprocess.Popen(
        [str(gunicorn), "--config", "deploy/gunicorn.conf.py"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        body = None
        while time.monotonic() < deadline and body is None:
            try:
                request = urllib.request.Request(
                    f"http://127.0.0.1:{port}/healthz", headers={"Host": "qogam.example.kz"}
                )
                with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
                    body = (response.status, json.loads(response.read()))
            except OSError:
                time.sleep(0.5)
        assert body == (200, {"status": "ok", "database": "ok"})
    finally:
        process.send_signal(signal.SIGTERM)
        output, _ = process.communicate(timeout=60)
    assert process.returncode == 0, output
    assert f"Listening at: http://0.0.0.0:{port}" in output
    assert output.count("Booting worker with pid") == 2
    # The access log goes to standard output.
    assert '"GET /healthz HTTP/1.1" 200' in output
