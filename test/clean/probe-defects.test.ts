import { describe, expect, it } from 'vitest';
import { article, clean } from './helpers.ts';

/** Cleans one plain-text article alone (as `extract FILE` does) and returns what stayed and what went. */
function cleanText(raw: string, format: 'txt' | 'md' = 'txt') {
  const { cleaned } = clean([article(raw, { format })]);
  const result = cleaned[0]!;
  return { kept: result.paragraphs.map((p) => p.text), removed: result.removed.map((r) => r.text) };
}

const paragraphs = (...texts: string[]) => texts.join('\n\n');

describe('news about subscriptions, newsletters, sign-ups and advertising keeps its text', () => {
  const results = [
    'Harbourline Media gained 412,000 digital subscribers in the six months to June, lifting its total past 3 million for the first time.',
    'The publisher said newsletter sign-ups doubled after it added local editions in Leeds and Cardiff, and that advertising revenue fell 4%.',
    'Its shares closed 2.3% higher in London.',
    'Finance director Omar Castellanos said the group expected slower growth in the second half as price rises took effect.',
  ];

  it('keeps a business story whose topic is furniture vocabulary', () => {
    const story = [...results, 'Analysts at Brightwater Securities raised their target price to 310p.', 'The results were published on Tuesday morning.'];
    const { kept, removed } = cleanText(paragraphs(...story));
    expect(removed).toEqual([]);
    expect(kept).toEqual(story);
  });

  it('still removes a sign-up box and a subscription pitch beside such a story', () => {
    const story = results;
    const pitch = 'Get our business newsletter every weekday morning. Sign up now, it is free and you can unsubscribe at any time.';
    const offer = 'Subscribe today for unlimited access to our journalism from just £2 a month.';
    const { kept, removed } = cleanText(paragraphs(story[0]!, story[1]!, pitch, story[2]!, story[3]!, offer));
    expect(kept).toEqual(story);
    expect(removed).toEqual([pitch, offer]);
  });
});

describe("a story's own topic is no pitch", () => {
  const paywall = [
    'The Northern Sentinel will stop giving its journalism away from March, its editor said on Monday, ending nine years of free access to its website.',
    'Editor Graham Pike said a 34 per cent fall in digital advertising revenue since 2022 had forced the decision.',
    'The Sentinel has about 21,000 digital subscribers under its current metered model, which allows ten free articles a month.',
    'Media analyst Fiona Brett said hard paywalls had worked for national titles with loyal subscribers but were riskier for regional ones.',
  ];
  const terms =
    'The paper, which has been free to read online since 2009, will charge £6.99 a month for digital access, or £59 a year. Print subscribers will get online access at no extra cost. Readers will be able to read three articles a month for free if they register with an email address.';

  it('keeps an unattributed paragraph about subscriptions ending a story about subscriptions', () => {
    // (Its sentences may come apart as two paragraphs: the end of a paragraph is where glued furniture is looked for.)
    const { kept, removed } = cleanText(paragraphs(...paywall, terms));
    expect(removed).toEqual([]);
    expect(kept.join(' ')).toEqual([...paywall, terms].join(' '));
  });

  it('still removes the same words after a story about something else, and a pitch to the reader after this one', () => {
    const bell = [
      'Divers have recovered a bronze bell from a steamship that sank off Anglesey in 1887, the Maritime Trust said on Friday.',
      'The bell, engraved with the ship’s name, will go on display at the museum in Holyhead next spring.',
      'The SS Clarion sank in a storm with the loss of 23 lives, and its wreck was found by amateur divers in 2019.',
      'Conservators spent eight months removing the corrosion that had built up over more than a century underwater.',
    ];
    const offer = terms.slice(terms.indexOf('Print subscribers'));
    expect(cleanText(paragraphs(...bell, terms)).removed.join(' ')).toContain(offer);
    for (const pitch of ['Subscribers get every article for £6.99 a month. Sign up now for free access to three articles a month.', 'You can read three articles a month for free, and subscribers get every article for £6.99 a month.']) {
      expect(cleanText(paragraphs(...paywall, pitch)).removed, pitch).toEqual([pitch]);
    }
  });
});

describe('ad-slot and widget placeholders', () => {
  const story = [
    'Divers have recovered a bronze bell from a steamship that sank off Anglesey in 1887, the Maritime Trust said on Friday.',
    'The bell, engraved with the ship’s name, was found in 30 metres of water by a volunteer team from Holyhead.',
    'It will be cleaned and put on display at the town’s museum next spring.',
    'Records show 23 passengers and crew were rescued by a passing fishing boat.',
    'The trust said further dives were planned for August.',
  ];

  it('removes the lines a scraper keeps where an ad, a player or a widget sat', () => {
    const placeholders = ['Listen to this story', '4 minute read', 'Story continues below advertisement', 'Advertisements', 'Scroll down to keep reading', 'Remove ads', 'Reading time: 6 minutes', 'Loading…'];
    const raw = paragraphs(
      placeholders[0]!,
      placeholders[1]!,
      story[0]!,
      placeholders[2]!,
      story[1]!,
      placeholders[3]!,
      story[2]!,
      placeholders[4]!,
      story[3]!,
      placeholders[5]!,
      placeholders[6]!,
      story[4]!,
      placeholders[7]!,
    );
    const { kept, removed } = cleanText(raw);
    expect(kept).toEqual(story);
    expect(removed).toEqual(placeholders);
  });

  it('does not take the short line after a placeholder: it is the article going on', () => {
    const raw = [story[0], story[1], 'Page continues after the advert', 'What the divers found', story[2], story[3]].join('\n');
    const { kept, removed } = cleanText(raw);
    expect(removed).toEqual(['Page continues after the advert']);
    expect(kept).toContain('What the divers found');
  });
});

describe('inline links to other stories', () => {
  it('removes "Also read", "Watch", "More" and "Must read" lines between the paragraphs, with any separator', () => {
    const story = [
      'Lisbon’s transport authority will add 40 electric buses to its fleet by December, the city’s mayor announced on Wednesday.',
      'The buses will replace diesel vehicles on the routes with the worst air quality, including the riverside line to Belém.',
      'Drivers’ unions said they welcomed the investment but wanted more charging points at the depots.',
      'The scheme is paid for with €28 million of European recovery funds.',
    ];
    const links = ['Also see: How other capitals electrified their fleets', 'WATCH | The first bus leaves the depot', 'More — Ferry fares to rise in the autumn', 'Must Read: A guide to the new ticket zones'];
    const raw = paragraphs(story[0]!, links[0]!, story[1]!, links[1]!, story[2]!, links[2]!, story[3]!, links[3]!);
    const { kept, removed } = cleanText(raw);
    expect(kept).toEqual(story);
    expect(removed).toEqual(links);
  });

  it('keeps sentences that merely start with those words', () => {
    const story = [
      'More than 300 people attended the meeting in the town hall on Thursday evening, organisers said.',
      'Watch officers will be posted at the harbour entrance from next week, the coastguard said.',
      'Also on the agenda was a plan to widen the footpath along the seafront.',
      'Read together, the two reports suggest the council underestimated the cost.',
    ];
    const { kept } = cleanText(paragraphs(...story));
    expect(kept).toEqual(story);
  });
});

describe('a comments section in plain text', () => {
  const story = [
    'The owners of the Clifton lido have applied to extend its opening hours into the winter months, after a record summer.',
    'The application asks for the pool to open from 6am on weekdays between October and March, with heated water.',
    'Neighbours have until 14 November to comment on the plans, which go before the planning committee in December.',
  ];

  it('removes the heading, the thread and the comment form after the story', () => {
    const thread = [
      '7 Responses',
      'Marguerite Olowe',
      '12 October 2025 at 07:41',
      'Lovely idea but who is paying for the heating in January?',
      'Log in to reply',
      'Pete Sandoval',
      '3 hours ago',
      'Swam there every morning this summer. Best thing in the city.',
      'Log in to reply',
      'Post a comment',
      'Required fields are marked *',
    ];
    const { kept, removed } = cleanText([...story, ...thread].join('\n'));
    expect(kept).toEqual(story);
    expect(removed).toEqual(thread);
  });

  it('a comment count above the story opens no section, and a heading with no thread after it takes only itself', () => {
    const top = ['12 comments', ...story, 'Comments', 'The lido’s trustees said they would publish their accounts in the spring, as the council had asked.'];
    const { kept, removed } = cleanText(top.join('\n'));
    expect(removed).toEqual(['12 comments', 'Comments']);
    expect(kept).toEqual([...story, top[5]]);
  });
});

describe('a banner glued to the first or last sentence without ". " and a capital between', () => {
  const rest = [
    'The ferry between Oban and Craignure will run a reduced timetable for a fortnight while one of its two vessels is repaired.',
    'CalMac said passengers with bookings would be moved to the remaining sailings where possible.',
    'The repairs are expected to cost about £400,000.',
  ];
  const firstOf = (raw: string) => cleanText(raw);

  it('the article starts with a figure', () => {
    const lede = '12 sailings a day will be cut to 7 from Monday, the operator said on Thursday evening.';
    const { kept, removed } = firstOf(paragraphs(`Keep island news free for everyone. Donate today ${lede}`, ...rest));
    expect(kept).toEqual([lede, ...rest]);
    expect(removed).toEqual(['Keep island news free for everyone. Donate today']);
  });

  it('the article starts with a name written lower-case first', () => {
    const lede = 'iFerry, the booking app used by most passengers, crashed for three hours on Thursday as travellers rushed to rebook.';
    const { kept } = firstOf(paragraphs(`Keep island news free for everyone. Support us today ${lede}`, ...rest));
    expect(kept[0]).toBe(lede);
  });

  it('keeps an ordinary lower-case word on the call', () => {
    const { removed } = firstOf(paragraphs(`Donate now to keep island news free for everyone and independent. ${rest[0]}`, ...rest.slice(1), 'The council meets on Friday to discuss the timetable.'));
    expect(removed).toEqual(['Donate now to keep island news free for everyone and independent.']);
  });

  it('the call sits between dashes', () => {
    const lede = 'Seven sailings a day will be cut from Monday, the operator said on Thursday evening.';
    const { kept, removed } = firstOf(paragraphs(`Island journalism needs you — become a supporter today — ${lede}`, ...rest));
    expect(kept).toEqual([lede, ...rest]);
    expect(removed).toEqual(['Island journalism needs you — become a supporter today —']);
  });

  it('no space after the full stop, at the start or at the end', () => {
    const lede = 'OBAN, May 3 (Agency) - Seven sailings a day will be cut from Monday, the operator said on Thursday evening.';
    const start = firstOf(paragraphs(`Get our island bulletin free every morning. Subscribe now.${lede}`, ...rest));
    expect(start.kept).toEqual([lede, ...rest]);
    const last = 'Islanders said the cuts came at the worst time, in the first week of the tourist season.';
    const end = firstOf(paragraphs(...rest, `${last}Sign up to our free island bulletin for the latest news every morning.`));
    expect(end.kept).toEqual([...rest, last]);
    expect(end.removed).toEqual(['Sign up to our free island bulletin for the latest news every morning.']);
  });
});

describe('interviews and caption labels', () => {
  it('reads Q: and A: turns as the interview, not the outlet talking to the reader', () => {
    const interview = [
      'Tomasz Brennan has run the Harbour Street food bank since 2016. Last winter it fed 900 families a week. We spoke to him before the holidays.',
      'Q: Where does the food come from?',
      'A: Supermarkets, mostly, and churches. About 150 people make a regular donation of a few pounds a month, which pays the van.',
      'Q: What do you need most right now?',
      'A: Volunteers. Sign up for one shift, join us on a Saturday, and you will see why people stay.',
      'Q: Has demand changed?',
      'A: It has doubled in three years.',
    ];
    const { kept, removed } = cleanText(paragraphs(...interview));
    expect(removed).toEqual([]);
    expect(kept).toEqual(interview);
  });

  it('removes "Image source, …" and "Media caption, …" labels', () => {
    const story = [
      'A landslide has closed the coastal railway between Dawlish and Teignmouth for at least a week, Network Rail said.',
      'Engineers are inspecting the cliff above the line, where about 500 tonnes of rock fell overnight.',
      'Buses will replace trains between Exeter and Newton Abbot until further notice.',
    ];
    const credits = ['Image source, Shutterstock', 'Media caption, Drone footage shows the scale of the landslide'];
    const { kept, removed } = cleanText(paragraphs(credits[0]!, story[0]!, credits[1]!, story[1]!, story[2]!));
    expect(kept).toEqual(story);
    expect(removed).toEqual(credits);
  });
});

describe('press releases: the release line, the end mark, the contacts and the boilerplate about the issuer go', () => {
  const story = [
    'Eastbrook Water today announced a £120 million programme to upgrade the Kessing reservoir, which supplies 400,000 homes.',
    'The work, due to begin in September, will replace the spillway and add a second treatment line, raising capacity by 15 per cent.',
    '“This is the biggest investment in our network for a generation,” said chief executive Ruth Okafor.',
    'The regulator approved the plan last month after a consultation that drew 2,300 responses.',
  ];
  const boilerplate = 'Eastbrook Water is a regulated utility serving 1.2 million customers across the region. For more information, visit eastbrook.example.';

  it('takes the furniture of a plain-text release and keeps its lede', () => {
    const furniture = ['FOR IMMEDIATE RELEASE', 'About Eastbrook Water', boilerplate, 'Media contact:', 'press@eastbrook.example', '+44 20 7946 0000', '###'];
    const raw = paragraphs(furniture[0]!, ...story, furniture[1]!, furniture[2]!, furniture[3]!, furniture[4]!, furniture[5]!, furniture[6]!);
    const { kept, removed } = cleanText(raw);
    expect(kept).toEqual(story);
    expect(removed).toEqual(furniture);
  });

  it('keeps the lede under the release line when the issuer is the stated publisher (its name is then the outlet’s)', () => {
    const { cleaned } = clean([article(paragraphs('FOR IMMEDIATE RELEASE', ...story), { publisher: 'Eastbrook Water' })]);
    expect(cleaned[0]!.paragraphs.map((p) => p.text)).toEqual(story);
  });

  it('"About …" over a section that is not the named issuer’s description is not boilerplate', () => {
    const next = 'Residents said the works would close the lakeside path for two summers.';
    const { kept } = cleanText(paragraphs(...story, 'About Town', next));
    expect(kept).toContain(next);
  });

  it('a header line of the label with its date, time or reference goes; a sentence that starts with a label word stays', () => {
    for (const header of ['PRESS RELEASE | Ref: PR-2024-117 | 6 November 2024', 'News release · For immediate release: Tuesday 12 November 2024', 'MEDIA RELEASE – 25 November 2024 – for immediate use']) {
      const { cleaned } = clean([article(paragraphs(header, ...story))]);
      expect(cleaned[0]!.paragraphs.map((p) => p.text)).toEqual(story);
      // Removed as the release's label, not taken for the article's title.
      expect(cleaned[0]!.removed.map((r) => [r.ruleId, r.text])).toEqual([['clean/notice', header]]);
      expect(cleaned[0]!.title).not.toBe(header);
    }
    const sentences = ['Official figures show reservoir levels at 61 per cent – 4 November 2024 readings.', 'Statement – the company said it had no further comment.'];
    expect(cleanText(paragraphs(sentences[0]!, ...story, sentences[1]!)).kept).toEqual([sentences[0], ...story, sentences[1]]);
  });

  it('a protective marking and an "Issued:" time stamp on lines of their own go', () => {
    const { cleaned } = clean([article(paragraphs('OFFICIAL', 'Issued: Friday 22 November 2024, 17:45', ...story))]);
    expect(cleaned[0]!.paragraphs.map((p) => p.text)).toEqual(story);
    expect(cleaned[0]!.removed.map((r) => [r.ruleId, r.text])).toEqual([
      ['clean/notice', 'OFFICIAL'],
      ['clean/credit', 'Issued: Friday 22 November 2024, 17:45'],
    ]);
    expect(cleaned[0]!.title).toBeNull();
  });

  it('everything after the end mark goes: the sender’s signature and its legal footer too', () => {
    const after = [
      'Ruth Okafor',
      'Head of Communications',
      'Eastbrook Water Ltd | Kessing Lane, Eastbrook EB4 2QQ',
      'Eastbrook Water Ltd. Registered in England and Wales no. 00123456. Registered office: Kessing Lane, Eastbrook.',
      'Please consider the environment before printing this e-mail.',
    ];
    const { kept, removed } = cleanText(paragraphs(...story, 'ENDS', ...after));
    expect(kept).toEqual(story);
    expect(removed).toEqual(['ENDS', ...after]);
    // An end mark before the release's text (a stray "###" under the title) ends nothing.
    const early = cleanText(paragraphs('###', ...story));
    expect(early.kept).toEqual(story);
  });

  it('a word about the message’s attachments goes; attachments of the news’s own stay', () => {
    const note = 'An appeal poster is attached and can be shared on social media.';
    const own = 'Conditions are attached to the grant, and the regulator can claw it back if the work slips.';
    const { kept, removed } = cleanText(paragraphs(...story, own, note));
    expect(kept).toEqual([...story, own]);
    expect(removed).toEqual([note]);
  });

  it('a wire alert’s metadata line goes; a sentence with a colon stays', () => {
    const meta = 'Alert ID: MW-20241121-1158-0042 Priority: 2 Category: BUS/TRN';
    const sentence = 'Capacity: 15 per cent more water once the second line opens, the company said.';
    const { kept, removed } = cleanText(paragraphs(...story, meta, sentence));
    expect(kept).toEqual([...story, sentence]);
    expect(removed).toEqual([meta]);
  });

  it('an e-mail footer’s registration notice and print plea go without an end mark', () => {
    const footer = ['Eastbrook Water Ltd. Registered in England and Wales no. 00123456.', 'Please consider the environment before printing this e-mail.'];
    const { kept, removed } = cleanText(paragraphs(...story, ...footer));
    expect(kept).toEqual(story);
    expect(removed).toEqual(footer);
  });

  it('an embargo line and "Notes to editors" with what follows them go', () => {
    const notes = ['Notes to editors', 'The programme is part of the 2025–2030 business plan agreed with the regulator.'];
    const { kept, removed } = cleanText(paragraphs('Embargoed until 00:01 GMT, Thursday 5 March', ...story, ...notes));
    expect(kept).toEqual(story);
    expect(removed).toEqual(['Embargoed until 00:01 GMT, Thursday 5 March', ...notes]);
  });
});

