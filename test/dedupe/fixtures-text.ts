/** Hand-written reports (fictional events) for the dedupe tests. */

export const FLOOD = [
  'Heavy rain flooded the centre of Marlow on Thursday, forcing the evacuation of about 300 homes along the river Thame, the Environment Agency said.',
  'Firefighters from Buckinghamshire used boats to reach residents trapped on upper floors, and the council opened an emergency shelter at the Marlow leisure centre.',
  '“We have never seen the water rise this quickly,” said Helen Ashby, who has run a bakery on the high street for twenty years.',
  'The agency issued a severe flood warning for the lower Thame valley and said more rain was expected overnight, with levels peaking on Friday morning.',
  'Network Rail closed the line between Marlow and Bourne End after the embankment near the station was undermined by the flood water.',
  'Council leader Tom Ridley said the authority would seek emergency funding from the government to repair roads and bridges damaged by the water.',
];

/** Another earthquake-like event of the same kind: a flood, elsewhere, other people. */
export const OTHER_FLOOD = [
  'Torrential rain flooded the market town of Keswick on Thursday, forcing the evacuation of dozens of homes beside the river Greta, Cumbria police said.',
  'Mountain rescue volunteers used boats to reach residents trapped in cottages, and the county council opened a rest centre in the Keswick school hall.',
  '“The river came over the wall in minutes,” said Graham Pike, a retired teacher who lives on Station Street.',
  'Forecasters at the Met Office issued an amber warning for the Lake District and said more rain was expected overnight, with rivers peaking on Friday.',
  'The A66 was closed between Keswick and Penrith after a landslip, and Cumbria county council said repairs could take weeks.',
];

export const PROMO = 'Sign up to our free morning newsletter to get the day’s top stories delivered straight to your inbox every weekday.';
