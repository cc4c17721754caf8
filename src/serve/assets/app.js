// newsdex search page: plain JavaScript, no framework, no network beyond this server.
// State lives in the URL hash (#/search?…, #/article/ID, #/quotes?…) so that Back,
// bookmarks and reloads work. Every text from the archive goes into the page through
// textContent (never innerHTML), so nothing in an article can inject markup.
"use strict";

const PAGE = 10;
const FILTERS = ["person", "org", "place", "said_by"];
const FILTER_LABELS = { person: "Person", org: "Organisation", place: "Place", said_by: "Quoted" };
const KINDS = [["person", "People"], ["org", "Organisations"], ["place", "Places"]];
const $ = (id) => document.getElementById(id);

// Builds an element: el("a", {href: "#"}, "text", child…). Strings become text nodes.
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : String(c));
  }
  return node;
}

// Byte offsets (UTF-8, as the server counts) to text pieces: JS strings are UTF-16, so
// the text is encoded once and each piece decoded from its byte range.
const encoder = new TextEncoder();
const decoder = new TextDecoder();
function byteSlicer(text) {
  const bytes = encoder.encode(text);
  return { length: bytes.length, slice: (a, b) => decoder.decode(bytes.subarray(a, b)) };
}

// Text with [start, end) byte ranges wrapped by wrap(pieceText, range) → Node.
function marked(text, ranges, wrap) {
  const s = byteSlicer(text);
  const out = [];
  let at = 0;
  const sorted = ranges
    .filter((r) => r[0] < r[1] && r[0] >= 0 && r[1] <= s.length)
    .sort((a, b) => a[0] - b[0]);
  for (const r of sorted) {
    if (r[0] < at) continue; // overlapping range: keep the first
    if (r[0] > at) out.push(s.slice(at, r[0]));
    out.push(wrap(s.slice(r[0], r[1]), r));
    at = r[1];
  }
  if (at < s.length) out.push(s.slice(at));
  return out;
}

// Replaces a node's children, skipping null/false (DOM's replaceChildren would print them).
function setChildren(node, ...children) {
  node.replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
}

// A quotation as a reader expects it: in quotation marks, without the comma before "she said".
function quoted(text) {
  return "“" + text.replace(/[,\s]+$/, "") + "”";
}

// How long one request may take before it is sent again. Every request is a GET, so a
// retry is safe; a guard against a stalled connection. (The stall once seen here was the
// former HTTP server, tiny_http, queueing a new connection behind idle keep-alive ones.)
const REQUEST_TIMEOUT_MS = 8000;

async function fetchWithTimeout(path) {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), REQUEST_TIMEOUT_MS);
  try {
    return await fetch(path, { headers: { Accept: "application/json" }, signal: abort.signal });
  } finally {
    clearTimeout(timer);
  }
}

