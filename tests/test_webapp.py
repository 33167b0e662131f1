"""Issue 33: `orgmodel serve`, a real server on loopback, driven over HTTP
(httpx) and in a real headless Chromium (Playwright)."""
import html
import io
import json
import re
import shutil
import socket
import subprocess
import sys
import time

import httpx
import pandas as pd
import pytest
import yaml

import orgmodel
from conftest import DATA, build

PASSWORD = "a long enough passphrase"
ACCOUNTS = {"anna": "editor", "bram": "editor", "vera": "viewer", "ada": "admin"}


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _orgmodel(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "orgmodel", *args], input=stdin,
                          capture_output=True, text=True)


def _start(folder, *extra):
    port = _free_port()
    where = ["--org", str(folder)] if folder else []
    proc = subprocess.Popen([sys.executable, "-m", "orgmodel", "serve", *where,
                             "--port", str(port), *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    deadline = time.time() + 60
    while time.time() < deadline:
        if proc.poll() is not None:
            pytest.fail("the server did not start:\n" + proc.stdout.read())
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return proc, f"http://127.0.0.1:{port}"
        except OSError:
            time.sleep(0.2)
    proc.kill()
    pytest.fail("the server did not start in 60 s")


def _stop(proc):
    proc.terminate()
    try:
        proc.wait(20)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture
def folder(tmp_path):
    d = tmp_path / "org"
    shutil.copytree(DATA / "template", d)
    for name, role in ACCOUNTS.items():
        done = _orgmodel("users", "add", name, "--role", role, "--org", str(d),
                         stdin=PASSWORD + "\n")
        assert done.returncode == 0, done.stdout + done.stderr
        assert PASSWORD not in done.stdout + done.stderr
    return d


@pytest.fixture
def app(folder):
    proc, url = _start(folder)
    yield url, folder
    _stop(proc)


def _csrf(text):
    return re.search(r'name="csrf" value="([^"]+)"', text).group(1)


def _login(url, name, password=PASSWORD):
    client = httpx.Client(base_url=url, follow_redirects=False, timeout=30)
    token = _csrf(client.get("/login").text)
    res = client.post("/login", data={"csrf": token, "name": name, "password": password})
    return client, res


def _draft(client, name, *changes):
    token = _csrf(client.get("/drafts").text)
    res = client.post("/drafts", data={"csrf": token, "name": name})
    assert res.status_code == 303, res.text
    for change in changes:
        res = client.post(f"/drafts/{name}/change", data={"csrf": token, **change})
        assert res.status_code == 303, res.text
    return token


PAGES = ["/", "/search?q=team", "/node/tm", "/chart", "/mandates", "/who-decides?power=budget",
         "/findings", "/layers", "/span", "/formation", "/formation?by=manager",
         "/formation?by=post", "/history", "/drafts",
         "/figure/layers.svg", "/figure/span.svg", "/report", "/suggest?q=te", "/suggest.js"]


def test_who_decides_offers_the_declared_powers(app):
    # with no power asked yet, the page lists the powers to ask about (it
    # said "nothing to show"), and its field suggests them by name
    url, _ = app
    client, _ = _login(url, "vera")
    page = client.get("/who-decides").text
    for key, name in (("budget", "Budget responsibility"), ("hr", "Personnel powers")):
        assert f'<option value="{key}">{name}</option>' in page
        assert re.search(rf"<td[^>]*>{key}</td>\s*<td[^>]*>{name}</td>", page), page[-2000:]
    assert 'name="power" value="" list="powers"' in page
    # a part of a power's name finds it, as on the command line
    assert client.get("/who-decides?power=budget+resp").text.count("<tr") == \
        client.get("/who-decides?power=budget").text.count("<tr") > 2
    # a chain with no ceiling recorded, asked for an amount: "not recorded",
    # not yes (gd -> cd records none in the template)
    page = client.get("/who-decides?power=budget&amount=20000&role=cd").text
    assert re.search(r"<td[^>]*>not recorded</td>", page), page[-3000:]
    assert "records no ceiling" in page


def test_the_mandate_register_page_fits_a_screen_and_its_csv_has_every_column(app):
    # (the page showed all 31 columns of the register: a row a screen high
    # and the page scrolled sideways; it shows the report's, the CSV all)
    url, _ = app
    client, _ = _login(url, "vera")
    page = client.get("/mandates").text
    heads = re.findall(r"<th[^>]*>(.*?)</th>", page.split('id="note"')[1])
    assert len(heads) == 9 and heads[:3] == ["power name", "body name", "chain"], heads
    assert "mandator (id)" not in heads and "every column" in page
    csv_text = client.get("/mandates.csv").text
    from orgmodel.mandates import REGISTER_COLUMNS
    assert csv_text.lstrip("\ufeff").splitlines()[0].count(",") == len(REGISTER_COLUMNS) - 1


def test_a_nodes_page_says_each_kind_of_fact_once(app):
    # gd gives two mandates: one row "mandates given" with both, not two rows
    url, _ = app
    client, _ = _login(url, "vera")
    page = client.get("/node/gd").text
    facts = page[page.index('<table id="facts">'):]
    facts = facts[:facts.index("</table>")]
    labels = re.findall(r"<th>([^<]*)</th>", facts)
    assert labels.count("mandates given") == 1 and len(labels) == len(set(labels)), labels
    row = re.search(r"<th>mandates given</th><td>(.*?)</td>", facts).group(1)
    assert row.count("<br>") == 1, row


def test_an_empty_table_is_said_not_drawn_as_headers(tmp_path):
    # an organisation that declares no powers: who-decides said nothing, under
    # a row of headers ("power (id), name, kind, source") that looked broken
    bare = tmp_path / "bare"
    shutil.copytree(DATA / "template", bare)
    text = (bare / "org.yaml").read_text(encoding="utf-8")
    (bare / "org.yaml").write_text(re.sub(r"\npowers:\n(  .*\n)*", "\n", text),
                                   encoding="utf-8")
    edges = pd.read_csv(bare / "edges.csv", dtype=str, keep_default_na=False)
    edges["powers"] = ""            # (and no mandate names one)
    edges.to_csv(bare / "edges.csv", index=False)
    proc, url = _start(bare)
    try:
        page = httpx.get(url + "/who-decides", timeout=30).text
    finally:
        _stop(proc)
    assert '<table class="grid">' not in page and \
        "The organisation declares no powers" in page, page[-1500:]


def test_every_page_but_the_login_asks_for_a_session(app):
    url, _ = app
    anon = httpx.Client(base_url=url, follow_redirects=False, timeout=30)
    for path in PAGES + ["/accounts"]:
        res = anon.get(path)
        assert res.status_code == 303 and res.headers["location"].startswith("/login"), path
    res = anon.post("/drafts", data={"name": "x"})
    assert res.status_code in (401, 403)
    assert anon.get("/login").status_code == 200


def test_pages_answer_with_a_session_and_a_content_security_policy(app):
    url, _ = app
    client, res = _login(url, "vera")
    assert res.status_code == 303
    name = orgmodel.load(DATA / "template").name
    for path in PAGES:
        page = client.get(path)
        assert page.status_code == 200, (path, page.text[:300])
        # (the tab names the organisation, not the folder it is read from;
        # a post's page, the post)
        title = re.search(r"<title>(.*?)</title>", page.text)
        if title and not path.startswith("/node/"):
            assert title.group(1).startswith(html.escape(name)), (path, title.group(1))
        csp = page.headers["content-security-policy"]
        assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
        assert page.headers["x-content-type-options"] == "nosniff"
    # the session cookie is HttpOnly and SameSite=Strict
    _, res = _login(url, "vera")
    cookie = res.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie


def test_a_wrong_password_says_nothing_of_which_part_was_wrong(app):
    url, _ = app
    _, wrong_password = _login(url, "anna", "not the password at all")
    _, no_such_user = _login(url, "nobody-here", "not the password at all")
    assert wrong_password.status_code == no_such_user.status_code == 401

    def said(res):
        return re.search(r'id="login-error">([^<]*)<', res.text).group(1)
    assert said(wrong_password) == said(no_such_user)


def test_an_account_is_locked_after_repeated_failures(app):
    url, _ = app
    for _ in range(5):
        _login(url, "bram", "wrong wrong wrong")
    _, res = _login(url, "bram")       # the right password, too late
    assert res.status_code == 401


def test_a_password_set_anew_ends_the_sessions_opened_before(app):
    # A lost laptop: the admin sets anna's password anew; the session the
    # laptop keeps must end with it, and the new one must work.
    url, folder = app
    laptop, _ = _login(url, "anna")
    other, _ = _login(url, "bram")
    assert laptop.get("/drafts").status_code == 200
    done = _orgmodel("users", "add", "anna", "--role", "editor", "--org", str(folder),
                     stdin="a new long passphrase\n")
    assert done.returncode == 0, done.stderr
    ended = laptop.get("/drafts")
    assert ended.status_code == 303 and ended.headers["location"].startswith("/login")
    assert laptop.post("/drafts", data={"csrf": "x", "name": "late"}).status_code in (401, 403)
    assert other.get("/drafts").status_code == 200           # (another's session stays)
    again, res = _login(url, "anna", "a new long passphrase")
    assert res.status_code == 303 and again.get("/drafts").status_code == 200
    # a role taken away counts at once too, without a new login
    _orgmodel("users", "add", "bram", "--role", "viewer", "--org", str(folder),
              stdin=PASSWORD + "\n")
    assert other.get("/drafts").status_code == 303          # (its password was set anew too)
    viewer, _ = _login(url, "bram")
    assert 'id="new-draft"' not in viewer.get("/drafts").text


def test_a_copy_of_a_session_ends_with_its_logout(app):
    # A session cookie copied (a shared machine, a proxy's log) went on
    # working for its 8 hours after its owner logged out.
    url, _ = app
    anna, _ = _login(url, "anna")
    copy = httpx.Client(base_url=url, follow_redirects=False, timeout=30,
                        cookies=dict(anna.cookies))
    assert copy.get("/drafts").status_code == 200
    token = _csrf(anna.get("/drafts").text)
    assert anna.post("/logout", data={"csrf": token}).status_code == 303
    assert anna.get("/drafts").status_code == 303
    ended = copy.get("/drafts")
    assert ended.status_code == 303 and ended.headers["location"].startswith("/login")
    again, res = _login(url, "anna")                 # (and a new login works)
    assert res.status_code == 303 and again.get("/drafts").status_code == 200


def test_a_form_without_its_csrf_token_is_refused(app):
    url, folder = app
    client, _ = _login(url, "anna")
    res = client.post("/drafts", data={"name": "sneaky"})
    assert res.status_code == 403
    res = client.post("/drafts", data={"name": "sneaky", "csrf": "forged"})
    assert res.status_code == 403
    assert not (folder / ".orgmodel-drafts").exists()
    # and nothing changes by GET
    assert client.get("/drafts/sneaky/apply").status_code in (404, 405)


def test_a_viewer_sees_no_edit_control_and_the_edit_endpoints_refuse(app):
    url, folder = app
    editor, _ = _login(url, "anna")
    _draft(editor, "by-anna", {"verb": "close", "subject": "tm"})
    viewer, _ = _login(url, "vera")
    page = viewer.get("/drafts/by-anna").text
    assert 'id="apply"' not in page and 'id="add-change"' not in page
    assert 'id="new-draft"' not in viewer.get("/drafts").text
    token = _csrf(page)
    for path, data in (("/drafts", {"name": "x"}),
                       ("/drafts/by-anna/change", {"verb": "close", "subject": "cd"}),
                       ("/drafts/by-anna/apply", {"message": "no"})):
        res = viewer.post(path, data={"csrf": token, **data})
        assert res.status_code == 403, path
    assert viewer.get("/accounts").status_code == 403
    assert "tm" in orgmodel.load(folder).graph


def test_two_editors_apart_both_land_and_the_same_place_is_refused(app):
    url, folder = app
    anna, _ = _login(url, "anna")
    bram, _ = _login(url, "bram")
    t1 = _draft(anna, "anna-1", {"verb": "rename", "subject": "tm", "name": "Team lead"})
    t2 = _draft(bram, "bram-1", {"verb": "rename", "subject": "dd", "name": "Director"})
    t3 = _draft(bram, "bram-2", {"verb": "rename", "subject": "tm", "name": "Other name"})
    assert anna.post("/drafts/anna-1/apply", data={"csrf": t1, "message": "a"}).status_code == 303
    assert bram.post("/drafts/bram-1/apply", data={"csrf": t2, "message": "b"}).status_code == 303
    org = orgmodel.load(folder)
    assert org.graph.nodes["tm"]["name"] == "Team lead"
    assert org.graph.nodes["dd"]["name"] == "Director"
    refused = bram.post("/drafts/bram-2/apply", data={"csrf": t3, "message": "c"})
    assert refused.status_code == 409
    assert "tm (yours: changed; theirs: changed)" in refused.text
    assert "Traceback" not in refused.text
    assert orgmodel.load(folder).graph.nodes["tm"]["name"] == "Team lead"
    history = anna.get("/history").text
    assert "anna" in history and "bram" in history


def test_a_change_the_model_refuses_is_said_and_not_kept(app):
    url, _ = app
    anna, _ = _login(url, "anna")
    token = _draft(anna, "bad")
    res = anna.post("/drafts/bad/change", data={"csrf": token, "verb": "close",
                                                  "subject": "no-such-post"})
    assert res.status_code == 400 and "no-such-post" in res.text
    assert "Traceback" not in res.text
    assert "anna (editor)" in res.text           # (the error page knows who is there)
    assert "no-such-post" not in anna.get("/drafts/bad").text.split('id="changes"')[1][:200]


def test_hostile_names_are_inert_in_every_page(tmp_path):
    d = tmp_path / "org"
    shutil.copytree(DATA / "template", d)
    org = orgmodel.load(d)
    hostile = '<script>alert(1)</script><img src=x onerror="alert(2)">'
    org.graph.nodes["tm"]["name"] = hostile
    org.graph.nodes["dd"]["name"] = '"><svg onload=alert(3)>'
    orgmodel.save(org, d)
    proc, url = _start(d)        # no accounts: read-only
    try:
        client = httpx.Client(base_url=url, timeout=30)
        for path in [p for p in PAGES if p not in ("/report", "/suggest.js")] + [
                "/node/dd", "/suggest?q=alert"]:
            text = client.get(path).text
            if path == "/chart":
                continue      # the chart page's data is JSON in a script (checked below)
            assert "<script>alert(1)" not in text and "<img src=x" not in text, path
            assert "<svg onload" not in text, path
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in client.get("/node/tm").text
        from browser import CHROMIUM_ARGS, chromium_path
        from playwright.sync_api import sync_playwright
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium_path(), headless=True,
                                        args=CHROMIUM_ARGS)
            page = browser.new_page()
            dialogs = []
            page.on("dialog", lambda dlg: (dialogs.append(dlg.message), dlg.dismiss()))
            for path in ("/node/tm", "/node/dd", "/search?q=script", "/chart"):
                page.goto(url + path)
                page.wait_for_load_state("load")
            browser.close()
        assert dialogs == []
    finally:
        _stop(proc)


def test_without_accounts_it_is_read_only_and_on_loopback_only(tmp_path):
    d = tmp_path / "org"
    shutil.copytree(DATA / "template", d)
    res = _orgmodel("serve", "--org", str(d), "--host", "0.0.0.0", "--port", str(_free_port()))
    assert res.returncode == 2 and "127.0.0.1 only" in res.stdout + res.stderr
    proc, url = _start(d)
    try:
        client = httpx.Client(base_url=url, timeout=30)
        home = client.get("/")
        assert home.status_code == 200 and "Read-only" in home.text
        token = _csrf(home.text)
        assert client.post("/drafts", data={"csrf": token, "name": "x"}).status_code == 403
    finally:
        _stop(proc)


def test_a_page_asked_for_by_another_host_name_reads_nothing(tmp_path):
    # A web page whose name an attacker points at 127.0.0.1 (DNS rebinding)
    # sends its own name as Host: the read-only app, which has no login, must
    # not answer it with the model.
    d = tmp_path / "org"
    shutil.copytree(DATA / "template", d)
    name = yaml.safe_load((d / "org.yaml").read_text(encoding="utf-8"))["name"]
    proc, url = _start(d, "--allowed-host", "orgmodel.example.nl")
    port = url.rsplit(":", 1)[1]
    try:
        client = httpx.Client(base_url=url, timeout=30)
        for host in ("rebound.example", f"rebound.example:{port}", "127.0.0.1.example"):
            for path in ("/", "/formation.csv?by=post", "/chart", "/node/x"):
                refused = client.get(path, headers={"host": host})
                assert refused.status_code == 400, (host, path)
                assert name not in refused.text and "answers to" in refused.text
        for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"LOCALHOST:{port}",
                     "orgmodel.example.nl"):
            page = client.get("/", headers={"host": host})
            assert page.status_code == 200 and name in page.text, host
    finally:
        _stop(proc)


