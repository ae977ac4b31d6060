/**
 * What an element's class, id and role say about it. Publishers name their
 * furniture (`site-nav`, `cookie-banner`, `related-stories`, `comments`), so
 * the names are a strong, general signal; each kind maps to the rule id its
 * removal is reported under. Names are split into words (`relatedArticles`,
 * `related_articles`, `related-articles` → related, articles) so short words
 * like `ad` match only as a whole word, never inside `header` or `shadow`.
 * A few common non-English names (rodapé, Werbung, comentarios…) are included
 * because publishers everywhere name their furniture in their own language.
 */
import type { Element } from 'hast';

export type BoilerplateRule =
  | 'clean/navigation'
  | 'clean/comments'
  | 'clean/related'
  | 'clean/cookie-notice'
  | 'clean/footer'
  | 'clean/share'
  | 'clean/promo'
  | 'clean/sidebar'
  | 'clean/byline'
  | 'clean/header'
  | 'clean/media';

interface HintRule {
  rule: BoilerplateRule;
  /** Matched against the joined lower-case words of class, id and role. */
  pattern: RegExp;
  reason: string;
}

/** How a kicker's removal is described (html/index.ts reads a commentary label from it). */
export const KICKER_REASON = 'kicker over the headline';

// Order matters: the first rule that matches names the removal.
const RULES: HintRule[] = [
  { rule: 'clean/cookie-notice', pattern: /\b(cookies?|consent|gdpr|cmp|onetrust|privacy banner)\b/, reason: 'cookie or consent notice' },
  { rule: 'clean/comments', pattern: /\b(comments?|commenting|disqus|respond|replies|discussion|talkback|kommentare?|comentarios?|commentaires?|commenti|reacties)\b/, reason: 'reader comments' },
  { rule: 'clean/related', pattern: /\b(related|recommended|recommendations?|recirc|more stories|more news|also like|trending|popular|most read|most popular|outbrain|taboola|next article|up next|further reading|relacionad[ao]s?|similaires|verwandte|correlati|lees ook)\b/, reason: 'related or recommended links' },
  { rule: 'clean/share', pattern: /\b(share|sharing|social|sharebar|follow us|print|tools|toolbar|reactions?|compartir|partager|teilen|condividi|compartilhar)\b/, reason: 'share, follow and print tools' },
  { rule: 'clean/promo', pattern: /\b(ad|ads|advert|adverts|advertisement|adslot|dfp|sponsor|sponsored|promo|promos|promotion|subscribe|subscription|newsletter|signup|sign up|paywall|donate|donation|membership|banner|marketing|commercial|disclaimer|disclosure|affiliate|werbung|anzeigen?|publicidad|publicidade|publicite|pubblicita|anuncios?|reklame?|reclame)\b/, reason: 'advertising, promotion or sign-up' },
  { rule: 'clean/navigation', pattern: /\b(nav|navbar|navigation|menu|breadcrumbs?|skip|pagination|pager|topbar|tags|tag list|keywords|topics|navegacion|navigazione)\b/, reason: 'site navigation' },
  { rule: 'clean/footer', pattern: /\b(footer|foot|colophon|copyright|legal|contentinfo|rodape|fusszeile|pie de pagina|pied de page)\b/, reason: 'page footer' },
  { rule: 'clean/sidebar', pattern: /\b(sidebar|side bar|aside|rail|right rail|widget|widgets|complementary)\b/, reason: 'sidebar' },
  { rule: 'clean/media', pattern: /\b(caption|captions|credit|credits|gallery|slideshow|slider|carousel|lightbox|photo|photos|image|images|img|picture|video|videos|player|media|figure|enlarge)\b/, reason: 'image, caption, credit or gallery' },
  // The line over the headline that says what kind of piece it is ("Blog post", "Opinion"): a kicker, an eyebrow, an overline.
  { rule: 'clean/header', pattern: /\b(kicker|eyebrow|overline)\b/, reason: KICKER_REASON },
  { rule: 'clean/header', pattern: /\b(header|masthead|site header|banner)\b/, reason: 'page header' },
  // "metadata" as GOV.UK and many CMSs name the block of "From: … Published …" over the text ("gem-c-metadata").
  { rule: 'clean/byline', pattern: /\b(byline|author|authors|author info|bio|contributor|dateline|timestamp|published|post meta|article meta|entry meta|meta|metadata)\b/, reason: 'byline, date line or article metadata' },
];

