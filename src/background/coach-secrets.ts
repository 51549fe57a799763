// One-time secrets that open a coach iframe's channel. The bridge asks for one; the coach page
// proves it was opened by our bridge by presenting it; a secret works once, for one tab, for 30 s.
const TTL_MS = 30_000;

interface Issued {
  tabId: number;
  frameId: number;
  issuedAt: number;
}

export class CoachSecrets {
  private readonly issued = new Map<string, Issued>();

  issue(tabId: number, frameId: number, nowMs: number): string {
    this.expire(nowMs);
    const secret = crypto.randomUUID();
    this.issued.set(secret, { tabId, frameId, issuedAt: nowMs });
    return secret;
  }

  /** The bridge frame that asked for `secret`, if the claim is valid; the secret is spent either way. */
  redeem(secret: string, tabId: number, nowMs: number): Issued | null {
    this.expire(nowMs);
    const found = this.issued.get(secret);
    this.issued.delete(secret);
    return found && found.tabId === tabId ? found : null;
  }

  private expire(nowMs: number): void {
    for (const [secret, issued] of this.issued) if (nowMs - issued.issuedAt > TTL_MS) this.issued.delete(secret);
  }
}
