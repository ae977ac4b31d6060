import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractHtml } from '../../../pipeline/clean/html/index.ts';
import { sanitizeArticle, toParagraphs } from '../../../pipeline/clean/html/paragraphs.ts';
import { parseHtml } from '../../../pipeline/common/html-parse.ts';
import { article, clean } from '../helpers.ts';
import { isCommentary } from '../../../pipeline/common/commentary.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = (name: string): string => readFileSync(path.join(here, 'fixtures', name), 'utf8');
const opts = { timeZone: 'Europe/London' };
const textOf = (html: string): string => extractHtml(html, opts).paragraphs.map((p) => p.text).join('\n');

describe('extractHtml on an article page with furniture', () => {
  const result = extractHtml(fixture('article.html'), opts);
  const text = result.paragraphs.map((p) => p.text).join('\n');

  it('keeps every paragraph of the article, typed', () => {
    expect(result.paragraphs.map((p) => p.type)).toEqual(['paragraph', 'paragraph', 'heading', 'list', 'quote', 'paragraph', 'table', 'paragraph']);
    expect(result.paragraphs[0]!.text).toMatch(/^Residents of the harbour town voted on Tuesday/);
    // Lines point into the source file, for the editor's report.
    expect(result.paragraphs[0]!.line).toBe(22);
    expect(result.paragraphs.at(-1)!.text).toMatch(/highest for a local vote in the town's history\.$/);
    expect(result.paragraphs[3]!.text).toBe('- A wall one metre higher than the old one\n- New drainage under the market square\n- A walkway along the top, open to the public');
    expect(result.paragraphs[6]!.text).toBe('Option | Cost\nRebuild the wall | £12m\nMove the market | £9m');
  });

  it('drops navigation, cookie notice, share tools, related links, sign-up, comments, footer and scripts', () => {
    for (const furniture of ['Skip to content', 'Sport', 'cookies', 'Share on Facebook', 'Storm closes fish market', 'Sign up now', 'my cellar', 'All rights reserved', 'should never appear', 'Photo: Courier archive']) {
      expect(text).not.toContain(furniture);
    }
  });

  it('reports each removal with a rule id, a reason, the text and its line', () => {
    const rules = new Map(result.removed.map((r) => [r.ruleId, r]));
    for (const rule of ['clean/navigation', 'clean/cookie-notice', 'clean/share', 'clean/related', 'clean/promo', 'clean/comments', 'clean/footer', 'clean/byline', 'clean/media']) {
      expect(rules.has(rule), rule).toBe(true);
    }
    expect(rules.get('clean/cookie-notice')!.text).toMatch(/We use cookies/);
    expect(rules.get('clean/related')!.text).toMatch(/Storm closes fish market again/);
    expect(rules.get('clean/comments')!.line).toBeGreaterThan(30);
    for (const r of result.removed) {
      expect(r.reason.length).toBeGreaterThan(0);
      expect(r.text.length).toBeLessThanOrEqual(300);
    }
  });

  it('does not repeat the headline in the body but keeps it as the title', () => {
    expect(result.metadata.title).toBe('Harbour town votes to rebuild its sea wall');
    expect(text).not.toMatch(/^Harbour town votes/);
  });

  it('takes a title that is the article heading plus the site name, before or after it, as the heading alone, however short', () => {
    const page = (title: string) => `<html><head><title>${title}</title></head><body><article><h1>Mayor resigns</h1><p>The mayor of Eastport resigned on Tuesday evening after a report found he had breached the council's code of conduct over undeclared business interests.</p><p>His deputy will take over until a by-election is held in the summer.</p></article></body></html>`;
    for (const title of ['Mayor resigns | The Daily Record', 'The Daily Record - Mayor resigns', 'Mayor resigns — Politics — The Daily Record']) {
      const extracted = extractHtml(page(title), opts);
      expect(extracted.metadata.title, title).toBe('Mayor resigns');
      // The body does not repeat the headline the title now matches.
      expect(extracted.paragraphs.map((p) => p.text), title).not.toContain('Mayor resigns');
    }
    // A title that only starts with the heading's words, with no separator after them, is the title.
    expect(extractHtml(page('Mayor resigns after code of conduct report'), opts).metadata.title).toBe('Mayor resigns after code of conduct report');
  });

  it("takes the article's heading when the <title> is only the site's, and never over a stated headline", () => {
    const page = (head: string) => `<html><head>${head}</head><body><article><h1>Ferry timetable cut for winter</h1><p>The island ferry will run four times a day instead of six from November, the operator said on Monday, blaming rising fuel costs and a shortage of crew.</p><p>Islanders said the change would make it harder to reach hospital appointments on the mainland.</p></article></body></html>`;
    for (const title of ['Riverside Tribune | Local News, Sports and Weather', 'News']) {
      expect(extractHtml(page(`<title>${title}</title>`), opts).metadata.title, title).toBe('Ferry timetable cut for winter');
    }
    // og:title is the article's own headline, whatever words it uses.
    expect(extractHtml(page('<title>News</title><meta property="og:title" content="Islanders lose two crossings a day">'), opts).metadata.title).toBe('Islanders lose two crossings a day');
    // A <title> that shares the story's words is the title.
    expect(extractHtml(page('<title>Winter ferry timetable: four crossings a day</title>'), opts).metadata.title).toBe('Winter ferry timetable: four crossings a day');
    // A label over the article that shares none of its words either is no headline: the <title> stays.
    const labelled = page('<title>Weekend Digest</title>').replace('<h1>Ferry timetable cut for winter</h1>', '<h1>Top stories today</h1>');
    expect(extractHtml(labelled, opts).metadata.title).toBe('Weekend Digest');
  });

  it('reads an e-mail’s layout tables as its blocks: a table marked role="presentation", or with a heading in a cell; a table of data stays one', () => {
    const types = (table: string) => toParagraphs(sanitizeArticle(parseHtml(`<html><body>${table}</body></html>`).tree)).map((p) => p.type);
    const cells = '<tr><td><h2>Regulator approves grid queue overhaul</h2><p>The national energy regulator approved a plan on Monday to replace the first-come connection queue with a cluster study process.</p></td></tr><tr><td><p>The new process takes effect in March and applies to roughly 1,800 projects now waiting for a connection date.</p></td></tr>';
    // A heading in a cell: each cell's heading and paragraphs, not the whole table as one block of data.
    expect(types(`<table width="600">${cells}</table>`)).toEqual(['heading', 'paragraph', 'paragraph']);
    // Marked as layout by its author (as MJML and Mailchimp write every table), without a heading.
    const marked = '<table role="presentation"><tr><td>The national energy regulator approved a plan on Monday to replace the queue.</td></tr><tr><td>The new process takes effect in March for the projects now waiting.</td></tr></table>';
    expect(types(marked)).toEqual(['paragraph', 'paragraph']);
    expect(types(marked.replace(' role="presentation"', ''))).toEqual(['table']);
  });

  it('keeps a table wrapped in a <figure> (the WordPress editor wraps every table), and drops a picture', () => {
    const html = `<html><body><article><h1>Reservoir levels fall again</h1>
<p>Water levels in the county's three reservoirs fell again in August after the driest summer for thirty years, the water company said on Friday.</p>
<figure class="wp-block-table"><table><thead><tr><th>Reservoir</th><th>Level</th></tr></thead><tbody><tr><td>Upper Brenmoor</td><td>41%</td></tr><tr><td>Calder Vale</td><td>37%</td></tr></tbody></table></figure>
<figure class="wp-block-image"><img src="dam.jpg" alt=""><figcaption>The dam at Calder Vale in July</figcaption></figure>
<p>A hosepipe ban introduced in July will stay in place until the levels recover, the company said, and customers were asked to save water where they can.</p>
</article></body></html>`;
    const result = extractHtml(html, opts);
    const text = result.paragraphs.map((p) => p.text).join('\n');
    expect(text).toMatch(/Upper Brenmoor/);
    expect(text).toMatch(/Calder Vale \| 37%/);
    expect(text).not.toMatch(/The dam at Calder Vale in July/);
  });

  it('reads author, publisher, canonical URL and language', () => {
    expect(result.metadata).toMatchObject({
      author: 'Mara Quinn',
      publisher: 'The Coastal Courier',
      url: 'https://courier.example/news/2025/03/18/harbour-sea-wall',
      language: 'en-GB',
      date: '2025-03-18',
      dateSource: 'url',
    });
    expect(result.warnings).toEqual([]);
  });
});

describe('a page that states no site name names itself in its <title>', () => {
  const body = '<article><h1>The grid queue is the climate bottleneck</h1><p>Developers have proposed more than 2,600 gigawatts of generation and storage that are still waiting to connect to the grid.</p><p>The typical project that reached commercial operation last year had spent almost five years in the queue.</p></article>';
  const page = (head: string) => `<html><head>${head}</head><body>${body}</body></html>`;
  const publisherOf = (head: string) => extractHtml(page(head), opts).metadata.publisher;

  it('the name after (or before) the headline the page states elsewhere is the publisher', () => {
    expect(publisherOf('<title>The grid queue is the climate bottleneck - Power Lines</title><meta property="og:title" content="The grid queue is the climate bottleneck">')).toBe('Power Lines');
    expect(publisherOf('<title>Power Lines | The grid queue is the climate bottleneck</title>')).toBe('Power Lines');
    // Of several parts, the outermost: the section stands between.
    expect(publisherOf('<title>The grid queue is the climate bottleneck | Opinion | Power Lines</title>')).toBe('Power Lines');
  });

  it('a stated site name wins; a title that is only the headline, or a headline with a dash in it, names no one', () => {
    expect(publisherOf('<title>The grid queue is the climate bottleneck - Power Lines</title><meta property="og:site_name" content="Power Lines Weekly">')).toBe('Power Lines Weekly');
    expect(publisherOf('<title>The grid queue is the climate bottleneck</title>')).toBeNull();
    expect(publisherOf('<title>The grid queue - why it is the climate bottleneck</title><meta property="og:title" content="The grid queue - why it is the climate bottleneck">')).toBeNull();
    // What follows the headline is a sentence, not a name.
    expect(publisherOf('<title>The grid queue is the climate bottleneck - and it is getting worse.</title><meta property="og:title" content="The grid queue is the climate bottleneck">')).toBeNull();
  });
});

describe("an article its page states only in its structured data (JSON-LD articleBody)", () => {
  const text = [
    'A strike by baggage handlers at Westport Airport planned for the Easter weekend has been called off after a late pay offer.',
    'The union said members would vote on the 6% offer next week, and that further action had not been ruled out.',
    'The airport said all flights would operate as normal over the holiday & urged passengers to arrive early.',
  ];
  // As pages write it: "</" escaped, or the JSON's own "</script>" would end the element.
  const ld = (body: string) => `<script type="application/ld+json">${JSON.stringify({ '@type': 'NewsArticle', headline: 'Airport strike called off', articleBody: body }).replace(/<\//g, '<\\/')}</script>`;
  const page = (body: string, content: string) => `<html><head><title>Airport strike called off | Metro Daily</title>${ld(body)}</head><body>${content}</body></html>`;

  it("reads it when the body is an app's empty shell, each line a paragraph (entities decoded, markup sanitized)", () => {
    const result = extractHtml(page(text.join('\n').replace('&', '&amp;'), '<div id="root"></div><script src="/app.js"></script>'), opts);
    expect(result.paragraphs.map((p) => p.text)).toEqual(text);
    expect(result.warnings).toEqual([]);
    const html = extractHtml(page(text.map((t) => `<p>${t.replace('&', '&amp;')}</p>`).join('') + '<script>alert(1)</script>', ''), opts);
    expect(html.paragraphs.map((p) => p.text)).toEqual(text);
  });

  it('reads it instead of a teaser, reporting the teaser, and keeps a body that holds the article', () => {
    const teaser = extractHtml(page(text.join('\n'), `<article><p>${text[0]}</p><p>Subscribe to read the full story.</p></article>`), opts);
    expect(teaser.paragraphs.map((p) => p.text)).toEqual(text);
    expect(teaser.removed.filter((r) => r.ruleId === 'clean/html-structured-body').map((r) => r.text)).toEqual([text[0], 'Subscribe to read the full story.']);
    const full = extractHtml(page(text.join('\n'), `<article><h1>Airport strike called off</h1>${text.map((t) => `<p>${t.replace('&', '&amp;')}</p>`).join('')}<p>Pictured: the terminal.</p></article>`), opts);
    expect(full.removed.some((r) => r.ruleId === 'clean/html-structured-body')).toBe(false);
    expect(full.paragraphs.map((p) => p.text)).toContain('Pictured: the terminal.');
    // A description is not an article.
    expect(extractHtml(page('Baggage handlers will not strike.', '<div id="root"></div>'), opts).paragraphs).toEqual([]);
  });
});

describe('published date precedence: JSON-LD, meta, <time>, URL, text', () => {
  const body = '<article><p>The ferry timetable changes next week, with two extra sailings on weekdays and one fewer on Sundays, the operator said.</p><p>Published on 2 January 2025.</p></article>';
  const page = (head: string, extra = ''): string => `<html><head>${head}</head><body>${extra}${body}</body></html>`;
  const jsonLd = '<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Ferry News"},{"@type":"NewsArticle","headline":"Ferry timetable","datePublished":"2025-03-18T23:30:00-04:00","author":[{"@type":"Person","name":"Ann Lee"},{"@type":"Person","name":"Bo Chen"}],"publisher":{"@type":"Organization","name":"Ferry News"}}]}</script>';
  const meta = '<meta property="article:published_time" content="2025-03-10T09:00:00Z">';
  const time = '<time datetime="2025-03-05T10:00:00Z">5 March</time>';
  const url = { url: 'https://ferry.example/2025/02/14/timetable' };

  it('JSON-LD wins, converted to the day in the configured timezone', () => {
    const r = extractHtml(page(jsonLd + meta, time), { ...opts, ...url });
    // 23:30 at UTC-4 is 03:30 the next day in London (GMT until 30 March), still the 18th in New York (EDT).
    expect([r.metadata.date, r.metadata.dateSource]).toEqual(['2025-03-19', 'json-ld']);
    expect(r.metadata.author).toBe('Ann Lee, Bo Chen');
    expect(r.metadata.publisher).toBe('Ferry News');
    const ny = extractHtml(page(jsonLd), { timeZone: 'America/New_York' });
    expect(ny.metadata.date).toBe('2025-03-18');
  });

  it('then meta tags, then <time datetime>, then the URL, then the text', () => {
    expect(extractHtml(page(meta, time), { ...opts, ...url }).metadata).toMatchObject({ date: '2025-03-10', dateSource: 'meta' });
    expect(extractHtml(page('', time), { ...opts, ...url }).metadata).toMatchObject({ date: '2025-03-05', dateSource: 'time-element' });
    expect(extractHtml(page(''), { ...opts, ...url }).metadata).toMatchObject({ date: '2025-02-14', dateSource: 'url' });
    expect(extractHtml(page(''), opts).metadata).toMatchObject({ date: '2025-01-02', dateSource: 'text' });
  });

  it('skips a source that states an impossible date and states nothing when nothing is stated', () => {
    const bad = '<meta property="article:published_time" content="2025-02-30T10:00:00Z">';
    expect(extractHtml(page(bad, time), opts).metadata).toMatchObject({ date: '2025-03-05', dateSource: 'time-element' });
    const none = extractHtml('<html><body><p>A paragraph about the weather with no date stated anywhere in it at all.</p></body></html>', opts);
    expect(none.metadata).toMatchObject({ date: null, dateSource: null });
  });

  it('survives broken JSON-LD', () => {
    const r = extractHtml(page('<script type="application/ld+json">{"datePublished": "2025-03-18",</script>' + meta), opts);
    expect(r.metadata).toMatchObject({ date: '2025-03-10', dateSource: 'meta' });
  });
});

describe('bad HTML never crashes', () => {
  it('an empty body or an empty string gives no paragraphs and a warning', () => {
    for (const html of ['', '<html><body></body></html>', '<html><head><title>x</title></head><body>   </body></html>']) {
      const r = extractHtml(html, opts);
      expect(r.paragraphs).toEqual([]);
      expect(r.warnings.map((w) => w.ruleId)).toContain('clean/html-empty');
    }
  });

  it('malformed markup still gives the text', () => {
    const html = '<html><body><div><p>Unclosed paragraph about the new bridge, which opens on Monday after years of delay and argument.<p>Second <b>bold <i>crossed</b> tags</i> and a stray </div></span> end tag, then more words to make it a paragraph.<div><table><tr><td>cell without closing <!-- broken comment <p>tail';
    const text = textOf(html);
    expect(text).toContain('Unclosed paragraph about the new bridge');
    expect(text).toContain('Second bold crossed tags and a stray');
    // Text after a stray end tag is loose in <body>: still the article's.
    expect(text).toContain('end tag, then more words to make it a paragraph.');
  });

  it('50,000 levels of nesting: text kept, a warning, no stack overflow', () => {
    const depth = 50_000;
    const html = `<html><body>${'<div>'.repeat(depth)}<p>Deep inside, the story of the lighthouse keeper who stayed on for forty years.</p>${'</div>'.repeat(depth)}</body></html>`;
    const r = extractHtml(html, opts);
    expect(r.paragraphs.map((p) => p.text).join(' ')).toContain('the story of the lighthouse keeper');
    expect(r.warnings.map((w) => w.ruleId)).toContain('clean/html-too-deep');
  });

  // Parsing 10 MB with positions takes seconds on a loaded machine: a generous limit, not a speed test.
  it('a ~10 MB page is extracted', { timeout: 300_000 }, () => {
    const article = '<article><p>The orchestra will tour six cities this summer, its first tour since the hall closed for repairs, the director said on Friday.</p><p>Tickets go on sale in May, with reduced prices for students and for residents of the towns on the route.</p></article>';
    const junk = '<div class="menu"><ul>' + '<li><a href="/x">Link to somewhere else</a></li>'.repeat(400) + '</ul></div>';
    let html = '<html><body>';
    while (html.length < 10 * 1024 * 1024) html += junk;
    html += article + '</body></html>';
    expect(html.length).toBeGreaterThan(10_000_000);
    const r = extractHtml(html, opts);
    expect(r.paragraphs.map((p) => p.text)).toEqual([
      'The orchestra will tour six cities this summer, its first tour since the hall closed for repairs, the director said on Friday.',
      'Tickets go on sale in May, with reduced prices for students and for residents of the towns on the route.',
    ]);
  });

  it('a page of plain text without any block still gives its text', () => {
    const r = extractHtml('Just some words typed into a file, no markup at all, but still an article someone wants to read.', opts);
    expect(r.paragraphs.map((p) => p.text)).toEqual(['Just some words typed into a file, no markup at all, but still an article someone wants to read.']);
  });
});

describe('a subheading set on its own line by a <br>', () => {
  const story = [
    '<h1>Northgate raises its outlook as revenue climbs</h1>',
    '<p>Northgate Freight Systems reported third-quarter revenue of $1.27 billion on Thursday, up 6.4% from a year earlier, and raised its full-year outlook.</p>',
    '<p>Shipments per day rose 4.1% and the company completed the first phase of its Memphis hub expansion in September.</p>',
  ].join('');
  const about = '<p><strong>About Northgate Freight Systems</strong><br>Northgate Freight Systems, Inc. is a less-than-truckload carrier operating 214 service centers across 38 states.</p>';

  it('is a heading of its own, so the clean stage takes "About …" with the boilerplate under it', () => {
    const paragraphs = extractHtml(`<html><body><article>${story}${about}</article></body></html>`, opts).paragraphs;
    // Not glued to the first words of the text under it.
    expect(paragraphs.at(-1)).toMatchObject({ type: 'paragraph', text: 'Northgate Freight Systems, Inc. is a less-than-truckload carrier operating 214 service centers across 38 states.' });
    const { cleaned } = clean([article(`<html><body><article>${story}${about}</article></body></html>`, { format: 'html' })]);
    expect(cleaned[0]!.text).not.toMatch(/About Northgate|less-than-truckload carrier/);
    expect(cleaned[0]!.text).toContain('raised its full-year outlook');
  });

  it('leaves lines that are not a heading over a sentence as one block: an address, a verse, a short tail', () => {
    const address = '<p>Calder Vale Borough Council<br>Town Hall, Market Street<br>Millbrook MB1 1AA</p>';
    const tail = '<p>Conference call<br>At 10 a.m. today.</p>';
    const paragraphs = extractHtml(`<html><body><article>${story}${address}${tail}</article></body></html>`, opts).paragraphs;
    expect(paragraphs.filter((p) => p.type === 'heading')).toEqual([]);
    expect(paragraphs.map((p) => p.text)).toContain('Calder Vale Borough Council\nTown Hall, Market Street\nMillbrook MB1 1AA');
  });
});

describe("a page's metadata block named as such", () => {
  const story = [
    'Hospitals in England will receive £500 million to reduce waiting lists for planned operations, the Health Secretary announced today.',
    'The money will pay for 30 new operating theatres and 12 community diagnostic centres, the department said.',
    'NHS England said the new theatres would open in phases from next spring, starting in the regions with the longest waits.',
  ];
  const page = (metadata: string) =>
    `<html><body><main><h1>New funding to cut hospital waiting lists</h1>${metadata}<div class="govspeak">${story.map((p) => `<p>${p}</p>`).join('')}</div></main></body></html>`;

  it('goes whole, its labels and values with it ("From:", "Published" in a <dl class="…metadata">), and its date dates the page', () => {
    const html = page('<div class="gem-c-metadata"><dl><dt>From:</dt><dd><a href="/dhsc">Department of Health and Social Care</a></dd><dt>Published</dt><dd>18 November 2024</dd></dl></div>');
    const result = extractHtml(html, opts);
    expect(result.paragraphs.map((p) => p.text)).toEqual(story);
    expect(result.removed.find((r) => r.text.startsWith('From:'))?.ruleId).toBe('clean/byline');
    expect(clean([article(html, { format: 'html' })]).cleaned[0]!.date).toBe('2024-11-18');
  });
});

describe("a researcher's byline on a think tank's post", () => {
  const story = [
    'The autumn budget gave councils in England an extra £1.3 billion for social care next year, but most will still face a funding gap.',
    'We estimate that councils will need to find £2.1 billion in savings or tax rises to balance their books in 2025-26.',
    'The gap is widest in county areas, where demand for adult social care is rising fastest.',
  ];
  it('names the author: the name before the role in the removed byline block ("Sam Patel, Senior Researcher · 18 November 2024")', () => {
    const html = `<html><body><article class="post"><h1>What the autumn budget means for councils</h1><div class="post-authors"><a href="/people/sam">Sam Patel</a>, Senior Researcher · 18 November 2024 · 5 min read</div>${story.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`;
    const cleaned = clean([article(html, { format: 'html' })]).cleaned[0]!;
    expect(cleaned.author).toBe('Sam Patel');
    expect(cleaned.paragraphs.map((p) => p.text)).toEqual(story);
  });
});

describe('a kicker over the headline', () => {
  const body = [
    'The autumn budget gave councils in England an extra £1.3 billion for social care next year, but most will still face a funding gap.',
    'We estimate that councils will need to find £2.1 billion in savings or tax rises to balance their books in 2025-26.',
    'The gap is widest in county areas, where demand for adult social care is rising fastest.',
  ];
  const page = (kicker: string, title = 'What the autumn budget means for councils') =>
    `<html><head><title>${title}</title></head><body><article class="post"><p class="post-kicker">${kicker}</p><h1>${title}</h1>${body.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`;

  it('goes (class "kicker", "eyebrow", "overline"), and a kicker of commentary labels the title', () => {
    const plain = clean([article(page('Blog post'), { format: 'html' })]).cleaned[0]!;
    expect(plain.paragraphs.map((p) => p.text)).toEqual(body);
    expect(plain.title).toBe('What the autumn budget means for councils');
    const opinion = clean([article(page('Opinion').replace('post-kicker', 'c-eyebrow'), { format: 'html' })]).cleaned[0]!;
    expect(opinion.title).toBe('Opinion: What the autumn budget means for councils');
    expect(isCommentary(opinion)).toBe(true);
    // A title that says it already is not labelled twice.
    expect(clean([article(page('Analysis', 'Analysis: what the budget means'), { format: 'html' })]).cleaned[0]!.title).toBe('Analysis: what the budget means');
  });
});
