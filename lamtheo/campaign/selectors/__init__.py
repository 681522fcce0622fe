"""Reads of the campaign app. Callers pass units already reached through the access functions."""

from __future__ import annotations
