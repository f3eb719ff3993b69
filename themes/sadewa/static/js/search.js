// Search page: query Pagefind's static index (or, offline, the script index of
// offline-search.js), filter, show product cards.
// The query and filters live in the URL (?q=…&category=…) so a search can be
// shared and the back button works. Strings come translated from the page.
const form = document.getElementById("search-form");
const box = document.getElementById("search-results");
const panel = document.getElementById("search-filters");
const text = JSON.parse(document.getElementById("search-strings").textContent);
const FILTERS = panel ? panel.dataset.filters.split(" ") : [];
const PAGE = 24;
let pagefind;
let shown = 0;
let results = [];
let latest = 0; // a newer search makes an older one's results obsolete

const el = (tag, attrs = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
};
const fill = (template, values) => template.replace(/%\((\w+)\)s/g, (_, key) => values[key]);

function stateFromUrl() {
  const params = new URLSearchParams(location.search);
  const filters = {};
  for (const name of FILTERS) {
    const values = params.getAll(name);
    if (values.length) filters[name] = values;
  }
  return { q: params.get("q") || "", filters };
}

function urlFromState(state) {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  for (const [name, values] of Object.entries(state.filters)) values.forEach((v) => params.append(name, v));
  const query = params.toString();
  return location.pathname + (query ? "?" + query : "");
}

function currentState() {
  const filters = {};
  for (const input of panel ? panel.querySelectorAll("input:checked") : []) {
    (filters[input.name] ||= []).push(input.value);
  }
  return { q: form.q.value.trim(), filters };
}

function renderFilters(counts, state) {
  if (!panel) return;
  for (const name of FILTERS) {
    const list = panel.querySelector(`[data-filter="${name}"]`);
    if (!list) continue;
    const values = counts[name] || {};
    const chosen = new Set(state.filters[name] || []);
    list.replaceChildren();
    for (const value of Object.keys(values).sort((a, b) => a.localeCompare(b))) {
      if (!values[value] && !chosen.has(value)) continue;
      const id = `f-${name}-${value}`.replace(/\W+/g, "-");
      const input = el("input", { type: "checkbox", id, name, value });
      input.checked = chosen.has(value);
      const label = list.dataset.yes ? list.dataset.yes : value;
      list.append(el("li", {}, input, el("label", { for: id }, label, " ", el("span", { class: "tile-count" }, `(${values[value]})`))));
    }
    list.closest("fieldset").hidden = !list.children.length;
  }
}

function card(data) {
  const meta = data.meta || {};
  const photo = meta.image
    ? el("img", { src: meta.image, alt: "", width: "320", height: "240", loading: "lazy", decoding: "async" })
    : el("div", { class: "placeholder", "aria-hidden": "true" }, el("span", {}, (meta.title || "?").slice(0, 2).toUpperCase()));
  const body = el("div", { class: "card-body" },
    el("h3", { class: "card-title" }, meta.title || data.url),
    el("p", { class: "card-maker" }, [meta.sme, meta.region].filter(Boolean).join(" · ")),
    meta.price ? el("p", { class: "card-price" }, el("span", { class: "price" }, meta.price)) : null);
  return el("li", { class: "card" }, el("a", { class: "card-link", href: meta.page || data.url }, el("div", { class: "card-photo" }, photo), body));
}

async function showMore(list, more) {
  const slice = results.slice(shown, shown + PAGE);
  shown += slice.length;
  const items = await Promise.all(slice.map((r) => r.data()));
  list.append(...items.map(card));
  more.hidden = shown >= results.length;
}

async function run(state) {
  const ticket = ++latest;
  form.q.value = state.q;
  const filters = {};
  for (const [name, values] of Object.entries(state.filters)) filters[name] = { any: values };
  if (!state.q && !Object.keys(filters).length) {
    box.replaceChildren();
    renderFilters(await pagefind.filters(), state);
    return;
  }
  box.replaceChildren(el("p", { class: "count" }, text.loading));
  // An empty filters option makes Pagefind leave out the filter counts.
  const search = await pagefind.search(state.q || null, Object.keys(filters).length ? { filters } : {});
  if (ticket !== latest) return;
  results = search.results;
  shown = 0;
  renderFilters(search.filters, state);
  const list = el("ul", { class: "grid" });
  const more = el("button", { type: "button", class: "button" }, text.more);
  more.addEventListener("click", () => showMore(list, more));
  const summary = results.length
    ? fill(results.length === 1 ? text.one : text.many, { n: results.length.toLocaleString(document.documentElement.lang) })
    : fill(text.none, { q: state.q });
  await showMore(list, more); // the first results, before anything is shown
  if (ticket !== latest) return;
  box.replaceChildren(el("p", { class: "count", role: "status" }, summary), list, more);
}

async function start() {
  try {
    // Offline copies bring their own engine with Pagefind's API (offline-search.js):
    // browsers block fetch() on file://. Online, import() resolves against this
    // module; the path to pagefind.js is relative to the page.
    pagefind = window.SadewaOfflineSearch || await import(new URL(form.dataset.bundle, document.baseURI).href);
    await pagefind.options({ baseUrl: "/" });
    await pagefind.filters(); // loads the filter index, so searches report counts
  } catch (error) {
    box.replaceChildren(el("p", { class: "notice" }, text.unavailable));
    return;
  }
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const state = currentState();
    history.pushState(null, "", urlFromState(state));
    run(state);
  });
  panel?.addEventListener("change", () => {
    const state = currentState();
    history.replaceState(null, "", urlFromState(state));
    run(state);
  });
  window.addEventListener("popstate", () => run(stateFromUrl()));
  run(stateFromUrl());
}

start();
