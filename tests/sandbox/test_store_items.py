"""Item prices, variations and custom fields: derived from the seeded items, and writes in
one generation show in the other (1.0 int keys, 2.0 UUIDs)."""

from __future__ import annotations

from tests.sandbox.catalog_api import Api


def test_prices_derive_from_the_item_and_writes_show_in_both_generations():
    api = Api()
    item = next(i for i in api.data.items.values() if i.key % 5 != 0)
    customer = next(iter(api.data.customers))
    item_id = api.data.uuid(kind="item", key=item.key)
    base = f"/v1/items/{item.key}"
    net_before = item.sales_price_net

    _, rows = api.send("GET", f"{base}/salesChannelPrices")
    created_status, created = api.send(
        "POST", f"{base}/customerPrices", {"CustomerId": customer, "NetPrice": 7.5}
    )
    patched_status, _ = api.send("PATCH", f"{base}/customerPrices/{customer}/0", {"NetPrice": 7})
    api.send("PATCH", f"/v2/items/{item_id}/prices", {"SalesPriceNet": 42.0})
    _, v2 = api.send("GET", f"/v2/items/{item_id}/prices")
    deleted_status, _ = api.send("DELETE", f"{base}/customerPrices/{customer}/0")
    gone_status, _ = api.send("DELETE", f"{base}/customerPrices/{customer}/0")
    missing_status, _ = api.send("GET", "/v1/items/999999/customerPrices")

    group = next(g for g in api.data.customer_groups.values() if g.discount > 0)
    wawi = {
        (r["CustomerGroupId"], r["FromQuantity"]): r["NetPrice"]
        for r in rows
        if r["SalesChannelId"] == "1-1-1"
    }
    assert wawi[(group.key, 0)] == round(net_before * (1 - group.discount / 100), 2)
    defaults = v2["DefaultPrices"]["Prices"]
    default_group = api.data.uuid(kind="customergroup", key=1)
    assert (
        next(g for g in defaults if g["CustomerGroupId"] == default_group)["Prices"][0]["NetPrice"]
        == 42.0
    )
    assert (created_status, created["NetPrice"], patched_status) == (201, 7.5, 204)
    assert (v2["SalesPriceNet"], item.sales_price_net) == (42.0, 42.0)
    assert v2["CustomerPrices"] == [
        {
            "CustomerId": api.data.uuid(kind="customer", key=customer),
            "Prices": [{"FromQuantity": 0, "NetPrice": 7, "ReduceStandardPriceByPercent": 0.0}],
        }
    ]
    assert (deleted_status, gone_status, missing_status) == (204, 404, 404)


def test_seeded_variations_read_alike_in_both_generations():
    api = Api()
    seeded = next(iter(api.data.variations.values()))
    item_id = api.data.uuid(kind="item", key=seeded.item_key)

    _, v1 = api.send("GET", f"/v1/items/{seeded.item_key}/variations")
    _, values = api.send("GET", f"/v1/items/{seeded.item_key}/variations/{seeded.key}/values")
    _, v2 = api.send("GET", f"/v2/items/{item_id}/variations")

    assert [(v["Id"], v["Name"], v["Type"]) for v in v1] == [(seeded.key, "Farbe", 2)]
    assert [v["Name"] for v in values] == ["Weiß", "Schwarz", "Rot"]
    variation = v2["Variations"][0]
    assert (variation["VariationType"], variation["Descriptions"][0]) == (
        3,
        {"LanguageId": "DE", "Name": "Farbe"},
    )
    assert variation["Values"][0]["ItemNumber"] == api.data.items[seeded.item_key].sku + "-1"


