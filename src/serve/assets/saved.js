// newsdex saved searches: "Save this search" beside a search's results, and the "Saved"
// view, which lists each saved search with how many articles and quotations are new since
// it was last checked, shows them, and marks them seen. Loaded before app.js: it only
// defines functions, and app.js calls saveControl() and renderSaved() (app.js defines $, el,
// api, showView, searchHref, articleHref, quotesHref, quoted and formatDate; batch.js postList).
"use strict";

// The parameters a saved search keeps: its words and filters, not its page or order.
const SAVED_KEYS = ["q", "person", "org", "place", "said_by", "since", "until"];
const NEW_LISTED = 20;

function savedParams(params) {
  return [...params].filter(([k, v]) => SAVED_KEYS.includes(k) && v !== "");
}

// The search a saved row stands for, as the search view's hash parameters.
function savedSearchPairs(row) {
  const pairs = row.query ? [["q", row.query]] : [];
  for (const key of ["person", "org", "place", "said_by"]) {
    for (const name of row.filters[key] || []) pairs.push([key, name]);
  }
  if (row.filters.since) pairs.push(["since", row.filters.since]);
  if (row.filters.until) pairs.push(["until", row.filters.until]);
  return pairs;
}

function plural(n, one, many) {
  return `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;
}

// "3 new articles · 1 new quotation", or "nothing new".
function newCounts(row) {
  const parts = [];
  if (row.new_articles) parts.push(plural(row.new_articles, "new article", "new articles"));
  if (row.new_quotes) parts.push(plural(row.new_quotes, "new quotation", "new quotations"));
  return parts.length ? parts.join(" · ") : "nothing new";
}

// "Save this search": a button that opens a small form asking for a name.
function saveControl(params) {
  const pairs = savedParams(params);
  if (!pairs.length) return null;
  const box = el("span", { class: "save" });
  const open = el("button", { type: "button", class: "link", id: "save-open" }, "Save this search");
  open.addEventListener("click", () => box.replaceChildren(saveForm(pairs)));
  box.append(open);
  return box;
}

function saveForm(pairs) {
  const input = el("input", { id: "save-name", name: "name", maxlength: "80", required: true, placeholder: "a name, e.g. harbour strike" });
  const note = el("span", { class: "save-note", role: "status", "aria-live": "polite" });
  const form = el("form", { id: "save-form", class: "save-form" },
    el("label", { for: "save-name" }, "Name "), input,
    el("button", { type: "submit" }, "Save"), note);
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const query = new URLSearchParams([["name", input.value.trim()], ...pairs]);
    note.textContent = "Saving…";
    try {
      const row = await postList("/api/saved?" + query, "");
      form.replaceChildren(el("span", { class: "save-note" },
        `Saved as “${row.name}”. `, el("a", { href: "#/saved" }, "Saved searches"),
        " tell you what is new."));
    } catch (e) {
      note.replaceChildren(el("span", { class: "error" }, e.message));
    }
  });
  setTimeout(() => input.focus(), 0);
  return form;
}

async function renderSaved() {
  showView("saved");
  document.title = "Saved searches · newsdex";
  const status = $("saved-status");
  const list = $("saved-list");
  status.textContent = "Loading…";
  let data;
  try {
    data = await api("/api/saved");
  } catch (e) {
    status.replaceChildren(el("span", { class: "error" }, e.message));
    return;
  }
  if (!data.saved.length) {
    status.textContent = "No saved searches yet: run a search and choose “Save this search”.";
    list.replaceChildren();
    return;
  }
  const fresh = data.saved.filter((r) => r.new_articles || r.new_quotes).length;
  status.replaceChildren(el("strong", {}, plural(data.saved.length, "saved search", "saved searches")),
    fresh ? ` · ${fresh} with something new` : " · nothing new");
  list.replaceChildren(...data.saved.map(savedItem));
}

function savedItem(row) {
  const item = el("li", { class: "saved-row" });
  fillSavedItem(item, row);
  return item;
}

function fillSavedItem(item, row) {
  const pairs = savedSearchPairs(row);
  const what = pairs.map(([k, v]) => (k === "q" ? v : `${k}: ${v}`)).join(" · ");
  const since = row.last_checked ? `since checked on ${row.last_checked}` : `since saved on ${row.created}`;
  const fresh = row.new_articles || row.new_quotes;
  const show = el("button", { type: "button", class: "link show-new" }, "Show what is new");
  const detail = el("div", { class: "saved-new" });
  show.addEventListener("click", () => showNew(item, row, detail));
  item.classList.toggle("fresh", Boolean(fresh));
  item.replaceChildren(
    el("h2", {}, el("a", { href: searchHref(pairs) }, row.name)),
    el("p", { class: "meta" }, what || "everything"),
    el("p", { class: "counts" }, el("strong", { class: "new-count" }, newCounts(row)), ` ${since}`,
      fresh ? " · " : "", fresh ? show : ""),
    detail);
}

async function showNew(item, row, detail) {
  detail.textContent = "Loading…";
  let news;
  try {
    news = await api("/api/saved/new?" + new URLSearchParams({ name: row.name, limit: NEW_LISTED }));
  } catch (e) {
    detail.replaceChildren(el("span", { class: "error" }, e.message));
    return;
  }
  const articles = news.articles.map((a) =>
    el("li", {}, el("a", { href: articleHref(a.id) }, a.title || a.path), a.date ? ` · ${formatDate(a.date)}` : ""));
  const quotes = news.quotes.map((q) =>
    el("li", {}, quoted(q.text), " — ", q.speaker ? el("a", { href: quotesHref(q.speaker) }, q.speaker) : "unattributed"));
  const seen = el("button", { type: "button", class: "mark-seen" }, "Mark as seen");
  seen.addEventListener("click", () => markSeen(item, row, news.mark, detail));
  const more = news.new_articles > articles.length ? ` (the newest ${articles.length} of ${news.new_articles})` : "";
  detail.replaceChildren(
    articles.length ? el("h3", {}, "New articles" + more) : null,
    articles.length ? el("ol", { class: "new-articles" }, articles) : null,
    quotes.length ? el("h3", {}, "New quotations") : null,
    quotes.length ? el("ol", { class: "new-quotes" }, quotes) : null,
    seen);
}

// Marks the search checked up to what was shown: anything added since stays new.
async function markSeen(item, row, mark, detail) {
  try {
    const fresh = await postList("/api/saved/seen?" + new URLSearchParams({ name: row.name, mark }), "");
    fillSavedItem(item, fresh);
  } catch (e) {
    detail.append(el("span", { class: "error" }, e.message));
  }
}
