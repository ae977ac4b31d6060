import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { build } from '../../pipeline/build/index.ts';
import { defaultConfig } from '../../pipeline/config/schema.ts';
import { Reporter } from '../../pipeline/common/report.ts';
import type { Edition } from '../../pipeline/types.ts';
import { removeDir, tempDir } from '../foundation/helpers.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));

/** A German outlet's page: its furniture in German around the story. */
const page = `<!doctype html><html lang="de"><head><title>Exklusiv: Bundestag beschließt Haushalt 2027</title>
<meta property="og:site_name" content="Nordkurier"></head><body><article><h1>Exklusiv: Bundestag beschließt Haushalt 2027</h1>
<p>Von Jonas Becker, Berlin</p>
<p>Aktualisiert am 03.12.2026, 14:05 Uhr</p>
<p>Lesezeit: 4 Min.</p>
<p>Der Bundestag hat am Donnerstag den Bundeshaushalt für das Jahr 2027 beschlossen. Die Ausgaben steigen auf rund 490 Milliarden Euro, die Neuverschuldung soll bei 52 Milliarden Euro liegen.</p>
<p>Lesen Sie auch: Schuldenbremse: Was die Reform für die Länder bedeutet</p>
<p>Finanzminister Lars Hoffmann sprach von einem „Haushalt der Investitionen“. Die Opposition kritisierte, dass wichtige Reformen erneut verschoben würden.</p>
<p>Dieser Artikel ist nur für Abonnenten verfügbar. Jetzt abonnieren und weiterlesen.</p>
<p>Der Bundesrat muss dem Haushalt noch zustimmen; die Abstimmung ist für den 19. Dezember geplant.</p>
<p>Auf Facebook teilen Auf X teilen Per E-Mail senden Link kopieren</p>
</article></body></html>`;

/** Another outlet's report of the same vote, as plain text with no date but its date line. */
const text = `Haushalt 2027 verabschiedet

Berlin, 3. Dezember 2026

Mit der Mehrheit der Koalition hat der Bundestag am Donnerstag den Haushalt für 2027 verabschiedet. Vorgesehen sind Ausgaben von rund 490 Milliarden Euro und neue Schulden von 52 Milliarden Euro.

Finanzminister Hoffmann verteidigte den Etat als Investitionshaushalt. Die Opposition sprach von verschobenen Reformen.

Mehr zum Thema`;

describe('a build of German reports', () => {
  it('dates the undated one by its date line, folds both into one story and leaves the furniture and labels out', async () => {
    const dir = tempDir();
    dirs.push(dir);
    mkdirSync(path.join(dir, 'content'));
    writeFileSync(path.join(dir, 'content', 'nordkurier.html'), page);
    writeFileSync(path.join(dir, 'content', 'spree-bote.txt'), text);
    const { summary } = await build({ cwd: dir, config: defaultConfig(), reporter: new Reporter(), cache: false });
    expect(summary.editions).toEqual(['2026-12-03']);
    const edition: Edition = JSON.parse(readFileSync(path.join(dir, 'out', 'editions', '2026-12-03', 'edition.json'), 'utf8'));
    expect(edition.stories).toHaveLength(1);
    const [story] = edition.stories;
    expect(story!.headline).toBe('Bundestag beschließt Haushalt 2027');
    expect(story!.sources).toHaveLength(2);
    // The page states its language: the story carries it, and the English briefing's web page marks it for screen readers.
    expect(story!.language).toBe('de');
    expect(readFileSync(path.join(dir, 'out', 'editions', '2026-12-03', 'index.html'), 'utf8')).toContain(`id="story-${story!.id}" lang="de"`);
    const summaryText = story!.summary;
    expect(summaryText).not.toMatch(/Lesezeit|Lesen Sie auch|Abonnenten|teilen|Link kopieren|Mehr zum Thema|Aktualisiert/);
    // Sentences are whole: none ends at "19." of "19. Dezember", none swallows the next at a German quotation mark.
    expect(summaryText).not.toMatch(/\b19\.$/);
    const sentences = summaryText.split(/(?<=[.!?“])\s+(?=\p{Lu})/u);
    for (const sentence of sentences) expect(sentence.length).toBeLessThan(260);
  });
});
