from django.urls import path

from qogam.strategy.views import parts, strategies

app_name = "strategy"

urlpatterns = [
    path("", strategies.strategy_list, name="list"),
    path("new/", strategies.strategy_create, name="create"),
    path("copy/", strategies.strategy_copy, name="copy"),
    path("<uuid:public_id>/", strategies.strategy_detail, name="detail"),
    path("<uuid:public_id>/edit/", strategies.strategy_edit, name="edit"),
    path("<uuid:public_id>/delete/", strategies.strategy_delete, name="delete"),
    path("<uuid:public_id>/timeline/", strategies.strategy_timeline, name="timeline"),
    path("<uuid:public_id>/plan.xlsx", strategies.strategy_xlsx, name="export_xlsx"),
    path("<uuid:public_id>/plan.pdf", strategies.strategy_pdf, name="export_pdf"),
    path("<uuid:public_id>/directions/new/", parts.direction_create, name="direction_create"),
    path("directions/<uuid:public_id>/edit/", parts.direction_edit, name="direction_edit"),
    path("directions/<uuid:public_id>/delete/", parts.direction_delete, name="direction_delete"),
    path("directions/<uuid:public_id>/goals/new/", parts.goal_create, name="goal_create"),
    path("goals/<uuid:public_id>/edit/", parts.goal_edit, name="goal_edit"),
    path("goals/<uuid:public_id>/delete/", parts.goal_delete, name="goal_delete"),
    path("goals/<uuid:public_id>/measures/new/", parts.measure_create, name="measure_create"),
    path("measures/<uuid:public_id>/", parts.measure_detail, name="measure"),
    path("measures/<uuid:public_id>/edit/", parts.measure_edit, name="measure_edit"),
    path("measures/<uuid:public_id>/delete/", parts.measure_delete, name="measure_delete"),
    path("measures/<uuid:public_id>/notes/", parts.note_create, name="note_create"),
]
