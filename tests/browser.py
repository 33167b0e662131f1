"""Driving Debian's headless Chromium with Playwright (no browser download)."""
import shutil
from contextlib import contextmanager

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]


def chromium_path():
    return shutil.which("chromium") or shutil.which("chromium-browser")


@contextmanager
def open_page(path, timeout_ms=60000):
    """Open ``path`` and collect console errors, requests and dialogs while it draws."""
    from playwright.sync_api import sync_playwright
    seen = {"errors": [], "requests": [], "dialogs": []}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), headless=True,
                                    args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.on("console", lambda m: seen["errors"].append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: seen["errors"].append(str(e)))
            page.on("request", lambda r: seen["requests"].append(r.url))

            def on_dialog(d):
                seen["dialogs"].append(d.message)
                d.dismiss()
            page.on("dialog", on_dialog)
            page.goto(path.resolve().as_uri())
            # (a locator waits in Playwright's own world; wait_for_function's
            # polling evaluates a string, which a CSP without unsafe-eval refuses)
            page.locator("body[data-drawn='1']").wait_for(state="attached", timeout=timeout_ms)
            yield page, seen
        finally:
            browser.close()
