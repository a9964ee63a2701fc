/**
 * The paper as a Word document: real Heading 1/2 styles (Word's navigation pane, and LibreOffice's
 * navigator, list them), tables whose header row repeats on every page, British English as the document
 * language and the title in the file's properties.
 *
 * Formatting lives in named paragraph styles (a "Table text" style, a style per RAG, …) rather than on each
 * run, which keeps a 500-action paper small and quick to build, and lets a council restyle it in Word.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  type IParagraphStyleOptions,
} from 'docx';
import { RAG_COLOURS, RAG_LABELS, RAGS, type Rag } from '@ipt/shared';
import type { ProgressSummary } from '@ipt/shared/schemas';
import {
  buildPaper,
  type PaperBlock,
  type PaperCell,
  type PaperColumn,
  type ParagraphStyle,
} from './paper.js';

// A4 in twentieths of a point, with 2 cm margins.
const PAGE = { width: 11906, height: 16838 };
const MARGIN = 1134;
const CONTENT_WIDTH = PAGE.width - 2 * MARGIN;

const FONT = 'Arial';
const TEXT = '0B0C0C';
const SECONDARY = '505A5F';
const HEADER_FILL = 'F3F2F1';
const BORDER = 'B1B4B6';
/** Rows shorter than this are kept whole on a page; longer ones may run on to the next. */
const KEEP_ROW_CHARS = 700;

const hex = (colour: string) => colour.replace('#', '').toUpperCase();

/** Paragraph style ids. */
const S = {
  lead: 'Lead',
  meta: 'Meta',
  small: 'Small',
  quote: 'RecommendationText',
  warning: 'Warning',
  subtitle: 'Subtitle',
  cell: 'TableText',
  cellRight: 'TableNumber',
  cellBold: 'TableTextBold',
  header: 'TableHeading',
  headerRight: 'TableHeadingNumber',
  detail: 'TableNote',
  footer: 'FooterText',
} as const;
const ragStyle = (rag: Rag) => `Rag${RAG_LABELS[rag].replace(/\s/g, '')}`;

const CELL_PARAGRAPH = { spacing: { before: 0, after: 0, line: 240 } };

function paragraphStyles(): IParagraphStyleOptions[] {
  const style = (
    id: string,
    name: string,
    run: IParagraphStyleOptions['run'],
    paragraph: IParagraphStyleOptions['paragraph'] = {},
    basedOn = 'Normal',
  ): IParagraphStyleOptions => ({ id, name, basedOn, next: 'Normal', quickFormat: true, run, paragraph });
  const bar = (colour: string, size: number) => ({
    indent: { left: 240 },
    border: { left: { style: BorderStyle.SINGLE, size, color: colour, space: 8 } },
  });
  return [
    style(S.subtitle, 'Subtitle', { size: 32, color: SECONDARY }, { spacing: { after: 240 } }),
    style(S.lead, 'Lead paragraph', { size: 28 }, { spacing: { after: 160 } }),
    style(S.meta, 'Meta', { color: SECONDARY }),
    style(S.small, 'Small print', { size: 20, color: SECONDARY }),
    style(S.quote, 'Recommendation text', {}, bar(BORDER, 18)),
    style(S.warning, 'Warning', { bold: true }, bar(hex(RAG_COLOURS.red.fill), 24)),
    style(S.cell, 'Table text', { size: 18 }, CELL_PARAGRAPH),
    style(S.cellRight, 'Table number', {}, { alignment: AlignmentType.RIGHT }, S.cell),
    style(S.cellBold, 'Table text bold', { bold: true }, {}, S.cell),
    style(S.header, 'Table heading', { bold: true }, { keepNext: true }, S.cell),
    style(S.headerRight, 'Table heading number', {}, { alignment: AlignmentType.RIGHT }, S.header),
    style(
      S.detail,
      'Table note',
      { size: 16, italics: true, color: SECONDARY },
      { spacing: { before: 40 } },
      S.cell,
    ),
    style(S.footer, 'Footer text', { size: 16, color: SECONDARY }, { spacing: { after: 0 } }),
    ...RAGS.map((rag) =>
      style(
        ragStyle(rag),
        `RAG ${RAG_LABELS[rag]}`,
        { bold: true, color: hex(RAG_COLOURS[rag].text) },
        {},
        S.cell,
      ),
    ),
  ];
}

/** Text with its line breaks kept: a commentary written on several lines stays on several lines. */
function runs(text: string): TextRun[] {
  if (!/[\r\n]/.test(text)) return [new TextRun(text)];
  return text.split(/\r\n|\r|\n/).map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : 0 }));
}

const PARAGRAPH_STYLE: Record<ParagraphStyle, string | undefined> = {
  normal: undefined,
  lead: S.lead,
  meta: S.meta,
  small: S.small,
  quote: S.quote,
  warning: S.warning,
};

function cellStyle(cell: PaperCell, align: PaperColumn['align']): string {
  if (cell.rag) return ragStyle(cell.rag);
  if (cell.bold) return S.cellBold;
  return align === 'right' ? S.cellRight : S.cell;
}

