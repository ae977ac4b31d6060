/**
 * The fixed words of what readers get — the e-mail's "View in your browser" and "Also reported by",
 * the web pages' and feeds' links, the story counts, the commentary labels beside a source, the
 * unsubscribe pages — in the briefing's language (config `language`).
 *
 * Built in for English, French, German, Spanish, Italian, Portuguese and Dutch, the languages whose
 * pages clean reads; chosen by the language's primary subtag ("fr-CA" gets French). Any other
 * language gets English until the editor writes its words: config `words` overrides any of them,
 * for any language, and is checked like every config key (an unknown word or a placeholder the
 * word cannot fill is an error naming it). Counts follow the language's plural rules
 * (`Intl.PluralRules`): "1 story", "2 stories"; a language with more forms (Polish: one, few, many)
 * takes them from the config, and a form not given falls back to `other`.
 *
 * Why not each editor's copy of the templates: a French editor had to fork every template to change
 * a dozen words, and then missed every later change to them; and the counts, the commentary labels
 * and the unsubscribe pages are not in templates at all.
 */
import { z } from 'zod';
import type { CommentaryKind } from '../common/commentary.ts';

/** A count's words by plural category (`Intl.PluralRules`), each with `{n}` where the number goes. */
export interface PluralWords {
  zero?: string;
  one?: string;
  two?: string;
  few?: string;
  many?: string;
  other: string;
}

/** The words of the unsubscribe pages (`briefing serve-unsubscribe`): what a subscriber reads after clicking the link. */
export interface UnsubscribePageWords {
  confirmHeading: string;
  /** `{title}`: the briefing's name; `{address}`: the subscriber's (shown in bold). */
  confirmText: string;
  confirmButton: string;
  doneHeading: string;
  doneText: string;
  alreadyHeading: string;
  alreadyText: string;
  invalidHeading: string;
  /** `{reason}`: why the link failed, one of the three below. */
  invalidText: string;
  /** The reasons a link fails (deliver/unsubscribe-link.ts `LinkProblem`): a parameter missing, not base64url, or a signature that does not match. */
  linkIncomplete: string;
  linkMalformed: string;
  linkSignature: string;
  notFoundHeading: string;
  notFoundText: string;
  tooLargeHeading: string;
  tooLargeText: string;
  errorHeading: string;
  errorText: string;
}

export interface Words {
  /** The briefing's description when the config gives none (config `description`; not a word of `words`). */
  defaultDescription: string;
  viewInBrowser: string;
  /** "3 stories": an edition's count, in its masthead and on the archive page. */
  stories: PluralWords;
  /** "366 editions": the archive page's count. */
  editions: PluralWords;
  /** Before the other sources of a story: "Also reported by: A, B". */
  alsoReportedBy: string;
  /** Heading of the stories listed by headline only. */
  moreStories: string;
  archive: string;
  feed: string;
  unsubscribe: string;
  /** A feed item's link to the edition's web page. */
  readOnWeb: string;
  /** The web page's link back to the archive; `{title}` is the briefing's name. */
  archiveOf: string;
  /** The web page's links to the edition's data (`edition.json`) and plain text (`email.txt`). */
  data: string;
  plainText: string;
  /** Heading of the plain-text e-mail's numbered links. */
  links: string;
  /** What comes before a list or a link after a label: ":" (French sets a narrow space before it). */
  colon: string;
  /** A source's kind when it is commentary, beside its name: "Daily Courier (opinion)". */
  commentary: Record<CommentaryKind, string>;
  unsubscribePage: UnsubscribePageWords;
}

const ENGLISH: Words = {
  defaultDescription: 'A daily briefing of the news that matters.',
  viewInBrowser: 'View in your browser',
  stories: { one: '{n} story', other: '{n} stories' },
  editions: { one: '{n} edition', other: '{n} editions' },
  alsoReportedBy: 'Also reported by',
  moreStories: 'More stories',
  archive: 'Archive',
  feed: 'Feed',
  unsubscribe: 'Unsubscribe',
  readOnWeb: 'Read this edition on the web',
  archiveOf: '{title} archive',
  data: 'Data',
  plainText: 'Plain text',
  links: 'Links',
  colon: ':',
  commentary: { opinion: 'opinion', analysis: 'analysis', comment: 'comment', editorial: 'editorial', column: 'column', letters: 'letters' },
  unsubscribePage: {
    confirmHeading: 'Unsubscribe?',
    confirmText: 'Stop sending {title} to {address}?',
    confirmButton: 'Unsubscribe',
    doneHeading: 'Unsubscribed',
    doneText: '{address} will not receive {title} any more.',
    alreadyHeading: 'Already unsubscribed',
    alreadyText: '{address} no longer receives {title}.',
    invalidHeading: 'Link not valid',
    invalidText: 'This unsubscribe link is not valid ({reason}). Use the link from the email exactly as it came, or reply to the email and ask to be removed.',
    linkIncomplete: 'the link is incomplete',
    linkMalformed: 'the link is malformed',
    linkSignature: 'the link signature does not match',
    notFoundHeading: 'Not found',
    notFoundText: 'This server only handles unsubscribe links.',
    tooLargeHeading: 'Too large',
    tooLargeText: 'The request body is too large.',
    errorHeading: 'Something went wrong',
    errorText: 'Please try again later.',
  },
};

