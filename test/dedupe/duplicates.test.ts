import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../pipeline/config/schema.ts';
import { sameOutlet } from '../../pipeline/dedupe/stories.ts';
import { commentaryKind, isCommentary } from '../../pipeline/common/commentary.ts';
import { article, dedupe, memberOf, storyOf } from './helpers.ts';
import { FLOOD, OTHER_FLOOD, PROMO } from './fixtures-text.ts';

describe('duplicate folding', () => {
  it('folds an exact copy (same normalised text) into the earlier article, similarity 1', () => {
    const original = article('herald/flood', FLOOD, { date: '2025-05-01', publisher: 'Herald' });
    const copy = article('courier/flood', FLOOD.map((p) => p.toUpperCase().replace(/,/g, ' ,')), { date: '2025-05-02', publisher: 'Courier' });
    const { stories, reporter } = dedupe([copy, original]);
    expect(stories).toHaveLength(1);
    expect(memberOf(stories[0]!, 'herald/flood').role).toBe('canonical');
    expect(memberOf(stories[0]!, 'courier/flood')).toMatchObject({ role: 'duplicate', duplicateOf: 'herald/flood', similarity: 1, publisher: 'Courier' });
    expect(reporter.messages.find((m) => m.ruleId === 'dedupe/exact-duplicate')?.articleId).toBe('courier/flood');
  });

  it('folds a near-duplicate with another lead and a promo inside, keeping the most complete as canonical', () => {
    const original = article('wire/flood', FLOOD, { date: '2025-05-01' });
    const edited = ['Residents of a Buckinghamshire town were counting the cost on Thursday night.', ...FLOOD.slice(1, 3), PROMO, ...FLOOD.slice(3)];
    const { stories, reporter } = dedupe([article('paper/flood', edited, { date: '2025-05-01' }), original]);
    expect(stories).toHaveLength(1);
    const roles = Object.fromEntries(stories[0]!.articles.map((m) => [m.articleId, m.role]));
    expect(Object.values(roles).sort()).toEqual(['canonical', 'duplicate']);
    const message = reporter.messages.find((m) => m.ruleId === 'dedupe/near-duplicate');
    expect(message?.detail?.score).toBeGreaterThanOrEqual(0.5);
    expect(message?.reason).toMatch(/word 3-grams/);
  });

  it('finds a rewritten copy by its long quotation and aligned sentences even when shingles differ', () => {
    const rewritten = [
      'The Environment Agency said about 300 homes in Marlow were evacuated on Thursday after heavy rain flooded the town centre beside the river Thame.',
      'Buckinghamshire firefighters reached people trapped upstairs in boats, and an emergency shelter was opened by the council at the leisure centre in Marlow.',
      '“We have never seen the water rise this quickly,” said Helen Ashby, who has run a bakery on the high street for twenty years.',
      'A severe flood warning was issued by the agency for the lower Thame valley, where more rain is expected overnight and levels should peak on Friday morning.',
      'The railway between Marlow and Bourne End was closed by Network Rail when flood water undermined the embankment near the station.',
    ];
    const { stories, reporter } = dedupe([article('wire/flood', FLOOD, { date: '2025-05-01' }), article('local/flood', rewritten, { date: '2025-05-01' })]);
    expect(stories).toHaveLength(1);
    expect(stories[0]!.articles.some((m) => m.role === 'duplicate')).toBe(true);
    const message = reporter.messages.find((m) => m.ruleId === 'dedupe/same-origin');
    expect(message?.detail?.alignedSentences).toBeGreaterThanOrEqual(3);
    expect(message?.detail?.quotations).toEqual([expect.stringContaining('never seen the water rise')]);
    expect(reporter.messages.some((m) => m.ruleId === 'dedupe/near-duplicate')).toBe(false);
  });

  it('respects a stricter near-duplicate threshold from config', () => {
    const config = defaultConfig();
    config.dedupe.nearDuplicateThreshold = 0.95;
    config.dedupe.sameOriginMinSentences = 100;
    const edited = [...FLOOD.slice(0, 3), PROMO, ...FLOOD.slice(3)];
    const { stories } = dedupe([article('a', FLOOD, { date: '2025-05-01' }), article('b', edited, { date: '2025-05-01' })], config);
    // Not a copy any more at 0.95, but still one event.
    expect(stories).toHaveLength(1);
    expect(stories[0]!.articles.map((m) => m.role).sort()).toEqual(['canonical', 'related']);
  });
});

