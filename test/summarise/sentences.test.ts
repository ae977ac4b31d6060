import { describe, expect, it } from 'vitest';
import { sentencesOf, splitSentences } from '../../pipeline/common/sentences.ts';

describe('splitSentences', () => {
  it('does not break after titles, with or without a dot', () => {
    expect(sentencesOf('Mr Lammy met Dr Smith. He said hello.')).toEqual(['Mr Lammy met Dr Smith.', 'He said hello.']);
    expect(sentencesOf('Mr. Lammy met Dr. Smith and Gen. Jones. He said hello.')).toEqual(['Mr. Lammy met Dr. Smith and Gen. Jones.', 'He said hello.']);
    // Plural titles before two names, as US political news writes them.
    expect(sentencesOf('Sens. Maria Lopez and Tom Hendricks finalized the text. Reps. Ana Ruiz and Lee Park objected.')).toEqual([
      'Sens. Maria Lopez and Tom Hendricks finalized the text.',
      'Reps. Ana Ruiz and Lee Park objected.',
    ]);
  });

  it('keeps "No 10" and "No. 10" whole, and still ends a sentence on "no."', () => {
    expect(sentencesOf('More than 30 countries are ready, No 10 said. Talks go on.')).toEqual(['More than 30 countries are ready, No 10 said.', 'Talks go on.']);
    expect(sentencesOf('He arrived at No. 10 Downing Street. Talks began.')).toEqual(['He arrived at No. 10 Downing Street.', 'Talks began.']);
    expect(sentencesOf('Asked if he would resign, he said no. The vote is on Friday.')).toEqual(['Asked if he would resign, he said no.', 'The vote is on Friday.']);
  });

  it('joins "U.S." to what follows unless a new sentence starts', () => {
    expect(sentencesOf('U.S. officials met on Monday. They agreed.')).toEqual(['U.S. officials met on Monday.', 'They agreed.']);
    expect(sentencesOf('The troops returned to the U.S. The president welcomed them.')).toEqual(['The troops returned to the U.S.', 'The president welcomed them.']);
    expect(sentencesOf('J.D. Vance spoke in Washington. Nobody replied.')).toEqual(['J.D. Vance spoke in Washington.', 'Nobody replied.']);
    expect(sentencesOf('The meeting, at 3 p.m. on Monday, ended early. It resumes today.')).toEqual(['The meeting, at 3 p.m. on Monday, ended early.', 'It resumes today.']);
  });

  it('keeps a quotation spanning sentences in one piece, with curly or straight quotes', () => {
    expect(sentencesOf('He said: “We are ready. We will go.” Then he left.')).toEqual(['He said: “We are ready. We will go.”', 'Then he left.']);
    expect(sentencesOf('She said "we are ready. We will go." Then she left.')).toEqual(['She said "we are ready. We will go."', 'Then she left.']);
  });

  it('reads the quotation marks of other languages: „…“, « … » and » … «', () => {
    // „ is closed by “, which in English would open a quotation: the sentences after it are not swallowed.
    expect(sentencesOf('Hoffmann sprach von einem „Haushalt der Investitionen“. Die Opposition kritisierte den Entwurf. Der Bundesrat muss zustimmen.')).toEqual([
      'Hoffmann sprach von einem „Haushalt der Investitionen“.',
      'Die Opposition kritisierte den Entwurf.',
      'Der Bundesrat muss zustimmen.',
    ]);
    expect(sentencesOf('„Wir sind bereit. Wir gehen“, sagte sie. Dann ging sie.')).toEqual(['„Wir sind bereit. Wir gehen“, sagte sie.', 'Dann ging sie.']);
    expect(sentencesOf('Sie sagte: »Wir sind bereit. Wir gehen.« Dann ging sie.')).toEqual(['Sie sagte: »Wir sind bereit. Wir gehen.«', 'Dann ging sie.']);
    // French sets a space before the closing guillemet: the quotation ends there, and the next sentence starts after it.
    expect(sentencesOf('Il a dit : « Nous sommes prêts. Nous irons. » Puis il est parti. Le vote a lieu demain.')).toEqual([
      'Il a dit : « Nous sommes prêts. Nous irons. »',
      'Puis il est parti.',
      'Le vote a lieu demain.',
    ]);
    // An inner quotation's closing guillemet leaves the outer one open.
    expect(sentencesOf('Elle a dit : « Il parle de « réforme. » Nous irons. » Puis elle est partie.')).toEqual(['Elle a dit : « Il parle de « réforme. » Nous irons. »', 'Puis elle est partie.']);
    // A guillemet that closes a quotation within a sentence leaves it whole.
    expect(sentencesOf('Il a parlé d’une « réforme nécessaire. » mais sans détails. Le vote a lieu demain.')).toEqual(['Il a parlé d’une « réforme nécessaire. » mais sans détails.', 'Le vote a lieu demain.']);
  });

  it('does not break after a German day before its month, nor after other languages\' titles', () => {
    expect(sentencesOf('Am 3. Oktober 2026 wurde das Gesetz verabschiedet. Es tritt am 1. Januar in Kraft.')).toEqual(['Am 3. Oktober 2026 wurde das Gesetz verabschiedet.', 'Es tritt am 1. Januar in Kraft.']);
    expect(sentencesOf('Il 3 dicembre il Parlamento voterà. Il sig. Rossi ha detto che è necessario.')).toEqual(['Il 3 dicembre il Parlamento voterà.', 'Il sig. Rossi ha detto che è necessario.']);
    // A number that ends a sentence before another word still ends it.
    expect(sentencesOf('The index rose to 19. Traders were surprised.')).toEqual(['The index rose to 19.', 'Traders were surprised.']);
  });

  it('splits decimals, questions and exclamations correctly', () => {
    expect(sentencesOf('It cost $3.5 million. Is that a lot? Yes!')).toEqual(['It cost $3.5 million.', 'Is that a lot?', 'Yes!']);
  });

  it('reports offsets into the input', () => {
    const text = '  First one here.  Second one.';
    for (const span of splitSentences(text)) expect(text.slice(span.start, span.end)).toBe(span.text);
  });

  it('does not let a stray quote mark swallow the rest of a long text', () => {
    const text = 'A stray " mark. ' + 'This is another sentence of ordinary text. '.repeat(60);
    expect(sentencesOf(text).length).toBeGreaterThan(10);
  });
});

describe('splitSentences on hostile paragraphs', () => {
  // Each of these took minutes in one paragraph: V8's segmenter cost grew with
  // length × sentences, and a sentence joined from many segments was copied and
  // searched again at every join. Both are linear now; the timeout catches a relapse.
  it('splits 300,000 titles in a row into one sentence', { timeout: 60_000 }, () => {
    const spans = splitSentences('Mr. '.repeat(300_000));
    expect(spans).toHaveLength(1);
    expect(spans[0]!.end).toBe(300_000 * 4 - 1);
  });

  it('splits 130,000 short sentences in one paragraph', { timeout: 60_000 }, () => {
    const text = 'He said. '.repeat(130_000);
    const spans = splitSentences(text);
    expect(spans).toHaveLength(130_000);
    expect(text.slice(spans[77_777]!.start, spans[77_777]!.end)).toBe('He said.');
  });
});
