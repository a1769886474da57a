/** Small formatting helpers for CLI output. */

/** Seconds as '42 s', '3 min 05 s', '1 h 02 min'. */
export function fmtDuration(s: number): string {
  if (!Number.isFinite(s) || s < 0) return '?';
  if (s < 10) return `${s.toFixed(1)} s`;
  if (s < 60) return `${Math.round(s)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(Math.round(s - 60 * m)).padStart(2, '0')} s`;
  const h = Math.floor(m / 60);
  return `${h} h ${String(m - 60 * h).padStart(2, '0')} min`;
}

/** Rate with 3 significant digits. */
export function fmtRate(r: number): string {
  if (!Number.isFinite(r) || r <= 0) return '—';
  return r >= 100 ? String(Math.round(r)) : r.toPrecision(3);
}

/** Shortest round-trip decimal for CSV. */
export function csvNum(x: number): string {
  return Number.isNaN(x) ? 'NaN' : String(x);
}

/** Rows to CSV text with a header line. */
export function toCsv(columns: { name: string; values: ArrayLike<number> }[]): string {
  const n = columns.length ? columns[0].values.length : 0;
  const lines = [columns.map((c) => c.name).join(',')];
  for (let i = 0; i < n; i++) lines.push(columns.map((c) => csvNum(c.values[i])).join(','));
  return lines.join('\n') + '\n';
}