describe('story grouping', () => {
  it('keeps two different events of the same kind apart (other places and people)', () => {
    const { stories } = dedupe([article('a', FLOOD, { date: '2025-05-01' }), article('b', OTHER_FLOOD, { date: '2025-05-01' })]);
    expect(stories).toHaveLength(2);
  });

  it('never groups dated articles further apart than windowDays, even copies', () => {
    const { stories } = dedupe([article('a', FLOOD, { date: '2025-05-01' }), article('b', FLOOD, { date: '2025-06-20' })]);
    expect(stories).toHaveLength(2);
    expect(new Set(stories.map((s) => s.id)).size).toBe(2);
  });

  it('…nor through an undated copy of both (a copy links to anything undated; the group it makes may not span more than the window)', () => {
    const dayOf = (id: string) => ({ a: '2025-05-01', c: '2025-05-05', b: '2025-06-20' })[id] ?? null;
    for (const order of [['a', 'u', 'b', 'c'], ['b', 'u', 'a', 'c'], ['u', 'b', 'c', 'a']]) {
      const { stories } = dedupe(order.map((id) => article(id, FLOOD, dayOf(id) ? { date: dayOf(id)! } : {})));
      for (const story of stories) {
        const days = story.articles.map((m) => dayOf(m.articleId)).filter((d): d is string => d !== null).map((d) => Date.parse(d) / 86_400_000);
        expect(Math.max(...days) - Math.min(...days)).toBeLessThanOrEqual(defaultConfig().dedupe.windowDays);
      }
      // a and c (four days apart) are one story, b another; the undated copy is in one of them.
      expect(stories.map((s) => s.articles.map((m) => m.articleId).filter((id) => id !== 'u').sort().join(' ')).sort()).toEqual(['a c', 'b']);
      expect(stories.filter((s) => s.articles.some((m) => m.articleId === 'u'))).toHaveLength(1);
    }
  });

  it('says which names and terms made two reports one story', () => {
    const second = [
      'Hundreds of people left their homes in Marlow on Thursday as the river Thame burst its banks after a day of heavy rain.',
      'Council leader Tom Ridley said the Buckinghamshire town needed government money for the damaged roads and bridges.',
      'The Environment Agency warned that the Thame would keep rising overnight, and Network Rail shut the line to Bourne End.',
    ];
    const { stories, reporter } = dedupe([article('a', FLOOD, { date: '2025-05-01' }), article('b', second, { date: '2025-05-02' })]);
    expect(stories).toHaveLength(1);
    expect(storyOf(stories, 'b').articles.map((m) => m.role).sort()).toEqual(['canonical', 'related']);
    const message = reporter.messages.find((m) => m.ruleId === 'dedupe/same-event')!;
    expect(message.detail?.names).toEqual(expect.arrayContaining(['Marlow']));
    expect((message.detail?.terms as string[]).length).toBeGreaterThan(0);
    expect(stories[0]!.date).toBe('2025-05-01');
  });
});

describe('the original of a group of copies', () => {
  const WIRE = [
    'CARLISLE, Nov 3 (Northern Wire) - A freight train carrying caustic soda derailed near Carlisle on Tuesday, forcing the evacuation of about 400 homes, police said.',
    'Eleven wagons left the track at a level crossing south of the city shortly after 6 a.m., and two of them leaked part of their load into a drainage ditch.',
    'Network Rail said the West Coast Main Line between Penrith and Carlisle would stay closed at least until Thursday while the wagons were recovered.',
    'Nobody was injured, the fire service said, and residents were being put up in a church hall and two hotels overnight.',
  ];
  const REPRINT = [
    'This report is published under a syndication agreement with the agency and has been updated with extra detail from the scene this afternoon.',
    ...WIRE,
    'Correction: an earlier version of this article gave the wrong number of wagons that left the track.',
  ];

  it('is the copy its dateline’s agency published, though a reprint adds words to it', () => {
    const { stories } = dedupe([
      article('reprint', REPRINT, { date: '2026-11-03', publisher: 'Lakes Online' }),
      article('wire', WIRE, { date: '2026-11-03', publisher: 'Northern Wire' }),
    ]);
    expect(memberOf(storyOf(stories, 'wire'), 'wire').role).toBe('canonical');
    expect(memberOf(storyOf(stories, 'wire'), 'reprint')).toMatchObject({ role: 'duplicate', duplicateOf: 'wire' });
  });

  it('is the copy of the agency its dateline names by initials ("(NWA)" for Northern Wire Agency, "(AFP)" for Agence France-Presse)', () => {
    for (const [tag, publisher] of [
      ['NWA', 'Northern Wire Agency'],
      ['AFP', 'Agence France-Presse'],
      ['N.W.', 'Northern Wire'],
    ] as const) {
      const wire = WIRE.map((p) => p.replace('(Northern Wire)', `(${tag})`));
      const reprint = [REPRINT[0]!, ...wire, REPRINT[REPRINT.length - 1]!];
      const { stories } = dedupe([article('reprint', reprint, { date: '2026-11-03', publisher: 'Lakes Online' }), article('wire', wire, { date: '2026-11-03', publisher })]);
      expect(memberOf(storyOf(stories, 'wire'), 'wire').role, tag).toBe('canonical');
    }
    // Initials are not a match for any name: "(LO)" is not Lakes Online's own dateline when it is spelled "Lakes online".
    expect(sameOutlet('LO', 'Lakes online')).toBe(false);
    expect(sameOutlet('Lakes Online', 'LO')).toBe(true);
    expect(sameOutlet('Reuters', 'Reuters Ltd')).toBe(false);
  });

  it('is the earliest copy when no dateline names one', () => {
    const plain = WIRE.map((p) => p.replace(/^CARLISLE, Nov 3 \(Northern Wire\) - /, ''));
    const later = ['Updated with extra detail from the scene this afternoon, the following report was first published yesterday by our partners.', ...plain];
    const { stories } = dedupe([article('later', later, { date: '2026-11-04', publisher: 'Lakes Online' }), article('first', plain, { date: '2026-11-03', publisher: 'Rail Daily' })]);
    expect(memberOf(storyOf(stories, 'first'), 'later')).toMatchObject({ role: 'duplicate', duplicateOf: 'first' });
  });
});

