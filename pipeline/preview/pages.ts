import type { Edition, EditionStory, Message } from '../types.ts';
import type { BuildStatus } from './builder.ts';
import { GMAIL_CLIP_BYTES, hiddenStories, messagesFor, messagesForStory, type EditionFiles, type FeedItem } from './data.ts';
import { html, raw, type Html } from './html.ts';

export type EditionState = 'draft' | 'approved' | 'sent';

export interface PageContext {
  title: string;
  token: string;
  status: BuildStatus;
}

function layout(ctx: PageContext, title: string, body: Html, bodyAttrs: Html = raw('')): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="preview-token" content="${ctx.token}">
<meta name="build-version" content="${ctx.status.version}">
<title>${title} · ${ctx.title} preview</title>
<link rel="stylesheet" href="/assets/app.css">
<script src="/assets/app.js" defer></script>
</head>
<body ${bodyAttrs}>
<header class="bar"><a href="/" class="home">${ctx.title} · preview</a> <span class="build ${ctx.status.ok ? 'ok' : 'failed'}" id="build-state">${buildLine(ctx.status)}</span></header>
${overlay(ctx.status)}
<main>${body}</main>
</body>
</html>
`.value;
}

function buildLine(status: BuildStatus): string {
  if (status.version === 0) return 'building…';
  return status.ok ? `built in ${status.ms} ms` : 'build failed: the pages show the last good build';
}

/** The error overlay: what failed and where (file:line), instead of a blank page. */
export function overlay(status: BuildStatus): Html {
  const errors = status.ok ? [] : status.problems;
  return html`<div id="overlay" class="overlay" role="alertdialog" aria-labelledby="overlay-title" ${errors.length ? '' : raw('hidden')}>
<div class="overlay-box"><h2 id="overlay-title">Build failed</h2><ul id="overlay-list">${errors.map((m) => html`<li>${messageLine(m)}</li>`)}</ul>
<p>Fix the file and save: the preview rebuilds by itself. <button type="button" id="overlay-close">Hide</button></p></div></div>`;
}

export function messageLine(m: Message): Html {
  const place = m.file ? `${m.file}${m.line ? `:${m.line}${m.column ? `:${m.column}` : ''}` : ''}` : '';
  return html`${place ? html`<code class="place">${place}</code> ` : ''}<span class="sev ${m.severity}">${m.severity}</span> ${m.reason} <span class="rule">[${m.ruleId}]</span>`;
}

export interface ListRow {
  date: string;
  state: EditionState;
  sentTo: number;
  stories: number;
  sources: number;
  warnings: number;
  emailBytes: number | null;
}

export function listRows(files: EditionFiles[], messages: Message[], sent: Map<string, number>): ListRow[] {
  return files.map((f) => {
    const e = f.edition;
    const sources = new Set((e?.stories ?? []).flatMap((s) => (s.sources ?? []).map((x) => x.articleId)));
    return {
      date: f.date,
      state: sent.has(f.date) ? 'sent' : e?.approved ? 'approved' : 'draft',
      sentTo: sent.get(f.date) ?? 0,
      stories: e?.stories.length ?? 0,
      sources: sources.size,
      warnings: messagesFor(e, f.date, messages).filter((m) => m.severity === 'warning').length,
      emailBytes: f.emailHtml === null ? null : Buffer.byteLength(f.emailHtml),
    };
  });
}

export function listPage(ctx: PageContext, rows: ListRow[], messages: Message[]): string {
  const general = messages.filter((m) => m.severity !== 'info');
  const body = html`<h1>Editions</h1>
${rows.length === 0 ? html`<p class="empty">No editions yet: no dated stories in the content folder${ctx.status.ok ? '' : ', or the build failed'}.</p>` : ''}
<table class="editions">
<thead><tr><th>Date</th><th>Status</th><th>Stories</th><th>Sources</th><th>Warnings</th><th>Email size</th></tr></thead>
<tbody>
${rows.map(
  (r) => html`<tr data-date="${r.date}"><td><a href="/editions/${r.date}">${r.date}</a></td><td><span class="state ${r.state}">${r.state}</span>${r.state === 'sent' ? html` <small>(${r.sentTo} recipient${r.sentTo === 1 ? '' : 's'})</small>` : ''}</td><td>${r.stories}</td><td>${r.sources}</td><td>${r.warnings}</td><td>${r.emailBytes === null ? 'not rendered' : kb(r.emailBytes)}</td></tr>`,
)}
</tbody></table>
<h2>Warnings and errors of the last build (${general.length})</h2>
<ul class="messages">${general.map((m) => html`<li>${messageLine(m)}</li>`)}</ul>`;
  return layout(ctx, 'Editions', body);
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

export interface EditionPageData {
  files: EditionFiles;
  state: EditionState;
  sentTo: number;
  messages: Message[];
  feedItem: FeedItem | null;
  /** The override file's text, shown so the editor sees exactly what is stored. */
  overrideSource: string | null;
  overrideFile: string;
  sendTestReady: boolean;
}

export function editionPage(ctx: PageContext, data: EditionPageData): string {
  const { files, state } = data;
  const edition = files.edition;
  const date = files.date;
  const bytes = files.emailHtml === null ? null : Buffer.byteLength(files.emailHtml);
  const editionMessages = messagesFor(edition, date, data.messages);
  const hidden = hiddenStories(date, data.messages);
  const body = html`<h1>Edition ${date} <span class="state ${state}" id="edition-state">${state}</span></h1>
