// newsdex "Check a list" panel: a pasted list of names or queries, posted to /api/batch,
// answered as one table row per line. Loaded before app.js: it only defines functions,
// and app.js calls wireBatch() and renderBatch() (it also defines $, el, formatDate…).
"use strict";

// A batch of a thousand names takes a while on a big archive; one try, a generous wait.
const BATCH_TIMEOUT_MS = 120000;

async function postList(path, text) {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), BATCH_TIMEOUT_MS);
  let res;
  try {
    res = await fetch(path, {
      method: "POST",
      headers: { "Content-Type": "text/plain; charset=utf-8", Accept: "application/json" },
      body: text,
      signal: abort.signal,
    });
  } catch (e) {
    if (e.name === "AbortError") throw new Error("The server did not answer in time. Send a shorter list.");
    throw new Error("The server cannot be reached. Is newsdex serve still running?");
  } finally {
    clearTimeout(timer);
  }
  let body = null;
  try {
    body = await res.json();
  } catch (e) {
    /* not JSON */
  }
  if (!res.ok) throw new Error((body && body.error) || `The server answered ${res.status}.`);
  return body;
}

function renderBatch() {
  showView("batch");
  document.title = "Check a list · newsdex";
}

function batchRow(row) {
  const cls = row.error ? "batch-row batch-error" : "batch-row";
  if (row.error) {
    return el("tr", { class: cls },
      el("td", { class: "num" }, row.line),
      el("td", {}, el("code", {}, row.query)),
      el("td", { class: "batch-message", colspan: "5" }, row.error));
  }
  const spellings = row.aliases && row.aliases.length ? el("div", { class: "aliases" }, "also: " + row.aliases.join(", ")) : null;
  const name = row.kind ? [row.name || el("em", {}, "not found"), spellings] : "—";
  const top = row.top.map((a) =>
    el("li", {}, el("a", { href: articleHref(a.id) }, a.title || a.id), a.date ? ` · ${formatDate(a.date)}` : ""));
  return el("tr", { class: cls },
    el("td", { class: "num" }, row.line),
    el("td", {}, el("code", {}, row.query)),
    el("td", { class: "num hits" }, row.hits),
    el("td", {}, row.first_date ? `${row.first_date} – ${row.last_date}` : "—"),
    el("td", {}, name),
    el("td", { class: "num" }, row.quotes === null ? "—" : row.quotes),
    el("td", {}, top.length ? el("ol", { class: "batch-top" }, top) : "—"));
}

async function checkList(form) {
  const status = $("batch-status");
  const body = $("batch-rows");
  const text = form.elements.lines.value;
  const query = new URLSearchParams(formParams(form).filter(([k]) => k !== "lines"));
  status.textContent = "Checking…";
  body.replaceChildren();
  let data;
  try {
    data = await postList("/api/batch" + (query.toString() ? "?" + query : ""), text);
  } catch (e) {
    status.replaceChildren(el("span", { class: "error" }, e.message));
    return;
  }
  const n = data.rows.length;
  status.replaceChildren(
    el("strong", {}, `${n} line${n === 1 ? "" : "s"} checked`),
    data.failed ? ` · ${data.failed} could not be run` : "");
  body.replaceChildren(...data.rows.map(batchRow));
}

function wireBatch() {
  $("batch-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    checkList(ev.target);
  });
}