describe('the lead of a story', () => {
  const column = [
    'The flood that drove about 300 families from their homes in Marlow on Thursday was not an act of God but the result of years of neglect along the river Thame.',
    'The Environment Agency warned the council in 2019 that the flood defences by the Marlow leisure centre would not hold against a severe flood, and nothing was done.',
    'Council leader Tom Ridley now says he will seek emergency funding from the government for the evacuation and the repairs to roads and bridges.',
    'He should have asked five years ago, when the agency first raised the alarm about the Thame and the homes along it.',
    'Residents evacuated from the river bank deserve a public inquiry, not another promise of emergency funding after the water has gone down.',
    'Until the defences are rebuilt, every severe flood warning for the Thame valley will send Marlow families to the leisure centre again.',
  ];
  const news = FLOOD.slice(0, 4);

  it('is a news report rather than commentary on it, though the commentary is longer', () => {
    // Without a mark of commentary the longer article leads, as before.
    const plain = dedupe([article('column', column, { date: '2025-03-20' }), article('news', news, { date: '2025-03-20' })]).stories;
    expect(storyOf(plain, 'news')).toBe(storyOf(plain, 'column'));
    expect(memberOf(storyOf(plain, 'news'), 'column').role).toBe('canonical');
    // Marked as commentary by its title, or by the section its address is in: the report leads.
    const titled = dedupe([article('column', column, { date: '2025-03-20', title: 'Opinion: Marlow was let down long before the water rose' }), article('news', news, { date: '2025-03-20' })]).stories;
    expect(memberOf(storyOf(titled, 'news'), 'news').role).toBe('canonical');
    const addressed = article('column', column, { date: '2025-03-20', title: 'Marlow was let down long before the water rose' });
    addressed.url = 'https://courier.example/opinion/2025/03/20/marlow-flood';
    expect(memberOf(storyOf(dedupe([addressed, article('news', news, { date: '2025-03-20' })]).stories, 'news'), 'news').role).toBe('canonical');
  });

  it('tells commentary by a labelled title or a section of commentary in its address, not by words in them', () => {
    expect(isCommentary({ title: 'Analysis: Why the bank held its nerve', url: null })).toBe(true);
    expect(isCommentary({ title: 'COMMENT | The town deserves better', url: null })).toBe(true);
    expect(isCommentary({ title: null, url: 'https://paper.example/commentisfree/2025/jun/10/flood' })).toBe(true);
    expect(isCommentary({ title: 'Opinion poll puts Labour ahead in Marlow', url: 'https://paper.example/news/2025/opinion-poll' })).toBe(false);
    expect(isCommentary({ title: 'Analysts expect a rate cut', url: 'https://paper.example/business/analysis-of-rates' })).toBe(false);
    expect(isCommentary({ title: null, url: 'not a url' })).toBe(false);
    // The address's path, as `URL` reads it: backslashes are slashes; the host and the query are not the path.
    expect(isCommentary({ title: null, url: 'https://paper.example\\opinion\\2025\\column' })).toBe(true);
    expect(isCommentary({ title: null, url: 'https://paper.example/comment?from=home' })).toBe(true);
    expect(isCommentary({ title: null, url: 'https://opinion.example/news/2025/flood' })).toBe(false);
    expect(isCommentary({ title: null, url: 'https://paper.example/news/flood?from=/opinion/' })).toBe(false);
  });

  it('says what kind of commentary a piece is, by its label or its section, spellings and plurals folded', () => {
    expect(commentaryKind({ title: 'Analysis: Why the bank held its nerve', url: 'https://paper.example/opinion/x' })).toBe('analysis');
    expect(commentaryKind({ title: 'Letters to the editor: the flood walls', url: null })).toBe('letters');
    expect(commentaryKind({ title: 'Op-Ed | Marlow deserves better', url: null })).toBe('opinion');
    expect(commentaryKind({ title: null, url: 'https://paper.example/commentisfree/2025/jun/10/flood' })).toBe('comment');
    expect(commentaryKind({ title: null, url: 'https://paper.example/columnists/jane-doe/flood' })).toBe('column');
    expect(commentaryKind({ title: null, url: 'https://paper.example/Editorials/flood' })).toBe('editorial');
    expect(commentaryKind({ title: 'Flood walls approved', url: 'https://paper.example/news/flood' })).toBeNull();
  });
});
