"""What ``demo_load`` prints: the figures of the demo and the table of demo logins."""

from __future__ import annotations

from lamtheo.demo.loader import DemoSummary
from lamtheo.demo.personas import Login
from lamtheo.org.models import UnitKind

HEADINGS = ("vai trò / role", "tên đăng nhập / username", "mật khẩu / password", "phạm vi / scope")


def _table(rows: list[tuple[str, ...]]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [" | ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in rows]
    lines.insert(1, "-+-".join("-" * width for width in widths))
    return lines


def _login_rows(logins: list[Login]) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = [HEADINGS]
    for login in logins:
        scope = f"{login.scope} — {login.note}" if login.note else login.scope
        rows.append((login.label, login.username, login.password, scope))
    return rows


def _figures(summary: DemoSummary) -> str:
    counts = ", ".join(
        f"{summary.units_by_kind.get(kind, 0)} × {kind.label}"
        for kind in (
            UnitKind.BLOC,
            UnitKind.SUBORDINATE_COMMITTEE,
            UnitKind.GRASSROOTS_COMMITTEE,
            UnitKind.CELL,
            UnitKind.YOUTH_UNION,
        )
    )
    return (
        f"{counts}; {summary.closed_units} đơn vị đã giải thể hoặc sáp nhập (closed units); "
        f"{summary.people} đảng viên (people)"
    )


def render(summary: DemoSummary, base_url: str) -> list[str]:
    if summary.loaded:
        status = f"Đã nạp dữ liệu demo trong {summary.seconds:.1f} s (demo data loaded in {summary.seconds:.1f} s)"
    else:
        status = "Dữ liệu demo đã có, không thay đổi gì (demo data already present; nothing changed)"
    return [
        status,
        f"  {_figures(summary)}",
        "",
        f"Tài khoản demo (demo logins) — {base_url}",
        *_table(_login_rows(summary.logins)),
    ]
