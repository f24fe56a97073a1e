import pytest
from django_scopes.exceptions import ScopeError

from qogam.core.tenancy import university_scope
from qogam.organisations.models import Unit


def test_sign_in_page_answers_in_each_language(client, db):
    for code in ("kk", "ru", "en"):
        response = client.get(f"/{code}/sign-in/")
        assert response.status_code == 200
        assert response.headers["Content-Language"] == code


def test_tenant_query_without_scope_raises(world):
    with pytest.raises(ScopeError):
        list(Unit.objects.all())


def test_tenant_scope_limits_rows_to_its_university(world):
    with university_scope(world["b"]):
        names = sorted(Unit.objects.values_list("name_en", flat=True))
    assert names == ["B Faculty of Arts", "B Network Centre", "B Secret Laboratory"]
