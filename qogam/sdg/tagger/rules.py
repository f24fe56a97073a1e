"""Transparent term rules: Boolean queries (Scopus syntax) and curated term lists.

The Aurora Universities Network's SDG queries (CC BY 4.0, see data/NOTICE.md) are evaluated
as written, with their proximity operators, over the words of a text; our own term lists in
kk, ru and en are phrases where a trailing "*" matches any ending. Every hit keeps the words
it matched, so a suggestion can always say why it was made.
"""

import bisect
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from qogam.sdg.tagger.tokens import words

DATA = Path(__file__).resolve().parent.parent / "data"
_QUERY_TOKEN = re.compile(
    r'"[^"]*"|\{[^}]*\}|\(|\)|\bW/\d+\b|\bPRE/\d+\b|\bAND\s+NOT\b|\bAND\b|\bOR\b|[^\s(){}"]+',
    re.IGNORECASE,
)

Span = tuple[int, int]  # word positions [start, end)


class QuerySyntaxError(ValueError):
    pass


class Document:
    """A text's words with an index for fast phrase and prefix look-ups."""

    def __init__(self, text: str) -> None:
        self.words = words(text)
        self.index: dict[str, list[int]] = {}
        for i, w in enumerate(self.words):
            self.index.setdefault(w, []).append(i)
        self.vocabulary = sorted(self.index)

    def _positions(self, term: str) -> list[int]:
        if term.endswith("*"):
            stem = term[:-1]
            lo = bisect.bisect_left(self.vocabulary, stem)
            found: list[int] = []
            for w in self.vocabulary[lo:]:
                if not w.startswith(stem):
                    break
                found.extend(self.index[w])
            return found
        return self.index.get(term, [])

    def phrase(self, phrase: str) -> list[Span]:
        # "*" stays attached to the word it ends; other punctuation splits like the text does.
        parts = [
            p + ("*" if raw.endswith("*") else "")
            for raw in phrase.lower().split()
            for p in words(raw)
        ]
        if not parts:
            return []
        spans = []
        following = [set(self._positions(p)) for p in parts[1:]]
        for start in self._positions(parts[0]):
            if all(start + k in positions for k, positions in enumerate(following, 1)):
                spans.append((start, start + len(parts)))
        return spans

    def text_of(self, span: Span) -> str:
        return " ".join(self.words[span[0] : span[1]])


@dataclass(frozen=True)
class Node:
    op: str  # "term", "or", "and", "not", "near", "pre"
    children: tuple["Node", ...] = ()
    term: str = ""
    distance: int = 0

    def spans(self, doc: Document) -> list[Span]:
        """Where the expression matches; empty when it does not."""
        if self.op == "term":
            return doc.phrase(self.term)
        if self.op == "or":
            return [s for c in self.children for s in c.spans(doc)]
        left, right = self.children[0].spans(doc), self.children[1].spans(doc)
        if self.op == "and":
            return left + right if left and right else []
        if self.op == "not":
            return left if not right else []
        # W/n: at most n words between the two sides, either order; PRE/n: left comes first.
        kept = []
        for a in left:
            for b in right:
                after = b[0] - a[1]
                gap = after if self.op == "pre" else max(after, a[0] - b[1])
                if 0 <= gap <= self.distance:
                    kept.extend((a, b))
        return kept


class _Parser:
    # Scopus precedence, tightest first: OR, W/n and PRE/n, AND, AND NOT.
    def __init__(self, query: str) -> None:
        self.tokens = _QUERY_TOKEN.findall(query)
        self.i = 0

    def peek(self) -> str | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self) -> str:
        token = self.peek()
        if token is None:
            raise QuerySyntaxError("unexpected end of query")
        self.i += 1
        return token

    def parse(self) -> Node:
        node = self.and_not()
        if self.peek() is not None:
            raise QuerySyntaxError(f"unexpected {self.peek()!r}")
        return node

    def and_not(self) -> Node:
        node = self.and_()
        while (t := self.peek()) and re.fullmatch(r"AND\s+NOT", t, re.IGNORECASE):
            self.take()
            node = Node("not", (node, self.and_()))
        return node

    def and_(self) -> Node:
        node = self.near()
        while (t := self.peek()) and t.upper() == "AND":
            self.take()
            node = Node("and", (node, self.near()))
        return node

    def near(self) -> Node:
        node = self.or_()
        while (t := self.peek()) and re.fullmatch(r"(W|PRE)/\d+", t, re.IGNORECASE):
            self.take()
            kind, n = t.upper().split("/")
            node = Node("near" if kind == "W" else "pre", (node, self.or_()), distance=int(n))
        return node

    def or_(self) -> Node:
        nodes = [self.atom()]
        while (t := self.peek()) and t.upper() == "OR":
            self.take()
            nodes.append(self.atom())
        return nodes[0] if len(nodes) == 1 else Node("or", tuple(nodes))

    def atom(self) -> Node:
        token = self.take()
        if token == "(":  # noqa: S105 -- a query token, not a secret
            node = self.and_not()
            if self.take() != ")":
                raise QuerySyntaxError("missing )")
            return node
        if token in (")",) or token.upper() in ("AND", "OR"):
            raise QuerySyntaxError(f"unexpected {token!r}")
        return Node("term", term=token.strip('"{}'))


def parse_query(query: str) -> Node:
    return _Parser(query).parse()


@dataclass(frozen=True)
class Rule:
    goal: int
    target: str  # "4.1", or "" for a goal-level rule
    source: str  # "aurora" or "terms"
    node: Node
    label: str


@dataclass(frozen=True)
class Hit:
    rule: Rule
    matched: tuple[str, ...]


@lru_cache(maxsize=1)
def aurora_rules() -> tuple[Rule, ...]:
    data = json.loads((DATA / "aurora_queries.json").read_text(encoding="utf-8"))
    rules = []
    for goal, definitions in data["goals"].items():
        for definition in definitions:
            nodes = []
            for line in definition["lines"]:
                try:
                    nodes.append(parse_query(line))
                except QuerySyntaxError:
                    continue  # a malformed line in the source is skipped, not guessed at
            if nodes:
                node = nodes[0] if len(nodes) == 1 else Node("or", tuple(nodes))
                label = f"Aurora SDG {goal} query {definition['target'] or goal}"
                rules.append(Rule(int(goal), definition["target"], "aurora", node, label))
    return tuple(rules)


@lru_cache(maxsize=1)
def term_rules() -> dict[str, tuple[Rule, ...]]:
    """Our curated phrases per language, one rule per phrase."""
    data = json.loads((DATA / "terms.json").read_text(encoding="utf-8"))
    by_language: dict[str, list[Rule]] = {"kk": [], "ru": [], "en": []}
    for goal, languages in data["goals"].items():
        for language, phrases in languages.items():
            for phrase in phrases:
                node = Node("term", term=phrase)
                by_language[language].append(Rule(int(goal), "", "terms", node, phrase))
    return {k: tuple(v) for k, v in by_language.items()}


def match(doc: Document, rules: tuple[Rule, ...]) -> list[Hit]:
    hits = []
    for rule in rules:
        spans = rule.node.spans(doc)
        if spans:
            matched = tuple(dict.fromkeys(doc.text_of(s) for s in spans))[:5]
            hits.append(Hit(rule, matched))
    return hits
