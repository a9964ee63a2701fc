/**
 * The paper as a tagged PDF (pdfkit, no browser): A4, a structure tree of H1/H2 headings, P paragraphs and
 * tables of TR rows with TH header cells (scope Column) and TD cells, British English as the document
 * language, the title shown in the window, bookmarks for the sections, and page numbers.
 *
 * Tables are laid out here rather than with doc.table(): a table that runs onto another page repeats its
 * header row there (marked as a pagination artifact, so a screen reader meets the header once), and a row
 * too tall for one page (a long commentary) continues on the next instead of being clipped. Borders, RAG
 * shading and the running footer are artifacts; all text is in the structure tree.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { openSync, type Font } from 'fontkit';
import PDFDocument from 'pdfkit';
import { RAG_COLOURS, RAGS, type Rag } from '@ipt/shared';
import type { ProgressSummary } from '@ipt/shared/schemas';
import { buildPaper, type PaperBlock, type PaperCell, type ParagraphStyle } from './paper.js';

type Doc = PDFKit.PDFDocument;
type Struct = PDFKit.PDFStructureElement;

const A4: [number, number] = [595.28, 841.89];
const MARGIN = { top: 56.7, bottom: 62, left: 56.7, right: 56.7 };
const CONTENT_WIDTH = A4[0] - MARGIN.left - MARGIN.right;
const BOTTOM = A4[1] - MARGIN.bottom;

/**
 * DejaVu Sans, embedded (pdfkit subsets it to the glyphs used): Latin with every accent Welsh, Polish,
 * Romanian or Turkish names need, Greek and Cyrillic. The PDF standard fonts would cover Windows-1252 only.
 */
const FONT_DIR = path.join(
  path.dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')),
  'ttf',
);
const FONT_FILES = {
  Sans: 'DejaVuSans.ttf',
  'Sans-Bold': 'DejaVuSans-Bold.ttf',
  'Sans-Oblique': 'DejaVuSans-Oblique.ttf',
} as const;
const REGULAR = 'Sans';
const BOLD = 'Sans-Bold';
const ITALIC = 'Sans-Oblique';
const TEXT = '#0b0c0c';
const SECONDARY = '#505a5f';
const HEADER_FILL = '#f3f2f1';
const BORDER = '#b1b4b6';
const LINE_HEIGHT = 1.25;
const CELL_PADDING = 4;
/** How much of a table's first row must fit under its header row on the page the table starts on. */
const FIRST_ROW_KEPT = 80;
/**
 * Room kept for a table's header row (up to two lines) and the start of its first row, so a heading never
 * ends a page with its table on the next: as much as table() itself asks for before it starts.
 */
const TABLE_START = 40 + FIRST_ROW_KEPT;

interface TextStyle {
  font: string;
  size: number;
  color: string;
}

const PARAGRAPH: Record<ParagraphStyle, TextStyle & { indent?: number; bar?: string; after: number }> = {
  normal: { font: REGULAR, size: 10, color: TEXT, after: 6 },
  lead: { font: REGULAR, size: 13, color: TEXT, after: 8 },
  meta: { font: REGULAR, size: 10, color: SECONDARY, after: 6 },
  small: { font: REGULAR, size: 9, color: SECONDARY, after: 6 },
  quote: { font: REGULAR, size: 10, color: TEXT, indent: 10, bar: BORDER, after: 6 },
  warning: { font: BOLD, size: 10, color: TEXT, indent: 10, bar: RAG_COLOURS.red.fill, after: 6 },
};
const HEADINGS = {
  1: { font: BOLD, size: 16, color: TEXT, before: 14, after: 6 },
  2: { font: BOLD, size: 12.5, color: TEXT, before: 10, after: 4 },
} as const;
const TITLE: TextStyle = { font: BOLD, size: 26, color: TEXT };
const SUBTITLE: TextStyle = { font: REGULAR, size: 16, color: SECONDARY };
const CELL: TextStyle = { font: REGULAR, size: 8.5, color: TEXT };
const CELL_BOLD: TextStyle = { font: BOLD, size: 8.5, color: TEXT };
const CELL_DETAIL: TextStyle = { font: ITALIC, size: 7.5, color: SECONDARY };
const RAG_CELL = Object.fromEntries(
  RAGS.map((rag) => [rag, { font: BOLD, size: CELL.size, color: RAG_COLOURS[rag].text }]),
) as Record<Rag, TextStyle>;

