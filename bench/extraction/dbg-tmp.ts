import { loadPages } from './data.ts';
import { parseHtml } from '../../pipeline/clean/html/parse.ts';
import { analyse } from '../../pipeline/clean/html/analyse.ts';
import { finalScore } from '../../pipeline/clean/html/select.ts';
const page = loadPages('/work/shared/bench-data/article-extraction-benchmark').find((p) => p.id.startsWith(process.argv[2]!))!;
const a = analyse(parseHtml(page.html).tree);
const desc = (i: any) => `${i.el.tagName}.${String(i.el.properties.className ?? '').slice(0, 40)}#${i.el.properties.id ?? ''}`;
for (const [el, i] of a.infos) if (String(el.properties.className ?? '').includes(process.argv[3]!)) { let chain = ''; for (let p: any = i; p; p = p.parent) chain += desc(p) + (p.hidden ? '(H)' : '') + ' < '; console.log(finalScore(i), i.score, i.textLen, i.paragraphs, i.hint, chain); }
import { selectContainers } from '../../pipeline/clean/html/select.ts';
const sel = selectContainers(a);
console.log('TOP', sel.top && desc(sel.top), [...sel.containers].map((e) => desc(a.infos.get(e)) + ' ' + a.infos.get(e)?.textLen));
for (const [el, i] of a.infos) if (String(el.properties.className ?? '') === 'article__content') for (let p: any = i; p; p = p.parent) console.log(desc(p), p.hint.rule, p.hint.positive, p.textLen, a.totalText, p.boiler);
