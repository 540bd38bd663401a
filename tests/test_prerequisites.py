"""A missing prerequisite skips a test on a developer's machine and fails it in CI."""
from __future__ import annotations

import pytest

from tests.prerequisites import missing_prerequisite


def test_outside_ci_a_missing_prerequisite_skips_with_its_reason(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="install it with"):
        missing_prerequisite("the driver is missing; install it with: pip install x")


@pytest.mark.parametrize("value", ["true", "1", "TRUE"])
def test_in_ci_a_missing_prerequisite_fails_and_says_make_test_installs_it(monkeypatch, value):
    monkeypatch.setenv("CI", value)
    with pytest.raises(pytest.fail.Exception, match="make test` installs it"):
        missing_prerequisite("the driver is missing")
