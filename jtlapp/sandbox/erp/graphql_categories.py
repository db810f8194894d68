"""GraphQL category fields of the SDL, served from the same store as the REST category routes.

``QueryCategories`` / ``GetCategoryById`` read ``TenantData.categories``; the three command
mutations write it through the helpers of ``rest_categories_v2``, so a category created here
is read by ``GET /v2/category/{CategoryId}`` and ``GET /categories`` too, and vice versa.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from graphql import GraphQLError, GraphQLResolveInfo

from jtlapp.sandbox.erp.graphql_connection import connection
from jtlapp.sandbox.erp.rest_categories_v2 import category_add, category_details, category_remove
from jtlapp.sandbox.erp.tenant import TenantData


def _tenant(info: GraphQLResolveInfo) -> TenantData:
    data = info.context
    if not isinstance(data, TenantData):
        raise TypeError("graphql_execute passes TenantData as context")
    return data


def _not_found() -> GraphQLError:
    return GraphQLError("No category with the given ID exists.", extensions={"code": "NOT_FOUND"})


def _request(args: Mapping[str, object]) -> Mapping[str, object] | None:
    """The SDL makes ``request`` nullable: without one a command has nothing to act on."""
    request = args.get("request")
    return request if isinstance(request, Mapping) else None


def _existing(data: TenantData, value: object, *, top_level_ok: bool) -> int:
    """The key of an existing category; None/absent means top level where that is allowed."""
    if value is None and top_level_ok:
        return 0
    key = data.uuid_key(kind="category", value=value) if isinstance(value, str) else None
    if top_level_ok and key == 0:
        return 0
    if key is None or key not in data.categories:
        raise _not_found()
    return key


def _list(info: GraphQLResolveInfo, **args: object) -> object:
    """``CategoryListItem`` nodes in tree order (parent, sort number, key)."""
    data = _tenant(info)
    ordered = sorted(data.categories.values(), key=lambda c: (c.parent_key, c.sort_number, c.key))
    nodes: list[dict[str, object]] = [
        {
            "id": data.uuid(kind="category", key=c.key),
            "parentId": data.uuid(kind="category", key=c.parent_key),
            "sortNumber": c.sort_number,
            "name": c.name,
        }
        for c in ordered
    ]
    return connection(nodes, args)


def _one(info: GraphQLResolveInfo, **args: object) -> object:
    """Nullable in the SDL, so an unknown id is ``null`` rather than an error."""
    data = _tenant(info)
    value = args.get("categoryid")
    key = data.uuid_key(kind="category", value=value) if isinstance(value, str) else None
    category = data.categories.get(key or 0)
    return None if category is None else category_details(data, category)


def _create(info: GraphQLResolveInfo, **args: object) -> object:
    data, request = _tenant(info), _request(args)
    if request is None:
        return None
    name = request.get("name")
    if not isinstance(name, str) or not name:
        raise GraphQLError("The name is required.", extensions={"code": "VALIDATION_ERROR"})
    sort_number = request.get("sortNumber")
    with data.lock:
        parent = _existing(data, request.get("parentId"), top_level_ok=True)
        category = category_add(
            data=data,
            name=name,
            parent_key=parent,
            sort_number=sort_number if isinstance(sort_number, int) else 0,
        )
    return {"categoryId": data.uuid(kind="category", key=category.key)}


def _update(info: GraphQLResolveInfo, **args: object) -> object:
    data, request = _tenant(info), _request(args)
    if request is None:
        return False
    with data.lock:
        category = data.categories[_existing(data, request.get("id"), top_level_ok=False)]
        if request.get("parentId") is not None:
            parent = _existing(data, request["parentId"], top_level_ok=True)
            if parent == category.key:
                raise GraphQLError("A category cannot be its own parent.")
            category.parent_key = parent
        name, sort_number = request.get("name"), request.get("sortNumber")
        category.name = name if isinstance(name, str) and name else category.name
        if isinstance(sort_number, int):
            category.sort_number = sort_number
    return True


def _delete(info: GraphQLResolveInfo, **args: object) -> object:
    data, request = _tenant(info), _request(args)
    if request is None:
        return False
    with data.lock:
        key = _existing(data, request.get("id"), top_level_ok=False)
        target = request.get("moveChildrenTargetId")
        children_to = None if target is None else _existing(data, target, top_level_ok=True)
        if children_to == key:
            raise GraphQLError("The children cannot move into the deleted category.")
        category_remove(data=data, key=key, children_to=children_to)
    return True


CATEGORY_RESOLVERS: dict[str, Callable[..., object]] = {
    "QueryCategories": _list,
    "GetCategoryById": _one,
    "CreateCategory": _create,
    "UpdateCategory": _update,
    "DeleteCategory": _delete,
}
"""SDL root field name -> resolver (merged into ``graphql._RESOLVERS``)."""
