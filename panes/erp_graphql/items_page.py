from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .fragments import ItemNode


class ItemsPage(BaseModel):
    query_items: Optional["ItemsPageQueryItems"] = Field(alias="QueryItems")


class ItemsPageQueryItems(BaseModel):
    page_info: "ItemsPageQueryItemsPageInfo" = Field(alias="pageInfo")
    nodes: list[Optional["ItemsPageQueryItemsNodes"]] | None


class ItemsPageQueryItemsPageInfo(BaseModel):
    has_next_page: int = Field(alias="hasNextPage")
    end_cursor: str | None = Field(alias="endCursor")


class ItemsPageQueryItemsNodes(ItemNode):
    pass


ItemsPage.model_rebuild()
ItemsPageQueryItems.model_rebuild()
