// The sheet as a table: a bounded window of rows (the worker never sends more), merged ranges drawn
// merged, cells with findings coloured by their worst severity and carrying their messages.
import type { ReportedFinding } from "@zwgk/catalog-core";
import type { GridRow, GridWindow } from "./api.js";

const RANK = { error: 0, warning: 1, info: 2 } as const;

export function columnName(col: number): string {
  let s = "";
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function renderGrid(
  container: HTMLElement,
  window: GridWindow,
  findings: readonly ReportedFinding[],
  onCell: (findings: ReportedFinding[]) => void,
  focus?: string,
): void {
  const byCell = new Map<string, ReportedFinding[]>();
  const byRow = new Map<number, ReportedFinding[]>();
  for (const f of findings) {
    const { cell, row } = f.location;
    if (cell) byCell.set(cell, [...(byCell.get(cell) ?? []), f]);
    else if (row) byRow.set(row, [...(byRow.get(row) ?? []), f]);
  }
  const rows: Array<GridRow | "gap"> = [...window.pinned];
  const firstWindowRow = window.rows[0]?.index;
  const lastPinned = window.pinned.at(-1)?.index ?? 0;
  if (firstWindowRow !== undefined && firstWindowRow > lastPinned + 1) rows.push("gap");
  rows.push(...window.rows);
  const shown = new Set(rows.filter((r): r is GridRow => r !== "gap").map((r) => r.index));
  // Rows in display order are not contiguous (pinned rows, a gap): a merge is drawn within each run
  // of consecutive shown rows, starting at its first shown row.
  const covered = new Set<string>();
  const spans = new Map<string, { rows: number; cols: number; continued: boolean }>();
  // The pinned rows sit in the sticky table head, the window in the body: a merge never spans both.
  const firstBodyRow = lastPinned + 1;
  for (const m of window.merges) {
    let start: number | undefined;
    for (let r = m.top; r <= m.bottom + 1; r++) {
      if (r === firstBodyRow && start !== undefined) {
        spans.set(`${start}:${m.left}`, { rows: r - start, cols: m.right - m.left + 1, continued: start !== m.top });
        for (let rr = start; rr < r; rr++) for (let c = m.left; c <= m.right; c++) if (rr !== start || c !== m.left) covered.add(`${rr}:${c}`);
        start = undefined;
      }
      const on = r <= m.bottom && shown.has(r);
      if (on && start === undefined) start = r;
      if (!on && start !== undefined) {
        spans.set(`${start}:${m.left}`, { rows: r - start, cols: m.right - m.left + 1, continued: start !== m.top });
        for (let rr = start; rr < r; rr++) for (let c = m.left; c <= m.right; c++) if (rr !== start || c !== m.left) covered.add(`${rr}:${c}`);
        start = undefined;
      }
      if (r > m.bottom) break;
      // Skip long stretches of rows not shown.
      if (!on && start === undefined) {
        const next = [...shown].filter((x) => x > r && x <= m.bottom).sort((a, b) => a - b)[0];
        if (next === undefined) break;
        r = next - 1;
      }
    }
  }

  const table = document.createElement("table");
  const head = table.createTHead().insertRow();
  head.append(Object.assign(document.createElement("th"), { className: "corner" }));
  for (let c = 0; c < window.columns; c++) {
    const th = document.createElement("th");
    th.scope = "col";
    th.textContent = columnName(c);
    head.append(th);
  }
  const thead = table.tHead!;
  const body = table.createTBody();
  for (const row of rows) {
    const tr = row !== "gap" && row.index <= lastPinned ? thead.insertRow() : body.insertRow();
    if (row === "gap") {
      const td = tr.insertCell();
      td.colSpan = window.columns + 1;
      td.className = "gap";
      td.textContent = `… 第 ${lastPinned + 1}–${(firstWindowRow ?? 1) - 1} 行未显示（用「上一页」查看）`;
      continue;
    }
    const rowFindings = byRow.get(row.index);
    const th = document.createElement("th");
    th.scope = "row";
    th.dataset["row"] = String(row.index);
    th.textContent = String(row.index);
    if (rowFindings) mark(th, rowFindings, onCell);
    tr.append(th);
    const texts = new Map(row.cells.map((c) => [c.col, c.text]));
    for (let c = 0; c < window.columns; c++) {
      if (covered.has(`${row.index}:${c}`)) continue;
      const td = tr.insertCell();
      const ref = `${columnName(c)}${row.index}`;
      td.dataset["cell"] = ref;
      const span = spans.get(`${row.index}:${c}`);
      if (span) {
        td.rowSpan = span.rows;
        td.colSpan = span.cols;
        td.classList.add("merged");
      }
      td.textContent = texts.get(c) ?? (span?.continued ? "（合并单元格，值在上方）" : "");
      if (span?.continued) td.classList.add("continued");
      const here = byCell.get(ref);
      if (here) mark(td, here, onCell);
      if (ref === focus) td.classList.add("focus");
    }
  }
  container.replaceChildren(table);
}

function mark(el: HTMLElement, findings: ReportedFinding[], onCell: (f: ReportedFinding[]) => void): void {
  const worst = findings.reduce((a, f) => (RANK[f.severity] < RANK[a] ? f.severity : a), "info" as ReportedFinding["severity"]);
  el.classList.add("flagged", `sev-${worst}`);
  el.tabIndex = 0;
  el.title = findings.map((f) => `${f.message}${f.hint ? `\n建议：${f.hint}` : ""}`).join("\n\n");
  el.setAttribute("aria-label", `${el.textContent ?? ""}。问题：${findings.map((f) => f.message).join("；")}`);
  const badge = document.createElement("span");
  badge.className = "badge";
  badge.textContent = findings.length > 1 ? String(findings.length) : "!";
  badge.setAttribute("aria-hidden", "true");
  el.append(badge);
  const show = () => onCell(findings);
  el.addEventListener("click", show);
  el.addEventListener("focus", show);
  el.addEventListener("keydown", (e) => {
    if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      show();
    }
  });
}
