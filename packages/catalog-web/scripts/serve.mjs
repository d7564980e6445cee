#!/usr/bin/env node
// A tiny static server for the built page (`npm run web`), also used by the end-to-end tests. Any
// static server works (the page uses relative URLs); this one needs nothing beyond Node.
import { createReadStream, statSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
  ".map": "application/json",
};

/**
 * Serves `root` on 127.0.0.1 (port 0 picks a free one). Resolves to the server and its URL.
 * Only files under `root` are served; anything else is 404.
 */
export function serve(root, port = 0, host = "127.0.0.1") {
  const base = resolve(root);
  const server = createServer((req, res) => {
    let path;
    try {
      path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    let file = normalize(join(base, path));
    if (file !== base && !file.startsWith(base + sep)) {
      res.writeHead(404).end();
      return;
    }
    try {
      if (statSync(file).isDirectory()) file = join(file, "index.html");
      statSync(file);
    } catch {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("404");
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "cache-control": "no-cache" });
    createReadStream(file).pipe(res);
  });
  return new Promise((ok, fail) => {
    server.once("error", fail);
    server.listen(port, host, () => {
      const address = server.address();
      ok({ server, url: `http://${host}:${address.port}/` });
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dist = fileURLToPath(new URL("../dist/", import.meta.url));
  const port = Number(process.env.PORT ?? 5180);
  try {
    statSync(join(dist, "index.html"));
  } catch {
    console.error("找不到已构建的页面：请先运行 npm run build（或直接运行 npm run web）。");
    process.exit(2);
  }
  const { url } = await serve(dist, port).catch((e) => {
    console.error(`无法在端口 ${port} 上启动：${e.message}。可用 PORT=其他端口 npm run web 换一个端口。`);
    process.exit(2);
  });
  console.log(`政务公开目录检查页面已启动：${url}`);
  console.log("在浏览器中打开上面的地址。文件只在本机处理，不会上传。按 Ctrl+C 停止。");
}