/** What stands in the PDF for a character its font cannot draw (an emoji, say); the paper says so. */
export const MISSING_GLYPH = '[?]';

let coverage: Font | null = null;
/** Every face is cut from the same family, so the regular face's glyphs stand for all three. */
function hasGlyph(codePoint: number): boolean {
  if (coverage === null) {
    const opened = openSync(path.join(FONT_DIR, FONT_FILES.Sans));
    if (!('hasGlyphForCodePoint' in opened)) throw new Error(`${FONT_FILES.Sans} is a font collection`);
    coverage = opened;
  }
  return coverage.hasGlyphForCodePoint(codePoint);
}

/**
 * Text as the PDF can draw it: tabs as spaces, control characters dropped, and any character the embedded
 * font lacks replaced by MISSING_GLYPH (an emoji with its variation selector or skin tone counts once).
 * The DOCX, XLSX and CSV keep every character.
 */
export function pdfSafe(text: string): string {
  let out = '';
  for (const ch of text.replace(/\t/g, ' ')) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x20 || code === 0x7f) continue;
    // Joiners, variation selectors and skin-tone modifiers belong to the character before them.
    if (code === 0x200d || (code >= 0xfe00 && code <= 0xfe0f) || (code >= 0x1f3fb && code <= 0x1f3ff)) {
      continue;
    }
    if (hasGlyph(code)) out += ch;
    else if (!out.endsWith(MISSING_GLYPH)) out += MISSING_GLYPH;
  }
  return out;
}

function losesCharacters(blocks: PaperBlock[]): boolean {
  const text = JSON.stringify(blocks);
  const count = (t: string) => t.split(MISSING_GLYPH).length;
  return count(pdfSafe(text)) > count(text);
}

interface Line {
  text: string;
  style: TextStyle;
  /** Measured while wrapping, so drawing need not measure it again. */
  width: number;
}

class PaperPdf {
  private readonly doc: Doc;
  private readonly root: Struct;
  private y = MARGIN.top;
  private section: PDFKit.PDFOutline | null = null;
  private readonly widths = new Map<TextStyle, Map<string, number>>();

  constructor(
    doc: Doc,
    private readonly footer: string,
  ) {
    this.doc = doc;
    for (const [name, file] of Object.entries(FONT_FILES)) doc.registerFont(name, path.join(FONT_DIR, file));
    this.root = doc.struct('Document');
    doc.addStructure(this.root);
  }

  // ---- measuring ----------------------------------------------------------------------------------------

  private current: TextStyle | null = null;

  private use(style: TextStyle): void {
    if (this.current === style) return;
    this.doc.font(style.font).fontSize(style.size);
    if (this.current?.color !== style.color) this.doc.fillColor(style.color);
    this.current = style;
  }

  private width(text: string, style: TextStyle): number {
    let widths = this.widths.get(style);
    if (!widths) this.widths.set(style, (widths = new Map()));
    let w = widths.get(text);
    if (w === undefined) {
      this.doc.font(style.font).fontSize(style.size);
      this.current = null;
      w = this.doc.widthOfString(text);
      if (widths.size < 20_000) widths.set(text, w);
    }
    return w;
  }

  private lineHeight(style: TextStyle): number {
    return style.size * LINE_HEIGHT;
  }

  /** Word-wraps text to a width, keeping its own line breaks and breaking words longer than the width. */
  private wrap(raw: string, style: TextStyle, maxWidth: number): Line[] {
    const lines: Line[] = [];
    const space = this.width(' ', style);
    for (const paragraph of raw.split(/\r\n|\r|\n/).map(pdfSafe)) {
      let line = '';
      let lineWidth = 0;
      for (const word of paragraph.split(' ')) {
        if (word === '') continue;
        const w = this.width(word, style);
        if (line && lineWidth + space + w <= maxWidth) {
          line += ` ${word}`;
          lineWidth += space + w;
          continue;
        }
        if (line) lines.push({ text: line, style, width: lineWidth });
        if (w <= maxWidth) {
          line = word;
          lineWidth = w;
          continue;
        }
        // A word wider than the column (a long link): break it where it fills the line.
        let part = '';
        for (const ch of word) {
          if (part && this.width(part + ch, style) > maxWidth) {
            lines.push({ text: part, style, width: this.width(part, style) });
            part = '';
          }
          part += ch;
        }
        line = part;
        lineWidth = this.width(part, style);
      }
      lines.push({ text: line, style, width: lineWidth });
    }
    return lines;
  }

