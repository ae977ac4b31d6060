import { afterEach, describe, expect, it } from 'vitest';
import { cleanArticles } from '../../pipeline/clean/index.ts';
import { inlineForward } from '../../pipeline/ingest/formats/email.ts';
import { letterBody } from '../../pipeline/ingest/formats/letter.ts';
import { ingestFiles, makeCtx, removeDir } from '../foundation/helpers.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) removeDir(dir);
});

const ingest = (files: Record<string, string | Uint8Array>, config: Parameters<typeof makeCtx>[0] = {}) => ingestFiles(files, config, dirs);

/** A message's lines joined with CRLF, as mail is written on the wire and saved by most clients. */
const crlf = (...lines: string[]) => lines.join('\r\n');
/** Bytes of a string in windows-1252 (what `charset=iso-8859-1` mail really carries): one byte per character, curly quotes at 0x93/0x94. */
function cp1252(text: string): Buffer {
  const high: Record<string, number> = { '“': 0x93, '”': 0x94, '’': 0x92, '–': 0x96, '€': 0x80 };
  return Buffer.from(Array.from(text, (c) => high[c] ?? c.charCodeAt(0)));
}

const NEWSLETTER = crlf(
  'Return-Path: <bounce@mail.example.net>',
  'From: =?UTF-8?Q?The_Harbour_Br=C3=BCcke_Weekly?=',
  ' <news@harbour.example>',
  'To: editor@briefing.example',
  'Subject: =?UTF-8?B?W0hhcmJvdXIgV2Vla2x5XSBDb3VuY2lsIGFwcHJvdmVzIGNhZsOpIGxpY2VuY2U=?=',
  'Date: Tue, 3 Mar 2026 23:15:00 -0500 (EST)',
  'List-Id: Harbour Weekly <weekly.harbour.example>',
  'List-Unsubscribe: <https://harbour.example/u/1>',
  'Content-Language: en-GB',
  'MIME-Version: 1.0',
  'Content-Type: multipart/alternative;',
  '\tboundary="----=_Part_7_1"',
  '',
  'This is a multi-part message in MIME format.',
  '',
  '------=_Part_7_1',
  'Content-Type: text/plain; charset=utf-8',
  'Content-Transfer-Encoding: quoted-printable',
  '',
  'The council approved the caf=C3=A9 licence on Tuesday.',
  '------=_Part_7_1',
  'Content-Type: text/html; charset="iso-8859-1"',
  'Content-Transfer-Encoding: quoted-printable',
  '',
  '<html><body><p><a href=3D"https://harbour.example/issues/112?utm=3Dmail&amp;id=3D7">View this email in y=',
  'our browser</a></p><h1>Council approves caf=E9 licence</h1><p>The council approved the caf=E9 licence on Tu=',
  'esday night after a two-hour debate. The Harbour Caf=E9 may now open until midnight from April.</p><p>Coun=',
  'cillor Mara Quist called the vote =93a fair balance=94 between residents and traders.</p></body></html>',
  '------=_Part_7_1--',
  '',
);

