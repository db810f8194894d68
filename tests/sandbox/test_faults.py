import pytest

from jtlapp.sandbox.faults import Fault, FaultError, FaultSwitches, fault_from_json


def test_a_counted_fault_applies_to_exactly_that_many_requests():
    switches = FaultSwitches()
    switches.set(area="erp", fault=Fault(status=503, remaining=2))

    taken = [switches.take(area="erp") for _ in range(3)]

    assert [fault.status if fault else None for fault in taken] == [503, 503, None]
    assert switches.snapshot() == {}


def test_an_uncounted_fault_stays_until_cleared():
    switches = FaultSwitches()
    switches.set(area="keys", fault=Fault(status=503))

    assert all(switches.take(area="keys") for _ in range(5))
    assert switches.take(area="erp") is None
    switches.clear()
    assert switches.take(area="keys") is None


def test_control_bodies_are_parsed_strictly():
    area, fault = fault_from_json({"area": "erp", "status": 504, "html": True, "count": 1})

    assert area == "erp"
    assert fault == Fault(status=504, latency_ms=0, html=True, remaining=1)
    with pytest.raises(FaultError, match="count must be a positive integer"):
        fault_from_json({"count": 0})
    with pytest.raises(FaultError, match="body must be a JSON object"):
        fault_from_json([])


@pytest.mark.parametrize(
    ("area", "fault", "message"),
    [
        ("nowhere", Fault(status=500), "unknown area"),
        ("erp", Fault(status=200), "HTTP error status"),
        ("erp", Fault(latency_ms=-1), "latencyMs"),
    ],
)
def test_invalid_faults_are_refused(area, fault, message):
    with pytest.raises(FaultError, match=message):
        FaultSwitches().set(area=area, fault=fault)
