/**
 * The ETag of a versioned record: `"<kind><id>-v<version>"`, e.g. `"action12-v3"`. The server sends it and
 * reads it back from If-Match; the client builds it from a list row's id and version. Written once, here.
 */
export const ETAG_FORMAT = '"<kind><id>-v<version>"';

/** The ETag format in words, for the API's documentation of ETag and If-Match. */
export const ETAG_DESCRIPTION =
  `The record's version as ${ETAG_FORMAT}, e.g. "action12-v3": the record's kind, its id and its version ` +
  '(the `version` field of the record as read), in double quotes.';

export function etagOf(kind: string, id: number, version: number): string {
  return `"${kind}${id}-v${version}"`;
}

/** The record an ETag (or If-Match value) names, or null when it is not one of ours. A weak `W/` is allowed. */
export function parseEtag(value: string): { kind: string; id: number; version: number } | null {
  const m = /^(?:W\/)?"([a-z]+)(\d+)-v(\d+)"$/.exec(value.trim());
  return m ? { kind: m[1] ?? '', id: Number(m[2]), version: Number(m[3]) } : null;
}

/** Whether an If-None-Match header names `etag` (a list, `*`, or weak forms included). */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = etag.replace(/^W\//, '');
  return ifNoneMatch.split(',').some((v) => {
    const t = v.trim();
    return t === '*' || t.replace(/^W\//, '') === bare;
  });
}
