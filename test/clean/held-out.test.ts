import { describe, expect, it } from 'vitest';
import { HELD_OUT, layout, TRICKY_ARTICLE_TEXT } from './fixtures/held-out.ts';
import { article, clean } from './helpers.ts';

/**
 * Furniture in the style of other outlets (written for these tests, no seed
 * wording): every paragraph marked `drop` goes, every one marked `keep` stays
 * whole — with each article cleaned alone, so only single-article signals help.
 */
describe.each(HELD_OUT.map((fixture) => [fixture.name, fixture] as const))('held-out style: %s', (_name, fixture) => {
  const { cleaned } = clean([article(layout(fixture), { id: 'held-out' })]);
  const result = cleaned[0]!;

  it('removes exactly the furniture and keeps every article paragraph whole, in order', () => {
    expect(result.paragraphs.map((p) => p.text)).toEqual(fixture.paragraphs.filter((p) => !p.drop).map((p) => p.text));
    expect(result.removed.map((r) => r.text)).toEqual(expect.arrayContaining(fixture.paragraphs.filter((p) => p.drop).map((p) => p.text)));
    expect(result.removed).toHaveLength(fixture.paragraphs.filter((p) => p.drop).length);
  });
});

describe('held-out style: rule ids say what kind of furniture it was', () => {
  const removedBy = (name: string) => {
    const fixture = HELD_OUT.find((f) => f.name.startsWith(name))!;
    return Object.fromEntries(clean([article(layout(fixture))]).cleaned[0]!.removed.map((r) => [r.text.slice(0, 20), r.ruleId]));
  };

  it('credits, related links, share bars and appeals', () => {
    expect(removedBy('appeal at the end')).toEqual({
      'Photograph: Marta Ko': 'clean/credit',
      'Related: Flood defen': 'clean/navigation',
      'Share this article': 'clean/share',
      '… as you’re joining ': 'clean/banner',
      'Support us Remind me': 'clean/banner',
    });
  });

  it('sign-up boxes and app promotions are promos; cookie and copyright lines are notices', () => {
    expect(Object.values(removedBy('newsletter sign-up box'))).toEqual(['clean/promo', 'clean/promo']);
    expect(removedBy('Telegram, app promo')).toMatchObject({ 'FOLLOW US ON TELEGRA': 'clean/share', 'Download the Courier': 'clean/promo', 'Firefighters tackle ': 'clean/credit' });
    expect(removedBy('cookie notice')).toMatchObject({ 'We use cookies to im': 'clean/notice', '© 2025 Atlantic Post': 'clean/notice', 'Home › World › Europ': 'clean/navigation' });
  });
});

describe('held-out style: article text that brushes against furniture words survives', () => {
  const body = [
    'Officials met in Brussels on Thursday to discuss the budget for next year, which must be agreed by December.',
    'Negotiators said the gap between the two sides had narrowed but that several issues remained open.',
    'A final deal is expected at a summit later this month.',
  ];
  it.each(TRICKY_ARTICLE_TEXT.map((t) => [t.slice(0, 50), t]))('%s… at the start, middle and end', (_label, text) => {
    for (const position of [0, 2, body.length]) {
      const paragraphs = [...body];
      paragraphs.splice(position, 0, text);
      const result = clean([article(paragraphs.join('\n\n'))]).cleaned[0]!;
      expect(result.removed).toEqual([]);
      expect(result.paragraphs.map((p) => p.text)).toEqual(paragraphs);
    }
  });

  it('the same paragraphs survive next to a removed promo (furniture spreads only to furniture-like neighbours)', () => {
    const paragraphs = ['Sign up to our free newsletter and get the day’s top stories straight to your inbox.', ...TRICKY_ARTICLE_TEXT];
    const result = clean([article(paragraphs.join('\n'))]).cleaned[0]!;
    expect(result.removed.map((r) => r.text)).toEqual([paragraphs[0]]);
    expect(result.paragraphs.map((p) => p.text)).toEqual(TRICKY_ARTICLE_TEXT);
  });
});

