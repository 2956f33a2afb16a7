/*
 * The scenario area in other languages: what the simulator, the scenario loader, the
 * sandbox console and the service say, read in es, de and zh-CN (real outputs of real
 * runs, not keys), and English unchanged. Addresses stay hex; frame numbers and pids are
 * identifiers (never grouped); counts follow the language's plural rules and digits.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { setLocale } from '../../core/i18n/index.ts';
import { formatDiagnostic } from '../../core/diag.ts';
import { runawayMessage } from '../../core/api.ts';
import { loadScenario } from '../../core/scenario/load.ts';
import { ScenarioRun } from '../../core/scenario/run.ts';
import { formatTrace } from '../../core/scenario/trace.ts';
import { commandHelpText, parseSandboxLine } from '../../core/scenario/command.ts';
import { WorkMeter, WORK_LIMITS } from '../../core/sim/budget.ts';
import { BUILTIN_PROFILES } from '../../core/sim/profile.ts';
import { FLAG_WORDS, flagsInWords } from '../../core/sim/flags.ts';
import { formatMultilevel, multilevelInstance } from '../../core/scenario/ostep-homework.ts';

/** A process writes a page, forks, the child writes it (copy-on-write), then the parent writes its code page at 0 (segfault). */
const FORK_COW = `machine: teaching-16
steps:
  - spawn: A
  - mmap: {process: A, length: 0x1000, addr: 0x8000}
  - write: {process: A, addr: 0x8000, value: 7}
  - fork: {parent: A, child: B}
  - write: {process: B, addr: 0x8000, value: 9}
  - write: {process: A, addr: 0x0000, value: 1}
`;

/** Line 4 names a process that does not exist yet. */
const BAD_DOCUMENT = 'machine: teaching-16\nsteps:\n  - spawn: A\n  - read: {process: C, addr: 0x1000}\n';

function trace(locale: string): { text: string; run: ScenarioRun } {
  setLocale(locale);
  const loaded = loadScenario(FORK_COW);
  const run = new ScenarioRun(loaded.scenario!, loaded.profile!);
  run.runAll();
  return { text: formatTrace(run.results, false, loaded.profile!), run };
}

function lines(text: string): string[] {
  return text.split('\n').map((l) => l.trim());
}

