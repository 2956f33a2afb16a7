/*
 * Python's `random`, number for number: the Mersenne Twister MT19937 seeded the way
 * CPython seeds it from an integer, and `random()` built from two 32-bit outputs the way
 * CPython builds it. With it, an experiment given the seed of an OSTEP homework script
 * (which calls `random.seed(seed)` and then `random.random()`) draws the same numbers.
 *
 * State: 624 32-bit words in `mt` and the index of the next word to temper, as in the
 * reference implementation (Matsumoto & Nishimura, mt19937ar.c), which CPython uses.
 * The words are kept as signed 32-bit integers (an Int32Array, the constants written
 * `| 0`): the bits are the same, but V8 keeps every value a small integer, where a
 * Uint32Array word above 2^31 is loaded as a double. That halves the cost of a draw;
 * only `uint32()` turns a word back into its unsigned value.
 *
 * The constants of the hot paths (`twist`, `word`) are written inside them: the CLI's
 * bundler turns a module's constants into variables, which V8 then reads on every use
 * instead of folding them (a quarter of the cost of a draw).
 */
import { t } from '../i18n/index.ts';

/** Words of state. */
const N = 624;

export class PythonRandom {
  private readonly mt = new Int32Array(N);
  private index = N + 1;

  /** `random.seed(seed)` for an integer seed (negative seeds use their absolute value, as CPython does). */
  constructor(seed: number | bigint = 0) {
    this.seed(seed);
  }

  seed(seed: number | bigint): void {
    if (typeof seed === 'number' && !Number.isSafeInteger(seed)) throw new RangeError(t('scenario.refs.seed', { seed: String(seed) }));
    let n = BigInt(seed);
    if (n < 0n) n = -n;
    // CPython splits |seed| into 32-bit words, least significant first; 0 gives one word 0.
    const key: number[] = [];
    do {
      key.push(Number(n & 0xffffffffn));
      n >>= 32n;
    } while (n > 0n);
    this.initByArray(key);
  }

  private initGenrand(s: number): void {
    const mt = this.mt;
    mt[0] = s;
    for (let i = 1; i < N; i++) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      // 1812433253 * prev + i, modulo 2^32, without losing bits in a double.
      mt[i] = Math.imul(1812433253, prev) + i;
    }
    this.index = N;
  }

  private initByArray(key: number[]): void {
    const mt = this.mt;
    this.initGenrand(19650218);
    let i = 1;
    let j = 0;
    for (let k = Math.max(N, key.length); k > 0; k--) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      mt[i] = (mt[i] ^ Math.imul(prev, 1664525)) + key[j] + j; // stored modulo 2^32
      i++;
      j++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
      if (j >= key.length) j = 0;
    }
    for (let k = N - 1; k > 0; k--) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      mt[i] = (mt[i] ^ Math.imul(prev, 1566083941)) - i;
      i++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
    }
    mt[0] = 0x80000000; // MSB is 1, assuring a non-zero initial array (stored as -2^31)
  }

  /** Next 32-bit output (genrand_uint32). */
  uint32(): number {
    return this.word() >>> 0;
  }

  /**
   * Next 32-bit output as a signed 32-bit integer (the same bits): returned to a caller that
   * shifts it, it stays a small integer instead of becoming a heap number above 2^31.
   */
  private word(): number {
    if (this.index >= 624) this.twist(); // 624 = N, written out (see the note at the top)
    // Tempering, with the reference's masks.
    let y = this.mt[this.index++];
    y ^= y >>> 11;
    y ^= (y << 7) & (0x9d2c5680 | 0);
    y ^= (y << 15) & (0xefc60000 | 0);
    return y ^ (y >>> 18);
  }

  /**
   * The next 624 words at once (kept out of word(), which is then small enough to inline).
   * `-(y & 1) & MATRIX_A` is the reference's `y & 1 ? MATRIX_A : 0` without a branch.
   */
  private twist(): void {
    // The reference's constants, as locals (see the note at the top).
    const N = 624;
    const M = 397;
    const MATRIX_A = 0x9908b0df | 0;
    const UPPER_MASK = 0x80000000 | 0;
    const LOWER_MASK = 0x7fffffff;
    const mt = this.mt;
    let kk = 0;
    for (; kk < N - M; kk++) {
      const y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
      mt[kk] = mt[kk + M] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
    }
    for (; kk < N - 1; kk++) {
      const y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
      mt[kk] = mt[kk + (M - N)] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
    }
    const y = (mt[N - 1] & UPPER_MASK) | (mt[0] & LOWER_MASK);
    mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
    this.index = 0;
  }

  /** `random.random()`: a 53-bit float in [0, 1) from two outputs (27 + 26 bits), as CPython computes it. */
  next(): number {
    const a = this.word() >>> 5;
    const b = this.word() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /** `random.random()` under its Python name. */
  random(): number {
    return this.next();
  }

  /** `int(n * random.random())`, the homework scripts' way of picking an index below n. */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /**
   * `random.getrandbits(k)` for 0 < k ≤ 32 (CPython takes the top k bits of one output),
   * the building block of `randrange`/`randint`.
   */
  getrandbits(k: number): number {
    if (k <= 0 || k > 32) throw new RangeError('getrandbits supports 1..32 bits here');
    return this.uint32() >>> (32 - k);
  }

  /** `random.randrange(n)` for 0 < n ≤ 2^32 (CPython's _randbelow: rejection sampling on bit_length(n) bits). */
  randbelow(n: number): number {
    if (n <= 0) throw new RangeError('randbelow needs n > 0');
    const k = Math.floor(Math.log2(n)) + 1; // n.bit_length()
    let r = this.getrandbits(k);
    while (r >= n) r = this.getrandbits(k);
    return r;
  }

  /** `random.randint(a, b)`: a + randbelow(b - a + 1). */
  randint(a: number, b: number): number {
    return a + this.randbelow(b - a + 1);
  }
}