describe('e-mail files (.eml)', () => {
  it('reads a newsletter: the HTML alternative, its charset and transfer encoding undone, the subject, date, sender and web copy from the headers', () => {
    const { articles, messages } = ingest({ 'mail/issue.eml': NEWSLETTER }, { timezone: 'Europe/London' });
    expect(messages.filter((m) => m.severity !== 'info')).toEqual([]);
    expect(articles).toHaveLength(1);
    const [article] = articles;
    expect(article).toMatchObject({
      id: 'mail/issue',
      format: 'html',
      // Encoded words decoded; the list's [tag] is not part of the title.
      title: 'Council approves café licence',
      // 23:15 at -0500 is 04:15 the next day in London.
      date: '2026-03-04',
      dateSource: 'email',
      publisher: 'The Harbour Brücke Weekly',
      url: 'https://harbour.example/issues/112?utm=mail&id=7',
      language: 'en-GB',
      // The line of the file where the HTML part's body starts: messages about the article point there.
      origin: { file: 'content/mail/issue.eml', line: 25 },
    });
    // Soft line breaks joined, =E9 and the 0x93/0x94 quotes read in windows-1252.
    expect(article!.raw).toContain('The council approved the café licence on Tuesday night');
    expect(article!.raw).toContain('called the vote “a fair balance” between');
  });

  it('reads the date in the configured timezone', () => {
    const { articles } = ingest({ 'issue.eml': NEWSLETTER }, { timezone: 'America/New_York' });
    expect(articles[0]!.date).toBe('2026-03-03');
  });

  it('reads a plain-text mail: 8-bit windows-1252 unlabelled, format=flowed lines joined, a sender without a name named by its domain', () => {
    const body = cp1252(
      crlf(
        'From: press@northhaven.gov.example',
        'Subject: Re: FW: Bridge closure from Monday',
        'Date: 9 Mar 2026 10:00:00 +0000',
        'Content-Type: text/plain; format=flowed',
        'Content-Transfer-Encoding: 8bit',
        '',
        'The Old Mill bridge will close for repairs from Monday, the council’s ',
        'engineers said. Buses will divert via Quay Street – a detour of about ',
        'ten minutes.',
        '',
      ),
    );
    const { articles } = ingest({ 'bridge.eml': body });
    expect(articles[0]).toMatchObject({ format: 'txt', title: 'Bridge closure from Monday', date: '2026-03-09', publisher: 'northhaven.gov.example', url: null });
    expect(articles[0]!.raw).toContain('the council’s engineers said. Buses will divert via Quay Street – a detour of about ten minutes.');
  });

  it('reads a base64 HTML body inside multipart/mixed and related, skipping the attachments (a text one too)', () => {
    const html = '<p>The ministry published its annual water quality report on Thursday, finding 94 per cent of rivers met the standard.</p>';
    const mail = crlf(
      'From: "Ministry of Water" <press@water.gov.example>',
      'Subject: Annual water report',
      'Date: Thu, 12 Mar 2026 09:30:00 +0100',
      'Content-Type: multipart/mixed; boundary=outer',
      '',
      '--outer',
      'Content-Type: application/pdf; name=report.pdf',
      'Content-Disposition: attachment; filename=report.pdf',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from('%PDF-1.4 not a body').toString('base64'),
      '--outer',
      'Content-Type: text/plain; name=contacts.txt',
      'Content-Disposition: attachment; filename=contacts.txt',
      '',
      'Press office: 020 7946 0000',
      '--outer',
      'Content-Type: multipart/related; boundary="inner"',
      '',
      '--inner',
      'Content-Type: text/html; charset=utf-8',
      'Content-Transfer-Encoding: base64',
      '',
      ...Buffer.from(html).toString('base64').match(/.{1,76}/g)!,
      '--inner',
      'Content-Type: image/png',
      'Content-ID: <logo>',
      '',
      'iVBORw0KGgo=',
      '--inner--',
      '--outer--',
    );
    const { articles } = ingest({ 'water.eml': mail });
    expect(articles).toHaveLength(1);
    expect(articles[0]).toMatchObject({ format: 'html', title: 'Annual water report', publisher: 'Ministry of Water', date: '2026-03-12' });
    expect(articles[0]!.raw).toBe(html);
  });

  it('reads a press release forwarded inline as the original: its quoted subject, date and sender, without the forwarder’s note', () => {
    const mail = crlf(
      'From: Jo Reporter <jo@newsroom.example>',
      'To: desk@newsroom.example',
      'Subject: Fwd: Northhaven opens new library',
      'Date: Mon, 16 Mar 2026 18:02:11 +0000',
      'Content-Type: multipart/alternative; boundary="a"',
      '',
      '--a',
      'Content-Type: text/plain; charset="UTF-8"',
      '',
      'Worth a line in tomorrow’s briefing?',
      '',
      'Sent from my phone',
      '',
      '---------- Forwarded message ---------',
      'From: Northhaven Council Press Office <press@northhaven.gov.example>',
      'Date: Fri, Mar 13, 2026 at 9:15 AM',
      'Subject: Northhaven opens new library',
      'To: <desk@newsroom.example>',
      '',
      '',
      'Northhaven’s new central library opened on Friday after three years of building work, the council said.',
      '',
      '--a',
      'Content-Type: text/html; charset="UTF-8"',
      '',
      '<div>Worth a line in tomorrow’s briefing?</div><div class="gmail_quote">---------- Forwarded message ---------</div>',
      '--a--',
    );
    const { articles } = ingest({ 'fwd.eml': mail });
    expect(articles[0]).toMatchObject({
      format: 'txt',
      title: 'Northhaven opens new library',
      // The quoted date names no zone: the day it states, not the day it was forwarded.
      date: '2026-03-13',
      publisher: 'Northhaven Council Press Office',
    });
    expect(articles[0]!.raw.trim()).toBe('Northhaven’s new central library opened on Friday after three years of building work, the council said.');
  });

  it('reads a quoted date without a zone as the day it states, in any timezone (Outlook quotes the sender’s local time)', () => {
    const mail = crlf(
      'From: Desk <desk@newsroom.example>',
      'Subject: FW: Berth 4 reopens',
      'Date: Wed, 6 May 2026 12:00:00 +0000',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Please see below.',
      '',
      '-----Original Message-----',
      'From: Port Authority <media@port.example>',
      'Sent: Tuesday, May 5, 2026 1:14 AM',
      'To: Desk',
      'Subject: Berth 4 reopens',
      '',
      'Berth 4 reopened to container ships early on Tuesday after dredging, the port authority said.',
    );
    for (const timezone of ['America/New_York', 'Asia/Tokyo']) {
      const { articles } = ingest({ 'berth.eml': mail }, { timezone });
      expect(articles[0]).toMatchObject({ title: 'Berth 4 reopens', date: '2026-05-05', publisher: 'Port Authority' });
    }
  });

  it('reads a message forwarded as an attachment (message/rfc822) instead of the note around it', () => {
    const inner = crlf(
      'From: Kestrel Energy Investor Relations <ir@kestrel.example>',
      'Subject: Kestrel Energy reports record first-quarter output',
      'Date: Wed, 1 Apr 2026 07:00:00 +0100',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Kestrel Energy produced 4.1 million barrels in the first quarter, a record, the company said on Wednesday.',
    );
    const mail = crlf(
      'From: Desk <desk@newsroom.example>',
      'Subject: FW: Kestrel results',
      'Date: Thu, 2 Apr 2026 12:00:00 +0000',
      'Content-Type: multipart/mixed; boundary=b',
      '',
      '--b',
      'Content-Type: text/plain',
      '',
      'See attached.',
      '--b',
      'Content-Type: message/rfc822',
      'Content-Disposition: attachment; filename="Kestrel.eml"',
      '',
      inner,
      '--b--',
    );
    const { articles } = ingest({ 'attached.eml': mail });
    expect(articles[0]).toMatchObject({ title: 'Kestrel Energy reports record first-quarter output', date: '2026-04-01', publisher: 'Kestrel Energy Investor Relations' });
    expect(articles[0]!.raw).toContain('4.1 million barrels');
    expect(articles[0]!.raw).not.toContain('See attached');
  });

  it('reads a message cut off before its closing boundary', () => {
    const mail = crlf('From: a@b.example', 'Subject: Cut short', 'Content-Type: multipart/alternative; boundary=z', '', '--z', 'Content-Type: text/plain', '', 'The harbour reopened on Sunday after the storm.');
    const { articles } = ingest({ 'cut.eml': mail });
    expect(articles[0]).toMatchObject({ title: 'Cut short', date: null });
    expect(articles[0]!.raw).toBe('The harbour reopened on Sunday after the storm.');
  });

  it('warns, naming the file, for a mail with nothing to read, a file that is not a mail, and an unknown charset; the other files are read', () => {
    const onlyAttachment = crlf(
      'From: a@b.example',
      'Subject: Slides',
      'Content-Type: multipart/mixed; boundary=q',
      '',
      '--q',
      'Content-Type: application/pdf',
      'Content-Disposition: attachment; filename=a.pdf',
      '',
      'JVBERi0=',
      '--q--',
    );
    const unknownCharset = crlf('From: a@b.example', 'Subject: Odd', 'Content-Type: text/plain; charset=x-made-up', '', 'The ferry timetable changes on Monday.');
    const { articles, messages } = ingest({
      'slides.eml': onlyAttachment,
      'notes.eml': 'Just some notes I saved with the wrong name.\n\nNothing here is a header.\n',
      'odd.eml': unknownCharset,
      'fine.txt': 'The ferry timetable changes on Monday.\n',
    });
    expect(articles.map((a) => a.id).sort()).toEqual(['fine', 'odd']);
    const warned = messages.filter((m) => m.severity === 'warning').map((m) => [m.file, m.ruleId, m.line ?? null]);
    expect(warned).toEqual(
      expect.arrayContaining([
        ['content/slides.eml', 'ingest/email-no-text', null],
        ['content/notes.eml', 'ingest/unreadable', null],
        ['content/odd.eml', 'ingest/encoding', 5],
      ]),
    );
    expect(messages.find((m) => m.file === 'content/notes.eml')!.reason).toMatch(/not an e-mail message/);
  });

  it('the clean stage reads a newsletter’s HTML as a page: its footer and browser link go, its news stays', async () => {
    const mail = crlf(
      'From: The Policy Brief <brief@policy.example>',
      'Subject: Senate passes the coastal flooding bill',
      'Date: Fri, 20 Mar 2026 06:00:00 +0000',
      'Content-Type: text/html; charset=utf-8',
      '',
      '<html><body><table><tr><td><a href="https://policy.example/p/77">View this email in your browser</a></td></tr>',
      '<tr><td><h1>Senate passes the coastal flooding bill</h1>',
      '<p>The Senate passed the coastal flooding bill by 61 votes to 38 on Thursday, sending it to the president, who has said he will sign it.</p>',
      '<p>The bill sets aside $4.2 billion over five years for sea walls and wetland restoration in 14 states, and requires the Army Corps of Engineers to publish flood maps every three years.</p>',
      '<p>Senator Dana Whitlock, who wrote the bill, said it was “the first serious answer to rising seas in a generation”.</p></td></tr>',
      '<tr><td><p>You are receiving this email because you subscribed to The Policy Brief. <a href="https://policy.example/unsub">Unsubscribe</a> | <a href="https://policy.example/prefs">Update your preferences</a></p>',
      '<p>The Policy Brief, 1200 K Street NW, Washington, DC 20005</p></td></tr></table>',
      '<img src="https://policy.example/open.gif" width="1" height="1" alt=""></body></html>',
    );
    const { articles, cwd } = ingest({ 'brief.eml': mail });
    const { ctx } = makeCtx({}, cwd, 'clean');
    const [cleaned] = await cleanArticles(articles, ctx);
    expect(cleaned!.text).toContain('The Senate passed the coastal flooding bill by 61 votes to 38 on Thursday');
    expect(cleaned!.text).toContain('the first serious answer to rising seas in a generation');
    expect(cleaned!.text).not.toMatch(/unsubscribe|receiving this email|view this email|K Street/i);
    expect(cleaned!.url).toBe('https://policy.example/p/77');
  });
});