describe("an institution's release: its issuer's label line, its contacts list and its public enquiries line", () => {
  const story = [
    'The European Commission has approved a €2 billion Italian scheme to support the production of electricity from offshore wind.',
    'The scheme will be open to projects with a total capacity of up to 3.8 gigawatts, with aid paid over 20 years.',
    'The Commission found that the scheme is necessary and appropriate to promote renewable electricity.',
  ];
  const headline = 'Commission approves €2 billion Italian scheme to support renewable energy';

  it('the label line naming the issuer goes, is not the title, and names the publisher', () => {
    const { cleaned } = clean([article(paragraphs('European Commission - Press release', headline, ...story))]);
    expect(cleaned[0]!.paragraphs.map((p) => p.text)).toEqual(story);
    expect(cleaned[0]!.title).toBe(headline);
    expect(cleaned[0]!.publisher).toBe('European Commission');
    // A sentence with a dash before the words "press release" is no label.
    const sentence = 'The ministry disputed the figures – in a statement, not a press release.';
    expect(cleanText(paragraphs(...story, sentence)).kept).toContain(sentence);
  });

  it('the issuer named on the line over the label goes too, names the publisher, and the headline under them is the title', () => {
    const { cleaned } = clean([article(['Council of the EU', 'Press release', '18 November 2026 10:45', headline, ...story].join('\n'))]);
    expect(cleaned[0]!.title).toBe(headline);
    expect(cleaned[0]!.publisher).toBe('Council of the EU');
    expect(cleaned[0]!.paragraphs.map((p) => p.text)).toEqual(story);
    // A headline over the label is no issuer's name.
    const over = clean([article(['Commission approves Italian wind scheme', 'FOR IMMEDIATE RELEASE', ...story].join('\n'))]).cleaned[0]!;
    expect(over.publisher).toBeNull();
    expect(over.title).toBe('Commission approves Italian wind scheme');
  });

  it('names with their numbers in brackets under the contacts label, and the public enquiries line, go', () => {
    const contacts = ['Press contacts:', 'Arianna Podestà (+32 2 298 70 24)\nLea Zuber (+32 2 295 62 98)', 'General public inquiries: Europe Direct by phone 00 800 67 89 10 11 or by email'];
    const { kept, removed } = cleanText(paragraphs(...story, ...contacts));
    expect(kept).toEqual(story);
    expect(removed.join('\n')).toContain('Lea Zuber');
    // Without the label over it too.
    expect(cleanText(paragraphs(...story, 'Lea Zuber (+32 2 295 62 98)')).kept).toEqual(story);
    // Years in brackets after words are no telephone number.
    const figure = 'Homes built in Leeds (2023 2024)';
    expect(cleanText(paragraphs(...story, figure)).kept).toContain(figure);
  });
});

describe("a newswire's release and a congressional one", () => {
  const lead = 'Maple Grid Energy Inc. (TSX: MGE) today announced plans to build a 300-megawatt battery storage project near Sarnia, Ontario.';
  const story = ['The project, expected to cost C$450 million, will store power from wind farms in the region, the company said.', 'Construction is scheduled to begin in the spring of 2025, with commercial operation targeted for late 2026.'];

  it('its issuer, named in its source tag, is the publisher; the service that distributed it is not', () => {
    const raw = paragraphs(`TORONTO, Nov. 18, 2024 (GLOBE NEWSWIRE) -- ${lead}`, ...story, 'SOURCE: Maple Grid Energy Inc.');
    expect(clean([article(raw)]).cleaned[0]!.publisher).toBe('Maple Grid Energy Inc.');
    // A news agency's dateline still names the outlet.
    expect(clean([article(paragraphs(`TORONTO, Nov. 18 (Reuters) - ${lead}`, ...story))]).cleaned[0]!.publisher).toBe('Reuters');
  });

  it("an earnings release's conference-call section goes", () => {
    const call = ['Conference Call', 'Maple Grid Energy will host a conference call at 5:00 p.m. ET today. The call can be accessed at investors.maplegrid.example.'];
    expect(cleanText(paragraphs(lead, ...story, ...call)).kept).toEqual([lead, ...story]);
  });

  it('a contact line with a name and a number under the release line is no title', () => {
    const headline = 'Congresswoman Rivera Introduces Bill to Expand Rural Broadband';
    const { cleaned } = clean([article(paragraphs('FOR IMMEDIATE RELEASE', 'November 18, 2024', 'Contact: Jane Doe (202) 225-1234', headline, lead, ...story))]);
    expect(cleaned[0]!.title).toBe(headline);
    expect(cleaned[0]!.paragraphs.map((p) => p.text)).toEqual([lead, ...story]);
  });
});

describe("a government speech's page header as its text keeps it", () => {
  const speech = [
    'My Lord Mayor, Governor, Ladies and Gentlemen, thank you for inviting me to speak tonight.',
    'Growth is the number one mission of this government, and tonight I want to set out how we will unlock investment.',
    'We will create megafunds by consolidating the 86 local government pension schemes into pools of at least 25 billion pounds each.',
  ];

  it('the department it is from and its delivery stamp go, and the stamp dates it', () => {
    const header = ['From: HM Treasury and The Rt Hon Rachel Reeves MP', 'Delivered on: 14 November 2024 (Original script, may differ from delivered version)'];
    const { cleaned } = clean([article(paragraphs(...header, ...speech))]);
    expect(cleaned[0]!.paragraphs.map((p) => p.text)).toEqual(speech);
    expect(cleaned[0]!.date).toBe('2024-11-14');
    // The department is the publisher; a department's name with "and" in it stays whole, and a line naming only a minister names none.
    expect(cleaned[0]!.publisher).toBe('HM Treasury');
    const joint = clean([article(paragraphs('From: Department for Energy Security and Net Zero, Ofgem and The Rt Hon Ed Miliband MP', ...speech))]).cleaned[0]!;
    expect(joint.publisher).toBe('Department for Energy Security and Net Zero');
    expect(clean([article(paragraphs('From: The Rt Hon Rachel Reeves MP', ...speech))]).cleaned[0]!.publisher).toBeNull();
    expect(clean([article(paragraphs('From: Cabinet Office and Pat McFadden MP', ...speech))]).cleaned[0]!.publisher).toBe('Cabinet Office');
    expect(clean([article(paragraphs('From: Cabinet Office and Baroness Smith of Basildon', ...speech))]).cleaned[0]!.publisher).toBe('Cabinet Office');
    // Sentences that start the same way stay.
    const sentences = ['Delivered on time and on budget, the new bridge opened to traffic on Tuesday morning.', 'From: the archive, a letter the minister wrote in 1998 shows the scheme was planned long ago.'];
    expect(cleanText(paragraphs(...speech, ...sentences)).kept).toEqual([...speech, ...sentences]);
  });
});

describe("a public body's page notices as its text keeps them", () => {
  const story = [
    "At its meeting ending on 6 November 2024, the Monetary Policy Committee voted by a majority of 8–1 to reduce Bank Rate to 4.75%.",
    'Twelve-month CPI inflation fell to 1.7% in September, below the 2% target, and is expected to rise to around 2.5% by the end of the year.',
    'The committee said a gradual approach to removing policy restraint remained appropriate.',
  ];

  it('its last-updated line, its feedback question with its answers, its problem link and its share-links note go', () => {
    const notices = ['This page was last updated 07 November 2024', 'Was this page useful?', 'Yes', 'No', 'Report a problem with this page', 'The following links open in a new tab'];
    const { kept, removed } = cleanText(paragraphs(...story, ...notices));
    expect(kept).toEqual(story);
    expect(removed).toEqual(notices);
    // Each notice alone, between the story's paragraphs (no label over it).
    for (const notice of ['This page was last updated 07 November 2024', 'Report a problem with this page', 'The following links open in a new tab']) {
      expect(cleanText(paragraphs(story[0]!, notice, story[1]!, story[2]!)).kept, notice).toEqual(story);
    }
    // Sentences that start the same way stay.
    const sentences = ['Was this the right decision? Economists were divided on Thursday.', 'Report a problem to the council by calling its helpline before Friday.'];
    expect(cleanText(paragraphs(...story, ...sentences)).kept).toEqual([...story, ...sentences]);
  });
});

describe("a parliamentary record's page furniture", () => {
  const exchange = [
    'What steps the Secretary of State is taking to improve the reliability of rail services in northern England.',
    'We have set up a new taskforce with the train operators and Network Rail to cut cancellations on the busiest northern routes by half within a year.',
    'The first timetable changes will come in from December, and I will report back to the House in the spring.',
  ];

  it('its "debated on" stamp goes and dates it; a clock time alone and its download link go', () => {
    const { cleaned } = clean([article(paragraphs('Volume 757: debated on Monday 18 November 2024', 'Download text', '3.32 pm', ...exchange))]);
    expect(cleaned[0]!.paragraphs.map((p) => p.text)).toEqual(exchange);
    expect(cleaned[0]!.date).toBe('2024-11-18');
    expect(cleanText(paragraphs(exchange[0]!, '17:42 BST', exchange[1]!, 'Download the full report (PDF, 1.2 MB)', exchange[2]!)).kept).toEqual(exchange);
    // Sentences that start the same way stay.
    const sentences = ['Debated on Monday, the bill passed its second reading by 320 votes to 180.', 'Download speeds in rural areas remain far below the national average, the regulator said.'];
    expect(cleanText(paragraphs(...exchange, ...sentences)).kept).toEqual([...exchange, ...sentences]);
  });

  it("the record's name under the debate's title goes and names the publisher; the title is the debate's, over its speakers' names", () => {
    const raw = ['Northern Rail Services', 'Hansard', 'Volume 757: debated on Monday 18 November 2024', 'Louise Haigh', 'The Secretary of State for Transport', ...exchange].join('\n');
    const result = clean([article(raw)]).cleaned[0]!;
    expect(result.title).toBe('Northern Rail Services');
    expect(result.publisher).toBe('Hansard');
    expect(result.paragraphs.map((p) => p.text)).toEqual(['Louise Haigh', 'The Secretary of State for Transport', ...exchange]);
  });
});

describe('a release is dated by its issue stamp, or by the day its embargo lifts', () => {
  const story = [
    'Northfield University researchers found that nitrate levels in the region’s rivers fell by a fifth between 2020 and 2023.',
    'The team sampled 42 sites each month and found the largest falls downstream of farms that planted buffer strips.',
    'The Environment Agency said it would use the findings in its next river basin management plan.',
  ];
  const dated = (raw: string, options: Parameters<typeof article>[1] = {}) => {
    const { cleaned, messages } = clean([article(raw, options)]);
    return { date: cleaned[0]!.date, dateSource: cleaned[0]!.dateSource, embargo: messages.filter((m) => m.ruleId === 'clean/embargo') };
  };

  it('an undated release is dated the day its "Issued:" stamp states', () => {
    expect(dated(paragraphs('Issued: Friday 22 November 2024, 17:45', ...story))).toMatchObject({ date: '2024-11-22', dateSource: 'date-line', embargo: [] });
  });

  it('under an embargo it is dated the day the embargo lifts, said as clean/embargo at the embargo line', () => {
    const result = dated(paragraphs('PRESS RELEASE', 'EMBARGOED UNTIL 00:01 GMT TUESDAY 26 NOVEMBER 2024', 'Issued: Friday 22 November 2024', ...story));
    expect(result).toMatchObject({ date: '2024-11-26', dateSource: 'date-line' });
    expect(result.embargo).toHaveLength(1);
    expect(result.embargo[0]!).toMatchObject({ line: 3, severity: 'info' });
    expect(result.embargo[0]!.reason).toContain('2024-11-22');
    // Without a year, the embargo's day is placed nearest the day the release was issued; with neither, nothing dates it.
    expect(dated(paragraphs('Embargoed until 00:01 GMT, Thursday 5 March', 'Issued: Monday 2 March 2026', ...story)).date).toBe('2026-03-05');
    expect(dated(paragraphs('EMBARGOED UNTIL 00:01 GMT TUESDAY 26 NOVEMBER 2024', ...story)).date).toBe('2024-11-26');
    expect(dated(paragraphs('Embargoed until 00:01 GMT, Thursday 5 March', ...story)).date).toBeNull();
    // At a time in another zone: the day it lifts where the editions are made (timezone), never earlier than the day it states.
    const zoned = paragraphs('EMBARGOED UNTIL 22:00 ET MONDAY 25 NOVEMBER 2024', 'Issued: Friday 22 November 2024', ...story);
    expect(clean([article(zoned)], { timezone: 'Europe/London' }).cleaned[0]!.date).toBe('2024-11-26');
    expect(clean([article(zoned)], { timezone: 'America/New_York' }).cleaned[0]!.date).toBe('2024-11-25');
  });

  it('an embargo that had lifted when it was issued changes nothing, nor does one on an article whose input gives its date', () => {
    expect(dated(paragraphs('Embargo: 00:01 Thursday 7 November', 'Issued: Friday 8 November 2024', ...story))).toMatchObject({ date: '2024-11-08', embargo: [] });
    expect(dated(paragraphs('EMBARGOED UNTIL 00:01 GMT TUESDAY 26 NOVEMBER 2024', ...story), { date: '2024-11-27', dateSource: 'front-matter' })).toMatchObject({ date: '2024-11-27', dateSource: 'front-matter', embargo: [] });
  });
});

