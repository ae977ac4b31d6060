import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { configSchema, type Config } from './schema.ts';
import type { Message } from '../types.ts';
import { documentValue, keyLineFinder, QUIET_YAML } from '../common/yaml-lines.ts';

/** Config files looked for in the working directory, in this order, when `--config` is not given. */
export const CONFIG_FILE_NAMES = ['briefing.config.json', 'briefing.config.yaml', 'briefing.config.yml'];

/**
 * Environment variables that set config keys. Precedence (documented in the README):
 * CLI flag > environment > config file > default.
 */
export const ENV_KEYS: Record<string, string[]> = {
  BRIEFING_TIMEZONE: ['timezone'],
  BRIEFING_BASE_URL: ['baseUrl'],
  BRIEFING_CONTENT: ['content'],
  BRIEFING_OUT: ['out'],
  BRIEFING_STATE: ['state'],
  BRIEFING_FROM: ['deliver', 'from'],
  BRIEFING_SUBSCRIBERS_FILE: ['deliver', 'subscribers'],
};

export interface LoadedConfig {
  config: Config;
  /** The file that was read, or null for zero config. */
  file: string | null;
  messages: Message[];
}

export interface LoadConfigOptions {
  /** Explicit `--config FILE`. */
  file?: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Values from CLI flags, as dotted paths (`{ out: 'dist' }`). Highest precedence. */
  overrides?: Record<string, unknown>;
}

/**
 * Reads, merges and validates configuration. Never throws for bad config: it
 * returns the defaults plus `error` messages naming the file, line and key, so
 * the caller decides (build exits 1; `check` lists every problem).
 */
export function loadConfig(options: LoadConfigOptions = {}): LoadedConfig {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  const messages: Message[] = [];
  let file: string | null = null;
  let fromFile: Record<string, unknown> = {};
  let lineOf: (keyPath: (string | number)[]) => number | null = () => null;

  if (options.file) {
    file = options.file;
    if (!existsSync(path.resolve(cwd, file))) {
      messages.push(configMessage(file, null, 'config/missing-file', `config file not found: ${file}`));
      file = null;
    }
  } else {
    file = CONFIG_FILE_NAMES.find((name) => existsSync(path.join(cwd, name))) ?? null;
  }

  if (file) {
    const parsed = parseConfigFile(path.resolve(cwd, file), file);
    messages.push(...parsed.messages);
    fromFile = parsed.value;
    lineOf = parsed.lineOf;
  }

  const merged = structuredClone(fromFile);
  for (const [name, keyPath] of Object.entries(ENV_KEYS)) {
    const value = env[name];
    if (value !== undefined && value !== '') setPath(merged, keyPath, value);
  }
  for (const [dotted, value] of Object.entries(options.overrides ?? {})) {
    if (value !== undefined) setPath(merged, dotted.split('.'), value);
  }

  const result = configSchema.safeParse(merged);
  if (result.success) return { config: result.data, file, messages };

  for (const issue of result.error.issues) {
    messages.push(describeIssue(issue, file, lineOf, fromFile));
  }
  // Keep going with defaults so `check` can still validate the inputs.
  return { config: configSchema.parse({}), file, messages };
}

function parseConfigFile(
  absolute: string,
  display: string,
): { value: Record<string, unknown>; messages: Message[]; lineOf: (p: (string | number)[]) => number | null } {
  const messages: Message[] = [];
  let source: string;
  try {
    source = readFileSync(absolute, 'utf8');
  } catch (error) {
    messages.push(configMessage(display, null, 'config/unreadable', `cannot read config: ${(error as Error).message}`));
    return { value: {}, messages, lineOf: () => null };
  }
  // JSON is (nearly) a subset of YAML 1.2, so one parser gives line numbers for both.
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { ...QUIET_YAML, lineCounter, prettyErrors: false, uniqueKeys: true });
  const invalid = (line: number | null, reason: string) => configMessage(display, line, 'config/syntax', `config is not valid ${display.endsWith('.json') ? 'JSON' : 'YAML'}: ${reason}`);
  for (const error of doc.errors) {
    // With prettyErrors off the parser gives offsets only: turn the offset into a line.
    messages.push(invalid(error.linePos?.[0]?.line ?? (error.pos?.[0] !== undefined ? lineCounter.linePos(error.pos[0]).line : null), error.message.split('\n')[0]!));
  }
  if (doc.errors.length > 0) return { value: {}, messages, lineOf: () => null };
  const parsed = documentValue(doc, lineCounter);
  if (!parsed.ok) {
    messages.push(invalid(parsed.line, parsed.reason));
    return { value: {}, messages, lineOf: () => null };
  }
  const value = parsed.value ?? {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    messages.push(configMessage(display, 1, 'config/not-an-object', 'config must be an object of keys'));
    return { value: {}, messages, lineOf: () => null };
  }
  const lineOf = keyLineFinder(doc, lineCounter);
  return { value: value as Record<string, unknown>, messages, lineOf };
}

function describeIssue(
  issue: z.core.$ZodIssue,
  file: string | null,
  lineOf: (p: (string | number)[]) => number | null,
  fromFile: Record<string, unknown>,
): Message {
  const keyPath = issue.path.filter((k): k is string | number => typeof k !== 'symbol');
  let key = keyPath.join('.');
  let reason: string;
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((k) => (key ? `${key}.${k}` : k));
    reason = `unknown key ${keys.map((k) => `"${k}"`).join(', ')}`;
    key = keys[0] ?? key;
  } else {
    reason = `key "${key}": ${issue.message}`;
  }
  const inFile = file !== null && hasPath(fromFile, key.split('.'));
  const line = inFile ? lineOf(key.split('.').map((k) => (/^\d+$/.test(k) ? Number(k) : k))) : null;
  const where = inFile ? '' : ' (from the environment or a command-line flag)';
  return configMessage(inFile ? file : null, line, 'config/invalid', reason + where, { key });
}

function configMessage(file: string | null, line: number | null, ruleId: string, reason: string, detail?: Record<string, unknown>): Message {
  const message: Message = { file, line, stage: 'config', ruleId, severity: 'error', reason };
  if (detail) message.detail = detail;
  return message;
}

function setPath(target: Record<string, unknown>, keyPath: string[], value: unknown): void {
  let node = target;
  for (const key of keyPath.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[keyPath[keyPath.length - 1]!] = value;
}

function hasPath(target: Record<string, unknown>, keyPath: string[]): boolean {
  let node: unknown = target;
  for (const key of keyPath) {
    if (typeof node !== 'object' || node === null || !(key in node)) return false;
    node = (node as Record<string, unknown>)[key];
  }
  return true;
}