describe('inline forwards', () => {
  it('finds the forwarded message as each mail client quotes it, and nothing in a mail without one', () => {
    const apple = 'FYI\n\nBegin forwarded message:\n\n> From: City Hall <press@city.example>\n> Subject: Budget vote delayed\n> Date: 4 May 2026 at 10:02:13 BST\n>\n> The budget vote was delayed by a week.\n';
    expect(inlineForward(apple)).toMatchObject({ marker: 'forward', fields: { from: 'City Hall <press@city.example>', subject: 'Budget vote delayed', date: '4 May 2026 at 10:02:13 BST' }, body: '\nThe budget vote was delayed by a week.\n' });
    const outlook = 'Please see below.\n\n-----Original Message-----\nFrom: Port Authority\nSent: Tuesday, May 5, 2026 3:14 PM\nTo: Desk\nSubject: Berth 4 reopens\n\nBerth 4 reopened on Tuesday.';
    expect(inlineForward(outlook)).toMatchObject({ fields: { from: 'Port Authority', date: 'Tuesday, May 5, 2026 3:14 PM', subject: 'Berth 4 reopens' } });
    expect(inlineForward('The minister said: "Original message --- is all we have."')).toBeNull();
    // A marker not followed by quoted headers is someone's text, not a forward.
    expect(inlineForward('---------- Forwarded message ---------\n\nThe council met.')).toBeNull();
  });
});

