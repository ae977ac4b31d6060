import type { FormatReader } from './types.ts';

/** An HTML page: kept whole; the clean stage finds the article and its metadata in it. */
export const readHtml: FormatReader = (file) => [{ id: file.idBase, origin: { file: file.display }, format: 'html', raw: file.text }];
