"""Configuration, health, the API's frame and notifications."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command

from qogam.accounts.services import create_api_token, grant_membership
from qogam.core.enums import Role
from qogam.notifications.models import Notice, Preference
from qogam.notifications.services import notify

ROOT = Path(__file__).resolve().parents[3]

PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "k" * 20 + "production-like-secret-with-enough-entropy-0123456789",
    "ALLOWED_HOSTS": "qogam.example.kz",
    "PATH": os.environ["PATH"],
}


def _manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_with_production_values_is_clean(tmp_path):
    env = {**PRODUCTION_ENV, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_without_secret_key_refuses_to_start(tmp_path):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_unreachable_database_url_is_named_in_the_error():
    env = {**PRODUCTION_ENV, "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none"}
    result = _manage("check", "--database", "default", env=env)
    assert result.returncode != 0
    assert (
        "The database in DATABASE_URL (postgresql at 127.0.0.1:1, database 'none') "
        "cannot be reached" in result.stderr
    )


def test_bad_boolean_in_environment_names_the_variable():
    env = {**PRODUCTION_ENV, "DEBUG": "perhaps"}
    result = _manage("check", env=env)
    assert "DEBUG='perhaps' is not a boolean" in result.stderr


def test_healthz_answers_ok(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_api_schema_lists_first_endpoints(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    assert {"/api/v1/universities", "/api/v1/memberships", "/api/v1/units/{public_id}"} <= set(
        schema["paths"]
    )


def test_api_token_reads_memberships_with_owner_roles(world, client):
    _token, raw = create_api_token(user=world["charlie"], name="B website")
    response = client.get("/api/v1/memberships", headers={"Authorization": f"Bearer {raw}"})
    assert response.status_code == 200
    assert sorted(m["email"] for m in response.json()) == [
        "bianca@example.kz",
        "charlie@example.kz",
        "nora@example.kz",
    ]


def test_api_without_credentials_is_401_and_bad_token_is_401(world, client):
    assert client.get("/api/v1/memberships").status_code == 401
    assert (
        client.get("/api/v1/memberships", headers={"Authorization": "Bearer qg_nope"}).status_code
        == 401
    )


def test_api_session_write_needs_csrf_token(world):
    from django.test import Client  # noqa: PLC0415 -- a client that enforces CSRF

    client = Client(enforce_csrf_checks=True)
    client.force_login(world["alice"])
    response = client.post(
        "/api/v1/universities/aqtobe-tech/units",
        json.dumps({"kind": "centre", "name_kk": "Орталық"}),
        content_type="application/json",
    )
    assert response.status_code == 403


def test_api_token_write_creates_unit_and_validates(world, client):
    _token, raw = create_api_token(user=world["alice"], name="Script")
    headers = {"Authorization": f"Bearer {raw}"}
    ok = client.post(
        "/api/v1/universities/aqtobe-tech/units",
        {"kind": "centre", "name_kk": "Орталық"},
        content_type="application/json",
        headers=headers,
    )
    assert ok.status_code == 201
    assert ok.json()["name"]["kk"] == "Орталық"
    bad = client.post(
        "/api/v1/universities/aqtobe-tech/units",
        {"kind": "centre", "name_ru": "Центр"},
        content_type="application/json",
        headers=headers,
    )
    assert bad.status_code == 422
    assert "name_kk" in bad.json()["errors"]


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_notice_email_is_rendered_in_recipients_language(
    world, django_capture_on_commit_callbacks, language
):
    dana = world["dana"]
    dana.language = language
    dana.save(update_fields=["language"])
    with django_capture_on_commit_callbacks(execute=True):
        grant_membership(actor=world["alice"], user=dana, university=world["a"], role=Role.STAFF)
    notice = Notice.objects.get(user=dana)
    assert mail.outbox[-1].to == ["dana@example.kz"]
    assert f"/{language}/notifications/settings/" in mail.outbox[-1].body
    assert notice.title in mail.outbox[-1].subject


def test_digest_preference_holds_mail_until_digest(world, django_capture_on_commit_callbacks):
    bob = world["bob"]
    Preference.objects.create(user=bob, kind="", delivery="daily")
    with django_capture_on_commit_callbacks(execute=True):
        for role in (Role.STUDENT, Role.OFFICE):
            grant_membership(actor=world["alice"], user=bob, university=world["a"], role=role)
    assert [m.to for m in mail.outbox] == []
    call_command("send_digests", "daily", stdout=io.StringIO())
    assert [m.to for m in mail.outbox] == [["bob@example.kz"]]
    assert Notice.objects.filter(user=bob, emailed_at__isnull=True).count() == 0
    call_command("send_digests", "daily", stdout=io.StringIO())
    assert len(mail.outbox) == 1


def test_preference_off_keeps_notice_in_app_only(world, django_capture_on_commit_callbacks):
    Preference.objects.create(user=world["bob"], kind="role_granted", delivery="off")
    with django_capture_on_commit_callbacks(execute=True):
        notice = notify(
            user=world["bob"],
            kind="role_granted",
            context={"role": "x", "university": "y", "actor": "z"},
        )
    assert notice.delivery == "off"
    assert mail.outbox == []


def test_unknown_notice_kind_fails_loudly(world):
    with pytest.raises(LookupError):
        notify(user=world["bob"], kind="no_such_kind", context={})
