import type { StageName } from '../types.ts';

export type ProgressMode = 'bar' | 'lines' | 'none';

/**
 * Progress of a long run: a redrawn bar on a terminal, a plain line per stage
 * otherwise (CI logs), nothing with `--quiet`. Written to stderr so stdout
 * stays clean for JSON output.
 */
export class Progress {
  private lastStage: StageName | null = null;
  private lastDraw = 0;

  constructor(
    private readonly stream: NodeJS.WritableStream & { isTTY?: boolean; columns?: number },
    private readonly mode: ProgressMode,
  ) {}

  static modeFor(stream: { isTTY?: boolean }, quiet: boolean): ProgressMode {
    if (quiet) return 'none';
    return stream.isTTY ? 'bar' : 'lines';
  }

  update(stage: StageName, done: number, total: number): void {
    if (this.mode === 'none') return;
    if (this.mode === 'lines') {
      if (stage !== this.lastStage) this.stream.write(`${stage}: ${total} item${total === 1 ? '' : 's'}\n`);
      this.lastStage = stage;
      return;
    }
    const now = Date.now();
    if (stage === this.lastStage && done < total && now - this.lastDraw < 50) return;
    this.lastStage = stage;
    this.lastDraw = now;
    const width = Math.max(10, Math.min(40, (this.stream.columns ?? 80) - 30));
    const fraction = total === 0 ? 1 : done / total;
    const filled = Math.round(fraction * width);
    this.stream.write(`\r${stage.padEnd(10)} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total}\u001b[K`);
  }

  done(): void {
    if (this.mode === 'bar' && this.lastStage) this.stream.write('\r\u001b[K');
  }
}
