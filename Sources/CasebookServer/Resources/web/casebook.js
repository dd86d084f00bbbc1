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
  // A page being worked on (a box ticked, a field in use) is not replaced under the reader.
  function busy() {
    const current = document.querySelector("main");
    const active = document.activeElement;
    return current.querySelector("input[type=checkbox]:checked") !== null
      || (current.contains(active) && active.matches("input, textarea, select"));
  }
  async function poll() {
    if (document.visibilityState === "visible" && !busy()) {
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

/** The runner: keys, step results, the proposed status, the clock, evidence and a result that waits out a lost connection. */
function runner() {
  const form = document.querySelector("form.result");
  if (!form) return;
  const problem = document.getElementById("problem");
  const pending = document.getElementById("pending");
  const steps = [...form.querySelectorAll("li.step")];
  let current = 0;
  const stepOrder = ["passed", "failed", "blocked", "skipped"];

  function mark(index) {
    steps.forEach((step, i) => step.classList.toggle("current", i === index));
    if (steps[index]) steps[index].scrollIntoView({ block: "nearest" });
  }
  function proposeStatus() {
    const chosen = steps.map((step) => step.querySelector("input[type=radio]:checked")?.value ?? null);
    let proposal = null;
    if (chosen.includes("failed")) proposal = "failed";
    else if (chosen.includes("blocked")) proposal = "blocked";
    else if (chosen.length && !chosen.includes(null)) proposal = chosen.includes("passed") ? "passed" : "skipped";
    if (proposal) form.querySelector(`input[name=status][value=${proposal}]`).checked = true;
  }
  form.addEventListener("change", (event) => { if (event.target.name?.startsWith("step")) proposeStatus(); });

  // The clock: from when the runner opened the execution, until the tester edits the duration.
  const duration = form.elements.duration;
  const started = Date.parse(form.dataset.started);
  if (duration && !Number.isNaN(started) && duration.value === "") {
    const tick = () => { if (!duration.dataset.edited) duration.value = String(Math.max(0, Math.round((Date.now() - started) / 1000))); };
    tick();
    setInterval(tick, 1000);
    duration.addEventListener("input", () => { duration.dataset.edited = "yes"; });
  }

  // Results not sent for want of a connection wait in localStorage and go when it is back.
  const queueKey = "casebook.pending";
  const queue = () => JSON.parse(localStorage.getItem(queueKey) || "[]");
  const save = (items) => localStorage.setItem(queueKey, JSON.stringify(items));
  function showPending() {
    const count = queue().length;
    pending.hidden = count === 0;
    pending.textContent = count ? `${form.dataset.offlineText || "Not sent yet"} (${count})` : "";
  }
  async function send(item) {
    const answer = await fetch(item.url, {
      method: "PUT", credentials: "same-origin", body: JSON.stringify(item.body),
      headers: { "Content-Type": "application/json", "X-CSRF-Token": item.csrf },
    });
    if (answer.ok) return { ok: true };
    const detail = (await answer.json().catch(() => ({}))).detail || answer.statusText;
    return { ok: false, detail };
  }
  async function flush() {
    const items = queue();
    if (!items.length) return showPending();
    const left = [];
    let onward = null;
    for (const item of items) {
      try {
        const outcome = await send(item);
        if (!outcome.ok) { problem.hidden = false; problem.textContent = outcome.detail; }
        else if (item.page === location.pathname) onward = item.after;
      } catch {
        left.push(item);
      }
    }
    save(left);
    showPending();
    // The result this page was waiting to send has gone: on to the next execution, as after any result.
    if (onward && !left.length) location.assign(onward);
  }
  window.addEventListener("online", flush);
  setInterval(flush, 5000);
  flush();

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const status = data.get("status");
    if (!status) { problem.hidden = false; problem.textContent = "Choose a result."; return; }
    const body = { status, version: Number(data.get("version")) };
    if (data.get("notes")) body.notes = data.get("notes");
    const defects = String(data.get("defects") || "").split(/[\s,]+/).filter(Boolean);
    if (defects.length) body.defects = defects;
    if (data.get("duration") !== "" && data.get("duration") !== null) body.duration = Number(data.get("duration"));
    if (steps.length) {
      body.steps = steps.map((_, i) => {
        const stepStatus = data.get(`step${i}`), note = data.get(`step${i}note`);
        if (!stepStatus && !note) return null;
        const result = {};
        if (stepStatus) result.status = stepStatus;
        if (note) result.note = note;
        return result;
      });
    }
    const item = { url: form.dataset.api, body, csrf: form.dataset.csrf, page: location.pathname, after: form.dataset.after };
    pending.hidden = false;
    pending.textContent = form.dataset.sendingText || "Sending…";
    try {
      const outcome = await send(item);
      if (outcome.ok) { location.assign(form.dataset.after); return; }
      problem.hidden = false;
      problem.textContent = outcome.detail;
      pending.hidden = true;
    } catch {
      save([...queue(), item]);
      showPending();
    }
  });

  // Evidence: a pasted image or dropped files are attached to the execution.
  async function attach(files) {
    for (const file of files) {
      const name = file.name || `pasted-${new Date().toISOString().replace(/[:.]/g, "-")}.png`;
      const answer = await fetch(`${form.dataset.attachments}?name=${encodeURIComponent(name)}`, {
        method: "POST", credentials: "same-origin", body: file,
        headers: { "Content-Type": file.type || "application/octet-stream", "X-CSRF-Token": form.dataset.csrf },
      });
      const json = await answer.json().catch(() => ({}));
      if (!answer.ok) { problem.hidden = false; problem.textContent = json.detail || answer.statusText; continue; }
      const url = `/api/v1/projects/${location.pathname.split("/")[2]}/attachments/${json.attachment.id}`;
      const item = document.createElement("li");
      if (file.type.startsWith("image/")) {
        const image = document.createElement("img");
        image.src = url;
        image.alt = name;
        item.append(image);
      }
      const link = document.createElement("a");
      link.href = url;
      link.textContent = name;
      item.append(link);
      document.getElementById("evidence").append(item);
    }
  }
  document.addEventListener("paste", (event) => {
    const files = [...(event.clipboardData?.files || [])];
    if (files.length) { event.preventDefault(); attach(files); }
  });
  document.addEventListener("dragover", (event) => event.preventDefault());
  document.addEventListener("drop", (event) => {
    event.preventDefault();
    attach([...(event.dataTransfer?.files || [])]);
  });

  const help = document.getElementById("keys");
  const toggle = document.querySelector(".keys-toggle");
  const flip = () => { help.hidden = !help.hidden; toggle?.setAttribute("aria-expanded", String(!help.hidden)); };
  toggle?.addEventListener("click", flip);

  document.addEventListener("keydown", (event) => {
    const typing = event.target.closest?.("input:not([type=radio]):not([type=checkbox]), textarea, select");
    if (typing || event.ctrlKey || event.metaKey || event.altKey) return;
    const key = event.key;
    const status = form.querySelector(`input[name=status][data-key="${key}"]`);
    if (status && !status.disabled) {
      event.preventDefault();
      status.checked = true;
      form.requestSubmit();
    } else if (key >= "1" && key <= "4" && steps.length) {
      event.preventDefault();
      const radio = steps[current].querySelector(`input[value=${stepOrder[Number(key) - 1]}]`);
      if (radio && !radio.disabled) { radio.checked = true; proposeStatus(); }
      current = Math.min(current + 1, steps.length - 1);
      mark(current);
    } else if (key === "j" || key === "k") {
      const link = document.querySelector(`a[data-key=${key}]`);
      if (link) { event.preventDefault(); location.assign(link.href); }
    } else if (key === "n") {
      event.preventDefault();
      form.elements.notes.focus();
    } else if (key === "?") {
      event.preventDefault();
      flip();
    }
  });
  mark(current);
}

