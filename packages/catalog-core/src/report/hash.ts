// FNV-1a 64 over UTF-8, in two 32-bit halves so it runs everywhere without BigInt or node:crypto.
// Not a cryptographic hash: fingerprints only need to be stable and rarely collide within one catalog.

const encoder = new TextEncoder();
const TWO_32 = 0x1_0000_0000;

/** FNV-1a 64-bit hash of a string's UTF-8 bytes, as 16 lower-case hex digits. */
export function fnv1a64(text: string): string {
  const bytes = encoder.encode(text);
  let hi = 0xcbf29ce4;
  let lo = 0x84222325;
  for (let i = 0; i < bytes.length; i++) {
    lo = (lo ^ (bytes[i] as number)) >>> 0;
    // × 0x100000001b3 = × 0x1b3 plus the low word shifted left by 40 bits (into the high word).
    const low = lo * 0x1b3;
    const carry = Math.floor(low / TWO_32);
    hi = (Math.imul(hi, 0x1b3) + carry + (lo << 8)) >>> 0;
    lo = low >>> 0;
  }
  return hi.toString(16).padStart(8, "0") + lo.toString(16).padStart(8, "0");
}
