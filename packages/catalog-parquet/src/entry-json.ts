import { ENTRY_COLUMNS, type Column, type EntrySource } from "./layout.js";

// An entry as one JSON text per row, built by the SQL engine: the DuckDB engine hands every entry of
// a province to the library, and reading ~15 values per row through the client (a string decode and
// a JS object each) cost more than the library's own work on them. One text per row, parsed by
// JSON.parse, is a fraction of that. The text is the entry as `entryFromRow` builds it from the same
// row: every model field that is not null, at its dotted path, in column order (a nested object —
// `basis`, `timeLimit`, `channels`, `source` — where its first non-null column is), JSON columns as
// their parsed value. A test compares both on every row of generated and sample tables.

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** The JSON text of one column's non-null value, as SQL. */
function valueSql(c: Column<EntrySource>): string {
  const q = `"${c.name}"`;
  switch (c.type) {
    case "JSON":
      // Written by JSON.stringify; `entryFromRow` parses it: embedded as it is.
      return q;
    case "INT32":
      return `CAST(${q} AS VARCHAR)`;
    default:
      // STRING and LIST<STRING>: JSON strings and arrays of strings (null elements as null).
      return `CAST(to_json(${q}) AS VARCHAR)`;
  }
}

/** `"name":value` when the column is not null, else NULL (which concat_ws skips). */
function memberSql(key: string, c: Column<EntrySource>): string {
  return `CASE WHEN "${c.name}" IS NOT NULL THEN ${quote(JSON.stringify(key) + ":")} || ${valueSql(c)} END`;
}

/**
 * The SQL expression (over the `entries` table's columns) whose value is the entry of the row as
 * JSON text: `JSON.parse` of it equals `entryFromRow` of the row.
 */
export function entryJsonSql(columns: ReadonlyArray<Column<EntrySource>> = ENTRY_COLUMNS): string {
  // Model fields grouped by their first path segment, in order of first appearance.
  const groups = new Map<string, Array<{ sub: string | undefined; column: Column<EntrySource> }>>();
  let last: string | undefined;
  for (const column of columns) {
    if (!column.field) continue;
    const [top, sub, deeper] = column.field.split(".") as [string, string | undefined, string | undefined];
    if (deeper !== undefined) throw new Error(`entryJsonSql: ${column.field} is deeper than two levels`);
    const group = groups.get(top);
    // entryFromRow places a nested object where its first non-null column is: the same place only
    // when a group's columns are next to one another.
    if (group && last !== top) throw new Error(`entryJsonSql: the columns of ${top} are not next to one another`);
    if (group && (sub === undefined || group.some((m) => m.sub === undefined))) throw new Error(`entryJsonSql: ${top} is both a field and an object`);
    (group ?? groups.set(top, []).get(top)!).push({ sub, column });
    last = top;
  }
  const members = [...groups].map(([top, list]) => {
    if (list.length === 1 && list[0]!.sub === undefined) return memberSql(top, list[0]!.column);
    const inner = list.map((m) => memberSql(m.sub!, m.column)).join(", ");
    const any = list.map((m) => `"${m.column.name}" IS NOT NULL`).join(" OR ");
    return `CASE WHEN ${any} THEN ${quote(JSON.stringify(top) + ":{")} || concat_ws(',', ${inner}) || '}' END`;
  });
  return `'{' || concat_ws(',', ${members.join(",\n  ")}) || '}'`;
}
