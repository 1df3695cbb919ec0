from django.contrib import admin

from organisations.models import Centre, Neighbourhood, Organisation, Site


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "is_partner"]
    list_filter = ["kind", "is_partner"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class SiteInline(admin.StackedInline):
    model = Site
    extra = 0
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Centre)
class CentreAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "integration_mode", "director_name"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [SiteInline]


@admin.register(Neighbourhood)
class NeighbourhoodAdmin(admin.ModelAdmin):
    list_display = ["name", "centre"]
    prepopulated_fields = {"slug": ["name"]}
