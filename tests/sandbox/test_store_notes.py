"""Notes, bank accounts and customer categories: seeded on existing records, written through
the sandbox's HTTP app in both generations (int ids in 1.0, UUIDs in 2.0)."""

from __future__ import annotations

from tests.sandbox.attached_session import session_create


def test_seeded_notes_and_bank_accounts_belong_to_existing_customers_and_orders():
    session = session_create()
    attached = session.data.attached
    noted = next(n.owner_key for n in attached.notes.values() if n.owner == "customer")
    silent = next(
        k
        for k in session.data.customers
        if all(n.owner_key != k for n in attached.notes.values() if n.owner == "customer")
    )
    banked = next(a.customer_key for a in attached.bank_accounts.values())

    notes = session.send("GET", f"/v1/customers/{noted}/notes")
    none = session.send("GET", f"/v1/customers/{silent}/notes")
    accounts = session.send("GET", f"/v1/customers/{banked}/bankaccounts")

    owners = {"customer": set(session.data.customers), "salesorder": set(session.data.orders)}
    assert all(n.owner_key in owners[n.owner] for n in attached.notes.values())
    assert all(a.customer_key in session.data.customers for a in attached.bank_accounts.values())
    assert all(f.order_key in session.data.orders for f in attached.files.values())
    expected = [
        n.body for n in attached.notes.values() if n.owner == "customer" and n.owner_key == noted
    ]
    assert [n["NoteBody"] for n in notes.get_json()] == expected
    assert notes.headers["X-Sandbox-Source"] == "store"
    assert none.get_json() == []
    assert all(a["IBAN"].startswith("DE") and len(a["IBAN"]) == 22 for a in accounts.get_json())
    iban = accounts.get_json()[0]["IBAN"]
    assert int(iban[4:] + "1314" + iban[2:4]) % 97 == 1  # ISO 13616 check digits


def test_a_customer_note_is_created_listed_changed_and_deleted_in_1_0():
    session = session_create()
    base = f"/v1/customers/{next(iter(session.data.customers))}/notes"

    created = session.send("POST", base, {"NoteBody": "Ruft zurück"})
    note_id = created.get_json()["NoteId"]
    listed = session.send("GET", base).get_json()
    changed = session.send("PATCH", f"{base}/{note_id}", {"NoteBody": "Hat zurückgerufen"})
    read = session.send("GET", f"{base}/{note_id}").get_json()
    deleted = session.send("DELETE", f"{base}/{note_id}")
    gone = session.send("GET", f"{base}/{note_id}")
    again = session.send("DELETE", f"{base}/{note_id}")

    assert created.status_code == 201
    assert isinstance(note_id, int)
    assert {"NoteId": note_id, "NoteBody": "Ruft zurück"} in listed
    assert changed.status_code == 204
    assert read == {"NoteId": note_id, "NoteBody": "Hat zurückgerufen"}
    assert deleted.status_code == 204
    assert (gone.status_code, gone.get_json()["ErrorCode"]) == (404, "NOT_FOUND")
    assert again.status_code == 404


def test_a_sales_order_note_is_created_listed_changed_and_deleted_in_2_0():
    session = session_create()
    order_key = next(iter(session.data.orders))
    base = f"/v2/salesOrders/{session.data.uuid(kind='salesorder', key=order_key)}/notes"

    created = session.send("POST", base, {"NoteBody": "Bitte klingeln"})
    note_id = created.get_json()["NoteId"]
    changed = session.send("PATCH", f"{base}/{note_id}", {"NoteBody": "Nicht klingeln"})
    listed = session.send("GET", base).get_json()
    v1 = session.send("GET", f"/v1/salesOrders/{order_key}/notes").get_json()
    deleted = session.send("DELETE", f"{base}/{note_id}")
    after = session.send("PATCH", f"{base}/{note_id}", {"NoteBody": "zu spät"})

    key = session.data.uuid_key(kind="note", value=note_id)
    assert created.status_code == 201
    assert key is not None
    assert changed.status_code == 204
    assert {"NoteId": note_id, "NoteBody": "Nicht klingeln"} in listed
    assert {"NoteId": key, "NoteBody": "Nicht klingeln"} in v1
    assert deleted.status_code == 204
    assert after.status_code == 404


