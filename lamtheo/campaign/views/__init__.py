"""The campaign's pages, one module per area."""

from __future__ import annotations
