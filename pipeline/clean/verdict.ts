import type { AnalysedParagraph } from './analyse.ts';
import type { Signal } from './furniture/score.ts';

/** What the decision pass holds for one paragraph while it decides (decide.ts, credits.ts). */
export interface Verdict {
  paragraph: AnalysedParagraph;
  signals: Signal[];
  score: number;
  ruleId: string | null;
  /** Why a paragraph that a rule would remove stays. */
  keptBy?: string;
}

/** Whether a cue of this label is among the paragraph's evidence. */
export const hasCue = (verdict: Verdict, label: string) => verdict.signals.some((s) => s.name === 'cue' && s.label === label);
