#!/usr/bin/env python3
"""Opens concord's HTML reports in headless Chromium and checks what a
reader sees: right-to-left layout of Persian text, the filters, and that
nothing from a hostile source runs.

    report_check.py CHROMIUM OUT_DIR SEED_HTML CLEAN_HTML HOSTILE_HTML HOSTILE_SOURCE...

Chromium is driven over the DevTools protocol on a pipe
(--remote-debugging-pipe: fds 3 and 4, NUL-terminated JSON), so there is
no port and no WebSocket library; every host name resolves to nothing
(--host-resolver-rules), so the browser makes no network request. Python's
standard library only. Screenshots go to OUT_DIR. Exit status 0 when every
check passes, 1 otherwise (each failure on stderr).
"""

import base64
import json
import os
import select
import signal
import subprocess
import sys
import time
import urllib.parse

STEP_TIMEOUT = 30  # seconds for one protocol call or event

failures = []


def check(condition, what):
    if condition:
        print(f"  ok: {what}")
    else:
        print(f"  FAIL: {what}", file=sys.stderr)
        failures.append(what)
    return condition


class ProtocolError(Exception):
    pass


class Browser:
    """One headless Chromium and its DevTools pipe."""

    def __init__(self, chromium, profile, log_path):
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()

        def child_fds():
            # The protocol pipe must be fds 3 (commands in) and 4 (replies out).
            a, b = os.dup(to_browser_r), os.dup(from_browser_w)
            os.dup2(a, 3)
            os.dup2(b, 4)

        args = [
            chromium, "--headless", "--remote-debugging-pipe",
            f"--user-data-dir={profile}",
            "--no-first-run", "--no-default-browser-check", "--disable-extensions",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-default-apps", "--disable-domain-reliability", "--no-pings",
            "--disable-features=Translate,OptimizationHints,MediaRouter",
            "--host-resolver-rules=MAP * ~NOTFOUND", "--no-proxy-server",
            "--disable-gpu", "--hide-scrollbars", "--mute-audio", "--force-color-profile=srgb",
            "--lang=en-US", "about:blank",
        ]
        if os.geteuid() == 0:
            args.insert(1, "--no-sandbox")  # Chromium refuses to run as root with its sandbox
        self._log = open(log_path, "wb")
        self.proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=self._log, stderr=subprocess.STDOUT,
                                     pass_fds=(3, 4), preexec_fn=child_fds, start_new_session=True)
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._buffer = b""
        self._next_id = 0
        self.events = []  # (session, method, params), in arrival order

    def close(self):
        try:
            if self.proc.poll() is None:
                try:
                    self.call("Browser.close", timeout=5)
                except (ProtocolError, OSError):
                    pass
                try:
                    self.proc.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    self.kill()
        finally:
            for fd in (self._to_browser, self._from_browser):
                try:
                    os.close(fd)
                except OSError:
                    pass
            self._log.close()

    def kill(self):
        """Ends Chromium and every process it started (its own session)."""
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.proc.wait(timeout=5)

    def _read_message(self, deadline):
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise ProtocolError("timed out waiting for the browser")
            ready, _, _ = select.select([self._from_browser], [], [], left)
            if not ready:
                continue
            chunk = os.read(self._from_browser, 1 << 16)
            if not chunk:
                raise ProtocolError(f"the browser closed the pipe (exit status {self.proc.poll()})")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(raw)

    def call(self, method, params=None, session=None, timeout=STEP_TIMEOUT):
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            reply = self._read_message(deadline)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise ProtocolError(f"{method}: {reply['error'].get('message')}")
                return reply.get("result", {})
            if "method" in reply:
                self.events.append((reply.get("sessionId"), reply["method"], reply.get("params", {})))

    def read_event(self, deadline):
        """Reads one message (an event) into self.events."""
        reply = self._read_message(deadline)
        if "method" in reply:
            self.events.append((reply.get("sessionId"), reply["method"], reply.get("params", {})))


