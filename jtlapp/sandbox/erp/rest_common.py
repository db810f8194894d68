"""Shared REST plumbing: JTL error bodies, query parsing, paging envelopes, JSON shaping."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from jtlapp.sandbox.erp.records import DELIVERY_STATUSES, LINE_ITEM_TYPES, PAYMENT_STATUSES

WAWI_VERSION = "1.10.12.0"
"""What ``GET /info`` reports in both generations."""

MAX_PAGE_SIZE = 1000
DEFAULT_PAGE_SIZE = 100

REST_ENUMS: dict[str, tuple[str, ...]] = {
    "paymentStatus": PAYMENT_STATUSES,
    "deliveryStatus": DELIVERY_STATUSES,
    "deliveryCompleteStatus": (
        "DELIVERY_NOT_COMPLETE",
        "DELIVERY_COMPLETE",
        "DELIVERY_COMPLETE_WITHOUT_DELIVERY_NOTE",
    ),
    "salesInvoiceStatus": ("NOT_INVOICED", "PARTIALLY_INVOICED", "COMPLETELY_INVOICED"),
    "invoiceStatus": ("NOT_INVOICED", "PARTIALLY_INVOICED", "COMPLETELY_INVOICED"),
    "itemDescriptionType": ("NONE", "BRIEF", "LONG"),
    "readOnlyType": ("CHANGES_ALLOWED", "INVOICED_EXTERNALLY", "CHANGES_FORBIDDEN"),
    "taxSetting": (
        "DELIVERY_WITH_VAT",
        "INTRA_COMMUNITY_DELIVERY",
        "EXEMPT_FROM_VAT_REVERSE_CHARGE",
        "EXEMPT_FROM_VAT",
    ),
    "externalInvoiceType": ("NONE", "NO_INVOICE_NO_OUTPUT", "NO_INVOICE"),
    "specialTaxTreatment": ("NONE", "REVERSE_CHARGE", "EXEMPT_FROM_VAT", "SUBJECT_TO_VAT"),
    "lineItemType": LINE_ITEM_TYPES,
    "type": LINE_ITEM_TYPES,
    "addressType": ("SHIPMENT_ADDRESS", "BILLING_ADDRESS", "OTHER"),
}
"""GraphQL enum names per field; REST serialises enums as their index (erp-api.md §2.3)."""


@dataclass(kw_only=True)
class ErpRestError(Exception):
    """A JTL ``ErrorResponse``; ``execute`` renders it in the casing of the route's generation."""

    status: int
    code: str
    message: str
    validation_errors: dict[str, str] = field(default_factory=dict)

    def __str__(self) -> str:
        return f"{self.status} {self.code}: {self.message}"


def error_body(error: ErpRestError, *, pascal: bool) -> dict[str, object]:
    if pascal:
        return {
            "ErrorCode": error.code,
            "ValidationErrors": error.validation_errors,
            "ErrorMessage": error.message,
        }
    return {
        "errorCode": error.code,
        "validationErrors": error.validation_errors,
        "errorMessage": error.message,
    }


def validation_error(name: str, message: str) -> ErpRestError:
    return ErpRestError(
        status=400,
        code="VALIDATION_ERROR",
        message="The sent data is invalid.",
        validation_errors={name: message},
    )


def not_found(message: str) -> ErpRestError:
    return ErpRestError(status=404, code="NOT_FOUND", message=message)


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat()


def rest_json(value: object, *, enum_ints: bool, key: str = "") -> object:
    """Deep-copy a view into JSON: datetimes to ISO strings, GraphQL enum names to ints."""
    if isinstance(value, dict):
        return {k: rest_json(v, enum_ints=enum_ints, key=k) for k, v in value.items()}
    if isinstance(value, list):
        return [rest_json(v, enum_ints=enum_ints) for v in value]
    if isinstance(value, datetime):
        return iso(value)
    if enum_ints and isinstance(value, str) and value in REST_ENUMS.get(key, ()):
        return REST_ENUMS[key].index(value)
    return value


def query_int(query: Mapping[str, str], name: str, *, minimum: int | None = None) -> int | None:
    raw = query.get(name)
    if raw is None or raw == "":
        return None
    try:
        number = int(raw)
    except ValueError:
        raise validation_error(name, f"The value '{raw}' is not valid.") from None
    if minimum is not None and number < minimum:
        raise validation_error(name, f"The value must be at least {minimum}.")
    return number


