// Email through the real CLI to a real SMTP server on 127.0.0.1: the PDF byte for byte, the
// changes named in the body, each (edition, recipient) delivered at most once whatever the
// server does, and an attachment above the limit refused with its reason.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { simpleParser } from 'mailparser';
import { Warehouse } from '../pipelines/warehouse/warehouse.ts';
import type { Status } from '../pipelines/schedule/status.ts';
import { freePort, smtpConfig, startDropper, startSmtp, type TestSmtp } from './helpers/smtp.ts';
import { makeWorkspace, runCli, type Workspace } from './helpers/workspace.ts';

const ALICE = 'alice@example.test';
const BOB = 'bob@example.test';
const CAROL = 'carol@example.test';

function configure(ws: Workspace, port: number, extra = ''): void {
  const subscribers = ['subscribers:', ...[ALICE, BOB, CAROL].map((a) => `  - { address: ${a}, language: en, city: 西安 }`), '  - { address: dave@example.test, city: Chengdu }'].join('\n');
  const base = readFileSync(ws.config, 'utf8').replace(/\nsmtp:[\s\S]*$/, '').replace(/^subscribers: \[\]$/m, '');
  writeFileSync(ws.config, `${base}\n${smtpConfig(port, extra)}\n${subscribers}\n`);
}

async function deliveries(ws: Workspace) {
  const wh = await Warehouse.open(ws.warehouse);
  try {
    return await wh.all<{ edition_id: number; recipient: string; status: string; attempts: number; response: string | null; error: string | null }>(
      'select edition_id, recipient, status, attempts, response, error from deliveries order by edition_id, recipient',
    );
  } finally {
    wh.close();
  }
}

