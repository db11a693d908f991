// The SMTP transport from the config; the password only from the environment.
import nodemailer, { type Transporter } from 'nodemailer';
import type { SmtpConfig } from '../config.ts';
import { ConfigError } from '../errors.ts';

export const PASSWORD_ENV = 'XIAN_REPORT_SMTP_PASSWORD';

export function smtpTransport(smtp: SmtpConfig, env: NodeJS.ProcessEnv = process.env): Transporter {
  const password = env[PASSWORD_ENV];
  if (smtp.user && !password) throw new ConfigError(`"smtp.user" is set but ${PASSWORD_ENV} is empty: export the SMTP password in the environment`);
  return nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.tls === 'implicit',
    requireTLS: smtp.tls === 'starttls',
    ignoreTLS: smtp.tls === 'off',
    auth: smtp.user ? { user: smtp.user, pass: password } : undefined,
    connectionTimeout: smtp.timeoutMs,
    greetingTimeout: smtp.timeoutMs,
    socketTimeout: smtp.timeoutMs,
  });
}
