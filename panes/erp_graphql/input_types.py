from datetime import datetime
from typing import Any, Optional

from pydantic import Field

from .base_model import BaseModel
from .enums import (
    DeliveryCompleteStatus,
    DeliveryStatus,
    ExternalSalesInvoiceType,
    ItemDescriptionType,
    ReadOnlyType,
    SalesInvoiceStatus,
    SalesOrderInvoicePaymentStatus,
    SalesOrderTaxSetting,
    SerialNumberTrackingMode,
)


class BooleanOperationFilterInput(BaseModel):
    eq: int | None = None
    neq: int | None = None


class ComparableByteOperationFilterInput(BaseModel):
    eq: Any | None = None
    neq: Any | None = None
    in_: list[Any] | None = Field(alias="in", default=None)
    nin: list[Any] | None = None
    gt: Any | None = None
    ngt: Any | None = None
    gte: Any | None = None
    ngte: Any | None = None
    lt: Any | None = None
    nlt: Any | None = None
    lte: Any | None = None
    nlte: Any | None = None


class ComparableDateTimeOperationFilterInput(BaseModel):
    eq: datetime | None = None
    neq: datetime | None = None
    in_: list[datetime] | None = Field(alias="in", default=None)
    nin: list[datetime] | None = None
    gt: datetime | None = None
    ngt: datetime | None = None
    gte: datetime | None = None
    ngte: datetime | None = None
    lt: datetime | None = None
    nlt: datetime | None = None
    lte: datetime | None = None
    nlte: datetime | None = None


class ComparableDecimalOperationFilterInput(BaseModel):
    eq: float | None = None
    neq: float | None = None
    in_: list[float] | None = Field(alias="in", default=None)
    nin: list[float] | None = None
    gt: float | None = None
    ngt: float | None = None
    gte: float | None = None
    ngte: float | None = None
    lt: float | None = None
    nlt: float | None = None
    lte: float | None = None
    nlte: float | None = None


class ComparableDeliveryCompleteStatusOperationFilterInput(BaseModel):
    eq: DeliveryCompleteStatus | None = None
    neq: DeliveryCompleteStatus | None = None
    in_: list[DeliveryCompleteStatus] | None = Field(alias="in", default=None)
    nin: list[DeliveryCompleteStatus] | None = None
    gt: DeliveryCompleteStatus | None = None
    ngt: DeliveryCompleteStatus | None = None
    gte: DeliveryCompleteStatus | None = None
    ngte: DeliveryCompleteStatus | None = None
    lt: DeliveryCompleteStatus | None = None
    nlt: DeliveryCompleteStatus | None = None
    lte: DeliveryCompleteStatus | None = None
    nlte: DeliveryCompleteStatus | None = None


class ComparableDeliveryStatusOperationFilterInput(BaseModel):
    eq: DeliveryStatus | None = None
    neq: DeliveryStatus | None = None
    in_: list[DeliveryStatus] | None = Field(alias="in", default=None)
    nin: list[DeliveryStatus] | None = None
    gt: DeliveryStatus | None = None
    ngt: DeliveryStatus | None = None
    gte: DeliveryStatus | None = None
    ngte: DeliveryStatus | None = None
    lt: DeliveryStatus | None = None
    nlt: DeliveryStatus | None = None
    lte: DeliveryStatus | None = None
    nlte: DeliveryStatus | None = None


class ComparableExternalSalesInvoiceTypeOperationFilterInput(BaseModel):
    eq: ExternalSalesInvoiceType | None = None
    neq: ExternalSalesInvoiceType | None = None
    in_: list[ExternalSalesInvoiceType] | None = Field(alias="in", default=None)
    nin: list[ExternalSalesInvoiceType] | None = None
    gt: ExternalSalesInvoiceType | None = None
    ngt: ExternalSalesInvoiceType | None = None
    gte: ExternalSalesInvoiceType | None = None
    ngte: ExternalSalesInvoiceType | None = None
    lt: ExternalSalesInvoiceType | None = None
    nlt: ExternalSalesInvoiceType | None = None
    lte: ExternalSalesInvoiceType | None = None
    nlte: ExternalSalesInvoiceType | None = None


class ComparableInt32OperationFilterInput(BaseModel):
    eq: int | None = None
    neq: int | None = None
    in_: list[int] | None = Field(alias="in", default=None)
    nin: list[int] | None = None
    gt: int | None = None
    ngt: int | None = None
    gte: int | None = None
    ngte: int | None = None
    lt: int | None = None
    nlt: int | None = None
    lte: int | None = None
    nlte: int | None = None


class ComparableItemDescriptionTypeOperationFilterInput(BaseModel):
    eq: ItemDescriptionType | None = None
    neq: ItemDescriptionType | None = None
    in_: list[ItemDescriptionType] | None = Field(alias="in", default=None)
    nin: list[ItemDescriptionType] | None = None
    gt: ItemDescriptionType | None = None
    ngt: ItemDescriptionType | None = None
    gte: ItemDescriptionType | None = None
    ngte: ItemDescriptionType | None = None
    lt: ItemDescriptionType | None = None
    nlt: ItemDescriptionType | None = None
    lte: ItemDescriptionType | None = None
    nlte: ItemDescriptionType | None = None


