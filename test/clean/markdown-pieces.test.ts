import { describe, expect, it } from 'vitest';
import { markdownToParagraphs } from '../../pipeline/clean/markdown.ts';
import { markdownPieces } from '../../pipeline/clean/markdown-pieces.ts';

// A section of an article with the constructs a careless cut would break: fenced
// code and an HTML comment with blank lines inside, a loose list, an indented
// continuation, a reference link whose definition is far away, a keep marker.
const SECTION = (n: number) => `## Part ${n}

The council voted on Tuesday to close the harbourside to cars from next summer, after [a long debate][minutes] that ran late.

\`\`\`
# not a heading ${n}

- not a list
\`\`\`

<!--
an editor's note

that spans blank lines
-->

- First item of part ${n}.

- Second item, loose.

    Its indented continuation.

<!-- briefing: keep -->
Residents said they would appeal the decision of part ${n}.
`;

/** The section's paragraphs with their lines moved down by `offset`. */
function shifted(offset: number, section: number) {
  return markdownToParagraphs(SECTION(section)).paragraphs.map((p) => ({ ...p, line: p.line! + offset }));
}

describe('Markdown parsed in pieces', () => {
  it('parses a long body to the paragraphs its sections give alone, with the lines of the whole body', () => {
    const sections = Array.from({ length: 100 }, (_, k) => SECTION(k));
    const body = sections.join('\n') + '\n[minutes]: https://example.org/minutes\n';
    expect(markdownPieces(body).length).toBeGreaterThan(1);
    const result = markdownToParagraphs(body);
    let offset = 0;
    const expected = sections.flatMap((section, k) => {
      const paragraphs = shifted(offset, k);
      offset += section.split('\n').length;
      return paragraphs;
    });
    // The definition resolves in every piece: the link reads as its text, without brackets.
    expect(result.paragraphs).toEqual(expected.map((p) => ({ ...p, text: p.text.replace('[a long debate][minutes]', 'a long debate') })));
    expect(result.paragraphs.filter((p) => p.text.includes('[minutes]'))).toEqual([]);
    expect(result.keep).toHaveLength(100);
    for (const k of result.keep) expect(result.paragraphs[k]!.text).toMatch(/^Residents said/);
  });

  // A head of short paragraphs just under the piece size, then one long
  // paragraph that crosses it, interrupted by a construct whose inside has a
  // blank line and a line that could start a block: the first place a cut may
  // fall once the piece is full, and a wrong one. After it, a place a cut may fall.
  const HEAD = Array.from({ length: 1350 }, (_, k) => `Filler paragraph ${k}.`).join('\n\n') + '\n\n';
  const LONG = 'A line of one long paragraph.\n'.repeat(200);
  it.each([
    ['fenced code', '```\n\n# not a heading\n\n- not a list\n```\n'],
    ['an HTML comment', '<!--\n\nan editor note\n\n-->\n'],
    ['an indented continuation', '- First item.\n\n    Its indented continuation.\n'],
  ])('never cuts inside %s', (_, construct) => {
    const rest = `${LONG}${construct}\nTail paragraph.\n`;
    const lines = HEAD.split('\n').length - 1;
    const expected = [...markdownToParagraphs(HEAD).paragraphs, ...markdownToParagraphs(rest).paragraphs.map((p) => ({ ...p, line: p.line! + lines }))];
    expect(markdownPieces(HEAD + rest).length).toBe(2);
    expect(markdownToParagraphs(HEAD + rest).paragraphs).toEqual(expected);
  });

  it('keeps a body up to the piece size whole', () => {
    const body = SECTION(1).repeat(20);
    expect(markdownPieces(body)).toEqual([{ text: body, firstLine: 1 }]);
  });

  it('numbers lines as the parser does, whatever the line endings', () => {
    const body = `${'Intro line.\r\n\r\n'.repeat(3000)}# Last\r`;
    const last = markdownToParagraphs(body).paragraphs.at(-1)!;
    expect(last).toMatchObject({ type: 'heading', text: 'Last', line: 6001 });
  });

  // Parsed whole, the time of this line grew with its length squared (minutes
  // at 150,000 links); in parts it is linear. The timeout catches a relapse.
  it('reads a line of 50,000 unclosed links, keeping its text', { timeout: 30_000 }, () => {
    const line = '[a](b '.repeat(50_000);
    const { paragraphs } = markdownToParagraphs(`Intro.\n\n${line}\n`);
    expect(paragraphs[0]).toMatchObject({ text: 'Intro.', line: 1 });
    expect(paragraphs.slice(1).every((p) => p.line === 3)).toBe(true);
    expect(paragraphs.slice(1).map((p) => p.text).join(' ')).toBe(line.trim());
  });

  it('reads a list too long for one piece, keeping every item', () => {
    const { paragraphs } = markdownToParagraphs('- item\n'.repeat(20_000));
    expect(paragraphs.length).toBeGreaterThan(1);
    expect(paragraphs.every((p) => p.type === 'list')).toBe(true);
    expect(paragraphs.flatMap((p) => p.text.split('\n'))).toEqual(Array(20_000).fill('- item'));
  });
});
