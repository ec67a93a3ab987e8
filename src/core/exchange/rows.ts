/**
 * One row per tag, for a spreadsheet (CSV) or a stream of JSON objects (JSON Lines): where
 * the tag is, what it says, every conventions field, and its bookkeeping. Rows follow the
 * articles' order and each article's reading order, so the same tags always export to the
 * same bytes.
 */
import { Conventions } from '../conventions';
import { LineIndex } from '../position';
import type { TagStatus } from '../tags';
import { sortArticles, type ExchangeArticle } from './articles';
import { declaredFieldNames } from './verdict';

export interface TagRow {
  readonly article: string;
  /** 1-based line of the tag's start, as editors and `scan` show it. */
  readonly line: number;
  /** 1-based column (UTF-16 code units) of the tag's start; undefined when the article is missing. */
  readonly column: number | undefined;
  /** 0-based UTF-16 offsets into the article text, end excluded. */
  readonly start: number;
  readonly end: number;
  readonly kind: string;
  /** The tagged text (for a fuzzy or orphaned tag, the text that was tagged). */
  readonly text: string;
  readonly note: string | undefined;
  /** Field values by name, in {@link TagTable.fields} order; absent fields are left out. */
  readonly fields: Readonly<Record<string, unknown>>;
  readonly status: TagStatus;
  readonly author: string;
  readonly created: string;
  readonly updated: string;
  readonly id: string;
}

export interface TagTable {
  /**
   * Field columns: the fields the conventions declare, in their order, then any other keys
   * found on the tags (a team's own `source`, say), alphabetically, so nothing a tag holds is
   * left out of the export.
   */
  readonly fields: readonly string[];
  readonly rows: readonly TagRow[];
}

/**
 * Builds the rows of every tag of `articles`.
 *
 * @param articles - Articles with their anchored tags, in any order
 * @param conventions - For articles that do not carry their own
 */
export function tagTable(articles: readonly ExchangeArticle[], conventions: Conventions = Conventions.defaults): TagTable {
  const rows: TagRow[] = [];
  const sorted = sortArticles(articles);
  const declared = declaredFieldNames([conventions, ...sorted.map((article) => article.conventions ?? conventions)]);
  const others = new Set<string>();
  for (const article of sorted) {
    const lines = article.text === undefined ? undefined : new LineIndex(article.text);
    for (const tag of article.tags) {
      const position = lines?.positionAt(tag.anchor.start);
      const fields: Record<string, unknown> = {};
      for (const [name, value] of Object.entries(tag.extra ?? {})) {
        if (value === undefined) continue;
        fields[name] = value;
        if (!declared.includes(name)) others.add(name);
      }
      rows.push({
        article: article.path,
        line: (position?.line ?? tag.anchor.line) + 1,
        column: position === undefined ? undefined : position.character + 1,
        start: tag.anchor.start,
        end: tag.anchor.end,
        kind: tag.kind,
        text: tag.anchor.exact,
        note: tag.note,
        fields,
        status: tag.status,
        author: tag.author,
        created: tag.created,
        updated: tag.updated,
        id: tag.id,
      });
    }
  }
  return { fields: [...declared, ...[...others].sort()], rows };
}

/** The fixed columns before and after the fields. */
const LEADING_COLUMNS = ['article', 'line', 'column', 'kind', 'text', 'note'] as const;
const TRAILING_COLUMNS = ['status', 'author', 'created', 'updated', 'id'] as const;

export interface CsvOptions {
  /**
   * Start with a UTF-8 byte order mark, which Excel needs to read the file as UTF-8 when it
   * is opened with a double click. Off by default: RFC 4180 has none, and most tools do not
   * expect one.
   */
  readonly bom?: boolean;
}

/**
 * The table as CSV (RFC 4180): a header row, CRLF after every record, fields quoted when
 * they hold a comma, a double quote or a line break, quotes doubled. A field column whose
 * name is taken by a fixed column is headed `field:NAME`.
 */
export function toCsv(table: TagTable, options: CsvOptions = {}): string {
  const fixed = new Set<string>([...LEADING_COLUMNS, ...TRAILING_COLUMNS]);
  const header = [...LEADING_COLUMNS, ...table.fields.map((name) => (fixed.has(name) ? `field:${name}` : name)), ...TRAILING_COLUMNS];
  const records = [header];
  for (const row of table.rows) {
    records.push([
      row.article,
      String(row.line),
      row.column === undefined ? '' : String(row.column),
      row.kind,
      row.text,
      row.note ?? '',
      ...table.fields.map((name) => cellText(row.fields[name])),
      row.status,
      row.author,
      row.created,
      row.updated,
      row.id,
    ]);
  }
  const body = records.map((record) => `${record.map(csvField).join(',')}\r\n`).join('');
  return options.bom ? `\ufeff${body}` : body;
}

/**
 * The table as JSON Lines: one object per tag and line, with the same values as the CSV
 * plus the offsets, and the fields as an object of their own (so a field never collides
 * with a fixed key). Values keep their JSON types; absent values are left out.
 */
export function toJsonLines(table: TagTable): string {
  return table.rows
    .map((row) => {
      const object: Record<string, unknown> = {
        article: row.article,
        line: row.line,
        ...(row.column === undefined ? {} : { column: row.column }),
        start: row.start,
        end: row.end,
        kind: row.kind,
        text: row.text,
        ...(row.note === undefined ? {} : { note: row.note }),
        fields: Object.fromEntries(table.fields.filter((name) => row.fields[name] !== undefined).map((name) => [name, row.fields[name]])),
        status: row.status,
        author: row.author,
        created: row.created,
        updated: row.updated,
        id: row.id,
      };
      return `${JSON.stringify(object)}\n`;
    })
    .join('');
}

/** A field value as one CSV cell: text as it is, lists and mappings as JSON. */
function cellText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

function csvField(value: string): string {
  // Leading or trailing spaces are data (RFC 4180), but some readers trim unquoted fields.
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
