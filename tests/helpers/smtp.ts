// A real SMTP server on 127.0.0.1 that keeps what it receives, and a "server" that accepts
// connections only to drop them. STARTTLS is off: smtp-server's built-in certificate has expired.
import { createServer, type Server } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface Received {
  to: string[];
  raw: Buffer;
  parsed: ParsedMail;
}

export interface TestSmtp {
  port: number;
  received: Received[];
  /** How many messages each address received. */
  countFor: (address: string) => number;
  close: () => Promise<void>;
}

/** A port nothing listens on (yet). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export async function startSmtp(port: number, opts: { reject?: (address: string) => boolean } = {}): Promise<TestSmtp> {
  const received: Received[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    onRcptTo(address, _session, cb) {
      if (opts.reject?.(address.address)) {
        const err = Object.assign(new Error(`5.1.1 <${address.address}>: mailbox unavailable`), { responseCode: 550 });
        return cb(err);
      }
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        const raw = Buffer.concat(chunks);
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw, parsed: await simpleParser(raw) });
        cb(null, 'Queued as test-' + received.length);
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    port,
    received,
    countFor: (a) => received.filter((r) => r.to.map((x) => x.toLowerCase()).includes(a.toLowerCase())).length,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Accepts each connection and drops it at once, as a crashing server would. */
export async function startDropper(port: number): Promise<{ connections: number; close: () => Promise<void> }> {
  const state = { connections: 0, close: async () => undefined as void };
  const server: Server = createServer((sock) => {
    state.connections++;
    sock.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  state.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return state;
}

/** Config lines for email to the test server, with a quick retry. */
export function smtpConfig(port: number, extra = ''): string {
  return [
    'smtp:',
    '  host: 127.0.0.1',
    `  port: ${port}`,
    '  tls: "off"',
    '  from: "Economic Research Office <reports@xian-report.test>"',
    '  timeoutMs: 5000',
    '  retry: { firstDelayMs: 200, maxDelayMs: 1000 }',
    extra,
  ].join('\n');
}
