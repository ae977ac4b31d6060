/**
 * Synthetic news corpus for benchmarks and scale tests.
 *
 * `generateCorpus({ articles: 1000, seed: 7 })` returns the same articles for
 * the same options on every machine (a seeded PRNG, no clock, no I/O), with a
 * known truth for every stage to be measured against:
 *
 * - **Events.** Each original article reports an event: a day, two or three
 *   named people, a place, an organisation and a handful of topic words drawn
 *   from large word lists, so different events differ in their names and
 *   vocabulary the way real stories do. `eventId` is the gold cluster.
 * - **Wire copies** (`duplicateRate`): another publisher runs an earlier
 *   article's text with one controlled edit — `exact`, `changed-lead` (a new
 *   first paragraph), `inserted-promo` (a promo paragraph inside the body),
 *   `reordered` (two paragraphs swapped) or `words-changed` (5–30 % of the
 *   words replaced; the fraction is in `editFraction`). `duplicateOf` names
 *   the original: these are the near-duplicate pairs dedupe must fold.
 * - **Reworded reports** (`rewordRate`): a fresh text about an earlier event —
 *   the same names and topic, different sentences. Same `eventId`, no
 *   `duplicateOf`: dedupe should group them into one story, not fold them.
 * - **Boilerplate** (`boilerplateRate`): a publisher banner glued to the start
 *   (after the `date` token, like the scraped seeds) and promo/newsletter
 *   paragraphs. Each publisher has its own wording, built from phrase parts, so
 *   no rule can key on one fixed sentence. `boilerplate` lists what was added
 *   and `paragraphs` the article's own text: the clean stage's truth.
 * - **Undated** (`undatedRate`): `date: null`, as when a scraper found none.
 *
 * `writeCorpus(dir, articles)` writes what the ingest stage reads: one `.txt`
 * per article (`date YYYY-MM-DD` + banner on the first line, then paragraphs
 * separated by blank lines) or a single `corpus.jsonl` of records.
 *
 * Run alone to write a corpus: `node --import tsx bench/corpus.ts DIR [N] [txt|jsonl]`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { addDays } from '../pipeline/common/dates.ts';

export type EditKind = 'exact' | 'changed-lead' | 'inserted-promo' | 'reordered' | 'words-changed';

export interface SyntheticArticle {
  /** `a000001`…: stable for a given seed and position. */
  id: string;
  publisher: string;
  title: string;
  /** `YYYY-MM-DD`, or null for an undated article. */
  date: string | null;
  /** The article as published: banner and promos included, paragraphs separated by blank lines. */
  text: string;
  /** The gold story: every article about the same event shares it. */
  eventId: string;
  /** For wire copies: the id of the article whose text this one copies. */
  duplicateOf?: string;
  /** For wire copies: how the copy differs from the original. */
  edit?: EditKind;
  /** For `words-changed`: the fraction of words replaced (0.05–0.30). */
  editFraction?: number;
  /** The article's own paragraphs, without any boilerplate (the clean stage's truth). */
  paragraphs: string[];
  /** Boilerplate the text carries: the banner first (if any), then promo paragraphs. */
  boilerplate: string[];
}

export interface CorpusOptions {
  /** How many articles. */
  articles: number;
  /** PRNG seed (default 1): the same seed gives the same corpus. */
  seed?: number;
  /** Events are spread over this many days (default 30). */
  days?: number;
  /** First day, `YYYY-MM-DD` (default 2025-03-01). */
  startDate?: string;
  /** Share of articles that are wire copies of an earlier article (default 0.2). */
  duplicateRate?: number;
  /** Share that are reworded reports of an earlier event (default 0.2). */
  rewordRate?: number;
  /** Share that carry a banner and/or promo paragraphs (default 0.6). */
  boilerplateRate?: number;
  /** Share without a date (default 0.05). */
  undatedRate?: number;
  /** Publisher names (default: eight invented outlets). */
  publishers?: string[];
  /** Paragraphs per original article, inclusive range (default [4, 9]). */
  paragraphsPerArticle?: [number, number];
}

