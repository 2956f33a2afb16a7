/*
 * The desktop host's adapters for PagewalkService (core/service.ts): storage backed by the
 * persistent documents, packs from the three places, and the hooks only a desktop can
 * offer (dialogs, importing, removing, author preview, saving files).
 *
 * Electron itself is not imported here: dialogs and the window come in as functions, so
 * the whole host (policy enforcement included) is tested under Node. index.ts supplies
 * the Electron versions.
 */
import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { savedBytes, type ClassroomPolicy, type HostInfo, type Progress, type Settings } from '../../core/api.ts';
import type { HostHooks, PackProvider, ServiceStorage } from '../../core/service.ts';
import type { SandboxDocument } from '../../core/scenario/sandbox.ts';
import { folderNameFor, installPackFiles, isPackFolder, listPlace, readArchiveFile, readPackFolder, removeUserPack, ARCHIVE_EXTENSION, type ArchiveReader, type FileMap, type FoundPack } from './packs.ts';
import { ungrantedPath, type PathGrants } from './grants.ts';
import { t } from '../../core/i18n/index.ts';
import type { PersistentDocument } from './persistence.ts';
import type { PreviewWatcher } from './preview.ts';

export interface HostPlaces {
  builtinPacks: string;
  systemPacks: string[];
  userPacks: string;
}

export interface Dialogs {
  /** Ask for a `.pagewalk` file; null if cancelled. */
  chooseArchive(): Promise<string | null>;
  /** Ask for a pack folder; null if cancelled. */
  chooseFolder(): Promise<string | null>;
  /** Ask where to save a file; null if cancelled. */
  chooseSaveTarget(suggestedName: string): Promise<string | null>;
}

/** What the lesson engine says about unpacked files: the pack's id, or why it cannot be installed. */
export type PackIdentifier = (files: FileMap) => { id: string | null; errors: string[] };

export interface DesktopHostOptions {
  version: string;
  places: HostPlaces;
  policy: ClassroomPolicy;
  /** Notices gathered at start-up (recovered files, policy problems); more are added while running. */
  notices: string[];
  progress: PersistentDocument<Progress>;
  settings: PersistentDocument<Settings>;
  /** The sandbox's sessions; without it (tests of other parts) they last while the app runs. */
  sandbox?: PersistentDocument<SandboxDocument>;
  dialogs: Dialogs;
  readArchive: ArchiveReader;
  identifyPack: PackIdentifier;
  preview: PreviewWatcher;
  /**
   * Paths from the page are grants (grants.ts): with a registry, anything else is refused,
   * so a page cannot install or preview a path the learner never chose. index.ts always
   * passes one; tests of the host's own logic may leave it out and pass paths.
   */
  grants?: PathGrants;
  log(message: string, error?: unknown): void;
}

export interface DesktopHost {
  storage: ServiceStorage;
  packs: PackProvider;
  hooks: HostHooks;
}

export class PolicyRefusal extends Error {}

/** A path named by the page: the path its grant stands for (refused if it has none). */
function chosenPath(o: DesktopHostOptions, given: string): string {
  if (!o.grants) return given;
  const path = o.grants.redeem(given);
  if (path === null) {
    o.log(`refused a path the learner did not choose: ${given.slice(0, 200)}`);
    throw new PolicyRefusal(ungrantedPath());
  }
  return path;
}

export function createDesktopHost(o: DesktopHostOptions): DesktopHost {
  let sandboxInMemory: unknown = null;
  const storage: ServiceStorage = {
    async read(key) {
      if (key === 'sandbox') return o.sandbox ? o.sandbox.get() : sandboxInMemory;
      return key === 'progress' ? o.progress.get() : o.settings.get();
    },
    async write(key, value) {
      try {
        if (key === 'progress') o.progress.save(value as Progress);
        else if (key === 'sandbox') {
          if (o.sandbox) o.sandbox.save(value as SandboxDocument);
          else sandboxInMemory = structuredClone(value);
        } else o.settings.save(value as Settings);
      } catch (e) {
        // Keep the lesson going (the service still holds the data in memory), but never silently.
        o.log(`could not save ${key}`, e);
        const notice = t('shell.host.saveFailed', { what: key, message: (e as Error).message });
        if (!o.notices.includes(notice)) o.notices.push(notice);
      }
    },
  };

  const packs: PackProvider = {
    async list() {
      const found: FoundPack[] = [
        ...listPlace(o.places.builtinPacks, 'built-in', o.readArchive),
        ...o.places.systemPacks.flatMap((place) => listPlace(place, 'system', o.readArchive)),
        ...listPlace(o.places.userPacks, 'user', o.readArchive),
      ];
      for (const p of found) if (p.problems.length > 0) o.log(`problems reading ${p.location}: ${p.problems.join('; ')}`);
      return found;
    },
  };

  const hooks: HostHooks = {
    info(): HostInfo {
      return { kind: 'electron', version: o.version, canImportPacks: o.policy.allowImport, canOpenFolders: o.policy.allowAuthorPreview, notices: [...o.notices] };
    },

    policy: () => o.policy,

    async importPack(path) {
      if (!o.policy.allowImport) throw new PolicyRefusal(t('shell.host.importOff'));
      const file = path !== null ? chosenPath(o, path) : await o.dialogs.chooseArchive();
      if (!file) return { location: null, problems: [] };
      if (!file.toLowerCase().endsWith(ARCHIVE_EXTENSION)) {
        return { location: null, problems: [t('shell.host.notArchive', { file: basename(file), extension: ARCHIVE_EXTENSION })] };
      }
      const unpacked = readArchiveFile(file, o.readArchive);
      if (unpacked.files.size === 0) return { location: null, problems: unpacked.problems.length > 0 ? unpacked.problems : [t('shell.host.emptyArchive', { file: basename(file) })] };
      const { id, errors } = o.identifyPack(unpacked.files);
      if (!id || errors.length > 0) return { location: null, problems: [t('shell.host.notInstalled', { file: basename(file) }), ...errors, ...unpacked.problems] };
      const folder = folderNameFor(id);
      if (!folder) return { location: null, problems: [t('shell.host.badPackId', { id })] };
      const installed = installPackFiles(unpacked.files, folder, o.places.userPacks);
      return { location: installed.location, problems: [...unpacked.problems, ...installed.problems] };
    },

    async removePack(location) {
      removeUserPack(location, o.places.userPacks);
    },

    async openPreview(path) {
      if (!o.policy.allowAuthorPreview) throw new PolicyRefusal(t('shell.host.previewOff'));
      const folder = path !== null ? chosenPath(o, path) : await o.dialogs.chooseFolder();
      if (!folder) return { pack: null, problems: [] };
      if (!isPackFolder(folder)) return { pack: null, problems: [t('shell.host.notPackFolder', { folder })] };
      const read = readPackFolder(folder);
      o.preview.watch(folder);
      return { pack: { source: 'preview', location: folder, files: read.files }, problems: read.problems };
    },

    async saveFile(suggestedName, content) {
      const target = await o.dialogs.chooseSaveTarget(suggestedName);
      if (!target) return false;
      try {
        const bytes = savedBytes(suggestedName, content);
        if (bytes) writeFileSync(target, bytes);
        else writeFileSync(target, content, 'utf8');
      } catch (e) {
        throw new Error(t('shell.host.saveFileFailed', { file: basename(target), reason: (e as NodeJS.ErrnoException).code ?? (e as Error).message }));
      }
      return true;
    },
  };

  return { storage, packs, hooks };
}
