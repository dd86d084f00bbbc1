// Casebook's pages read without this script; it adds what needs one: dates in the reader's time
// zone, a page that refreshes itself while it shows something that changes (a run that is open),
// a ref switcher that submits on choice, and the API reference's "try it" forms.

/** Shows each <time datetime> in the reader's time zone and language. */
function localTimes(root) {
  const format = new Intl.DateTimeFormat(document.documentElement.lang || undefined, { dateStyle: "medium", timeStyle: "short" });
  for (const time of root.querySelectorAll("time[datetime]")) {
    const date = new Date(time.getAttribute("datetime"));
    if (!Number.isNaN(date.getTime())) time.textContent = format.format(date);
  }
}

/**
 * Polls the page while it says so (data-refresh="seconds" on <main>) and the tab is visible:
 * If-None-Match makes an unchanged page cost a 304; a changed one replaces the main element.
 */
function refresh() {
  const main = document.querySelector("main[data-refresh]");
  if (!main) return;
  const seconds = Number(main.dataset.refresh) || 5;
  let etag = main.dataset.etag || null;
  async function poll() {
    if (document.visibilityState === "visible") {
      try {
        const answer = await fetch(location.href, { headers: etag ? { "If-None-Match": etag } : {}, credentials: "same-origin", cache: "no-cache" });
        if (answer.status === 200) {
          etag = answer.headers.get("ETag");
          const page = new DOMParser().parseFromString(await answer.text(), "text/html");
          const next = page.querySelector("main");
          const current = document.querySelector("main");
          if (next && current) {
            current.replaceWith(next);
            localTimes(next);
            if (!next.hasAttribute("data-refresh")) return;
          }
        }
      } catch {
        // The server is restarting or the network is down: try again at the next tick.
      }
    }
    setTimeout(poll, seconds * 1000);
  }
  setTimeout(poll, seconds * 1000);
}

/** A select with data-submit sends its form when a choice is made. */
function submitOnChange() {
  for (const select of document.querySelectorAll("select[data-submit]")) {
    select.addEventListener("change", () => select.form.requestSubmit());
  }
}

/** The API reference: a form per GET route fills its path and query and shows the answer. */
function tryIt() {
  for (const form of document.querySelectorAll("form.try")) {
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      let path = form.dataset.path;
      const query = new URLSearchParams();
      for (const input of form.querySelectorAll("input[data-in]")) {
        if (input.value === "") continue;
        if (input.dataset.in === "path") path = path.replace("{" + input.name + "}", encodeURIComponent(input.value));
        else query.append(input.name, input.value);
      }
      const url = path + (query.size ? "?" + query : "");
      const output = form.querySelector("output");
      output.textContent = "GET " + url + " …";
      try {
        const answer = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } });
        const text = await answer.text();
        let body = text;
        try { body = JSON.stringify(JSON.parse(text), null, 2); } catch { /* not JSON: shown as it came */ }
        output.textContent = "GET " + url + "\n" + answer.status + " " + answer.statusText + "\n\n" + body;
      } catch (error) {
        output.textContent = "GET " + url + "\n" + error;
      }
    });
  }
}

localTimes(document);
refresh();
submitOnChange();
tryIt();