/** Names that mark the article itself; they veto a boilerplate reading of the same element. */
const POSITIVE = /\b(article|articles body|article body|body|content|entry|main|post|story|text|blog|hentry|h entry|page content|prose|artikel|articulo|contenido|conteudo|contenu|inhalt|noticia|texto)\b/;

const EMBED = /\b(embed|embedded|tweet|twitter tweet|instagram media)\b/;

/** Tags that are furniture whatever their names. */
const TAG_RULES: Record<string, BoilerplateRule> = {
  nav: 'clean/navigation',
  footer: 'clean/footer',
  aside: 'clean/sidebar',
  figure: 'clean/media',
  figcaption: 'clean/media',
  picture: 'clean/media',
};

/**
 * A `<figure>` holding a table is the article's data, not an image: WordPress's editor wraps
 * every table in one (`<figure class="wp-block-table"><table>…`), and HTML5 allows any figure.
 */
function isTableFigure(el: Element): boolean {
  if (el.tagName !== 'figure') return false;
  const holds = (node: Element, depth: number): boolean =>
    node.children.some((child) => child.type === 'element' && (child.tagName === 'table' || (depth > 0 && holds(child, depth - 1))));
  return holds(el, 2);
}

export interface Hint {
  /** Set when the names say this is furniture. */
  rule: BoilerplateRule | null;
  reason: string;
  /** The names say this is the article. */
  positive: boolean;
}

const NONE: Hint = { rule: null, reason: '', positive: false };

const STATE_MODIFIER = /(?:^|\s)(?:has|with|without|no|show|hide|is|enable|disable|enabled|disabled)[-_][\w-]+/gi;

const NON_ASCII = /[^\x00-\x7f]/;

function words(value: unknown): string {
  if (value == null) return '';
  let text = Array.isArray(value) ? value.join(' ') : String(value);
  // Accents off, so "rodapé" and "comentários" read as words of the patterns.
  if (NON_ASCII.test(text)) text = text.normalize('NFD').replace(/\p{M}+/gu, '');
  return text
    // State modifiers describe the page, not the element: "has-section-nav", "with-sidebar", "is-sticky".
    .replace(STATE_MODIFIER, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ');
}

/**
 * Pages repeat the same few hundred class names thousands of times: the hint
 * of each (tag, names) pair is worked out once. Bounded so a page of unique ids
 * cannot grow it without end.
 */
const cache = new Map<string, Hint>();
const CACHE_LIMIT = 20_000;

export function hintFor(el: Element): Hint {
  const props = el.properties;
  const key = `${el.tagName}${isTableFigure(el) ? ' table' : ''}\u0000${String(props.className ?? '')}\u0000${String(props.id ?? '')}\u0000${String(props.role ?? '')}\u0000${String(props.itemProp ?? '')}`;
  let hint = cache.get(key);
  if (!hint) {
    hint = computeHint(el);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, hint);
  }
  return hint;
}

function computeHint(el: Element): Hint {
  const props = el.properties;
  const names = `${words(props.className)} ${words(props.id)} ${words(props.role)} ${words(props.itemProp)}`.trim();
  const tagRule = isTableFigure(el) ? undefined : TAG_RULES[el.tagName];
  if (!names) return tagRule ? { rule: tagRule, reason: `<${el.tagName}> element`, positive: false } : NONE;
  const positive = POSITIVE.test(names);
  // An element named both ways ("post-comments", "article-sidebar") keeps both
  // readings: the extractor weighs them against how much of the text it holds.
  // Embedded posts (tweets, Instagram) are quoted material of the story, whatever their wrapper says.
  if (EMBED.test(names)) return positive ? { rule: null, reason: '', positive } : NONE;
  for (const rule of RULES) {
    if (rule.pattern.test(names)) return { rule: rule.rule, reason: `${rule.reason} (class/id "${names.slice(0, 60)}")`, positive };
  }
  // The names say what kind of furniture (<aside class="related">); the tag only that it is some.
  if (tagRule) return { rule: tagRule, reason: `<${el.tagName}> element`, positive };
  return positive ? { rule: null, reason: '', positive } : NONE;
}