def query_bool(query: Mapping[str, str], name: str) -> bool | None:
    raw = query.get(name)
    if raw is None or raw == "":
        return None
    if raw.lower() not in ("true", "false"):
        raise validation_error(name, f"The value '{raw}' is not valid.")
    return raw.lower() == "true"


def parse_datetime(raw: str, *, name: str) -> datetime:
    try:
        moment = datetime.fromisoformat(raw)
    except ValueError:
        raise validation_error(name, f"The value '{raw}' is not a valid date.") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@dataclass(frozen=True, kw_only=True)
class Page:
    number: int
    size: int


def page_parse(query: Mapping[str, str]) -> Page:
    """``pageNumber`` (1-based, default 1) and ``pageSize`` (default 100, at most 1000)."""
    number = query_int(query, "pageNumber", minimum=1) or 1
    size = query_int(query, "pageSize", minimum=1) or DEFAULT_PAGE_SIZE
    if size > MAX_PAGE_SIZE:
        raise validation_error("pageSize", f"The page size must not exceed {MAX_PAGE_SIZE}.")
    return Page(number=number, size=size)


def page_envelope(items: Sequence[object], *, page: Page, pascal: bool) -> dict[str, object]:
    """v1: ``NextPageNumber``/``PreviousPageNumber`` never null (OAS10); v2: null at the ends."""
    total = len(items)
    total_pages = math.ceil(total / page.size)
    start = (page.number - 1) * page.size
    has_previous = page.number > 1
    has_next = page.number < total_pages
    if pascal:
        next_page: int | None = page.number + 1 if has_next else max(total_pages, 1)
        previous_page: int | None = page.number - 1 if has_previous else 1
    else:
        next_page = page.number + 1 if has_next else None
        previous_page = page.number - 1 if has_previous else None
    body: dict[str, object] = {
        "totalItems": total,
        "pageNumber": page.number,
        "pageSize": page.size,
        "totalPages": total_pages,
        "hasPreviousPage": has_previous,
        "hasNextPage": has_next,
        "nextPageNumber": next_page,
        "previousPageNumber": previous_page,
        "items": list(items[start : start + page.size]),
    }
    return {k[0].upper() + k[1:]: v for k, v in body.items()} if pascal else body


def sort_views(views: list[dict[str, object]], query: Mapping[str, str]) -> list[dict[str, object]]:
    """v2.2+ ``sortBy`` (comma list, first = OrderBy) and ``sortDescending`` (erp-api.md §5)."""
    raw = query.get("sortBy", "")
    if not raw:
        return views
    descending = bool(query_bool(query, "sortDescending"))
    fields = [name.strip() for name in raw.split(",") if name.strip()]
    lookup = {name.lower(): name for name in (views[0] if views else {})}
    result = list(views)
    for name in reversed(fields):
        key = lookup.get(name.lower())
        if key is None and views:
            raise validation_error("sortBy", f"Unknown sort field '{name}'.")
        result.sort(key=_sort_key(key or name), reverse=descending)
    return result


def _sort_key(name: str) -> Callable[[dict[str, object]], tuple[bool, str]]:
    def key(view: dict[str, object]) -> tuple[bool, str]:
        value = view.get(name)
        if isinstance(value, datetime):
            return (True, iso(value))
        if isinstance(value, int | float):
            return (True, f"{value:030.6f}")
        return (value is not None, str(value).lower() if value is not None else "")

    return key


def filter_dates(
    views: list[dict[str, object]], query: Mapping[str, str]
) -> list[dict[str, object]]:
    """``{Field}After`` (>) and ``{Field}Before`` (<) on any date field (erp-api.md §5)."""
    result = views
    for name, raw in query.items():
        for suffix, keep_after in (("After", True), ("Before", False)):
            field_name = name[: -len(suffix)]
            if not name.endswith(suffix) or not raw or field_name not in (views or [{}])[0]:
                continue
            bound = parse_datetime(raw, name=name)
            result = [v for v in result if _date_ok(v.get(field_name), bound, after=keep_after)]
    return result


def _date_ok(value: object, bound: datetime, *, after: bool) -> bool:
    if not isinstance(value, datetime):
        return False
    return value > bound if after else value < bound