  // ---- drawing ----------------------------------------------------------------------------------------------

  private newPage(): void {
    this.doc.addPage();
    this.y = MARGIN.top;
  }

  private ensure(height: number): void {
    if (this.y + height > BOTTOM && this.y > MARGIN.top) this.newPage();
  }

  private artifact(draw: () => void): void {
    this.doc.markContent('Artifact', { type: 'Layout' });
    draw();
    this.doc.endMarkedContent();
  }

  private drawLines(
    lines: Line[],
    x: number,
    y: number,
    width: number,
    align: 'left' | 'right' = 'left',
  ): void {
    let top = y;
    this.current = null; // a page or an artifact in between may have changed the graphics state
    for (const line of lines) {
      this.use(line.style);
      const dx = align === 'right' ? Math.max(0, width - line.width) : 0;
      // textWidth and wordCount spare pdfkit measuring the line again.
      const options: PDFKit.Mixins.TextOptions & { textWidth: number; wordCount: number } = {
        lineBreak: false,
        textWidth: line.width,
        wordCount: 1,
      };
      this.doc.text(line.text, x + dx, top, options);
      top += this.lineHeight(line.style);
    }
  }

  /** Lines in one structure element, continuing on new pages as needed. */
  private flow(struct: Struct, lines: Line[], x: number, width: number, bar?: string): void {
    let i = 0;
    while (i < lines.length) {
      let height = 0;
      let n = 0;
      while (i + n < lines.length) {
        const h = this.lineHeight(lines[i + n]!.style);
        if (this.y + height + h > BOTTOM && n > 0) break;
        height += h;
        n++;
      }
      if (this.y + height > BOTTOM && this.y > MARGIN.top) {
        this.newPage();
        continue;
      }
      const chunk = lines.slice(i, i + n);
      const top = this.y;
      if (bar) {
        this.artifact(() => this.doc.rect(x - 8, top, 2.5, height).fill(bar));
      }
      struct.add(() => this.drawLines(chunk, x, top, width));
      this.y += height;
      i += n;
    }
  }

  private title(text: string, subtitle: string): void {
    const h1 = this.doc.struct('H1');
    this.root.add(h1);
    this.flow(h1, this.wrap(text, TITLE, CONTENT_WIDTH), MARGIN.left, CONTENT_WIDTH);
    h1.end();
    this.y += 2;
    this.paragraphLines(this.wrap(subtitle, SUBTITLE, CONTENT_WIDTH), MARGIN.left, CONTENT_WIDTH);
    this.y += 12;
  }

  private paragraphLines(lines: Line[], x: number, width: number, bar?: string): void {
    const p = this.doc.struct('P');
    this.root.add(p);
    this.flow(p, lines, x, width, bar);
    p.end();
  }

  private heading(level: 1 | 2, text: string): void {
    const style = HEADINGS[level];
    const lines = this.wrap(text, style, CONTENT_WIDTH);
    if (this.y > MARGIN.top) this.y += style.before;
    if (level === 1 || !this.section) {
      this.section = this.doc.outline.addItem(text);
    } else {
      this.section.addItem(text);
    }
    const h = this.doc.struct(level === 1 ? 'H1' : 'H2');
    this.root.add(h);
    this.flow(h, lines, MARGIN.left, CONTENT_WIDTH);
    h.end();
    this.y += style.after;
  }

  private paragraph(text: string, styleName: ParagraphStyle): void {
    const style = PARAGRAPH[styleName];
    const indent = style.indent ?? 0;
    const width = CONTENT_WIDTH - indent;
    this.paragraphLines(this.wrap(text, style, width), MARGIN.left + indent, width, style.bar);
    this.y += style.after;
  }

