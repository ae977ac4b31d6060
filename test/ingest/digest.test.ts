import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { digestItems } from '../../pipeline/ingest/digest.ts';
import { ingestFile } from '../../pipeline/ingest/index.ts';
import { parseFeedText, type FeedSource } from '../../pipeline/ingest/feeds.ts';
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

  it('a numbered item’s number is no part of its headline', () => {
    const numbered = DIGEST.replace('Grid queue reform takes effect', '1. Grid queue reform takes effect').replace('EU agrees methane import rules', '2) EU agrees methane import rules');
    expect(digestItems(numbered)?.map((item) => item.headline)).toEqual(['Grid queue reform takes effect', 'EU agrees methane import rules', 'Copper hits record']);
  });
});

/** A newsletter as e-mail clients receive it: nested layout tables, its items under linked headings, a sponsor's box and a footer. */
const HTML_DIGEST = [
  '<!DOCTYPE html>',
  '<html><head><title>The Grid Letter</title><style>td { font-family: Arial; }</style></head><body>',
  '<table width="100%"><tr><td align="center"><table width="600">',
  '<tr><td><a href="https://gridletter.example/view/881">View this email in your browser</a></td></tr>',
  '<tr><td><p>Good morning. Here is what moved in energy overnight, in four stories.</p></td></tr>',
  '<tr><td>',
  '<h2><a href="https://www.google.com/url?rct=j&amp;sa=t&amp;url=https://news.example/queue">Regulator approves grid queue overhaul</a></h2>',
  '<p>The national energy regulator approved a plan on Monday to replace the first-come connection queue with a cluster study process, a change developers have sought for years.</p>',
  '<p>The new process takes effect in March and applies to roughly 1,800 projects now waiting for a connection date.</p>',
  '</td></tr>',
  '<tr><td>',
  '<p><span style="font-weight: 700">Brussels agrees methane import standard</span></p>',
  '<p>European Union negotiators reached a deal late on Monday requiring importers of liquefied natural gas to report methane leakage from their suppliers from 2028.</p>',
  '<p><a href="https://gridletter.example/r/3">Read more</a></p>',
  '</td></tr>',
  '<tr><td><p>SPONSORED</p><p>Join our webinar on battery storage finance next Thursday. Register today at our website.</p></td></tr>',
  '<tr><td style="font-size:20px;font-weight:bold">Copper climbs to a record on smelter cuts</td></tr>',
  '<tr><td>Copper prices rose to an all-time high in London trading after two Chilean smelters announced output cuts because of a shortage of concentrate.</td></tr>',
  '<tr><td><p><strong>4. Offshore wind auction draws no bids in Denmark</strong></p>',
  '<p>Denmark’s latest offshore wind tender closed without a single bid, the energy agency said, after developers balked at the absence of state support for the three sites.</p></td></tr>',
  '<tr><td><p>That’s all for today. Forward this to a colleague who should be reading it.</p>',
  '<p>You are receiving this because you subscribed at gridletter.example. <a href="https://gridletter.example/unsub">Unsubscribe</a></p></td></tr>',
  '</table></td></tr></table></body></html>',
].join('\n');

const EMAIL_HEAD = 'From: The Grid Letter <news@gridletter.example>\nSubject: The Grid Letter: Tuesday 8 December\nDate: Tue, 08 Dec 2026 06:30:00 +0000\nMIME-Version: 1.0\n';

