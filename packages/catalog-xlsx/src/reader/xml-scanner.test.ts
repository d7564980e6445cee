import { describe, expect, it } from "vitest";
import { isDateFormatCode, serialToIso } from "./dates.js";
import { XlsxReadError } from "./errors.js";
import { type XmlSink, XmlScanner } from "./xml-scanner.js";
import { decodeEntities, decodeOoxmlEscapes } from "./xml-text.js";

/** Records events with text pieces merged, so any chunking must give the same list. */
class Recorder implements XmlSink {
  events: string[] = [];
  private pending = "";
  open(id: number, selfClosing: boolean, sc: XmlScanner): number {
    this.flush();
    const attrs: string[] = [];
    for (let i = 0; i < sc.attrCount; i++) attrs.push(`${sc.buf.slice(sc.attrNameStart[i], sc.attrNameEnd[i])}=${sc.attrValue(i)}`);
    this.events.push(`<${sc.tagName()}#${id}${selfClosing ? "/" : ""} ${attrs.join(" ")}>`);
    return -1;
  }
  close(id: number): void {
    this.flush();
    this.events.push(`</#${id}>`);
  }
  text(buf: string, start: number, end: number): void {
    this.pending += decodeEntities(buf.slice(start, end));
  }
  cdata(buf: string, start: number, end: number): void {
    this.pending += buf.slice(start, end);
  }
  flush(): void {
    if (this.pending !== "") this.events.push(JSON.stringify(this.pending));
    this.pending = "";
  }
}

function scanIn(pieces: string[], names = ["c", "v", "row", "t"]): string[] {
  const rec = new Recorder();
  const sc = new XmlScanner(names, rec, 1 << 20, { part: "test.xml" });
  for (const p of pieces) sc.feed(p);
  sc.end();
  rec.flush();
  return rec.events;
}

const TRICKY =
  `<?xml version="1.0" encoding="UTF-8"?>\n<!-- a > comment -- with dashes -->` +
  `<x:root xmlns:x="urn:x" a='single "q"' b="gt > inside" c = "spaced" >` +
  `<row r="1"><c r="A1" t="inlineStr"><t xml:space="preserve"> 公&#x5F00;&#24320; &amp;&lt;&gt;&quot;&apos; 😀&#128512; </t></c>` +
  `<v><![CDATA[<not a tag> & ]]]]><![CDATA[>]]></v><v/><v></v><?pi data > more?>` +
  `<c r="B1"\n\tt="s"\n/><unknown-element with="attr"/>text &unknown; & bare</row  ></x:root   >`;

describe("XmlScanner", () => {
  it("tokenizes the tricky document", () => {
    expect(scanIn([TRICKY])).toEqual([
      JSON.stringify("\n"),
      `<root#-1 xmlns:x=urn:x a=single "q" b=gt > inside c=spaced>`,
      `<row#2 r=1>`,
      `<c#0 r=A1 t=inlineStr>`,
      `<t#3 xml:space=preserve>`,
      JSON.stringify(" 公开开 &<>\"' 😀😀 "),
      "</#3>",
      "</#0>",
      "<v#1 >",
      JSON.stringify("<not a tag> & ]]>"),
      "</#1>",
      "<v#1/ >",
      "<v#1 >",
      "</#1>",
      "<c#0/ r=B1 t=s>",
      "<unknown-element#-1/ with=attr>",
      JSON.stringify("text &unknown; & bare"),
      "</#2>",
      "</#-1>",
    ]);
  });

  it("gives the same events however the input is split", () => {
    const whole = scanIn([TRICKY]);
    for (let cut = 1; cut < TRICKY.length; cut++) {
      expect(scanIn([TRICKY.slice(0, cut), TRICKY.slice(cut)])).toEqual(whole);
    }
    expect(scanIn([...TRICKY])).toEqual(whole);
    for (const size of [2, 3, 5, 8, 13]) {
      const pieces: string[] = [];
      for (let i = 0; i < TRICKY.length; i += size) pieces.push(TRICKY.slice(i, i + size));
      expect(scanIn(pieces)).toEqual(whole);
    }
  });

  it("rejects DTDs however they are split, and reports unfinished markup", () => {
    const doc = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>`;
    for (let cut = 1; cut < doc.length; cut++) {
      expect(() => scanIn([doc.slice(0, cut), doc.slice(cut)])).toThrow(/DOCTYPE/);
    }
    for (const bad of ["<x><c r=", "<x><!-- open", "<x><![CDATA[ open", "<x a='1' b", "<x/><!"]) {
      expect(() => scanIn([bad])).toThrow(XlsxReadError);
    }
  });
});

describe("text decoding", () => {
  it("decodes only predefined entities and valid character references", () => {
    expect(decodeEntities("&#0; &#x110000; &#xD83D;&#xDE00; &#65;&#x42;&#X43; &bogus; &amp;amp;")).toBe("&#0; &#x110000; 😀 ABC &bogus; &amp;");
  });

  it("decodes _xHHHH_ escapes once, left to right", () => {
    expect(decodeOoxmlEscapes("a_x000D__x000A_b _x005F_x0041_ _x41_ _X0041_")).toBe("a\r\nb _x0041_ _x41_ _X0041_");
  });
});

describe("dates", () => {
  it("recognises date formats by their tokens outside literals", () => {
    for (const code of ["yyyy-mm-dd", "m/d/yy h:mm", '[$-804]yyyy"年"m"月"d"日"', "[h]:mm:ss", "mmm-yy", "dddd", "YYYY/MM/DD;@"]) {
      expect(isDateFormatCode(code)).toBe(true);
    }
    for (const code of ["General", "0.00", '#,##0"元"', '"ymdhs"0', "[Red]0.0", "\\d0", "_-* #,##0_-", "0%", "@", "0.00E+00"]) {
      expect(isDateFormatCode(code)).toBe(false);
    }
  });

  it("converts serials in both date systems", () => {
    expect(serialToIso(45292, false)).toBe("2024-01-01");
    expect(serialToIso(45292.75, false)).toBe("2024-01-01T18:00:00");
    expect(serialToIso(1, false)).toBe("1900-01-01");
    expect(serialToIso(59, false)).toBe("1900-02-28");
    expect(serialToIso(60, false)).toBe("1900-02-29");
    expect(serialToIso(61, false)).toBe("1900-03-01");
    expect(serialToIso(2958465, false)).toBe("9999-12-31");
    expect(serialToIso(0.5, false)).toBe("12:00:00");
    expect(serialToIso(0, true)).toBe("1904-01-01");
    expect(serialToIso(43830, true)).toBe("2024-01-01");
    expect(serialToIso(-1, false)).toBeUndefined();
    expect(serialToIso(2958466, false)).toBeUndefined();
    expect(serialToIso(Number.NaN, false)).toBeUndefined();
  });
});