  private table(block: Extract<PaperBlock, { kind: 'table' }>): void {
    const total = block.columns.reduce((n, c) => n + c.width, 0);
    const widths = block.columns.map((c) => (c.width / total) * CONTENT_WIDTH);
    const xs = widths.map((_, i) => MARGIN.left + widths.slice(0, i).reduce((a, b) => a + b, 0));
    const inner = (i: number) => (widths[i] ?? 0) - 2 * CELL_PADDING;
    const linesOf = (cell: PaperCell, i: number): Line[] => {
      const style: TextStyle = cell.rag ? RAG_CELL[cell.rag] : cell.bold ? CELL_BOLD : CELL;
      const lines = this.wrap(cell.text, style, inner(i));
      if (cell.detail) lines.push(...this.wrap(cell.detail, CELL_DETAIL, inner(i)));
      return lines;
    };
    const heightOf = (lines: Line[]) => lines.reduce((h, l) => h + this.lineHeight(l.style), 0);

    const headerLines = block.columns.map((c, i) => linesOf({ text: c.header, bold: true }, i));
    const headerHeight = Math.max(...headerLines.map(heightOf)) + 2 * CELL_PADDING;
    const rows = block.rows.map((row) => row.map((cell, i) => ({ cell, lines: linesOf(cell, i) })));

    const table = this.doc.struct('Table', { title: block.label });
    this.root.add(table);

    const drawBoxes = (top: number, height: number, fills: (string | null)[]) => {
      this.artifact(() => {
        fills.forEach((fill, i) => {
          if (fill) this.doc.rect(xs[i]!, top, widths[i]!, height).fill(fill);
        });
        this.doc.lineWidth(0.5).strokeColor(BORDER);
        widths.forEach((w, i) => this.doc.rect(xs[i]!, top, w, height).stroke());
      });
    };

    const drawHeader = (tagged: boolean) => {
      const top = this.y;
      drawBoxes(
        top,
        headerHeight,
        block.columns.map(() => HEADER_FILL),
      );
      if (tagged) {
        const tr = this.doc.struct('TR');
        table.add(tr);
        block.columns.forEach((c, i) => {
          const th = this.doc.struct('TH', { scope: 'Column' } as PDFKit.Mixins.StructureElementOptions);
          tr.add(th);
          th.add(() =>
            this.drawLines(headerLines[i]!, xs[i]! + CELL_PADDING, top + CELL_PADDING, inner(i), c.align),
          );
          th.end();
        });
        tr.end();
      } else {
        this.doc.markContent('Artifact', { type: 'Pagination' });
        block.columns.forEach((c, i) =>
          this.drawLines(headerLines[i]!, xs[i]! + CELL_PADDING, top + CELL_PADDING, inner(i), c.align),
        );
        this.doc.endMarkedContent();
      }
      this.y += headerHeight;
    };

    const firstRowHeight = rows[0]
      ? Math.max(...rows[0].map((c) => heightOf(c.lines))) + 2 * CELL_PADDING
      : 0;
    this.ensure(headerHeight + Math.min(firstRowHeight, FIRST_ROW_KEPT));
    drawHeader(true);

    for (const row of rows) {
      const tr = this.doc.struct('TR');
      table.add(tr);
      const cells = row.map(() => {
        const td = this.doc.struct('TD');
        tr.add(td);
        return td;
      });
      // Lines still to draw in each cell; a row taller than the space left continues on the next page.
      const remaining = row.map((c) => c.lines.slice());
      let first = true;
      while (first || remaining.some((r) => r.length > 0)) {
        const need = Math.max(...remaining.map(heightOf)) + 2 * CELL_PADDING;
        const space = BOTTOM - this.y;
        const lineMin = this.lineHeight(CELL) * 3 + 2 * CELL_PADDING;
        if (need > space && (need <= BOTTOM - MARGIN.top - headerHeight || space < lineMin)) {
          this.newPage();
          drawHeader(false);
          continue;
        }
        // Take as many lines of each cell as fit here.
        const room = Math.min(need, space) - 2 * CELL_PADDING;
        const chunks = remaining.map((lines) => {
          let h = 0;
          let n = 0;
          while (n < lines.length && h + this.lineHeight(lines[n]!.style) <= room + 0.01) {
            h += this.lineHeight(lines[n]!.style);
            n++;
          }
          return lines.splice(0, n);
        });
        const height = Math.max(...chunks.map(heightOf)) + 2 * CELL_PADDING;
        const top = this.y;
        drawBoxes(
          top,
          height,
          row.map((c) => (c.cell.rag ? RAG_COLOURS[c.cell.rag].fill : null)),
        );
        chunks.forEach((lines, i) => {
          if (lines.length === 0) return;
          const align = block.columns[i]?.align;
          cells[i]!.add(() =>
            this.drawLines(lines, xs[i]! + CELL_PADDING, top + CELL_PADDING, inner(i), align),
          );
        });
        this.y += height;
        first = false;
      }
      cells.forEach((td) => td.end());
      tr.end();
    }
    table.end();
    this.y += 10;
  }