/** The message a step limit produces (the work budget of core/sim/budget.ts). */
function stepLimitMessage(): string {
  const meter = new WorkMeter(WORK_LIMITS);
  try {
    meter.spend('references', WORK_LIMITS.step.references + 1);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('the limit did not trip');
}

afterEach(() => {
  setLocale('en');
});

describe('English stays as it was', () => {
  it('prints the fork and copy-on-write trace in the same words as before', () => {
    const l = lines(trace('en').text);
    expect(l).toContain('[4] fork: A forked B (pid 2); 1 resident page shared copy-on-write or read-only');
    expect(l).toContain('page 0x8: frame 3 shared copy-on-write by pids 1 and 2 (2 references)');
    expect(l).toContain('copy-on-write: frame 3 copied to frame 5 for pid 2');
    expect(l).toContain('kernel: cow-copy — copied frame 3 to frame 5');
    expect(l).toContain('SIGSEGV: no memory area contains 0x0');
    expect(formatDiagnostic(loadScenario(BAD_DOCUMENT).diagnostics[0])).toBe('scenario.yaml:4:21: error: no process named "C" exists at this step (did you mean "A"?)');
    expect(stepLimitMessage()).toBe('this step needs more than 100,000 memory references, the most one step may use; split the work over several steps');
  });
});

describe('Spanish', () => {
  it('tells a fork and a copy-on-write break in Spanish, with hex addresses and frame numbers as names', () => {
    const { text, run } = trace('es');
    const l = lines(text);
    expect(l).toContain('[4] fork: A hace fork de B (pid 2); 1 página residente compartida con copia en escritura o de solo lectura');
    expect(l).toContain('página 0x8: los pids 1 y 2 comparten el marco 3 con copia en escritura (2 referencias)');
    expect(l).toContain('[5] write: B escribe 0x8000 → 0x5000 (marco 5): fallo de TLB; fallo protection → cow-copy; escribe 9');
    expect(l).toContain('fallo de página (escritura 0x8000): violación de protección');
    expect(l).toContain('marco 5 asignado (nodo 0) para copia en escritura para B');
    expect(l).toContain('copia en escritura: el marco 3 se copia al marco 5 para el pid 2');
    expect(l).toContain('núcleo: cow-copy — el marco 3 se copia al marco 5');
    // The segfault: its reason, in the trace and as the process's exit reason.
    expect(l).toContain('SIGSEGV: ningún área de memoria contiene 0x0');
    expect(run.machine.process(run.pidOf('A')).exitReason).toBe('violación de segmento: ningún área de memoria contiene 0x0');
    expect(l).toContain('el proceso A (pid 1) termina: violación de segmento: ningún área de memoria contiene 0x0; 2 marcos liberados');
  });

  it('answers a mistyped sandbox command in Spanish and prints the help in Spanish', () => {
    setLocale('es');
    expect(parseSandboxLine('frok A B')).toEqual({ kind: 'error', error: 'orden desconocida «frok»: ¿querías decir «fork»? (escribe «help» para ver la lista)' });
    expect(parseSandboxLine('write A 0x2000')).toEqual({ kind: 'error', error: '«write» necesita 3 argumentos: write WHO ADDR VALUE [SIZE]' });
    const help = commandHelpText().split('\n');
    expect(help[0]).toMatch(/^Órdenes \(los números pueden ir en decimal/);
    expect(help).toContain('Procesos e hilos:');
    expect(help).toContain('  fork PARENT CHILD — fork(): el hijo comparte las páginas con copia en escritura');
    expect(help).toContain('  undo · redo — retrocede o avanza un paso (también Ctrl+Z, Ctrl+Mayús+Z)');
  });

  it('reports a scenario error at its line and column in Spanish, and the runaway step', () => {
    setLocale('es');
    expect(formatDiagnostic(loadScenario(BAD_DOCUMENT).diagnostics[0])).toBe('scenario.yaml:4:21: error: en este paso no existe ningún proceso llamado «C» (¿querías decir «A»?)');
    expect(runawayMessage(10_000)).toBe(
      'Se detuvo este paso: el simulador trabajó en él más de 10 segundos sin terminar, así que probablemente la lección pide demasiado trabajo (díselo a su autor). Tu progreso hasta el paso anterior está guardado; vuelve a abrir la lección para continuar.',
    );
    expect(stepLimitMessage()).toBe('este paso necesita más de 100.000 referencias a memoria, lo máximo que puede usar un paso; reparte el trabajo en varios pasos');
  });

  it('names the built-in machines and the PTE flags in Spanish', () => {
    setLocale('es');
    expect(BUILTIN_PROFILES['x86-64'].name).toBe('x86-64 (cuatro niveles, 9/9/9/9/12)');
    expect(structuredClone(BUILTIN_PROFILES['teaching-16']).name).toBe('Máquina didáctica de 16 bits');
    expect(flagsInWords('W U A D')).toBe('escribible, usuario, accedida, modificada');
    setLocale('en');
    expect(BUILTIN_PROFILES['teaching-16'].name).toBe('16-bit teaching machine');
    expect(FLAG_WORDS.D).toBe('dirty: the MMU set it when the page was written');
  });
});

describe('German', () => {
  it('tells a fork and a copy-on-write break in German', () => {
    const { text, run } = trace('de');
    const l = lines(text);
    expect(l).toContain('[4] fork: A hat B geforkt (PID 2); 1 Seite im Speicher per Copy-on-Write oder schreibgeschützt geteilt');
    expect(l).toContain('Seite 0x8: Seitenrahmen 3 per Copy-on-Write von den PIDs 1 und 2 geteilt (2 Verweise)');
    expect(l).toContain('Seitenfehler (Schreiben 0x8000): Schutzverletzung');
    expect(l).toContain('Copy-on-Write: Seitenrahmen 3 nach Seitenrahmen 5 kopiert für PID 2');
    expect(l).toContain('Kernel: cow-copy — Seitenrahmen 3 nach Seitenrahmen 5 kopiert');
    expect(l).toContain('[5] write: B schreibt 0x8000 → 0x5000 (Seitenrahmen 5): TLB-Fehlschlag; Fehler protection → cow-copy; 9 geschrieben');
    expect(l).toContain('SIGSEGV: kein Speicherbereich enthält 0x0');
    expect(run.machine.process(run.pidOf('A')).exitReason).toBe('Speicherzugriffsfehler: kein Speicherbereich enthält 0x0');
  });

  it('answers in German at the console, in documents and when a step runs away', () => {
    setLocale('de');
    expect(parseSandboxLine('kernel-option zero-page maybe')).toEqual({ kind: 'error', error: 'kernel-option: zero-page ist on oder off, nicht „maybe“' });
    expect(commandHelpText().split('\n')).toContain('  mmap PROCESS LENGTH [PERMS] [shared] [file=NAME] [at=ADDR] [name=AREA] — bildet Speicher ab (anonym oder eine Datei)');
    expect(formatDiagnostic(loadScenario(BAD_DOCUMENT).diagnostics[0])).toBe('scenario.yaml:4:21: error: bei diesem Schritt gibt es keinen Prozess namens „C“ (meintest du „A“?)');
    expect(runawayMessage(1000)).toMatch(/^Dieser Schritt wurde abgebrochen: der Simulator hat mehr als 1 Sekunde daran gearbeitet/);
    expect(stepLimitMessage()).toBe('dieser Schritt braucht mehr als 100.000 Speicherzugriffe, das Höchste, was ein Schritt verwenden darf; verteile die Arbeit auf mehrere Schritte');
  });
});

describe('Simplified Chinese', () => {
  it('tells a fork and a copy-on-write break in Chinese', () => {
    const { text, run } = trace('zh-CN');
    const l = lines(text);
    expect(l).toContain('[4] fork：A fork 出 B（pid 2）；1 个驻留页以写时复制或只读方式共享');
    expect(l).toContain('页 0x8：页框 3 由 pid 1 和 2 以写时复制方式共享（2 个引用）');
    expect(l).toContain('缺页（写 0x8000）：违反保护');
    expect(l).toContain('页框 5 已分配（节点 0），用途：B 的写时复制副本');
    expect(l).toContain('写时复制：为 pid 2 将页框 3 复制到页框 5');
    expect(l).toContain('内核：cow-copy — 页框 3 复制到页框 5');
    expect(l).toContain('SIGSEGV：没有任何内存区域包含 0x0');
    expect(run.machine.process(run.pidOf('A')).exitReason).toBe('段错误：没有任何内存区域包含 0x0');
  });

  it('answers in Chinese at the console, in documents and when a step runs away', () => {
    setLocale('zh-CN');
    expect(parseSandboxLine('frok A B')).toEqual({ kind: 'error', error: '未知命令“frok”——你是想输入“fork”吗？（输入“help”查看列表）' });
    const help = commandHelpText().split('\n');
    expect(help).toContain('进程和线程：');
    expect(help).toContain('  fork PARENT CHILD — fork()：子进程以写时复制方式共享页');
    expect(formatDiagnostic(loadScenario(BAD_DOCUMENT).diagnostics[0])).toBe('scenario.yaml:4:21: error: 在这一步不存在名为“C”的进程 (你是想写“A”吗？)');
    expect(runawayMessage(10_000)).toBe('这一步已被停止：模拟器处理它超过了 10 秒仍未完成，说明这节课很可能要求了过多的工作（请告诉它的作者）。你到上一步为止的进度已保存；重新打开课程即可继续。');
    expect(stepLimitMessage()).toBe('这一步需要超过 100,000 次内存引用，这是一步所能使用的上限；请把工作分成几步');
  });
});

describe('OSTEP homework in other languages', () => {
  it('keeps the Python wording in English and translates the walk in Spanish', () => {
    const inst = multilevelInstance(0, 64, 3);
    const en = formatMultilevel(inst, 64, true);
    expect(en).toMatch(/^PDBR: \d+ {2}\(decimal\) \[This means the page directory is held in this page\]$/m);
    expect(en).toMatch(/^ {2}--> pde index:0x[0-9a-f]+ \[decimal \d+\] pde contents:0x[0-9a-f]+ \(valid [01], pfn 0x[0-9a-f]{2} \[decimal \d+\]\)$/m);
    setLocale('es');
    const es = formatMultilevel(inst, 64, true);
    expect(es).toMatch(/^PDBR: \d+ {2}\(decimal\) \[Es decir, el directorio de páginas está en esta página\]$/m);
    expect(es).toMatch(/^ {2}--> pde índice:0x[0-9a-f]+ \[decimal \d+\] contenido de la pde:0x[0-9a-f]+ \(válida [01], pfn 0x[0-9a-f]{2} \[decimal \d+\]\)$/m);
    expect(es).toMatch(/--> (Se traduce a la dirección física 0x[0-9a-f]{3} --> Valor: 0x[0-9a-f]{2}|Fallo \(la entrada (del directorio de páginas|de la tabla de páginas) no es válida\))$/m);
    // The memory dump and the ARG lines are the homework's data, the same in every language.
    expect(es.split('\n').slice(0, 5)).toEqual(en.split('\n').slice(0, 5));
  });

  it("says which value was unexpected in every language, not zod's bare 'invalid input'", () => {
    const doc = 'machine: teaching-16\nsteps:\n  - spawn: A\n  - read: { process: A, addr: { x: 1 } }\n';
    const said = (locale: string) => {
      setLocale(locale);
      return loadScenario(doc).diagnostics.map(formatDiagnostic);
    };
    expect(said('en')).toEqual(['scenario.yaml:4:31: error: steps[1].read.addr: unexpected value a mapping']);
    expect(said('es')).toEqual(['scenario.yaml:4:31: error: steps[1].read.addr: valor inesperado un mapa']);
    expect(said('de')[0]).toMatch(/^scenario\.yaml:4:31: error: steps\[1\]\.read\.addr: unerwarteter Wert /);
    expect(said('zh-CN')[0]).toMatch(/^scenario\.yaml:4:31: error: steps\[1\]\.read\.addr: 意外的值/);
  });
});
