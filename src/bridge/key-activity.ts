// Typing in the call tab, as a count (issue 9: "narrate when typing"). Only that a key went down is
// noted — never which key, never text — and only for trusted events (a page cannot fake typing).
// Passive and capturing, so the page's own handlers see exactly what they saw without us.

export interface KeyActivity {
  /** key presses since the previous call */
  take(): number;
}

export function watchKeys(target: EventTarget, signal: AbortSignal): KeyActivity {
  let count = 0;
  target.addEventListener(
    'keydown',
    (event) => {
      const key = event as KeyboardEvent;
      if (!key.isTrusted || key.repeat) return;
      count++;
    },
    { capture: true, passive: true, signal },
  );
  return {
    take() {
      const n = count;
      count = 0;
      return n;
    },
  };
}
