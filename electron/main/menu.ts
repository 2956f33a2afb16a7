/*
 * The application menu. Items that act in the page (import, preview, switching screens)
 * send a MenuCommand to it, so the menu and the page's own buttons do the same thing.
 * Features the classroom policy turns off are shown disabled rather than hidden, so a
 * learner can see that they exist and why they cannot use them (the page explains).
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { ClassroomPolicy } from '../../core/api.ts';
import type { MenuCommand } from '../channels.ts';

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
      label: 'Pagewalk',
      submenu: [{ label: 'About Pagewalk', click: actions.about }, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' }],
    });
  }
  template.push(
    {
      label: '&File',
      submenu: [
        { label: 'Import Lesson Pack…', accelerator: 'CmdOrCtrl+O', enabled: policy.allowImport, click: () => actions.send('import-pack') },
        { label: 'Preview Pack Folder…', accelerator: 'CmdOrCtrl+Shift+O', enabled: policy.allowAuthorPreview, click: () => actions.send('open-preview') },
        { type: 'separator' },
        actions.isMac ? { role: 'close' } : { role: 'quit', accelerator: 'CmdOrCtrl+Q' },
      ],
    },
    {
      label: '&Edit',
      submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
    },
    {
      label: '&View',
      submenu: [
        go('Library', 'go-library', '1'),
        go('Sandbox', 'go-sandbox', '2', policy.allowSandbox),
        go('Progress', 'go-progress', '3'),
        go('Settings', 'go-settings', ','),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(actions.developing ? ([{ type: 'separator' }, { role: 'reload' }, { role: 'toggleDevTools' }] as MenuItemConstructorOptions[]) : []),
      ],
    },
    {
      label: '&Help',
      submenu: [
        { label: 'Keyboard Shortcuts', accelerator: 'F1', click: () => actions.send('show-shortcuts') },
        ...(actions.isMac ? [] : ([{ type: 'separator' }, { label: 'About Pagewalk', click: actions.about }] as MenuItemConstructorOptions[])),
      ],
    },
  );
  return template;
}
