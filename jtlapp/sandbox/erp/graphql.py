"""GraphQL execution for the fake ERP (``POST …/v2/graphql``), errors as data, never raised.

The lead checks scopes before executing: ``graphql_root_fields`` names the root fields of the
selected operation and ``graphql_field_scopes()`` maps them to v2 scopes. Mutations write to the
store (``graphql_mutations``). Failures follow
HotChocolate: HTTP 200 with ``errors[{message, locations, path, extensions{code, traceId}}]``.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLResolveInfo,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    execute_sync,
    parse,
    validate,
)
from graphql.language import DocumentNode

from jtlapp.sandbox.erp import views_catalog, views_customers, views_invoices, views_sales
from jtlapp.sandbox.erp.graphql_categories import CATEGORY_RESOLVERS
from jtlapp.sandbox.erp.graphql_connection import connection
from jtlapp.sandbox.erp.graphql_fill import erp_field_resolve
from jtlapp.sandbox.erp.graphql_mutations import MUTATION_RESOLVERS
from jtlapp.sandbox.erp.graphql_schema import erp_graphql_schema
from jtlapp.sandbox.erp.graphql_scopes import graphql_field_scopes
from jtlapp.sandbox.erp.tenant import TenantData

__all__ = [
    "graphql_field_scopes",
    "ErpGraphqlSyntaxError",
    "graphql_execute",
    "graphql_root_fields",
]

DEFAULT_MAX_BY_ID_FIELDS = 20
BY_ID_FIELDS = frozenset({"GetItemById", "GetCustomerById", "GetSalesOrderById"})


class ErpGraphqlSyntaxError(ValueError):
    """The document does not parse, or names no executable operation."""


def _operation(document: DocumentNode, operation_name: str | None) -> OperationDefinitionNode:
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if operation_name is not None:
        operations = [op for op in operations if op.name and op.name.value == operation_name]
    if len(operations) != 1:
        raise ErpGraphqlSyntaxError("Exactly one operation must be selected by operationName.")
    return operations[0]


def _root_field_nodes(
    document: DocumentNode, operation: OperationDefinitionNode
) -> list[FieldNode]:
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }

    def collect(selection_set: SelectionSetNode, seen: frozenset[str]) -> list[FieldNode]:
        nodes: list[FieldNode] = []
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                nodes.append(selection)
            elif isinstance(selection, InlineFragmentNode):
                nodes.extend(collect(selection.selection_set, seen))
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                if name in fragments and name not in seen:
                    nodes.extend(collect(fragments[name].selection_set, seen | {name}))
        return nodes

    return collect(operation.selection_set, frozenset())


def graphql_root_fields(*, query: str, operation_name: str | None) -> list[str]:
    """Root field names (not aliases) of the operation, once each, in document order."""
    try:
        document = parse(query)
    except GraphQLError as error:
        raise ErpGraphqlSyntaxError(error.message) from error
    nodes = _root_field_nodes(document, _operation(document, operation_name))
    return list(dict.fromkeys(node.name.value for node in nodes))


def _error(message: str, code: str, trace_id: str) -> dict[str, object]:
    return {"message": message, "extensions": {"code": code, "traceId": trace_id}}


def _format(error: GraphQLError, *, default_code: str, trace_id: str) -> dict[str, object]:
    formatted: dict[str, Any] = dict(error.formatted)
    original = error.original_error
    if original is not None and not isinstance(original, GraphQLError):
        formatted["message"] = "Unexpected Execution Error"
        default_code = "UNEXPECTED_EXECUTION_ERROR"
    extensions = dict(formatted.get("extensions") or {})
    extensions.setdefault("code", default_code)
    extensions["traceId"] = trace_id
    formatted["extensions"] = extensions
    return formatted


def graphql_execute(
    *,
    tenant: TenantData,
    query: str,
    variables: Mapping[str, object] | None,
    operation_name: str | None,
    max_by_id_fields: int = DEFAULT_MAX_BY_ID_FIELDS,
    later_versions: bool = True,
) -> dict[str, object]:
    """Run ``query`` against ``tenant``'s data and return the response body.

    ``later_versions``: serve the marked extension (``schema_extension.graphql``) too.
    """
    trace_id = uuid.uuid4().hex
    schema = erp_graphql_schema(later_versions=later_versions)
    try:
        document = parse(query)
    except GraphQLError as error:
        return {"errors": [_format(error, default_code="SYNTAX_ERROR", trace_id=trace_id)]}
    problems = validate(schema, document)
    if problems:
        errors = [_format(e, default_code="VALIDATION_ERROR", trace_id=trace_id) for e in problems]
        return {"errors": errors}
    try:
        operation = _operation(document, operation_name)
    except ErpGraphqlSyntaxError as error:
        return {"errors": [_error(str(error), "OPERATION_NOT_FOUND", trace_id)]}
    by_id = [n for n in _root_field_nodes(document, operation) if n.name.value in BY_ID_FIELDS]
    if len(by_id) > max_by_id_fields:
        message = (
            f"The query requests {len(by_id)} by-id root fields; at most {max_by_id_fields} "
            "are allowed per request."
        )
        return {"errors": [_error(message, "MAX_COST_EXCEEDED", trace_id)]}
    result = execute_sync(
        schema,
        document,
        context_value=tenant,
        field_resolver=_field_resolve,
        variable_values=dict(variables or {}),
        operation_name=operation_name,
    )
    body: dict[str, object] = {}
    if result.errors:
        body["errors"] = [
            _format(e, default_code="EXECUTION_ERROR", trace_id=trace_id) for e in result.errors
        ]
    body["data"] = result.data
    return body


def _tenant(info: GraphQLResolveInfo) -> TenantData:
    data = info.context
    if not isinstance(data, TenantData):
        raise TypeError("graphql_execute passes TenantData as context")
    return data


def _key(data: TenantData, kind: str, value: object) -> int:
    return data.uuid_key(kind=kind, value=value) or 0 if isinstance(value, str) else 0


def _items(info: GraphQLResolveInfo, **args: object) -> object:
    data = _tenant(info)
    stock, reserved = data.stock_total(), data.stock_in_orders()
    term = str(args.get("searchTerm") or "").lower()
    nodes = [
        views_catalog.item_list_item(data=data, item=item, stock=stock, reserved=reserved)
        for item in data.items.values()
        if not term or term in f"{item.sku} {item.name} {item.gtin}".lower()
    ]
    return connection(nodes, args)


def _item(info: GraphQLResolveInfo, **args: object) -> object:
    data = _tenant(info)
    item = data.items.get(_key(data, "item", args.get("id")))
    return None if item is None else views_catalog.item_details(data=data, item=item)


def _customers(info: GraphQLResolveInfo, **args: object) -> object:
    data = _tenant(info)
    term = str(args.get("searchTerm") or "").lower()
    customers = data.customers.values()
    nodes = [views_customers.customer_list_item(data=data, customer=c) for c in customers]
    if term:
        nodes = [n for n in nodes if term in " ".join(str(v) for v in n.values()).lower()]
    return connection(nodes, args)


def _customer(info: GraphQLResolveInfo, **args: object) -> object:
    data = _tenant(info)
    customer = data.customers.get(_key(data, "customer", args.get("customerid")))
    if customer is None:
        return None
    return views_customers.customer_detail(data=data, customer=customer)


def _orders(info: GraphQLResolveInfo, **args: object) -> object:
    data = _tenant(info)
    nodes = [views_sales.sales_order_list_item(data=data, order=o) for o in data.orders.values()]
    return connection(nodes, args)


def _order(info: GraphQLResolveInfo, **args: object) -> object:
    data = _tenant(info)
    order = data.orders.get(_key(data, "salesorder", args.get("salesOrderId")))
    if order is None:
        raise GraphQLError(
            "No sales order with the given ID exists.", extensions={"code": "NOT_FOUND"}
        )
    return views_sales.sales_order_detail(data=data, order=order, with_line_items=True)


def _listing(build: Callable[..., list[dict[str, object]]]) -> Callable[..., object]:
    def resolve(info: GraphQLResolveInfo, **args: object) -> object:
        return connection(build(data=_tenant(info)), args)

    return resolve


_RESOLVERS: dict[str, Callable[..., object]] = {
    "QueryItems": _items,
    "GetItemById": _item,
    "QueryCustomers": _customers,
    "GetCustomerById": _customer,
    "QueryCustomerGroups": _listing(views_catalog.customer_group_items),
    "QuerySalesOrders": _orders,
    "GetSalesOrderById": _order,
    "QuerySalesInvoices": _listing(views_invoices.sales_invoice_list_items),
    "QueryWarehouses": _listing(views_catalog.warehouse_list_items),
    "QueryStockItem": _listing(views_catalog.stock_items),
    "QueryCompanies": _listing(views_catalog.company_list_items),
    "QueryPaymentMethods": _listing(views_catalog.payment_method_items),
    "QueryShippingMethods": _listing(views_catalog.shipping_method_items),
    "QuerySalesChannels": _listing(views_catalog.sales_channel_items),
    **MUTATION_RESOLVERS,
    **CATEGORY_RESOLVERS,
}


def _field_resolve(source: Any, info: GraphQLResolveInfo, **args: Any) -> Any:
    return erp_field_resolve(source, info, _RESOLVERS, **args)
