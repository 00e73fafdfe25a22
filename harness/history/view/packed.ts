/**
 * The page's data packed small: every night's groups, contexts, verdicts and regressions as one
 * table each (column names once, strings replaced by indexes into a per-column dictionary), so a
 * year of nights × 20 models loads in well under a second. Pure; the page unpacks it at start.
 */
import type { GroupView, HistoryData, ModelContext, NightView, RegressionView, VerdictView } from '../view-model.ts';

type Flat = Record<string, unknown>;

/** Records as rows: column paths ("decode.median"), and for all-string columns a dictionary. */
export interface PackedTable {
  /** Columns with one value in every row (rescue: false, kind: null …), kept out of the rows. */
  constants: Flat;
  columns: string[];
  /** Per column: the strings its row values index into, or null when values are stored as they are. */
  dictionaries: Array<string[] | null>;
  rows: unknown[][];
}

type NightHead = Omit<NightView, 'groups' | 'contexts' | 'verdicts' | 'regressions'>;

export interface PackedHistory extends Omit<HistoryData, 'nights'> {
  nights: NightHead[];
  /** Each table has a "night" column: the index of the night in `nights`. */
  groups: PackedTable;
  contexts: PackedTable;
  verdicts: PackedTable;
  regressions: PackedTable;
}

const isPlainObject = (value: unknown): value is Flat =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function flatten(record: Flat, prefix = '', into: Flat = {}): Flat {
  for (const [key, value] of Object.entries(record)) {
    if (isPlainObject(value)) flatten(value, `${prefix}${key}.`, into);
    else into[`${prefix}${key}`] = value;
  }
  return into;
}

/** Packs records whose values are JSON (nested objects become dotted columns). */
export function packTable(records: readonly object[]): PackedTable {
  const flat = records.map((r) => flatten(r as Flat));
  const allColumns = [...new Set(flat.flatMap((f) => Object.keys(f)))];
  const valuesOf = (column: string): unknown[] => flat.map((f) => f[column] ?? null);
  const isConstant = (column: string): boolean =>
    flat.length > 1 && new Set(valuesOf(column).map((v) => JSON.stringify(v))).size === 1;
  const constants = Object.fromEntries(allColumns.filter(isConstant).map((c) => [c, valuesOf(c)[0]]));
  const columns = allColumns.filter((c) => !(c in constants));
  const dictionaries = columns.map((column) => {
    const values = valuesOf(column);
    return values.every((v) => v === null || typeof v === 'string')
      ? [...new Set(values.filter((v) => v !== null))]
      : null;
  }) as Array<string[] | null>;
  const indexes = dictionaries.map((d) => (d === null ? null : new Map(d.map((s, i) => [s, i]))));
  const rows = flat.map((f) =>
    columns.map((column, c) => {
      const value = f[column] ?? null;
      const index = indexes[c];
      return index === null || index === undefined || value === null ? value : index.get(value as string);
    }),
  );
  return { constants, columns, dictionaries, rows };
}

function rowReader(table: PackedTable): (row: readonly unknown[], skip: number) => Flat {
  const fixed = Object.keys(table.constants);
  const paths = [...table.columns, ...fixed].map((column) => column.split('.'));
  return (row, skip) => {
    const record: Flat = {};
    for (let c = 0; c < paths.length; c += 1) {
      if (c === skip) continue;
      const dictionary = table.dictionaries[c];
      const raw =
        c < table.columns.length ? (row[c] ?? null) : table.constants[fixed[c - table.columns.length] as string];
      const value = dictionary === null || dictionary === undefined || raw === null ? raw : dictionary[raw as number];
      const keys = paths[c] as string[];
      let target = record;
      for (let k = 0; k < keys.length - 1; k += 1) {
        const key = keys[k] as string;
        target[key] ??= {};
        target = target[key] as Flat;
      }
      target[keys[keys.length - 1] as string] = value;
    }
    return record;
  };
}

/** The records packTable was given. */
export function unpackTable<T>(table: PackedTable): T[] {
  const read = rowReader(table);
  return table.rows.map((row) => read(row, -1) as T);
}

function perNight<T extends object>(nights: readonly NightView[], pick: (n: NightView) => readonly T[]): PackedTable {
  return packTable(nights.flatMap((night, index) => pick(night).map((item) => ({ night: index, ...item }))));
}

/** The history as the page's data file carries it. */
export function packHistory(data: HistoryData): PackedHistory {
  const { nights, ...header } = data;
  return {
    ...header,
    nights: nights.map(({ groups: _g, contexts: _c, verdicts: _v, regressions: _r, ...head }) => head),
    groups: perNight(nights, (n) => n.groups),
    contexts: perNight(nights, (n) => n.contexts),
    verdicts: perNight(nights, (n) => n.verdicts),
    regressions: perNight(nights, (n) => n.regressions),
  };
}

/** Row indexes of each night, from the table's night column (rows of one night need not be adjacent). */
function rowsByNight(table: PackedTable, count: number): number[][] {
  const lists: number[][] = Array.from({ length: count }, () => []);
  const nightColumn = table.columns.indexOf('night');
  table.rows.forEach((row, index) => {
    lists[row[nightColumn] as number]?.push(index);
  });
  return lists;
}

/** Per night, a function giving that night's records of `table`, unpacked on first call and kept. */
function lazyPerNight<T>(table: PackedTable, count: number): Array<() => T[]> {
  const read = rowReader(table);
  const nightColumn = table.columns.indexOf('night');
  return rowsByNight(table, count).map((rows) => {
    let items: T[] | null = null;
    return () => {
      items ??= rows.map((index) => read(table.rows[index] as unknown[], nightColumn) as T);
      return items;
    };
  });
}

// A year of nights × 20 models is ~30 000 groups: unpacking them all would be most of the page's
// start-up, while the first view needs one night. A night's lists unpack when first read.
/** The history packHistory was given; each night's groups, contexts, verdicts and regressions unpack on first use. */
export function unpackHistory(packed: PackedHistory): HistoryData {
  const { nights, groups, contexts, verdicts, regressions, ...header } = packed;
  const lists = {
    groups: lazyPerNight<GroupView>(groups, nights.length),
    contexts: lazyPerNight<ModelContext>(contexts, nights.length),
    verdicts: lazyPerNight<VerdictView>(verdicts, nights.length),
    regressions: lazyPerNight<RegressionView>(regressions, nights.length),
  };
  return {
    ...header,
    nights: nights.map((head, i) => {
      const night = { ...head } as NightView;
      for (const [key, perNight] of Object.entries(lists)) {
        Object.defineProperty(night, key, { get: perNight[i], enumerable: true });
      }
      return night;
    }),
  };
}

/**
 * What index.html carries inline so the first view draws before the rest loads: every night with
 * its contexts and regressions, but groups and verdicts only for the latest night.
 */
export function historyHead(data: HistoryData): HistoryData {
  const last = data.nights.length - 1;
  return {
    ...data,
    nights: data.nights.map((night, i) => (i === last ? night : { ...night, groups: [], verdicts: [] })),
  };
}
