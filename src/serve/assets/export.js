// newsdex downloads: a link to /api/export for what a view shows — every match, not only
// the page on screen — which the browser saves as a CSV file. Loaded before app.js: it
// only defines downloadLink(), and app.js calls it (it also defines el).
"use strict";

// The view's search, without its paging and order, as an export of `what` (articles or
// quotes).
function downloadLink(params, what) {
  const p = new URLSearchParams();
  for (const [k, v] of params) {
    if (v === "" || ["offset", "limit", "sort", "collapse"].includes(k)) continue;
    p.append(k, v);
  }
  p.set("what", what);
  p.set("format", "csv");
  const label = what === "quotes" ? "Download quotations (CSV)" : "Download CSV";
  return el("a", { class: "download", href: "/api/export?" + p, download: "" }, label);
}
