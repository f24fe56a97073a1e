from decimal import Decimal

from qogam.staff.tests.records import LECTURES, MENTORING, YEAR, a_staff_records, project_with


def test_api_my_activity_lists_contributions_and_done_hours(world, client_for):
    a_staff_records(world)
    project_with(world, world["bob"], hours=12)
    response = client_for(world["bob"]).get(f"/api/v1/staff/me/activity?year={YEAR}")
    assert response.status_code == 200
    (entry,) = response.json()
    assert entry["university"] == "aqtobe-tech"
    # The API answers content in the default language (Kazakh) without a language prefix.
    assert [c["title"] for c in entry["contributions"]] == ["Аула алаңын жөндеу"]
    assert entry["totals"][0]["source"] == "projects.participation"
    assignment = entry["assignment"]
    assert Decimal(assignment["planned_hours"]) == 60
    assert Decimal(assignment["done_hours"]) == 12
    assert assignment["coverage"] == 50


def test_api_my_activity_other_year_is_empty(world, client_for):
    a_staff_records(world)
    project_with(world, world["bob"], hours=12)
    (entry,) = client_for(world["bob"]).get("/api/v1/staff/me/activity?year=2020").json()
    assert (entry["assignment"], entry["contributions"]) == (None, [])


def test_api_assignments_only_those_the_viewer_may_read(world, client_for):
    records = a_staff_records(world)
    ids = {
        persona: [
            a["id"] for a in client_for(world[persona]).get("/api/v1/staff/assignments").json()
        ]
        for persona in ["bob", "cora", "erin", "charlie", "bianca"]
    }
    mine = [str(records["assignment"].public_id)]
    assert ids == {"bob": mine, "cora": mine, "erin": mine, "charlie": [], "bianca": []}


def test_api_assignment_detail_with_lines(world, client_for):
    records = a_staff_records(world)
    url = f"/api/v1/staff/assignments/{records['assignment'].public_id}"
    body = client_for(world["bob"]).get(url).json()
    assert sorted(line["function_name"] for line in body["lines"]) == sorted(
        [MENTORING["name_kk"], LECTURES["name_kk"]]
    )
    assert client_for(world["charlie"]).get(url).status_code == 404
    assert client_for(world["dana"]).get(url).status_code in {403, 404}


def test_api_functions_of_own_university_only(world, client_for):
    a_staff_records(world)
    names = [
        f["name"]["en"] for f in client_for(world["bob"]).get("/api/v1/staff/functions").json()
    ]
    assert MENTORING["name_en"] in names
    assert client_for(world["bianca"]).get("/api/v1/staff/functions").json() == []
    assert client_for(world["dana"]).get("/api/v1/staff/functions").status_code == 403
    assert client_for(None).get("/api/v1/staff/functions").status_code == 401
