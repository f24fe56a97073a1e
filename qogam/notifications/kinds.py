"""The kinds of notice. Each app registers its own; the notifications app owns none.

A kind names its templates: `notifications/kinds/<key>_title.txt` and `<key>_body.txt`,
rendered in the recipient's language.
"""

from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class NoticeKind:
    key: str
    label: str | Promise


_kinds: dict[str, NoticeKind] = {}


def register_kind(kind: NoticeKind) -> None:
    _kinds[kind.key] = kind


def get_kind(key: str) -> NoticeKind:
    try:
        return _kinds[key]
    except KeyError:
        raise LookupError(f"Unknown kind of notice: {key!r}; register it first.") from None


def all_kinds() -> list[NoticeKind]:
    return sorted(_kinds.values(), key=lambda k: k.key)
