"""A university's local SDG targets: listed by goal for its staff, managed by its office."""

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from qogam.core.tenancy import all_universities, university_scope
from qogam.sdg import services
from qogam.sdg.forms_local import LocalTargetForm
from qogam.sdg.models import LocalTarget, Target

pytestmark = pytest.mark.django_db

LIST = "/en/sdg/local-targets/"
NEW = "/en/sdg/local-targets/new/"


def local(world, code="7.2.KZ-1", target="7.2", university="a", **titles):
    titles = titles or {"title_kk": "Күн панельдері", "title_en": "Solar panels on campus"}
    with university_scope(world[university]):
        return LocalTarget.objects.create(
            university=world[university],
            target=Target.objects.get(code=target),
            code=code,
            **titles,
        )


def payload(**values):
    data = {
        "target": "7.2",
        "code": "7.2.KZ-1",
        "title_kk": "Жаңартылатын энергия үлесі 30 %",
        "title_ru": "",
        "title_en": "Renewables at 30 % of the campus's energy",
    }
    data.update(values)
    return data


def locals_of(university) -> list[tuple[str, str]]:
    with all_universities():
        return list(
            LocalTarget.objects.filter(university=university)
            .order_by("code")
            .values_list("code", "target__code")
        )


def test_local_target_office_creates(world, client_for):
    response = client_for(world["erin"]).post(NEW, payload())
    assert response.status_code == 302
    assert response["Location"] == "/en/sdg/local-targets/?university=aqtobe-tech"
    assert locals_of(world["a"]) == [("7.2.KZ-1", "7.2")]
    with all_universities():
        created = LocalTarget.objects.get()
    assert (created.title_kk, created.title_en) == (
        "Жаңартылатын энергия үлесі 30 %",
        "Renewables at 30 % of the campus's energy",
    )


def test_local_target_create_writes_audit_entry(world, client_for):
    client_for(world["alice"]).post(NEW, payload())
    with all_universities():
        created = LocalTarget.objects.get()
    entries = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(LocalTarget), object_pk=str(created.pk)
    )
    assert [(e.action, e.actor, e.additional_data) for e in entries] == [
        (LogEntry.Action.CREATE, world["alice"], {"university_id": world["a"].pk})
    ]


def test_local_target_office_edits(world, client_for):
    existing = local(world)
    url = f"/en/sdg/local-targets/{existing.public_id}/"
    client = client_for(world["erin"])
    page = client.get(url)
    assert page.status_code == 200
    # The form opens on the target's own code in the select.
    assert page.context["form"]["target"].value() == "7.2"
    response = client.post(
        url, payload(target="7.3", code="7.3.KZ-2", title_en="Efficiency up by a fifth")
    )
    assert response.status_code == 302
    existing.refresh_from_db()
    assert (existing.target.code, existing.code, existing.title_en) == (
        "7.3",
        "7.3.KZ-2",
        "Efficiency up by a fifth",
    )
    entries = LogEntry.objects.get_for_object(existing).order_by("timestamp")
    assert [e.action for e in entries] == [LogEntry.Action.CREATE, LogEntry.Action.UPDATE]


def test_local_target_office_deletes_after_confirmation(world, client_for):
    existing = local(world)
    url = f"/en/sdg/local-targets/{existing.public_id}/delete/"
    client = client_for(world["erin"])
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert "Delete the local target 7.2.KZ-1" in confirm.content.decode()
    assert locals_of(world["a"]) == [("7.2.KZ-1", "7.2")]  # a GET deletes nothing
    response = client.post(url)
    assert response.status_code == 302
    assert locals_of(world["a"]) == []
    deleted = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(LocalTarget), object_pk=str(existing.pk)
    ).values_list("action", flat=True)
    assert sorted(deleted) == [LogEntry.Action.CREATE, LogEntry.Action.DELETE]