describe('bylines, time stamps and the author’s biography in plain text', () => {
  const story = [
    'Ministers will publish plans on Thursday to cap rents for social housing at inflation plus one per cent, the housing secretary said.',
    'The cap would apply from April 2027 and cover 4 million homes in England, according to the department.',
    'Landlords warned that the cap would cut the money available for repairs.',
  ];

  it('removes them and keeps the byline’s name as the author', () => {
    const bio = 'Nadia Brennan is the Gazette’s political correspondent. She has covered Westminster since 2015.';
    const { cleaned } = clean([article(paragraphs('By Nadia Brennan, Political Correspondent', 'Updated 14:32 GMT, 5 March 2026', ...story, bio))]);
    expect(cleaned[0]!.paragraphs.map((p) => p.text)).toEqual(story);
    expect(cleaned[0]!.removed.map((r) => r.text)).toEqual(['By Nadia Brennan, Political Correspondent', 'Updated 14:32 GMT, 5 March 2026', bio]);
    expect(cleaned[0]!.author).toBe('Nadia Brennan');
    // A day after the name is not part of it.
    expect(clean([article(paragraphs('By Nadia Brennan Monday, 5 March 2026', ...story))]).cleaned[0]!.author).toBe('Nadia Brennan');
  });

  it('keeps sentences that start as a byline or a stamp would, and a closing paragraph about someone else', () => {
    const lines = [
      'By Sunday, most of the flood water had drained from the town centre.',
      'Updated figures released on Monday show 3,000 homes were affected.',
      ...story,
      'Ahmed Rossi is the council’s flood officer and has worked on the defences since 2019.',
    ];
    const { kept } = cleanText(paragraphs('By Nadia Brennan', ...lines));
    expect(kept).toEqual(lines);
  });
});

describe('a page whose paragraphs are separated by <br><br>, without <p>', () => {
  it('splits them there, so a sign-up pitch between two of them goes alone and the story after it stays', () => {
    const story = [
      'Engineers will begin rebuilding the harbour wall at Porthcawl next month after it was breached during Storm Bert, the county council said.',
      'The £4.2m scheme will replace 120 metres of the wall and raise it by half a metre to protect the promenade from higher tides.',
      'Council leader Dafydd Rees said the work should be finished before the summer season begins in May.',
      'Fishing boats will be moved to the inner basin while the work is under way.',
    ];
    const pitch = 'Sign up to our free newsletter to get the latest local news straight to your inbox every morning.';
    const page = `<!doctype html><html><head><title>Harbour wall to be rebuilt</title></head><body><div class="content"><h1>Harbour wall to be rebuilt</h1>
${story[0]}<br><br>
${story[1]}<br> <br>
${pitch}<br><br>
${story[2]}<br><br>${story[3]}
</div></body></html>`;
    const result = clean([article(page, { format: 'html', id: 'harbour' })]).cleaned[0]!;
    expect(result.paragraphs.map((p) => p.text)).toEqual(story);
    expect(result.removed.map((r) => r.text)).toContain(pitch);
  });
});

describe('second probe round: wire scrapes, bylines and scraped comments', () => {
  const story = [
    'A road bridge across the River Senn was closed on Tuesday morning after inspectors found a crack in its concrete deck, forcing commuters onto diversions.',
    'Kestrelford Borough Council said the crack was spotted during a scheduled check on Monday afternoon.',
    'The bridge was built in 1962 and carries roughly 14,000 vehicles on a normal weekday.',
    'A council spokesperson said there was no timetable yet for reopening.',
  ];

  it('a banner glued to a wire dateline is split off before the dateline, and the dateline’s agency becomes the publisher', () => {
    const banner = 'Support independent regional journalism. Every contribution, however big or small, helps keep our reporters in your community. Contribute today';
    const lede = `KESTRELFORD, June 10 (Senn Valley Press) - ${story[0]}`;
    const { cleaned } = clean([article(paragraphs(`${banner} ${lede}`, ...story.slice(1)))]);
    expect(cleaned[0]!.paragraphs.map((p) => p.text)).toEqual([lede, ...story.slice(1)]);
    expect(cleaned[0]!.publisher).toBe('Senn Valley Press');
  });

  it('a dateline inside a paragraph starts the story, whatever is glued before it', () => {
    const lede = `KESTRELFORD, June 10 (Senn Valley Press) - ${story[0]}`;
    const glued = 'Your support keeps our reporters in your community and every contribution you make counts';
    const { kept } = cleanText(paragraphs(`${glued} ${lede}`, ...story.slice(1)));
    expect(kept).toEqual([lede, ...story.slice(1)]);
  });

  it('the outlet on the line under a byline goes with it and is the publisher', () => {
    const { cleaned } = clean([article(paragraphs('By Hal Brennock', 'Senn Valley Press', ...story))]);
    expect(cleaned[0]!.paragraphs.map((p) => p.text)).toEqual(story);
    expect(cleaned[0]!).toMatchObject({ author: 'Hal Brennock', publisher: 'Senn Valley Press' });
  });

  it('a byline glued to the title line is split off; the title line is the title', () => {
    const { cleaned } = clean([article(paragraphs('Alder Street bridge closed after crack foundBy Leanne Fairweather, Local Democracy Reporter10 June 2025', ...story))]);
    expect(cleaned[0]!.title).toBe('Alder Street bridge closed after crack found');
    expect(cleaned[0]!.paragraphs.map((p) => p.text)).toEqual(story);
    expect(cleaned[0]!.author).toBe('Leanne Fairweather');
  });

  it('"Posted by … | date | comments", a syndication note and glued ad placeholders go; an undated article keeps the stamp’s date', () => {
    const furniture = ['Posted by Sports Desk | 12 June 2025 | 3 comments', 'Advertisement Continue reading below'];
    const note = 'This article was produced by a Local Democracy Reporter under a scheme funded by the BBC and used by news organisations across the country.';
    const { cleaned } = clean([article(paragraphs(furniture[0]!, story[0]!, furniture[1]!, ...story.slice(1), note))]);
    expect(cleaned[0]!.paragraphs.map((p) => p.text)).toEqual(story);
    expect(cleaned[0]!.date).toBe('2025-06-12');
    const sentence = 'This report was published on Tuesday by the audit office and found £2m of waste in the highways budget.';
    expect(cleanText(paragraphs(...story, sentence)).kept).toContain(sentence);
  });

  it('scraped comments written as "handle: text" go after a comments heading', () => {
    const comments = ['Comments (3)', 'TownTillIDie: About time. Brook Lane is falling apart.', 'Mike_K: How are people without cars supposed to get there?', 'Kestrel1928: Sad day but the right decision.'];
    const { kept, removed } = cleanText(paragraphs(...story, ...comments));
    expect(kept).toEqual(story);
    expect(removed).toEqual(comments);
  });

  it('keeps sentences that use credit and sign-up words to report: "Photographs by …", "Residents will be able to sign up …"', () => {
    const photos = 'Photographs by Pinnock’s granddaughter, Ruth Pinnock, who documented the decline of the herring fleet in the 1970s, fill the second gallery.';
    const signUp = 'Residents will be able to sign up for the new fortnightly email newsletter on the council website from July, and paper copies will be available in libraries for people who are not online.';
    const { kept } = cleanText(paragraphs(...story.slice(0, 2), photos, signUp, ...story.slice(2)));
    expect(kept).toContain(photos);
    expect(kept).toContain(signUp);
    expect(cleanText(paragraphs(...story, 'Photo by Jane Doe/Getty Images')).kept).toEqual(story);
  });

  it('a label of more news on a topic goes with its links', () => {
    const { kept } = cleanText(paragraphs(...story, '**More education news:** [Ofsted praises Hythe Lane Academy](/x) · [New sixth form block opens](/y)'), 'md');
    expect(kept).toEqual(story);
  });

  it('a page’s removed article meta gives the date and author it states', () => {
    const page = `<!doctype html><html><head><title>Bridge closed</title></head><body><article><h1>Bridge closed</h1>
<p class="meta">Published: 13 June 2025 | Words: Hester Quayle</p>
${story.map((p) => `<p>${p}</p>`).join('\n')}</article></body></html>`;
    const result = clean([article(page, { format: 'html', id: 'bridge' })]).cleaned[0]!;
    expect(result).toMatchObject({ date: '2025-06-13', dateSource: 'date-line', author: 'Hester Quayle' });
  });
});

describe('an old page laid out with a table', () => {
  const story = [
    'Motorists will pay more to park in Ostmere, Tillingham and Brackwater after district councillors voted to raise charges at all 23 council-run car parks.',
    'The full council meeting on Tuesday backed the proposal by 27 votes to 15. The all-day rate at the Quayside car park will go from £5.50 to £6.80.',
    'Council leader Sandra Pell said the district faced a £2.1 million gap in its budget and that every option had been looked at.',
    'The new charges come in on 1 August.',
  ];
  const page = `<html><head><title>OSTMERE ADVERTISER - News</title></head><body>
<table width="780" border="0"><tr><td colspan="2"><img src="/masthead.gif" alt="Ostmere Advertiser"></td></tr>
<tr><td width="160"><font size="2"><b>SECTIONS</b><br><a href="/">Front Page</a><br><a href="/news">News</a><br><a href="/sport">Sport</a><br><a href="/letters">Letters</a><br><a href="/archive">Archive</a></font></td>
<td width="620"><font size="5"><b>Parking fees going up across Ostmere district</b></font><br>
<font size="1">Tuesday, 10 June 2025 &middot; by Colin Marsh, Chief Reporter</font><br><br>
<font size="3">${story.join('<br><br>\n')}<br><br></font>
<font size="1">&copy; Ostmere Advertiser 2025. All rights reserved.</font></td></tr></table></body></html>`;

  it('reads its cells as the page’s blocks: the menu, the byline and the copyright line go, the story’s paragraphs stay', () => {
    const result = clean([article(page, { format: 'html', id: 'parking' })]).cleaned[0]!;
    expect(result.paragraphs.map((p) => p.text)).toEqual(['Parking fees going up across Ostmere district', ...story]);
    expect(result).toMatchObject({ author: 'Colin Marsh', date: '2025-06-10' });
  });

  it('takes the publisher from the copyright notice, and a <title> that is only that name is not the headline', () => {
    const result = clean([article(page, { format: 'html', id: 'parking' })]).cleaned[0]!;
    expect(result.publisher).toBe('Ostmere Advertiser');
    expect(result.title).toBeNull();
  });

  it('a menu kept as lines of one block goes', () => {
    const menu = '<div class="col">Front Page<br>News<br>Sport<br>Letters<br>Classifieds<br>Archive</div>';
    const page2 = `<html><body><div class="main"><h1>Parking fees going up</h1>${menu}${story.map((p) => `<p>${p}</p>`).join('')}</div></body></html>`;
    const result = clean([article(page2, { format: 'html', id: 'menu' })]).cleaned[0]!;
    expect(result.paragraphs.map((p) => p.text)).toEqual(story);
  });

  it('a table of data stays one table', () => {
    const results = '<table><tr><th>Party</th><th>Seats</th></tr><tr><td>Liberal</td><td>14</td></tr><tr><td>Green</td><td>9</td></tr></table>';
    const data = `<html><body><article><h1>Count</h1>${story.map((p) => `<p>${p}</p>`).join('')}${results}</article></body></html>`;
    const result = clean([article(data, { format: 'html', id: 'count' })]).cleaned[0]!;
    expect(result.paragraphs.filter((p) => p.type === 'table').map((p) => p.text)).toEqual(['Party | Seats\nLiberal | 14\nGreen | 9']);
  });
});

describe('third probe round: wire credits, taglines and stamps of US and agency copy', () => {
  const story = [
    'A ferry linking two islands off the coast of Maine was taken out of service on Wednesday after a small engine fire, the state transportation department said.',
    'Nobody was hurt, and the 40 passengers on board were taken ashore by a second boat.',
    'The department said the ferry would be inspected before it returns to service next week.',
  ];

  it('closing credits and a reporter’s tagline go; a sentence about contributions stays', () => {
    const credits = [
      'Associated Press writer Kenji Morrow in Portland contributed to this report.',
      'Amundsen reported from Houston.',
      'Reporting by Elin Saarinen; Editing by Marcus Vogt',
      'Lorna Becket covers island transport for the Ledger. Reach her at 207-555-0142.',
    ];
    const { kept, removed } = cleanText(paragraphs(...story, ...credits));
    expect(kept).toEqual(story);
    expect(removed).toEqual(credits);
    const sentence = 'Volunteers contributed £4,000 to the appeal for the crew, the charity said on Thursday.';
    expect(cleanText(paragraphs(...story, sentence)).kept).toContain(sentence);
  });

  it('a byline under a plain-text title leaves the title the title, and its name in capitals is the author', () => {
    const { cleaned } = clean([article(paragraphs('Ferry taken out of service after engine fire', 'By FELIX AMUNDSEN Associated Press', `HALVERTON, Maine (AP) — ${story[0]}`, ...story.slice(1)))]);
    expect(cleaned[0]!.title).toBe('Ferry taken out of service after engine fire');
    expect(cleaned[0]!.paragraphs.map((p) => p.text)).toEqual([`HALVERTON, Maine (AP) — ${story[0]}`, ...story.slice(1)]);
    expect(cleaned[0]!).toMatchObject({ author: 'Felix Amundsen', publisher: 'AP' });
  });

  it('a mixed-case dateline names its agency too', () => {
    expect(clean([article(paragraphs(`Brussels (AFP) - ${story[0]}`, ...story.slice(1)))]).cleaned[0]!.publisher).toBe('AFP');
  });

  it('time stamps on lines of one block go, one by one; "by:" is a byline', () => {
    const page = `<html><body><article><h1>Ferry out of service</h1><div class="date">Posted: May 12, 2025 / 09:41 AM CDT<br>Updated: May 12, 2025 / 11:02 AM CDT</div>
<p>by: Kyle Brennan, Nexstar Media Wire</p>${story.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`;
    const result = clean([article(page, { format: 'html', id: 'ferry' })]).cleaned[0]!;
    expect(result.paragraphs.map((p) => p.text)).toEqual(story);
  });
});

