"""Deterministic notes, custom fields, bank accounts, customer categories and order files.

Seeded after customers and orders, from the same random stream, so every attached record
points at a record that exists and the same seed gives the same data. Only some customers
and orders get attachments, as in a real Wawi, so apps meet both empty and filled lists.
"""

from __future__ import annotations

import random
from datetime import timedelta

from jtlapp.sandbox.erp.records import Customer
from jtlapp.sandbox.erp.records_attached import (
    CUSTOMER_REFERENCE,
    DATA_TYPES,
    SALES_ORDER_REFERENCE,
    BankAccount,
    CustomerCategory,
    CustomField,
    Note,
    OrderFile,
)
from jtlapp.sandbox.erp.tenant import TenantData

CATEGORIES = ("Stammkunde", "Neukunde", "Großabnehmer", "Wiederverkäufer", "Messekontakt")
CUSTOMER_NOTES = (
    "Wünscht Rückruf vor Lieferung.",
    "Zahlt zuverlässig, Skonto vereinbart.",
    "Lieferung nur werktags bis 16 Uhr.",
    "Bevorzugt Kontakt per E-Mail.",
    "Rabattaktion im Frühjahr angeboten.",
)
ORDER_NOTES = (
    "Bitte bei Nachbarn abgeben.",
    "Teillieferung mit Kunde abgestimmt.",
    "Geschenkverpackung gewünscht.",
    "Rechnung separat per Post.",
)
FIELDS = (  # custom field keys 1..5 in this order
    (CUSTOMER_REFERENCE, "Kundenkarte", "Kundendaten", "ShortText", ()),
    (CUSTOMER_REFERENCE, "Newsletter", "Marketing", "Checkbox", ()),
    (CUSTOMER_REFERENCE, "Lieferzeitfenster", "Kundendaten", "List", ("Vormittag", "Nachmittag")),
    (SALES_ORDER_REFERENCE, "Projektnummer", "Auftragsdaten", "ShortText", ()),
    (SALES_ORDER_REFERENCE, "Wunschtermin", "Auftragsdaten", "Date", ()),
)
BANKS = (("Demobank Nord", "DEMODEH1XXX"), ("Beispielbank Süd", "BSPLDEM1XXX"))
PDF = b"%PDF-1.4\n% JTL sandbox order file\n%%EOF\n"


def seed_attached(*, data: TenantData, rng: random.Random) -> None:
    """Attach records to existing customers and orders; a pure function of ``data`` and ``rng``."""
    attached = data.attached
    for name in CATEGORIES:
        key = attached.allocate(kind="customercategory")
        attached.customer_categories[key] = CustomerCategory(key=key, name=name)
    for sort_order, (reference, name, group, data_type, values) in enumerate(FIELDS, start=1):
        key = attached.allocate(kind="customfield")
        attached.custom_fields[key] = CustomField(
            key=key,
            reference_type=reference,
            name=name,
            group_name=group,
            data_type=DATA_TYPES.index(data_type),
            possible_values=list(values),
            sort_order=sort_order,
        )
    for customer in sorted(data.customers.values(), key=lambda c: c.key):
        _seed_customer(data=data, rng=rng, customer=customer)
    _seed_orders(data=data, rng=rng)


def _seed_customer(*, data: TenantData, rng: random.Random, customer: Customer) -> None:
    attached = data.attached
    if customer.key % 4 == 1:
        for body in rng.sample(CUSTOMER_NOTES, k=rng.randint(1, 2)):
            key = attached.allocate(kind="note")
            attached.notes[key] = Note(key=key, owner="customer", owner_key=customer.key, body=body)
    if customer.key % 3 == 1:
        values = attached.values_of(reference_type=CUSTOMER_REFERENCE, owner_key=customer.key)
        values[1] = _value(f"KK-{customer.number}")
        values[2] = _value("1" if rng.random() < 0.6 else "0")
        values[3] = _value(rng.choice(FIELDS[2][4]))
    if customer.key % 5 == 1:
        for index in range(rng.choice((1, 1, 2))):
            _seed_bank_account(data=data, rng=rng, customer=customer, is_default=index == 0)


def _seed_bank_account(
    *, data: TenantData, rng: random.Random, customer: Customer, is_default: bool
) -> None:
    bank_name, bic = rng.choice(BANKS)
    bank_code = f"{rng.randint(10_000_000, 89_999_999)}"
    account_number = f"{rng.randint(0, 9_999_999_999):010d}"
    key = data.attached.allocate(kind="bankaccount")
    data.attached.bank_accounts[key] = BankAccount(
        key=key,
        customer_key=customer.key,
        account_holder=f"{customer.billing.first_name} {customer.billing.last_name}",
        bank_name=bank_name,
        account_number=account_number,
        bank_code=bank_code,
        iban=german_iban(bank_code=bank_code, account_number=account_number),
        bic=bic,
        is_default=is_default,
    )


def german_iban(*, bank_code: str, account_number: str) -> str:
    """A checksum-valid German IBAN (ISO 13616 mod 97), so apps that validate accept it."""
    bban = bank_code + account_number
    check = 98 - int(bban + "131400") % 97  # "DE00" with D=13, E=14
    return f"DE{check:02d}{bban}"


def _seed_orders(*, data: TenantData, rng: random.Random) -> None:
    attached = data.attached
    for order in sorted(data.orders.values(), key=lambda o: o.key):
        if order.key % 6 == 1:
            key = attached.allocate(kind="note")
            attached.notes[key] = Note(
                key=key, owner="salesorder", owner_key=order.key, body=rng.choice(ORDER_NOTES)
            )
        if order.key % 4 == 1:
            values = attached.values_of(reference_type=SALES_ORDER_REFERENCE, owner_key=order.key)
            values[4] = _value(f"P-{order.date:%Y}-{order.key:04d}")
            values[5] = _value(f"{order.date + timedelta(days=rng.randint(3, 14)):%Y-%m-%d}")
        if order.key % 10 == 1:
            key = attached.allocate(kind="salesorderfile")
            attached.files[key] = OrderFile(
                key=key,
                order_key=order.key,
                file_name=f"Bestellung-{order.number}.pdf",
                data_type="pdf",
                data=PDF,
                created=order.date + timedelta(minutes=5),
            )


def _value(text: str) -> dict[str, object]:
    """A value object: 1.0 types ``CustomFieldValue.Value`` as an object.

    The seed fills it with the fields the 2.0 description gives a custom-field value
    (``Value``, ``ValueCultureName``), so no name is invented.
    """
    return {"Value": text, "ValueCultureName": "de-DE"}
