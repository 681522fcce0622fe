from __future__ import annotations

from django.contrib import admin

from lamtheo.org.models import Membership, Person, SectorTag, Unit


@admin.register(SectorTag)
class SectorTagAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    """Read-mostly: the tree is changed through the app's screens and services so history is kept."""

    list_display = ["code", "name", "kind", "depth", "active_from", "active_to"]
    list_filter = ["kind", "depth"]
    search_fields = ["code", "search_text"]
    readonly_fields = ["path", "depth", "numchild", "merged_into"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["unit"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["family_name", "middle_name", "given_name", "party_card_number", "unit", "is_leader"]
    search_fields = ["search_text", "party_card_number"]
    raw_id_fields = ["unit", "user"]
    inlines = [MembershipInline]
