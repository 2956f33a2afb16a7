// The sandbox never loses work: sessions kept per machine and replayed, undo and redo,
// files to map, saved scenarios that load and replay, addresses in hex, frame owners.
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, type HostInfo } from '../../core/api.ts';
import { parseCommand, parseSandboxLine } from '../../core/scenario/command.ts';
import { loadScenario } from '../../core/scenario/load.ts';
import { ScenarioRun } from '../../core/scenario/run.ts';
import { SandboxSession, sanitizeSandboxDocument } from '../../core/scenario/sandbox.ts';
import { PagewalkService } from '../../core/service.ts';
import { stateText } from '../../core/lessons/state-text.ts';

function memoryStorage() {
  const data = new Map<string, unknown>();
  return { data, read: async (k: string) => structuredClone(data.get(k)), write: async (k: string, v: unknown) => void data.set(k, structuredClone(v)) };
}

const info: HostInfo = { kind: 'web', version: 'test', canImportPacks: false, canOpenFolders: false, notices: [] };

/** A service over `storage`; a new one over the same storage is the app after a reload. */
function service(storage = memoryStorage()) {
  const svc = new PagewalkService(storage, { list: async () => [] }, { info: () => info, policy: () => DEFAULT_POLICY, saveFile: async () => true });
  return { svc, storage };
}

async function type(svc: PagewalkService, id: string, lines: string[]) {
  const out = [];
  for (const line of lines) {
    const r = await svc.sandboxCommand(id, line);
    expect(r.error, line).toBeNull();
    expect(r.result?.error ?? null, line).toBeNull();
    out.push(r);
  }
  return out;
}

/** The saved scenario, loaded and run as `pagewalk run` does. */
function replay(yaml: string) {
  const loaded = loadScenario(yaml, 'saved.yaml');
  expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const run = new ScenarioRun(loaded.scenario!, loaded.profile!);
  run.runAll();
  return run;
}