const FRENCH: Words = {
  defaultDescription: 'Un point quotidien sur l’actualité qui compte.',
  viewInBrowser: 'Voir la version en ligne',
  stories: { one: '{n} sujet', other: '{n} sujets' },
  editions: { one: '{n} édition', other: '{n} éditions' },
  alsoReportedBy: 'Autres sources',
  moreStories: 'Autres sujets',
  archive: 'Archives',
  feed: 'Flux',
  unsubscribe: 'Se désabonner',
  readOnWeb: 'Lire cette édition sur le web',
  archiveOf: 'Archives de {title}',
  data: 'Données',
  plainText: 'Texte brut',
  links: 'Liens',
  // French typography: a narrow no-break space before a colon.
  colon: '\u202F:',
  commentary: { opinion: 'opinion', analysis: 'analyse', comment: 'commentaire', editorial: 'éditorial', column: 'chronique', letters: 'courrier des lecteurs' },
  unsubscribePage: {
    confirmHeading: 'Se désabonner\u202F?',
    confirmText: 'Ne plus envoyer {title} à {address}\u202F?',
    confirmButton: 'Se désabonner',
    doneHeading: 'Désabonnement effectué',
    doneText: '{address} ne recevra plus {title}.',
    alreadyHeading: 'Déjà désabonné',
    alreadyText: '{address} ne reçoit plus {title}.',
    invalidHeading: 'Lien non valide',
    invalidText: 'Ce lien de désabonnement n’est pas valide ({reason}). Utilisez le lien de l’e-mail tel quel, ou répondez à l’e-mail pour demander à être retiré de la liste.',
    linkIncomplete: 'le lien est incomplet',
    linkMalformed: 'le lien est mal formé',
    linkSignature: 'la signature du lien ne correspond pas',
    notFoundHeading: 'Introuvable',
    notFoundText: 'Ce serveur ne traite que les liens de désabonnement.',
    tooLargeHeading: 'Trop volumineux',
    tooLargeText: 'Le corps de la requête est trop volumineux.',
    errorHeading: 'Une erreur s’est produite',
    errorText: 'Veuillez réessayer plus tard.',
  },
};

const GERMAN: Words = {
  defaultDescription: 'Ein täglicher Überblick über die wichtigsten Nachrichten.',
  viewInBrowser: 'Im Browser ansehen',
  stories: { one: '{n} Meldung', other: '{n} Meldungen' },
  editions: { one: '{n} Ausgabe', other: '{n} Ausgaben' },
  alsoReportedBy: 'Weitere Quellen',
  moreStories: 'Weitere Meldungen',
  archive: 'Archiv',
  feed: 'Feed',
  unsubscribe: 'Abbestellen',
  readOnWeb: 'Diese Ausgabe im Web lesen',
  archiveOf: 'Archiv von {title}',
  data: 'Daten',
  plainText: 'Nur Text',
  links: 'Links',
  colon: ':',
  commentary: { opinion: 'Meinung', analysis: 'Analyse', comment: 'Kommentar', editorial: 'Leitartikel', column: 'Kolumne', letters: 'Leserbriefe' },
  unsubscribePage: {
    confirmHeading: 'Abbestellen?',
    confirmText: '{title} nicht mehr an {address} senden?',
    confirmButton: 'Abbestellen',
    doneHeading: 'Abbestellt',
    doneText: '{address} erhält {title} nicht mehr.',
    alreadyHeading: 'Bereits abbestellt',
    alreadyText: '{address} erhält {title} nicht mehr.',
    invalidHeading: 'Link ungültig',
    invalidText: 'Dieser Abmeldelink ist ungültig ({reason}). Verwenden Sie den Link aus der E-Mail genau so, wie er ankam, oder antworten Sie auf die E-Mail und bitten Sie um Austragung.',
    linkIncomplete: 'der Link ist unvollständig',
    linkMalformed: 'der Link ist fehlerhaft',
    linkSignature: 'die Signatur des Links stimmt nicht',
    notFoundHeading: 'Nicht gefunden',
    notFoundText: 'Dieser Server bearbeitet nur Abmeldelinks.',
    tooLargeHeading: 'Zu groß',
    tooLargeText: 'Der Inhalt der Anfrage ist zu groß.',
    errorHeading: 'Etwas ist schiefgelaufen',
    errorText: 'Bitte versuchen Sie es später erneut.',
  },
};