async function api(path) {
  let res;
  for (let attempt = 1; !res; attempt++) {
    try {
      res = await fetchWithTimeout(path);
    } catch (e) {
      if (e.name === "AbortError" && attempt < 2) continue;
      if (e.name === "AbortError") throw new Error("The server did not answer in time. Try again.");
      throw new Error("The server cannot be reached. Is newsdex serve still running?");
    }
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

function hashParams() {
  const hash = location.hash.replace(/^#/, "");
  const q = hash.indexOf("?");
  return {
    route: q < 0 ? hash : hash.slice(0, q),
    params: new URLSearchParams(q < 0 ? "" : hash.slice(q + 1)),
  };
}

function searchHref(params) {
  const p = new URLSearchParams();
  for (const [k, v] of params) if (v !== "" && v !== null && v !== undefined) p.append(k, v);
  const s = p.toString();
  return "#/search" + (s ? "?" + s : "");
}

function articleHref(id) {
  return "#/article/" + encodeURIComponent(id);
}

function quotesHref(by) {
  return "#/quotes?by=" + encodeURIComponent(by);
}

// Current search params as [key, value] pairs with one key changed.
function withParam(params, key, value, add) {
  const pairs = [...params].filter(([k, v]) => k !== "offset" && (add ? !(k === key && v === value) : k !== key));
  if (value !== null) pairs.push([key, value]);
  return pairs;
}

function showView(name) {
  for (const v of ["search", "article", "quotes", "batch", "saved"]) {
    $(v + "-view").hidden = v !== name;
  }
  $("nav-search").classList.toggle("current", name === "search" || name === "article");
  for (const v of ["quotes", "batch", "saved"]) $("nav-" + v).classList.toggle("current", name === v);
}

function fillForm(form, params) {
  for (const input of form.elements) {
    if (!input.name) continue;
    const values = params.getAll(input.name);
    // Repeated filters (person=A&person=B) show as chips; the box holds none of them.
    if (FILTERS.includes(input.name) && values.length !== 1) input.value = "";
    else input.value = values[0] || (input.tagName === "SELECT" ? input.options[0].value : "");
  }
}

function formParams(form) {
  const pairs = [];
  for (const input of form.elements) {
    if (input.name && input.value.trim() !== "") pairs.push([input.name, input.value.trim()]);
  }
  return pairs;
}

// ---- search view -------------------------------------------------------------------

let renderSeq = 0; // a newer render makes older answers stale

async function renderSearch(params) {
  const seq = ++renderSeq;
  showView("search");
  fillForm($("search-form"), params);
  // On a phone the filters fold away unless one is in use.
  if (window.matchMedia("(max-width: 820px)").matches) {
    $("filters-box").open = ["person", "org", "place", "since", "until"].some((k) => params.has(k));
  }
  renderChips(params);
  const results = $("results");
  const status = $("status");
  results.replaceChildren();
  $("pager").replaceChildren();
  renderFacets(params);
  renderTimeline(params, seq);
  const hasRequest = [...params].some(([k]) => k !== "sort" && k !== "offset");
  if (!hasRequest) {
    status.replaceChildren(
      "Search the archive by words, phrases, people, places and dates, or pick a name on the right."
    );
    return;
  }
  status.textContent = "Searching…";
  const offset = Math.max(0, parseInt(params.get("offset") || "0", 10) || 0);
  const query = new URLSearchParams(params);
  query.set("limit", PAGE + 1); // one more than shown tells whether a next page exists
  query.set("offset", offset);
  let data;
  try {
    data = await api("/api/search?" + query);
  } catch (e) {
    if (seq === renderSeq) status.replaceChildren(el("span", { class: "error" }, e.message));
    return;
  }
  if (seq !== renderSeq) return;
  const more = data.hits.length > PAGE;
  data.hits = data.hits.slice(0, PAGE);
  if (data.hits.length === 0) {
    status.textContent = offset > 0 ? "No more results." : "No article matches.";
  } else {
    const last = offset + data.hits.length;
    status.replaceChildren(
      el("strong", {}, `${data.total} matching article${data.total === 1 ? "" : "s"}`),
      ` · showing ${offset + 1}–${last} · `,
      downloadLink(params, "articles"),
      " · ",
      saveControl(params)
    );
  }
  results.replaceChildren(...data.hits.map((h) => hitItem(h, params)));
  renderPager(params, offset, data, more);
}

// The timeline above the results: one bar per period (its link sets the date filter to
// that period); pressing on one bar and releasing on another selects the range between.
async function renderTimeline(params, seq) {
  const box = $("timeline");
  box.hidden = true;
  box.replaceChildren();
  const query = new URLSearchParams();
  for (const [k, v] of params) if (!["sort", "offset"].includes(k)) query.append(k, v);
  if (![...query].length) return;
  let data;
  try {
    data = await api("/api/timeline?" + query);
  } catch (e) {
    return; // the search itself reports a bad request
  }
  if (seq !== renderSeq || data.buckets.length < 2) return;
  const max = Math.max(...data.buckets.map((b) => b.articles), 1);
  let pressed = null;
  const setRange = (a, b) => {
    const [from, to] = a.start <= b.start ? [a, b] : [b, a];
    let p = withParam(params, "since", from.start);
    p = withParam(p, "until", to.end);

    location.hash = searchHref(p);
  };
  const bars = data.buckets.map((b) => {
    const label = `${b.start}${b.end !== b.start ? " to " + b.end : ""}: ${b.articles} article${b.articles === 1 ? "" : "s"}`;
    const bar = el("span", { class: "bar" });
    bar.style.height = `${Math.max(b.articles ? 4 : 0, Math.round((b.articles / max) * 100))}%`;
    const link = el("a", {
      class: "period",
      href: searchHref(withParam(withParam(params, "since", b.start), "until", b.end)),
      title: label,
      "aria-label": label,
    }, bar);
    link.addEventListener("pointerdown", (e) => { pressed = b; e.preventDefault(); });
    link.addEventListener("pointerup", (e) => {
      if (pressed && pressed !== b) { e.preventDefault(); setRange(pressed, b); }
      pressed = null;
    });
    return link;
  });
  const first = data.buckets[0].start, last = data.buckets[data.buckets.length - 1].end;
  box.replaceChildren(
    el("div", { class: "bars", role: "list" }, bars),
    el("figcaption", {}, `Articles per ${data.by}, ${first} to ${last}`,
      data.undated ? ` · ${data.undated} undated` : "",
      " · click a bar, or drag across bars, to filter by date")
  );
  box.hidden = false;
}

function hitItem(hit, params) {
  const meta = [hit.date && formatDate(hit.date), hit.source, hit.author].filter(Boolean);
  const snippet = marked(hit.snippet, hit.highlights, (t) => el("mark", {}, t));
  return el(
    "li",
    { class: "hit" },
    el("h2", {}, el("a", { href: articleHref(hit.id) }, hit.title || "(untitled)")),
    el("p", { class: "meta" }, meta.join(" · ") || "undated", el("span", { class: "path" }, hit.path)),
    el("p", { class: "snippet" }, snippet),
    hit.persons.length
      ? el(
          "p",
          { class: "people" },
          el("span", { class: "label" }, "People: "),
          hit.persons.slice(0, 8).map((name) =>
            el("a", { class: "tag person", href: searchHref(withParam(params, "person", name, true)) }, name)
          )
        )
      : null,
    hit.duplicates.length
      ? el("p", { class: "dups" }, `Also at: ${hit.duplicates.join(", ")}`)
      : null,
    similarGroup(hit)
  );
}

// "+N similar": the near-identical copies collapsed into a hit (the same wire story
// reprinted), folded; opened, each copy is a link with its own headline and date.
function similarGroup(hit) {
  const copies = hit.similar_articles || [];
  if (!copies.length) return null;
  const n = copies.length;
  return el("details", { class: "similar" },
    el("summary", {}, `+${n} similar article${n === 1 ? "" : "s"}`),
    el("ul", {}, copies.map((c) => el("li", {},
      el("a", { href: articleHref(c.id) }, c.title || "(untitled)"),
      el("span", { class: "meta" }, ` · ${c.date ? formatDate(c.date) : "undated"} · `),
      el("span", { class: "path" }, c.path)))));
}

function renderPager(params, offset, data, more) {
  const pager = $("pager");
  const links = [];
  if (offset > 0) {
    links.push(el("a", { href: searchHref(withParam(params, "offset", String(Math.max(0, offset - PAGE)))), rel: "prev" }, "← Previous"));
  }
  if (more) {
    links.push(el("a", { href: searchHref(withParam(params, "offset", String(offset + PAGE))), rel: "next" }, "Next →"));
  }
  const page = Math.floor(offset / PAGE) + 1;
  const pages = Math.max(1, Math.ceil(data.total / PAGE));
  if (links.length) pager.replaceChildren(...links, el("span", {}, `Page ${page} of ${pages}`));
}

function renderChips(params) {
  const chips = [];
  for (const key of [...FILTERS, "since", "until"]) {
    for (const value of params.getAll(key)) {
      const label = FILTER_LABELS[key] || (key === "since" ? "From" : "To");
      const rest = [...params].filter(([k, v]) => !(k === key && v === value) && k !== "offset");
      chips.push(
        el("a", { class: "chip", href: searchHref(rest), title: `Remove this filter` },
          `${label}: ${value}`, el("span", { "aria-hidden": "true" }, " ×"),
          el("span", { class: "sr" }, " (remove)"))
      );
    }
  }
  $("chips").replaceChildren(...chips);
}

async function renderFacets(params) {
  const aside = $("facets");
  const base = new URLSearchParams();
  for (const key of ["q", ...FILTERS, "since", "until"]) {
    for (const v of params.getAll(key)) base.append(key, v);
  }
  const title = base.toString() ? "In these results" : "In the archive";
  aside.replaceChildren(el("h2", {}, title));
  const lists = await Promise.all(
    KINDS.map(([kind]) => {
      const p = new URLSearchParams(base);
      p.set("kind", kind);
      p.set("limit", 8);
      return api("/api/people?" + p).then((d) => d.entities, () => []);
    })
  );
  if (hashParams().params.toString() !== params.toString()) return; // a newer search started
  KINDS.forEach(([kind, heading], i) => {
    if (!lists[i].length) return;
    aside.append(
      el("h3", {}, heading),
      el("ul", { class: "facet", id: "facet-" + kind },
        lists[i].map((e) =>
          el("li", {},
            el("a", {
              href: searchHref(withParam(params, kind, e.name, true)),
              class: "facet-link" + (params.getAll(kind).includes(e.name) ? " active" : ""),
              "aria-current": params.getAll(kind).includes(e.name) ? "true" : null,
              title: `Only articles naming ${e.name}` + aliasNote(e),
            },
              el("span", { class: "name" }, e.name),
              el("span", { class: "count", title: "articles" }, String(e.articles)))
          )
        ))
    );
  });
  if (lists.every((l) => !l.length)) aside.append(el("p", { class: "muted" }, "No names found."));
  const people = params.getAll("person");
  if (people.length === 1) aside.append(await oftenWith(people[0], params, "often-with"));
}

// "Often with": the companions of a person (specific company first, see /api/people?with=);
// each links to the articles of `params` that also name the companion.
async function oftenWith(name, params, id) {
  const p = new URLSearchParams({ with: name, limit: 6 });
  let list = [];
  try {
    list = (await api("/api/people?" + p)).entities;
  } catch (e) {
    list = [];
  }
  if (!list.length) return el("span");
  return el("section", { class: "often-with", id },
    el("h3", {}, `Often with ${name}`),
    el("ul", { class: "facet" },
      list.map((e) => el("li", {},
        el("a", {
          class: "facet-link",
          href: searchHref(withParam(params, e.kind, e.name, true)),
          title: `${e.articles} of ${e.in_all} articles naming ${e.name} also name ${name}`,
        },
          el("span", { class: "name" }, e.name),
          el("span", { class: "count", title: "shared articles" }, String(e.articles)))))));
}

function formatDate(d) {
  const day = d.slice(0, 10);
  const date = new Date(day + "T00:00:00Z");
  if (isNaN(date)) return d;
  return date.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
}

// ---- article view ------------------------------------------------------------------

const CLOSERS = new Set(["”", "\"", "’", "'", "»", "›", "“"]);
const OPENERS = new Set(["“", "\"", "‘", "'", "«", "‹", "„"]);

async function renderArticle(id) {
  const seq = ++renderSeq;
  showView("article");
  const box = $("article");
  const side = $("article-side");
  box.replaceChildren(el("p", { class: "status" }, "Loading…"));
  side.replaceChildren();
  const back = sessionStorage.getItem("newsdex-last-search");
  $("back").href = back || "#/search";
  let a;
  try {
    a = await api("/api/articles/" + encodeURIComponent(id));
  } catch (e) {
    if (seq === renderSeq) box.replaceChildren(el("p", { class: "error" }, e.message));
    return;
  }
  if (seq !== renderSeq) return;
  document.title = `${a.title} · newsdex`;
  const meta = [a.date && formatDate(a.date), a.source, a.author].filter(Boolean);
  setChildren(box,
    el("h1", { tabindex: "-1" }, a.title || "(untitled)"),
    el("p", { class: "meta" }, meta.join(" · ") || "undated", el("span", { class: "path" }, a.path)),
    a.url ? el("p", { class: "meta" }, "Original: ", /^https?:\/\//i.test(a.url)
      ? el("a", { class: "url", href: a.url, rel: "noopener noreferrer" }, a.url)
      : el("span", { class: "url" }, a.url)) : null,
    legend(a),
    el("div", { class: "body", id: "article-body" }, articleBody(a)),
    quoteList(a)
  );
  setChildren(side, el("h2", {}, "In this article"), namesIn(a));
  box.querySelector("h1").focus({ preventScroll: true });
  // The first person named (the article's main one) and who else is in their stories.
  if (a.persons.length) {
    const main = a.persons[0];
    const often = await oftenWith(main, new URLSearchParams([["person", main]]), "article-often-with");
    if (seq === renderSeq) side.append(often);
  }
}

function legend(a) {
  if (!a.entities.length && !a.quotes.length) return null;
  return el("p", { class: "legend" },
    el("mark", { class: "ent person" }, "person"), " ",
    el("mark", { class: "ent org" }, "organisation"), " ",
    el("mark", { class: "ent place" }, "place"), " ",
    el("span", { class: "quote" }, "quotation"), " ",
    el("span", { class: "quote reported" }, "reported speech"));
}

// The body with quotations (and the speaker after each) and entity mentions marked.
function articleBody(a) {
  const s = byteSlicer(a.body);
  const quotes = [];
  for (const q of a.quotes) {
    if (quotes.length && q.start < quotes[quotes.length - 1].end) continue;
    // Take the quotation marks around the quoted words into the marked span.
    let { start, end } = q;
    if (q.kind === "indirect") { quotes.push(q); continue; }
    const next = [...s.slice(end, Math.min(s.length, end + 4))][0];
    if (next && CLOSERS.has(next)) end += encoder.encode(next).length;
    const before = [...s.slice(Math.max(0, start - 4), start)].pop();
    const floor = quotes.length ? quotes[quotes.length - 1].end : 0;
    if (before && OPENERS.has(before) && start - encoder.encode(before).length >= floor) {
      start -= encoder.encode(before).length;
    }
    quotes.push({ ...q, start, end });
  }
  const out = [];
  let at = 0;
  for (const q of quotes) {
    if (q.start > at) out.push(...mentions(a, s, at, q.start));
    const reported = q.kind === "indirect";
    const said = reported ? "Reported speech" : "Quotation";
    out.push(el("span", { class: reported ? "quote reported" : "quote", title: q.speaker ? `${said} by ${q.speaker}` : `Unattributed ${said.toLowerCase()}` },
      ...mentions(a, s, q.start, q.end)));
    out.push(q.speaker
      ? el("a", { class: "speaker", href: quotesHref(q.speaker) + (reported ? "&kind=all" : ""), title: `Quotes by ${q.speaker}` }, q.speaker)
      : el("span", { class: "speaker unknown" }, "unattributed"));
    at = q.end;
  }
  if (at < s.length) out.push(...mentions(a, s, at, s.length));
  return out;
}

// Text between byte offsets from..to with the entity mentions inside it marked.
function mentions(a, s, from, to) {
  const out = [];
  let at = from;
  for (const m of a.entities) {
    if (m.start < at || m.end > to) continue;
    if (m.start > at) out.push(s.slice(at, m.start));
    out.push(el("a", {
      class: "ent " + m.kind,
      href: searchHref([[m.kind, m.canonical]]),
      title: `${m.canonical} (${m.kind}): articles mentioning them`,
    }, s.slice(m.start, m.end)));
    at = m.end;
  }
  if (at < to) out.push(s.slice(at, to));
  return out;
}

function quoteList(a) {
  const sections = [["direct", "Quotations"], ["indirect", "Reported speech"]].map(([kind, heading]) => {
    const list = a.quotes.filter((q) => (q.kind || "direct") === kind);
    if (!list.length) return null;
    return el("section", { class: "article-quotes" + (kind === "indirect" ? " reported" : "") },
      el("h2", {}, `${heading} (${list.length})`),
      el("ul", { class: "quotes" }, list.map((q) =>
        el("li", {},
          kind === "direct" ? el("blockquote", {}, quoted(q.text)) : el("p", { class: "said" }, q.text),
          el("p", { class: "who" }, "— ", q.speaker || "unattributed",
            q.role ? el("span", { class: "role" }, `, ${q.role}`) : null,
            q.cue ? el("span", { class: "muted" }, ` (${q.cue})`) : null,
            q.speaker ? [" · ", el("a", { href: quotesHref(q.speaker) }, "quotes by this person")] : null)))));
  }).filter(Boolean);
  return sections.length ? sections : null;
}

function namesIn(a) {
  const out = [];
  for (const [list, kind, heading] of [[a.persons, "person", "People"], [a.orgs, "org", "Organisations"], [a.places, "place", "Places"]]) {
    if (!list.length) continue;
    out.push(el("h3", {}, heading), el("ul", { class: "facet" }, list.map((name) =>
      el("li", {}, el("a", { class: "facet-link", href: searchHref([[kind, name]]) }, el("span", { class: "name" }, name))))));
  }
  if (!out.length) out.push(el("p", { class: "muted" }, "No names found."));
  return out;
}

// ---- quotes view -------------------------------------------------------------------

async function renderQuotes(params) {
  const seq = ++renderSeq;
  showView("quotes");
  document.title = "Quotes · newsdex";
  fillForm($("quotes-form"), params);
  const status = $("quotes-status");
  const list = $("quotes");
  const limit = Math.min(100, Math.max(1, parseInt(params.get("limit") || "20", 10) || 20));
  const query = new URLSearchParams(params);
  query.set("limit", limit);
  status.textContent = "Searching…";
  let data;
  try {
    data = await api("/api/quotes?" + query);
  } catch (e) {
    if (seq !== renderSeq) return;
    status.replaceChildren(el("span", { class: "error" }, e.message));
    list.replaceChildren();
    return;
  }
  if (seq !== renderSeq) return;
  const who = params.get("by");
  // `total` counts every copy; the list shows each quotation once. A full page may have more.
  const full = data.quotes.length >= limit;
  const distinct = data.quotes.length < data.total && !full ? ` · ${data.quotes.length} distinct` : "";
  status.replaceChildren(
    el("strong", {}, `${data.total} quotation${data.total === 1 ? "" : "s"}`),
    who ? ` by ${who}` : "",
    full && data.quotes.length < data.total ? ` · showing ${data.quotes.length}` : distinct,
    data.total > 0 ? " · " : "",
    data.total > 0 ? downloadLink(params, "quotes") : ""
  );
  list.replaceChildren(...data.quotes.map(quoteHit));
  if (full && data.quotes.length < data.total && limit < 100) {
    const more = new URLSearchParams(params);
    more.set("limit", Math.min(100, limit + 20));
    list.append(el("li", { class: "more" }, el("a", { href: "#/quotes?" + more }, "Show more")));
  }
}

// One quotation of the quotes view: its words (query words marked) in the words around
// them, reported speech marked apart, the speaker with role, and every article with it.
function quoteHit(q) {
  const words = marked(q.text.replace(/[,\s]+$/, ""), q.highlights || [], (t) => el("mark", {}, t));
  const reported = q.kind === "indirect";
  const ctx = q.context || { before: "", after: "" };
  const body = reported
    ? el("p", { class: "reported" }, el("span", { class: "badge" }, "reported"), " ", ctx.before, el("span", { class: "said" }, words), ctx.after)
    : el("blockquote", {}, "“", words, "”");
  const context = !reported && (ctx.before.length > 1 || ctx.after.length > 1)
    ? el("p", { class: "context" }, ctx.before, "…", ctx.after)
    : null;
  const sources = q.sources || [];
  const others = sources.length > 1
    ? el("details", { class: "sources" },
        el("summary", {}, `In ${q.source_count} articles` + (q.first_seen ? `, first on ${formatDate(q.first_seen)}` : "")),
        el("ul", {}, sources.map((s) => el("li", {},
          el("a", { href: articleHref(s.article_id) }, s.title || s.path),
          s.date ? ` · ${formatDate(s.date)}` : "",
          s.speaker && s.speaker !== q.speaker ? ` · names ${s.speaker}` : "",
          s.text && s.text !== q.text ? el("span", { class: "variant" }, ` · “${s.text.replace(/[,\s]+$/, "")}”`) : ""))))
    : null;
  const li = el("li", { class: reported ? "quote-hit reported-hit" : "quote-hit" });
  setChildren(li, body, context,
    el("p", { class: "who" }, "— ",
      q.speaker ? el("a", { href: quotesHref(q.speaker) }, q.speaker) : "unattributed",
      q.role ? el("span", { class: "role" }, `, ${q.role}`) : null,
      ", in ", el("a", { href: articleHref(q.article_id) }, q.title || q.path),
      q.date ? ` · ${formatDate(q.date)}` : ""),
    others);
  return li;
}

// The other spellings merged into an entity, for its tooltip ("also: Blair (13)").
function aliasNote(e) {
  const others = (e.aliases || []).filter((a) => a.name !== e.name);
  return others.length ? ` (also: ${others.map((a) => `${a.name} (${a.articles})`).join(", ")})` : "";
}

// ---- wiring ------------------------------------------------------------------------

function route() {
  const { route, params } = hashParams();
  if (route.startsWith("/article/")) {
    let id;
    try {
      id = decodeURIComponent(route.slice("/article/".length));
    } catch (e) {
      id = route.slice("/article/".length);
    }
    return renderArticle(id);
  }
  if (route === "/quotes") return renderQuotes(params);
  if (route === "/batch") return renderBatch();
  if (route === "/saved") return renderSaved();
  document.title = params.get("q") ? `${params.get("q")} · newsdex` : "newsdex";
  sessionStorage.setItem("newsdex-last-search", location.hash || "#/search");
  return renderSearch(params);
}

$("search-form").addEventListener("submit", (ev) => {
  ev.preventDefault();
  const current = hashParams().params;
  // Filters added from the panel or chips (repeats) stay unless their box was edited.
  const pairs = formParams(ev.target);
  for (const key of FILTERS) {
    const values = current.getAll(key);
    if (values.length > 1 && !pairs.some(([k]) => k === key)) values.forEach((v) => pairs.push([key, v]));
  }
  const href = searchHref(pairs);
  if (location.hash === href) route();
  else location.hash = href;
});

$("quotes-form").addEventListener("submit", (ev) => {
  ev.preventDefault();
  const p = new URLSearchParams(formParams(ev.target)).toString();
  const href = "#/quotes" + (p ? "?" + p : "");
  if (location.hash === href) route();
  else location.hash = href;
});

wireBatch();
window.addEventListener("hashchange", route);

api("/healthz").then(
  (h) => { $("docs").textContent = `${h.documents.toLocaleString("en-GB")} articles`; },
  () => {}
);
route();
