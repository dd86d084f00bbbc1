"""What the browser scripts share: the list of failed checks, the page's screenshot with its
axe-core check, the watch on console errors and requests to other origins, and the ending."""
import sys

from axe_playwright_python.sync_playwright import Axe

failures = []
AXE = Axe()


def check(condition, message):
    if not condition:
        failures.append(message)


def look(page, path):
    """Writes the page's screenshot to path and checks the page with axe: no serious or critical violation."""
    page.wait_for_load_state("load")
    page.screenshot(path=path, full_page=True)
    serious = [v for v in AXE.run(page).response["violations"] if v.get("impact") in ("serious", "critical")]
    check(not serious, f"{page.url}: axe: " + "; ".join(
        f"{v['id']}: {v['help']} ({', '.join(n['target'][0] for n in v['nodes'][:3])})" for v in serious))


def watch(page, allowed, ignored=lambda message: False):
    """The problems the page meets, as they come: a console error or warning (but those
    `ignored` says), a script error, a dialog, a request to an origin not in `allowed`."""
    problems = []
    page.on("console", lambda message: problems.append(f"{page.url}: {message.text}")
            if message.type in ("error", "warning") and not ignored(message) else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("dialog", lambda dialog: (problems.append("a dialog opened: " + dialog.message), dialog.dismiss()))
    page.on("request", lambda request: problems.append("a request to another origin: " + request.url)
            if not request.url.startswith(tuple(allowed) + ("data:", "blob:")) else None)
    return problems


def run(page, shots, name, steps):
    """Runs `steps()`; a step that raises is a failure, with a screenshot of where it stopped."""
    try:
        steps()
    except Exception as error:
        page.screenshot(path=f"{shots}/failed-{name}.png", full_page=True)
        check(False, f"at {page.url} ({name}): {error}")


def finish():
    """Prints the failures and exits: 0 when every check held."""
    for failure in failures:
        print(failure)
    print(f"browser: {len(failures)} failure(s)")
    sys.exit(1 if failures else 0)