function table(block: Extract<PaperBlock, { kind: 'table' }>): Table {
  const total = block.columns.reduce((n, c) => n + c.width, 0);
  const widths = block.columns.map((c) => Math.floor((c.width / total) * CONTENT_WIDTH));
  const width = (i: number) => ({ size: widths[i] ?? 0, type: WidthType.DXA });
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: block.columns.map(
      (c, i) =>
        new TableCell({
          width: width(i),
          shading: { type: ShadingType.CLEAR, color: 'auto', fill: HEADER_FILL },
          children: [
            new Paragraph({
              style: c.align === 'right' ? S.headerRight : S.header,
              children: runs(c.header),
            }),
          ],
        }),
    ),
  });
  const rows = block.rows.map((row) => {
    const length = row.reduce((n, c) => n + c.text.length + (c.detail?.length ?? 0), 0);
    return new TableRow({
      cantSplit: length < KEEP_ROW_CHARS,
      children: row.map((c, i) => {
        // A count table's first cell names its row ("Red", "Amber"…): set as a header cell, as the column
        // headers are, and the table's look marks its first column (Word's nearest to a row header).
        const rowHeader = block.rowHeaders === true && i === 0;
        const children = [
          new Paragraph({
            style: rowHeader && !c.rag ? S.header : cellStyle(c, block.columns[i]?.align),
            children: runs(c.text),
          }),
        ];
        if (c.detail) children.push(new Paragraph({ style: S.detail, children: runs(c.detail) }));
        return new TableCell({
          width: width(i),
          ...(c.rag
            ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: hex(RAG_COLOURS[c.rag].fill) } }
            : rowHeader
              ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: HEADER_FILL } }
              : {}),
          children,
        });
      }),
    });
  });
  const line = { style: BorderStyle.SINGLE, size: 4, color: BORDER };
  return new Table({
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    tableLook: { firstRow: true, firstColumn: block.rowHeaders === true },
    margins: { top: 60, bottom: 60, left: 90, right: 90 },
    borders: {
      top: line,
      bottom: line,
      left: line,
      right: line,
      insideHorizontal: line,
      insideVertical: line,
    },
    rows: [header, ...rows],
  });
}

function render(blocks: PaperBlock[]): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  for (const b of blocks) {
    switch (b.kind) {
      case 'title':
        out.push(new Paragraph({ heading: HeadingLevel.TITLE, children: runs(b.text) }));
        out.push(new Paragraph({ style: S.subtitle, children: runs(b.subtitle) }));
        break;
      case 'heading':
        out.push(
          new Paragraph({
            heading: b.level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2,
            children: runs(b.text),
          }),
        );
        break;
      case 'paragraph': {
        const style = PARAGRAPH_STYLE[b.style ?? 'normal'];
        out.push(
          new Paragraph({
            ...(style ? { style } : {}),
            ...(b.keepWithNext ? { keepNext: true, keepLines: true } : {}),
            children: runs(b.text),
          }),
        );
        break;
      }
      case 'table':
        out.push(table(b));
        // Space after each table, so the next heading or table does not touch it.
        out.push(new Paragraph({ children: [] }));
        break;
      case 'pageBreak':
        out.push(new Paragraph({ children: [new PageBreak()] }));
        break;
    }
  }
  return out;
}

export async function buildDocx(summary: ProgressSummary): Promise<Buffer> {
  const paper = buildPaper(summary);
  const heading = (size: number, outlineLevel: number) => ({
    run: { font: FONT, size, bold: true, color: TEXT },
    paragraph: { outlineLevel, keepNext: true, keepLines: true, spacing: { before: 320, after: 120 } },
  });
  const doc = new Document({
    title: paper.title,
    subject: paper.subject,
    creator: paper.author,
    lastModifiedBy: paper.author,
    description: `${paper.subject}. ${summary.councilName}.`,
    keywords: 'improvement plan; progress summary; Ofsted',
    styles: {
      default: {
        document: {
          run: { font: FONT, size: 22, color: TEXT, language: { value: 'en-GB' } },
          paragraph: { spacing: { after: 120, line: 276 } },
        },
        title: {
          run: { font: FONT, size: 52, bold: true, color: TEXT },
          paragraph: { spacing: { after: 80 } },
        },
        heading1: heading(32, 0),
        heading2: heading(26, 1),
      },
      paragraphStyles: paragraphStyles(),
    },
    sections: [
      {
        properties: {
          page: {
            size: PAGE,
            margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN, footer: 567, header: 567 },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                style: S.footer,
                children: [
                  new TextRun(`${paper.footer} – page `),
                  new TextRun({ children: [PageNumber.CURRENT] }),
                  new TextRun(' of '),
                  new TextRun({ children: [PageNumber.TOTAL_PAGES] }),
                ],
              }),
            ],
          }),
        },
        children: render(paper.blocks),
      },
    ],
  });
  return Packer.toBuffer(doc);
}
