// Search for offline copies, which are opened from file://, where browsers
// block fetch() and so Pagefind. The index comes as a script
// (search-index.js, window.SADEWA_SEARCH_INDEX); this engine offers the part
// of Pagefind's API that search.js uses: options(), filters(), search().
(function () {
  "use strict";
  const script = document.querySelector("script[data-search-index]");
  const records = window.SADEWA_SEARCH_INDEX || [];
  // Record paths are relative to the index file.
  const base = script ? script.src : document.baseURI;
  const absolute = (path) => (path ? new URL(path, base).href : undefined);
  // The same folding as the index's text (plugins/search/script_index.py).
  const fold = (text) => text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();

  // Every query word must occur; words in the name count most.
  function score(record, words) {
    const title = fold(record.title);
    let total = 0;
    for (const word of words) {
      if (title.includes(word)) total += 10;
      else if (record.text.includes(word)) total += 1;
      else return 0;
    }
    return total;
  }

  // Within a filter any chosen value matches; across filters all must.
  function passes(record, chosen, except) {
    return Object.entries(chosen).every(([name, values]) =>
      name === except || (record.filters[name] || []).some((value) => values.includes(value)));
  }

  // For every filter value: how many results it gives, the other filters kept.
  function counts(matching, chosen) {
    const result = {};
    for (const record of records) {  // every value is listed, with 0 when nothing matches
      for (const [name, values] of Object.entries(record.filters)) {
        result[name] ||= {};
        for (const value of values) result[name][value] = 0;
      }
    }
    for (const record of matching) {
      for (const [name, values] of Object.entries(record.filters)) {
        if (passes(record, chosen, name)) for (const value of values) result[name][value] += 1;
      }
    }
    return result;
  }

  function result(record) {
    const meta = { title: record.title, sme: record.sme, region: record.region, price: record.price, image: absolute(record.image) };
    return { id: record.url, data: async () => ({ url: absolute(record.url), meta }) };
  }

  window.SadewaOfflineSearch = {
    options: async () => {},
    filters: async () => counts(records, {}),
    search: async (query, options = {}) => {
      const words = fold(query || "").split(/\s+/).filter(Boolean);
      const chosen = {};
      for (const [name, filter] of Object.entries(options.filters || {})) chosen[name] = filter.any;
      const matching = [];
      records.forEach((record, order) => {
        const points = words.length ? score(record, words) : 1;
        if (points) matching.push({ record, order, points });
      });
      const hits = matching
        .filter((hit) => passes(hit.record, chosen, null))
        .sort((a, b) => b.points - a.points || a.order - b.order);
      return { results: hits.map((hit) => result(hit.record)), filters: counts(matching.map((hit) => hit.record), chosen) };
    },
  };
})();
