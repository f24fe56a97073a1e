"""Benchmark: the SDG tagger on held-out labelled texts, beside two anchors.

    python bench/sdg.py [--data ../shared/data/sdg]

Texts (never used in training, see qogam.sdg.tagger.training):
* en abstracts: 30 % of the SwissText 2024 abstracts (one SDG or "no SDG" each), seeded split;
* UN targets kk / ru / en: every fifth UN target of each goal, in each language (there are no
  labelled Kazakh or Russian abstracts; these are short official texts, an easier task).

Systems, all run by the same evaluation code on the same texts:
* Qogam: the shipped tagger (model + Aurora queries + curated terms);
* Aurora rules alone: the Aurora queries through Qogam's query engine, a goal when any matches;
* TF-IDF + LR: word TF-IDF and logistic regression (balanced class weights) trained on the
  same training texts as Qogam's model (training abstracts and UN goal/target texts).

Per goal, a yes/no judgement for every text ("is this goal predicted?"); accuracy is averaged
over the 17 goals. Macro-F1 averages F1 over the classes present, "no SDG" included where the
texts have it. Speed is measured on the en abstracts: texts per second in bulk, and the median
milliseconds for one text. Table printed and written to var/bench/sdg.txt.

    python bench/sdg.py --cv

The cross-validation on the training data only that chose the Kazakh and Russian weights
(qogam.sdg.tagger.KK_RU_RULE_WEIGHT): four folds, each training on the training abstracts and
UN texts less one of the four training slices of each goal's targets (the slices next to the
held-out one) and a quarter of the training abstracts, then tagging what was left out.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from qogam.sdg.tagger import (  # noqa: E402
    AURORA_ONLY,
    Settings,
    tag,
    training,
)
from qogam.sdg.tagger.model import LinearModel, shipped_model  # noqa: E402


class Baseline:
    """Plain word TF-IDF + logistic regression, the usual first anchor."""

    def __init__(self, rows: list[dict]) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: PLC0415
        from sklearn.linear_model import LogisticRegression  # noqa: PLC0415

        self.vectorizer = TfidfVectorizer(sublinear_tf=True)
        x = self.vectorizer.fit_transform([r["text"] for r in rows])
        self.clf = LogisticRegression(
            class_weight="balanced", max_iter=2000, random_state=training.SEED
        )
        self.clf.fit(x, [r["goal"] for r in rows])

    def goals(self, text: str) -> set[int]:
        label = int(self.clf.predict(self.vectorizer.transform([text]))[0])
        return {label} if label else set()


def scores(truth: list[int], predicted: list[set[int]]) -> dict:
    per_goal = {}
    for goal in range(18):
        tp = sum(1 for y, p in zip(truth, predicted, strict=True) if y == goal and _has(p, goal))
        fp = sum(1 for y, p in zip(truth, predicted, strict=True) if y != goal and _has(p, goal))
        fn = sum(
            1 for y, p in zip(truth, predicted, strict=True) if y == goal and not _has(p, goal)
        )
        n = len(truth)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        per_goal[goal] = {
            "support": tp + fn,
            "accuracy": (n - fp - fn) / n,
            "precision": precision,
            "recall": recall,
            "f1": 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0,
        }
    present = [g for g in range(1, 18) if per_goal[g]["support"]]
    classes = present + ([0] if per_goal[0]["support"] else [])
    return {
        "per_goal": per_goal,
        "mean_accuracy": statistics.mean(per_goal[g]["accuracy"] for g in range(1, 18)),
        "precision": statistics.mean(per_goal[g]["precision"] for g in present),
        "recall": statistics.mean(per_goal[g]["recall"] for g in present),
        "f1": statistics.mean(per_goal[g]["f1"] for g in present),
        "macro_f1": statistics.mean(per_goal[g]["f1"] for g in classes),
    }


def _has(predicted: set[int], goal: int) -> bool:
    # "no SDG" (class 0) is predicted exactly when no goal is.
    return not predicted if goal == 0 else goal in predicted


def run(system, texts: list[str]) -> tuple[list[set[int]], float, float]:
    """Predictions, texts per second in bulk, median ms for one text."""
    start = time.perf_counter()
    predicted = [system(t) for t in texts]
    bulk = len(texts) / (time.perf_counter() - start)
    single = []
    for t in texts[:30]:
        s = time.perf_counter()
        system(t)
        single.append((time.perf_counter() - s) * 1000)
    return predicted, bulk, statistics.median(single)


def cross_validate(train: list[dict]) -> None:
    """Macro-F1 per language on folds of the training data for a range of kk/ru rule weights."""
    held = training.held_out_target_codes()
    by_goal: dict[int, list[str]] = {}
    for t in training.taxonomy()["targets"]:
        by_goal.setdefault(t["goal"], []).append(t["code"])
    un_train = training.un_examples(held_out=False)
    abstracts = sorted(train, key=lambda r: r["id"])
    models, dev = [], []
    for k, start in enumerate((0, 1, 3, 4)):
        left_out = {c for codes in by_goal.values() for c in codes[start::5]} - held
        left_abstracts = abstracts[k::4]
        models.append(
            LinearModel(
                training.train(
                    [r for r in abstracts if r not in left_abstracts],
                    [r for r in un_train if r.get("target") not in left_out],
                )
            )
        )
        dev.append(left_abstracts + [r for r in un_train if r.get("target") in left_out])
    print(f"{'kk/ru rule weight':<20}{'abstracts':>10}{'kk':>7}{'ru':>7}{'en':>7}")
    for weight in (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9):
        settings = Settings(kk_ru_model_weight=1 - weight, kk_ru_rule_weight=weight)
        truth: dict[str, list[int]] = {}
        predicted: dict[str, list[set[int]]] = {}
        for model, rows in zip(models, dev, strict=True):
            for r in rows:
                key = r.get("language", "abstracts")
                truth.setdefault(key, []).append(r["goal"])
                result = tag(r["text"], settings=settings, model=model)
                predicted.setdefault(key, []).append({g["goal"] for g in result["goals"]})
        f1 = {k: 100 * scores(truth[k], predicted[k])["macro_f1"] for k in truth}
        print(
            f"{weight:<20}{f1['abstracts']:>10.1f}{f1['kk']:>7.1f}{f1['ru']:>7.1f}{f1['en']:>7.1f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared/data/sdg")
    parser.add_argument("--cv", action="store_true", help="cross-validate on the training data")
    args = parser.parse_args()
    rows = training.read_abstracts(args.data / "swisstext2024-task1-train.jsonl")
    train, held = training.split_abstracts(rows)
    if args.cv:
        cross_validate(train)
        return
    un_held = training.un_examples(held_out=True)
    shipped_model()  # load once, as a running server has it loaded
    tag("warm up the target vectors and rules with an English text about schools")
    baseline = Baseline(train + training.un_examples(held_out=False))
    systems = {
        "Qogam": lambda t: {g["goal"] for g in tag(t)["goals"]},
        "Aurora rules alone": lambda t: {g["goal"] for g in tag(t, settings=AURORA_ONLY)["goals"]},
        "TF-IDF + LR (anchor)": baseline.goals,
    }
    sets = {"en abstracts": held}
    for lang in ("kk", "ru", "en"):
        sets[f"UN targets {lang}"] = [r for r in un_held if r["language"] == lang]

    lines = [
        f"SDG tagger benchmark. Held out: {len(held)} en abstracts (SwissText 2024, seeded "
        f"30 % per class), {len(un_held) // 3} UN targets per language (every 5th per goal).",
        "",
        f"{'texts':<16}{'system':<22}{'n':>5}{'acc/goal':>10}{'P':>7}{'R':>7}{'F1':>7}"
        f"{'mF1+none':>10}{'texts/s':>9}{'ms/text':>9}",
    ]
    qogam_en = None
    for set_name, data in sets.items():
        truth = [r["goal"] for r in data]
        for name, system in systems.items():
            predicted, bulk, single = run(system, [r["text"] for r in data])
            s = scores(truth, predicted)
            if set_name == "en abstracts" and name == "Qogam":
                qogam_en = s
            lines.append(
                f"{set_name:<16}{name:<22}{len(data):>5}{100 * s['mean_accuracy']:>10.1f}"
                f"{100 * s['precision']:>7.1f}{100 * s['recall']:>7.1f}{100 * s['f1']:>7.1f}"
                f"{100 * s['macro_f1']:>10.1f}{bulk:>9.0f}{single:>9.1f}"
            )
        lines.append("")
    lines += [
        "Qogam per goal on the en abstracts (support = held-out texts with that label):",
        f"{'goal':<8}{'support':>8}{'acc':>7}{'P':>7}{'R':>7}{'F1':>7}",
    ]
    for goal in [*range(1, 18), 0]:
        g = qogam_en["per_goal"][goal]
        lines.append(
            f"{'no SDG' if goal == 0 else goal:<8}{g['support']:>8}{100 * g['accuracy']:>7.1f}"
            f"{100 * g['precision']:>7.1f}{100 * g['recall']:>7.1f}{100 * g['f1']:>7.1f}"
        )
    lines += [
        "",
        "acc/goal: mean over the 17 goals of the accuracy of yes/no judgements; P, R, F1: means "
        "over the goals present; mF1+none: macro-F1 with 'no SDG' as a class. Single-label "
        "texts make most judgements 'no', so acc/goal is not comparable with the SDG "
        "Classification Benchmark's balanced expert judgements.",
    ]
    table = "\n".join(lines)
    print(table)
    out = ROOT / "var" / "bench" / "sdg.txt"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(table + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
