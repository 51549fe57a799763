// The session store in chrome.storage.local: one `session:<id>` record per session plus an index of
// ids (oldest first). Every record is validated on read; a corrupt one is moved aside to
// `set-aside:session:<id>` (kept for support, never shown) and reported in diagnostics — it never
// takes the others down. A write that hits the quota drops the oldest closed session and retries
// (never an open one: a live call in another tab is not given up to make room).
import browser from 'webextension-polyfill';
import * as v from 'valibot';
import { parseRecord, RECORD_PREFIX, recordKey, SET_ASIDE_PREFIX, type SessionRecord } from '../core/session/record';

export const INDEX_KEY = 'sessions.index.v1';
const IndexSchema = v.array(v.string());
const MAX_QUOTA_RETRIES = 3;

export interface SetAside {
  key: string;
  reason: string;
}

export interface StoreHealth {
  setAside: SetAside[];
  lastError: string | null;
  droppedForQuota: number;
}

export class SessionStore {
  readonly health: StoreHealth = { setAside: [], lastError: null, droppedForQuota: 0 };
  /** ids by start time, oldest first; `open`: still being checkpointed */
  private index: { id: string; startedAt: number; open: boolean }[] = [];

  /** Every stored record that validates, oldest first; corrupt ones are set aside. */
  async loadAll(): Promise<SessionRecord[]> {
    let all: Record<string, unknown>;
    try {
      all = await browser.storage.local.get(null);
    } catch (error) {
      this.health.lastError = `Could not read stored sessions: ${String(error)}`;
      return [];
    }
    const records: SessionRecord[] = [];
    for (const [key, value] of Object.entries(all)) {
      if (key.startsWith(SET_ASIDE_PREFIX) && !this.health.setAside.some((s) => s.key === key))
        this.health.setAside.push({ key, reason: 'set aside earlier' });
      if (!key.startsWith(RECORD_PREFIX)) continue;
      try {
        const record = parseRecord(value);
        if (recordKey(record.id) !== key) throw new Error(`id ${record.id} does not match its key`);
        records.push(record);
      } catch (error) {
        await this.setAside(key, value, error instanceof Error ? error.message : String(error));
      }
    }
    records.sort((a, b) => a.startedAt - b.startedAt);
    const index = records.map((r) => ({ id: r.id, startedAt: r.startedAt, open: r.open !== null }));
    const stored = v.safeParse(IndexSchema, all[INDEX_KEY]);
    this.index = index;
    if (!stored.success || stored.output.join() !== index.map((e) => e.id).join()) await this.saveIndex();
    return records;
  }

  async put(record: SessionRecord): Promise<boolean> {
    const known = this.index.find((e) => e.id === record.id);
    if (known) known.open = record.open !== null;
    else {
      this.index.push({ id: record.id, startedAt: record.startedAt, open: record.open !== null });
      this.index.sort((a, b) => a.startedAt - b.startedAt);
    }
    for (let attempt = 0; ; attempt++) {
      try {
        await browser.storage.local.set({ [recordKey(record.id)]: record, [INDEX_KEY]: this.index.map((e) => e.id) });
        return true;
      } catch (error) {
        const message = String(error);
        if (!/quota/i.test(message) || attempt >= MAX_QUOTA_RETRIES || !(await this.dropOldest(record.id))) {
          this.health.lastError = `Could not save a session: ${message}`;
          return false;
        }
      }
    }
  }

  async remove(ids: readonly string[]): Promise<void> {
    const gone = new Set(ids);
    this.index = this.index.filter((e) => !gone.has(e.id));
    await browser.storage.local.remove(ids.map(recordKey));
    await this.saveIndex();
  }

  /** Every session and every set-aside record. */
  async removeAll(): Promise<number> {
    const all = await browser.storage.local.get(null);
    const keys = Object.keys(all).filter((k) => k.startsWith(RECORD_PREFIX) || k.startsWith(SET_ASIDE_PREFIX));
    await browser.storage.local.remove([...keys, INDEX_KEY]);
    this.index = [];
    this.health.setAside = [];
    return keys.filter((k) => k.startsWith(RECORD_PREFIX)).length;
  }

  private async dropOldest(keep: string): Promise<boolean> {
    const oldest = this.index.find((e) => e.id !== keep && !e.open);
    if (!oldest) return false;
    await this.remove([oldest.id]);
    this.health.droppedForQuota++;
    this.health.lastError = 'Storage was full: the oldest session was deleted to make room.';
    return true;
  }

  private async setAside(key: string, value: unknown, reason: string): Promise<void> {
    const asideKey = `${SET_ASIDE_PREFIX}${key}`;
    // Two overlapping reads may both meet the same corrupt record: report it once.
    const known = this.health.setAside.find((s) => s.key === asideKey);
    if (known) known.reason = reason;
    else this.health.setAside.push({ key: asideKey, reason });
    try {
      await browser.storage.local.set({ [asideKey]: value });
      await browser.storage.local.remove(key);
    } catch (error) {
      this.health.lastError = `Could not set aside a corrupt session: ${String(error)}`;
    }
  }

  private async saveIndex(): Promise<void> {
    try {
      await browser.storage.local.set({ [INDEX_KEY]: this.index.map((e) => e.id) });
    } catch (error) {
      this.health.lastError = `Could not save the session index: ${String(error)}`;
    }
  }
}
