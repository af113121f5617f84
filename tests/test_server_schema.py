"""The API against its own OpenAPI description, with schemathesis.

Each operation gets a few generated requests (valid and invalid ones); every
answer must be documented, have the documented content type and match the
documented schema (documents: the shipped JSON Schema).  No network: the
app is called in-process.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
schemathesis = pytest.importorskip("schemathesis")

from hypothesis import HealthCheck, settings  # noqa: E402

from conftest import _pipeline  # noqa: E402
from eventcoder.server import ServerSettings, create_app  # noqa: E402
from eventcoder.store import Store  # noqa: E402
from test_server_corpus import corpus  # noqa: E402


class SharedPipeline:
    """The test session's pipeline, loaded on the first extraction only."""

    def __call__(self, record):
        return _pipeline()(record)


# schemathesis builds one test per operation when the module loads, so the app
# (over its own throw-away store) is built here rather than in a fixture.
_DIR = Path(tempfile.mkdtemp(prefix="eventcoder-schema-"))
atexit.register(shutil.rmtree, _DIR, True)  # also when this module's test is deselected
with Store(_DIR / "schema.duckdb") as _store:
    _store.write(corpus())
# Small limits keep generated bodies cheap.
APP = create_app(
    ServerSettings(
        db=str(_DIR / "schema.duckdb"), max_body=4_000, max_upload=4_000, allowed_hosts=["testserver"]
    ),
    pipeline=SharedPipeline(),
)
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


@pytest.fixture(scope="module", autouse=True)
def _cleanup():
    yield
    APP.state.eventcoder.close()


@schema.parametrize()
@settings(
    max_examples=8, deadline=None, suppress_health_check=list(HealthCheck), database=None, derandomize=True
)
def test_api_conforms_to_its_openapi(case):
    # A request /extract's schema allows can still hold an unextractable report (an image, a
    # non-English text, a body over the limit): those get a documented 413/415/422, so the
    # "valid data is accepted" check does not apply there.  Every other check does.
    excluded = [schemathesis.checks.positive_data_acceptance] if case.operation.path == "/extract" else []
    case.call_and_validate(excluded_checks=excluded)
