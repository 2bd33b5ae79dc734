"""Tags: renamed by editors while no published version shows them (then by publishers only).

taggit's own admin also merges tags and edits tagged items directly: that retags explainers and
agreements behind their workflow, so this admin does neither.
"""

from django.contrib import admin
from taggit.models import Tag

from sources.admin_tools import LockedRecordsMixin

admin.site.unregister(Tag)


@admin.register(Tag)
class TagAdmin(LockedRecordsMixin, admin.ModelAdmin):
    list_display = ["name", "slug"]
    ordering = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