describe('press releases by e-mail', () => {
  const release = (subject: string, date: string, body: string) => crlf(`From: Larder Network Press <press@larder.example>`, `Subject: ${subject}`, `Date: ${date}`, 'Content-Type: text/plain; charset=utf-8', '', body);
  const text = 'Food banks in the Larder Network handed out 1.38 million emergency parcels in the year to September, a 23% rise on the year before.';

  it('is dated the day its embargo lifts, not the day it was sent, and says so', () => {
    const { articles, messages } = ingest({
      // The embargo in the subject, a day and month without a year: placed nearest the day it was sent.
      'subject.eml': release('EMBARGOED 00:01 Tue 19 Nov: Food bank parcels up 23%', 'Mon, 18 Nov 2024 09:02:00 +0000', text),
      // In the body's opening, with a year; across a year's end.
      'body.eml': release('Food bank parcels up 23%', 'Tue, 31 Dec 2024 16:00:00 +0000', `EMBARGOED UNTIL 00:01 GMT THURSDAY 2 JANUARY 2025\n\n${text}`),
      // "tomorrow"
      'tomorrow.eml': release('Food bank parcels up 23%', 'Wed, 6 Nov 2024 10:00:00 +0000', `Embargoed until 00:01 tomorrow.\n\n${text}`),
      // An embargo that lifted before the release was sent changes nothing.
      'lifted.eml': release('Food bank parcels up 23%', 'Fri, 8 Nov 2024 10:00:00 +0000', `Embargo: 00:01 Thursday 7 November\n\n${text}`),
    });
    const byId = new Map(articles.map((a) => [a.id, a]));
    expect(byId.get('subject')).toMatchObject({ date: '2024-11-19', dateSource: 'email', title: 'Food bank parcels up 23%' });
    expect(byId.get('body')!.date).toBe('2025-01-02');
    expect(byId.get('tomorrow')!.date).toBe('2024-11-07');
    expect(byId.get('lifted')!.date).toBe('2024-11-08');
    const embargoes = messages.filter((m) => m.ruleId === 'ingest/embargo');
    expect(embargoes.map((m) => m.file).sort()).toEqual(['content/body.eml', 'content/subject.eml', 'content/tomorrow.eml']);
    expect(embargoes.find((m) => m.file === 'content/subject.eml')!.reason).toContain('2024-11-18');
  });

  it('an embargo at a time in another zone lifts on that instant’s day where the editions are made, never earlier than the day it states', () => {
    const files = {
      // 22:00 in New York on the 8th is 03:00 in London on the 9th.
      'et.eml': release('Food bank parcels up 23%', 'Mon, 8 Dec 2026 14:00:00 +0000', `EMBARGOED UNTIL 22:00 ET MONDAY 8 DECEMBER 2026\n\n${text}`),
      // 00:01 in London on the 9th is the evening of the 8th in New York: a morning edition of the 8th would still break it.
      'gmt.eml': release('Food bank parcels up 23%', 'Mon, 8 Dec 2026 09:00:00 +0000', `EMBARGOED UNTIL 00:01 GMT TUESDAY 9 DECEMBER 2026\n\n${text}`),
      // 9pm Eastern Standard Time, written with its own zone.
      'est.eml': release('Food bank parcels up 23%', 'Mon, 8 Dec 2026 14:00:00 +0000', `Embargoed until 9pm EST, December 8, 2026\n\n${text}`),
    };
    const dates = (timezone: string) => Object.fromEntries(ingest(files, { timezone }).articles.map((a) => [a.id, a.date]));
    expect(dates('Europe/London')).toEqual({ et: '2026-12-09', gmt: '2026-12-09', est: '2026-12-09' });
    expect(dates('America/New_York')).toEqual({ et: '2026-12-08', gmt: '2026-12-09', est: '2026-12-08' });
    // "ET" is New York's clock, daylight saving included: 19:30 on 14 July is 23:30 UTC, still the 14th.
    const summer = ingest({ 'july.eml': release('Food bank parcels up 23%', 'Mon, 13 Jul 2026 14:00:00 +0000', `EMBARGOED UNTIL 19:30 ET TUESDAY 14 JULY 2026\n\n${text}`) }, { timezone: 'UTC' });
    expect(summer.articles[0]!.date).toBe('2026-07-14');
  });

  it('reads an embargo in another language: "Sperrfrist", "Embargo jusqu’au", with the zone a German or French release gives', () => {
    const { articles } = ingest(
      {
        'de.eml': release('Beispiel AG steigert Umsatz', 'Wed, 2 Dec 2026 09:00:00 +0100', `Pressemitteilung\n\nSperrfrist: 3. Dezember 2026, 10:00 Uhr MEZ\n\n${text}`),
        'late.eml': release('Beispiel AG steigert Umsatz', 'Wed, 2 Dec 2026 09:00:00 +0100', `Pressemitteilung\n\nSperrfrist: 3. Dezember 2026, 23:30 Uhr MEZ\n\n${text}`),
        'fr.eml': release('Rhône Énergie : résultats', 'Wed, 2 Dec 2026 09:00:00 +0100', `Embargo jusqu'au jeudi 3 décembre 2026 à 23h30 CET\n\n${text}`),
      },
      { timezone: 'Asia/Tokyo' },
    );
    const dates = Object.fromEntries(articles.map((a) => [a.id, a.date]));
    // In Tokyo 10:00 MEZ on the 3rd is 18:00 on the 3rd; 23:30 MEZ and 23h30 CET are 07:30 on the 4th.
    expect(dates).toEqual({ de: '2026-12-03', late: '2026-12-04', fr: '2026-12-04' });
  });

  it('titles the story without the labels a press office or a wire puts before a subject, unless nothing would be left', () => {
    const { articles } = ingest({
      'a.eml': release('PRESS RELEASE: Ferris & Lowe to close Dunmore bakery', 'Tue, 5 Nov 2024 09:00:00 +0000', text),
      'b.eml': release('URGENT: Strathmore Airlines enters administration', 'Thu, 21 Nov 2024 11:58:00 +0000', text),
      'c.eml': release('Fwd: Media release | Council approves budget', 'Thu, 21 Nov 2024 11:58:00 +0000', text),
      'd.eml': release('Statement: council leader', 'Thu, 21 Nov 2024 11:58:00 +0000', text),
      'e.eml': release('Correction: bridge closure dates', 'Thu, 21 Nov 2024 11:58:00 +0000', text),
    });
    expect(articles.map((a) => a.title)).toEqual([
      'Ferris & Lowe to close Dunmore bakery',
      'Strathmore Airlines enters administration',
      'Council approves budget',
      'council leader',
      // A correction is news about the story: its label stays.
      'Correction: bridge closure dates',
    ]);
  });

  it('names a writer’s newsletter ("Hannah Ross from The Millbrook Bugle") by writer and publication; an organisation’s name stays whole', () => {
    const mail = (from: string) => crlf(`From: ${from}`, 'Subject: Flood wall approved', 'Content-Type: text/plain', '', text);
    const { articles } = ingest({ 'a.eml': mail('Hannah Ross from The Millbrook Bugle <millbrookbugle@substack.example>'), 'b.eml': mail('"Kestrel Bay Chamber of Commerce" <news@kestrelbay.example>') });
    expect(articles.map((a) => [a.author, a.publisher])).toEqual([
      ['Hannah Ross', 'The Millbrook Bugle'],
      [null, 'Kestrel Bay Chamber of Commerce'],
    ]);
  });

  it('links a blog platform’s post to its page, the link its headline (the subject) carries; a link of other words is no web copy', () => {
    const body = (headline: string) => `<html><body><a href="https://bugle.example/p/flood-wall?r=app">READ IN APP</a><h1><a href="https://bugle.example/p/flood-wall">${headline}</a></h1><p>${text}</p></body></html>`;
    const mail = (headline: string) => crlf('From: Hannah Ross from The Millbrook Bugle <millbrookbugle@substack.example>', 'Subject: Flood wall approved', 'Content-Type: text/html', '', body(headline));
    const { articles } = ingest({ 'a.eml': mail('Flood wall approved'), 'b.eml': mail('Flood wall plans go to the council') });
    expect(articles.map((a) => a.url)).toEqual(['https://bugle.example/p/flood-wall', null]);
  });

  it('reads a reply as the sender’s own text: not the message it quotes under "-----Original Message-----"', () => {
    const mail = crlf(
      'From: Port Authority Media <media@port.example>',
      'Subject: RE: Berth 4',
      'Date: Wed, 6 May 2026 12:00:00 +0000',
      'Content-Type: text/plain',
      '',
      'Berth 4 will reopen to container ships on Friday after dredging, the port authority said.',
      '',
      '-----Original Message-----',
      'From: Desk <desk@newsroom.example>',
      'Sent: Tuesday, May 5, 2026 1:14 AM',
      'Subject: Berth 4',
      '',
      'Can you tell us when berth 4 reopens?',
    );
    const { articles } = ingest({ 'reply.eml': mail });
    expect(articles[0]).toMatchObject({ title: 'Berth 4', date: '2026-05-06', publisher: 'Port Authority Media' });
    expect(articles[0]!.raw.trim()).toBe('Berth 4 will reopen to container ships on Friday after dredging, the port authority said.');
  });
});

