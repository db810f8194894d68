__all__ = ["CUSTOMER_PANE_GQL", "ITEMS_PAGE_GQL", "ORDERS_PAGE_GQL", "ORDER_PANE_GQL"]

CUSTOMER_PANE_GQL = """
query CustomerPane($id: ID, $first: Int) {
  QueryCustomers(first: 1, where: {id: {eq: $id}}) {
    nodes {
      ...CustomerNode
    }
  }
  QuerySalesOrders(
    first: $first
    where: {customerId: {eq: $id}}
    order: [{salesOrderDate: DESC}]
  ) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      ...OrderNode
    }
  }
}

fragment CustomerNode on CustomerListItem {
  id
  customerNumber
  firstName
  lastName
  companyName
  emailAddress
  city
  countryIso
  customerGroupName
  createdDate
  isLocked
}

fragment OrderNode on SalesOrderListItem {
  id
  salesOrderNumber
  salesOrderDate
  customerId
  customerNumber
  currencyIso
  totalGrossAmount
  totalNetAmount
  alreadyPaidAmount
  stillToPay
  paymentStatus
  deliveryStatus
  isCancelled
  isPending
  billingAddressFirstName
  billingAddressLastName
  billingAddressCompany
}
"""

ORDERS_PAGE_GQL = """
query OrdersPage($first: Int, $after: String, $where: SalesOrderListItemFilterInput) {
  QuerySalesOrders(
    first: $first
    after: $after
    where: $where
    order: [{salesOrderDate: DESC}]
  ) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      ...OrderNode
    }
  }
}

fragment OrderNode on SalesOrderListItem {
  id
  salesOrderNumber
  salesOrderDate
  customerId
  customerNumber
  currencyIso
  totalGrossAmount
  totalNetAmount
  alreadyPaidAmount
  stillToPay
  paymentStatus
  deliveryStatus
  isCancelled
  isPending
  billingAddressFirstName
  billingAddressLastName
  billingAddressCompany
}
"""

ORDER_PANE_GQL = """
query OrderPane($id: ID, $items: [ID]) {
  QuerySalesOrders(first: 1, where: {id: {eq: $id}}) {
    nodes {
      ...OrderNode
    }
  }
  QueryItems(first: 200, where: {id: {in: $items}}) {
    nodes {
      ...ItemNode
    }
  }
}

fragment ItemNode on ItemListItem {
  id
  sku
  name
  stockTotal
  stockAvailable
  minimumStock
  isActive
}

fragment OrderNode on SalesOrderListItem {
  id
  salesOrderNumber
  salesOrderDate
  customerId
  customerNumber
  currencyIso
  totalGrossAmount
  totalNetAmount
  alreadyPaidAmount
  stillToPay
  paymentStatus
  deliveryStatus
  isCancelled
  isPending
  billingAddressFirstName
  billingAddressLastName
  billingAddressCompany
}
"""

ITEMS_PAGE_GQL = """
query ItemsPage($first: Int, $after: String, $where: ItemListItemFilterInput) {
  QueryItems(first: $first, after: $after, where: $where) {
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      ...ItemNode
    }
  }
}

fragment ItemNode on ItemListItem {
  id
  sku
  name
  stockTotal
  stockAvailable
  minimumStock
  isActive
}
"""
