import type { StageContext } from '../../common/context.ts';
import type { StatedArticle } from '../article.ts';

/** A decoded input file handed to a format reader. */
export interface InputFile {
  /** Path shown in messages (relative to the working directory). */
  display: string;
  /** Id basis: path relative to the content folder without its format suffix. */
  idBase: string;
  text: string;
  /** The file's bytes as read (for a reader that decodes parts itself: an e-mail's parts each state their charset). */
  bytes: Uint8Array;
}

/** Reads one file into zero or more articles, reporting problems by file and line. */
export type FormatReader = (file: InputFile, ctx: StageContext) => StatedArticle[];