  /** The height a heading or paragraph will take. */
  private measure(b: PaperBlock): number {
    if (b.kind === 'heading') {
      const style = HEADINGS[b.level];
      return (
        style.before + this.wrap(b.text, style, CONTENT_WIDTH).length * this.lineHeight(style) + style.after
      );
    }
    if (b.kind === 'paragraph') {
      const style = PARAGRAPH[b.style ?? 'normal'];
      const lines = this.wrap(b.text, style, CONTENT_WIDTH - (style.indent ?? 0));
      return lines.length * this.lineHeight(style) + style.after;
    }
    return 0;
  }

  /** Space for a heading or a table's introduction and the start of what follows, kept on one page. */
  private keepTogether(blocks: PaperBlock[], from: number): number {
    let height = 0;
    for (let j = from; j < blocks.length; j++) {
      const b = blocks[j]!;
      if (b.kind === 'heading') height += this.measure(b);
      else if (b.kind === 'paragraph') {
        height += this.measure(b);
        if (!b.keepWithNext) break;
      } else {
        if (b.kind === 'table') height += TABLE_START;
        break;
      }
    }
    return height;
  }

  render(blocks: PaperBlock[]): void {
    blocks.forEach((b, i) => {
      if (b.kind === 'heading' || (b.kind === 'paragraph' && b.keepWithNext)) {
        const height = this.keepTogether(blocks, i);
        if (height < BOTTOM - MARGIN.top) this.ensure(height);
      }
      switch (b.kind) {
        case 'title':
          this.title(b.text, b.subtitle);
          break;
        case 'heading':
          this.heading(b.level, b.text);
          break;
        case 'paragraph':
          this.paragraph(b.text, b.style ?? 'normal');
          break;
        case 'table':
          this.table(b);
          break;
        case 'pageBreak':
          this.pageBreak();
          break;
      }
    });
  }

  private pageBreak(): void {
    if (this.y > MARGIN.top) this.newPage();
  }

  /** The running footer at a size that leaves room for the page number (shortened only if it must be). */
  private fittedFooter(available: number): string {
    let text = pdfSafe(this.footer);
    let size = 8;
    while (size > 6.5 && this.doc.fontSize(size).widthOfString(text) > available) size -= 0.5;
    while (text.length > 1 && this.doc.widthOfString(text) > available) text = `${text.slice(0, -2)}…`;
    return text;
  }

  /** Page numbers and the running footer on every page, as pagination artifacts. */
  finish(): void {
    const range = this.doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      this.doc.switchToPage(i);
      const y = A4[1] - MARGIN.bottom + 22;
      this.doc.markContent('Artifact', { type: 'Pagination' });
      this.doc.font(REGULAR).fontSize(8).fillColor(SECONDARY);
      const pageText = `Page ${i + 1} of ${range.count}`;
      const pageWidth = this.doc.widthOfString(pageText);
      this.doc.text(this.fittedFooter(CONTENT_WIDTH - pageWidth - 12), MARGIN.left, y, { lineBreak: false });
      this.doc.font(REGULAR).fontSize(8);
      this.doc.text(pageText, A4[0] - MARGIN.right - pageWidth, y, { lineBreak: false });
      this.doc.endMarkedContent();
    }
    this.root.end();
  }
}

export function buildPdf(summary: ProgressSummary): Promise<Buffer> {
  const paper = buildPaper(summary);
  const doc = new PDFDocument({
    size: A4,
    margins: MARGIN,
    tagged: true,
    lang: 'en-GB',
    displayTitle: true,
    pdfVersion: '1.7',
    // PDF/UA-1 identification in the XMP metadata (pdfkit supports it; its type definitions lag).
    subset: 'PDF/UA' as PDFKit.Mixins.PDFSubsets,
    bufferPages: true,
    info: {
      Title: paper.title,
      Author: paper.author,
      Subject: paper.subject,
      Keywords: 'improvement plan; progress summary; Ofsted',
      Creator: 'Improvement Plan Tracker',
      CreationDate: new Date(summary.producedAt),
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const pdf = new PaperPdf(doc, paper.footer);
  pdf.render(
    losesCharacters(paper.blocks)
      ? [
          ...paper.blocks,
          {
            kind: 'paragraph',
            style: 'small',
            text: `Characters this PDF's font cannot show, such as emoji, appear as ${MISSING_GLYPH}. The Word, Excel and CSV files keep them.`,
          },
        ]
      : paper.blocks,
  );
  pdf.finish();
  doc.end();
  return done;
}
