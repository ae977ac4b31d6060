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
