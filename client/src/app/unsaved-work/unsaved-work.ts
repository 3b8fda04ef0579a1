/** One piece of typed, unsent work, as a form declares it. */
export interface UnsavedEntry {
  /** What would be lost, as the person would name it ("Your position on “Option A”"). */
  what: string;
  /**
   * The draft outlives a move to another page of the app (it is kept outside the form, and found again where
   * it was left): only leaving the page itself (reload, closing the tab) would lose it.
   */
  keptOnNavigation: boolean;
  /** Forgets the draft wherever it is kept, once the person has chosen to leave it. */
  discard?: () => void;
}

/**
 * What has been typed on the page and not sent, for the one guard that asks before leaving. Each entry has a
 * key: a form's own while the work lives in the form, or a kept draft's, which stays declared after its form
 * is gone, for as long as the draft itself is kept.
 */
export class UnsavedWork {
  private readonly entries = new Map<string, UnsavedEntry>();
  private readonly listeners = new Set<() => void>();

  /** Declares (or renames) a piece of unsaved work. */
  set(key: string, entry: UnsavedEntry): void {
    const had = this.entries.size;
    this.entries.set(key, entry);
    if (this.entries.size !== had) this.changed();
  }

  /** The work under `key` was sent, taken back or thrown away: nothing to ask about for it any more. */
  delete(key: string): void {
    if (this.entries.delete(key)) this.changed();
  }

  /** Whether leaving the page itself (reload, closing the tab, another site) would lose anything. */
  any(): boolean {
    return this.entries.size > 0;
  }

  /** What moving to another page of the app would lose, each named once, in the order it was typed. */
  lostOnNavigation(): string[] {
    return [...new Set(this.lostEntries().map((e) => e.what))];
  }

  /** The person chose to leave: what would be lost is forgotten where it is kept. */
  discardLostOnNavigation(): void {
    for (const e of this.lostEntries()) e.discard?.();
  }

  /** What signing out would lose: everything typed, kept drafts too (they belong to the one signed in). */
  lostOnSigningOut(): string[] {
    return [...new Set([...this.entries.values()].map((e) => e.what))];
  }

  /**
   * The person chose to sign out: every draft is forgotten where it is kept, and a kept draft, whose form may
   * be gone, is no longer declared (a form's own work goes with the form).
   */
  discardLostOnSigningOut(): void {
    for (const [key, e] of [...this.entries]) {
      e.discard?.();
      if (e.keptOnNavigation) this.delete(key);
    }
  }

  /** Calls back whenever an entry comes or goes; the returned function stops it. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private lostEntries() {
    return [...this.entries.values()].filter((e) => !e.keptOnNavigation);
  }

  private changed() {
    for (const l of this.listeners) l();
  }
}
