"""The shipped packs: every file loads on an empty database, loading again changes nothing,
every computed definition names registered measures and filters, and a broken file saves
nothing."""

import json
import shutil

import pytest
from django.core.management import call_command

from qogam.core import measures as measure_registry
from qogam.indicators.enums import Method
from qogam.indicators.models import Indicator, Pack, PackEntry
from qogam.indicators.packs import PACKS_DIR, PackError, load_packs, read_pack_files

SHIPPED = ["core-3m", "kef-pce", "kz-national", "tefce", "the-impact", "umr-regional"]


def _choices(*values):
    return lambda: [(v, v) for v in values]


def _definitions():
    for source in read_pack_files():
        for entry in source.data["indicators"]:
            if "name" in entry:
                yield source.path.name, entry


def test_pack_files_are_the_shipped_packs():
    assert sorted(p.stem for p in PACKS_DIR.glob("*.json")) == SHIPPED


def test_packs_load_on_an_empty_database(db):
    summary = load_packs()

    assert sorted(Pack.objects.filter(university__isnull=True).values_list("code", flat=True)) == (
        SHIPPED
    )
    assert summary.created_packs == sorted(SHIPPED)
    assert len(summary.created_indicators) == Indicator.objects.count()
    assert list(Pack.objects.filter(is_default=True).values_list("code", flat=True)) == ["core-3m"]
    core = Pack.objects.get(code="core-3m")
    assert core.entries.count() == 53
    assert sorted(set(core.entries.values_list("section", flat=True))) == [
        f"ENU-{n}" for n in range(1, 10)
    ]


def test_packs_loaded_twice_change_nothing(db):
    load_packs()
    before = list(Indicator.objects.order_by("code").values_list("code", "updated_at"))
    entries = list(PackEntry.objects.order_by("pk").values_list("pk", "order", "section"))

    summary = load_packs()

    assert summary.changed is False
    assert list(Indicator.objects.order_by("code").values_list("code", "updated_at")) == before
    assert list(PackEntry.objects.order_by("pk").values_list("pk", "order", "section")) == entries


def test_shared_indicator_is_one_row_in_each_pack(db):
    load_packs()

    reg07 = Indicator.objects.get(code="REG-07", university__isnull=True)
    assert sorted(reg07.packs.values_list("code", flat=True)) == ["core-3m", "kz-national"]


def test_sync_command_prints_what_it_created(db, capsys):
    call_command("sync_indicator_packs")
    call_command("sync_indicator_packs")

    out = capsys.readouterr().out
    assert out.count("Packs created (6)") == 1
    assert out.count("Nothing to change.") == 1


def test_every_definition_has_names_in_three_languages():
    missing = [
        (name, entry["code"], lang)
        for name, entry in _definitions()
        for lang in ("kk", "ru", "en")
        if not entry["name"].get(lang, "").strip()
    ]

    assert missing == []


def test_every_computed_definition_names_registered_measures_and_filters():
    problems = []
    for name, entry in _definitions():
        if entry["method"] != Method.COMPUTED:
            continue
        for key_field, filters_field in (
            ("measure", "measure_filters"),
            ("denominator", "denominator_filters"),
        ):
            key = entry.get(key_field)
            if not key:
                continue
            found = measure_registry.measure(key)
            if found is None:
                problems.append((name, entry["code"], key))
                continue
            problems += [
                (name, entry["code"], p) for p in found.filter_errors(entry.get(filters_field, {}))
            ]

    assert problems == []


def test_evidence_items_suggest_computed_core_indicators():
    core = {
        e["code"]: e for e in json.loads((PACKS_DIR / "core-3m.json").read_text())["indicators"]
    }
    items = json.loads((PACKS_DIR / "the-impact.json").read_text())["indicators"]

    wrong = [
        (item["code"], code)
        for item in items
        for code in item["suggested_from"]
        if core.get(code, {}).get("method") != Method.COMPUTED
    ]
    assert wrong == []
    assert {item["method"] for item in items} == {Method.EVIDENCE}


def test_core_pack_sections_are_named_in_three_languages(db):
    load_packs()
    core = Pack.objects.get(code="core-3m")

    assert sorted(core.sections) == [f"ENU-{n}" for n in range(1, 10)]
    assert core.section_title("ENU-4", "en") == (
        "ENU-4 · Student volunteering linked to the academic process"
    )
    assert core.section_title("ENU-4", "kk").startswith("ENU-4 · Оқу үдерісімен")
    assert core.section_title("ENU-4", "ru").startswith("ENU-4 · Студенческое волонтёрское")
    assert core.section_title("X-1", "en") == "X-1"


def test_pack_section_without_russian_name_fails_naming_the_section(db, tmp_path):
    for path in PACKS_DIR.glob("*.json"):
        shutil.copy(path, tmp_path / path.name)
    broken = tmp_path / "core-3m.json"
    data = json.loads(broken.read_text())
    data["sections"]["ENU-3"]["ru"] = ""
    broken.write_text(json.dumps(data, ensure_ascii=False))

    with pytest.raises(PackError) as failure:
        load_packs(tmp_path)

    assert str(failure.value) == "core-3m.json, sections, ENU-3: the text in ru is missing."
    assert Pack.objects.count() == 0


def test_broken_pack_file_fails_naming_the_code_and_saves_nothing(db, tmp_path):
    for path in PACKS_DIR.glob("*.json"):
        shutil.copy(path, tmp_path / path.name)
    broken = tmp_path / "core-3m.json"
    data = json.loads(broken.read_text())
    vol01 = next(e for e in data["indicators"] if e["code"] == "VOL-01")
    vol01["measure"] = "volunteering.no_such_measure"
    broken.write_text(json.dumps(data, ensure_ascii=False))

    with pytest.raises(PackError) as failure:
        load_packs(tmp_path)

    assert str(failure.value).startswith("core-3m.json, VOL-01, measure: ")
    assert "volunteering.no_such_measure" in str(failure.value)
    assert Indicator.objects.count() == 0
    assert Pack.objects.count() == 0


def test_broken_pack_file_keeps_what_was_loaded_before(db, tmp_path):
    load_packs()
    for path in PACKS_DIR.glob("*.json"):
        shutil.copy(path, tmp_path / path.name)
    broken = tmp_path / "the-impact.json"
    data = json.loads(broken.read_text())
    data["name"]["en"] = "Renamed"
    data["indicators"][-1]["measure_filters"] = {"kind": ["x"]}
    data["indicators"][-1]["method"] = "computed"
    data["indicators"][-1]["measure"] = "projects.projects"
    broken.write_text(json.dumps(data, ensure_ascii=False))

    with pytest.raises(PackError) as failure:
        load_packs(tmp_path)

    assert str(failure.value).startswith("the-impact.json, THE-16.3-PLATFORM, measure_filters: ")
    assert Pack.objects.get(code="the-impact").name_en == "THE Impact Rankings: evidence items"
