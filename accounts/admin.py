from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import approvals, sessions
from accounts.models import Membership, User

# The devices' admin pages show the TOTP secret (enough to impersonate its owner): never
# shown. Administrators reset a user's second factor with the action below instead.
for model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(model):
        admin.site.unregister(model)


def _held_for_approval(request, membership, *, was_active, old_role):
    if approvals.needs_approval(membership, was_active=was_active, old_role=old_role):
        approvals.hold_for_approval(membership, by=request.user)
        messages.warning(
            request,
            f"Le rattachement « {membership} » donne accès aux dossiers des personnes ou à "
            "l’administration : il prendra effet quand un·e autre administrateur·rice l’aura "
            "approuvé (menu « Rattachements »).",
        )


def _previous_state(membership):
    if membership.pk is None:
        return False, None
    previous = Membership.objects.filter(pk=membership.pk).values("is_active", "role").first()
    return (previous["is_active"], previous["role"]) if previous else (False, None)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["organisation", "centre"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["last_name", "first_name"]
    list_display = ["email", "first_name", "last_name", "is_active"]
    search_fields = ["email", "first_name", "last_name"]
    inlines = [MembershipInline]
    actions = ["reset_second_factor"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Identité", {"fields": ["first_name", "last_name", "phone"]}),
        ("Droits", {"fields": ["is_active", "is_staff", "is_superuser"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": ["email", "first_name", "last_name", "password1", "password2"],
            },
        )
    ]

    def save_formset(self, request, form, formset, change):
        if formset.model is not Membership:
            return super().save_formset(request, form, formset, change)
        previous = {m.pk: _previous_state(m) for m in formset.queryset}
        saved = formset.save()
        for membership in saved:
            was_active, old_role = previous.get(membership.pk, (False, None))
            _held_for_approval(request, membership, was_active=was_active, old_role=old_role)
        return saved

    @admin.action(description="Réinitialiser le second facteur (et fermer les sessions)")
    def reset_second_factor(self, request, queryset):
        for user in queryset:
            for device in devices_for_user(user, confirmed=None):
                device.delete()
            sessions.end_all(user)
        self.message_user(
            request,
            "Second facteur réinitialisé : la personne en configurera un nouveau à sa prochaine "
            "connexion.",
        )


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "organisation", "centre", "is_active"]
    list_filter = ["role", "centre", "is_active"]
    search_fields = ["user__email", "user__last_name"]
    autocomplete_fields = ["user", "organisation", "centre"]

    def save_model(self, request, obj, form, change):
        was_active, old_role = _previous_state(obj)
        super().save_model(request, obj, form, change)
        _held_for_approval(request, obj, was_active=was_active, old_role=old_role)