describe('a newsletter digest sent as an HTML e-mail', () => {
  const ingestEmail = (body: string, contentType = 'text/html; charset=utf-8', name = 'letter.eml') => {
    const dir = tempDir();
    try {
      writeFileSync(path.join(dir, name), name.endsWith('.eml') ? `${EMAIL_HEAD}Content-Type: ${contentType}\n\n${body}` : body);
      const { ctx, reporter } = makeCtx({}, dir);
      const articles = ingestFile(path.join(dir, name), ctx, { display: name, idBase: 'letter' });
      return { articles, cleaned: cleanArticles(articles, ctx), messages: reporter.messages };
    } finally {
      removeDir(dir);
    }
  };

  it('is read as one article per item: titled by its heading (an <h2>, or a line in bold), linked to its story, the rest of the letter in none', () => {
    const { articles, cleaned, messages } = ingestEmail(HTML_DIGEST);
    expect(articles.map((a) => [a.id, a.title, a.url, a.publisher, a.date])).toEqual([
      // The headline's link, out of the redirect that counts the click; else the "Read more" after the item; else the letter's web version.
      ['letter#1', 'Regulator approves grid queue overhaul', 'https://news.example/queue', 'The Grid Letter', '2026-12-08'],
      ['letter#2', 'Brussels agrees methane import standard', 'https://gridletter.example/r/3', 'The Grid Letter', '2026-12-08'],
      ['letter#3', 'Copper climbs to a record on smelter cuts', 'https://gridletter.example/view/881', 'The Grid Letter', '2026-12-08'],
      ['letter#4', 'Offshore wind auction draws no bids in Denmark', 'https://gridletter.example/view/881', 'The Grid Letter', '2026-12-08'],
    ]);
    const texts = cleaned.map((a) => a.paragraphs.map((p) => p.text));
    expect(texts[0]).toEqual([expect.stringMatching(/^The national energy regulator/), expect.stringMatching(/^The new process/)]);
    // A headline in a cell of its own row stays out of the text of the row under it.
    expect(texts[2]).toEqual([expect.stringMatching(/^Copper prices rose/)]);
    const all = texts.flat().join('\n');
    for (const outside of ['Good morning', 'View this email', 'webinar', 'Unsubscribe', 'Read more', 'SPONSORED']) expect(all).not.toContain(outside);
    // The letter's sign-off, under the last item, goes as furniture.
    expect(cleaned[3]!.removed.map((r) => r.text)).toContain('That’s all for today. Forward this to a colleague who should be reading it.');
    // The message names the file's lines: the body starts on line 7 of the file, the first heading is its line 7 (13).
    const message = messages.find((m) => m.ruleId === 'ingest/digest')!;
    expect(message).toMatchObject({ file: 'letter.eml', line: 13 });
    expect(message.reason).toContain('4 articles');
  });

  it('a letter whose HTML is one line, or the HTML part beside a plain one, is split the same way', () => {
    const oneLine = ingestEmail(HTML_DIGEST.replace(/\n/g, ''));
    expect(oneLine.articles.map((a) => a.title)).toHaveLength(4);
    const alternative = ingestEmail(`--XX\nContent-Type: text/plain; charset=utf-8\n\nRead this letter on the web.\n\n--XX\nContent-Type: text/html; charset=utf-8\n\n${HTML_DIGEST}\n--XX--\n`, 'multipart/alternative; boundary="XX"');
    expect(alternative.articles.map((a) => a.title)).toEqual(oneLine.articles.map((a) => a.title));
  });

  it('a headline in bold on the first line of its paragraph, a <br> before the text, heads an item', () => {
    const items = [
      ['Wildfire smoke closes schools in Sydney', 'Education officials in New South Wales closed more than 300 schools on Wednesday as smoke from fires in the Blue Mountains pushed air quality to hazardous levels.'],
      ['Japan’s parliament passes defence budget', 'Lawmakers in Tokyo approved a record military budget that funds long-range missiles and a new joint command, over objections from opposition parties about its financing.'],
      ['Chile names new copper commission head', 'President Boric appointed a former mining minister to lead the state copper commission, which forecasts output and advises on royalty rules for foreign producers.'],
    ];
    const html = `<div><p>Good morning, here are today’s stories.</p>${items.map(([headline, text]) => `<p><b>${headline}</b><br>${text}</p>`).join('\n')}</div>`;
    const { articles, cleaned } = ingestEmail(html);
    expect(articles.map((a) => a.title)).toEqual(items.map(([headline]) => headline));
    expect(cleaned.map((a) => a.paragraphs.map((p) => p.text))).toEqual(items.map(([, text]) => [text]));
  });

  it('a release with sections about one subject, a letter with short lines in <p> and no headings, and a web page are one article each', () => {
    const release = [
      '<html><body><h1>City council adopts climate plan for transport</h1>',
      '<p>The city council voted on Tuesday to adopt a climate plan that would cut transport emissions in half by 2035, with new bus lanes and a congestion charge.</p>',
      '<h2>What the climate plan requires</h2><p>Under the plan, the city will add 40 kilometres of bus lanes and require new buildings to include charging points for electric cars and bicycles.</p>',
      '<h2>How the transport plan will be paid for</h2><p>The congestion charge is expected to raise 60 million euros a year, which the council said would go to buses, bus lanes and safer streets for cyclists.</p>',
      '<h2>What the council’s critics say about the plan</h2><p>Opposition councillors said the congestion charge would hit workers who cannot take a bus, and asked for the plan’s transport emissions targets to be reviewed.</p>',
      '</body></html>',
    ].join('\n');
    expect(ingestEmail(release).articles).toHaveLength(1);
    // The same items with their headings written as plain paragraphs: a line of a <p> heads nothing in HTML.
    const plainHeadings = HTML_DIGEST.replace(/<h2>(?:<a [^>]*>)?([^<]+)(?:<\/a>)?<\/h2>/g, '<p>$1</p>').replace(/<strong>|<\/strong>/g, '').replace(/font-weight: ?\w+/g, 'color:red');
    expect(ingestEmail(plainHeadings).articles).toHaveLength(1);
    // A web page's sections are its own: only an e-mail's HTML is read as a digest.
    expect(ingestEmail(HTML_DIGEST, undefined, 'letter.html').articles).toHaveLength(1);
    // A box nested deeper than any real page is flattened before parsing (common/html-parse.ts): the items after it are cut from that copy.
    const deep = ingestEmail(HTML_DIGEST.replace('<body>', `<body>${'<div>'.repeat(450)}Deep${'</div>'.repeat(450)}`));
    expect(deep.cleaned.map((a) => a.paragraphs[0]?.text.slice(0, 20))).toEqual(['The national energy ', 'European Union negot', 'Copper prices rose t', 'Denmark’s latest off']);
  });

  it('a link roundup (an alert’s results): each linked headline over its outlet’s name and a snippet is an article, the outlet its publisher', () => {
    const result = (headline: string, outlet: string, url: string, snippet: string) =>
      `<tr><td><table><tr><td><a href="https://www.google.com/url?rct=j&amp;sa=t&amp;url=${url}&amp;ct=ga"><span>${headline}</span></a></td></tr><tr><td><div><span>${outlet}</span></div></td></tr><tr><td><div>${snippet}</div></td></tr><tr><td><a href="https://www.google.com/alerts/share">Flag as irrelevant</a></td></tr></table></td></tr>`;
    const results = [
      result('EU agrees <b>methane</b> import rules for gas suppliers', 'Reuters', 'https://reuters.example/methane', 'EU negotiators agreed on Sunday that gas importers must report the <b>methane</b> intensity of their supplies from 2028, in a deal that US exporters warned could ...'),
      result('EPA delays <b>methane</b> fee collection until 2028', 'E&amp;E News', 'https://eenews.example/fee', 'The Environmental Protection Agency will not collect the waste emissions charge on oil and gas producers until 2028, officials told lawmakers on Monday in a letter that ...'),
      result('Satellites find <b>methane</b> leaks at Turkmen gas fields', 'Financial Times', 'https://ft.example/leaks', 'Satellite data analysed by researchers showed large <b>methane</b> plumes over two gas fields in Turkmenistan, raising questions about whether it can meet EU import ...'),
    ];
    const alert = (items: string[]) => `<html><body><table><tr><td><p>Google Alerts</p></td></tr><tr><td>methane regulation</td></tr><tr><td>Daily update ⋅ December 8, 2026</td></tr>${items.join('\n')}<tr><td><p>You have received this email because you have subscribed to <b>Google Alerts</b>.</p></td></tr></table></body></html>`;
    // All three name the words the alert watches for: a roundup's items need not differ.
    const { articles, cleaned } = ingestEmail(alert(results));
    expect(articles.map((a) => [a.title, a.publisher, a.url])).toEqual([
      ['EU agrees methane import rules for gas suppliers', 'Reuters', 'https://reuters.example/methane'],
      ['EPA delays methane fee collection until 2028', 'E&E News', 'https://eenews.example/fee'],
      ['Satellites find methane leaks at Turkmen gas fields', 'Financial Times', 'https://ft.example/leaks'],
    ]);
    expect(cleaned.map((a) => a.paragraphs.map((p) => p.text.slice(0, 20)))).toEqual([['EU negotiators agree'], ['The Environmental Pr'], ['Satellite data analy']]);
    // One result is an article too, titled by its headline, not the alert's subject.
    expect(ingestEmail(alert(results.slice(1, 2))).articles.map((a) => [a.title, a.publisher])).toEqual([['EPA delays methane fee collection until 2028', 'E&E News']]);
    // Without the outlet's line, or over a line that says more, a link heads nothing.
    expect(ingestEmail(alert(results.map((r) => r.replace(/<tr><td><div><span>[^<]+<\/span><\/div><\/td><\/tr>/, ''))))).toMatchObject({ articles: [expect.anything()] });
    expect(ingestEmail(alert(results.map((r) => r.replace(/<span>(Reuters|E&amp;E News|Financial Times)<\/span>/, '<span>$1 reported this on Monday.</span>'))))).toMatchObject({ articles: [expect.anything()] });
    // A letter whose essay is most of it, with one linked box at its end, is one article: what stands outside items would be lost.
    const essay = Array.from({ length: 6 }, (_, i) => `<p>Paragraph ${i + 1} of the essay argues that the grid, not the turbines, decides how fast the energy transition can go, because every new wind farm waits years for a connection.</p>`).join('');
    const letter = ingestEmail(`<html><body><p>The Grid Letter</p><p>Tuesday 8 December 2026</p>${essay}<table>${results[0]}</table></body></html>`).articles;
    expect(letter).toHaveLength(1);
    expect(letter[0]!.raw).toContain('Paragraph 6 of the essay');
  });

  it('a newsletter’s feed item holding an issue is split the same way; a feed item of one story is one article', async () => {
    const escape = (html: string) => html.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const item = (title: string, body: string) => `<item><title>${title}</title><link>https://gridletter.example/p/${title.length}</link><guid>https://gridletter.example/p/${title.length}</guid><pubDate>Tue, 08 Dec 2026 06:30:00 GMT</pubDate><description>${escape(body)}</description></item>`;
    const story = '<p>The national energy regulator approved a plan on Monday to replace the first-come connection queue with a cluster study process, a change developers have sought for years.</p><p>The new process takes effect in March.</p>';
    const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>The Grid Letter</title><link>https://gridletter.example</link>${item('The Grid Letter: Tuesday 8 December', HTML_DIGEST)}${item('Regulator approves grid queue overhaul', story)}</channel></rss>`;
    const { ctx, reporter } = makeCtx({});
    const articles = await parseFeedText(rss, { url: 'letter.xml' } as FeedSource, 'letter.xml', ctx);
    expect(articles.map((a) => [a.title, a.date, a.publisher])).toEqual([
      ['Regulator approves grid queue overhaul', '2026-12-08', 'The Grid Letter'],
      ['Brussels agrees methane import standard', '2026-12-08', 'The Grid Letter'],
      ['Copper climbs to a record on smelter cuts', '2026-12-08', 'The Grid Letter'],
      ['Offshore wind auction draws no bids in Denmark', '2026-12-08', 'The Grid Letter'],
      ['Regulator approves grid queue overhaul', '2026-12-08', 'The Grid Letter'],
    ]);
    expect(articles[0]!.url).toBe('https://news.example/queue');
    expect(reporter.messages.find((m) => m.ruleId === 'ingest/digest')).toMatchObject({ file: 'letter.xml', reason: expect.stringContaining('read as 4 articles') });
  });
});

