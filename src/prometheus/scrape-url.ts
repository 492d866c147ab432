// The scrape URL Prometheus shows for a target (scrape/target.go Target.URL, Go's net/url String):
// scheme://address + escaped metrics path + sorted, query-escaped params (config params, then
// `__param_*` labels replacing the first value).
import type {Labels} from './labels.ts';

const UNRESERVED = /[A-Za-z0-9\-_.~]/;

function percent(byte: number): string {
  return `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
}

const QUERY_SAFE = /^[A-Za-z0-9\-_.~]*$/;
const PATH_SAFE = /^[A-Za-z0-9\-_.~$&+,/:;=@]*$/;

/** Go's url.QueryEscape. */
export function queryEscape(s: string): string {
  if (QUERY_SAFE.test(s)) return s;
  let out = '';
  for (const byte of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(byte);
    if (byte < 0x80 && UNRESERVED.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += percent(byte);
  }
  return out;
}

/** Go's escape(path, encodePath). */
export function pathEscape(s: string): string {
  if (PATH_SAFE.test(s)) return s;
  let out = '';
  for (const byte of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(byte);
    if (byte < 0x80 && (UNRESERVED.test(c) || '$&+,/:;=@'.includes(c))) out += c;
    else out += percent(byte);
  }
  return out;
}

export function scrapeUrl(targetLabels: Labels, params: Record<string, string[]>): string {
  const values = new Map<string, string[]>();
  for (const [k, v] of Object.entries(params)) values.set(k, [...v]);
  for (const name in targetLabels) {
    if (!name.startsWith('__param_')) continue;
    const value = targetLabels[name]!;
    const key = name.slice('__param_'.length);
    const list = values.get(key);
    if (list && list.length > 0) list[0] = value;
    else values.set(key, [value]);
  }
  const query = [...values.keys()].sort().flatMap((k) => values.get(k)!.map((v) => `${queryEscape(k)}=${queryEscape(v)}`)).join('&');
  const scheme = targetLabels.__scheme__ ?? '';
  const host = targetLabels.__address__ ?? '';
  let path = pathEscape(targetLabels.__metrics_path__ ?? '');
  if (path !== '' && !path.startsWith('/') && host !== '') path = `/${path}`;
  return `${scheme ? `${scheme}:` : ''}${scheme || host ? '//' : ''}${host}${path}${query ? `?${query}` : ''}`;
}
