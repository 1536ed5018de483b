"""A request run is one list of steps: the Prefect flows run each as a task of that name, the receipt times
each, access resumes like erasure, and a request that needs review is no failed task."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from flows.access.flow import access
from flows.access.run import ACCESS_STEPS, run_access
from flows.erasure.flow import erase
from flows.erasure.steps import ERASURE_STEPS, STEPS
from flows.pipeline.catalog import load_catalog
from flows.pipeline.faults import FAULT_ENV, InjectedFault
from flows.requests.lifecycle import Verification, file_request
from tests.flows.test_erasure_zone import open_vault


def _file(root: Path, kind: str, identifier_type: str, identifier: str) -> str:
    with open_vault(root) as vault:
        return file_request(vault, kind, identifier_type, identifier, Verification("clerk", "id card"))


def _task_runs(flow_run_id) -> list:
    """The task runs of one flow run, in start order."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId
    from prefect.client.schemas.sorting import TaskRunSort

    with get_client(sync_client=True) as client:
        return client.read_task_runs(
            flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[flow_run_id])),
            sort=TaskRunSort.EXPECTED_START_TIME_ASC,
        )


def test_the_erasure_flow_runs_each_step_as_its_task_and_the_receipt_times_each(zone, prefect_server):
    root, people = zone
    request_id = _file(root, "erase", "email", people.subject.email)
    state = erase(request_id=request_id, catalog_path=str(root / "catalog.yaml"), return_state=True)
    outcome = state.result()
    assert outcome["status"] == "completed" and not outcome["already_done"]
    names = [run.name.rsplit("-", 1)[0] for run in _task_runs(state.state_details.flow_run_id)]
    assert names == [step.task_name for step in ERASURE_STEPS]
    receipt = json.loads(Path(outcome["receipt_path"]).read_text())
    assert list(receipt["timings_seconds"]) == sorted(STEPS)  # sort_keys: every step, and only steps
    # A second run is a no-op that runs no step.
    again = erase(request_id=request_id, catalog_path=str(root / "catalog.yaml"), return_state=True)
    assert again.result()["already_done"] and _task_runs(again.state_details.flow_run_id) == []


def test_needs_review_is_an_outcome_not_a_failed_task(zone, prefect_server, caplog):
    root, people = zone
    request_id = _file(root, "erase", "phone", people.subject.landline)  # the household's shared line
    state = erase(request_id=request_id, catalog_path=str(root / "catalog.yaml"), return_state=True)
    outcome = state.result()
    assert outcome["status"] == "needs_review" and "more than one subject" in outcome["reason"]
    runs = _task_runs(state.state_details.flow_run_id)
    assert [run.state.type.value for run in runs] == ["COMPLETED"]
    assert not [r for r in caplog.records if r.levelname == "ERROR"]
    with open_vault(root) as vault:
        assert vault.get_request(request_id)["status"] == "needs_review"


def test_access_runs_its_steps_as_tasks(zone, prefect_server):
    root, people = zone
    request_id = _file(root, "access", "email", people.subject.email)
    state = access(request_id=request_id, catalog_path=str(root / "catalog.yaml"), return_state=True)
    outcome = state.result()
    assert outcome["status"] == "completed" and outcome["counts"]["records"]["crm_customers"] == 1
    names = [run.name.rsplit("-", 1)[0] for run in _task_runs(state.state_details.flow_run_id)]
    assert names == [step.task_name for step in ACCESS_STEPS]


@pytest.mark.parametrize("point", [step.name for step in ACCESS_STEPS])
def test_access_stopped_after_any_step_resumes_without_a_second_export(zone, monkeypatch, point):
    root, people = zone
    catalog = load_catalog(root / "catalog.yaml")
    request_id = _file(root, "access", "email", people.subject.email)
    monkeypatch.setenv(FAULT_ENV, point)
    with open_vault(root) as vault, pytest.raises(InjectedFault):
        run_access(catalog, vault, request_id, "officer")
    with open_vault(root) as vault:
        assert vault.get_request(request_id)["status"] == "failed"
        audited = len(vault.audit_records(limit=None, actor="officer"))
    monkeypatch.delenv(FAULT_ENV)
    with open_vault(root) as vault:
        outcome = run_access(catalog, vault, request_id, "officer")
        assert outcome.status == "completed" and Path(outcome.receipt_path).is_dir()
        exported_again = len(vault.audit_records(limit=None, actor="officer")) - audited
        if point == "export":  # the package was written before the stop: it is not written twice
            assert audited > 0 and exported_again == 0
        else:
            assert audited == 0 and exported_again > 0
        assert vault.load_request_step(request_id, "resolve")[0].keys() == {"seconds"}  # footprint forgotten
        assert run_access(catalog, vault, request_id, "officer").already_done
