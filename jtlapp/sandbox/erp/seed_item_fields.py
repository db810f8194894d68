"""Item custom field definitions (no values: ``rest_item_fields`` says why).

Which fields exist (origin country, organic flag, warranty, energy class) is the sandbox's own
seed choice; JTL documents only ``CustomField`` and the type numbers.
"""

from __future__ import annotations

from jtlapp.sandbox.erp.records_catalog import CustomFieldDefinition
from jtlapp.sandbox.erp.tenant import TenantData

GROUP = "Artikeldaten"
COUNTRY, ORGANIC, WARRANTY, ENERGY = 1, 2, 3, 4
DEFINITIONS = (
    CustomFieldDefinition(key=COUNTRY, group=GROUP, name="Herkunftsland", type=9),
    CustomFieldDefinition(key=ORGANIC, group=GROUP, name="Bio-zertifiziert", type=4),
    CustomFieldDefinition(key=WARRANTY, group=GROUP, name="Garantie (Monate)", type=1),
    CustomFieldDefinition(
        key=ENERGY,
        group=GROUP,
        name="Energieeffizienzklasse",
        type=5,
        possible_values=("A", "B", "C", "D", "E", "F", "G"),
    ),
)


def seed_item_fields(*, data: TenantData) -> None:
    data.item_fields.definitions = {d.key: d for d in DEFINITIONS}
