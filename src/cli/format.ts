/** Small formatting helpers for CLI output. */

/** Seconds as '42 s', '3 min 05 s', '1 h 02 min'. */
export function fmtDuration(s: number): string {
  if (!Number.isFinite(s) || s < 0) return '?';
  if (s < 10) return `${s.toFixed(1)} s`;
  const t = Math.round(s); // round first, so 179.6 s reads '3 min 00 s', never '2 min 60 s'
  if (t < 60) return `${t} s`;
  if (t < 3600) return `${Math.floor(t / 60)} min ${String(t % 60).padStart(2, '0')} s`;
  const mins = Math.round(s / 60);
  return `${Math.floor(mins / 60)} h ${String(mins % 60).padStart(2, '0')} min`;
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
