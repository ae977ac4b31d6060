import { describe, expect, it } from 'vitest';
import { dateFromText, firstFullDate, mentionedWeekdays, otherLanguageStampDay } from '../../pipeline/common/text-dates.ts';
import { textEvidence } from '../../pipeline/clean/furniture/score.ts';
import { contentWords } from '../../pipeline/common/text.ts';
import { article, clean } from './helpers.ts';

/**
 * Pages in French, German, Spanish, Italian, Portuguese and Dutch: their furniture worded in their language goes (labels
 * over related links, reading time, subscriber-only notices and calls, share bars, rights notices, time stamps, bylines),
 * their bylines name the author and their time stamps and date lines date them — and sentences that use the same words
 * stay.
 */
function cleanPage(lang: string, title: string, body: string[]) {
  const html = `<!doctype html><html lang="${lang}"><head><title>${title}</title></head><body><article><h1>${title}</h1>${body.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`;
  const { cleaned } = clean([article(html, { format: 'html', id: lang })]);
  const result = cleaned[0]!;
  return { kept: result.paragraphs.map((p) => p.text), removed: result.removed.map((r) => r.text), author: result.author, date: result.date };
}

const pages = [
  {
    lang: 'fr',
    title: 'La BCE maintient ses taux directeurs inchangés',
    byline: 'Par Claire Dubois',
    author: 'Claire Dubois',
    stamp: 'Publié le 3 décembre 2026 à 14h05, mis à jour à 15h20',
    story: [
      "La Banque centrale européenne a décidé jeudi de laisser ses taux directeurs inchangés pour la troisième réunion consécutive, estimant que l'inflation reste proche de sa cible.",
      "Les économistes interrogés par l'agence s'attendaient largement à ce statu quo, après une série de huit baisses depuis juin 2024.",
      'La croissance de la zone euro a légèrement accéléré au troisième trimestre, selon Eurostat, soutenue par la consommation des ménages.',
    ],
    furniture: ['Temps de lecture : 3 min.', 'Article réservé aux abonnés', 'Lire aussi : Inflation : les prix à la consommation ralentissent en novembre', 'Partager sur Facebook Partager sur X Envoyer par e-mail Copier le lien', 'Tous droits réservés'],
  },
  {
    lang: 'de',
    title: 'Bundestag beschließt Haushalt 2027',
    byline: 'Von Jonas Becker, Berlin',
    author: 'Jonas Becker',
    stamp: 'Aktualisiert am 03.12.2026, 14:05 Uhr',
    story: [
      'Der Bundestag hat am Donnerstag den Bundeshaushalt für das Jahr 2027 beschlossen. Die Ausgaben steigen demnach auf rund 490 Milliarden Euro.',
      'Finanzminister Lars Hoffmann sprach von einem Haushalt der Investitionen. Die Opposition kritisierte, dass wichtige Reformen erneut verschoben würden.',
      'Der Bundesrat muss dem Haushalt noch zustimmen; die Abstimmung ist für den 19. Dezember geplant.',
    ],
    furniture: ['Lesezeit: 4 Min.', 'Lesen Sie auch: Schuldenbremse: Was die Reform für die Länder bedeutet', 'Dieser Artikel ist nur für Abonnenten verfügbar. Jetzt abonnieren und weiterlesen.', 'Auf Facebook teilen Auf X teilen Per E-Mail senden Link kopieren', 'Alle Rechte vorbehalten'],
  },
  {
    lang: 'es',
    title: 'El Gobierno aprueba la reforma de las pensiones',
    byline: 'Por Lucía Fernández',
    author: 'Lucía Fernández',
    stamp: 'Actualizado el 3 de diciembre de 2026 a las 14:05',
    story: [
      'El Consejo de Ministros aprobó este martes la reforma del sistema de pensiones, que eleva de forma gradual la base máxima de cotización a partir de 2027.',
      'La ministra defendió que la medida garantiza la sostenibilidad del sistema, mientras los empresarios advierten de un aumento de los costes laborales.',
      'El texto se remitirá ahora al Congreso, donde el Gobierno necesitará el apoyo de sus socios parlamentarios.',
    ],
    furniture: ['Tiempo de lectura: 3 min', 'Lee también: La inflación se modera en noviembre hasta el 2,4%', 'Suscríbete para seguir leyendo. Contenido exclusivo para suscriptores.', 'Compartir en Facebook Compartir en X Copiar enlace'],
  },
  {
    lang: 'it',
    title: 'La Bce lascia i tassi invariati',
    byline: 'di Marco Rossi',
    author: 'Marco Rossi',
    stamp: 'Pubblicato il 3 dicembre 2026 alle 14:05',
    story: [
      'La Banca centrale europea ha lasciato invariati i tassi di interesse per la terza riunione consecutiva, confermando il tasso sui depositi al 2 per cento.',
      "Secondo gli analisti, la decisione era ampiamente attesa dopo i dati sull'inflazione pubblicati la scorsa settimana.",
      'Il quotidiano economico conta oggi 120.000 abbonati digitali, il doppio rispetto a due anni fa.',
    ],
    furniture: ['Tempo di lettura: 3 minuti', 'Leggi anche: Inflazione, a novembre prezzi in calo', 'Contenuto riservato agli abbonati. Abbonati per continuare a leggere.', 'Iscriviti alla newsletter per ricevere ogni mattina le notizie più importanti.', 'Tutti i diritti riservati'],
  },
  {
    lang: 'pt-BR',
    title: 'Banco Central mantém juros em 10,5%',
    byline: 'Por Ana Souza',
    author: 'Ana Souza',
    stamp: 'Publicado em 03/12/2026 às 14h05',
    story: [
      'O Comitê de Política Monetária do Banco Central decidiu nesta quarta-feira manter a taxa básica de juros em 10,5% ao ano, em decisão unânime.',
      'Segundo o comunicado, o cenário externo segue incerto e exige cautela na condução da política monetária nos próximos meses.',
      'O presidente pediu que o Congresso assine o acordo fiscal até sexta-feira.',
    ],
    furniture: ['Tempo de leitura: 2 min', 'Leia também: Inflação desacelera em novembro', 'Conteúdo exclusivo para assinantes. Assine já e tenha acesso ilimitado.', 'Compartilhar no WhatsApp Compartilhar no Facebook Copiar link', 'Todos os direitos reservados'],
  },
  {
    lang: 'nl',
    title: 'Kabinet presenteert klimaatplan',
    byline: 'Door Sanne de Vries',
    author: 'Sanne de Vries',
    stamp: 'Gepubliceerd op 3 december 2026 om 14:05',
    story: [
      'Het kabinet heeft dinsdag een nieuw klimaatplan gepresenteerd waarmee de uitstoot van broeikasgassen in 2030 met 55 procent moet dalen.',
      'Milieuorganisaties noemen het plan een stap in de goede richting, maar vinden de maatregelen voor de industrie te vrijblijvend.',
      'De Tweede Kamer debatteert volgende week over het plan.',
    ],
    furniture: ['Leestijd: 3 minuten', 'Lees ook: Energieprijzen dalen voor het eerst in twee jaar', 'Dit artikel is alleen voor abonnees. Word abonnee om verder te lezen.', 'Meld je aan voor onze nieuwsbrief en ontvang elke ochtend het belangrijkste nieuws.', 'Alle rechten voorbehouden'],
  },
];