describe('a banner glued to the first or last sentence on one line', () => {
  it('splits the banner off and keeps the first sentence whole', () => {
    const raw = 'Quality journalism costs money. Please support us today with a monthly gift. Donate now The council approved the new bridge on Tuesday after a decade of delays.\n\nWork will start in the spring.';
    const result = clean([article(raw)]).cleaned[0]!;
    expect(result.paragraphs.map((p) => p.text)).toEqual(['The council approved the new bridge on Tuesday after a decade of delays.', 'Work will start in the spring.']);
    expect(result.removed).toHaveLength(1);
    expect(result.removed[0]!.text).toBe('Quality journalism costs money. Please support us today with a monthly gift. Donate now');
  });

  it('ends a call to action only where a capital starts the next words: the banner sentence goes whole, the article starts whole', () => {
    const raw = 'Donate now to keep local news alive — every pound counts. Ferry fares to the islands will rise by eight per cent from June, the operator said.\n\nSeason tickets will be frozen until December.';
    const result = clean([article(raw)]).cleaned[0]!;
    expect(result.paragraphs.map((p) => p.text)).toEqual(['Ferry fares to the islands will rise by eight per cent from June, the operator said.', 'Season tickets will be frozen until December.']);
    expect(result.removed.map((r) => r.text)).toEqual(['Donate now to keep local news alive — every pound counts.']);
  });

  it('a call to action may end in "today" or "now" before the article starts', () => {
    const raw = 'Become a member and get unlimited access for less than £1 a week. Subscribe today The harbour master has closed the north quay after engineers found cracks in the sea wall.\n\nRepairs are expected to take six weeks.';
    const result = clean([article(raw)]).cleaned[0]!;
    expect(result.paragraphs.map((p) => p.text)).toEqual(['The harbour master has closed the north quay after engineers found cracks in the sea wall.', 'Repairs are expected to take six weeks.']);
    expect(result.removed.map((r) => r.text)).toEqual(['Become a member and get unlimited access for less than £1 a week. Subscribe today']);
  });

  it('splits a sign-up line off the last paragraph', () => {
    const raw = 'The council approved the new bridge on Tuesday.\n\nWork will start in the spring and take about two years, the council said. Sign up to our free newsletter for the latest news from your city.';
    const result = clean([article(raw)]).cleaned[0]!;
    expect(result.paragraphs.at(-1)!.text).toBe('Work will start in the spring and take about two years, the council said.');
    expect(result.removed.map((r) => r.ruleId)).toEqual(['clean/promo']);
  });

  it('leaves a first paragraph with no furniture in it alone', () => {
    const raw = 'The council approved the new bridge on Tuesday. Supporters said it would help local shops. Work will start in the spring.';
    expect(clean([article(raw)]).cleaned[0]!.paragraphs.map((p) => p.text)).toEqual([raw]);
  });
});

describe('the headlines listed under a navigation label', () => {
  const story = [
    'Police have arrested two men after a series of burglaries at village shops across the valley over the past month.',
    'The men, aged 24 and 31, were detained on Friday morning and remain in custody, a police spokesperson said.',
  ];

  it('go with the label, up to the first line that reads as the article going on', () => {
    const raw = [story[0], 'Related stories', 'Shop owners fear rise in rural crime', '2 arrested after post office raid', story[1], 'Most Popular', 'Council tax rise approved', 'Road closed after crash'].join('\n\n');
    const result = clean([article(raw)]).cleaned[0]!;
    expect(result.paragraphs.map((p) => p.text)).toEqual(story);
    expect(result.removed.map((r) => [r.ruleId, r.text])).toEqual([
      ['clean/navigation', 'Related stories'],
      ['clean/navigation', 'Shop owners fear rise in rural crime'],
      ['clean/navigation', '2 arrested after post office raid'],
      ['clean/navigation', 'Most Popular'],
      ['clean/navigation', 'Council tax rise approved'],
      ['clean/navigation', 'Road closed after crash'],
    ]);
  });

  it("go with it in any plain text: a record's text, a feed item's", () => {
    const raw = [story[0], 'Most Popular', 'Council tax rise approved', 'Road closed after crash', story[1]].join('\n\n');
    for (const format of ['json', 'feed'] as const) {
      const result = clean([article(raw, { id: format, format })]).cleaned[0]!;
      expect(result.paragraphs.map((p) => p.text), format).toEqual(story);
    }
  });

  it('go with it as a Markdown list of links, but not a list of sentences', () => {
    const md = (items: string[]) => [story[0], '', '## Related', '', ...items.map((item) => `- ${item}`), '', story[1]].join('\n');
    const links = clean([article(md(['[Shop owners fear rise in rural crime](https://example.com/a)', '[2 arrested after post office raid](https://example.com/b)']), { id: 'links', format: 'md' })]).cleaned[0]!;
    expect(links.paragraphs.map((p) => p.text)).toEqual(story);
    const points = ['Two men were detained on Friday morning.', 'Both remain in custody.'];
    const sentences = clean([article(md(points), { id: 'points', format: 'md' })]).cleaned[0]!;
    expect(sentences.paragraphs.map((p) => p.type)).toContain('list');
  });

  it('under a tags label, are single words too', () => {
    const raw = [story[0], story[1], 'Related topics', 'Burglary', 'Valley', 'Rural crime'].join('\n\n');
    expect(clean([article(raw)]).cleaned[0]!.paragraphs.map((p) => p.text)).toEqual(story);
  });

  it("under a newsletter's own link label ('Go deeper: …', 'Dig deeper: …') go; a sentence that opens with the words stays", () => {
    const raw = [story[0], 'Go deeper: Why rural police stations keep closing', story[1], 'Dive deeper — Shop owners count the cost'].join('\n\n');
    expect(clean([article(raw)]).cleaned[0]!.paragraphs.map((p) => p.text)).toEqual(story);
    const sentence = 'Dig deeper into the figures and the picture is worse: rural burglaries rose for a third year.';
    expect(clean([article([story[0], sentence, story[1]].join('\n\n'))]).cleaned[0]!.paragraphs.map((p) => p.text)).toContain(sentence);
  });

  it('are not taken after a label that carries its own link, nor is a sentence or a heading', () => {
    const withLink = clean([article([story[0], 'Read more: Anglers count the cost of river pollution', 'Shopkeepers welcome the arrests', story[1]].join('\n\n'))]).cleaned[0]!;
    expect(withLink.paragraphs.map((p) => p.text)).toContain('Shopkeepers welcome the arrests');
    const md = clean([article(['Most read', '', '## What the shopkeepers said', '', story[1]].join('\n'), { id: 'md', format: 'md' })]).cleaned[0]!;
    expect(md.paragraphs.map((p) => p.text)).toEqual(['What the shopkeepers said', story[1]]);
  });
});

