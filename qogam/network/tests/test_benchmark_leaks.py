"""What a member keeps to itself never reaches another member, the network's administrators or
the portal: not in benchmark pages, the API or the exports, in any language.

A's BM-SHARE is private and carries 91.37 (this year) and 77.70 (last year), numbers nothing
else in the world has. C consented to be compared but not named. When a member leaves, its
values and name drop out of every benchmark.
"""

import re
from io import BytesIO

import openpyxl
import pytest
from django.urls import reverse
from django.utils import translation

from qogam.core.enums import Visibility
from qogam.network.enums import MembershipStatus
from qogam.network.tests.records_members import (
    THIS_YEAR,
    bench_world,
    make_membership,
    share,
)

A_PRIVATE = ("91.37", "91,37", "77.70", "77.7", "77,70")
C_NAMES = (
    "Caspian State University",
    "Каспийский государственный университет",
    "Каспий мемлекеттік университеті",
    "caspian-state",
)


@pytest.fixture(autouse=True)
def _in_english():
    """Pages and the API are read in English, where the anonymised label is "University A"."""
    with translation.override("en"):
        yield


A_NAMES = (
    "Aqtobe Technical University",
    "Актюбинский технический университет",
    "Ақтөбе техникалық университеті",
)


def _xlsx_text(content: bytes) -> str:
    book = openpyxl.load_workbook(BytesIO(content))
    cells = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows(values_only=True):
            cells.extend("" if value is None else str(value) for value in row)
    return "\n".join(cells)


def _everything(client, world, *, codes=("BM-COUNT", "BM-SHARE")) -> list[tuple[str, str]]:
    """(address, text) of every benchmark page, export and API answer a reader can open."""
    seen = []
    for language in ("kk", "ru", "en"):
        with translation.override(language):
            seen.append(("list", client.get(reverse("network:benchmarks")).content.decode()))
            for code in codes:
                indicator = world["indicators"][code]
                for query in (
                    "",
                    f"?year={THIS_YEAR - 1}",
                    "?per=students",
                    "?per=staff",
                ):
                    url = reverse("network:benchmark", args=[indicator.public_id]) + query
                    seen.append((url, client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()))
                    export = reverse("network:benchmark_export", args=[indicator.public_id])
                    response = client.get(export + query)
                    text = (
                        _xlsx_text(response.content)
                        if response.status_code == 200
                        else response.content.decode()
                    )
                    seen.append((export + query, text))
    seen.append(
        (
            "api list",
            client.get("/api/v1/network/benchmarks", HTTP_ACCEPT_LANGUAGE="en").content.decode(),
        )
    )
    for code in codes:
        for query in ("", f"?year={THIS_YEAR - 1}", "?per=students"):
            url = f"/api/v1/network/benchmarks/{code}{query}"
            seen.append((url, client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()))
    return seen


def _numbers(text: str) -> set[str]:
    """Every decimal number written in a page or file, with its point or comma."""
    return set(re.findall(r"\d+[.,]\d+", text))


def _portal(client, codes=("BM-COUNT", "BM-SHARE")) -> list[tuple[str, str]]:
    seen = []
    for language in ("kk", "ru", "en"):
        with translation.override(language):
            seen.append(("portal", client.get(reverse("portal:benchmarks")).content.decode()))
            for code in codes:
                url = reverse("portal:benchmark", args=[code])
                seen.append((url, client.get(url).content.decode()))
    return seen


@pytest.mark.parametrize("persona", ["charlie", "bianca", "carl", "nora"])
def test_leak_private_values_never_reach_another_reader(world, client_for, persona):
    bench_world(world)
    client = client_for(world[persona])

    seen = _everything(client, world)

    assert len(seen) == 3 * (1 + 2 * 8) + 1 + 6
    for address, text in seen:
        for secret in A_PRIVATE:
            assert secret not in text, (persona, address, secret)


def test_leak_own_reader_does_see_its_private_value(world, client_for):
    # The canary: the secret is there to find, for A's own people.
    bench_world(world)

    body = client_for(world["bob"]).get(
        reverse("network:benchmark", args=[world["indicators"]["BM-SHARE"].public_id])
    )

    assert "91.37" in body.content.decode()


@pytest.mark.parametrize("persona", ["alice", "charlie", "bianca", "nora"])
def test_leak_anonymised_member_name_never_appears(world, client_for, persona):
    bench_world(world)

    for address, text in _everything(client_for(world[persona]), world):
        for name in C_NAMES:
            assert name not in text, (persona, address, name)
    # The canary: C's values are there, under its letter.
    page = client_for(world[persona]).get(
        reverse("network:benchmark", args=[world["indicators"]["BM-COUNT"].public_id])
    )
    assert "University A" in page.content.decode()


def test_leak_left_member_values_and_name_disappear(world, client_for):
    bench_world(world)
    make_membership(world["a"], MembershipStatus.LEFT)

    for address, text in _everything(client_for(world["charlie"]), world):
        for name in A_NAMES:
            assert name not in text, (address, name)
        # A's shared BM-COUNT values (10 and 12) leave the figures with it.
        # Kazakh and Russian pages write a decimal comma.
        assert not {"12.00", "12,00", "12.0000"} & _numbers(text), address


def test_leak_portal_shows_only_published_values(world, client_for):
    bench_world(world)
    # B publishes BM-COUNT too, so the portal has two values to compare; A shares it with
    # the network only.
    share(world["b"], world["indicators"]["BM-COUNT"], Visibility.PUBLIC)

    seen = _portal(client_for(None))

    # The English page: numbers with a decimal point and the label "University A".
    count_page = next(
        text for address, text in seen if address.startswith("/en/") and "BM-COUNT" in address
    )
    assert "30.00" in count_page and "50.00" in count_page and "University A" in count_page
    for address, text in seen:
        assert not {"12.00", "12,00"} & _numbers(text), address  # A's network-only value
        if "BM-SHARE" in address:
            assert not {"45.00", "45,00"} & _numbers(text), address  # B's network-only
        for secret in (*A_PRIVATE, *C_NAMES[:3], *A_NAMES):
            assert secret not in text, (address, secret)


def test_leak_portal_benchmark_with_one_published_value_is_not_a_page(world, client_for):
    bench_world(world)

    response = client_for(None).get(reverse("portal:benchmark", args=["BM-COUNT"]))

    assert response.status_code == 404