@pytest.mark.browser
def test_an_editor_works_through_a_draft_in_chromium(app):
    url, folder = app
    from browser import CHROMIUM_ARGS, chromium_path
    from playwright.sync_api import sync_playwright
    outside = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), headless=True,
                                    args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1300, "height": 900})
        page.on("request", lambda r: outside.append(r.url)
                if not r.url.startswith(url) and not r.url.startswith("data:") else None)
        page.goto(url + "/")
        assert page.url.startswith(url + "/login")
        page.fill("input[name=name]", "anna")
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(url + "/")
        # search a post, open it, follow its route
        page.fill("input[name=q]", "Team manager")
        page.press("input[name=q]", "Enter")
        page.click("#hits a >> nth=0")
        assert "/node/" in page.url
        first_step = page.locator("ol.route a").first
        step_name = first_step.inner_text()
        first_step.click()
        assert page.locator("h1").inner_text() == step_name
        # a draft: close a post, move a mandate, see the diff, apply it
        page.goto(url + "/drafts")
        page.fill("#new-draft input[name=name]", "Reorganise")
        page.click("#new-draft button")
        page.select_option("select[name=verb]", "close")
        page.fill("#add-change input[name=subject]", "tm")
        page.click("#add-change button")
        page.select_option("select[name=verb]", "move_mandate")
        page.fill("#add-change input[name=subject]", "dd")
        page.fill("#add-change input[name=mandator]", "cd")
        page.fill("#add-change input[name=new_mandatee]", "bpm")
        page.click("#add-change button")
        assert page.locator("#changes li").count() == 2
        diff_text = page.locator("#draft-diff").inner_text()
        assert "tm" in diff_text and "MANDATES" in diff_text
        page.fill("#apply input[name=message]", "Finance reorganised")
        page.click("#apply button")
        page.wait_for_url(re.compile(r".*/history\?applied=1"))
        assert "Finance reorganised" in page.locator("table").inner_text()
        page.screenshot(path=str(folder.parent / "history.png"))
        browser.close()
    assert outside == []
    org = orgmodel.load(folder)
    assert "tm" not in org.graph
    assert any(d["kind"] == "MANDATES" for _, v, d in org.graph.in_edges("bpm", data=True))


