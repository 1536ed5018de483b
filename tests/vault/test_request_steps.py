"""Progress rows of a request run (`Vault.save_request_step` and its siblings), on both backends: what a
killed erasure resumes from."""


def test_a_step_is_saved_replaced_and_loaded(vault):
    assert vault.load_request_step("r1", "resolve") is None
    vault.save_request_step("r1", "resolve", {"tokens": ["t1"], "count": 1})
    assert vault.load_request_step("r1", "resolve") == ({"tokens": ["t1"], "count": 1}, False)
    vault.save_request_step("r1", "resolve", {"count": 2}, done=True)
    assert vault.load_request_step("r1", "resolve") == ({"count": 2}, True)
    assert vault.load_request_step("r2", "resolve") is None


def test_items_are_per_step_and_apart_from_the_step_row(vault):
    vault.save_request_step("r1", "clean", {"whole": True}, done=True)
    vault.save_request_step("r1", "clean", {"rows": 3}, done=True, item="crm/part-0.parquet")
    vault.save_request_step("r1", "clean", {"rows": 0}, item="crm/part-1.parquet")
    vault.save_request_step("r1", "raw", {"lines": 1}, item="crm/part-0.parquet")
    vault.save_request_step("r2", "clean", {"rows": 9}, item="crm/part-0.parquet")
    assert vault.request_step_items("r1", "clean") == {
        "crm/part-0.parquet": ({"rows": 3}, True),
        "crm/part-1.parquet": ({"rows": 0}, False),
    }
    assert vault.load_request_step("r1", "clean", item="crm/part-1.parquet") == ({"rows": 0}, False)
    assert vault.request_step_items("r1", "verify") == {}


def test_forget_keeps_one_done_summary_per_step(vault):
    vault.save_request_step("r1", "resolve", {"tokens": ["t1", "t2"]}, done=True)
    vault.save_request_step("r1", "clean", {"rows": 3}, done=True, item="crm/part-0.parquet")
    vault.save_request_step("r2", "resolve", {"tokens": ["t3"]}, done=True)
    vault.forget_request_steps("r1", {"resolve": {"tokens": 2}, "clean": {"rows": 3}})
    assert vault.load_request_step("r1", "resolve") == ({"tokens": 2}, True)
    assert vault.load_request_step("r1", "clean") == ({"rows": 3}, True)
    assert vault.request_step_items("r1", "clean") == {}
    assert vault.load_request_step("r2", "resolve") == ({"tokens": ["t3"]}, True)  # other requests untouched
