"""What a test does when a system prerequisite is missing: skip on a developer's machine, fail in CI.

`make test` installs every prerequisite (the llamacpp extra, the PostgreSQL driver, Debian's chromium
and postgresql), so in CI a missing one means the setup is broken, and a skip would hide a test that
checks nothing. Elsewhere the skip says what to install.
"""
from __future__ import annotations

import os

import pytest


def missing_prerequisite(reason: str) -> None:
    """Skip with reason, or fail when running in CI (the CI environment variable is set)."""
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"{reason}. `make test` installs it, so CI must not skip this test.", pytrace=False)
    pytest.skip(reason)
