from django.contrib import admin

from audit.models import AccessLog, RetentionPolicy, RetentionRun, UnusualReadingAlert


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AccessLog)
class AccessLogAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor_label", "action", "object_type", "object_id", "detail"]
    list_filter = ["action", "object_type"]
    search_fields = ["actor_label", "object_id"]


@admin.register(UnusualReadingAlert)
class UnusualReadingAlertAdmin(ReadOnlyAdmin):
    list_display = ["hour", "actor_label", "files"]


@admin.register(RetentionRun)
class RetentionRunAdmin(ReadOnlyAdmin):
    list_display = ["started_at", "dry_run", "counts"]
    readonly_fields = ["started_at", "dry_run", "counts", "report"]


@admin.register(RetentionPolicy)
class RetentionPolicyAdmin(admin.ModelAdmin):
    """Each organisation's period (1–36 months after the last contact; 24 by default)."""

    list_display = ["organisation", "months"]
