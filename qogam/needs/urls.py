from django.urls import path

from qogam.needs import views

app_name = "needs"

urlpatterns = [
    path("", views.need_list, name="list"),
    path("new/", views.need_create, name="create"),
    path("moderation/", views.moderation, name="moderation"),
    path("overview/", views.overview, name="overview"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("support/confirm/<str:token>/", views.support_confirm, name="support_confirm"),
    path("<uuid:public_id>/", views.need_detail, name="detail"),
    path("<uuid:public_id>/comment/", views.comment, name="comment"),
    path("<uuid:public_id>/support/", views.support, name="support"),
    path("<uuid:public_id>/follow/", views.follow, name="follow"),
    path("<uuid:public_id>/report/", views.report_need, name="report"),
    path("<uuid:public_id>/moderate/", views.moderate, name="moderate"),
    path("<uuid:public_id>/accept/", views.accept, name="accept"),
    path("<uuid:public_id>/decline/", views.decline, name="decline"),
    path("<uuid:public_id>/start/", views.start, name="start"),
    path("<uuid:public_id>/address/", views.address, name="address"),
    path("<uuid:public_id>/note/", views.note, name="note"),
    path("<uuid:public_id>/hide/", views.hide, name="hide"),
    path("<uuid:public_id>/restore/", views.restore, name="restore"),
    path("attachments/<uuid:public_id>/", views.attachment, name="attachment"),
    path("comments/<uuid:public_id>/hide/", views.comment_hide, name="comment_hide"),
    path("comments/<uuid:public_id>/restore/", views.comment_restore, name="comment_restore"),
    path("comments/<uuid:public_id>/report/", views.report_comment, name="comment_report"),
    path("reports/<uuid:public_id>/resolve/", views.report_resolve, name="report_resolve"),
]