<section class="actions">
<form class="approve" data-kind="approve"><button type="submit" name="value" value="${edition?.approved ? 'false' : 'true'}" id="approve">${edition?.approved ? 'Withdraw approval' : 'Approve edition'}</button></form>
<form class="note" data-kind="note"><label for="note">Editor's note (top of the email)</label><textarea id="note" name="value" rows="2">${edition?.note ?? ''}</textarea><button type="submit">Save note</button></form>
<form class="send-test" id="send-test-form"><label for="send-to">Send a test to</label><input id="send-to" name="to" type="email" required placeholder="you@example.org"><button type="submit">Send test</button>
<span class="hint">${data.sendTestReady ? 'through the configured transport; not recorded as a delivery' : 'set SMTP_URL (or deliver.transport) and BRIEFING_FROM to send'}</span><output id="send-result"></output></form>
</section>
${state === 'sent' ? html`<p class="notice">This edition was already sent to ${data.sentTo} recipient${data.sentTo === 1 ? '' : 's'}: changes now only affect the web archive and the feeds.</p>` : ''}
<p class="error" id="action-error" role="alert" hidden></p>
<nav class="tabs" role="tablist">
<button type="button" role="tab" data-tab="email" aria-selected="true">Email</button>
<button type="button" role="tab" data-tab="text">Plain text</button>
<button type="button" role="tab" data-tab="source">HTML source</button>
<button type="button" role="tab" data-tab="feed">Feed item</button>
<button type="button" role="tab" data-tab="overrides">Override file</button>
${files.webHtml ? html`<a href="/out/editions/${date}/index.html" target="_blank" rel="noopener">Web version ↗</a>` : ''}
</nav>
<section class="tab" id="tab-email">
<div class="toolbar"><button type="button" data-width="800" aria-pressed="true">Desktop 800 px</button><button type="button" data-width="375" aria-pressed="false">Mobile 375 px</button><label><input type="checkbox" id="dark-toggle"> Dark background</label>
${bytes === null ? html`<span class="size">not rendered</span>` : html`<span class="size ${bytes > GMAIL_CLIP_BYTES ? 'over' : bytes > 90 * 1024 ? 'near' : ''}" id="email-size">${kb(bytes)} of Gmail's 102 KB limit <meter min="0" max="${GMAIL_CLIP_BYTES}" low="${90 * 1024}" high="${GMAIL_CLIP_BYTES}" optimum="0" value="${bytes}"></meter>${bytes > GMAIL_CLIP_BYTES ? ' — Gmail will clip this email' : ''}</span>`}</div>
<div class="frame-wrap" id="frame-wrap">${files.emailHtml === null ? html`<p class="empty">email.html was not rendered for this edition.</p>` : html`<iframe id="email-frame" title="Email as rendered" src="/out/editions/${date}/email.html" sandbox="allow-same-origin allow-popups allow-popups-to-escape-sandbox" style="width:800px"></iframe>`}</div>
</section>
<section class="tab" id="tab-text" hidden><pre id="email-text">${files.emailText ?? 'email.txt was not rendered.'}</pre></section>
<section class="tab" id="tab-source" hidden><pre id="email-source">${files.emailHtml ?? 'email.html was not rendered.'}</pre></section>
<section class="tab" id="tab-feed" hidden>${feedItem(data.feedItem)}</section>
<section class="tab" id="tab-overrides" hidden><p><code>${data.overrideFile}</code> — edit it here or by hand; the preview rebuilds on save.</p><pre id="override-source">${data.overrideSource ?? '(no overrides yet)'}</pre></section>
${edition?.note ? html`<p class="note-shown">Note: ${edition.note}</p>` : ''}
<h2>Stories (${edition?.stories.length ?? 0})</h2>
<ol class="stories" id="stories">${(edition?.stories ?? []).map((story, index, all) => storyCard(story, index, all, data.messages))}</ol>
${edition?.more.length ? html`<h3>More stories (beyond the limit)</h3><ul>${edition.more.map((m) => html`<li>${m.headline} <button type="button" data-action="hide" data-story="${m.id}" data-value="true">Hide</button></li>`)}</ul>` : ''}
${hidden.length ? html`<h3>Hidden by the editor</h3><ul class="hidden-stories">${hidden.map((h) => html`<li data-story="${h.id}">${h.headline} <button type="button" data-action="hide" data-story="${h.id}" data-value="false">Show again</button></li>`)}</ul>` : ''}
<h2>Warnings for this edition</h2>
<ul class="messages">${editionMessages.filter((m) => m.severity !== 'info').map((m) => html`<li>${messageLine(m)}</li>`)}</ul>`;
  return layout(ctx, `Edition ${date}`, body, html`data-date="${date}" data-stories="${(edition?.stories ?? []).map((s) => s.id).join(' ')}"`);
}

function feedItem(item: FeedItem | null): Html {
  if (!item) return html`<p class="empty">No item for this edition in feed.xml (not rendered yet?).</p>`;
  // The reader's view: sandboxed, no scripts, like a feed reader shows the content.
  const doc = `<!doctype html><meta charset="utf-8"><style>body{font:16px/1.5 system-ui,sans-serif;margin:1rem;color:#222}</style>${item.contentHtml}`;
  return html`<article class="feed-item" id="feed-item"><h3><a href="${item.link ? safeUrl(item.link) : '#'}" rel="noopener" target="_blank">${item.title}</a></h3>
<p class="meta">${item.date ?? ''}${item.id ? html` · id <code>${item.id}</code>` : ''}</p>
<iframe id="feed-frame" title="Feed item content" sandbox="allow-same-origin" srcdoc="${doc}"></iframe></article>`;
}

