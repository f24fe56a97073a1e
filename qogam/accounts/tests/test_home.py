import re

import pytest

EXPECTED_PANELS = {
    "alice": ["my-roles", "universities", "overview", "needs-awaiting", "people"],
    "erin": ["my-roles", "universities", "overview", "needs-awaiting", "third-mission"],
    "cora": ["my-roles", "universities", "my-units", "needs-awaiting", "people", "third-mission"],
    "bob": ["my-roles", "universities", "my-units", "third-mission"],
    "dana": ["my-roles", "universities", "my-units", "student"],
    "pavel": ["my-roles", "universities", "my-organisation"],
    "charlie": ["my-roles", "universities", "overview", "needs-awaiting", "people"],
    "nora": ["my-roles", "universities", "overview", "needs-awaiting", "people"],
}


@pytest.mark.parametrize("persona", sorted(EXPECTED_PANELS))
def test_home_shows_each_role_its_panels(world, client_for, persona):
    page = client_for(world[persona]).get("/en/").content.decode()
    assert re.findall(r'data-panel="([^"]+)"', page) == EXPECTED_PANELS[persona]


def test_home_overview_counts_own_university_only(world, client_for):
    page = client_for(world["alice"]).get("/en/").content.decode()
    overview = page.split('data-panel="overview"')[1].split("</section>")[0]
    assert "aqtobe-tech" in overview
    assert "baikonur-state" not in overview
    # A's people: alice, erin, cora, bob are staff-level; dana a student; pavel a partner.
    assert re.findall(r"<td>(\d+)</td>", overview) == ["3", "4", "1", "1"]


def test_home_for_anonymous_redirects_to_sign_in(client, db):
    response = client.get("/en/")
    assert response.status_code == 302
    assert response["Location"] == "/en/sign-in/"