describe('a plain-text letter around the news', () => {
  const statement = [
    'Crews from Hollinsford Fire and Rescue Service were called at 2.14am on Tuesday to a fire at a warehouse on the Brightwell Road estate.',
    '',
    'Eight fire engines attended at the height of the incident, with around 45 firefighters tackling the blaze.',
  ].join('\n');

  it('loses its greeting, cover note, sign-off, signature, disclaimer and the message it replies to', () => {
    const letter = [
      'Hi Sarah,',
      '',
      'Thanks for your patience – please see our updated statement below, which you’re welcome to use in full.',
      '',
      statement,
      '',
      'Kind regards,',
      'Jordan',
      '',
      'Jordan Pryce',
      'Media and Communications Officer',
      'T: 01632 960772',
      '',
      'This email and any attachments are confidential. If you are not the intended recipient, please delete it.',
      '',
      'On Wed, 20 Nov 2024 at 09:18, Sarah Kemp <sarah@herald.example> wrote:',
      '> Hi Jordan,',
      '>',
      '> Are you able to confirm how many appliances attended?',
    ].join('\n');
    expect(letterBody(letter).trim()).toBe(statement);
  });

  it('loses a quoted reply under its attribution, with or without a sign-off', () => {
    const reply = `${statement}\n\nOn Wed, 20 Nov 2024 at 09:18, Sarah Kemp <sarah@herald.example> wrote:\n> Are you able to confirm how many appliances attended?\n>\n> Sarah\n`;
    expect(letterBody(reply).trim()).toBe(statement);
  });

  it('ends at the signature separator ("-- ")', () => {
    expect(letterBody(`${statement}\n\n-- \nJordan Pryce\nHollinsford Fire and Rescue Service\n`).trim()).toBe(statement);
  });

  it('keeps what only looks like a letter’s parts', () => {
    const news = [
      'Hello Kitty maker Sanrio posts record profit',
      '',
      'Sanrio said profit rose 40% as overseas licensing grew.',
      '',
      'Regards,',
      'the company said, were sent to every shareholder with the report, which ran to 112 pages and set out the plan for the next five years in detail, with forecasts for each of its eleven markets, its licensing partners and its theme parks in Japan, China and the United States, and a section on the risks it sees from currency moves, from the cost of paper and from the health of the toy retailers it sells through, in every region, over each of the next five years, and from its own ability to find new characters that sell as well as its old ones have for the past fifty years, and how it means to answer each of those risks in turn.',
      '',
      'He wrote: the vote is close.',
      '> not a quoted reply',
      '',
      'On Monday the mayor wrote:',
      'the budget will be balanced.',
    ].join('\n');
    expect(letterBody(news)).toBe(news);
  });
});

