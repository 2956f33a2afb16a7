/*
 * The application menu. Items that act in the page (import, preview, switching screens)
 * send a MenuCommand to it, so the menu and the page's own buttons do the same thing.
 * Features the classroom policy turns off are shown disabled rather than hidden, so a
 * learner can see that they exist and why they cannot use them (the page explains).
 * Every label, the roles' too (Electron's own role labels are English), comes from the
 * catalogue in the current locale: index.ts rebuilds the menu when the locale changes.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { ClassroomPolicy } from '../../core/api.ts';
import type { MenuCommand } from '../channels.ts';
import { t } from '../../core/i18n/index.ts';

export interface MenuActions {
  send(command: MenuCommand): void;
  about(): void;
  isMac: boolean;
  /** Reload and developer tools only while developing. */
  developing: boolean;
}

export function menuTemplate(policy: ClassroomPolicy, actions: MenuActions): MenuItemConstructorOptions[] {
  const go = (label: string, command: MenuCommand, key: string, enabled = true): MenuItemConstructorOptions => ({
    label,
    accelerator: `CmdOrCtrl+${key}`,
    enabled,
    click: () => actions.send(command),
  });
  const template: MenuItemConstructorOptions[] = [];
  if (actions.isMac) {
    template.push({
      label: t('shell.menu.app'),
      submenu: [
        { label: t('shell.menu.about'), click: actions.about },
        { type: 'separator' },
        { role: 'hide', label: t('shell.menu.hide') },
        { role: 'hideOthers', label: t('shell.menu.hideOthers') },
        { role: 'unhide', label: t('shell.menu.unhide') },
        { type: 'separator' },
        { role: 'quit', label: t('shell.menu.quitMac') },
      ],
    });
  }
  template.push(
    {
      label: t('shell.menu.file'),
      submenu: [
        { label: t('shell.menu.importPack'), accelerator: 'CmdOrCtrl+O', enabled: policy.allowImport, click: () => actions.send('import-pack') },
        { label: t('shell.menu.previewFolder'), accelerator: 'CmdOrCtrl+Shift+O', enabled: policy.allowAuthorPreview, click: () => actions.send('open-preview') },
        { type: 'separator' },
        actions.isMac ? { role: 'close', label: t('shell.menu.closeWindow') } : { role: 'quit', label: t('shell.menu.quit'), accelerator: 'CmdOrCtrl+Q' },
      ],
    },
    {
      label: t('shell.menu.edit'),
      submenu: [
        { role: 'undo', label: t('shell.menu.undo') },
        { role: 'redo', label: t('shell.menu.redo') },
        { type: 'separator' },
        { role: 'cut', label: t('shell.menu.cut') },
        { role: 'copy', label: t('shell.menu.copy') },
        { role: 'paste', label: t('shell.menu.paste') },
        { role: 'selectAll', label: t('shell.menu.selectAll') },
      ],
    },
    {
      label: t('shell.menu.view'),
      submenu: [
        go(t('shell.menu.library'), 'go-library', '1'),
        go(t('shell.menu.sandbox'), 'go-sandbox', '2', policy.allowSandbox),
        go(t('shell.menu.progress'), 'go-progress', '3'),
        go(t('shell.menu.settings'), 'go-settings', ','),
        { type: 'separator' },
        { role: 'resetZoom', label: t('shell.menu.resetZoom') },
        { role: 'zoomIn', label: t('shell.menu.zoomIn') },
        { role: 'zoomOut', label: t('shell.menu.zoomOut') },
        { type: 'separator' },
        { role: 'togglefullscreen', label: t('shell.menu.fullScreen') },
        ...(actions.developing ? ([{ type: 'separator' }, { role: 'reload', label: t('shell.menu.reload') }, { role: 'toggleDevTools', label: t('shell.menu.devTools') }] as MenuItemConstructorOptions[]) : []),
      ],
    },
    {
      label: t('shell.menu.help'),
      submenu: [
        { label: t('shell.menu.shortcuts'), accelerator: 'F1', click: () => actions.send('show-shortcuts') },
        ...(actions.isMac ? [] : ([{ type: 'separator' }, { label: t('shell.menu.about'), click: actions.about }] as MenuItemConstructorOptions[])),
      ],
    },
  );
  return template;
}