function storyCard(story: EditionStory, index: number, all: EditionStory[], messages: Message[]): Html {
  const related = messagesForStory(story, messages);
  const grouping = related.filter((m) => m.stage === 'dedupe' && !/date/.test(m.ruleId));
  const removed = related.filter((m) => m.stage === 'clean');
  const dates = related.filter((m) => /date/.test(m.ruleId));
  const editor = related.filter((m) => m.stage === 'preview');
  const summaryNotes = related.filter((m) => m.stage === 'summarise');
  const nameOf = (articleId: string) => {
    const s = story.sources.find((x) => x.articleId === articleId);
    return s ? sourceLabel(s) : articleId;
  };
  // Scores the summarise stage gave each chosen sentence, when it reported them.
  const scores = new Map<string, Record<string, unknown>>();
  for (const m of summaryNotes) {
    const list = m.detail?.sentences;
    if (Array.isArray(list)) for (const x of list) if (x && typeof x === 'object') scores.set(`${(x as { articleId?: unknown }).articleId}#${(x as { index?: unknown }).index}`, x as Record<string, unknown>);
  }
  const dateOf = (articleId: string, stated: string | null): string => {
    const inferred = dates.find((m) => m.articleId === articleId && typeof m.detail?.date === 'string');
    if (inferred) return `${String(inferred.detail!.date)} (${String(inferred.detail!.dateSource ?? 'inferred')})`;
    return stated ? `${stated} (stated by the source)` : 'undated';
  };
  return html`<li class="story" data-story="${story.id}">
<div class="story-head"><strong class="headline">${story.headline}</strong> ${story.pinned ? html`<span class="pinned">pinned</span>` : ''} <code class="id">${story.id}</code></div>
<div class="controls">
<button type="button" data-action="hide" data-story="${story.id}" data-value="true">Hide</button>
<button type="button" data-action="pin" data-story="${story.id}" data-value="${story.pinned ? 'false' : 'true'}">${story.pinned ? 'Unpin' : 'Pin to top'}</button>
<button type="button" data-action="move" data-story="${story.id}" data-by="-1" ${index === 0 ? raw('disabled') : ''}>Move up</button>
<button type="button" data-action="move" data-story="${story.id}" data-by="1" ${index === all.length - 1 ? raw('disabled') : ''}>Move down</button>
${all.length > 1 ? html`<select data-merge-with="${story.id}" aria-label="Merge with another story"><option value="">Merge with…</option>${all.filter((o) => o.id !== story.id).map((o) => html`<option value="${o.id}">${o.headline.slice(0, 60)}</option>`)}</select>` : ''}
</div>
<form class="edit" data-kind="headline" data-story="${story.id}"><label>Headline <input name="value" maxlength="100" value="${story.headline}"></label><button type="submit">Save headline</button></form>
<form class="edit" data-kind="summary" data-story="${story.id}"><label>Summary <textarea name="value" rows="4">${story.summary}</textarea></label><button type="submit">Save summary</button></form>
<details class="decisions"><summary>Decisions (${story.sources.length} source${story.sources.length === 1 ? '' : 's'}, ${removed.length} paragraph${removed.length === 1 ? '' : 's'} removed)</summary>
<h4>Sources</h4>
<table><thead><tr><th>Source</th><th>Role</th><th>Date (where it came from)</th><th>File</th><th></th></tr></thead><tbody>
${story.sources.map((s) => html`<tr><td>${s.url ? html`<a href="${safeUrl(s.url)}" target="_blank" rel="noopener">${sourceLabel(s)}</a>` : sourceLabel(s)}</td><td>${s.role}</td><td>${dateOf(s.articleId, s.date)}</td><td><code>${s.file}</code></td><td>${story.sources.length > 1 ? html`<button type="button" data-action="split" data-article="${s.articleId}">Split out</button>` : ''}</td></tr>`)}
</tbody></table>
<h4>Duplicates folded and reports grouped</h4>${decisionList(grouping, story.sources.length > 1 ? 'No reasons were reported for this grouping.' : 'A single report: nothing folded or grouped.')}
<h4>Where the dates came from</h4>${decisionList(dates, story.sources.every((s) => s.date) ? 'Every source states its date.' : 'No date was inferred.')}
<h4>Paragraphs removed by clean</h4>${removedList(removed)}
<h4>Summary: which sentence came from which source</h4>${story.sentences.length ? html`<ol class="sentences">${story.sentences.map((s) => {
    const score = scores.get(`${s.articleId}#${s.index}`);
    return html`<li>${s.text} <span class="from">— ${nameOf(s.articleId)}, sentence ${s.index + 1}${score && typeof score.score === 'number' ? `, score ${score.score.toFixed(2)}` : ''}${score && typeof score.agreement === 'number' ? `, agreement ${score.agreement.toFixed(2)}` : ''}</span></li>`;
  })}</ol>` : html`<p>Written by the editor.</p>`}
${summaryNotes.length ? html`<ul class="decision-list">${summaryNotes.map((m) => html`<li>${messageLine(m)}</li>`)}</ul>` : ''}
${editor.length ? html`<h4>Editor's changes</h4>${decisionList(editor, '')}` : ''}
</details>
</li>`;
}

function sourceLabel(s: EditionStory['sources'][number]): string {
  return s.publisher ?? s.title ?? s.file.split('/').pop() ?? s.articleId;
}

function safeUrl(url: string): string {
  return /^https?:\/\//i.test(url) ? url : '#';
}

function decisionList(messages: Message[], empty: string): Html {
  if (messages.length === 0) return html`<p class="none">${empty}</p>`;
  return html`<ul class="decision-list">${messages.map((m) => html`<li>${messageLine(m)}${detailOf(m)}</li>`)}</ul>`;
}

/** The evidence of a decision (similarity, shared names…): scalar and short-list details. */
function detailOf(m: Message): Html {
  const entries = Object.entries(m.detail ?? {}).filter(([key, value]) => key !== 'text' && key !== 'edition' && (typeof value !== 'object' || (Array.isArray(value) && value.every((v) => typeof v !== 'object'))));
  if (entries.length === 0) return html``;
  return html`<dl class="detail">${entries.map(([key, value]) => html`<dt>${key}</dt><dd>${Array.isArray(value) ? value.slice(0, 20).map((v) => String(v).slice(0, 140)).join(' · ') : typeof value === 'number' ? Number(value.toFixed(3)) : String(value)}</dd>`)}</dl>`;
}

function removedList(messages: Message[]): Html {
  const removals = messages.filter((m) => m.severity === 'info');
  if (removals.length === 0) return html`<p class="none">Nothing removed.</p>`;
  return html`<ul class="removed">${removals.map((m) => {
    const text = typeof m.detail?.text === 'string' ? m.detail.text : '';
    return html`<li><span class="rule">${m.ruleId}</span> ${m.reason}${text ? html`<blockquote>${text}</blockquote>` : ''}${m.file && text ? html`<button type="button" data-action="keep" data-file="${m.file}" data-text="${text.slice(0, 80)}">Keep this paragraph</button>` : ''}</li>`;
  })}</ul>`;
}

export function notFoundPage(ctx: PageContext, what: string): string {
  return layout(ctx, 'Not found', html`<h1>Not found</h1><p>${what}</p><p><a href="/">All editions</a></p>`);
}
