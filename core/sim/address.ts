/*
 * Virtual addresses as the CPU sees them and as the page walk uses them.
 *
 *   canonical machines  x86-64 (48-bit) and RISC-V Sv39 (39-bit) have 64-bit registers but
 *                       translate only vaBits bits: an address is canonical when bits
 *                       63..vaBits-1 are all equal (all zero: user half; all one: kernel
 *                       half, from 0xffff800000000000 on x86-64 and 0xffffffc000000000 on
 *                       Sv39). Any other address raises a general-protection fault (x86) or
 *                       an access fault (RISC-V) before the TLB or the page table is used.
 *   inside the machine  addresses are the low vaBits bits (0 … 2^vaBits − 1): the walk
 *                       indexes its tables with them, and the kernel half is the top half
 *                       of that range (x86-64: 0x8000_0000_0000). `formatVa` prints them
 *                       as the full sign-extended 64-bit address.
 *   in documents        an address is a number; from 2^63 up a 64-bit value is read as two's
 *                       complement (scenario/schema.ts), so 0xffff800000000000 arrives as
 *                       −2^47, exactly. `machineAddress` turns it into the machine's form.
 */
import type { MachineProfile } from './profile.ts';
import { t } from '../i18n/index.ts';

/**
 * The machine's form of a document address, or null when the address is not canonical
 * (on machines that have canonical addresses). Other machines take the number as is.
 */
export function machineAddress(profile: MachineProfile, va: number): number | null {
  if (!profile.canonical) return va;
  const half = 2 ** (profile.vaBits - 1);
  if (va >= 0) return va < half ? va : null;
  return va >= -half ? va + 2 * half : null;
}

/** A machine address as the full 64-bit address (sign-extended on canonical machines). */
export function formatVa(profile: MachineProfile, va: number): string {
  if (profile.canonical && va >= 2 ** (profile.vaBits - 1) && va < 2 ** profile.vaBits) {
    const full = (1n << 64n) - (1n << BigInt(profile.vaBits)) + BigInt(va);
    return '0x' + full.toString(16);
  }
  return formatDocumentAddress(va);
}

/** A document address (negative: a 64-bit value from 2^63 up) as the 64-bit hex the author wrote. */
export function formatDocumentAddress(va: number): string {
  if (va < 0 && Number.isInteger(va)) return '0x' + ((1n << 64n) + BigInt(va)).toString(16);
  return '0x' + va.toString(16);
}

/** Why an address is not canonical, in words. */
export function nonCanonicalReason(profile: MachineProfile): string {
  return t('scenario.sim.canonicalRule', { high: String(profile.vaBits - 1) });
}