describe('email delivery', () => {
  let ws: Workspace;
  let port: number;
  let smtp: TestSmtp | null = null;
  before(async () => {
    ws = makeWorkspace();
    port = await freePort();
    configure(ws, port);
  });
  after(async () => {
    await smtp?.close();
    ws.cleanup();
  });

  test('a new edition is queued for the subscribers of its city and sent once, the PDF attached byte for byte', async () => {
    const run = await runCli(['run', '--config', ws.config, '--edition-date', '2026-11-28']);
    assert.equal(run.code, 0, run.stderr + run.stdout);
    assert.match(run.stdout, /3 deliveries queued/);
    smtp = await startSmtp(port);
    const send = await runCli(['send', '--config', ws.config]);
    assert.equal(send.code, 0, send.stderr + send.stdout);
    assert.match(send.stdout, /3 sent, 0 still pending, 0 failed/);
    for (const a of [ALICE, BOB, CAROL]) assert.equal(smtp.countFor(a), 1, a);
    assert.equal(smtp.countFor('dave@example.test'), 0, 'dave wants editions about Chengdu only');

    const pdf = readFileSync(ws.path('out', 'editions', '2026-11-28-xian-en-0001', 'edition.pdf'));
    const mail = smtp.received.find((r) => r.to.includes(ALICE))!.parsed;
    assert.equal(mail.attachments.length, 1);
    assert.equal(mail.attachments[0]!.filename, '2026-11-28-xian-en-0001.pdf');
    assert.ok(mail.attachments[0]!.content.equals(pdf), 'the attachment is the edition PDF, byte for byte');
    assert.match(mail.subject!, /edition 1 \(2026-11-28\)/);
    assert.match(mail.text!, /This is the first edition/);
    assert.match(String(mail.html), /<li>This is the first edition\.<\/li>/);

    const rows = await deliveries(ws);
    assert.deepEqual(rows.map((r) => `${r.recipient}:${r.status}:${r.attempts}`), [ALICE, BOB, CAROL].map((a) => `${a}:sent:1`));
    assert.match(rows[0]!.response!, /^250 .*Queued as test-/);

    // Sending again sends nothing: every (edition, recipient) is delivered at most once.
    const again = await runCli(['send', '--config', ws.config, '--edition', '1']);
    assert.equal(again.code, 0, again.stderr + again.stdout);
    assert.match(again.stdout, /was sent already/);
    assert.equal(smtp.received.length, 3);
  });

  test('server down, then dropping connections, then refusing one recipient: the others get exactly one mail naming the changes', async () => {
    await smtp!.close();
    smtp = null;
    const csv = ws.path('data', 'shipped', 'ccid-top100-rankings.csv');
    writeFileSync(csv, readFileSync(csv, 'utf8').replace('2022,12,西安', '2022,9,西安'));
    const run = await runCli(['run', '--config', ws.config, '--edition-date', '2026-11-29']);
    assert.equal(run.code, 0, run.stderr + run.stdout);

    // 1. Nothing listens: the deliveries stay pending, and the pass stops at the first.
    const down = await runCli(['send', '--config', ws.config]);
    assert.equal(down.code, 1);
    assert.match(down.stdout + down.stderr, /0 sent, 3 still pending/);
    let rows = (await deliveries(ws)).filter((r) => r.edition_id === 2);
    assert.deepEqual(rows.map((r) => r.status), ['pending', 'pending', 'pending']);
    assert.equal(rows.reduce((n, r) => n + r.attempts, 0), 1, 'only the first was attempted');
    assert.match(rows.find((r) => r.attempts === 1)!.error!, /ECONNREFUSED|connect/i);

    // 2. A server that drops every connection: still pending.
    const dropper = await startDropper(port);
    const dropped = await runCli(['send', '--config', ws.config]);
    await dropper.close();
    assert.equal(dropped.code, 1);
    assert.ok(dropper.connections >= 1);
    rows = (await deliveries(ws)).filter((r) => r.edition_id === 2);
    assert.deepEqual(rows.map((r) => r.status), ['pending', 'pending', 'pending']);

    // 3. Back up, but refusing bob for good.
    smtp = await startSmtp(port, { reject: (a) => a === BOB });
    const up = await runCli(['send', '--config', ws.config]);
    assert.equal(up.code, 1, 'a refused recipient makes the command fail');
    assert.match(up.stdout + up.stderr, /2 sent, 0 still pending, 1 failed/);
    assert.equal(smtp.countFor(ALICE), 1);
    assert.equal(smtp.countFor(CAROL), 1);
    assert.equal(smtp.countFor(BOB), 0);
    rows = (await deliveries(ws)).filter((r) => r.edition_id === 2);
    assert.deepEqual(rows.map((r) => `${r.recipient}:${r.status}`), [`${ALICE}:sent`, `${BOB}:failed`, `${CAROL}:sent`]);
    assert.match(rows[1]!.response!, /^550/);

    const mail = smtp.received.find((r) => r.to.includes(ALICE))!.parsed;
    assert.match(mail.text!, /What changed since edition 1:/);
    assert.match(mail.text!, /Rank on the Top-100 Advanced Manufacturing Cities list: 12th \(2022\) → 9th \(2022\)/);
    assert.ok(mail.attachments[0]!.content.equals(readFileSync(ws.path('out', 'editions', '2026-11-29-xian-en-0002', 'edition.pdf'))));

    // Later passes send nothing more; status names bob's refusal.
    const later = await runCli(['send', '--config', ws.config]);
    assert.equal(later.code, 0);
    assert.equal(smtp.received.length, 2);
    const status = await runCli(['status', '--json', '--config', ws.config]);
    assert.equal(status.code, 0, status.stderr);
    const s = JSON.parse(status.stdout) as Status;
    assert.equal(s.deliveries.sent, 5);
    assert.deepEqual(s.deliveries.open.map((d) => `${d.edition}:${d.recipient}:${d.status}`), [`2:${BOB}:failed`]);
    assert.match(s.deliveries.open[0]!.error!, /mailbox unavailable/);
  });

  test('a PDF above smtp.maxAttachmentBytes is not sent: the delivery fails with that reason, and status shows it', async () => {
    configure(ws, port, '  maxAttachmentBytes: 1000');
    const res = await runCli(['send', '--config', ws.config, '--edition', '2', '--to', 'erin@example.test']);
    assert.equal(res.code, 1);
    assert.equal(smtp!.countFor('erin@example.test'), 0);
    const status = await runCli(['status', '--config', ws.config]);
    assert.match(status.stdout, /edition 2 → erin@example\.test: failed, 1 attempt: attachment too large: the PDF is [\d.]+ MB, above smtp\.maxAttachmentBytes \(0\.0 MB\)/);
  });

  test('--dry-run writes the mails as .eml files and sends nothing', async () => {
    configure(ws, port);
    const before = smtp!.received.length;
    const res = await runCli(['send', '--dry-run', '--config', ws.config, '--edition', '2']);
    assert.equal(res.code, 0, res.stderr + res.stdout);
    const dir = ws.path('out', 'eml', '2026-11-29-xian-en-0002');
    assert.deepEqual(readdirSync(dir).sort(), [`${ALICE}.eml`, `${BOB}.eml`, `${CAROL}.eml`]);
    const mail = await simpleParser(readFileSync(`${dir}/${BOB}.eml`));
    assert.ok(mail.attachments[0]!.content.equals(readFileSync(ws.path('out', 'editions', '2026-11-29-xian-en-0002', 'edition.pdf'))));
    assert.match(mail.text!, /12th \(2022\) → 9th \(2022\)/);
    assert.equal(smtp!.received.length, before);
    const rows = await deliveries(ws);
    assert.equal(rows.find((r) => r.edition_id === 2 && r.recipient === BOB)!.status, 'failed', 'a dry run changes no delivery');
  });
});
