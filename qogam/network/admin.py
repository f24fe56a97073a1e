"""The network's records in Django's admin: memberships and the packs the network shares.
Everyday work goes through the pages and their services; the admin is for repairs."""

from django.contrib import admin
from rules.contrib.admin import ObjectPermissionsModelAdmin

from qogam.core.admin import TenantAdmin
from qogam.network.models import NetworkMembership, NetworkPack


@admin.register(NetworkMembership)
class NetworkMembershipAdmin(TenantAdmin):
    list_display = ("university", "status", "named_in_benchmarks", "joined_on", "left_on")
    list_filter = ("status", "named_in_benchmarks")
    raw_id_fields = ("invited_by", "decided_by")


@admin.register(NetworkPack)
class NetworkPackAdmin(ObjectPermissionsModelAdmin):
    list_display = ("pack", "chosen_by", "created_at")
    raw_id_fields = ("chosen_by",)

    def has_module_permission(self, request):
        return self.has_view_permission(request)
