"""The statistical part: TF-IDF over character n-grams and a multinomial logistic regression.

The model is a gzipped JSON file of vocabulary, idf weights and coefficients (data/model.json.gz)
written by `manage.py train_sdg_model`; reading it runs no code from the file, and inference
needs only numpy.
"""

import gzip
import json
import math
from collections import Counter
from functools import lru_cache
from pathlib import Path

import numpy as np

from qogam.sdg.tagger.tokens import char_ngrams

MODEL_PATH = Path(__file__).resolve().parent.parent / "data" / "model.json.gz"


class LinearModel:
    def __init__(self, data: dict) -> None:
        self.ngram_range = tuple(data["ngram_range"])
        self.classes: list[int] = data["classes"]
        self.index = {gram: i for i, gram in enumerate(data["vocabulary"])}
        self.idf = np.asarray(data["idf"], dtype=np.float64)
        self.coef = np.asarray(data["coef"], dtype=np.float64)
        self.intercept = np.asarray(data["intercept"], dtype=np.float64)
        self.meta = data.get("meta", {})

    def vector(self, text: str) -> dict[int, float]:
        """The text's l2-normalised TF-IDF vector (sublinear tf), as {feature: weight}."""
        counts = Counter(g for g in char_ngrams(text, *self.ngram_range) if g in self.index)
        weights = {
            self.index[g]: (1 + math.log(c)) * self.idf[self.index[g]] for g, c in counts.items()
        }
        norm = math.sqrt(sum(w * w for w in weights.values()))
        return {i: w / norm for i, w in weights.items()} if norm else {}

    def probabilities(self, vector: dict[int, float]) -> dict[int, float]:
        """Probability of each class (0 is "no SDG", 1–17 the goals)."""
        if vector:
            idx = np.fromiter(vector.keys(), dtype=np.int64)
            vals = np.fromiter(vector.values(), dtype=np.float64)
            logits = self.coef[:, idx] @ vals + self.intercept
        else:
            logits = self.intercept.copy()
        logits -= logits.max()
        p = np.exp(logits)
        p /= p.sum()
        return {c: float(v) for c, v in zip(self.classes, p, strict=True)}


def cosine(a: dict[int, float], b: dict[int, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(i, 0.0) for i, w in a.items())


def read_model(path: Path = MODEL_PATH) -> LinearModel:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return LinearModel(json.load(fh))


@lru_cache(maxsize=1)
def shipped_model() -> LinearModel:
    return read_model()
