import { describe, expect, it } from "vitest";
import { canonicalChannel, closestChannel, isKnownChannel, KNOWN_EXTRA_CHANNELS, STANDARD_CHANNELS } from "./channels.js";

describe("channel tables", () => {
  it("hold the 13 standard options in list order and the known extras", () => {
    expect(STANDARD_CHANNELS.map((c) => c.name)).toEqual([
      "政府网站", "政府公报", "两微一端", "发布会/听证会", "广播电视", "纸质媒体", "公开查阅点",
      "政务服务中心", "便民服务站", "入户/现场", "社区/企事业单位/村公示栏（电子屏）", "精准推送", "其他",
    ]);
    expect(KNOWN_EXTRA_CHANNELS.map((c) => c.name)).toContain("12345政务服务热线");
    expect(Object.isFrozen(STANDARD_CHANNELS)).toBe(true);
  });
});

describe("canonicalChannel / isKnownChannel", () => {
  it.each([
    ["社区/企事业单位/村公示栏(电子屏)", "社区/企事业单位/村公示栏（电子屏）"],
    ["政府門戶網站", "政府网站"],
    ["信用中国", "信用中国网站"],
  ])("%s → %s", (name, canonical) => expect(canonicalChannel(name)).toBe(canonical));
  it.each([
    ["其他：村民代表大会", true],
    ["其他(村务公开栏)", true],
    ["村民微信群", false],
    ["其他渠道", false],
  ])("%s known: %s", (name, known) => expect(isKnownChannel(name)).toBe(known));
});

describe("closestChannel", () => {
  it.each([
    ["政府网", "政府网站"],
    ["村公示栏", "社区/企事业单位/村公示栏（电子屏）"],
    ["政务服务大厅窗口", "政务服务中心"],
    ["公共资源交易中心", "公共资源交易平台"],
  ])("%s → %s", (name, expected) => expect(closestChannel(name)).toBe(expected));
  it("suggests nothing for unrelated text", () => expect(closestChannel("无人机")).toBeUndefined());
});
