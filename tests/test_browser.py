"""A real browser: `streamlit run app.py` on 127.0.0.1 driven by Debian's Chromium through Playwright.

Asks a question, waits for a citation card, opens the cited page and checks the page image loaded.
Screenshots go to test-output/browser/. Playwright never downloads a browser here: it is pointed at
the `chromium` executable from Debian's package (`apt-get install -y chromium chromium-driver`).
"""
from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from assistant.config import PROJECT_ROOT
from tests.prerequisites import missing_prerequisite

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
OUTPUT = PROJECT_ROOT / "test-output" / "browser"
QUESTION = "What does clause 4.1.2 of the AI policy say?"

pytestmark = pytest.mark.integration


@pytest.fixture(autouse=True)
def chromium_installed() -> None:
    if not CHROMIUM.exists():
        missing_prerequisite("Debian chromium is not installed: apt-get install -y chromium chromium-driver")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_healthy(url: str, server: subprocess.Popen, log: Path, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"streamlit exited with {server.returncode}:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read().strip() == b"ok":
                    return
        except OSError:
            time.sleep(0.5)
    raise AssertionError(f"streamlit did not become healthy in {seconds}s:\n{log.read_text()[-3000:]}")


@pytest.fixture
def server(built_index, tmp_path):
    """`streamlit run app.py` over the session index; stopped in a finally block."""
    settings, _ = built_index
    port = free_port()
    env = {**os.environ, "ASSISTANT_DATA_DIR": str(settings.data_dir), "ASSISTANT_CORPUS_DIR": str(settings.corpus_dir),
           "ASSISTANT_DATABASE_URL": f"sqlite:///{tmp_path / 'feedback.sqlite3'}", "HF_HUB_OFFLINE": "1",
           "TRANSFORMERS_OFFLINE": "1"}
    log = tmp_path / "streamlit.log"
    streamlit = Path(sys.executable).with_name("streamlit")
    with log.open("w") as out:
        process = subprocess.Popen(
            [str(streamlit), "run", "app.py", "--server.port", str(port), "--server.address", "127.0.0.1",
             "--server.headless", "true", "--browser.gatherUsageStats", "false"],
            cwd=PROJECT_ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}"
        wait_healthy(url, process, log)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture
def page(server):
    """A Chromium page on the running app; the browser is closed after the test."""
    from playwright.sync_api import sync_playwright

    OUTPUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(server)
            yield page
        finally:
            browser.close()


def open_first_pdf_page(page) -> None:
    """Click the first 'Open PDF page N' button and wait until the page image has loaded."""
    from playwright.sync_api import expect

    page.get_by_role("button", name=re.compile(r"Open PDF page \d+")).first.click()
    image = page.get_by_test_id("stImage").locator("img").first
    expect(image).to_be_visible(timeout=120_000)
    page.wait_for_function("img => img.complete && img.naturalWidth > 500", arg=image.element_handle(),
                           timeout=60_000)


def test_ask_see_a_citation_and_open_the_cited_page(page):
    from playwright.sync_api import expect

    chat = page.get_by_test_id("stChatInputTextArea")
    # The first load opens the index and the models (a spinner); allow for a slow shared machine.
    expect(chat).to_be_visible(timeout=180_000)
    chat.fill(QUESTION)
    chat.press("Enter")
    card = page.locator(".pa-card").first
    expect(card).to_be_visible(timeout=180_000)
    expect(card).to_contain_text("DRAFT")
    expect(card).to_contain_text("Section 4.1.2")
    page.screenshot(path=str(OUTPUT / "answer.png"))
    # The inline [1] marker links to its card.
    assert page.locator('a[href="#cite-0-1"]').count() >= 1 and page.locator("#cite-0-1").count() == 1
    open_first_pdf_page(page)
    expect(page.get_by_text(re.compile(r"PDF page \d+ of \d+"))).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("Download draft-national-ai-policy-2023.pdf"))).to_be_visible()
    page.screenshot(path=str(OUTPUT / "cited-page.png"))
    assert (OUTPUT / "answer.png").stat().st_size > 10_000
    assert (OUTPUT / "cited-page.png").stat().st_size > 10_000


def test_open_penalties_filter_and_open_a_rows_page(page):
    from playwright.sync_api import expect

    expect(page.get_by_test_id("stChatInputTextArea")).to_be_visible(timeout=180_000)
    page.get_by_role("radiogroup", name="View").get_by_text("Penalties").click()
    words = page.get_by_label("Offence words")
    expect(words).to_be_visible(timeout=60_000)
    words.fill("fake")
    words.press("Enter")
    expect(page.get_by_text("1 rows")).to_be_visible(timeout=60_000)
    open_first_pdf_page(page)
    page.screenshot(path=str(OUTPUT / "penalties.png"))
    assert (OUTPUT / "penalties.png").stat().st_size > 10_000
