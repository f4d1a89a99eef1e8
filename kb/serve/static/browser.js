// The graph browser: search an entity, see its neighbourhood, click a node to expand it and an
// edge to read its evidence. Data comes from the JSON API (/api); article text is untrusted, so
// it is only ever put into the page with textContent, never as HTML.
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("config").textContent);
  var colours = {};
  config.legend.forEach(function (t) { colours[t.type] = t.colour; });
  var panel = document.getElementById("panel");
  var statusLine = document.getElementById("status");
  var input = document.getElementById("search");
  var list = document.getElementById("suggestions");
  var expanded = {};
  var suggestions = [];
  var active = -1;

  // ------------------------------------------------------------ small DOM helpers
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else if (k === "className") node.className = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) {
      if (c === null || c === undefined) return;
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function typeBadge(type) {
    var b = el("span", { className: "type", text: type.replace("_", " ") });
    b.style.background = colours[type] || "#7f7f7f";
    return b;
  }
  function link(href, text) {
    // only http(s) links built by the server (PubMed, DOI) or this app's own paths
    if (!/^(https?:\/\/|\/)/.test(href)) return el("span", { text: text });
    var a = el("a", { href: href, text: text });
    if (/^https?:/.test(href)) { a.target = "_blank"; a.rel = "noopener noreferrer"; }
    return a;
  }
  function getJSON(url) {
    return fetch(url, { headers: { Accept: "application/json" } }).then(function (r) {
      return r.json().then(function (body) {
        if (!r.ok) throw new Error(body.error || r.statusText);
        return body;
      });
    });
  }
  function say(text) { statusLine.textContent = text; }

  // ------------------------------------------------------------ the graph
  var cy = cytoscape({
    container: document.getElementById("graph"),
    minZoom: 0.2,
    maxZoom: 3,
    style: [
      { selector: "node", style: {
          "background-color": "data(colour)", "label": "data(label)", "font-size": 11, "color": "#1d2330",
          "text-valign": "bottom", "text-margin-y": 4, "text-wrap": "ellipsis", "text-max-width": 140,
          "width": 26, "height": 26, "border-width": 1, "border-color": "#ffffff" } },
      { selector: "node.center", style: { "width": 38, "height": 38, "border-width": 3, "border-color": "#232b3a",
          "font-weight": "bold" } },
      { selector: "node[type = 'paper']", style: { "shape": "round-rectangle", "width": 22, "height": 16,
          "font-size": 9, "text-max-width": 120 } },
      { selector: "node[type = 'outcome']", style: { "shape": "diamond", "font-size": 9 } },
      { selector: "node[type = 'concept']", style: { "width": 18, "height": 18 } },
      { selector: "node:selected", style: { "border-width": 4, "border-color": "#f2b705" } },
      { selector: "edge", style: {
          "width": "mapData(papers, 1, 10, 2, 12)", "line-color": "#8a93a6", "target-arrow-color": "#8a93a6",
          "target-arrow-shape": "triangle", "curve-style": "bezier", "label": "data(label)", "font-size": 10,
          "text-rotation": "autorotate", "text-background-color": "#ffffff", "text-background-opacity": 0.85,
          "text-background-padding": 2, "color": "#333" } },
      { selector: "edge.hypothesis", style: { "line-style": "dashed" } },
      { selector: "edge.negated", style: { "line-color": "#d62728", "target-arrow-color": "#d62728",
          "target-arrow-shape": "tee", "color": "#d62728" } },
      { selector: "edge.context", style: { "width": 1, "line-style": "dotted", "line-color": "#c3c8d2",
          "target-arrow-shape": "none", "label": "" } },
      { selector: "edge:selected", style: { "line-color": "#f2b705", "target-arrow-color": "#f2b705",
          "overlay-opacity": 0.12, "overlay-color": "#f2b705" } }
    ]
  });

  function nodeData(n) {
    var d = Object.assign({}, n);
    d.colour = colours[n.type] || "#7f7f7f";
    return d;
  }
  function edgeData(e) {
    var d = Object.assign({}, e);
    d.papers = e.papers || 1;
    d.label = e.kind === "mentions" || e.kind === "reports" ? "" :
      e.relation + (e.negated ? " \u2715" + (e.negated > 1 ? e.negated : "") : "");
    return d;
  }
  function edgeClasses(e) {
    if (e.kind === "mentions" || e.kind === "reports") return "context";
    var c = [];
    if (!e.stated && e.hypothesis) c.push("hypothesis");
    if (e.negated) c.push("negated");
    return c.join(" ");
  }

  function addElements(data) {
    var added = cy.collection();
    data.nodes.forEach(function (n) {
      if (cy.getElementById(n.id).empty()) added = added.union(cy.add({ group: "nodes", data: nodeData(n) }));
    });
    data.edges.forEach(function (e) {
      if (cy.getElementById(e.id).empty() && !cy.getElementById(e.source).empty() &&
          !cy.getElementById(e.target).empty()) {
        added = added.union(cy.add({ group: "edges", data: edgeData(e), classes: edgeClasses(e) }));
      }
    });
    return added;
  }

  function layout(fresh) {
    var l = cy.layout({ name: "fcose", quality: "default", randomize: fresh, animate: !fresh, animationDuration: 400,
                        nodeRepulsion: 9000, idealEdgeLength: 110, fit: true, padding: 40 });
    document.body.setAttribute("data-layout", "running");
    l.one("layoutstop", function () { document.body.setAttribute("data-layout", "done"); });
    l.run();
  }

  function expand(node, fresh) {
    say("loading…");
    return getJSON("/api/neighbourhood.json?node=" + encodeURIComponent(node)).then(function (data) {
      if (fresh) { cy.elements().remove(); expanded = {}; }
      cy.nodes().removeClass("center");
      addElements(data);
      var center = cy.getElementById(data.center.iri || data.center.id);
      center.addClass("center");
      expanded[center.id()] = true;
      layout(fresh);
      say(cy.nodes().length + " nodes, " + cy.edges().length + " edges" + (data.truncated ? " (some left out)" : "") +
          ". Click a node to expand it, an edge for its evidence.");
      return data;
    }).catch(function (err) { say(err.message); throw err; });
  }

  function select(iri, label) {
    hideSuggestions();
    input.value = label || input.value;
    var url = new URL(window.location.href);
    url.searchParams.set("entity", iri);
    window.history.replaceState(null, "", url.pathname + url.search);
    return expand(iri, true).then(function (data) { showNode(data.center); return data; });
  }

  cy.on("tap", "node", function (evt) {
    var d = evt.target.data();
    showNode(d);
    if (!expanded[d.id] && d.type !== "outcome") {
      expanded[d.id] = true;
      expand(d.id, false);
    }
  });
  cy.on("tap", "edge", function (evt) { showEdge(evt.target.data()); });

  // ------------------------------------------------------------ the side panel
  function showNode(d) {
    clear(panel);
    panel.setAttribute("data-kind", "node");
    if (d.type === "paper") return showPaper(d);
    if (d.type === "outcome") {
      panel.appendChild(el("h2", {}, [typeBadge("outcome"), " ", d.label]));
      if (d.sentence) panel.appendChild(el("div", { className: "evidence" }, [el("blockquote", { text: d.sentence })]));
      return;
    }
    panel.appendChild(el("h2", {}, [typeBadge(d.type), " ", el("span", { className: "entity-label", text: d.label })]));
    var facts = el("ul", { className: "facts" });
    if (d.ids && d.ids.length) facts.appendChild(el("li", {}, ["Identifiers: ", d.ids.join(", ")]));
    if (d.synonyms && d.synonyms.length) facts.appendChild(el("li", {}, ["Also called: ", d.synonyms.join("; ")]));
    facts.appendChild(el("li", { text: "Mentioned in " + d.papers + " paper" + (d.papers === 1 ? "" : "s") }));
    panel.appendChild(facts);
    var node = cy.getElementById(d.id || d.iri);
    var claims = node.connectedEdges().filter(function (e) { return !e.hasClass("context"); });
    panel.appendChild(el("h3", { text: "Claims (" + claims.length + ")" }));
    var ul = el("ul", { className: "claim-list" });
    claims.forEach(function (e) {
      var ed = e.data();
      var a = el("a", { text: e.source().data("label") + " " + ed.relation + " " + e.target().data("label") });
      a.addEventListener("click", function () { e.select(); showEdge(ed); });
      ul.appendChild(el("li", {}, [a, " ", el("span", { className: "count", text: "(" + ed.papers + " paper" +
        (ed.papers === 1 ? "" : "s") + ")" })]));
    });
    panel.appendChild(ul);
    var papers = node.connectedEdges(".context").connectedNodes("[type = 'paper']");
    if (papers.length) {
      panel.appendChild(el("h3", { text: "Papers" }));
      var pl = el("ul", { className: "claim-list" });
      papers.forEach(function (p) { pl.appendChild(el("li", {}, [link("/paper/" + encodeURIComponent(p.data("paper")),
        p.data("title") || p.data("paper"))])); });
      panel.appendChild(pl);
    }
  }

  function showPaper(d) {
    panel.appendChild(el("h2", {}, [typeBadge("paper"), " ", d.title || d.paper]));
    var meta = el("p", { className: "meta" });
    if (d.journal) meta.appendChild(el("span", { className: "journal", text: d.journal }));
    if (d.year) meta.appendChild(el("span", { text: String(d.year) }));
    panel.appendChild(meta);
    panel.appendChild(paperLinks(d));
    panel.appendChild(el("p", {}, [link("/paper/" + encodeURIComponent(d.paper), "Everything extracted from this paper")]));
  }

  function paperLinks(d) {
    var p = el("p", { className: "paper" });
    if (d.links && d.links.pubmed) p.appendChild(link(d.links.pubmed, "PubMed"));
    if (d.links && d.links.doi) p.appendChild(link(d.links.doi, "DOI"));
    return p;
  }

  function highlighted(sentence, spans) {
    var q = el("blockquote", { className: "sentence" });
    var at = 0;
    (spans || []).forEach(function (s) {
      if (s[0] > at) q.appendChild(document.createTextNode(sentence.slice(at, s[0])));
      q.appendChild(el("mark", { text: sentence.slice(s[0], s[1]) }));
      at = s[1];
    });
    if (at < sentence.length) q.appendChild(document.createTextNode(sentence.slice(at)));
    return q;
  }

  function showEdge(d) {
    clear(panel);
    panel.setAttribute("data-kind", "edge");
    if (d.kind === "mentions" || d.kind === "reports") {
      var paperNode = cy.getElementById(d.source);
      return showNode(paperNode.data());
    }
    panel.appendChild(el("h2", { className: "claim-title" }, [d.source_label + " ", el("em", { text: d.relation }),
      " " + d.target_label]));
    panel.appendChild(el("p", { className: "counts" }, [
      el("span", { text: d.papers + " paper" + (d.papers === 1 ? "" : "s") }),
      el("span", { className: "certainty stated", text: d.stated + " stated" }),
      el("span", { className: "certainty hypothesis", text: d.hypothesis + " hypothesis" }),
      el("span", { className: "certainty negated", text: d.negated + " negated" })]));
    var box = el("div", { className: "evidence-list", text: "loading evidence…" });
    panel.appendChild(box);
    getJSON("/api/evidence.json?claim=" + encodeURIComponent(d.id)).then(function (data) {
      clear(box);
      box.setAttribute("data-loaded", "true");
      if (data.total > data.evidence.length) {
        box.appendChild(el("p", { className: "hint", text: "The " + data.evidence.length + " newest of " + data.total +
          " sentences." }));
      }
      data.evidence.forEach(function (ev) {
        var item = el("div", { className: "evidence " + (ev.certainty || "") });
        item.appendChild(highlighted(ev.sentence, ev.spans));
        var about = el("div", { className: "about" });
        about.appendChild(el("span", { className: "certainty " + (ev.certainty || ""), text: ev.certainty || "" }));
        if (ev.confidence !== null) about.appendChild(document.createTextNode(" · confidence " + ev.confidence));
        if (ev.section) about.appendChild(document.createTextNode(" · " + ev.section));
        item.appendChild(about);
        var paper = el("div", { className: "paper" });
        paper.appendChild(link("/paper/" + encodeURIComponent(ev.paper), ev.title || ev.paper));
        var where = [ev.journal, ev.year].filter(function (x) { return x; }).join(", ");
        if (where) paper.appendChild(document.createTextNode(" — " + where + " "));
        if (ev.links.pubmed) paper.appendChild(link(ev.links.pubmed, "PubMed"));
        if (ev.links.doi) paper.appendChild(link(ev.links.doi, "DOI"));
        item.appendChild(paper);
        box.appendChild(item);
      });
    }).catch(function (err) { box.textContent = err.message; });
  }

  // ------------------------------------------------------------ search with suggestions
  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    var text = input.value.trim();
    if (!text) { hideSuggestions(); return; }
    timer = setTimeout(function () {
      getJSON("/api/search.json?limit=12&q=" + encodeURIComponent(text)).then(function (data) {
        if (input.value.trim() === text) showSuggestions(data.results);
      }).catch(function (err) { say(err.message); });
    }, 120);
  });
  input.addEventListener("keydown", function (evt) {
    if (list.hidden || !suggestions.length) return;
    if (evt.key === "ArrowDown") { active = Math.min(active + 1, suggestions.length - 1); mark(); evt.preventDefault(); }
    else if (evt.key === "ArrowUp") { active = Math.max(active - 1, 0); mark(); evt.preventDefault(); }
    else if (evt.key === "Escape") { hideSuggestions(); }
  });
  document.getElementById("search-form").addEventListener("submit", function (evt) {
    evt.preventDefault();
    var pick = suggestions[active >= 0 ? active : 0];
    if (pick) { select(pick.iri, pick.label); return; }
    var text = input.value.trim();
    if (text) select(text, text).catch(function () {});
  });

  function showSuggestions(results) {
    suggestions = results;
    active = -1;
    clear(list);
    if (!results.length) {
      list.appendChild(el("li", { className: "empty", text: "no entity matches" }));
    }
    results.forEach(function (r, i) {
      var li = el("li", { role: "option", "data-iri": r.iri }, [typeBadge(r.type), el("span", { className: "label", text: r.label })]);
      if (r.matched && r.matched !== r.label) li.appendChild(el("span", { className: "matched", text: r.matched_by + ": " + r.matched }));
      li.appendChild(el("span", { className: "count", text: r.papers + " paper" + (r.papers === 1 ? "" : "s") + ", " +
        r.claims + " claim" + (r.claims === 1 ? "" : "s") }));
      li.addEventListener("mousedown", function (evt) { evt.preventDefault(); select(r.iri, r.label); });
      list.appendChild(li);
    });
    list.hidden = false;
  }
  function mark() {
    Array.prototype.forEach.call(list.children, function (li, i) { li.setAttribute("aria-selected", i === active ? "true" : "false"); });
  }
  function hideSuggestions() { list.hidden = true; suggestions = []; active = -1; }
  input.addEventListener("blur", function () { setTimeout(hideSuggestions, 150); });

  window.kbBrowser = { cy: cy, select: select, expand: expand, showEdge: showEdge };
  if (config.entity) select(config.entity, "").catch(function () {});
})();
