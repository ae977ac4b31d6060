/**
 * A real SMTP server on 127.0.0.1 (the `smtp-server` package) for delivery
 * tests: it collects what arrived, parsed by `mailparser`, and can misbehave
 * on demand — temporary/permanent replies, a dropped connection, a hang.
 * A message counts as delivered only when the server replied 250 to its DATA.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

export interface ReceivedMessage {
  /** Envelope recipients. */
  to: string[];
  from: string;
  raw: Buffer;
  parsed: ParsedMail;
}

/** What the server does with one message (after its whole DATA arrived) or one RCPT TO. */
export type Fault =
  | { kind: 'reply'; code: number; message?: string }
  /** Close the socket without a reply (message not accepted). */
  | { kind: 'drop' }
  /** Say nothing, forever (the client's socket timeout must notice). */
  | { kind: 'hang' };

export interface FaultContext {
  /** Envelope recipients of this message (lowercased). */
  to: string[];
  /** How many times this recipient set reached this point so far, this one included. */
  attempt: number;
  raw: Buffer;
}

export interface SmtpOptions {
  /** Decide the fate of a RCPT TO (before any data). */
  onRcpt?: (address: string, attempt: number) => Fault | undefined;
  /** Decide the fate of a message whose data arrived, before replying. May wait. */
  onData?: (context: FaultContext) => Fault | undefined | Promise<Fault | undefined>;
  /** Require this login (AUTH PLAIN/LOGIN); wrong credentials get 535. */
  auth?: { user: string; pass: string };
  /** Skip mailparser (the benchmark only counts). */
  parse?: boolean;
}

export interface TestSmtp {
  port: number;
  /** `smtp://127.0.0.1:<port>` (with credentials when `auth` was given). */
  url: string;
  messages: ReceivedMessage[];
  /** Count of messages accepted (also when not parsed). */
  accepted(): number;
  /** Resolves once `n` messages were accepted (rejects after `timeoutMs`). */
  waitFor(n: number, timeoutMs?: number): Promise<void>;
  /** Messages accepted per envelope recipient (lowercased). */
  countsByRecipient(): Map<string, number>;
  close(): Promise<void>;
}

export async function startSmtp(options: SmtpOptions = {}): Promise<TestSmtp> {
  const messages: ReceivedMessage[] = [];
  const rcptAttempts = new Map<string, number>();
  const dataAttempts = new Map<string, number>();
  const counts = new Map<string, number>();
  let acceptedCount = 0;
  const waiters: { n: number; resolve: () => void }[] = [];
  const parse = options.parse !== false;

  const server = new SMTPServer({
    secure: false,
    disabledCommands: options.auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: !options.auth,
    allowInsecureAuth: true,
    logger: false,
    size: 10 * 1024 * 1024,
    closeTimeout: 200,
    onAuth(auth, _session, callback) {
      if (options.auth && auth.username === options.auth.user && auth.password === options.auth.pass) return callback(null, { user: auth.username });
      const error = new Error('Authentication failed') as Error & { responseCode: number };
      error.responseCode = 535;
      callback(error);
    },
    onRcptTo(address, _session, callback) {
      const key = address.address.toLowerCase();
      const attempt = (rcptAttempts.get(key) ?? 0) + 1;
      rcptAttempts.set(key, attempt);
      const fault = options.onRcpt?.(key, attempt);
      if (fault?.kind === 'reply') return callback(smtpError(fault.code, fault.message));
      callback();
    },
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        void (async () => {
          const raw = Buffer.concat(chunks);
          const to = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
          const key = to.join(',');
          const attempt = (dataAttempts.get(key) ?? 0) + 1;
          dataAttempts.set(key, attempt);
          const fault = await options.onData?.({ to, attempt, raw });
          if (fault?.kind === 'hang') return;
          if (fault?.kind === 'drop') {
            destroyConnection(server, session);
            return;
          }
          if (fault?.kind === 'reply') return callback(smtpError(fault.code, fault.message));
          // A client that is gone cannot read the 250: the message was not accepted.
          if (!connectionAlive(server, session)) return;
          acceptedCount++;
          for (const r of to) counts.set(r, (counts.get(r) ?? 0) + 1);
          const mailFrom = session.envelope.mailFrom;
          if (parse) messages.push({ to, from: mailFrom ? mailFrom.address : '', raw, parsed: await simpleParser(raw) });
          callback(null, 'OK queued');
          for (const waiter of waiters.filter((w) => acceptedCount >= w.n)) {
            waiters.splice(waiters.indexOf(waiter), 1);
            waiter.resolve();
          }
        })();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  server.on('error', () => {
    // Dropped and reset connections are part of the tests.
  });
  const port = ((server as unknown as { server: { address(): AddressInfo } }).server.address()).port;
  const credentials = options.auth ? `${encodeURIComponent(options.auth.user)}:${encodeURIComponent(options.auth.pass)}@` : '';
  return {
    port,
    url: `smtp://${credentials}127.0.0.1:${port}`,
    messages,
    accepted: () => acceptedCount,
    countsByRecipient: () => new Map(counts),
    waitFor(n, timeoutMs = 10_000) {
      if (acceptedCount >= n) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`only ${acceptedCount} of ${n} messages arrived within ${timeoutMs} ms`)), timeoutMs);
        waiters.push({ n, resolve: () => (clearTimeout(timer), resolve()) });
      });
    },
    async close() {
      for (const connection of connections(server)) connection._socket?.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function smtpError(code: number, message?: string): Error {
  const error = new Error(message ?? (code >= 500 ? 'Mailbox unavailable' : 'Try again later')) as Error & { responseCode: number };
  error.responseCode = code;
  return error;
}

interface ConnectionInternals {
  id: string;
  _socket?: { destroy(): void; destroyed?: boolean; writable?: boolean };
}

function connections(server: SMTPServer): ConnectionInternals[] {
  return [...((server as unknown as { connections: Set<ConnectionInternals> }).connections ?? [])];
}

function destroyConnection(server: SMTPServer, session: SMTPServerSession): void {
  for (const connection of connections(server)) if (connection.id === session.id) connection._socket?.destroy();
}

function connectionAlive(server: SMTPServer, session: SMTPServerSession): boolean {
  const connection = connections(server).find((c) => c.id === session.id);
  return !!connection?._socket && !connection._socket.destroyed && connection._socket.writable !== false;
}
