import { describe, expect, it } from "vitest";
import { canonicalItemType, ITEM_TYPES, itemTypeOfCode } from "./item-types.js";
import { classifyPowerType, closestPowerType, LEGACY_POWER_TYPES, POWER_TYPES } from "./power-types.js";
import { parseImplementationCode } from "../codes.js";

describe("POWER_TYPES", () => {
  it("is the 9+X list", () => {
    expect(POWER_TYPES).toHaveLength(10);
    expect(POWER_TYPES.at(-1)?.name).toBe("其他行政权力");
    expect(LEGACY_POWER_TYPES.map((t) => t.name)).toEqual(["非行政许可审批", "审核转报", "其他具体行政行为", "公共服务"]);
  });
});

describe("classifyPowerType", () => {
  it.each([
    ["行政许可", { type: "行政许可", legacy: false }],
    ["行政 许可", { type: "行政许可", legacy: false }],
    ["行政處罰", { type: "行政处罚", legacy: false }],
    ["其他职权", { type: "其他行政权力", legacy: false }],
    ["其他行政权力", { type: "其他行政权力", legacy: false }],
    ["非行政许可审批", { type: "非行政许可审批", legacy: true }],
    ["公共服务", { type: "公共服务", legacy: true }],
  ])("%s", (text, expected) => expect(classifyPowerType(text)).toEqual(expected));
  it.each(["行政审批", "行政备案", ""])("does not classify %s", (text) => expect(classifyPowerType(text)).toBeUndefined());
  it("suggests a close type", () => expect(closestPowerType("行政征用")).toBe("行政征收"));
});

describe("事项类型 codes", () => {
  it("maps letters and numbers", () => {
    expect(ITEM_TYPES.find((t) => t.letter === "G")?.name).toBe("行政给付");
    expect(canonicalItemType("1")).toBe("行政许可");
    expect(canonicalItemType("20")).toBe("公共服务");
    expect(canonicalItemType("其他职权")).toBe("其他行政权力");
    expect(canonicalItemType("99")).toBeUndefined();
  });
  it.each([
    ["511A0138000000-511602000000-000-115113010833722043-1-00", "行政许可"],
    ["G-000007-001-511602000000-000-115113010833722043-1-00", "行政给付"],
    ["512B0053300006-511602000000-000-083372204-1-00", "公共服务"],
    ["513A0161200000-511602000000-000-1151130000877869M-1-00", undefined],
  ])("reads the type %s states", (raw, type) => {
    expect(itemTypeOfCode(parseImplementationCode(raw).code!)).toBe(type);
  });
});
