// PagewalkService: the behaviour behind the app's API, tested without any host.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, type ClassroomPolicy, type HostInfo } from '../../core/api.ts';
import { loadScenario } from '../../core/scenario/load.ts';
import { parseCommand } from '../../core/scenario/command.ts';
import { ScenarioRun } from '../../core/scenario/run.ts';
import { readFolder } from '../fixtures/packs/helpers.ts';
import { PagewalkService, ServiceError, normalizeProgress, normalizeSettings, type PackFiles } from '../../core/service.ts';

function memoryStorage() {
  const data = new Map<string, unknown>();
  return { data, read: async (k: string) => data.get(k), write: async (k: string, v: unknown) => void data.set(k, structuredClone(v)) };
}

function service(policy: Partial<ClassroomPolicy> = {}, packs: PackFiles[] = []) {
  const storage = memoryStorage();
  const info: HostInfo = { kind: 'web', version: 'test', canImportPacks: false, canOpenFolders: false, notices: [] };
  const svc = new PagewalkService(storage, { list: async () => packs }, { info: () => info, policy: () => ({ ...DEFAULT_POLICY, ...policy }), saveFile: async () => true });
  return { svc, storage };
}

describe('the sandbox', () => {
  it('forks, writes, and shows the copy-on-write copy in the snapshot', async () => {
    const { svc } = service();
    const view = await svc.openSandbox('teaching-16');
    const id = view.sessionId;
    for (const cmd of ['spawn P', 'write P 0x3000 7', 'fork P C']) expect((await svc.sandboxCommand(id, cmd)).error).toBeNull();
    const before = (await svc.sandboxCommand(id, 'read C 0x3000')).result!.access!;
    const out = await svc.sandboxCommand(id, 'write C 0x3000 9');
    const w = out.result!.access!;
    expect(w.faults[0].resolution).toBe('cow-copy');
    expect(w.pfn).not.toBe(before.pfn);
    const frames = out.view.snapshot.frames;
    expect(frames[w.pfn!].mappings).toEqual([{ pid: out.view.names.processes.C, vpn: 3 }]);
    expect(frames[before.pfn!].refs).toBe(1);
    expect(out.view.events.some((e) => e.type === 'cow-copy')).toBe(true);
  });

  it('explains a command it cannot understand, and runs nothing', async () => {
    const { svc } = service();
    const id = (await svc.openSandbox('x86-64')).sessionId;
    const r = await svc.sandboxCommand(id, 'frok P C');
    expect(r.error).toMatch(/unknown command "frok" — did you mean "fork"\?/);
    expect(r.result).toBeNull();
    expect((await svc.sandboxCommand(id, 'write P')).error).toMatch(/needs 3 arguments/);
    expect((await svc.sandboxCommand(id, 'help')).error).toMatch(/spawn NAME/);
    expect((await svc.sandboxCommand(id, 'spawn P')).error).toBeNull();
    expect((await svc.sandboxCommand(id, 'spawn P')).error).toMatch(/already used/);
  });

  it('accepts YAML steps and reports kernel refusals as results, not crashes', async () => {
    const { svc } = service();
    const id = (await svc.openSandbox('teaching-16')).sessionId;
    await svc.sandboxCommand(id, 'spawn P');
    const r = await svc.sandboxCommand(id, '{mmap: {process: P, length: 4096, addr: 0x1000}}');
    expect(r.error).toBeNull();
    expect(r.result!.error).toMatch(/overlaps the code area/);
  });

  it('saves the session as a scenario that loads and replays to the same state', async () => {
    const { svc } = service();
    const id = (await svc.openSandbox('sv39')).sessionId;
    for (const cmd of ['spawn A', 'thread A T 1', 'write T 0x12000 5', 'fork A B', 'write B 0x12000 6', 'mmap A 8192 rw shared', 'refstring 1,2,3,1 2 lru', 'frok']) await svc.sandboxCommand(id, cmd);
    const yaml = await svc.sandboxScenario(id);
    const loaded = loadScenario(yaml, 'saved.yaml');
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.scenario!.steps.map((s) => s.op)).toEqual(['spawn', 'thread', 'write', 'fork', 'write', 'mmap', 'reference-string']);
    const replay = new ScenarioRun(loaded.scenario!, loaded.profile!);
    replay.runAll();
    const live = await svc.sandboxCommand(id, 'translate A 0x12000');
    expect(JSON.stringify(replay.snapshot().frames)).toBe(JSON.stringify(live.view.snapshot.frames));
    expect(replay.snapshot().processes.map((p) => p.pages)).toEqual(live.view.snapshot.processes.map((p) => p.pages));
  });

  it('is refused when the classroom policy turns it off', async () => {
    const { svc } = service({ allowSandbox: false });
    await expect(svc.openSandbox('teaching-16')).rejects.toThrow(ServiceError);
    await expect(svc.openSandbox('teaching-16')).rejects.toThrow(/classroom policy/);
  });
});

describe('sandbox command parsing', () => {
  it('turns each documented command into the scenario step it stands for', () => {
    expect(parseCommand('read T2 0x4000 4', (n) => n === 'T2').step).toEqual({ op: 'read', args: { thread: 'T2', addr: 0x4000, size: 4 } });
    expect(parseCommand('brk P +8192').step).toEqual({ op: 'brk', args: { process: 'P', grow: 8192 } });
    expect(parseCommand('mmap P 4096 r shared file=f.txt at=0x5000').step).toEqual({ op: 'mmap', args: { process: 'P', length: 4096, perms: 'r', shared: true, file: 'f.txt', addr: 0x5000 } });
    expect(parseCommand('policy P interleave 0,1').step).toEqual({ op: 'numa-policy', args: { process: 'P', policy: 'interleave', nodes: [0, 1] } });
    expect(parseCommand('flush').step).toEqual({ op: 'tlb-flush', args: {} });
    expect(parseCommand('write P zz 1').error).toMatch(/addr/);
  });
});

