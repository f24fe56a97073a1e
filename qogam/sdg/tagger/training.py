"""Training data, the fixed held-out parts, and the training itself (scikit-learn).

Held out, never trained on, in every run:
* 30 % of the SwissText abstracts, drawn per class with a fixed seed (the English benchmark);
* every fifth UN target of each goal, in all three languages (the kk/ru/en benchmark, since
  there are no labelled Kazakh or Russian abstracts).
"""

import gzip
import json
import random
from pathlib import Path

from qogam.sdg.tagger.tokens import char_ngrams

SEED = 20240709
HOLDOUT_SHARE = 0.3
NGRAM_RANGE = (3, 5)
MAX_FEATURES = 20_000
TAXONOMY_PATH = Path(__file__).resolve().parent.parent / "data" / "taxonomy.json"


def read_abstracts(path: Path) -> list[dict]:
    rows = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                r = json.loads(line)
                rows.append(
                    {"id": r["ID"], "text": f"{r['TITLE']}. {r['ABSTRACT']}", "goal": int(r["SDG"])}
                )
    return rows


def split_abstracts(rows: list[dict]) -> tuple[list[dict], list[dict]]:
    """(train, held_out): per class, a seeded shuffle, the first 30 % (rounded up) held out."""
    rng = random.Random(SEED)  # noqa: S311 -- a reproducible split, not a secret
    train, held = [], []
    for goal in sorted({r["goal"] for r in rows}):
        group = sorted((r for r in rows if r["goal"] == goal), key=lambda r: r["id"])
        rng.shuffle(group)
        cut = -(-len(group) * 3 // 10)
        held += group[:cut]
        train += group[cut:]
    return train, held


def taxonomy() -> dict:
    return json.loads(TAXONOMY_PATH.read_text(encoding="utf-8"))


def held_out_target_codes() -> set[str]:
    codes = set()
    by_goal: dict[int, list[str]] = {}
    for t in taxonomy()["targets"]:
        by_goal.setdefault(t["goal"], []).append(t["code"])
    for goal_codes in by_goal.values():
        codes.update(goal_codes[2::5])
    return codes


def un_examples(*, held_out: bool) -> list[dict]:
    """Goal and target texts in kk/ru/en labelled with their goal (targets held out or not)."""
    tax = taxonomy()
    held = held_out_target_codes()
    rows = []
    if not held_out:
        for g in tax["goals"]:
            for lang in ("kk", "ru", "en"):
                text = f"{g['short'][lang]}. {g['title'][lang]}"
                rows.append({"text": text, "goal": g["number"], "language": lang})
    for t in tax["targets"]:
        if (t["code"] in held) == held_out:
            for lang in ("kk", "ru", "en"):
                rows.append(
                    {
                        "text": t["title"][lang],
                        "goal": t["goal"],
                        "language": lang,
                        "target": t["code"],
                    }
                )
    return rows


def _analyzer(text: str) -> list[str]:
    return char_ngrams(text, *NGRAM_RANGE)


def train(abstracts: list[dict], extra: list[dict]) -> dict:
    """Fit the model; returns the JSON-ready dict that model.LinearModel reads."""
    # scikit-learn is needed only here, not to tag; imported late so tagging never loads it.
    from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: PLC0415
    from sklearn.linear_model import LogisticRegression  # noqa: PLC0415

    texts = [r["text"] for r in abstracts + extra]
    labels = [r["goal"] for r in abstracts + extra]
    vectorizer = TfidfVectorizer(
        analyzer=_analyzer, sublinear_tf=True, min_df=2, max_features=MAX_FEATURES
    )
    x = vectorizer.fit_transform(texts)
    clf = LogisticRegression(C=20.0, class_weight="balanced", max_iter=3000, random_state=SEED)
    clf.fit(x, labels)
    vocabulary = sorted(vectorizer.vocabulary_, key=vectorizer.vocabulary_.get)
    return {
        "ngram_range": list(NGRAM_RANGE),
        "classes": [int(c) for c in clf.classes_],
        "vocabulary": vocabulary,
        "idf": [round(float(v), 4) for v in vectorizer.idf_],
        "coef": [[round(float(v), 4) for v in row] for row in clf.coef_],
        "intercept": [round(float(v), 4) for v in clf.intercept_],
        "meta": {"abstracts": len(abstracts), "un_texts": len(extra), "seed": SEED},
    }


def write_model(model: dict, path: Path) -> None:
    # mtime=0 keeps the file byte-identical for identical training runs.
    raw = json.dumps(model, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    with path.open("wb") as fh, gzip.GzipFile(fileobj=fh, mode="wb", mtime=0) as gz:
        gz.write(raw)
