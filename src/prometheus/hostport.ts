// Go's net.SplitHostPort, which decides whether Prometheus 2.x adds a default port to an address.

export function splitHostPort(hostport: string): {host: string; port: string} | null {
  const i = hostport.lastIndexOf(':');
  if (i < 0) return null;
  let host: string;
  let j = 0;
  let k = 0;
  if (hostport.startsWith('[')) {
    const end = hostport.indexOf(']');
    if (end < 0) return null;
    if (end + 1 === hostport.length) return null;
    if (end + 1 !== i) return null;
    host = hostport.slice(1, end);
    j = 1;
    k = end + 1;
  } else {
    host = hostport.slice(0, i);
    if (host.includes(':')) return null;
  }
  if (hostport.slice(j).includes('[')) return null;
  if (hostport.slice(k).includes(']')) return null;
  return {host, port: hostport.slice(i + 1)};
}