describe('mailboxes (.mbox)', () => {
  const message = (subject: string, body: string, id: string) =>
    [`From: Northhaven Council <press@northhaven.example>`, `Subject: ${subject}`, 'Date: Tue, 3 Mar 2026 09:00:00 +0000', `Message-ID: <${id}@northhaven.example>`, 'Content-Type: text/plain; charset=utf-8', '', body, ''].join('\n');
  const mailbox = [
    'From press@northhaven.example Tue Mar  3 09:00:00 2026',
    message('Library opens', 'The new central library opened on Tuesday after three years of building work.', 'a1'),
    'From MAILER-DAEMON Tue Mar  3 10:00:00 2026',
    'This is not a message at all, only a stray line a broken export left.',
    '',
    'From press@northhaven.example Wed Mar  4 09:00:00 2026',
    message('Bridge closes', 'The Old Mill bridge closes for repairs on Monday.\n>From the council’s point of view, the work cannot wait.', 'a3'),
  ].join('\n');

  it('reads each message as an article, ids by place, a broken one a warning naming its line, ">From " given back', () => {
    const { articles, messages } = ingest({ 'press/2026.mbox': mailbox });
    expect(articles.map((a) => [a.id, a.title, a.origin.recordId, a.origin.line])).toEqual([
      ['press/2026#1', 'Library opens', 'a1@northhaven.example', 8],
      ['press/2026#3', 'Bridge closes', 'a3@northhaven.example', 20],
    ]);
    expect(articles[1]!.raw).toContain('\nFrom the council’s point of view');
    const warned = messages.filter((m) => m.severity === 'warning').map((m) => [m.ruleId, m.file, m.line]);
    expect(warned).toEqual([['ingest/unreadable', 'content/press/2026.mbox', 10]]);
  });

  it('a file without one envelope line is not a mailbox: a warning, and the others are read', () => {
    const { articles, messages } = ingest({ 'notes.mbox': 'Just notes.\n', 'ok.txt': 'The council met on Tuesday.\n' });
    expect(articles.map((a) => a.id)).toEqual(['ok']);
    expect(messages.find((m) => m.file === 'content/notes.mbox')).toMatchObject({ ruleId: 'ingest/unreadable', severity: 'warning' });
  });
});
