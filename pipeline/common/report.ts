import type { Message, Severity, StageName } from '../types.ts';

/** What a stage says about one decision or problem; the stage name is added for it. */
export interface MessageInput {
  ruleId: string;
  reason: string;
  file?: string | null;
  line?: number | null;
  column?: number;
  articleId?: string;
  detail?: Record<string, unknown>;
}

/**
 * A run of consecutive messages of a `Reporter` whose `report.json` text is
 * already known (they were said again from a cache that kept it): the report
 * writer copies these bytes instead of serialising the messages again.
 */
export interface SerialisedRun {
  /** Index of the run's first message in `Reporter.messages`. */
  start: number;
  count: number;
  /** The run's first and last message objects: the writer uses the bytes only if the array still holds these there. */
  first: Message;
  last: Message;
  /** UTF-8 of `messagesJson(run's messages)`: each message's JSON, joined by `,\n`. */
  bytes: Uint8Array;
}

/**
 * The text a run of messages takes in `report.json`: each message as
 * `JSON.stringify` writes it, one per line (joined by `,\n`). A stage that
 * caches messages keeps this beside them, made once when they are recorded,
 * and hands it back with `StageReporter.replaySerialised`.
 */
export function messagesJson(messages: readonly Message[]): string {
  let text = '';
  for (let i = 0; i < messages.length; i++) text += (i === 0 ? '' : ',\n') + JSON.stringify(messages[i]);
  return text;
}

/**
 * The serialised runs of a reporter's `messages` array (`writeReport` is
 * given the array alone, as every caller already passes `reporter.messages`).
 */
const runsByMessages = new WeakMap<readonly Message[], SerialisedRun[]>();

export function serialisedRunsOf(messages: readonly Message[]): readonly SerialisedRun[] {
  return runsByMessages.get(messages) ?? [];
}

const utf8 = new TextEncoder();

/**
 * Collects every message of a run. Stages get a `StageReporter` bound to their
 * name (`report.for('clean')`) so a message always says which stage decided.
 */
export class Reporter {
  readonly messages: Message[] = [];
  /** Called for each message as it arrives (the CLI uses it for live output). */
  onMessage?: (message: Message) => void;

  for(stage: StageName): StageReporter {
    return new StageReporter(stage, this);
  }

  push(message: Message): void {
    this.messages.push(message);
    this.onMessage?.(message);
  }

  /**
   * Adds messages that are already complete (`stage` included) together with
   * their report text, `json` = `messagesJson(messages)`: `report.json` copies
   * the text's bytes instead of serialising each message again (for a year,
   * most of the ~150 MB report is messages said again from the stages' caches).
   */
  pushSerialised(messages: readonly Message[], json: string): void {
    if (messages.length === 0) return;
    const start = this.messages.length;
    for (const message of messages) this.push(message);
    let runs = runsByMessages.get(this.messages);
    if (!runs) runsByMessages.set(this.messages, (runs = []));
    runs.push({ start, count: messages.length, first: messages[0]!, last: messages[messages.length - 1]!, bytes: utf8.encode(json) });
  }

  count(severity: Severity): number {
    return this.messages.filter((m) => m.severity === severity).length;
  }
}

export class StageReporter {
  constructor(
    readonly stage: StageName,
    private readonly reporter: Reporter,
  ) {}

  /** A decision the stage took (a paragraph dropped, two articles folded). */
  info(input: MessageInput): void {
    this.emit('info', input);
  }

  /** Bad input that the run survived. */
  warn(input: MessageInput): void {
    this.emit('warning', input);
  }

  /** Something that must fail the run (exit 1, nothing sent). */
  error(input: MessageInput): void {
    this.emit('error', input);
  }

  /**
   * Says again messages this stage recorded earlier (a `Reporter` of the same
   * stage made them; they may have been through JSON since), with their report
   * text `json` = `messagesJson(messages)` made when they were recorded. The
   * same messages, in the same order, as saying each again through
   * `info`/`warn`/`error`; only the report is written from `json`. Messages of
   * another stage are said again one by one and their text is not used.
   */
  replaySerialised(messages: readonly Message[], json: string): void {
    if (messages.every((m) => m.stage === this.stage)) {
      this.reporter.pushSerialised(messages, json);
      return;
    }
    for (const { severity, file, line, column, ruleId, reason, articleId, detail } of messages) {
      this.emit(severity, { ruleId, reason, file, line, ...(column !== undefined && { column }), ...(articleId !== undefined && { articleId }), ...(detail !== undefined && { detail }) });
    }
  }

  private emit(severity: Severity, input: MessageInput): void {
    const message: Message = {
      file: input.file ?? null,
      line: input.line ?? null,
      stage: this.stage,
      ruleId: input.ruleId,
      severity,
      reason: input.reason,
    };
    if (input.column !== undefined) message.column = input.column;
    if (input.articleId !== undefined) message.articleId = input.articleId;
    if (input.detail !== undefined) message.detail = input.detail;
    this.reporter.push(message);
  }
}

/** A reporter that keeps messages in memory only — for running one stage alone (tests, benchmarks). */
export function standaloneReporter(stage: StageName): { reporter: Reporter; report: StageReporter } {
  const reporter = new Reporter();
  return { reporter, report: reporter.for(stage) };
}
