"""Make docs/screenshot.png: the page after uploading a sample notice and correcting one
cell (the empty lead unit of row 6 filled, its warning gone), with the clerk about to edit
the unknown unit of row 4 (run by hand).

Usage: python docs/screenshot.py   (needs the web and test extras and Debian chromium)
"""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

from fengong.web import create_app

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    httpd = make_server("127.0.0.1", 0, create_app(), threaded=True)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, headless=True,
                                             args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(f"http://127.0.0.1:{httpd.server_port}")
        page.set_input_files("#files", [str(ROOT / "samples/check/problems.txt")])
        page.click("button[type=submit]")
        page.wait_for_selector("table.tasks tbody tr")
        warnings = page.locator("ol.warnings li").count()
        page.click("#row-0-5 [data-field=lead_units]")
        page.keyboard.type("县农业农村局")
        page.keyboard.press("Enter")
        page.wait_for_function(f"document.querySelectorAll('ol.warnings li').length < {warnings}")
        page.click("#row-0-3 [data-field=lead_units]")
        page.screenshot(path=str(ROOT / "docs/screenshot.png"), full_page=True)
        browser.close()
    httpd.shutdown()


if __name__ == "__main__":
    main()