@pytest.mark.neo4j
def test_a_draft_applied_to_neo4j_is_in_its_history_with_its_user(bolt_env, store, tmp_path):
    from orgmodel.store import log, pull_model, push
    push(store, orgmodel.load(DATA / "template"), message="the start")
    home = tmp_path / "home"
    done = _orgmodel("users", "add", "anna", "--role", "editor", "--neo4j", "Sample",
                     "--home", str(home), stdin=PASSWORD + "\n")
    assert done.returncode == 0, done.stdout + done.stderr
    # the accounts are in the database, beside the organisation: hashes only
    stored = store.run("MATCH (u:AppUser {org: 'Sample'}) RETURN u.name AS name, "
                       "u.role AS role, u.hash AS hash")
    assert [(r["name"], r["role"]) for r in stored] == [("anna", "editor")]
    assert stored[0]["hash"].startswith("$argon2id$") and PASSWORD not in stored[0]["hash"]
    assert not (home / ".orgmodel-users.json").exists()
    proc, url = _start(None, "--neo4j", "Sample", "--home", str(home))
    try:
        anna, _ = _login(url, "anna")
        assert "Sample" in anna.get("/node/tm").text or anna.get("/node/tm").status_code == 200
        token = _draft(anna, "rename", {"verb": "rename", "subject": "tm", "name": "Team lead"})
        res = anna.post("/drafts/rename/apply", data={"csrf": token, "message": "from the app"})
        assert res.status_code == 303, res.text
        assert "from the app" in anna.get("/history").text
        # a logout ends a copy of the session too: the database keeps the count
        copy = httpx.Client(base_url=url, follow_redirects=False, timeout=30,
                            cookies=dict(anna.cookies))
        assert anna.post("/logout", data={"csrf": _csrf(anna.get("/drafts").text)}
                         ).status_code == 303
        assert copy.get("/drafts").status_code == 303
    finally:
        _stop(proc)
    assert store.run("MATCH (u:AppUser {org: 'Sample', name: 'anna'}) RETURN u.ended AS n"
                     )[0]["n"] == 1
    assert pull_model(store, "Sample").graph.nodes["tm"]["name"] == "Team lead"
    newest = log(store, "Sample").iloc[0]
    assert (newest["version"], newest["user"], newest["message"]) == (2, "anna", "from the app")


def test_an_editor_gives_and_withdraws_mandates_roles_and_holders(app):
    url, folder = app
    anna, _ = _login(url, "anna")
    token = _draft(anna, "links",
                   {"verb": "link", "kind": "MANDATES", "subject": "cd", "to": "tm",
                    "powers": "budget", "ceiling": "1000"},
                   {"verb": "unlink", "kind": "MANDATES", "subject": "dd", "to": "tm"},
                   {"verb": "link", "kind": "PLAYS", "subject": "tm", "to": "budget-holder"})
    page = anna.get("/drafts/links").text
    assert "Mandates" in page or "Routes that change" in page or "Figures" in page
    # (a holder withdrawn: the draft says whom the post keeps, as DIFF.md does)
    _draft(anna, "holder", {"verb": "unlink", "kind": "HOLDS", "subject": "p-ann", "to": "tm"})
    holder = html.unescape(re.sub(r"<[^>]+>", " ", anna.get("/drafts/holder").text))
    assert re.search(r"Posts whose holders change\s+name\s+before\s+after\s+Team manager "
                     r"Finance\s+Ann Smit, Bo de Vries\s+Bo de Vries", holder), holder
    assert anna.post("/drafts/links/apply", data={"csrf": token}).status_code == 303
    org = orgmodel.load(folder)
    into_tm = [(u, d) for u, _, d in org.graph.in_edges("tm", data=True)
               if d["kind"] == "MANDATES"]
    assert [(u, d["powers"], d["ceiling"]) for u, d in into_tm] == [("cd", ["budget"], 1000.0)]
    assert all(d["evidence"] == "assumed" for _, d in into_tm)
    assert any(d["kind"] == "PLAYS" for _, _, d in org.graph.out_edges("tm", data=True))


def test_an_editor_withdraws_one_power_of_a_mandate(app):
    """The form's powers were ignored by a withdrawal: every mandate from
    the general director to the corporate director went, when one power was
    meant. With powers, those are withdrawn; the mandate keeps the others."""
    url, folder = app
    anna, _ = _login(url, "anna")
    token = _draft(anna, "one-power", {"verb": "unlink", "kind": "MANDATES", "subject": "gd",
                                       "to": "cd", "powers": "hr"})
    # (a power the mandate does not give: refused, naming what it gives)
    res = anna.post("/drafts/one-power/change", data={
        "csrf": token, "verb": "unlink", "kind": "MANDATES", "subject": "cd", "to": "dd",
        "powers": "hr"})
    assert res.status_code == 400
    assert "no mandate from &#39;cd&#39; to &#39;dd&#39; gives hr (its powers: budget, " \
        "leading)" in res.text
    assert anna.post("/drafts/one-power/apply", data={"csrf": token}).status_code == 303
    org = orgmodel.load(folder)
    left = [d for _, v, d in org.graph.out_edges("gd", data=True)
            if v == "cd" and d["kind"] == "MANDATES"]
    assert [(d["powers"], d["evidence"]) for d in left] == [(["leading", "budget"], "assumed")]