const DEFAULT_PUBLISHERS = [
  'The Morning Ledger',
  'Harbour Post',
  'Northern Courier',
  'Daily Meridian',
  'The Civic Standard',
  'Riverside Chronicle',
  'Evening Dispatch',
  'Capital Wire',
];

// ---------------------------------------------------------------------------
// Seeded randomness

/** mulberry32: small, fast, and good enough for test data. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)]!,
    chance: (p) => next() < p,
    shuffle: (items) => {
      const copy = [...items];
      for (let i = copy.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [copy[i], copy[j]] = [copy[j]!, copy[i]!];
      }
      return copy;
    },
  };
}

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max], inclusive. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
  shuffle<T>(items: readonly T[]): T[];
}

// ---------------------------------------------------------------------------
// Word lists. Large enough that two events rarely share more than a common word.

const FIRST_NAMES = 'Amira Ben Carla Dmitri Elena Femi Grace Hamid Ines Jonas Keiko Liam Maya Nikos Olga Pedro Quinn Rosa Samir Tara Umar Vera Wen Xavier Yara Zoltan Alice Bruno Chloe Daniel Esther Felix Greta Hugo Ivana Jamal Kofi Lena Marco Nadia Oscar Priya Rafael Sofia Tomas Ursula Viktor Wanda Yusuf Zara'.split(' ');
const LAST_NAMES = 'Abbott Bakker Castillo Dlamini Eriksen Fontaine Gallagher Haddad Ibrahim Jovanovic Kowalski Lindqvist Moreau Nakamura Okafor Petrov Quintero Rahman Schneider Takahashi Underwood Varga Whitfield Xu Yilmaz Zielinski Asante Bergstrom Carvalho Duarte Esposito Farouk Grieve Hollis Iqbal Jansen Keller Lombardi Mensah Novak Oyelaran Pacheco Reyes Sandoval Thorne Ueda Valdez Weston Yamamoto Zimmer'.split(' ');
const ROLES = 'minister spokesperson chief executive mayor governor director chair commissioner senator professor analyst inspector prosecutor councillor ambassador'.split(' ');
const PLACE_HEADS = 'Ash Bright Cold Dun Elm Fair Glen Hart Iron King Lang Mill North Oak Pen Red Stone Thorn West Wick Black Brook Cross Green High Low Mar Rose Sand Silver'.split(' ');
const PLACE_TAILS = 'ford bury field haven mouth stead ton wick worth bridge dale gate holm ley more port stow vale well minster'.split(' ');
const ORG_KINDS = ['Water Authority', 'Transport Board', 'Health Trust', 'Energy Company', 'Port Authority', 'University', 'City Council', 'Police Service', 'Housing Association', 'Chamber of Commerce', 'Fire and Rescue Service', 'Wildlife Trust', 'Teachers Union', 'Farmers Union', 'Development Agency'];
const TOPIC_WORDS = (
  'flood defences reservoir pipeline tariff exports harvest drought wildfire evacuation bridge tunnel railway signalling timetable strike wages pension ' +
  'hospital ward vaccine clinic surgery waiting list school curriculum exam teachers budget deficit borrowing bond inflation interest rates mortgage rent ' +
  'housing estate planning permission wind farm turbine solar grid outage battery factory layoffs merger acquisition shareholders dividend fraud inquiry ' +
  'verdict jury appeal sentence prison parole election ballot turnout coalition referendum treaty ceasefire sanctions embassy refugees border asylum ' +
  'airport runway emissions pollution recycling landfill coastline erosion fishing quota trawler satellite launch rocket telescope archive museum festival ' +
  'stadium transfer tournament championship marathon trial genome laboratory aquifer glacier storm surge earthquake aftershock volcano lighthouse ferry ' +
  'cyberattack ransomware outage broadband spectrum licence regulator fine watchdog audit subsidy grant scholarship library theatre orchestra bakery brewery'
).split(' ');
const VERBS_PAST = 'announced confirmed warned approved rejected postponed launched suspended expanded cut raised defended criticised welcomed investigated delayed unveiled halted reopened extended'.split(' ');
const VERBS_BASE = 'review expand reduce delay fund rebuild inspect replace protect restore challenge support monitor reconsider accelerate'.split(' ');
const ADJECTIVES = 'new major long-awaited controversial temporary emergency regional national independent joint urgent ambitious costly detailed limited'.split(' ');
const GENERAL_NOUNS = 'plan scheme decision report proposal review package deal investigation programme project policy measure agreement study'.split(' ');
const PERIODS = ['week', 'month', 'year', 'spring', 'autumn', 'winter', 'summer'];
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const FILLER = 'the a of in on for with after before during while because although residents officials critics experts local people families businesses workers services community area region country government figures data months years costs concerns questions changes plans'.split(' ');
const QUOTES = [
  'We have listened carefully and we will act on what we heard',
  'This is not the end of the matter and we expect answers',
  'People deserve to know what happens next and when',
  'The figures speak for themselves and the trend is clear',
  'We were given assurances that have not been met',
  'It is a difficult balance but the priority must be safety',
  'Nobody wanted it to come to this, but here we are',
  'The next few weeks will decide whether this works',
];

// Banner and promo wording is assembled from parts so each publisher has its own.
const BANNER_OPENERS = ['Your support helps us tell the story', 'Independent journalism needs you', 'Help keep our reporting free', 'Readers like you make this work possible', 'Stand with local news', 'We rely on readers, not billionaires'];
const BANNER_MIDDLES = [
  'From city hall to the high street, our reporters are there when the story breaks.',
  'We do not put our journalism behind a paywall because we believe everyone deserves the facts.',
  'Every contribution, however big or small, keeps our newsroom independent.',
  'At a moment like this, reliable reporting matters more than ever.',
  'Our journalists speak to all sides so you can make up your own mind.',
];
const BANNER_CLOSERS = ['Support now', 'Donate today', 'Become a member', 'Read more', 'Subscribe from just £1', 'Join us'];
const PROMOS = [
  'Sign up to our free {pub} newsletter for the day’s top stories in your inbox.',
  'Download the {pub} app for breaking news alerts.',
  'Read more: the stories you may have missed this week from {pub}.',
  'Follow {pub} on social media for live updates.',
  'Get unlimited access to {pub} journalism for less than the price of a coffee.',
  'Advertisement — story continues below.',
  'Listen to the {pub} daily podcast, available wherever you get your podcasts.',
  'Have a story? Contact the {pub} newsdesk in confidence.',
];

// ---------------------------------------------------------------------------
// Events and their texts

interface NewsEvent {
  id: string;
  day: string;
  people: { name: string; role: string }[];
  place: string;
  org: string;
  topic: string[];
}

interface PublisherStyle {
  name: string;
  banner: string;
  promos: string[];
}

function makeEvent(random: Random, index: number, startDate: string, days: number): NewsEvent {
  const person = () => ({ name: `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`, role: random.pick(ROLES) });
  const place = `${random.pick(PLACE_HEADS)}${random.pick(PLACE_TAILS)}`;
  const topic = random.shuffle(TOPIC_WORDS).slice(0, 8);
  return {
    id: `e${String(index + 1).padStart(6, '0')}`,
    day: addDays(startDate, random.int(0, Math.max(0, days - 1))),
    people: Array.from({ length: random.int(2, 3) }, person),
    place,
    org: `${random.chance(0.5) ? place : `${random.pick(PLACE_HEADS)}${random.pick(PLACE_TAILS)}`} ${random.pick(ORG_KINDS)}`,
    topic,
  };
}

function publisherStyle(name: string, random: Random): PublisherStyle {
  const banner = `${random.pick(BANNER_OPENERS)} ${random.pick(BANNER_CLOSERS)} ${random.shuffle(BANNER_MIDDLES).slice(0, random.int(2, 3)).join(' ')} ${random.pick(BANNER_CLOSERS)}`;
  const promos = random.shuffle(PROMOS).slice(0, 3).map((p) => p.replaceAll('{pub}', name));
  return { name, banner, promos };
}

function sentence(random: Random, event: NewsEvent): string {
  const person = random.pick(event.people);
  const surname = person.name.split(' ')[1]!;
  const t = () => random.pick(event.topic);
  const filler = () => Array.from({ length: random.int(2, 5) }, () => random.pick(FILLER)).join(' ');
  const templates = [
    () => `${person.name}, the ${person.role}, said on ${random.pick(WEEKDAYS)} that the ${event.org} would ${random.pick(VERBS_BASE)} the ${t()} ${random.pick(GENERAL_NOUNS)} in ${event.place}.`,
    () => `The ${random.pick(ADJECTIVES)} ${t()} ${random.pick(GENERAL_NOUNS)} was ${random.pick(VERBS_PAST)} after ${random.int(2, 900)} ${filler()} raised concerns about the ${t()}.`,
    () => `Speaking in ${event.place}, ${surname} told reporters: “${random.pick(QUOTES)}.”`,
    () => `Officials at the ${event.org} estimate the ${t()} will cost £${random.int(2, 950)} million over ${random.int(2, 12)} years.`,
    () => `Critics of the ${t()} ${random.pick(GENERAL_NOUNS)} say ${filler()} in ${event.place} were not consulted before it was ${random.pick(VERBS_PAST)}.`,
    () => `${surname} ${random.pick(VERBS_PAST)} the ${random.pick(ADJECTIVES)} ${random.pick(GENERAL_NOUNS)} on the ${t()} and the ${t()}, which ${filler()} had sought for ${random.int(2, 20)} ${random.pick(PERIODS)}s.`,
    () => `Figures published by the ${event.org} last ${random.pick(PERIODS)} showed ${random.int(3, 97)} per cent of ${filler()} affected by the ${t()}.`,
    () => `A decision on the ${t()} is expected next ${random.pick(PERIODS)}, ${random.pick(event.people).name} said.`,
    () => `Residents of ${event.place} described the ${t()} as ${random.pick(ADJECTIVES)} and called for a ${random.pick(ADJECTIVES)} ${random.pick(GENERAL_NOUNS)}.`,
    () => `In a statement, the ${event.org} said it had ${random.pick(VERBS_PAST)} ${random.int(2, 60)} complaints about the ${t()} since ${random.pick(WEEKDAYS)}.`,
    () => `${person.name} declined to comment on the ${t()}, but a colleague said ${filler()} would be ${random.pick(VERBS_PAST)} by the end of the ${random.pick(PERIODS)}.`,
    () => `The row over the ${t()} has divided ${event.place}, where ${random.int(2, 80)} thousand people live.`,
    () => `Asked whether the ${t()} could be ${random.pick(VERBS_PAST)}, ${surname} replied that ${filler()} had to come first.`,
    () => `Campaigners gathered outside the offices of the ${event.org} on ${random.pick(WEEKDAYS)} holding banners about the ${t()}.`,
    () => `It is the ${random.pick(['first', 'second', 'third', 'latest'])} time this ${random.pick(PERIODS)} that the ${t()} has made headlines in ${event.place}.`,
    () => `According to ${random.pick(event.people).name}, the ${t()} and the ${t()} are linked, a claim the ${event.org} disputes.`,
    () => `${random.int(2, 40)} ${random.pick(['councillors', 'engineers', 'nurses', 'lawyers', 'volunteers', 'inspectors'])} have been ${random.pick(VERBS_PAST)} to work on the ${t()}.`,
    () => `Nobody from the ${event.org} was available on ${random.pick(WEEKDAYS)} to explain the ${random.pick(ADJECTIVES)} ${t()} ${random.pick(GENERAL_NOUNS)}.`,
  ];
  return random.pick(templates)();
}

function paragraph(random: Random, event: NewsEvent): string {
  return Array.from({ length: random.int(1, 3) }, () => sentence(random, event)).join(' ');
}

function headline(random: Random, event: NewsEvent): string {
  const surname = event.people[0]!.name.split(' ')[1]!;
  const t = random.pick(event.topic);
  const forms = [
    `${event.place} ${t} ${random.pick(GENERAL_NOUNS)} ${random.pick(VERBS_PAST)}`,
    `${surname} ${random.pick(VERBS_PAST)} ${random.pick(ADJECTIVES)} ${t} ${random.pick(GENERAL_NOUNS)}`,
    `${event.org} faces questions over ${t}`,
  ];
  const text = random.pick(forms);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function originalParagraphs(random: Random, event: NewsEvent, range: [number, number]): string[] {
  return Array.from({ length: random.int(range[0], range[1]) }, () => paragraph(random, event));
}

/** Replaces `fraction` of the words (never the first) with other plausible words. */
function changeWords(random: Random, paragraphs: string[], fraction: number): string[] {
  const replacements = [...FILLER, ...VERBS_PAST, ...ADJECTIVES, ...GENERAL_NOUNS];
  return paragraphs.map((p) =>
    p
      .split(' ')
      .map((word, i) => (i > 0 && random.chance(fraction) ? random.pick(replacements) + (/[.,”:]$/.test(word) ? word.slice(-1) : '') : word))
      .join(' '),
  );
}

