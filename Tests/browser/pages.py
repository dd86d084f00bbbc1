"""The web pages in a real browser (Debian's chromium, driven by Playwright). Signs in through
the form, follows links from the home page to every kind of page, filters the case list, opens
a case with a shared step, switches refs, opens a diff, watches a run's progress change while
results are posted through the API, and signs out. On every page: no console error, no request
to another origin, no serious or critical axe-core violation. Light and dark; a screenshot of
each page kind goes to --shots. Exit status 0 when every check holds."""
import argparse
import json
import urllib.request

from harness import check, finish, look as screenshot, run, watch
from playwright.sync_api import sync_playwright


def post(base, path, token, body):
    request = urllib.request.Request(base + path, data=json.dumps(body).encode(), method="POST",
                                     headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
    with urllib.request.urlopen(request) as answer:
        return answer.status, json.loads(answer.read() or b"null")


def get(base, path, token):
    request = urllib.request.Request(base + path, headers={"Authorization": "Bearer " + token})
    with urllib.request.urlopen(request) as answer:
        return json.loads(answer.read())


def tour(page, base, shots, scheme, live, token):
    def look(name):
        screenshot(page, f"{shots}/{name}-{scheme}.png")

    page.goto(base + "/projects/SHOP/cases/SHOP-101")
    check(page.url.endswith("/login?next=/projects/SHOP/cases/SHOP-101"), f"not sent to sign in: {page.url}")
    look("login")
    page.get_by_label("Username").fill("ada")
    page.get_by_label("Password").fill("admin password")
    page.keyboard.press("Enter")
    page.wait_for_url(base + "/projects/SHOP/cases/SHOP-101")
    check(page.get_by_role("heading", level=1).inner_text().startswith("SHOP-101"), "the case page after signing in")

    # From the home page, by links only.
    page.goto(base + "/")
    look("home")
    page.get_by_role("link", name="Web Shop").click()
    page.wait_for_url("**/projects/SHOP/cases")
    look("cases")
    page.locator("nav.tree").get_by_role("link", name="Checkout").click()
    page.wait_for_url("**/projects/SHOP/cases?group=checkout")
    page.locator("input[name=tag]").fill("security")
    page.locator("select[name=priority]").select_option("critical")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**/projects/SHOP/cases?*")
    check("tag=security" in page.url and "priority=critical" in page.url and "group=checkout" in page.url, f"the filters are the URL: {page.url}")
    look("cases-filtered")
    page.get_by_role("link", name="SHOP-142").click()
    page.wait_for_url("**/projects/SHOP/cases/SHOP-142")
    check(page.locator("li.shared").count() >= 2, "the shared steps are marked")
    look("case")
    page.locator("a.block").first.click()
    page.wait_for_url("**/projects/SHOP/shared-steps/*")
    look("shared-steps")
    page.get_by_role("link", name="SHOP-142").first.click()
    page.wait_for_url("**/projects/SHOP/cases/SHOP-142")
    page.locator("dl.facts").get_by_role("link", name="checkout/payment").click()
    page.wait_for_url("**/projects/SHOP/groups/checkout/payment")
    look("group")

    # Another ref: the page stays, its filters too, and it says what it shows.
    page.goto(base + "/projects/SHOP/cases?tag=smoke")
    page.locator("input[name=ref]").fill("v1")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**ref=v1*")
    check("tag=smoke" in page.url and page.get_by_text("Shown at").count() == 1, f"the ref switcher: {page.url}")
    look("cases-at-ref")

    page.get_by_role("link", name="Plans", exact=True).click()
    page.wait_for_url("**/projects/SHOP/plans")
    look("plans")
    page.get_by_role("link", name="Release 2.4 regression").click()
    page.wait_for_url("**/projects/SHOP/plans/PLAN-R24")
    look("plan")
    page.get_by_role("link", name="Findings", exact=True).click()
    look("findings")
    page.get_by_role("link", name="Changes", exact=True).click()
    page.wait_for_url("**/projects/SHOP/diff")
    check(page.locator("del").count() > 0 and page.locator("ins").count() > 0, "the diff marks words")
    look("diff")
    page.get_by_role("link", name="Requirements", exact=True).click()
    page.wait_for_url("**/projects/SHOP/requirements")
    look("requirements")
    page.get_by_role("link", name="Runs", exact=True).click()
    page.wait_for_url("**/projects/SHOP/runs")
    page.locator("select[name=plan]").select_option("PLAN-R24")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**plan=PLAN-R24*")
    check(page.locator("figure.chart").count() == 1, "the runs of a plan are charted")
    look("runs")
    page.get_by_role("link", name="1", exact=True).click()
    page.wait_for_url("**/projects/SHOP/runs/1")
    look("run")

    if live:
        # The open run 2 has no result yet: results posted through the API appear without a reload.
        page.goto(base + "/projects/SHOP/runs/2")
        check(page.locator("main[data-refresh]").count() == 1, "an open run polls itself")
        executions = get(base, "/api/v1/projects/SHOP/runs/2/executions?limit=3", token)["executions"]
        post(base, "/api/v1/projects/SHOP/runs/2/results", token,
             {"results": [{"case": e["case"], "device": e["device"], "status": "failed"} for e in executions]})
        try:
            page.locator("ul.legend li", has_text="failed").get_by_text("3", exact=True).wait_for(timeout=15000)
        except Exception as error:
            check(False, f"the run page did not show the new results: {error}")
        look("run-live")

    page.get_by_role("link", name="API", exact=True).click()
    page.wait_for_url("**/api")
    look("api")
    operation = page.locator("#op-getCase")
    operation.locator("summary").click()
    operation.get_by_label("key").fill("SHOP")
    operation.get_by_label("id", exact=True).fill("SHOP-101")
    operation.get_by_role("button", name="Try it").click()
    try:
        operation.locator("output").get_by_text("200", exact=False).wait_for(timeout=5000)
    except Exception as error:
        check(False, f"try it: {error}")
    page.get_by_role("link", name="ada", exact=True).click()
    page.wait_for_url("**/account")
    look("account")
    page.get_by_role("link", name="Users").click()
    look("users")
    page.get_by_role("link", name="Audit log").click()
    look("audit")

    # Keyboard: the first Tab reaches a link, and focus is visible (an outline).
    page.goto(base + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("() => [document.activeElement.tagName, getComputedStyle(document.activeElement).outlineStyle]")
    check(focused[0] == "A" and focused[1] != "none", f"keyboard focus: {focused}")
    # The hostile case's title is text: no dialog opened, the title shows the markup.
    page.goto(base + "/projects/SHOP/cases/SHOP-666")
    check("<script>" in page.get_by_role("heading", level=1).inner_text(), "the hostile title is not shown as text")
    page.goto(base + "/projects/SHOP/cases/NOPE-1")
    look("not-found")
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(base + "/login?next=/")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--shots", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    arguments = parser.parse_args()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=arguments.chromium, args=["--no-sandbox"])
        for scheme in ["light", "dark"]:
            page = browser.new_page(color_scheme=scheme, viewport={"width": 1200, "height": 900})
            page.set_default_timeout(10000)
            # The not-found page is a 404 by design: the browser logs its own load as failed.
            problems = watch(page, [arguments.base], ignored=lambda message: page.url.endswith("/NOPE-1"))
            run(page, arguments.shots, scheme, lambda: tour(page, arguments.base, arguments.shots, scheme, scheme == "light", arguments.token))
            check(not problems, f"console ({scheme}): {problems}")
            page.close()
        browser.close()
    finish()

if __name__ == "__main__":
    main()