class ComparableNullableOfByteOperationFilterInput(BaseModel):
    eq: Any | None = None
    neq: Any | None = None
    in_: list[Any | None] | None = Field(alias="in", default=None)
    nin: list[Any | None] | None = None
    gt: Any | None = None
    ngt: Any | None = None
    gte: Any | None = None
    ngte: Any | None = None
    lt: Any | None = None
    nlt: Any | None = None
    lte: Any | None = None
    nlte: Any | None = None


class ComparableNullableOfDateTimeOffsetOperationFilterInput(BaseModel):
    eq: datetime | None = None
    neq: datetime | None = None
    in_: list[datetime | None] | None = Field(alias="in", default=None)
    nin: list[datetime | None] | None = None
    gt: datetime | None = None
    ngt: datetime | None = None
    gte: datetime | None = None
    ngte: datetime | None = None
    lt: datetime | None = None
    nlt: datetime | None = None
    lte: datetime | None = None
    nlte: datetime | None = None


class ComparableNullableOfDateTimeOperationFilterInput(BaseModel):
    eq: datetime | None = None
    neq: datetime | None = None
    in_: list[datetime | None] | None = Field(alias="in", default=None)
    nin: list[datetime | None] | None = None
    gt: datetime | None = None
    ngt: datetime | None = None
    gte: datetime | None = None
    ngte: datetime | None = None
    lt: datetime | None = None
    nlt: datetime | None = None
    lte: datetime | None = None
    nlte: datetime | None = None


class ComparableNullableOfDecimalOperationFilterInput(BaseModel):
    eq: float | None = None
    neq: float | None = None
    in_: list[float | None] | None = Field(alias="in", default=None)
    nin: list[float | None] | None = None
    gt: float | None = None
    ngt: float | None = None
    gte: float | None = None
    ngte: float | None = None
    lt: float | None = None
    nlt: float | None = None
    lte: float | None = None
    nlte: float | None = None


class ComparableNullableOfInt32OperationFilterInput(BaseModel):
    eq: int | None = None
    neq: int | None = None
    in_: list[int | None] | None = Field(alias="in", default=None)
    nin: list[int | None] | None = None
    gt: int | None = None
    ngt: int | None = None
    gte: int | None = None
    ngte: int | None = None
    lt: int | None = None
    nlt: int | None = None
    lte: int | None = None
    nlte: int | None = None


class ComparableReadOnlyTypeOperationFilterInput(BaseModel):
    eq: ReadOnlyType | None = None
    neq: ReadOnlyType | None = None
    in_: list[ReadOnlyType] | None = Field(alias="in", default=None)
    nin: list[ReadOnlyType] | None = None
    gt: ReadOnlyType | None = None
    ngt: ReadOnlyType | None = None
    gte: ReadOnlyType | None = None
    ngte: ReadOnlyType | None = None
    lt: ReadOnlyType | None = None
    nlt: ReadOnlyType | None = None
    lte: ReadOnlyType | None = None
    nlte: ReadOnlyType | None = None


class ComparableSalesInvoiceStatusOperationFilterInput(BaseModel):
    eq: SalesInvoiceStatus | None = None
    neq: SalesInvoiceStatus | None = None
    in_: list[SalesInvoiceStatus] | None = Field(alias="in", default=None)
    nin: list[SalesInvoiceStatus] | None = None
    gt: SalesInvoiceStatus | None = None
    ngt: SalesInvoiceStatus | None = None
    gte: SalesInvoiceStatus | None = None
    ngte: SalesInvoiceStatus | None = None
    lt: SalesInvoiceStatus | None = None
    nlt: SalesInvoiceStatus | None = None
    lte: SalesInvoiceStatus | None = None
    nlte: SalesInvoiceStatus | None = None


class ComparableSalesOrderInvoicePaymentStatusOperationFilterInput(BaseModel):
    eq: SalesOrderInvoicePaymentStatus | None = None
    neq: SalesOrderInvoicePaymentStatus | None = None
    in_: list[SalesOrderInvoicePaymentStatus] | None = Field(alias="in", default=None)
    nin: list[SalesOrderInvoicePaymentStatus] | None = None
    gt: SalesOrderInvoicePaymentStatus | None = None
    ngt: SalesOrderInvoicePaymentStatus | None = None
    gte: SalesOrderInvoicePaymentStatus | None = None
    ngte: SalesOrderInvoicePaymentStatus | None = None
    lt: SalesOrderInvoicePaymentStatus | None = None
    nlt: SalesOrderInvoicePaymentStatus | None = None
    lte: SalesOrderInvoicePaymentStatus | None = None
    nlte: SalesOrderInvoicePaymentStatus | None = None