describe('the sandbox session', () => {
  it('comes back after the screen is left and after a reload, per machine, on the machine used last', async () => {
    const { svc, storage } = service();
    const a = (await svc.openSandbox('teaching-16')).sessionId;
    await type(svc, a, ['spawn A', 'write A 0x2000 7', 'fork A B']);
    const before = (await svc.currentView(a)).snapshot;
    await svc.closeSession(a);
    const b = (await svc.openSandbox('x86-64')).sessionId;
    await type(svc, b, ['spawn P']);
    await svc.closeSession(b);

    // Back to the 16-bit machine in the same app: as it was.
    const again = await svc.openSandbox('teaching-16');
    expect(JSON.stringify(again.snapshot)).toBe(JSON.stringify(before));
    expect(again.sandbox!.entries.map((e) => e.line)).toEqual(['spawn A', 'write A 0x2000 7', 'fork A B']);
    expect(again.log).toHaveLength(3);

    // A reload is a new service over the same storage; null opens the machine used last.
    const reloaded = await service(storage).svc.openSandbox(null);
    expect(reloaded.sandbox!.profileId).toBe('teaching-16');
    expect(JSON.stringify(reloaded.snapshot)).toBe(JSON.stringify(before));
    const x86 = await service(storage).svc.openSandbox('x86-64');
    expect(Object.keys(x86.names.processes)).toEqual(['P']);
  });

  it('undoes and redoes by replay, and a new command drops what was undone', async () => {
    const { svc } = service();
    const id = (await svc.openSandbox('teaching-16')).sessionId;
    await type(svc, id, ['spawn A', 'write A 0x2000 7']);
    const two = (await svc.currentView(id)).snapshot;
    await type(svc, id, ['fork A B', 'write B 0x2000 9']);
    const four = (await svc.currentView(id)).snapshot;

    expect((await svc.sandboxCommand(id, 'undo')).view.sandbox!.position).toBe(3);
    const back = await svc.sandboxGoTo(id, 2);
    expect(JSON.stringify(back.snapshot)).toBe(JSON.stringify(two));
    expect(back.log).toHaveLength(2);
    expect(back.sandbox!.entries).toHaveLength(4);
    const redone = await svc.sandboxGoTo(id, 4);
    expect(JSON.stringify(redone.snapshot)).toBe(JSON.stringify(four));

    await svc.sandboxGoTo(id, 0);
    expect((await svc.sandboxCommand(id, 'undo')).error).toBe('nothing to undo');
    await svc.sandboxGoTo(id, 1);
    await type(svc, id, ['spawn C']);
    const v = await svc.currentView(id);
    expect(v.sandbox!.entries.map((e) => e.line)).toEqual(['spawn A', 'spawn C']);
    expect((await svc.sandboxCommand(id, 'redo')).error).toBe('nothing to redo');
  });

  it('makes files to map, lists the files that exist when one is missing, and saves them under "files"', async () => {
    const { svc } = service();
    const id = (await svc.openSandbox('teaching-16')).sessionId;
    await type(svc, id, ['spawn A']);
    const missing = await svc.sandboxCommand(id, 'mmap A 8192 r-- file=notes.txt');
    expect(missing.error).toMatch(/no file named "notes.txt".*Files on the disk: A \(program\).*file notes.txt 8192/);
    expect((await svc.sandboxCommand(id, 'file A 100')).error).toMatch(/already a file named "A" \(a program file\)/);
    await type(svc, id, ['file notes.txt 8192 hello there', 'mmap A 8192 r-- file=notes.txt', 'mmap A 8192 r-- file=A', 'shm-create buf 8192', 'shm-map A buf']);
    const v = await svc.currentView(id);
    expect(v.sandbox!.files).toEqual([{ name: 'notes.txt', size: 8192 }]);
    const mapped = v.snapshot.processes[0].areas.find((a) => a.file?.name === 'notes.txt')!;
    const read = await svc.sandboxCommand(id, `read A 0x${mapped.start.toString(16)}`);
    expect(read.result!.value).toBe('h'.charCodeAt(0));
    expect((await svc.sandboxCommand(id, 'shm-map A nope')).error).toMatch(/no shared-memory object named "nope". Objects: buf/);

    const yaml = await svc.sandboxScenario(id);
    expect(yaml).toMatch(/files:\n {2}- name: notes.txt\n {4}size: 8192\n {4}content: hello there/);
    // The example: a program file mapped by name is a file `pagewalk run` accepts.
    const run = replay(yaml);
    expect(JSON.stringify(run.snapshot())).toBe(JSON.stringify((await svc.currentView(id)).snapshot));
  });

  it('writes addresses in hex, and 64-bit upper-half addresses exactly', async () => {
    const { svc } = service();
    const id = (await svc.openSandbox('teaching-16')).sessionId;
    await type(svc, id, ['spawn A', 'write A 8192 7', 'read A 0x2000..0x4000', 'brk A 0x7000']);
    const yaml = await svc.sandboxScenario(id);
    expect(yaml).toMatch(/addr: 0x2000\n/);
    expect(yaml).not.toMatch(/addr: 8192/);
    expect(yaml).toMatch(/to: 0x7000/);
    expect(yaml).toMatch(/length: 8192/);

    const k = (await svc.openSandbox('x86-64')).sessionId;
    await type(svc, k, ['spawn P', 'translate P 0xffff800000001000']);
    const y64 = await svc.sandboxScenario(k);
    expect(y64).toMatch(/addr: "0xffff800000001000"/);
    expect(replay(y64).results[1].translate).toEqual((await svc.currentView(k)).log[1].translate);
  });

  it('keeps nothing of a step the kernel refuses, and says why', async () => {
    const { svc } = service();
    const id = (await svc.openSandbox('teaching-16')).sessionId;
    await type(svc, id, ['spawn A']);
    const before = JSON.stringify((await svc.currentView(id)).snapshot);
    const r = await svc.sandboxCommand(id, 'map A 0x8000 3 frame=30');
    expect(r.error).toBeNull();
    expect(r.result!.error).not.toBeNull();
    expect(JSON.stringify(r.view.snapshot)).toBe(before);
    expect(r.view.sandbox!.entries).toHaveLength(1);
    expect(await svc.sandboxScenario(id)).not.toMatch(/map:/);
  });

  it('leaves out, and says so, saved commands that no longer replay', () => {
    const doc = sanitizeSandboxDocument({
      version: 1,
      machine: 'teaching-16',
      sessions: {
        'teaching-16': { position: 3, entries: [{ line: 'spawn A', step: { spawn: { name: 'A' } } }, { line: 'frobnicate', step: { frobnicate: {} } }, { line: 'spawn B', step: { spawn: { name: 'B' } } }] },
        'not-a-machine': { position: 0, entries: [] },
      },
    });
    expect(Object.keys(doc.sessions)).toEqual(['teaching-16']);
    const box = new SandboxSession('teaching-16', doc.sessions['teaching-16']);
    expect(box.problem).toMatch(/2 commands of the saved session could not be replayed.*“frobnicate”/);
    expect(box.position).toBe(1);
    expect(Object.keys(box.run.names().processes)).toEqual(['A']);
  });

  it('names the process that maps a frame now, not the one that died', async () => {
    const { svc } = service();
    const id = (await svc.openSandbox('teaching-16')).sessionId;
    const out = await type(svc, id, ['spawn A', 'write A 0x3000 1', 'fork A B', 'exit A']);
    const frame = out[1].result!.access!.pfn!;
    const snap = out[3].view.snapshot;
    const b = out[3].view.names.processes.B;
    expect(snap.frames[frame].mappings).toEqual([{ pid: b, vpn: 3 }]);
    expect(snap.frames[frame].owner).toBe(b);
    // The Text view's frame table: its owner cell names B.
    const table = stateText(snap).sections.find((x) => x.id === 'frames')!.blocks.find((x) => x.kind === 'table') as { rows: { cells: string[] }[] };
    const row = table.rows.find((r) => r.cells[0] === String(frame))!;
    expect(row.cells[2]).toMatch(/^B\b/);
  });
});

