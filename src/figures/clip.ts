/**
 * Clip polylines to a y-window in data space before plotting. resvg drops paths with coordinates thousands of pixels
 * outside the view (e.g. P(0) = 1 on an axis that ends at 0.04), so curves are cut at the window edge: each segment
 * that crosses an edge gets the crossing point inserted, and values beyond are set to the edge. Inside the window the
 * drawn geometry is unchanged (x and y are linear here).
 */

/**
 * @param x increasing abscissae
 * @param ys one or more curves on `x` (e.g. [lo, hi] of a band); crossings of any curve are inserted into all of them
 *   (the others linearly interpolated there)
 * @returns new x and curves, every value within [lo, hi]
 */
export function clipToWindow(x: ArrayLike<number>, ys: ArrayLike<number>[], lo: number, hi: number): { x: number[]; ys: number[][] } {
  const ox: number[] = [];
  const oy: number[][] = ys.map(() => []);
  const push = (xv: number, vals: number[]): void => {
    ox.push(xv);
    vals.forEach((v, k) => oy[k].push(Math.min(hi, Math.max(lo, v))));
  };
  for (let i = 0; i < x.length; i++) {
    if (i > 0) {
      const x0 = x[i - 1], x1 = x[i];
      const cuts: number[] = [];
      for (const y of ys) {
        const a = y[i - 1], b = y[i];
        for (const edge of [lo, hi]) {
          if ((a - edge) * (b - edge) < 0) cuts.push(x0 + ((edge - a) / (b - a)) * (x1 - x0));
        }
      }
      cuts.sort((p, q) => p - q);
      for (const c of cuts) {
        const f = (c - x0) / (x1 - x0);
        push(c, ys.map((y) => y[i - 1] + f * (y[i] - y[i - 1])));
      }
    }
    push(x[i], ys.map((y) => y[i]));
  }
  return { x: ox, ys: oy };
}
