// The query page's editor: YASGUI over the plain form, once YASGUI's own script has loaded.
// Where it has not (no network, --editor off), this does nothing and the form stays: it runs
// its query through the page as before. Served as /editor/editor.js by `kamervragen serve`.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var form = document.getElementById("query-form");
  if (typeof Yasgui === "undefined" || !form) {
    return;
  }
  var examples = JSON.parse(document.getElementById("examples").textContent);
  var holder = document.createElement("div");
  holder.id = "yasgui";
  form.parentNode.insertBefore(holder, form);
  form.hidden = true;
  var yasgui = new Yasgui(holder, {
    requestConfig: { endpoint: "/sparql", method: "POST" },
    // Prefixes complete from the endpoint's own (`PREFIX sch` → schema:), not from prefix.cc.
    yasqe: { prefixCcApi: "/editor/prefixes.json" },
    copyEndpointOnNewTab: false,
    persistenceId: null,
  });
  yasgui.getTab().setQuery(form.elements.query.value);
  examples.forEach(function (example) {
    var tab = Yasgui.Tab.getDefaults();
    tab.name = example.name;
    tab.yasqe = { value: example.query };
    yasgui.addTab(false, tab);
  });
});
