// Small display helpers shared by the popup and the options page.
export const pctText = (x: number | null) => (x === null ? 'unknown' : `${x}%`);
export const msText = (x: number | null) => (x === null ? 'unknown' : `${Math.round(x)} ms`);

export function durationText(ms: number): string {
  const min = Math.round(ms / 60_000);
  if (min < 1) return `${Math.max(0, Math.round(ms / 1000))} s`;
  return min < 60 ? `${min} min` : `${Math.floor(min / 60)} h ${min % 60} min`;
}

export function whenText(at: number): string {
  return new Date(at).toLocaleString(undefined, { weekday: 'short', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}
