import type { AreaCatalogue } from '../area.ts';
import type { shellEn } from './en.ts';

export const shellEs: AreaCatalogue<typeof shellEn> = {
  // ---------------------------------------------------------------- Electron main: el menú de la aplicación
  'shell.menu.app': 'Pagewalk',
  'shell.menu.about': 'Acerca de Pagewalk',
  'shell.menu.hide': 'Ocultar Pagewalk',
  'shell.menu.hideOthers': 'Ocultar otras',
  'shell.menu.unhide': 'Mostrar todo',
  'shell.menu.quitMac': 'Salir de Pagewalk',
  'shell.menu.quit': 'Salir',
  'shell.menu.file': '&Archivo',
  'shell.menu.importPack': 'Importar paquete de lecciones…',
  'shell.menu.previewFolder': 'Previsualizar carpeta de paquete…',
  'shell.menu.closeWindow': 'Cerrar ventana',
  'shell.menu.edit': '&Edición',
  'shell.menu.undo': 'Deshacer',
  'shell.menu.redo': 'Rehacer',
  'shell.menu.cut': 'Cortar',
  'shell.menu.copy': 'Copiar',
  'shell.menu.paste': 'Pegar',
  'shell.menu.selectAll': 'Seleccionar todo',
  'shell.menu.view': '&Ver',
  'shell.menu.library': 'Biblioteca',
  'shell.menu.sandbox': 'Zona de pruebas',
  'shell.menu.progress': 'Progreso',
  'shell.menu.settings': 'Ajustes',
  'shell.menu.resetZoom': 'Tamaño real',
  'shell.menu.zoomIn': 'Ampliar',
  'shell.menu.zoomOut': 'Reducir',
  'shell.menu.fullScreen': 'Pantalla completa',
  'shell.menu.reload': 'Volver a cargar',
  'shell.menu.devTools': 'Herramientas de desarrollo',
  'shell.menu.help': 'Ay&uda',
  'shell.menu.shortcuts': 'Atajos de teclado',

  // ---------------------------------------------------------------- Electron main: diálogos y «Acerca de»
  'shell.dialog.crashedTwice.title': 'Pagewalk ha dejado de funcionar',
  'shell.dialog.crashedTwice.body': 'La ventana de Pagewalk se ha detenido dos veces seguidas. Tu progreso está guardado; cierra Pagewalk y vuelve a abrirlo.',
  'shell.dialog.import.title': 'Importar un paquete de lecciones',
  'shell.dialog.import.filter': 'Paquete de lecciones de Pagewalk',
  'shell.dialog.preview.title': 'Abre la carpeta de un paquete de lecciones para previsualizarlo',
  'shell.dialog.save.title': 'Guardar',
  'shell.dialog.save.fileType': 'Archivo {extension}',
  'shell.dialog.save.allFiles': 'Todos los archivos',
  'shell.about.title': 'Acerca de Pagewalk',
  'shell.about.message': 'Pagewalk {version}',
  'shell.about.detail': 'Aprende gestión de memoria prediciendo lo que harán la MMU y el núcleo.\n\nPagewalk funciona completamente sin conexión y nunca se conecta a una red.',
  'shell.dialog.startFailed.title': 'Pagewalk no ha podido iniciarse',
  'shell.dialog.startFailed.body': '{message}\n\nSi vuelve a ocurrir, pide a tu profesor o al servicio informático que reinstale Pagewalk.',

  // ---------------------------------------------------------------- Electron main: el hilo del simulador y las llamadas de la página
  'shell.core.crashed': 'El simulador se ha detenido inesperadamente y se ha reiniciado; vuelve a abrir la lección para continuar (tu progreso guardado se conserva).',
  'shell.core.exited': 'El simulador se ha detenido inesperadamente (código de salida {code}) y se reiniciará; vuelve a abrir la lección para continuar (tu progreso guardado se conserva).',
  'shell.core.closing': 'Pagewalk se está cerrando.',
  'shell.ipc.untrusted': 'esta página no tiene permiso para usar Pagewalk',
  'shell.grants.ungranted': 'Pagewalk solo abre archivos y carpetas que hayas elegido en un diálogo o soltado en su ventana; usa «Importar un paquete…» o «Abrir carpeta de paquete…»',

  // ---------------------------------------------------------------- Electron main: guardar, paquetes, previsualización
  'shell.host.saveFailed': '{what, select, progress {Pagewalk no ha podido guardar tu progreso: {message}. Puede que lo que hagas ahora no se conserve al cerrar la aplicación.} sandbox {Pagewalk no ha podido guardar tu sesión de la zona de pruebas: {message}. Puede que lo que hagas ahora no se conserve al cerrar la aplicación.} other {Pagewalk no ha podido guardar tus ajustes: {message}. Puede que lo que hagas ahora no se conserve al cerrar la aplicación.}}',
  'shell.host.importOff': 'la política del aula ha desactivado en este ordenador la importación de paquetes de lecciones',
  'shell.host.previewOff': 'la política del aula ha desactivado en este ordenador la previsualización para autores',
  'shell.host.notArchive': '{file} no es un paquete de lecciones: los archivos de paquete terminan en {extension} (para probar una carpeta de paquete, usa la previsualización para autores)',
  'shell.host.emptyArchive': '{file} está vacío',
  'shell.host.notInstalled': '{file} no se ha instalado porque tiene errores:',
  'shell.host.badPackId': 'el identificador de paquete «{id}» no sirve como nombre de carpeta',
  'shell.host.notPackFolder': '{folder} no es un paquete de lecciones: elige la carpeta que contiene pack.yaml',
  'shell.host.saveFileFailed': 'no se ha podido guardar {file} ({reason})',
  'shell.packs.archiveProblem': '{file}: {problem}',
  'shell.packs.unreadableArchive': '{file} no es un paquete de Pagewalk legible ({message})',
  'shell.packs.unsafeEntry': 'la entrada del archivo «{path}» {why}; no se ha instalado nada',
  'shell.packs.unsafeFolder': '«{folder}» no sirve como nombre de carpeta; no se ha instalado nada',
  'shell.packs.entryOutside': 'la entrada del archivo «{path}» apunta fuera del paquete',
  'shell.packs.writeFailed': 'no se ha podido escribir el paquete en {folder}: {message}',
  'shell.packs.alreadyGone': 'el paquete de {location} ya no existe',
  'shell.packs.notRemovable': 'solo se pueden quitar paquetes de {folder}; {location} no es uno de ellos',
  'shell.packs.path.length': 'está vacía o es demasiado larga',
  'shell.packs.path.nul': 'contiene un carácter NUL',
  'shell.packs.path.backslash': 'contiene una barra invertida',
  'shell.packs.path.absolute': 'es una ruta absoluta',
  'shell.packs.path.dots': 'tiene una parte vacía, «.» o «..»',
  'shell.packs.path.character': 'tiene un carácter no permitido en nombres de archivo',
  'shell.packs.path.reserved': 'usa un nombre reservado en Windows',
  'shell.packs.path.trailing': 'tiene una parte que termina en punto o en espacio',

  // ---------------------------------------------------------------- Electron main: archivos de progreso, ajustes y zona de pruebas
  'shell.persist.refusing': '{doc, select, progress {se rechaza guardar tu progreso: {path} {message}} settings {se rechaza guardar tus ajustes: {path} {message}} other {se rechaza guardar tus sesiones de la zona de pruebas: {path} {message}}}',
  'shell.persist.empty': 'el archivo está vacío',
  'shell.persist.notJson': 'no es JSON válido ({message})',
  'shell.persist.notObject': 'no es un objeto JSON',
  'shell.persist.badVersion': 'schemaVersion es {value}, no un número de versión',
  'shell.persist.newer': 'lo escribió un Pagewalk más reciente (formato {version}; esta versión lee hasta el {known})',
  'shell.persist.noMigration': 'no hay forma de actualizar el formato {version}',
  'shell.persist.migrationFailed': 'no se ha podido actualizar desde el formato {version}: {message}',
  'shell.persist.unexpected': 'contenido inesperado en {path}: {message}',
  'shell.persist.top': '(raíz)',
  'shell.persist.noSuchFile': 'el archivo no existe',
  'shell.persist.it': '{detail}',
  'shell.persist.keptAt': 'El archivo inservible se ha guardado en {path}.',
  'shell.persist.notMoved': 'El archivo inservible no se ha podido apartar y sigue en {path}.',
  'shell.persist.earlierSession': 'una sesión anterior',
  'shell.persist.restoredMissing': 'Faltaba el archivo de {doc, select, progress {tu progreso} settings {tus ajustes} other {tus sesiones de la zona de pruebas}}, así que se ha restaurado la copia de seguridad de {when}.',
  'shell.persist.restoredDamaged': 'El archivo de {doc, select, progress {tu progreso} settings {tus ajustes} other {tus sesiones de la zona de pruebas}} no se ha podido usar ({detail}), así que se ha restaurado la copia de seguridad de {when}. {kept}',
  'shell.persist.backupDamagedKept': ' Tampoco se ha podido usar la copia de seguridad ({detail}); se ha guardado en {path}.',
  'shell.persist.backupDamagedStays': ' Tampoco se ha podido usar la copia de seguridad ({detail}); sigue en {path}.',
  'shell.persist.afresh': 'El archivo de {doc, select, progress {tu progreso} settings {tus ajustes} other {tus sesiones de la zona de pruebas}} no se ha podido usar ({detail}) y no había ninguna copia de seguridad válida, así que Pagewalk ha empezado de cero. {kept}{backup}',
  'shell.persist.afreshMissing': 'Faltaba el archivo de {doc, select, progress {tu progreso} settings {tus ajustes} other {tus sesiones de la zona de pruebas}} y su copia de seguridad no se ha podido usar, así que Pagewalk ha empezado de cero.{backup}',
  'shell.persist.readOnly': '{doc, select, progress {Tu progreso no se puede guardar} settings {Tus ajustes no se pueden guardar} other {Tus sesiones de la zona de pruebas no se pueden guardar}} en {folder} ({reason}), así que lo que hagas ahora solo durará hasta que cierres Pagewalk. Pide al servicio informático que permita escribir en esa carpeta.',

  // ---------------------------------------------------------------- Electron main: el archivo de política del aula
  'shell.policy.notJson': 'El archivo de política del aula {file} no es JSON válido ({message}). La importación de paquetes, la zona de pruebas y la previsualización para autores quedan desactivadas hasta que el servicio informático lo corrija.',
  'shell.policy.notObject': "El archivo de política del aula {file} debería contener un objeto JSON como '{'\"allowImport\": false'}'. La importación de paquetes, la zona de pruebas y la previsualización para autores quedan desactivadas hasta que el servicio informático lo corrija.",
  'shell.policy.notBoolean': 'En el archivo de política del aula {file}, "{key}" debería ser true o false (hay {value}), así que se toma como false.',
  'shell.policy.unknownKeys': 'El archivo de política del aula {file} tiene ajustes que esta versión no conoce y pasa por alto: {unknown} (conocidos: {known}).',
  'shell.policy.unreadable': 'El archivo de política del aula {file} existe, pero no se puede leer ({reason}). La importación de paquetes, la zona de pruebas y la previsualización para autores quedan desactivadas hasta que el servicio informático lo corrija.',
  'shell.policy.tooLarge': 'El archivo de política del aula {file} es demasiado grande para ser una política ({bytes, number} bytes). La importación de paquetes, la zona de pruebas y la previsualización para autores quedan desactivadas hasta que el servicio informático lo corrija.',
  'shell.policy.badLanguage': 'En el archivo de política del aula {file}, "language" debería ser uno de {known} (hay {value}), así que se usa el idioma del propio ordenador.',

  // ---------------------------------------------------------------- la línea de órdenes: común
  'shell.cli.help': 'pagewalk — el simulador de gestión de memoria Pagewalk\n\nUso: pagewalk ORDEN [opciones]   (pagewalk ORDEN --help para más detalles)\n     --lang TAG   idioma de los mensajes (en, es, de, zh-CN; por defecto: LC_ALL / LANG)\n\n{commands}',
  'shell.cli.unknownCommand': 'orden desconocida "{name}"',
  'shell.cli.internalError': 'error interno: {message}\nInforma de esto indicando la orden y el archivo que usaste.',
  'shell.cli.langMissing': '--lang necesita un idioma, por ejemplo --lang es',
  'shell.cli.noSuchFile': '{path}: el archivo no existe',
  'shell.cli.isFolder': '{path}: es una carpeta, no un archivo',
  'shell.cli.cannotRead': '{path}: no se puede leer ({reason})',
  'shell.cli.cannotWrite': '{path}: no se puede escribir ({reason})',
  'shell.cli.unknownOption': 'opción desconocida "{option}"',
  'shell.cli.needsValue': '--{name} necesita un valor',
  'shell.cli.unexpectedArgument': 'argumento inesperado "{argument}"',
  'shell.cli.commandLine': '(línea de órdenes)',
  'shell.cli.stdin': 'la entrada estándar',
  'shell.cli.stdinWhere': '(entrada estándar)',

  // ---------------------------------------------------------------- pagewalk run, translate, profiles, schema
  'shell.cli.run.summary': 'ejecuta un escenario e imprime su traza',
  'shell.cli.run.needFiles': 'run necesita uno o más archivos de escenario',
  'shell.cli.run.heading': '{title} — {machine}',
  'shell.cli.run.stats': '{accesses, plural, one {# acceso} other {# accesos}}: TLB {hits, plural, one {# acierto} other {# aciertos}} / {misses, plural, one {# fallo} other {# fallos}}; {faults, plural, one {# fallo de página} other {# fallos de página}}; {copies, plural, one {# copia COW} other {# copias COW}}; {swapOuts, plural, one {# salida a swap} other {# salidas a swap}}, {swapIns, plural, one {# entrada desde swap} other {# entradas desde swap}}; {free, plural, one {# marco libre} other {# marcos libres}}',
  'shell.cli.translate.summary': 'traduce direcciones virtuales mostrando cada entrada de la tabla de páginas leída',
  'shell.cli.translate.needAddress': 'indica al menos una dirección',
  'shell.cli.translate.notAddress': '"{text}" no es una dirección (usa 4660 o 0x1234)',
  'shell.cli.translate.noImage': '{file} no tiene ninguna imagen llamada "{name}"',
  'shell.cli.translate.noImageOf': '{file} no tiene ninguna imagen llamada "{name}" (imágenes: {images})',
  'shell.cli.translate.needPtbr': '--image necesita --ptbr (el número de marco de la tabla raíz)',
  'shell.cli.translate.ptbrFrame': '--ptbr debe ser un número de marco',
  'shell.cli.translate.needProcess': '--scenario necesita --process (quién hace el acceso)',
  'shell.cli.machine.unreadable': '{file}: no es un documento de máquina legible',
  'shell.cli.machine.notMapping': "{file}: un documento de máquina es un mapa (un perfil, o '{' base: ID, … '}')",
  'shell.cli.profiles.summary': 'lista los perfiles de máquina incluidos, o imprime uno',
  'shell.cli.profiles.unknown': 'no hay ningún perfil incluido "{id}" (hay: {ids})',
  'shell.cli.schema.summary': 'imprime un JSON Schema (scenario, lesson-pack, experiment)',
  'shell.cli.schema.unknown': 'esquema desconocido "{name}" ({names})',

  // ---------------------------------------------------------------- pagewalk refstring
  'shell.cli.refstring.summary': 'experimento de reemplazo de páginas sobre una cadena de referencias',
  'shell.cli.refstring.noValue': '--{name} no admite valor',
  'shell.cli.refstring.wholeNumber': '{what} debe ser un número entero',
  'shell.cli.refstring.atLeast': '{what} debe ser un número entero de al menos {min, number}',
  'shell.cli.refstring.addresses': '-a/--addresses es la opción del ejercicio: úsala con --ostep, o da las páginas como argumentos',
  'shell.cli.refstring.framesMax': '--frames está limitado a {max, number}',
  'shell.cli.refstring.unknownPolicy': 'política desconocida "{policy}" (usa {policies} o all)',
  'shell.cli.refstring.random': '--random debe ser pagewalk o python',
  'shell.cli.refstring.optTies': '--opt-ties debe ser lowest-slot u ostep',
  'shell.cli.refstring.order': '--order debe ser slots u ostep',
  'shell.cli.refstring.seedLarge': '--seed es demasiado grande',
  'shell.cli.refstring.oneSource': 'da las páginas de una sola forma: como argumentos, con --file o con --generate',
  'shell.cli.refstring.noSource': 'da la cadena de referencias, p. ej. 1,2,3,4,1,2,5 (o --file FILE, o - para la entrada estándar)',
  'shell.cli.refstring.generateMax': '--generate está limitado a {max, number} referencias',
  'shell.cli.refstring.generateMin': '--generate necesita al menos 1 referencia',
  'shell.cli.refstring.stdinMixed': '"-" (la entrada estándar) no se puede mezclar con páginas en la línea de órdenes',
  'shell.cli.refstring.empty': 'la cadena de referencias está vacía',
  'shell.cli.refstring.line': '{policy}, {frames, plural, one {# marco} other {# marcos}}: {faults, plural, one {# fallo} other {# fallos}}, {hits, plural, one {# acierto} other {# aciertos}} (tasa de aciertos {ratio, number, ::percent .0})',
  'shell.cli.refstring.table.ref': 'ref',
  'shell.cli.refstring.table.result': 'resultado',
  'shell.cli.refstring.table.evicted': 'expulsada',
  'shell.cli.refstring.table.frames': 'marcos',
  'shell.cli.refstring.table.resident': 'residentes (orden del ejercicio)',
  'shell.cli.refstring.table.hit': 'acierto',
  'shell.cli.refstring.table.miss': 'FALLO',
  'shell.cli.refstring.ostep.access': 'Acceso:',
  'shell.cli.refstring.ostep.hit': 'ACIERTO',
  'shell.cli.refstring.ostep.miss': 'FALLO',
  'shell.cli.refstring.ostep.firstIn': 'PrimeroEntró',
  'shell.cli.refstring.ostep.lastIn': 'ÚltimoEntró',
  'shell.cli.refstring.ostep.left': 'Izquierda',
  'shell.cli.refstring.ostep.right': 'Derecha',
  'shell.cli.refstring.ostep.replaced': 'Reemplazada:',
  'shell.cli.refstring.ostep.hits': 'Aciertos:',
  'shell.cli.refstring.ostep.misses': 'Fallos:',
  'shell.cli.refstring.ostep.final': 'ESTADÍSTICAS aciertos {hits}   fallos {misses}   tasa de aciertos {rate}',

  // ---------------------------------------------------------------- pagewalk ostep
  'shell.cli.ostep.summary': 'plantea los ejercicios de paginación de OSTEP (traducción lineal y de dos niveles) a partir de su semilla',
  'shell.cli.ostep.wholeNumber': '{flag} necesita un número entero (se ha dado "{text}")',
  'shell.cli.ostep.which': 'di qué ejercicio: linear o multilevel',
  'shell.cli.ostep.unknown': 'no hay ningún ejercicio "{name}" (linear o multilevel)',

  // ---------------------------------------------------------------- pagewalk validate, pack
  'shell.cli.validate.summary': 'comprueba un paquete de lecciones (carpeta o archivo .pagewalk)',
  'shell.cli.validate.one': 'validate necesita exactamente una carpeta o un archivo de paquete',
  'shell.cli.validate.noSuchPath': '{path}: no existe esa carpeta ni ese archivo',
  'shell.cli.validate.instances': '--instances debe ser un número entero del 1 al 10000',
  'shell.cli.validate.resultPack': '{id} {version}: {lessons, plural, one {# lección} other {# lecciones}}, {quizzes, plural, one {# pregunta} other {# preguntas}} × {instances, plural, one {# instancia} other {# instancias}}: {errors, plural, one {# error} other {# errores}}, {warnings, plural, one {# aviso} other {# avisos}} ({ms, number} ms)',
  'shell.cli.validate.resultPath': '{path}: {errors, plural, one {# error} other {# errores}}, {warnings, plural, one {# aviso} other {# avisos}} ({ms, number} ms)',
  'shell.cli.pack.summary': 'valida la carpeta de un paquete y la escribe como un único archivo {extension}',
  'shell.cli.pack.one': 'pack necesita exactamente una carpeta de paquete',
  'shell.cli.pack.noSuchFolder': '{path}: la carpeta no existe',
  'shell.cli.pack.notFolder': '{path}: no es una carpeta (pack crea un archivo a partir de una carpeta)',
  'shell.cli.pack.notPacked': 'no se ha empaquetado: {errors, plural, one {# error} other {# errores}}',
  'shell.cli.pack.cannotWrite': 'no se puede escribir {file}: {reason}',
  'shell.cli.pack.wrote': 'se ha escrito {file} ({id} {version}, {files, plural, one {# archivo} other {# archivos}}, {bytes, plural, one {# byte} other {# bytes}})',
  'shell.disk.missing': 'no existe',
  'shell.disk.link': 'es un enlace, no un archivo',
  'shell.disk.cannotRead': 'no se puede leer ({reason})',
  'shell.disk.notRegular': 'no es un archivo normal',
  'shell.disk.replaced': 'se ha sustituido mientras se leía; no se lee (inténtalo de nuevo)',
  'shell.disk.hardLink': 'es un enlace duro (el mismo archivo tiene {names} nombres, quizá fuera del paquete); los enlaces duros no se leen, copia el archivo en su lugar',
  'shell.disk.moved': 'ya no está donde se listó (se ha sustituido una carpeta de su ruta); no se lee',
  'shell.disk.tooLarge': 'es demasiado grande ({size} bytes; el límite es {limit})',
  'shell.disk.archiveTooLarge': 'es demasiado grande para un paquete de lecciones ({size} bytes; el límite es {limit})',
  'shell.disk.folderUnreadable': 'no se puede leer la carpeta ({reason})',
  'shell.disk.archive': 'el archivo del paquete: {problem}',

  // ---------------------------------------------------------------- pagewalk progress merge
  'shell.cli.progress.summary': 'une las exportaciones de progreso del alumnado en una sola tabla para la clase',
  'shell.cli.progress.unknown': 'orden de progress desconocida "{name}" (hay: merge)',
  'shell.cli.progress.needCommand': 'progress necesita una orden: merge',
  'shell.cli.progress.needFiles': 'merge necesita una o más exportaciones de progreso (.json)',
  'shell.cli.progress.skipped': '{file}: {message}; se omite',
  'shell.cli.progress.noName': '{file}: no tiene nombre de alumno; se lista como "{name}"',
  'shell.cli.progress.merged': '{name}: {count, plural, one {# archivo unido} other {# archivos unidos}} ({files})',
  'shell.cli.progress.wrote': '{file}: {learners, plural, one {# alumno} other {# alumnos}}, {rows, plural, one {# fila} other {# filas}}',

  // ---------------------------------------------------------------- pagewalk experiment
  'shell.cli.experiment.summary': 'ejecuta un experimento (un barrido de parámetros) e imprime su tabla y su gráfica',
  'shell.cli.experiment.traceBoth': 'da --trace (las páginas) o --generate con sus opciones, no ambas',
  'shell.cli.experiment.needGenerate': '--{option} es una opción de una traza generada: añade --generate (uniform, loop, hot-cold, phases, zipf, scan)',
  'shell.cli.experiment.traceNumbers': '--trace necesita números de página separados por comas: --trace 1,2,3,4,1,2,5',
  'shell.cli.experiment.csvOrJson': 'da --csv o --json, no ambas',
  'shell.cli.experiment.noSuchFile': '{path}: el archivo no existe (ni es un tipo de experimento: {kinds})',
  'shell.cli.experiment.one': 'da un archivo o un tipo de experimento',
  'shell.cli.experiment.noParameter': '{kind} no tiene el parámetro --{name} (consulta pagewalk experiment --help)',
  'shell.cli.experiment.oneOf': 'debe ser uno de {values}',
  'shell.cli.experiment.notValue': 'no es un valor que admita este parámetro',
  'shell.cli.experiment.inDocument': 'los parámetros van en el documento; opciones como --{option} son para la forma KIND',
  'shell.cli.experiment.point': 'punto {done, number} de {total, number}',

  // ---------------------------------------------------------------- la ayuda (--help) de cada orden
  'shell.cli.run.usage': `pagewalk run SCENARIO... [--json] [--verbose] [--smaps]

Ejecuta cada paso de cada SCENARIO (YAML o JSON) e imprime lo que hizo la máquina.
  --json      imprime los eventos, los resultados de cada paso y la instantánea final en JSON
              (con varios archivos, una lista de ellos, cada uno con su "file")
  --verbose   imprime también los eventos de contabilidad (mapeos, cambios de áreas, llenados de la TLB)
  --smaps     termina con el /proc/PID/smaps de cada proceso vivo como tabla, y su smaps_rollup
Los errores del documento se imprimen como ARCHIVO:LÍNEA:COL y no se ejecuta nada.`,
  'shell.cli.translate.usage': `pagewalk translate ADDR... [--machine ID|FILE] [--scenario FILE --process NAME] [--image FILE [--ptbr N] [--exercise NAME]] [--write] [--json]

Traducciones sueltas:
  pagewalk translate 0x1234 0x5678 --machine x86-64
      un proceso nuevo con la disposición estándar lee cada dirección (paginación bajo demanda incluida)
  pagewalk translate 0x1000 --scenario fork.yaml --process child
      ejecuta el escenario y después ese proceso lee cada dirección
  pagewalk translate 0x611c 0x3da8 --image dump.txt --ptbr 108 --machine tiny-2level
      recorre un volcado de memoria en bruto (líneas "page 108: 83 fe e0 …") desde el marco base de la tabla de páginas
  pagewalk translate 0x3a39 --image homework.yaml --exercise q2
      FILE también puede ser un documento con "memory" o varias "images" con nombre (una por
      ejercicio; --exercise elige una, por defecto la primera), y su propia "machine"
  --machine   un id incluido, o un archivo YAML/JSON con una máquina (un perfil, o
              '{' base: ID, …cambios '}', o un documento cuya "machine" lo sea)
  --write     escribe en lugar de leer (no con --image)`,
  'shell.cli.refstring.usage': `pagewalk refstring [PAGES | --file FILE | -] --frames N [--policy P|all] [options]

  PAGES        números de página separados por comas o espacios: "1,2,3,4,1,2,5,1,2,3,4,5"
  --file FILE  lee las páginas de FILE ("-" o un - suelto lee la entrada estándar): comas,
               espacios o una página por línea (el formato -f del ejercicio); hasta {max, number}
  --frames N   número de marcos físicos (-C)
  --policy P   {policies}, o all para compararlas
               (por defecto fifo). unopt expulsa la página que se usará antes; ostep-clock y ostep-rand
               son el CLOCK y el RAND de paging-policy.py de OSTEP; clock es el del libro de texto
  --summary    imprime solo los recuentos (-N); con --policy all va implícito
  --json       imprime el resultado en JSON (historial como listas: pages, hit, slot, victim)
  --seed S     semilla de las políticas aleatorias y de --generate (por defecto 1; 0 con --ostep)
  --random R   pagewalk (por defecto) o python: hace las elecciones aleatorias como el random de Python
  --opt-ties T lowest-slot (por defecto) u ostep: qué página que ya no se usará expulsan OPT/UNOPT
  --clock-bits B  tope del contador de uso de ostep-clock (por defecto 2, el -b del ejercicio)
  --order O    slots (por defecto): marcos en orden de ranura; ostep: páginas residentes en el orden
               del ejercicio (orden de carga; de menos a más reciente para lru y mru)
  --generate N --max-page M
               la cadena aleatoria del ejercicio: N páginas int(M * random()) del random de Python
  --ostep      se comporta e imprime como paging-policy.py -c: random de Python, semilla 0 por defecto,
               empates y orden del ejercicio, sus líneas de traza y FINALSTATS; sus opciones funcionan
               tal cual (-a LISTA o -1, -f, -n, -m, -C, -p FIFO|LRU|MRU|OPT|UNOPT|RAND|CLOCK,
               -b, -s, -N, -c), y RAND y CLOCK significan ostep-rand y ostep-clock
Ejemplos:
  pagewalk refstring 1,2,3,4,1,2,5,1,2,3,4,5 --frames 3 --policy fifo   (anomalía de Belady)
  pagewalk refstring --file trace.txt --frames 64 --policy all
  pagewalk refstring --ostep --generate 10 --max-page 10 --seed 0 --frames 3 --policy ostep-clock`,
  'shell.cli.ostep.usage': `pagewalk ostep linear [-s SEED] [-a ASIZE] [-p PHYSMEM] [-P PAGESIZE] [-n NUM] [-u USED] [-A LIST] [-v] [-c] [--scenario]
pagewalk ostep multilevel [-s SEED] [-a ALLOCATED] [-n NUM] [-c] [--scenario]

Los problemas de vm-paging/paging-linear-translate.py y
vm-smalltables/paging-multilevel-translate.py de OSTEP, con sus opciones: los mismos argumentos
y la misma semilla dan la misma tabla de páginas, el mismo volcado de memoria y las mismas direcciones. -c imprime
las respuestas, que salen de la MMU de Pagewalk al recorrer las tablas, en el formato del ejercicio.
  linear       -s semilla (0), -a tamaño del espacio de direcciones (16k), -p memoria física (64k),
               -P tamaño de página (4k), -n direcciones que sortear (5), -u porcentaje de páginas válidas (50),
               -A direcciones separadas por comas en lugar de aleatorias, -v números de entrada
  multilevel   -s semilla (0), -a páginas virtuales asignadas (64), -n direcciones (10)
  --scenario   imprime el problema como un escenario de Pagewalk (una imagen de memoria y un paso
               translate por dirección) para pagewalk run, en lugar del texto del ejercicio
Ejemplos:
  pagewalk ostep linear -s 1 -c
  pagewalk ostep multilevel -s 0 --scenario > dump.json && pagewalk run dump.json`,
  'shell.cli.profiles.usage': 'pagewalk profiles [ID] [--json]',
  'shell.cli.schema.usage': 'pagewalk schema scenario|lesson-pack|experiment',
  'shell.cli.validate.usage': `pagewalk validate PACK [--instances N] [--quiet] [--json]

Comprueba PACK, una carpeta de paquete o un archivo {extension}: el YAML y su esquema, los ids
de lecciones y preguntas, los pasos de los escenarios, la seguridad del Markdown, las imágenes y cada pregunta en N
instancias aleatorias (por defecto {instances, number}): cada una debe tener exactamente una respuesta correcta.
  --instances N  instancias aleatorias probadas por pregunta
  --quiet        imprime solo los errores
  --json         imprime los diagnósticos en JSON
Los mensajes se leen ARCHIVO:LÍNEA:COL: error|warning: mensaje (pista). Estado de salida 1 si hay algún error.`,
  'shell.cli.pack.usage': `pagewalk pack FOLDER [-o OUT] [--instances N]

Valida FOLDER como "pagewalk validate" y, si no hay ningún error, escribe el paquete como
un único archivo que el alumnado puede importar (por defecto: el nombre de FOLDER + {extension}, en la carpeta actual).
Solo entra lo que usa el paquete: pack.yaml, las lecciones listadas, las imágenes, README/LICENSE.`,
  'shell.cli.progress.usage': `pagewalk progress merge FILE.json... [-o OUT.csv|OUT.json]

Lee exportaciones de progreso (el JSON que exporta la pantalla Progreso de Pagewalk) y escribe una
tabla con una fila por alumno y pregunta (o por lección si no hay respuestas): alumno, paquete,
lección, pasos vistos, pregunta, enunciado, intentos, aciertos, pistas, dominio y tiempos, contados
desde 1 como los muestra la aplicación. Los archivos con el mismo nombre de alumno se unen (nada se
cuenta dos veces); un archivo sin nombre se lista con su nombre de archivo.
  -o, --output FILE   escribe la tabla en FILE (.csv, o .json para las exportaciones unidas);
                      sin ella, el CSV va a la salida estándar
Un archivo que no es una exportación de progreso se notifica y se omite (estado de salida 1).`,
  'shell.cli.experiment.usage': `pagewalk experiment FILE [--csv|--json]
pagewalk experiment KIND [--PARAMETER VALUE …] [--csv|--json]

Ejecuta un barrido e imprime su tabla, una gráfica de texto de la primera medida y lo que
muestran las curvas. --csv imprime solo la tabla, en CSV (cabecera: los nombres de las columnas);
--json imprime la tabla con sus columnas, su gráfica y sus notas.

Tipos y sus parámetros (docs/experiments.md los lista todos con su valor por defecto):
  replacement   --trace 1,2,3,… | --generate uniform|loop|hot-cold|phases|zipf|scan
                  --length N --pages N [--seed N]; --policies fifo,lru,… --frames 1..7
  working-set   como replacement, más --window N (Δ del tamaño del conjunto de trabajo)
  tlb           --machine ID --pattern loop|stride|random|matrix-row|matrix-column
                  --pages N --accesses N --entries 1..256x2 --ways 1,4,full
  page-tables   --machines teaching-16,x86-64 --layouts dense,sparse --pages 1..1024x2
  numa          --machine numa-2node --pages N --threads N --passes N
                  --policies first-touch,interleave,bind-0,bind-1
  fork          --machine ID --pages N --written 0..1+0.125
Rangos: A..B (cada número entero), A..B+S (paso S), A..BxF (×F cada vez).

Ejemplos:
  pagewalk experiment docs/examples/experiments/belady.yaml --csv
  pagewalk experiment replacement --trace 1,2,3,4,1,2,5,1,2,3,4,5 --policies fifo --frames 1..7
  pagewalk experiment tlb --pattern matrix-column --entries 4..128x2 --ways full

Los errores de un documento se imprimen como ARCHIVO:LÍNEA:COL y no se ejecuta nada (salida 1).`,
};
