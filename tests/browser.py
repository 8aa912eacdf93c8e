"""Headless Chromium for the page tests: Debian's /usr/bin/chromium through Playwright.

Never ``playwright install``. :func:`launch` starts the browser; :func:`open_page` loads a
rendered page with every request that is not ``file:`` aborted and recorded, and collects
console errors, page errors and dialogs, so that a test can assert there were none.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: ``KG_CHROMIUM_BIN`` names another binary (a missing path skips the browser tests).
CHROMIUM = Path(os.environ.get("KG_CHROMIUM_BIN") or "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
MISSING = f"{CHROMIUM} is missing: the browser tests need it (Debian: apt-get install chromium)"


@dataclass
class Page:
    """A loaded page and what it reported."""

    page: Any
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    aborted: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


@contextmanager
def launch(sync_api: Any) -> Iterator[Any]:
    """Chromium, headless, started by ``playwright.sync_api``."""
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def open_page(browser: Any, html: Path) -> Page:
    """Load ``html`` offline and wait until the network is drawn."""
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    loaded = Page(page)

    def on_console(message: Any) -> None:
        if message.type == "error":
            loaded.console_errors.append(message.text)

    def on_dialog(dialog: Any) -> None:
        loaded.dialogs.append(dialog.message)
        dialog.dismiss()

    def on_route(route: Any) -> None:
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            loaded.aborted.append(route.request.url)
            route.abort()

    page.on("console", on_console)
    page.on("pageerror", lambda error: loaded.page_errors.append(str(error)))
    page.on("dialog", on_dialog)
    page.route("**/*", on_route)
    page.goto(html.resolve().as_uri())
    page.wait_for_function("document.getElementById('kg-network').dataset.ready === 'true'")
    return loaded
