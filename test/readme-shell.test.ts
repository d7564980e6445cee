// Runs the shell blocks of the root README.md, so the walkthrough cannot ask for files that do not ship
// or commands that fail. Conventions (see README.md):
//   - a fenced block of language sh/bash/shell is a sequence of commands; `\` continues a line and
//     `# …` starts a comment; a comment saying `退出码 N` is the exit code the command must give;
//   - `alias zwgk="node $PWD/packages/catalog-cli/dist/cli.js"` defines zwgk as the built CLI;
//   - every zwgk command runs with bash (so `*` expands as in a terminal), in one scratch folder holding
//     a copy of examples/, in README order; each must exit 0 or 1 (2 would be unreadable input or a
//     usage error), never report an internal error, and write the files it names with --out/--annotate;
//   - npm commands are checked to name scripts that exist; `npm run demo` is run (the others install,
//     build, run this very suite, rewrite generated files or run for minutes).
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertBuilt, ROOT } from "./support/packages.js";

interface ShellCommand {
  /** The command as written, continuation lines joined. */
  text: string;
  /** 1-based README line where it starts. */
  line: number;
  /** From a `# 退出码 N` comment. */
  exit?: number;
}

const FENCE = /^(`{3,})\s*([\w-]*)/;
const SHELLS = new Set(["sh", "bash", "shell"]);

/** The shell blocks of a Markdown text, as commands. */
export function shellCommands(markdown: string): ShellCommand[][] {
  const lines = markdown.split(/\r?\n/);
  const blocks: ShellCommand[][] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i]!);
    if (!open) continue;
    let j = i + 1;
    const body: Array<[string, number]> = [];
    for (; j < lines.length && !lines[j]!.startsWith(open[1]!); j++) body.push([lines[j]!, j + 1]);
    if (SHELLS.has(open[2]!)) blocks.push(commandsOf(body));
    i = j;
  }
  return blocks;
}

function commandsOf(body: ReadonlyArray<[string, number]>): ShellCommand[] {
  const commands: ShellCommand[] = [];
  let pending: ShellCommand | undefined;
  for (const [raw, line] of body) {
    const { code, comment } = splitComment(raw);
    const exit = /退出码\s*(\d)/.exec(comment)?.[1];
    const continued = code.trimEnd().endsWith("\\");
    const part = continued ? code.trimEnd().slice(0, -1) : code;
    if (pending) pending.text += ` ${part.trim()}`;
    else if (part.trim()) pending = { text: part.trim(), line };
    if (pending && exit !== undefined) pending.exit = Number(exit);
    if (!continued && pending) {
      commands.push(pending);
      pending = undefined;
    }
  }
  return commands;
}

/** A line's code and its `#` comment; a `#` inside quotes or inside a word is not a comment. */
function splitComment(line: string): { code: string; comment: string } {
  let quote = "";
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = "";
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "#" && (i === 0 || /\s/.test(line[i - 1]!))) return { code: line.slice(0, i), comment: line.slice(i) };
  }
  return { code: line, comment: "" };
}

/** Paths a command says it writes. */
function outputsOf(command: string): string[] {
  return [...command.matchAll(/--(?:out|annotate)\s+("[^"]+"|\S+)/g)].map((m) => m[1]!.replace(/^"|"$/g, ""));
}

const SCRIPTS = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
const CLI = join(ROOT, "packages", "catalog-cli", "dist", "cli.js");
const ALIAS = 'alias zwgk="node $PWD/packages/catalog-cli/dist/cli.js"';

describe("README.md shell blocks", () => {
  const blocks = shellCommands(readFileSync(join(ROOT, "README.md"), "utf8"));
  let scratch = "";

  beforeAll(() => {
    assertBuilt();
    scratch = mkdtempSync(join(tmpdir(), "zwgk-readme-shell-"));
    cpSync(join(ROOT, "examples"), join(scratch, "examples"), { recursive: true });
  });
  afterAll(() => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it("finds the blocks and their commands", () => {
    expect(blocks.length).toBeGreaterThanOrEqual(3);
    const md = "```sh\nnpm test   # all\nzwgk diff a.json \\\n  b.json --out \"c d.json\"   # 退出码 1\n# a comment\n```\n```js\nx\n```\n";
    expect(shellCommands(md)).toEqual([[{ text: "npm test", line: 2 }, { text: 'zwgk diff a.json b.json --out "c d.json"', line: 3, exit: 1 }]]);
    expect(outputsOf('zwgk diff a b --out "c d.json" --annotate x.xlsx')).toEqual(["c d.json", "x.xlsx"]);
  });

  it("opens with the two commands a newcomer runs: the demo on bundled examples, then the tests", () => {
    // .ci/run and a fresh machine rely on them; the page (npm run web) comes next, for non-developers.
    const first = blocks[0]!.map((c) => c.text);
    expect(first).toEqual(["npm install && npm run demo", "npm test"]);
  });

  it("every command works with the files that ship with the project", () => {
    let zwgkDefined = false;
    let ran = 0;
    for (const command of blocks.flat()) {
      const where = `README.md:${command.line}: ${command.text}`;
      if (command.text.startsWith("alias zwgk=")) {
        expect(command.text, where).toBe(ALIAS);
        zwgkDefined = true;
        continue;
      }
      if (/^(?:npm|npx) /.test(command.text)) {
        for (const part of command.text.split("&&").map((p) => p.trim())) {
          const run = /^npm run (\S+)/.exec(part);
          if (part === "npm install" || part === "npm ci") continue;
          if (part === "npm test") expect(SCRIPTS["test"], where).toBeDefined();
          else if (part === "npx changeset") expect(existsSync(join(ROOT, "node_modules", ".bin", "changeset")), where).toBe(true);
          else if (run) {
            expect(SCRIPTS[run[1]!], where).toBeDefined();
            if (run[1] === "demo") {
              const demo = spawnSync("npm", ["run", "--silent", "demo"], { cwd: ROOT, encoding: "utf8" });
              expect(demo.status, `${where}\n${demo.stdout}${demo.stderr}`).toBe(0);
              // The demo shows real findings at their cells, without a wall of build output.
              expect(demo.stdout).toContain("社会救助!F9");
              expect(demo.stdout).toContain("社会救助!G12");
              expect(demo.stdout).not.toMatch(/ESM Build|DTS Build|tsup/);
            }
          } else throw new Error(`${where}: an npm command this test does not know`);
        }
        continue;
      }
      expect(command.text.startsWith("zwgk "), where).toBe(true);
      expect(zwgkDefined, `${where}: zwgk used before the alias`).toBe(true);
      const r = spawnSync("bash", ["-c", `zwgk() { node ${JSON.stringify(CLI)} "$@"; }\n${command.text}`], { cwd: scratch, encoding: "utf8" });
      const output = `${where}\nexit ${r.status}\n${r.stdout.slice(0, 2000)}${r.stderr.slice(0, 2000)}`;
      if (command.exit !== undefined) expect(r.status, output).toBe(command.exit);
      else expect([0, 1], output).toContain(r.status);
      expect(r.stderr, output).not.toContain("内部错误");
      for (const file of outputsOf(command.text)) expect(existsSync(join(scratch, file)), `${where}: wrote ${file}`).toBe(true);
      ran++;
    }
    expect(ran).toBeGreaterThanOrEqual(12);
  }, 600_000); // some twenty CLI runs and the demo, one after another, on a shared machine
});
