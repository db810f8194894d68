"""Records for item categories and returns, tied to the seeded items and shipped orders.

They refer to items, orders, order lines, companies and warehouses by int key, so every
generation derives its views from the same facts: 1.0 shows the keys, 2.0 and GraphQL the
JTL-shaped UUIDs of the same keys.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

RETURN_ORIGIN_REST_API = 7
"""``Return.Origin``: 0=None | 1=Email | 2=Manual | 3=Phone | 4=Fax | 5=FFN | 6=SCX | 7=RestAPI."""

RETURN_REASONS: tuple[tuple[int, str, str], ...] = (
    (1, "Gefällt nicht", "Not as expected"),
    (2, "Defekt", "Defective"),
    (3, "Falscher Artikel geliefert", "Wrong item delivered"),
    (4, "Zu spät geliefert", "Delivered too late"),
)
"""(key, German name, English name): the sandbox's own seed choice. The descriptions document
only the shape (``ReturnReason``: ``Id``, ``Translations`` of ``LanguageIso``/``Name``), not
which reasons a JTL-Wawi has; these are plausible stand-ins."""

RETURN_STATES: tuple[tuple[int, str, str], ...] = (
    (1, "Offen", "Open"),
    (2, "In Bearbeitung", "In progress"),
    (3, "Abgeschlossen", "Completed"),
)
"""(key, German name, English name): the sandbox's own seed choice, like ``RETURN_REASONS``
(``ReturnState`` documents only ``Id``, ``IsActive``, ``Translations``). A return created
through the API starts in the first; that default is the sandbox's, not documented by JTL."""


@dataclass(kw_only=True, slots=True)
class Category:
    key: int
    name: str
    description: str = ""
    parent_key: int = 0
    sort_number: int = 0
    active_sales_channels: str = ""
    item_keys: list[int] = field(default_factory=list)


@dataclass(kw_only=True, slots=True)
class ReturnLine:
    key: int
    order_line_key: int
    item_key: int
    name: str
    sku: str
    quantity: float
    reason_key: int
    reason_comment: str = ""
    condition_key: int = 1
    """The sandbox's own default (JTL documents ``ConditionId`` but no list of conditions)."""
    condition_comment: str = ""
    credit: bool = True


@dataclass(kw_only=True, slots=True)
class ReturnPackage:
    key: int
    tracking_id: str
    shipping_method_key: int = 0
    shipping_method_custom: str = ""


@dataclass(kw_only=True, slots=True)
class Return:
    key: int
    number: str
    date: datetime
    order_key: int
    customer_key: int
    company_key: int
    warehouse_key: int
    state_key: int = 1
    origin: int = 0
    external_number: str = ""
    external_comment: str = ""
    internal_comment: str = ""
    contact: str = ""
    transmit_to_sales_channel: bool = False
    lines: list[ReturnLine] = field(default_factory=list)
    packages: list[ReturnPackage] = field(default_factory=list)


@dataclass(kw_only=True, slots=True)
class VariationValue:
    key: int
    name: str
    translations: dict[str, str] = field(default_factory=dict)
    """Language ISO (non-default languages) -> name; JTL-Wawi's default language is German."""
    item_number: str = ""
    """2.0 ``ItemNumber``: the item's SKU plus a suffix unless a client sets another."""
    gtin: str = ""
    weight_offset: float = 0.0
    surcharge_net: float = 0.0


@dataclass(kw_only=True, slots=True)
class Variation:
    key: int
    item_key: int
    name: str
    type: int = 0
    """1.0 ``Type``: 0=Dropdown | 1=Radiobutton | 2=Swatches | 3=Textbox | 4=FreeText |
    5=MandatoryFreeText; 2.0 ``VariationType`` counts one higher (0=Unknown, 1=Selectbox ...)."""
    position: int = 0
    translations: dict[str, str] = field(default_factory=dict)
    values: list[VariationValue] = field(default_factory=list)


CUSTOM_FIELD_TYPES = range(0, 13)
"""``CustomField.Type``: 0=None | 1=Integer | 2=Decimal | 3=Text | 4=Checkbox | 5=List | 6=Url |
7=Email | 8=PhoneNumber | 9=CountryIso | 10=Price | 11=Date | 12=ShortText."""


@dataclass(kw_only=True, slots=True)
class CustomFieldDefinition:
    key: int
    group: str
    name: str
    type: int
    possible_values: tuple[str, ...] = ()


@dataclass(kw_only=True, slots=True)
class ItemCustomFields:
    """The item custom field definitions and each item's values ((item, field) -> value)."""

    definitions: dict[int, CustomFieldDefinition] = field(default_factory=dict)
    values: dict[tuple[int, int], object] = field(default_factory=dict)
