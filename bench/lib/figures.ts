// A figure of the bench: what was measured, against what, the ratio and the target, and how it
// prints (a terminal line, or a Markdown table row with the before figures beside it).

export type Unit = 's' | 'MB' | '×' | 's/edition';

export interface Target {
  op: '≤' | '≥' | '<';
  value: number;
  /** What the target bounds: the ratio to the reference, or the value itself. */
  of: 'ratio' | 'value';
}

export interface Figure {
  /** Stable id, the key of the before figures (bench/before.json). */
  id: string;
  /** The issue's goal number. */
  goal: number;
  label: string;
  value: number;
  unit: Unit;
  reference?: { label: string; value: number; unit: Unit };
  ratio?: number;
  target?: Target;
  /** Anything the reader needs to judge the figure (CPU time, rows, what was fresh). */
  note?: string;
  /** Not measured here, and why (e.g. the checkout has no `build --all`). */
  skipped?: string;
  /** Conditions of the goal the run broke (Chromium started on an idle tick): the figure fails whatever its value. */
  violations?: string[];
}

export function passes(f: Figure): boolean | null {
  if (f.skipped || !f.target) return null;
  if (f.violations?.length) return false;
  const x = f.target.of === 'ratio' ? f.ratio : f.value;
  if (x == null || Number.isNaN(x)) return null;
  const { op, value } = f.target;
  return op === '≤' ? x <= value : op === '≥' ? x >= value : x < value;
}

export const num = (x: number, unit: Unit): string => {
  if (Number.isNaN(x)) return '—';
  if (unit === 'MB') return `${Math.round(x)} MB`;
  if (unit === '×') return `${x.toFixed(x >= 10 ? 1 : 2)}×`;
  const digits = x < 1 ? 3 : x < 10 ? 2 : 1;
  return `${x.toFixed(digits)} ${unit}`;
};

export function targetText(t: Target | undefined): string {
  if (!t) return '';
  return `${t.op} ${t.value}${t.of === 'ratio' ? '×' : ''}`;
}

/** One terminal line: `build --force  5.1 s  floor 4.6 s  ratio 1.11×  target ≤ 1.3×  ✔`. */
export function line(f: Figure): string {
  if (f.skipped) return `${f.label.padEnd(37)} skipped: ${f.skipped}`;
  const ok = passes(f);
  const parts = [f.label.padEnd(37), num(f.value, f.unit).padStart(12)];
  if (f.reference) parts.push(`  ${f.reference.label} ${num(f.reference.value, f.reference.unit)}`);
  if (f.ratio != null) parts.push(`  ratio ${num(f.ratio, '×')}`);
  if (f.target) parts.push(`  target ${f.target.of === 'value' && f.unit !== '×' ? `${targetText(f.target)} ${f.unit}` : targetText(f.target)}`);
  if (ok != null) parts.push(ok ? '  ✔' : '  ✘');
  if (f.violations?.length) parts.push(`  ${f.violations.join('; ')}`);
  if (f.note) parts.push(`   (${f.note})`);
  return parts.join('');
}

/** The figure as a table cell: the ratio when there is a reference, with the two values. */
export function cell(f: Figure | undefined): string {
  if (!f) return '';
  if (f.skipped) return `— (${f.skipped})`;
  const value = num(f.value, f.unit);
  if (f.ratio != null && f.reference) return `**${num(f.ratio, '×')}** (${value} / ${num(f.reference.value, f.reference.unit)})`;
  if (f.ratio != null) return `**${num(f.ratio, '×')}** (${value})`;
  return `**${value}**`;
}

/**
 * The README table `| goal | figure | before | after | target |`: a row per figure of either
 * run (after's order first), a cell left empty where that run did not measure it.
 */
export function markdown(after: Figure[], before: Figure[] = []): string {
  const beforeById = new Map(before.map((f) => [f.id, f]));
  const afterById = new Map(after.map((f) => [f.id, f]));
  // By goal, each run's order kept within a goal.
  const rows = [...after, ...before.filter((f) => !afterById.has(f.id))].sort((x, y) => x.goal - y.goal);
  const verdict = (f: Figure | undefined) => {
    const ok = f ? passes(f) : null;
    return ok == null ? '' : ok ? ' ✔' : ' ✘';
  };
  return [
    '| goal | figure | before | after | target |',
    '| --- | --- | --- | --- | --- |',
    ...rows.map((row) => {
      const b = beforeById.get(row.id);
      const a = afterById.get(row.id);
      const target = row.target ? (row.target.of === 'value' && row.unit !== '×' ? `${targetText(row.target)} ${row.unit}` : targetText(row.target)) : '';
      // A run that measured something else under the same id (fewer rows) says so in its cell.
      const other = (f: Figure | undefined) => (f && f.label !== row.label ? ` [${f.label}]` : '');
      return `| ${row.goal} | ${row.label.replaceAll('|', '\\|')} | ${cell(b)}${verdict(b)}${other(b)} | ${cell(a)}${verdict(a)}${other(a)} | ${target} |`;
    }),
  ].join('\n');
}