def test_local_target_duplicate_code_refused_on_code(world, client_for):
    local(world, code="7.2.KZ-1")
    response = client_for(world["erin"]).post(NEW, payload(code="7.2.kz-1"))
    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.errors) == ["code"]
    assert "already has a local target with the code 7.2.kz-1" in form.errors["code"][0]
    assert locals_of(world["a"]) == [("7.2.KZ-1", "7.2")]


def test_local_target_same_code_allowed_at_another_university(world):
    local(world, code="7.2.KZ-1", university="b")
    created = services.save_local_target(
        actor=world["erin"],
        university=world["a"],
        values={
            "target": Target.objects.get(code="7.2"),
            "code": "7.2.KZ-1",
            "title_kk": "Күн",
        },
    )
    assert created.university_id == world["a"].pk
    assert locals_of(world["b"]) == [("7.2.KZ-1", "7.2")]


@pytest.mark.parametrize(
    ("code", "why"),
    [
        ("7.3.KZ-1", "must begin with the UN target's code and a dot"),
        ("7.2KZ-1", "must begin with the UN target's code and a dot"),
        ("7.2.", "must begin with the UN target's code and a dot"),
        ("7.2.KZ 1", "Use only letters, digits, dots and dashes"),
        ("7.2.KZ_1", "Use only letters, digits, dots and dashes"),
        ("7.2." + "K" * 29, "at most 32 characters"),
    ],
)
def test_local_target_code_of_wrong_form_refused(world, client_for, code, why):
    response = client_for(world["erin"]).post(NEW, payload(code=code))
    assert response.status_code == 200
    form = response.context["form"]
    assert "code" in form.errors
    assert why in " ".join(form.errors["code"])
    assert locals_of(world["a"]) == []


def test_local_target_service_refuses_wrong_code_and_missing_kazakh(world):
    with pytest.raises(ValidationError) as refused:
        services.save_local_target(
            actor=world["erin"],
            university=world["a"],
            values={
                "target": Target.objects.get(code="4.7"),
                "code": "7.2.KZ-1",
                "title_en": "Only English",
            },
        )
    assert sorted(refused.value.error_dict) == ["code", "title_kk"]
    assert locals_of(world["a"]) == []


def test_local_target_code_may_hold_cyrillic_letters(world):
    # Saved by an English reader with the Kazakh title alone: Kazakh is all that is required.
    with translation.override("en"):
        created = services.save_local_target(
            actor=world["erin"],
            university=world["a"],
            values={
                "target": Target.objects.get(code="4.7"),
                "code": "4.7.ҚЗ-1",
                "title_kk": "Білім",
            },
        )
    assert locals_of(world["a"]) == [("4.7.ҚЗ-1", "4.7")]
    assert created.title_kk == "Білім"


def test_local_target_kazakh_title_required(world, client_for):
    response = client_for(world["erin"]).post(NEW, payload(title_kk=""))
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["title_kk"]
    assert locals_of(world["a"]) == []


@pytest.mark.parametrize("persona", ["bob", "dana", "pavel", "cora"])
def test_local_target_management_refused_without_role(world, client_for, persona):
    existing = local(world)
    client = client_for(world[persona])
    urls = [
        NEW,
        f"/en/sdg/local-targets/{existing.public_id}/",
        f"/en/sdg/local-targets/{existing.public_id}/delete/",
    ]
    for url in urls:
        assert client.get(url).status_code == 403, url
        assert client.post(url, payload(code="7.2.KZ-9")).status_code == 403, url
    assert locals_of(world["a"]) == [("7.2.KZ-1", "7.2")]


def test_local_target_service_refuses_staff(world):
    with pytest.raises(PermissionDenied):
        services.save_local_target(
            actor=world["bob"],
            university=world["a"],
            values={"target": Target.objects.get(code="7.2"), "code": "7.2.X", "title_kk": "X"},
        )
    existing = local(world)
    with pytest.raises(PermissionDenied):
        services.delete_local_target(actor=world["bob"], local_target=existing)
    assert locals_of(world["a"]) == [("7.2.KZ-1", "7.2")]


