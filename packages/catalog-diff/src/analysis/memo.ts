// Catalogs repeat their texts: national item lists in every body, one 一级事项 over many rows, the
// city's items in each county's 权责清单. Keys computed from a text are remembered per text, in a
// bounded memo of two generations: when the newer one is full it becomes the older one (the older is
// dropped), and a text found in the older generation moves to the newer. So memory is bounded, and a
// stream of new texts longer than the bound does not empty the memo of the texts still repeating.

/** Values remembered by text, at most 2 × `max` of them. */
export class TextMemo<T> {
  private newer = new Map<string, T>();
  private older = new Map<string, T>();

  constructor(private readonly max = 50_000) {}

  /** The value remembered for `text`, else `make()` (which must depend on `text` only), remembered. */
  get(text: string, make: (text: string) => T): T {
    let v = this.newer.get(text);
    if (v !== undefined) return v;
    v = this.older.get(text);
    if (v === undefined) v = make(text);
    if (this.newer.size >= this.max) {
      this.older = this.newer;
      this.newer = new Map();
    }
    this.newer.set(text, v);
    return v;
  }
}

/** A memo of the pure function `f` of a text (see {@link TextMemo}). */
export function memoByText<T>(f: (text: string) => T, max?: number): (text: string) => T {
  const memo = new TextMemo<T>(max);
  return (text) => memo.get(text, f);
}