def test_drafts_and_sessions_survive_a_restart(folder):
    proc, url = _start(folder)
    try:
        anna, _ = _login(url, "anna")
        _draft(anna, "kept", {"verb": "rename", "subject": "tm", "name": "Kept name"})
        cookies = dict(anna.cookies)
    finally:
        _stop(proc)
    proc, url = _start(folder)
    try:
        again = httpx.Client(base_url=url, cookies=cookies, follow_redirects=False, timeout=30)
        page = again.get("/drafts/kept")
        assert page.status_code == 200 and "Kept name" in page.text
    finally:
        _stop(proc)


def test_an_admin_adds_and_removes_accounts_and_others_cannot(app):
    url, folder = app
    ada, _ = _login(url, "ada")
    token = _csrf(ada.get("/accounts").text)
    differ = ada.post("/accounts", data={"csrf": token, "name": "nina", "role": "viewer",
                                         "password": PASSWORD, "again": PASSWORD + "x"})
    assert differ.status_code == 400 and "differ" in differ.text
    made = ada.post("/accounts", data={"csrf": token, "name": "nina", "role": "viewer",
                                       "password": PASSWORD, "again": PASSWORD})
    assert made.status_code == 303
    assert _login(url, "nina")[1].status_code == 303
    twice = ada.post("/accounts", data={"csrf": token, "name": "nina", "role": "admin",
                                        "password": PASSWORD + "2", "again": PASSWORD + "2"})
    assert twice.status_code == 409 and "already" in twice.text      # (nina's kept)
    assert _login(url, "nina")[1].status_code == 303
    from orgmodel.users import Users
    assert Users(folder / ".orgmodel-users.json").role("nina") == "viewer"
    stored = (folder / ".orgmodel-users.json").read_text()
    assert PASSWORD not in stored and "$argon2id$" in stored
    anna, _ = _login(url, "anna")
    assert anna.post("/accounts", data={"csrf": _csrf(anna.get("/").text), "remove": "nina"}
                     ).status_code == 403
    assert ada.post("/accounts", data={"csrf": token, "remove": "nina"}).status_code == 303
    assert _login(url, "nina")[1].status_code == 401


def test_users_on_the_command_line_say_one_clear_thing(tmp_path):
    d = tmp_path / "org"
    shutil.copytree(DATA / "template", d)
    short = _orgmodel("users", "add", "kim", "--role", "editor", "--org", str(d),
                      stdin="short\n")
    assert short.returncode == 1 and "10 characters or more" in short.stdout + short.stderr
    assert "Traceback" not in short.stdout + short.stderr
    bad_role = _orgmodel("users", "add", "kim", "--role", "boss", "--org", str(d),
                         stdin=PASSWORD + "\n")
    assert bad_role.returncode == 2 and "boss" in bad_role.stderr
    ok = _orgmodel("users", "add", "kim", "--role", "viewer", "--org", str(d),
                   stdin=PASSWORD + "\n")
    assert ok.returncode == 0 and PASSWORD not in ok.stdout + ok.stderr
    listed = _orgmodel("users", "list", "--org", str(d))
    assert listed.returncode == 0 and listed.stdout.split() == ["kim", "viewer"]
    assert oct((d / ".orgmodel-users.json").stat().st_mode & 0o777) == "0o600"
    replaced = _orgmodel("users", "add", "kim", "--role", "editor", "--org", str(d),
                         stdin=PASSWORD + "\n")
    assert replaced.returncode == 0 and "Replaced the account kim (editor)" in replaced.stdout
    assert _orgmodel("users", "list", "--org", str(d)).stdout.split() == ["kim", "editor"]
    gone = _orgmodel("users", "remove", "kim", "--org", str(d))
    assert gone.returncode == 0 and "Removed kim" in gone.stdout, gone.stdout + gone.stderr
    assert _orgmodel("users", "list", "--org", str(d)).stdout.split() == []
    again = _orgmodel("users", "remove", "kim", "--org", str(d), "--lang", "nl")
    assert again.returncode == 1 and "geen gebruiker 'kim'" in again.stderr, again.stderr
    assert "Traceback" not in again.stderr


def test_serve_says_why_a_model_that_does_not_load_is_not_served(tmp_path):
    d = tmp_path / "org"
    shutil.copytree(DATA / "template", d)
    with open(d / "edges.csv", "a", encoding="utf-8") as f:
        f.write("gd,tm,REPORTS_TO,X-1,stated,,,,,,,,,,,,,,,\n")       # a line in a circle
    res = _orgmodel("serve", "--org", str(d), "--port", str(_free_port()))
    assert res.returncode == 1, res.stdout + res.stderr
    assert "circle" in res.stdout + res.stderr and "Traceback" not in res.stdout + res.stderr


def test_serve_on_a_port_in_use_is_one_message(tmp_path):
    """`serve` on a port another server holds said "Serving ... at
    http://127.0.0.1:PORT/" and then uvicorn's own log line ("ERROR:
    [Errno 98] error while attempting to bind"), exit 3: the user read that
    it served. One message, in the reader's language, exit 1, nothing said
    to be served."""
    d = tmp_path / "org"
    shutil.copytree(DATA / "template", d)
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    port = str(taken.getsockname()[1])
    try:
        for lang, said in (("en", f"cannot listen on 127.0.0.1, port {port}: the port is in use"),
                           ("nl", f"kan niet luisteren op 127.0.0.1, poort {port}: de poort is "
                                  "in gebruik")):
            res = _orgmodel("serve", "--org", str(d), "--port", port, "--lang", lang)
            both = res.stdout + res.stderr
            assert res.returncode == 1, both
            assert said in res.stderr and "Serving" not in both and "Errno" not in both, both
            assert "Traceback" not in both
    finally:
        taken.close()


def test_a_route_step_two_posts_share_a_name_with_is_told_apart(tmp_path):
    """A post's page listed its route's steps by name: two teams' advisers
    both went to "Teamleider", and which one only the link's address said.
    A step named as another node on the page carries its id, as the page's
    lines do."""
    org = build(["gs", ("ah", {"name": "Afdelingshoofd"}), ("tl-a", {"name": "Teamleider"}),
                 ("tl-b", {"name": "Teamleider"}), ("adv-a", {"name": "Adviseur"})],
                [("ah", "gs", "REPORTS_TO"), ("tl-a", "ah", "REPORTS_TO"),
                 ("tl-b", "ah", "REPORTS_TO"), ("adv-a", "tl-a", "REPORTS_TO")])
    folder = orgmodel.save(org, tmp_path / "o")
    proc, url = _start(folder)
    try:
        page = httpx.get(url + "/node/tl-b", timeout=30).text
        steps = re.findall(r'<ol class="route">(.*?)</ol>', page, re.S)
        assert steps and ">Afdelingshoofd</a>" in steps[0], page
        page = httpx.get(url + "/node/adv-a", timeout=30).text
        route = re.findall(r'<ol class="route">(.*?)</ol>', page, re.S)[0]
        # (the line to tl-a is on the page, and the step: its id beside it)
        assert '<a href="/node/tl-a">Teamleider (tl-a)</a>' in route, route
    finally:
        _stop(proc)


