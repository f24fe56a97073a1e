from django.urls import path

from qogam.sdg.views import bulk, local_targets, profile, suggest

app_name = "sdg"
urlpatterns = [
    path("suggest/", suggest.suggest, name="suggest"),
    path("", profile.profile, name="profile"),
    path("runs/", bulk.run_list, name="runs"),
    path("runs/<uuid:public_id>/", bulk.run_detail, name="run"),
    path("runs/<uuid:public_id>/progress/", bulk.run_progress, name="run_progress"),
    path("review/", bulk.review, name="review"),
    path("review/<uuid:public_id>/", bulk.decide, name="decide"),
    path("local-targets/", local_targets.local_target_list, name="local_targets"),
    path("local-targets/new/", local_targets.local_target_create, name="local_target_create"),
    path(
        "local-targets/<uuid:public_id>/",
        local_targets.local_target_edit,
        name="local_target_edit",
    ),
    path(
        "local-targets/<uuid:public_id>/delete/",
        local_targets.local_target_delete,
        name="local_target_delete",
    ),
]
