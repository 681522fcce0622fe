"""Writes of the campaign app: ``<entity>_<action>`` functions, each one transaction and one audit entry.

Split by entity for size; import them from here.
"""

from __future__ import annotations

from lamtheo.campaign.services.activities import activity_create, activity_photo_add, meeting_record
from lamtheo.campaign.services.commitments import (
    commitment_approve,
    commitment_approve_cell,
    commitment_evaluate,
    commitment_register,
    commitment_self_assess,
    commitment_update_items,
)
from lamtheo.campaign.services.plans import (
    holiday_add,
    holiday_delete,
    plan_adopt,
    plan_create,
    plan_document_add,
    plan_task_add,
    plan_task_set_status,
    plan_update,
    programme_create,
    threshold_set,
)

__all__ = [
    "activity_create",
    "activity_photo_add",
    "commitment_approve",
    "commitment_approve_cell",
    "commitment_evaluate",
    "commitment_register",
    "commitment_self_assess",
    "commitment_update_items",
    "holiday_add",
    "holiday_delete",
    "meeting_record",
    "plan_adopt",
    "plan_create",
    "plan_document_add",
    "plan_task_add",
    "plan_task_set_status",
    "plan_update",
    "programme_create",
    "threshold_set",
]
