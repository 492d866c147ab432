// PEM blocks in a text (RFC 7468): label, DER bytes and the line the block starts on.

export interface PemBlock {
  label: string;
  /** The whole block as text, BEGIN and END lines included (what node:crypto takes). */
  pem: string;
  der: Buffer;
  /** 1-based line of the BEGIN line. */
  line: number;
  /** RFC 1421 headers (Proc-Type: 4,ENCRYPTED marks an encrypted legacy key). */
  encrypted: boolean;
}

const BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n([\s\S]*?)-----END \1-----/g;

export function pemBlocks(text: string): PemBlock[] {
  const blocks: PemBlock[] = [];
  if (!text.includes('-----BEGIN ')) return blocks;
  for (const match of text.matchAll(BLOCK)) {
    const body = match[2]!;
    const headerEnd = body.search(/\r?\n\r?\n/);
    const hasHeaders = /^[A-Za-z-]+:/.test(body) && headerEnd >= 0;
    const base64 = (hasHeaders ? body.slice(headerEnd) : body).replace(/\s+/g, '');
    blocks.push({
      label: match[1]!,
      pem: match[0],
      der: Buffer.from(base64, 'base64'),
      line: lineOf(text, match.index ?? 0),
      encrypted: match[1] === 'ENCRYPTED PRIVATE KEY' || (hasHeaders && /Proc-Type:\s*4,ENCRYPTED/.test(body)),
    });
  }
  return blocks;
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let index = 0; index < offset; index++) if (text.charCodeAt(index) === 0x0a) line++;
  return line;
}

export function isPrivateKeyLabel(label: string): boolean {
  return label.endsWith('PRIVATE KEY');
}
