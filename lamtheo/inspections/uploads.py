"""Checks on uploaded files: the name's extension must match what the first bytes say the file is."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
_ZIP = b"PK\x03\x04"
# extension → (content type, the bytes such a file starts with)
ALLOWED: dict[str, tuple[str, bytes]] = {
    "pdf": ("application/pdf", b"%PDF"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", _ZIP),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", _ZIP),
    "png": ("image/png", b"\x89PNG"),
    "jpg": ("image/jpeg", b"\xff\xd8\xff"),
    "jpeg": ("image/jpeg", b"\xff\xd8\xff"),
}


def checked_content_type(upload: UploadedFile) -> str:
    """The file's content type, or a ValidationError if it is too big or not what its name says."""
    name = upload.name or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in ALLOWED:
        raise ValidationError(_("Only PDF, Word (.docx), Excel (.xlsx), PNG and JPEG files are accepted."))
    if (upload.size or 0) > MAX_UPLOAD_BYTES:
        raise ValidationError(_("The file is larger than 10 MB."))
    content_type, magic = ALLOWED[extension]
    upload.seek(0)
    head = upload.read(len(magic))
    upload.seek(0)
    if head != magic:
        raise ValidationError(_("The file's content does not match its name (.%(ext)s).") % {"ext": extension})
    return content_type
