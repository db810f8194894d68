"""Deterministic German demo data per tenant: same seed and ``today`` give identical records.

``today`` is a parameter (not ``date.today()``) so tests can pin the 14-month order history.
The tenant id is mixed into the random seed, so each demo merchant gets different data.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta

from jtlapp.sandbox.erp import seed_data
from jtlapp.sandbox.erp.records import (
    Address,
    Company,
    Customer,
    CustomerGroup,
    Item,
    PaymentMethod,
    SalesChannel,
    ShippingMethod,
    Stock,
    Warehouse,
    money,
)
from jtlapp.sandbox.erp.seed_attached import seed_attached
from jtlapp.sandbox.erp.seed_catalog import seed_catalog
from jtlapp.sandbox.erp.seed_orders import at_utc, seed_orders
from jtlapp.sandbox.erp.supply import supply_seed
from jtlapp.sandbox.erp.tenant import TenantData

CUSTOMER_COUNT = 120
ITEM_COUNT = 80
LOW_STOCK_SHARE = 0.12


def erp_tenant_seed(*, seed: int, today: date, tenant_id: str, company_name: str) -> TenantData:
    """Build one merchant's data; a pure function of its arguments."""
    rng = random.Random(f"{seed}:{tenant_id}")
    data = TenantData(tenant_id=tenant_id, company_name=company_name, today=today)
    _seed_lookups(data=data, rng=rng)
    _seed_customers(data=data, rng=rng)
    _seed_items(data=data, rng=rng)
    _seed_warehouses(data=data, rng=rng)
    seed_orders(data=data, rng=rng, customers=_customers_by_age(data))
    seed_catalog(data=data)
    supply_seed(data=data)
    seed_attached(data=data, rng=rng)
    return data


def _seed_lookups(*, data: TenantData, rng: random.Random) -> None:
    postal_code, city = rng.choice(seed_data.CITIES_DE)
    for key, name in ((1, data.company_name), (2, f"{data.company_name} Onlinehandel")):
        data.companies[key] = Company(
            key=key,
            name=name,
            street=f"{rng.choice(seed_data.STREETS)} {rng.randint(1, 80)}",
            postal_code=postal_code,
            city=city,
            country_iso="DE",
            vat_id=f"DE{rng.randint(100_000_000, 999_999_999)}",
            email=f"info{key}@example.com",
            phone=f"+49 {rng.randint(30, 999)} {rng.randint(100_000, 999_999)}",
        )
    for key, name, is_default, discount, is_net in (
        (1, "Endkunden", True, 0.0, False),
        (2, "Händler", False, 5.0, True),
        (3, "Gastronomie", False, 3.0, True),
    ):
        data.customer_groups[key] = CustomerGroup(
            key=key, name=name, is_default=is_default, discount=discount, is_net_price=is_net
        )
    for key, name, option in (
        (1, "Rechnung", "invoice"),
        (2, "PayPal", "paypal"),
        (3, "Vorkasse", "prepayment"),
        (4, "Lastschrift", "directdebit"),
        (5, "Kreditkarte", "creditcard"),
        (6, "Barzahlung", "cash"),
    ):
        data.payment_methods[key] = PaymentMethod(
            key=key, name=name, is_default=key == 1, is_active=key != 6, payment_option=option
        )
    for key, name, price in (
        (1, "DHL Paket", 4.90),
        (2, "DPD Classic", 5.90),
        (3, "Hermes", 3.95),
        (4, "Spedition", 49.00),
        (5, "Abholung", 0.0),
    ):
        data.shipping_methods[key] = ShippingMethod(
            key=key, name=name, priority=key, gross_price=price, is_active=True
        )
    for key, name, legacy_id in (
        (1, "JTL-Wawi", "1-1-1"),
        (2, "Onlineshop", "5-2-1"),
        (3, "Amazon.de", "5-30-1"),
        (4, "eBay.de", "5-31-1"),
    ):
        data.sales_channels[key] = SalesChannel(key=key, name=name, legacy_id=legacy_id)


def _random_address(*, rng: random.Random, is_business: bool) -> Address:
    is_female = rng.random() < 0.5
    pool = seed_data.FIRST_NAMES_FEMALE if is_female else seed_data.FIRST_NAMES_MALE
    first_name, last_name = rng.choice(pool), rng.choice(seed_data.LAST_NAMES)
    country = rng.choices(("DE", "AT", "CH"), weights=(85, 8, 7))[0]
    cities = {"DE": seed_data.CITIES_DE, "AT": seed_data.CITIES_AT, "CH": seed_data.CITIES_CH}
    postal_code, city = rng.choice(cities[country])
    company = ""
    vat_id = ""
    if is_business:
        stem = rng.choice(seed_data.COMPANY_STEMS)
        company = f"{stem} {last_name} {rng.choice(seed_data.COMPANY_SUFFIXES)}"
        vat_id = f"{country}{rng.randint(100_000_000, 999_999_999)}" if country != "CH" else ""
    mail_name = f"{first_name}.{last_name}".lower()
    for umlaut, plain in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        mail_name = mail_name.replace(umlaut, plain)
    return Address(
        salutation="Frau" if is_female else "Herr",
        first_name=first_name,
        last_name=last_name,
        company=company,
        street=f"{rng.choice(seed_data.STREETS)} {rng.randint(1, 120)}",
        postal_code=postal_code,
        city=city,
        country_iso=country,
        email=f"{mail_name}@{rng.choice(('example.com', 'example.org', 'example.net'))}",
        phone=f"+49 {rng.randint(30, 999)} {rng.randint(1_000_000, 9_999_999)}",
        vat_id=vat_id,
    )


