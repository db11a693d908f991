// Every figure an edition prints carries a marker leading to a note on where it was read:
// the source, its provenance, the file or URL, the date read, the snapshot's hash, the words.
import { UnsourcedFigureError } from '../errors.ts';
import type { SourceRow } from './edition-data.ts';

/** Where one figure was read: its snapshot and, when the adapter kept them, its words. */
export interface FigureSource {
  snapshot_id: number;
  quote: string | null;
  quote_offset: number | null;
  /** The figure is counted from the whole snapshot (a list), not read from one row. */
  whole?: boolean;
}

export interface Note {
  n: number;
  id: string;
  source: SourceRow;
  quote: string | null;
  offset: number | null;
  whole: boolean;
  /** What the note is cited for, in reading order (for the reader and for the tests). */
  figures: string[];
}

/** Numbers notes in the order the figures are first cited; one note per snapshot and quote. */
export class Citations {
  private readonly byKey = new Map<string, Note>();
  private readonly snapshots: Map<number, SourceRow>;

  constructor(sources: SourceRow[]) {
    this.snapshots = new Map(sources.map((s) => [Number(s.snapshot_id), s]));
  }

  /** The note number of a figure; throws naming the figure when it has no source. */
  cite(figure: string, source: FigureSource | null | undefined): number {
    const snapshot = source ? this.snapshots.get(Number(source.snapshot_id)) : undefined;
    if (!source || !snapshot) throw new UnsourcedFigureError(figure);
    const key = `${source.snapshot_id}\u0000${source.whole ? '\u0001whole' : (source.quote ?? '')}`;
    let note = this.byKey.get(key);
    if (!note) {
      const n = this.byKey.size + 1;
      note = { n, id: `note-${n}`, source: snapshot, quote: source.quote, offset: source.quote_offset, whole: !!source.whole, figures: [] };
      this.byKey.set(key, note);
    }
    if (!note.figures.includes(figure)) note.figures.push(figure);
    return note.n;
  }

  /** The HTML of a marker: a superscript number linking to its note. */
  marker(figure: string, source: FigureSource | null | undefined): string {
    const n = this.cite(figure, source);
    return `<sup class="cite"><a href="#note-${n}">[${n}]</a></sup>`;
  }

  notes(): Note[] {
    return [...this.byKey.values()];
  }
}