class Page:
    """A tab with its own session. Before the page's own scripts, a
    DevTools-injected script (not subject to the page's CSP) records
    Content-Security-Policy violations, which would mean that markup from a
    source got through the escaping."""

    RECORDER = """
      window.__cspViolations = [];
      document.addEventListener("securitypolicyviolation", function (e) {
        window.__cspViolations.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " line " + e.lineNumber);
      });
    """

    def __init__(self, browser, bypass_csp=False):
        self.browser = browser
        self._cursor = 0
        self.loaded = False
        self.dialogs = []
        target = browser.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = browser.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            self.call(f"{domain}.enable")
        self.call("Emulation.setDeviceMetricsOverride",
                  {"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": False})
        self.call("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": "light"}]})
        if bypass_csp:
            self.call("Page.setBypassCSP", {"enabled": True})
        self.call("Page.addScriptToEvaluateOnNewDocument", {"source": self.RECORDER})

    def call(self, method, params=None):
        return self.browser.call(method, params, session=self.session)

    def open(self, path):
        url = "file://" + urllib.parse.quote(os.path.abspath(path))
        self.loaded = False
        result = self.call("Page.navigate", {"url": url})
        if result.get("errorText"):
            raise ProtocolError(f"cannot open {path}: {result['errorText']}")
        self.pump(lambda: self.loaded, STEP_TIMEOUT)
        if not self.loaded:
            raise ProtocolError(f"{path} did not finish loading within {STEP_TIMEOUT} s")

    def pump(self, done, seconds):
        """Handles this page's events until done() or for `seconds`: notes
        the load, and accepts (and records) any JavaScript dialog, which
        would otherwise block the page."""
        deadline = time.monotonic() + seconds
        while True:
            while self._cursor < len(self.browser.events):
                s, m, p = self.browser.events[self._cursor]
                self._cursor += 1
                if s != self.session:
                    continue
                if m == "Page.loadEventFired":
                    self.loaded = True
                elif m == "Page.javascriptDialogOpening":
                    self.dialogs.append(p.get("message", ""))
                    self.call("Page.handleJavaScriptDialog", {"accept": True})
            if done():
                return
            try:
                self.browser.read_event(deadline)
            except ProtocolError as e:
                if "timed out" in str(e):
                    return
                raise

    def eval(self, expression):
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                "awaitPromise": True})
        if "exceptionDetails" in result:
            details = result["exceptionDetails"]
            text = details.get("exception", {}).get("description") or details.get("text")
            raise ProtocolError(f"script error: {text}")
        return result["result"].get("value")

    def screenshot(self, path):
        data = self.call("Page.captureScreenshot", {"format": "png"})["data"]
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))
        return os.path.getsize(path)

    def click(self, selector):
        """A real mouse click in the middle of the element."""
        box = self.eval(f"""(() => {{
            const e = document.querySelector({json.dumps(selector)});
            if (!e) return null;
            e.scrollIntoView({{block: "center"}});
            const r = e.getBoundingClientRect();
            return [r.left + r.width / 2, r.top + r.height / 2];
        }})()""")
        if box is None:
            raise ProtocolError(f"nothing matches {selector}")
        for kind in ("mousePressed", "mouseReleased"):
            self.call("Input.dispatchMouseEvent", {"type": kind, "x": box[0], "y": box[1], "button": "left",
                                                   "clickCount": 1})

def page_errors(page):
    """Uncaught exceptions in the page's own script."""
    return [(p.get("exceptionDetails", {}).get("exception", {}).get("description")
             or p.get("exceptionDetails", {}).get("text"))
            for s, m, p in page.browser.events if s == page.session and m == "Runtime.exceptionThrown"]


# What is shown: each finding's visibility, kind, severity and sources.
FINDINGS_STATE = """Array.from(document.querySelectorAll("article.finding")).map(a => ({
    id: a.id, kind: a.dataset.kind, severity: a.dataset.severity,
    sources: a.dataset.sources ? a.dataset.sources.split(" ") : [],
    visible: !a.hidden && a.getClientRects().length > 0}))"""


