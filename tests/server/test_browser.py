"""The web page end to end in a real headless Chromium (Debian's chromium, driven by Playwright):
upload a file, see word boxes and the corrections."""

import shutil

import pytest

from helpers import SAMPLES, live_server

playwright_api = pytest.importorskip("playwright.sync_api")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (scripts/setup.sh installs it)")


@pytest.fixture(scope="module")
def base_url():
    with live_server() as url:
        yield url


def test_upload_shows_boxes_and_corrections_and_learns_a_fix(base_url, tmp_path, monkeypatch):
    monkeypatch.setenv("OCRKIT_HOME", str(tmp_path / "home"))  # (the server runs in this process)
    args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"]
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=args)
        page = browser.new_page(viewport={"width": 1400, "height": 800})
        page.goto(base_url + "/")
        # (locators, not wait_for_function: the page's content security policy forbids eval)
        page.locator("#lang option").first.wait_for(state="attached")
        page.set_input_files("#file", str(SAMPLES / "sample_with_typos.png"))
        playwright_api.expect(page.locator("#status")).to_contain_text("correction", timeout=60_000)
        assert page.inner_text("#corrected").strip() == "This is a sample with typos."
        assert page.inner_text("#raw").startswith("Th1s 1s")
        marks = page.eval_on_selector_all("#raw mark", "els => els.map(e => e.textContent)")
        assert {"Th1s", "1s", "4", "s@mple", "typ0s"} <= set(marks)
        page.locator(".word").nth(5).wait_for(state="attached")
        boxes = page.eval_on_selector_all(".word", "els => els.map(e => e.getBoundingClientRect().width)")
        assert all(w > 0 for w in boxes)
        rows = page.eval_on_selector_all("#corrections tbody tr", "els => els.length")
        assert rows >= 5
        assert page.eval_on_selector_all("#downloads button", "els => els.map(e => e.dataset.format)") == ["text", "json", "tsv", "hocr", "alto", "pdf"]
        # fix a word by hand and save: the model learns it, and the page is read again with it
        page.click("#corrected")
        page.keyboard.press("Control+End")
        page.keyboard.type(" Saved.")
        page.click("#save")
        playwright_api.expect(page.locator("#learned")).to_contain_text("Read again with your model", timeout=60_000)
        assert "Learned 1 fixed line" in page.inner_text("#learned") and page.is_checked("#mine")
        shot = tmp_path / "page.png"
        page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 10_000
        browser.close()