def test_a_variation_is_created_changed_in_2_0_and_deleted_in_1_0():
    api = Api()
    item_key = next(
        k for k in api.data.items if k not in {v.item_key for v in api.data.variations.values()}
    )
    base = f"/v1/items/{item_key}/variations"
    item_id = api.data.uuid(kind="item", key=item_key)

    created_status, created = api.send("POST", base, {"Name": "Größe", "Type": 0})
    key = created["Id"]
    value_status, value = api.send("POST", f"{base}/{key}/values", {"Name": "M"})
    patched_status, _ = api.send("PATCH", f"{base}/{key}/values/{value['Id']}", {"Name": "L"})
    variation_id = api.data.uuid(kind="variation", key=key)
    value_id = api.data.uuid(kind="variationvalue", key=value["Id"])
    change = {
        "Variations": [
            {
                "VariationId": variation_id,
                "VariationType": 2,
                "Values": [{"VariationValueId": value_id, "GTIN": "4006381333931"}],
            }
        ]
    }
    v2_status, _ = api.send("PATCH", f"/v2/items/{item_id}/variations", change)
    _, listed = api.send("GET", base)
    _, v2 = api.send("GET", f"/v2/items/{item_id}/variations")
    deleted_status, _ = api.send("DELETE", f"{base}/{key}")
    gone_status, gone = api.send("GET", f"{base}/{key}/values")

    assert (created_status, value_status, patched_status, v2_status) == (201, 201, 204, 201)
    assert [(v["Id"], v["Type"]) for v in listed] == [(key, 1)]
    assert v2["Variations"][0]["Values"][0]["GTIN"] == "4006381333931"
    assert v2["Variations"][0]["Values"][0]["Descriptions"][0]["Name"] == "L"
    assert (deleted_status, gone_status, gone["ErrorCode"]) == (204, 404, "NOT_FOUND")


def test_item_custom_fields_are_set_read_and_cleared():
    api = Api()
    item = next(iter(api.data.items.values()))
    base = f"/v1/items/{item.key}/customfields"
    value = {"Land": "BR"}

    _, definitions = api.send("GET", "/v1/items/customfields")
    _, before = api.send("GET", base)
    set_status, _ = api.send("PATCH", f"{base}/1", {"Value": value})
    scalar_status, _ = api.send("PATCH", f"{base}/2", {"Value": "text"})
    _, after_set = api.send("GET", base)
    cleared_status, _ = api.send("DELETE", f"{base}/1")
    again_status, _ = api.send("DELETE", f"{base}/1")
    unknown_status, _ = api.send("PATCH", f"{base}/999", {"Value": value})
    _, after_clear = api.send("GET", base)

    names = {d["CustomFieldId"]: (d["Name"], d["Type"]) for d in definitions}
    assert (names[1], names[4][1]) == (("Herkunftsland", 9), 5)
    assert (before, set_status, scalar_status) == ([], 204, 400)
    assert after_set == [{"CustomFieldId": 1, "Value": value}]
    assert (cleared_status, again_status, unknown_status, after_clear) == (204, 404, 404, [])


def test_a_refused_price_patch_keeps_nothing_and_zero_is_a_price():
    api = Api()
    item = next(i for i in api.data.items.values() if i.purchase_price_net > 0)
    item_id = api.data.uuid(kind="item", key=item.key)
    _, before = api.send("GET", f"/v2/items/{item_id}/prices")
    unknown = api.data.uuid(kind="customer", key=max(api.data.customers) + 1)
    group = api.data.uuid(kind="customergroup", key=1)
    refused = {
        "DefaultPrices": {
            "Prices": [{"CustomerGroupId": group, "Prices": [{"FromQuantity": 10, "NetPrice": 77}]}]
        },
        "CustomerPrices": [{"CustomerId": unknown, "Prices": [{"FromQuantity": 0, "NetPrice": 1}]}],
    }

    refused_status, _ = api.send("PATCH", f"/v2/items/{item_id}/prices", refused)
    _, after = api.send("GET", f"/v2/items/{item_id}/prices")
    zero_status, _ = api.send("PATCH", f"/v2/items/{item_id}/prices", {"PurchasePriceNet": 0})

    assert refused_status == 400
    assert after == before
    assert (zero_status, item.purchase_price_net) == (201, 0.0)
