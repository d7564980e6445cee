// `npm run demo`: what zwgk does, in ten seconds. Builds the packages quietly when they are not built
// yet or older than their sources (the build log is shown only if the build fails), then validates a
// department's revised workbook that ships in examples/ — its findings point at cells — and exits 0.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const packages = readdirSync(join(root, "packages")).filter((p) => existsSync(join(root, "packages", p, "package.json")));
const WORKBOOK = "examples/社会救助-标准目录-修订稿.xlsx";

/** Newest modification time under a folder (0 when it does not exist). */
function newest(dir) {
  if (!existsSync(dir)) return 0;
  let time = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    time = Math.max(time, e.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return time;
}

/** Built when every package's dist is at least as new as its sources and manifest. */
function built() {
  return packages.every((p) => {
    const dir = join(root, "packages", p);
    const cli = p === "catalog-cli" ? join(dir, "dist", "cli.js") : join(dir, "dist", "index.js");
    if (!existsSync(cli)) return false;
    const sources = Math.max(newest(join(dir, "src")), statSync(join(dir, "package.json")).mtimeMs);
    return statSync(cli).mtimeMs >= sources;
  });
}

if (!built()) {
  process.stdout.write("正在构建（约半分钟）……\n");
  const build = spawnSync("npm", ["run", "build", "--silent"], { cwd: root, encoding: "utf8", shell: process.platform === "win32" });
  if (build.status !== 0) {
    process.stderr.write(`${build.stdout}${build.stderr}\n构建失败，见上面的输出。\n`);
    process.exit(build.status ?? 1);
  }
}

process.stdout.write(`$ zwgk validate ${WORKBOOK}\n`);
const cli = spawnSync(process.execPath, [join(root, "packages", "catalog-cli", "dist", "cli.js"), "validate", WORKBOOK], { cwd: root, stdio: "inherit" });
// Exit code 1 means "findings", which is the point of the demo; 2 would be a real failure.
if (cli.status === 0 || cli.status === 1) {
  process.stdout.write(
    `\n每个问题都指明工作表和单元格。把问题标回原表：zwgk validate ${WORKBOOK} --annotate 批注.xlsx\n` +
      "更多用法：README.md 的“上手”一节，或 zwgk --help。\n",
  );
  process.exit(0);
}
process.exit(cli.status ?? 1);