describe('release and newsletter furniture of the third probe round', () => {
  const story = [
    'Orvana Therapeutics said on Tuesday it had agreed to buy Brightmoor Bio for $1.2 billion in cash, adding a late-stage treatment for a rare liver disease.',
    'The price is a premium of 64% to Brightmoor’s closing share price on Monday, the companies said.',
    'The deal is expected to close in the third quarter, subject to regulatory approval.',
  ];

  it('the sections under "Forward-Looking Statements", "For more information" and "Press contacts" go, with the source tag', () => {
    const md = [
      ...story,
      '## Forward-Looking Statements',
      'This press release contains forward-looking statements within the meaning of the Private Securities Litigation Reform Act of 1995, which involve risks and uncertainties.',
      '## Press contacts',
      '- Mara Quint: +32 2 555 01 22',
      '- Tobias Fern: +32 2 555 01 23',
      'SOURCE Orvana Therapeutics, Inc.',
    ].join('\n\n');
    expect(cleanText(md, 'md').kept).toEqual(story);
    expect(cleanText(paragraphs(...story, 'SOURCE Orvana Therapeutics, Inc.')).kept).toEqual(story);
  });

  it('a newsletter greeting and a promise to update the story go; the lede under the greeting stays', () => {
    const { kept, removed } = cleanText(paragraphs('Hi friends,', ...story, 'KXLN will continue to update this story as more information becomes available.'));
    expect(kept).toEqual(story);
    expect(removed).toHaveLength(2);
  });
});

describe('fourth probe round', () => {
  const story = [
    'Floodwaters closed a stretch of Interstate 64 on Thursday as the river crested at its highest level in a decade, forcing hundreds of residents from their homes.',
    'The National Weather Service said the river reached 31.2 feet early Thursday, more than 15 feet above flood stage.',
    'The governor declared a disaster emergency for six counties and asked the federal government for help with the cleanup.',
  ];

  it('separator lines between sections of plain text go, and closing credits that say where they were filed from, several in a paragraph', () => {
    const furniture = [
      '___',
      'Associated Press writer Tom Lee contributed from Indianapolis.',
      '* * *',
      '=====',
      'Reuters correspondent Ana Ruiz contributed reporting.',
      'Kettler reported from Marlow. Associated Press writers Jo Hale in Austin and Sam Ortiz in Dallas contributed.',
    ];
    const { kept, removed } = cleanText(paragraphs(story[0]!, furniture[2]!, story[1]!, story[2]!, furniture[0]!, furniture[1]!, furniture[3]!, furniture[4]!, furniture[5]!));
    expect(kept).toEqual(story);
    // (A "* * *" line reads as a list item to the text parser, so its removed text is normalised: counted, not compared.)
    expect(removed).toHaveLength(furniture.length);
    expect(removed).toEqual(expect.arrayContaining(furniture.filter((line) => line !== '* * *')));
    // A line that has words between its rules is not a separator.
    const titled = '--- Sport ---';
    expect(cleanText(paragraphs(...story, titled)).removed).not.toContain('--- Sport ---');
  });

  it('a date on a line of its own goes, after a place too, and dates an undated article; the line above it is the title', () => {
    for (const [line, day] of [
      ['Brussels, 12 May 2025', '2025-05-12'],
      ['(Geneva, 14 May 2025)', '2025-05-14'],
      ['WASHINGTON, June 10, 2025', '2025-06-10'],
      ['Tuesday 10 June 2025, 09:41 BST', '2025-06-10'],
    ] as const) {
      const { cleaned } = clean([article(paragraphs('River crests at highest level in a decade', line, ...story))]);
      expect(cleaned[0]!.paragraphs.map((p) => p.text)).toEqual(story);
      expect(cleaned[0]!.title).toBe('River crests at highest level in a decade');
      expect(cleaned[0]!.date).toBe(day);
    }
    // A sentence that starts with a date is the story's.
    const sentence = '12 May 2025 was the wettest day on record in the county, the Met Office said.';
    expect(cleanText(paragraphs(...story, sentence)).kept).toContain(sentence);
  });

  it('a banner glued to the lede that ends in "… here" leaves the lede whole', () => {
    for (const call of ['Subscribe here', 'Sign up here', 'Donate here', 'Read more here']) {
      const banner = `Our journalists' work depends on you. Support the Gazette and local journalism by subscribing today - from just £1 for your first month. ${call}`;
      const { kept, removed } = cleanText(paragraphs(`${banner} ${story[0]}`, ...story.slice(1)));
      expect(kept).toEqual(story);
      expect(removed).toEqual([banner]);
    }
  });

  it("an undated page takes its day from its removed meta line or the header beside its title, not from the site's masthead", () => {
    const body = `<div class="body">${story.map((p) => `<p>${p}</p>`).join('')}</div>`;
    const page = (top: string, content = body) => `<html><head><title>River crests at highest level in a decade</title></head><body>${top}${content}</body></html>`;
    const meta = '<div class="meta"><a href="/@tom">Tom Okafor</a><div class="post-date">Nov 5, 2026</div></div>';
    const byMeta = clean([article(page(`<div class="post-header"><h1>River crests at highest level in a decade</h1>${meta}</div>`), { format: 'html', id: 'meta' })]).cleaned[0]!;
    expect(byMeta.paragraphs.map((p) => p.text)).toEqual(story);
    expect(byMeta.date).toBe('2026-11-05');
    // A post page whose whole header (title, standfirst, author and date) goes as the page's header.
    const post = `<div class="post"><div class="post-header"><h1>River crests at highest level in a decade</h1><h3>Why the water rose so fast</h3>${meta}<div class="ufi"><div>214</div><div>Share</div></div></div><div class="available-content">${body}</div></div>`;
    const byHeader = clean([article(page(post, ''), { format: 'html', id: 'post' })]).cleaned[0]!;
    expect(byHeader.paragraphs.map((p) => p.text)).toEqual(story);
    expect(byHeader.date).toBe('2026-11-05');
    const masthead = '<div class="masthead">The Valley Ledger · Sunday, December 6, 2026</div>';
    expect(clean([article(page(masthead), { format: 'html', id: 'page' })]).cleaned[0]!.date).toBeNull();
  });

  it("a title about a newsletter launch is the article's title, not a promo", () => {
    const title = 'Valley Courier launches free newsletter as print edition goes weekly';
    const body = [
      'The Valley Courier, which has covered the dale since 1881, will print only once a week from January and has launched a free daily newsletter to replace its weekday editions.',
      'The owner said print sales had fallen from 9,000 copies a day in 2012 to about 2,100, while the website reached 150,000 readers a month.',
      'The editor said more than 5,000 people had signed up to the newsletter in its first week.',
      'The Saturday print edition will grow from 40 to 64 pages and include a guide to the week ahead.',
    ];
    const { cleaned } = clean([article(paragraphs(title, ...body))]);
    expect(cleaned[0]!.title).toBe(title);
    expect(cleaned[0]!.removed.map((r) => r.ruleId)).toEqual(['clean/title']);
    expect(cleaned[0]!.paragraphs.map((p) => p.text)).toEqual(body);
  });

  it("a consent banner's buttons on lines of their own go, and the line under them is the title", () => {
    const buttons = ['Accept all', 'Manage preferences', 'REJECT ALL'];
    const title = 'River crests at highest level in a decade';
    const { cleaned } = clean([article([...buttons, title].join('\n') + '\n\n' + story.join('\n\n'))]);
    expect(cleaned[0]!.paragraphs.map((p) => p.text)).toEqual(story);
    expect(cleaned[0]!.title).toBe(title);
    // A sentence that starts with one of the words is the story's.
    const sentence = 'Accept all the help you are offered, the fire chief told residents of the valley on Thursday.';
    expect(cleanText(paragraphs(...story, sentence)).kept).toContain(sentence);
  });

  it('platform and page furniture on lines of their own go: stray marks, counts, reading time, reuse and external-links notices', () => {
    const furniture = ['·', '1.4K', '2143', 'ListenShare', 'Share Save Print', 'THE MORNING BRIEF | Tuesday 10 June', "Good morning. Here's what you need to know today.", "Welcome to Tuesday's briefing: here are the stories that matter.", '7 min read·Nov 9, 2026', 'ShareReuse this content', 'The Courier is not responsible for the content of external sites.', 'Out of hours: 07700 900 212', 'Hannah Oyelaran Health correspondent'];
    // Each alone, at the top (the title above it) or at the end: no neighbour's removal takes it along.
    for (const line of furniture) {
      const top = cleanText(paragraphs('River crests at highest level in a decade', line, ...story));
      const end = cleanText(paragraphs(...story, line));
      // At the top, the title goes too: it is the article's title.
      expect([top.removed, end.removed]).toEqual([['River crests at highest level in a decade', line], [line]]);
    }
    // A figure with words, a sentence about an editor and a quotation's closing mark are the story's.
    const lines = [
      'Attendance: 412',
      'Share prices fell by 4% after the announcement, and the company said it would follow up with a statement.',
      'Have your say on the plans at the council consultation, which closes on 4 July, or write to the planning office.',
      "Here's what you need to know about the new rules on e-scooters, which come into force on Monday.",
      'Jo Doe was named political editor of the paper in 2019 after a decade as a reporter.',
      'The chief said crews had worked through the night. "We will not stop until every road in this valley is open again."',
    ];
    expect(cleanText(paragraphs(...story, ...lines)).kept).toEqual([...story, ...lines]);
  });

  it('headlines listed under "More from …" go, and then the author\'s biography above them', () => {
    const bio = 'Hannah Lowe is the Courier\'s food writer. She has written about the county\'s restaurants since 2012.';
    const listed = ['More from Food & Drink', 'The best pasties in the county, as voted by you', 'Cafe owner angry at parking charges', 'New wine bar to open in former bank'];
    const { kept, removed } = cleanText(paragraphs('By Hannah Lowe, Food Writer', ...story, bio, ...listed));
    expect(kept).toEqual(story);
    expect(removed).toEqual(expect.arrayContaining([bio, ...listed]));
  });

  it("a blog platform's publication line names the outlet; initials glued to a byline's name are the outlet's", () => {
    const body = story.map((p) => `<p>${p}</p>`).join('');
    const medium = `<html><head><meta property="og:site_name" content="Medium"><title>River crests</title></head><body><article><h1>River crests</h1><p>Published in Civic Design Notes</p>${body}</article></body></html>`;
    expect(clean([article(medium, { format: 'html', id: 'medium' })]).cleaned[0]!).toMatchObject({ publisher: 'Civic Design Notes', paragraphs: story.map((text) => ({ text })) });
    const glued = `<html><head><meta property="og:site_name" content="the Meridian"><title>River crests</title></head><body><article><h1>River crests</h1><p>By Rhiannon Vale<span>MBC News, Somerset</span></p>${body}</article></body></html>`;
    expect(clean([article(glued, { format: 'html', id: 'glued' })]).cleaned[0]!).toMatchObject({ author: 'Rhiannon Vale', publisher: 'The Meridian' });
  });

  it('a scraped text that names its outlet only in its own furniture has that outlet as publisher', () => {
    const appeal = "Our journalists' work depends on you. Support the Wrexborough Echo and local journalism by subscribing today. Subscribe here";
    expect(clean([article(paragraphs(`${appeal} ${story[0]}`, ...story.slice(1)))]).cleaned[0]!.publisher).toBe('Wrexborough Echo');
    const signUp = "Don't miss the biggest stories from the valley - sign up to the Fernleigh Live newsletter here";
    expect(clean([article(paragraphs(...story, signUp))]).cleaned[0]!.publisher).toBe('Fernleigh Live');
    expect(clean([article(paragraphs(...story, "The Gazette's newsletter can be found at gazette.example/newsletter."))]).cleaned[0]!.publisher).toBe('Gazette');
    // Names in a release's removed notes are no outlet, nor are names without "the".
    const notes = ['Notes to editors', 'This year the gritters are named Spready Mercury and Sir Salt-a-Lot after a schools competition.'];
    expect(clean([article(paragraphs(...story, ...notes))]).cleaned[0]!.publisher).toBeNull();
  });

  it("a live blog's first entry keeps its news between the welcome and the promise of updates", () => {
    const welcome = 'Good morning and welcome to our live coverage of the floods.';
    const news = 'The amber warning came into force at 6am and the river has already risen two metres at the Marlow gauge.';
    const promise = "We'll bring you all the latest updates throughout the day.";
    const { kept, removed } = cleanText(paragraphs(...story, `${welcome} ${news} ${promise}`));
    expect(kept).toEqual([...story, news]);
    expect(removed).toEqual([welcome, promise]);
  });

  it("a forwarded newsletter's email header lines go: its Date: dates it, its Subject: titles it, and the email's own furniture goes", () => {
    const header = [
      '---------- Forwarded message ---------',
      'From: The Courier Morning Brief <brief@courier-news.example>',
      'Date: Tue, Jun 10, 2025 at 6:02 AM',
      'Subject: Fwd: River crests at highest level in a decade',
      'To: <reader@example.com>',
    ];
    const view = 'View in browser';
    const smallPrint = 'You are receiving this email because you signed up for the Morning Brief.';
    const { cleaned } = clean([article(header.join('\n') + '\n\n' + paragraphs(view, ...story, smallPrint))]);
    const result = cleaned[0]!;
    expect(result.paragraphs.map((p) => p.text)).toEqual(story);
    expect(result.removed.map((r) => r.text)).toEqual(expect.arrayContaining([...header, view, smallPrint]));
    expect(result).toMatchObject({ date: '2025-06-10', dateSource: 'date-line', title: 'River crests at highest level in a decade' });
    // An event's details are the story's: a date without a time, a "From:" without an address.
    const details = ['Date: Saturday 14 June 2025', 'From: 10am until the last boat leaves'];
    expect(cleanText(paragraphs(...story, ...details)).kept).toEqual([...story, ...details]);
  });

  it("a translation note, a PDF's page number and a caption ending in its photographer's credit go", () => {
    const lines = [
      'This article was translated from German.',
      'This article was translated from French by our English-language desk. Read the original version in French.',
      'Page 2 of 5',
      'Crews clear debris from the river bank on Thursday. (Photo: Sam Whitely/Ashdale Media)',
      'Volunteers fill sandbags outside the town hall. Photograph: Jo Doe/Courier',
    ];
    for (const line of lines) {
      const { kept, removed } = cleanText(paragraphs(...story, line));
      // The credit goes; a caption's first sentence may stay beside the story when it reads like one of its sentences.
      expect(removed.length, line).toBe(1);
      expect(line.endsWith(removed[0]!), line).toBe(true);
      expect(kept.slice(0, story.length)).toEqual(story);
    }
    // Sentences about translations, pages and photographs are the story's.
    const sentences = [
      'The novel was translated from German by the author’s daughter and sold 40,000 copies in its first year.',
      'Page 3 of the report says the flood defences were last inspected in 2019.',
      'Photographs taken by residents on Friday showed water reaching the first floor of homes in Mill Lane.',
    ];
    expect(cleanText(paragraphs(...story, ...sentences)).kept).toEqual([...story, ...sentences]);
  });

  it("a lede that quotes a pitch and says whose it is stays: the pitch is mentioned, not made", () => {
    const ledes = [
      "Sign up to get the morning's news straight to your inbox: that is the promise of Ashford Today, a free daily newsletter the Ashford Herald launched on Monday as its print sales fell.",
      'Subscribe or lose access: that was the message the Northern Sentinel sent its 1.8 million monthly readers on Tuesday, when the paper put every article behind a paywall.',
    ];
    const rest = [
      'The Ashford Herald said the newsletter would be written by a dedicated reporter and sent at 6.30am every weekday, with a longer edition on Saturdays.',
      'Print sales of the Herald fell by 11 per cent last year, and the Northern Sentinel reported a similar fall before it introduced its paywall.',
      'Media analyst Claire Dunmore said regional papers in Kent had lost a third of their readers since 2019.',
    ];
    for (const lede of ledes) expect(cleanText(paragraphs(lede, ...rest)).kept, lede).toEqual([lede, ...rest]);
    // The same pitch said to the reader still goes.
    const pitch = "Sign up to get the morning's news straight to your inbox: it is free and takes a minute.";
    expect(cleanText(paragraphs(...rest, pitch)).removed).toEqual([pitch]);
  });

  it("a live blog's controls, a transcript's stage directions, a column's disclaimer and a republishing offer go", () => {
    const lines = [
      'Key events',
      'Show key events only',
      '(SOUNDBITE OF MUSIC)',
      "The views expressed in this article are the author's own and do not necessarily reflect those of the Courier.",
      'Republish this story for free under a Creative Commons license.',
    ];
    for (const line of lines) expect(cleanText(paragraphs(...story, line)).removed, line).toEqual([line]);
    const sentences = ['Key events in the river’s history were marked on a wall of the town hall in 1947.', 'The views from the bridge drew crowds of onlookers on Friday afternoon, police said.'];
    expect(cleanText(paragraphs(...story, ...sentences)).kept).toEqual([...story, ...sentences]);
  });

  it("a byline's name stops where the date after it starts, even cut short", () => {
    const html = (byline: string) =>
      `<html><head><title>River crests</title></head><body><article><h1>River crests</h1><div class="byline"><span>${byline}</span> <span>Tue, April 15th 2025 at 10:05 PM</span></div>${story.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`;
    expect(clean([article(html('by Jordan Bell'), { format: 'html' })]).cleaned[0]!.author).toBe('Jordan Bell');
    // A name that is also a weekday's or month's short form is a name when no date follows it.
    const plain = (byline: string) => paragraphs(byline, ...story);
    expect(clean([article(plain('By Lena Sun'))]).cleaned[0]!.author).toBe('Lena Sun');
    expect(clean([article(plain('By Jordan Bell Tue, April 15th 2025'))]).cleaned[0]!.author).toBe('Jordan Bell');
  });

  it("a release's boilerplate under 'About Acme, Inc.' and its contacts list go: labels, names with numbers, addresses", () => {
    const about = ['About Calder Mutual Holdings, Inc.', 'Calder Mutual Holdings, Inc. is a property and casualty insurer headquartered in Hartford, Connecticut, with 6,000 independent agents.'];
    const contacts = ['Contacts', 'Investors:', 'Renata Whitlow, 860-555-0192', 'investor.relations@caldermutual.example', 'Media:', 'Tom Askew, 860-555-0177', 'media@caldermutual.example'];
    const { kept, removed } = cleanText(paragraphs(...story, ...about, ...contacts));
    expect(kept).toEqual(story);
    expect(removed).toEqual([...about, ...contacts]);
    // A contact's name and number alone, without the list's label above it, goes too.
    expect(cleanText(paragraphs(...story, 'Tom Askew, +44 20 7946 0177')).removed).toEqual(['Tom Askew, +44 20 7946 0177']);
    // A sentence with a name, a comma and a number is the story's.
    const sentence = 'Council leader Tom Ridley, 61, said the town had not flooded like this since 1947.';
    expect(cleanText(paragraphs(...story, sentence)).kept).toEqual([...story, sentence]);
  });

  it('headlines listed under a removed label go though they ask or exclaim, up to the story going on', () => {
    const listed = ['Read also:', 'Paris Olympics legacy: what happened to the cycle lanes?', 'Heatwave: Paris opens cool islands in 30 parks', 'Goal of the season!'];
    const after = 'The council said the repairs would begin on Monday and take about three weeks, weather permitting.';
    const { kept, removed } = cleanText(paragraphs(...story, ...listed, after));
    expect(removed).toEqual(listed);
    expect(kept).toEqual([...story, after]);
  });

  it("a discussion platform's post lines go, and a desk or an agency credit is no author", () => {
    for (const line of ['r/worldnews', 'Posted by u/harbour_watcher 7 hr. ago', '2.4k upvotes', '318 points']) expect(cleanText(paragraphs(...story, line)).removed, line).toEqual([line]);
    expect(cleanText(paragraphs(...story, '318 points were scored in the match, a record for the ground.')).removed).toEqual([]);
    expect(clean([article(paragraphs('Posted by Newsdesk', ...story))]).cleaned[0]!.author).toBeNull();
    const agency = `<html><head><meta name="author" content="dpa/AFP/lk"><title>River crests</title></head><body><article><h1>River crests</h1>${story.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`;
    expect(clean([article(agency, { format: 'html' })]).cleaned[0]!.author).toBeNull();
    // An outlet's staff by name, and an author the input states, stay.
    expect(clean([article(paragraphs('By HNN Staff', ...story))]).cleaned[0]!.author).toBe('HNN Staff');
    expect(clean([article(paragraphs(...story), { author: 'Newsdesk' })]).cleaned[0]!.author).toBe('Newsdesk');
  });
});


