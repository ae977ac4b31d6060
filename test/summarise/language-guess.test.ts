import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { build } from '../../pipeline/build/index.ts';
import { defaultConfig } from '../../pipeline/config/schema.ts';
import { Reporter } from '../../pipeline/common/report.ts';
import { guessLanguage } from '../../pipeline/common/language-guess.ts';
import type { Edition } from '../../pipeline/types.ts';
import { removeDir, tempDir } from '../foundation/helpers.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));

/** Two or three sentences of news in each language (written for these tests). */
const NEWS: Record<string, string> = {
  en: 'The council approved the flood plan on Tuesday after a long debate. The walls will be built along the river by the end of next year, the mayor said. Residents who had opposed the scheme said they would appeal.',
  fr: 'Le conseil municipal a adopté mardi le plan contre les inondations après un long débat. Les digues seront construites le long du fleuve d’ici la fin de l’année prochaine, selon le maire. Les riverains qui s’y opposaient ont annoncé un recours.',
  de: 'Der Stadtrat hat am Dienstag nach langer Debatte den Hochwasserplan beschlossen. Die Schutzmauern sollen bis Ende nächsten Jahres entlang des Flusses gebaut werden, sagte der Bürgermeister. Anwohner, die sich gegen das Projekt gewehrt hatten, wollen klagen.',
  es: 'El ayuntamiento aprobó el martes el plan contra las inundaciones tras un largo debate. Los muros se construirán a lo largo del río antes de que termine el próximo año, según el alcalde. Los vecinos que se oponían al proyecto anunciaron que lo recurrirán.',
  it: 'Il consiglio comunale ha approvato martedì il piano contro le alluvioni dopo un lungo dibattito. Gli argini saranno costruiti lungo il fiume entro la fine del prossimo anno, ha detto il sindaco. I residenti che si erano opposti al progetto hanno annunciato un ricorso.',
  pt: 'A câmara municipal aprovou na terça-feira o plano contra as cheias depois de um longo debate. Os muros serão construídos ao longo do rio até ao fim do próximo ano, disse o presidente da câmara. Os moradores que se opunham ao projeto vão recorrer.',
  nl: 'De gemeenteraad heeft dinsdag na een lang debat het plan tegen overstromingen goedgekeurd. De muren worden voor het einde van volgend jaar langs de rivier gebouwd, zei de burgemeester. Bewoners die zich tegen het plan hadden verzet, gaan in beroep.',
};

describe('guessing a text’s language', () => {
  it('tells each language clean reads from a few sentences of news', () => {
    for (const [language, text] of Object.entries(NEWS)) expect(guessLanguage(text), language).toBe(language);
  });

  it('says nothing when it cannot tell: too little text, names and figures, two languages half and half', () => {
    expect(guessLanguage('Berlin, 3. Dezember 2026')).toBeNull();
    expect(guessLanguage('The council approved the plan.')).toBeNull();
    expect(guessLanguage('Palm Bay 18 22 13 17 — 70. Rockledge 14 11 6 15 — 44. Tolivert 25 points, Davis 17, Burgher 10, Bozeman 10, Bean-Laing 5.')).toBeNull();
    // A results table: ten function words, but among two hundred names and figures.
    const table = Array.from({ length: 20 }, (_, i) => `Rovers ${i} 14 11 6 15${i % 2 ? ' and' : ''} 44 points`).join(', ');
    expect(guessLanguage(table)).toBeNull();
    expect(guessLanguage(`${NEWS.en} ${NEWS.de}`)).toBeNull();
    expect(guessLanguage('')).toBeNull();
  });

  it('is not turned by another language’s quotation or names inside a text', () => {
    const quoted = `${NEWS.en} “Nous ne lâcherons rien,” one of them, Claire Dubois, told the paper, echoing the slogan of the Comité de défense des berges.`;
    expect(guessLanguage(quoted)).toBe('en');
    expect(guessLanguage(`${NEWS.de} „We will appeal this decision“, sagte ein Sprecher von Friends of the Earth.`)).toBe('de');
  });

  it('reads no more than the opening of a long text', () => {
    expect(guessLanguage(`${NEWS.nl} `.repeat(30) + `${NEWS.en} `.repeat(100))).toBe('nl');
    expect(guessLanguage(`${'12 '.repeat(3000)}${NEWS.fr}`)).toBeNull();
  });
});

describe('a story no source states the language of', () => {
  it('carries the language of its text, and an English briefing marks it for screen readers; an English one is not marked', async () => {
    const dir = tempDir();
    dirs.push(dir);
    mkdirSync(path.join(dir, 'content'));
    writeFileSync(path.join(dir, 'content', 'hochwasser.txt'), `Stadtrat beschließt Hochwasserplan\n\nKöln, 3. Dezember 2026\n\n${NEWS.de}\n`);
    writeFileSync(path.join(dir, 'content', 'floods.txt'), `Ferry fares to rise in January\n\nPortsmouth, 3 December 2026\n\nFerry operators will raise fares by six per cent from January, the company said on Thursday. The increase follows a rise in fuel costs and port charges over the past year. Passenger groups said the rise was the third in two years and called on the council to step in.\n`);
    const { summary } = await build({ cwd: dir, config: defaultConfig(), reporter: new Reporter(), cache: false });
    expect(summary.editions).toEqual(['2026-12-03']);
    const folder = path.join(dir, 'out', 'editions', '2026-12-03');
    const edition: Edition = JSON.parse(readFileSync(path.join(folder, 'edition.json'), 'utf8'));
    const german = edition.stories.find((s) => s.headline.startsWith('Stadtrat'))!;
    const english = edition.stories.find((s) => s.headline.startsWith('Ferry'))!;
    expect(german.language).toBe('de');
    expect(english.language).toBe('en');
    const web = readFileSync(path.join(folder, 'index.html'), 'utf8');
    expect(web).toContain(`id="story-${german.id}" lang="de"`);
    expect(web).not.toContain(`id="story-${english.id}" lang=`);
  });
});
