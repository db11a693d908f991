// Faults of the mail server, through the real `send` command against a real socket on
// 127.0.0.1: refused at connect, refused at greeting (421 and 554), one recipient refused,
// a recipient put off (451) then taken, the connection dropped after the whole mail was sent.
// Each ends with every mail delivered once, or named as unknown with the commands that resolve it.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { tally } from '../helpers/fault-ledger.ts';
import { makeMailWorkspace, type MailWorkspace } from '../helpers/mail-fixture.ts';
import { startFaultySmtp, type FaultySmtp } from '../helpers/smtp-faults.ts';
import { freePort } from '../helpers/smtp.ts';
import { runCli } from '../helpers/workspace.ts';

const A = 'ada@example.test';
const B = 'ben@example.test';
const C = 'cai@example.test';

describe('mail server faults', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  after(async () => {
    for (const c of cleanups) await c();
  });
  let faults = 0;
  let trials = 0;
  let lost = 0;
  let doubled = 0;
  after(() => tally({ suite: 'smtp faults (send)', trials, faults, deliveriesLost: lost, deliveriesDoubled: doubled }));

  /** Every recipient has exactly one copy (lost and doubled counted for the tally). */
  const onceEach = (smtp: FaultySmtp, ws: MailWorkspace) => {
    trials++;
    for (const r of ws.recipients) {
      const n = smtp.countFor(r);
      if (n === 0) lost++;
      if (n > 1) doubled += n - 1;
      assert.equal(n, 1, `${r} has ${n} copies`);
    }
  };

  const setup = async (recipients = [A, B, C], extra = '') => {
    const port = await freePort();
    const ws = await makeMailWorkspace(port, recipients, extra);
    cleanups.push(() => ws.cleanup());
    return { port, ws };
  };
  const serve = async (port: number, script: Parameters<typeof startFaultySmtp>[1]) => {
    const s = await startFaultySmtp(port, script);
    cleanups.push(() => s.close());
    return s;
  };

  test('refused at connect, then at greeting with 421 and with 554: every delivery stays pending, then all go once', async () => {
    const { port, ws } = await setup();
    const down = await runCli(['send', '--config', ws.config]);
    faults++;
    assert.equal(down.code, 1, down.stdout + down.stderr);
    assert.match(down.stdout + down.stderr, /0 sent, 3 still pending, 0 failed, 0 unknown/);

    let greeting = '421 4.3.2 faults.test: too busy, try later';
    const smtp = await serve(port, { greeting: () => greeting });
    for (const g of ['421 4.3.2 faults.test: too busy, try later', '554 5.3.2 faults.test: no service for you']) {
      greeting = g;
      const res = await runCli(['send', '--config', ws.config]);
      faults++;
      assert.equal(res.code, 1, res.stdout + res.stderr);
      assert.match(res.stdout + res.stderr, /0 sent, 3 still pending, 0 failed/, `greeting ${g.slice(0, 3)} is a connection fault, not a refusal of the recipients`);
      const rows = await ws.deliveries();
      assert.deepEqual(rows.map((r) => r.status), ['pending', 'pending', 'pending']);
      assert.match(rows.find((r) => r.error)!.error!, new RegExp(g.slice(0, 3)));
      assert.equal(smtp.received.length, 0);
    }
    // The later send used to say "nothing to send": now the server is back and every mail goes.
    greeting = '220 faults.test ESMTP';
    const up = await runCli(['send', '--config', ws.config]);
    assert.equal(up.code, 0, up.stdout + up.stderr);
    assert.match(up.stdout, /3 sent, 0 still pending, 0 failed, 0 unknown/);
    onceEach(smtp, ws);
    // Each mail carries the delivery's own Message-ID.
    const rows = await ws.deliveries();
    for (const r of rows) assert.equal(smtp.received.find((m) => m.to === r.recipient)!.messageId, r.message_id);
  });

  test('one recipient refused (550) fails alone; one put off (451) is sent on the next pass, once', async () => {
    const { port, ws } = await setup();
    let putOff = true;
    const smtp = await serve(port, {
      rcpt: (a) => (a === B ? '550 5.1.1 no such mailbox' : a === C && putOff ? '451 4.7.1 greylisted, try again' : '250 2.1.5 ok'),
    });
    const first = await runCli(['send', '--config', ws.config]);
    faults += 2;
    assert.equal(first.code, 1);
    assert.match(first.stdout + first.stderr, /1 sent, 1 still pending, 1 failed, 0 unknown/);
    putOff = false;
    const second = await runCli(['send', '--config', ws.config]);
    assert.equal(second.code, 0, 'a refusal already reported does not fail later passes');
    assert.match(second.stdout + second.stderr, /1 sent, 0 still pending, 0 failed/);
    const rows = await ws.deliveries();
    assert.deepEqual(rows.map((r) => `${r.recipient}:${r.status}`), [`${A}:sent`, `${B}:failed`, `${C}:sent`]);
    trials++;
    for (const r of [A, C]) assert.equal(smtp.countFor(r), 1);
    assert.equal(smtp.countFor(B), 0);
    doubled += Math.max(0, smtp.countFor(A) - 1) + Math.max(0, smtp.countFor(C) - 1);
  });

  test('the connection dropped after the whole mail: "unknown", said loudly by send and status with the commands, never resent by itself', async () => {
    const { port, ws } = await setup([A, B]);
    let drop = (to: string): boolean => to === A;
    let lastTo = '';
    const smtp = await serve(port, { rcpt: (a) => ((lastTo = a), '250 ok'), afterDot: () => (drop(lastTo) ? 'drop' : 'reply') });
    const res = await runCli(['send', '--config', ws.config]);
    faults++;
    assert.equal(res.code, 1);
    const out = res.stdout + res.stderr;
    assert.match(out, /1 sent, 0 still pending, 0 failed, 1 unknown/);
    assert.match(out, new RegExp(`edition 1 → ${A}: UNKNOWN whether delivered`));
    assert.match(out, new RegExp(`xian-report send --edition 1 --to ${A}\`? \\(sends it again with the same Message-ID\\)`));
    assert.match(out, new RegExp(`xian-report send --edition 1 --to ${A} --mark-delivered`));
    let rows = await ws.deliveries();
    assert.equal(rows.find((r) => r.recipient === A)!.status, 'unknown');
    assert.equal(rows.find((r) => r.recipient === A)!.stage, 'data');

    // Another pass sends nothing, and fails while the question is open.
    drop = () => false;
    const again = await runCli(['send', '--config', ws.config]);
    assert.equal(again.code, 1);
    assert.match(again.stdout + again.stderr, /UNKNOWN whether delivered/);
    assert.equal(smtp.countFor(A), 1, 'not resent by itself');
    const status = await runCli(['status', '--config', ws.config]);
    assert.equal(status.code, 1, 'status fails while a delivery is unknown');
    assert.match(status.stdout, new RegExp(`edition 1 → ${A}: UNKNOWN whether delivered`));
    assert.match(status.stdout, /to resolve: check the mailbox, then `xian-report send --edition 1 --to/);

    // The server had it: the operator records it as delivered.
    const mark = await runCli(['send', '--config', ws.config, '--edition', '1', '--to', A, '--mark-delivered']);
    assert.equal(mark.code, 0, mark.stdout + mark.stderr);
    assert.match(mark.stdout, /recorded as delivered/);
    rows = await ws.deliveries();
    assert.deepEqual(rows.map((r) => r.status), ['sent', 'sent']);
    const clear = await runCli(['status', '--config', ws.config]);
    assert.equal(clear.code, 0, clear.stdout);
    onceEach(smtp, ws);
  });

  test('the SMTP password is never in the output, status, the warehouse or an .eml', async () => {
    const secret = 'S3cret-fault-suite-7d1e';
    const { port, ws } = await setup([A], '  user: reports');
    const smtp = await serve(port, { password: 'not-the-one' });
    const env = { XIAN_REPORT_SMTP_PASSWORD: secret };
    const refused = await runCli(['send', '--config', ws.config], { env });
    faults++;
    assert.equal(refused.code, 1);
    assert.match(refused.stdout + refused.stderr, /535|authentication/i);
    smtp.script.password = secret;
    const ok = await runCli(['send', '--config', ws.config], { env });
    assert.equal(ok.code, 0, ok.stdout + ok.stderr);
    assert.ok(smtp.lines.some((l) => l.startsWith('AUTH PLAIN')), 'the password did go to the server, and only there');
    const dry = await runCli(['send', '--dry-run', '--config', ws.config, '--edition', '1'], { env });
    const status = await runCli(['status', '--config', ws.config], { env });
    const statusJson = await runCli(['status', '--json', '--config', ws.config], { env });
    const texts = [refused, ok, dry, status, statusJson].map((r) => r.stdout + r.stderr);
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
    const leaks = [...texts.filter((t) => t.includes(secret)), ...files(ws.dir).filter((f) => statSync(f).size < 50e6 && readFileSync(f).includes(secret))];
    tally({ suite: 'smtp password', trials: 1, faults: 1, secretsLeaked: leaks.length });
    assert.deepEqual(leaks, []);
    onceEach(smtp, ws);
  });
});
