import { mkdtempSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Reporter } from '../../pipeline/common/report.ts';
import { defaultConfig } from '../../pipeline/config/schema.ts';
import { applyEditionOverrides, editionFingerprint, loadOverrides, parseOverrides, updateOverrides, withKeptParagraphs, type OverrideFile } from '../../pipeline/overrides/index.ts';
import type { Edition, EditionStory } from '../../pipeline/types.ts';

function file(date: string, yaml: string): { reporter: Reporter; file: OverrideFile | null } {
  const reporter = new Reporter();
  const parsed = parseOverrides(yaml, `content/editions/${date}.yaml`, reporter.for('preview'));
  return { reporter, file: parsed ? { date, file: `content/editions/${date}.yaml`, ...parsed } : null };
}

function story(id: string, headline = `Headline ${id}`): EditionStory {
  return { id, headline, summary: `Summary of ${id}.`, sentences: [{ text: `Summary of ${id}.`, articleId: `a-${id}`, index: 0 }], sources: [], date: '2025-03-18' };
}

function edition(...ids: string[]): Edition {
  return { date: '2025-03-18', timezone: 'UTC', stories: ids.map((id) => story(id)), more: [{ id: 'm1', headline: 'More one' }] };
}

describe('override files: validation', () => {
  it('accepts every kind of override and keeps ids as written (leading zeros, digits)', () => {
    const { reporter, file: f } = file(
      '2025-03-18',
      `approved: yes
note: |
  Corrections welcome.
order: [012345, b]
stories:
  012345:
    hide: true
  b:
    pin: true
    headline: 2025
    summary: A new summary.
split: [art-1]
merge:
  - [s1, s2]
keep:
  - Some kept text
  - file: content/a.txt
    text: paragraph
`,
    );
    expect(reporter.messages).toEqual([]);
    expect(f!.overrides).toEqual({
      approved: true,
      note: 'Corrections welcome.',
      order: ['012345', 'b'],
      stories: { '012345': { hide: true }, b: { pin: true, headline: '2025', summary: 'A new summary.' } },
      split: ['art-1'],
      merge: [['s1', 's2']],
      keep: ['Some kept text', { file: 'content/a.txt', text: 'paragraph' }],
    });
  });

  it('reports an unknown key, a wrong type and bad YAML by file and line', () => {
    const unknown = file('2025-03-18', 'approved: true\nstories:\n  abc:\n    hidden: true\n');
    expect(unknown.file).toBeNull();
    expect(unknown.reporter.messages).toMatchObject([{ severity: 'error', ruleId: 'overrides/invalid', file: 'content/editions/2025-03-18.yaml', line: 4 }]);
    expect(unknown.reporter.messages[0]!.reason).toContain('stories.abc.hidden');

    const wrongType = file('2025-03-18', 'note: fine\napproved: maybe\n');
    expect(wrongType.reporter.messages).toMatchObject([{ severity: 'error', line: 2 }]);
    expect(wrongType.reporter.messages[0]!.reason).toContain('approved');

    const merge = file('2025-03-18', 'merge:\n  - [only-one]\n');
    expect(merge.reporter.messages).toMatchObject([{ severity: 'error', line: 2 }]);

    const syntax = file('2025-03-18', 'note: ok\nstories: [unclosed\n');
    expect(syntax.reporter.messages[0]).toMatchObject({ severity: 'error', ruleId: 'overrides/syntax', file: 'content/editions/2025-03-18.yaml' });
    expect(syntax.reporter.messages[0]!.line).toBeGreaterThanOrEqual(2);

    // Parses, but the alias has no anchor: an error on its line, not a crash of the build.
    const alias = file('2025-03-18', 'note: ok\nstories:\n  abc: *nope\n');
    expect(alias.reporter.messages).toMatchObject([{ severity: 'error', ruleId: 'overrides/syntax', line: 3 }]);
  });

  it('loads files by date from content/editions and warns about misnamed ones', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'overrides-'));
    mkdirSync(path.join(dir, 'content', 'editions'), { recursive: true });
    writeFileSync(path.join(dir, 'content', 'editions', '2025-03-18.yaml'), 'approved: true\n');
    writeFileSync(path.join(dir, 'content', 'editions', 'march.yaml'), 'approved: true\n');
    writeFileSync(path.join(dir, 'content', 'editions', '2025-02-30.yaml'), 'approved: true\n');
    const reporter = new Reporter();
    const files = loadOverrides(dir, 'content', reporter.for('preview'));
    expect([...files.keys()]).toEqual(['2025-03-18']);
    expect(reporter.messages.map((m) => [m.file, m.severity])).toEqual([
      ['content/editions/2025-02-30.yaml', 'error'],
      ['content/editions/march.yaml', 'warning'],
    ]);
  });
});

