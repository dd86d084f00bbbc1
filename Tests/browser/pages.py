"""The web pages in a real browser (Debian's chromium, driven by Playwright): each page loads
without a console error or a blocked resource, has no serious or critical axe-core violation,
is usable by keyboard, signs in and out through its forms, and runs no script a case carries.
Screenshots of each page go to --shots. Exit status 0 when every check holds."""
import argparse
import sys

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--shots", required=True)
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--user", default="ada")
    parser.add_argument("--password", default="admin password")
    arguments = parser.parse_args()
    axe = Axe()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=arguments.chromium, args=["--no-sandbox"])
        for scheme in ["light", "dark"]:
            page = browser.new_page(color_scheme=scheme, viewport={"width": 1200, "height": 900})
            problems = []
            # The not-found page is a 404 by design: the browser logs its own load as failed.
            page.on("console", lambda message: problems.append(f"{page.url}: {message.text}")
                    if message.type in ("error", "warning") and not page.url.endswith("/NOPE-1") else None)
            page.on("pageerror", lambda error: problems.append(str(error)))
            page.on("dialog", lambda dialog: (problems.append("a dialog opened: " + dialog.message), dialog.dismiss()))

            page.goto(arguments.base + "/projects/SHOP/cases/SHOP-101")
            check(page.url.endswith("/login?next=/projects/SHOP/cases/SHOP-101"), f"not sent to sign in: {page.url}")
            page.get_by_label("Username").fill(arguments.user)
            page.get_by_label("Password").fill(arguments.password)
            page.keyboard.press("Enter")
            page.wait_for_url(arguments.base + "/projects/SHOP/cases/SHOP-101")
            check(page.get_by_role("heading", level=1).inner_text().startswith("SHOP-101"), "the case page after signing in")

            for path, name in [("/", "home"), ("/projects/SHOP/cases?tag=smoke", "cases"), ("/projects/SHOP/cases/SHOP-129", "case"),
                               ("/projects/SHOP/cases/SHOP-666", "hostile-case"), ("/projects/SHOP/cases/NOPE-1", "not-found"),
                               ("/projects/SHOP/runs", "runs"), ("/projects/SHOP/runs/1", "run"), ("/projects/SHOP/plans", "plans"),
                               ("/projects/SHOP/findings", "findings")]:
                page.goto(arguments.base + path)
                page.screenshot(path=f"{arguments.shots}/{name}-{scheme}.png", full_page=True)
                results = axe.run(page)
                serious = [v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]
                check(not serious, f"{path} ({scheme}): axe: " + "; ".join(f"{v['id']}: {v['help']}" for v in serious))
            # Keyboard: the first Tab reaches a link, and focus is visible (an outline).
            page.goto(arguments.base + "/")
            page.keyboard.press("Tab")
            focused = page.evaluate("() => [document.activeElement.tagName, getComputedStyle(document.activeElement).outlineStyle]")
            check(focused[0] == "A" and focused[1] != "none", f"keyboard focus: {focused}")
            # The hostile case's title is text: no dialog opened, the title shows the markup.
            page.goto(arguments.base + "/projects/SHOP/cases/SHOP-666")
            check("<script>" in page.get_by_role("heading", level=1).inner_text(), "the hostile title is not shown as text")
            page.get_by_role("button", name="Sign out").click()
            page.wait_for_url(arguments.base + "/login?next=/")
            check(not problems, f"console ({scheme}): {problems}")
            page.close()
        browser.close()
    for failure in failures:
        print(failure)
    print(f"browser: {len(failures)} failure(s)")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
