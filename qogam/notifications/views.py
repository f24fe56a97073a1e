from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from qogam.notifications import services
from qogam.notifications.forms import PreferencesForm
from qogam.notifications.models import Preference


@login_required
def inbox(request):
    page = Paginator(request.user.notices.all(), 30).get_page(request.GET.get("page"))
    notices = list(page.object_list)  # read before marking, so "new" still shows this once
    services.mark_read(user=request.user, notice_ids=[n.pk for n in notices if n.read_at is None])
    return render(request, "notifications/inbox.html", {"page": page, "notices": notices})


@login_required
@require_POST
def mark_all_read(request):
    services.mark_read(user=request.user)
    return redirect("notifications:inbox")


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request):
    current = dict(Preference.objects.filter(user=request.user).values_list("kind", "delivery"))
    form = PreferencesForm(request.POST or None, current=current)
    if request.method == "POST" and form.is_valid():
        services.set_preferences(
            user=request.user, default=form.cleaned_data["default"], per_kind=form.per_kind()
        )
        messages.success(request, _("Your notification settings have been saved."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})