def test_the_pages_in_dutch_have_no_english_left(folder):
    from test_dutch import _english_in, _the_datas_own, _visible_html
    proc, url = _start(folder, "--lang", "nl")
    try:
        anna, _ = _login(url, "anna")
        token = _draft(anna, "proef", {"verb": "close", "subject": "tm"})
        org = orgmodel.load(folder)

        def texts(value):      # the template's own words in org.yaml (its route rules)
            if isinstance(value, dict):
                return [t for v in value.values() for t in texts(v)]
            if isinstance(value, list):
                return [t for v in value for t in texts(v)]
            return [value] if isinstance(value, str) else []
        # (the title names the folder)
        own = sorted({str(folder), *_the_datas_own(org), *texts(org.manifest["escalation"])},
                     key=len, reverse=True)
        for path in PAGES[:-3] + ["/drafts/proef"]:
            if path == "/chart":
                continue      # the chart page is checked by tests/test_dutch.py
            words, numbers = _english_in(_visible_html(anna.get(path).text), own)
            assert (words, numbers) == ([], []), path
        anna.post("/drafts/proef/apply", data={"csrf": token, "message": "proef"})
        words, numbers = _english_in(_visible_html(anna.get("/history").text), own)
        assert (words, numbers) == ([], []), "/history"
        # (a push's time as a Dutch reader reads it, not an ISO instant)
        shown = _visible_html(anna.get("/history").text)
        assert re.search(r"\b\d{1,2} (januari|februari|maart|april|mei|juni|juli|augustus|"
                         r"september|oktober|november|december) \d{4}, \d\d:\d\d(?::\d\d)? UTC", shown)
        assert not re.search(r"\d{4}-\d\d-\d\dT\d\d:", shown), shown
        # the app's refusals too (they were English f-strings): a page, a node,
        # a chart that is not there, a form from elsewhere, a page not found
        for path, dutch in (("/nope", "geen pagina 'nope'"),
                            ("/figure/nope.svg", "geen grafiek 'nope'"),
                            ("/node/nope", "'nope' staat niet in het model"),
                            ("/history/diff?a=x", "geef twee versies: ?a=N&b=M"),
                            ("/formation?by=nope", "formatie per 'nope'"),
                            ("/niets/hier/nope", "Niet gevonden")):
            refused = anna.get(path)
            assert refused.status_code in (400, 404), (path, refused.status_code)
            assert dutch in html.unescape(refused.text), (path, refused.text)
            words, _ = _english_in(_visible_html(refused.text), own + ["nope"])
            assert words == [], (path, words)
        refused = anna.post("/drafts", data={"csrf": "vals", "name": "x"})
        assert refused.status_code == 403 and "dit formulier is verlopen" in refused.text
    finally:
        _stop(proc)


@pytest.mark.browser
def test_a_large_models_draft_form_suggests_ids_as_the_editor_types(tmp_path):
    """Past webapp.LIST_ALL posts and roles the draft page does not list them
    all (at 100,000 roles every draft page was 2.8 MB): the field's list is
    filled from /suggest as the editor types, and a change made with it lands."""
    from orgmodel.webapp import LIST_ALL, SUGGESTED
    d = tmp_path / "org"
    org = orgmodel.synthesize(LIST_ALL + 500, seed=1)
    orgmodel.save(org, d)
    done = _orgmodel("users", "add", "anna", "--role", "editor", "--org", str(d),
                     stdin=PASSWORD + "\n")
    assert done.returncode == 0, done.stdout + done.stderr
    proc, url = _start(d)
    try:
        client, _ = _login(url, "anna")
        _draft(client, "big")
        html = client.get("/drafts/big").text
        assert html.count("<option") < 50 and 'data-suggest="/suggest"' in html
        hits = client.get("/suggest?q=alderman").json()
        assert 0 < len(hits) <= SUGGESTED
        assert all("alderman" in (h["id"] + h["name"]).casefold() for h in hits)
        assert client.get("/suggest?q=a").json() == []          # (two letters at least)
        from browser import CHROMIUM_ARGS, chromium_path
        from playwright.sync_api import sync_playwright
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium_path(), headless=True,
                                        args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(url + "/login")
            page.fill("input[name=name]", "anna")
            page.fill("input[name=password]", PASSWORD)
            page.click("button[type=submit]")
            page.wait_for_url(url + "/")
            page.goto(url + "/drafts/big")
            page.select_option("select[name=verb]", "rename")
            page.locator("#add-change input[name=subject]").press_sequentially("Alderman 1")
            # (a locator waits in Playwright's own world: wait_for_function's
            # polling evaluates a string, which the page's CSP refuses)
            page.locator('#posts option[value="alderman-1"]').wait_for(state="attached")
            offered = page.eval_on_selector_all("#posts option", "os => os.map(o => o.value)")
            assert "alderman-1" in offered and len(offered) <= SUGGESTED, offered
            page.fill("#add-change input[name=subject]", "alderman-1")
            page.fill("#add-change input[name=name]", "Wethouder 1")
            page.click("#add-change button")
            assert "Wethouder 1" in page.locator("#draft-diff").inner_text()
            browser.close()
    finally:
        _stop(proc)


def test_a_drafts_model_is_the_edits_own_and_anew_when_anything_changed(tmp_path):
    """The page shown right after an edit is the model the edit made (not
    worked out again); another draft, a changed one (another editor's file)
    or a base read again gets its own."""
    from orgmodel.drafts import Drafts
    base = orgmodel.load(DATA / "template")
    book = Drafts(tmp_path)
    book.create("d", "anna", 0)
    book.add_change("d", {"close": "tm"}, base)
    first = book.model(book.get("d"), base)
    assert book.model(book.get("d"), base) is first and "tm" not in first.graph
    book.add_change("d", {"rename": "dd", "name": "Deputy"}, base)
    second = book.model(book.get("d"), base)
    assert second is not first and second.graph.nodes["dd"]["name"] == "Deputy"
    assert book.model(book.get("d"), orgmodel.load(DATA / "template")) is not second
    on_disk = book.get("d")
    on_disk["changes"] = on_disk["changes"][:1]
    (tmp_path / ".orgmodel-drafts" / "d.json").write_text(json.dumps(on_disk))
    assert book.model(book.get("d"), base).graph.nodes["dd"]["name"] != "Deputy"


@pytest.mark.browser
def test_two_editors_and_a_viewer_in_chromium(app):
    """In three browser sessions: two editors' drafts apart both land, a third
    draft on the same post is refused with the conflict named; a viewer sees
    no edit control, and a form sent from its session is refused."""
    url, folder = app
    from browser import CHROMIUM_ARGS, chromium_path
    from playwright.sync_api import sync_playwright
    outside = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), headless=True,
                                    args=CHROMIUM_ARGS)

        def session(name):
            page = browser.new_context().new_page()
            page.on("request", lambda r: outside.append(r.url)
                    if not r.url.startswith(url) and not r.url.startswith("data:") else None)
            page.goto(url + "/login")
            page.fill("input[name=name]", name)
            page.fill("input[name=password]", PASSWORD)
            page.click("button[type=submit]")
            page.wait_for_url(url + "/")
            return page

        def draft(page, name, subject, new_name):
            page.goto(url + "/drafts")
            page.fill("#new-draft input[name=name]", name)
            page.click("#new-draft button")
            page.select_option("select[name=verb]", "rename")
            page.fill("#add-change input[name=subject]", subject)
            page.fill("#add-change input[name=name]", new_name)
            page.click("#add-change button")
            assert new_name in page.locator("#draft-diff").inner_text()

        def apply_draft(page, name, message):
            page.goto(f"{url}/drafts/{name}")
            page.fill("#apply input[name=message]", message)
            page.click("#apply button")
            page.wait_for_load_state("load")
        anna, bram, vera = session("anna"), session("bram"), session("vera")
        draft(anna, "anna-1", "tm", "Team lead")
        draft(bram, "bram-1", "dd", "Director")
        draft(bram, "bram-2", "tm", "Other name")
        apply_draft(anna, "anna-1", "by Anna")
        assert "/history" in anna.url
        apply_draft(bram, "bram-1", "by Bram")
        assert "/history" in bram.url and "by Anna" in bram.locator("table").inner_text()
        apply_draft(bram, "bram-2", "clash")
        said = bram.locator(".error").inner_text()
        assert "tm (yours: changed; theirs: changed)" in said and "Traceback" not in said
        vera.goto(url + "/drafts/bram-2")
        assert vera.locator("#apply").count() == 0 and vera.locator("#add-change").count() == 0
        vera.goto(url + "/drafts")
        assert vera.locator("#new-draft").count() == 0
        token = _csrf(vera.content())
        refused = vera.request.post(url + "/drafts/bram-2/apply",
                                    form={"csrf": token, "message": "as a viewer"})
        assert refused.status == 403
        browser.close()
    assert outside == []
    org = orgmodel.load(folder)
    assert (org.graph.nodes["tm"]["name"], org.graph.nodes["dd"]["name"]) == (
        "Team lead", "Director")