describe('sandbox command syntax for what documents can do', () => {
  const step = (line: string) => {
    const r = parseCommand(line);
    expect(r.error, line).toBeNull();
    return r.step!;
  };
  it('reads ranges as pages=, length=, START..END and stride=', () => {
    expect(step('write A 0x2000 7 pages=64').args).toEqual({ process: 'A', addr: 0x2000, value: 7, pages: 64 });
    expect(step('read A 0x2000..0x6000 stride=0x800').args).toEqual({ process: 'A', addr: 0x2000, length: 0x4000, stride: 0x800 });
    expect(step('fetch A 0x1000 length=8192 label=code').args).toEqual({ process: 'A', addr: 0x1000, length: 8192, label: 'code' });
    expect(parseCommand('read A 0x6000..0x2000').error).toMatch(/empty/);
    expect(parseCommand('read A 0x2000 pagez=4').error).toMatch(/unknown argument "pagez="/);
  });
  it('reads report, kernel-option and repeat', () => {
    expect(step('report').args).toEqual({});
    expect(step('report A smaps label=before').args).toEqual({ process: 'A', smaps: true, label: 'before' });
    expect(step('kernel-option zero-page on').args).toEqual({ zeroPage: true });
    expect(step('kernel-option zeroPage=off').args).toEqual({ zeroPage: false });
    expect(parseCommand('kernel-option zero-page maybe').error).toMatch(/on or off/);
    expect(step('repeat 3 write A 0x2000 1; read B 0x2000').args).toEqual({
      times: 3,
      steps: [{ write: { process: 'A', addr: '0x2000', value: 1 } }, { read: { process: 'B', addr: '0x2000' } }],
    });
    expect(parseCommand('repeat 3 frok A B').error).toMatch(/command 1 \("frok A B"\).*did you mean "fork"/);
  });
  it('tells session lines from steps', () => {
    expect(parseSandboxLine('undo')).toEqual({ kind: 'undo' });
    expect(parseSandboxLine('file data.bin 0x2000')).toEqual({ kind: 'file', file: { name: 'data.bin', size: 0x2000 } });
    expect(parseSandboxLine('file data.bin')).toMatchObject({ kind: 'error' });
    expect(parseSandboxLine('file x 99999999999')).toMatchObject({ kind: 'error', error: expect.stringMatching(/16 MiB/) });
  });
  it('runs them in the sandbox, and the repeat is saved as one step that unrolls the same', async () => {
    const { svc } = service();
    const id = (await svc.openSandbox('x86-64')).sessionId;
    await type(svc, id, ['spawn P', 'mmap P 0x40000 rw at=0x10000000', 'write P 0x10000000 7 pages=64', 'report label=before', 'fork P C', 'repeat 2 read C 0x10000000; write C 0x10001000 2', 'kernel-option zero-page on', 'read P 0x10040000..0x10042000']);
    const v = await svc.currentView(id);
    expect(v.log.map((r) => r.op)).toEqual(['spawn', 'mmap', 'write', 'report', 'fork', 'read', 'write', 'read', 'write', 'kernel-option', 'read']);
    expect(v.log[3].reading!.processes[0].smapsRollup.privateDirty).toBe(64 * 4096);
    // Which command made which result: the repeat made four.
    expect(v.sandbox!.resultEnds).toEqual([1, 2, 3, 4, 5, 9, 10, 11]);
    const yaml = await svc.sandboxScenario(id);
    expect(yaml.match(/repeat:/g)).toHaveLength(1);
    expect(JSON.stringify(replay(yaml).snapshot())).toBe(JSON.stringify(v.snapshot));
  });
  it('shows every group and the new commands in help', async () => {
    const { svc } = service();
    const id = (await svc.openSandbox('teaching-16')).sessionId;
    const help = (await svc.sandboxCommand(id, 'help')).error!;
    for (const word of ['pages=N', 'START..END', 'report [PROCESS] [smaps]', 'repeat N CMD', 'kernel-option zero-page', 'file NAME SIZE', 'shm-create', 'undo']) expect(help).toContain(word);
  });
});
