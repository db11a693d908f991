// The SMTP session of one mail, step by step, so that the caller can record how far each
// attempt got before going further: connected, recipients accepted (the server said 354 to
// DATA), DATA sent (the last byte before the final dot), reply read. The final "." is held
// back until the caller has committed the "data" stage: a process killed before that leaves a
// mail the server cannot have (safe to retry), one killed after it a mail the server may have.
// The password comes only from the environment and is never put into an error or a log line.
import { Readable } from 'node:stream';
import MailComposer from 'nodemailer/lib/mail-composer';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import type { SendMailOptions } from 'nodemailer';
import type { SmtpConfig } from '../config.ts';
import { ConfigError } from '../errors.ts';

export const PASSWORD_ENV = 'XIAN_REPORT_SMTP_PASSWORD';

/** How far an attempt got; each is recorded (and committed) before the next step starts. */
export type SendStage = 'connecting' | 'connected' | 'accepted' | 'data';

/** An SMTP error as nodemailer gives it, with the stage the attempt had reached. */
export type SmtpError = Error & { code?: string; responseCode?: number; response?: string; command?: string; stage?: SendStage };

export interface MailSender {
  /** Sends one mail on its own connection; onStage is awaited at each step before the next. */
  send(mail: SendMailOptions, onStage: (stage: SendStage) => Promise<void>): Promise<{ response: string }>;
}

/** The sender for the config's smtp section. */
export function smtpSender(smtp: Pick<SmtpConfig, 'host' | 'port' | 'tls' | 'user' | 'timeoutMs'>, env: NodeJS.ProcessEnv = process.env): MailSender {
  const password = env[PASSWORD_ENV];
  if (smtp.user && !password) throw new ConfigError(`"smtp.user" is set but ${PASSWORD_ENV} is empty: export the SMTP password in the environment`);
  const options = {
    host: smtp.host,
    port: smtp.port,
    secure: smtp.tls === 'implicit',
    requireTLS: smtp.tls === 'starttls',
    ignoreTLS: smtp.tls === 'off',
    connectionTimeout: smtp.timeoutMs,
    greetingTimeout: smtp.timeoutMs,
    socketTimeout: smtp.timeoutMs,
    logger: false,
  };
  return {
    async send(mail, onStage) {
      let stage: SendStage = 'connecting';
      const at = async (s: SendStage) => {
        await onStage(s);
        stage = s;
      };
      await at('connecting');
      const raw = await new MailComposer(mail).compile().build();
      const conn = new SMTPConnection(options);
      // A fault arrives as an 'error' event (or the connection just ends); each step's promise
      // settles on whichever comes first.
      let failed: ((err: Error) => void) | null = null;
      conn.on('error', (err: Error) => failed?.(err));
      conn.on('end', () => failed?.(Object.assign(new Error('the connection closed unexpectedly'), { code: 'ECONNECTION' })));
      const step = <T>(run: (done: (err: Error | null | undefined, value?: T) => void) => void) =>
        new Promise<T>((resolve, reject) => {
          failed = reject;
          run((err, value) => (err ? reject(err) : resolve(value as T)));
        });
      try {
        await step<void>((done) => conn.connect(() => done(null)));
        if (smtp.user) await step<void>((done) => conn.login({ user: smtp.user, pass: password }, (err?: Error | null) => done(err)));
        await at('connected');
        const body = heldBackBody(raw, () => at('accepted'), () => at('data'));
        const info = await step<{ response?: string }>((done) =>
          conn.send({ from: addressOf(mail.from), to: [addressOf(mail.to)] }, body, (err, i) => done(err, i as { response?: string })),
        );
        failed = null;
        conn.quit();
        return { response: String(info.response ?? '') };
      } catch (err) {
        failed = null;
        conn.close();
        const e = err as SmtpError;
        e.stage = stage;
        if (password) e.message = e.message.split(password).join('***');
        throw e;
      }
    },
  };
}

/** "Name <a@b>" → "a@b" (composeMessage gives from and to as strings). */
function addressOf(v: SendMailOptions['from'] | SendMailOptions['to']): string {
  const s = String(v ?? '');
  return /<([^>]+)>\s*$/.exec(s)?.[1] ?? s.trim();
}

/**
 * The message as a stream that SMTPConnection reads only after the server accepted DATA:
 * the first read records "accepted"; the end (after which the final dot goes out) waits for
 * "data" to be recorded.
 */
function heldBackBody(raw: Buffer, accepted: () => Promise<void>, beforeDot: () => Promise<void>): Readable {
  let step = 0;
  return new Readable({
    read() {
      if (step === 0) {
        step = 1;
        accepted().then(
          () => this.push(raw),
          (err: Error) => this.destroy(err),
        );
      } else if (step === 1) {
        step = 2;
        beforeDot().then(
          () => this.push(null),
          (err: Error) => this.destroy(err),
        );
      }
    },
  });
}
