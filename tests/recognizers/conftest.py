"""One detector and one analyzer per test session: loading spaCy is the slow part."""

import pytest


@pytest.fixture(scope="session")
def detector():
    from recognizers.batch import detector as shared_detector

    return shared_detector()


@pytest.fixture(scope="session")
def analyzer():
    from recognizers import build_analyzer

    return build_analyzer()


def spans(findings, entity_type=None):
    """(start, end) of each finding, optionally of one entity type."""
    return [(f.start, f.end) for f in findings if entity_type is None or f.entity_type == entity_type]
