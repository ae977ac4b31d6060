import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { readDeliverEnv, ENV } from '../../deliver/env.ts';
import { Ledger } from '../../deliver/ledger.ts';
import { isValidAddress, splitNameAddress } from '../../deliver/subscribers.ts';
import { createUnsubscribeServer } from '../../deliver/unsubscribe-server.ts';
import { resolveWords } from '../../render/words.ts';
import { COMMON_HELP, UsageError, flag, str, type Command } from '../command.ts';
import { loadCommandConfig } from '../load.ts';

export const serveUnsubscribeCommand: Command = {
  name: 'serve-unsubscribe',
  summary: 'serve signed unsubscribe links (GET confirm, one-click POST)',
  help: `Usage: briefing serve-unsubscribe [--port N] [--host ADDR]

Answers the unsubscribe links in every email: GET shows a confirm page,
POST (the page's button, or a mail client's RFC 8058 one-click) records the
unsubscribe in state/briefing.sqlite. Links with a wrong signature are refused.
Put it behind your web server at <baseUrl>unsubscribe (any path ending in
/unsubscribe works), or point deliver.unsubscribeUrl at it.

Environment:
  BRIEFING_SECRET   the key the links were signed with (required)

Options:
  --port N       port to listen on (default 8025; 0 picks a free one)
  --host ADDR    address to bind (default 127.0.0.1)
${COMMON_HELP}`,
  options: { port: { type: 'string' }, host: { type: 'string' } },
  async run(args, io) {
    const loaded = loadCommandConfig(args, io);
    if (loaded.messages.some((m) => m.severity === 'error')) return 1;
    const secret = readDeliverEnv(io.env).secret;
    if (!secret) {
      io.stderr.write(`briefing serve-unsubscribe: set ${ENV.secret} (the key the unsubscribe links were signed with)\n`);
      return 1;
    }
    const portText = str(args, 'port') ?? '8025';
    if (!/^\d+$/.test(portText) || Number(portText) > 65535) throw new UsageError(`--port expects a port number, got "${portText}"`);
    const host = str(args, 'host') ?? '127.0.0.1';
    const quiet = flag(args, 'quiet');
    const ledger = new Ledger(path.resolve(io.cwd, loaded.config.state));
    const server = createUnsubscribeServer({
      ledger,
      secret,
      title: loaded.config.title,
      language: loaded.config.language,
      words: resolveWords(loaded.config.language, loaded.config.words).unsubscribePage,
      onUnsubscribe: (address, via) => {
        if (!quiet) io.stdout.write(`unsubscribed ${address} (${via})\n`);
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(Number(portText), host, resolve);
    });
    const { port } = server.address() as AddressInfo;
    if (!quiet) io.stdout.write(`Unsubscribe server on http://${host}:${port}/unsubscribe (Ctrl-C to stop)\n`);
    await new Promise<void>((resolve) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        server.close(() => resolve());
        server.closeAllConnections();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    ledger.close();
    return 0;
  },
};

export const unsubscribeCommand: Command = {
  name: 'unsubscribe',
  summary: 'record an unsubscribe by hand',
  help: `Usage: briefing unsubscribe ADDRESS...

Records that these addresses must never be mailed again (for requests that
came by mail to the List-Unsubscribe mailto: address, or by hand).

${COMMON_HELP}`,
  options: {},
  positionals: true,
  async run(args, io) {
    if (args.positionals.length === 0) throw new UsageError('give at least one address');
    const loaded = loadCommandConfig(args, io);
    if (loaded.messages.some((m) => m.severity === 'error')) return 1;
    const invalid = args.positionals.filter((a) => !isValidAddress(splitNameAddress(a).address));
    if (invalid.length > 0) {
      io.stderr.write(`briefing unsubscribe: not an address: ${invalid.map((a) => JSON.stringify(a)).join(', ')}; nothing recorded\n`);
      return 1;
    }
    const ledger = new Ledger(path.resolve(io.cwd, loaded.config.state));
    try {
      for (const text of args.positionals) {
        const address = splitNameAddress(text).address.toLowerCase();
        const recorded = ledger.unsubscribe(address, 'cli');
        if (!flag(args, 'quiet')) io.stdout.write(recorded ? `unsubscribed ${address}\n` : `${address} was already unsubscribed\n`);
      }
    } finally {
      ledger.close();
    }
    return 0;
  },
};
