"""Checks on uploaded files: the type is read from the content, not trusted from the name; the size is capped."""

from __future__ import annotations

import zipfile
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from lamtheo.campaign.models import DocumentKind

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
DOCUMENT_KINDS = (DocumentKind.PDF, DocumentKind.DOCX, DocumentKind.XLSX, DocumentKind.PNG, DocumentKind.JPEG)
PHOTO_KINDS = (DocumentKind.PNG, DocumentKind.JPEG)

_EXTENSIONS = {
    DocumentKind.PDF: {".pdf"},
    DocumentKind.DOCX: {".docx"},
    DocumentKind.XLSX: {".xlsx"},
    DocumentKind.PNG: {".png"},
    DocumentKind.JPEG: {".jpg", ".jpeg"},
}
# The main part each Office format declares in [Content_Types].xml.
_OFFICE_MAIN_PARTS = {
    DocumentKind.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    DocumentKind.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
}


def _office_kind(upload: UploadedFile) -> str | None:
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            content_types = archive.read("[Content_Types].xml").decode("utf-8", errors="replace")
    except (zipfile.BadZipFile, KeyError, OSError):
        return None
    for kind, main_part in _OFFICE_MAIN_PARTS.items():
        if main_part in content_types:
            return kind
    return None


def sniff_kind(upload: UploadedFile) -> str | None:
    """The file's type from its first bytes (and, for Office files, from the package's declared parts)."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return DocumentKind.PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return DocumentKind.PNG
    if head.startswith(b"\xff\xd8\xff"):
        return DocumentKind.JPEG
    if head.startswith(b"PK\x03\x04"):
        kind = _office_kind(upload)
        upload.seek(0)
        return kind
    return None


def check_upload(upload: UploadedFile, *, allowed: tuple[str, ...]) -> str:
    """Return the file's type, or raise a ValidationError saying why it is refused."""
    size = upload.size or 0
    if size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("The file “%(name)s” is too large (%(size)s MB); the limit is %(limit)s MB.")
            % {
                "name": upload.name,
                "size": f"{size / 1024 / 1024:.1f}",
                "limit": MAX_UPLOAD_BYTES // 1024 // 1024,
            }
        )
    if size == 0:
        raise ValidationError(_("The file “%(name)s” is empty.") % {"name": upload.name})
    kind = sniff_kind(upload)
    suffix = PurePath(upload.name or "").suffix.lower()
    if kind is None or kind not in allowed or suffix not in _EXTENSIONS[DocumentKind(kind)]:
        labels = ", ".join(DocumentKind(k).label for k in allowed)
        raise ValidationError(
            _("The file “%(name)s” is not an accepted type. Accepted: %(types)s.")
            % {"name": upload.name, "types": labels}
        )
    return kind