describe('a news page in another language', () => {
  for (const page of pages) {
    it(`(${page.lang}) loses its furniture, keeps its story, and names its author and day`, () => {
      const [first, ...rest] = page.story;
      // The furniture between the story's paragraphs, as pages put it.
      const body = [page.byline, page.stamp, first!, page.furniture[0]!, page.furniture[1]!, rest[0]!, ...page.furniture.slice(2), rest[1]!];
      const { kept, removed, author, date } = cleanPage(page.lang, page.title, body);
      expect(kept).toEqual(page.story);
      expect(removed).toEqual(expect.arrayContaining([page.byline, page.stamp, ...page.furniture]));
      expect(author).toBe(page.author);
      expect(date).toBe('2026-12-03');
    });
  }

  // Each sentence in a story of its own language that it belongs to, after the lead (a lead with a cue weighs more: an
  // article's edges are where banners stand, in every language).
  const lookAlikes = [
    {
      lang: 'fr',
      story: [
        'Le quotidien compte 40 000 abonnés numériques et espère en gagner 10 000 de plus d’ici la fin de l’année.',
        'Le quotidien régional a annoncé lundi que la moitié de ses articles seront désormais réservés aux abonnés, une première pour un titre de cette taille.',
        'La direction du quotidien justifie ce choix par la baisse des recettes publicitaires.',
      ],
    },
    {
      lang: 'de',
      story: [
        'Der Verlag der Zeitung will die Zahl der Abonnenten bis 2028 verdoppeln.',
        'Die Zeitung hat nach eigenen Angaben 200.000 Abonnenten; Texte nur für Abonnenten machen inzwischen die Hälfte des Angebots der Zeitung aus.',
        'Die Werbeeinnahmen der Zeitung sind im vergangenen Jahr um zwölf Prozent gesunken.',
      ],
    },
    {
      lang: 'es',
      story: [
        'Publicado el informe, el ministerio abrió un plazo de alegaciones de treinta días para empresas y sindicatos.',
        'El ministro prefirió no compartir su opinión sobre el informe hasta conocer las alegaciones.',
        'Los sindicatos pidieron al ministerio más tiempo para estudiar el informe.',
      ],
    },
  ];
  for (const { lang, story } of lookAlikes) {
    it(`(${lang}) keeps sentences that use the furniture’s words in a story`, () => {
      const { kept, removed } = cleanPage(lang, 'Les éditeurs et leurs lecteurs', story);
      expect(removed).toEqual([]);
      expect(kept).toEqual(story);
    });
  }
});