class ComparableSalesOrderTaxSettingOperationFilterInput(BaseModel):
    eq: SalesOrderTaxSetting | None = None
    neq: SalesOrderTaxSetting | None = None
    in_: list[SalesOrderTaxSetting] | None = Field(alias="in", default=None)
    nin: list[SalesOrderTaxSetting] | None = None
    gt: SalesOrderTaxSetting | None = None
    ngt: SalesOrderTaxSetting | None = None
    gte: SalesOrderTaxSetting | None = None
    ngte: SalesOrderTaxSetting | None = None
    lt: SalesOrderTaxSetting | None = None
    nlt: SalesOrderTaxSetting | None = None
    lte: SalesOrderTaxSetting | None = None
    nlte: SalesOrderTaxSetting | None = None


class ComparableSerialNumberTrackingModeOperationFilterInput(BaseModel):
    eq: SerialNumberTrackingMode | None = None
    neq: SerialNumberTrackingMode | None = None
    in_: list[SerialNumberTrackingMode] | None = Field(alias="in", default=None)
    nin: list[SerialNumberTrackingMode] | None = None
    gt: SerialNumberTrackingMode | None = None
    ngt: SerialNumberTrackingMode | None = None
    gte: SerialNumberTrackingMode | None = None
    ngte: SerialNumberTrackingMode | None = None
    lt: SerialNumberTrackingMode | None = None
    nlt: SerialNumberTrackingMode | None = None
    lte: SerialNumberTrackingMode | None = None
    nlte: SerialNumberTrackingMode | None = None


class IdOperationFilterInput(BaseModel):
    eq: str | None = None
    neq: str | None = None
    in_: list[str | None] | None = Field(alias="in", default=None)
    nin: list[str | None] | None = None


