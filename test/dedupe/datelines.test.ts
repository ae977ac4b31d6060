/**
 * A wire dateline ("SANTIAGO, Nov 4 (Northern Wire) - ") names the agency and the day, not the
 * event: two reports an agency files the same day about different events must not be grouped on
 * its words (features.ts). Invented reports in one agency's template (written for a probe of the
 * tool), and a second agency's report of the first event.
 */
import { describe, expect, it } from 'vitest';
import { article, dedupe, storyOf } from './helpers.ts';

const DAY = '2026-11-04';

const CHILE = [
  'SANTIAGO, Nov 4 (Northern Wire) - A magnitude 6.1 earthquake struck central Chile on Wednesday, shaking buildings in the capital Santiago and the coastal city of La Serena, but there were no immediate reports of serious damage or casualties, authorities said.',
  'The quake hit at 10:17 a.m. local time at a depth of 38 km, about 45 km southwest of the town of Ovalle in the Coquimbo region, the U.S. Geological Survey (USGS) said.',
  "Chile's navy said the earthquake did not meet the conditions to generate a tsunami on the country's coast, and the national disaster agency Senapred said it had no reports of injuries.",
  '\"We felt it very strongly, the shelves were moving and people ran into the street, but everything seems fine,\" said Carolina Muñoz, a shop worker in La Serena.',
  'Copper miner Andina Minerals said it had briefly halted work at its Los Pelambres concentrator as a precaution and resumed operations after inspections.',
  'Chile is one of the most seismically active countries in the world. A magnitude 8.8 earthquake and tsunami in 2010 killed more than 500 people.',
];
const TURKEY = [
  "ISTANBUL, Nov 4 (Northern Wire) - A magnitude 5.8 earthquake struck eastern Turkey on Wednesday, injuring at least 34 people and damaging several older buildings in the province of Malatya, Turkey's disaster agency said.",
  'The quake hit at 3:42 p.m. local time at a depth of 9 km, centred in the Yesilyurt district of Malatya, the disaster and emergency management authority AFAD said. The U.S. Geological Survey put its magnitude at 5.7.',
  'Most of the injured were hurt jumping from windows or balconies in panic, the Interior Ministry said, and none were in a serious condition. Three empty buildings that had been damaged in the 2023 earthquakes collapsed.',
  '\"Everyone is out in the streets. People are afraid to go back inside,\" said Mehmet Kaya, a teacher in Malatya city.',
  "Schools in the province will be closed on Thursday while engineers inspect them, the governor's office said.",
  'Malatya was among the 11 provinces devastated by the February 2023 earthquakes, which killed more than 53,000 people in Turkey.',
];
/** Another agency's report of the Chile quake, with its own dateline. */
const CHILE_OTHER = [
  'LA SERENA, Chile, Nov 4 (Andes Press) - A strong earthquake of magnitude 6.1 shook central Chile on Wednesday, rattling buildings in La Serena and Santiago without causing serious damage, officials said.',
  'The U.S. Geological Survey said the quake struck at a depth of 38 km southwest of Ovalle in the Coquimbo region.',
  'Senapred, the national disaster agency, said it had no reports of injuries, and the navy ruled out a tsunami.',
];

describe('wire datelines', () => {
  it('are no evidence that two of one agency’s reports of the day tell one event, and do not keep two agencies’ reports of one event apart', () => {
    const { stories } = dedupe([
      article('chile', CHILE, { date: DAY, publisher: 'Northern Wire' }),
      article('turkey', TURKEY, { date: DAY, publisher: 'Northern Wire' }),
      article('chile-other', CHILE_OTHER, { date: DAY, publisher: 'Andes Press' }),
    ]);
    expect(storyOf(stories, 'chile').id).toBe(storyOf(stories, 'chile-other').id);
    expect(storyOf(stories, 'turkey').id).not.toBe(storyOf(stories, 'chile').id);
  });
});
