"""A tester's session in a real browser (Debian's chromium, driven by Playwright): signs in as a
tester, creates a run from a plan spread over two testers, opens My work, executes five cases
with the keyboard alone (step results included), pastes an image, records a failure with a
defect id and follows its link, bulk-sets the rest, sees the other tester's result appear
without reloading, re-runs the failed ones, and downloads the CSV and JUnit reports. No console
error, no request to another origin but the tracker's. Screenshots go to --shots. Exit status 0
when every check holds."""
import argparse
import csv
import io
import json
import urllib.request
import xml.etree.ElementTree as ElementTree

from harness import check, finish, look as screenshot, run, watch
from playwright.sync_api import sync_playwright

# A 1×1 PNG, as a screenshot pasted from the clipboard would be.
PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="


def api(base, method, path, token, body=None):
    request = urllib.request.Request(base + path, method=method, data=json.dumps(body).encode() if body is not None else None,
                                     headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
    with urllib.request.urlopen(request) as answer:
        return json.loads(answer.read() or b"null")


def look(page, shots, name):
    screenshot(page, f"{shots}/{name}.png")


def session(page, base, shots, other):
    page.goto(base + "/login")
    page.get_by_label("Username").fill("tim")
    page.get_by_label("Password").fill("tester password")
    page.keyboard.press("Enter")
    page.wait_for_url(base + "/")

    # A run of PLAN-SMOKE on one device, shared by tim and viv.
    page.goto(base + "/projects/SHOP/runs")
    page.get_by_role("link", name="New run").click()
    page.locator("select[name=plan]").select_option("PLAN-SMOKE")
    page.locator("input[name=build]").fill("2.4.1")
    page.locator("input[name=device][value='PLAN-SMOKE/pixel-8']").check()
    page.locator("input[name=assignee][value=tim]").check()
    page.locator("input[name=assignee][value=viv]").check()
    look(page, shots, "new-run")
    page.get_by_role("button", name="Create the run").click()
    page.wait_for_url("**/projects/SHOP/runs/*")
    run = page.url.rsplit("/", 1)[1]

    page.get_by_role("link", name="My work").click()
    page.wait_for_url("**/my-work")
    look(page, shots, "my-work")
    check(page.locator("table.list tbody tr").count() > 0, "My work lists my executions")
    page.get_by_role("link", name="Execute mine").first.click()
    page.wait_for_url("**/executions/*?mine=1")

    # Five executions by keyboard: step results with 1–4 where there are steps, then a status key.
    for index in range(5):
        page.locator("main.runner h1").wait_for()
        url = page.url
        if index == 0:
            look(page, shots, "runner")
            page.keyboard.press("?")
            check(page.locator("#keys").is_visible(), "? shows the keys")
            page.keyboard.press("?")
            page.keyboard.press("1")
            page.keyboard.press("1")
            check(page.locator("input[name=status][value=passed]").is_checked() or page.locator("li.step").count() > 2,
                  "step results propose the status")
        if index == 1:
            # Evidence pasted from the clipboard.
            page.evaluate("""png => {
                const bytes = Uint8Array.from(atob(png), c => c.charCodeAt(0));
                const data = new DataTransfer();
                data.items.add(new File([bytes], "screen.png", { type: "image/png" }));
                document.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data }));
            }""", PNG)
            page.locator("#evidence img").first.wait_for(timeout=5000)
            # A failure with a defect: the note by key, the defect in its field.
            page.keyboard.press("n")
            page.keyboard.type("The total is wrong")
            page.locator("input[name=defects]").fill("SHOP-4711")
            page.locator("input[name=defects]").press("Escape")
            page.locator("h1").click()
            page.keyboard.press("f")
        elif index == 2:
            # The connection drops: the result waits in the page, visibly, and goes when it is back.
            page.context.set_offline(True)
            page.keyboard.press("p")
            page.locator("#pending").wait_for(state="visible")
            check(page.url == url and "(1)" in page.locator("#pending").inner_text(), "the result waits while offline")
            page.context.set_offline(False)
        else:
            page.keyboard.press("p" if index != 3 else "b")
        page.wait_for_url(lambda now: now != url, timeout=15000)
    # The failed one links its defect and offers a new one.
    executions = api(base, "GET", f"/api/v1/projects/SHOP/runs/{run}/executions?status=failed", other["tim"])["executions"]
    check(len(executions) == 1 and executions[0]["defects"] == ["SHOP-4711"], f"the failure: {executions}")
    page.goto(f"{base}/projects/SHOP/runs/{run}/executions/{executions[0]['id']}")
    link = page.get_by_role("link", name="SHOP-4711")
    check(link.get_attribute("href") == "https://tracker.example/browse/SHOP-4711", "the defect links to the tracker")
    with page.expect_popup() if link.get_attribute("target") else page.expect_navigation():
        link.click()
    check("tracker.example/browse/SHOP-4711" in page.url, f"followed the defect link: {page.url}")
    page.go_back()

    # The run's table: viv records a result through the API; it appears without a reload.
    page.goto(f"{base}/projects/SHOP/runs/{run}/executions?assignee=viv")
    first = api(base, "GET", f"/api/v1/projects/SHOP/runs/{run}/executions?assignee=viv&status=untested&limit=1", other["viv"])["executions"][0]
    api(base, "PUT", f"/api/v1/projects/SHOP/runs/{run}/executions/{first['id']}", other["viv"], {"status": "passed"})
    try:
        page.locator("tbody tr", has_text=first["case"]).get_by_text("passed").wait_for(timeout=20000)
    except Exception as error:
        check(False, f"viv's result did not appear: {error}")

    # Bulk: the rest of my executions pass, shift-click and all that match.
    page.goto(f"{base}/projects/SHOP/runs/{run}/executions?assignee=me&status=untested")
    look(page, shots, "executions")
    # Applied with nothing ticked: the table comes back with the problem above its form.
    page.locator("select[name=status]").nth(1).select_option("passed")
    page.get_by_role("button", name="Apply to the selected").click()
    page.get_by_role("alert").wait_for()
    check("tick the executions" in page.get_by_role("alert").inner_text(), "a bulk change without ticks says why")
    check(page.locator("select[name=status]").first.input_value() == "untested", "the table keeps its filters")
    look(page, shots, "executions-refused")
    boxes = page.locator("tbody input[type=checkbox]")
    if boxes.count() > 1:
        boxes.first.click()
        boxes.last.click(modifiers=["Shift"])
        check(all(boxes.nth(i).is_checked() for i in range(boxes.count())), "shift-click ticks a range")
    page.locator("input.select-all-matching").check()
    page.locator("select[name=status]").nth(1).select_option("passed")
    page.get_by_role("button", name="Apply to the selected").click()
    page.wait_for_load_state("load")
    left = api(base, "GET", f"/api/v1/projects/SHOP/runs/{run}/executions?assignee=me&status=untested", other["tim"])["total"]
    check(left == 0, f"the bulk change left {left} untested")

    # Re-run the failed and blocked ones.
    page.goto(f"{base}/projects/SHOP/runs/{run}")
    page.get_by_role("link", name="Re-run").click()
    # Only what failed or was blocked (viv's untested ones stay out).
    page.locator("input[name=only][value=untested]").uncheck()
    page.locator("input[name=only][value=retest]").uncheck()
    page.get_by_role("button", name="Create the run").click()
    page.wait_for_url(lambda now: not now.endswith("/new") and "/runs/" in now)
    rerun = api(base, "GET", f"/api/v1/projects/SHOP/runs/{page.url.rsplit('/', 1)[1]}", other["tim"])
    check(rerun["run"]["rerunOf"] == int(run) and rerun["progress"]["total"] == 2, f"the re-run: {rerun['run']} {rerun['progress']['total']}")

    # The reports.
    page.goto(f"{base}/projects/SHOP/runs/{run}/report")
    look(page, shots, "report")
    with page.expect_download() as download:
        page.get_by_role("link", name="csv").click()
    rows = list(csv.reader(io.StringIO(open(download.value.path(), encoding="utf-8").read())))
    check(rows[0][:3] == ["execution", "case", "title"] and any(row[5] == "failed" and "SHOP-4711" in row[11] for row in rows[1:]), "the CSV")
    with page.expect_download() as download:
        page.get_by_role("link", name="junit").click()
    suite = ElementTree.parse(download.value.path()).getroot()
    check(suite.tag == "testsuite" and len(suite.findall("testcase/failure")) == 1 and len(suite.findall("testcase/error")) == 1, "the JUnit report")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--shots", required=True)
    parser.add_argument("--tim", required=True, help="tim's API token")
    parser.add_argument("--viv", required=True, help="viv's API token")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    arguments = parser.parse_args()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=arguments.chromium, args=["--no-sandbox"])
        context = browser.new_context(viewport={"width": 1200, "height": 900}, accept_downloads=True)
        context.route("https://tracker.example/**", lambda route: route.fulfill(
            status=200, content_type="text/html", body="<!doctype html><title>Tracker</title><h1>SHOP-4711</h1>"))
        page = context.new_page()
        page.set_default_timeout(10000)
        # While the test takes the connection away, the browser logs the requests it cannot make;
        # the refused bulk form's page is answered with its problem's status, which it logs too.
        problems = watch(page, [arguments.base, "https://tracker.example/"],
                         ignored=lambda message: "ERR_INTERNET_DISCONNECTED" in message.text
                         or ("status of 422" in message.text and message.location.get("url", "").endswith("/executions")))
        run(page, arguments.shots, "tester", lambda: session(page, arguments.base, arguments.shots, {"tim": arguments.tim, "viv": arguments.viv}))
        check(not problems, f"console: {problems}")
        browser.close()
    finish()

if __name__ == "__main__":
    main()