def check_seed(page, html, out_dir):
    print(f"seed report: {html}")
    page.open(html)
    state = page.eval(FINDINGS_STATE)
    total = len(state)
    check(total >= 5, f"the seed report shows its findings ({total})")
    check(page.eval('!document.getElementById("filters").hidden'),
          "the page's own script ran (its CSP hash matches): the filters are shown")
    check(page.eval('document.getElementById("shown").textContent') == f"{total} of {total} findings shown",
          "the counter says every finding is shown")
    check(all(f["visible"] for f in state), "every finding is visible before filtering")

    # (a) Right to left: computed direction, and the layout itself.
    dirs = page.eval("""Array.from(document.querySelectorAll(".excerpt .ctx, ol.text")).map(e => ({
        lang: e.lang, dir: getComputedStyle(e).direction, text: e.textContent.length}))""")
    fa = [d for d in dirs if d["lang"] == "fa"]
    es = [d for d in dirs if d["lang"] == "es"]
    check(len(fa) >= 2 and all(d["dir"] == "rtl" for d in fa),
          f"every element holding Persian text has computed direction rtl ({len(fa)} elements)")
    check(len(es) >= 1 and all(d["dir"] == "ltr" for d in es),
          f"every element holding Spanish text has computed direction ltr ({len(es)} elements)")
    # Where the first character of a long line is drawn: in the right half
    # of its line for Persian, in the left half for Spanish.
    layout = page.eval("""(() => {
      const firstChar = (lang) => {
        const li = Array.from(document.querySelectorAll(`ol.text[lang=${lang}] > li`))
          .find(l => l.textContent.trim().length > 80);
        if (!li) return null;
        li.scrollIntoView({block: "center"});
        const walker = document.createTreeWalker(li, NodeFilter.SHOW_TEXT);
        let node;
        while ((node = walker.nextNode()) && !/\\p{L}/u.test(node.data)) {}
        if (!node) return null;
        const at = node.data.search(/\\p{L}/u);
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + 1);
        const c = range.getClientRects()[0];
        const box = li.getBoundingClientRect();
        return {char: node.data[at], left: c.left, right: c.right, boxLeft: box.left, boxRight: box.right};
      };
      return {fa: firstChar("fa"), es: firstChar("es")};
    })()""")
    fa_char, es_char = layout["fa"], layout["es"]
    if check(fa_char is not None and es_char is not None, "a long Persian and a long Spanish line are shown"):
        middle = (fa_char["boxLeft"] + fa_char["boxRight"]) / 2
        check(fa_char["left"] > middle,
              f"Persian is laid out right to left: its first letter «{fa_char['char']}» is drawn at x={fa_char['left']:.0f}, "
              f"in the right half of its line ({fa_char['boxLeft']:.0f}..{fa_char['boxRight']:.0f})")
        middle = (es_char["boxLeft"] + es_char["boxRight"]) / 2
        check(es_char["right"] < middle,
              f"Spanish is laid out left to right: its first letter '{es_char['char']}' is drawn at x={es_char['left']:.0f}")

    page.eval('window.scrollTo(0, 0)')
    size = page.screenshot(os.path.join(out_dir, "seed-top.png"))
    check(size > 20000, f"screenshot seed-top.png ({size} bytes)")
    page.eval("""document.querySelector("article.finding .ctx[lang=fa]").closest("article")
                 .scrollIntoView({block: "start"})""")
    size = page.screenshot(os.path.join(out_dir, "seed-finding.png"))
    check(size > 20000, f"screenshot seed-finding.png ({size} bytes)")

    # (b) Filters. A real click on the "error" severity box.
    severities = sorted({f["severity"] for f in state})
    check(len(severities) >= 2, f"the seed has findings of several severities ({', '.join(severities)})")
    page.click('#filters input[name=severity][value=error]')
    after = page.eval(FINDINGS_STATE)
    errors = [f for f in after if f["severity"] == "error"]
    others = [f for f in after if f["severity"] != "error"]
    check(len(errors) > 0 and not any(f["visible"] for f in errors),
          f"unticking severity 'error' (mouse click) hides the {len(errors)} errors")
    check(len(others) > 0 and all(f["visible"] for f in others),
          f"... and leaves the other {len(others)} findings shown")
    check(page.eval('document.getElementById("shown").textContent') == f"{len(others)} of {total} findings shown",
          "... and the counter follows")
    page.screenshot(os.path.join(out_dir, "seed-filtered.png"))
    page.click('#filters input[name=severity][value=error]')
    check(all(f["visible"] for f in page.eval(FINDINGS_STATE)), "ticking it again shows every finding")

    # Only one kind: untick every other kind box (by script, like a user).
    kinds = sorted({f["kind"] for f in state})
    check(len(kinds) >= 2, f"the seed has findings of several kinds ({', '.join(kinds)})")
    page.eval("""document.querySelectorAll("#filters input[name=kind]").forEach(b => {
        if (b.value !== "conflict" && b.checked) b.click(); })""")
    after = page.eval(FINDINGS_STATE)
    shown = {f["kind"] for f in after if f["visible"]}
    check(shown == {"conflict"} and all(f["visible"] for f in after if f["kind"] == "conflict"),
          "leaving only the kind 'conflict' ticked shows exactly the conflicts")
    page.eval("""document.querySelectorAll("#filters input[name=kind]").forEach(b => { if (!b.checked) b.click(); })""")

    # Source filter: unticking the Spanish source hides what only it has.
    page.eval('document.querySelector("#filters input[name=source][value=\\"1\\"]").click()')
    after = page.eval(FINDINGS_STATE)
    only_es = [f for f in after if f["sources"] == ["1"]]
    with_fa = [f for f in after if "0" in f["sources"]]
    check(not any(f["visible"] for f in only_es) and all(f["visible"] for f in with_fa),
          f"unticking source 1 hides its {len(only_es)} own findings and keeps the {len(with_fa)} involving source 0")
    page.eval('document.querySelector("#filters input[name=source][value=\\"1\\"]").click()')
    check(all(f["visible"] for f in page.eval(FINDINGS_STATE)), "every box ticked again: every finding shown")

    # Every excerpt links to an anchor on the line its label names, and
    # every anchor links back to its finding.
    links = page.eval("""Array.from(document.querySelectorAll(".excerpt .where a")).map(a => {
        const label = a.textContent, target = document.getElementById(a.getAttribute("href").slice(1));
        const m = label.match(/:(\\d+):(\\d+)$/);
        const li = target && target.closest("li");
        return {label, found: !!target, line: m && m[1], li: li && li.id,
                back: target && document.getElementById(target.getAttribute("href").slice(1)) !== null};
    })""")
    bad = [l for l in links if not (l["found"] and l["li"] and l["li"].endswith("-L" + str(l["line"])) and l["back"])]
    check(links and not bad, f"each of the {len(links)} excerpt links reaches its line in the full text and back"
          + (f" (wrong: {bad[:3]})" if bad else ""))
    check(page.eval("window.__cspViolations.length") == 0, "no Content-Security-Policy violation")
    errors = page_errors(page)
    check(not errors, f"no script error in the page ({errors})")


