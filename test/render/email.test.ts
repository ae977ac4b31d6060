import { beforeAll, describe, expect, it } from 'vitest';
import { syntheticEditions } from '../../pipeline/render/synthetic.ts';
import { layoutPlainText } from '../../pipeline/render/text.ts';
import { errors, fixtureEditions, renderTo, type Rendered } from './helpers.ts';

describe('the email', () => {
  let out: Rendered;
  let html: string;
  beforeAll(async () => {
    out = await renderTo(fixtureEditions(), { title: 'Morning Brief', language: 'en-GB', baseUrl: 'https://news.example.org/brief' });
    html = out.read('editions/2025-03-18/email.html');
  });

  it('renders without errors', () => {
    expect(errors(out.messages)).toEqual([]);
  });

  it('has lang, <title>, preheader, colour-scheme meta and dark-mode styles', () => {
    expect(html).toMatch(/<html lang="en-GB"/);
    expect(html).toContain('<title>Morning Brief — Tuesday, 18 March 2025</title>');
    // The preheader: hidden text right after <body>, starting with the first headline.
    expect(html).toMatch(/<div style="display:none;[^"]*">City council approves £40m plan/);
    expect(html).toContain('<meta name="color-scheme" content="light dark">');
    expect(html).toMatch(/@media \(prefers-color-scheme: dark\)/);
  });

  it('uses role="presentation" on every layout table and loads nothing external', () => {
    const tables = html.match(/<table\b[^>]*>/g) ?? [];
    expect(tables.length).toBeGreaterThan(5);
    for (const table of tables) expect(table).toContain('role="presentation"');
    expect(html).not.toMatch(/<script|<link\b|@import|<img\b/i);
  });

  it('shows the date in the configured language, story count, note, stories, sources and "more"', () => {
    expect(html).toContain('Tuesday, 18 March 2025 · 2 stories');
    expect(html).toContain('Good morning. Two stories today');
    expect(html).toContain('<a href="https://ledger.example.com/2025/03/18/flood-plan">City council approves £40m plan to rebuild the river flood defences</a>');
    // The lead source (the headline's link), then the others under "Also reported by".
    expect(html).toContain('18 Mar 2025 · <a href="https://ledger.example.com/2025/03/18/flood-plan">The Daily Ledger</a> · Also reported by: <a href="https://wire.example.net/news/flood-walls?id&#x3D;7&amp;src&#x3D;rss">Metro Wire</a>, scan-floods.txt');
    expect(html).toContain('More stories');
    expect(html).toContain('<li>Library extends weekend opening hours</li>');
  });

  it('links the web version and carries the unsubscribe placeholder in href and text', () => {
    expect(html).toContain('href="https://news.example.org/brief/editions/2025-03-18/"');
    expect(html).toContain('<a href="%%UNSUBSCRIBE_URL%%">Unsubscribe: %%UNSUBSCRIBE_URL%%</a>');
  });

  it('an edition without note or "more" omits them', () => {
    const other = out.read('editions/2025-03-17/email.html');
    expect(other).toContain('1 story');
    expect(other).not.toContain('More stories');
    expect(other).not.toContain('border-left:4px solid');
  });
});

describe('email size', () => {
  it('a 12-story edition stays well under Gmail\'s 102 KB clip, without warnings', async () => {
    const out = await renderTo(syntheticEditions('2025-06-01', 1, 12));
    const bytes = Buffer.byteLength(out.read('editions/2025-06-01/email.html'));
    expect(bytes).toBeLessThan(90 * 1024);
    expect(out.messages.filter((m) => m.ruleId === 'render/email-size')).toEqual([]);
  });

  it('warns above the threshold, naming the edition', async () => {
    const out = await renderTo(syntheticEditions('2025-06-01', 2, 12), { render: { emailSizeWarnKb: 10 } });
    const warnings = out.messages.filter((m) => m.ruleId === 'render/email-size');
    expect(warnings.map((w) => w.severity)).toEqual(['warning', 'warning']);
    expect(warnings[0]!.reason).toContain('2025-06-01');
    expect(warnings[1]!.file).toBe('editions/2025-06-02/email.html');
  });

  it('an oversized edition says Gmail will clip it', async () => {
    const [edition] = syntheticEditions('2025-06-01', 1, 12);
    for (const story of edition!.stories) story.summary = story.summary.repeat(12);
    const out = await renderTo([edition!]);
    const [warning] = out.messages.filter((m) => m.ruleId === 'render/email-size');
    expect(warning?.reason).toMatch(/Gmail clips/);
    expect(warning?.detail?.clipped).toBe(true);
  });
});

