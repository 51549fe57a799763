// One-to-one matching of detected events to true ones by onset (nearest first, within a tolerance).

export interface Timed {
  atS: number;
}

export interface Matching<T, D> {
  pairs: [T, D][];
  missed: T[];
  extra: D[];
}

export function matchEvents<T extends Timed, D extends Timed>(
  truth: T[],
  detected: D[],
  toleranceS: number,
  same: (t: T, d: D) => boolean = () => true,
): Matching<T, D> {
  const candidates: [number, number, number][] = [];
  truth.forEach((t, i) =>
    detected.forEach((d, j) => {
      const distance = Math.abs(t.atS - d.atS);
      if (distance <= toleranceS && same(t, d)) candidates.push([distance, i, j]);
    }),
  );
  candidates.sort((a, b) => a[0] - b[0]);
  const usedT = new Set<number>();
  const usedD = new Set<number>();
  const pairs: [T, D][] = [];
  for (const [, i, j] of candidates) {
    if (usedT.has(i) || usedD.has(j)) continue;
    usedT.add(i);
    usedD.add(j);
    pairs.push([truth[i]!, detected[j]!]);
  }
  return { pairs, missed: truth.filter((_, i) => !usedT.has(i)), extra: detected.filter((_, j) => !usedD.has(j)) };
}

export function f1(matched: number, truth: number, detected: number): number {
  return truth + detected === 0 ? 1 : (2 * matched) / (truth + detected);
}
