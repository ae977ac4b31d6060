// Briefing preview: a little vanilla JS over server-rendered pages.
// Every change goes to the server with the session token; the server writes
// the override file, rebuilds, and the page reloads.
(function () {
  'use strict';
  const token = document.querySelector('meta[name="preview-token"]').content;
  const pageVersion = Number(document.querySelector('meta[name="build-version"]').content);
  const date = document.body.dataset.date || null;
  let reloading = false;

  function reload() {
    if (reloading) return;
    reloading = true;
    sessionStorage.setItem('preview-scroll', String(window.scrollY));
    location.reload();
  }
  const savedScroll = sessionStorage.getItem('preview-scroll');
  if (savedScroll !== null) {
    sessionStorage.removeItem('preview-scroll');
    window.addEventListener('load', () => window.scrollTo(0, Number(savedScroll)));
  }

  // ---- live reload and error overlay ----
  const overlay = document.getElementById('overlay');
  const overlayList = document.getElementById('overlay-list');
  const buildState = document.getElementById('build-state');
  function showProblems(problems) {
    overlayList.textContent = '';
    for (const m of problems) {
      const li = document.createElement('li');
      const place = m.file ? m.file + (m.line ? ':' + m.line + (m.column ? ':' + m.column : '') : '') : '';
      if (place) {
        const code = document.createElement('code');
        code.className = 'place';
        code.textContent = place;
        li.append(code, ' ');
      }
      li.append(m.severity + ': ' + m.reason + ' [' + m.ruleId + ']');
      overlayList.append(li);
    }
    overlay.hidden = false;
    buildState.textContent = 'build failed: the pages show the last good build';
    buildState.className = 'build failed';
  }
  document.getElementById('overlay-close').addEventListener('click', () => (overlay.hidden = true));
  const events = new EventSource('/events');
  events.addEventListener('build', (event) => {
    const status = JSON.parse(event.data);
    document.documentElement.dataset.lastBuild = String(status.version);
    if (!status.ok) return showProblems(status.problems);
    if (status.version > pageVersion) reload();
  });

  // ---- tabs, widths, dark background ----
  for (const tab of document.querySelectorAll('[data-tab]')) {
    tab.addEventListener('click', () => {
      for (const other of document.querySelectorAll('[data-tab]')) other.setAttribute('aria-selected', String(other === tab));
      for (const section of document.querySelectorAll('section.tab')) section.hidden = section.id !== 'tab-' + tab.dataset.tab;
    });
  }
  const frame = document.getElementById('email-frame');
  for (const button of document.querySelectorAll('[data-width]')) {
    button.addEventListener('click', () => {
      if (frame) frame.style.width = button.dataset.width + 'px';
      for (const other of document.querySelectorAll('[data-width]')) other.setAttribute('aria-pressed', String(other === button));
    });
  }
  function fitFrame() {
    try {
      const doc = frame.contentDocument;
      // As tall as the email, up to most of the window: the stories and decisions stay in reach below.
      if (doc && doc.documentElement) frame.style.height = Math.min(Math.max(400, doc.documentElement.scrollHeight + 20), Math.round(window.innerHeight * 0.7)) + 'px';
    } catch (e) {
      /* not same-origin: keep the default height */
    }
  }
  const dark = document.getElementById('dark-toggle');
  function applyDark() {
    const wrap = document.getElementById('frame-wrap');
    wrap.classList.toggle('dark', dark.checked);
    try {
      const doc = frame && frame.contentDocument;
      if (!doc || !doc.documentElement) return;
      doc.documentElement.style.colorScheme = dark.checked ? 'dark' : '';
      doc.documentElement.style.background = dark.checked ? '#121212' : '';
      if (doc.body) doc.body.style.background = dark.checked ? '#121212' : '';
    } catch (e) {
      /* ignore */
    }
  }
  if (frame) {
    frame.addEventListener('load', () => {
      fitFrame();
      applyDark();
    });
    window.addEventListener('resize', fitFrame);
    for (const button of document.querySelectorAll('[data-width]')) button.addEventListener('click', () => setTimeout(fitFrame, 50));
  }
  if (dark) dark.addEventListener('change', applyDark);

  // ---- editing: every change is one POST ----
  const errorBox = document.getElementById('action-error');
  async function post(path, body) {
    const res = await fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-preview-token': token },
      body: JSON.stringify(body),
    });
    let data;
    try {
      data = await res.json();
    } catch (e) {
      data = { ok: false, error: 'HTTP ' + res.status };
    }
    if (!data.ok && errorBox) {
      errorBox.textContent = data.error || 'failed';
      errorBox.hidden = false;
    }
    return data;
  }
  async function change(body) {
    if (!date) return;
    const data = await post('/api/editions/' + date + '/overrides', body);
    if (data.ok) reload();
  }
  const storyIds = (document.body.dataset.stories || '').split(' ').filter(Boolean);
  document.addEventListener('click', (event) => {
    const button = event.target.closest('button[data-action]');
    if (!button) return;
    const a = button.dataset.action;
    button.disabled = true;
    if (a === 'hide' || a === 'pin') change({ kind: a, storyId: button.dataset.story, value: button.dataset.value === 'true' });
    else if (a === 'move') {
      const order = storyIds.slice();
      const i = order.indexOf(button.dataset.story);
      const j = i + Number(button.dataset.by);
      if (i < 0 || j < 0 || j >= order.length) return;
      order.splice(j, 0, order.splice(i, 1)[0]);
      change({ kind: 'order', storyIds: order });
    } else if (a === 'split') change({ kind: 'split', articleId: button.dataset.article });
    else if (a === 'keep') change({ kind: 'keep', file: button.dataset.file, text: button.dataset.text });
  });
  document.addEventListener('change', (event) => {
    const select = event.target.closest('select[data-merge-with]');
    if (select && select.value) change({ kind: 'merge', storyIds: [select.dataset.mergeWith, select.value] });
  });
  document.addEventListener('submit', (event) => {
    const form = event.target;
    if (form.id === 'send-test-form') {
      event.preventDefault();
      const out = document.getElementById('send-result');
      out.textContent = 'sending…';
      post('/api/editions/' + date + '/send-test', { to: form.elements.to.value }).then((data) => {
        out.textContent = data.ok ? 'Sent to ' + form.elements.to.value + ' (' + data.detail + ')' : 'Not sent: ' + data.error;
        out.className = data.ok ? 'ok' : 'failed';
      });
      return;
    }
    const kind = form.dataset.kind;
    if (!kind) return;
    event.preventDefault();
    if (kind === 'approve') change({ kind: 'approve', value: event.submitter ? event.submitter.value === 'true' : true });
    else if (kind === 'note') change({ kind: 'note', value: form.elements.value.value });
    else change({ kind: kind, storyId: form.dataset.story, value: form.elements.value.value });
  });
})();
