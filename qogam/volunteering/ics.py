"""An iCalendar (RFC 5545) file for a shift, written by hand: one VEVENT, times in UTC.

Text values escape backslash, semicolon, comma and newlines; lines end with CRLF and are
folded at 75 octets (never inside a UTF-8 character, so Kazakh titles survive).
"""

from datetime import UTC, datetime

from django.conf import settings

PRODUCT = "-//Qogam//Volunteering//EN"


def escape_text(value: str) -> str:
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def fold(line: str) -> str:
    """Split a content line into pieces of at most 75 octets, continued with CRLF + space."""
    pieces: list[str] = []
    current = ""
    size = 0
    limit = 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            pieces.append(current)
            current, size = "", 1  # the continuation's leading space counts
            limit = 75
        current += char
        size += width
    pieces.append(current)
    return "\r\n ".join(pieces)


def shift_calendar(
    *,
    uid: str,
    starts_at: datetime,
    ends_at: datetime,
    summary: str,
    location: str = "",
    description: str = "",
    url: str = "",
    stamp: datetime | None = None,
) -> str:
    """The text of an .ics file holding one event."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODUCT}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:{uid}@{settings.SITE_URL.split('://')[-1].strip('/') or 'qogam'}",
        f"DTSTAMP:{_utc(stamp or datetime.now(UTC))}",
        f"DTSTART:{_utc(starts_at)}",
        f"DTEND:{_utc(ends_at)}",
        f"SUMMARY:{escape_text(summary)}",
    ]
    if location:
        lines.append(f"LOCATION:{escape_text(location)}")
    if description:
        lines.append(f"DESCRIPTION:{escape_text(description)}")
    if url:
        lines.append(f"URL:{url}")
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return "".join(fold(line) + "\r\n" for line in lines)


def calendar_for_shift(shift, *, language: str | None = None) -> str:
    """The .ics text of a shift, its title in `language` (with the usual fallback)."""
    from qogam.core.i18n import translated  # noqa: PLC0415 -- keeps this module model-free

    opportunity = shift.opportunity
    return shift_calendar(
        uid=str(shift.public_id),
        starts_at=shift.starts_at,
        ends_at=shift.ends_at,
        summary=translated(opportunity, "title", language).text,
        location=opportunity.location,
        description=translated(opportunity, "description", language).text,
        url=settings.SITE_URL + opportunity.get_absolute_url(),
    )
