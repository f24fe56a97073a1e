"""Targets and snapshots: services/figures.py and their pages."""

from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from qogam.accounts.models import User
from qogam.accounts.services import grant_membership
from qogam.core.enums import Role
from qogam.core.tenancy import all_universities, university_scope
from qogam.indicators.enums import PeriodType
from qogam.indicators.models import Snapshot, SnapshotValue, Target
from qogam.indicators.services import figures as services
from qogam.indicators.tests.test_dashboard import PERIOD, YEAR, make_figures


@pytest.fixture
def figures(world):
    return make_figures(world)


def _target(world, figures, **values):
    arguments = {
        "actor": world["erin"],
        "university": world["a"],
        "indicator": figures["share"],
        "period": PERIOD,
        "value": Decimal(60),
    }
    arguments.update(values)
    return services.set_target(**arguments)


def test_set_target_changes_the_existing_one_and_is_audited(world, figures):
    target = _target(world, figures, value=Decimal("62.5"))
    with university_scope(world["a"]):
        targets = list(Target.objects.filter(indicator=figures["share"], unit=None))
    with all_universities():
        logged = sorted(LogEntry.objects.get_for_object(target).values_list("action", flat=True))
    assert [(t.period, t.value, t.set_by) for t in targets] == [
        (PERIOD, Decimal("62.50"), world["erin"])
    ]
    # Created by the fixture, changed here.
    assert logged == [LogEntry.Action.CREATE, LogEntry.Action.UPDATE]


def test_set_target_for_a_unit(world, figures):
    target = _target(world, figures, unit=world["a_faculty"], value=Decimal(30))
    assert (target.unit, target.value) == (world["a_faculty"], Decimal(30))


def test_set_target_outside_every_strategy_refused(world, figures):
    with pytest.raises(ValidationError) as caught:
        _target(world, figures, period="2040/41")
    assert caught.value.message_dict == {
        "period": [
            "The period 2040/41 lies outside every strategy of the university; add or extend "
            "a strategy first."
        ]
    }
    with university_scope(world["a"]):
        assert Target.objects.filter(period="2040/41").count() == 0


def test_set_target_template_strategy_does_not_count(world, figures):
    with university_scope(world["a"]):
        figures["strategy"].is_template = True
        figures["strategy"].save()
    with pytest.raises(ValidationError) as caught:
        _target(world, figures)
    assert list(caught.value.message_dict) == ["period"]


def test_set_target_bad_period_key_refused(world, figures):
    with pytest.raises(ValidationError) as caught:
        _target(world, figures, period="2026-27")
    assert caught.value.message_dict == {"period": ["Write an academic year as 2026/27."]}


@pytest.mark.parametrize(
    "value,message",
    [
        (Decimal(-1), "A target cannot be negative."),
        (Decimal(101), "A percentage target is between 0 and 100."),
        ("many", "Write the target as a number."),
    ],
)
def test_set_target_bad_value_refused(world, figures, value, message):
    with pytest.raises(ValidationError) as caught:
        _target(world, figures, value=value)
    assert caught.value.message_dict == {"value": [message]}


def test_set_target_staff_refused(world, figures):
    with pytest.raises(PermissionDenied):
        _target(world, figures, actor=world["bob"])


def test_set_target_charlie_refused_at_a(world, figures):
    with pytest.raises(PermissionDenied):
        _target(world, figures, actor=world["charlie"])


def test_target_page_saves_and_shows_error_on_period(world, figures, client_for):
    client = client_for(world["erin"])
    url = reverse("indicators:target_set", kwargs={"public_id": figures["students"].public_id})
    bad = client.post(url, {"period": "2040/41", "value": "3"})
    good = client.post(url, {"period": PERIOD, "value": "3"})
    with university_scope(world["a"]):
        value = Target.objects.get(indicator=figures["students"], unit=None, period=PERIOD).value
    assert (bad.status_code, good.status_code, value) == (400, 302, Decimal(3))
    assert "lies outside every strategy" in bad.content.decode()


def test_target_page_bob_refused(world, figures, client_for):
    url = reverse("indicators:target_set", kwargs={"public_id": figures["students"].public_id})
    response = client_for(world["bob"]).post(url, {"period": PERIOD, "value": "3"})
    assert response.status_code == 403