describe('weak evidence never takes most of an article', () => {
  it('keeps a blog post that talks to its readers, removing only the real notice', () => {
    const post = 'Our goal with these quarterly open threads is to give readers a chance to raise any topic they like, ask questions about our coverage, or suggest stories you would like us to look into; you can also email us at any time.';
    const raw = [post, 'Thanks for reading.', 'Comments are closed.'].join('\n\n');
    const { cleaned, messages } = clean([article(raw)]);
    expect(cleaned[0]!.paragraphs.map((p) => p.text)).toEqual([post, 'Thanks for reading.']);
    expect(cleaned[0]!.removed.map((r) => r.ruleId)).toEqual(['clean/notice']);
    expect(messages.find((m) => m.ruleId === 'clean/kept')!.reason).toMatch(/majority guard/);
  });
});

describe('wire trailers', () => {
  const story = [
    'The regional bus operator will cut twelve routes from September, blaming falling passenger numbers and rising fuel costs, it said on Thursday.',
    'Councillors said they would ask the operator to keep the routes that serve the two hospitals and the college.',
  ];

  it('drop the staff credits in brackets, and keep a sentence about reporting', () => {
    const raw = [...story, '(Writing by Lena Ortiz; Editing by Tom Baines and Priya Nair)', 'Additional reporting by Omar Haddad'].join('\n\n');
    const result = clean([article(raw)]).cleaned[0]!;
    expect(result.paragraphs.map((p) => p.text)).toEqual(story);
    const sentence = 'Reporting by the county newspaper last year had shown that two of the routes ran almost empty outside school hours.';
    expect(clean([article([...story, sentence].join('\n\n'))]).cleaned[0]!.paragraphs.map((p) => p.text)).toContain(sentence);
  });

  it('drop the credits in double brackets as wires file them, and two credits on one line as their sites print them', () => {
    const raw = [...story, '((Reporting by Lena Ortiz in Leeds; Additional reporting by Omar Haddad; Editing by Tom Baines))'].join('\n\n');
    expect(clean([article(raw)]).cleaned[0]!.paragraphs.map((p) => p.text)).toEqual(story);
    const printed = [...story, 'Reporting by Lena Ortiz; Editing by Tom Baines and Priya Nair'].join('\n\n');
    expect(clean([article(printed)]).cleaned[0]!.paragraphs.map((p) => p.text)).toEqual(story);
    // One clause after "Reporting by", then another that is not a credit: the story's sentence.
    const sentence = 'Reporting by the county newspaper showed two routes ran empty; the operator disputed the figures.';
    expect(clean([article([...story, sentence].join('\n\n'))]).cleaned[0]!.paragraphs.map((p) => p.text)).toContain(sentence);
  });

  it("drop the reporter's contact line in brackets (addresses, numbers, labelled handles), and keep a bracketed figure or appeal", () => {
    for (const contact of ['((lena.ortiz@wire-example.com; +44 20 7555 0142; Wire Messaging: lena.ortiz.wire-example.com@wire.net))', '(Tel: 0113 496 0000)', '(omar.haddad@example.org; Twitter: @ohaddad)']) {
      const result = clean([article([...story, contact].join('\n\n'))]).cleaned[0]!;
      expect(result.paragraphs.map((p) => p.text), contact).toEqual(story);
      expect(result.removed.map((r) => r.reason).join(' '), contact).toMatch(/reporter contact/);
    }
    // A number after a label that is not a contact's ("ISBN: …"), years (fewer digits than a telephone number).
    for (const kept of ['(Budget for 2025: £120m; 2024: £104m)', '(Anyone with information is asked to call 101, quoting incident 1234 of 4 May.)', '(ISBN: 978 0 14 103614 4)', '(1990-1995)']) {
      expect(clean([article([...story, kept].join('\n\n'))]).cleaned[0]!.paragraphs.map((p) => p.text), kept).toContain(kept);
    }
  });

  it('drop the slug line and the note to editors over a wire story, and take the headline under them for its title', () => {
    const headline = 'Regional bus operator to cut twelve routes';
    const note = 'Eds: UPDATES with councillors’ reaction. With AP Photos.';
    for (const lines of [['BC-EU--Britain-Bus Routes,1st Ld-Writethru', note], ['BC-EU--Britain-Bus Routes,1st Ld-Writethru'], ['BRITAIN-BUS/ROUTES (UPDATE 1)'], [note]]) {
      const result = clean([article([...lines, headline, ...story].join('\n\n'))]).cleaned[0]!;
      expect(result.paragraphs.map((p) => p.text), lines.join(' / ')).toEqual(story);
      expect(result.title, lines.join(' / ')).toBe(headline);
    }
    // A headline with a hyphenated or slashed word has spaces between its words; a line about editors is a sentence.
    for (const kept of ['UK-EU talks on bus funding resume in Brussels', 'Editors at the county newspaper said they had not seen the report before it was published.']) {
      expect(clean([article([...story, kept].join('\n\n'))]).cleaned[0]!.paragraphs.map((p) => p.text), kept).toContain(kept);
    }
  });

  it('drop the contacts a wire story ends with under their labels, names alone included; keep a sentence about contacting', () => {
    const contacts = ['To contact the reporter on this story:', 'Lena Ortiz in Leeds at lortiz5@wire-example.net', 'To contact the editors responsible for this story:', 'Tom Baines at tbaines@wire-example.net', 'Priya Nair'];
    const { cleaned } = clean([article([...story, ...contacts].join('\n\n'))]);
    expect(cleaned[0]!.paragraphs.map((p) => p.text)).toEqual(story);
    const sentence = 'To contact the operator about a cancelled route, passengers should call its helpline before Friday.';
    expect(clean([article([...story, sentence].join('\n\n'))]).cleaned[0]!.paragraphs.map((p) => p.text)).toContain(sentence);
  });

  it("drop a blog platform's feed footer ('The post … appeared first on …'), and keep a sentence that reads the same way", () => {
    for (const footer of ['The post Bus operator to cut twelve routes appeared first on Harbour Town Chronicle.', 'The post Bus operator to cut twelve routes appeared first on harbourtown.example.']) {
      expect(clean([article([...story, footer].join('\n\n'))]).cleaned[0]!.paragraphs.map((p) => p.text), footer).toEqual(story);
    }
    const sentence = "The post office closure plan appeared first on the council's agenda in March, before residents objected.";
    expect(clean([article([...story, sentence].join('\n\n'))]).cleaned[0]!.paragraphs.map((p) => p.text)).toContain(sentence);
  });

  it('drop the pointer to the outlet’s standards under the story, and keep a sentence about standards', () => {
    const raw = [...story, '(Writing by Lena Ortiz; Editing by Tom Baines)', 'Our Standards: The Trust Principles.'].join('\n\n');
    expect(clean([article(raw)]).cleaned[0]!.paragraphs.map((p) => p.text)).toEqual(story);
    const sentence = 'Our standards require the council to publish every contract over £10,000, the auditor said on Tuesday.';
    expect(clean([article([...story, sentence].join('\n\n'))]).cleaned[0]!.paragraphs.map((p) => p.text)).toContain(sentence);
  });
});
