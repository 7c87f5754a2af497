// lamina site: search, copy buttons and the impact view. No dependencies, nothing fetched: the data
// comes from the scripts loaded before this one (assets/search-<lang>.js, assets/graph-data.js).
(function () {
  'use strict';
  var langRoot = document.body.getAttribute('data-lang-root') || '';

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs) if (Object.prototype.hasOwnProperty.call(attrs, k)) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (m, k) {
      return Object.prototype.hasOwnProperty.call(values, k) ? String(values[k]) : m;
    });
  }

  // --- search: names, summaries, served crates, tools and tags -------------------------------
  function setUpSearch() {
    var form = document.querySelector('[data-search]');
    var input = document.getElementById('search-input');
    var out = document.getElementById('search-results');
    var index = window.laminaSearch || [];
    if (!form || !input || !out) return;

    function score(entry, terms) {
      var total = 0;
      for (var i = 0; i < terms.length; i++) {
        var t = terms[i];
        var name = entry.n.toLowerCase();
        if (name === t) total += 100;
        else if (name.indexOf(t) === 0) total += 50;
        else if (name.indexOf(t) >= 0) total += 30;
        else if (entry.k.toLowerCase().indexOf(t) >= 0) total += 20;
        else if (entry.s.toLowerCase().indexOf(t) >= 0) total += 10;
        else return 0;
      }
      return total;
    }

    function render() {
      var q = input.value.trim().toLowerCase();
      out.textContent = '';
      if (q === '') return;
      var terms = q.split(/\s+/);
      var hits = [];
      for (var i = 0; i < index.length; i++) {
        var s = score(index[i], terms);
        if (s > 0) hits.push({ entry: index[i], score: s });
      }
      hits.sort(function (a, b) {
        return b.score - a.score || (a.entry.n < b.entry.n ? -1 : 1);
      });
      if (hits.length === 0) {
        out.appendChild(el('p', {}, out.getAttribute('data-none')));
        return;
      }
      out.appendChild(el('p', { class: 'visually-hidden' }, hits.length + ' ' + out.getAttribute('data-results')));
      var ul = el('ul', {});
      hits.slice(0, 20).forEach(function (h) {
        var li = el('li', {});
        var a = el('a', { href: langRoot + 'layers/' + h.entry.n + '.html' });
        a.appendChild(el('strong', {}, h.entry.n));
        a.appendChild(document.createTextNode(' (' + h.entry.c + ')'));
        a.appendChild(el('span', { class: 'summary' }, h.entry.s));
        li.appendChild(a);
        ul.appendChild(li);
      });
      out.appendChild(ul);
    }

    function links() {
      return Array.prototype.slice.call(out.querySelectorAll('a'));
    }

    input.addEventListener('input', render);
    form.addEventListener('submit', function (e) {
      var first = links()[0];
      if (first) {
        e.preventDefault();
        window.location.href = first.getAttribute('href');
      }
    });
    form.addEventListener('keydown', function (e) {
      var items = links();
      var at = items.indexOf(document.activeElement);
      if (e.key === 'ArrowDown' && items.length) {
        e.preventDefault();
        items[Math.min(at + 1, items.length - 1)].focus();
      } else if (e.key === 'ArrowUp' && at >= 0) {
        e.preventDefault();
        if (at === 0) input.focus();
        else items[at - 1].focus();
      } else if (e.key === 'Escape') {
        input.value = '';
        out.textContent = '';
        input.focus();
      }
    });
    document.addEventListener('click', function (e) {
      if (!form.contains(e.target)) out.textContent = '';
    });
  }

  // --- copy buttons ---------------------------------------------------------------------------
  function setUpCopy() {
    Array.prototype.forEach.call(document.querySelectorAll('button[data-copy]'), function (button) {
      button.addEventListener('click', function () {
        var pre = document.getElementById(button.getAttribute('data-copy'));
        var status = button.parentNode.querySelector('.copied');
        if (!pre) return;
        var text = pre.textContent;
        function done(ok) {
          if (status) status.textContent = status.getAttribute(ok ? 'data-copied' : 'data-failed');
        }
        function fallback() {
          var range = document.createRange();
          range.selectNodeContents(pre);
          var sel = window.getSelection();
          sel.removeAllRanges();
          sel.addRange(range);
          var ok = false;
          try {
            ok = document.execCommand('copy');
          } catch (e) {
            ok = false;
          }
          done(ok);
        }
        if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(text).then(function () { done(true); }, fallback);
        else fallback();
      });
    });
  }

  // --- impact: what rebuilds when the picked layers change ------------------------------------
  function setUpImpact() {
    var root = document.querySelector('[data-impact]');
    var graph = window.laminaGraph;
    if (!root || !graph) return;
    var words = JSON.parse(root.getAttribute('data-words'));
    var out = document.getElementById('impact-output');
    var filter = document.getElementById('impact-filter');
    var boxes = Array.prototype.slice.call(root.querySelectorAll('input[name="layer"]'));
    var names = graph.layers.map(function (l) { return l[0]; });
    var indexOf = {};
    names.forEach(function (n, i) { indexOf[n] = i; });
    var children = names.map(function () { return []; });
    var into = names.map(function () { return []; });
    graph.edges.forEach(function (e) {
      children[e[0]].push(e[1]);
      into[e[1]].push(e);
    });

    function compute(picked) {
      var affected = {};
      var queue = picked.slice();
      picked.forEach(function (i) { affected[i] = true; });
      while (queue.length) {
        var n = queue.shift();
        children[n].forEach(function (c) {
          if (!affected[c]) {
            affected[c] = true;
            queue.push(c);
          }
        });
      }
      // A layer's wave: one after its latest affected parent (as `lamina impact` orders them).
      var wave = {};
      function waveOf(i) {
        if (wave[i] !== undefined) return wave[i];
        wave[i] = 0;
        var w = 0;
        into[i].forEach(function (e) {
          if (affected[e[0]] && e[0] !== i) w = Math.max(w, waveOf(e[0]) + 1);
        });
        wave[i] = w;
        return w;
      }
      var waves = [];
      Object.keys(affected).forEach(function (k) {
        var i = Number(k);
        var w = waveOf(i);
        (waves[w] = waves[w] || []).push(i);
      });
      waves.forEach(function (w) {
        w.sort(function (a, b) { return names[a] < names[b] ? -1 : 1; });
      });
      return { affected: affected, waves: waves };
    }

    function reasons(i, picked, affected) {
      var out = [];
      if (picked.indexOf(i) >= 0) out.push(words.named);
      var byParent = {};
      var order = [];
      into[i].forEach(function (e) {
        if (!affected[e[0]]) return;
        if (!byParent[e[0]]) {
          byParent[e[0]] = [];
          order.push(e[0]);
        }
        byParent[e[0]].push(words.roles[graph.roles[e[2]]]);
      });
      order.sort(function (a, b) { return names[a] < names[b] ? -1 : 1; });
      order.forEach(function (p) {
        out.push(fill(words.parent, { parent: names[p], roles: byParent[p].join(', ') }));
      });
      return out;
    }

    function render() {
      var picked = boxes.filter(function (b) { return b.checked; }).map(function (b) { return indexOf[b.value]; });
      out.textContent = '';
      if (picked.length === 0) {
        out.appendChild(el('p', {}, words.none));
        return;
      }
      var r = compute(picked);
      var count = Object.keys(r.affected).length;
      out.appendChild(el('p', { class: 'impact-summary' }, fill(words.summary, { layers: count, waves: r.waves.length })));
      var ol = el('ol', { class: 'impact-waves', start: '0' });
      r.waves.forEach(function (w, n) {
        var li = el('li', { 'data-wave': String(n) });
        li.appendChild(el('strong', {}, fill(words.wave, { wave: n })));
        var ul = el('ul', {});
        w.forEach(function (i) {
          var item = el('li', { 'data-layer': names[i] });
          item.appendChild(el('a', { href: 'layers/' + names[i] + '.html' }, names[i]));
          item.appendChild(el('span', { class: 'reasons' }, ' — ' + reasons(i, picked, r.affected).join('; ')));
          ul.appendChild(item);
        });
        li.appendChild(ul);
        ol.appendChild(li);
      });
      out.appendChild(ol);
      var chosen = picked.map(function (i) { return names[i]; }).sort();
      if (history.replaceState) history.replaceState(null, '', '#' + chosen.join(','));
    }

    boxes.forEach(function (b) { b.addEventListener('change', render); });
    root.querySelector('[data-impact-clear]').addEventListener('click', function () {
      boxes.forEach(function (b) { b.checked = false; });
      if (history.replaceState) history.replaceState(null, '', '#');
      render();
    });
    filter.addEventListener('input', function () {
      var q = filter.value.trim().toLowerCase();
      boxes.forEach(function (b) {
        b.closest('li').hidden = q !== '' && b.value.indexOf(q) < 0;
      });
    });
    // `impact.html#rust,openssl` picks those layers (the layer pages link here so).
    var wanted = decodeURIComponent(window.location.hash.slice(1)).split(',');
    boxes.forEach(function (b) { if (wanted.indexOf(b.value) >= 0) b.checked = true; });
    render();
  }

  setUpSearch();
  setUpCopy();
  setUpImpact();
})();
