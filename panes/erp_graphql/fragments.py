from datetime import datetime

from pydantic import Field

from .base_model import BaseModel
from .enums import DeliveryStatus, SalesOrderInvoicePaymentStatus


class CustomerNode(BaseModel):
    id: str
    customer_number: str | None = Field(alias="customerNumber")
    first_name: str | None = Field(alias="firstName")
    last_name: str | None = Field(alias="lastName")
    company_name: str | None = Field(alias="companyName")
    email_address: str | None = Field(alias="emailAddress")
    city: str | None
    country_iso: str | None = Field(alias="countryIso")
    customer_group_name: str | None = Field(alias="customerGroupName")
    created_date: datetime = Field(alias="createdDate")
    is_locked: bool = Field(alias="isLocked")


class ItemNode(BaseModel):
    id: str | None
    sku: str
    name: str | None
    stock_total: float = Field(alias="stockTotal")
    stock_available: float = Field(alias="stockAvailable")
    minimum_stock: float = Field(alias="minimumStock")
    is_active: bool = Field(alias="isActive")


class OrderNode(BaseModel):
    id: str
    sales_order_number: str = Field(alias="salesOrderNumber")
    sales_order_date: datetime = Field(alias="salesOrderDate")
    customer_id: str | None = Field(alias="customerId")
    customer_number: str | None = Field(alias="customerNumber")
    currency_iso: str | None = Field(alias="currencyIso")
    total_gross_amount: float | None = Field(alias="totalGrossAmount")
    total_net_amount: float | None = Field(alias="totalNetAmount")
    already_paid_amount: float = Field(alias="alreadyPaidAmount")
    still_to_pay: float | None = Field(alias="stillToPay")
    payment_status: SalesOrderInvoicePaymentStatus = Field(alias="paymentStatus")
    delivery_status: DeliveryStatus = Field(alias="deliveryStatus")
    is_cancelled: bool = Field(alias="isCancelled")
    is_pending: bool = Field(alias="isPending")
    billing_address_first_name: str | None = Field(alias="billingAddressFirstName")
    billing_address_last_name: str | None = Field(alias="billingAddressLastName")
    billing_address_company: str | None = Field(alias="billingAddressCompany")


CustomerNode.model_rebuild()
ItemNode.model_rebuild()
OrderNode.model_rebuild()
