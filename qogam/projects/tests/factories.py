"""Projects for tests, made through the services."""

import struct
import zlib
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

from qogam.projects import services
from qogam.projects.models import UpdatePhoto

# Distinctive strings: a page or an API answer that shows one to charlie has leaked.
SECRET_PROJECT = "A Secret Project Title"
SECRET_UPDATE = "A Secret Update Title"

VALUES = {
    "kind": "community_service",
    "title_kk": "Аула алаңын жөндеу",
    "title_ru": "Ремонт дворовой площадки",
    "title_en": "Repairing the playground",
    "components": ["educational", "spiritual_moral"],
    "starts_on": date(2026, 3, 1),
    "sdgs": [3, 11],
}


def png_bytes(colour=(200, 40, 40)) -> bytes:
    """A real 8×8 PNG of one colour, built by hand (no imaging library needed)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + bytes(colour) * 8 for _ in range(8))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 8, 8, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def png_upload(name: str = "photo.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, png_bytes(), content_type="image/png")


def make_project(world, actor="alice", *, lead_unit=None, relations=None, **values):
    base = {**VALUES, "lead_unit": lead_unit or world["a_faculty"]}
    base.update(values)
    return services.create_project(
        actor=world[actor],
        university=base["lead_unit"].university,
        values=base,
        **(relations or {}),
    )


def a_project_records(world) -> dict:
    """A's private project with a participant, an update with a photo and evidence."""
    if "_project_records" not in world:
        project = make_project(
            world,
            title_kk=SECRET_PROJECT,
            title_en=SECRET_PROJECT,
            lead_unit=world["a_department"],
            relations={"responsible": [world["bob"]]},
        )
        participant = services.add_participant(
            actor=world["alice"], project=project, user=world["dana"], role="volunteer", hours=4
        )
        update = services.post_update(
            actor=world["alice"],
            project=project,
            on=date(2026, 3, 5),
            title={"kk": SECRET_UPDATE, "en": SECRET_UPDATE},
            photos=[png_upload()],
        )
        evidence = services.add_evidence(
            actor=world["alice"], project=project, title="Act", file=png_upload("act.png")
        )
        world["_project_records"] = {
            "project": project,
            "participant": participant,
            "update": update,
            "photo": UpdatePhoto.objects.with_scopes_disabled().get(update=update),
            "evidence": evidence,
        }
    return world["_project_records"]