def check_clean(browser, html):
    """A report without findings has no filters: its script must cope."""
    print(f"report without findings: {html}")
    page = Page(browser)
    page.open(html)
    check(page.eval('document.querySelectorAll("article.finding").length') == 0, "no finding shown")
    check(page.eval('document.getElementById("filters") === null'), "no filters")
    errors = page_errors(page)
    check(not errors, f"no script error in the page ({errors})")


MARKERS = """({title: document.title, pwned: document.documentElement.dataset.pwned || null,
    flag: window.__pwned || null,
    scripts: document.scripts.length,
    injected: document.querySelectorAll("img, svg, iframe, object, embed, form, link, base").length,
    handlers: Array.from(document.querySelectorAll("*")).filter(e =>
        Array.from(e.attributes).some(a => a.name.startsWith("on"))).length,
    text: document.body ? document.body.textContent : ""})"""


def check_control(browser, sources, out_dir):
    """The hostile sources' markup does run in a page that neither escapes
    it nor has a CSP: so the checks on the report below can fail."""
    print("control page (the hostile sources pasted unescaped, no CSP)")
    path = os.path.join(out_dir, "control.html")
    with open(path, "w", encoding="utf-8") as f:
        f.write("<!DOCTYPE html><html><head><meta charset=utf-8><title>control</title></head><body>\n")
        for source in sources:
            f.write(f"<p>{os.path.basename(source)}</p>\n<pre>")
            with open(source, encoding="utf-8") as text:
                f.write(text.read())
            f.write("</pre>\n")
        f.write("</body></html>\n")
    page = Page(browser)
    page.open(path)
    page.pump(lambda: False, 1.0)  # time for an <img onerror>
    m = page.eval(MARKERS)
    check(m["pwned"] is not None and page.dialogs,
          f"the payloads run in an unprotected page (marker {m['pwned']!r}, title {m['title']!r}, "
          f"dialogs {page.dialogs})")


