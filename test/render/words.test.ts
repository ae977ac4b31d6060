import { mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../pipeline/config/load.ts';
import { defaultConfig } from '../../pipeline/config/schema.ts';
import { Ledger } from '../../pipeline/deliver/ledger.ts';
import { createUnsubscribeServer } from '../../pipeline/deliver/unsubscribe-server.ts';
import { unsubscribeUrl } from '../../pipeline/deliver/unsubscribe-link.ts';
import { BUILT_IN_WORDS, countWords, resolveWords, wordsConfigSchema } from '../../pipeline/render/words.ts';
import type { Edition } from '../../pipeline/types.ts';
import { errors, fixtureEditions, renderTo, type Rendered } from './helpers.ts';

/** Every file of an edition and the site a reader sees words in. */
const PAGES = ['editions/2025-03-18/email.html', 'editions/2025-03-18/email.txt', 'editions/2025-03-18/index.html', 'index.html', 'feed.xml', 'atom.xml', 'feed.json'];

/** The fixed English words of the shipped templates and views (the fixture's own text, an editor's note, says "Two stories today"). */
const ENGLISH_WORDS = [/View in your browser/, /Also reported by/, /More stories/, /Unsubscribe/, />Archive</, />Feed</, /Read this edition on the web/, / archive</, />Data</, /Plain text/, /Links:/, /\d stor(?:y|ies)/, /\d editions?/, /A daily briefing/];

describe('the built-in words', () => {
  it('exist for every language clean reads, each word valid as a config would have to give it', () => {
    expect(Object.keys(BUILT_IN_WORDS).sort()).toEqual(['de', 'en', 'es', 'fr', 'it', 'nl', 'pt']);
    for (const [language, words] of Object.entries(BUILT_IN_WORDS)) {
      const { defaultDescription, ...configurable } = words;
      expect(defaultDescription, language).not.toBe('');
      // The same check a config's words get: every placeholder one the word can fill.
      expect(wordsConfigSchema.safeParse(configurable).error?.issues ?? [], language).toEqual([]);
      expect(Object.keys(configurable).sort(), language).toEqual(Object.keys(BUILT_IN_WORDS.en!).filter((k) => k !== 'defaultDescription').sort());
    }
  });

  it('are chosen by the primary subtag; a language without its own gets English', () => {
    expect(resolveWords('fr-CA').moreStories).toBe('Autres sujets');
    expect(resolveWords('DE').moreStories).toBe('Weitere Meldungen');
    expect(resolveWords('pt-BR').viewInBrowser).toBe('Ver no navegador');
    expect(resolveWords('pl').moreStories).toBe('More stories');
  });

  it('count by the language’s plural rules; a form the words lack falls back to `other`', () => {
    const en = resolveWords('en');
    expect([0, 1, 2].map((n) => countWords(n, en.stories, 'en'))).toEqual(['0 stories', '1 story', '2 stories']);
    // French counts 0 and 1 alike ("0 sujet").
    const fr = resolveWords('fr');
    expect([0, 1, 2].map((n) => countWords(n, fr.stories, 'fr'))).toEqual(['0 sujet', '1 sujet', '2 sujets']);
    // Polish has three forms; an editor gives them in the config.
    const pl = resolveWords('pl', { stories: { one: '{n} artykuł', few: '{n} artykuły', many: '{n} artykułów', other: '{n} artykułu' } });
    expect([1, 2, 5, 22, 1.5].map((n) => countWords(n, pl.stories, 'pl'))).toEqual(['1 artykuł', '2 artykuły', '5 artykułów', '22 artykuły', '1.5 artykułu']);
    // Only `other` given: every count takes it (the built-in English "one" is not another language's).
    const only = resolveWords('pl', { stories: { other: 'artykuły: {n}' } });
    expect([1, 5].map((n) => countWords(n, only.stories, 'pl'))).toEqual(['artykuły: 1', 'artykuły: 5']);
    // A language tag Intl does not know still counts (English rules).
    expect(countWords(1, en.stories, 'not a tag')).toBe('1 story');
  });
});

describe('a briefing in French', () => {
  let out: Rendered;
  beforeAll(async () => {
    out = await renderTo(fixtureEditions(), { language: 'fr', render: { storyFeed: true } });
  });

  it('renders without errors', () => {
    expect(errors(out.messages)).toEqual([]);
  });

  it('says its fixed words in French in the e-mail, the web pages and the feeds, and none in English', () => {
    const email = out.read('editions/2025-03-18/email.html');
    expect(email).toContain('Voir la version en ligne');
    expect(email).toContain('Autres sujets');
    expect(email).toMatch(/Autres sources\u202F: <a href="https:\/\/wire\.example\.net/);
    expect(email).toContain('Se désabonner\u202F: %%UNSUBSCRIBE_URL%%');
    expect(email).toMatch(/>Archives<\/a> · <a href="[^"]+">Flux</);
    const text = out.read('editions/2025-03-18/email.txt');
    expect(text).toMatch(/^Voir la version en ligne \[1\]$/m);
    expect(text).toMatch(/^Liens\u202F:$/m);
    expect(text).toMatch(/^Autres sujets\u202F:$/m);
    const web = out.read('editions/2025-03-18/index.html');
    expect(web).toContain('>Archives de Briefing</a>');
    expect(web).toContain('>Données</a> · <a href="email.txt">Texte brut</a>');
    expect(out.read('index.html')).toMatch(/· 2 éditions</);
    expect(out.read('feed.xml')).toContain('Lire cette édition sur le web');
    // The default description is in the briefing's language too.
    expect(out.read('index.html')).toContain('Un point quotidien sur l’actualité qui compte.');
    for (const page of PAGES) {
      const found = ENGLISH_WORDS.filter((word) => word.test(out.read(page))).map(String);
      expect(found, page).toEqual([]);
    }
  });
});

describe('words the editor gives in the config', () => {
  const commentary: Edition = {
    date: '2026-12-03',
    timezone: 'UTC',
    stories: [
      {
        id: 'budget',
        headline: 'Haushalt 2027 beschlossen',
        summary: 'Der Bundestag hat den Haushalt beschlossen.',
        sentences: [],
        sources: [
          { articleId: 'a', title: 'Haushalt beschlossen', publisher: 'Nordkurier', url: 'https://nordkurier.example/politik/haushalt', file: 'content/a.html', role: 'canonical', date: '2026-12-03' },
          { articleId: 'b', title: 'Meinung: Ein Haushalt ohne Mut', publisher: 'Südpost', url: 'https://suedpost.example/meinung/haushalt', file: 'content/b.html', role: 'related', date: '2026-12-03' },
        ],
        date: '2026-12-03',
      },
    ],
    more: [],
  };

  it('replace the built-in ones one by one, in any language', async () => {
    const out = await renderTo(fixtureEditions(), { words: { alsoReportedBy: 'Elsewhere', stories: { one: '{n} item', other: '{n} items' } } });
    expect(errors(out.messages)).toEqual([]);
    const email = out.read('editions/2025-03-18/email.html');
    expect(email).toMatch(/Elsewhere: <a href="https:\/\/wire\.example\.net/);
    expect(email).not.toContain('Also reported by');
    expect(email).toContain('View in your browser');
    expect(out.read('editions/2025-03-18/email.txt')).toMatch(/ · \d+ items?$/m);
  });

  it('label a commentary source in the briefing’s language', async () => {
    const out = await renderTo([commentary], { language: 'de' });
    expect(errors(out.messages)).toEqual([]);
    expect(out.read('editions/2026-12-03/email.txt')).toContain('Weitere Quellen: Südpost (Meinung) [');
    const english = await renderTo([commentary], {});
    expect(english.read('editions/2026-12-03/email.txt')).toContain('Also reported by: Südpost (opinion) [');
  });

  it('are checked: an unknown word, or a placeholder the word cannot fill, is an error naming the key', () => {
    const cases: Array<[unknown, string]> = [
      [{ moreStory: 'Plus' }, 'words'],
      [{ archiveOf: 'Archives de {name}' }, 'words.archiveOf'],
      [{ moreStories: 'More {n}' }, 'words.moreStories'],
      [{ stories: { one: '{count} story' } }, 'words.stories.one'],
      [{ stories: { several: '{n} stories' } }, 'words.stories'],
      [{ unsubscribePage: { doneText: '{address} is out of {list}.' } }, 'words.unsubscribePage.doneText'],
    ];
    for (const [words, key] of cases) {
      const dir = mkdtempSync(path.join(tmpdir(), 'briefing-words-'));
      writeFileSync(path.join(dir, 'briefing.config.json'), JSON.stringify({ words }, null, 2));
      const loaded = loadConfig({ cwd: dir, env: {} });
      const error = loaded.messages.find((m) => m.severity === 'error');
      expect(error?.ruleId, JSON.stringify(words)).toBe('config/invalid');
      expect(error?.reason, JSON.stringify(words)).toContain(key);
      expect(error?.file).toBe('briefing.config.json');
    }
    // The error says what the word may hold.
    const dir = mkdtempSync(path.join(tmpdir(), 'briefing-words-'));
    writeFileSync(path.join(dir, 'briefing.config.yaml'), 'words:\n  archiveOf: "Archives de {nom}"\n');
    expect(loadConfig({ cwd: dir, env: {} }).messages[0]).toMatchObject({ file: 'briefing.config.yaml', line: 2, reason: expect.stringContaining('may hold no placeholder but {title}') });
    const fine = mkdtempSync(path.join(tmpdir(), 'briefing-words-'));
    writeFileSync(path.join(fine, 'briefing.config.json'), JSON.stringify({ language: 'fr', words: { archiveOf: 'Les archives — {title}', unsubscribePage: { doneText: 'C’est fait : {address} ne recevra plus {title}.' } } }));
    expect(loadConfig({ cwd: fine, env: {} }).messages).toEqual([]);
  });

  it('leave the English briefing’s description as it was, and a description given as given', () => {
    expect(defaultConfig().description).toBe('A daily briefing of the news that matters.');
    const dir = mkdtempSync(path.join(tmpdir(), 'briefing-words-'));
    writeFileSync(path.join(dir, 'briefing.config.json'), JSON.stringify({ language: 'de', description: 'Der Morgen in fünf Meldungen.' }));
    expect(loadConfig({ cwd: dir, env: {} }).config.description).toBe('Der Morgen in fünf Meldungen.');
  });
});

describe('the unsubscribe pages in the briefing’s language', () => {
  const SECRET = 'a-secret-of-at-least-32-characters-for-tests';
  let base = '';
  let close: () => Promise<void>;
  beforeAll(async () => {
    const ledger = new Ledger(mkdtempSync(path.join(tmpdir(), 'briefing-words-state-')));
    const server = createUnsubscribeServer({ ledger, secret: SECRET, title: 'La <Lettre>', language: 'fr', words: resolveWords('fr', { unsubscribePage: { confirmButton: 'Oui, me désabonner' } }).unsubscribePage });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/unsubscribe`;
    close = () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => (ledger.close(), resolve()))));
  });
  afterAll(() => close());

  it('asks, confirms and refuses in French, with the names escaped', async () => {
    const link = new URL(unsubscribeUrl(base, 'ada+<b>@example.com', SECRET));
    const confirm = await (await fetch(link)).text();
    expect(confirm).toContain('<html lang="fr">');
    expect(confirm).toContain('<h1>Se désabonner\u202F?</h1>');
    expect(confirm).toContain('Ne plus envoyer La &lt;Lettre&gt; à <strong>ada+&lt;b&gt;@example.com</strong>\u202F?');
    expect(confirm).toContain('<button type="submit">Oui, me désabonner</button>');
    expect(confirm).not.toContain('<b>');

    const done = await (await fetch(`${base}?${new URLSearchParams({ e: link.searchParams.get('e')!, s: link.searchParams.get('s')! })}`, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).text();
    expect(done).toContain('<h1>Désabonnement effectué</h1>');
    expect(done).toContain('ada+&lt;b&gt;@example.com ne recevra plus La &lt;Lettre&gt;.');
    expect(await (await fetch(link)).text()).toContain('<h1>Déjà désabonné</h1>');

    const forged = await fetch(`${base}?e=${link.searchParams.get('e')}&s=AAAA`);
    expect(forged.status).toBe(403);
    const refused = await forged.text();
    expect(refused).toContain('<h1>Lien non valide</h1>');
    // Why, in French too: each way a link fails has its words.
    expect(refused).toContain('n’est pas valide (la signature du lien ne correspond pas).');
    expect(await (await fetch(`${base}?e=${link.searchParams.get('e')}`)).text()).toContain('(le lien est incomplet)');
    expect(await (await fetch(`${base}?e=a%20b&s=AAAA`)).text()).toContain('(le lien est mal formé)');
    expect(await (await fetch(base.replace('/unsubscribe', '/other'))).text()).toContain('<h1>Introuvable</h1>');
  });
});
