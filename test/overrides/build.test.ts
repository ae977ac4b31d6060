import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../pipeline/build/index.ts';
import { defaultConfig } from '../../pipeline/config/schema.ts';
import { Reporter } from '../../pipeline/shared/report.ts';
import type { Edition, Message } from '../../pipeline/types.ts';
import { sampleCopy } from '../preview/sample.ts';

async function buildSample(dir: string) {
  const reporter = new Reporter();
  const { summary } = await build({ cwd: dir, config: defaultConfig(), reporter, cache: false });
  const edition = (date: string): Edition => JSON.parse(readFileSync(path.join(dir, 'out', 'editions', date, 'edition.json'), 'utf8'));
  return { summary, reporter, edition };
}

const PROMO_FILE = 'content/002_5c41cbf52229f305.txt';

describe('overrides in a real build', () => {
  it('applies split, keep, hide, headline, note and approval, and keeps them across rebuilds', async () => {
    const dir = sampleCopy();
    const first = await buildSample(dir);
    expect(first.summary.written).toBe(true);
    const march = first.edition('2025-03-18');
    const wire = march.stories.find((s) => s.sources.some((x) => x.articleId === '000_94aba342c8781b43'))!;
    expect(wire.sources.length).toBeGreaterThan(1);
    const bridge = march.stories.find((s) => s.headline.startsWith('Harbour bridge'))!;
    const library = march.stories.find((s) => s.headline.startsWith('Orchard Street'))!;
    const promo = first.reporter.messages.find((m) => m.stage === 'clean' && m.file === PROMO_FILE && typeof m.detail?.text === 'string' && /WhatsApp community/.test(String(m.detail.text)));
    expect(promo).toBeDefined();

    mkdirSync(path.join(dir, 'content', 'editions'));
    writeFileSync(
      path.join(dir, 'content', 'editions', '2025-03-18.yaml'),
      `# hand-written
approved: true
note: Corrections to yesterday's edition below.
order: [${library.id}]
stories:
  ${bridge.id}:
    hide: true
  ${library.id}:
    headline: The library opens every day
split: [000_94aba342c8781b43]
keep:
  - file: ${PROMO_FILE}
    text: WhatsApp community
`,
    );
    for (let round = 0; round < 2; round++) {
      const { summary, reporter, edition } = await buildSample(dir);
      expect(summary.written).toBe(true);
      const e = edition('2025-03-18');
      expect(e.approved).toBe(true);
      expect(e.note).toBe("Corrections to yesterday's edition below.");
      expect(e.stories.map((s) => s.id)).not.toContain(bridge.id);
      expect(e.stories[0]).toMatchObject({ id: library.id, headline: 'The library opens every day' });
      const alone = e.stories.find((s) => s.sources.some((x) => x.articleId === '000_94aba342c8781b43'))!;
      expect(alone.sources.map((x) => x.articleId)).toEqual(['000_94aba342c8781b43']);
      const messages: Message[] = reporter.messages;
      expect(messages.some((m) => m.ruleId === 'dedupe/editor-split')).toBe(true);
      expect(messages.some((m) => m.stage === 'clean' && m.file === PROMO_FILE && /WhatsApp community/.test(String(m.detail?.text ?? '')) && m.severity === 'info' && /^clean\/(promo|banner|share|navigation|credit|notice|repeated)$/.test(m.ruleId))).toBe(false);
      expect(messages.filter((m) => m.severity === 'error')).toEqual([]);
      // The other editions are untouched.
      expect(edition('2025-04-23').approved).toBeUndefined();
    }
  });

  it('fails the build, naming file and line, when an override file is invalid', async () => {
    const dir = sampleCopy();
    mkdirSync(path.join(dir, 'content', 'editions'));
    writeFileSync(path.join(dir, 'content', 'editions', '2025-03-18.yaml'), 'approved: true\nnote: fine\nstories:\n  abc:\n    hide: perhaps\n');
    const { summary, reporter } = await buildSample(dir);
    expect(summary.written).toBe(false);
    expect(reporter.messages.filter((m) => m.severity === 'error')).toMatchObject([{ file: 'content/editions/2025-03-18.yaml', line: 5, ruleId: 'overrides/invalid' }]);
  });
});
