import { existsSync, watch, type FSWatcher } from 'node:fs';
import path from 'node:path';

/**
 * Watches the inputs of a build — the content folder (recursively, override
 * files included), the templates folder and the config file — and calls
 * `onChange` once per burst of changes (editors save several files at once,
 * and editors write through temporary files).
 */
export class InputWatcher {
  private watchers: FSWatcher[] = [];
  private timer: NodeJS.Timeout | null = null;
  private watched = '';
  private readonly pending = new Set<string>();

  constructor(
    private readonly onChange: (files: string[]) => void,
    private readonly ignore: (file: string) => boolean = () => false,
    private readonly debounceMs = 120,
  ) {}

  /** (Re)watches these paths; a no-op when they have not changed. */
  watch(dirs: string[], files: string[]): void {
    // Existence is part of the key: a folder created after the start gets watched at the next build.
    const key = JSON.stringify([dirs.map((d) => [d, existsSync(d)]), files]);
    if (key === this.watched) return;
    this.close();
    this.watched = key;
    for (const dir of dirs) {
      if (!existsSync(dir)) continue;
      this.add(dir, { recursive: true }, (name) => path.join(dir, name));
    }
    // A config file may not exist yet, and editors replace it by rename: watch its folder.
    const byDir = new Map<string, Set<string>>();
    for (const file of files) byDir.set(path.dirname(file), (byDir.get(path.dirname(file)) ?? new Set()).add(path.basename(file)));
    for (const [dir, names] of byDir) {
      if (!existsSync(dir)) continue;
      this.add(dir, { recursive: false }, (name) => (names.has(name) ? path.join(dir, name) : null));
    }
  }

  private add(dir: string, options: { recursive: boolean }, resolve: (name: string) => string | null): void {
    try {
      const watcher = watch(dir, options, (_event, name) => {
        const file = name ? resolve(name.toString()) : dir;
        if (!file || this.ignore(file)) return;
        this.pending.add(file);
        if (this.timer) clearTimeout(this.timer);
        this.timer = setTimeout(() => {
          this.timer = null;
          const changed = [...this.pending];
          this.pending.clear();
          this.onChange(changed);
        }, this.debounceMs);
      });
      watcher.on('error', () => undefined);
      this.watchers.push(watcher);
    } catch {
      // A folder that vanished or cannot be watched: the next build re-arms the watchers.
    }
  }

  close(): void {
    for (const w of this.watchers) w.close();
    this.watchers = [];
    this.watched = '';
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
