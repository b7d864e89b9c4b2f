'use strict';
// Lays out the data embedded by pywasm-compat (DashboardModel). Everything from the data is set as
// text, never as HTML: observations and runtime output may contain anything.
(function () {
  const D = JSON.parse(document.getElementById('pywasm-data').textContent);
  const VERDICTS = ['HOLDS', 'STALE', 'CRASH', 'TIMEOUT', 'ERROR', 'FLAKY', 'SKIPPED'];
  const SHORT = { SKIPPED: 'skip' };

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'class') e.className = v;
      else if (k === 'text') e.textContent = v;
      else if (k.startsWith('on')) e.addEventListener(k.substring(2), v);
      else e.setAttribute(k, v === true ? '' : v);
    }
    for (const c of children.flat(Infinity)) {
      if (c === null || c === undefined || c === false) continue;
      e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return e;
  }
  function when(iso) {
    return iso ? iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z').replace('Z', ' UTC') : '';
  }
  function verdict(v) {
    return el('span', { class: 'verdict v-' + v, text: v });
  }
  function cellHash(c) {
    return '#cell-' + [c.claim, c.host, c.runtime].map(encodeURIComponent).join('~');
  }
  function claimLink(id) {
    return el('a', { href: '#claim-' + encodeURIComponent(id) }, el('code', { text: id }));
  }
  function cellsOf(row) {
    return D.columns.map(col => row.cells[col.key]).filter(Boolean);
  }
  function identity(rt) {
    const parts = [];
    if (rt.kind === 'pyodide' && rt.version) parts.push('Pyodide ' + rt.version);
    if (rt.python) parts.push('CPython ' + rt.python);
    if (rt.emscripten) parts.push('Emscripten ' + rt.emscripten);
    return parts.join(', ');
  }

  // ---- header: runs, runtimes, hosts
  function renderRunInfo() {
    const box = document.getElementById('runinfo');
    const t = el('table');
    for (const run of D.runs) {
      t.append(el('tr', {}, el('th', { text: 'run' }), el('td', {},
        when(run.startedAt), run.finishedAt ? ' → ' + when(run.finishedAt) : ' (not finished)',
        ' · ', run.tool || '', ' · ', run.results + ' results · ', run.source)));
    }
    for (const rt of D.runtimes) {
      t.append(el('tr', {}, el('th', { text: 'runtime' }), el('td', {}, el('b', { text: rt.id }), ' ', identity(rt),
        rt.platform ? ' · ' + rt.platform : '')));
    }
    for (const h of D.hosts) {
      t.append(el('tr', {}, el('th', { text: 'host' }), el('td', {}, el('b', { text: h.id }), ' ', h.version || '',
        (h.rejectedFlags || []).length ? ' · rejects ' + h.rejectedFlags.join(' ') : '',
        h.notes ? ' · ' + h.notes : '')));
    }
    if (D.runs.length && D.runs[0].claimsSource) {
      t.append(el('tr', {}, el('th', { text: 'claims' }), el('td', { text: D.runs[0].claimsSource })));
    }
    box.append(t);
  }

  // ---- matrix and filters
  const filters = { section: '', text: '', verdicts: new Set(VERDICTS), changed: false };

  function renderFilters() {
    const select = document.getElementById('f-section');
    for (const s of D.sections) select.append(el('option', { value: s, text: s }));
    select.addEventListener('change', () => { filters.section = select.value; applyFilters(); });
    const chips = document.getElementById('f-verdicts');
    for (const v of VERDICTS) {
      const n = (D.counts || {})[v] || 0;
      const box = el('input', { type: 'checkbox', class: 'f-verdict', value: v, checked: true });
      box.addEventListener('change', () => {
        if (box.checked) filters.verdicts.add(v); else filters.verdicts.delete(v);
        applyFilters();
      });
      chips.append(el('label', { class: 'chip v-' + v, title: n + ' cells' }, box, v + ' ' + n));
    }
    const text = document.getElementById('f-text');
    text.addEventListener('input', () => { filters.text = text.value.trim().toLowerCase(); applyFilters(); });
    const changed = document.getElementById('f-changed');
    changed.addEventListener('change', () => { filters.changed = changed.checked; applyFilters(); });
  }

  function renderMatrix() {
    const table = document.getElementById('matrix-table');
    const head = table.tHead;
    const top = el('tr', {}, el('th', { rowspan: 2, text: 'claim (' + D.claims.length + ')' }));
    const second = el('tr');
    const runtimes = [];
    for (const col of D.columns) {
      if (!runtimes.length || runtimes[runtimes.length - 1].id !== col.runtime) runtimes.push({ id: col.runtime, n: 0 });
      runtimes[runtimes.length - 1].n++;
      second.append(el('th', { text: col.label || col.host, title: col.label && col.label !== col.host
        ? 'the control: the machine\'s own CPython, no wasm; a limitation claim should be STALE here' : '' }));
    }
    for (const rt of runtimes) {
      const ident = D.runtimes.find(r => r.id === rt.id);
      top.append(el('th', { colspan: rt.n, title: ident ? identity(ident) : '' }, rt.id));
    }
    head.append(top, second);
    const body = table.tBodies[0];
    let section = null;
    for (const row of D.claims) {
      if (row.section !== section) {
        section = row.section;
        body.append(el('tr', { class: 'section-row', 'data-section': section || '' },
          el('td', { colspan: D.columns.length + 1, text: section || '(no section)' })));
      }
      const claimCell = el('td', { class: 'claim' },
        el('a', { class: 'id', href: '#claim-' + encodeURIComponent(row.id), text: row.id }),
        el('span', { class: 'status ' + row.statusClass, title: row.status.detail || '', text: row.symbol + ' ' + row.label }),
        el('span', { class: 'quote', title: row.quote || '', text: row.quote || '' }),
        (row.changedIn || []).map(n => el('span', { class: 'changed-in', text: n })));
      const tr = el('tr', { class: 'claim-row', id: 'row-' + row.id, 'data-claim': row.id, 'data-section': row.section || '' }, claimCell);
      for (const col of D.columns) {
        const c = row.cells[col.key];
        if (!c) {
          tr.append(el('td', { class: 'cell none', title: 'not run', text: '·' }));
          continue;
        }
        const h = c.history || {};
        const marks = [];
        if (h.regressed) marks.push(el('span', { class: 'mark regressed', title: 'was ' + h.previous + ' in the previous run', text: '▼' }));
        else if (h.changed) marks.push(el('span', { class: 'mark changed', title: 'was ' + h.previous + ' in the previous run', text: 'Δ' }));
        if (c.expected && c.expected !== c.verdict) marks.push(el('span', { class: 'mark unexpected', title: 'expected ' + c.expected, text: '!' }));
        const td = el('td', { class: 'cell' + (h.regressed ? ' regressed' : ''), 'data-verdict': c.verdict },
          el('a', { class: 'v-' + c.verdict, href: cellHash(c), title: col.host + ' / ' + col.runtime + ': ' + c.observation },
            SHORT[c.verdict] || c.verdict, marks));
        tr.append(td);
      }
      body.append(tr);
    }
  }

  function applyFilters() {
    const rows = document.querySelectorAll('#matrix-table tr.claim-row');
    const visibleSections = new Set();
    let shown = 0;
    for (const tr of rows) {
      const row = D.claims.find(r => r.id === tr.dataset.claim);
      const cells = cellsOf(row);
      const matchesText = !filters.text || row.id.toLowerCase().includes(filters.text)
        || (row.quote || '').toLowerCase().includes(filters.text);
      const show = (!filters.section || row.section === filters.section) && matchesText
        && cells.some(c => filters.verdicts.has(c.verdict))
        && (!filters.changed || cells.some(c => c.history && c.history.changed));
      tr.hidden = !show;
      for (const td of tr.querySelectorAll('td.cell[data-verdict]')) {
        td.classList.toggle('dim', !filters.verdicts.has(td.dataset.verdict));
      }
      if (show) { shown++; visibleSections.add(row.section || ''); }
    }
    for (const tr of document.querySelectorAll('#matrix-table tr.section-row')) {
      tr.hidden = !visibleSections.has(tr.dataset.section);
    }
    document.getElementById('f-count').textContent = shown + ' of ' + D.claims.length + ' claims';
  }

  // ---- evidence panel
  function pre(label, text) {
    return text ? [el('dt', { text: label }), el('dd', {}, el('pre', { text: text }))] : [];
  }
  function item(label, value) {
    return value === null || value === undefined || value === '' ? [] : [el('dt', { text: label }), el('dd', {}, value)];
  }
  function evidenceCard(c) {
    const h = c.history || {};
    const timeline = (h.timeline || []).map(p => el('span', { class: 'v-' + p.verdict,
      title: (p.at ? when(p.at) : 'this run') + ': ' + p.verdict + (p.observation ? ' - ' + p.observation : '') }));
    const hist = [];
    if (h.previous) hist.push('previous run (' + when(h.previousAt) + '): ', verdict(h.previous), ' ');
    else hist.push('first recorded run of this cell ');
    if (h.changedAt) hist.push('· last change ' + when(h.changedAt) + ' from ' + h.changedFrom + ' ');
    else if (h.previous) hist.push('· unchanged since ' + when(h.firstSeen) + ' ');
    const expected = c.expected ? [verdict(c.expected), c.expected !== c.verdict ? ' (differs!)' : ''] : null;
    return el('div', { class: 'card', id: 'ev-' + c.host + '~' + c.runtime },
      el('h4', {}, c.host + ' / ' + c.runtime + ' ', verdict(c.verdict), h.regressed ? el('span', { class: 'mark regressed', text: ' ▼ regressed' }) : null),
      el('dl', {},
        item('observation', el('code', { text: c.observation })),
        item('reason', c.reason),
        item('expected', expected),
        item('history', [hist, el('span', { class: 'timeline' }, timeline)]),
        item('command', c.command ? el('code', { text: c.command }) : null),
        item('exit code', c.exitCode),
        item('duration', c.durationMillis ? c.durationMillis + ' ms' : null),
        pre('stdout (tail)', c.stdoutTail),
        pre('stderr (tail)', c.stderrTail),
        item('attachments', (c.attachments || []).length
          ? (c.attachments || []).map(a => [el('a', { href: a.href, target: '_blank', text: a.name }), ' '])
          : null),
        item('raw', c.observed ? el('details', {}, el('summary', { text: 'observation JSON' }),
          el('pre', { text: JSON.stringify(c.observed, null, 2) })) : null)));
  }

  function openClaim(id, target) {
    const row = D.claims.find(r => r.id === id);
    if (!row) return false;
    const body = document.getElementById('ev-body');
    body.replaceChildren(
      el('h3', { text: row.id }),
      el('div', {}, el('span', { class: 'status ' + row.statusClass, text: row.symbol + ' ' + row.label }),
        row.status.detail ? ' ' + row.status.detail : ''),
      el('div', { class: 'muted', text: row.section || '' }),
      el('blockquote', { text: row.quote || '' }),
      (row.changedIn || []).length ? el('ul', { class: 'changed-in' }, row.changedIn.map(n => el('li', { text: n }))) : null,
      row.inReadme ? el('a', { href: '#q-' + encodeURIComponent(row.id), text: 'show in the annotated README' })
        : el('span', { class: 'problem', text: 'quote not found in the claims source' }),
      ...cellsOf(row).map(evidenceCard));
    const panel = document.getElementById('evidence');
    panel.hidden = false;
    for (const tr of document.querySelectorAll('tr.claim-row.open')) tr.classList.remove('open');
    const tr = document.getElementById('row-' + id);
    if (tr) tr.classList.add('open');
    const card = target && document.getElementById('ev-' + target);
    if (card) {
      card.classList.add('target');
      card.scrollIntoView({ block: 'start' });
    } else {
      panel.scrollTop = 0;
    }
    return true;
  }

  function closePanel() {
    document.getElementById('evidence').hidden = true;
    for (const tr of document.querySelectorAll('tr.claim-row.open')) tr.classList.remove('open');
    if (location.hash.startsWith('#claim-') || location.hash.startsWith('#cell-')) {
      history.pushState(null, '', location.pathname + location.search + '#matrix');
    }
  }

  function route() {
    const hash = location.hash;
    if (hash.startsWith('#claim-')) {
      openClaim(decodeURIComponent(hash.substring(7)), null);
    } else if (hash.startsWith('#cell-')) {
      const [claim, host, runtime] = hash.substring(6).split('~').map(decodeURIComponent);
      openClaim(claim, host + '~' + runtime);
    }
  }

  // ---- history
  function changeTable(changes, withObservation) {
    const t = el('table', { class: 'info-table' }, el('tr', {}, el('th', { text: 'claim' }), el('th', { text: 'cell' }),
      el('th', { text: 'when' }), el('th', { text: 'from' }), el('th', { text: 'to' }),
      withObservation ? el('th', { text: 'observation now' }) : null));
    for (const c of changes) {
      t.append(el('tr', {}, el('td', {}, claimLink(c.claim)),
        el('td', {}, el('a', { href: cellHash(c), text: c.host + ' / ' + c.runtime })),
        el('td', { text: when(c.at) }), el('td', {}, c.from ? verdict(c.from) : ''), el('td', {}, verdict(c.to)),
        withObservation ? el('td', {}, el('code', { text: c.observation || '' })) : null));
    }
    return t;
  }

  function renderHistory() {
    const box = document.getElementById('history-body');
    const h = D.history;
    if (!h.dir) {
      box.append(el('p', { class: 'muted', text: 'History is off for this report (no history store was read).' }));
      return;
    }
    if (h.error) box.append(el('p', { class: 'problem', text: 'The history could not be read: ' + h.error }));
    box.append(el('p', {}, h.records + ' recorded run(s) in ', el('code', { text: h.dir }), '. ',
      h.previousRun ? 'Previous run: ' + when(h.previousRun) + '.' : 'No earlier run is recorded: every cell is new.'));
    box.append(el('h3', { text: 'Regressed since the previous run (' + h.regressions.length + ')' }));
    box.append(h.regressions.length ? changeTable(h.regressions, true)
      : el('p', { class: 'muted', text: 'No cell got worse.' }));
    box.append(el('h3', { text: 'Last change per claim (' + h.lastChanges.length + ' of ' + D.claims.length + ' claims changed)' }));
    box.append(h.lastChanges.length ? changeTable(h.lastChanges, true)
      : el('p', { class: 'muted', text: 'No claim changed its verdict in the recorded runs.' }));
  }

  // ---- runtime diff
  function renderDiff() {
    const box = document.getElementById('diff-body');
    const d = D.diff;
    if (!d) {
      box.append(el('p', { class: 'muted', text: 'This result set has one runtime. Run several (--pyodide A,B) or compare two result files with: pywasm-compat diff OLD/results.json NEW/results.json' }));
      return;
    }
    const ident = el('table', { class: 'info-table' },
      el('tr', {}, el('th'), el('th', { text: 'old: ' + d.from.label }), el('th', { text: 'new: ' + d.to.label })));
    const rows = [['Pyodide', rt => rt.kind === 'pyodide' ? rt.version : '—'], ['CPython', rt => rt.python],
      ['Emscripten', rt => rt.emscripten], ['platform', rt => rt.platform]];
    for (const [name, f] of rows) {
      ident.append(el('tr', {}, el('th', { text: name }),
        el('td', { text: d.from.runtimes.map(f).join(', ') }), el('td', { text: d.to.runtimes.map(f).join(', ') })));
    }
    box.append(ident);
    box.append(el('p', {}, el('b', { text: d.changed.length + ' verdict(s) changed' }), ' among ' + d.compared
      + ' cells compared' + (d.onlyFrom.length + d.onlyTo.length ? '; ' + d.onlyFrom.length + ' only in the old, '
        + d.onlyTo.length + ' only in the new.' : '.')));
    if (d.changed.length) {
      const t = el('table', { class: 'info-table', id: 'diff-table' }, el('tr', {}, el('th', { text: 'claim' }), el('th', { text: 'host' }),
        el('th', { text: 'old' }), el('th', { text: 'new' }), el('th', { text: 'old observation' }), el('th', { text: 'new observation' })));
      for (const c of d.changed) {
        t.append(el('tr', {}, el('td', {}, claimLink(c.claimId)), el('td', { text: c.host }),
          el('td', {}, verdict(c.from)), el('td', {}, verdict(c.to)),
          el('td', {}, el('code', { text: c.fromObservation })), el('td', {}, el('code', { text: c.toObservation }))));
      }
      box.append(t);
    }
    for (const [title, cells] of [['Only in the old', d.onlyFrom], ['Only in the new', d.onlyTo]]) {
      if (!cells.length) continue;
      box.append(el('h3', { text: title + ' (' + cells.length + ')' }));
      const t = el('table', { class: 'info-table' });
      for (const c of cells) {
        t.append(el('tr', {}, el('td', {}, claimLink(c.claimId)), el('td', { text: c.host + ' / ' + c.runtime }),
          el('td', {}, verdict(c.verdict)), el('td', {}, el('code', { text: c.observation || '' }))));
      }
      box.append(t);
    }
  }

  function renderReadmeNotes() {
    const box = document.getElementById('readme-notes');
    const r = D.readme;
    if (r.problem) box.append(el('p', { class: 'problem', text: r.problem }));
    if (r.source) box.append(el('p', { class: 'muted' }, 'Every sentence a claim quotes from ', el('code', { text: r.source }),
      ' is highlighted in its status\'s colour; the badges open the evidence.'));
    if (r.notFound.length) {
      box.append(el('p', { class: 'problem', text: r.notFound.length + ' quote(s) not found in the source:' }));
      box.append(el('ul', {}, r.notFound.map(c => el('li', {}, claimLink(c.claimId), ' "', c.quote, '"'))));
    }
  }

  renderRunInfo();
  renderFilters();
  renderMatrix();
  applyFilters();
  renderHistory();
  renderDiff();
  renderReadmeNotes();
  document.getElementById('ev-close').addEventListener('click', closePanel);
  document.addEventListener('keydown', e => { if (e.key === 'Escape') closePanel(); });
  window.addEventListener('hashchange', route);
  route();
  document.body.dataset.ready = 'true';
})();