def check_hostile(browser, html, out_dir, bypass_csp):
    label = "escaping alone (CSP bypassed)" if bypass_csp else "escaping and CSP"
    print(f"hostile report, {label}: {html}")
    page = Page(browser, bypass_csp=bypass_csp)
    page.open(html)
    page.pump(lambda: False, 1.0)  # time for an <img onerror> or a dialog
    m = page.eval(MARKERS)
    check(not page.dialogs, f"no dialog opened ({page.dialogs})")
    check(m["pwned"] is None and m["flag"] is None, f"no injected script or handler ran (marker {m['pwned']!r})")
    check(m["title"].startswith("concord: ") and m["title"] != "INJECTED",
          f"the title is the report's ({m['title'][:60]!r})")
    check(m["scripts"] == 1, f"one script element, the report's own ({m['scripts']})")
    check(m["injected"] == 0, f"no img/svg/iframe/object/form/link/base element ({m['injected']})")
    check(m["handlers"] == 0, f"no element has an on* attribute ({m['handlers']})")
    for needle in ("<script>", "<img src=x onerror=", "<svg onload="):
        check(needle in m["text"], f"the sources' {needle!r} is shown as text")
    check(page.eval('!document.getElementById("filters").hidden'), "the report's own script still ran")
    findings = page.eval(FINDINGS_STATE)
    check(len(findings) >= 2, f"the hostile group has findings ({len(findings)})")
    errors = page_errors(page)
    check(not errors, f"no script error in the page ({errors})")
    if not bypass_csp:
        violations = page.eval("window.__cspViolations")
        check(not violations, f"no Content-Security-Policy violation, so nothing needed blocking ({violations})")
        page.eval('window.scrollTo(0, 0)')
        page.screenshot(os.path.join(out_dir, "hostile.png"))


def main():
    if len(sys.argv) < 7:
        sys.exit(__doc__)
    chromium, out_dir, seed_html, clean_html, hostile_html = sys.argv[1:6]
    hostile_sources = sys.argv[6:]
    started = time.monotonic()
    browser = Browser(chromium, os.path.join(out_dir, "profile"), os.path.join(out_dir, "chromium.log"))

    def on_term(signum, frame):  # `timeout` ran out: leave no browser behind
        browser.kill()
        print("browser: stopped by a signal", file=sys.stderr)
        os._exit(1)

    signal.signal(signal.SIGTERM, on_term)
    try:
        print(f"browser: {browser.call('Browser.getVersion')['product']}")
        check_seed(Page(browser), seed_html, out_dir)
        check_clean(browser, clean_html)
        check_control(browser, hostile_sources, out_dir)
        check_hostile(browser, hostile_html, out_dir, bypass_csp=False)
        check_hostile(browser, hostile_html, out_dir, bypass_csp=True)
    except ProtocolError as e:
        failures.append(str(e))
        print(f"  FAIL: {e}", file=sys.stderr)
    finally:
        browser.close()
    elapsed = time.monotonic() - started
    if failures:
        print(f"browser: {len(failures)} check(s) failed in {elapsed:.1f} s", file=sys.stderr)
        return 1
    print(f"browser: every check passed in {elapsed:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
