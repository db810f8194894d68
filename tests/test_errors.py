from rest_framework import exceptions

from jtlapp.errors import ApplicationError, api_exception_handler


def handled(exc):
    response = api_exception_handler(exc, {})
    assert response is not None
    return response


class TenantUnknownError(ApplicationError):
    http_status = 404
    code = "tenant_unknown"


def test_application_errors_keep_their_status_code_and_extra():
    response = handled(TenantUnknownError("No such tenant.", extra={"hint": "x"}))

    assert response.status_code == 404
    assert response.data == {
        "message": "No such tenant.",
        "code": "tenant_unknown",
        "extra": {"hint": "x"},
    }


def test_framework_errors_take_the_same_shape():
    response = handled(exceptions.NotAuthenticated())

    assert response.status_code == 401
    assert response.data == {
        "message": "Authentication credentials were not provided.",
        "code": "not_authenticated",
        "extra": {},
    }


def test_validation_errors_list_the_fields():
    response = handled(exceptions.ValidationError({"name": ["Required."]}))

    assert response.status_code == 400
    assert response.data["code"] == "invalid"
    assert response.data["extra"] == {"fields": {"name": ["Required."]}}


def test_unknown_exceptions_are_left_to_django():
    assert api_exception_handler(RuntimeError("boom"), {}) is None
