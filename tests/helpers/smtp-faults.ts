// An SMTP server on 127.0.0.1 that misbehaves on purpose, written on a bare socket so that
// every fault is exact: a refusal at greeting (421, 554), a recipient refused (550) or put off
// (451), a login refused (535), the connection dropped or left hanging after the final dot.
// It keeps each message whose final dot it received (the point from which a real server may
// have it), and tells a listener each step it sees, so a test can act on the event.
import { createServer, type Server, type Socket } from 'node:net';

export type SmtpEvent = 'connect' | 'rcpt' | 'data-bytes' | 'dot' | 'replied';

export interface FaultScript {
  /** The greeting line (default "220 faults.test ESMTP"). */
  greeting?: () => string;
  /** The reply to RCPT TO (default 250). */
  rcpt?: (address: string) => string;
  /** Replies to AUTH with a password (default: 235 when it is the expected one). */
  password?: string;
  /** After the final dot: reply 250 (default), drop the connection, or say nothing. */
  afterDot?: () => 'reply' | 'drop' | 'hang';
}

export interface FaultySmtp {
  port: number;
  /** Messages whose final dot arrived: recipient and Message-ID. */
  received: { to: string; messageId: string | null; raw: string }[];
  /** Every command line seen (AUTH lines included: the test checks what was sent). */
  lines: string[];
  events: { event: SmtpEvent; at: number }[];
  on: (fn: (event: SmtpEvent) => void) => void;
  script: FaultScript;
  countFor: (address: string) => number;
  close: () => Promise<void>;
}

export async function startFaultySmtp(port: number, script: FaultScript = {}): Promise<FaultySmtp> {
  const listeners: ((e: SmtpEvent) => void)[] = [];
  const sockets = new Set<Socket>();
  const state: FaultySmtp = {
    port,
    received: [],
    lines: [],
    events: [],
    on: (fn) => listeners.push(fn),
    script,
    countFor: (a) => state.received.filter((r) => r.to.toLowerCase() === a.toLowerCase()).length,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
  const emit = (e: SmtpEvent) => {
    state.events.push({ event: e, at: Date.now() });
    for (const l of listeners) l(e);
  };
  const server: Server = createServer((sock) => {
    sockets.add(sock);
    sock.on('close', () => sockets.delete(sock));
    sock.on('error', () => undefined);
    emit('connect');
    const greeting = state.script.greeting?.() ?? '220 faults.test ESMTP';
    sock.write(`${greeting}\r\n`);
    if (!greeting.startsWith('220')) {
      sock.end();
      return;
    }
    let buffer = '';
    let inData = false;
    let data = '';
    let rcpt = '';
    let sawBytes = false;
    sock.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('binary');
      if (inData) {
        if (!sawBytes && buffer.length > 0) {
          sawBytes = true;
          emit('data-bytes');
        }
        const end = buffer.indexOf('\r\n.\r\n');
        if (end < 0) return;
        data = buffer.slice(0, end);
        buffer = buffer.slice(end + 5);
        inData = false;
        state.received.push({ to: rcpt, messageId: /^Message-ID:\s*(<[^>]+>)/im.exec(data)?.[1] ?? null, raw: data });
        emit('dot');
        const then = state.script.afterDot?.() ?? 'reply';
        if (then === 'drop') return void sock.destroy();
        if (then === 'hang') return;
        sock.write(`250 2.0.0 queued as fault-${state.received.length}\r\n`);
        emit('replied');
        return;
      }
      let nl: number;
      while (!inData && (nl = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 2);
        state.lines.push(line);
        const verb = line.split(' ')[0]!.toUpperCase();
        if (verb === 'EHLO') sock.write(`250-faults.test\r\n250-AUTH PLAIN\r\n250 8BITMIME\r\n`);
        else if (verb === 'HELO') sock.write('250 faults.test\r\n');
        else if (verb === 'AUTH') {
          const given = Buffer.from(line.split(' ')[2] ?? '', 'base64').toString('utf8').split('\0')[2];
          sock.write(state.script.password != null && given === state.script.password ? '235 2.7.0 ok\r\n' : '535 5.7.8 authentication failed\r\n');
        } else if (verb === 'MAIL') sock.write('250 2.1.0 ok\r\n');
        else if (verb === 'RCPT') {
          rcpt = /<([^>]*)>/.exec(line)?.[1] ?? '';
          emit('rcpt');
          sock.write(`${state.script.rcpt?.(rcpt) ?? '250 2.1.5 ok'}\r\n`);
        } else if (verb === 'DATA') {
          inData = true;
          sawBytes = false;
          sock.write('354 go ahead\r\n');
        } else if (verb === 'RSET' || verb === 'NOOP') sock.write('250 ok\r\n');
        else if (verb === 'QUIT') {
          sock.write('221 bye\r\n');
          sock.end();
        } else sock.write('502 5.5.1 not implemented\r\n');
      }
      if (inData && buffer.length) sock.emit('data', Buffer.alloc(0));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return state;
}
