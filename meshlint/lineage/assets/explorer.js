// meshlint explorer: reads the page's JSON data and draws only what is on screen: a virtual list of the
// models, the neighbourhood of the selected model, and its columns' lineage. No library, no network.
(function () {
  'use strict';
  var D = JSON.parse(document.getElementById('mesh-data').textContent);
  var N = D.nodes, P = D.projects, R = D.reasons;
  var ROW = 26, CAP = 30;
  var PALETTE = ['#2563eb', '#059669', '#d97706', '#7c3aed', '#db2777', '#0891b2', '#65a30d', '#dc2626', '#4f46e5', '#0d9488'];

  // ---- indexes -------------------------------------------------------------------------------------------
  var ups = N.map(function () { return []; }), downs = N.map(function () { return []; });
  D.edges.forEach(function (e) { ups[e[1]].push(e); if (e[0] >= 0) downs[e[0]].push(e); });
  var byProject = P.map(function () { return []; });
  N.forEach(function (n, i) { byProject[n.p].push(i); });
  byProject.forEach(function (list) { list.sort(function (a, b) { return label(a) < label(b) ? -1 : 1; }); });
  var colDown = null; // "node|column" -> [[child node, child column index, how]], built on first use

  function colName(node, ref) { return typeof ref === 'number' ? N[node].cols[ref][0] : ref; }
  function colKey(node, name) { return node + '|' + String(name).toLowerCase(); }
  function downstreamIndex() {
    if (colDown) return colDown;
    colDown = {};
    D.lin.forEach(function (entries, child) {
      entries.forEach(function (e) {
        if (e[1] < 0) return;
        var key = colKey(e[1], colName(e[1], e[2]));
        (colDown[key] = colDown[key] || []).push([child, e[0], e[3]]);
      });
    });
    return colDown;
  }
  function upstreamOf(node, column) { // column: index in node's cols
    return D.lin[node].filter(function (e) { return e[0] === column; });
  }
  function downstreamOf(node, name) { return downstreamIndex()[colKey(node, name)] || []; }

  // ---- small DOM helpers (text is always set as text, never as HTML) ------------------------------------
  function h(tag, attrs, children) {
    var el = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) {
      if (k === 'text') el.textContent = attrs[k];
      else if (k === 'cls') el.className = attrs[k];
      else if (k.slice(0, 2) === 'on') el.addEventListener(k.slice(2), attrs[k]);
      else if (attrs[k] !== null && attrs[k] !== undefined) el.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) el.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
    return el;
  }
  function label(i) { var n = N[i]; return P[n.p] + '.' + n.n + (n.v !== null ? ' v' + n.v : ''); }
  function short(i) { var n = N[i]; return n.n + (n.v !== null ? ' v' + n.v : ''); }
  function color(i) { return PALETTE[N[i].p % PALETTE.length]; }
  function counts(i) {
    var c = {error: 0, warning: 0, info: 0};
    N[i].fi.forEach(function (f) { c[f[1]] = (c[f[1]] || 0) + 1; });
    return c;
  }
  function badges(i) {
    var n = N[i], out = [];
    if (n.k !== 'model') out.push(h('span', {cls: 'badge', text: n.k}));
    if (n.a) out.push(h('span', {cls: 'badge ' + n.a, text: n.a}));
    if (n.c) out.push(h('span', {cls: 'badge contract', text: 'contract'}));
    if (n.v !== null) out.push(h('span', {cls: 'badge version', text: 'v' + n.v + (n.lv === n.v ? ' latest' : n.lv ? ' of ' + n.lv : '')}));
    if (n.d) out.push(h('span', {cls: 'badge deprecated', title: 'deprecation date ' + n.d, text: (n.dp ? 'deprecated ' : 'deprecation ') + n.d}));
    if (n.x) out.push(h('span', {cls: 'badge', text: 'published'}));
    var c = counts(i);
    ['error', 'warning', 'info'].forEach(function (s) {
      if (c[s]) out.push(h('span', {cls: 'badge ' + s, text: c[s] + ' ' + s + (c[s] > 1 ? 's' : '')}));
    });
    if (!n.cc && n.k !== 'source') out.push(h('span', {cls: 'badge open', title: n.o.join('; '), text: 'columns open'}));
    return h('div', {cls: 'badges'}, out);
  }

  // ---- state -----------------------------------------------------------------------------------------------
  var state = {node: -1, column: null, up: 1, down: 1, query: '', open: P.map(function () { return N.length <= 500; })};
  var rows = [];

  // ---- the virtual list -------------------------------------------------------------------------------------
  var list = document.getElementById('list'), spacer = document.getElementById('list-spacer'), rowsEl = document.getElementById('list-rows');
  var searchKeys = N.map(function (n, i) { return (n.n + ' ' + label(i) + ' ' + n.i).toLowerCase(); });

  function buildRows() {
    rows = [];
    var q = state.query.trim().toLowerCase();
    if (q) {
      var hits = [];
      for (var i = 0; i < N.length; i++) {
        var at = searchKeys[i].indexOf(q);
        if (at < 0) continue;
        var name = N[i].n.toLowerCase();
        hits.push([name === q ? 0 : name.indexOf(q) === 0 ? 1 : at === 0 ? 2 : 3, label(i), i]);
      }
      hits.sort(function (a, b) { return a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0); });
      hits.forEach(function (hit) { rows.push({node: hit[2], flat: true}); });
    } else {
      P.forEach(function (name, p) {
        rows.push({project: p});
        if (state.open[p]) byProject[p].forEach(function (i) { rows.push({node: i}); });
      });
    }
    spacer.style.height = rows.length * ROW + 'px';
    drawRows();
  }

  function drawRows() {
    var first = Math.max(0, Math.floor(list.scrollTop / ROW) - 5);
    var last = Math.min(rows.length, first + Math.ceil(list.clientHeight / ROW) + 10);
    rowsEl.style.transform = 'translateY(' + first * ROW + 'px)';
    rowsEl.textContent = '';
    for (var r = first; r < last; r++) rowsEl.appendChild(rowElement(rows[r]));
  }

  function rowElement(row) {
    if (row.project !== undefined) {
      var p = row.project;
      return h('div', {cls: 'row project', onclick: function () { state.open[p] = !state.open[p]; buildRows(); }}, [
        h('span', {cls: 'caret', text: state.open[p] ? '▾' : '▸'}),
        h('span', {cls: 'dot', style: 'background:' + PALETTE[p % PALETTE.length]}),
        h('span', {cls: 'name', text: P[p]}),
        h('span', {cls: 'count', text: byProject[p].length + ''}),
      ]);
    }
    var i = row.node, n = N[i];
    var el = h('div', {cls: 'row model' + (i === state.node ? ' selected' : ''), 'data-node': n.i, title: n.i,
      onclick: function () { select(i, null); }}, [
      row.flat ? h('span', {cls: 'dot', style: 'background:' + color(i)}) : null,
      h('span', {cls: 'name', text: row.flat ? label(i) : short(i)}),
      n.k !== 'model' ? h('span', {cls: 'kind', text: n.k}) : null,
    ]);
    if (row.flat) el.style.paddingLeft = '10px';
    return el;
  }

  list.addEventListener('scroll', function () { window.requestAnimationFrame(drawRows); });
  window.addEventListener('resize', function () { drawRows(); drawEdges(); });
  var timer = null;
  document.getElementById('search').addEventListener('input', function (ev) {
    clearTimeout(timer);
    timer = setTimeout(function () { state.query = ev.target.value; list.scrollTop = 0; buildRows(); }, 60);
  });
  document.getElementById('search').addEventListener('keydown', function (ev) {
    if (ev.key === 'Enter' && rows.length && rows[0].node !== undefined) select(rows[0].node, null);
  });

  // ---- the neighbourhood view ------------------------------------------------------------------------------
  var graphEl = document.getElementById('graph');
  var drawn = []; // [parent element, child element, edge]

  function levels(start) {
    var level = {}; level[start] = 0;
    var columns = {0: [start]}, more = {};
    [[-1, state.up, ups, 0], [1, state.down, downs, 1]].forEach(function (side) {
      var sign = side[0], depth = side[1], index = side[2], far = side[3], frontier = [start];
      for (var d = 1; d <= depth && frontier.length; d++) {
        var next = [];
        frontier.forEach(function (i) {
          index[i].forEach(function (e) {
            var j = e[far];
            if (j < 0 || level[j] !== undefined) return;
            level[j] = sign * d; next.push(j);
          });
        });
        next.sort(function (a, b) { return label(a) < label(b) ? -1 : 1; });
        if (next.length) columns[sign * d] = next;
        frontier = next;
      }
      more[sign] = frontier.some(function (i) {
        return index[i].some(function (e) { return e[far] >= 0 && level[e[far]] === undefined; });
      });
    });
    return {level: level, columns: columns, more: more};
  }

  function card(i, current) {
    var n = N[i];
    return h('div', {cls: 'card' + (current ? ' current' : ''), 'data-node': n.i, style: 'border-left-color:' + color(i),
      title: n.i, onclick: function () { select(i, null); }}, [
      h('div', {cls: 'proj', text: P[n.p] + (n.k !== 'model' ? ' · ' + n.k : '')}),
      h('div', {cls: 'title', text: short(i)}),
      badges(i),
    ]);
  }

  function drawGraph() {
    graphEl.textContent = '';
    drawn = [];
    if (state.node < 0) { graphEl.appendChild(overview()); return; }
    var found = levels(state.node), cards = {}, row = h('div', {cls: 'levels'});
    var keys = Object.keys(found.columns).map(Number).sort(function (a, b) { return a - b; });
    var unknownCards = [];
    keys.forEach(function (k) {
      var members = found.columns[k], col = h('div', {cls: 'level'});
      col.appendChild(h('h3', {text: k === 0 ? 'selected' : k < 0 ? (k === -1 ? 'parents' : -k + ' up') : (k === 1 ? 'children' : k + ' down')}));
      if (k === keys[0] && found.more[-1]) {
        col.appendChild(h('button', {cls: 'expand', text: '+ upstream', title: 'show one more level upstream',
          onclick: function () { state.up += 1; drawGraph(); }}));
      }
      var limit = CAP;
      members.slice(0, limit).forEach(function (i) { cards[i] = card(i, i === state.node); col.appendChild(cards[i]); });
      if (members.length > limit) {
        col.appendChild(h('button', {cls: 'more', text: '+ ' + (members.length - limit) + ' more',
          onclick: function () { CAP += 100; drawGraph(); }}));
      }
      if (k === -1 || (k === 0 && keys[0] === 0)) {
        ups[state.node].forEach(function (e) {
          if (e[0] >= 0) return;
          var u = h('div', {cls: 'card unknown', title: e[4] >= 0 ? R[e[4]] : '', text: '? ' + (e[4] >= 0 ? R[e[4]] : 'unknown')});
          unknownCards.push([u, e]);
          if (k === -1) col.insertBefore(u, col.children[1] || null);
        });
      }
      if (k === keys[keys.length - 1] && k >= 0 && found.more[1]) {
        col.appendChild(h('button', {cls: 'expand', text: '+ downstream', title: 'show one more level downstream',
          onclick: function () { state.down += 1; drawGraph(); }}));
      }
      row.appendChild(col);
    });
    if (keys[0] === 0 && unknownCards.length) {
      var col = h('div', {cls: 'level'}, [h('h3', {text: 'parents'})]);
      unknownCards.forEach(function (u) { col.appendChild(u[0]); });
      row.insertBefore(col, row.firstChild);
    }
    graphEl.appendChild(row);
    Object.keys(cards).forEach(function (key) {
      var i = Number(key);
      ups[i].forEach(function (e) {
        if (e[0] >= 0 && cards[e[0]] && found.level[e[0]] < found.level[i]) drawn.push([cards[e[0]], cards[i], e]);
      });
    });
    unknownCards.forEach(function (u) { drawn.push([u[0], cards[state.node], u[1]]); });
    highlightColumn();
    drawEdges();
  }

  function drawEdges() {
    var old = graphEl.querySelector('svg.edges');
    if (old) old.remove();
    if (!drawn.length) return;
    var ns = 'http://www.w3.org/2000/svg', svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('class', 'edges');
    var box = graphEl.getBoundingClientRect(), sx = graphEl.scrollLeft - box.left, sy = graphEl.scrollTop - box.top;
    svg.setAttribute('width', graphEl.scrollWidth); svg.setAttribute('height', graphEl.scrollHeight);
    var marker = document.createElementNS(ns, 'marker'), tip = document.createElementNS(ns, 'path');
    marker.setAttribute('id', 'arrow'); marker.setAttribute('viewBox', '0 0 8 8'); marker.setAttribute('refX', '8');
    marker.setAttribute('refY', '4'); marker.setAttribute('markerWidth', '8'); marker.setAttribute('markerHeight', '8');
    marker.setAttribute('markerUnits', 'userSpaceOnUse');
    marker.setAttribute('orient', 'auto');
    tip.setAttribute('d', 'M0,0 L8,4 L0,8 z'); marker.appendChild(tip);
    var defs = document.createElementNS(ns, 'defs'); defs.appendChild(marker); svg.appendChild(defs);
    drawn.forEach(function (d) {
      var a = d[0].getBoundingClientRect(), b = d[1].getBoundingClientRect(), e = d[2];
      var x1 = a.right + sx, y1 = a.top + a.height / 2 + sy, x2 = b.left + sx, y2 = b.top + b.height / 2 + sy, mid = (x1 + x2) / 2;
      var path = document.createElementNS(ns, 'path');
      path.setAttribute('d', 'M' + x1 + ',' + y1 + ' C' + mid + ',' + y1 + ' ' + mid + ',' + y2 + ' ' + x2 + ',' + y2);
      var cross = e[0] >= 0 && N[e[0]].p !== N[e[1]].p;
      path.setAttribute('class', (cross ? 'cross' : '') + (e[0] < 0 ? ' unknown' : ''));
      path.setAttribute('marker-end', 'url(#arrow)');
      svg.appendChild(path);
      var note = e[3] !== null ? 'v=' + e[3] : (e[0] >= 0 && N[e[0]].v !== null ? 'latest' : '');
      if (note) {
        var t = document.createElementNS(ns, 'text');
        t.setAttribute('x', x1 + 4); t.setAttribute('y', y1 - 4); t.textContent = note;
        svg.appendChild(t);
      }
    });
    graphEl.appendChild(svg);
  }
  graphEl.addEventListener('scroll', function () { window.requestAnimationFrame(drawEdges); });

  function overview() {
    var stats = P.map(function () { return {models: 0, pub: 0, contract: 0, versioned: 0, deprecated: 0, error: 0, warning: 0}; });
    N.forEach(function (n, i) {
      var s = stats[n.p], c = counts(i);
      if (n.k === 'model') s.models++;
      if (n.a === 'public') s.pub++;
      if (n.c) s.contract++;
      if (n.v !== null) s.versioned++;
      if (n.dp) s.deprecated++;
      s.error += c.error; s.warning += c.warning;
    });
    var cross = {};
    D.edges.forEach(function (e) {
      if (e[0] < 0 || N[e[0]].p === N[e[1]].p) return;
      var key = P[N[e[1]].p] + ' → ' + P[N[e[0]].p];
      var c = cross[key] = cross[key] || {refs: 0, pinned: 0, latest: 0, examples: []};
      c.refs++;
      if (e[3] !== null) c.pinned++; else if (N[e[0]].v !== null) c.latest++;
      if (c.examples.length < 3) c.examples.push(short(e[1]) + ' → ' + short(e[0]) + (e[3] !== null ? ' (v=' + e[3] + ')' : ''));
    });
    var head = function (cells) { return h('tr', null, cells.map(function (c) { return h('th', {text: c}); })); };
    var tr = function (cells) { return h('tr', null, cells.map(function (c) { return h('td', {text: String(c)}); })); };
    return h('div', {cls: 'overview'}, [
      h('h2', {text: 'Projects'}),
      h('table', null, [head(['project', 'models', 'public', 'contracted', 'versions', 'deprecated', 'errors', 'warnings'])].concat(
        P.map(function (p, k) { var s = stats[k]; return tr([p, s.models, s.pub, s.contract, s.versioned, s.deprecated, s.error, s.warning]); }))),
      h('h2', {text: 'Cross-project refs'}),
      h('table', null, [head(['consumer → producer', 'refs', 'pinned', 'unpinned (latest)', 'for example'])].concat(
        Object.keys(cross).sort().map(function (k) { var c = cross[k]; return tr([k, c.refs, c.pinned, c.latest, c.examples.join('; ')]); }))),
      h('p', {cls: 'hint', text: 'Search or pick a model on the left to see its lineage and its columns\u2019 upstream and downstream columns.'}),
    ]);
  }

  // ---- the detail panel --------------------------------------------------------------------------------------
  var detail = document.getElementById('detail');

  function columnLink(node, name, how, from) {
    var cross = N[node].p !== N[from].p;
    return h('a', {cls: 'col-link' + (cross ? ' cross' : ''), 'data-node': N[node].i, 'data-column': name,
      title: N[node].i + '.' + name, onclick: function () { select(node, name); }}, [
      label(node) + '.' + name + ' ', h('span', {cls: 'how', text: how})]);
  }

  function drawDetail() {
    detail.textContent = '';
    if (state.node < 0) {
      detail.appendChild(h('p', {cls: 'hint', text: N.length + ' nodes in ' + P.length + ' projects. Generated by meshlint ' + D.meshlint_version + ' (deprecations as of ' + D.today + ').'}));
      return;
    }
    var i = state.node, n = N[i];
    detail.appendChild(h('h2', {text: label(i)}));
    detail.appendChild(h('div', {cls: 'id', text: n.i}));
    detail.appendChild(badges(i));
    var facts = [['kind', n.k], ['project', P[n.p]], ['access', n.a], ['group', n.g], ['contract', n.k === 'source' ? null : n.c ? 'enforced' : 'not enforced'],
      ['materialized', n.m], ['version', n.v !== null ? n.v + (n.lv ? ' (latest: ' + n.lv + ')' : '') : null],
      ['deprecation', n.d ? n.d + (n.dp ? ' (passed)' : '') : null], ['file', n.f], ['metadata', n.x ? 'published by its project (not in this checkout)' : null]];
    var dl = h('dl');
    facts.forEach(function (f) { if (f[1] !== null && f[1] !== undefined) { dl.appendChild(h('dt', {text: f[0]})); dl.appendChild(h('dd', {text: String(f[1])})); } });
    detail.appendChild(dl);
    if (n.fi.length) {
      detail.appendChild(h('h4', {text: 'Findings'}));
      detail.appendChild(h('ul', {cls: 'findings'}, n.fi.map(function (f) {
        return h('li', null, [h('span', {cls: 'badge ' + f[1], text: f[1]}), ' ', h('code', {text: f[0]}), ' ' + f[2] + ' (line ' + f[3] + ')']);
      })));
    }
    var consumers = downs[i].filter(function (e) { return N[e[1]].p !== n.p; });
    if (consumers.length) {
      detail.appendChild(h('h4', {text: 'Consumers in other projects'}));
      detail.appendChild(h('ul', {cls: 'chain'}, consumers.map(function (e) {
        return h('li', null, [h('a', {cls: 'col-link cross', onclick: function () { select(e[1], null); }, text: label(e[1])}),
          h('span', {cls: 'how', text: e[3] !== null ? ' pins v' + e[3] : n.v !== null ? ' unpinned: follows the latest version' : ''})]);
      })));
    }
    detail.appendChild(h('h4', {text: 'Columns' + (n.cc ? '' : ' (not all known)')}));
    if (n.o.length) detail.appendChild(h('p', {cls: 'hint', text: 'Open because ' + n.o.join('; ')}));
    var table = h('table', {cls: 'columns', id: 'columns'}, [h('tr', null, [h('th', {text: 'column'}), h('th', {text: 'upstream'}), h('th', {text: 'downstream'})])]);
    n.cols.forEach(function (c, k) {
      var upCell = h('td', {cls: 'upstream'}), downCell = h('td', {cls: 'downstream'});
      upstreamOf(i, k).forEach(function (e) {
        if (e[1] < 0) upCell.appendChild(h('span', {cls: 'unknown-origin', text: '? unknown', title: e[4] >= 0 ? R[e[4]] : ''}, [h('span', {cls: 'how', text: e[4] >= 0 ? R[e[4]] : ''})]));
        else upCell.appendChild(columnLink(e[1], colName(e[1], e[2]), e[3] === 0 ? 'direct' : 'derived', i));
      });
      downstreamOf(i, c[0]).forEach(function (e) { downCell.appendChild(columnLink(e[0], N[e[0]].cols[e[1]][0], e[2] === 0 ? 'direct' : 'derived', i)); });
      if (!upCell.childNodes.length) upCell.appendChild(h('span', {cls: 'none', text: n.k === 'source' ? 'source' : n.x ? 'not published' : '—'}));
      if (!downCell.childNodes.length) downCell.appendChild(h('span', {cls: 'none', text: '—'}));
      var selected = state.column !== null && state.column.toLowerCase() === c[0].toLowerCase();
      table.appendChild(h('tr', {cls: selected ? 'selected' : '', 'data-column': c[0]}, [
        h('td', null, [h('div', {cls: 'colname', text: c[0], onclick: function () { select(i, c[0]); }}), h('div', {cls: 'type', text: c[1] || 'type unknown'})]),
        upCell, downCell]));
    });
    if (!n.cols.length) table.appendChild(h('tr', null, [h('td', {cls: 'none', colspan: '3', text: 'no column is known'})]));
    detail.appendChild(table);
    if (state.column !== null) detail.appendChild(columnChain(i, state.column));
  }

  // The whole upstream and downstream of one column, by hops.
  function columnChain(i, name) {
    var box = h('div', {id: 'column-lineage'}, [h('h4', {text: 'Lineage of ' + name})]);
    [['upstream', -1], ['downstream', 1]].forEach(function (side) {
      var seen = {}, frontier = [[i, name]], out = [], hops = 0;
      seen[colKey(i, name)] = true;
      while (frontier.length && hops < 50 && out.length < 500) {
        hops++;
        var next = [];
        frontier.forEach(function (f) {
          var found = [];
          if (side[1] < 0) {
            var k = N[f[0]].cols.findIndex(function (c) { return c[0].toLowerCase() === String(f[1]).toLowerCase(); });
            if (k >= 0) upstreamOf(f[0], k).forEach(function (e) { found.push(e[1] < 0 ? [-1, e[4] >= 0 ? R[e[4]] : 'unknown', 2] : [e[1], colName(e[1], e[2]), e[3]]); });
          } else {
            downstreamOf(f[0], f[1]).forEach(function (e) { found.push([e[0], N[e[0]].cols[e[1]][0], e[2]]); });
          }
          found.forEach(function (g) {
            if (g[0] < 0) { out.push(h('li', {cls: 'unknown-origin'}, [h('span', {cls: 'hops', text: '−' + hops}), ' ? ' + g[1]])); return; }
            var key = colKey(g[0], g[1]);
            if (seen[key]) return;
            seen[key] = true; next.push([g[0], g[1]]);
            out.push(h('li', null, [h('span', {cls: 'hops', text: (side[1] < 0 ? '−' : '+') + hops}), ' ', columnLink(g[0], g[1], g[2] === 0 ? 'direct' : 'derived', i)]));
          });
        });
        frontier = next;
      }
      box.appendChild(h('div', {cls: 'hint', text: side[0] + (out.length ? '' : ': none')}));
      box.appendChild(h('ul', {cls: 'chain ' + side[0]}, out));
    });
    return box;
  }

  function highlightColumn() {
    if (state.column === null) return;
    var related = {};
    upstreamOf(state.node, N[state.node].cols.findIndex(function (c) { return c[0].toLowerCase() === state.column.toLowerCase(); }))
      .forEach(function (e) { if (e[1] >= 0) related[N[e[1]].i] = true; });
    downstreamOf(state.node, state.column).forEach(function (e) { related[N[e[0]].i] = true; });
    graphEl.querySelectorAll('.card').forEach(function (el) { if (related[el.getAttribute('data-node')]) el.classList.add('hit'); });
  }

  // ---- navigation --------------------------------------------------------------------------------------------
  function select(i, column) {
    if (i !== state.node) { state.up = 1; state.down = 1; }
    state.node = i; state.column = column;
    var hash = i >= 0 ? '#node=' + encodeURIComponent(N[i].i) + (column ? '&column=' + encodeURIComponent(column) : '') : '';
    if (window.location.hash !== hash) history.replaceState(null, '', hash || window.location.pathname);
    drawRows(); drawGraph(); drawDetail();
    if (column) {
      var row = detail.querySelector('tr.selected');
      if (row) row.scrollIntoView({block: 'nearest'});
    }
  }
  function fromHash() {
    var params = {};
    window.location.hash.slice(1).split('&').forEach(function (part) {
      var kv = part.split('='); if (kv.length === 2) params[kv[0]] = decodeURIComponent(kv[1]);
    });
    var i = params.node ? N.findIndex(function (n) { return n.i === params.node; }) : -1;
    return [i, i >= 0 && params.column ? params.column : null];
  }

  var totals = {models: 0, sources: 0, cross: 0};
  N.forEach(function (n) { if (n.k === 'source') totals.sources++; else totals.models++; });
  D.edges.forEach(function (e) { if (e[0] >= 0 && N[e[0]].p !== N[e[1]].p) totals.cross++; });
  document.getElementById('totals').textContent = P.length + ' projects · ' + totals.models + ' models, seeds and snapshots · ' +
    totals.sources + ' sources · ' + totals.cross + ' cross-project refs';
  buildRows();
  var start = fromHash();
  select(start[0], start[1]);
  window.meshlintReady = true;
  document.body.setAttribute('data-ready', '1');
  document.body.setAttribute('data-ready-ms', String(Math.round(performance.now()))); // since navigation began
})();
