"""Pages of the reports app: cycles, unit reports, dashboards and the review document."""

from __future__ import annotations
