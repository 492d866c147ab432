// YAML output, in its own module so that only `-o yaml` pays for loading the `yaml` package
// (format.ts imports it lazily). Styled like kubectl's (go-yaml v2): list items at their key's
// indentation, strings that would read as numbers or booleans double-quoted, long strings
// folded near 80 columns, multi-line strings as literal blocks, and no anchors or aliases even
// when one object appears twice. Keys keep the result's order (kubectl sorts them; our
// results are shaped to be read in order).

import {stringify} from 'yaml';

export function toYaml(value: unknown): string {
  return stringify(value, {
    indentSeq: false,
    blockQuote: 'literal',
    aliasDuplicateObjects: false,
    // YAML 1.1 quoting, as go-yaml v2 writes: timestamps, yes/no and on/off stay strings for
    // every reader, not only YAML 1.2 ones.
    version: '1.1',
  });
}