describe('edition overrides', () => {
  it('hides, replaces, pins, orders, notes and approves, reporting each change', () => {
    const { file: f } = file('2025-03-18', 'approved: true\nnote: Hello readers\norder: [c, a]\nstories:\n  b:\n    hide: true\n  d:\n    pin: true\n  a:\n    headline: New A\n    summary: Written by hand.\n  m1:\n    hide: true\n');
    const reporter = new Reporter();
    const [out] = applyEditionOverrides([edition('a', 'b', 'c', 'd')], new Map([['2025-03-18', f!]]), reporter.for('preview'));
    expect(out!.stories.map((s) => s.id)).toEqual(['d', 'c', 'a']);
    expect(out!.stories[0]!.pinned).toBe(true);
    expect(out!.stories[2]).toMatchObject({ headline: 'New A', summary: 'Written by hand.', sentences: [] });
    expect(out!.more).toEqual([]);
    expect(out!.note).toBe('Hello readers');
    expect(out!.approved).toBe(true);
    const rules = reporter.messages.map((m) => m.ruleId);
    expect(rules).toEqual(expect.arrayContaining(['overrides/hide', 'overrides/headline', 'overrides/summary', 'overrides/order', 'overrides/note', 'overrides/approved']));
    const hide = reporter.messages.find((m) => m.ruleId === 'overrides/hide' && m.detail?.storyId === 'b')!;
    expect(hide).toMatchObject({ file: 'content/editions/2025-03-18.yaml', line: 6, detail: { headline: 'Headline b' } });
  });

  it('lets an approval lapse when the edition changed after it was approved', () => {
    const approvedAs = editionFingerprint(edition('a', 'b'));
    const approve = (hash: string) => file('2025-03-18', `approved: true\napprovedHash: ${hash}\n`).file!;
    const same = new Reporter();
    expect(applyEditionOverrides([edition('a', 'b')], new Map([['2025-03-18', approve(approvedAs)]]), same.for('preview'))[0]!.approved).toBe(true);
    const changed = new Reporter();
    const [out] = applyEditionOverrides([edition('a', 'b', 'c')], new Map([['2025-03-18', approve(approvedAs)]]), changed.for('preview'));
    expect(out!.approved).toBe(false);
    expect(changed.messages).toMatchObject([{ severity: 'warning', ruleId: 'overrides/approval-stale', line: 2 }]);
    // A hand-written approval without a fingerprint holds.
    const hand = file('2025-03-18', 'approved: true\n').file!;
    expect(applyEditionOverrides([edition('x')], new Map([['2025-03-18', hand]]), new Reporter().for('preview'))[0]!.approved).toBe(true);
  });

  it('leaves other editions alone and does not mutate its input', () => {
    const { file: f } = file('2025-03-18', 'stories:\n  a:\n    hide: true\n');
    const input = [edition('a', 'b'), { ...edition('x'), date: '2025-03-19' }];
    const snapshot = JSON.stringify(input);
    const out = applyEditionOverrides(input, new Map([['2025-03-18', f!]]), new Reporter().for('preview'));
    expect(out[0]!.stories.map((s) => s.id)).toEqual(['b']);
    expect(out[1]).toBe(input[1]);
    expect(JSON.stringify(input)).toBe(snapshot);
  });

  it('warns, by line, about overrides naming stories that are not in the edition', () => {
    const { file: f } = file('2025-03-18', 'order: [a, gone]\nstories:\n  vanished:\n    pin: true\n');
    const reporter = new Reporter();
    applyEditionOverrides([edition('a')], new Map([['2025-03-18', f!]]), reporter.for('preview'));
    expect(reporter.messages.filter((m) => m.severity === 'warning').map((m) => [m.ruleId, m.line])).toEqual([
      ['overrides/unknown-story', 3],
      ['overrides/unknown-story', 1],
    ]);
  });
});

