// Colour for people, never for machines: colourEnabled() decides, from --no-color, NO_COLOR,
// FORCE_COLOR and whether stdout is a terminal.
//
// Why not chalk: chalk 5 loads supports-color, which imports node:tty and node:os and sniffs the
// terminal as soon as it is imported. Measured on Node 24 here, an esbuild bundle of this module
// built on chalk added about 20 ms to a run whose stdout is a pipe (bare `node -e 0` is about
// 35 ms), and we override that sniffing anyway. The eight styles we use are a few bytes of
// ANSI each; the codes and the nesting rule (an inner close re-opens the outer style) are chalk's
// at level 1 (16 colours, so the user's terminal theme picks the shades).

export type Paint = (text: string) => string;

export interface Palette {
  readonly enabled: boolean;
  /** Healthy, allowed, passing. */
  ok: Paint;
  /** Needs a look: warnings, unknown states. */
  warn: Paint;
  /** Denied, failing, errors. */
  bad: Paint;
  /** Secondary detail. */
  dim: Paint;
  bold: Paint;
  /** Diff lines. */
  added: Paint;
  removed: Paint;
  changed: Paint;
}

export interface ColourSettings {
  /** The --no-color flag. */
  noColor?: boolean;
  env?: Record<string, string | undefined>;
  /** Whether stdout (where the coloured text goes) is a terminal. */
  isTTY?: boolean;
}

/**
 * --no-color always wins; then NO_COLOR with any non-empty value (no-color.org); then
 * FORCE_COLOR (0 or false turns colour off, any other value on, as chalk reads it); then
 * colour only on a terminal that is not TERM=dumb.
 */
export function colourEnabled(settings: ColourSettings): boolean {
  if (settings.noColor) return false;
  const env = settings.env ?? {};
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return !(force === '0' || force.toLowerCase() === 'false');
  if (!settings.isTTY) return false;
  return env.TERM !== 'dumb';
}

const plain: Paint = (text) => text;

/** An SGR style: opens with `open`, closes with `close`; survives nesting and line breaks. */
function style(open: number, close: number): Paint {
  const start = `\x1b[${open}m`;
  const end = `\x1b[${close}m`;
  return (text) => {
    if (text === '') return text;
    let body = text.includes(end) ? text.replaceAll(end, end + start) : text;
    // Close before each line break and re-open after it, so pagers and CI logs stay clean.
    if (body.includes('\n')) body = body.replace(/\r?\n/g, (newline) => `${end}${newline}${start}`);
    return start + body + end;
  };
}

const green = style(32, 39);
const yellow = style(33, 39);
const red = style(31, 39);
const coloured: Omit<Palette, 'enabled'> = {
  ok: green,
  warn: yellow,
  bad: red,
  dim: style(2, 22),
  bold: style(1, 22),
  added: green,
  removed: red,
  changed: yellow,
};

export function makePalette(enabled: boolean): Palette {
  if (!enabled) {
    return {enabled, ok: plain, warn: plain, bad: plain, dim: plain, bold: plain, added: plain, removed: plain, changed: plain};
  }
  return {enabled, ...coloured};
}