describe('an e-mail’s link to its web copy, on a line of its own', () => {
  const story = [
    'Rents for new tenancies in England rose 9.1% in the year to September, more than twice the rate of wage growth, a think tank said.',
    'The steepest increases were in Manchester, Birmingham and Leeds, where new lets rose by more than 12%.',
  ];

  it('goes, however the newsletter words it', () => {
    for (const link of ['Read online', 'View this email in your browser', 'Open in browser', 'View it on the web', 'Web version']) {
      const { kept, removed } = cleanText(paragraphs(link, ...story));
      expect(kept).toEqual(story);
      expect(removed).toEqual([link]);
    }
  });

  it('a sentence about reading online stays', () => {
    const sentence = 'Read online, the report runs to 140 pages, with tables for every local authority.';
    expect(cleanText(paragraphs(...story, sentence)).kept).toEqual([...story, sentence]);
  });
});

describe('a newsletter’s other items under their label', () => {
  const story = [
    'Rents for new tenancies in England rose 9.1% in the year to September, more than twice the rate of wage growth, a think tank said.',
    'The steepest increases were in Manchester, Birmingham and Leeds, where new lets rose by more than 12%.',
    'A typical two-bedroom flat let in September cost £1,265 a month outside London, £214 more than two years earlier.',
    'The report recommends that a quarter of homes built on public land in the largest cities be let at social rents.',
  ];

  it('go with the label, the one a promo cue took on its own included: the issue’s story is the article', () => {
    const items = [
      'Council tax: time for a revaluation? A new paper sets out three options for reforming council tax bands in England.',
      'Subscribe to our podcast for a new episode every Friday, free wherever you listen.',
      'Planning: the county’s local plan goes to inspection in March after two years of delay.',
    ];
    for (const label of ['Also this week', 'Elsewhere', 'Dates for your diary', 'In other news']) {
      const { kept, removed } = cleanText(paragraphs(...story, label, ...items));
      expect(kept).toEqual(story);
      expect(removed).toEqual([label, ...items]);
    }
  });

  it('a sentence that opens with such words stays', () => {
    const sentence = 'Elsewhere, rents in London rose 6.7%, the slowest rate of any large city since 2021.';
    expect(cleanText(paragraphs(...story, sentence)).kept).toEqual([...story, sentence]);
  });
});