describe('keep overrides', () => {
  it('adds kept paragraphs to clean.keep without duplicates', () => {
    const { file: f } = file('2025-03-18', 'keep:\n  - Sign up for our briefing\n  - file: content/a.txt\n');
    const config = defaultConfig();
    const out = withKeptParagraphs(config, new Map([['2025-03-18', f!]]));
    expect(out.clean.keep).toEqual(['Sign up for our briefing', { file: 'content/a.txt' }]);
    expect(config.clean.keep).toEqual([]);
    expect(withKeptParagraphs(out, new Map([['2025-03-18', f!]])).clean.keep).toHaveLength(2);
  });
});

describe('writing override files', () => {
  it('applies changes atomically, keeps comments and removes emptied keys', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'overrides-write-'));
    mkdirSync(path.join(dir, 'content', 'editions'), { recursive: true });
    const target = path.join(dir, 'content', 'editions', '2025-03-18.yaml');
    writeFileSync(target, '# my notes on this edition\nnote: Keep me\n');
    expect(updateOverrides(dir, 'content', '2025-03-18', { kind: 'hide', storyId: '012345', value: true }).ok).toBe(true);
    expect(updateOverrides(dir, 'content', '2025-03-18', { kind: 'headline', storyId: 'abc', value: 'Yes: "quoted" # not a comment' }).ok).toBe(true);
    expect(updateOverrides(dir, 'content', '2025-03-18', { kind: 'approve', value: true, fingerprint: '0123456789abcdef' }).ok).toBe(true);
    let text = readFileSync(target, 'utf8');
    expect(text).toContain('# my notes on this edition');
    const reporter = new Reporter();
    const parsed = parseOverrides(text, 'x.yaml', reporter.for('preview'))!;
    expect(parsed.overrides).toEqual({ note: 'Keep me', approved: true, approvedHash: '0123456789abcdef', stories: { '012345': { hide: true }, abc: { headline: 'Yes: "quoted" # not a comment' } } });

    updateOverrides(dir, 'content', '2025-03-18', { kind: 'hide', storyId: '012345', value: false });
    updateOverrides(dir, 'content', '2025-03-18', { kind: 'headline', storyId: 'abc', value: '' });
    updateOverrides(dir, 'content', '2025-03-18', { kind: 'approve', value: false });
    text = readFileSync(target, 'utf8');
    expect(parseOverrides(text, 'x.yaml', reporter.for('preview'))!.overrides).toEqual({ note: 'Keep me', approved: false });
    expect(text).not.toContain('stories');
    // No temporary files are left behind.
    expect(readdirSync(path.dirname(target))).toEqual(['2025-03-18.yaml']);
  });

  it('never overwrites a file that is invalid, and refuses a change that would make it invalid', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'overrides-write-'));
    mkdirSync(path.join(dir, 'content', 'editions'), { recursive: true });
    const target = path.join(dir, 'content', 'editions', '2025-03-18.yaml');
    writeFileSync(target, 'stories: [oops\n');
    const result = updateOverrides(dir, 'content', '2025-03-18', { kind: 'approve', value: true });
    expect(result.ok).toBe(false);
    expect(readFileSync(target, 'utf8')).toBe('stories: [oops\n');
    writeFileSync(target, '');
    const long = updateOverrides(dir, 'content', '2025-03-18', { kind: 'headline', storyId: 'a', value: 'x'.repeat(101) });
    expect(long.ok).toBe(false);
    expect(readFileSync(target, 'utf8')).toBe('');
  });
});