def test_a_managers_page_lists_some_of_many_reports_and_counts_the_rest(tmp_path):
    """A manager with thousands of reports listed each on its page, all
    named alike ("Medewerker"): the page lists LINKS_SHOWN of a kind, each
    with its id where names repeat, and counts the rest."""
    from orgmodel.webapp import LINKS_SHOWN
    n = LINKS_SHOWN + 30
    posts = tmp_path / "wijd.csv"
    posts.write_text("Formatieplaats;Functie;Medewerker;Leidinggevende functie\n"
                     "F1;Directeur;Anna de Vries;\n"
                     + "".join(f"F{i};Medewerker;Persoon {i};F1\n" for i in range(2, n + 2)),
                     encoding="utf-8")
    d = tmp_path / "org"
    done = _orgmodel("import", "posts", str(posts), "--preset", "nl-hr", "--out", str(d))
    assert done.returncode == 0, done.stdout + done.stderr
    done = _orgmodel("users", "add", "vera", "--role", "viewer", "--org", str(d),
                     stdin=PASSWORD + "\n")
    assert done.returncode == 0, done.stdout + done.stderr
    proc, url = _start(d, "--lang", "nl")
    try:
        client, _ = _login(url, "vera")
        page = html.unescape(client.get("/node/F1").text)
        links = page[page.index("<ul>", page.index("Lijnen en verbanden")):]
        links = re.sub(r"<[^>]+>", "", links[:links.index("</ul>")])
        reports = re.findall(r"Medewerker \((F\d+)\) —rapporteert aan→ Directeur", links)
        assert reports == [f"F{i}" for i in range(2, LINKS_SHOWN + 2)]
        assert "... en nog 30 —rapporteert aan→ Directeur" in links
        assert "Anna de Vries —bekleedt→ Directeur" in links
        # one report's page names its manager without an id (no other node has
        # that name), and the report with its id (80 other posts have its name)
        one = html.unescape(client.get("/node/F7").text)
        assert "Medewerker (F7) —rapporteert aan→ Directeur" in re.sub(r"<[^>]+>", "", one)
        # (in English, the kind as words too: it was the model's REPORTS_TO)
        client.post("/lang", data={"csrf": _csrf(client.get("/").text), "lang": "en", "back": "/"})
        one = html.unescape(client.get("/node/F7").text)
        assert "Medewerker (F7) —reports to→ Directeur" in re.sub(r"<[^>]+>", "", one)
    finally:
        _stop(proc)


def test_a_long_table_comes_in_pages_and_whole_as_csv(tmp_path):
    """At 100,000 roles the formation per post was one page of 14 MB, drawn
    in 17 s: a table page shows ROWS_PER_PAGE rows, says which, links the
    pages before and after it, and gives the whole table as CSV."""
    from orgmodel.webapp import ROWS_PER_PAGE
    d = tmp_path / "org"
    org = orgmodel.synthesize(2 * ROWS_PER_PAGE + 100, seed=2)
    last = [n for n, k in org.graph.nodes(data="kind") if k == "Post"][-1]
    org.graph.nodes[last]["name"] = "=HYPERLINK(\"http://x\")"
    orgmodel.save(org, d)
    done = _orgmodel("users", "add", "vera", "--role", "viewer", "--org", str(d),
                     stdin=PASSWORD + "\n")
    assert done.returncode == 0, done.stdout + done.stderr
    want = orgmodel.formation(orgmodel.load(d), "post")
    assert len(want) > 2 * ROWS_PER_PAGE
    proc, url = _start(d)
    try:
        client, _ = _login(url, "vera")
        seen, address = [], "/formation?by=post"
        while address:
            page = client.get(address).text
            rows = re.findall(r"<tr><td>([^<]*)</td>", page)
            assert 0 < len(rows) <= ROWS_PER_PAGE, address
            said = re.search(r'<p id="paging">rows (\d+) to (\d+) of ([\d,]+)', page)
            assert said and said.groups() == (str(len(seen) + 1), str(len(seen) + len(rows)),
                                              f"{len(want):,}"), said
            seen += rows
            after = re.search(r'<a href="([^"]+)">next page</a>', page)
            address = html.unescape(after.group(1)) if after else None
            assert not after or "by=post" in address
        assert seen == list(want["id"])
        # the last page's rows again past its end; a page that is no number is refused
        assert re.findall(r"<tr><td>([^<]*)</td>", client.get("/formation?by=post&page=99").text) \
            == seen[-(len(want) % ROWS_PER_PAGE or ROWS_PER_PAGE):]
        refused = client.get("/formation?page=x")
        assert refused.status_code == 400 and "is not a page number" in refused.text
        csv = client.get(re.search(r'<a href="([^"]+)" id="csv"', page).group(1).replace("&amp;", "&"))
        assert csv.status_code == 200 and csv.headers["content-type"].startswith("text/csv")
        whole = pd.read_csv(io.StringIO(csv.text), dtype={"id": str})
        assert list(whole["id"]) == list(want["id"]) and list(whole.columns) == list(want.columns)
        # (a name that starts like a formula does not run as one)
        assert whole.set_index("id").loc[last, "name"] == "'=HYPERLINK(\"http://x\")"
        # for a spreadsheet: a byte-order mark (Excel reads UTF-8 by it), and in
        # Dutch ';' between cells and ',' for decimals, as Excel set to Dutch reads them,
        # and its columns as the Dutch report's CSV files name them
        assert csv.content.startswith(b"\xef\xbb\xbf")
        client.post("/lang", data={"csrf": _csrf(client.get("/").text), "lang": "nl", "back": "/"})
        dutch = client.get("/formation.csv?by=post").content.decode("utf-8-sig")
        again = pd.read_csv(io.StringIO(dutch), sep=";", decimal=",", dtype={"id": str})
        assert list(again.columns) == [orgmodel.i18n.translator("nl").column(c) for c in want.columns]
        assert "fte (max)" in again.columns and "naam" in again.columns
        pd.testing.assert_series_equal(again["fte (max)"], want["fte_max"], check_names=False)
        assert any("," in line.split(";")[5] for line in dutch.splitlines()[1:]), dutch[:500]
        anon = httpx.get(url + "/formation.csv", follow_redirects=False)
        assert anon.status_code == 303 and anon.headers["location"].startswith("/login")
    finally:
        _stop(proc)


@pytest.mark.browser
def test_the_formation_page_fits_a_window_in_dutch(folder):
    """The formation had twenty columns, 1,926 px wide in Dutch: its held and
    total FTE were off a 1366 px window. Each minimum and maximum is now one
    column (a range where they differ), and it rolls up by the reader's choice."""
    nodes = pd.read_csv(folder / "nodes.csv", dtype=str, keep_default_na=False)
    nodes.loc[nodes["id"] == "tm", "fte"] = "1-1.5"
    nodes.to_csv(folder / "nodes.csv", index=False)
    want = orgmodel.formation(orgmodel.load(folder), "unit").set_index("id").loc["cluster"]
    assert (want["fte_min"], want["fte_max"]) == (3.0, 3.5)
    proc, url = _start(folder, "--lang", "nl")
    from browser import CHROMIUM_ARGS, chromium_path
    from playwright.sync_api import sync_playwright
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium_path(), headless=True,
                                        args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1366, "height": 900})
            page.goto(url + "/login")
            page.fill("input[name=name]", "vera")
            page.fill("input[name=password]", PASSWORD)
            page.click("button[type=submit]")
            page.click("header >> text=Formatie")
            wide, window = page.evaluate(
                "[document.documentElement.scrollWidth, window.innerWidth]")
            assert wide <= window == 1366
            heads = page.locator("table.grid th").all_inner_texts()
            assert heads[:8] == ["id", "naam", "functies", "vacant", "mensen", "fte",
                                 "bezette fte", "vacante fte"], heads
            for shown in ("bekleder niet vastgelegd", "medewerkers", "fte totaal"):
                assert shown in heads, heads
            row = page.locator("table.grid tr", has_text="Support cluster").all_inner_texts()[0]
            cells = dict(zip(heads, row.split("\t")))
            assert (cells["fte"], cells["bezette fte"], cells["fte totaal"]) == (
                "3–3,5", "1–1,5", "10,6–11,1"), cells
            page.select_option("select[name=by]", "manager")
            page.click("main form button")
            assert "by=manager" in page.url
            assert page.locator("table.grid tr td").first.inner_text() == "gd"
            browser.close()
    finally:
        _stop(proc)


