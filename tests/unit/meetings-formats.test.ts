import { describe, expect, it } from "vitest";
import { csvField, toCsv } from "@/lib/formats/csv";
import { contentDisposition, slugify } from "@/lib/formats/filename";
import { escapeText, foldLine, icsDateTime, toIcs } from "@/lib/formats/ics";
import { parseCsv, unfoldIcs } from "../helpers/formats";

describe("CSV", () => {
  it("quotes what needs quoting, neutralises formulas, and parses back", () => {
    expect(csvField('say "hi", then\nleave')).toBe('"say ""hi"", then\nleave"');
    expect(csvField("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvField(-3)).toBe("-3");
    expect(csvField(null)).toBe("");
    const text = toCsv(
      ["a", "b"],
      [
        ["x,y", 'q"'],
        ["Zoé", null],
      ],
      { bom: true },
    );
    expect(text.startsWith("\uFEFFa,b\r\n")).toBe(true);
    expect(text.endsWith("\r\n")).toBe(true);
    expect(parseCsv(text)).toEqual([
      ["a", "b"],
      ["x,y", 'q"'],
      ["Zoé", ""],
    ]);
  });
});

describe("file names", () => {
  it("slugifies titles to ASCII", () => {
    expect(slugify("Cours d'été : Python/ML ", "x")).toBe("cours-d-ete-python-ml");
    expect(slugify("日本語", "fallback")).toBe("fallback");
    expect(contentDisposition("attachment", "a.csv", { asciiOnly: true })).toBe('attachment; filename="a.csv"');
  });
});

describe("iCalendar", () => {
  it("escapes TEXT values", () => {
    expect(escapeText("a\\b;c,d\r\ne\nf")).toBe("a\\\\b\\;c\\,d\\ne\\nf");
    expect(icsDateTime(new Date("2030-11-01T14:05:09.123Z"))).toBe("20301101T140509Z");
  });

  it("folds at 75 octets without splitting UTF-8 characters", () => {
    const line = "DESCRIPTION:" + "é".repeat(100) + "x".repeat(80);
    const folded = foldLine(line);
    const physical = folded.split("\r\n");
    expect(physical.length).toBeGreaterThan(2);
    for (const [i, l] of physical.entries()) {
      expect(Buffer.byteLength(l)).toBeLessThanOrEqual(75);
      if (i > 0) expect(l.startsWith(" ")).toBe(true);
      expect(l).not.toContain("\uFFFD");
    }
    expect(physical.map((l, i) => (i ? l.slice(1) : l)).join("")).toBe(line);
    expect(foldLine("SHORT:x")).toBe("SHORT:x");
    expect(foldLine("X:" + "a".repeat(73))).toBe("X:" + "a".repeat(73)); // exactly 75 octets stays whole
  });

  it("writes a calendar with CRLF everywhere", () => {
    const ics = toIcs({
      prodId: "-//T//T//EN",
      events: [
        {
          uid: "u1",
          stamp: new Date("2030-01-01T00:00:00Z"),
          start: new Date("2030-01-02T10:00:00Z"),
          end: new Date("2030-01-02T11:30:00Z"),
          summary: "Hello, world",
          url: "https://meet.example/x-1",
          status: "CANCELLED",
          sequence: 2,
          organizer: { name: 'Prof "X"', email: "p@x.test" },
        },
      ],
    });
    expect(ics.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    const lines = unfoldIcs(ics);
    expect(lines).toContain("SUMMARY:Hello\\, world");
    expect(lines).toContain("DTEND:20300102T113000Z");
    expect(lines).toContain("STATUS:CANCELLED");
    expect(lines).toContain('ORGANIZER;CN="Prof X":mailto:p@x.test');
    expect(lines[0]).toBe("BEGIN:VCALENDAR");
    expect(lines.at(-1)).toBe("END:VCALENDAR");
  });
});
