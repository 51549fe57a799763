// Power in decibels, floored at -120 dB so that digital silence stays finite.

export function powerDb(power: number): number {
  return 10 * Math.log10(power + 1e-12);
}