def test_target_delete_charlie_gets_404(world, figures, client_for):
    with university_scope(world["a"]):
        target = Target.objects.filter(indicator=figures["share"]).first()
    url = reverse("indicators:target_delete", kwargs={"public_id": target.public_id})
    assert client_for(world["charlie"]).post(url).status_code == 404
    with university_scope(world["a"]):
        assert Target.objects.filter(pk=target.pk).count() == 1


def test_target_delete_by_office(world, figures, client_for):
    with university_scope(world["a"]):
        target = Target.objects.filter(indicator=figures["share"]).first()
    url = reverse("indicators:target_delete", kwargs={"public_id": target.public_id})
    assert client_for(world["erin"]).post(url).status_code == 302
    with university_scope(world["a"]):
        assert Target.objects.filter(pk=target.pk).count() == 0


def test_take_snapshot_freezes_every_active_indicator(world, figures):
    snapshot = services.take_snapshot(actor=world["erin"], university=world["a"], year=YEAR)
    with university_scope(world["a"]):
        frozen = {
            v.indicator.code: (v.period, v.value, v.numerator, v.denominator, v.target)
            for v in SnapshotValue.objects.filter(snapshot=snapshot).select_related("indicator")
        }
    assert (snapshot.period_type, snapshot.period) == (PeriodType.ACADEMIC_YEAR, PERIOD)
    assert frozen == {
        "T-STU": (PERIOD, Decimal(1), Decimal(1), None, Decimal(1)),
        "T-SHARE": (PERIOD, Decimal(25), Decimal(1), Decimal(4), Decimal(50)),
        "T-ZERO": (PERIOD, None, Decimal(0), Decimal(0), None),
        "T-MAN": (PERIOD, Decimal(1204), None, None, None),
    }


def test_take_snapshot_staff_refused(world, figures):
    with pytest.raises(PermissionDenied):
        services.take_snapshot(actor=world["bob"], university=world["a"], year=YEAR)
    with university_scope(world["a"]):
        assert Snapshot.objects.count() == 0


def test_snapshot_later_edit_changes_live_value_not_frozen(world, figures, client_for):
    snapshot = services.take_snapshot(
        actor=world["erin"], university=world["a"], year=YEAR, title="Report to the ministry"
    )
    # A record changes after the report: a second student joins A.
    newcomer = User.objects.create_user("newcomer@example.kz", "a-long-password-1", full_name="N")
    grant_membership(actor=None, user=newcomer, university=world["a"], role=Role.STUDENT)
    with university_scope(world["a"]):
        frozen = SnapshotValue.objects.get(snapshot=snapshot, indicator=figures["share"]).value
    response = client_for(world["bob"]).get(snapshot.get_absolute_url())
    body = response.content.decode()
    row = body[body.index("T-SHARE") :]
    row = row[: row.index("</tr>")]
    assert frozen == Decimal(25)
    assert ("25.0 %" in row, "50.0 %" in row, "changed by +25.0 %" in row) == (True, True, True)
    assert "2 values have changed since the snapshot." in body


def test_snapshot_page_charlie_gets_404(world, figures, client_for):
    snapshot = services.take_snapshot(actor=world["erin"], university=world["a"], year=YEAR)
    for persona in ("charlie", "bianca", "pavel"):
        response = client_for(world[persona]).get(snapshot.get_absolute_url())
        assert response.status_code == 404, persona


def test_snapshot_list_takes_a_snapshot(world, figures, client_for):
    client = client_for(world["erin"])
    response = client.post(reverse("indicators:snapshots"), {"year": YEAR, "title": "Annual"})
    with university_scope(world["a"]):
        snapshot = Snapshot.objects.get()
    assert (response.status_code, response["Location"]) == (302, snapshot.get_absolute_url())
    listing = client.get(reverse("indicators:snapshots")).content.decode()
    assert "Annual" in listing


def test_snapshot_list_bob_cannot_take(world, figures, client_for):
    response = client_for(world["bob"]).post(reverse("indicators:snapshots"), {"year": YEAR})
    assert response.status_code == 403
