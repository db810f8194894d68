"""Files attached to a sales order (``SalesOrderFile``), served from the store.

Both descriptions list (200), create (201), change (201, the changed file) and delete (204) a
file, and read its data: 1.0 as binary, 2.0 as a base64 string (``format: byte``). The file's
``FileId`` shares the key of its ``Id``: the sandbox keeps one stored blob per attached file.
"""

from __future__ import annotations

import base64
import binascii

from jtlapp.sandbox.erp import rest_bodies
from jtlapp.sandbox.erp.records_attached import OrderFile
from jtlapp.sandbox.erp.rest_attached import (
    Dto,
    answer,
    body_object,
    is_v2,
    no_content,
    owner_key,
    path_key,
    public_id,
)
from jtlapp.sandbox.erp.rest_common import iso, not_found, validation_error
from jtlapp.sandbox.erp.rest_types import ErpRestResponse, RestCall
from jtlapp.sandbox.erp.seed_orders import at_utc


def _view(call: RestCall, file: OrderFile) -> Dto:
    return {
        "Id": public_id(call, kind="salesorderfile", key=file.key),
        "SalesOrderId": public_id(call, kind="salesorder", key=file.order_key),
        "FileId": public_id(call, kind="file", key=file.key),
        "FileDataType": file.data_type,
        "Size": float(len(file.data)),
        "CreatedAt": iso(file.created),
        "FileName": file.file_name,
    }


def _file(call: RestCall) -> OrderFile:
    order_key = owner_key(call, owner="salesorder")
    file = call.tenant.attached.files.get(
        path_key(call, kind="salesorderfile", name="salesOrderFileId")
    )
    if file is None or file.order_key != order_key:
        raise not_found("No file with the given ID exists.")
    return file


def _data(body: rest_bodies.JsonObject) -> bytes | None:
    raw = rest_bodies.get_str(body, "FileData")
    if raw is None:
        return None
    try:
        return base64.b64decode(raw, validate=True)
    except (binascii.Error, ValueError):
        raise validation_error("FileData", "The file data is not valid base64.") from None


def files_list(call: RestCall) -> ErpRestResponse:
    key = owner_key(call, owner="salesorder")
    files = [f for f in call.tenant.attached.files.values() if f.order_key == key]
    return answer([_view(call, f) for f in sorted(files, key=lambda f: f.key)])


def file_data(call: RestCall) -> ErpRestResponse:
    """1.0 answers the bytes (the engine sends them raw), 2.0 a base64 JSON string."""
    file = _file(call)
    return answer(base64.b64encode(file.data).decode() if is_v2(call) else file.data)


def file_create(call: RestCall) -> ErpRestResponse:
    body = body_object(call)
    data = _data(body)
    attached = call.tenant.attached
    with call.tenant.lock:
        file = OrderFile(
            key=attached.allocate(kind="salesorderfile"),
            order_key=owner_key(call, owner="salesorder"),
            file_name=rest_bodies.get_str(body, "FileName") or "",
            data_type=rest_bodies.get_str(body, "FileDataType") or "",
            data=data or b"",
            created=at_utc(call.tenant.today, hour=12),
        )
        attached.files[file.key] = file
    return answer(_view(call, file), status=201)


def file_update(call: RestCall) -> ErpRestResponse:
    body = body_object(call)
    data = _data(body)
    with call.tenant.lock:
        file = _file(call)
        file.file_name = rest_bodies.get_str(body, "FileName") or file.file_name
        file.data_type = rest_bodies.get_str(body, "FileDataType") or file.data_type
        file.data = file.data if data is None else data
    return answer(_view(call, file), status=201)


def file_delete(call: RestCall) -> ErpRestResponse:
    with call.tenant.lock:
        del call.tenant.attached.files[_file(call).key]
    return no_content()