function applyEdit(random: Random, kind: EditKind, source: string[], event: NewsEvent, style: PublisherStyle): { paragraphs: string[]; promos: string[]; fraction?: number } {
  switch (kind) {
    case 'exact':
      return { paragraphs: [...source], promos: [] };
    case 'changed-lead':
      return { paragraphs: [paragraph(random, event), ...source.slice(1)], promos: [] };
    case 'inserted-promo':
      return { paragraphs: [...source], promos: [random.pick(style.promos)] };
    case 'reordered': {
      const copy = [...source];
      if (copy.length >= 3) {
        const i = random.int(1, copy.length - 2);
        [copy[i], copy[i + 1]] = [copy[i + 1]!, copy[i]!];
      } else copy.reverse();
      return { paragraphs: copy, promos: [] };
    }
    case 'words-changed': {
      const fraction = Math.round((0.05 + random.next() * 0.25) * 100) / 100;
      return { paragraphs: changeWords(random, source, fraction), promos: [], fraction };
    }
  }
}

/** Inserts each promo after a paragraph other than the first, so it sits inside the body. */
function withPromos(random: Random, paragraphs: string[], promos: string[]): string[] {
  const out = [...paragraphs];
  for (const promo of promos) out.splice(random.int(1, Math.max(1, out.length - 1)), 0, promo);
  return out;
}

