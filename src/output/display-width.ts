// Terminal display width of a string: what a column must be measured in, so that colour codes
// (zero columns) and East Asian wide characters or emoji (two columns) do not misalign tables.
// Go's tabwriter, which kubectl uses, counts runes; we count what the terminal shows.

// CSI sequences (colours, cursor moves) and OSC sequences (hyperlinks) ended by BEL or ST.
const ANSI = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)/g;
const PLAIN_ASCII = /^[\x20-\x7e]*$/;
const ZERO_WIDTH = /^[\p{Mn}\p{Me}\p{Cf}\p{Cc}]$/u;
const EMOJI_WIDE = /^\p{Emoji_Presentation}$/u;

export function stripAnsi(text: string): string {
  return text.includes('\x1b') ? text.replace(ANSI, '') : text;
}

// East Asian Wide and Fullwidth blocks (Unicode EastAsianWidth.txt, W and F), coarsely.
const WIDE_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x1100, 0x115f], // Hangul Jamo initials
  [0x2e80, 0x303e], // CJK radicals, Kangxi, CJK symbols and punctuation
  [0x3041, 0x33ff], // Hiragana, Katakana, Bopomofo, compatibility
  [0x3400, 0x4dbf], // CJK extension A
  [0x4e00, 0x9fff], // CJK unified ideographs
  [0xa000, 0xa4cf], // Yi
  [0xa960, 0xa97f], // Hangul Jamo extended A
  [0xac00, 0xd7a3], // Hangul syllables
  [0xf900, 0xfaff], // CJK compatibility ideographs
  [0xfe10, 0xfe19], // vertical forms
  [0xfe30, 0xfe6f], // CJK compatibility forms, small forms
  [0xff00, 0xff60], // fullwidth forms
  [0xffe0, 0xffe6],
  [0x1b000, 0x1b2ff], // Kana supplement and extensions
  [0x1f200, 0x1f2ff], // enclosed ideographic supplement
  [0x20000, 0x3fffd], // CJK extensions B and beyond
];

function isWide(codePoint: number): boolean {
  if (codePoint < 0x1100) return false;
  for (const [low, high] of WIDE_RANGES) {
    if (codePoint < low) return false;
    if (codePoint <= high) return true;
  }
  return false;
}

/** Columns `text` occupies on a terminal, ignoring ANSI escape sequences. */
export function displayWidth(text: string): number {
  if (PLAIN_ASCII.test(text)) return text.length;
  let width = 0;
  for (const char of stripAnsi(text)) {
    const codePoint = char.codePointAt(0)!;
    if (codePoint >= 0x20 && codePoint < 0x7f) width += 1;
    else if (ZERO_WIDTH.test(char)) continue;
    else if (isWide(codePoint) || EMOJI_WIDE.test(char)) width += 2;
    else width += 1;
  }
  return width;
}