def test_unknown_owners_and_foreign_notes_answer_404_in_both_generations():
    session = session_create()
    data = session.data
    missing = max(data.customers) + 1
    note = next(n for n in data.attached.notes.values() if n.owner == "customer")
    other = next(k for k in data.customers if k != note.owner_key)
    customer_id = data.uuid(kind="customer", key=note.owner_key)

    answers = [
        session.send("GET", f"/v1/customers/{missing}/notes"),
        session.send("GET", f"/v1/customers/{missing}/bankaccounts"),
        session.send("GET", f"/v1/salesOrders/{max(data.orders) + 1}/notes"),
        session.send("GET", f"/v2/salesOrders/{customer_id}/notes"),  # a customer is no order
        session.send("GET", f"/v1/customers/{other}/notes/{note.key}"),
    ]
    # the create operations document 201/400/401/402 only: an unknown owner is a 400 naming it
    creates = [
        session.send("POST", f"/v1/customers/{missing}/notes", {"NoteBody": "x"}),
        session.send(
            "POST",
            f"/v2/customers/{data.uuid(kind='customer', key=missing)}/notes",
            {"NoteBody": "x"},
        ),
    ]

    assert [a.status_code for a in answers] == [404] * len(answers)
    assert {a.get_json()["ErrorCode"] for a in answers} == {"NOT_FOUND"}
    assert [a.status_code for a in creates] == [400, 400]
    assert [list(a.get_json()["ValidationErrors"]) for a in creates] == [["customerId"]] * 2


def test_bank_accounts_are_created_read_changed_and_deleted():
    session = session_create()
    customer_key = next(iter(session.data.customers))
    base = f"/v1/customers/{customer_key}/bankaccounts"
    v2_base = f"/v2/customers/{session.data.uuid(kind='customer', key=customer_key)}/bankaccounts"
    account = {
        "AccountHolder": "Erika Muster",
        "IBAN": "DE02120300000000202051",
        "BIC": "BYLADEM1001",
    }

    created = session.send("POST", base, account)
    account_id = created.get_json()["Id"]
    changed = session.send("PATCH", f"{base}/{account_id}", {"BankName": "Demobank"})
    read = session.send("GET", f"{base}/{account_id}").get_json()
    created_v2 = session.send("POST", v2_base, {"AccountHolder": "Max Muster", "IsDefault": True})
    v2_id = created_v2.get_json()["Id"]
    changed_v2 = session.send("PATCH", f"{v2_base}/{v2_id}", {"BankName": "Beispielbank"})
    listed = session.send("GET", base).get_json()
    deleted = session.send("DELETE", f"{v2_base}/{v2_id}")
    gone = session.send("PATCH", f"{v2_base}/{v2_id}", {"BankName": "x"})

    assert (created.status_code, changed.status_code) == (201, 204)
    assert (read["AccountHolder"], read["BankName"], read["IBAN"]) == (
        "Erika Muster",
        "Demobank",
        account["IBAN"],
    )
    assert created_v2.status_code == 201
    assert created_v2.get_json()["CustomerId"] == session.data.uuid(
        kind="customer", key=customer_key
    )
    assert (changed_v2.status_code, changed_v2.get_json()) == (200, {"Id": v2_id})
    v2_key = session.data.uuid_key(kind="bankaccount", value=v2_id)
    assert [a["BankName"] for a in listed if a["Id"] == v2_key] == ["Beispielbank"]
    assert (deleted.status_code, gone.status_code) == (204, 404)


def test_customer_categories_are_shared_by_both_generations():
    session = session_create()
    seeded = session.send("GET", "/v1/customerCategories").get_json()

    created = session.send("POST", "/v2/customerCategories", {"Name": "Onlinekunde"})
    category_id = created.get_json()["Id"]
    key = session.data.uuid_key(kind="customercategory", value=category_id)
    changed = session.send("PATCH", f"/v1/customerCategories/{key}", {"Name": "Webkunde"})
    read = session.send("GET", f"/v2/customerCategories/{category_id}").get_json()
    deleted = session.send("DELETE", f"/v2/customerCategories/{category_id}")
    gone = session.send("GET", f"/v1/customerCategories/{key}")

    assert [c["Name"] for c in seeded][:2] == ["Stammkunde", "Neukunde"]
    assert created.status_code == 201
    assert (changed.status_code, changed.get_json()) == (201, {"Id": key, "Name": "Webkunde"})
    assert read == {"Id": category_id, "Name": "Webkunde"}
    assert (deleted.status_code, gone.status_code) == (204, 404)