const EDITS: EditKind[] = ['exact', 'changed-lead', 'inserted-promo', 'reordered', 'words-changed'];

export function generateCorpus(options: CorpusOptions): SyntheticArticle[] {
  const {
    articles: count,
    seed = 1,
    days = 30,
    startDate = '2025-03-01',
    duplicateRate = 0.2,
    rewordRate = 0.2,
    boilerplateRate = 0.6,
    undatedRate = 0.05,
    publishers = DEFAULT_PUBLISHERS,
    paragraphsPerArticle = [4, 9],
  } = options;
  if (publishers.length === 0) throw new Error('generateCorpus: at least one publisher is needed');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(startDate)) throw new Error(`generateCorpus: startDate must be YYYY-MM-DD, got "${startDate}"`);
  const random = createRandom(seed);
  const styles = publishers.map((name) => publisherStyle(name, random));
  const events: NewsEvent[] = [];
  const originals: { article: SyntheticArticle; event: NewsEvent }[] = [];
  const result: SyntheticArticle[] = [];

  for (let i = 0; i < count; i++) {
    const id = `a${String(i + 1).padStart(6, '0')}`;
    const style = random.pick(styles);
    const roll = random.next();
    let event: NewsEvent;
    let paragraphs: string[];
    let promos: string[] = [];
    let title: string;
    const extra: Pick<SyntheticArticle, 'duplicateOf' | 'edit' | 'editFraction'> = {};

    if (roll < duplicateRate && originals.length > 0) {
      // A wire copy: another outlet runs an earlier text with one edit.
      const source = random.pick(originals);
      event = source.event;
      const edit = random.pick(EDITS);
      const edited = applyEdit(random, edit, source.article.paragraphs, event, style);
      paragraphs = edited.paragraphs;
      promos = edited.promos;
      title = source.article.title;
      extra.duplicateOf = source.article.id;
      extra.edit = edit;
      if (edited.fraction !== undefined) extra.editFraction = edited.fraction;
    } else if (roll < duplicateRate + rewordRate && events.length > 0) {
      // Another outlet's own report of an earlier event.
      event = random.pick(events);
      paragraphs = originalParagraphs(random, event, paragraphsPerArticle);
      title = headline(random, event);
    } else {
      event = makeEvent(random, events.length, startDate, days);
      events.push(event);
      paragraphs = originalParagraphs(random, event, paragraphsPerArticle);
      title = headline(random, event);
    }

    const boilerplate: string[] = [];
    let banner: string | null = null;
    if (random.chance(boilerplateRate)) {
      if (random.chance(0.7)) banner = style.banner;
      if (random.chance(0.5)) promos.push(random.pick(style.promos));
    }
    if (banner) boilerplate.push(banner);
    boilerplate.push(...promos);
    const body = withPromos(random, paragraphs, promos);
    // Reports of one event appear on its day, sometimes the day after.
    const date = random.chance(undatedRate) ? null : addDays(event.day, random.chance(0.2) ? 1 : 0);
    const text = [banner, ...body].filter((p): p is string => p !== null).join('\n\n');
    const article: SyntheticArticle = { id, publisher: style.name, title, date, text, eventId: event.id, ...extra, paragraphs, boilerplate };
    result.push(article);
    if (!extra.duplicateOf) originals.push({ article, event });
  }
  return result;
}

