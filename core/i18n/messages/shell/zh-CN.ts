import type { AreaCatalogue } from '../area.ts';
import type { shellEn } from './en.ts';

export const shellZhCN: AreaCatalogue<typeof shellEn> = {
  // ---------------------------------------------------------------- Electron 主进程：应用菜单
  'shell.menu.app': 'Pagewalk',
  'shell.menu.about': '关于 Pagewalk',
  'shell.menu.hide': '隐藏 Pagewalk',
  'shell.menu.hideOthers': '隐藏其他',
  'shell.menu.unhide': '全部显示',
  'shell.menu.quitMac': '退出 Pagewalk',
  'shell.menu.quit': '退出',
  'shell.menu.file': '文件(&F)',
  'shell.menu.importPack': '导入课程包…',
  'shell.menu.previewFolder': '预览课程包文件夹…',
  'shell.menu.closeWindow': '关闭窗口',
  'shell.menu.edit': '编辑(&E)',
  'shell.menu.undo': '撤销',
  'shell.menu.redo': '重做',
  'shell.menu.cut': '剪切',
  'shell.menu.copy': '复制',
  'shell.menu.paste': '粘贴',
  'shell.menu.selectAll': '全选',
  'shell.menu.view': '视图(&V)',
  'shell.menu.library': '课程库',
  'shell.menu.sandbox': '沙盒',
  'shell.menu.progress': '学习进度',
  'shell.menu.settings': '设置',
  'shell.menu.resetZoom': '实际大小',
  'shell.menu.zoomIn': '放大',
  'shell.menu.zoomOut': '缩小',
  'shell.menu.fullScreen': '切换全屏',
  'shell.menu.reload': '重新加载',
  'shell.menu.devTools': '切换开发者工具',
  'shell.menu.help': '帮助(&H)',
  'shell.menu.shortcuts': '键盘快捷键',

  // ---------------------------------------------------------------- Electron 主进程：对话框与“关于”
  'shell.dialog.crashedTwice.title': 'Pagewalk 已停止工作',
  'shell.dialog.crashedTwice.body': 'Pagewalk 窗口连续两次停止运行。你的学习进度已保存；请关闭 Pagewalk 后重新打开。',
  'shell.dialog.import.title': '导入课程包',
  'shell.dialog.import.filter': 'Pagewalk 课程包',
  'shell.dialog.preview.title': '打开要预览的课程包文件夹',
  'shell.dialog.save.title': '保存',
  'shell.dialog.save.fileType': '{extension} 文件',
  'shell.dialog.save.allFiles': '所有文件',
  'shell.about.title': '关于 Pagewalk',
  'shell.about.message': 'Pagewalk {version}',
  'shell.about.detail': '通过预测 MMU 和内核将要做什么来学习内存管理。\n\nPagewalk 完全离线运行，从不连接任何网络。',
  'shell.dialog.startFailed.title': 'Pagewalk 无法启动',
  'shell.dialog.startFailed.body': '{message}\n\n如果这种情况反复出现，请让老师或 IT 人员重新安装 Pagewalk。',

  // ---------------------------------------------------------------- Electron 主进程：模拟器线程与页面的调用
  'shell.core.crashed': '模拟器意外停止并已重新启动；请重新打开课程继续（已保存的学习进度不会丢失）。',
  'shell.core.exited': '模拟器意外停止（退出码 {code}），将重新启动；请重新打开课程继续（已保存的学习进度不会丢失）。',
  'shell.core.closing': 'Pagewalk 正在关闭。',
  'shell.ipc.untrusted': '此页面无权使用 Pagewalk',
  'shell.grants.ungranted': 'Pagewalk 只打开你在对话框中选择或拖放到其窗口上的文件和文件夹；请使用“导入课程包…”或“打开课程包文件夹…”',

  // ---------------------------------------------------------------- Electron 主进程：保存、课程包、预览
  'shell.host.saveFailed': '{what, select, progress {Pagewalk 无法保存你的学习进度：{message}。关闭应用后，你现在所做的可能不会保留。} sandbox {Pagewalk 无法保存你的沙盒会话：{message}。关闭应用后，你现在所做的可能不会保留。} other {Pagewalk 无法保存你的设置：{message}。关闭应用后，你现在所做的可能不会保留。}}',
  'shell.host.importOff': '这台计算机的课堂策略已关闭导入课程包',
  'shell.host.previewOff': '这台计算机的课堂策略已关闭作者预览',
  'shell.host.notArchive': '{file} 不是课程包：课程包文件以 {extension} 结尾（要试用课程包文件夹，请使用作者预览）',
  'shell.host.emptyArchive': '{file} 是空的',
  'shell.host.notInstalled': '{file} 有错误，未安装：',
  'shell.host.badPackId': '课程包 ID“{id}”不能用作文件夹名',
  'shell.host.notPackFolder': '{folder} 不是课程包：请选择包含 pack.yaml 的文件夹',
  'shell.host.saveFileFailed': '无法保存 {file}（{reason}）',
  'shell.packs.archiveProblem': '{file}：{problem}',
  'shell.packs.unreadableArchive': '{file} 不是可读取的 Pagewalk 课程包（{message}）',
  'shell.packs.unsafeEntry': '归档条目“{path}”{why}；未安装任何内容',
  'shell.packs.unsafeFolder': '“{folder}”不能用作文件夹名；未安装任何内容',
  'shell.packs.entryOutside': '归档条目“{path}”指向课程包之外',
  'shell.packs.writeFailed': '无法将课程包写入 {folder}：{message}',
  'shell.packs.alreadyGone': '位于 {location} 的课程包已不存在',
  'shell.packs.notRemovable': '只能删除 {folder} 中的课程包；{location} 不在其中',
  'shell.packs.path.length': '为空或过长',
  'shell.packs.path.nul': '包含 NUL 字符',
  'shell.packs.path.backslash': '包含反斜杠',
  'shell.packs.path.absolute': '是绝对路径',
  'shell.packs.path.dots': '含有空的、“.”或“..”部分',
  'shell.packs.path.character': '含有文件名中不允许的字符',
  'shell.packs.path.reserved': '使用了 Windows 保留的名称',
  'shell.packs.path.trailing': '有以点或空格结尾的部分',

  // ---------------------------------------------------------------- Electron 主进程：学习进度、设置和沙盒文件
  'shell.persist.refusing': '{doc, select, progress {拒绝保存你的学习进度：{path} {message}} settings {拒绝保存你的设置：{path} {message}} other {拒绝保存你的沙盒会话：{path} {message}}}',
  'shell.persist.empty': '文件是空的',
  'shell.persist.notJson': '不是有效的 JSON（{message}）',
  'shell.persist.notObject': '不是 JSON 对象',
  'shell.persist.badVersion': 'schemaVersion 为 {value}，不是版本号',
  'shell.persist.newer': '由更新版本的 Pagewalk 写入（格式 {version}；本版本最多读取格式 {known}）',
  'shell.persist.noMigration': '无法升级格式 {version}',
  'shell.persist.migrationFailed': '无法从格式 {version} 升级：{message}',
  'shell.persist.unexpected': '{path} 处的内容不符合预期：{message}',
  'shell.persist.top': '（顶层）',
  'shell.persist.noSuchFile': '文件不存在',
  'shell.persist.it': '该文件{detail}',
  'shell.persist.keptAt': '无法使用的文件已保留在 {path}。',
  'shell.persist.notMoved': '无法使用的文件未能移开，仍在 {path}。',
  'shell.persist.earlierSession': '之前的某次会话',
  'shell.persist.restoredMissing': '{doc, select, progress {学习进度} settings {设置} other {沙盒会话}}文件丢失，已从{when}制作的备份中恢复。',
  'shell.persist.restoredDamaged': '{doc, select, progress {学习进度} settings {设置} other {沙盒会话}}文件无法使用（{detail}），已从{when}制作的备份中恢复。{kept}',
  'shell.persist.backupDamagedKept': '备份也无法使用（{detail}）；已保留在 {path}。',
  'shell.persist.backupDamagedStays': '备份也无法使用（{detail}）；仍在 {path}。',
  'shell.persist.afresh': '{doc, select, progress {学习进度} settings {设置} other {沙盒会话}}文件无法使用（{detail}），且没有可用的备份，因此 Pagewalk 已重新开始。{kept}{backup}',
  'shell.persist.afreshMissing': '{doc, select, progress {学习进度} settings {设置} other {沙盒会话}}文件丢失，其备份也无法使用，因此 Pagewalk 已重新开始。{backup}',
  'shell.persist.readOnly': '无法在 {folder} 中保存{doc, select, progress {你的学习进度} settings {你的设置} other {你的沙盒会话}}（{reason}），因此你现在所做的只会保留到 Pagewalk 关闭为止。请让 IT 人员为该文件夹开放写入权限。',

  // ---------------------------------------------------------------- Electron 主进程：课堂策略文件
  'shell.policy.notJson': '课堂策略文件 {file} 不是有效的 JSON（{message}）。在 IT 人员修复之前，导入课程包、沙盒和作者预览均已关闭。',
  'shell.policy.notObject': "课堂策略文件 {file} 应包含一个 JSON 对象，例如 '{'\"allowImport\": false'}'。在 IT 人员修复之前，导入课程包、沙盒和作者预览均已关闭。",
  'shell.policy.notBoolean': '课堂策略文件 {file} 中的 "{key}" 应为 true 或 false（实际为 {value}），因此按 false 处理。',
  'shell.policy.unknownKeys': '课堂策略文件 {file} 含有本版本不认识的设置，已忽略：{unknown}（可用的设置：{known}）。',
  'shell.policy.unreadable': '课堂策略文件 {file} 存在，但无法读取（{reason}）。在 IT 人员修复之前，导入课程包、沙盒和作者预览均已关闭。',
  'shell.policy.tooLarge': '课堂策略文件 {file} 太大，不可能是策略文件（{bytes, number} 字节）。在 IT 人员修复之前，导入课程包、沙盒和作者预览均已关闭。',
  'shell.policy.badLanguage': '课堂策略文件 {file} 中的 "language" 应为以下之一：{known}（实际为 {value}），因此使用这台计算机自身的语言。',

  // ---------------------------------------------------------------- 命令行：通用
  'shell.cli.help': 'pagewalk — Pagewalk 内存管理模拟器\n\n用法：pagewalk 命令 [选项]   （pagewalk 命令 --help 查看详情）\n      --lang TAG   消息的语言（en、es、de、zh-CN；默认：LC_ALL / LANG）\n\n{commands}',
  'shell.cli.unknownCommand': '未知命令 "{name}"',
  'shell.cli.internalError': '内部错误：{message}\n请报告此问题，并附上你使用的命令和文件。',
  'shell.cli.langMissing': '--lang 需要一种语言，例如 --lang zh-CN',
  'shell.cli.noSuchFile': '{path}：文件不存在',
  'shell.cli.isFolder': '{path}：是文件夹，不是文件',
  'shell.cli.cannotRead': '{path}：无法读取（{reason}）',
  'shell.cli.cannotWrite': '{path}：无法写入（{reason}）',
  'shell.cli.unknownOption': '未知选项 "{option}"',
  'shell.cli.needsValue': '--{name} 需要一个值',
  'shell.cli.unexpectedArgument': '多余的参数 "{argument}"',
  'shell.cli.commandLine': '（命令行）',
  'shell.cli.stdin': '标准输入',
  'shell.cli.stdinWhere': '（标准输入）',

  // ---------------------------------------------------------------- pagewalk run、translate、profiles、schema
  'shell.cli.run.summary': '运行一个场景并打印其执行轨迹',
  'shell.cli.run.needFiles': 'run 需要一个或多个场景文件',
  'shell.cli.run.heading': '{title} — {machine}',
  'shell.cli.run.stats': '{accesses, plural, other {# 次访问}}：TLB {hits, plural, other {# 次命中}} / {misses, plural, other {# 次未命中}}；{faults, plural, other {# 次缺页}}；{copies, plural, other {# 次写时复制}}；{swapOuts, plural, other {# 次换出}}，{swapIns, plural, other {# 次换入}}；{free, plural, other {# 个空闲页框}}',
  'shell.cli.translate.summary': '翻译虚拟地址，并显示读取的每个页表项',
  'shell.cli.translate.needAddress': '请至少给出一个地址',
  'shell.cli.translate.notAddress': '"{text}" 不是地址（请写 4660 或 0x1234）',
  'shell.cli.translate.noImage': '{file} 中没有名为 "{name}" 的映像',
  'shell.cli.translate.noImageOf': '{file} 中没有名为 "{name}" 的映像（已有映像：{images}）',
  'shell.cli.translate.needPtbr': '--image 需要 --ptbr（根页表所在的页框号）',
  'shell.cli.translate.ptbrFrame': '--ptbr 必须是页框号',
  'shell.cli.translate.needProcess': '--scenario 需要 --process（由谁访问）',
  'shell.cli.machine.unreadable': '{file}：不是可读取的机器文档',
  'shell.cli.machine.notMapping': "{file}：机器文档应是一个映射（一个配置，或 '{' base: ID, … '}'）",
  'shell.cli.profiles.summary': '列出内置的机器配置，或打印其中一个',
  'shell.cli.profiles.unknown': '没有内置配置 "{id}"（已有：{ids}）',
  'shell.cli.schema.summary': '打印 JSON Schema（scenario、lesson-pack、experiment）',
  'shell.cli.schema.unknown': '未知 schema "{name}"（{names}）',

  // ---------------------------------------------------------------- pagewalk refstring
  'shell.cli.refstring.summary': '在引用串上做页面置换实验',
  'shell.cli.refstring.noValue': '--{name} 不接受值',
  'shell.cli.refstring.wholeNumber': '{what} 必须是整数',
  'shell.cli.refstring.atLeast': '{what} 必须是不小于 {min, number} 的整数',
  'shell.cli.refstring.addresses': '-a/--addresses 是作业脚本的选项：请与 --ostep 一起使用，或把页号作为参数给出',
  'shell.cli.refstring.framesMax': '--frames 最多为 {max, number}',
  'shell.cli.refstring.unknownPolicy': '未知策略 "{policy}"（请使用 {policies} 或 all）',
  'shell.cli.refstring.random': '--random 必须是 pagewalk 或 python',
  'shell.cli.refstring.optTies': '--opt-ties 必须是 lowest-slot 或 ostep',
  'shell.cli.refstring.order': '--order 必须是 slots 或 ostep',
  'shell.cli.refstring.seedLarge': '--seed 太大',
  'shell.cli.refstring.oneSource': '页号只能用一种方式给出：作为参数、用 --file 或用 --generate',
  'shell.cli.refstring.noSource': '请给出引用串，例如 1,2,3,4,1,2,5（或 --file FILE，或用 - 表示标准输入）',
  'shell.cli.refstring.generateMax': '--generate 最多 {max, number} 个引用',
  'shell.cli.refstring.generateMin': '--generate 至少需要 1 个引用',
  'shell.cli.refstring.stdinMixed': '"-"（标准输入）不能与命令行上的页号混用',
  'shell.cli.refstring.empty': '引用串为空',
  'shell.cli.refstring.line': '{policy}，{frames, plural, other {# 个页框}}：{faults, plural, other {# 次缺页}}，{hits, plural, other {# 次命中}}（命中率 {ratio, number, ::percent .0}）',
  'shell.cli.refstring.table.ref': '引用',
  'shell.cli.refstring.table.result': '结果',
  'shell.cli.refstring.table.evicted': '换出',
  'shell.cli.refstring.table.frames': '页框',
  'shell.cli.refstring.table.resident': '驻留页（作业中的顺序）',
  'shell.cli.refstring.table.hit': '命中',
  'shell.cli.refstring.table.miss': '未命中',
  'shell.cli.refstring.ostep.access': '访问:',
  'shell.cli.refstring.ostep.hit': '命中',
  'shell.cli.refstring.ostep.miss': '未命中',
  'shell.cli.refstring.ostep.firstIn': '最先进入',
  'shell.cli.refstring.ostep.lastIn': '最后进入',
  'shell.cli.refstring.ostep.left': '左',
  'shell.cli.refstring.ostep.right': '右',
  'shell.cli.refstring.ostep.replaced': '被替换:',
  'shell.cli.refstring.ostep.hits': '命中:',
  'shell.cli.refstring.ostep.misses': '未命中:',
  'shell.cli.refstring.ostep.final': '最终统计 命中 {hits}   未命中 {misses}   命中率 {rate}',

  // ---------------------------------------------------------------- pagewalk ostep
  'shell.cli.ostep.summary': '按种子生成 OSTEP 分页作业题（线性与两级地址翻译）',
  'shell.cli.ostep.wholeNumber': '{flag} 需要一个整数（得到的是 "{text}"）',
  'shell.cli.ostep.which': '请说明是哪道作业：linear 或 multilevel',
  'shell.cli.ostep.unknown': '没有作业 "{name}"（linear 或 multilevel）',

  // ---------------------------------------------------------------- pagewalk validate、pack
  'shell.cli.validate.summary': '检查课程包（文件夹或 .pagewalk 归档）',
  'shell.cli.validate.one': 'validate 只接受一个课程包文件夹或归档',
  'shell.cli.validate.noSuchPath': '{path}：没有这个文件夹或文件',
  'shell.cli.validate.instances': '--instances 必须是 1 到 10000 之间的整数',
  'shell.cli.validate.resultPack': '{id} {version}：{lessons, plural, other {# 节课}}，{quizzes, plural, other {# 道题}} × {instances, plural, other {# 个实例}}：{errors, plural, other {# 个错误}}，{warnings, plural, other {# 个警告}}（{ms, number} 毫秒）',
  'shell.cli.validate.resultPath': '{path}：{errors, plural, other {# 个错误}}，{warnings, plural, other {# 个警告}}（{ms, number} 毫秒）',
  'shell.cli.pack.summary': '校验课程包文件夹，并写成一个 {extension} 归档',
  'shell.cli.pack.one': 'pack 只接受一个课程包文件夹',
  'shell.cli.pack.noSuchFolder': '{path}：文件夹不存在',
  'shell.cli.pack.notFolder': '{path}：不是文件夹（pack 从文件夹生成归档）',
  'shell.cli.pack.notPacked': '未打包：{errors, plural, other {# 个错误}}',
  'shell.cli.pack.cannotWrite': '无法写入 {file}：{reason}',
  'shell.cli.pack.wrote': '已写入 {file}（{id} {version}，{files, plural, other {# 个文件}}，{bytes, plural, other {# 字节}}）',
  'shell.disk.missing': '不存在',
  'shell.disk.link': '是链接，不是文件',
  'shell.disk.cannotRead': '无法读取（{reason}）',
  'shell.disk.notRegular': '不是普通文件',
  'shell.disk.replaced': '在读取时被替换；不予读取（请重试）',
  'shell.disk.hardLink': '是硬链接（同一文件有 {names} 个名称，可能位于课程包之外）；硬链接不予读取，请改为复制该文件',
  'shell.disk.moved': '已不在列出时的位置（其路径上的某个文件夹被替换）；不予读取',
  'shell.disk.tooLarge': '太大（{size} 字节；上限为 {limit}）',
  'shell.disk.archiveTooLarge': '作为课程包太大（{size} 字节；上限为 {limit}）',
  'shell.disk.folderUnreadable': '无法读取该文件夹（{reason}）',
  'shell.disk.archive': '归档{problem}',

  // ---------------------------------------------------------------- pagewalk progress merge
  'shell.cli.progress.summary': '把学习者导出的学习进度合并成一张全班的表',
  'shell.cli.progress.unknown': '未知的 progress 命令 "{name}"（已有：merge）',
  'shell.cli.progress.needCommand': 'progress 需要一个命令：merge',
  'shell.cli.progress.needFiles': 'merge 需要一个或多个学习进度导出文件（.json）',
  'shell.cli.progress.skipped': '{file}：{message}；已跳过',
  'shell.cli.progress.noName': '{file}：没有学习者姓名；以 "{name}" 列出',
  'shell.cli.progress.merged': '{name}：已合并 {count, plural, other {# 个文件}}（{files}）',
  'shell.cli.progress.wrote': '{file}：{learners, plural, other {# 名学习者}}，{rows, plural, other {# 行}}',

  // ---------------------------------------------------------------- pagewalk experiment
  'shell.cli.experiment.summary': '运行一个实验（参数扫描），并打印其表格和图',
  'shell.cli.experiment.traceBoth': '请给出 --trace（页号）或带选项的 --generate，不能两者都给',
  'shell.cli.experiment.needGenerate': '--{option} 是生成轨迹的选项：请加上 --generate（uniform、loop、hot-cold、phases、zipf、scan）',
  'shell.cli.experiment.traceNumbers': '--trace 接受逗号分隔的页号：--trace 1,2,3,4,1,2,5',
  'shell.cli.experiment.csvOrJson': '请给出 --csv 或 --json，不能两者都给',
  'shell.cli.experiment.noSuchFile': '{path}：文件不存在（也不是实验类型：{kinds}）',
  'shell.cli.experiment.one': '请给出一个实验文件或实验类型',
  'shell.cli.experiment.noParameter': '{kind} 没有参数 --{name}（见 pagewalk experiment --help）',
  'shell.cli.experiment.oneOf': '必须是以下之一：{values}',
  'shell.cli.experiment.notValue': '不是此参数可接受的值',
  'shell.cli.experiment.inDocument': '参数应写在文档里；--{option} 这样的选项用于 KIND 形式',
  'shell.cli.experiment.point': '第 {done, number} 点，共 {total, number} 点',

  // ---------------------------------------------------------------- 每个命令的帮助（--help）
  'shell.cli.run.usage': `pagewalk run SCENARIO... [--json] [--verbose] [--smaps]

运行每个 SCENARIO（YAML 或 JSON）的每一步，并打印机器做了什么。
  --json      以 JSON 打印事件、每一步的结果和最终快照
              （有多个文件时是一个列表，每项带有其 "file"）
  --verbose   同时打印簿记事件（映射、区域变化、TLB 填充）
  --smaps     最后以表格打印每个存活进程的 /proc/PID/smaps 及其 smaps_rollup
文档中的错误以 文件:行:列 的形式打印，且不运行任何内容。`,
  'shell.cli.translate.usage': `pagewalk translate ADDR... [--machine ID|FILE] [--scenario FILE --process NAME] [--image FILE [--ptbr N] [--exercise NAME]] [--write] [--json]

单次翻译：
  pagewalk translate 0x1234 0x5678 --machine x86-64
      一个采用标准布局的新进程读取每个地址（包括按需调页）
  pagewalk translate 0x1000 --scenario fork.yaml --process child
      先运行场景，然后由该进程读取每个地址
  pagewalk translate 0x611c 0x3da8 --image dump.txt --ptbr 108 --machine tiny-2level
      从页表基址页框开始遍历原始内存转储（"page 108: 83 fe e0 …" 这样的行）
  pagewalk translate 0x3a39 --image homework.yaml --exercise q2
      FILE 也可以是带有 "memory" 或多个具名 "images"（每道练习一个；
      --exercise 选择其一，默认第一个）以及自己的 "machine" 的文档
  --machine   内置 ID，或包含机器的 YAML/JSON 文件（一个配置，或
              '{' base: ID, …修改 '}'，或其 "machine" 为机器的文档）
  --write     写入而不是读取（不能与 --image 一起使用）`,
  'shell.cli.refstring.usage': `pagewalk refstring [PAGES | --file FILE | -] --frames N [--policy P|all] [options]

  PAGES        用逗号或空格分隔的页号："1,2,3,4,1,2,5,1,2,3,4,5"
  --file FILE  从 FILE 读取页号（"-" 或单独的 - 读取标准输入）：逗号、
               空格或每行一个页号（作业的 -f 格式）；最多 {max, number} 个
  --frames N   物理页框数（-C）
  --policy P   {policies}，或用 all 比较所有策略
               （默认 fifo）。unopt 换出最早将被使用的页；ostep-clock 和 ostep-rand
               是 OSTEP 的 paging-policy.py 中的 CLOCK 和 RAND；clock 是教科书中的版本
  --summary    只打印计数（-N）；使用 --policy all 时默认如此
  --json       以 JSON 打印结果（历史记录为列表：pages、hit、slot、victim）
  --seed S     随机策略和 --generate 的种子（默认 1；使用 --ostep 时为 0）
  --random R   pagewalk（默认）或 python：按 Python 的 random 方式做随机选择
  --opt-ties T lowest-slot（默认）或 ostep：OPT/UNOPT 换出哪个不再使用的页
  --clock-bits B  ostep-clock 的使用计数上限（默认 2，即作业的 -b）
  --order O    slots（默认）：按槽位顺序列出页框；ostep：按作业的顺序列出驻留页
               （装入顺序；lru 和 mru 为从最久到最近使用）
  --generate N --max-page M
               作业的随机引用串：用 Python 的 random 生成 N 个页号 int(M * random())
  --ostep      行为和输出与 paging-policy.py -c 相同：Python 的 random，默认种子 0，
               作业的平局规则和顺序，它的轨迹行和 FINALSTATS；它的选项
               照常可用（-a 列表 或 -1、-f、-n、-m、-C、-p FIFO|LRU|MRU|OPT|UNOPT|RAND|CLOCK、
               -b、-s、-N、-c），RAND 和 CLOCK 分别表示 ostep-rand 和 ostep-clock
示例：
  pagewalk refstring 1,2,3,4,1,2,5,1,2,3,4,5 --frames 3 --policy fifo   （Belady 异常）
  pagewalk refstring --file trace.txt --frames 64 --policy all
  pagewalk refstring --ostep --generate 10 --max-page 10 --seed 0 --frames 3 --policy ostep-clock`,
  'shell.cli.ostep.usage': `pagewalk ostep linear [-s SEED] [-a ASIZE] [-p PHYSMEM] [-P PAGESIZE] [-n NUM] [-u USED] [-A LIST] [-v] [-c] [--scenario]
pagewalk ostep multilevel [-s SEED] [-a ALLOCATED] [-n NUM] [-c] [--scenario]

OSTEP 的 vm-paging/paging-linear-translate.py 和
vm-smalltables/paging-multilevel-translate.py 的题目，选项与原脚本相同：相同的参数
和种子给出完全相同的页表、内存转储和地址。-c 以作业的格式打印
答案，答案来自 Pagewalk 的 MMU 遍历页表的结果。
  linear       -s 种子（0），-a 地址空间大小（16k），-p 物理内存（64k），
               -P 页大小（4k），-n 随机抽取的地址数（5），-u 有效页的百分比（50），
               -A 用逗号分隔的地址代替随机地址，-v 显示表项编号
  multilevel   -s 种子（0），-a 已分配的虚拟页数（64），-n 地址数（10）
  --scenario   把题目打印成 Pagewalk 场景（一个内存映像，每个地址一个 translate
               步骤），供 pagewalk run 使用，而不是打印作业的文字
示例：
  pagewalk ostep linear -s 1 -c
  pagewalk ostep multilevel -s 0 --scenario > dump.json && pagewalk run dump.json`,
  'shell.cli.profiles.usage': 'pagewalk profiles [ID] [--json]',
  'shell.cli.schema.usage': 'pagewalk schema scenario|lesson-pack|experiment',
  'shell.cli.validate.usage': `pagewalk validate PACK [--instances N] [--quiet] [--json]

检查 PACK（课程包文件夹或 {extension} 归档）：YAML 及其 schema、课程
和题目的 ID、场景步骤、Markdown 的安全性、图片，并对每道题试验 N 个随机
实例（默认 {instances, number} 个）：每个实例都必须恰好有一个正确答案。
  --instances N  每道题试验的随机实例数
  --quiet        只打印错误
  --json         以 JSON 打印诊断信息
消息格式为 文件:行:列: error|warning: 消息（提示）。有错误时退出状态为 1。`,
  'shell.cli.pack.usage': `pagewalk pack FOLDER [-o OUT] [--instances N]

像 "pagewalk validate" 一样校验 FOLDER；如果没有错误，就把课程包写成
一个学习者可以导入的归档（默认：FOLDER 的名称 + {extension}，放在当前文件夹）。
只放入课程包用到的内容：pack.yaml、列出的课程、图片、README/LICENSE。`,
  'shell.cli.progress.usage': `pagewalk progress merge FILE.json... [-o OUT.csv|OUT.json]

读取学习进度导出文件（Pagewalk 的“学习进度”页面导出的 JSON），并写出一张
表，每个学习者的每道题一行（没有作答的则每节课一行）：学习者、课程包、
课程、看过的步骤、题目、问题、尝试次数、答对次数、提示、掌握情况和时间，计数
从 1 开始，与应用中显示的一致。学习者姓名相同的文件会合并（不会
重复计数）；没有姓名的文件以其文件名列出。
  -o, --output FILE   把表写入 FILE（.csv，或 .json 表示合并后的导出）；
                      不给出时 CSV 写到标准输出
不是学习进度导出的文件会被报告并跳过（退出状态 1）。`,
  'shell.cli.experiment.usage': `pagewalk experiment FILE [--csv|--json]
pagewalk experiment KIND [--PARAMETER VALUE …] [--csv|--json]

运行一次参数扫描，打印其表格、第一个度量的文字图，以及这些曲线
说明了什么。--csv 只以 CSV 打印表格（表头：列名）；
--json 打印表格及其列、图和说明。

类型及其参数（docs/experiments.md 列出了每个参数及其默认值）：
  replacement   --trace 1,2,3,… | --generate uniform|loop|hot-cold|phases|zipf|scan
                  --length N --pages N [--seed N]; --policies fifo,lru,… --frames 1..7
  working-set   同 replacement，另加 --window N（工作集大小的 Δ）
  tlb           --machine ID --pattern loop|stride|random|matrix-row|matrix-column
                  --pages N --accesses N --entries 1..256x2 --ways 1,4,full
  page-tables   --machines teaching-16,x86-64 --layouts dense,sparse --pages 1..1024x2
  numa          --machine numa-2node --pages N --threads N --passes N
                  --policies first-touch,interleave,bind-0,bind-1
  fork          --machine ID --pages N --written 0..1+0.125
范围：A..B（每个整数），A..B+S（步长 S），A..BxF（每次 ×F）。

示例：
  pagewalk experiment docs/examples/experiments/belady.yaml --csv
  pagewalk experiment replacement --trace 1,2,3,4,1,2,5,1,2,3,4,5 --policies fifo --frames 1..7
  pagewalk experiment tlb --pattern matrix-column --entries 4..128x2 --ways full

文档中的错误以 文件:行:列 的形式打印，且不运行任何内容（退出状态 1）。`,
};