describe('furniture worded in another language', () => {
  // Each phrase and the cue that knows it, at full weight (the phrase alone on its line).
  const phrases: [text: string, label: string, weight: number][] = [
    ['À lire aussi', 'navigation label', 3],
    ['Das könnte Sie auch interessieren', 'navigation label', 3],
    ['Lees ook: Energieprijzen dalen', 'navigation label', 3],
    ['Temps de lecture : 5 min', 'reading-time label', 3],
    ['4 Min. Lesezeit', 'reading-time label', 3],
    ['Article réservé aux abonnés', 'subscriber-only notice', 3],
    ['Pour continuer à lire, abonnez-vous.', 'paywall pitch', 2],
    ['Pour continuer à lire, abonnez-vous.', 'subscription call', 2],
    ['Inscrivez-vous gratuitement', 'sign-up call', 2],
    ['Ontvang de nieuwsbrief', 'newsletter', 1.5],
    ['Compartir en WhatsApp', 'share call', 3],
    ['Link kopieren', 'copy-link control', 2.5],
    ['Drucken', 'player or widget placeholder', 3],
    ['Tutti i diritti riservati', 'legal notice', 3],
    ['Alle akzeptieren', 'consent control', 3],
    ['Stand: 03.12.2026', 'time stamp', 3],
    ['Madrid, 3 de diciembre de 2026', 'date line', 3],
    ['03 dic 2026 - 14:05 CET', 'date line', 3],
    ['Publié le 03 déc. 2026 à 14h05', 'time stamp', 3],
    ['Anzeige', 'ad placeholder', 3],
    ['Wir verwenden Cookies, um Ihnen das beste Nutzererlebnis zu bieten.', 'site-use notice', 2.5],
    ['Kommentare (12)', 'comments heading', 3],
    ['Laisser un commentaire', 'comments heading', 3],
    ['Antworten', 'comment control', 3],
    ['Voir la version en ligne', 'email view link', 3],
    ['Ver en el navegador', 'email view link', 3],
    ['Bekijk deze e-mail in je browser', 'email view link', 3],
    ['Vous recevez cet e-mail car vous êtes inscrit à notre lettre.', 'email small print', 3],
    ['Se désinscrire', 'unsubscribe small print', 2],
    ['Foto: Michael Kappeler/dpa', 'image credit', 3],
    ['Foto: Michael Kappeler/dpa', 'picture agency credit', 2.5],
    ['Offrir cet article', 'player or widget placeholder', 3],
    ['Artikel anhören • 4 Min', 'player or widget placeholder', 3],
    ['Archivado En:', 'navigation label', 3],
    ['Lee sin límites', 'paywall pitch', 2],
    ['Commission européenne - Communiqué de presse', 'press-release label', 3],
    ['Pressemitteilung', 'press-release label', 3],
    ['Sperrfrist: 3. Dezember 2026, 10:00 Uhr', 'press-release label', 3],
    ['Pressekontakt:', 'press contact', 3],
    ['Ufficio stampa', 'press contact', 3],
    ['ENDE', 'end-of-release mark', 3],
    ['-fin-', 'end-of-release mark', 3],
    ['Über die Beispiel AG', 'boilerplate label', 3],
    ['À propos de Rhône Énergie', 'boilerplate label', 3],
    ['Hinweis für Redaktionen', 'boilerplate label', 3],
    ['Der Beitrag Fährpreise steigen im Januar erschien zuerst auf Hafenstadt Kurier.', 'feed footer', 3],
    ['L’article Les tarifs du ferry augmentent est apparu en premier sur Le Courrier du Port.', 'feed footer', 3],
    ["L'articolo Le tariffe dei traghetti aumentano proviene da Gazzetta del Porto.", 'feed footer', 3],
  ];
  for (const [text, label, weight] of phrases) {
    it(`knows “${text}” as ${label}`, () => {
      expect(textEvidence(text).filter((s) => s.label === label).map((s) => s.weight)).toContain(weight);
    });
  }

  // Look-alikes: a heading over a story's own section, a word alone that is a story's.
  const notFurniture: [text: string, label: string][] = [
    ['Sobre el acuerdo', 'boilerplate label'],
    ['Über den Haushalt wird im Dezember abgestimmt', 'boilerplate label'],
    ['Fin de la grève à la SNCF', 'end-of-release mark'],
    ['Mehr über die Reform lesen Sie im Bericht', 'navigation label'],
  ];
  for (const [text, label] of notFurniture) {
    it(`does not take “${text}” for a ${label}`, () => {
      expect(textEvidence(text).map((s) => s.label)).not.toContain(label);
    });
  }
});

