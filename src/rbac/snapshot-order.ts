// Ordering shared by the RBAC engine: byte-wise, as Go's sort and the API's etcd keys order names.

export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
