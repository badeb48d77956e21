// Browser-safe: the chat client and the tests use the same rules for ordering and catching up.

export interface Sequenced {
  id: string;
  seq: number;
}

/**
 * One channel's or conversation's messages as a client holds them: unique by id, in `seq` order
 * (the order the server committed them, the same on every node), with the position up to which
 * nothing is missing. Live events can arrive out of order across nodes, or not at all while Redis
 * is down; a message whose seq is past the contiguous position reveals a gap, which the client
 * fills with `after=<catchUpCursor()>` pages. A hole in seq that the server's catch-up page skips
 * (a reserved number whose insert was a duplicate) is closed by that page, not waited on forever.
 */
export class SequencedLog<M extends Sequenced> {
  private byId = new Map<string, M>();
  private sorted: M[] | null = null;
  /** Every message with seq <= this is held (or never existed). */
  private contiguous: number;

  constructor(initial: readonly M[]) {
    for (const m of initial) this.byId.set(m.id, m);
    this.contiguous = initial.reduce((max, m) => Math.max(max, m.seq), 0);
  }

  get messages(): M[] {
    this.sorted ??= [...this.byId.values()].sort((a, b) => a.seq - b.seq || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return this.sorted;
  }

  /** The highest seq up to which nothing is missing. */
  get contiguousSeq(): number {
    return this.contiguous;
  }

  private put(m: M): void {
    const known = this.byId.get(m.id);
    // A live copy may be older than what a page brought (an edit in between): keep the newer fields.
    this.byId.set(m.id, known ? { ...known, ...m } : m);
    this.sorted = null;
  }

  /** Moves the contiguous position over messages already held right after it. */
  private advance(): void {
    const seqs = new Set([...this.byId.values()].map((m) => m.seq));
    while (seqs.has(this.contiguous + 1)) this.contiguous++;
  }

  /** Merges a live message; true when it shows that something before it is missing. */
  receive(m: M): boolean {
    this.put(m);
    if (m.seq <= this.contiguous) return false;
    if (m.seq === this.contiguous + 1) {
      this.contiguous++;
      this.advance();
      return false;
    }
    return true;
  }

  /** Whether messages are known to exist past the contiguous position. */
  get hasGap(): boolean {
    return this.messages.some((m) => m.seq > this.contiguous);
  }

  /** Id of the newest message up to which nothing is missing (the `after=` cursor); null when empty. */
  catchUpCursor(): string | null {
    let best: M | null = null;
    for (const m of this.byId.values()) if (m.seq <= this.contiguous && (!best || m.seq > best.seq)) best = m;
    return best?.id ?? null;
  }

  /**
   * Merges a page fetched with `after=<catchUpCursor()>`: the server's page is authoritative for
   * the range it covers, so the contiguous position moves to its newest message. Live messages that
   * arrived while it was fetched may lie past a message the page did not reach yet: true when a
   * gap remains, and the caller fetches again (`complete`, the page being the last one, does not
   * make what came after it whole).
   */
  applyCatchUp(page: readonly M[], complete: boolean): boolean {
    for (const m of page) this.put(m);
    this.contiguous = page.reduce((max, m) => Math.max(max, m.seq), this.contiguous);
    this.advance();
    return complete && this.hasGap;
  }

  /** Merges an older page (`before=`); it never moves the contiguous position. */
  prepend(older: readonly M[]): void {
    for (const m of older) this.put(m);
  }

  /** Applies a change to a held message (edit, delete, reactions, receipts); unknown ids are ignored. */
  update(id: string, patch: Partial<M>): void {
    const m = this.byId.get(id);
    if (!m) return;
    this.byId.set(id, { ...m, ...patch, id, seq: m.seq });
    this.sorted = null;
  }
}
