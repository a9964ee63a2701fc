/**
 * The "What needs to improve" list of an inspection letter, pasted as text, into one recommendation per
 * numbered or bulleted item. Lines that start no item continue the one before (a pasted paragraph wraps);
 * text before the heading, when there is one, is left out. Items without numbers are numbered on from the
 * last number seen (or from 1). A list with no markers at all is read one paragraph per item.
 */
export interface LetterItem {
  number: string;
  text: string;
  /** The line (1-based) of the pasted text the item starts on. */
  line: number;
}

const HEADING =
  /^[ \t]*(?:(?:what (?:does the local authority )?needs? to (?:do to )?improve|areas? for (?:improvement|development))\b.*|recommendations?:?[ \t]*)$/im;
/** "1.", "1)", "(1)", "1 ", "b5.", "(a)", "a)" — the marker, then the text. */
const NUMBERED =
  /^\s*(?:\(([a-z]?\d{1,3}[a-z]?|[a-z])\)|([a-z]?\d{1,3}[a-z]?|[a-z])[.)]|(\d{1,3})\s)\s*(.+)$/i;
const BULLET = /^\s*[•▪◦○●·*–—-]\s+(.+)$/;

export function splitRecommendationList(text: string): LetterItem[] {
  const all = text
    .replace(/\r\n?/g, '\n')
    .replace(/\u00a0/g, ' ')
    .split('\n');
  let start = 0;
  const heading = HEADING.exec(text.replace(/\r\n?/g, '\n'));
  if (heading) {
    const before = text.replace(/\r\n?/g, '\n').slice(0, heading.index);
    start = before.split('\n').length; // the line after the heading
  }
  const lines = all.slice(start);
  const items: LetterItem[] = [];
  let marked = false;
  let lastNumber = 0;
  let blank = false;
  lines.forEach((raw, i) => {
    const line = raw.trim();
    const lineNo = start + i + 1;
    if (line === '') {
      blank = true;
      return;
    }
    const n = NUMBERED.exec(line);
    const b = n ? null : BULLET.exec(line);
    if (n) {
      marked = true;
      const number = (n[1] ?? n[2] ?? n[3] ?? '').toLowerCase();
      if (/^\d+$/.test(number)) lastNumber = Number(number);
      items.push({ number, text: n[4]!.trim(), line: lineNo });
    } else if (b) {
      marked = true;
      lastNumber += 1;
      items.push({ number: String(lastNumber), text: b[1]!.trim(), line: lineNo });
    } else if (items.length && (!blank || !marked)) {
      const last = items[items.length - 1]!;
      if (blank && !marked) {
        lastNumber += 1;
        items.push({ number: String(lastNumber), text: line, line: lineNo });
      } else last.text = `${last.text} ${line}`;
    } else if (!marked && items.length === 0) {
      lastNumber += 1;
      items.push({ number: String(lastNumber), text: line, line: lineNo });
    } else if (items.length) {
      // After a blank line in a marked list, an unmarked line is still the item's next paragraph.
      items[items.length - 1]!.text += ` ${line}`;
    }
    blank = false;
  });
  return items.map((it) => ({ ...it, text: it.text.replace(/\s+/g, ' ').trim() }));
}