class ItemListItemFilterInput(BaseModel):
    and_: list["ItemListItemFilterInput"] | None = Field(alias="and", default=None)
    or_: list["ItemListItemFilterInput"] | None = Field(alias="or", default=None)
    id: Optional["IdOperationFilterInput"] = None
    bill_of_materials_id: Optional["IdOperationFilterInput"] = Field(
        alias="billOfMaterialsId", default=None
    )
    parent_item_id: Optional["IdOperationFilterInput"] = Field(alias="parentItemId", default=None)
    item_id_for_category_item_id: Optional["IdOperationFilterInput"] = Field(
        alias="itemIdForCategoryItemId", default=None
    )
    sku: Optional["StringOperationFilterInput"] = None
    sort_number: Optional["ComparableInt32OperationFilterInput"] = Field(
        alias="sortNumber", default=None
    )
    name: Optional["StringOperationFilterInput"] = None
    unit: Optional["StringOperationFilterInput"] = None
    description: Optional["StringOperationFilterInput"] = None
    short_description: Optional["StringOperationFilterInput"] = Field(
        alias="shortDescription", default=None
    )
    notes: Optional["StringOperationFilterInput"] = None
    labels: Optional["StringOperationFilterInput"] = None
    series: Optional["StringOperationFilterInput"] = None
    gtin: Optional["StringOperationFilterInput"] = None
    manufacturer_number: Optional["StringOperationFilterInput"] = Field(
        alias="manufacturerNumber", default=None
    )
    isbn: Optional["StringOperationFilterInput"] = None
    default_asin: Optional["StringOperationFilterInput"] = Field(alias="defaultAsin", default=None)
    taric_code: Optional["StringOperationFilterInput"] = Field(alias="taricCode", default=None)
    upc: Optional["StringOperationFilterInput"] = None
    un_number: Optional["StringOperationFilterInput"] = Field(alias="unNumber", default=None)
    hazard_number: Optional["StringOperationFilterInput"] = Field(
        alias="hazardNumber", default=None
    )
    amazon_fnsku: Optional["StringOperationFilterInput"] = Field(alias="amazonFnsku", default=None)
    jfsku: Optional["StringOperationFilterInput"] = None
    country_of_origin: Optional["StringOperationFilterInput"] = Field(
        alias="countryOfOrigin", default=None
    )
    manufacturer_name: Optional["StringOperationFilterInput"] = Field(
        alias="manufacturerName", default=None
    )
    delivery_status: Optional["StringOperationFilterInput"] = Field(
        alias="deliveryStatus", default=None
    )
    is_delivery_time_automatic: Optional["BooleanOperationFilterInput"] = Field(
        alias="isDeliveryTimeAutomatic", default=None
    )
    manual_delivery_time_days: Optional["ComparableInt32OperationFilterInput"] = Field(
        alias="manualDeliveryTimeDays", default=None
    )
    width: Optional["ComparableDecimalOperationFilterInput"] = None
    height: Optional["ComparableDecimalOperationFilterInput"] = None
    length: Optional["ComparableDecimalOperationFilterInput"] = None
    shipping_weight: Optional["ComparableDecimalOperationFilterInput"] = Field(
        alias="shippingWeight", default=None
    )
    weight: Optional["ComparableDecimalOperationFilterInput"] = None
    created_date: Optional["ComparableNullableOfDateTimeOffsetOperationFilterInput"] = Field(
        alias="createdDate", default=None
    )
    modified_date: Optional["ComparableNullableOfDateTimeOffsetOperationFilterInput"] = Field(
        alias="modifiedDate", default=None
    )
    modified_timestamp: Optional["ComparableNullableOfDateTimeOffsetOperationFilterInput"] = Field(
        alias="modifiedTimestamp", default=None
    )
    release_date: Optional["ComparableNullableOfDateTimeOffsetOperationFilterInput"] = Field(
        alias="releaseDate", default=None
    )
    last_purchase_date: Optional["ComparableNullableOfDateTimeOffsetOperationFilterInput"] = Field(
        alias="lastPurchaseDate", default=None
    )
    last_editor: Optional["StringOperationFilterInput"] = Field(alias="lastEditor", default=None)
    sales_price_net: Optional["ComparableDecimalOperationFilterInput"] = Field(
        alias="salesPriceNet", default=None
    )
    sales_price_gross: Optional["ComparableDecimalOperationFilterInput"] = Field(
        alias="salesPriceGross", default=None
    )
    suggested_retail_price: Optional["ComparableDecimalOperationFilterInput"] = Field(
        alias="suggestedRetailPrice", default=None
    )
    average_purchase_price_net: Optional["ComparableDecimalOperationFilterInput"] = Field(
        alias="averagePurchasePriceNet", default=None
    )
    last_purchase_price: Optional["ComparableDecimalOperationFilterInput"] = Field(
        alias="lastPurchasePrice", default=None
    )
    amazon_price: Optional["ComparableDecimalOperationFilterInput"] = Field(
        alias="amazonPrice", default=None
    )
    ebay_price: Optional["ComparableDecimalOperationFilterInput"] = Field(
        alias="ebayPrice", default=None
    )
    profit: Optional["ComparableDecimalOperationFilterInput"] = None
    profit_percent: Optional["ComparableDecimalOperationFilterInput"] = Field(
        alias="profitPercent", default=None
    )
    special_price_status: Optional["ComparableInt32OperationFilterInput"] = Field(
        alias="specialPriceStatus", default=None
    )
    base_price_value: Optional["ComparableNullableOfDecimalOperationFilterInput"] = Field(
        alias="basePriceValue", default=None
    )
    base_price_unit: Optional["StringOperationFilterInput"] = Field(
        alias="basePriceUnit", default=None
    )
    measurement_unit: Optional["StringOperationFilterInput"] = Field(
        alias="measurementUnit", default=None
    )
    stock_total: Optional["ComparableDecimalOperationFilterInput"] = Field(
        alias="stockTotal", default=None
    )
    stock_own: Optional["ComparableDecimalOperationFilterInput"] = Field(
        alias="stockOwn", default=None
    )
    stock_incoming: Optional["ComparableDecimalOperationFilterInput"] = Field(
        alias="stockIncoming", default=None
    )
    stock_on_purchase_list: Optional["ComparableDecimalOperationFilterInput"] = Field(
        alias="stockOnPurchaseList", default=None
    )
    stock_in_orders: Optional["ComparableDecimalOperationFilterInput"] = Field(
        alias="stockInOrders", default=None
    )
    stock_available: Optional["ComparableDecimalOperationFilterInput"] = Field(
        alias="stockAvailable", default=None
    )
    stock_reserved_total: Optional["ComparableDecimalOperationFilterInput"] = Field(
        alias="stockReservedTotal", default=None
    )
    stock_in_amazon_offers: Optional["ComparableInt32OperationFilterInput"] = Field(
        alias="stockInAmazonOffers", default=None
    )
    ebay_stock: Optional["ComparableDecimalOperationFilterInput"] = Field(
        alias="ebayStock", default=None
    )
    minimum_order_quantity: Optional["ComparableDecimalOperationFilterInput"] = Field(
        alias="minimumOrderQuantity", default=None
    )
    purchase_interval: Optional["ComparableDecimalOperationFilterInput"] = Field(
        alias="purchaseInterval", default=None
    )
    buffer: Optional["ComparableInt32OperationFilterInput"] = None
    minimum_stock: Optional["ComparableDecimalOperationFilterInput"] = Field(
        alias="minimumStock", default=None
    )
    allow_negative_stock: Optional["BooleanOperationFilterInput"] = Field(
        alias="allowNegativeStock", default=None
    )
    is_inventory_management_active: Optional["BooleanOperationFilterInput"] = Field(
        alias="isInventoryManagementActive", default=None
    )
    is_divisible: Optional["BooleanOperationFilterInput"] = Field(alias="isDivisible", default=None)
    has_batch: Optional["BooleanOperationFilterInput"] = Field(alias="hasBatch", default=None)
    has_best_before_date: Optional["BooleanOperationFilterInput"] = Field(
        alias="hasBestBeforeDate", default=None
    )
    is_serial_number_managed: Optional["BooleanOperationFilterInput"] = Field(
        alias="isSerialNumberManaged", default=None
    )
    serial_number_tracking_mode: Optional[
        "ComparableSerialNumberTrackingModeOperationFilterInput"
    ] = Field(alias="serialNumberTrackingMode", default=None)
    is_active: Optional["BooleanOperationFilterInput"] = Field(alias="isActive", default=None)
    is_on_price_list: Optional["BooleanOperationFilterInput"] = Field(
        alias="isOnPriceList", default=None
    )
    is_top_item: Optional["BooleanOperationFilterInput"] = Field(alias="isTopItem", default=None)
    is_new: Optional["BooleanOperationFilterInput"] = Field(alias="isNew", default=None)
    is_bill_of_materials: Optional["BooleanOperationFilterInput"] = Field(
        alias="isBillOfMaterials", default=None
    )
    is_bill_of_materials_component: Optional["BooleanOperationFilterInput"] = Field(
        alias="isBillOfMaterialsComponent", default=None
    )
    is_variation_parent: Optional["BooleanOperationFilterInput"] = Field(
        alias="isVariationParent", default=None
    )
    is_variation_child: Optional["BooleanOperationFilterInput"] = Field(
        alias="isVariationChild", default=None
    )
    has_minimum_stock: Optional["BooleanOperationFilterInput"] = Field(
        alias="hasMinimumStock", default=None
    )
    is_blocked_for_order_suggestions: Optional["BooleanOperationFilterInput"] = Field(
        alias="isBlockedForOrderSuggestions", default=None
    )
    is_shop_active: Optional["BooleanOperationFilterInput"] = Field(
        alias="isShopActive", default=None
    )
    is_order_process_prohibited: Optional["BooleanOperationFilterInput"] = Field(
        alias="isOrderProcessProhibited", default=None
    )
    sales_packaging_unit: Optional["ComparableByteOperationFilterInput"] = Field(
        alias="salesPackagingUnit", default=None
    )
    condition_id: Optional["IdOperationFilterInput"] = Field(alias="conditionId", default=None)
    condition_name: Optional["StringOperationFilterInput"] = Field(
        alias="conditionName", default=None
    )
    is_fulfillment_active: Optional["BooleanOperationFilterInput"] = Field(
        alias="isFulfillmentActive", default=None
    )
    is_fulfillment_own: Optional["BooleanOperationFilterInput"] = Field(
        alias="isFulfillmentOwn", default=None
    )
    tax_class_name: Optional["StringOperationFilterInput"] = Field(
        alias="taxClassName", default=None
    )
    product_group_name: Optional["StringOperationFilterInput"] = Field(
        alias="productGroupName", default=None
    )
    default_supplier: Optional["StringOperationFilterInput"] = Field(
        alias="defaultSupplier", default=None
    )
    shipping_class_name: Optional["StringOperationFilterInput"] = Field(
        alias="shippingClassName", default=None
    )
    default_image_id: Optional["IdOperationFilterInput"] = Field(
        alias="defaultImageId", default=None
    )
    additional_processing_time: Optional["ComparableInt32OperationFilterInput"] = Field(
        alias="additionalProcessingTime", default=None
    )
    meta_description: Optional["StringOperationFilterInput"] = Field(
        alias="metaDescription", default=None
    )
    title_tag: Optional["StringOperationFilterInput"] = Field(alias="titleTag", default=None)
    meta_keywords: Optional["StringOperationFilterInput"] = Field(
        alias="metaKeywords", default=None
    )
    language_id: Optional["IdOperationFilterInput"] = Field(alias="languageId", default=None)
    company_id: Optional["IdOperationFilterInput"] = Field(alias="companyId", default=None)


