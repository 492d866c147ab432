// kubectl's AGE column: apimachinery pkg/util/duration HumanDuration (2-3 significant figures,
// "3m10s", "2d1h", "2y1d") and ShortHumanDuration ("3m", "2d"), fed with time since a
// timestamp as kubectl's translateTimestampSince does ("<unknown>" when there is none).

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** Go's integer conversion of a float: truncates toward zero. */
const whole = (value: number): number => Math.trunc(value);

/** HumanDuration of a duration in milliseconds. */
export function humanDuration(milliseconds: number): string {
  // Up to 2 seconds in the future (exclusive) is clock skew: "now".
  const seconds = whole(milliseconds / SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = whole(milliseconds / MINUTE);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = whole(milliseconds / HOUR);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  const days = whole(hours / 24);
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${days}d` : `${days}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${days}d`;
  const years = whole(days / 365);
  if (hours < 24 * 365 * 8) {
    const d = days % 365;
    return d === 0 ? `${years}y` : `${years}y${d}d`;
  }
  return `${years}y`;
}

/** ShortHumanDuration of a duration in milliseconds: one unit only. */
export function shortHumanDuration(milliseconds: number): string {
  const seconds = whole(milliseconds / SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60) return `${seconds}s`;
  const minutes = whole(milliseconds / MINUTE);
  if (minutes < 60) return `${minutes}m`;
  const hours = whole(milliseconds / HOUR);
  if (hours < 24) return `${hours}h`;
  if (hours < 24 * 365) return `${whole(hours / 24)}d`;
  return `${whole(hours / 24 / 365)}y`;
}

/**
 * Age of an object from a timestamp such as metadata.creationTimestamp, as kubectl prints it.
 * `now` is milliseconds since the epoch (tests pass a fixed one).
 */
export function age(timestamp: string | Date | undefined | null, now: number = Date.now()): string {
  if (timestamp === undefined || timestamp === null || timestamp === '') return '<unknown>';
  const time = timestamp instanceof Date ? timestamp.getTime() : Date.parse(timestamp);
  if (Number.isNaN(time)) return '<unknown>';
  return humanDuration(now - time);
}
