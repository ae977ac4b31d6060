import { cleanArticles } from '../../pipeline/clean/index.ts';
import { configSchema, type Config, type ConfigInput } from '../../pipeline/config/schema.ts';
import { makeArticle, type StatedArticle } from '../../pipeline/ingest/article.ts';
import { ingestContent } from '../../pipeline/ingest/index.ts';
import type { StageCache } from '../../pipeline/common/cache.ts';
import type { StageContext } from '../../pipeline/common/context.ts';
import { Reporter } from '../../pipeline/common/report.ts';
import type { Article, InputFormat } from '../../pipeline/types.ts';

export const REPO = new URL('../../', import.meta.url).pathname;

export function context(config: ConfigInput = {}): { ctx: StageContext; reporter: Reporter; config: Config } {
  const reporter = new Reporter();
  const parsed = configSchema.parse(config);
  return { ctx: { config: parsed, cwd: REPO, report: reporter.for('clean') }, reporter, config: parsed };
}

export function article(raw: string, options: Partial<StatedArticle> & { format?: InputFormat } = {}): Article {
  const id = options.id ?? 'test';
  return makeArticle({ id, origin: { file: `content/${id}.${options.format ?? 'txt'}` }, format: 'txt', raw, ...options });
}

/** Cleans articles as the build does (one collection), returning the messages too. */
export function clean(articles: Article[], config: ConfigInput = {}, cache?: StageCache) {
  const { ctx, reporter } = context(config);
  const cleaned = cleanArticles(articles, ctx, cache);
  return { cleaned, messages: reporter.messages };
}

/** The sample articles in `content/`, ingested as the build does. */
export function sampleArticles(): Article[] {
  const reporter = new Reporter();
  return ingestContent('content', { config: configSchema.parse({}), cwd: REPO, report: reporter.for('ingest') });
}
