import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../pipeline/build/index.ts';
import { defaultConfig } from '../../pipeline/config/schema.ts';
import { Reporter } from '../../pipeline/common/report.ts';
import type { Edition } from '../../pipeline/types.ts';
import { sampleCopy } from '../preview/sample.ts';

async function buildSample(dir: string) {
  const reporter = new Reporter();
  const { summary } = await build({ cwd: dir, config: defaultConfig(), reporter, cache: false });
  const edition = (date: string): Edition => JSON.parse(readFileSync(path.join(dir, 'out', 'editions', date, 'edition.json'), 'utf8'));
  return { summary, reporter, edition };
}

const PROMO_FILE = 'content/002_5c41cbf52229f305.txt';
const DATE = '2025-03-18';
const overrideFile = (dir: string) => path.join(dir, 'content', 'editions', `${DATE}.yaml`);

/** The sample plus a verbatim copy of one article from another source: dedupe folds it into the original's story. */
function sampleWithCopy(): string {
  const dir = sampleCopy();
  const original = readFileSync(path.join(dir, 'content', 'harbour-bridge.md'), 'utf8');
  writeFileSync(path.join(dir, 'content', 'harbour-bridge-copy.md'), original.replace('source: Coastal Gazette', 'source: Wire Copy').replace(/url: .*\n/, 'url: https://wire.example.org/bridge\n'));
  mkdirSync(path.join(dir, 'content', 'editions'));
  return dir;
}

describe('overrides in a real build', () => {
  it('applies keep, hide, headline, order, note and approval, and keeps them across rebuilds', async () => {
    const dir = sampleWithCopy();
    const first = await buildSample(dir);
    expect(first.summary.written).toBe(true);
    const march = first.edition(DATE);
    const bridge = march.stories.find((s) => s.headline.startsWith('Harbour bridge'))!;
    const library = march.stories.find((s) => s.headline.startsWith('Orchard Street'))!;
    const promo = first.reporter.messages.find((m) => m.stage === 'clean' && m.file === PROMO_FILE && /WhatsApp community/.test(String(m.detail?.text ?? '')));
    expect(promo).toBeDefined();

    writeFileSync(
      overrideFile(dir),
      `# hand-written
approved: true
note: Corrections to yesterday's edition below.
order: [${library.id}]
stories:
  ${bridge.id}:
    hide: true
  ${library.id}:
    headline: The library opens every day
keep:
  - file: ${PROMO_FILE}
    text: WhatsApp community
`,
    );
    for (let round = 0; round < 2; round++) {
      const { summary, reporter, edition } = await buildSample(dir);
      expect(summary.written).toBe(true);
      const e = edition(DATE);
      expect(e.approved).toBe(true);
      expect(e.note).toBe("Corrections to yesterday's edition below.");
      expect(e.stories.map((s) => s.id)).not.toContain(bridge.id);
      expect(e.stories[0]).toMatchObject({ id: library.id, headline: 'The library opens every day' });
      // The kept promo paragraph is no longer removed.
      expect(reporter.messages.some((m) => m.stage === 'clean' && m.severity === 'info' && m.file === PROMO_FILE && /WhatsApp community/.test(String(m.detail?.text ?? '')) && m.ruleId !== 'clean/kept')).toBe(false);
      expect(reporter.messages.filter((m) => m.severity === 'error')).toEqual([]);
      // Other editions are untouched.
      expect(edition('2025-04-23').approved).toBeUndefined();
    }
  });

  it('splits an article out of its story and merges two stories', async () => {
    const dir = sampleWithCopy();
    const march = (await buildSample(dir)).edition(DATE);
    const bridge = march.stories.find((s) => s.sources.some((x) => x.articleId === 'harbour-bridge'))!;
    expect(bridge.sources.map((x) => x.articleId).sort()).toEqual(['harbour-bridge', 'harbour-bridge-copy']);
    const library = march.stories.find((s) => s.sources.some((x) => x.articleId === 'orchard-library'))!;

    writeFileSync(overrideFile(dir), 'split: [harbour-bridge-copy]\n');
    const split = await buildSample(dir);
    const afterSplit = split.edition(DATE);
    const sourcesOf = (e: Edition, id: string) => e.stories.find((s) => s.sources.some((x) => x.articleId === id))!.sources.map((x) => x.articleId);
    expect(sourcesOf(afterSplit, 'harbour-bridge')).toEqual(['harbour-bridge']);
    expect(sourcesOf(afterSplit, 'harbour-bridge-copy')).toEqual(['harbour-bridge-copy']);
    expect(split.reporter.messages.some((m) => m.ruleId === 'dedupe/editor-split' && m.file === `content/editions/${DATE}.yaml`)).toBe(true);

    writeFileSync(overrideFile(dir), `merge:\n  - [${bridge.id}, ${library.id}]\n`);
    const merged = await buildSample(dir);
    expect(sourcesOf(merged.edition(DATE), 'orchard-library').sort()).toEqual(['harbour-bridge', 'harbour-bridge-copy', 'orchard-library']);
    expect(merged.reporter.messages.some((m) => m.ruleId === 'dedupe/editor-merge')).toBe(true);
  });

  it('fails the build, naming file and line, when an override file is invalid', async () => {
    const dir = sampleWithCopy();
    writeFileSync(overrideFile(dir), 'approved: true\nnote: fine\nstories:\n  abc:\n    hide: perhaps\n');
    const { summary, reporter } = await buildSample(dir);
    expect(summary.written).toBe(false);
    expect(reporter.messages.filter((m) => m.severity === 'error')).toMatchObject([{ file: `content/editions/${DATE}.yaml`, line: 5, ruleId: 'overrides/invalid' }]);
  });
});
