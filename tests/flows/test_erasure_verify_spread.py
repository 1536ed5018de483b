"""The verify step's file checks made apart, as Dask workers make them (`flows.erasure.spread`), give the
step the result a run in order gives: the same findings in the same order and the same counts, here on an
erasure whose verification fails (the subject's plaintext left in a chat file: see
`test_erasure_fingerprints`), so there are findings to compare. The workers get the files in batches,
largest first (`flows.erasure.work_order`): every file once, whatever the batches."""

from __future__ import annotations

import pytest

from flows.erasure.spread import check_partition, file_cost, files_to_verify
from flows.erasure.steps import erasure_context
from flows.erasure.subject_text import SubjectText
from flows.erasure.verify import Verification, raw_file_of, verify_erasure
from flows.erasure.verify_text import check_text
from flows.erasure.work_order import batches
from flows.pipeline.catalog import load_catalog
from flows.pipeline.errors import PipelineError
from flows.requests import progress
from flows.requests.lifecycle import get_request
from flows.requests.run import RESOLVE, recorded, recorded_footprint
from tests.flows.test_erasure_fingerprints import erase, plant
from tests.flows.test_erasure_zone import open_vault


def _verification(catalog, vault, ctx, plans, checked) -> dict:
    fp = recorded_footprint(ctx)
    request = get_request(vault, ctx.request_id)
    result = verify_erasure(catalog, vault, fp, request, plans, (), checked)
    text = SubjectText.from_state(vault, recorded(ctx, RESOLVE).get("fingerprints"))
    check_text(catalog, vault, text, plans, result, checked)
    return result.to_dict()


def test_checks_made_apart_give_the_findings_of_a_run_in_order(zone, monkeypatch):
    from flows.erasure import subject_text

    root, people = zone
    plant(root, people)
    monkeypatch.setattr(
        subject_text.SubjectText,
        "redact",
        lambda self, table, columns, owned: (table, subject_text.TextHits()),
    )
    with pytest.raises(PipelineError, match="erasure verification failed"):
        erase(root, people.subject.email)
    catalog = load_catalog(root / "catalog.yaml")
    with open_vault(root) as vault:
        (request_id,) = [r["request_id"] for r in vault.list_requests()]
        ctx = erasure_context(catalog, vault, request_id)
        found = progress.items(vault, request_id, "clean").values()
        plans = sorted((state for state, _done in found), key=lambda p: (p["dataset"], p["partition"]))
        in_order = _verification(catalog, vault, ctx, plans, None)
        fp = recorded_footprint(ctx)
        text = SubjectText.from_state(vault, recorded(ctx, RESOLVE).get("fingerprints"))
        behind = raw_file_of(catalog, plans)
        files = files_to_verify(catalog, plans)
        assert [f["partition"] for f in files if f["partition"]] == [p["partition"] for p in plans]
        assert {f["raw_file"] for f in files if f["raw_file"]} == set(behind.values())
        checked: dict[tuple[str, str, str], Verification] = {}
        in_batches = batches(files, lambda f: file_cost(catalog, f), count=4)
        for batch in reversed(in_batches):  # made in any order, as workers finish
            for f in batch:
                where = f["dataset"], f["partition"], f["raw_file"]
                pieces = check_partition(catalog, vault, fp, text, *where)
                checked.update(
                    {k: Verification.from_dict(v.to_dict()) for k, v in pieces.items()}
                )  # as sent back
        assert {(d, f) for check, d, f in checked if check == "clean"} == {
            (p["dataset"], p["partition"]) for p in plans
        }
        from flows.erasure import verify, verify_text

        def made_apart(*_args):
            raise AssertionError("a check made apart was made again")

        for module, name in [(verify, "check_clean"), (verify, "check_raw")] + [
            (verify_text, "check_clean_text"),
            (verify_text, "check_raw_text"),
        ]:
            monkeypatch.setattr(module, name, made_apart)
        apart = _verification(catalog, vault, ctx, plans, checked)
    assert len(in_order["findings"]) >= 3 and in_order["clean_files_checked"] == len(plans)
    assert apart == in_order
