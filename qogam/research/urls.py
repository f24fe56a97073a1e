from django.urls import path

from qogam.research import views

app_name = "research"

urlpatterns = [
    path("", views.study_list, name="list"),
    path("export/", views.study_export, name="export"),
    path("new/", views.study_create, name="create"),
    path("<uuid:public_id>/", views.study_detail, name="study"),
    path("<uuid:public_id>/edit/", views.study_edit, name="study_edit"),
    path("<uuid:public_id>/uptake/", views.study_uptake, name="uptake"),
    path("<uuid:public_id>/outputs/new/", views.output_create, name="output_create"),
    path(
        "<uuid:public_id>/outputs/<uuid:output_id>/delete/",
        views.output_delete,
        name="output_delete",
    ),
    path("<uuid:public_id>/outputs/<uuid:output_id>/file/", views.output_file, name="output_file"),
    # the science shop
    path("science-shop/", views.question_list, name="questions"),
    path("science-shop/from-need/<uuid:need_id>/", views.question_create, name="question_create"),
    path("science-shop/<uuid:public_id>/", views.question_detail, name="question"),
    path("science-shop/<uuid:public_id>/edit/", views.question_edit, name="question_edit"),
    path("science-shop/<uuid:public_id>/take/", views.question_take, name="question_take"),
    path(
        "science-shop/<uuid:public_id>/students/<uuid:taker_id>/confirm/",
        views.question_confirm,
        name="question_confirm",
    ),
    path(
        "science-shop/<uuid:public_id>/complete/",
        views.question_complete,
        name="question_complete",
    ),
    path(
        "science-shop/<uuid:public_id>/withdraw/",
        views.question_withdraw,
        name="question_withdraw",
    ),
]
