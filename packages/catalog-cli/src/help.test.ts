import { describe, expect, it } from "vitest";
import { COMMAND_NAMES, commandHelp } from "./main.js";
import { zwgk } from "./test-io.js";

describe("help", () => {
  it.each(COMMAND_NAMES)("zwgk %s --help shows that command's usage, every option it accepts, and examples", async (name) => {
    const r = await zwgk([name, "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^用法：zwgk ${name} `));
    expect(r.stdout).not.toContain("用法：zwgk <命令>");
    for (const option of Object.keys((await commandHelp(name))!.options)) expect(r.stdout).toMatch(new RegExp(`^  (?:-\\w, )?--${option}\\b`, "m"));
    const examples = r.stdout.slice(r.stdout.indexOf("示例："));
    expect(examples.match(new RegExp(`^  zwgk ${name} `, "gm"))?.length).toBeGreaterThanOrEqual(2);
    // The same through `zwgk help <命令>`, and -h anywhere before `--`.
    expect((await zwgk(["help", name])).stdout).toBe(r.stdout);
    expect((await zwgk([name, "x.json", "-h"])).stdout).toBe(r.stdout);
  });

  it("a usage error shows the command's usage and where its help is", async () => {
    const r = await zwgk(["validate", "--bogus"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("zwgk：未知选项 --bogus。\n用法：zwgk validate <文件、文件夹或通配符...> [选项]\n选项和示例：zwgk validate --help\n");
  });

  it("an unknown command suggests the closest one", async () => {
    expect((await zwgk(["valdate", "a.xlsx"])).stderr).toBe("zwgk：未知命令「valdate」，是否为「validate」？\n运行 zwgk --help 查看全部命令。\n");
    expect((await zwgk(["chek"])).stderr).toContain("是否为「check」？");
    const far = await zwgk(["publish"]);
    expect(far.code).toBe(2);
    expect(far.stderr).toBe("zwgk：未知命令「publish」。\n运行 zwgk --help 查看全部命令。\n");
  });

  it("the general help lists every command", async () => {
    const r = await zwgk(["--help"]);
    for (const name of COMMAND_NAMES) expect(r.stdout).toMatch(new RegExp(`^  ${name} `, "m"));
  });
});
