/**
 * The title of a plain-text article: its headline on the first line, with the page header around
 * it (masthead, section, label, time), becomes the article's title and goes from its text
 * (clean/title-line.ts). A PDF's running headers and footers go too.
 */
import { describe, expect, it } from 'vitest';
import { isCommentary } from '../../pipeline/common/commentary.ts';
import { article, clean } from './helpers.ts';

const LEDE =
  'Plans for 600 new homes on the site of the former Wrexley colliery have been approved by Ashdale District Council, despite objections from residents who fear the scheme will make flooding worse.';
const SECOND = 'Councillors on the planning committee voted six to three on Tuesday evening to grant outline permission to Harrowfield Homes, which bought the site in 2022.';

function cleanOne(raw: string, options: Parameters<typeof article>[1] = {}, config = {}) {
  const { cleaned, messages } = clean([article(raw, options)], config);
  return { ...cleaned[0]!, messages };
}

describe('the title said again at the top of the text', () => {
  it('goes, when the input gives the title (front matter, a record): Markdown\'s "# Headline", a text that opens with it', () => {
    const title = 'Plans for 600 homes on former colliery site approved';
    const markdown = cleanOne([`# ${title}`, '', LEDE, '', SECOND].join('\n'), { format: 'md', id: 'note', title });
    expect(markdown.paragraphs.map((p) => p.text)).toEqual([LEDE, SECOND]);
    expect(markdown.removed).toEqual([expect.objectContaining({ ruleId: 'clean/title', text: title, reason: expect.stringContaining('title again') })]);
    const record = cleanOne([`${title.toUpperCase()}.`, '', LEDE].join('\n'), { title });
    expect(record.paragraphs.map((p) => p.text)).toEqual([LEDE]);
  });

  it("stays when it is all the text there is (a feed's item that gives only its headline), with no warning", () => {
    const title = 'Energy projects to jump grid queue under new rules';
    const headline = cleanOne(title, { title });
    expect(headline.paragraphs.map((p) => p.text)).toEqual([title]);
    expect(headline.messages.filter((m) => m.severity !== 'info')).toEqual([]);
  });

  it('stays when it is only the start of a paragraph, or further down than the top', () => {
    const title = 'Plans approved';
    const start = cleanOne([`${title} for 600 homes on the former colliery site, the council said on Tuesday evening after a long debate.`, '', LEDE].join('\n'), { title });
    expect(start.removed).toEqual([]);
    const later = cleanOne([LEDE, '', SECOND, '', LEDE.replace('Plans', 'Proposals'), '', title].join('\n'), { title });
    expect(later.paragraphs.map((p) => p.text)).toContain(title);
  });
});

