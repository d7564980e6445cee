#!/usr/bin/env node
// The `zwgk` command. This file is committed, not built: npm links a workspace's bin when it installs,
// before any build, and skips a target that does not exist yet — so `npx zwgk` in a fresh clone would
// find nothing to run. It loads the built CLI, or says how to build it.
import { existsSync } from "node:fs";

const cli = new URL("../dist/cli.js", import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write(
    "zwgk：命令行还没有构建（缺少 packages/catalog-cli/dist/）。\n" +
      "请在仓库根目录运行 npm run build（第一次使用可运行 npm run demo），然后重试。\n",
  );
  process.exit(2);
}
await import(cli.href);
