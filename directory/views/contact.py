"""Residents reach people: the integration service (contact request), a centre's director
(message without showing the address), a friend (the page's link)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import Resolver404, resolve
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django_ratelimit.decorators import ratelimit

from directory import selectors, services
from directory.forms import ContactRequestForm, DirectorMessageForm, ShareForm

LIMITED = "Trop d’envois depuis votre connexion : réessayez dans une heure."


def _limited(request, form):
    form.is_valid()
    form.add_error(None, LIMITED)


@login_not_required
@never_cache
@ratelimit(key="ip", rate="5/h", method="POST", block=False)
def contact_request(request):
    form = ContactRequestForm(request.POST or None)
    if request.method == "POST":
        if request.limited:
            _limited(request, form)
        elif form.is_robot:
            return redirect("directory:contact_request_sent", slug="quartier")
        elif form.is_valid():
            data = form.cleaned_data
            created = services.create_contact_request(
                name=data["name"],
                phone=data["phone"],
                email=data["email"],
                neighbourhood=data["neighbourhood"],
                availability=data["availability"],
                consent=data["consent"],
            )
            return redirect("directory:contact_request_sent", slug=created.centre.slug)
    status = 429 if getattr(request, "limited", False) else 200
    return render(
        request,
        "directory/contact_request_form.html",
        {"form": form, "referrals": selectors.integration_referrals()},
        status=status,
    )


@login_not_required
@never_cache
def contact_request_sent(request, slug):
    # The centre is only named; nothing about the request is shown (the URL is guessable).
    centre = selectors.public_centres().filter(slug=slug).first()
    return render(request, "directory/contact_request_sent.html", {"centre": centre})


@login_not_required
@never_cache
@ratelimit(key="ip", rate="5/h", method="POST", block=False)
def director_message(request, slug):
    centre = get_object_or_404(selectors.public_centres().exclude(director_email=""), slug=slug)
    form = DirectorMessageForm(request.POST or None)
    if request.method == "POST":
        if request.limited:
            _limited(request, form)
        elif form.is_robot:
            return redirect("directory:centre_detail", slug=centre.slug)
        elif form.is_valid():
            services.send_director_message(
                centre=centre,
                sender_name=form.cleaned_data["sender_name"],
                sender_email=form.cleaned_data["sender_email"],
                message=form.cleaned_data["message"],
            )
            messages.success(
                request,
                f"Votre message a été transmis à la direction du centre social {centre.name}. "
                "Elle vous répondra à l’adresse e-mail que vous avez indiquée.",
            )
            return redirect(request.path)
    status = 429 if getattr(request, "limited", False) else 200
    return render(
        request,
        "directory/director_message_form.html",
        {"form": form, "centre": centre},
        status=status,
    )


def _shareable_path(path: str) -> str:
    """A path of this site that anyone may open; anything else is refused (no open relay)."""
    if not path.startswith("/") or not url_has_allowed_host_and_scheme(path, allowed_hosts=None):
        raise Http404
    try:
        match = resolve(path.split("?")[0])
    except Resolver404:
        raise Http404 from None
    if getattr(match.func, "login_required", True):
        raise Http404
    return path.split("?")[0]


@login_not_required
@never_cache
@ratelimit(key="ip", rate="5/h", method="POST", block=False)
def share(request):
    path = _shareable_path(request.POST.get("page") or request.GET.get("page") or "/")
    form = ShareForm(request.POST or None, initial={"page": path})
    if request.method == "POST":
        if request.limited:
            _limited(request, form)
        elif form.is_robot:
            return redirect(path)
        elif form.is_valid():
            title = selectors.page_title_for(path)
            services.share_page(
                sender_name=form.cleaned_data["sender_name"],
                recipient=form.cleaned_data["recipient"],
                path=path,
                title=title,
            )
            messages.success(request, f"Le lien de la page « {title} » a été envoyé. Merci !")
            return redirect(f"{request.path}?page={path}")
    status = 429 if getattr(request, "limited", False) else 200
    return render(
        request,
        "directory/share_form.html",
        {"form": form, "page": path, "page_title": selectors.page_title_for(path)},
        status=status,
    )


@login_not_required
@never_cache
def print_help(request):
    """ "Imprimer la page" without JavaScript: how to print, and the way back to the page."""
    path = _shareable_path(request.GET.get("page") or "/")
    return render(
        request,
        "directory/print_help.html",
        {"page": path, "page_title": selectors.page_title_for(path)},
    )
