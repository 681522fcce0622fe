"""Moving data in and out as XLSX: import into a unit, the import templates, export of a subtree."""

from __future__ import annotations

import io
import tempfile

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lamtheo.accounts.access import get_unit_for_user
from lamtheo.lib.http import AuthenticatedRequest
from lamtheo.ops.jobs import job_enqueue
from lamtheo.org import exports, imports

# Past this many, the page says how many more there are instead of listing them all.
ERRORS_SHOWN = 200


class ImportUploadForm(forms.Form):
    what = forms.ChoiceField(choices=[("units", "units"), ("people", "people")], widget=forms.HiddenInput)
    # Empty files pass here so that the importer gives its own message about them.
    file = forms.FileField(label=gettext_lazy("Excel file (.xlsx)"), allow_empty_file=True)


@login_required
@require_http_methods(["GET", "POST"])
def import_page(request: AuthenticatedRequest, code: str) -> HttpResponse:
    scope = get_unit_for_user(request.user, code, write=True)
    form = ImportUploadForm()
    result: imports.ImportResult | None = None
    what = ""
    if request.method == "POST":
        form = ImportUploadForm(request.POST, request.FILES)
        if form.is_valid():
            what = form.cleaned_data["what"]
            service = imports.units_import if what == "units" else imports.people_import
            result = service(acting_user=request.user, scope=scope, upload=form.cleaned_data["file"])
            if result.ok:
                count = result.created
                message = (
                    ngettext("%(count)d unit has been imported.", "%(count)d units have been imported.", count)
                    if what == "units"
                    else ngettext("%(count)d person has been imported.", "%(count)d people have been imported.", count)
                )
                messages.success(request, message % {"count": count})
                return redirect("org:unit", code=scope.code)
        else:
            what = request.POST.get("what", "")
    context = {
        "unit": scope,
        "form": form,
        "what": what,
        "errors": result.errors[:ERRORS_SHOWN] if result else [],
        "errors_total": len(result.errors) if result else 0,
        "unit_columns": imports.UNIT_COLUMNS,
        "person_columns": imports.PERSON_COLUMNS,
    }
    return render(request, "org/import.html", context)


@login_required
@require_GET
def import_template(request: AuthenticatedRequest, kind: exports.TemplateKind) -> HttpResponse:
    buffer = io.BytesIO()
    exports.write_template(kind, buffer)
    response = HttpResponse(buffer.getvalue(), content_type=exports.XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = (
        f'attachment; filename="mau-nhap-{"don-vi" if kind == "units" else "dang-vien"}.xlsx"'
    )
    return response


@login_required
@require_GET
def export_subtree(request: AuthenticatedRequest, code: str) -> FileResponse:
    unit = get_unit_for_user(request.user, code)
    # A temporary file rather than memory: a large subtree makes a large workbook.
    stream = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it after sending
    exports.write_subtree(unit, stream)
    stream.seek(0)
    return FileResponse(
        stream, as_attachment=True, filename=f"{unit.code}.xlsx", content_type=exports.XLSX_CONTENT_TYPE
    )


@login_required
@require_POST
def export_subtree_in_background(request: AuthenticatedRequest, code: str) -> HttpResponse:
    """Large subtrees are exported by the worker; the user follows the job's page to the file."""
    unit = get_unit_for_user(request.user, code)
    job = job_enqueue(acting_user=request.user, kind="org.export_subtree", params={"unit": unit.code})
    return redirect("ops:job", code=job.code)
