import { describe, expect, it } from "vitest";
import { checkCreditCode, checkDivisionCode, checkOrganizationCode, creditCodeCheckCharacter, parseImplementationCode } from "./codes.js";

describe("checkCreditCode", () => {
  // Real codes of 广安区 departments, from the 实施编码 in 政务服务事项-广安区.xlsx.
  it.each(["11511301008778183N", "115113010833722043", "11511300MB1A21304N", "1151130100877844X4", "12511301MB1297707Y", " 11511301mb1550442u "])(
    "accepts %s",
    (code) => expect(checkCreditCode(code)).toBe(true),
  );
  it.each([
    ["11511301008778183M", "wrong check character"],
    ["1151130000877869M", "17 characters"],
    ["2222222222222", "placeholder"],
    ["11511301008778I83N", "I is not allowed"],
  ])("rejects %s (%s)", (code) => expect(checkCreditCode(code)).toBe(false));
  it("computes the check character", () => {
    expect(creditCodeCheckCharacter("11511301008778183")).toBe("N");
    expect(creditCodeCheckCharacter("1151130100877844X")).toBe("4");
    expect(creditCodeCheckCharacter("1151130100877844")).toBeUndefined();
  });
});

describe("checkOrganizationCode", () => {
  it.each(["083372204", "008778175", "00877836X", "00877868-5"])("accepts %s", (c) => expect(checkOrganizationCode(c)).toBe(true));
  it.each(["083372205", "8282348", "0087790701"])("rejects %s", (c) => expect(checkOrganizationCode(c)).toBe(false));
});

describe("checkDivisionCode", () => {
  it.each([
    ["511602", "县"],
    ["511602000000", "县"],
    ["510000", "省"],
    ["511600", "市"],
    ["120115", "县"],
    ["511602001000", "乡"],
    ["511602001002", "村"],
  ])("%s is a %s code", (code, level) => expect(checkDivisionCode(code)).toMatchObject({ ok: true, level }));
  it.each([
    ["51160", "应为6位或12位数字"],
    ["5116020000", "应为6位或12位数字"],
    ["991602", "前两位「99」"],
    ["00", "应为6位或12位数字"],
  ])("rejects %s", (code, fragment) => {
    const r = checkDivisionCode(code);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(fragment);
  });
});

describe("parseImplementationCode", () => {
  it("splits the Sichuan shape", () => {
    expect(parseImplementationCode("511A0138000000-511602000000-000-115113010833722043-1-00")).toEqual({
      code: {
        item: "511A0138000000",
        category: "1",
        typeLetter: "A",
        division: "511602000000",
        middle: "000",
        subject: "115113010833722043",
        subjectKind: "credit",
        tail: ["1", "00"],
      },
    });
  });

  it.each([
    ["511Z07001006-511602000000-000-11511301008778183N-1-00", "511Z07001006", "Z", "credit"],
    ["G-000007-001-511602000000-000-115113010833722043-1-00", "G-000007-001", "G", "credit"],
    ["512B0053300006-511602000000-000-083372204-1-00", "512B0053300006", undefined, "organization"],
    ["512C0107400001-511602000000-000-00877868-5-1-00", "512C0107400001", undefined, "organization"],
    ["512012002012-511602000000-000-115113010087786859-1-00", "512012002012", undefined, "credit"],
    ["1J-5100-00027-511602000000-000-11511301008778386B-1-00", "1J-5100-00027", undefined, "credit"],
    ["513A0161200000-511602000000-000-1151130000877869M-1-00", "513A0161200000", undefined, "other"],
    ["511A0014100002-511602000000-000-2222222222222-1-00", "511A0014100002", "A", "other"],
  ])("reads %s", (raw, item, typeLetter, subjectKind) => {
    const { code, error } = parseImplementationCode(raw);
    expect(error).toBeUndefined();
    expect(code?.item).toBe(item);
    expect(code?.typeLetter).toBe(typeLetter);
    expect(code?.subjectKind).toBe(subjectKind);
  });

  it.each([
    ["", "实施编码为空"],
    ["E-000004-001-11511301008778386B", "没有12位行政区划代码段"],
    ["511A0138000000-991602000000-000-115113010833722043-1-00", "前两位「99」"],
    ["511A0138000000-511602000000-115113010833722043-1-00", "分段不正确"],
    ["511A0138000000-511602000000-000-115113010833722043-1", "分段不正确"],
    ["511A0138000000 511602000000", "「 」"],
  ])("explains %s", (raw, fragment) => {
    const { code, error } = parseImplementationCode(raw);
    expect(code).toBeUndefined();
    expect(error).toContain(fragment);
  });
});
