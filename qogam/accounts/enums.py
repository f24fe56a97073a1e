# Roles are shared by every app's rules, so they live in qogam.core.enums.
from qogam.core.enums import NETWORK_MEMBER_ROLES, STAFF_ROLES, Role

__all__ = ["NETWORK_MEMBER_ROLES", "STAFF_ROLES", "Role"]
