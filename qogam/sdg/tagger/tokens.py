"""Word tokens and character n-grams shared by the rules, the model and its training."""

import re

_WORD = re.compile(r"\w+", re.UNICODE)


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def char_ngrams(text: str, low: int = 3, high: int = 5) -> list[str]:
    """Character n-grams inside word boundaries (like scikit-learn's "char_wb").

    They carry across inflection: Kazakh and Russian stems match whatever the ending.
    """
    grams: list[str] = []
    for word in words(text):
        padded = f" {word} "
        for n in range(low, high + 1):
            if len(padded) < n:
                break
            grams.extend(padded[i : i + n] for i in range(len(padded) - n + 1))
    return grams
