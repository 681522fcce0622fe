from __future__ import annotations

from django.urls import path

from lamtheo.org.views import people, transfer, units

app_name = "org"

urlpatterns = [
    path("units/", units.tree, name="tree"),
    path("units/search/", units.search, name="search"),
    path("units/<slug:code>/", units.unit_detail, name="unit"),
    path("units/<slug:code>/children/", units.children, name="children"),
    path("units/<slug:code>/as-of/", units.tree_as_of, name="tree_as_of"),
    path("units/<slug:code>/edit/", units.unit_edit, name="unit_edit"),
    path("units/<slug:code>/add/", units.unit_add, name="unit_add"),
    path("units/<slug:code>/close/", units.unit_close, name="unit_close"),
    path("units/<slug:code>/people/add/", people.person_add, name="person_add"),
    path("people/", people.people_search, name="people_search"),
    path("people/<str:code>/", people.person_detail, name="person"),
    path("people/<str:code>/edit/", people.person_edit, name="person_edit"),
    path("people/<str:code>/transfer/", people.person_transfer, name="person_transfer"),
    path("units/<slug:code>/import/", transfer.import_page, name="unit_import"),
    path("units/<slug:code>/export.xlsx", transfer.export_subtree, name="unit_export"),
    path("units/<slug:code>/export/", transfer.export_subtree_in_background, name="unit_export_job"),
    path("import/template/units.xlsx", transfer.import_template, {"kind": "units"}, name="import_template_units"),
    path("import/template/people.xlsx", transfer.import_template, {"kind": "people"}, name="import_template_people"),
]
