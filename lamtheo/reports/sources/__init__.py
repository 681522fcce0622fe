"""Read-only queries into other apps' tables, one module per source app, each function
``(prefix, start, end) -> {unit_id: value}``: the figure for the records each unit owns itself
(not its subtree), computed with one grouped SQL query over the subtree under ``prefix``.

This is the one place where the reports app reads other apps' tables; each function names the
selector its app should grow to replace it (see the module docstrings).
"""

from __future__ import annotations
