// The SPARQL page: YASGUI on this server's /sparql, one tab per named query.
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("config").textContent);
  var endpoint = new URL("/sparql", window.location.href).href;
  var yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; }, keys: [] },
    persistenceId: null,
    autoAddOnInit: false,
    populateFromUrl: false
  });
  config.queries.forEach(function (q, i) {
    yasgui.addTab(i === 0, { name: q.name, yasqe: { value: q.sparql },
                             requestConfig: { endpoint: endpoint, method: "POST" } });
  });
  window.kbYasgui = yasgui;
})();
