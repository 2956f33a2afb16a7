#!/usr/bin/env node
// The least any node program can cost to answer `paging-policy.py -c` on a trace: start
// node, read the trace file, and write as many bytes as the answer has into standard
// output, 128 KiB at a time (as `pagewalk refstring` does), computing nothing. bench:compare
// runs it beside pagewalk on every row: python's time over this one is the best ratio a
// program running on node could reach there, whatever it does.
//
//   node bench/node-floor.mjs TRACE-FILE BYTES
import { readFileSync, writeSync } from 'node:fs';

const [file, total] = [process.argv[2], Number(process.argv[3])];
readFileSync(file);
const block = Buffer.alloc(1 << 17, 0x41);
for (let n = 0; n < total; n += block.length) {
  const length = Math.min(block.length, total - n);
  for (let done = 0; done < length; ) done += writeSync(1, block, done, length - done);
}
