"""Screenshots of the app's main states for the README, taken with Debian's Chromium via Playwright.

Usage example (needs a built index):
    ASSISTANT_DATA_DIR=./data .venv/bin/python docs/take_screenshots.py     # -> docs/screenshots/*.png

Starts `streamlit run app.py` on a free 127.0.0.1 port, drives the browser through: an answer with
citation cards and the DRAFT badge, the cited PDF page, a refusal, the clause browser and the list of
known-but-missing documents, then stops the server.
"""
from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]
MAX_BYTES = 300_000


def start_server() -> tuple[subprocess.Popen, str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    # Clicks made while taking screenshots are not real feedback: keep them out of the deployment's database.
    env.setdefault("ASSISTANT_DATABASE_URL", "sqlite:///" + str(Path(tempfile.mkdtemp()) / "feedback.sqlite3"))
    process = subprocess.Popen(
        [str(Path(sys.executable).with_name("streamlit")), "run", "app.py", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(180):
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as response:
                if response.read().strip() == b"ok":
                    return process, url
        except OSError:
            time.sleep(0.5)
    process.terminate()
    raise SystemExit("streamlit did not start")


def shoot(page, name: str) -> None:
    """Save a viewport screenshot, as PNG, under the size budget (smaller viewport scale if needed)."""
    path = OUT / f"{name}.png"
    page.wait_for_timeout(800)
    page.screenshot(path=str(path))
    print(f"{path.relative_to(ROOT)}: {path.stat().st_size // 1024} KB")
    if path.stat().st_size > MAX_BYTES:
        from PIL import Image

        image = Image.open(path)
        image.convert("P", palette=Image.ADAPTIVE, colors=128).save(path, optimize=True)
        print(f"  quantised to {path.stat().st_size // 1024} KB")


def ask(page, question: str, wait_for: str) -> None:
    from playwright.sync_api import expect

    chat = page.get_by_test_id("stChatInputTextArea")
    expect(chat).to_be_visible(timeout=180_000)
    chat.fill(question)
    chat.press("Enter")
    expect(page.locator(wait_for).last).to_be_visible(timeout=180_000)
    page.wait_for_timeout(1500)


def take(url: str) -> None:
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1440, "height": 960})
            page.goto(url)
            ask(page, "What does clause 4.1.2 of the AI policy say?", ".pa-card")
            page.locator(".pa-card").first.scroll_into_view_if_needed()
            shoot(page, "answer-with-citations")
            page.get_by_role("button", name=re.compile(r"Open PDF page \d+")).first.click()
            expect(page.get_by_test_id("stImage").locator("img").first).to_be_visible(timeout=120_000)
            shoot(page, "cited-pdf-page")
            page.get_by_role("button", name=re.compile("New conversation")).click()
            ask(page, "What does the Personal Data Protection Bill 2023 say about consent?", '[data-testid="stAlertContentInfo"]')
            shoot(page, "refusal-missing-document")
            expander = page.get_by_text("Known but not indexed")
            expander.click()
            page.wait_for_timeout(800)
            expander.evaluate("e => e.scrollIntoView({block: 'start'})")
            shoot(page, "missing-documents-sidebar")
            page.get_by_role("radiogroup", name="View").get_by_text("Clause browser").click()
            expect(page.get_by_text("Section", exact=True)).to_be_visible(timeout=60_000)
            page.get_by_test_id("stSelectbox").first.click()
            page.get_by_role("option", name=re.compile("PECA 2016")).click()
            page.wait_for_timeout(1500)
            page.get_by_test_id("stSelectbox").nth(1).click()
            page.keyboard.type("26A")
            page.keyboard.press("Enter")
            page.wait_for_timeout(1500)
            shoot(page, "clause-browser")
            page.get_by_role("radiogroup", name="View").get_by_text("Penalties").click()
            expect(page.get_by_label("Offence words")).to_be_visible(timeout=60_000)
            page.get_by_role("button", name=re.compile(r"Open PDF page \d+")).first.click()
            expect(page.get_by_test_id("stImage").locator("img").first).to_be_visible(timeout=120_000)
            page.wait_for_timeout(1500)
            shoot(page, "penalties")
            page.get_by_role("radiogroup", name="View").get_by_text("Add a document").click()
            page.wait_for_timeout(1500)
            shoot(page, "add-a-document")
        finally:
            browser.close()


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    process, url = start_server()
    try:
        take(url)
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
