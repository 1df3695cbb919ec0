"""Staff edit the public site's content here (administrators, see parcours.permissions)."""

from django.contrib import admin

from directory.caching import content_changed
from directory.models import (
    Activity,
    Article,
    CentrePage,
    Comment,
    PageText,
    SiteDetails,
    Street,
)


class PublicContentAdmin(admin.ModelAdmin):
    """What is saved here shows on the public pages: the next visitor gets the fresh page."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        content_changed()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        content_changed()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        content_changed()


@admin.register(PageText)
class PageTextAdmin(PublicContentAdmin):
    list_display = ["title", "key", "updated_at"]


@admin.register(CentrePage)
class CentrePageAdmin(PublicContentAdmin):
    list_display = ["centre", "updated_at"]
    list_select_related = ["centre"]


@admin.register(SiteDetails)
class SiteDetailsAdmin(PublicContentAdmin):
    list_display = ["site", "opening_hours", "updated_at"]
    list_select_related = ["site__centre"]
    fields = ["site", "opening_hours", "latitude", "longitude"]


@admin.register(Activity)
class ActivityAdmin(PublicContentAdmin):
    list_display = ["title", "kind", "centre", "site", "is_published"]
    list_filter = ["kind", "centre", "is_published"]
    list_select_related = ["centre", "site"]
    search_fields = ["title", "description"]


@admin.register(Street)
class StreetAdmin(PublicContentAdmin):
    """The street → neighbourhood mapping: streets loaded from the BAN wait here, filter
    "quartier : aucun", and are assigned from the list itself."""

    list_display = ["name", "neighbourhood", "postal_code", "fantoir"]
    list_editable = ["neighbourhood"]
    list_filter = [("neighbourhood", admin.RelatedFieldListFilter)]
    list_select_related = ["neighbourhood"]
    search_fields = ["name", "fantoir"]
    readonly_fields = ["fantoir"]
    list_per_page = 50


@admin.register(Article)
class ArticleAdmin(PublicContentAdmin):
    list_display = ["title", "is_published", "published_at"]
    list_filter = ["is_published"]
    prepopulated_fields = {"slug": ["title"]}
    fields = [
        "title", "slug", "summary", "body", "author_line", "centre", "is_published", "published_at",
    ]  # fmt: skip

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    """Read-only here: moderators decide on their own screen (/centres-sociaux/moderation/)."""

    list_display = ["author_name", "centre", "article", "status", "created_at"]
    list_filter = ["status"]
    list_select_related = ["centre", "article"]
    readonly_fields = [f.name for f in Comment._meta.fields]

    def has_add_permission(self, request):
        return False
