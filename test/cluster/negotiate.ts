// Which representation a client asked for in its Accept header: the object itself, a Table for
// server-side printing, or metadata only (PartialObjectMetadata[List]).

export type Representation =
  | {as: 'Object'}
  | {as: 'Table'; apiVersion: string}
  | {as: 'PartialObjectMetadata'; apiVersion: string};

/** The first acceptable media type wins, as in the API server; undefined when none is. */
export function negotiate(accept: string | undefined): Representation | undefined {
  if (!accept || accept.trim() === '') return {as: 'Object'};
  for (const range of accept.split(',')) {
    const [mediaType, ...parameterTexts] = range.split(';').map((part) => part.trim());
    if (!['application/json', 'application/*', '*/*', 'application/json-seq', 'application/yaml'].includes(mediaType)) continue;
    if (mediaType === 'application/yaml') continue;
    const parameters = new Map(
      parameterTexts.map((text) => {
        const equals = text.indexOf('=');
        return [text.slice(0, equals).trim(), text.slice(equals + 1).trim()] as [string, string];
      }),
    );
    const as = parameters.get('as');
    if (as === undefined) return {as: 'Object'};
    if (parameters.get('g') !== 'meta.k8s.io') continue;
    const version = parameters.get('v');
    if (version !== 'v1' && version !== 'v1beta1') continue;
    const apiVersion = `meta.k8s.io/${version}`;
    if (as === 'Table') return {as: 'Table', apiVersion};
    if (as === 'PartialObjectMetadata' || as === 'PartialObjectMetadataList') return {as: 'PartialObjectMetadata', apiVersion};
  }
  return undefined;
}
