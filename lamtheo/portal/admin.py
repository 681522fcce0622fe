from __future__ import annotations

from django.contrib import admin

from lamtheo.portal.models import Category, FeaturedProgramme, Tag


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "order")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ("name", "slug")


@admin.register(FeaturedProgramme)
class FeaturedProgrammeAdmin(admin.ModelAdmin):
    list_display = ("title", "url", "category", "order")
