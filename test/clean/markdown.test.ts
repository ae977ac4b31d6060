import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { markdownToParagraphs } from '../../pipeline/clean/markdown.ts';
import { configSchema } from '../../pipeline/config/schema.ts';
import { ingestFile } from '../../pipeline/ingest/index.ts';
import { Reporter } from '../../pipeline/common/report.ts';
import { article, clean } from './helpers.ts';

const BODY = `# Council approves harbour plan

The council voted 31 to 12 on Tuesday to close the harbourside to cars from next summer.

## What changes

- Buses and bicycles keep access
- Deliveries allowed before 10am
- Parking moves to two new sites

> “This is the biggest change to the city centre in fifty years,” the mayor said.

| Route | Buses per hour |
| --- | --- |
| Harbour loop | 12 |
| Airport | 4 |

![Harbourside at dusk](harbour.jpg)

Sign up to our free newsletter for the latest news from your city, delivered straight to your inbox.

Opponents said they would ask for a judicial review of the decision.
`;

describe('Markdown → paragraphs', () => {
  it('keeps headings, paragraphs, lists, quotes and tables with their lines; images alone are not text', () => {
    const { paragraphs } = markdownToParagraphs(BODY);
    expect(paragraphs.map((p) => [p.type, p.line])).toEqual([
      ['heading', 1],
      ['paragraph', 3],
      ['heading', 5],
      ['list', 7],
      ['quote', 11],
      ['table', 13],
      ['paragraph', 20],
      ['paragraph', 22],
    ]);
    expect(paragraphs[3]!.text).toBe('- Buses and bicycles keep access\n- Deliveries allowed before 10am\n- Parking moves to two new sites');
    expect(paragraphs[5]!.text).toBe('Route | Buses per hour\nHarbour loop | 12\nAirport | 4');
    expect(paragraphs[4]!.text).toBe('“This is the biggest change to the city centre in fifty years,” the mayor said.');
  });

  it("leaves out a site generator's template tags (Hugo's shortcodes, Liquid's tags and expressions), keeping a paired shortcode's text", () => {
    const md = [
      '{{< figure src="/img/ferry.jpg" caption="The Harbour ferry at dawn" >}}',
      '',
      'Ferry fares will rise by 8% from 1 January, the operator said.',
      '',
      '{% include newsletter-signup.html %}',
      '',
      'A return ticket will cost £96, up from £89.',
      '',
      '{{ partial "subscribe.html" . }}',
      '',
      '{{% notice info %}}',
      'This post is part of our Island Life series.',
      '{{% /notice %}}',
      '',
      'Use {curly braces} and {{double ones}} in a sentence: they stay.',
    ].join('\n');
    const blocks = markdownToParagraphs(md);
    // Nothing goes silently: each block's tags, with its line, for the article's removals (clean/template-tag).
    expect(blocks.templateTags).toEqual([
      { text: '{{< figure src="/img/ferry.jpg" caption="The Harbour ferry at dawn" >}}', line: 1 },
      { text: '{% include newsletter-signup.html %}', line: 5 },
      { text: '{{ partial "subscribe.html" . }}', line: 9 },
      { text: '{{% notice info %}} {{% /notice %}}', line: 11 },
    ]);
    expect(blocks.paragraphs.map((p) => p.text)).toEqual([
      'Ferry fares will rise by 8% from 1 January, the operator said.',
      'A return ticket will cost £96, up from £89.',
      'This post is part of our Island Life series.',
      'Use {curly braces} and {{double ones}} in a sentence: they stay.',
    ]);
  });

  it('reads inline markup as plain text', () => {
    const { paragraphs } = markdownToParagraphs('Some **bold** and _italic_ text with a [link](https://example.org) and `code`.\nSoft-wrapped line.');
    expect(paragraphs).toEqual([{ type: 'paragraph', text: 'Some bold and italic text with a link and code. Soft-wrapped line.', line: 1 }]);
  });
});

describe('Markdown articles through the clean stage', () => {
  it('removes the sign-up paragraph and keeps everything else', () => {
    const result = clean([article(BODY, { format: 'md', id: 'harbour' })]).cleaned[0]!;
    expect(result.removed.map((r) => [r.ruleId, r.line])).toEqual([['clean/promo', 20]]);
    expect(result.paragraphs.map((p) => p.type)).toEqual(['heading', 'paragraph', 'heading', 'list', 'quote', 'table', 'paragraph']);
    expect(result.text).toContain('Opponents said they would ask for a judicial review');
    expect(result.text).not.toMatch(/newsletter/);
  });

  it('keeps a paragraph marked <!-- briefing: keep --> and reports it as kept', () => {
    const body = BODY.replace('Sign up to our free', '<!-- briefing: keep -->\n\nSign up to our free');
    const { cleaned, messages } = clean([article(body, { format: 'md', id: 'harbour' })]);
    expect(cleaned[0]!.removed).toEqual([]);
    expect(cleaned[0]!.text).toMatch(/Sign up to our free newsletter/);
    const kept = messages.find((m) => m.ruleId === 'clean/kept')!;
    expect(kept.reason).toMatch(/kept by the article’s <!-- briefing: keep --> comment, although clean\/promo would remove it/);
    expect(kept.line).toBe(22);
  });

  it('keeps the whole article with <!-- briefing: keep-all -->', () => {
    const { cleaned } = clean([article(`<!-- briefing: keep-all -->\n\n${BODY}`, { format: 'md' })]);
    expect(cleaned[0]!.removed).toEqual([]);
    expect(cleaned[0]!.paragraphs).toHaveLength(8);
  });

  it('reads a real .md file with front matter: lines point into the file, metadata from ingest is kept', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'briefing-clean-md-'));
    const file = path.join(dir, 'harbour.md');
    writeFileSync(file, `---\ntitle: Harbour plan approved\ndate: 2025-05-06\nsource: City Courier\n---\n${BODY}`);
    const reporter = new Reporter();
    const [ingested] = ingestFile(file, { config: configSchema.parse({}), cwd: dir, report: reporter.for('ingest') });
    const result = clean([ingested!]).cleaned[0]!;
    expect(result).toMatchObject({ title: 'Harbour plan approved', date: '2025-05-06', publisher: 'City Courier' });
    expect(result.paragraphs[0]).toEqual({ type: 'heading', text: 'Council approves harbour plan', line: 6 });
    expect(result.removed[0]!.line).toBe(25);
  });
});
