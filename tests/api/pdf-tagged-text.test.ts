/**
 * The PDF's text as assistive technology takes it: the structure tree's elements (P, TD…) each own marked
 * content on the page, and their text is the glyphs drawn inside it, decoded through the embedded font's
 * ToUnicode map. pdf.js text extraction guesses word breaks from glyph positions and drops real spaces,
 * so it cannot show whether a space is there; this reads the glyphs that are drawn.
 */
import type supertest from 'supertest';
import { getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, signIn, type SignedIn, type TestApp } from '../helpers/app.js';
import { demoIds, etagOf, post, type DemoIds } from '../helpers/demo.js';

// pdf.js operator codes (stable across versions: `OPS` in pdf.js's shared util).
const OPS = { beginMarkedContentProps: 70, endMarkedContent: 71, showText: 44, showSpacedText: 45 } as const;

interface Glyph {
  unicode: string;
}
interface StructNode {
  role?: string;
  type?: string;
  id?: string;
  children?: StructNode[];
}

// pdf.js's operator list transfers buffers with ArrayBuffer.prototype.transferToFixedLength, which Node
// has from 21 on; the tests run on 20 too, where a copy does the same for a buffer used once.
const proto = ArrayBuffer.prototype as ArrayBuffer & { transferToFixedLength?: (n?: number) => ArrayBuffer };
proto.transferToFixedLength ??= function (this: ArrayBuffer, n?: number) {
  return this.slice(0, n ?? this.byteLength);
};

let t: TestApp;
let ids: DemoIds;
let admin: SignedIn;
let adviser: SignedIn;

function binary(res: supertest.Response, cb: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
}

/**
 * The text of every structure element of a given role, in reading order: the glyphs drawn in each of its
 * marked-content sequences, joined as the tree joins them (no separator added between sequences).
 */
async function taggedText(pdfBytes: Buffer, role: string): Promise<{ text: string; lines: number }[]> {
  const pdf = await getDocumentProxy(new Uint8Array(pdfBytes));
  const out: { text: string; lines: number }[] = [];
  for (let p = 1; p <= pdf.numPages; p++) {
    const page = await pdf.getPage(p);
    const ops = await page.getOperatorList();
    const byMcid = new Map<string, string[]>();
    const open: (string | null)[] = [];
    ops.fnArray.forEach((fn, i) => {
      const args = ops.argsArray[i] as unknown[];
      if (fn === OPS.beginMarkedContentProps) {
        // [tag, MCID] for a tagged sequence (an Artifact has a properties dictionary instead)
        const mcid = args[1];
        open.push(typeof mcid === 'number' ? `p${page.ref?.num}R_mc${mcid}` : null);
      } else if (fn === OPS.endMarkedContent) {
        open.pop();
      } else if (fn === OPS.showText || fn === OPS.showSpacedText) {
        const id = [...open].reverse().find((x) => x !== null);
        if (!id) return;
        const glyphs = (args[0] as (Glyph | number | null)[])
          .map((g) => (g !== null && typeof g === 'object' ? g.unicode : ''))
          .join('');
        byMcid.set(id, [...(byMcid.get(id) ?? []), glyphs]);
      }
    });
    const tree = (await page.getStructTree()) as StructNode | null;
    const walk = (node: StructNode): string[] =>
      node.type === 'content' ? (byMcid.get(node.id ?? '') ?? []) : (node.children ?? []).flatMap(walk);
    const visit = (node: StructNode): void => {
      if (node.role === role) {
        const shown = walk(node);
        out.push({ text: shown.join(''), lines: shown.length });
      } else for (const c of node.children ?? []) visit(c);
    };
    if (tree) visit(tree);
  }
  return out;
}

beforeAll(async () => {
  t = await buildTestApp({ demo: true });
  admin = await signIn(t.app, 'admin@example.org');
  adviser = await signIn(t.app, 'adviser@example.org');
  ids = await demoIds(admin);
});
afterAll(async () => {
  await t.close();
});

describe('the PDF’s tagged text', () => {
  it('keeps the last word of a wrapped line and the first of the next apart in a long commentary', async () => {
    const words = Array.from({ length: 60 }, (_, i) => `word${i + 1}`);
    const commentary = `Start ${words.join(' ')} end.`;
    const actionId = ids.actionId('1.1');
    const leadId = (await admin.agent.get(`/api/actions/${actionId}`)).body.leads[0].id as number;
    const res = await post(
      admin,
      `/api/actions/${actionId}/updates`,
      { status: 'on_track', commentary, onBehalfOfLeadId: leadId },
      await etagOf(admin, actionId),
    );
    expect(res.status).toBe(201);
    const pdf = await adviser.agent
      .get(`/api/plans/${ids.planId}/export?format=pdf`)
      .buffer(true)
      .parse(binary);
    expect(pdf.status).toBe(200);
    const cells = await taggedText(pdf.body as Buffer, 'TD');
    const cell = cells.find((c) => c.text.includes('word30'));
    expect(cell, 'the commentary is in one table cell').toBeDefined();
    expect(cell!.lines, 'the commentary wraps onto several lines').toBeGreaterThan(3);
    // Every word of the commentary is followed by a space drawn on the page (or is the last), so the
    // cell's text reads as written: "word12 word13", never "word12word13" where a line ends.
    expect(cell!.text).toContain(commentary);
  });
});
