from qogam.network.views import conferences, joint_projects, members, practices

app_name = "network"

# Each part of the network's pages declares its own routes.
urlpatterns = [
    *members.urlpatterns,
    *practices.urlpatterns,
    *joint_projects.urlpatterns,
    *conferences.urlpatterns,
]