@pytest.mark.parametrize("persona", ["dana", "pavel"])
def test_local_target_list_refused_to_students_and_partners(world, client_for, persona):
    local(world)
    assert client_for(world[persona]).get(LIST).status_code == 403


def test_local_target_of_another_university_is_404(world, client_for):
    theirs = local(world, code="7.2.B-1", university="b", title_kk="B құпиясы")
    client = client_for(world["erin"])
    for url in (
        f"/en/sdg/local-targets/{theirs.public_id}/",
        f"/en/sdg/local-targets/{theirs.public_id}/delete/",
    ):
        assert client.get(url).status_code == 404
        assert client.post(url, payload()).status_code == 404
    assert locals_of(world["b"]) == [("7.2.B-1", "7.2")]
    # Nor does A's list show it.
    assert "7.2.B-1" not in client.get(LIST).content.decode()


def test_local_target_list_grouped_by_goal_in_english(world, client_for):
    local(world, code="7.2.KZ-1", title_en="Solar panels on campus", title_kk="Күн")
    local(world, code="7.2.KZ-2", title_en="Wind in the steppe", title_kk="Жел")
    local(world, code="4.7.KZ-1", target="4.7", title_en="Courses on sustainability", title_kk="Б")
    with translation.override("en"):
        response = client_for(world["bob"]).get(LIST)
    assert response.status_code == 200
    groups = response.context["groups"]
    assert [(g.goal, g.title) for g in groups] == [
        (4, "Quality education"),
        (7, "Affordable and clean energy"),
    ]
    assert [t.code for t in groups[1].targets] == ["7.2"]
    assert groups[1].targets[0].title.startswith("By 2030, increase substantially the share")
    assert [lt.code for lt in groups[1].targets[0].local_targets] == ["7.2.KZ-1", "7.2.KZ-2"]
    body = response.content.decode()
    assert body.index("4 · Quality education") < body.index("7 · Affordable and clean energy")
    assert body.index("Solar panels on campus") < body.index("Wind in the steppe")
    # Staff read; only the office is offered the changes.
    assert "Add a local target" not in body
    assert "/delete/" not in body


def test_local_target_list_offers_office_the_changes(world, client_for):
    existing = local(world)
    body = client_for(world["erin"]).get(LIST).content.decode()
    assert "Add a local target" in body
    assert f"/en/sdg/local-targets/{existing.public_id}/delete/" in body


def test_local_target_list_query_count_fixed(world, client_for):
    client = client_for(world["erin"])
    local(world)
    client.get(LIST)
    with CaptureQueriesContext(connection) as few:
        client.get(LIST)
    for n in range(2, 8):
        local(world, code=f"7.{n % 3 + 1}.KZ-{n}", target=f"7.{n % 3 + 1}")
    with CaptureQueriesContext(connection) as many:
        client.get(LIST)
    assert len(many) == len(few)


def test_local_target_form_groups_targets_by_goal(world):
    with translation.override("en"):
        choices = LocalTargetForm().fields["target"].choices
    groups = [label for label, options in choices if isinstance(options, list)]
    assert len(groups) == 17
    assert groups[6] == "7 · Affordable and clean energy"
    seven = dict(choices)["7 · Affordable and clean energy"]
    assert [code for code, _label in seven] == ["7.1", "7.2", "7.3", "7.a", "7.b"]
    assert seven[1][1].startswith("7.2 — By 2030, increase substantially")
    assert sum(len(options) for _label, options in choices if isinstance(options, list)) == 169


def test_local_target_profile_links_to_the_list(world, client_for):
    body = client_for(world["bob"]).get("/en/sdg/").content.decode()
    assert 'href="/en/sdg/local-targets/?university=aqtobe-tech"' in body
