"""The organisation tree, people and their membership in cells over time."""

from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node

from lamtheo.lib.text import fold, vietnamese_name_key


class UnitKind(models.TextChoices):
    BLOC = "bloc", _("Bloc party committee")
    SUBORDINATE_COMMITTEE = "subordinate", _("Directly subordinate party committee")
    GRASSROOTS_COMMITTEE = "grassroots", _("Grassroots party committee")
    CELL = "cell", _("Party cell")
    YOUTH_UNION = "youth_union", _("Youth Union branch")
    OTHER = "other", _("Other organisation")


class SectorTag(models.Model):
    """A sector a unit belongs to (ministry or agency, school or academy, press, enterprise …)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        ordering = ["name"]
        verbose_name = _("sector tag")
        verbose_name_plural = _("sector tags")

    def __str__(self) -> str:
        return self.name


PATH_MAX_LENGTH = 255  # treebeard's MP_Node.path


class Unit(MP_Node):
    """A unit of the organisation: the Bloc, a committee, a cell or another organisation.

    The materialised path (``path``) is the *current* tree and is what scoping uses;
    ``UnitLink`` keeps every parent a unit has had, so the tree as of any date can be rebuilt.
    """

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=80, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=UnitKind.choices)
    sector_tags = models.ManyToManyField(SectorTag, blank=True, related_name="units", verbose_name=_("sectors"))
    active_from = models.DateField(_("active from"), default=dt.date(1930, 2, 3))
    active_to = models.DateField(_("active until"), null=True, blank=True)
    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_units",
        verbose_name=_("merged into"),
    )
    search_text = models.CharField(max_length=400, editable=False, db_index=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        constraints = [
            models.CheckConstraint(
                condition=Q(active_to__isnull=True) | Q(active_to__gte=models.F("active_from")),
                name="unit_active_range_valid",
            ),
            models.CheckConstraint(
                condition=Q(merged_into__isnull=True) | Q(active_to__isnull=False),
                name="unit_merged_has_end",
            ),
        ]
        indexes = [
            # Subtree pages filter children by kind under a path prefix.
            models.Index(fields=["kind", "path"], name="unit_kind_path"),
            # A unit's children: the next depth within the children's path interval (selectors.children_of,
            # the dashboards), without reading the rest of the subtree.
            models.Index(fields=["depth", "path"], name="unit_depth_path"),
        ]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def subtree_range(cls, path: str) -> tuple[str, str]:
        """The bounds of the paths at and under ``path``, for ``path__range``, which every database reads
        from the path's index (SQLite never does for ``path__startswith``, a LIKE). Every step's
        characters come from the tree's alphabet, whose last character sorts after the others in any
        collation."""
        return path, path + cls.alphabet[-1] * (PATH_MAX_LENGTH - len(path))

    def refresh_search_text(self) -> None:
        self.search_text = fold(f"{self.name} {self.short_name} {self.code}")[:400]

    def is_active_on(self, day: dt.date) -> bool:
        return self.active_from <= day and (self.active_to is None or self.active_to >= day)

    @property
    def is_active(self) -> bool:
        return self.active_to is None

    @property
    def status_label(self) -> str:
        if self.active_to is None:
            return str(_("Active"))
        if self.merged_into_id:
            return str(_("Merged"))
        return str(_("Dissolved"))


def in_subtree(path_field: str, path: str) -> Q:
    """``path_field`` (``"path"``, ``"unit__path"``, …) at or under ``path``: a range of the path's index."""
    return Q(**{f"{path_field}__range": Unit.subtree_range(path)})


class UnitLink(models.Model):
    """One parent a unit had over one period; the history behind "the tree as of date D"."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="parent_links")
    parent = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="child_links")
    valid_from = models.DateField()
    valid_to = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["unit"], condition=Q(valid_to__isnull=True), name="unitlink_one_open_per_unit"
            ),
        ]
        indexes = [
            # tree_as_of(): children of a parent valid on a date.
            models.Index(fields=["parent", "valid_from"], name="unitlink_parent_from"),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} ⊂ {self.parent_id} [{self.valid_from} – {self.valid_to or '…'}]"


class Gender(models.TextChoices):
    MALE = "m", _("Male")
    FEMALE = "f", _("Female")


class Person(models.Model):
    """A cadre or party member. ``unit`` is the cell they belong to now (kept by the services)."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    family_name = models.CharField(_("family name"), max_length=60)
    middle_name = models.CharField(_("middle name"), max_length=80, blank=True)
    given_name = models.CharField(_("given name"), max_length=60)
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices)
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    # NULL, not "", for "no card": the unique constraint must only bind people who have one.
    party_card_number = models.CharField(  # noqa: DJ001
        _("party card number"), max_length=30, null=True, blank=True
    )
    position = models.CharField(_("position"), max_length=160, blank=True)
    is_leader = models.BooleanField(
        _("leader (Regulation 101 applies)"),
        default=False,
        help_text=_("Leaders must set an example under Regulation 101."),
    )
    unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="people", verbose_name=_("unit")
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="person"
    )
    sort_key = models.CharField(max_length=600, editable=False)
    search_text = models.CharField(max_length=300, editable=False, db_index=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["sort_key", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["party_card_number"],
                condition=Q(party_card_number__isnull=False),
                name="person_card_number_unique",
            ),
        ]
        indexes = [
            # A unit's people in Vietnamese order.
            models.Index(fields=["unit", "sort_key"], name="person_unit_sort"),
            # A whole tree's people in Vietnamese order, a page at a time (the API's keyset pages, the
            # search): walked in order instead of sorting millions of rows. On PostgreSQL the walk of a
            # search reads the index alone (INCLUDE; SQLite keeps the two key columns).
            models.Index(fields=["sort_key", "id"], include=["search_text", "unit"], name="person_sort"),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.family_name, self.middle_name, self.given_name) if part)

    def refresh_derived(self) -> None:
        self.sort_key = vietnamese_name_key(self.family_name, self.middle_name, self.given_name)
        self.search_text = fold(f"{self.full_name} {self.party_card_number or ''}")[:300]


class Membership(models.Model):
    """A person's membership in a cell over a period (``left_on`` empty: still a member)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="memberships")
    joined_on = models.DateField(_("joined on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)

    class Meta:
        ordering = ["-joined_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"], condition=Q(left_on__isnull=True), name="membership_one_current_per_person"
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=models.F("joined_on")),
                name="membership_range_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} @ {self.unit_id} [{self.joined_on} – {self.left_on or '…'}]"
