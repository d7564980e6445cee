import { describe, expect, it } from "vitest";
import rule from "./implementation-code.js";
import { brief, matching, runRule, serviceCatalog, serviceRow, type Expected } from "./test-fixtures.js";

const S = "区教科体局";
const cases: Array<{ name: string; catalog: unknown; expected: Expected[] }> = [
  {
    name: "the common 广安区 shapes pass",
    catalog: serviceCatalog([
      serviceRow("企业投资项目备案（技术改造）（市级/县级）", "511Z07001006-511602000000-000-11511301008778183N-1-00", "其他行政权力", "区经信局"),
      serviceRow("适龄儿童、少年因身体状况需要延缓入学或者休学审批", "511A0138000000-511602000000-000-115113010833722043-1-00", "行政许可", S),
      serviceRow("中职和本专科建档立卡特别资助项目", "G-000007-001-511602000000-000-115113010833722043-1-00", "行政给付", S),
      serviceRow("中等职业学校学生国家助学金申请", "512B0053300006-511602000000-000-083372204-1-00", "公共服务", S),
      serviceRow("重大事故隐患的排查和处理情况的备案", "1J-5100-00027-511602000000-000-11511301008778386B-1-00", "其他行政权力", "区交通运输局"),
      serviceRow("户口登记项目内容变更更正证明", "513A0161200000-511602000000-000-11511300008778693M-1-00", "公共服务", "区公安分局"),
    ]),
    expected: [],
  },
  {
    name: "a code without a division segment",
    catalog: serviceCatalog([serviceRow("企业名称争议裁决", "E-000021-001-1111111111111111", "行政裁决", "区市监局")]),
    expected: [{ rule: "implementation-code", severity: "error", message: "「实施编码」格式不正确：实施编码「E-000021-001-1111111111111111」中没有12位行政区划代码段", path: "/entries/0/code", cell: "C2" }],
  },
  {
    name: "a 17-character body code (广安区 公安)",
    catalog: serviceCatalog([serviceRow("居民身份证办理（包括临时）", "513A0011200068-511602000000-000-1151130000877869M-1-00", "公共服务", "区公安分局")]),
    expected: [{ rule: "implementation-code", severity: "error", message: "实施主体代码「1151130000877869M」既不是18位统一社会信用代码", path: "/entries/0/code", cell: "C2" }],
  },
  {
    name: "a wrong check character",
    catalog: serviceCatalog([serviceRow("学生资助政策咨询", "512C0053300008-511602000000-000-115113010833722044-1-00", "公共服务", S)]),
    expected: [{ rule: "implementation-code", severity: "error", message: "统一社会信用代码「115113010833722044」校验位不正确", path: "/entries/0/code", cell: "C2" }],
  },
  {
    name: "an organization code with a wrong check digit",
    catalog: serviceCatalog([serviceRow("学生资助政策咨询", "512B0053300006-511602000000-000-083372205-1-00", "公共服务", S)]),
    expected: [{ rule: "implementation-code", severity: "error", message: "组织机构代码「083372205」校验位不正确", path: "/entries/0/code", cell: "C2" }],
  },
  {
    name: "a type letter that contradicts 事项类型 (广安区 row 371)",
    catalog: serviceCatalog([serviceRow("对计量纠纷进行调解及仲裁检定", "511Z0100400001-511602000000-000-11511301MB051073XA-1-00", "行政裁决", "区市监局")]),
    expected: [{ rule: "implementation-code", severity: "warning", message: "「实施编码」的类型字母表示其他行政权力，与「事项类型」「行政裁决」不一致。", path: "/entries/0/code", cell: "C2" }],
  },
];

describe("implementation-code", () => {
  it.each(cases)("$name", ({ catalog, expected }) => {
    expect(runRule(rule, catalog).map(brief)).toEqual(matching(expected));
  });
  it("says what the check character should be", () => {
    const [f] = runRule(rule, serviceCatalog([serviceRow("学生资助政策咨询", "512C0053300008-511602000000-000-115113010833722044-1-00", "公共服务", S)]));
    expect(f?.hint).toContain("校验位应为「3」");
  });
});
