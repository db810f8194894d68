"""A customer's bank accounts, served from the store in both generations.

1.0 lists, reads, creates (201 ``CustomerBankAccount``), changes (204) and deletes (204);
2.0 describes only create (201), change (200 ``CustomerBankAccountRef {Id}``) and delete. Card
fields of the 2.0 schema are not kept: a sandbox holds no card data.
"""

from __future__ import annotations

from jtlapp.sandbox.erp import rest_bodies
from jtlapp.sandbox.erp.records_attached import BankAccount
from jtlapp.sandbox.erp.rest_attached import (
    Dto,
    answer,
    body_object,
    is_v2,
    no_content,
    owner_key,
    path_key,
    public_id,
    text_changes,
)
from jtlapp.sandbox.erp.rest_common import not_found
from jtlapp.sandbox.erp.rest_types import ErpRestResponse, RestCall

FIELDS = {
    "AccountHolder": "account_holder",
    "BankName": "bank_name",
    "AccountNumber": "account_number",
    "BankCode": "bank_code",
    "IBAN": "iban",
    "BIC": "bic",
}
"""Documented field -> ``BankAccount`` attribute (both generations spell them alike)."""


def _view(call: RestCall, account: BankAccount) -> Dto:
    view: Dto = {
        "Id": public_id(call, kind="bankaccount", key=account.key),
        "CustomerId": public_id(call, kind="customer", key=account.customer_key),
    }
    view.update({name: getattr(account, attribute) for name, attribute in FIELDS.items()})
    view["IsDefault"] = account.is_default
    return view


def _account(call: RestCall) -> BankAccount:
    customer_key = owner_key(call, owner="customer")
    key = path_key(call, kind="bankaccount", name="customerBankAccountId")
    account = call.tenant.attached.bank_accounts.get(key)
    if account is None or account.customer_key != customer_key:
        raise not_found("No bank account with the given ID exists.")
    return account


def _apply(account: BankAccount, changes: dict[str, str]) -> None:
    for attribute, value in changes.items():
        setattr(account, attribute, value)


def _make_default(call: RestCall, account: BankAccount) -> None:
    for other in call.tenant.attached.bank_accounts.values():
        if other.customer_key == account.customer_key:
            other.is_default = other.key == account.key


def bank_accounts_list(call: RestCall) -> ErpRestResponse:
    key = owner_key(call, owner="customer")
    accounts = [a for a in call.tenant.attached.bank_accounts.values() if a.customer_key == key]
    return answer([_view(call, a) for a in sorted(accounts, key=lambda a: a.key)])


def bank_account_read(call: RestCall) -> ErpRestResponse:
    return answer(_view(call, _account(call)))


def bank_account_create(call: RestCall) -> ErpRestResponse:
    body = body_object(call)
    changes = text_changes(body, FIELDS)
    attached = call.tenant.attached
    with call.tenant.lock:
        customer_key = owner_key(call, owner="customer")
        first = not any(a.customer_key == customer_key for a in attached.bank_accounts.values())
        account = BankAccount(
            key=attached.allocate(kind="bankaccount"),
            customer_key=customer_key,
            account_holder="",
            bank_name="",
            account_number="",
            bank_code="",
            iban="",
            bic="",
        )
        _apply(account, changes)
        attached.bank_accounts[account.key] = account
        if first or rest_bodies.get_bool(body, "IsDefault"):
            _make_default(call, account)
    return answer(_view(call, account), status=201)


def bank_account_update(call: RestCall) -> ErpRestResponse:
    """1.0 answers 204; 2.0 200 with the account's ``Id``."""
    changes = text_changes(body_object(call), FIELDS)
    with call.tenant.lock:
        account = _account(call)
        _apply(account, changes)
    if is_v2(call):
        return answer({"Id": public_id(call, kind="bankaccount", key=account.key)})
    return no_content()


def bank_account_delete(call: RestCall) -> ErpRestResponse:
    with call.tenant.lock:
        del call.tenant.attached.bank_accounts[_account(call).key]
    return no_content()
