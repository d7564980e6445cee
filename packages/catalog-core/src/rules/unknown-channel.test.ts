import { describe, expect, it } from "vitest";
import rule from "./unknown-channel.js";
import { brief, matching, ndrcRow, runRule, socialAssistanceRow, standardCatalog, supplementaryCatalog, type Expected } from "./test-fixtures.js";

const LAW = "《国务院关于全面建立临时救助制度的通知》";
const row = (selected: string[], n = 1) =>
  socialAssistanceRow(["临时救助", `事项${n}`], "救助对象名单", LAW, { channels: { raw: selected.join(" "), selected } });

const cases: Array<{ name: string; catalog: unknown; expected: Expected[] }> = [
  { name: "the 社会救助 sample passes", catalog: standardCatalog(), expected: [] },
  { name: "known extras and 其他：… pass", catalog: standardCatalog([row(["政府网站", "12345政务服务热线", "其他：村民代表大会"])]), expected: [] },
  {
    name: "a near miss gets a suggestion",
    catalog: standardCatalog([row(["政府网站"], 1), row(["政府网站", "村公示栏"], 2)]),
    expected: [
      {
        rule: "unknown-channel",
        severity: "warning",
        message: "「公开渠道和载体」中的「村公示栏」不是标准渠道，是否应为「社区/企事业单位/村公示栏（电子屏）」？",
        path: "/entries/1/channels",
        cell: "H5",
      },
    ],
  },
  {
    name: "each unknown channel is reported",
    catalog: supplementaryCatalog([
      { ...ndrcRow(["机构信息", "机构职能"], "单位名称", "《中华人民共和国政府信息公开条例》", "信息形成或变更之日起20个工作日内"), channels: { selected: ["无人机航拍", "政务微博"] } },
    ]),
    expected: [{ rule: "unknown-channel", severity: "warning", message: "「公开渠道和载体」中的「无人机航拍」不是标准渠道，也不是已知的地方渠道。", path: "/entries/0/channels", cell: "G4" }],
  },
];

describe("unknown-channel", () => {
  it.each(cases)("$name", ({ catalog, expected }) => {
    expect(runRule(rule, catalog).map(brief)).toEqual(matching(expected));
  });
  it("a frozen list shared by entries (as the xlsx importer shares them) is reported for each", () => {
    const known = Object.freeze(["政府网站"]);
    const unknown = Object.freeze(["政府网站", "村公示栏"]);
    const shared = (selected: readonly string[], n: number) =>
      socialAssistanceRow(["临时救助", `事项${n}`], "救助对象名单", LAW, { channels: { raw: selected.join(" "), selected: selected as string[] } });
    const findings = runRule(rule, standardCatalog([shared(known, 1), shared(known, 2), shared(unknown, 3), shared(unknown, 4), shared(known, 5), shared(unknown, 6)]));
    expect(findings.map((f) => f.location.path)).toEqual(["/entries/2/channels", "/entries/3/channels", "/entries/5/channels"]);
  });
  it("suggests writing a local channel as 其他：…", () => {
    const [f] = runRule(rule, standardCatalog([row(["无人机航拍"])]));
    expect(f?.hint).toContain("请写作“其他：无人机航拍”");
  });
});
