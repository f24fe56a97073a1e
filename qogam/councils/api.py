"""The councils app's part of the REST API."""

from ninja import Router

router = Router(tags=["councils"])
