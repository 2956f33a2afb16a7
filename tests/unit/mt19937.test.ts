// PythonRandom against CPython's `random`, number for number. Every expected value below
// was printed by CPython 3.11 (`random.seed(seed)` then `getrandbits(32)`, `random()`,
// `randint`, `randrange`), so a change to the state layout or the twist that alters a
// single bit fails here, not only in the homework fixtures.
import { describe, expect, it } from 'vitest';
import { PythonRandom } from '../../core/sim/mt19937.ts';

// seed → getrandbits(32) at the draws 0, 1, 2, 623, 624, 625, 1247, 1248 and 1299: the first
// words, the last of the first twist, the first of the second and third twists.
const AT = [0, 1, 2, 623, 624, 625, 1247, 1248, 1299];
const WORDS: [number | bigint, number[]][] = [
  [0, [3626764237, 1654615998, 3255389356, 2390040247, 2229104038, 1244770883, 577331751, 2465233080, 613370405]],
  [1, [577090037, 2444712010, 3639700191, 802355090, 1360367077, 3404757168, 1721233950, 1032912167, 3223856108]],
  [12345, [1789368711, 3146859322, 43676229, 2049964430, 4171722749, 3649179348, 161923315, 614870966, 4004275952]],
  [-7, [1390851128, 4071050724, 647892279, 960836459, 693491440, 3033636545, 3230292183, 266543596, 2010695017]],
  [2 ** 32 + 5, [675479763, 2085189291, 1213270837, 3470195681, 3856972768, 3653217955, 2011993071, 2711265084, 464306072]],
  [2n ** 64n - 1n, [93740670, 1068495656, 1452108352, 2799746052, 3597309115, 1388219846, 1341629042, 641403452, 3889766627]],
];

describe('PythonRandom, as CPython draws', () => {
  for (const [seed, want] of WORDS) {
    it(`seed ${seed}: the same unsigned 32-bit words across three twists`, () => {
      const rng = new PythonRandom(seed);
      const words = Array.from({ length: 1300 }, () => rng.uint32());
      expect(AT.map((i) => words[i])).toEqual(want);
      expect(words.every((w) => Number.isInteger(w) && w >= 0 && w < 2 ** 32)).toBe(true);
    });
  }

  it('random() after 700 draws, for each seed', () => {
    const want = [0.6380736282281027, 0.0601840957099572, 0.6799084155778294, 0.33805157034346633, 0.031729658567885566, 0.9231676881276595];
    const got = WORDS.map(([seed]) => {
      const rng = new PythonRandom(seed);
      for (let i = 0; i < 700; i++) rng.random();
      return rng.random();
    });
    expect(got).toEqual(want);
  });

  it('sums of 100,000 words and 50,000 floats (every bit of a long stream)', () => {
    const sums = ([0, 2n ** 64n - 1n] as const).map((seed) => {
      const a = new PythonRandom(seed);
      let words = 0;
      for (let i = 0; i < 100_000; i++) words += a.getrandbits(32);
      let floats = 0;
      for (let i = 0; i < 50_000; i++) floats += a.next();
      return [words, floats];
    });
    // sum(getrandbits(32) for 100000 draws), then sum(random() for 50000 draws), continuing the stream
    expect(sums[0][0]).toBe(214320456689127);
    expect(sums[1][0]).toBe(213985579443286);
    expect(sums.map(([, f]) => f)).toEqual([25002.447347779373, 24968.497972768768]);
  });

  it('randint and randrange (rejection sampling on bit_length bits)', () => {
    const ints = (seed: number) => {
      const rng = new PythonRandom(seed);
      return Array.from({ length: 8 }, () => rng.randint(0, 9));
    };
    expect(ints(0)).toEqual([6, 6, 0, 4, 8, 7, 6, 4]);
    expect(ints(12345)).toEqual([6, 0, 4, 5, 3, 4, 9, 6]);
    const below = new PythonRandom(1);
    expect(Array.from({ length: 4 }, () => below.randbelow(1000003))).toEqual([140891, 596853, 888598, 841235]);
  });
});
