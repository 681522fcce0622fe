from __future__ import annotations

import datetime as dt

from lamtheo.accounts.models import User
from lamtheo.org.models import Person, Unit
from lamtheo.recognition import services
from lamtheo.recognition.models import CommendationForm, Decision, Nomination, Occasion


def make_occasion(unit: Unit, title: str = "Năm 2016", years: tuple[int, int] = (2016, 2016)) -> Occasion:
    return services.occasion_create(acting_user=None, unit=unit, title=title, year_from=years[0], year_to=years[1])


def make_nomination(
    occasion: Occasion,
    nominating_unit: Unit,
    *,
    unit: Unit | None = None,
    person: Person | None = None,
    submit: bool = True,
    acting_user: User | None = None,
) -> Nomination:
    return services.nomination_create(
        acting_user=acting_user,
        occasion=occasion,
        nominating_unit=nominating_unit,
        nominee_unit=unit,
        nominee_person=person,
        reasons="Hoàn thành xuất sắc nhiệm vụ, có cách làm hay.",
        submit=submit,
    )


def decide(occasion: Occasion, nominations: list[Nomination], number: str = "123-QĐ/ĐUK") -> Decision:
    return services.decision_create(
        acting_user=None,
        occasion=occasion,
        number=number,
        date=dt.date(2016, 12, 20),
        signer_name="Nguyễn Văn Thành",
        signer_title="Phó Bí thư",
        form=CommendationForm.CERTIFICATE_OF_MERIT,
        nominations=nominations,
    )
