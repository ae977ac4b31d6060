import { describe, expect, it } from 'vitest';
import { sentencesOf } from '../../pipeline/common/sentences.ts';
import { danglingReference, speakerIntroductions } from '../../pipeline/summarise/dangling.ts';
import { articleSentences, summariseStories, summariseStory } from '../../pipeline/summarise/index.ts';
import { stripDateline, stripWireDateline, withoutSignpost } from '../../pipeline/summarise/headline.ts';
import { isNearCopy, termsOf } from '../../pipeline/summarise/terms.ts';
import { casualtiesOf, figuresOf, inReadingOrder } from '../../pipeline/summarise/select.ts';
import type { Ranked } from '../../pipeline/summarise/rank.ts';
import type { Article, Edition } from '../../pipeline/types.ts';
import { article, context, seedArticles, seedStories, story } from './helpers.ts';

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/** The sentence at `index` of an article, counted as the summariser documents it (per paragraph, headings included). */
function sentenceAt(a: Article, index: number): string | undefined {
  return a.paragraphs.flatMap((p) => (p.type === 'heading' ? [p.text.trim()] : sentencesOf(p.text)))[index];
}

/** A story of a lead article and one other report of its event, summarised in about `words` words. */
function summariseTwo(lead: Article, other: Article, words: number, date = '2025-01-01') {
  const { ctx } = context();
  return summariseStory(story('s', date, [[lead.id, 'canonical'], [other.id, 'related']]), new Map([[lead.id, lead], [other.id, other]]), ctx, words);
}

describe('summariseStories on the sample (hand-grouped as the dedupe issue specifies)', () => {
  const articles = seedArticles();
  const byId = new Map(articles.map((a) => [a.id, a]));
  const { ctx, reporter } = context();
  const editions = summariseStories(seedStories(), articles, ctx);

  it('makes exactly one edition per date, in date order', () => {
    expect(editions.map((e) => e.date)).toEqual(['2025-02-23', '2025-03-18', '2025-04-23']);
    for (const e of editions) expect(e.stories).toHaveLength(1);
  });

  it('summarises the March story from more than one source and cites all three', () => {
    const march = editions[1]!.stories[0]!;
    expect(new Set(march.sentences.map((s) => s.articleId)).size).toBeGreaterThan(1);
    expect(march.sources.map((s) => s.articleId).sort()).toEqual(['000', '001', '002']);
    expect(march.sources.find((s) => s.articleId === '002')?.role).toBe('duplicate');
  });

  it('keeps every sentence verbatim and traced to its article and position', () => {
    for (const e of editions) {
      for (const s of e.stories) {
        expect(s.sentences.length).toBeGreaterThan(0);
        // (The summary drops a dateline opening an article's first sentence; the sample has none.)
        expect(s.summary).toBe(s.sentences.map((x) => x.text).join(' '));
        for (const sentence of s.sentences) {
          expect(sentenceAt(byId.get(sentence.articleId)!, sentence.index)).toBe(sentence.text);
          // The exported helper the preview uses to find a cited sentence agrees.
          expect(articleSentences(byId.get(sentence.articleId)!)[sentence.index]).toBe(sentence.text);
        }
      }
    }
  });

  it('stays near the word budget (about 80 words, 2–4 sentences)', () => {
    for (const e of editions) {
      for (const s of e.stories) {
        const words = wordCount(s.summary);
        expect(words).toBeGreaterThanOrEqual(40);
        expect(words).toBeLessThanOrEqual(120);
        expect(s.sentences.length).toBeGreaterThanOrEqual(2);
        expect(s.sentences.length).toBeLessThanOrEqual(4);
      }
    }
  });

  it('never opens a summary with a dangling reference, and gives each later one its antecedent', () => {
    for (const e of editions) {
      for (const s of e.stories) {
        expect(danglingReference(s.sentences[0]!.text)).toBeNull();
        s.sentences.forEach((sentence, i) => {
          if (!danglingReference(sentence.text)) return;
          expect(s.sentences.slice(0, i).some((p) => p.articleId === sentence.articleId && p.index < sentence.index && p.index >= sentence.index - 2)).toBe(true);
        });
      }
    }
  });

  it('orders sentences as the sources told them (article, then position)', () => {
    const march = editions[1]!.stories[0]!;
    const order = march.sources.map((s) => s.articleId);
    const keys = march.sentences.map((s) => [order.indexOf(s.articleId), s.index] as const);
    const sorted = [...keys].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    expect(keys).toEqual(sorted);
  });

  it('takes nothing from the duplicate that copies a sentence of the report it duplicates', () => {
    const march = editions[1]!.stories[0]!;
    const source = byId.get('001')!.paragraphs.flatMap((p) => sentencesOf(p.text)).map((t) => new Set(termsOf(t)));
    for (const s of march.sentences.filter((x) => x.articleId === '002')) {
      expect(source.some((terms) => isNearCopy(terms, new Set(termsOf(s.text))))).toBe(false);
    }
  });

  it('explains each summary in a message', () => {
    const messages = reporter.messages.filter((m) => m.ruleId === 'summarise/summary');
    expect(messages).toHaveLength(3);
    expect(messages[0]!.detail?.sentences).toBeInstanceOf(Array);
  });
});