describe('progress and settings', () => {
  it('exports progress as CSV that spreadsheets read safely', async () => {
    const { svc, storage } = service();
    storage.data.set('progress', {
      version: 1,
      packs: { p: { l: { furthestStep: 2, completed: true, completedAt: '2026-11-25T10:00:00Z', quizzes: { q1: { attempts: 3, correct: 2, correctInstances: [0, 2], lastAnswered: null, hintsUsed: 4 }, '=cmd': { attempts: 1, correct: 0, correctInstances: [], lastAnswered: null } } } } },
    });
    const csv = await svc.exportProgress('csv');
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe(
      'learner,pack,pack_title,pack_version,lesson,lesson_title,status,steps_seen,step_count,started_at,last_active_at,completed_at,active_minutes,quiz,quiz_step,quiz_step_title,question,attempts,correct,instances_right,mastery_needed,mastered,hints_used,last_answered',
    );
    // A pack this computer does not have: ids without titles. Steps and instances count from 1.
    expect(lines[1]).toBe(',p,,,l,,complete,3,,,,2026-11-25T10:00:00Z,0,q1,,,,3,2,1 3,,,4,');
    // Progress saved before hints existed has no hintsUsed: it counts as none.
    expect(lines[2]).toMatch(/,1,0,,,,0,$/);
    expect(lines[2]).toContain(`"'=cmd"`);
    const json = JSON.parse(await svc.exportProgress('json'));
    expect(json).toMatchObject({ format: 'pagewalk-progress', formatVersion: 2, learner: '' });
    expect(json.packs[0].lessons[0]).toMatchObject({ id: 'l', stepsSeen: 3, status: 'complete' });
    expect(json.packs[0].lessons[0].quizzes[0]).toMatchObject({ id: 'q1', correct: 2, instancesRight: [1, 3] });
  });

  it('recovers from malformed stored data instead of crashing', () => {
    expect(normalizeProgress('garbage')).toEqual({ version: 1, packs: {} });
    expect(normalizeProgress({ packs: { p: { l: { quizzes: { q: { attempts: 'x' } } } } } }).packs.p.l.quizzes.q.attempts).toBe(0);
    expect(normalizeSettings({ theme: 'neon', fontSize: 99 })).toEqual({ theme: 'system', reducedMotion: false, fontSize: 16, language: 'en', learnerName: '' });
  });

  it('stores settings', async () => {
    const { svc, storage } = service();
    await svc.setSettings({ theme: 'high-contrast', fontSize: 20 });
    expect(storage.data.get('settings')).toMatchObject({ theme: 'high-contrast', fontSize: 20 });
    expect((await svc.getSettings()).theme).toBe('high-contrast');
  });
});

describe('lessons through the service', () => {
  function builtInPack(): PackFiles {
    const root = join(__dirname, '..', '..', 'lessons', 'memory-management');
    const files = readFolder(root);
    return { source: 'built-in', location: root, files };
  }

  it('plays a built-in lesson, records answers and keeps progress', async () => {
    const { svc, storage } = service({}, [builtInPack()]);
    const packs = await svc.listPacks();
    expect(packs[0].problems).toEqual([]);
    const pack = packs[0];
    const lesson = pack.lessons[0];
    const view = await svc.openLesson(pack.id, lesson.id);
    expect(view.lesson!.step.index).toBe(0);
    // Walk forward to the first quiz.
    let v = view;
    while (!v.lesson!.step.quiz) v = await svc.goToStep(v.sessionId, v.lesson!.step.index + 1);
    const quiz = v.lesson!.step.quiz!;
    const wrong = await svc.answerQuiz(v.sessionId, quiz.kind === 'yesno' ? { kind: 'yesno', value: true } : quiz.kind === 'choice' ? { kind: 'choice', option: quiz.options[0].id } : quiz.kind === 'address' ? { kind: 'address', text: '0x0' } : { kind: 'number', value: -1 });
    expect(wrong.invalid).toBeNull();
    expect(wrong.correct).toBe(false);
    expect(wrong.expected).not.toBe('');
    const progress = storage.data.get('progress') as { packs: Record<string, Record<string, { quizzes: Record<string, { attempts: number }> }>> };
    expect(progress.packs[pack.id][lesson.id].quizzes[quiz.id].attempts).toBe(1);
    await expect(svc.goToStep(v.sessionId, 999)).rejects.toThrow(ServiceError);
    await expect(svc.goToStep(v.sessionId, 999)).rejects.toThrow(/there is no step 999/);
  });
});

describe('continuing a lesson', () => {
  it('reopens an unfinished lesson at the furthest step reached', async () => {
    const root = join(__dirname, '..', '..', 'lessons', 'memory-management');
    const files = readFolder(root);
    const { svc } = service({}, [{ source: 'built-in', location: root, files }]);
    const pack = (await svc.listPacks())[0];
    const lessonId = pack.lessons[1].id;
    const first = await svc.openLesson(pack.id, lessonId);
    await svc.goToStep(first.sessionId, 3);
    await svc.closeSession(first.sessionId);
    const again = await svc.openLesson(pack.id, lessonId);
    expect(again.lesson!.step.index).toBe(3);
  });
});