class SalesOrderListItemFilterInput(BaseModel):
    and_: list["SalesOrderListItemFilterInput"] | None = Field(alias="and", default=None)
    or_: list["SalesOrderListItemFilterInput"] | None = Field(alias="or", default=None)
    id: Optional["IdOperationFilterInput"] = None
    accounts_receivable_number: Optional["ComparableNullableOfInt32OperationFilterInput"] = Field(
        alias="accountsReceivableNumber", default=None
    )
    assigned_user_id: Optional["IdOperationFilterInput"] = Field(
        alias="assignedUserId", default=None
    )
    company_name: Optional["StringOperationFilterInput"] = Field(alias="companyName", default=None)
    created_by_user_id: Optional["IdOperationFilterInput"] = Field(
        alias="createdByUserId", default=None
    )
    currency_factor: Optional["ComparableDecimalOperationFilterInput"] = Field(
        alias="currencyFactor", default=None
    )
    currency_iso: Optional["StringOperationFilterInput"] = Field(alias="currencyIso", default=None)
    customer_id: Optional["IdOperationFilterInput"] = Field(alias="customerId", default=None)
    customer_number: Optional["StringOperationFilterInput"] = Field(
        alias="customerNumber", default=None
    )
    delivery_complete_status: Optional["ComparableDeliveryCompleteStatusOperationFilterInput"] = (
        Field(alias="deliveryCompleteStatus", default=None)
    )
    departure_country_iso: Optional["StringOperationFilterInput"] = Field(
        alias="departureCountryIso", default=None
    )
    departure_country_currency_factor: Optional["ComparableDecimalOperationFilterInput"] = Field(
        alias="departureCountryCurrencyFactor", default=None
    )
    departure_country_currency_iso: Optional["StringOperationFilterInput"] = Field(
        alias="departureCountryCurrencyIso", default=None
    )
    ebay_username: Optional["StringOperationFilterInput"] = Field(
        alias="ebayUsername", default=None
    )
    estimated_delivery_date: Optional["ComparableNullableOfDateTimeOperationFilterInput"] = Field(
        alias="estimatedDeliveryDate", default=None
    )
    external_sales_invoice_type: Optional[
        "ComparableExternalSalesInvoiceTypeOperationFilterInput"
    ] = Field(alias="externalSalesInvoiceType", default=None)
    external_sales_order_number: Optional["StringOperationFilterInput"] = Field(
        alias="externalSalesOrderNumber", default=None
    )
    extra_weight: Optional["ComparableDecimalOperationFilterInput"] = Field(
        alias="extraWeight", default=None
    )
    is_intra_community_delivery: Optional["BooleanOperationFilterInput"] = Field(
        alias="isIntraCommunityDelivery", default=None
    )
    is_cancelled: Optional["BooleanOperationFilterInput"] = Field(alias="isCancelled", default=None)
    is_pending: Optional["BooleanOperationFilterInput"] = Field(alias="isPending", default=None)
    item_description_type: Optional["ComparableItemDescriptionTypeOperationFilterInput"] = Field(
        alias="itemDescriptionType", default=None
    )
    language_iso: Optional["StringOperationFilterInput"] = Field(alias="languageIso", default=None)
    last_shipping_date: Optional["ComparableNullableOfDateTimeOperationFilterInput"] = Field(
        alias="lastShippingDate", default=None
    )
    needs_online_synchronisation: Optional["BooleanOperationFilterInput"] = Field(
        alias="needsOnlineSynchronisation", default=None
    )
    on_hold_reason_id: Optional["IdOperationFilterInput"] = Field(
        alias="onHoldReasonId", default=None
    )
    payment_method_id: Optional["IdOperationFilterInput"] = Field(
        alias="paymentMethodId", default=None
    )
    payment_due_date_in_days: Optional["ComparableNullableOfInt32OperationFilterInput"] = Field(
        alias="paymentDueDateInDays", default=None
    )
    platform_id: Optional["IdOperationFilterInput"] = Field(alias="platformId", default=None)
    process_colour_code: Optional["ComparableNullableOfInt32OperationFilterInput"] = Field(
        alias="processColourCode", default=None
    )
    process_colour_name: Optional["StringOperationFilterInput"] = Field(
        alias="processColourName", default=None
    )
    process_status_name: Optional["StringOperationFilterInput"] = Field(
        alias="processStatusName", default=None
    )
    read_only_type: Optional["ComparableReadOnlyTypeOperationFilterInput"] = Field(
        alias="readOnlyType", default=None
    )
    sales_channel_id: Optional["IdOperationFilterInput"] = Field(
        alias="salesChannelId", default=None
    )
    sales_order_date: Optional["ComparableDateTimeOperationFilterInput"] = Field(
        alias="salesOrderDate", default=None
    )
    sales_order_number: Optional["StringOperationFilterInput"] = Field(
        alias="salesOrderNumber", default=None
    )
    sales_order_status: Optional["ComparableByteOperationFilterInput"] = Field(
        alias="salesOrderStatus", default=None
    )
    shipping_method_id: Optional["IdOperationFilterInput"] = Field(
        alias="shippingMethodId", default=None
    )
    shipping_priority: Optional["ComparableInt32OperationFilterInput"] = Field(
        alias="shippingPriority", default=None
    )
    shop_payment_module: Optional["StringOperationFilterInput"] = Field(
        alias="shopPaymentModule", default=None
    )
    tax_setting: Optional["ComparableSalesOrderTaxSettingOperationFilterInput"] = Field(
        alias="taxSetting", default=None
    )
    total_gross_amount: Optional["ComparableNullableOfDecimalOperationFilterInput"] = Field(
        alias="totalGrossAmount", default=None
    )
    is_exempt_from_vat: Optional["BooleanOperationFilterInput"] = Field(
        alias="isExemptFromVat", default=None
    )
    company_id: Optional["IdOperationFilterInput"] = Field(alias="companyId", default=None)
    online_sales_order_id: Optional["ComparableNullableOfInt32OperationFilterInput"] = Field(
        alias="onlineSalesOrderId", default=None
    )
    comment: Optional["StringOperationFilterInput"] = None
    print_date: Optional["ComparableNullableOfDateTimeOperationFilterInput"] = Field(
        alias="printDate", default=None
    )
    mail_date: Optional["ComparableNullableOfDateTimeOperationFilterInput"] = Field(
        alias="mailDate", default=None
    )
    payment_mail_date: Optional["ComparableNullableOfDateTimeOperationFilterInput"] = Field(
        alias="paymentMailDate", default=None
    )
    date_of_payment: Optional["ComparableNullableOfDateTimeOperationFilterInput"] = Field(
        alias="dateOfPayment", default=None
    )
    payment_date: Optional["ComparableNullableOfDateTimeOperationFilterInput"] = Field(
        alias="paymentDate", default=None
    )
    on_hold_reason_name: Optional["StringOperationFilterInput"] = Field(
        alias="onHoldReasonName", default=None
    )
    sales_invoice_status: Optional["ComparableSalesInvoiceStatusOperationFilterInput"] = Field(
        alias="salesInvoiceStatus", default=None
    )
    billing_address_company: Optional["StringOperationFilterInput"] = Field(
        alias="billingAddressCompany", default=None
    )
    billing_address_form_of_address: Optional["StringOperationFilterInput"] = Field(
        alias="billingAddressFormOfAddress", default=None
    )
    billing_address_title: Optional["StringOperationFilterInput"] = Field(
        alias="billingAddressTitle", default=None
    )
    billing_address_first_name: Optional["StringOperationFilterInput"] = Field(
        alias="billingAddressFirstName", default=None
    )
    billing_address_last_name: Optional["StringOperationFilterInput"] = Field(
        alias="billingAddressLastName", default=None
    )
    billing_address_street: Optional["StringOperationFilterInput"] = Field(
        alias="billingAddressStreet", default=None
    )
    billing_address_address_2: Optional["StringOperationFilterInput"] = Field(
        alias="billingAddressAddress2", default=None
    )
    billing_address_postal_code: Optional["StringOperationFilterInput"] = Field(
        alias="billingAddressPostalCode", default=None
    )
    billing_address_city: Optional["StringOperationFilterInput"] = Field(
        alias="billingAddressCity", default=None
    )
    billing_address_country_name: Optional["StringOperationFilterInput"] = Field(
        alias="billingAddressCountryName", default=None
    )
    billing_address_phone_number: Optional["StringOperationFilterInput"] = Field(
        alias="billingAddressPhoneNumber", default=None
    )
    billing_address_mobile_phone_number: Optional["StringOperationFilterInput"] = Field(
        alias="billingAddressMobilePhoneNumber", default=None
    )
    billing_address_fax: Optional["StringOperationFilterInput"] = Field(
        alias="billingAddressFax", default=None
    )
    billing_address_email_address: Optional["StringOperationFilterInput"] = Field(
        alias="billingAddressEmailAddress", default=None
    )
    billing_address_company_2: Optional["StringOperationFilterInput"] = Field(
        alias="billingAddressCompany2", default=None
    )
    billing_address_post_id: Optional["StringOperationFilterInput"] = Field(
        alias="billingAddressPostId", default=None
    )
    billing_address_state: Optional["StringOperationFilterInput"] = Field(
        alias="billingAddressState", default=None
    )
    billing_address_country_iso: Optional["StringOperationFilterInput"] = Field(
        alias="billingAddressCountryIso", default=None
    )
    shipment_address_company: Optional["StringOperationFilterInput"] = Field(
        alias="shipmentAddressCompany", default=None
    )
    shipment_address_form_of_address: Optional["StringOperationFilterInput"] = Field(
        alias="shipmentAddressFormOfAddress", default=None
    )
    shipment_address_title: Optional["StringOperationFilterInput"] = Field(
        alias="shipmentAddressTitle", default=None
    )
    shipment_address_first_name: Optional["StringOperationFilterInput"] = Field(
        alias="shipmentAddressFirstName", default=None
    )
    shipment_address_last_name: Optional["StringOperationFilterInput"] = Field(
        alias="shipmentAddressLastName", default=None
    )
    shipment_address_street: Optional["StringOperationFilterInput"] = Field(
        alias="shipmentAddressStreet", default=None
    )
    shipment_address_address_2: Optional["StringOperationFilterInput"] = Field(
        alias="shipmentAddressAddress2", default=None
    )
    shipment_address_postal_code: Optional["StringOperationFilterInput"] = Field(
        alias="shipmentAddressPostalCode", default=None
    )
    shipment_address_city: Optional["StringOperationFilterInput"] = Field(
        alias="shipmentAddressCity", default=None
    )
    shipment_address_country_name: Optional["StringOperationFilterInput"] = Field(
        alias="shipmentAddressCountryName", default=None
    )
    shipment_address_phone_number: Optional["StringOperationFilterInput"] = Field(
        alias="shipmentAddressPhoneNumber", default=None
    )
    shipment_address_mobile_phone_number: Optional["StringOperationFilterInput"] = Field(
        alias="shipmentAddressMobilePhoneNumber", default=None
    )
    shipment_address_fax: Optional["StringOperationFilterInput"] = Field(
        alias="shipmentAddressFax", default=None
    )
    shipment_address_email_address: Optional["StringOperationFilterInput"] = Field(
        alias="shipmentAddressEmailAddress", default=None
    )
    shipment_address_company_2: Optional["StringOperationFilterInput"] = Field(
        alias="shipmentAddressCompany2", default=None
    )
    shipment_address_post_id: Optional["StringOperationFilterInput"] = Field(
        alias="shipmentAddressPostId", default=None
    )
    shipment_address_state: Optional["StringOperationFilterInput"] = Field(
        alias="shipmentAddressState", default=None
    )
    shipment_address_country_iso: Optional["StringOperationFilterInput"] = Field(
        alias="shipmentAddressCountryIso", default=None
    )
    assigned_user_name: Optional["StringOperationFilterInput"] = Field(
        alias="assignedUserName", default=None
    )
    sales_channel_name: Optional["StringOperationFilterInput"] = Field(
        alias="salesChannelName", default=None
    )
    customer_group_name: Optional["StringOperationFilterInput"] = Field(
        alias="customerGroupName", default=None
    )
    payment_method_name: Optional["StringOperationFilterInput"] = Field(
        alias="paymentMethodName", default=None
    )
    shipping_method_name: Optional["StringOperationFilterInput"] = Field(
        alias="shippingMethodName", default=None
    )
    shipping_country_total_gross_amount: Optional[
        "ComparableNullableOfDecimalOperationFilterInput"
    ] = Field(alias="shippingCountryTotalGrossAmount", default=None)
    customer_comment: Optional["StringOperationFilterInput"] = Field(
        alias="customerComment", default=None
    )
    payment_reference: Optional["StringOperationFilterInput"] = Field(
        alias="paymentReference", default=None
    )
    sales_invoice_correction_total_gross_amount: Optional[
        "ComparableDecimalOperationFilterInput"
    ] = Field(alias="salesInvoiceCorrectionTotalGrossAmount", default=None)
    already_paid_amount: Optional["ComparableDecimalOperationFilterInput"] = Field(
        alias="alreadyPaidAmount", default=None
    )
    still_to_pay: Optional["ComparableNullableOfDecimalOperationFilterInput"] = Field(
        alias="stillToPay", default=None
    )
    total_net_amount: Optional["ComparableNullableOfDecimalOperationFilterInput"] = Field(
        alias="totalNetAmount", default=None
    )
    wms_locked: Optional["ComparableNullableOfByteOperationFilterInput"] = Field(
        alias="wmsLocked", default=None
    )
    wms_partial_shipment: Optional["ComparableNullableOfInt32OperationFilterInput"] = Field(
        alias="wmsPartialShipment", default=None
    )
    wms_pre_picking: Optional["ComparableNullableOfInt32OperationFilterInput"] = Field(
        alias="wmsPrePicking", default=None
    )
    payment_status: Optional["ComparableSalesOrderInvoicePaymentStatusOperationFilterInput"] = (
        Field(alias="paymentStatus", default=None)
    )
    delivery_status: Optional["ComparableDeliveryStatusOperationFilterInput"] = Field(
        alias="deliveryStatus", default=None
    )
    platform_type: Optional["ComparableInt32OperationFilterInput"] = Field(
        alias="platformType", default=None
    )
    sales_invoice_numbers: Optional["StringOperationFilterInput"] = Field(
        alias="salesInvoiceNumbers", default=None
    )
    cancelled_date: Optional["ComparableNullableOfDateTimeOperationFilterInput"] = Field(
        alias="cancelledDate", default=None
    )
    cancellation_comment: Optional["StringOperationFilterInput"] = Field(
        alias="cancellationComment", default=None
    )
    cancellation_user_name: Optional["StringOperationFilterInput"] = Field(
        alias="cancellationUserName", default=None
    )
    cancellation_reason: Optional["StringOperationFilterInput"] = Field(
        alias="cancellationReason", default=None
    )
    amazon_user_id: Optional["ComparableNullableOfInt32OperationFilterInput"] = Field(
        alias="amazonUserId", default=None
    )
    created_by_user_name: Optional["StringOperationFilterInput"] = Field(
        alias="createdByUserName", default=None
    )


class StringOperationFilterInput(BaseModel):
    and_: list["StringOperationFilterInput"] | None = Field(alias="and", default=None)
    or_: list["StringOperationFilterInput"] | None = Field(alias="or", default=None)
    eq: str | None = None
    neq: str | None = None
    contains: str | None = None
    ncontains: str | None = None
    in_: list[str | None] | None = Field(alias="in", default=None)
    nin: list[str | None] | None = None
    starts_with: str | None = Field(alias="startsWith", default=None)
    nstarts_with: str | None = Field(alias="nstartsWith", default=None)
    ends_with: str | None = Field(alias="endsWith", default=None)
    nends_with: str | None = Field(alias="nendsWith", default=None)


ItemListItemFilterInput.model_rebuild()
SalesOrderListItemFilterInput.model_rebuild()
StringOperationFilterInput.model_rebuild()