export interface WriteCorpusOptions {
  /** `txt` (default): one file per article, like the scraped seeds. `jsonl`: one `corpus.jsonl`. */
  format?: 'txt' | 'jsonl';
}

/**
 * Writes the corpus as ingest inputs into `dir` (created if needed) and
 * returns the paths written. In `.txt` the date is the leading `date
 * YYYY-MM-DD` token with the banner glued to it on the same line, as the
 * scrapers produce; `.jsonl` records carry `{id, title, text, date, source}`.
 */
export function writeCorpus(dir: string, articles: SyntheticArticle[], options: WriteCorpusOptions = {}): string[] {
  mkdirSync(dir, { recursive: true });
  if (options.format === 'jsonl') {
    const file = path.join(dir, 'corpus.jsonl');
    const lines = articles.map((a) => JSON.stringify({ id: a.id, title: a.title, text: a.text, date: a.date, source: a.publisher }));
    writeFileSync(file, lines.join('\n') + '\n');
    return [file];
  }
  return articles.map((a) => {
    const file = path.join(dir, `${a.id}.txt`);
    writeFileSync(file, a.date ? ` date ${a.date} ${a.text}\n` : `${a.text}\n`);
    return file;
  });
}

// `node --import tsx bench/corpus.ts DIR [N] [txt|jsonl]` writes a corpus for manual runs.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [dir, n = '1000', format = 'txt'] = process.argv.slice(2);
  if (!dir) {
    process.stderr.write('usage: node --import tsx bench/corpus.ts DIR [N] [txt|jsonl]\n');
    process.exit(2);
  }
  const written = writeCorpus(dir, generateCorpus({ articles: Number(n) }), { format: format === 'jsonl' ? 'jsonl' : 'txt' });
  process.stderr.write(`wrote ${written.length} file(s) to ${dir}\n`);
}