describe('a release’s contacts in a sentence, a court’s press summary, a page’s pull quote', () => {
  const story = [
    'The city council voted 7-2 on Tuesday to approve a plan for 1,200 new homes on the former dockyard site, ending a three-year dispute over the land.',
    'Under the plan, a third of the homes will be sold or rented below market rates, and the developer will fund a new primary school.',
  ];

  it('a sentence that tells the press where to write or call goes; the story’s own appeal to the public stays', () => {
    const contacts = [
      'For media inquiries, please email press@harbour.gov.uk or call 01632 960 123.',
      'For more information, contact Jane Smith at jane.smith@harbour.gov.uk.',
      'Media enquiries should be directed to the press office on 01632 960 124.',
      'Journalists can contact the press office at press@harbour.gov.uk.',
    ];
    const { kept, removed } = cleanText(paragraphs(...story, ...contacts));
    expect(kept).toEqual(story);
    expect(removed).toEqual(contacts);
    const appeals = [
      'Anyone with information about the fire should call police on 101 or Crimestoppers on 0800 555 111.',
      'Residents can email their views to consult@harbour.gov.uk until 4 December, the council said.',
      // Contact words without an address or a number to contact: a sentence of the story.
      'Journalists can contact detainees only through their lawyers under the new rules, the committee said.',
    ];
    expect(cleanText(paragraphs(...story, ...appeals)).kept).toEqual([...story, ...appeals]);
  });

  it('a court’s press summary loses its label and its closing note; what the court decided stays', () => {
    const ruling = [
      'The Supreme Court unanimously allows the appeal. Lady Rose gives the judgment, with which the other Justices agree.',
      'The Court holds that the exemption was unlawful because the Secretary of State failed to consider its effect on tenants with disabilities.',
    ];
    const note =
      "This summary is provided to help in understanding the Court's decision. It does not form part of the reasons for the decision. The full judgment of the Court is the only authoritative document.";
    const { kept, removed } = cleanText(paragraphs('PRESS SUMMARY', ...ruling, note));
    expect(kept).toEqual(ruling);
    expect(removed).toEqual(['PRESS SUMMARY', note]);
    const reported = 'Lawyers for the tenants said the guidance, which does not form part of the decision, would be challenged separately.';
    expect(cleanText(paragraphs(...ruling, reported)).kept).toContain(reported);
  });

  it('a pull quote goes, from a page or a scraped text, with or without its speaker', () => {
    const essay = [
      "Britain's electricity grid has become the bottleneck of the energy transition, with more than 700 gigawatts of projects waiting for a connection.",
      'The reforms to the connection queue are welcome, but they do not go far enough. Projects that are ready to build should move to the front, and speculative applications should pay to hold their place.',
      'Without that, the 2030 target will slip, and bills will stay higher for longer.',
    ];
    const page = `<!doctype html><html><head><title>The grid needs a plan</title></head><body><article><h1>The grid needs a plan</h1>
<p>${essay[0]}</p><p>${essay[1]}</p><blockquote class="pullquote">Projects that are ready to build should move to the front</blockquote><p>${essay[2]}</p></article></body></html>`;
    const html = clean([article(page, { format: 'html', id: 'page' })]).cleaned[0]!;
    expect(html.paragraphs.map((p) => p.text)).toEqual(essay);
    expect(html.removed.find((r) => r.ruleId === 'clean/pull-quote')?.reason).toMatch(/stand in the article's text already/);
    for (const quote of ['“Projects that are ready to build should move to the front”', '"Speculative applications should pay to hold their place." — Dana Whitfield']) {
      const { kept, removed } = cleanText(paragraphs(essay[0]!, quote, essay[1]!, essay[2]!));
      expect(kept).toEqual(essay);
      expect(removed).toEqual([quote]);
    }
  });

  it('what is not a quotation set apart inside a longer paragraph stays: a shared sentence, a phrase, a heading, a page’s many repeats', () => {
    // Two ordinary paragraphs that share a sentence, and a quotation said twice whole: the page's to repeat.
    const shared = ['The vote was 7-2.', 'The council approved the plan on Tuesday. The vote was 7-2 after a long debate.', 'The council approved the plan on Tuesday.'];
    expect(cleanText(paragraphs(...shared)).kept).toEqual(shared);
    const twice = ['“We will not back down on the dockyard plan,” the leader said.', 'The council approved the plan on Tuesday after a three-year dispute.', '“We will not back down on the dockyard plan,” the leader said.'];
    expect(cleanText(paragraphs(...twice)).kept).toEqual(twice);
    // More than three quotations set again: the page's design (a schedule, a meal plan), not pull quotes.
    const lines = ['Stretch for ten minutes before you start', 'Drink water within thirty minutes of finishing', 'Rest for a full day after every hard session', 'Sleep at least eight hours on training days'];
    const plan = [`Monday: ${lines.join('. ')}.`, `Thursday: ${lines.join('. ')}.`, ...lines.map((l) => `“${l}”`)];
    expect(cleanText(paragraphs(...plan)).kept).toEqual(plan);
    const text = [
      'The Secretary of State for Housing will appeal against the ruling, his department said on Wednesday.',
      'The Secretary of State for Housing declined to comment.',
      // Fewer than six words inside another paragraph: a phrase, not a quote set again.
      'Asked about the report, the minister said there was no comment at this stage.',
      'No comment at this stage.',
    ];
    expect(cleanText(paragraphs(...text)).kept).toEqual(text);
    const md = ['## Projects ready to build move first', '', 'Under the new rules, projects ready to build move first in the queue, the regulator said on Tuesday.'].join('\n');
    expect(cleanText(md, 'md').kept).toEqual(['Projects ready to build move first', 'Under the new rules, projects ready to build move first in the queue, the regulator said on Tuesday.']);
  });
});

describe('notes about the article itself: a correction, an interview’s editing', () => {
  const story = [
    'The A38 between Plymouth and Saltash will close for six weeks from Monday while engineers repair the Tamar Bridge approach.',
    'Diversions will add up to 40 minutes to journeys, and the bus service will run every 20 minutes during the closure.',
  ];

  it('a correction or clarification appended to the story goes, however it is worded', () => {
    for (const note of [
      'Correction: An earlier version of this article said the closure would last four weeks. It will last six weeks.',
      'This article was amended on 18 November 2026. An earlier version said the bus service would run every 30 minutes.',
      'An earlier version of this story misstated the length of the closure.',
      'Clarification (19 November): The diversion applies to lorries only between 10pm and 6am.',
      'This piece now includes the council’s response; an earlier version of this article gave the bus times wrongly.',
    ]) {
      const { kept, removed } = cleanText(paragraphs(...story, note));
      expect(kept).toEqual(story);
      expect(removed).toEqual([note]);
    }
  });

  it('a story about a document’s earlier version, or about correction officers, stays', () => {
    const sentences = [
      'An earlier version of the report, published in 2023, said the bridge approach would last until 2040.',
      'Correction officers at the nearby prison will be bussed across the river during the closure.',
    ];
    expect(cleanText(paragraphs(...story, ...sentences)).kept).toEqual([...story, ...sentences]);
  });

  it('an interview’s editing note on a line of its own goes; glued to the introduction, the introduction stays', () => {
    const intro = 'The health minister, Alice Grant, spoke on Tuesday about the decision to delay 12 hospital building projects.';
    const turns = ['Q: Why delay the projects now?', 'A: Because the costs have risen by 40% since the plans were drawn up.'];
    const note = 'This interview has been edited for length and clarity.';
    expect(cleanText(paragraphs(intro, note, ...turns))).toEqual({ kept: [intro, ...turns], removed: [note] });
    expect(cleanText(paragraphs(`${intro} ${note}`, ...turns)).kept).toEqual([`${intro} ${note}`, ...turns]);
    // Glued before the article's first sentence, it is split off as furniture glued there is: the sentence stays whole.
    const first = 'Alice Grant has been the health minister since July and sits for a Midlands seat.';
    expect(cleanText(paragraphs(`${note} ${first}`, ...turns))).toEqual({ kept: [first, ...turns], removed: [note] });
    // Anywhere else, a paragraph that goes on past the note is not the note.
    const middle = `${note} She answered every question we put to her, on the record, over forty minutes.`;
    expect(cleanText(paragraphs(intro, middle, ...turns)).kept).toEqual([intro, middle, ...turns]);
  });
});

describe('the page around a report’s or a consultation’s text', () => {
  const text = [
    'The government has set out how it will reform the process for connecting new generation projects to the grid, after a consultation that received 412 responses.',
    'Under the new rules, projects that are ready to build will be offered connection dates first, and those that miss milestones will lose their place.',
  ];

  it('a label of the document’s kind over the headline and the nations it applies to go, and the headline is the title', () => {
    const raw = ['Consultation outcome', 'Reforming the grid connections queue', 'Published 18 November 2026', 'Applies to England, Scotland and Wales', 'This consultation ran from 10 June 2026 to 5 August 2026', 'Consultation description', ...text].join('\n');
    const result = clean([article(raw)]).cleaned[0]!;
    expect(result.title).toBe('Reforming the grid connections queue');
    expect(result.paragraphs.map((p) => p.text)).toEqual(['This consultation ran from 10 June 2026 to 5 August 2026', 'Consultation description', ...text]);
    expect(result.removed.map((r) => r.text)).toEqual(expect.arrayContaining(['Consultation outcome', 'Applies to England, Scotland and Wales']));
  });

  it('its list of documents goes: the label, each document’s name, its file details and the note on accessible formats', () => {
    const documents = ['Documents', 'Government response to the consultation on grid connections reform', 'PDF, 1.2 MB, 48 pages', 'This file may not be suitable for users of assistive technology.', 'Request an accessible format.'];
    const { kept, removed } = cleanText([...text, ...documents].join('\n\n'));
    expect(kept).toEqual(text);
    expect(removed).toEqual(documents);
    // A file's details alone, with no list over them, go too.
    expect(cleanText([...text, '(DOCX, 85 KB)'].join('\n\n'))).toEqual({ kept: text, removed: ['(DOCX, 85 KB)'] });
    // Figures about files in a sentence are the story's.
    const sentence = 'The response, a PDF of 48 pages, was published alongside a 1.2 MB data file on Tuesday.';
    expect(cleanText([...text, sentence].join('\n\n')).kept).toEqual([...text, sentence]);
  });

  it('a page’s kicker without a class goes when it names the page’s kind, labels the title when it is commentary, and a standfirst over the headline stays', () => {
    const body = text.map((p) => `<p>${p}</p>`).join('');
    const page = (over: string) => `<!doctype html><html><head><title>Fixing the grid queue</title></head><body><article><p>${over}</p><h1>Fixing the grid queue</h1>${body}
<h3>Cite this report</h3><p>Whitfield, D. and Castellanos, O. (2026) Fixing the grid queue. London: Institute for Energy Policy.</p></article></body></html>`;
    const report = clean([article(page('Report'), { format: 'html', id: 'report' })]).cleaned[0]!;
    expect(report.paragraphs.map((p) => p.text)).toEqual(text);
    expect(report.removed.map((r) => r.text)).toEqual(expect.arrayContaining(['Report', 'Cite this report']));
    const opinion = clean([article(page('Opinion'), { format: 'html', id: 'opinion' })]).cleaned[0]!;
    expect(opinion.title).toBe('Opinion: Fixing the grid queue');
    const standfirst = 'Ministers must move ready projects to the front of the queue';
    expect(clean([article(page(standfirst), { format: 'html', id: 'standfirst' })]).cleaned[0]!.paragraphs[0]!.text).toBe(standfirst);
  });
});

describe('citation and footnote marks in the text', () => {
  const first = 'Council tax bands in England are still based on property values from April 1991, and a typical home has risen more than fourfold in value since then.';
  const second = 'The government has said it has no plans to revalue before the next election, the Treasury confirmed on Tuesday.';

  it('go from plain text: "[3]", "[12][13]" and "[citation needed]" glued to what they support; a bracket after a space stays', () => {
    const { kept, removed } = cleanText(paragraphs(`${first}[3]`, `${second.replace('election,', 'election,[12][13]')}`, 'Wales revalued in 2005[4] and will do so again in 2028.[citation needed]'));
    expect(kept).toEqual([first, second, 'Wales revalued in 2005 and will do so again in 2028.']);
    // Nothing goes silently: the marks are the paragraphs' removals (clean/citation-mark).
    expect(removed).toEqual(['[3]', '[12][13]', '[4] [citation needed]']);
    // A letter in brackets inside a quotation is an editor's word, not a note.
    const quote = 'The minister said the reform “give[s] councils the fairer base they have asked for since 1991,” in a written answer.';
    expect(cleanText(paragraphs(first, quote)).kept).toEqual([first, quote]);
    const own = 'Under clause [3] of the bill, councils may set their own bands, and Array[3] is a variable name in the code.';
    expect(cleanText(paragraphs(first, own)).kept).toEqual([first, own.replace('Array[3]', 'Array')]);
  });

  it('go from a page: a superscript note after punctuation, or linked to its note, or in brackets; a power stays', () => {
    const page = `<!doctype html><html><head><title>Council tax</title></head><body><article><h1>Council tax</h1>
<p>${first.replace('since then.', 'since then.<sup>1</sup>')}</p>
<p>${second.replace('election,', 'election<sup class="reference"><a href="#cite_note-2">[2]</a></sup>,').replace('Treasury', 'Treasury<sup><a href="#fn3">3</a></sup>')}</p>
<p>The estate covers 4 km<sup>2</sup> and 10<sup>6</sup> homes were assessed in the first year of the programme.</p></article></body></html>`;
    const result = clean([article(page, { format: 'html', id: 'page' })]).cleaned[0]!;
    expect(result.paragraphs.map((p) => p.text).slice(0, 2)).toEqual([first, second]);
    // A power's figure stays, as the page's text runs it on.
    expect(result.paragraphs[2]!.text).toMatch(/^The estate covers 4 km2 and 10\s?6 homes were assessed/);
  });

  it('go from Markdown written with <sup>, as they do with its own footnotes', () => {
    const md = [`${first}[^1]`, '', `${second.replace('Tuesday.', 'Tuesday.<sup>2</sup>').replace('Treasury', 'Treasury<sup>[3](#fn3)</sup>')}`, '', 'The estate covers 4 km<sup>2</sup> of former farmland north of the town.', '', '[^1]: Land Registry house price index.'].join('\n');
    expect(cleanText(md, 'md').kept).toEqual([first, second, 'The estate covers 4 km2 of former farmland north of the town.']);
  });
});

describe('a company announcement as a regulatory news service sends it, and a journal article’s page', () => {
  const results = [
    'Harbourline Media PLC today announces its unaudited results for the six months ended 30 September 2026.',
    'Revenue rose 6% to £214.3 million, driven by digital subscriptions, which passed 3 million for the first time.',
  ];

  it('its reference, defined terms and end mark go, with the service’s code after it; the issuer’s name over the headline names the publisher', () => {
    const raw = ['RNS Number : 4821K', 'Harbourline Media PLC', '("Harbourline" or the "Group")', 'Half-year results lift dividend as subscriptions pass 3 million', ...results, 'END', 'IR FLFSDIRLIFIE'].join('\n');
    const result = clean([article(raw)]).cleaned[0]!;
    expect(result.title).toBe('Half-year results lift dividend as subscriptions pass 3 million');
    expect(result.publisher).toBe('Harbourline Media PLC');
    expect(result.paragraphs.map((p) => p.text)).toEqual(results);
    // A reference between the paragraphs goes too.
    expect(cleanText(paragraphs(results[0]!, 'Release No. 2026-114', results[1]!))).toEqual({ kept: results, removed: ['Release No. 2026-114'] });
    // A reference inside a sentence, an address, and an end that is a word of the text stay: "End" alone is a heading, not the mark.
    const sentences = ['Number 10 said the review of council tax bands would report in the spring.', 'No. 10 Downing Street', 'The End of an era: the last print edition rolls off the presses on Friday.'];
    expect(cleanText(paragraphs(...results, ...sentences)).kept).toEqual([...results, ...sentences]);
    expect(cleanText(paragraphs(results[0]!, 'End', results[1]!)).kept).toEqual([results[0], 'End', results[1]]);
    // A briefing transcript's end mark carries its time.
    expect(cleanText(paragraphs(...results, 'END 1:32 P.M. EST'))).toEqual({ kept: results, removed: ['END 1:32 P.M. EST'] });
  });

  it('a journal article’s history, its DOI and its access label go; the abstract stays', () => {
    const abstract = 'We study the effect of connection queue reform on renewable deployment in Great Britain using project-level data for 2,400 schemes.';
    const furniture = ['Received 2 March 2026, Revised 14 July 2026, Accepted 3 September 2026, Available online 18 November 2026.', 'https://doi.org/10.1016/j.enpol.2026.114321', 'Open access'];
    const { kept, removed } = cleanText(paragraphs(...furniture, abstract, results[1]!));
    expect(kept).toEqual([abstract, results[1]]);
    expect(removed).toEqual(furniture);
    const sentence = 'Received wisdom in 2020 held that the queue would clear itself; it has instead grown fourfold since.';
    expect(cleanText(paragraphs(abstract, sentence)).kept).toEqual([abstract, sentence]);
  });
});

describe('an embedded post, as a scrape keeps it', () => {
  const story = [
    'More than 40,000 homes in Wales and the south-west of England were without power on Tuesday night after Storm Bronagh brought gusts of up to 90mph.',
    'The Met Office has issued an amber warning for wind covering much of south Wales until 6am.',
  ];

  it("loses its platform's label; the post's words and its signature (whose words they are) stay", () => {
    const post = 'Our teams are out in force tonight. If you see a fallen power line, stay well back and call 105.';
    const signatures = ['— Western Power (@WesternPower) November 18, 2026', 'A post shared by Harbour Lifeboat (@harbourlifeboat)'];
    const labels = ['View this post on Instagram', 'Watch on YouTube'];
    const { kept, removed } = cleanText(paragraphs(story[0]!, post, signatures[0]!, labels[0]!, signatures[1]!, labels[1]!, story[1]!));
    expect(kept).toEqual([story[0], post, ...signatures, story[1]]);
    expect(removed).toEqual(labels);
    // Sentences that start alike are the story's.
    const sentences = ['A post shared by the council on Monday warned residents to expect cuts.', 'View this post on the council website for the full list of closed roads.'];
    expect(cleanText(paragraphs(...story, ...sentences)).kept).toEqual([...story, ...sentences]);
  });
});

describe('a podcast episode’s page, as a scrape keeps it', () => {
  const story = [
    'The World Trade Organization’s appellate body has been unable to hear cases since December 2019, when the United States blocked the appointment of new judges.',
    'Okafor says at least 32 panel reports have been appealed "into the void", leaving the losing side free to ignore the ruling.',
    'The European Union and 50 other members have set up an interim arbitration arrangement, but several large economies have not joined it.',
    'Members will meet in Geneva in February to discuss reform proposals, including a plan to limit the time the appellate body may take to rule.',
  ];

  it('its chapter list under "Timestamps:", its production credits and its call to rate the show go', () => {
    const chapters = ['Timestamps:', '00:00 Introduction', '02:15 How the appellate body stopped working', '31:05 What reform could look like'];
    const credits = 'This episode was produced by Sam Reyes and edited by Lin Zhou. Our theme music is by Blue Dot Sessions.';
    const call = 'Rate and review us on Apple Podcasts — it helps other listeners find the show!';
    const raw = [story[0], '', chapters.join('\n'), '', story.slice(1).join('\n\n'), '', credits, '', call].join('\n');
    const { kept, removed } = cleanText(raw);
    expect(kept).toEqual(story);
    expect(removed).toEqual(expect.arrayContaining([...chapters, credits, call]));
  });

  it('a story about programmes and podcasts keeps its sentences', () => {
    const sentences = [
      'The programme was produced by the BBC in 1984 and has not been repeated since.',
      'Listeners who rated the show on Spotify gave it four stars on average, the company said.',
      'At 00:00 on Monday the new tariffs took effect, and ports reported queues by dawn.',
    ];
    expect(cleanText(paragraphs(...story, ...sentences)).kept).toEqual([...story, ...sentences]);
  });
});

describe('a video page and a blog platform’s post, as a scrape keeps them', () => {
  const story = [
    'More than 80 US cities have now abolished minimum parking requirements for new buildings, according to the Parking Reform Network.',
    'Minneapolis removed its requirements citywide in 2021, and rents there have risen more slowly than the regional average since.',
  ];

  it('a post’s controls, counts and author box go; the author’s name over the text goes once the author is known; the publication is the publisher', () => {
    const head = ['Jordan Alvarez', 'Follow', '6 min read', 'Listen', 'Share'];
    const tail = ['Written by Jordan Alvarez', '1.2K Followers', 'Writer for Civic Design Notes', 'Follow', 'More from Jordan Alvarez and Civic Design Notes', 'Recommended from Medium'];
    const raw = ['Why cities are ripping out their parking minimums', '', ...head.flatMap((line) => [line, '']), ...story.flatMap((line) => [line, '']), ...tail.flatMap((line) => [line, ''])].join('\n');
    const result = clean([article(raw)]).cleaned[0]!;
    expect(result.title).toBe('Why cities are ripping out their parking minimums');
    expect(result.author).toBe('Jordan Alvarez');
    expect(result.publisher).toBe('Civic Design Notes');
    expect(result.paragraphs.map((p) => p.text)).toEqual(story);
  });

  it('a video’s channel counts, view line and controls go, and its title is found over them', () => {
    const head = ['BBC News', '15.2M subscribers', 'Subscribe', 'Download', 'Clip', 'Save', '384,201 views  6 Dec 2026  #Budget2026 #UKPolitics'];
    const raw = ['Chancellor’s Autumn Budget 2026: key announcements explained', '', ...head.flatMap((line) => [line, '']), ...story, '', '...more'].join('\n');
    const result = clean([article(raw)]).cleaned[0]!;
    expect(result.title).toBe('Chancellor’s Autumn Budget 2026: key announcements explained');
    expect(result.paragraphs.map((p) => p.text)).toEqual(story);
  });

  it('a reading time after the piece’s kind goes; sentences with counts, follow-ups and downloads stay', () => {
    const timed = clean([article(paragraphs('Commentary | 4 min read', ...story))]).cleaned[0]!;
    expect(timed.paragraphs.map((p) => p.text)).toEqual(story);
    // Furniture, not the piece's title.
    expect(timed.title).toBeNull();
    expect(timed.removed.map((r) => [r.ruleId, r.text])).toEqual([['clean/navigation', 'Commentary | 4 min read']]);
    const sentences = [
      'The channel has 15.2 million subscribers, more than any other news broadcaster in Britain.',
      'Follow-up inspections found that 12 of the 40 sites still had no working alarms.',
      'Download speeds in rural areas averaged 38 megabits per second, Ofcom said.',
      'Jordan Alvarez, a planner in the city, said the change had been overdue.',
    ];
    expect(cleanText(paragraphs(...story, ...sentences)).kept).toEqual([...story, ...sentences]);
  });
});

describe('a statistics release, as a scrape keeps it', () => {
  const points = [
    'The UK employment rate for people aged 16 to 64 years was estimated at 74.9% in August to October 2026, 0.2 percentage points lower than in the previous quarter.',
    'The unemployment rate was estimated at 4.9%, above estimates for the previous quarter.',
  ];
  const section = ['2. Employment', 'Payrolled employees fell by 12,000 between August and September 2026, according to early estimates for October.'];

  it('its release dates, contact line, table of contents and related-links listing go; its sections stay and its title is found', () => {
    const header = ['Release date: 3 December 2026', 'Next release: 21 January 2027', 'Contact: Labour Market team, labour.market@ons.gov.uk, +44 1633 455400'];
    const contents = ['Table of contents', '1. Main points\n2. Employment\n3. Related links'];
    const related = ['3. Related links', 'Average weekly earnings in Great Britain: December 2026', 'Bulletin | Released 3 December 2026'];
    const raw = ['Labour market overview, UK: December 2026', '', header.join('\n'), '', contents.join('\n\n'), '', '1. Main points', '', points.join('\n\n'), '', section.join('\n\n'), '', related.join('\n\n')].join('\n');
    const result = clean([article(raw)]).cleaned[0]!;
    expect(result.title).toBe('Labour market overview, UK: December 2026');
    expect(result.paragraphs.map((p) => p.text)).toEqual(['1. Main points', ...points, ...section]);
    expect(result.removed.map((r) => r.text)).toEqual(expect.arrayContaining([...header, ...contents, ...related]));
    // A listed dataset's kind and day go outside a related-links listing too.
    expect(cleanText(paragraphs(...points, 'Dataset A01 | Released 3 December 2026', section[1]!))).toEqual({ kept: [...points, section[1]], removed: ['Dataset A01 | Released 3 December 2026'] });
  });

  it('the next release’s day never dates an undated release; the release date does', () => {
    const raw = ['Labour market overview, UK: December 2026', '', 'Next release: 21 January 2027', 'Release date: 3 December 2026', '', ...points].join('\n');
    expect(clean([article(raw)]).cleaned[0]!.date).toBe('2026-12-03');
    const onlyNext = ['Labour market overview, UK: December 2026', '', 'Next release: 21 January 2027', '', ...points].join('\n');
    expect(clean([article(onlyNext)]).cleaned[0]!.date).toBeNull();
  });

  it('sentences about releases and contents stay', () => {
    const sentences = ['Next release of the hostages is expected on Friday, officials said.', 'The contents of the report were leaked to reporters on Monday.', 'Contact with the crew was lost at 04:10, the coastguard said.'];
    expect(cleanText(paragraphs(...points, ...sentences)).kept).toEqual([...points, ...sentences]);
  });
});

describe('a social thread and a social post, as a copy keeps them', () => {
  const posts = [
    'The EU’s new methane rules for imported gas take effect in January. Here’s what they require and why exporters are worried.',
    'The regulation requires importers to show that gas was produced under monitoring rules equivalent to the EU’s.',
    'From 2028, importers will also have to report the methane intensity of their supplies.',
    'US LNG exporters say the equivalence test is unclear and could disrupt contracts signed before the rules were adopted.',
  ];

  it('a thread’s position marks and its label come out of the posts, recorded as removals; a call to follow the writer goes', () => {
    const raw = paragraphs(`Thread 🧵 ${posts[0]} 1/5`, `${posts[1]} 2/5`, `${posts[2]} 3/5`, `${posts[3]} (4/5)`, 'If you found this useful, follow me @energywonk for more on EU climate policy. 5/5');
    const result = clean([article(raw)]).cleaned[0]!;
    expect(result.paragraphs.map((p) => p.text)).toEqual(posts);
    const marks = result.removed.filter((r) => r.ruleId === 'clean/thread-mark').map((r) => r.text);
    expect(marks).toEqual(['Thread 🧵 1/5', '2/5', '3/5', '(4/5)', '5/5']);
    // Marks at the start of each post, the total left out.
    const leading = clean([article(paragraphs(`1/ ${posts[0]}`, `2/ ${posts[1]}`, `3/ ${posts[2]}`))]).cleaned[0]!;
    expect(leading.paragraphs.map((p) => p.text)).toEqual(posts.slice(0, 3));
  });

  it('fractions, dates and scores at a paragraph’s end stay: one alone, out of order, or of different totals', () => {
    const alone = [posts[0]!, 'The coalition’s share of the seats in the upper house rose to 2/3', ...posts.slice(1)];
    expect(cleanText(paragraphs(...alone)).kept).toEqual(alone);
    const first = [posts[0]!, 'Turnout in the second round fell to about 1/3', ...posts.slice(1)];
    expect(cleanText(paragraphs(...first)).kept).toEqual(first);
    const unordered = [posts[3]!, `${posts[1]} 3/4`, `${posts[2]} 1/4`];
    expect(cleanText(paragraphs(...unordered)).kept).toEqual(unordered);
    const totals = [posts[3]!, `${posts[1]} 1/2`, `${posts[2]} 2/3`];
    expect(cleanText(paragraphs(...totals)).kept).toEqual(totals);
  });

  it('a post’s hashtags, its age and its reaction controls go; a sentence with a hashtag stays', () => {
    const story = [
      'Big news from the Bank of England today: the MPC voted 6–3 to cut Bank Rate to 3.5%, the first cut since August.',
      'Governor Andrew Bailey said the path of rates would be gradual and careful, and two members voted to hold.',
      'The Bank’s new forecast sees inflation back at its 2% target by the third quarter of 2027.',
    ];
    const furniture = ['2h • Edited •', '#MonetaryPolicy #BankOfEngland #Economics', 'Like', 'Repost', 'Send'];
    const post = clean([article(paragraphs(furniture[0]!, ...story, ...furniture.slice(1)))]).cleaned[0]!;
    expect(post.paragraphs.map((p) => p.text)).toEqual(story);
    expect(post.removed.map((r) => r.text)).toEqual(furniture);
    // The post's age is furniture, not its title.
    expect(post.title).toBeNull();
    expect(post.removed.map((r) => r.ruleId)).not.toContain('clean/title');
    const sentences = ['The campaign spread under the hashtag #SaveOurPier, which trended nationally on Tuesday.', 'Send in the army, the mayor said, was not a plan.'];
    expect(cleanText(paragraphs(...story, ...sentences)).kept).toEqual([...story, ...sentences]);
  });
});

describe('a regulatory notice as a gazette prints it, and a parliamentary written answer', () => {
  const summary = 'SUMMARY: The Environmental Protection Agency (EPA) is finalizing revisions to the standards of performance for new stationary combustion turbines.';
  const dates = 'DATES: This final rule is effective on February 1, 2027.';
  const discussion = [
    'The EPA received more than 12,000 comments on the proposal, published in March 2025.',
    'In response, the final rule gives operators of turbines installed before 2029 an additional three years to comply.',
  ];

  it('its issue line (which dates it), references and preamble fields go; the agency is the publisher, the rule’s name the title; its summary and dates stay', () => {
    const header = ['Federal Register / Vol. 91, No. 231 / Thursday, December 3, 2026 / Rules and Regulations', 'ENVIRONMENTAL PROTECTION AGENCY', '40 CFR Part 60', '[EPA-HQ-OAR-2025-0317; FRL-11892-02-OAR]', 'RIN 2060-AW14'];
    const fields = ['AGENCY: Environmental Protection Agency (EPA).', 'ACTION: Final rule.'];
    const docket = 'ADDRESSES: The EPA has established a docket for this action under Docket ID No. EPA-HQ-OAR-2025-0317.';
    const raw = paragraphs(...header, 'Standards of Performance for New Stationary Combustion Turbines', ...fields, summary, dates, docket, 'SUPPLEMENTARY INFORMATION:', ...discussion);
    const result = clean([article(raw)]).cleaned[0]!;
    expect(result.title).toBe('Standards of Performance for New Stationary Combustion Turbines');
    expect(result.date).toBe('2026-12-03');
    expect(result.publisher).toBe('Environmental Protection Agency');
    expect(result.paragraphs.map((p) => p.text)).toEqual([summary, dates, ...discussion]);
    // Its references go wherever they stand (a page that states its title elsewhere keeps them in its text).
    const references = ['40 CFR Parts 60 and 63', '[Docket No. FAA-2026-1184; Amendment 39-23871]', 'RIN 2120-AA64'];
    expect(cleanText(paragraphs(summary, ...references, ...discussion))).toEqual({ kept: [summary, ...discussion], removed: references });
  });

  it('as a page sets it, each field’s label a heading over its value: the labels take their values, the summary and dates stay', () => {
    const field = (label: string, value: string) => `<h2>${label}</h2><p>${value}</p>`;
    const html = `<html><body><article><h1>Standards of Performance for New Stationary Combustion Turbines</h1>${field('AGENCY:', 'Environmental Protection Agency (EPA).')}${field('ACTION:', 'Final rule.')}${field('SUMMARY:', summary.replace('SUMMARY: ', ''))}${field('DATES:', dates.replace('DATES: ', ''))}${field('FOR FURTHER INFORMATION CONTACT:', 'Jane Ortiz, Sector Policies and Programs Division, Environmental Protection Agency; telephone number: (919) 541-5555; email address: ortiz.jane@epa.gov.')}<h2>SUPPLEMENTARY INFORMATION:</h2>${discussion.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`;
    const texts = clean([article(html, { format: 'html' })]).cleaned[0]!.paragraphs.map((p) => p.text);
    expect(texts.filter((t) => !t.endsWith(':'))).toEqual([summary.replace('SUMMARY: ', ''), dates.replace('DATES: ', ''), ...discussion]);
  });

  it('sentences that start with the same words in ordinary case stay', () => {
    const sentences = [
      'Action: the council voted on Tuesday to close the library for six months.',
      '40 CFR Part 60 sets the limits that apply to new turbines, the agency said.',
      'Agency staff said the docket would stay open until March.',
    ];
    expect(cleanText(paragraphs(summary, ...discussion, ...sentences)).kept).toEqual([summary, ...discussion, ...sentences]);
  });

  it('a written answer is dated the day it was answered; its submission stamp goes', () => {
    const answer = [
      'The Government’s connections reform package, approved by Ofgem in April, prioritises projects that are ready to build.',
      'Great British Energy has committed £30 million to support community energy schemes through the Local Power Plan.',
    ];
    const raw = paragraphs('Written question UIN 48213, tabled on 24 November 2026', 'To ask the Secretary of State for Energy Security and Net Zero, what assessment his Department has made of grid connection reforms.', 'Answered on 2 December 2026', ...answer, 'This answer was submitted on 02 Dec 2026 at 14:12.');
    const result = clean([article(raw)]).cleaned[0]!;
    expect(result.date).toBe('2026-12-02');
    expect(result.removed.map((r) => r.text)).toEqual(expect.arrayContaining(['Answered on 2 December 2026', 'This answer was submitted on 02 Dec 2026 at 14:12.']));
    expect(result.paragraphs.map((p) => p.text)).toEqual(expect.arrayContaining(answer));
  });
});

describe('a court’s slip opinion, as its text keeps it', () => {
  const syllabus = [
    'Petitioner Harmon challenged a state siting board’s approval of a high-voltage transmission line across her farm, arguing that the use of eminent domain violated the Takings Clause.',
    'Held: A State may exercise eminent domain for an interstate transmission line that serves the public within the State.',
    '(a) The Takings Clause requires that a taking be for public use, which this Court has long read to include uses that benefit the public generally.',
    '(b) The line at issue will deliver power to customers in the State, and the board found that it would lower their bills over the next decade.',
    'KAVANAUGH, J., delivered the opinion of the Court, in which ROBERTS, C. J., and THOMAS, ALITO, BARRETT, and JACKSON, JJ., joined.',
  ];

  it('its running head, note, labels, court and docket lines go; the caption is the title, the decision’s day the date; page references leave the sentences', () => {
    const header = [
      '(Slip Opinion) OCTOBER TERM, 2026 1',
      'Syllabus',
      'NOTE: Where it is feasible, a syllabus (headnote) will be released, as is being done in connection with this case, at the time the opinion is issued. The syllabus constitutes no part of the opinion of the Court but has been prepared by the Reporter of Decisions for the convenience of the reader.',
      'SUPREME COURT OF THE UNITED STATES',
      'Syllabus',
      'HARMON v. NATIONAL GRID TRANSMISSION CORP.',
      'CERTIORARI TO THE UNITED STATES COURT OF APPEALS FOR THE FOURTH CIRCUIT',
      'No. 25–481. Argued October 8, 2026—Decided December 4, 2026',
    ];
    const raw = paragraphs(...header, syllabus[0]!, `${syllabus[1]} Pp. 4–15.`, `${syllabus[2]} Pp. 4–9.`, ...syllabus.slice(3));
    const result = clean([article(raw)]).cleaned[0]!;
    expect(result.title).toBe('Harmon v. National Grid Transmission Corp.');
    expect(result.date).toBe('2026-12-04');
    expect(result.paragraphs.map((p) => p.text)).toEqual(syllabus);
    expect(result.removed.filter((r) => r.ruleId === 'clean/citation-mark').map((r) => r.text)).toEqual(['Pp. 4–15.', 'Pp. 4–9.']);
    expect(result.removed.map((r) => r.text)).toEqual(expect.arrayContaining(header));
    // The opinion's own labels and the court's lines go wherever they stand between its paragraphs.
    const lines = ['Opinion of the Court', 'SUPREME COURT OF THE UNITED STATES', 'ON WRIT OF CERTIORARI TO THE UNITED STATES COURT OF APPEALS FOR THE FOURTH CIRCUIT'];
    expect(cleanText(paragraphs(syllabus[0]!, lines[0]!, syllabus[1]!, lines[1]!, syllabus[2]!, lines[2]!, ...syllabus.slice(3)))).toEqual({ kept: syllabus, removed: lines });
  });

  it('sentences about courts and cases, and a caption in ordinary case as the first line, read as they are', () => {
    const sentences = [
      'The court of appeal ruled on Tuesday that the line could go ahead.',
      'Smith v Jones was argued before the court in October, and a ruling is expected in the spring.',
      'The judge said the syllabus of the course was not at issue.',
      'Page 7 of the ruling sets out the test; P. Harmon said she would appeal.',
    ];
    expect(cleanText(paragraphs(...syllabus, ...sentences)).kept).toEqual([...syllabus, ...sentences]);
    const result = clean([article(paragraphs('Smith v Jones', ...syllabus))]).cleaned[0]!;
    expect(result.title).toBe('Smith v Jones');
    // A caption in ordinary case over the court's lines is kept as written.
    const mixed = clean([article(paragraphs('SUPREME COURT OF THE UNITED STATES', 'McDonald et al. v. City of Chicago, Illinois, et al.', 'No. 08–1521. Argued March 2, 2010—Decided June 28, 2010', ...syllabus))]).cleaned[0]!;
    expect(mixed.title).toBe('McDonald et al. v. City of Chicago, Illinois, et al.');
  });
});

describe('a parliament’s press release', () => {
  const story = [
    'MEPs adopted new rules on Wednesday that will ban single-use plastic packaging for fruit and vegetables weighing less than 1.5 kg from 2030.',
    'The regulation, agreed with member states in March, was adopted with 476 votes in favour, 129 against and 24 abstentions.',
    'The regulation now needs to be formally adopted by the Council before it enters into force.',
  ];

  it('its press officer’s number written with its country code in brackets and its office goes with the rest of the contacts', () => {
    const contacts = ['Contacts:', 'Dana POPP', 'Press Officer', '(+32) 2 28 44 188 (BXL)', 'dana.popp@europarl.europa.eu'];
    // One block of lines, as the page's text gives it, with the page's lines after it.
    const { kept, removed } = cleanText(`${paragraphs(...story)}\n\n${contacts.join('\n')}\n\nEP_Environment\n\nRef.: 20261203IPR12345\n`);
    expect(kept).not.toContain('(+32) 2 28 44 188 (BXL)');
    expect(kept.slice(0, 3)).toEqual(story);
    expect(removed).toEqual(expect.arrayContaining(contacts));
    const sentences = ['(+32) is the code callers from abroad dial before a Belgian number, the operator said.'];
    expect(cleanText(paragraphs(...story, ...sentences)).kept).toEqual([...story, ...sentences]);
  });

  it('its header line with the day in numbers, day first, goes and dates it; a sentence with such a day stays', () => {
    const header = 'Press Releases PLENARY SESSION ENVI 03-12-2026 - 12:45';
    const result = clean([article(paragraphs('Parliament backs new rules to cut packaging waste', header, ...story))]).cleaned[0]!;
    expect(result.date).toBe('2026-12-03');
    expect(result.paragraphs.map((p) => p.text)).toEqual(story);
    // Day first: 13-12-2026 is the 13th of December, and a day that is none (31-02-2026) dates nothing.
    expect(clean([article(paragraphs('Plenary session 13.12.2026', ...story))]).cleaned[0]!.date).toBe('2026-12-13');
    expect(clean([article(paragraphs('Plenary session 31-02-2026', ...story))]).cleaned[0]!.date).toBeNull();
    const sentence = 'The vote on 03-12-2026 was the last of the session, and the next plenary opens in January.';
    expect(cleanText(paragraphs(...story, sentence)).kept).toEqual([...story, sentence]);
  });
});

describe('a column’s, a magazine’s and a wire’s notes around the story', () => {
  const story = [
    'Connection queues for wind and solar projects in Europe now exceed 1,700 gigawatts, more than three times the capacity installed today.',
    'Spain, Italy and Germany have each introduced rules this year to weed out speculative applications, such as higher deposits.',
    'But the deeper problem is that transmission investment has lagged demand for a decade, and the gap is widening.',
    'Governments should let network operators build ahead of need, rather than waiting for connection requests to justify each line.',
  ];

  it('the writer’s note under a column, a print-edition note, a wire’s update note and its credit for help go', () => {
    const notes = [
      'The writer is a senior fellow at the Bruegel think-tank in Brussels',
      '(Updates prices in second paragraph.)',
      '--With assistance from Jane Perez.',
      'This article appeared in the Finance & economics section of the print edition under the headline "It is not just the weather"',
    ];
    for (const note of notes) expect(cleanText(paragraphs(...story, note))).toEqual({ kept: story, removed: [note] });
  });

  it('a date line with its place after a bar goes and dates the article; an agency alone before the lead is the publisher', () => {
    const dated = clean([article(paragraphs('Dec 4th 2026 | LONDON', ...story))]).cleaned[0]!;
    expect(dated.date).toBe('2026-12-04');
    expect(dated.paragraphs.map((p) => p.text)).toEqual(story);
    const wire = clean([article(paragraphs(`(Bloomberg) -- ${story[0]}`, ...story.slice(1)))]).cleaned[0]!;
    expect(wire.publisher).toBe('Bloomberg');
  });

  it('sentences like them inside a story stay', () => {
    const sentences = [
      'The author is the first economist to count the connection queues of every European grid operator, and her study covers 1,700 gigawatts of projects.',
      '(Adding the new line would cost £2bn, the regulator estimated.)',
      'This article appeared to contradict the minister’s own figures, opposition MPs said.',
    ];
    expect(cleanText(paragraphs(story[0]!, ...sentences, ...story.slice(1))).kept).toEqual([story[0], ...sentences, ...story.slice(1)]);
  });
});

describe('an earnings release', () => {
  const story = [
    'HOUSTON, Nov. 4, 2026 /PRNewswire/ -- Northwind Energy Inc. (NYSE: NWE) today reported third-quarter net income of $412 million, up 18% from a year earlier, as higher power prices in Texas lifted margins at its gas-fired plants.',
    'Revenue rose 11% to $3.1 billion. The company raised its full-year adjusted earnings guidance to $5.40 to $5.60 a share.',
    '"Demand from data centers continues to exceed our expectations," said Chief Executive Laura Chen.',
  ];

  it('its "About", forward-looking statements and non-GAAP sections go, each under its own label, however short the release', () => {
    const sections = [
      'About Northwind Energy',
      'Northwind Energy runs 24 gigawatts of gas-fired and solar plants in Texas and California.',
      'Forward-Looking Statements',
      'This press release contains forward-looking statements within the meaning of the Private Securities Litigation Reform Act of 1995. These statements are based on management’s current expectations and are subject to risks and uncertainties that could cause actual results to differ materially, including changes in power prices, weather, regulation and the cost of fuel.',
      'Non-GAAP Financial Measures',
      'Adjusted earnings is a non-GAAP financial measure. A reconciliation to the most directly comparable GAAP measure is included in the tables below.',
    ];
    const { kept, removed } = cleanText(paragraphs(...story, ...sections));
    expect(kept).toEqual(story);
    expect(removed).toEqual(sections);
    // Labels in bold, not headings (Markdown, a page's <p><strong>): each label still ends the section before it.
    const bold = sections.map((text, i) => (i % 2 === 0 ? `**${text}**` : text));
    const marked = cleanText(paragraphs(...story, ...bold), 'md');
    expect(marked.kept).toEqual(story);
  });

  it('a story about such measures keeps its sentences', () => {
    const sentences = ['Analysts questioned the company’s use of non-GAAP measures, which exclude restructuring costs of $80 million.', 'About Northwind, the chief executive said little beyond confirming the Texas expansion.'];
    expect(cleanText(paragraphs(...story, ...sentences)).kept).toEqual([...story, ...sentences]);
  });
});

describe('a blog platform’s feed item', () => {
  const story = [
    'More than 80 US cities have now abolished minimum parking requirements for new buildings, according to the Parking Reform Network.',
    'Minneapolis removed its requirements citywide in 2021. Since then, the city has permitted housing faster than almost any other large city in the Midwest.',
    'California’s AB 2097, which took effect in 2023, bars cities from requiring parking within half a mile of major transit stops.',
  ];

  it('loses the platform’s footer under it and a footnote’s mark linked into the page; the note itself and ordinary links stay', () => {
    const footer = 'Why cities are ripping out their parking minimums was originally published in Civic Design Notes on Medium, where people are continuing the conversation by highlighting and responding to this story.';
    const html = `<html><body><article>${story.map((p) => `<p>${p}</p>`).join('')}<hr><p><a href="https://medium.com/x">Why cities are ripping out their parking minimums</a> was originally published in <a href="https://medium.com/c">Civic Design Notes</a> on Medium, where people are continuing the conversation by highlighting and responding to this story.</p></article></body></html>`;
    const result = clean([article(html, { format: 'html' })]).cleaned[0]!;
    expect(result.paragraphs.map((p) => p.text)).toEqual(story);
    expect(result.removed.map((r) => r.text)).toContain(footer);
    // Substack's footnote anchor: a link to the note after the full stop, without <sup>.
    const marked = `<html><body><article><p>${story[0]}<a class="footnote-anchor" href="#footnote-1">1</a></p><p>${story[1]} See <a href="#table-2">2</a> tables.</p><p>${story[2]}</p></article></body></html>`;
    const texts = clean([article(marked, { format: 'html' })]).cleaned[0]!.paragraphs.map((p) => p.text);
    expect(texts[0]).toBe(story[0]);
    expect(texts[1]).toBe(`${story[1]} See 2 tables.`);
  });
});

describe('a postal address on a line of its own', () => {
  const story = [
    'Wexford County Council voted on Tuesday to approve a £40 million flood defence scheme for the town’s quay, after three floods in five years.',
    'The scheme includes a 1.2-metre wall along the quay and new pumps under the market square. Work is due to start in the spring.',
    'Council leader Aoife Byrne said the scheme would protect 600 homes and businesses.',
  ];

  it('goes, with a UK, an Irish or a US postcode; sentences naming places and codes stay', () => {
    const addresses = ['Press Office, Wexford County Council, County Hall, Carricklawn, Wexford Y35 WY93', 'HM Treasury, 1 Horse Guards Road, London SW1A 2HQ', 'Northwind Energy Inc., 910 Louisiana Street, Houston, TX 77002'];
    for (const address of addresses) expect(cleanText(paragraphs(...story, address))).toEqual({ kept: story, removed: [address] });
    const sentences = ['The council meets at County Hall, Carricklawn, on the first Tuesday of every month.', 'The new postcode, Y35 WY93, covers the quay, the market square and the old harbour.'];
    expect(cleanText(paragraphs(...story, ...sentences)).kept).toEqual([...story, ...sentences]);
  });
});

describe('a newsletter’s sign-off and its call to pass the letter on', () => {
  const story = [
    'Denmark’s latest offshore wind tender closed without a single bid, the energy agency said on Monday, after developers balked at the absence of state support.',
    'The three sites in the North Sea could have held 3 gigawatts of turbines, enough to power two million homes.',
    'Ministers said they would redesign the auction with contracts for difference before the summer.',
    'Developers welcomed the promise but said the delay would push the first turbines past 2032.',
  ];

  it('go: “That’s all for today”, “See you tomorrow”, “Forward this to a friend …”; a story’s own words stay', () => {
    for (const furniture of ['That’s all for today, and thanks for reading the letter this morning.', 'See you tomorrow with more from the energy desk.', 'Know someone who would like this? Forward this to a friend who follows the energy transition.', 'Thanks to Jane Doe for editing and Sam Lee for copy editing.', 'Today’s newsletter was edited by Jane Doe and copy edited by Sam Lee.']) {
      expect(cleanText(paragraphs(...story, furniture))).toEqual({ kept: story, removed: [furniture] });
    }
    const sentences = ['The ministry said it would forward the proposal to others in the government before the vote.', 'That was all the agency would say about the tender for now.', 'Thanks to the new subsidy, developers will bid again in the spring.'];
    expect(cleanText(paragraphs(...story, ...sentences)).kept).toEqual([...story, ...sentences]);
  });
});

describe('a post copied from a social network, a video site or a blog platform', () => {
  const post = [
    'The WTO’s Appellate Body has now been unable to hear appeals for five years, and this week’s General Council meeting in Geneva ended without a deal to restore it.',
    'Members agreed only to keep talking in 2027. The United States again blocked the launch of the selection process for new judges, as it has at every meeting since 2019.',
    'For exporters this matters more than it sounds: a losing party can appeal “into the void” and the ruling never takes effect. Eleven panel reports are now stuck that way.',
    'The interim arbitration arrangement, which 57 members have joined, is the only appeal system that works today.',
  ];
  const result = (raw: string) => {
    const cleaned = clean([article(raw)]).cleaned[0]!;
    return { kept: cleaned.paragraphs.map((p) => p.text), removed: cleaned.removed.map((r) => r.text), author: cleaned.author, publisher: cleaned.publisher, date: cleaned.date };
  };

  it('a member’s name with their degree of connection is the byline, and their headline under it goes; a sentence under it stays', () => {
    const got = result(['Maria Okafor • 1st', 'Trade lawyer | WTO dispute settlement | Partner at Okafor & Lee LLP', '2d • Edited •', ...post, '#trade #WTO', 'Like', 'Repost'].join('\n\n'));
    expect(got.kept).toEqual(post);
    expect(got.author).toBe('Maria Okafor');
    expect(got.removed).toContain('Trade lawyer | WTO dispute settlement | Partner at Okafor & Lee LLP');
    const sentence = 'Geneva was quiet this week as trade ministers left without a deal on the appeals court.';
    expect(result(['Sam Lee (He/Him) • 3rd+', sentence, ...post].join('\n\n'))).toMatchObject({ author: 'Sam Lee', kept: [sentence, ...post] });
  });

  it('a video page: the channel over its count is the publisher, the views line dates it, the transcript prompt and the channel’s tabs go', () => {
    const raw = ['Why the WTO appeals court is still shut', 'Trade Explained', '412K subscribers', 'Subscribe', '384,201 views 6 Dec 2026 #trade', ...post, 'Show less', 'Transcript', 'Follow along using the transcript.', 'Show transcript', 'Trade Explained', '412K subscribers', 'Videos', 'About'].join('\n');
    expect(result(raw)).toMatchObject({ kept: post, publisher: 'Trade Explained', date: '2026-12-06' });
    // Names in the story, and short lines after it with no channel's card over them, stay.
    const listed = [...post, 'The members who have joined include:', 'Canada', 'Japan', 'Mexico'];
    expect(result(listed.join('\n\n')).kept).toEqual(listed);
    expect(result(['Trade Explained', '412K subscribers', ...listed].join('\n\n')).kept).toEqual(listed);
  });

  it('a blog platform’s tags and writer’s card under the post go; a list ending the story stays', () => {
    const raw = ['Why the WTO appeals court is still shut', ...post, 'Trade Policy', 'Geneva', 'Dispute Settlement', 'Written by Dana Whitfield', '2.1K Followers', 'Trade lawyer writing about the rules of world trade.', 'More from Dana Whitfield'].join('\n\n');
    const got = result(raw);
    expect(got.kept).toEqual(post);
    expect(got.removed).toEqual(expect.arrayContaining(['Trade Policy', 'Geneva', 'Dispute Settlement', 'Trade lawyer writing about the rules of world trade.']));
    const winners = [...post, 'The judges named as the next members of the panel:', 'Ana Ruiz', 'Tomas Berg', 'Lena Okoro'];
    expect(result(winners.join('\n\n')).kept).toEqual(winners);
    // One short line over the card is no run of tags; two lines after a byline are the story's, not a card's.
    expect(result([...post, 'Geneva', 'Written by Dana Whitfield'].join('\n\n')).kept).toEqual([...post, 'Geneva']);
    // A byline over a short post is the post's own, not a card under another's.
    expect(result(['Written by Dana Whitfield', post[3]!].join('\n\n')).kept).toEqual([post[3]]);
    const more = ['Ministers meet again in March.', 'Nothing is expected of that meeting.'];
    expect(result([...post, 'Written by Dana Whitfield', ...more].join('\n\n')).kept).toEqual([...post, ...more]);
  });
});

describe('a blog platform’s e-mail: its app link and the day without its year', () => {
  const story = [
    'More than 2,600 gigawatts of wind, solar and storage projects are now waiting to connect to the American grid, more than twice the capacity of every power plant in the country.',
    'Under the old rules, a developer could join the queue for a small deposit and keep its place for years, even when it had no land and no buyer for the power.',
    'The new rules replace first-come study with cluster studies, raise deposits, and require developers to show land rights.',
    'Operators expect the changes to cut study times from four years to about eighteen months by 2028.',
  ];

  it('go: “READ IN APP”, “Open in app”, “Dec 6”, “6 December”; a sentence about the day stays', () => {
    for (const furniture of ['READ IN APP', 'Open in app', 'Dec 6', '6 December']) {
      expect(cleanText(paragraphs(story[0]!, furniture, ...story.slice(1)))).toEqual({ kept: story, removed: [furniture] });
    }
    const sentence = 'Dec 6 is the day the new rules take effect for every project in the queue.';
    expect(cleanText(paragraphs(...story, sentence)).kept).toEqual([...story, sentence]);
  });
});

describe('a company’s announcement under its name', () => {
  const story = [
    'Harbourline Group plc today announces its results for the six months ended 30 September 2026.',
    'Revenue rose 8% to £412 million, driven by growth in digital subscriptions, while operating profit fell 3% to £38 million.',
    'The board has declared an interim dividend of 4.2p per share, unchanged from last year, payable on 15 January 2027.',
    'Chief executive Amira Santos said the group expected slower growth in the second half as price rises took effect.',
  ];

  it('is titled by its short title with the issuer’s name before it, the issuer its publisher; a short line under no issuer stays', () => {
    const result = clean([article(paragraphs('Harbourline Group plc', 'Half-year results', ...story))]).cleaned[0]!;
    expect(result).toMatchObject({ title: 'Harbourline Group plc: Half-year results', publisher: 'Harbourline Group plc' });
    expect(result.paragraphs.map((p) => p.text)).toEqual(story);
    const untitled = clean([article(paragraphs('Half-year results', ...story))]).cleaned[0]!;
    expect(untitled.title).toBeNull();
    expect(untitled.paragraphs.map((p) => p.text)).toEqual(['Half-year results', ...story]);
  });
});

