"""The widget framed by another site, in real Chromium: it loads, and its links leave the frame."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect, sync_playwright

from qogam.portal.tests.test_leaks import build_records

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
SHOTS = Path(__file__).resolve().parents[3] / "test-artifacts" / "screenshots"


def _serve(html: str) -> ThreadingHTTPServer:
    """The university's own website: another origin (another port) on the loopback, since
    Chromium forbids a public page to frame a local one."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            body = html.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_widget_framed_by_another_site_shows_stories(world, live_server, monkeypatch):
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is missing")
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    build_records(world)
    widget = live_server.url + reverse("portal:widget", kwargs={"slug": "aqtobe-tech"})
    host_page = (
        "<!doctype html><html><head><title>University site</title></head><body>"
        "<h1>Aqtobe Technical University</h1><p>Our news from the portal:</p>"
        f'<iframe src="{widget}" title="Third mission" width="360" height="480"></iframe>'
        "</body></html>"
    )
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 800, "height": 640})
        host = _serve(host_page)
        page.goto(f"http://127.0.0.1:{host.server_address[1]}/")
        frame = page.frame_locator("iframe")
        expect(frame.locator("h1")).to_have_text("Aqtobe Technical University")
        expect(frame.locator(".stories a")).to_have_text("Open Marker Story")
        expect(frame.locator(".stories a")).to_have_attribute("rel", "noopener")
        page.screenshot(path=str(SHOTS / "widget-in-iframe.png"), full_page=True)
        browser.close()
        host.shutdown()