describe('the title line of plain text', () => {
  it('takes the headline on the first line as the title, with the masthead, section and time around it out of the text', () => {
    const raw = ['Plans for 600 homes on former colliery site approved despite flooding fears', 'The Ashdale Gazette', 'News | Planning', 'Wednesday 11 June 2025 5:47 pm | Updated: Thursday 12 June 2025 8:12 am', '', LEDE, '', SECOND].join('\n');
    const result = cleanOne(raw);
    expect(result.title).toBe('Plans for 600 homes on former colliery site approved despite flooding fears');
    expect(result.publisher).toBe('The Ashdale Gazette');
    expect(result.paragraphs.map((p) => p.text)).toEqual([LEDE, SECOND]);
    const removed = Object.fromEntries(result.removed.map((r) => [r.text, r]));
    expect(removed['Plans for 600 homes on former colliery site approved despite flooding fears']).toMatchObject({ ruleId: 'clean/title', reason: expect.stringContaining('title') });
    expect(removed['The Ashdale Gazette']).toMatchObject({ ruleId: 'clean/credit', reason: expect.stringContaining('masthead') });
    expect(removed['News | Planning']?.reason).toContain('section');
    expect(removed['Wednesday 11 June 2025 5:47 pm | Updated: Thursday 12 June 2025 8:12 am']?.reason).toContain('time stamp');
    // Every removal is said, with its line.
    expect(result.messages.filter((m) => m.ruleId === 'clean/title').map((m) => m.line)).toEqual([1]);
    // The time line dates an undated article.
    expect(result.date).toBe('2025-06-11');
  });

  it('leaves text that starts with its lede as it is (no title, nothing removed)', () => {
    const result = cleanOne([LEDE, '', SECOND].join('\n'));
    expect(result.title).toBeNull();
    expect(result.removed).toEqual([]);
  });

  it('takes no title from a line that only looks short: a quotation closing, a sentence, a line with nothing after it', () => {
    const closing = cleanOne(['But here, the committee said, we were limited”', '', LEDE, '', SECOND].join('\n'));
    expect(closing.title).toBeNull();
    const sentence = cleanOne(['The council approved the plans.', '', LEDE].join('\n'));
    expect(sentence.title).toBeNull();
    const alone = cleanOne(['Plans approved for 600 homes', '', 'Read more'].join('\n'));
    expect(alone.title).toBeNull();
  });

  it('keeps a label of commentary over the headline as its label, so the column is known for one', () => {
    const result = cleanOne(['Opinion', 'We need to stop pretending the flooding on the Wrexley site will fix itself', '', LEDE, '', SECOND].join('\n'));
    expect(result.title).toBe('Opinion: We need to stop pretending the flooding on the Wrexley site will fix itself');
    expect(isCommentary(result)).toBe(true);
  });

  it('takes a name with an honorific under the title for its byline: the author, whose biography at the end goes', () => {
    const bio = 'Dr Rachel Osei is a senior lecturer in planning at the University of Leicester and a former council officer.';
    // …under an invitation to write in, which goes too.
    const result = cleanOne(['We need to stop pretending the flooding on the Wrexley site will fix itself', 'Dr Rachel Osei', '', LEDE, '', SECOND, '', bio, '', 'Have your say: write to letters@wrexleygazette.example'].join('\n'));
    expect(result.author).toBe('Dr Rachel Osei');
    expect(result.paragraphs.map((p) => p.text)).toEqual([LEDE, SECOND]);
    expect(result.removed.find((r) => r.text === 'Dr Rachel Osei')?.reason).toContain('byline');
    // A name without one is kept: it could be a kicker as well as a name.
    const plain = cleanOne(['We need to stop pretending the flooding on the Wrexley site will fix itself', 'Rachel Osei', '', LEDE, '', SECOND].join('\n'));
    expect(plain.paragraphs.map((p) => p.text)).toContain('Rachel Osei');
  });

  it('joins a title in capitals wrapped over two lines, and removes a PDF’s running headers and footers', () => {
    const raw = [
      'DEPARTMENT OF PLANNING',
      'Statement on the Wrexley Colliery Decision',
      'Page 1 of 2',
      '',
      'STATEMENT BY THE PLANNING MINISTER ON THE WREXLEY',
      'COLLIERY DECISION',
      '',
      LEDE,
      '',
      'Department of Planning                                  Page 1 of 2',
      'Statement on the Wrexley Colliery Decision',
      'Page 2 of 2',
      '',
      SECOND,
    ].join('\n');
    const result = cleanOne(raw);
    expect(result.title).toBe('STATEMENT BY THE PLANNING MINISTER ON THE WREXLEY COLLIERY DECISION');
    expect(result.paragraphs.map((p) => p.text)).toEqual([LEDE, SECOND]);
    // Every line of the running headers and footers, each named for what it is.
    const heads = result.removed.filter((r) => r.ruleId === 'clean/notice').map((r) => r.text);
    expect(heads).toEqual(['DEPARTMENT OF PLANNING', 'Statement on the Wrexley Colliery Decision', 'Page 1 of 2', 'Department of Planning Page 1 of 2', 'Statement on the Wrexley Colliery Decision', 'Page 2 of 2']);
    expect(result.removed.every((r) => r.ruleId !== 'clean/notice' || /page number|running header/.test(r.reason))).toBe(true);
  });

  it('keeps a line the article repeats away from page numbers (a heading used twice is no running header)', () => {
    const raw = [LEDE, '', 'What the council said', '', SECOND, '', 'What the council said', '', LEDE.replace('Plans', 'Proposals'), '', 'Page 1 of 1'].join('\n');
    const result = cleanOne(raw);
    expect(result.paragraphs.filter((p) => p.text === 'What the council said')).toHaveLength(2);
    expect(result.removed.map((r) => r.text)).toEqual(['Page 1 of 1']);
  });

  it('looks past the short lines of a site over the headline that share no word with the story: its name, tagline, section', () => {
    const headline = 'Plans for 600 homes on former colliery site approved despite flooding fears';
    const section = cleanOne(['STATEMENTS AND RELEASES', '', headline, '', LEDE, '', SECOND].join('\n'));
    expect(section.title).toBe(headline);
    expect(section.paragraphs.map((p) => p.text)).toEqual([LEDE, SECOND]);
    expect(section.removed.find((r) => r.text === 'STATEMENTS AND RELEASES')?.reason).toContain('shares no word with the story');
    const site = cleanOne(['Regional Voices', 'Local perspective Human stories', 'Housing and Environment', headline, '', LEDE, '', SECOND].join('\n'));
    expect(site.title).toBe(headline);
    expect(site.paragraphs.map((p) => p.text)).toEqual([LEDE, SECOND]);
  });

  it('keeps a line over the headline that shares a word with the story: a title in capitals over its standfirst stays the title', () => {
    const capitals = cleanOne(['COLLIERY HOMES APPROVED', '', 'Residents fear the scheme will make flooding worse', '', LEDE, '', SECOND].join('\n'));
    expect(capitals.title).toBe('COLLIERY HOMES APPROVED');
    expect(capitals.paragraphs.map((p) => p.text)).toContain('Residents fear the scheme will make flooding worse');
    // …and a title in capitals wrapped over two lines is one title, though its first line shares no word with the story.
    expect(cleanOne(['PLANNING COMMITTEE DECISION', 'ON THE WREXLEY COLLIERY', '', LEDE].join('\n')).title).toBe('PLANNING COMMITTEE DECISION ON THE WREXLEY COLLIERY');
  });

  it("takes a byline without 'By' under the title for the author, and leaves a headline that ends with a role a headline", () => {
    const signed = cleanOne(['Plans for 600 homes on former colliery site approved despite flooding fears', 'Jo Doe, Political Editor', '', LEDE, '', SECOND].join('\n'));
    expect(signed.author).toBe('Jo Doe');
    expect(signed.paragraphs.map((p) => p.text)).toEqual([LEDE, SECOND]);
    // The name ends where the role's words begin ("Health correspondent").
    expect(cleanOne(['Plans for 600 homes on former colliery site approved despite flooding fears', 'Hannah Oyelaran Health correspondent', '', LEDE].join('\n')).author).toBe('Hannah Oyelaran');
    const researcher = cleanOne(['Ana Maria Ruiz, Research Fellow', '', LEDE, '', SECOND].join('\n'));
    expect(researcher.author).toBe('Ana Maria Ruiz');
    const headline = cleanOne(['Harrowfield Homes Hires New Chief Economist', '', LEDE, '', SECOND].join('\n'));
    expect(headline.title).toBe('Harrowfield Homes Hires New Chief Economist');
    expect(headline.author).toBeNull();
  });

  it('is not used where a title is given, outside plain text, or when the rule is disabled', () => {
    const raw = ['Plans for 600 homes on former colliery site approved despite flooding fears', '', LEDE, '', SECOND].join('\n');
    expect(cleanOne(raw, { title: 'Colliery homes approved' }).title).toBe('Colliery homes approved');
    expect(cleanOne(raw, { title: 'Colliery homes approved' }).paragraphs).toHaveLength(3);
    const markdown = cleanOne(raw, { format: 'md', id: 'note' });
    expect(markdown.paragraphs).toHaveLength(3);
    const disabled = cleanOne(raw, {}, { clean: { disable: ['clean/title'] } });
    expect(disabled.title).toBeNull();
    expect(disabled.paragraphs).toHaveLength(3);
  });
});
