import { describe, expect, it } from 'vitest';
import { leadClause, MAX_HEADLINE, shortenAtPhrase, withoutWireLabel } from '../../pipeline/summarise/headline.ts';
import { summariseStory } from '../../pipeline/summarise/index.ts';
import { article, context, seedArticles, seedStories, story } from './helpers.ts';

const DANGLING = /(?:\b(?:and|of|the|to|a|an|in|for|with|on|at|by|or|but)|[,;:–—-])$/i;

function assertHeadline(headline: string): void {
  expect(headline.length).toBeGreaterThan(0);
  expect(headline.length).toBeLessThanOrEqual(MAX_HEADLINE);
  expect(headline).not.toMatch(DANGLING);
  expect(headline).not.toMatch(/\.$/);
}

describe('headline rules', () => {
  it('strips attribution tails', () => {
    expect(leadClause('Ministers agreed a new budget on Friday, Downing Street said.')).toBe('Ministers agreed a new budget on Friday');
    expect(leadClause('The plant will close next year, according to the company.')).toBe('The plant will close next year');
    expect(leadClause('Prices rose by 3% in May, officials have said.')).toBe('Prices rose by 3% in May');
  });

  it('cuts long text at a clause boundary, never mid-word or on a dangling word', () => {
    const long =
      'The government and the opposition reached an agreement on the future of the national health service after weeks of negotiations that had threatened to collapse';
    const headline = shortenAtPhrase(long);
    assertHeadline(headline);
    expect(long.startsWith(headline)).toBe(true);
    expect(long[headline.length]).toMatch(/[\s,]/); // ends on a word boundary
    expect(headline).toBe('The government and the opposition reached an agreement on the future of the national health service');
  });

  it('never ends on a possessive or an adjective that waits for its noun (a cut at "new, larger lorries")', () => {
    const lead =
      "People living on Cobden Terrace say collections stopped in mid-October when the council's new, larger lorries proved too wide for the narrow street outside their homes";
    const headline = shortenAtPhrase(lead);
    assertHeadline(headline);
    expect(headline).not.toMatch(/(?:['’]s|\bnew)$/);
    expect(lead.startsWith(headline)).toBe(true);
  });

  it('leaves a title that needs no cut as it is, and keeps a name in the possessive or a predicate adjective where it cuts', () => {
    // Whole titles: a name in the possessive and an adjective after "is" end them as their writers did.
    expect(shortenAtPhrase("Inside the queue: the ambulances waiting hours outside St Aldhelm's")).toBe("Inside the queue: the ambulances waiting hours outside St Aldhelm's");
    expect(shortenAtPhrase("Crowds queue for the reopening of McDonald's")).toBe("Crowds queue for the reopening of McDonald's");
    expect(shortenAtPhrase('Minister says the plan is new')).toBe('Minister says the plan is new');
    expect(shortenAtPhrase('Village market sells everything old and new')).toBe('Village market sells everything old and new');
    // Cut at a comma after them: the name stays, and so does the predicate.
    const long = ', while hundreds of residents gathered outside to watch the work continue late into the evening under floodlights';
    expect(shortenAtPhrase(`Engineers finished the repairs to the old bridge beside McDonald's${long}`)).toBe("Engineers finished the repairs to the old bridge beside McDonald's");
    expect(shortenAtPhrase(`Engineers told the council that the replacement bridge design is new${long}`)).toBe('Engineers told the council that the replacement bridge design is new');
  });

  it('keeps the particle a whole title ends on ("move in", "sets in"), and still drops a dangling word where it cuts', () => {
    expect(shortenAtPhrase('Oakley warehouse fire: residents return home as investigators move in')).toBe('Oakley warehouse fire: residents return home as investigators move in');
    expect(shortenAtPhrase('Frost warnings across the north as winter sets in')).toBe('Frost warnings across the north as winter sets in');
    expect(shortenAtPhrase('Local bakery chain bought as rival takes over')).toBe('Local bakery chain bought as rival takes over');
    // A whole text still loses what no writer ends on.
    expect(shortenAtPhrase('Council approves the budget and')).toBe('Council approves the budget');
  });

  it('never ends on "and"/"of" even when only word boundaries are in reach', () => {
    const words = 'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau upsilon phi chi psi omega and of the'.split(' ');
    for (let n = 10; n < words.length; n++) assertHeadline(shortenAtPhrase(words.slice(0, n).join(' ') + ' and of the to'.repeat(3)));
  });

  it('drops honorifics and job titles before full names only when too long', () => {
    expect(shortenAtPhrase('Foreign Secretary David Lammy met Kaja Kallas')).toBe('Foreign Secretary David Lammy met Kaja Kallas');
    const long = 'Foreign Secretary David Lammy and Defence Secretary John Healey are set to meet the EU’s foreign affairs chief on Tuesday to discuss pressure on Russia';
    const headline = shortenAtPhrase(long);
    assertHeadline(headline);
    expect(headline).toMatch(/^David Lammy and John Healey are set to meet the EU’s foreign affairs chief/);
  });

  it('drops datelines, agency tags and labels from a lead sentence', () => {
    expect(leadClause('BALTIMORE — Police completed their investigation on Thursday.')).toBe('Police completed their investigation on Thursday');
    expect(leadClause('KIEV, Ukraine — Separatists seized a building.')).toBe('Separatists seized a building');
    expect(leadClause('WASHINGTON (AP) — The senator resigned after a vote.')).toBe('The senator resigned after a vote');
    expect(leadClause('Springfield (CNN) The mayor resigned after a vote.')).toBe('The mayor resigned after a vote');
    expect(leadClause('EXCLUSIVE: The studio is recasting its lead role.')).toBe('The studio is recasting its lead role');
  });

  it('keeps the main clause, not a leading subordinate clause or an aside', () => {
    const headline = shortenAtPhrase(
      'Two decades after the family sitcom signed off the air, the network has ordered a revival of the show with most of the original cast returning',
    );
    assertHeadline(headline);
    expect(headline).toMatch(/^The network has ordered a revival/);
    const aside = shortenAtPhrase(
      'The regional governor, angered over a report comparing the size of the crowd at his rally to that of his rival, ordered an inquiry into the park service',
    );
    assertHeadline(aside);
    expect(aside).toMatch(/^The regional governor ordered an inquiry/);
  });

  it('does not leave a quotation open', () => {
    const headline = shortenAtPhrase('The minister promised that the country would “never again allow such a failure of planning, oversight and basic competence to happen on this scale”');
    assertHeadline(headline);
    expect((headline.match(/“/g) ?? []).length).toBe((headline.match(/”/g) ?? []).length);
  });
});

describe('headline sources', () => {
  it('uses the canonical article title when there is one', () => {
    const { ctx } = context();
    const a = article('a', ['Flood defences failed in three towns overnight, officials said on Monday morning.', 'Residents were evacuated from their homes by boat.'], { title: 'Flood defences fail in three towns' });
    const result = summariseStory(story('s', '2025-01-01', [['a', 'canonical']]), new Map([['a', a]]), ctx, 80);
    expect(result.headline).toBe('Flood defences fail in three towns');
  });

  it("uses another member's title when the lead article has none (an untitled text copy of a titled wire story)", () => {
    const { ctx } = context();
    const text = ['A freight train carrying grain left the rails near a river crossing early on Sunday, blocking the main line north for most of the day.', 'Nobody was hurt, the rail operator said.'];
    const lead = article('scraped', [...text, 'Engineers expect to reopen the line by Tuesday.']);
    const copy = article('wire', text, { title: 'Grain train derails near river crossing' });
    const members = new Map([['scraped', lead], ['wire', copy]]);
    const result = summariseStory(story('s', '2025-01-01', [['scraped', 'canonical'], ['wire', 'duplicate', 'scraped']]), members, ctx, 80);
    expect(result.headline).toBe('Grain train derails near river crossing');
  });

  it("uses a report's title over an institution's title for its own document ('… issues FOMC statement', 'Readout of …')", () => {
    const { ctx } = context();
    const statement = article('fomc', ['In support of its goals, the Committee decided to lower the target range for the federal funds rate by 1/4 percentage point.', 'The Committee judges that the risks to its goals are roughly in balance.'], { title: 'Federal Reserve issues FOMC statement' });
    const report = article('wire', ['The Federal Reserve lowered its benchmark interest rate by a quarter of a percentage point on Wednesday, citing a cooling labour market.'], { title: 'Fed cuts rates by a quarter point as job growth slows' });
    const members = new Map([['fomc', statement], ['wire', report]]);
    const both = summariseStory(story('s', '2026-11-18', [['fomc', 'canonical'], ['wire', 'related']]), members, ctx, 80);
    expect(both.headline).toBe('Fed cuts rates by a quarter point as job growth slows');
    // Alone, or beside reports as untitled as it, the statement keeps its own title; so does a readout beside another readout.
    expect(summariseStory(story('s', '2026-11-18', [['fomc', 'canonical']]), members, ctx, 80).headline).toBe('Federal Reserve issues FOMC statement');
    const readout = article('readout', statement.paragraphs, { title: "Readout of the Prime Minister's call with the Chancellor of Germany" });
    expect(summariseStory(story('r', '2026-11-18', [['readout', 'canonical'], ['fomc', 'related']]), new Map([['readout', readout], ['fomc', statement]]), ctx, 80).headline).toBe(
      "Readout of the Prime Minister's call with the Chancellor of Germany",
    );
    // A news title that reports a statement is the news's.
    const news = article('news', report.paragraphs, { title: 'Met Office issues severe weather warning' });
    expect(summariseStory(story('n', '2026-11-18', [['news', 'canonical'], ['wire', 'related']]), new Map([['news', news], ['wire', report]]), ctx, 80).headline).toBe('Met Office issues severe weather warning');
  });

  it('uses a heading at the top of the text when it is about the story', () => {
    const { ctx } = context();
    const a = article('a', [
      { type: 'heading', text: 'Flood defences fail in three northern towns' },
      'Flood defences failed in three northern towns overnight, forcing hundreds of residents from their homes.',
      'Emergency crews used boats to reach flood victims in the worst-hit towns.',
      'The Environment Agency said the flood defences had been overwhelmed by record rainfall.',
    ]);
    const result = summariseStory(story('s', '2025-01-01', [['a', 'canonical']]), new Map([['a', a]]), ctx, 80);
    expect(result.headline).toBe('Flood defences fail in three northern towns');
  });

  it('ignores a heading that is not about the story (a section label)', () => {
    const { ctx } = context();
    const a = article('a', [
      { type: 'heading', text: 'Live updates and more' },
      'Flood defences failed in three northern towns overnight, forcing hundreds of residents from their homes.',
      'Emergency crews used boats to reach flood victims in the worst-hit towns.',
    ]);
    const result = summariseStory(story('s', '2025-01-01', [['a', 'canonical']]), new Map([['a', a]]), ctx, 80);
    expect(result.headline).toBe('Flood defences failed in three northern towns overnight');
  });

  it('gives every seed story a headline that follows the rules, from the lead clause of a central sentence', () => {
    const articles = seedArticles();
    const byId = new Map(articles.map((a) => [a.id, a]));
    const { ctx } = context();
    const headlines = seedStories().map((s) => summariseStory(s, byId, ctx, 80).headline);
    for (const h of headlines) assertHeadline(h);
    // Each is the start of a sentence of its story (verbatim words, shortened), not a fixed string.
    expect(headlines[1]).toMatch(/^David Lammy and John Healey met their Ukrainian counterparts/);
    expect(headlines[2]).toMatch(/^Keir Starmer and Emmanuel Macron have agreed/);
  });
});

describe('a wire’s label for the kind of story, glued to its title', () => {
  it('is left out of the headline ("FACTBOX-", "TIMELINE-", "UPDATE 2-", "REFILE-UPDATE 1-"); a word in capitals that is the news stays', () => {
    expect(withoutWireLabel("FACTBOX-What is in Britain's grid connection reform?")).toBe("What is in Britain's grid connection reform?");
    expect(withoutWireLabel('TIMELINE-Key events in the Harbour Water takeover battle')).toBe('Key events in the Harbour Water takeover battle');
    expect(withoutWireLabel('UPDATE 2-Fed cuts rates by a quarter point')).toBe('Fed cuts rates by a quarter point');
    expect(withoutWireLabel('REFILE-UPDATE 1-Fed cuts rates by a quarter point')).toBe('Fed cuts rates by a quarter point');
    expect(withoutWireLabel('EXPLAINER: Why the grid queue is so long')).toBe('Why the grid queue is so long');
    // Too little left to head a story: the title stays whole.
    expect(withoutWireLabel('EXCLUSIVE-Fed')).toBe('EXCLUSIVE-Fed');
    for (const title of ['COVID-19 cases rise again in care homes', 'NATO-Russia talks resume in Geneva', 'UPDATE-free phones: a guide', 'Timeline: how the strike unfolded']) expect(withoutWireLabel(title)).toBe(title);
    const { ctx } = context();
    const a = article('a', ['Britain confirmed on Tuesday rules to reorder the queue of power projects waiting to connect to its grid.'], { title: "FACTBOX-What is in Britain's grid connection reform?" });
    expect(summariseStory(story('s', '2026-11-18', [['a', 'canonical']]), new Map([['a', a]]), ctx, 80).headline).toBe("What is in Britain's grid connection reform?");
  });
});

describe('a newsletter’s label before a headline', () => {
  it('is left out ("1 big thing:", "Exclusive:", "Scoop:", "Breaking:", "First on CNN:"); "Opinion:", "Analysis:" and a label over lower case stay', () => {
    expect(withoutWireLabel('1 big thing: Grid queue overhaul approved')).toBe('Grid queue overhaul approved');
    expect(withoutWireLabel('Exclusive: EPA delays methane fee collection')).toBe('EPA delays methane fee collection');
    // Other languages' labels, French typography's space before the colon included.
    expect(withoutWireLabel('EXCLUSIF : La BCE prépare une hausse des taux')).toBe('La BCE prépare une hausse des taux');
    expect(withoutWireLabel('Eilmeldung: Bundestag beschließt Haushalt 2027')).toBe('Bundestag beschließt Haushalt 2027');
    expect(withoutWireLabel('Última hora: El Gobierno aprueba la reforma')).toBe('El Gobierno aprueba la reforma');
    expect(withoutWireLabel('Exklusiv: „Wir sind bereit“, sagt die Ministerin')).toBe('„Wir sind bereit“, sagt die Ministerin');
    expect(withoutWireLabel('Scoop: White House weighs grid emergency order')).toBe('White House weighs grid emergency order');
    expect(withoutWireLabel('Breaking news: Copper hits a record')).toBe('Copper hits a record');
    expect(withoutWireLabel('First on CNN: Senators reach permitting deal')).toBe('Senators reach permitting deal');
    for (const title of ['Opinion: The grid queue is the climate bottleneck', 'Analysis: Why copper keeps rising', 'Exclusive: how the deal was done', 'Exclusive dealing: the case against the utility', 'Breaking: Fed']) expect(withoutWireLabel(title)).toBe(title);
  });
});

describe('a live blog’s marker in a title', () => {
  it('is left out of the headline; "Live" as a word stays', async () => {
    const { withoutLiveLabel } = await import('../../pipeline/summarise/headline.ts');
    expect(withoutLiveLabel('Hallowmere flooding LIVE: River Ouzel bursts banks as homes evacuated')).toBe('Hallowmere flooding: River Ouzel bursts banks as homes evacuated');
    expect(withoutLiveLabel('LIVE: Council budget vote')).toBe('Council budget vote');
    expect(withoutLiveLabel('Storm Bert hits the coast – live updates')).toBe('Storm Bert hits the coast');
    expect(withoutLiveLabel('Election count (Live)')).toBe('Election count');
    expect(withoutLiveLabel('Live music returns to the park this summer')).toBe('Live music returns to the park this summer');
    // A topic's "live:", as the Guardian heads its live blogs; "live" as a verb stays.
    expect(withoutLiveLabel('Storm Bronagh live: thousands without power as 90mph winds hit west coast')).toBe('Storm Bronagh: thousands without power as 90mph winds hit west coast');
    expect(withoutLiveLabel('Ukraine war live: Kyiv hit by drones overnight')).toBe('Ukraine war: Kyiv hit by drones overnight');
    expect(withoutLiveLabel('Where they live: inside the housing crisis')).toBe('Where they live: inside the housing crisis');
    expect(withoutLiveLabel('Long live: the return of the village pub')).toBe('Long live: the return of the village pub');
  });

  it('a story headed by a live blog’s title goes without it', () => {
    const { ctx } = context();
    const a = article('a', ['Dozens of homes were evacuated in Hallowmere on Wednesday after the River Ouzel burst its banks following a night of heavy rain.'], { title: 'Hallowmere flooding LIVE: River Ouzel bursts banks as homes evacuated' });
    const result = summariseStory(story('s', '2025-06-11', [['a', 'canonical']]), new Map([['a', a]]), ctx, 80);
    expect(result.headline).toBe('Hallowmere flooding: River Ouzel bursts banks as homes evacuated');
  });
});

describe('attribution at the front of a lead clause', () => {
  it('goes before "that" and a clause of its own, as the tail attribution does', () => {
    expect(shortenAtPhrase(leadClause('Engineers said on Friday that the Alder Street Bridge in Kestrelford could stay closed for at least three months after a detailed survey found the crack in its main span was deeper than first thought.'))).toBe(
      'The Alder Street Bridge in Kestrelford could stay closed for at least three months',
    );
    expect(leadClause('The council has confirmed that the library will open on Sundays from July.')).toBe('The library will open on Sundays from July');
    // Too little after "that" to stand alone.
    expect(leadClause('Police said that he was fine.')).toBe('Police said that he was fine');
  });
});

describe('a title’s own attribution and a bracketed dateline', () => {
  it('keeps "…, UN says" whole, and strips "(Geneva, 14 May 2025) – " from a lead', async () => {
    const { stripDateline } = await import('../../pipeline/summarise/headline.ts');
    expect(shortenAtPhrase('Cholera outbreak kills nearly 100 in displacement camps, UN says')).toBe('Cholera outbreak kills nearly 100 in displacement camps, UN says');
    expect(shortenAtPhrase('Warehouse fire injures 2 workers, officials say')).toBe('Warehouse fire injures 2 workers, officials say');
    expect(stripDateline('(Geneva/Port Anselm, 14 May 2025) – The United Nations appealed for funds for the camps.')).toBe('The United Nations appealed for funds for the camps.');
  });
});
