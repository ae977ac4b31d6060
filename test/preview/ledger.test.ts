import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Ledger } from '../../pipeline/deliver/ledger.ts';
import { sentEditions } from '../../pipeline/preview/ledger.ts';

describe('sent status from the send ledger', () => {
  it('counts recipients the delivery ledger records as sent, and nothing else', () => {
    const state = mkdtempSync(path.join(tmpdir(), 'preview-ledger-'));
    const ledger = new Ledger(state);
    ledger.record('2025-03-18', 'a@example.org', 'sent', '<1@x>', 1);
    ledger.record('2025-03-18', 'b@example.org', 'sent', '<2@x>', 1);
    ledger.record('2025-04-23', 'a@example.org', 'failed', '<3@x>', 1);
    ledger.record('2025-02-23', 'a@example.org', 'sending', '<4@x>', 1);
    ledger.recordRun('2025-04-23', { sent: 0, failed: 1, deferred: 0, complete: true });
    ledger.close();
    expect(sentEditions(state)).toEqual(new Map([['2025-03-18', 2]]));
  });

  it('reads JSON-lines logs and ignores what it does not understand', () => {
    const state = mkdtempSync(path.join(tmpdir(), 'preview-ledger-'));
    writeFileSync(path.join(state, 'sent.jsonl'), '{"edition":"2025-03-18","status":"sent"}\nnot json\n{"edition":"2025-03-19","status":"failed"}\n');
    writeFileSync(path.join(state, 'broken.sqlite'), 'this is not a database');
    expect(sentEditions(state)).toEqual(new Map([['2025-03-18', 1]]));
    expect(sentEditions(path.join(state, 'missing'))).toEqual(new Map());
  });
});