describe('a German page’s ad label, cookie notice and comments', () => {
  it('go, the thread under the comments heading with them', () => {
    const story = [
      'Die Gewerkschaft der Lokführer hat am Donnerstag zu einem bundesweiten Streik im Personenverkehr aufgerufen. Die Deutsche Bahn rechnet mit massiven Ausfällen.',
      'Die Gewerkschaft fordert eine Erhöhung der Löhne um acht Prozent und eine kürzere Arbeitszeit. Die Bahn nannte die Forderungen unbezahlbar.',
      'Der Streik soll am Freitagmorgen um sechs Uhr enden. Fahrgäste sollen sich vor Reiseantritt informieren.',
    ];
    const cookies = 'Wir verwenden Cookies, um Ihnen das beste Nutzererlebnis zu bieten. Durch die weitere Nutzung der Website stimmen Sie der Verwendung zu.';
    const thread = ['Kommentare (12)', 'Max Mustermann: Schon wieder ein Streik, unglaublich.', 'Antworten'];
    const { kept, removed } = cleanPage('de', 'Streik bei der Bahn', [story[0]!, 'Anzeige', story[1]!, cookies, story[2]!, ...thread]);
    expect(kept).toEqual(story);
    expect(removed).toEqual(['Anzeige', cookies, ...thread]);
  });
});

