from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from qogam.accounts.models import Invitation, User
from qogam.core.enums import Role
from qogam.organisations.models import Unit, University


class EmailAuthenticationForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )
    error_messages = {
        "invalid_login": _(
            "The e-mail address or the password is not right. Note that the password is "
            "case-sensitive."
        ),
        "inactive": _("This account is switched off. Ask your university's administrator."),
    }


class InvitationForm(forms.ModelForm):
    """Who to invite, to which role. Choices are narrowed to what the inviter may grant."""

    class Meta:
        model = Invitation
        fields = ["university", "email", "full_name", "role", "unit", "language"]

    university = forms.ModelChoiceField(queryset=University.objects.none(), label=_("University"))
    # Declared here because the model's own field would query units with no tenant scope open.
    unit = forms.ModelChoiceField(queryset=Unit.objects.none(), label=_("Unit"), required=False)

    def __init__(self, *args, viewer, **kwargs):
        super().__init__(*args, **kwargs)
        if viewer.is_network_admin:
            universities = University.objects.all()
            roles = list(Role.choices)
        else:
            ids = viewer.university_ids_with(Role.UNIVERSITY_ADMIN, Role.UNIT_COORDINATOR)
            universities = University.objects.filter(pk__in=sorted(ids))
            roles = [c for c in Role.choices if c[0] != Role.NETWORK_ADMIN]
        self.fields["university"].queryset = universities
        self.fields["role"].choices = [("", "—"), *roles]
        self.fields["unit"].queryset = (
            Unit.objects.with_scopes_disabled()
            .filter(university__in=universities)
            .select_related("university")
        )
        self.fields["language"].initial = "kk"


class AcceptInvitationForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    password1 = forms.CharField(
        label=_("Password"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    password2 = forms.CharField(
        label=_("Password again"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords differ."))
        elif first:
            probe = User(email=self.email, full_name=cleaned.get("full_name", ""))
            try:
                password_validation.validate_password(first, probe)
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return cleaned


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "language"]


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the key"),
        max_length=100,
        help_text=_("Say where it will be used, e.g. “University website”."),
    )


class LocalisedPasswordResetForm(PasswordResetForm):
    """Sends the reset link in the language the person chose, not the requester's."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        language = getattr(context.get("user"), "language", None) or get_language()
        with translation.override(language):
            super().send_mail(
                subject_template_name,
                email_template_name,
                context,
                from_email,
                to_email,
                html_email_template_name,
            )
