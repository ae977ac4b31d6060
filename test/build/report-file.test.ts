import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commitStaging, createStaging } from '../../pipeline/build/atomic-out.ts';
import { writeReport } from '../../pipeline/build/report-file.ts';
import { messagesJson, Reporter } from '../../pipeline/common/report.ts';
import type { Message } from '../../pipeline/types.ts';

function message(i: number): Message {
  return {
    file: i % 3 === 0 ? null : `content/a-${i}.md`,
    line: i % 3 === 0 ? null : i,
    stage: i % 2 ? 'clean' : 'summarise',
    ruleId: 'clean/promo',
    severity: i % 5 === 0 ? 'warning' : 'info',
    // Non-Latin text, quotes, a line break and a separator that must stay inside their strings.
    reason: `reason ${i} — “quoted” 日本 \n ,\n {"x": [1]}`,
    ...(i % 4 === 0 ? { detail: { nested: { list: [i, 'two'] } } } : {}),
  };
}

describe('report.json', () => {
  it('holds every message in order with the counts, one message per line', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'briefing-report-'));
    // Enough messages to be written in several slices.
    const messages = Array.from({ length: 6000 }, (_, i) => message(i));
    writeReport(dir, messages);
    const text = readFileSync(path.join(dir, 'report.json'), 'utf8');
    expect(JSON.parse(text)).toEqual({ counts: { info: 4800, warning: 1200, error: 0 }, messages });
    const lines = text.split('\n');
    expect(lines[0]).toBe('{"counts":{"info":4800,"warning":1200,"error":0},"messages":[');
    expect(lines).toHaveLength(messages.length + 3);
    expect(JSON.parse(lines[1]!.replace(/,$/, ''))).toEqual(messages[0]);
    expect(text.endsWith('\n]}\n')).toBe(true);
  });

  it('is valid JSON with no messages', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'briefing-report-'));
    writeReport(dir, []);
    expect(JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8'))).toEqual({ counts: { info: 0, warning: 0, error: 0 }, messages: [] });
  });
});