describe('function words of other languages', () => {
  it('carry no topic when stories are compared; English words with one, and the particles of names, still count', () => {
    expect(contentWords('Der Bundestag hat über den Haushalt und die Schulden für 2027 abgestimmt')).toEqual(['der', 'bundestag', 'hat', 'den', 'haushalt', 'die', 'schulden', '2027', 'abgestimmt']);
    expect(contentWords('Les députés ont voté dans la nuit pour une réforme')).toEqual(['députés', 'voté', 'la', 'nuit', 'pour', 'réforme']);
    expect(contentWords('The war in El Salvador, Le Pen said')).toEqual(['war', 'el', 'salvador', 'le', 'pen']);
  });
});

describe('dates written in another language', () => {
  it('reads a spelled date in French, German, Spanish, Italian, Portuguese and Dutch', () => {
    expect(firstFullDate('le mardi 1er décembre 2026 à 14h05')).toBe('2026-12-01');
    expect(firstFullDate('am 3. Dezember 2026')).toBe('2026-12-03');
    expect(firstFullDate('el 3 de diciembre de 2026')).toBe('2026-12-03');
    expect(firstFullDate('il 14 luglio 2026')).toBe('2026-07-14');
    expect(firstFullDate('em 1º de maio de 2026')).toBe('2026-05-01');
    expect(firstFullDate('op 3 maart 2026')).toBe('2026-03-03');
    // Months cut short, as pages print them; only in a whole date ("3 days ago" is English).
    expect(firstFullDate('Publié le 03 déc. 2026 à 14h05')).toBe('2026-12-03');
    expect(firstFullDate('am 3. Dez. 2026')).toBe('2026-12-03');
    expect(firstFullDate('03 dic 2026 - 14:05 CET')).toBe('2026-12-03');
    expect(firstFullDate('It happened 3 days ago, in 2026')).toBeNull();
    expect(firstFullDate('le 31 février 2026')).toBeNull();
    expect(firstFullDate('the Mars 2026 mission')).toBeNull();
  });

  it('reads a numeric date day first only after a time stamp of those languages', () => {
    expect(otherLanguageStampDay('Aktualisiert am 03.12.2026, 14:05 Uhr')).toBe('2026-12-03');
    expect(otherLanguageStampDay('Publicado em 03/12/2026 às 14h05')).toBe('2026-12-03');
    expect(otherLanguageStampDay('Stand: 4.11.2026')).toBe('2026-11-04');
    expect(otherLanguageStampDay('Updated 03/12/2026')).toBeNull();
  });

  it('dates an article by its dateline or its date line', () => {
    expect(dateFromText(['Madrid, 3 de diciembre de 2026. El Consejo de Ministros aprobó este martes la reforma.'])).toMatchObject({ year: 2026, month: 12, day: 3, source: 'dateline' });
    expect(dateFromText(['Berlin, 3. Dezember 2026', 'Der Bundestag hat am Donnerstag den Haushalt beschlossen.'])).toMatchObject({ year: 2026, month: 12, day: 3, source: 'text' });
    expect(dateFromText(['Berlin, 3. Dezember 2026, 14:05 Uhr'])).toMatchObject({ year: 2026, month: 12, day: 3, source: 'text' });
    expect(dateFromText(['03 dic 2026 - 14:05 CET'])).toMatchObject({ year: 2026, month: 12, day: 3, source: 'text' });
  });

  it('counts the weekdays a text names, in those languages too (dedupe dates an undated article by them)', () => {
    const counts = mentionedWeekdays('Am Donnerstag stimmte der Bundestag ab; jeudi, le Sénat. El jueves y el giovedì. A quinta-feira. On Thursday’s vote. Mardi.');
    expect(Object.fromEntries(counts)).toEqual({ 4: 6, 2: 1 });
    // "segunda" alone is "second", "Dominguez" a name.
    expect(mentionedWeekdays('a segunda volta; Dominguez said').size).toBe(0);
  });

  it('removes a date line of its own and dates a plain-text article by it', () => {
    const { cleaned } = clean([article('Berlin, 3. Dezember 2026\n\nDer Bundestag hat am Donnerstag den Bundeshaushalt für das Jahr 2027 beschlossen.\n\nDie Opposition kritisierte den Entwurf.')]);
    expect(cleaned[0]!.removed.map((r) => r.text)).toEqual(['Berlin, 3. Dezember 2026']);
    expect(cleaned[0]!.date).toBe('2026-12-03');
  });
});