const SPANISH: Words = {
  defaultDescription: 'Un resumen diario de las noticias que importan.',
  viewInBrowser: 'Ver en el navegador',
  stories: { one: '{n} noticia', other: '{n} noticias' },
  editions: { one: '{n} edición', other: '{n} ediciones' },
  alsoReportedBy: 'Otras fuentes',
  moreStories: 'Más noticias',
  archive: 'Archivo',
  feed: 'Feed',
  unsubscribe: 'Darse de baja',
  readOnWeb: 'Leer esta edición en la web',
  archiveOf: 'Archivo de {title}',
  data: 'Datos',
  plainText: 'Texto sin formato',
  links: 'Enlaces',
  colon: ':',
  commentary: { opinion: 'opinión', analysis: 'análisis', comment: 'comentario', editorial: 'editorial', column: 'columna', letters: 'cartas' },
  unsubscribePage: {
    confirmHeading: '¿Darse de baja?',
    confirmText: '¿Dejar de enviar {title} a {address}?',
    confirmButton: 'Darse de baja',
    doneHeading: 'Baja confirmada',
    doneText: '{address} ya no recibirá {title}.',
    alreadyHeading: 'Baja ya registrada',
    alreadyText: '{address} ya no recibe {title}.',
    invalidHeading: 'Enlace no válido',
    invalidText: 'Este enlace para darse de baja no es válido ({reason}). Use el enlace del correo tal como llegó, o responda al correo y pida que le den de baja.',
    linkIncomplete: 'el enlace está incompleto',
    linkMalformed: 'el enlace está mal formado',
    linkSignature: 'la firma del enlace no coincide',
    notFoundHeading: 'No encontrado',
    notFoundText: 'Este servidor solo atiende enlaces para darse de baja.',
    tooLargeHeading: 'Demasiado grande',
    tooLargeText: 'El cuerpo de la solicitud es demasiado grande.',
    errorHeading: 'Algo salió mal',
    errorText: 'Inténtelo de nuevo más tarde.',
  },
};

const ITALIAN: Words = {
  defaultDescription: 'Una sintesi quotidiana delle notizie che contano.',
  viewInBrowser: 'Visualizza nel browser',
  stories: { one: '{n} notizia', other: '{n} notizie' },
  editions: { one: '{n} edizione', other: '{n} edizioni' },
  alsoReportedBy: 'Altre fonti',
  moreStories: 'Altre notizie',
  archive: 'Archivio',
  feed: 'Feed',
  unsubscribe: 'Annulla l’iscrizione',
  readOnWeb: 'Leggi questa edizione sul web',
  archiveOf: 'Archivio di {title}',
  data: 'Dati',
  plainText: 'Solo testo',
  links: 'Link',
  colon: ':',
  commentary: { opinion: 'opinione', analysis: 'analisi', comment: 'commento', editorial: 'editoriale', column: 'rubrica', letters: 'lettere' },
  unsubscribePage: {
    confirmHeading: 'Annullare l’iscrizione?',
    confirmText: 'Non inviare più {title} a {address}?',
    confirmButton: 'Annulla l’iscrizione',
    doneHeading: 'Iscrizione annullata',
    doneText: '{address} non riceverà più {title}.',
    alreadyHeading: 'Iscrizione già annullata',
    alreadyText: '{address} non riceve più {title}.',
    invalidHeading: 'Link non valido',
    invalidText: 'Questo link per annullare l’iscrizione non è valido ({reason}). Usa il link dell’e-mail così come è arrivato, oppure rispondi all’e-mail e chiedi di essere rimosso.',
    linkIncomplete: 'il link è incompleto',
    linkMalformed: 'il link è malformato',
    linkSignature: 'la firma del link non corrisponde',
    notFoundHeading: 'Non trovato',
    notFoundText: 'Questo server gestisce solo i link per annullare l’iscrizione.',
    tooLargeHeading: 'Troppo grande',
    tooLargeText: 'Il corpo della richiesta è troppo grande.',
    errorHeading: 'Qualcosa è andato storto',
    errorText: 'Riprova più tardi.',
  },
};

