import { COMMON_HELP, str, UsageError, type Command } from '../command.ts';
import { startPreview } from '../../preview/server.ts';
import { previewOutDir } from '../../preview/builder.ts';

export const DEFAULT_PREVIEW_PORT = 4000;

export const previewCommand: Command = {
  name: 'preview',
  summary: 'start the editor preview on 127.0.0.1',
  help: `Usage: briefing preview [options]

Builds content/ with the real pipeline into .cache/preview-out (out/ is not
touched), serves the editor's preview on 127.0.0.1 and prints its URL. Edits
to content/, templates/ or the config rebuild and refresh open pages; changes
made in the preview are written to content/editions/YYYY-MM-DD.yaml.
See pipeline/preview/README.md.

Options:
  --port N         port on 127.0.0.1 (default ${DEFAULT_PREVIEW_PORT}, or BRIEFING_PREVIEW_PORT; 0 = any free port)
  --content DIR    articles to read (default: content)
${COMMON_HELP}

Environment:
  SMTP_URL         transport for "Send test" (e.g. smtps://user:pass@host:465)`,
  options: {
    port: { type: 'string' },
    content: { type: 'string' },
  },
  async run(args, io) {
    const portText = str(args, 'port') ?? io.env.BRIEFING_PREVIEW_PORT ?? String(DEFAULT_PREVIEW_PORT);
    if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535) throw new UsageError(`--port expects a number from 0 to 65535, got "${portText}"`);
    const quiet = args.values.quiet === true;
    const log = (line: string) => {
      if (!quiet) io.stderr.write(`preview: ${line}\n`);
    };
    let server;
    try {
      server = await startPreview({
        cwd: io.cwd,
        port: Number(portText),
        env: io.env,
        log,
        ...(str(args, 'config') ? { configFile: str(args, 'config')! } : {}),
        ...(str(args, 'content') ? { content: str(args, 'content')! } : {}),
      });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      io.stderr.write(`briefing preview: cannot listen on 127.0.0.1:${portText}: ${code === 'EADDRINUSE' ? 'the port is in use (try --port 0)' : (error as Error).message}\n`);
      return 1;
    }
    io.stdout.write(`Preview: ${server.url}\n`);
    log(`building into ${previewOutDir(io.cwd, server.builder.config)}`);
    const status = await server.ready;
    log(status.ok ? `ready (first build ${status.ms} ms)` : 'first build failed: the page shows why');
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await server.close();
    return 0;
  },
};