describe('a short page whose related link’s label stands before its headline', () => {
  it('loses the label and headline and a time stamp with a reading time after it, and keeps sentences with the same words', () => {
    const cases = [
      { lang: 'fr', stamp: 'Publié le 3 décembre 2026 à 18h04 · Lecture 3 min.', link: 'Lire aussi : Budget : ce que contient le projet de loi de finances', own: 'Il faut lire aussi le rapport de la Cour des comptes, qui juge les prévisions de recettes optimistes.' },
      { lang: 'de', stamp: 'Veröffentlicht am 03.12.2026, 18:04 Uhr · Lesezeit: 4 Min.', link: 'Lesen Sie auch: Schuldenbremse: Was die Reform für die Länder bedeutet', own: 'Wer den Bericht des Rechnungshofs lesen will, findet ihn auf dessen Website.' },
      { lang: 'es', stamp: 'Actualizado el 3 de diciembre de 2026 a las 18:04 | 4 min de lectura', link: 'Lee también: La inflación se modera en noviembre hasta el 2,4%', own: 'Conviene leer también el informe de la Autoridad Fiscal, que considera optimistas las previsiones.' },
      { lang: 'it', stamp: 'Aggiornato il 3 dicembre 2026 alle 18:04 · Tempo di lettura: 4 min', link: 'Leggi anche: Manovra, cosa cambia per le pensioni', own: 'Chi vuole leggere anche il parere della Corte dei conti lo trova sul sito della Camera.' },
    ];
    for (const { lang, stamp, link, own } of cases) {
      const story = [
        { fr: 'L’Assemblée nationale a définitivement adopté jeudi le projet de loi de finances pour 2027, au terme de plusieurs semaines de débats.', de: 'Der Bundestag hat am Donnerstag den Bundeshaushalt für das Jahr 2027 nach wochenlangen Debatten beschlossen.', es: 'El Congreso aprobó el jueves los presupuestos generales para 2027 tras varias semanas de debate.', it: 'La Camera ha approvato giovedì la legge di bilancio per il 2027 dopo settimane di dibattito.' }[lang]!,
        own,
      ];
      const { kept, removed } = cleanPage(lang, 'Le budget', [stamp, story[0]!, link, story[1]!]);
      expect(removed, lang).toEqual(expect.arrayContaining([stamp, link]));
      expect(kept, lang).toEqual(story);
    }
  });
});

describe('a date line after its place and a dash', () => {
  it('goes and dates the page, in Spanish as El País prints it and in English alike; a sentence with a dash and a date stays', () => {
    const story = ['El Congreso de los Diputados aprobó este jueves los Presupuestos Generales del Estado para 2027, que elevan el gasto social.', 'La ministra de Hacienda celebró la aprobación como una buena noticia para el país.'];
    for (const line of ['Madrid - 03 dic 2026 - 14:05 CET', 'Madrid, 03 dic 2026 - 14:05 CET', 'Sevilla – 3 de diciembre de 2026']) {
      const { kept, removed, date } = cleanPage('es', 'El Congreso aprueba los presupuestos', [line, ...story]);
      expect(removed, line).toContain(line);
      expect(kept, line).toEqual(story);
      expect(date, line).toBe('2026-12-03');
    }
    const english = ['MPs approved the budget for 2027 on Thursday after a week of talks with the government’s partners.', 'The chancellor called the vote good news for the country.'];
    const { kept, removed, date } = cleanPage('en', 'MPs approve the budget', ['London - 03 Dec 2026 - 14:05 GMT', ...english]);
    expect(removed).toContain('London - 03 Dec 2026 - 14:05 GMT');
    expect(kept).toEqual(english);
    expect(date).toBe('2026-12-03');
    const sentence = 'The vote - held on 3 December 2026 - passed by 178 votes to 160, the clerk said.';
    expect(cleanPage('en', 'MPs approve the budget', [sentence, ...english]).kept).toEqual([sentence, ...english]);
  });
});