def test_the_server_runs_with_the_cycle_collector_on(tmp_path, monkeypatch):
    # Every command runs with Python's cycle collector paused (orgmodel.cli.main);
    # the web app serves for days, and its requests leave cycles that only the
    # collector frees: it must be on while uvicorn runs, and paused again after.
    import gc

    import uvicorn

    from orgmodel.cli import main
    d = tmp_path / "org"
    shutil.copytree(DATA / "template", d)
    seen = []
    monkeypatch.setattr(uvicorn.Server, "run",
                        lambda self, sockets=None: seen.append(gc.isenabled()))
    gc.disable()
    try:
        with pytest.raises(SystemExit) as done:
            main(["serve", "--org", str(d), "--port", str(_free_port())])
        assert done.value.code == 0
        assert seen == [True]
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_layers_and_spans_show_no_column_of_no_without_a_target(folder):
    """The Lagen and Spanwijdte pages showed "onder doeldiepte: nee" and
    "buiten de grenzen: nee" on every row where org.yaml sets no target and
    no thresholds, as the terminal did; their CSV keeps every column."""
    text = (folder / "org.yaml").read_text(encoding="utf-8")
    text = re.sub(r"\n  target_depth: \d+[^\n]*", "", text)
    text = re.sub(r"\nspan:\n(  [^\n]*\n)+", "\n", text)
    (folder / "org.yaml").write_text(text, encoding="utf-8")
    org = orgmodel.load(folder)
    assert orgmodel.layering(org).target is None and \
        (org.settings("span", {}) or {}).get("max") is None
    proc, url = _start(folder, "--lang", "nl")
    try:
        client, _ = _login(url, "vera")
        for page, gone in (("/layers", "onder doeldiepte"), ("/span", "buiten de grenzen")):
            res = client.get(page)
            assert res.status_code == 200 and gone not in res.text, page
            head = client.get(page + ".csv").text.splitlines()[0]
            # (the CSV has every column, in the page's language)
            assert gone in head, head
    finally:
        _stop(proc)


def _text(page: str) -> str:
    """A page's visible text, one cell or line per line."""
    page = re.sub(r"<script.*?</script>|<style.*?</style>", " ", page, flags=re.S)
    lines = html.unescape(re.sub(r"<[^>]+>", "\n", page)).splitlines()
    return "\n".join(x.strip() for x in lines if x.strip())


def test_a_dutch_draft_reads_as_its_diff_does(folder):
    """A Dutch draft's page listed its changes as the script's English
    (`close: tm`, `link: kind MANDATES, ...`), its routes as the whole
    routes table (ids beside names, `newly bad`, `next before name`), its
    figures by their keys (`posts_without_fte`), and its keys as
    `cd|MANDATES|dd`, `tm|line` and `key`. A ceiling typed as a Dutch page
    writes it (`25.000`, in an organisation that declares no locale) was
    refused as either 25 or 25000, in a message that gave the change as
    Python writes a mapping."""
    proc, url = _start(folder, "--lang", "nl")
    try:
        anna, _ = _login(url, "anna")
        _draft(anna, "reorg", {"verb": "close", "subject": "dd"},
               {"verb": "link", "kind": "MANDATES", "subject": "cd", "to": "tm",
                "powers": "budget", "ceiling": "25.000"})
        text = _text(anna.get("/drafts/reorg").text)
        bad = anna.post("/drafts/reorg/change", data={
            "csrf": _csrf(anna.get("/drafts").text), "verb": "link", "kind": "MANDATES",
            "subject": "cd", "to": "tm", "ceiling": "veel"})
        amount = _text(anna.get("/who-decides?power=budget&amount=25.000").text)
    finally:
        _stop(proc)
    assert "Deputy director (dd) opheffen" in text
    assert ("geven: Corporate director (cd) mandateert Team manager Finance (tm) "
            "(bevoegdheden: budget, financiële grens: 25.000)") in text
    for english in ("close:", "link:", "newly bad", "next before name", "posts_without_fte",
                    "|MANDATES|", "|line", "\nkey\n"):
        assert english not in text, english
    assert "\nbetreft\n" in text and "dd → tm" in text
    routes = text.split("Routes die veranderen")[1].split("Mandaten")[0]
    assert "\nvolgende stap voor\n" in routes and "Deputy director" in routes
    assert bad.status_code == 400 and "{'" not in _text(bad.text)
    assert "25 of 25000" not in amount and "\nDeputy director\n" in amount
    org = orgmodel.load(folder)
    assert not [d for _, _, d in org.graph.in_edges("tm", data=True)
                if d.get("ceiling") == 25000.0]          # (a draft writes nothing)


def test_a_draft_name_kept_as_anothers_names_the_other(tmp_path):
    # 'a b' and 'a_b' are one file: the refusal named the new name as taken
    from orgmodel.drafts import Drafts
    drafts = Drafts(tmp_path)
    drafts.create("reorg 2026", "anna", 1)
    with pytest.raises(orgmodel.OrgModelError, match="named 'reorg 2026' already, and a space"):
        drafts.create("reorg_2026", "bram", 1)
    with pytest.raises(orgmodel.OrgModelError, match="named 'reorg 2026' already$"):
        drafts.create("reorg 2026", "bram", 1)
    assert drafts.names() == ["reorg 2026"]


def test_a_colleagues_link_opens_its_page_after_the_login(app):
    # A link sent to a colleague (who-decides with its question) led, after
    # the login it asked for, to the start page: the question was lost.
    url, _ = app
    client = httpx.Client(base_url=url, follow_redirects=False, timeout=30)
    asked = "/who-decides?power=budget&amount=25000"
    first = client.get(asked)
    assert first.status_code == 303 and first.headers["location"].startswith("/login?next=")
    login = client.get(first.headers["location"])
    res = client.post("/login", data={"csrf": _csrf(login.text), "name": "anna",
                                      "password": PASSWORD,
                                      "next": html.unescape(re.search(
                                          r'name="next" value="([^"]*)"', login.text)[1])})
    assert res.status_code == 303 and res.headers["location"] == asked
    assert client.get(asked).status_code == 200
    # a next that leaves the app goes to the start page
    for outside in ("https://evil.example/", "//evil.example/", "/\\evil.example", "\tx"):
        other, token = httpx.Client(base_url=url, follow_redirects=False, timeout=30), None
        token = _csrf(other.get("/login").text)
        res = other.post("/login", data={"csrf": token, "name": "anna", "password": PASSWORD,
                                         "next": outside})
        assert res.status_code == 303 and res.headers["location"] == "/", outside


def test_taking_back_a_change_that_is_no_number_is_refused_not_a_server_error(app):
    url, _ = app
    anna, _ = _login(url, "anna")
    token = _draft(anna, "undo", {"verb": "close", "subject": "tm"})
    for index in ("x", "", "-1", "\u00b2", "99"):
        res = anna.post("/drafts/undo/undo", data={"csrf": token, "index": index})
        assert res.status_code == 400, (index, res.status_code)
        assert "something went wrong" not in _text(res.text)
    assert anna.post("/drafts/undo/undo", data={"csrf": token, "index": "0"}).status_code == 303
    assert "Team manager Finance (tm)" not in _text(anna.get("/drafts/undo").text).split(
        "Add a change")[0]