def _seed_customers(*, data: TenantData, rng: random.Random) -> None:
    first_number = rng.randint(10_000, 19_000)
    for key in range(1, CUSTOMER_COUNT + 1):
        is_business = rng.random() < 0.3
        billing = _random_address(rng=rng, is_business=is_business)
        shipment = replace(billing)
        if rng.random() < 0.15:
            other = _random_address(rng=rng, is_business=False)
            shipment = replace(other, first_name=billing.first_name, last_name=billing.last_name)
        age_days = rng.randint(430, 1500) if rng.random() < 0.85 else rng.randint(10, 420)
        data.customers[key] = Customer(
            key=key,
            number=str(first_number + key),
            group_key=rng.choice((2, 3)) if is_business else 1,
            company_key=1,
            payment_method_key=rng.choice((1, 2, 2, 3, 4, 5)),
            created=at_utc(data.today - timedelta(days=age_days), hour=rng.randint(7, 20)),
            language_iso="DE",
            billing=billing,
            shipment=shipment,
            is_locked=rng.random() < 0.03,
            payment_due_days=30 if is_business else 14,
        )


def _customers_by_age(data: TenantData) -> list[Customer]:
    return sorted(data.customers.values(), key=lambda customer: (customer.created, customer.key))


def _gtin(rng: random.Random) -> str:
    digits = [4, 0] + [rng.randint(0, 9) for _ in range(10)]
    checksum = sum(d * (3 if i % 2 else 1) for i, d in enumerate(digits))
    return "".join(map(str, digits)) + str((10 - checksum % 10) % 10)


def _seed_items(*, data: TenantData, rng: random.Random) -> None:
    catalog = seed_data.CATALOGS["brewery" if "Brau" in data.company_name else "general"]
    for key in range(1, ITEM_COUNT + 1):
        prefix, group, tax_rate, base_price, names = catalog[(key - 1) % len(catalog)]
        name = f"{rng.choice(names)} {rng.choice(seed_data.VARIANTS)}".strip()
        net = money(base_price * rng.uniform(0.7, 2.6))
        created = at_utc(data.today - timedelta(days=rng.randint(500, 900)), hour=9)
        data.items[key] = Item(
            key=key,
            sku=f"{prefix}-{1000 + key}",
            name=name,
            description=f"<p>{name} aus unserem Sortiment {group}.</p>",
            short_description=f"{name} – {group}",
            gtin=_gtin(rng),
            manufacturer_name=rng.choice(seed_data.MANUFACTURERS),
            manufacturer_number=f"MPN-{rng.randint(10_000, 99_999)}",
            product_group_name=group,
            default_supplier=rng.choice(seed_data.SUPPLIERS),
            sales_price_net=net,
            tax_rate=tax_rate,
            purchase_price_net=money(net * rng.uniform(0.45, 0.7)),
            suggested_retail_price=money(net * (1 + tax_rate / 100) * 1.1),
            minimum_stock=float(rng.choice((0, 5, 10, 10, 20, 25, 50))),
            minimum_order_quantity=float(rng.choice((1, 1, 1, 2, 6))),
            purchase_interval=float(rng.choice((1, 6, 12, 24))),
            delivery_time_days=rng.randint(1, 14),
            weight=round(rng.uniform(0.05, 12.0), 2),
            created=created,
            modified=created + timedelta(days=rng.randint(0, 480)),
            is_active=rng.random() > 0.05,
        )


def _seed_warehouses(*, data: TenantData, rng: random.Random) -> None:
    for key, name, code in (
        (1, "Hauptlager", "HL"),
        (2, "Außenlager Nord", "AL-N"),
        (3, "Retourenlager", "RL"),
    ):
        data.warehouses[key] = Warehouse(
            key=key,
            name=name,
            code=code,
            is_active=True,
            company_key=1,
            storage_location_key=key,
            storage_location_name=f"{code}-A01",
        )
    for item in data.items.values():
        if rng.random() < LOW_STOCK_SHARE:
            item.minimum_stock = max(item.minimum_stock, 10.0)
            total = float(rng.randint(0, int(item.minimum_stock) - 1))
            item.stock_incoming = float(rng.choice((0, 0, 24, 48)))
        else:
            total = float(int(item.minimum_stock * rng.uniform(2, 6)) + rng.randint(20, 120))
        main = float(int(total * rng.uniform(0.6, 0.9)))
        returns = float(min(rng.choice((0, 0, 0, 1, 2)), total - main))
        for warehouse_key, quantity in ((1, main), (2, total - main - returns), (3, returns)):
            if quantity > 0 or warehouse_key == 1:
                data.stocks.append(
                    Stock(warehouse_key=warehouse_key, item_key=item.key, quantity=quantity)
                )