describe('report.json with details shared between messages', () => {
  /** The report as the plain writer makes it: every message serialised whole. */
  const plain = (messages: Message[]) => {
    const counts = { info: 0, warning: 0, error: 0 };
    for (const m of messages) counts[m.severity]++;
    return `{"counts":${JSON.stringify(counts)},"messages":[${messages.length > 0 ? `\n${messages.map((m) => JSON.stringify(m)).join(',\n')}\n` : ''}]}\n`;
  };

  it('is byte for byte the plain report, for random messages sharing random details, and leaves the messages as they were', () => {
    fc.assert(
      fc.property(
        fc.array(fc.jsonValue(), { minLength: 1, maxLength: 6 }),
        fc.array(fc.record({ detail: fc.nat(), shape: fc.constantFrom('last', 'first', 'none', 'toJSON', 'array', 'empty-head'), text: fc.string({ unit: 'binary' }) }), { maxLength: 40 }),
        (values, picks) => {
          const details = values.map((value) => ({ value, text: 'Donate today \u0001g0:0\u0001 “quoted”' }) as Record<string, unknown>);
          const arrays = values.map((value) => [value, 'x']);
          const messages = picks.map(({ detail, shape, text }, i) => {
            const shared = details[detail % details.length]!;
            if (shape === 'first') return { detail: shared, file: `content/${i}.md`, line: i, stage: 'clean', ruleId: 'clean/promo', severity: 'info', reason: text } as Message;
            if (shape === 'none') return { file: null, line: null, stage: 'clean', ruleId: 'clean/promo', severity: 'warning', reason: text } as Message;
            if (shape === 'empty-head') return { detail: shared } as unknown as Message;
            const m = { file: `content/${i}.md`, line: i, stage: 'clean', ruleId: 'clean/promo', severity: 'info', reason: text, articleId: `a${i}`, detail: shape === 'array' ? arrays[detail % arrays.length] : shared } as Message;
            if (shape === 'toJSON') Object.defineProperty(m, 'toJSON', { value: () => ({ replaced: i }), enumerable: false });
            return m;
          });
          const before = messages.map((m) => JSON.stringify(m));
          const dir = mkdtempSync(path.join(tmpdir(), 'briefing-report-'));
          writeReport(dir, messages);
          expect(readFileSync(path.join(dir, 'report.json'), 'utf8')).toBe(plain(messages));
          expect(messages.map((m) => JSON.stringify(m))).toEqual(before);
          for (const m of messages) if ('detail' in m) expect(m.detail).toBeDefined();
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('report.json from messages said again with their text', () => {
  /** Messages as a stage records them (through a reporter of that stage), and back through JSON as a cache gives them. */
  function recorded(stage: 'clean' | 'summarise', from: number, count: number, pad = ''): Message[] {
    const recorder = new Reporter();
    const report = recorder.for(stage);
    for (let i = from; i < from + count; i++) {
      const { ruleId, reason: short, file, line, detail } = message(i);
      const reason = short + pad;
      (i % 5 === 0 ? report.warn : report.info).call(report, { ruleId, reason, file, line, ...(detail && { detail }) });
    }
    return JSON.parse(JSON.stringify(recorder.messages)) as Message[];
  }

  function reportText(build: (reporter: Reporter) => void): string {
    const reporter = new Reporter();
    build(reporter);
    const dir = mkdtempSync(path.join(tmpdir(), 'briefing-report-'));
    writeReport(dir, reporter.messages);
    return readFileSync(path.join(dir, 'report.json'), 'utf8');
  }

  it('is byte for byte the report of the same messages said one by one', () => {
    // Runs large and small, between messages said one by one, across several buffer flushes.
    // Past the writer's 4 MB buffer: runs of 1 MB messages (5 MB a run), and a message too long to encode into it.
    const runs = [recorded('clean', 0, 3000), recorded('clean', 3000, 1), recorded('clean', 3001, 2500), recorded('clean', 5501, 5, '“'.repeat(1 << 20))];
    const long = 'long ☃'.repeat(400_000);
    const replayed = reportText((reporter) => {
      reporter.for('ingest').warn({ ruleId: 'ingest/x', reason: 'first “one”', file: 'a', line: 1 });
      reporter.for('ingest').info({ ruleId: 'ingest/long', reason: long });
      reporter.for('clean').replaySerialised(runs[0]!, messagesJson(runs[0]!));
      reporter.for('dedupe').info({ ruleId: 'dedupe/y', reason: 'between' });
      reporter.for('clean').replaySerialised(runs[1]!, messagesJson(runs[1]!));
      reporter.for('clean').replaySerialised(runs[2]!, messagesJson(runs[2]!));
      reporter.for('clean').replaySerialised(runs[3]!, messagesJson(runs[3]!));
      reporter.for('clean').replaySerialised([], '');
    });
    const plain = reportText((reporter) => {
      reporter.for('ingest').warn({ ruleId: 'ingest/x', reason: 'first “one”', file: 'a', line: 1 });
      reporter.for('ingest').info({ ruleId: 'ingest/long', reason: long });
      for (const run of runs.slice(0, 1)) for (const m of run) reporter.push(m);
      reporter.for('dedupe').info({ ruleId: 'dedupe/y', reason: 'between' });
      for (const run of runs.slice(1)) for (const m of run) reporter.push(m);
    });
    expect(replayed).toBe(plain);
    const parsed = JSON.parse(replayed) as { messages: Message[] };
    expect(parsed.messages).toHaveLength(5509);
    expect(parsed.messages[1]!.reason).toBe(long);
    expect(parsed.messages.slice(-5)).toEqual(runs[3]);
  });

  it('uses the text it was given for the run (the writer copies it, not the messages)', () => {
    const run = recorded('clean', 0, 2);
    const text = reportText((reporter) => reporter.for('clean').replaySerialised(run, messagesJson(run).replace('reason 1', 'REASON 1')));
    expect(text).toContain('REASON 1');
  });

  it('does not trust a run whose messages were moved: they are serialised again', () => {
    const run = recorded('clean', 0, 4);
    const reporter = new Reporter();
    reporter.for('clean').replaySerialised(run, messagesJson(run).replace('reason 1', 'REASON 1'));
    reporter.messages.splice(1, 1);
    const dir = mkdtempSync(path.join(tmpdir(), 'briefing-report-'));
    writeReport(dir, reporter.messages);
    const text = readFileSync(path.join(dir, 'report.json'), 'utf8');
    expect(text).not.toContain('REASON 1');
    expect(JSON.parse(text).messages).toEqual(reporter.messages);
  });

  it('says messages of another stage one by one, under the replaying stage, without their text', () => {
    const run = recorded('summarise', 0, 3);
    const reporter = new Reporter();
    const seen: Message[] = [];
    reporter.onMessage = (m) => seen.push(m);
    reporter.for('clean').replaySerialised(run, 'not used');
    expect(reporter.messages.map((m) => m.stage)).toEqual(['clean', 'clean', 'clean']);
    expect(reporter.messages.map((m) => m.reason)).toEqual(run.map((m) => m.reason));
    expect(seen).toEqual(reporter.messages);
    const dir = mkdtempSync(path.join(tmpdir(), 'briefing-report-'));
    writeReport(dir, reporter.messages);
    expect(JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8')).messages).toEqual(reporter.messages);
  });
});

describe('commitStaging', () => {
  it('removes the whole previous out/, nested folders and all', () => {
    const parent = mkdtempSync(path.join(tmpdir(), 'briefing-commit-'));
    const out = path.join(parent, 'out');
    mkdirSync(path.join(out, 'editions', '2025-01-01', 'deeper'), { recursive: true });
    writeFileSync(path.join(out, 'index.html'), 'old');
    writeFileSync(path.join(out, 'editions', '2025-01-01', 'deeper', 'x.txt'), 'old');
    const staging = createStaging(out);
    writeFileSync(path.join(staging, 'index.html'), 'new');
    commitStaging(staging, out);
    expect(readFileSync(path.join(out, 'index.html'), 'utf8')).toBe('new');
    expect(existsSync(path.join(out, 'editions'))).toBe(false);
    expect(readdirSync(parent)).toEqual(['out']);
  });
});