const PORTUGUESE: Words = {
  defaultDescription: 'Um resumo diário das notícias que importam.',
  viewInBrowser: 'Ver no navegador',
  stories: { one: '{n} notícia', other: '{n} notícias' },
  editions: { one: '{n} edição', other: '{n} edições' },
  alsoReportedBy: 'Outras fontes',
  moreStories: 'Mais notícias',
  archive: 'Arquivo',
  feed: 'Feed',
  unsubscribe: 'Cancelar a inscrição',
  readOnWeb: 'Ler esta edição na web',
  archiveOf: 'Arquivo de {title}',
  data: 'Dados',
  plainText: 'Texto simples',
  links: 'Links',
  colon: ':',
  commentary: { opinion: 'opinião', analysis: 'análise', comment: 'comentário', editorial: 'editorial', column: 'coluna', letters: 'cartas' },
  unsubscribePage: {
    confirmHeading: 'Cancelar a inscrição?',
    confirmText: 'Deixar de enviar {title} para {address}?',
    confirmButton: 'Cancelar a inscrição',
    doneHeading: 'Inscrição cancelada',
    doneText: '{address} não receberá mais {title}.',
    alreadyHeading: 'Inscrição já cancelada',
    alreadyText: '{address} já não recebe {title}.',
    invalidHeading: 'Link inválido',
    invalidText: 'Este link de cancelamento não é válido ({reason}). Use o link do e-mail exatamente como chegou, ou responda ao e-mail e peça para ser removido.',
    linkIncomplete: 'o link está incompleto',
    linkMalformed: 'o link está malformado',
    linkSignature: 'a assinatura do link não corresponde',
    notFoundHeading: 'Não encontrado',
    notFoundText: 'Este servidor só trata links de cancelamento de inscrição.',
    tooLargeHeading: 'Grande demais',
    tooLargeText: 'O corpo do pedido é grande demais.',
    errorHeading: 'Ocorreu um erro',
    errorText: 'Tente novamente mais tarde.',
  },
};

const DUTCH: Words = {
  defaultDescription: 'Een dagelijks overzicht van het nieuws dat ertoe doet.',
  viewInBrowser: 'Bekijk in je browser',
  stories: { one: '{n} bericht', other: '{n} berichten' },
  editions: { one: '{n} editie', other: '{n} edities' },
  alsoReportedBy: 'Andere bronnen',
  moreStories: 'Meer nieuws',
  archive: 'Archief',
  feed: 'Feed',
  unsubscribe: 'Afmelden',
  readOnWeb: 'Lees deze editie op het web',
  archiveOf: 'Archief van {title}',
  data: 'Gegevens',
  plainText: 'Platte tekst',
  links: 'Links',
  colon: ':',
  commentary: { opinion: 'opinie', analysis: 'analyse', comment: 'commentaar', editorial: 'hoofdredactioneel commentaar', column: 'column', letters: 'lezersbrieven' },
  unsubscribePage: {
    confirmHeading: 'Afmelden?',
    confirmText: '{title} niet meer naar {address} sturen?',
    confirmButton: 'Afmelden',
    doneHeading: 'Afgemeld',
    doneText: '{address} ontvangt {title} niet meer.',
    alreadyHeading: 'Al afgemeld',
    alreadyText: '{address} ontvangt {title} niet meer.',
    invalidHeading: 'Link ongeldig',
    invalidText: 'Deze afmeldlink is ongeldig ({reason}). Gebruik de link uit de e-mail precies zoals die binnenkwam, of beantwoord de e-mail en vraag om verwijdering.',
    linkIncomplete: 'de link is onvolledig',
    linkMalformed: 'de link is ongeldig opgemaakt',
    linkSignature: 'de handtekening van de link klopt niet',
    notFoundHeading: 'Niet gevonden',
    notFoundText: 'Deze server verwerkt alleen afmeldlinks.',
    tooLargeHeading: 'Te groot',
    tooLargeText: 'De inhoud van het verzoek is te groot.',
    errorHeading: 'Er ging iets mis',
    errorText: 'Probeer het later opnieuw.',
  },
};

/** The built-in words by primary language subtag. */
export const BUILT_IN_WORDS: Readonly<Record<string, Words>> = { en: ENGLISH, fr: FRENCH, de: GERMAN, es: SPANISH, it: ITALIAN, pt: PORTUGUESE, nl: DUTCH };

