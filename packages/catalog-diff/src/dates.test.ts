import { describe, expect, it } from "vitest";
import { isCalendarDate, todayInChina } from "./dates.js";
import { parseChangeSet } from "./parse-changeset.js";

describe("change-set dates", () => {
  it("accepts real calendar dates only", () => {
    expect(["2024-07-01", "2024-02-29", "2000-02-29", "2023-12-31"].filter(isCalendarDate)).toHaveLength(4);
    expect(["2024-02-30", "2023-02-29", "1900-02-29", "2024-13-01", "2024-00-10", "2024-7-1", "20240701", "2024-07-01T00:00"].filter(isCalendarDate)).toEqual([]);
  });

  it("takes today in Beijing time, not UTC", () => {
    // 2024-06-30 23:30 UTC is 2024-07-01 07:30 in 北京.
    expect(todayInChina(new Date("2024-06-30T23:30:00Z"))).toBe("2024-07-01");
    expect(todayInChina(new Date("2024-06-30T15:59:59Z"))).toBe("2024-06-30");
    expect(todayInChina(new Date("2024-06-30T16:00:00Z"))).toBe("2024-07-01");
  });

  it("the change-set parser uses the same rule", () => {
    const cs = { author: "县民政局", reason: "调整", kind: "standard", changes: [] };
    expect(parseChangeSet({ ...cs, effectiveDate: "2024-02-30" })).toEqual({ error: "变更集格式错误：effectiveDate 不是有效日期：2024-02-30" });
    expect(parseChangeSet({ ...cs, effectiveDate: "2024-02-29" })).not.toHaveProperty("error");
  });
});