describe('the plain-text part', () => {
  let text: string;
  beforeAll(async () => {
    const out = await renderTo(fixtureEditions());
    text = out.read('editions/2025-03-18/email.txt');
  });

  it('has the same content: date, count, note, headlines, summaries, sources, more, unsubscribe', () => {
    expect(text).toMatch(/^Briefing\nTuesday, March 18, 2025 · 2 stories\n/);
    expect(text).toContain('Good morning. Two stories today');
    expect(text).toContain('1. City council approves £40m plan to rebuild the river flood defences [2]');
    expect(text).toContain('Train drivers accepted a two-year pay offer');
    expect(text).toMatch(/The Daily Ledger \[2\] · Also reported by: Metro Wire \[3\],\s+scan-floods\.txt\n/);
    expect(text).toContain('- Library extends weekend opening hours');
    expect(text).toMatch(/^Unsubscribe: %%UNSUBSCRIBE_URL%%$/m);
  });

  it('names each source on one line, whatever line breaks or control characters its file name or publisher holds', async () => {
    const editions = fixtureEditions();
    const sources = editions[0]!.stories[0]!.sources;
    sources[1]!.publisher = 'Metro\n\tWire';
    sources[2]!.file = 'content/scan\u0007-floods\u0000.txt';
    const out = await renderTo(editions);
    const plain = out.read('editions/2025-03-18/email.txt');
    expect(plain).toMatch(/The Daily Ledger \[2\] · Also reported by: Metro Wire \[3\],\s+scan-floods\.txt\n/);
    expect(out.read('editions/2025-03-18/index.html')).toContain('Metro Wire</a>');
  });

  it('a story told by one outlet names it as its source, not as "also reported by"', async () => {
    const editions = fixtureEditions();
    const story = editions[0]!.stories[0]!;
    story.sources = story.sources.slice(0, 1);
    const out = await renderTo(editions);
    const plain = out.read('editions/2025-03-18/email.txt');
    expect(plain).toMatch(/Mar 18, 2025 · The Daily Ledger \[2\]\n\n2\. /);
    const html = out.read('editions/2025-03-18/email.html');
    expect(html).toContain('Mar 18, 2025 · <a href="https://ledger.example.com/2025/03/18/flood-plan">The Daily Ledger</a></span>');
    // The edition's other story still lists its other sources.
    expect(html.match(/Also reported by/g)?.length ?? 0).toBe(editions[0]!.stories.filter((s) => new Set(s.sources.map((x) => x.publisher ?? x.file)).size > 1).length);
  });

  it('says which sources are commentary, so an outlet’s report and its column on it are told apart', async () => {
    const editions = fixtureEditions();
    const story = editions[0]!.stories[0]!;
    const lead = story.sources[0]!;
    story.sources = [
      lead,
      { ...lead, articleId: 'ledger/column', role: 'related', title: 'The flood plan is too little, too late', url: 'https://ledger.example.com/opinion/2025/03/18/flood-plan' },
      { ...lead, articleId: 'wire/analysis', role: 'related', publisher: 'Metro Wire', title: 'Analysis: who pays for the flood walls', url: 'https://wire.example.net/2025/flood-walls-money' },
    ];
    const out = await renderTo(editions);
    const plain = out.read('editions/2025-03-18/email.txt');
    expect(plain).toMatch(/The Daily Ledger \[2\] · Also reported by: The Daily Ledger\s+\(opinion\) \[3\],\s+Metro\s+Wire\s+\(analysis\)\s+\[4\]\n/);
    expect(out.read('editions/2025-03-18/email.html')).toContain('<a href="https://ledger.example.com/opinion/2025/03/18/flood-plan">The Daily Ledger (opinion)</a>');
    // A report's source is its outlet's name alone.
    expect(plain).toMatch(/· The Daily Ledger \[2\] ·/);
  });

  it('the lead source is the one the headline links to, even when a source without a web address comes first', async () => {
    const editions = fixtureEditions();
    const story = editions[0]!.stories[0]!;
    story.sources = [story.sources[2]!, story.sources[0]!];
    const plain = (await renderTo(editions)).read('editions/2025-03-18/email.txt');
    expect(plain).toMatch(/The Daily Ledger \[2\] · Also reported by: scan-floods\.txt\n/);
  });

  it('numbers links and lists them at the end, the web version first', () => {
    const list = text.slice(text.indexOf('\nLinks:\n'));
    expect(list).toContain('[1] https://briefing.example.org/editions/2025-03-18/');
    expect(list).toContain('[2] https://ledger.example.com/2025/03/18/flood-plan');
    expect(list).toContain('[3] https://wire.example.net/news/flood-walls?id=7&src=rss');
    expect(list).toContain('[4] https://herald.example.org/rail');
    expect(text).toContain('View in your browser [1]');
  });

  it('wraps every line at 78 columns', () => {
    for (const line of text.split('\n')) expect(line.length, line).toBeLessThanOrEqual(78);
  });
});

describe('layoutPlainText', () => {
  it('wraps with a hanging indent under list markers and never breaks a long URL', () => {
    const long = `[12] https://example.com/${'a'.repeat(90)}`;
    const out = layoutPlainText(`- ${'word '.repeat(30).trim()}\n${long}\n\n\n\nend`);
    const lines = out.split('\n');
    expect(lines[0]).toMatch(/^- word/);
    expect(lines[1]).toMatch(/^ {2}word/);
    expect(lines.every((l) => l.length <= 78 || l === long)).toBe(true);
    expect(out).toContain(`${long}\n\nend\n`);
  });

  it('keeps French punctuation with its word and no-break spaces as they are, wrapping only at breakable spaces', () => {
    const text = "Les députés ont adopté jeudi le projet de loi de finances. « C'est un budget de responsabilité », a déclaré le ministre, et l'opposition ? Elle saisira le Conseil\u202F: « Nous irons jusqu'au bout ».";
    for (let width = 20; width <= 78; width++) {
      const lines = layoutPlainText(text, width).trimEnd().split('\n');
      for (const line of lines) {
        // No line starts with a closing mark or ends with an opening one.
        expect(line, `width ${width}`).not.toMatch(/^\s*[»:;!?]|«$/);
        expect(line.length <= width || !/ /.test(line.trim()), `width ${width}`).toBe(true);
      }
      // Every no-break space is still there, and the words in order.
      expect(lines.join(' ').replace(/ +/g, ' ')).toBe(text);
    }
  });
});
