import type { AreaCatalogue } from '../area.ts';
import type { shellEn } from './en.ts';

export const shellDe: AreaCatalogue<typeof shellEn> = {
  // ---------------------------------------------------------------- Electron main: das Anwendungsmenü
  'shell.menu.app': 'Pagewalk',
  'shell.menu.about': 'Über Pagewalk',
  'shell.menu.hide': 'Pagewalk ausblenden',
  'shell.menu.hideOthers': 'Andere ausblenden',
  'shell.menu.unhide': 'Alle einblenden',
  'shell.menu.quitMac': 'Pagewalk beenden',
  'shell.menu.quit': 'Beenden',
  'shell.menu.file': '&Datei',
  'shell.menu.importPack': 'Lektionspaket importieren …',
  'shell.menu.previewFolder': 'Paketordner in der Vorschau öffnen …',
  'shell.menu.closeWindow': 'Fenster schließen',
  'shell.menu.edit': '&Bearbeiten',
  'shell.menu.undo': 'Rückgängig',
  'shell.menu.redo': 'Wiederholen',
  'shell.menu.cut': 'Ausschneiden',
  'shell.menu.copy': 'Kopieren',
  'shell.menu.paste': 'Einfügen',
  'shell.menu.selectAll': 'Alles auswählen',
  'shell.menu.view': '&Ansicht',
  'shell.menu.library': 'Bibliothek',
  'shell.menu.sandbox': 'Sandbox',
  'shell.menu.progress': 'Fortschritt',
  'shell.menu.settings': 'Einstellungen',
  'shell.menu.resetZoom': 'Originalgröße',
  'shell.menu.zoomIn': 'Vergrößern',
  'shell.menu.zoomOut': 'Verkleinern',
  'shell.menu.fullScreen': 'Vollbild ein/aus',
  'shell.menu.reload': 'Neu laden',
  'shell.menu.devTools': 'Entwicklerwerkzeuge ein/aus',
  'shell.menu.help': '&Hilfe',
  'shell.menu.shortcuts': 'Tastenkürzel',

  // ---------------------------------------------------------------- Electron main: Dialoge und „Über“
  'shell.dialog.crashedTwice.title': 'Pagewalk funktioniert nicht mehr',
  'shell.dialog.crashedTwice.body': 'Das Pagewalk-Fenster wurde zweimal hintereinander beendet. Dein Fortschritt ist gespeichert; schließe Pagewalk und öffne es erneut.',
  'shell.dialog.import.title': 'Lektionspaket importieren',
  'shell.dialog.import.filter': 'Pagewalk-Lektionspaket',
  'shell.dialog.preview.title': 'Ordner eines Lektionspakets für die Vorschau öffnen',
  'shell.dialog.save.title': 'Speichern',
  'shell.dialog.save.fileType': '{extension}-Datei',
  'shell.dialog.save.allFiles': 'Alle Dateien',
  'shell.about.title': 'Über Pagewalk',
  'shell.about.message': 'Pagewalk {version}',
  'shell.about.detail': 'Lerne Speicherverwaltung, indem du vorhersagst, was die MMU und der Kernel tun werden.\n\nPagewalk arbeitet vollständig offline und verbindet sich nie mit einem Netzwerk.',
  'shell.dialog.startFailed.title': 'Pagewalk konnte nicht starten',
  'shell.dialog.startFailed.body': '{message}\n\nWenn das immer wieder passiert, bitte deine Lehrkraft oder die IT, Pagewalk neu zu installieren.',

  // ---------------------------------------------------------------- Electron main: der Simulator-Thread und die Aufrufe der Seite
  'shell.core.crashed': 'Der Simulator wurde unerwartet beendet und neu gestartet; öffne die Lektion erneut, um weiterzumachen (dein gespeicherter Fortschritt bleibt erhalten).',
  'shell.core.exited': 'Der Simulator wurde unerwartet beendet (Exit-Code {code}) und startet neu; öffne die Lektion erneut, um weiterzumachen (dein gespeicherter Fortschritt bleibt erhalten).',
  'shell.core.closing': 'Pagewalk wird geschlossen.',
  'shell.ipc.untrusted': 'diese Seite darf Pagewalk nicht verwenden',
  'shell.grants.ungranted': 'Pagewalk öffnet nur Dateien und Ordner, die du in einem Dialog gewählt oder auf sein Fenster gezogen hast; verwende „Paket importieren …“ oder „Paketordner öffnen …“',

  // ---------------------------------------------------------------- Electron main: Speichern, Pakete, Vorschau
  'shell.host.saveFailed': '{what, select, progress {Pagewalk konnte deinen Fortschritt nicht speichern: {message}. Was du jetzt tust, bleibt nach dem Schließen der App eventuell nicht erhalten.} sandbox {Pagewalk konnte deine Sandbox-Sitzung nicht speichern: {message}. Was du jetzt tust, bleibt nach dem Schließen der App eventuell nicht erhalten.} other {Pagewalk konnte deine Einstellungen nicht speichern: {message}. Was du jetzt tust, bleibt nach dem Schließen der App eventuell nicht erhalten.}}',
  'shell.host.importOff': 'das Importieren von Lektionspaketen ist auf diesem Computer durch die Klassenraum-Richtlinie ausgeschaltet',
  'shell.host.previewOff': 'die Autorenvorschau ist auf diesem Computer durch die Klassenraum-Richtlinie ausgeschaltet',
  'shell.host.notArchive': '{file} ist kein Lektionspaket: Paketdateien enden auf {extension} (um einen Paketordner auszuprobieren, nimm die Autorenvorschau)',
  'shell.host.emptyArchive': '{file} ist leer',
  'shell.host.notInstalled': '{file} wurde nicht installiert, weil es Fehler enthält:',
  'shell.host.badPackId': 'die Paket-ID „{id}“ taugt nicht als Ordnername',
  'shell.host.notPackFolder': '{folder} ist kein Lektionspaket: wähle den Ordner, der pack.yaml enthält',
  'shell.host.saveFileFailed': '{file} konnte nicht gespeichert werden ({reason})',
  'shell.packs.archiveProblem': '{file}: {problem}',
  'shell.packs.unreadableArchive': '{file} ist kein lesbares Pagewalk-Paket ({message})',
  'shell.packs.unsafeEntry': 'der Archiveintrag „{path}“ {why}; es wurde nichts installiert',
  'shell.packs.unsafeFolder': '„{folder}“ taugt nicht als Ordnername; es wurde nichts installiert',
  'shell.packs.entryOutside': 'der Archiveintrag „{path}“ zeigt aus dem Paket hinaus',
  'shell.packs.writeFailed': 'das Paket konnte nicht nach {folder} geschrieben werden: {message}',
  'shell.packs.alreadyGone': 'das Paket unter {location} ist schon weg',
  'shell.packs.notRemovable': 'nur Pakete in {folder} können entfernt werden; {location} gehört nicht dazu',
  'shell.packs.path.length': 'ist leer oder zu lang',
  'shell.packs.path.nul': 'enthält ein NUL-Zeichen',
  'shell.packs.path.backslash': 'enthält einen Backslash',
  'shell.packs.path.absolute': 'ist ein absoluter Pfad',
  'shell.packs.path.dots': 'hat einen leeren Teil, „.“ oder „..“',
  'shell.packs.path.character': 'enthält ein Zeichen, das in Dateinamen nicht erlaubt ist',
  'shell.packs.path.reserved': 'verwendet einen unter Windows reservierten Namen',
  'shell.packs.path.trailing': 'hat einen Teil, der auf einen Punkt oder ein Leerzeichen endet',

  // ---------------------------------------------------------------- Electron main: Dateien für Fortschritt, Einstellungen und Sandbox
  'shell.persist.refusing': '{doc, select, progress {dein Fortschritt wird nicht gespeichert: {path} {message}} settings {deine Einstellungen werden nicht gespeichert: {path} {message}} other {deine Sandbox-Sitzungen werden nicht gespeichert: {path} {message}}}',
  'shell.persist.empty': 'die Datei ist leer',
  'shell.persist.notJson': 'kein gültiges JSON ({message})',
  'shell.persist.notObject': 'kein JSON-Objekt',
  'shell.persist.badVersion': 'schemaVersion ist {value}, keine Versionsnummer',
  'shell.persist.newer': 'von einem neueren Pagewalk geschrieben (Format {version}; diese Version liest bis Format {known})',
  'shell.persist.noMigration': 'Format {version} lässt sich nicht aktualisieren',
  'shell.persist.migrationFailed': 'konnte nicht von Format {version} aktualisiert werden: {message}',
  'shell.persist.unexpected': 'unerwarteter Inhalt bei {path}: {message}',
  'shell.persist.top': '(oberste Ebene)',
  'shell.persist.noSuchFile': 'die Datei existiert nicht',
  'shell.persist.it': 'sie {detail}',
  'shell.persist.keptAt': 'Die unbrauchbare Datei wurde unter {path} aufbewahrt.',
  'shell.persist.notMoved': 'Die unbrauchbare Datei konnte nicht beiseitegelegt werden und liegt weiterhin unter {path}.',
  'shell.persist.earlierSession': 'einer früheren Sitzung',
  'shell.persist.restoredMissing': 'Die Datei {doc, select, progress {deines Fortschritts} settings {deiner Einstellungen} other {deiner Sandbox-Sitzungen}} fehlte, deshalb wurde sie aus der Sicherung von {when} wiederhergestellt.',
  'shell.persist.restoredDamaged': 'Die Datei {doc, select, progress {deines Fortschritts} settings {deiner Einstellungen} other {deiner Sandbox-Sitzungen}} war unbrauchbar ({detail}), deshalb wurde sie aus der Sicherung von {when} wiederhergestellt. {kept}',
  'shell.persist.backupDamagedKept': ' Auch die Sicherung war unbrauchbar ({detail}); sie wurde unter {path} aufbewahrt.',
  'shell.persist.backupDamagedStays': ' Auch die Sicherung war unbrauchbar ({detail}); sie liegt weiterhin unter {path}.',
  'shell.persist.afresh': 'Die Datei {doc, select, progress {deines Fortschritts} settings {deiner Einstellungen} other {deiner Sandbox-Sitzungen}} war unbrauchbar ({detail}) und es gab keine brauchbare Sicherung, deshalb hat Pagewalk neu angefangen. {kept}{backup}',
  'shell.persist.afreshMissing': 'Die Datei {doc, select, progress {deines Fortschritts} settings {deiner Einstellungen} other {deiner Sandbox-Sitzungen}} fehlte und ihre Sicherung war unbrauchbar, deshalb hat Pagewalk neu angefangen.{backup}',
  'shell.persist.readOnly': '{doc, select, progress {Dein Fortschritt kann} settings {Deine Einstellungen können} other {Deine Sandbox-Sitzungen können}} nicht in {folder} gespeichert werden ({reason}); was du jetzt tust, bleibt nur bis zum Schließen von Pagewalk erhalten. Bitte die IT, diesen Ordner beschreibbar zu machen.',

  // ---------------------------------------------------------------- Electron main: die Klassenraum-Richtlinie
  'shell.policy.notJson': 'Die Klassenraum-Richtlinie {file} ist kein gültiges JSON ({message}). Pakete importieren, die Sandbox und die Autorenvorschau sind ausgeschaltet, bis die IT das behebt.',
  'shell.policy.notObject': "Die Klassenraum-Richtlinie {file} sollte ein JSON-Objekt wie '{'\"allowImport\": false'}' enthalten. Pakete importieren, die Sandbox und die Autorenvorschau sind ausgeschaltet, bis die IT das behebt.",
  'shell.policy.notBoolean': 'In der Klassenraum-Richtlinie {file} sollte "{key}" true oder false sein (gefunden: {value}), daher gilt false.',
  'shell.policy.unknownKeys': 'Die Klassenraum-Richtlinie {file} enthält Einstellungen, die diese Version nicht kennt und übergeht: {unknown} (bekannt: {known}).',
  'shell.policy.unreadable': 'Die Klassenraum-Richtlinie {file} existiert, kann aber nicht gelesen werden ({reason}). Pakete importieren, die Sandbox und die Autorenvorschau sind ausgeschaltet, bis die IT das behebt.',
  'shell.policy.tooLarge': 'Die Klassenraum-Richtlinie {file} ist zu groß für eine Richtlinie ({bytes, number} Bytes). Pakete importieren, die Sandbox und die Autorenvorschau sind ausgeschaltet, bis die IT das behebt.',
  'shell.policy.badLanguage': 'In der Klassenraum-Richtlinie {file} sollte "language" einer dieser Werte sein: {known} (gefunden: {value}); daher wird die Sprache des Computers verwendet.',

  // ---------------------------------------------------------------- die Befehlszeile: gemeinsam
  'shell.cli.help': 'pagewalk – der Speicherverwaltungs-Simulator Pagewalk\n\nAufruf: pagewalk BEFEHL [Optionen]   (pagewalk BEFEHL --help für Einzelheiten)\n        --lang TAG   Sprache der Meldungen (en, es, de, zh-CN; Standard: LC_ALL / LANG)\n\n{commands}',
  'shell.cli.unknownCommand': 'unbekannter Befehl "{name}"',
  'shell.cli.internalError': 'interner Fehler: {message}\nBitte melde das mit dem Befehl und der Datei, die du verwendet hast.',
  'shell.cli.langMissing': '--lang braucht eine Sprache, zum Beispiel --lang de',
  'shell.cli.noSuchFile': '{path}: Datei nicht gefunden',
  'shell.cli.isFolder': '{path}: ist ein Ordner, keine Datei',
  'shell.cli.cannotRead': '{path}: kann nicht gelesen werden ({reason})',
  'shell.cli.cannotWrite': '{path}: kann nicht geschrieben werden ({reason})',
  'shell.cli.unknownOption': 'unbekannte Option "{option}"',
  'shell.cli.needsValue': '--{name} braucht einen Wert',
  'shell.cli.unexpectedArgument': 'unerwartetes Argument "{argument}"',
  'shell.cli.commandLine': '(Befehlszeile)',
  'shell.cli.stdin': 'Standardeingabe',
  'shell.cli.stdinWhere': '(Standardeingabe)',

  // ---------------------------------------------------------------- pagewalk run, translate, profiles, schema
  'shell.cli.run.summary': 'ein Szenario ausführen und seinen Ablauf ausgeben',
  'shell.cli.run.needFiles': 'run braucht eine oder mehrere Szenariodateien',
  'shell.cli.run.heading': '{title} – {machine}',
  'shell.cli.run.stats': '{accesses, plural, one {# Zugriff} other {# Zugriffe}}: TLB {hits, plural, one {# Treffer} other {# Treffer}} / {misses, plural, one {# Fehlschlag} other {# Fehlschläge}}; {faults, plural, one {# Seitenfehler} other {# Seitenfehler}}; {copies, plural, one {# COW-Kopie} other {# COW-Kopien}}; {swapOuts, plural, one {# Auslagerung} other {# Auslagerungen}}, {swapIns, plural, one {# Einlagerung} other {# Einlagerungen}}; {free, plural, one {# Seitenrahmen} other {# Seitenrahmen}} frei',
  'shell.cli.translate.summary': 'virtuelle Adressen übersetzen und dabei jeden gelesenen Seitentabelleneintrag zeigen',
  'shell.cli.translate.needAddress': 'gib mindestens eine Adresse an',
  'shell.cli.translate.notAddress': '"{text}" ist keine Adresse (schreib 4660 oder 0x1234)',
  'shell.cli.translate.noImage': '{file} hat kein Abbild namens "{name}"',
  'shell.cli.translate.noImageOf': '{file} hat kein Abbild namens "{name}" (Abbilder: {images})',
  'shell.cli.translate.needPtbr': '--image braucht --ptbr (die Seitenrahmennummer der obersten Tabelle)',
  'shell.cli.translate.ptbrFrame': '--ptbr muss eine Seitenrahmennummer sein',
  'shell.cli.translate.needProcess': '--scenario braucht --process (wer zugreift)',
  'shell.cli.machine.unreadable': '{file}: kein lesbares Maschinendokument',
  'shell.cli.machine.notMapping': "{file}: ein Maschinendokument ist eine Zuordnung (ein Profil oder '{' base: ID, … '}')",
  'shell.cli.profiles.summary': 'die eingebauten Maschinenprofile auflisten oder eines ausgeben',
  'shell.cli.profiles.unknown': 'kein eingebautes Profil "{id}" (vorhanden: {ids})',
  'shell.cli.schema.summary': 'ein JSON Schema ausgeben (scenario, lesson-pack, experiment)',
  'shell.cli.schema.unknown': 'unbekanntes Schema "{name}" ({names})',

  // ---------------------------------------------------------------- pagewalk refstring
  'shell.cli.refstring.summary': 'Seitenersetzungs-Experiment mit einer Referenzfolge',
  'shell.cli.refstring.noValue': '--{name} nimmt keinen Wert',
  'shell.cli.refstring.wholeNumber': '{what} muss eine ganze Zahl sein',
  'shell.cli.refstring.atLeast': '{what} muss eine ganze Zahl von mindestens {min, number} sein',
  'shell.cli.refstring.addresses': '-a/--addresses ist die Option der Hausaufgabe: verwende sie mit --ostep oder gib die Seiten als Argumente an',
  'shell.cli.refstring.framesMax': '--frames ist auf {max, number} begrenzt',
  'shell.cli.refstring.unknownPolicy': 'unbekannte Strategie "{policy}" (verwende {policies} oder all)',
  'shell.cli.refstring.random': '--random muss pagewalk oder python sein',
  'shell.cli.refstring.optTies': '--opt-ties muss lowest-slot oder ostep sein',
  'shell.cli.refstring.order': '--order muss slots oder ostep sein',
  'shell.cli.refstring.seedLarge': '--seed ist zu groß',
  'shell.cli.refstring.oneSource': 'gib die Seiten nur auf eine Weise an: als Argumente, mit --file oder mit --generate',
  'shell.cli.refstring.noSource': 'gib die Referenzfolge an, z. B. 1,2,3,4,1,2,5 (oder --file FILE, oder - für die Standardeingabe)',
  'shell.cli.refstring.generateMax': '--generate ist auf {max, number} Referenzen begrenzt',
  'shell.cli.refstring.generateMin': '--generate braucht mindestens 1 Referenz',
  'shell.cli.refstring.stdinMixed': '"-" (Standardeingabe) lässt sich nicht mit Seiten auf der Befehlszeile mischen',
  'shell.cli.refstring.empty': 'die Referenzfolge ist leer',
  'shell.cli.refstring.line': '{policy}, {frames, plural, one {# Seitenrahmen} other {# Seitenrahmen}}: {faults, plural, one {# Seitenfehler} other {# Seitenfehler}}, {hits, plural, one {# Treffer} other {# Treffer}} (Trefferquote {ratio, number, ::percent .0})',
  'shell.cli.refstring.table.ref': 'Ref',
  'shell.cli.refstring.table.result': 'Ergebnis',
  'shell.cli.refstring.table.evicted': 'verdrängt',
  'shell.cli.refstring.table.frames': 'Seitenrahmen',
  'shell.cli.refstring.table.resident': 'resident (Reihenfolge der Hausaufgabe)',
  'shell.cli.refstring.table.hit': 'Treffer',
  'shell.cli.refstring.table.miss': 'FEHLZUGRIFF',
  'shell.cli.refstring.ostep.access': 'Zugriff:',
  'shell.cli.refstring.ostep.hit': 'TREFFER',
  'shell.cli.refstring.ostep.miss': 'FEHLZUGRIFF',
  'shell.cli.refstring.ostep.firstIn': 'ZuerstRein',
  'shell.cli.refstring.ostep.lastIn': 'ZuletztRein',
  'shell.cli.refstring.ostep.left': 'Links',
  'shell.cli.refstring.ostep.right': 'Rechts',
  'shell.cli.refstring.ostep.replaced': 'Ersetzt:',
  'shell.cli.refstring.ostep.hits': 'Treffer:',
  'shell.cli.refstring.ostep.misses': 'Fehlzugriffe:',
  'shell.cli.refstring.ostep.final': 'ENDSTAND Treffer {hits}   Fehlzugriffe {misses}   Trefferquote {rate}',

  // ---------------------------------------------------------------- pagewalk ostep
  'shell.cli.ostep.summary': 'die OSTEP-Hausaufgaben zur Seitenübersetzung (linear und zweistufig) aus ihrem Seed stellen',
  'shell.cli.ostep.wholeNumber': '{flag} braucht eine ganze Zahl (angegeben: "{text}")',
  'shell.cli.ostep.which': 'sag, welche Hausaufgabe: linear oder multilevel',
  'shell.cli.ostep.unknown': 'keine Hausaufgabe "{name}" (linear oder multilevel)',

  // ---------------------------------------------------------------- pagewalk validate, pack
  'shell.cli.validate.summary': 'ein Lektionspaket prüfen (Ordner oder .pagewalk-Archiv)',
  'shell.cli.validate.one': 'validate braucht genau einen Paketordner oder ein Archiv',
  'shell.cli.validate.noSuchPath': '{path}: kein solcher Ordner und keine solche Datei',
  'shell.cli.validate.instances': '--instances muss eine ganze Zahl von 1 bis 10000 sein',
  'shell.cli.validate.resultPack': '{id} {version}: {lessons, plural, one {# Lektion} other {# Lektionen}}, {quizzes, plural, one {# Quizfrage} other {# Quizfragen}} × {instances, plural, one {# Instanz} other {# Instanzen}}: {errors, plural, one {# Fehler} other {# Fehler}}, {warnings, plural, one {# Warnung} other {# Warnungen}} ({ms, number} ms)',
  'shell.cli.validate.resultPath': '{path}: {errors, plural, one {# Fehler} other {# Fehler}}, {warnings, plural, one {# Warnung} other {# Warnungen}} ({ms, number} ms)',
  'shell.cli.pack.summary': 'einen Paketordner prüfen und als ein {extension}-Archiv schreiben',
  'shell.cli.pack.one': 'pack braucht genau einen Paketordner',
  'shell.cli.pack.noSuchFolder': '{path}: Ordner nicht gefunden',
  'shell.cli.pack.notFolder': '{path}: ist kein Ordner (pack baut ein Archiv aus einem Ordner)',
  'shell.cli.pack.notPacked': 'nicht gepackt: {errors, plural, one {# Fehler} other {# Fehler}}',
  'shell.cli.pack.cannotWrite': '{file} kann nicht geschrieben werden: {reason}',
  'shell.cli.pack.wrote': '{file} geschrieben ({id} {version}, {files, plural, one {# Datei} other {# Dateien}}, {bytes, plural, one {# Byte} other {# Bytes}})',
  'shell.disk.missing': 'existiert nicht',
  'shell.disk.link': 'ist ein Link, keine Datei',
  'shell.disk.cannotRead': 'kann nicht gelesen werden ({reason})',
  'shell.disk.notRegular': 'ist keine normale Datei',
  'shell.disk.replaced': 'wurde beim Lesen ersetzt; sie wird nicht gelesen (versuch es noch einmal)',
  'shell.disk.hardLink': 'ist ein Hardlink (dieselbe Datei hat {names} Namen, vielleicht außerhalb des Pakets); Hardlinks werden nicht gelesen, kopiere die Datei stattdessen',
  'shell.disk.moved': 'liegt nicht mehr dort, wo sie aufgelistet wurde (ein Ordner auf ihrem Pfad wurde ersetzt); sie wird nicht gelesen',
  'shell.disk.tooLarge': 'ist zu groß ({size} Bytes; die Grenze ist {limit})',
  'shell.disk.archiveTooLarge': 'ist zu groß für ein Lektionspaket ({size} Bytes; die Grenze ist {limit})',
  'shell.disk.folderUnreadable': 'der Ordner kann nicht gelesen werden ({reason})',
  'shell.disk.archive': 'das Archiv {problem}',

  // ---------------------------------------------------------------- pagewalk progress merge
  'shell.cli.progress.summary': 'die Fortschrittsexporte der Lernenden zu einer Tabelle für die Klasse zusammenführen',
  'shell.cli.progress.unknown': 'unbekannter progress-Befehl "{name}" (vorhanden: merge)',
  'shell.cli.progress.needCommand': 'progress braucht einen Befehl: merge',
  'shell.cli.progress.needFiles': 'merge braucht einen oder mehrere Fortschrittsexporte (.json)',
  'shell.cli.progress.skipped': '{file}: {message}; übersprungen',
  'shell.cli.progress.noName': '{file}: hat keinen Namen der lernenden Person; aufgeführt als "{name}"',
  'shell.cli.progress.merged': '{name}: {count, plural, one {# Datei} other {# Dateien}} zusammengeführt ({files})',
  'shell.cli.progress.wrote': '{file}: {learners, plural, one {# lernende Person} other {# Lernende}}, {rows, plural, one {# Zeile} other {# Zeilen}}',

  // ---------------------------------------------------------------- pagewalk experiment
  'shell.cli.experiment.summary': 'ein Experiment (eine Parameterreihe) ausführen und Tabelle und Diagramm ausgeben',
  'shell.cli.experiment.traceBoth': 'gib --trace (die Seiten) oder --generate mit seinen Optionen an, nicht beides',
  'shell.cli.experiment.needGenerate': '--{option} ist eine Option einer erzeugten Folge: ergänze --generate (uniform, loop, hot-cold, phases, zipf, scan)',
  'shell.cli.experiment.traceNumbers': '--trace nimmt durch Kommas getrennte Seitennummern: --trace 1,2,3,4,1,2,5',
  'shell.cli.experiment.csvOrJson': 'gib --csv oder --json an, nicht beides',
  'shell.cli.experiment.noSuchFile': '{path}: Datei nicht gefunden (und keine Experimentart: {kinds})',
  'shell.cli.experiment.one': 'gib eine Experimentdatei oder eine Experimentart an',
  'shell.cli.experiment.noParameter': '{kind} hat keinen Parameter --{name} (siehe pagewalk experiment --help)',
  'shell.cli.experiment.oneOf': 'muss einer dieser Werte sein: {values}',
  'shell.cli.experiment.notValue': 'kein Wert, den dieser Parameter annimmt',
  'shell.cli.experiment.inDocument': 'Parameter gehören ins Dokument; Optionen wie --{option} sind für die KIND-Form',
  'shell.cli.experiment.point': 'Punkt {done, number} von {total, number}',

  // ---------------------------------------------------------------- die Hilfe (--help) jedes Befehls
  'shell.cli.run.usage': `pagewalk run SCENARIO... [--json] [--verbose] [--smaps]

Führt jeden Schritt jedes SCENARIO (YAML oder JSON) aus und gibt aus, was die Maschine getan hat.
  --json      die Ereignisse, die Ergebnisse jedes Schritts und den Endzustand als JSON ausgeben
              (bei mehreren Dateien eine Liste davon, jede mit ihrem "file")
  --verbose   auch Verwaltungsereignisse ausgeben (Abbildungen, Bereichsänderungen, TLB-Füllungen)
  --smaps     mit /proc/PID/smaps jedes lebenden Prozesses als Tabelle und seinem smaps_rollup enden
Fehler im Dokument werden als DATEI:ZEILE:SPALTE ausgegeben, und es wird nichts ausgeführt.`,
  'shell.cli.translate.usage': `pagewalk translate ADDR... [--machine ID|FILE] [--scenario FILE --process NAME] [--image FILE [--ptbr N] [--exercise NAME]] [--write] [--json]

Einzelne Übersetzungen:
  pagewalk translate 0x1234 0x5678 --machine x86-64
      ein neuer Prozess mit dem Standard-Layout liest jede Adresse (Demand Paging eingeschlossen)
  pagewalk translate 0x1000 --scenario fork.yaml --process child
      das Szenario ausführen, danach liest dieser Prozess jede Adresse
  pagewalk translate 0x611c 0x3da8 --image dump.txt --ptbr 108 --machine tiny-2level
      einen rohen Speicherauszug (Zeilen "page 108: 83 fe e0 …") ab dem Basis-Seitenrahmen der Seitentabelle durchlaufen
  pagewalk translate 0x3a39 --image homework.yaml --exercise q2
      FILE kann auch ein Dokument mit "memory" oder mehreren benannten "images" sein (eines pro
      Aufgabe; --exercise wählt eines, Standard ist das erste) und mit eigener "machine"
  --machine   eine eingebaute ID oder eine YAML/JSON-Datei mit einer Maschine (ein Profil,
              '{' base: ID, …Änderungen '}' oder ein Dokument, dessen "machine" eines ist)
  --write     schreiben statt lesen (nicht mit --image)`,
  'shell.cli.refstring.usage': `pagewalk refstring [PAGES | --file FILE | -] --frames N [--policy P|all] [options]

  PAGES        Seitennummern, durch Kommas oder Leerzeichen getrennt: "1,2,3,4,1,2,5,1,2,3,4,5"
  --file FILE  die Seiten aus FILE lesen ("-" oder ein einzelnes - liest die Standardeingabe): Kommas,
               Leerzeichen oder eine Seite pro Zeile (das -f-Format der Hausaufgabe); bis zu {max, number}
  --frames N   Anzahl der physischen Seitenrahmen (-C)
  --policy P   {policies} oder all, um sie zu vergleichen
               (Standard fifo). unopt verdrängt die Seite, die am baldigsten gebraucht wird; ostep-clock und ostep-rand
               sind CLOCK und RAND aus OSTEPs paging-policy.py; clock ist die aus dem Lehrbuch
  --summary    nur die Zählungen ausgeben (-N); bei --policy all ist das mitgemeint
  --json       das Ergebnis als JSON ausgeben (Verlauf als Listen: pages, hit, slot, victim)
  --seed S     Seed für die zufälligen Strategien und --generate (Standard 1; 0 mit --ostep)
  --random R   pagewalk (Standard) oder python: Zufallsentscheidungen so ziehen wie Pythons random
  --opt-ties T lowest-slot (Standard) oder ostep: welche nie wieder gebrauchte Seite OPT/UNOPT verdrängen
  --clock-bits B  Obergrenze des Nutzungszählers von ostep-clock (Standard 2, das -b der Hausaufgabe)
  --order O    slots (Standard): Seitenrahmen in Slot-Reihenfolge; ostep: residente Seiten in der Reihenfolge
               der Hausaufgabe (Ladereihenfolge; bei lru und mru von am längsten bis zuletzt benutzt)
  --generate N --max-page M
               die Zufallsfolge der Hausaufgabe: N Seiten int(M * random()) aus Pythons random
  --ostep      verhält sich und gibt aus wie paging-policy.py -c: Pythons random, Seed standardmäßig 0,
               Gleichstände und Reihenfolge der Hausaufgabe, ihre Ablaufzeilen und FINALSTATS; ihre Optionen
               funktionieren unverändert (-a LISTE oder -1, -f, -n, -m, -C, -p FIFO|LRU|MRU|OPT|UNOPT|RAND|CLOCK,
               -b, -s, -N, -c), und RAND und CLOCK bedeuten ostep-rand und ostep-clock
Beispiele:
  pagewalk refstring 1,2,3,4,1,2,5,1,2,3,4,5 --frames 3 --policy fifo   (Beladys Anomalie)
  pagewalk refstring --file trace.txt --frames 64 --policy all
  pagewalk refstring --ostep --generate 10 --max-page 10 --seed 0 --frames 3 --policy ostep-clock`,
  'shell.cli.ostep.usage': `pagewalk ostep linear [-s SEED] [-a ASIZE] [-p PHYSMEM] [-P PAGESIZE] [-n NUM] [-u USED] [-A LIST] [-v] [-c] [--scenario]
pagewalk ostep multilevel [-s SEED] [-a ALLOCATED] [-n NUM] [-c] [--scenario]

Die Aufgaben aus OSTEPs vm-paging/paging-linear-translate.py und
vm-smalltables/paging-multilevel-translate.py, mit ihren Optionen: dieselben Argumente
und derselbe Seed ergeben dieselbe Seitentabelle, denselben Speicherauszug und dieselben Adressen. -c gibt die
Antworten aus, die von Pagewalks MMU beim Durchlaufen der Tabellen stammen, im Format der Hausaufgabe.
  linear       -s Seed (0), -a Adressraumgröße (16k), -p physischer Speicher (64k),
               -P Seitengröße (4k), -n zu ziehende Adressen (5), -u Prozent gültiger Seiten (50),
               -A durch Kommas getrennte Adressen statt zufälliger, -v Eintragsnummern
  multilevel   -s Seed (0), -a belegte virtuelle Seiten (64), -n Adressen (10)
  --scenario   die Aufgabe als Pagewalk-Szenario ausgeben (ein Speicherabbild und ein translate-Schritt
               pro Adresse) für pagewalk run, statt des Texts der Hausaufgabe
Beispiele:
  pagewalk ostep linear -s 1 -c
  pagewalk ostep multilevel -s 0 --scenario > dump.json && pagewalk run dump.json`,
  'shell.cli.profiles.usage': 'pagewalk profiles [ID] [--json]',
  'shell.cli.schema.usage': 'pagewalk schema scenario|lesson-pack|experiment',
  'shell.cli.validate.usage': `pagewalk validate PACK [--instances N] [--quiet] [--json]

Prüft PACK, einen Paketordner oder ein {extension}-Archiv: das YAML und sein Schema, die IDs
von Lektionen und Quizfragen, Szenarioschritte, die Sicherheit des Markdowns, Bilder und jede Quizfrage für N zufällige
Instanzen (Standard {instances, number}): jede muss genau eine richtige Antwort haben.
  --instances N  zufällige Instanzen je Quizfrage
  --quiet        nur Fehler ausgeben
  --json         die Diagnosen als JSON ausgeben
Meldungen lauten DATEI:ZEILE:SPALTE: error|warning: Meldung (Hinweis). Exit-Status 1, wenn es einen Fehler gibt.`,
  'shell.cli.pack.usage': `pagewalk pack FOLDER [-o OUT] [--instances N]

Prüft FOLDER wie "pagewalk validate" und schreibt das Paket, wenn es keinen Fehler gibt, als
ein Archiv, das Lernende importieren können (Standard: Name von FOLDER + {extension}, im aktuellen Ordner).
Hinein kommt nur, was das Paket verwendet: pack.yaml, die aufgeführten Lektionen, die Bilder, README/LICENSE.`,
  'shell.cli.progress.usage': `pagewalk progress merge FILE.json... [-o OUT.csv|OUT.json]

Liest Fortschrittsexporte (das JSON, das der Fortschritt-Bereich von Pagewalk exportiert) und schreibt eine
Tabelle mit einer Zeile pro lernender Person und Quizfrage (oder pro Lektion ohne Antworten): Person, Paket,
Lektion, gesehene Schritte, Quizfrage, Frage, Versuche, richtig, Hinweise, Beherrschung und Zeiten, gezählt
ab 1, wie die App sie zeigt. Dateien mit demselben Namen werden zusammengeführt (nichts wird
doppelt gezählt); eine Datei ohne Namen wird unter ihrem Dateinamen aufgeführt.
  -o, --output FILE   die Tabelle nach FILE schreiben (.csv, oder .json für die zusammengeführten Exporte);
                      ohne diese Option geht das CSV auf die Standardausgabe
Eine Datei, die kein Fortschrittsexport ist, wird gemeldet und übersprungen (Exit-Status 1).`,
  'shell.cli.experiment.usage': `pagewalk experiment FILE [--csv|--json]
pagewalk experiment KIND [--PARAMETER VALUE …] [--csv|--json]

Führt eine Parameterreihe aus und gibt ihre Tabelle, ein Textdiagramm der ersten Messgröße und das aus, was
die Kurven zeigen. --csv gibt nur die Tabelle aus, als CSV (Kopfzeile: die Spaltennamen);
--json gibt die Tabelle mit ihren Spalten, dem Diagramm und den Anmerkungen aus.

Arten und ihre Parameter (docs/experiments.md führt alle mit ihren Standardwerten auf):
  replacement   --trace 1,2,3,… | --generate uniform|loop|hot-cold|phases|zipf|scan
                  --length N --pages N [--seed N]; --policies fifo,lru,… --frames 1..7
  working-set   wie replacement, dazu --window N (Δ der Working-Set-Größe)
  tlb           --machine ID --pattern loop|stride|random|matrix-row|matrix-column
                  --pages N --accesses N --entries 1..256x2 --ways 1,4,full
  page-tables   --machines teaching-16,x86-64 --layouts dense,sparse --pages 1..1024x2
  numa          --machine numa-2node --pages N --threads N --passes N
                  --policies first-touch,interleave,bind-0,bind-1
  fork          --machine ID --pages N --written 0..1+0.125
Bereiche: A..B (jede ganze Zahl), A..B+S (Schrittweite S), A..BxF (jeweils ×F).

Beispiele:
  pagewalk experiment docs/examples/experiments/belady.yaml --csv
  pagewalk experiment replacement --trace 1,2,3,4,1,2,5,1,2,3,4,5 --policies fifo --frames 1..7
  pagewalk experiment tlb --pattern matrix-column --entries 4..128x2 --ways full

Fehler in einem Dokument werden als DATEI:ZEILE:SPALTE ausgegeben, und es wird nichts ausgeführt (Exit-Status 1).`,
};
