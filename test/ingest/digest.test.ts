import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { digestItems } from '../../pipeline/ingest/digest.ts';
import { ingestFile } from '../../pipeline/ingest/index.ts';
import { cleanArticles } from '../../pipeline/clean/index.ts';
import { makeCtx, removeDir, tempDir } from '../foundation/helpers.ts';

const DIGEST = [
  'date 2026-12-07',
  'The Energy Brief: Monday 7 December',
  '',
  'Good morning. Here’s what you need to know today.',
  '',
  'Grid queue reform takes effect',
  'Ofgem’s new connection rules took effect on Monday, moving 120 gigawatts of ready-to-build projects to the front of the queue. Developers of speculative projects have until March to show land rights or lose their place.',
  '',
  'EU agrees methane import rules',
  'EU negotiators agreed on Sunday that gas importers must report the methane intensity of their supplies from 2028. US LNG exporters warned the rules could disrupt existing contracts.',
  '',
  '**Copper hits record**',
  'Copper rose to a record $12,480 a ton in London after a strike at Chile’s Escondida mine threatened supplies.',
  '',
  'That’s all for today. Forward this email to a colleague who might find it useful.',
  '',
].join('\n');

describe('a newsletter digest', () => {
  it('is read as one article per item, titled by its headline, on the file’s own lines, with the day of the file', () => {
    const dir = tempDir();
    try {
      writeFileSync(path.join(dir, 'brief.txt'), DIGEST);
      const { ctx, reporter } = makeCtx({}, dir);
      const articles = ingestFile(path.join(dir, 'brief.txt'), ctx, { display: 'brief.txt', idBase: 'brief' });
      expect(articles.map((a) => [a.id, a.title, a.date])).toEqual([
        ['brief#1', 'Grid queue reform takes effect', '2026-12-07'],
        ['brief#2', 'EU agrees methane import rules', '2026-12-07'],
        ['brief#3', 'Copper hits record', '2026-12-07'],
      ]);
      const message = reporter.messages.find((m) => m.ruleId === 'ingest/digest')!;
      expect(message).toMatchObject({ severity: 'info', file: 'brief.txt', line: 6 });
      expect(message.reason).toContain('3 articles');
      // Cleaned, each item is its own text, its headline its title, its paragraphs on the file's lines; the sign-off goes.
      const cleaned = cleanArticles(articles, ctx);
      expect(cleaned.map((a) => a.paragraphs.map((p) => [p.line, p.text.slice(0, 24)]))).toEqual([
        [[7, 'Ofgem’s new connection r']],
        [[10, 'EU negotiators agreed on']],
        [[13, 'Copper rose to a record ']],
      ]);
    } finally {
      removeDir(dir);
    }
  });

  it('an article with subheadings is one article: sections about one subject, too few, or too long', () => {
    const explainer = [
      'What the new grid connection rules mean for developers',
      '',
      'What the rules require',
      'The grid connection rules require developers to show land rights and planning progress before they keep a place in the connection queue.',
      '',
      'Who gains from the rules',
      'Developers of grid projects that are ready to build gain most, because the rules move their connection dates forward by years.',
      '',
      'What happens to the queue next',
      'The connection queue will be reordered by March, and developers who lose their place can apply again under the new rules.',
    ].join('\n');
    expect(digestItems(explainer)).toBeNull();
    // Two items about one thing are one story's sections, even beside a third about another.
    const pair = DIGEST.replace('EU negotiators agreed on Sunday that gas importers must report the methane intensity of their supplies from 2028. US LNG exporters warned the rules could disrupt existing contracts.', 'Ofgem’s connection rules move ready-to-build projects to the front of the queue from Monday. Speculative projects must show land rights by March or lose their place in the queue.');
    expect(digestItems(pair)).toBeNull();
    const two = DIGEST.split('\n').slice(0, 11).join('\n');
    expect(digestItems(two)).toBeNull();
    const long = DIGEST.replace('Copper rose to a record', `${'Copper rose again on the day. '.repeat(60)}Copper rose to a record`);
    expect(digestItems(long)).toBeNull();
    // An ordinary story with no headlines in it.
    expect(digestItems('Ofgem’s rules took effect on Monday, moving 120 gigawatts of projects forward.\n\nDevelopers have until March to show land rights.')).toBeNull();
  });

  it('an item ends at a line that is no prose: what comes after it is no part of the item', () => {
    const withBox = DIGEST.replace('That’s all for today.', 'Sponsored\nOur partners keep this newsletter free of charge for every one of its readers.\n\nThat’s all for today.');
    const items = digestItems(withBox)!;
    expect(items.map((item) => item.headline)).toEqual(['Grid queue reform takes effect', 'EU agrees methane import rules', 'Copper hits record']);
    expect(items[2]!.text).not.toContain('partners');
  });

  it('a digest sent as a plain-text e-mail is split too, its sender the publisher of every item', () => {
    const dir = tempDir();
    try {
      const body = DIGEST.split('\n').slice(1).join('\n');
      writeFileSync(path.join(dir, 'brief.eml'), `From: The Energy Brief <brief@energybrief.example>\nSubject: The Energy Brief: Monday 7 December\nDate: Mon, 07 Dec 2026 06:00:00 +0000\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n${body}`);
      const { ctx } = makeCtx({}, dir);
      const articles = ingestFile(path.join(dir, 'brief.eml'), ctx, { display: 'brief.eml', idBase: 'brief' });
      expect(articles.map((a) => [a.title, a.publisher, a.date])).toEqual([
        ['Grid queue reform takes effect', 'The Energy Brief', '2026-12-07'],
        ['EU agrees methane import rules', 'The Energy Brief', '2026-12-07'],
        ['Copper hits record', 'The Energy Brief', '2026-12-07'],
      ]);
    } finally {
      removeDir(dir);
    }
  });

  it('a Markdown digest’s items under ## headings are split too', () => {
    const md = ['## Grid queue reform takes effect', '', DIGEST.split('\n')[6], '', '## EU agrees methane import rules', '', DIGEST.split('\n')[9], '', '## Copper hits record', '', DIGEST.split('\n')[12], ''].join('\n');
    expect(digestItems(md)?.map((item) => [item.headline, item.start])).toEqual([
      ['Grid queue reform takes effect', 1],
      ['EU agrees methane import rules', 5],
      ['Copper hits record', 9],
    ]);
  });
});
