"""A real S3-compatible server for the tests: moto's server mode on a free port of 127.0.0.1, one per
session, with the AWS settings a user would export (`AWS_ENDPOINT_URL`, a key pair) and none of the
user's own AWS files. Nothing here mocks piivault's code: the flows talk S3 over HTTP to the server."""

from __future__ import annotations

import logging
import socket
from pathlib import Path

import pytest
from moto.server import ThreadedMotoServer

BUCKET = "piivault-zones"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def s3_store(tmp_path_factory):
    """The endpoint URL of a running S3 server holding an empty bucket `BUCKET`."""
    from flows.pipeline.storage import filesystem

    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # one line per request otherwise
    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    nowhere = tmp_path_factory.mktemp("aws") / "none"
    with pytest.MonkeyPatch.context() as env:
        env.setenv("AWS_ENDPOINT_URL", endpoint)
        env.setenv("AWS_ACCESS_KEY_ID", "piivault-test")
        env.setenv("AWS_SECRET_ACCESS_KEY", "piivault-test-secret")
        env.setenv("AWS_DEFAULT_REGION", "us-east-1")
        env.setenv("AWS_CONFIG_FILE", str(nowhere))
        env.setenv("AWS_SHARED_CREDENTIALS_FILE", str(nowhere))
        env.delenv("AWS_PROFILE", raising=False)
        env.delenv("AWS_SESSION_TOKEN", raising=False)
        filesystem.cache_clear()
        filesystem("s3").mkdir(BUCKET)
        try:
            yield endpoint
        finally:
            filesystem.cache_clear()
            server.stop()


def upload_tree(local: Path, key_prefix: str) -> None:
    """Every file under `local` to `key_prefix/<its relative path>` on the test server."""
    from flows.pipeline.storage import filesystem

    fs = filesystem("s3")
    for path in sorted(local.rglob("*")):
        if path.is_file():
            fs.put_file(str(path), f"{key_prefix}/{path.relative_to(local).as_posix()}")
