"""Customer and sales-order notes, and customer categories, served from the store.

A note belongs to one customer or order (JTL's ``Note {NoteId, NoteBody}``); it is found only
through its owner, so a customer's note is no order's note. Creating answers 201 with the note,
changing and deleting 204 (both descriptions); a deleted note answers 404 like one never made.
"""

from __future__ import annotations

from jtlapp.sandbox.erp import rest_bodies
from jtlapp.sandbox.erp.records_attached import CustomerCategory, Note
from jtlapp.sandbox.erp.rest_attached import (
    Dto,
    Handler,
    answer,
    body_object,
    no_content,
    owner_key,
    path_key,
    public_id,
)
from jtlapp.sandbox.erp.rest_common import not_found, validation_error
from jtlapp.sandbox.erp.rest_types import ErpRestResponse, RestCall


def _note_view(call: RestCall, note: Note) -> Dto:
    return {"NoteId": public_id(call, kind="note", key=note.key), "NoteBody": note.body}


def _note(call: RestCall, *, owner: str) -> Note:
    key = owner_key(call, owner=owner)
    note = call.tenant.attached.notes.get(path_key(call, kind="note", name="noteId"))
    if note is None or note.owner != owner or note.owner_key != key:
        raise not_found("No note with the given ID exists.")
    return note


def _note_body(call: RestCall) -> str:
    text = rest_bodies.get_str(body_object(call), "NoteBody")
    if text is None:
        raise validation_error("NoteBody", "The field NoteBody is required.")
    return text


def notes_list(*, owner: str) -> Handler:
    def handler(call: RestCall) -> ErpRestResponse:
        key = owner_key(call, owner=owner)
        notes = call.tenant.attached.notes.values()
        mine = [n for n in notes if n.owner == owner and n.owner_key == key]
        return answer([_note_view(call, n) for n in sorted(mine, key=lambda n: n.key)])

    return handler


def note_read(*, owner: str) -> Handler:
    def handler(call: RestCall) -> ErpRestResponse:
        return answer(_note_view(call, _note(call, owner=owner)))

    return handler


def note_create(*, owner: str) -> Handler:
    def handler(call: RestCall) -> ErpRestResponse:
        text = _note_body(call)
        attached = call.tenant.attached
        with call.tenant.lock:
            key = owner_key(call, owner=owner)
            note = Note(key=attached.allocate(kind="note"), owner=owner, owner_key=key, body=text)
            attached.notes[note.key] = note
        return answer(_note_view(call, note), status=201)

    return handler


def note_update(*, owner: str) -> Handler:
    def handler(call: RestCall) -> ErpRestResponse:
        text = _note_body(call)
        with call.tenant.lock:
            _note(call, owner=owner).body = text
        return no_content()

    return handler


def note_delete(*, owner: str) -> Handler:
    def handler(call: RestCall) -> ErpRestResponse:
        with call.tenant.lock:
            del call.tenant.attached.notes[_note(call, owner=owner).key]
        return no_content()

    return handler


def _category_view(call: RestCall, category: CustomerCategory) -> Dto:
    return {"Id": public_id(call, kind="customercategory", key=category.key), "Name": category.name}


def _category(call: RestCall) -> CustomerCategory:
    key = path_key(call, kind="customercategory", name="customercategoryId")
    category = call.tenant.attached.customer_categories.get(key)
    if category is None:
        raise not_found("No customer category with the given ID exists.")
    return category


def categories_list(call: RestCall) -> ErpRestResponse:
    categories = sorted(call.tenant.attached.customer_categories.values(), key=lambda c: c.key)
    return answer([_category_view(call, c) for c in categories])


def category_read(call: RestCall) -> ErpRestResponse:
    return answer(_category_view(call, _category(call)))


def category_create(call: RestCall) -> ErpRestResponse:
    name = rest_bodies.get_str(body_object(call), "Name")
    if not name:
        raise validation_error("Name", "The field Name is required.")
    attached = call.tenant.attached
    with call.tenant.lock:
        category = CustomerCategory(key=attached.allocate(kind="customercategory"), name=name)
        attached.customer_categories[category.key] = category
    return answer(_category_view(call, category), status=201)


def category_update(call: RestCall) -> ErpRestResponse:
    """Both descriptions answer ``PATCH`` with 201 and the changed category."""
    name = rest_bodies.get_str(body_object(call), "Name")
    with call.tenant.lock:
        category = _category(call)
        category.name = name or category.name
    return answer(_category_view(call, category), status=201)


def category_delete(call: RestCall) -> ErpRestResponse:
    with call.tenant.lock:
        del call.tenant.attached.customer_categories[_category(call).key]
    return no_content()
