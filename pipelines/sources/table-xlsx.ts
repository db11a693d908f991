// Adapter for an XLSX workbook: one sheet, its first row the header, mapped to the fields of
// one warehouse table exactly as table-csv maps a CSV file (same settings, plus `sheet`).
import type ExcelJS from 'exceljs';
import { z } from 'zod';
import { SnapshotError } from '../errors.ts';
import type { ParseResult } from '../types.ts';
import type { ParseContext, SourceAdapter } from './contract.ts';
import { TableSettings, parseTableRecords, tableSettings } from './table-csv.ts';

const XlsxSettings = TableSettings.extend({
  /** The sheet's name or 1-based position; the first sheet by default. */
  sheet: z.union([z.string(), z.number().int().positive()]).default(1),
});

/** A cell as the text a reader sees: formulas by their result, dates as YYYY-MM-DD. */
function cellText(value: ExcelJS.CellValue): string {
  if (value == null) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return String(value.text);
    if ('error' in value) return String(value.error);
  }
  return String(value).trim();
}

const adapter: SourceAdapter = {
  kind: 'table-xlsx',
  version: 2, // 2: each row keeps its words (quote, offset)
  feeds: ['rankings', 'observations', 'firms'],
  settings: XlsxSettings,
  async parse(_body: string, ctx: ParseContext): Promise<ParseResult> {
    const settings = tableSettings(XlsxSettings, ctx);
    if (!ctx.raw) throw new SnapshotError(ctx.location, null, 'no bytes to read', 'table-xlsx reads the raw file');
    // Imported here, not at the top: every load checks its sources' settings, which loads this
    // module, and exceljs is the slowest import of all (a 304 tick parses nothing).
    const { default: excel } = await import('exceljs');
    const workbook = new excel.Workbook();
    try {
      await workbook.xlsx.load(Buffer.from(ctx.raw) as unknown as ArrayBuffer);
    } catch (err) {
      throw new SnapshotError(ctx.location, null, `not a readable XLSX workbook (${(err as Error).message})`, 'save the file as .xlsx, or use table-csv');
    }
    const sheet = typeof settings.sheet === 'number' ? workbook.worksheets[settings.sheet - 1] : workbook.getWorksheet(settings.sheet);
    if (!sheet) {
      const names = workbook.worksheets.map((w) => w.name).join(', ');
      throw new SnapshotError(ctx.location, null, `no sheet ${JSON.stringify(settings.sheet)} (sheets: ${names})`, 'set settings.sheet to one of them');
    }
    const records: string[][] = [];
    const rowNumbers: number[] = [];
    sheet.eachRow({ includeEmpty: false }, (row, n) => {
      const values = row.values as ExcelJS.CellValue[]; // 1-based: values[0] is empty
      records.push(values.slice(1).map(cellText));
      rowNumbers.push(n);
    });
    // A workbook has no text of its own: a row is quoted as "header: value" pairs naming its
    // sheet row, and its offset is where it stands in the sheet read as tab-separated lines.
    const header = records[0] ?? [];
    let offset = 0;
    const sources = records.map((record, i) => {
      const source = {
        quote: i === 0 ? record.join('\t') : `${sheet.name}!${rowNumbers[i]}: ${record.map((v, k) => `${header[k] ?? k + 1}: ${v}`).filter((_, k) => record[k] !== '').join('; ')}`,
        offset,
      };
      offset += record.join('\t').length + 1;
      return source;
    });
    return parseTableRecords(records, ctx, settings, sources);
  },
};

export default adapter;
