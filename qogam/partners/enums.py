from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    AKIMAT = "akimat", _("Local executive body (akimat)")
    STATE_AGENCY = "state_agency", _("Ministry or state agency")
    BUSINESS = "business", _("Business")
    CHAMBER = "chamber", _("Chamber of entrepreneurs")
    NGO = "ngo", _("Non-governmental organisation")
    SCHOOL = "school", _("School or college")
    HOSPITAL = "hospital", _("Hospital or clinic")
    MEDIA = "media", _("Media")
    INTERNATIONAL = "international", _("International organisation")
    UNIVERSITY = "university", _("Other university")
    OTHER = "other", _("Other")


class Region(models.TextChoices):
    """Kazakhstan's regions and cities of republican significance (since 2022)."""

    ASTANA = "astana", _("Astana")
    ALMATY_CITY = "almaty_city", _("Almaty")
    SHYMKENT = "shymkent", _("Shymkent")
    ABAI = "abai", _("Abai Region")
    AKMOLA = "akmola", _("Akmola Region")
    AKTOBE = "aktobe", _("Aktobe Region")
    ALMATY = "almaty", _("Almaty Region")
    ATYRAU = "atyrau", _("Atyrau Region")
    EAST_KAZAKHSTAN = "east_kazakhstan", _("East Kazakhstan Region")
    ZHAMBYL = "zhambyl", _("Zhambyl Region")
    ZHETYSU = "zhetysu", _("Zhetysu Region")
    WEST_KAZAKHSTAN = "west_kazakhstan", _("West Kazakhstan Region")
    KARAGANDA = "karaganda", _("Karaganda Region")
    KOSTANAY = "kostanay", _("Kostanay Region")
    KYZYLORDA = "kyzylorda", _("Kyzylorda Region")
    MANGYSTAU = "mangystau", _("Mangystau Region")
    PAVLODAR = "pavlodar", _("Pavlodar Region")
    NORTH_KAZAKHSTAN = "north_kazakhstan", _("North Kazakhstan Region")
    TURKESTAN = "turkestan", _("Turkestan Region")
    ULYTAU = "ulytau", _("Ulytau Region")


class AgreementKind(models.TextChoices):
    MEMORANDUM = "memorandum", _("Memorandum")
    COOPERATION = "cooperation", _("Cooperation agreement")
    CONTRACT = "contract", _("Contract")
    INTERNSHIP_BASE = "internship_base", _("Internship base")


class AgreementState(models.TextChoices):
    """What a person decides; `expiring` and `expired` follow from the dates (AgreementStatus)."""

    DRAFT = "draft", _("Draft")
    SIGNED = "signed", _("Signed")
    TERMINATED = "terminated", _("Terminated")


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ACTIVE = "active", _("Active")
    EXPIRING = "expiring", _("Expiring")
    EXPIRED = "expired", _("Expired")
    TERMINATED = "terminated", _("Terminated")


class PartnershipHealth(models.TextChoices):
    # Labels read as a whole phrase: "Active" alone is an agreement's status in kk and ru.
    ACTIVE = "active", _("Active partnership")
    DORMANT = "dormant", _("Dormant partnership")