describe('editions', () => {
  const filler = (topic: string, n: number): string[] =>
    Array.from({ length: n }, (_, i) => `The ${topic} inquiry heard evidence from witness number ${i + 1} about the ${topic} decision and its consequences.`);

  it('orders stories by independent sources, then recency, then id; the rest go to "more"', () => {
    const a = article('a1', filler('harbour', 4), { date: '2025-05-01' });
    const b1 = article('b1', filler('railway', 4), { date: '2025-05-01' });
    const b2 = article('b2', filler('railway', 4).map((s) => s.replace('evidence', 'testimony')), { date: '2025-05-01' });
    const b3 = article('b3', filler('railway', 4), { date: '2025-05-01' });
    const c1 = article('c1', filler('airport', 4), { date: '2025-05-01' });
    const c2 = article('c2', filler('airport', 4).map((s) => s.replace('heard', 'took')), { date: '2025-05-01' });
    const stories = [
      story('s-harbour', '2025-05-01', [['a1', 'canonical']]),
      // Three members, one a duplicate: two independent sources.
      story('s-railway', '2025-05-01', [['b1', 'canonical'], ['b2', 'related'], ['b3', 'duplicate', 'b1']]),
      story('s-airport', '2025-05-01', [['c1', 'canonical'], ['c2', 'related']]),
    ];
    const { ctx } = context({ maxStories: 2 });
    const [edition] = summariseStories(stories, [a, b1, b2, b3, c1, c2], ctx);
    // railway and airport both have 2 independent sources: railway has more members, then id decides.
    expect(edition!.stories.map((s) => s.id)).toEqual(['s-railway', 's-airport']);
    expect(edition!.more).toEqual([{ id: 's-harbour', headline: expect.any(String) }]);
    expect(edition!.more[0]!.headline.length).toBeGreaterThan(0);
  });

  it('keeps stories without a date out of every edition', () => {
    const a = article('a', filler('harbour', 3), { date: null });
    const { ctx, reporter } = context();
    expect(summariseStories([story('undated', null, [['a', 'canonical']])], [a], ctx)).toEqual([]);
    expect(reporter.messages.some((m) => m.ruleId === 'summarise/undated')).toBe(true);
  });

  it('never repeats a sentence (or a near-copy) within an edition', () => {
    const wire = 'The central bank raised interest rates by half a percentage point on Thursday, its largest increase in two decades.';
    const a = article('a', [wire, 'Economists had expected a smaller increase after inflation eased slightly in the spring.', 'Mortgage lenders said they would pass the rise on to borrowers within days.']);
    const b = article('b', [
      'The central bank raised interest rates by half a percentage point on Thursday — its largest increase in two decades.',
      'Shares in house builders fell sharply after the announcement as investors weighed the impact on buyers.',
      'The pound rose against the dollar and the euro in early trading in London.',
    ]);
    const stories = [story('rates', '2025-06-05', [['a', 'canonical']]), story('markets', '2025-06-05', [['b', 'canonical']])];
    const { ctx } = context();
    const [edition] = summariseStories(stories, [a, b], ctx);
    const all = edition!.stories.flatMap((s) => s.sentences.map((x) => new Set(termsOf(x.text))));
    for (let i = 0; i < all.length; i++) for (let j = i + 1; j < all.length; j++) expect(isNearCopy(all[i]!, all[j]!)).toBe(false);
    expect(edition!.stories.every((s) => s.sentences.length > 0)).toBe(true);
  });

  it('is deterministic: same input in any order gives byte-identical editions', () => {
    const articles = seedArticles();
    const run = (stories = seedStories(), list: Article[] = articles): string => JSON.stringify(summariseStories(stories, list, context().ctx));
    const first = run();
    expect(run()).toBe(first);
    const shuffled = seedStories()
      .reverse()
      .map((s) => ({ ...s, articles: [...s.articles].reverse() }));
    expect(run(shuffled, [...articles].reverse())).toBe(first);
  });
});

