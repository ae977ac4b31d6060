import { describe, expect, it } from 'vitest';
import { textToParagraphs } from '../../pipeline/clean/text/paragraphs.ts';
import { isWholeQuote, looksLikeHeading, withoutQuotes } from '../../pipeline/clean/text/structure.ts';

describe('plain text → paragraphs', () => {
  it('reads blank-line paragraphs with their first line numbers', () => {
    expect(textToParagraphs('First paragraph here.\n\nSecond one.\n\n\nThird.\n')).toEqual([
      { type: 'paragraph', text: 'First paragraph here.', line: 1 },
      { type: 'paragraph', text: 'Second one.', line: 3 },
      { type: 'paragraph', text: 'Third.', line: 6 },
    ]);
  });

  it('reads one paragraph per line when there are no blank lines, and marks a subheading', () => {
    const text = 'The talks came as leaders met in London on Monday.\nTalks in London\nOfficials said progress had been made.\n';
    expect(textToParagraphs(text)).toEqual([
      { type: 'paragraph', text: 'The talks came as leaders met in London on Monday.', line: 1 },
      { type: 'heading', text: 'Talks in London', line: 2 },
      { type: 'paragraph', text: 'Officials said progress had been made.', line: 3 },
    ]);
  });

  it('joins hard-wrapped lines back into one paragraph, but not a heading above a paragraph', () => {
    const wrapped = 'The minister said the plan would be published before the\nsummer recess, and that it had been agreed with the devolved\ngovernments after months of talks.\n\nBackground\nThe plan was first announced in 2023.';
    expect(textToParagraphs(wrapped)).toEqual([
      { type: 'paragraph', text: 'The minister said the plan would be published before the summer recess, and that it had been agreed with the devolved governments after months of talks.', line: 1 },
      { type: 'heading', text: 'Background', line: 5 },
      { type: 'paragraph', text: 'The plan was first announced in 2023.', line: 6 },
    ]);
  });

  it('joins a word the wrap split at a hyphen without a space, keeping the hyphen', () => {
    const wrapped = 'The review makes twenty-three recommendations, of which the govern-\nment has accepted twenty in full and a well-\nknown consultant will oversee the rest of the work over\nthe next three years, it said on Thursday.';
    expect(textToParagraphs(wrapped)[0]!.text).toBe(
      'The review makes twenty-three recommendations, of which the govern-ment has accepted twenty in full and a well-known consultant will oversee the rest of the work over the next three years, it said on Thursday.',
    );
    // A dash between words, or a hyphen before a capital, is not a split word.
    const dashed = 'The plan was agreed by ministers on Tuesday after a long -\nand at times bitter - debate in the chamber that lasted well into\nthe night, officials said later.';
    expect(textToParagraphs(dashed)[0]!.text).toBe('The plan was agreed by ministers on Tuesday after a long - and at times bitter - debate in the chamber that lasted well into the night, officials said later.');
  });

  it('reads lists, "> " quotes and whole-paragraph quotations', () => {
    const text = 'Three measures were announced:\n- a price cap\n- free school meals\n* a new tax band\n\n> A quoted passage\n> over two lines.\n\n“We will deliver,” — no: “We will deliver.”\n\n“The leaders agreed to stay in close contact.”';
    expect(textToParagraphs(text)).toEqual([
      { type: 'paragraph', text: 'Three measures were announced:', line: 1 },
      { type: 'list', text: '- a price cap\n- free school meals\n- a new tax band', line: 2 },
      { type: 'quote', text: 'A quoted passage over two lines.', line: 6 },
      { type: 'paragraph', text: '“We will deliver,” — no: “We will deliver.”', line: 9 },
      { type: 'quote', text: '“The leaders agreed to stay in close contact.”', line: 11 },
    ]);
  });

  it('a short last line is not a heading (nothing follows it)', () => {
    expect(textToParagraphs('A long enough sentence of article text.\nRead more').at(-1)!.type).toBe('paragraph');
  });

  it('handles CRLF, tabs and empty input', () => {
    expect(textToParagraphs('One.\r\n\r\nTwo\tthree.')).toEqual([
      { type: 'paragraph', text: 'One.', line: 1 },
      { type: 'paragraph', text: 'Two three.', line: 3 },
    ]);
    expect(textToParagraphs('')).toEqual([]);
    expect(textToParagraphs('\n \n')).toEqual([]);
  });
});

describe('shape tests', () => {
  it('headings are short, unpunctuated and capitalised', () => {
    expect(looksLikeHeading('EU-UK co-operation on Ukraine')).toBe(true);
    expect(looksLikeHeading('UK’s “coalition of the willing”')).toBe(true);
    expect(looksLikeHeading('He said:')).toBe(false);
    expect(looksLikeHeading('lower case start')).toBe(false);
    expect(looksLikeHeading('Keir Starmer held a phone call with Donald Trump on Monday night in which he told him Ukraine must be put in the strongest possible position')).toBe(false);
  });

  it('quoted speech is set aside, including a quote that runs on to the end', () => {
    expect(withoutQuotes('She added: “Like you say, we must work together.” Then left.')).toBe('She added:   Then left.');
    expect(withoutQuotes('“They began by discussing the anniversary')).toBe(' ');
    expect(isWholeQuote('“Open quote that never closes')).toBe(true);
    expect(isWholeQuote('“We need to build on that,” she said.')).toBe(false);
  });
});
