"""Rebuild the bundled data files from the sources in ../shared/data/sdg/.

    python qogam/sdg/data/build_data.py [SOURCE_DIR]

Needs PyYAML (any Python that has it; the app itself reads only the JSON written here).
Writes taxonomy.json (open-sdg translations, MIT) and aurora_queries.json (Aurora Universities
Network SDG queries, CC BY 4.0); see NOTICE.md for both attributions.
"""

import json
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
LANGUAGES = ("kk", "ru", "en")
# The UN's official SDG colour palette (SDG communications guidelines).
COLOURS = {
    1: "#E5243B",
    2: "#DDA63A",
    3: "#4C9F38",
    4: "#C5192D",
    5: "#FF3A21",
    6: "#26BDE2",
    7: "#FCC30B",
    8: "#A21942",
    9: "#FD6925",
    10: "#DD1367",
    11: "#FD9D24",
    12: "#BF8B2E",
    13: "#3F7E44",
    14: "#0A97D9",
    15: "#56C02B",
    16: "#00689D",
    17: "#19486A",
}
NS = {
    "aqd": "http://aurora-network.global/queries/namespace/",
    "dc": "http://dublincore.org/documents/dcmi-namespace/",
}


def _target_sort_key(code: str):
    goal, part = code.split(".")
    return (int(goal), 0 if part.isdigit() else 1, int(part) if part.isdigit() else part)


def build_taxonomy(source: Path) -> dict:
    goals: dict[int, dict] = {n: {"number": n, "colour": COLOURS[n]} for n in range(1, 18)}
    targets: dict[str, dict] = {}
    for lang in LANGUAGES:
        g = yaml.safe_load((source / "un-goals-targets" / lang / "global_goals.yml").read_text())
        for n in range(1, 18):
            goals[n].setdefault("short", {})[lang] = " ".join(str(g[f"{n}-short"]).split())
            goals[n].setdefault("title", {})[lang] = " ".join(str(g[f"{n}-title"]).split())
        t = yaml.safe_load((source / "un-goals-targets" / lang / "global_targets.yml").read_text())
        for key, text in t.items():
            m = re.fullmatch(r"(\d+)-(\w+)-title", key)
            if not m:
                continue
            code = f"{m[1]}.{m[2]}"
            entry = targets.setdefault(code, {"code": code, "goal": int(m[1]), "title": {}})
            entry["title"][lang] = " ".join(str(text).split())
    return {
        "source": "open-sdg/sdg-translations 0cda585, MIT licence",
        "goals": [goals[n] for n in range(1, 18)],
        "targets": [targets[c] for c in sorted(targets, key=_target_sort_key)],
    }


def build_aurora(source: Path) -> dict:
    goals = {}
    for n in range(1, 18):
        root = ET.parse(source / "aurora-queries" / f"query_SDG{n}.xml").getroot()  # noqa: S314
        definitions = []
        for d in root.iter(f"{{{NS['aqd']}}}query-definition"):
            uri = d.find("dc:identifier[@type='uri']", NS)
            target = uri.text.rsplit("/", 1)[-1] if uri is not None and uri.text else ""
            lines = [
                " ".join(line.text.split())
                for line in d.iter(f"{{{NS['aqd']}}}query-line")
                # Affiliation and year filters say nothing about a text's topic.
                if line.get("field") == "TITLE-ABS-KEY" and line.text and line.text.strip()
            ]
            if lines:
                definitions.append({"target": target, "lines": lines})
        goals[str(n)] = definitions
    return {
        "source": "Aurora Universities Network, SDG queries v5 (commit 9acd03d), "
        "https://github.com/Aurora-Network-Global/sdg-queries, CC BY 4.0",
        "goals": goals,
    }


def main() -> None:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE.parents[3] / "shared/data/sdg"
    for name, data in (
        ("taxonomy.json", build_taxonomy(source)),
        ("aurora_queries.json", build_aurora(source)),
    ):
        (HERE / name).write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n")
        print("wrote", HERE / name)


if __name__ == "__main__":
    main()