describe('summariseStory', () => {
  it('does not open with "He said…": it brings the antecedent or starts elsewhere', () => {
    const a = article('a', [
      'Health Minister Anna Berg announced a national vaccination campaign against measles on Monday.',
      'He said the vaccination campaign against measles would reach every school in the country by the end of the year.',
      'Measles cases rose sharply this spring, and the vaccination campaign aims to close gaps in coverage.',
    ]);
    const { ctx } = context();
    const result = summariseStory(story('s', '2025-01-01', [['a', 'canonical']]), new Map([['a', a]]), ctx, 40);
    expect(danglingReference(result.sentences[0]!.text)).toBeNull();
  });

  it('does not let a pronoun reach back over a sentence that names what it could mean', () => {
    const a = article('a', [
      'A strong earthquake struck southern Peru on Tuesday, killing at least 57 people and damaging homes across the Arequipa region.',
      'The civil defence agency INDECI said on Wednesday that its teams had reached villages in the Colca valley.',
      'It counted 342 people injured in the Arequipa region and more than 2,000 homes damaged by the earthquake.',
      'Schools across the region will stay closed for the rest of the week.',
    ]);
    const b = article('b', [
      'Rescuers in southern Peru searched collapsed homes on Wednesday after an earthquake killed at least 57 people in the Arequipa region.',
      'Hospitals in Arequipa treated hundreds of people injured in the earthquake, and more than 2,000 homes were damaged.',
    ]);
    for (const words of [30, 45, 60, 75, 90]) {
      const result = summariseTwo(a, b, words);
      const chosen = result.sentences.map((s) => `${s.articleId}${s.index}`);
      // "It counted 342 …" is INDECI's count: never without the sentence that names the agency.
      if (chosen.includes('a2')) expect(chosen, `${words} words`).toContain('a1');
    }
  });

  it('opens on a statement rather than a quotation when another source offers one', () => {
    const a = article('a', [
      '“We will rebuild every flooded home in the valley,” the regional governor told reporters in the flooded valley town.',
      'The regional governor promised emergency funds for every flooded home in the valley town.',
    ]);
    const b = article('b', [
      'Floods swept through the valley town on Sunday, damaging hundreds of homes and closing the main road.',
      'Emergency funds for flooded homes were promised by the regional governor on Monday.',
    ]);
    const result = summariseTwo(a, b, 60);
    expect(result.sentences.length).toBeGreaterThan(1);
    expect(result.sentences[0]!.text).not.toMatch(/^[“"]/);
  });

  it("opens on the lead article's lede, and does not state its figure again from another source", () => {
    const a = article('a', [
      'About 1,400 residents living below the Pell Creek dam were ordered to leave their homes on Monday after engineers found cracks in its spillway.',
      'Engineers will release water to lower the lake by two feet a day, the state dam safety office said.',
      'Schools in the valley will stay closed until the order is lifted.',
    ]);
    const b = article('b', [
      'Sheriff Tomas Reddick said the evacuation affects about 1,400 people in the valley and on the surrounding farms.',
      'Shelters opened at two high schools north of the dam, where volunteers handed out blankets and food.',
    ]);
    const result = summariseTwo(a, b, 60);
    expect(result.sentences[0]).toMatchObject({ articleId: 'a', index: 0 });
    // The sheriff's sentence restates the lede's figure in other words: the summary takes b's other news instead.
    expect(result.sentences.filter((s) => s.text.includes('1,400'))).toHaveLength(1);
    expect(result.sentences.some((s) => s.articleId === 'b')).toBe(true);
  });

  it('reads a source that opens with its lede before one whose part starts mid-article', () => {
    const item = (articleOrder: number, index: number, position: number, text: string): Ranked => ({ candidate: { articleOrder, index, position, text } }) as unknown as Ranked;
    const midLead = item(0, 3, 2, 'Sheriff Tomas Reddick said the order affects about 1,400 people in the valley.');
    const leadLater = item(0, 5, 4, 'Shelters opened at two high schools north of the dam on Monday evening.');
    const lede = item(1, 0, 0, 'About 1,400 residents below the dam were ordered to leave their homes on Monday.');
    expect(inReadingOrder([midLead, leadLater, lede])).toEqual([lede, midLead, leadLater]);
    // Both parts opening mid-article, or the lead opening with its lede: the story order stands.
    const otherMid = item(1, 2, 1, 'Engineers will release water to lower the lake by two feet a day.');
    expect(inReadingOrder([otherMid, midLead])).toEqual([midLead, otherMid]);
    const leadLede = item(0, 0, 0, 'Floods forced about 1,400 residents from their homes below the dam on Monday.');
    expect(inReadingOrder([lede, leadLede])).toEqual([leadLede, lede]);
  });

  it('counts a figure as written, leaving out years and single digits', () => {
    expect([...figuresOf('About 1,400 people, 35% of the town, left in 2025; fines of €412 and 2.5 metres; 3 shelters.')]).toEqual(['1400', '35%', '412', '2.5']);
    expect(figuresOf('The order affects about 1400 people.').has('1400')).toBe(true);
    expect(figuresOf('The A614 road and flight BA2490 stayed closed.').size).toBe(0);
    // One figure however it is written: trailing zeros, "per cent", a currency sign before a single digit.
    expect([...figuresOf('The bank cut its rate to 3.10% and drivers will pay £8 a day, up 5 places.')]).toEqual(['3.1%', '8']);
    expect([...figuresOf('It lowered the cash rate to 3.1 per cent after an £8 daily fee was approved.')]).toEqual(['3.1%', '8']);
    // An amount with its magnitude is its value, however the magnitude is written; a single digit with one counts.
    const deal = ['The deal is worth $1.2bn.', 'It values the firm at 1.2 billion dollars.', 'The buyer will pay $1,200 million in cash.', 'Analysts put it at US$1.2 bn.'];
    for (const text of deal) expect([...figuresOf(text)], text).toEqual(['1200000000']);
    expect([...figuresOf('About 3 million people and 30k households lost power; €90mn was set aside.')]).toEqual(['3000000', '30000', '90000000']);
    expect(figuresOf('Shares fell 2 per cent in the 3 months to May').has('3000000')).toBe(false);
  });

  it("leaves out another report's lede that only restates what the summary says, and keeps one that adds a fact", () => {
    const lead = article('lead', [
      'An 84-year-old man has died after a fire at a terraced house in Harehills, Leeds, last night.',
      'West Yorkshire Police said the death was not being treated as suspicious.',
      'Neighbours said they had tried to get into the house through the back door before crews arrived.',
    ]);
    // A day the summary does not give is no new fact.
    const restating = article('other', [
      'An elderly man has died in a house fire in the Harehills area of Leeds on Wednesday.',
      'The fire broke out on the ground floor of a terraced house on Bayswater Road on Wednesday night.',
      'Firefighters rescued the man, who was in his 80s, but paramedics were unable to save him.',
    ]);
    // The same opening with one new fact (a figure, a name) is no restatement.
    const adding = article('other', [
      'An elderly man has died in a house fire in the Harehills area of Leeds, the 14th fatal fire in the city this year.',
      ...restating.paragraphs.slice(1).map((p) => p.text),
    ]);
    const naming = article('other', ['An elderly man has died in a house fire in the Harehills area of Leeds, Fire Chief Dale Moss said.', ...restating.paragraphs.slice(1).map((p) => p.text)]);
    const summarise = (other: Article) =>
      summariseTwo(lead, other, 90, '2025-06-11').sentences.map((s) => `${s.articleId}:${s.index}`);
    const restated = summarise(restating);
    expect(restated).toContain('lead:0');
    expect(restated).not.toContain('other:0');
    expect(restated.some((s) => s.startsWith('other:'))).toBe(true);
    expect(summarise(adding)).toContain('other:0');
    expect(summarise(naming)).toContain('other:0');

    // A lede that states the summary's figure with its names restates the fact, even reworded in most of its words.
    const deal = article('lead', [
      "Danish wind turbine maker Vestamar has agreed to buy German rival Hochwind in a $1.2bn deal that will create Europe's third-largest onshore turbine manufacturer.",
      "Vestamar will pay €24.50 a share in cash, a premium of 38 per cent to Hochwind's closing price on Monday.",
      'The deal still needs the approval of competition regulators in Brussels.',
    ]);
    const consolidation = article('other', [
      "The consolidation of Europe's wind industry took another step on Tuesday when Vestamar announced a $1,200 million cash offer for Hochwind, the loss-making German turbine builder.",
      'Hochwind has lost money in each of the past four years as orders for onshore turbines slowed.',
      'Its 2,300 workers are mostly based at two plants in Lower Saxony.',
    ]);
    const picked = summariseTwo(deal, consolidation, 90, '2025-06-10').sentences.map((s) => `${s.articleId}:${s.index}`);
    expect(picked).toContain('lead:0');
    expect(picked).not.toContain('other:0');
    expect(picked.some((s) => s.startsWith('other:'))).toBe(true);
  });

  it("states one report's toll, not another's different one", () => {
    const later = article('later', [
      "The number of people killed by Tuesday's earthquake in Peru's central highlands has risen to 57, officials said late on Tuesday.",
      'More than 300 people were injured and about 2,400 homes were destroyed or badly damaged, the civil defence agency said.',
      'Most of the victims lived in adobe houses in the province of Castrovirreyna.',
    ]);
    const earlier = article('earlier', [
      'A magnitude 6.6 earthquake struck the central Andes of Peru early on Tuesday, killing at least 12 people and flattening homes in mountain villages.',
      'The quake was felt as far away as Lima, where office workers ran into the streets.',
      'Rescuers with sniffer dogs were flown to the worst-hit villages of Huancavelica by helicopter.',
    ]);
    const picked = summariseTwo(later, earlier, 120, '2025-06-10').sentences;
    expect(picked.map((s) => `${s.articleId}:${s.index}`)).toContain('later:0');
    expect(picked.some((s) => s.articleId === 'earlier')).toBe(true);
    expect(picked.map((s) => s.text).join(' ')).not.toContain('at least 12');

    // The counts, by kind; a year, a magnitude and a toll bridge are none.
    const counts = (text: string) => Object.fromEntries([...casualtiesOf(text)].map(([kind, set]) => [kind, [...set]]));
    expect(counts('The storm left 4 dead and 1,200 homes without power; 14 people were hurt.')).toEqual({ dead: [4], injured: [14] });
    expect(counts('Peru quake: death toll climbs to 63 as search winds down')).toEqual({ dead: [63] });
    expect(counts('The 2021 fire killed 85 people in Paradise; three are missing.')).toEqual({ dead: [85] });
    expect(counts('The toll bridge will be closed to 35 cars a night after a magnitude 6.6 quake.')).toEqual({});
  });

  it("heads an untitled story with its lead article's lede, not another source's more central sentence", () => {
    const lead = article('lead', [
      "Southampton City Council said on Wednesday that the Itchen Bridge will close to all traffic for three nights next week so that engineers can replace worn expansion joints on the eastern approach.",
      "The bridge, which links the city centre with Woolston and carries about 30,000 vehicles a day, will be shut from 8pm to 6am on Monday, Tuesday and Wednesday. Pedestrians and cyclists will still be able to cross, with marshals on site.",
      "Drivers will be diverted via Northam Bridge and the A3024, which the council warned could add up to 25 minutes to journeys. Bus operator Bluestar said its route 17 would be diverted and that night services would run to a reduced timetable.",
      "\"We know this will be disruptive, but the joints have reached the end of their life and we cannot keep patching them,\" said councillor Eamonn Keogh, cabinet member for transport. \"Doing it at night keeps the impact to a minimum.\"",
      "The work is part of a £6.5m maintenance programme on the 48-year-old bridge, which is due to continue until 2027. The council said toll charges would be suspended for the nights of the closure.",
    ]);
    const other = article('other', [
      "Drivers in Southampton are being warned to expect delays next week when the Itchen Bridge shuts overnight for repairs.",
      "The toll bridge between the city centre and Woolston will be closed to vehicles for three nights from Monday, between 8pm and 6am, while contractors replace expansion joints that the city council says are worn out.",
      "People on foot and on bikes can still use the bridge. Vehicles will be sent on a signed diversion through Northam, and the council has advised anyone travelling to Southampton General Hospital or the docks to leave extra time.",
      "Tolls will not be collected while the work is carried out. The council announced the closure on Wednesday and said it was the latest stage of a £6.5 million programme of repairs to the bridge, which opened in 1977.",
      "Local businesses in Woolston said they were worried about losing evening trade. \"Every time the bridge shuts, our takings drop,\" said Karen Doyle, who runs a restaurant on Portsmouth Road.",
    ]);
    const result = summariseTwo(lead, other, 90, '2025-06-11');
    expect(result.headline).toBe('The Itchen Bridge will close to all traffic for three nights');
  });

  it('does not give a speaker by surname alone: it brings the sentence that named them, or leaves the quote out', () => {
    const frog = [
      'A new species of glass frog has been named by scientists who found it in a cloud forest in northwestern Ecuador.',
      'The frog was identified by a team led by Dr Carlos Andrade of the Universidad San Francisco de Quito, who spent three years surveying streams in the Intag valley.',
      'The frog measures just 21 millimetres and lives on leaves overhanging fast-flowing streams in the cloud forest.',
      '"We only realised the call of the glass frog was completely different when we recorded the males at night," Andrade said.',
      'The glass frog has been recorded at only two streams in the cloud forest, both inside a mining concession.',
    ];
    const a = article('a', frog);
    const { ctx } = context();
    for (const words of [40, 60, 80, 120]) {
      const result = summariseStory(story('s', '2025-01-01', [['a', 'canonical']]), new Map([['a', a]]), ctx, words);
      const quote = result.sentences.findIndex((s) => s.index === 3);
      if (quote >= 0) expect(result.sentences.slice(0, quote).some((s) => s.text.includes('Carlos Andrade'))).toBe(true);
    }
    // The sentence is found as leaning on its introduction (and "said Ms Tonkin", "according to Andrade" too).
    expect(speakerIntroductions([frog[1]!, frog[3]!, 'The survey will go on, said Dr Andrade.', 'More money is needed, according to Andrade.', 'Carlos Andrade said more surveys were needed.'])).toEqual([
      null,
      { index: 0, name: 'Carlos Andrade' },
      { index: 0, name: 'Carlos Andrade' },
      { index: 0, name: 'Carlos Andrade' },
      null,
    ]);
  });

  it('changes length with the budget', () => {
    const articles = seedArticles();
    const byId = new Map(articles.map((a) => [a.id, a]));
    const { ctx } = context();
    const march = seedStories()[0]!;
    const short = summariseStory(march, byId, ctx, 40);
    const long = summariseStory(march, byId, ctx, 200);
    expect(wordCount(short.summary)).toBeLessThan(wordCount(long.summary));
    expect(wordCount(long.summary)).toBeGreaterThan(150);
    // No sentence twice within a long summary either.
    expect(new Set(long.sentences.map((s) => s.text)).size).toBe(long.sentences.length);
  });

  it('skips headings, fragments, furniture and photo captions; warns when nothing is left', () => {
    const a = article('a', [
      { type: 'heading', text: 'Live updates' },
      'Read more.',
      'CLICK HERE TO JOIN',
      'Photo: Getty Images via a wire service photographer in town.',
      'FILE - In this Oct. 27, 2012 file photo, the mayor appears at a charity lunch in the city centre.',
      'The mayor waves to supporters outside the town hall in the city centre, Tuesday, Oct. 9, 2012.',
    ]);
    const { ctx, reporter } = context();
    const result = summariseStory(story('s', '2025-01-01', [['a', 'canonical']]), new Map([['a', a]]), ctx, 80);
    expect(result.sentences).toEqual([]);
    expect(result.headline.length).toBeGreaterThan(0);
    expect(reporter.messages.some((m) => m.ruleId === 'summarise/no-sentences' && m.severity === 'warning')).toBe(true);
  });

  it('skips a call to subscribe, and keeps a report about subscribers or a newsletter', () => {
    const calls = ['Sign up for our newsletter to get the best of the week in your inbox every Friday.', 'Subscribe now to read every story from the valley for just £1 a month.'];
    const reports = [
      'The Harbour Gazette has launched a free daily email newsletter to replace its weekday print editions.',
      'The choir’s channel passed 100,000 subscribers on YouTube in October, its conductor said.',
      'More than 6,000 people signed up to the newsletter in its first week, the editor said.',
    ];
    const a = article('a', [...calls, ...reports]);
    const { ctx } = context();
    const result = summariseStory(story('s', '2025-01-01', [['a', 'canonical']]), new Map([['a', a]]), ctx, 200);
    expect(result.sentences.map((s) => s.text)).toEqual(reports);
  });
});

describe('a dateline opening an article', () => {
  it('is left out of the summary readers see, and kept in the sentence the summary cites', () => {
    const wire = article('wire', [
      'LEEDS, March 4, 2026 /PRNewswire/ -- Northfield Water today announced a £120 million programme to upgrade the Eastbrook reservoir, which supplies 400,000 homes.',
      'The work, due to begin in September, will replace the spillway and add a second treatment line, raising capacity by 15 per cent.',
      'The regulator approved the plan last month after a public consultation that drew 2,300 responses from residents.',
    ], { date: '2026-03-04' });
    const { ctx } = context();
    const [edition] = summariseStories([story('s1', '2026-03-04', [['wire', 'canonical']])], [wire], ctx);
    const summary = edition!.stories[0]!;
    expect(summary.summary.startsWith('Northfield Water today announced')).toBe(true);
    expect(summary.summary).not.toContain('PRNewswire');
    const first = summary.sentences.find((x) => x.index === 0)!;
    expect(first.text.startsWith('LEEDS, March 4, 2026 /PRNewswire/ -- ')).toBe(true);
    expect(articleSentences(wire)[first.index]).toBe(first.text);
  });

  it('a wire’s dateline is left out where its sentence is not the article’s first (a wire alert’s slug lines before it)', () => {
    const alert = article('alert', [
      'MERIDIAN WIRE URGENT UK AIRLINES STRATHMORE ENTERS ADMINISTRATION AND GROUNDS ALL FLIGHTS',
      'GLASGOW, Nov 21 (Meridian Wire) - Strathmore Airlines, the Glasgow-based regional carrier, entered administration on Thursday and grounded its fleet of 14 aircraft.',
      'About 14,000 Strathmore passengers are currently abroad, mostly in Spain and Portugal, the Civil Aviation Authority said.',
    ], { date: '2024-11-21' });
    const { ctx } = context();
    const [edition] = summariseStories([story('s1', '2024-11-21', [['alert', 'canonical']])], [alert], ctx);
    const summary = edition!.stories[0]!;
    expect(summary.summary).toContain('Strathmore Airlines, the Glasgow-based regional carrier, entered administration');
    expect(summary.summary).not.toContain('GLASGOW, Nov 21');
    // Only a dateline that ends in a dash: a sentence that opens with a name and its initials keeps them.
    expect(stripWireDateline('The European Commission (EC) President Ursula von der Leyen said the talks would resume.')).toBe('The European Commission (EC) President Ursula von der Leyen said the talks would resume.');
  });

  it('a wire dateline with its day ("HULL, England, June 11 (Northern Wire) - ") is left out too', () => {
    expect(stripDateline('HULL, England, June 11 (Northern Wire) - Rescue teams reached the flooded estate on Wednesday.')).toBe('Rescue teams reached the flooded estate on Wednesday.');
    expect(stripDateline('The Prime Minister, Keir Starmer (Labour) said the plan would go ahead.')).toBe('The Prime Minister, Keir Starmer (Labour) said the plan would go ahead.');
  });
});

describe("a newsletter's signposts and a list's markers", () => {
  it('leave the summary: "Why it matters: ", "Yes, but: " and "- " go before the sentences they head', () => {
    const post = article('post', [
      'Senate negotiators struck a bipartisan deal on Tuesday to speed up federal permits for power lines and pipelines.',
      'Why it matters: The agreement would be the biggest change to environmental permitting in decades.',
      { type: 'list', text: '- The bill caps environmental reviews at two years.\n- It creates a fast track for interstate transmission lines.' },
      'Yes, but: Environmental groups warned the two-year cap would cut public input into big projects.',
    ], { date: '2026-11-18' });
    const { ctx } = context({ words: 200 });
    const decision = summariseStory(story('s', '2026-11-18', [['post', 'canonical']]), new Map([[post.id, post]]), ctx, 200);
    expect(decision.sentences.length).toBe(5);
    expect(decision.summary).not.toMatch(/Why it matters|Yes, but|(^|\s)- /);
    expect(decision.summary).toContain('The agreement would be the biggest change');
    expect(decision.summary).toContain('It creates a fast track');
    // The sentences themselves stay as the article has them.
    expect(decision.sentences.map((x) => x.text)).toContain('Why it matters: The agreement would be the biggest change to environmental permitting in decades.');
  });

  it('are named: words before a colon that make a sentence or a speaker stay, and so does a label with too little after it', () => {
    for (const text of [
      'The report found three problems: Staff shortages, old equipment and slow payments.',
      'Lopez said: "This is the deal that finally gets shovels in the ground."',
      'The big picture: Yes.',
    ]) expect(withoutSignpost(text)).toBe(text);
    expect(withoutSignpost('What’s next: a floor vote could come before the recess.')).toBe('A floor vote could come before the recess.');
    expect(withoutSignpost('2. Ministers will publish the plan in March.')).toBe('Ministers will publish the plan in March.');
    // A syllabus's lettered points; a bracket that is the sentence's own stays.
    expect(withoutSignpost('(b) The line at issue will deliver power to customers in the State.')).toBe('The line at issue will deliver power to customers in the State.');
    expect(withoutSignpost('(a) majority of members voted for the plan.')).toBe('(a) majority of members voted for the plan.');
  });
});

describe('an interview', () => {
  it("is summarised from its introduction: its turns name no speaker, and its editing note is no news", () => {
    const interview = article('interview', [
      'The health minister, Alice Grant, spoke on Tuesday about the decision to delay 12 hospital building projects. The interview has been edited for length and clarity.',
      'Q: Why delay the hospital building projects now, minister?',
      'A: Because the costs have risen by 40% since the plans were drawn up, and we cannot ask taxpayers to cover that.',
      'A. J. Smith, who chairs the health committee, said the delay would be examined at a hearing in January.',
    ], { date: '2026-11-18' });
    const { ctx } = context({ words: 200 });
    const decision = summariseStory(story('s', '2026-11-18', [['interview', 'canonical']]), new Map([[interview.id, interview]]), ctx, 200);
    expect(decision.summary).toBe(
      'The health minister, Alice Grant, spoke on Tuesday about the decision to delay 12 hospital building projects. A. J. Smith, who chairs the health committee, said the delay would be examined at a hearing in January.',
    );
  });

  it("a briefing's transcript is summarised from what is said without a speaker's label; reporters' questions are not summary sentences", () => {
    const transcript = article('briefing', [
      'MS. AVERY: Good afternoon. The President this morning signed an executive order directing federal agencies to speed up permits for transmission lines.',
      'The order also creates a new interagency council on grid reliability, which will report within 90 days.',
      'Q Thank you. Does the President expect legal challenges to the order he signed this morning?',
      'MS. AVERY: We are confident the order is on firm legal ground, and we expect agencies to begin work immediately.',
      'SECRETARY BLINKEN: We will raise the transmission rules with our partners at the summit next week.',
      'Q I wanted to follow up on the budget talks and what the leaders agreed this morning.',
    ], { date: '2026-11-18' });
    const { ctx } = context({ words: 200 });
    const decision = summariseStory(story('s', '2026-11-18', [['briefing', 'canonical']]), new Map([[transcript.id, transcript]]), ctx, 200);
    expect(decision.summary).toBe(
      'The President this morning signed an executive order directing federal agencies to speed up permits for transmission lines. The order also creates a new interagency council on grid reliability, which will report within 90 days.',
    );
    // A sentence with a colon after words in ordinary case, and one that reports a question, are the news's.
    const report = article('report', [
      'Avery said: "We are confident the order is on firm legal ground," when asked about challenges.',
      'Reporters asked whether the President expected legal challenges, and Avery said he did not.',
      'Key Dates: The council on grid reliability meets in January and reports to the President in March.',
    ], { date: '2026-11-18' });
    const reported = summariseStory(story('r', '2026-11-18', [['report', 'canonical']]), new Map([[report.id, report]]), ctx, 200);
    expect(reported.sentences.length).toBe(3);
  });

  it("a regulatory notice's field labels in capitals are no speakers: its SUMMARY is summarised, without the label", () => {
    const notice = article('notice', [
      'SUMMARY: The Environmental Protection Agency is finalizing revisions to the standards of performance for new stationary combustion turbines.',
      'DATES: This final rule is effective on February 1, 2027.',
      'The agency estimates the rule will cut nitrogen oxide emissions by 23,000 tons a year by 2035.',
    ], { date: '2026-12-03' });
    const { ctx } = context({ words: 200 });
    const decision = summariseStory(story('n', '2026-12-03', [['notice', 'canonical']]), new Map([[notice.id, notice]]), ctx, 200);
    expect(decision.summary).toBe(
      'The Environmental Protection Agency is finalizing revisions to the standards of performance for new stationary combustion turbines. This final rule is effective on February 1, 2027. The agency estimates the rule will cut nitrogen oxide emissions by 23,000 tons a year by 2035.',
    );
  });

  it("a programme's host introducing its guest is no summary sentence; a quoted guest's words and a report of an episode are", () => {
    const show = article('show', [
      'The World Trade Organization’s appellate body has been unable to hear cases since December 2019, when the United States blocked new judges.',
      'This week, trade lawyer Maria Okafor joins us to explain what the paralysis means for countries that win disputes.',
      'At least 32 panel reports have been appealed into the void, leaving the losing side free to ignore the ruling.',
      'In this episode we talk to the lawyers who have taken cases to the interim arbitration arrangement.',
    ], { date: '2026-12-04' });
    const { ctx } = context({ words: 200 });
    const decision = summariseStory(story('p', '2026-12-04', [['show', 'canonical']]), new Map([[show.id, show]]), ctx, 200);
    expect(decision.sentences.length).toBe(2);
    expect(decision.summary).not.toMatch(/joins us|In this episode/);
    // The same words inside a guest's quotation are the guest's.
    const quoted = article('quoted', [
      'The World Trade Organization’s appellate body has been unable to hear cases since December 2019, when the United States blocked new judges.',
      '"Any country that joins us in the interim arrangement gets a real appeal," the trade minister told reporters on Friday.',
    ], { date: '2026-12-04' });
    expect(summariseStory(story('q', '2026-12-04', [['quoted', 'canonical']]), new Map([[quoted.id, quoted]]), ctx, 200).sentences.length).toBe(2);
    // A report that names a programme's episode in its own voice is news.
    const report = article('report', ['The minister said on the BBC’s Today programme that the appeals court should be restored within a year, and that talks would begin in February.'], { date: '2026-12-04' });
    expect(summariseStory(story('r', '2026-12-04', [['report', 'canonical']]), new Map([[report.id, report]]), ctx, 200).sentences.length).toBe(1);
  });

  it('a live story’s update label leaves the summary sentence it heads', () => {
    expect(withoutSignpost('Update, 3.15pm: National Highways has confirmed that the tunnel will remain open.')).toBe('National Highways has confirmed that the tunnel will remain open.');
    expect(withoutSignpost('UPDATE 14:05 GMT: Police have reopened the road.')).toBe('Police have reopened the road.');
  });
});

describe('commentary in a story', () => {
  const report = article('report', [
    'Investigators on Tuesday began examining a section of track where a passenger train derailed near Kelby, injuring 34 people.',
    'Northline Rail said services between Marston and Ashworth would remain suspended until at least Thursday, with replacement buses running.',
  ], { date: '2026-05-12', title: 'Kelby derailment: investigators examine track' });
  // Central to the story in its words, and an argument, not a report.
  const column = article('column', [
    'The derailment near Kelby that injured 34 people on the Marston to Ashworth line did not come out of nowhere.',
    'For a decade, passengers on the Marston line have complained about speed restrictions, cracked rails and cancelled maintenance.',
    'Northline Rail services between Marston and Ashworth have been suspended before, and passengers have been sent to replacement buses for years.',
  ], { date: '2026-05-12', title: 'Opinion: Kelby shows the cost of years of rail underinvestment' });

  it("draws a story's summary from its reports, not from what a column argues; a story of commentary alone from the commentary", () => {
    const { ctx } = context({ words: 80 });
    const byId = new Map([report, column].map((a) => [a.id, a]));
    const both = summariseStory(story('s', '2026-05-12', [['report', 'canonical'], ['column', 'related']]), byId, ctx, 80);
    expect(both.sentences.map((s) => s.articleId)).toEqual(['report', 'report']);
    const alone = summariseStory(story('c', '2026-05-12', [['column', 'canonical']]), byId, ctx, 80);
    expect(alone.sentences.length).toBeGreaterThan(0);
    expect(alone.sentences.every((s) => s.articleId === 'column')).toBe(true);
  });
});
