import { describe, expect, it } from 'vitest';
import type { Article } from '../../pipeline/types.ts';
import { clean, sampleArticles } from './helpers.ts';

/**
 * What each sample article keeps and loses. Expectations are written from the
 * articles themselves (first sentence, headings, promo block), checked both
 * with the whole sample cleaned together (as the build does) and each article
 * alone (as `extract FILE` does, without repetition across articles).
 */
const samples = sampleArticles();
const byId = (articles: Article[], prefix: string) => articles.find((a) => a.id.startsWith(prefix))!;

/** Furniture words that must not survive anywhere in the cleaned sample. */
const FURNITURE = [/support now/i, /read more/i, /your donation/i, /paywall/i, /whatsapp/i, /click here/i, /join chat/i, /privacy notice/i, /special offers/i];

const modes: [string, () => Article[]][] = [
  ['cleaned together', () => clean(samples).cleaned],
  ['each alone', () => samples.flatMap((a) => clean([a]).cleaned)],
];

describe.each(modes)('sample articles, %s', (_mode, run) => {
  const cleaned = run();

  it('cleans all five articles, dated from their date lines', () => {
    expect(cleaned).toHaveLength(5);
    expect(cleaned.map((a) => a.date)).toEqual(['2025-03-18', null, null, '2025-04-23', '2025-02-23']);
  });

  it('leaves no banner, promo or sign-up text in any article', () => {
    for (const a of cleaned) for (const pattern of FURNITURE) expect(a.text, `${a.id} ${pattern}`).not.toMatch(pattern);
  });

  it('keeps every article paragraph: nothing but furniture is removed', () => {
    for (const a of cleaned) {
      const original = a.raw.split('\n').map((l) => l.trim()).filter(Boolean);
      const removed = new Set(a.removed.map((r) => r.text));
      const kept = new Set(a.paragraphs.map((p) => p.text));
      // Every source line is either kept whole or removed whole.
      for (const line of original) expect(kept.has(line) || removed.has(line), `${a.id}: ${line.slice(0, 60)}`).toBe(true);
    }
  });

  it('000, 003, 004: removes the donation banner on the date line, and only it; the first sentence survives whole', () => {
    const firsts: Record<string, string> = {
      '000': 'David Lammy has reiterated the need for an “enduring and a lasting peace” in Ukraine, ahead of talks with the EU’s high representative on foreign affairs.',
      '003': 'Foreign Secretary David Lammy and Defence Secretary John Healey met their Ukrainian counterparts as officials from the US and Europe conducted talks on efforts to end the war with Russia.',
      '004': 'Sir Keir Starmer and Emmanuel Macron have agreed to raise the importance of showing “united leadership” in backing Ukraine against Russian aggression during meetings with Donald Trump this week, Downing Street said.',
    };
    for (const [prefix, first] of Object.entries(firsts)) {
      const a = byId(cleaned, prefix);
      expect(a.paragraphs[0]!.text).toBe(first);
      expect(a.text.startsWith(first)).toBe(true);
      expect(a.removed).toHaveLength(1);
      expect(a.removed[0]!.ruleId).toBe('clean/banner');
      expect(a.removed[0]!.line).toBe(1);
      expect(a.removed[0]!.text).toMatch(/^Your support helps us/);
      expect(a.removed[0]!.text).toMatch(/Read more$/);
    }
    expect(byId(cleaned, '000').paragraphs).toHaveLength(14);
    expect(byId(cleaned, '003').paragraphs).toHaveLength(19);
    expect(byId(cleaned, '004').paragraphs).toHaveLength(8);
    expect(byId(cleaned, '004').paragraphs.at(-1)!.text).toBe('“The leaders agreed to stay in close contact.”');
  });

  it('001: removes nothing and marks its three subheadings as headings', () => {
    const a = byId(cleaned, '001');
    expect(a.removed).toEqual([]);
    expect(a.paragraphs).toHaveLength(21);
    const headings = a.paragraphs.filter((p) => p.type === 'heading').map((p) => p.text);
    expect(headings).toEqual(['EU-UK co-operation on Ukraine', 'Diplomatic efforts and US involvement', 'UK’s “coalition of the willing”']);
    // The heading is its own paragraph, not glued into the next sentence.
    const index = a.paragraphs.findIndex((p) => p.text === 'EU-UK co-operation on Ukraine');
    expect(a.paragraphs[index + 1]!.text).toMatch(/^The meeting, which will also include/);
    expect(a.paragraphs[index]!.line).toBe(3);
    expect(a.paragraphs[0]!.text).toMatch(/^Foreign Secretary David Lammy and Defence Secretary John Healey are set to meet/);
  });

  it('002: removes the five-paragraph community promo in the middle, keeps the rest in order', () => {
    const a = byId(cleaned, '002');
    expect(a.removed.map((r) => r.line)).toEqual([7, 8, 9, 10, 11]);
    expect(a.removed.every((r) => r.ruleId === 'clean/promo')).toBe(true);
    expect(a.removed[0]!.text).toMatch(/^As tension between the White House and Europe heats up/);
    expect(a.removed.at(-1)!.text).toBe('CLICK HERE TO JOIN');
    expect(a.paragraphs.map((p) => p.line)).toEqual([1, 2, 3, 4, 5, 6, 12, 13, 14, 15, 16, 17]);
    expect(a.paragraphs[0]!.text).toMatch(/^Keir Starmer held a phone call with Donald Trump on Monday night/);
    expect(a.paragraphs[6]!.text).toMatch(/^Before Tuesday’s meeting, Mr Lammy said/);
  });

  it('explains every removal with a rule id, a reason naming its evidence, and the text', () => {
    for (const a of cleaned) {
      for (const r of a.removed) {
        expect(r.ruleId).toMatch(/^clean\/[a-z-]+$/);
        expect(r.reason).toMatch(/— score -?\d+(\.\d+)?( ≥ 3|, removed with the furniture around it)$/);
        expect(r.text.length).toBeGreaterThan(0);
      }
    }
    expect(byId(cleaned, '002').removed.at(-1)!.reason).toMatch(/click call \(“CLICK HERE”\)/);
  });
});

describe('sample articles: messages', () => {
  it('reports each removal as an info message with file, line, rule id, reason and the removed text', () => {
    const { cleaned, messages } = clean(samples);
    const removals = cleaned.flatMap((a) => a.removed.map((r) => ({ a, r })));
    const infos = messages.filter((m) => m.severity === 'info' && m.ruleId !== 'clean/kept');
    expect(infos).toHaveLength(removals.length);
    expect(removals).toHaveLength(8);
    for (const { a, r } of removals) {
      const message = infos.find((m) => m.articleId === a.id && m.line === r.line)!;
      expect(message).toMatchObject({ stage: 'clean', file: a.origin.file, ruleId: r.ruleId, detail: { text: r.text } });
      expect(message.reason).toContain(r.reason);
    }
    expect(messages.filter((m) => m.severity !== 'info')).toEqual([]);
  });
});