/** A run's executions: shift-click ticks a range; the header box ticks the page. */
function selection() {
  const table = document.querySelector("table.selectable");
  if (!table) return;
  const boxes = [...table.querySelectorAll("tbody input[type=checkbox]")];
  let last = null;
  for (const box of boxes) {
    box.addEventListener("click", (event) => {
      const index = boxes.indexOf(box);
      if (event.shiftKey && last !== null) {
        const [from, to] = [Math.min(last, index), Math.max(last, index)];
        for (let i = from; i <= to; i++) boxes[i].checked = box.checked;
      }
      last = index;
    });
  }
  table.querySelector(".select-page")?.addEventListener("change", (event) => {
    for (const box of boxes) box.checked = event.target.checked;
  });
}

/** The new-run form offers the devices of the plan chosen (each box names its plan, so without the script all are offered). */
function planDevices() {
  const plan = document.querySelector("form select[name=plan]");
  if (!plan) return;
  const show = () => {
    for (const label of plan.form.querySelectorAll("label[data-plan]")) {
      const mine = label.dataset.plan === plan.value;
      label.hidden = !mine;
      if (!mine) label.querySelector("input").checked = false;
    }
  };
  plan.addEventListener("change", show);
  show();
}

localTimes(document);
refresh();
submitOnChange();
tryIt();
runner();
selection();
planDevices();
