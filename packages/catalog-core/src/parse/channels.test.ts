import { describe, expect, it } from "vitest";
import { formatChannels, parseChannels } from "./channels.js";

const WALL = "社区/企事业单位/村公示栏（电子屏）";

describe("parseChannels", () => {
  it("reads chosen boxes only (社会救助 sample)", () => {
    const raw = `■政府网站 ■公开查阅点 ■${WALL}`;
    expect(parseChannels(raw)).toEqual({ raw, selected: ["政府网站", "公开查阅点", WALL], unselected: [] });
  });

  it("reads chosen and unchosen boxes", () => {
    const raw = "■政府网站 □政府公报 □两微一端 ■发布会/听证会 □广播电视 ■入户/现场";
    expect(parseChannels(raw)).toEqual({
      raw,
      selected: ["政府网站", "发布会/听证会", "入户/现场"],
      unselected: ["政府公报", "两微一端", "广播电视"],
    });
  });

  it.each([
    ["☑政府网站☐政府公报☑便民服务站", ["政府网站", "便民服务站"], ["政府公报"]],
    ["✓政府网站 ✔政务服务中心 □精准推送", ["政府网站", "政务服务中心"], ["精准推送"]],
  ])("reads other box styles: %s", (raw, selected, unselected) => {
    expect(parseChannels(raw)).toEqual({ raw, selected, unselected });
  });

  it("reads plain names (户籍管理 sample) and keeps multi-word names whole", () => {
    expect(parseChannels("政府网站 入户/现场")).toEqual({ raw: "政府网站 入户/现场", selected: ["政府网站", "入户/现场"] });
    expect(parseChannels(`政府网站、${WALL}，发布会/听证会`).selected).toEqual(["政府网站", WALL, "发布会/听证会"]);
  });

  it("matches known names across width, script and separators", () => {
    expect(parseChannels("社区、企事业单位、村公示栏(电子屏)；政府網站").selected).toEqual([WALL, "政府网站"]);
    expect(parseChannels("政府网站入户/现场").selected).toEqual(["政府网站", "入户/现场"]);
  });

  it("keeps unknown names as written, split on separators and slashes", () => {
    expect(parseChannels("政府网站 村民微信群/乡镇广播站").selected).toEqual(["政府网站", "村民微信群", "乡镇广播站"]);
    expect(parseChannels("■其他：村民代表大会").selected).toEqual(["其他：村民代表大会"]);
  });

  it("maps aliases and known extras to their names", () => {
    expect(parseChannels("政府门户网站 信用中国 12345热线").selected).toEqual(["政府网站", "信用中国网站", "12345政务服务热线"]);
  });

  it("skips a label before the boxes", () => {
    expect(parseChannels("渠道：■政府网站 □政府公报").selected).toEqual(["政府网站"]);
  });

  it("returns nothing for an empty cell", () => {
    expect(parseChannels("")).toEqual({ raw: "", selected: [] });
  });
});

describe("formatChannels", () => {
  it.each([`■政府网站 ■公开查阅点 ■${WALL}`, "政府网站 入户/现场", "☑政府网站☐政府公报"])("gives back a consistent raw: %s", (raw) => {
    expect(formatChannels(parseChannels(raw))).toBe(raw);
  });

  it("lays out the 13 with boxes when the selection changed", () => {
    const channels = parseChannels("■政府网站 □政府公报");
    channels.selected = ["政府公报", "公共资源交易平台"];
    expect(formatChannels(channels)).toBe(
      `□政府网站 ■政府公报 □两微一端 □发布会/听证会 □广播电视 □纸质媒体 □公开查阅点 □政务服务中心 □便民服务站 □入户/现场 □${WALL} □精准推送 □其他 ■公共资源交易平台`,
    );
  });

  it("writes a plain list when no boxes were used", () => {
    expect(formatChannels({ raw: "政府网站", selected: ["政府网站", "入户/现场"] })).toBe("政府网站 入户/现场");
    expect(formatChannels({ selected: ["政府网站"] })).toBe("政府网站");
  });

  it("round-trips its own box layout", () => {
    const text = formatChannels({ selected: ["政府网站", "会议"], unselected: [] });
    const back = parseChannels(text);
    expect(back.selected).toEqual(["政府网站", "会议"]);
    expect(back.unselected).toHaveLength(12);
  });
});

describe("parseChannels / formatChannels properties", () => {
  it("keeps any selection of known channels through a box round trip", async () => {
    const fc = await import("fast-check");
    const names = ["政府网站", "政府公报", "两微一端", "发布会/听证会", "入户/现场", WALL, "精准推送", "其他", "会议", "信用中国网站"];
    fc.assert(
      fc.property(fc.subarray(names), (selected) => {
        const text = formatChannels({ selected, unselected: [] });
        expect(new Set(parseChannels(text).selected)).toEqual(new Set(selected));
        const plain = formatChannels({ selected });
        expect(parseChannels(plain).selected).toEqual(selected);
      }),
    );
  });
});