def test_who_decides_refuses_a_negative_amount(app):
    # (-5 is under every ceiling: the page listed every post as one that may)
    url, _ = app
    anna, _ = _login(url, "anna")
    res = anna.get("/who-decides?power=budget&amount=-5")
    assert res.status_code == 400 and "an amount is 0 or more" in _text(res.text)
    assert anna.get("/who-decides?power=budget&amount=5").status_code == 200


def test_an_editor_merges_two_posts_in_a_draft_and_applies_it(app):
    """A reorganisation merges teams: the draft form had no merge, which the
    change scripts of whatif have. The post that goes hands its lines and
    the team it leads to the one that stays."""
    url, folder = app
    before = orgmodel.load(folder)
    handed = {(v, d["kind"]) for _, v, d in before.graph.out_edges("tm2", data=True)}
    anna, _ = _login(url, "anna")
    token = _draft(anna, "merge", {"verb": "merge", "subject": "tm2", "to": "tm"})
    same = anna.post("/drafts/merge/change", data={"csrf": token, "verb": "merge",
                                                   "subject": "tm", "to": "tm"})
    assert same.status_code == 400 and "two different" in _text(same.text)
    page = _text(anna.get("/drafts/merge").text)
    assert ("merge Team manager Customer contact (tm2) into Team manager Finance (tm)"
            in page)
    assert anna.post("/drafts/merge/apply", data={"csrf": token, "message": "one team"}
                     ).status_code == 303
    after = orgmodel.load(folder)
    assert "tm2" not in after.graph and "tm" in after.graph
    assert ("team2", "LEADS") in handed and handed <= {
        (v, d["kind"]) for _, v, d in after.graph.out_edges("tm", data=True)}


def test_a_teams_page_shows_the_route_of_the_post_that_leads_it(app):
    """A team's page showed its facts and no escalation route: a team
    escalates through the post that leads it, and its page now says so and
    shows that post's routes."""
    url, _ = app
    anna, _ = _login(url, "anna")
    page = _text(anna.get("/node/team").text)
    assert "The team escalates through the post that leads it:\nTeam manager Finance" in page
    route = page.split("Escalation route")[1]
    assert "Deputy director" in route and "Corporate director" in route
    assert "Escalation route" not in _text(anna.get("/node/p-ann").text)


def test_the_formation_page_of_posts_without_units_says_so(tmp_path):
    """The Formatie page per unit of a list of posts without units said
    "nothing to show"; it says the data names no units, beside the choice
    of per manager or per post."""
    f = tmp_path / "p.csv"
    f.write_text("id,reports_to,title,fte\nCE,,Chief Executive,1\nFD,CE,Finance Director,1\n",
                 encoding="utf-8")
    assert _orgmodel("import", "posts", str(f), "--out", str(tmp_path / "o")).returncode == 0
    proc, url = _start(tmp_path / "o")
    try:
        by_unit = _text(httpx.get(url + "/formation", timeout=30).text)
        by_post = _text(httpx.get(url + "/formation?by=post", timeout=30).text)
        # (and the other pages of no row say why)
        mandates = _text(httpx.get(url + "/mandates", timeout=30).text)
        findings = _text(httpx.get(url + "/findings", timeout=30).text)
    finally:
        _stop(proc)
    assert "The data names no units: choose per manager or per post." in by_unit
    assert "nothing to show" not in by_unit and "Finance Director" in by_post
    assert "No mandate names a declared power." in mandates
    assert "p: no findings" in findings
    shutil.copytree(DATA / "albrandswaard", tmp_path / "flat")
    proc, url = _start(tmp_path / "flat")
    try:
        span = _text(httpx.get(url + "/span", timeout=30).text)
    finally:
        _stop(proc)
    assert "there is no span to count" in span and "nothing to show" not in span
    # an organisation of units alone (a W3C ORG file): its layers page says why
    # it is empty, as `layers` and the report do
    ttl = tmp_path / "units.ttl"
    ttl.write_text("@prefix org: <http://www.w3.org/ns/org#> .\n"
                   "<urn:x:a> a org:Organization .\n"
                   "<urn:x:b> a org:Organization ; org:subOrganizationOf <urn:x:a> .\n",
                   encoding="utf-8")
    assert _orgmodel("import", "org", str(ttl), "--out", str(tmp_path / "u")).returncode == 0
    proc, url = _start(tmp_path / "u")
    try:
        layers = _text(httpx.get(url + "/layers", timeout=30).text)
    finally:
        _stop(proc)
    assert "The data records no post: there are no management layers to count." in layers
    assert "nothing to show" not in layers


def test_a_posts_page_says_when_a_holder_left_or_starts(tmp_path):
    """An HR export's holder who left (to 31-12-2025) and the one who
    followed (from 1-1-2026) were both shown as holding the post
    (`bekleed door Eva Kok (1 fte) Jan Smit (1 fte)`), as if a job share;
    a holding that ends, or starts after the model's date, says so."""
    f = tmp_path / "medewerkers.csv"
    f.write_text("Formatieplaats;Functie;Leidinggevende functie;Medewerker;FTE;Datum in dienst;"
                 "Datum uit dienst\nF1;Directeur;;Anna de Vries;1;1-3-2019;\n"
                 "F2;Adviseur;F1;Eva Kok;1;1-6-2021;31-12-2025\n"
                 "F2;Adviseur;F1;Jan Smit;1;1-1-2026;\n"
                 "F3;Adviseur;F1;Piet Bakker;1;1-4-2026;\n", encoding="utf-8")
    folder = tmp_path / "org"
    done = _orgmodel("import", "posts", str(f), "--preset", "nl-hr", "--out", str(folder),
                     "--date", "1-3-2026")
    assert done.returncode == 0, done.stdout + done.stderr
    proc, url = _start(folder)
    try:
        f2 = html.unescape(re.sub(r"<[^>]+>", " ", httpx.get(url + "/node/F2", timeout=30).text))
        f3 = html.unescape(re.sub(r"<[^>]+>", " ", httpx.get(url + "/node/F3", timeout=30).text))
    finally:
        _stop(proc)
    assert "Eva Kok (1 fte; tot en met 31 december 2025)" in f2, f2
    assert re.search(r"Jan Smit \(1 fte\)", f2), f2
    assert "Piet Bakker (1 fte; vanaf 1 april 2026)" in f3, f3


def test_a_nodes_page_says_how_it_is_known_in_the_readers_language(tmp_path):
    # (the page gave a post's facts but not how they are known: its grade,
    # its source and the reasoning of an inferred one were only in the chart's
    # tooltip; the note in the reader's language, note_nl for a Dutch one)
    d = tmp_path / "deventer"
    shutil.copytree(DATA / "deventer", d)
    tm = orgmodel.load(d).graph.nodes["tm-bb"]
    for lang, rows in (("nl", ("grond", "afgeleid", "bron", "D-FS-II; D-FS-V; D-B1",
                               "toelichting", tm["note_nl"])),
                       ("en", ("evidence", "inferred", "source", "D-FS-II; D-FS-V; D-B1",
                               "note", tm["note"]))):
        proc, url = _start(d, "--lang", lang)
        try:
            page = httpx.get(url + "/node/tm-bb", timeout=30).text
        finally:
            _stop(proc)
        facts = dict(re.findall(r"<tr><th>(.*?)</th><td>(.*?)</td></tr>",
                                html.unescape(page.split('id="facts"')[1].split("</table>")[0])))
        for label, text in zip(rows[::2], rows[1::2]):
            assert facts.get(label) == text, (lang, label, facts)


def test_a_draft_name_no_draft_can_have_is_no_draft(app):
    """`/drafts/aaa…` (5,000 letters) was a server error: the name was
    looked up as a file ("File name too long"). A name no draft can have
    is a draft that is not there, as any other."""
    url, _ = app
    client, _ = _login(url, "vera")
    for name in ("a" * 5000, "no-such-draft"):
        res = client.get(f"/drafts/{name}")
        assert res.status_code == 400, res.status_code
        assert "no draft named" in res.text and "Traceback" not in res.text