/** Which `{placeholder}`s each word may hold: any other, or a count without `{n}`, is a config error. */
const PLACEHOLDERS: Record<string, readonly string[]> = {
  archiveOf: ['title'],
  confirmText: ['title', 'address'],
  doneText: ['title', 'address'],
  alreadyText: ['title', 'address'],
  invalidText: ['reason'],
};

function word(name: string) {
  const allowed = PLACEHOLDERS[name] ?? [];
  return z
    .string()
    .min(1)
    .refine((text) => placeholdersIn(text).every((p) => allowed.includes(p)), {
      message: allowed.length ? `this word may hold no placeholder but ${allowed.map((p) => `{${p}}`).join(', ')}` : 'this word takes no placeholder',
    });
}

const countWord = z
  .string()
  .min(1)
  .refine((text) => placeholdersIn(text).every((p) => p === 'n'), { message: 'a count may hold no placeholder but {n}' });

const pluralSchema = z
  .object({ zero: countWord, one: countWord, two: countWord, few: countWord, many: countWord, other: countWord })
  .partial()
  .strict();

const words = <K extends string>(names: readonly K[]) => z.object(Object.fromEntries(names.map((name) => [name, word(name)])) as Record<K, ReturnType<typeof word>>);

/**
 * Config `words`: any of the words above, each optional (the language's built-in word is kept for
 * the rest). Strict like every section: a misspelt word is an error naming it.
 */
export const wordsConfigSchema = z
  .object({
    ...words(['viewInBrowser', 'alsoReportedBy', 'moreStories', 'archive', 'feed', 'unsubscribe', 'readOnWeb', 'archiveOf', 'data', 'plainText', 'links', 'colon'] as const).shape,
    stories: pluralSchema,
    editions: pluralSchema,
    commentary: words(['opinion', 'analysis', 'comment', 'editorial', 'column', 'letters'] as const).partial().strict(),
    unsubscribePage: words(Object.keys(ENGLISH.unsubscribePage) as Array<keyof UnsubscribePageWords>).partial().strict(),
  })
  .partial()
  .strict();

export type WordsConfig = z.infer<typeof wordsConfigSchema>;

/** The `{name}`s a word holds. */
function placeholdersIn(text: string): string[] {
  return [...text.matchAll(/\{([^{}\s]*)\}/g)].map((m) => m[1]!);
}

/** The primary subtag of a language tag, lower case ("pt-BR" → "pt"): what chooses the words, and tells two languages apart. */
export function primaryLanguage(tag: string): string {
  return tag.split('-')[0]!.toLowerCase();
}

/** The words of a briefing in `language`, with the config's own over them. */
export function resolveWords(language: string, overrides: WordsConfig = {}): Words {
  const base = BUILT_IN_WORDS[primaryLanguage(language)] ?? ENGLISH;
  const { stories, editions, commentary, unsubscribePage, ...plain } = overrides;
  return {
    ...base,
    ...plain,
    // A count given in the config replaces the built-in one whole: its forms are another language's.
    stories: stories?.other ? { ...stories, other: stories.other } : { ...base.stories, ...stories },
    editions: editions?.other ? { ...editions, other: editions.other } : { ...base.editions, ...editions },
    commentary: { ...base.commentary, ...commentary },
    unsubscribePage: { ...base.unsubscribePage, ...unsubscribePage },
  };
}

/** Intl plural rules are costly to build; a build reuses one per language. */
const pluralRules = new Map<string, Intl.PluralRules>();

function pluralCategory(n: number, language: string): Intl.LDMLPluralRule {
  let rules = pluralRules.get(language);
  if (!rules) {
    try {
      rules = new Intl.PluralRules(language);
    } catch {
      // A language tag Intl does not accept (config `language` is only checked for length).
      rules = new Intl.PluralRules('en');
    }
    pluralRules.set(language, rules);
  }
  return rules.select(n);
}

/** "3 stories" in `language`: the count's form for `n` (`other` when that form is not given), `{n}` filled. */
export function countWords(n: number, forms: PluralWords, language: string): string {
  const form = forms[pluralCategory(n, language)] ?? forms.other;
  return form.replaceAll('{n}', String(n));
}

/** A word with its `{placeholder}`s filled; each value through `fill` (escaping, markup) when given. */
export function fillWord(text: string, values: Record<string, string>, fill: (value: string, name: string) => string = (value) => value): string {
  return text.replace(/\{([^{}\s]*)\}/g, (whole, name: string) => (Object.hasOwn(values, name) ? fill(values[name]!, name) : whole));
}
