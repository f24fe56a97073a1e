from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from qogam.accounts import views
from qogam.accounts.forms import EmailAuthenticationForm, LocalisedPasswordResetForm

app_name = "accounts"

urlpatterns = [
    path("", views.home, name="home"),
    path(
        "sign-in/",
        auth_views.LoginView.as_view(
            authentication_form=EmailAuthenticationForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password/reset/",
        auth_views.PasswordResetView.as_view(
            form_class=LocalisedPasswordResetForm,
            success_url=reverse_lazy("accounts:password_reset_done"),
            email_template_name="emails/password_reset_body.txt",
            subject_template_name="emails/password_reset_subject.txt",
        ),
        name="password_reset",
    ),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            success_url=reverse_lazy("accounts:password_reset_complete")
        ),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("people/", views.people, name="people"),
    path("people/invite/", views.invite, name="invite"),
    path(
        "people/memberships/<uuid:public_id>/remove/",
        views.membership_revoke,
        name="membership_revoke",
    ),
    path(
        "people/invitations/<uuid:public_id>/withdraw/",
        views.invitation_cancel,
        name="invitation_cancel",
    ),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation"),
    path("profile/", views.profile, name="profile"),
    path("profile/keys/new/", views.token_create, name="token_create"),
    path("profile/keys/<uuid:public_id>/revoke/", views.token_revoke, name="token_revoke"),
    path("audit/", views.audit, name="audit"),
]
